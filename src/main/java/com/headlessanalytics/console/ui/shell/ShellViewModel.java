package com.headlessanalytics.console.ui.shell;

import com.headlessanalytics.console.ui.common.Activatable;
import com.headlessanalytics.console.ui.common.Command;
import com.headlessanalytics.console.ui.common.RunningTask;
import com.headlessanalytics.console.ui.common.TaskRunner;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableIntegerValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The window's frame: which area is shown, which areas can be opened (those with a screen; the others
 * are greyed out as not available yet) and their Ctrl+1…9 shortcuts, what the app is connected to,
 * serve-mode state, notices, and the background work the status bar shows; a count badge on a
 * sidebar entry (e.g. the decisions awaiting approval) and desktop notifications. Switching area
 * deactivates the old screen and activates the new.
 */
public final class ShellViewModel {
    private static final int SHORTCUTS = 9;
    /** Above this a badge says "99+". */
    static final int MAX_BADGE = 99;

    /** A desktop notification: its title and text, and what clicking it opens. */
    public record DesktopNotice(String title, String text, Runnable open) {
    }

    private final Map<Area, Activatable> screens;
    private final Map<Area, Command> commands = new EnumMap<>(Area.class);
    private final Map<Area, Integer> shortcuts = new EnumMap<>(Area.class);
    private final TaskRunner tasks;
    private final ReadOnlyObjectWrapper<Area> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper connection = new ReadOnlyStringWrapper("Not connected");
    private final ReadOnlyStringWrapper serveState = new ReadOnlyStringWrapper("Serve mode off");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper taskTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper taskProgress = new ReadOnlyDoubleWrapper(0);
    private final Map<Area, ReadOnlyStringWrapper> badges = new EnumMap<>(Area.class);
    private final ReadOnlyObjectWrapper<DesktopNotice> desktopNotice = new ReadOnlyObjectWrapper<>();

    public ShellViewModel(Map<Area, ? extends Activatable> screens, TaskRunner tasks) {
        this.screens = new EnumMap<>(Area.class);
        this.screens.putAll(screens);
        this.tasks = tasks;
        for (Area area : Area.values()) {
            badges.put(area, new ReadOnlyStringWrapper(""));
            boolean available = canSelect(area);
            commands.put(area, new Command(() -> select(area), new ReadOnlyBooleanWrapper(available)));
            if (available && shortcuts.size() < SHORTCUTS) {
                shortcuts.put(area, shortcuts.size() + 1);
            }
        }
        ObservableList<RunningTask> running = tasks.running();
        running.addListener((ListChangeListener<RunningTask>) change -> showTasks(running));
        showTasks(running);
    }

    /** The status bar's work: the newest task's title (and how many more run) and its progress. */
    private void showTasks(ObservableList<RunningTask> running) {
        taskProgress.unbind();
        if (running.isEmpty()) {
            taskTitle.set("");
            taskProgress.set(0);
            return;
        }
        RunningTask last = running.get(running.size() - 1);
        taskTitle.set(last.title() + (running.size() > 1 ? "  (+" + (running.size() - 1) + " more)" : ""));
        taskProgress.bind(last.progressProperty());
    }

    public Set<Area> available() {
        return screens.keySet();
    }

    public boolean canSelect(Area area) {
        return screens.containsKey(area);
    }

    /** Opens {@code area}'s screen; not executable for areas this version has no screen for. */
    public Command open(Area area) {
        return commands.get(area);
    }

    /** The digit of the area's Ctrl shortcut (the first nine available areas), or 0 for none. */
    public int shortcut(Area area) {
        return shortcuts.getOrDefault(area, 0);
    }

    /** The sidebar entry's tooltip: its shortcut, or that it is not available yet. */
    public String tooltip(Area area) {
        if (!canSelect(area)) {
            return area.title() + " is not available in this version yet";
        }
        int key = shortcut(area);
        return key == 0 ? area.title() : area.title() + "  (Ctrl+" + key + ")";
    }

    public void select(Area area) {
        if (!canSelect(area) || area == selected.get()) {
            return;
        }
        Area previous = selected.get();
        if (previous != null) {
            screens.get(previous).deactivate();
        }
        selected.set(area);
        screens.get(area).activate();
    }

    /** Shows the current screen afresh, e.g. after the workspace changed. */
    public void reload() {
        Area current = selected.get();
        if (current != null) {
            screens.get(current).deactivate();
            screens.get(current).activate();
        }
    }

    public ReadOnlyObjectProperty<Area> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty serveStateProperty() {
        return serveState.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** Whether background work runs: the status bar then shows its title and progress. */
    public ReadOnlyBooleanProperty busyProperty() {
        return tasks.busyProperty();
    }

    public ReadOnlyStringProperty taskTitleProperty() {
        return taskTitle.getReadOnlyProperty();
    }

    /** The newest task's progress in [0, 1], negative while unknown. */
    public ReadOnlyDoubleProperty taskProgressProperty() {
        return taskProgress.getReadOnlyProperty();
    }

    /** The sidebar entry's badge follows {@code count}: empty at 0, "99+" above 99. */
    public void showBadge(Area area, ObservableIntegerValue count) {
        badges.get(area).bind(Bindings.createStringBinding(() -> badgeText(count.get()), count));
    }

    static String badgeText(int count) {
        return count <= 0 ? "" : count > MAX_BADGE ? MAX_BADGE + "+" : Integer.toString(count);
    }

    /** The sidebar entry's badge: a count, or empty for none. */
    public ReadOnlyStringProperty badgeProperty(Area area) {
        return badges.get(area).getReadOnlyProperty();
    }

    /** Shows a desktop notification (the View pops it up). */
    public void notifyDesktop(DesktopNotice notice) {
        desktopNotice.set(notice);
    }

    /** The latest desktop notification; null before the first. */
    public ReadOnlyObjectProperty<DesktopNotice> desktopNoticeProperty() {
        return desktopNotice.getReadOnlyProperty();
    }

    public void connectedTo(String description) {
        connection.set(description);
    }

    public void serveStateChanged(String description) {
        serveState.set(description);
    }

    public void notice(String message) {
        notice.set(message);
    }
}
