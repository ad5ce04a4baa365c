package com.headlessanalytics.console.ui.shell;

import com.headlessanalytics.console.ui.common.Activatable;
import com.headlessanalytics.console.ui.common.TaskRunner;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The window's frame: which area is shown, what the app is connected to, serve-mode state,
 * notices and background work. Switching area deactivates the old screen and activates the new.
 */
public final class ShellViewModel {
    private final Map<Area, Activatable> screens;
    private final TaskRunner tasks;
    private final ReadOnlyObjectWrapper<Area> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper connection = new ReadOnlyStringWrapper("Not connected");
    private final ReadOnlyStringWrapper serveState = new ReadOnlyStringWrapper("Serve mode off");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");

    public ShellViewModel(Map<Area, ? extends Activatable> screens, TaskRunner tasks) {
        this.screens = new EnumMap<>(Area.class);
        this.screens.putAll(screens);
        this.tasks = tasks;
    }

    public Set<Area> available() {
        return screens.keySet();
    }

    public boolean canSelect(Area area) {
        return screens.containsKey(area);
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

    public TaskRunner tasks() {
        return tasks;
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
