package com.headlessanalytics.console.ui.common;

import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;

/**
 * A form's save: whether what was typed is valid, saving, saved, and the text under the form when
 * saving failed. Save can run while the form is valid and ready, not saving and not yet saved; a
 * change to any watched field clears the save error and checks the form again.
 */
public final class FormSave {
    private final TaskRunner tasks;
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper saved = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canSave = new ReadOnlyBooleanWrapper();

    public FormSave(TaskRunner tasks) {
        this(tasks, new ReadOnlyBooleanWrapper(true));
    }

    /** A save that also waits for {@code ready}, e.g. the choices the form offers having been read. */
    public FormSave(TaskRunner tasks, ObservableBooleanValue ready) {
        this.tasks = tasks;
        canSave.bind(valid.and(ready).and(saving.not()).and(saved.not()));
    }

    /** On every change of an input: the save error is cleared, then {@code validate} runs. */
    public void watch(Runnable validate, Observable... inputs) {
        for (Observable input : inputs) {
            input.addListener(o -> {
                error.set("");
                validate.run();
            });
        }
    }

    /**
     * Runs {@code work} if the form can be saved: on success it is saved and {@code done} gets the
     * result; on failure the text under the form becomes {@code describe}'s (which may put problems at
     * their fields first).
     */
    public <R> void save(String title, TaskRunner.Work<R> work, Consumer<R> done,
                         Function<Throwable, String> describe) {
        if (!canSave.get()) {
            return;
        }
        saving.set(true);
        error.set("");
        tasks.submit(title, work, result -> {
            saving.set(false);
            saved.set(true);
            done.accept(result);
        }, failure -> {
            saving.set(false);
            error.set(describe.apply(failure));
        });
    }

    public void valid(boolean ok) {
        valid.set(ok);
    }

    /** The text under the form, for the form's own checks to add to (a problem that belongs to no field). */
    public ReadOnlyStringWrapper error() {
        return error;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty savedProperty() {
        return saved.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canSaveProperty() {
        return canSave.getReadOnlyProperty();
    }
}
