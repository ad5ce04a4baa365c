package com.headlessanalytics.console.ui.funnels;

import com.headlessanalytics.console.ui.common.Command;
import com.headlessanalytics.console.ui.common.DialogService;
import com.headlessanalytics.console.ui.common.ErrorText;
import com.headlessanalytics.console.ui.common.QueryLifecycle;
import com.headlessanalytics.console.ui.common.TaskRunner;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The saved funnels ({@link SavedFunnelStore}): the list, opening one into the builder, saving the
 * builder's funnel under its name or a new one (asking before replacing another), and deleting one
 * after asking. Problems that keep a funnel from being saved show in the screen's error banner.
 */
public final class FunnelLibrary {
    static final int MAX_NAME = 100;

    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final SavedFunnelStore store;
    private final QueryLifecycle screen;
    private final Function<String, SavedFunnel> draft;
    private final Consumer<SavedFunnel> opener;

    private final ObservableList<SavedFunnel> saved = FXCollections.observableArrayList();
    private final ObjectProperty<SavedFunnel> selected = new SimpleObjectProperty<>();
    private final StringProperty savedName = new SimpleStringProperty("");
    private final Command open;
    private final Command save;
    private final Command saveAs;
    private final Command delete;

    /**
     * @param screen where problems show
     * @param draft  the builder's funnel under a name, or null after the builder showed what is wrong
     * @param opener puts a saved funnel in the builder and runs it
     */
    FunnelLibrary(TaskRunner tasks, DialogService dialogs, SavedFunnelStore store, QueryLifecycle screen,
                  Function<String, SavedFunnel> draft, Consumer<SavedFunnel> opener) {
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.store = store;
        this.screen = screen;
        this.draft = draft;
        this.opener = opener;
        open = new Command(() -> open(selected.get()), selected.isNotNull());
        delete = new Command(() -> delete(selected.get()), selected.isNotNull());
        save = new Command(() -> save(savedName.get(), false), savedName.isNotEmpty());
        saveAs = new Command(this::askAndSave);
    }

    /** Reads the saved funnels. */
    public void load() {
        tasks.submit("Reading saved funnels", p -> store.list(), saved::setAll,
                failure -> screen.fail("The saved funnels could not be read: " + ErrorText.describe(failure)));
    }

    private void askAndSave() {
        dialogs.askText("Save funnel", "Save this funnel's steps, mode, window, range and breakdown as",
                savedName.get()).ifPresent(this::saveAs);
    }

    /** Saves the builder's funnel under the name, asking before replacing another of that name. */
    public void saveAs(String name) {
        save(name, true);
    }

    private void save(String name, boolean askToReplace) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > MAX_NAME) {
            screen.fail("Give the funnel a name of 1-100 characters to save it.");
            return;
        }
        SavedFunnel f = draft.apply(n);
        if (f == null) {
            return;
        }
        if (askToReplace && saved.stream().anyMatch(s -> s.name().equals(n)) && !dialogs.confirm(
                "Replace the funnel " + n + "?", "A saved funnel is already called \"" + n
                        + "\". Saving replaces it.", "Replace")) {
            return;
        }
        tasks.submit("Saving funnel " + n, p -> {
            store.save(f);
            return store.list();
        }, list -> {
            saved.setAll(list);
            savedName.set(n);
            dialogs.notify("Saved funnel " + n);
        }, failure -> dialogs.showError("The funnel " + n + " could not be saved", failure));
    }

    /** Puts a saved funnel in the builder and runs it. */
    public void open(SavedFunnel f) {
        if (f == null) {
            return;
        }
        savedName.set(f.name());
        opener.accept(f);
    }

    /** Forgets a saved funnel after asking; the builder keeps its steps. */
    public void delete(SavedFunnel f) {
        if (f == null || !dialogs.confirm("Delete the funnel " + f.name() + "?",
                "The saved funnel \"" + f.name() + "\" is removed from this computer.", "Delete")) {
            return;
        }
        tasks.submit("Deleting funnel " + f.name(), p -> {
            store.delete(f.name());
            return store.list();
        }, list -> {
            saved.setAll(list);
            if (f.name().equals(savedName.get())) {
                savedName.set("");
            }
            dialogs.notify("Deleted funnel " + f.name());
        }, failure -> dialogs.showError("The funnel " + f.name() + " could not be deleted", failure));
    }

    public ObservableList<SavedFunnel> saved() {
        return saved;
    }

    /** The saved funnel picked in the list, for Open and Delete. */
    public ObjectProperty<SavedFunnel> selectedProperty() {
        return selected;
    }

    /** The name the shown funnel was opened or saved under; empty for a new one. */
    public StringProperty savedNameProperty() {
        return savedName;
    }

    /** Opens the picked funnel; only while one is picked. */
    public Command openCommand() {
        return open;
    }

    /** Saves the builder's funnel under the name it was opened or saved with; only when it has one. */
    public Command saveCommand() {
        return save;
    }

    /** Asks for a name and saves the builder's funnel under it. */
    public Command saveAsCommand() {
        return saveAs;
    }

    /** Deletes the picked funnel after asking; only while one is picked. */
    public Command deleteCommand() {
        return delete;
    }
}
