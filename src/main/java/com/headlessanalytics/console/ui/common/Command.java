package com.headlessanalytics.console.ui.common;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.value.ObservableBooleanValue;

/**
 * Something a screen can do, with whether it can be done now: the ViewModel decides both, the View
 * binds a button to it ({@code ViewParts.bind}). Executing a command that is not executable does nothing.
 */
public final class Command {
    private final Runnable action;
    private final ReadOnlyBooleanWrapper executable = new ReadOnlyBooleanWrapper(true);

    /** A command that can always run. */
    public Command(Runnable action) {
        this.action = action;
    }

    /** A command that can run while {@code executable} is true. */
    public Command(Runnable action, ObservableBooleanValue executable) {
        this.action = action;
        this.executable.bind(executable);
    }

    public void execute() {
        if (executable.get()) {
            action.run();
        }
    }

    public boolean isExecutable() {
        return executable.get();
    }

    public ReadOnlyBooleanProperty executableProperty() {
        return executable.getReadOnlyProperty();
    }
}
