package com.headlessanalytics.console.ui.common;

import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.collections.ObservableList;

/**
 * The one way screens run background work: the work runs off the FX thread, its result or failure
 * is handed back on the FX thread, and every running task is listed for the status bar.
 */
public interface TaskRunner {

    /** Work that may report progress and should stop when cancelled. */
    @FunctionalInterface
    interface Work<T> {
        T run(Progress progress) throws Exception;
    }

    /** Given to running work. */
    interface Progress {
        /** fraction in [0, 1], or negative when unknown. */
        void update(double fraction, String message);

        boolean cancelled();
    }

    /** A submitted task, for cancelling it. */
    interface Handle {
        void cancel();
    }

    <T> Handle submit(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /** True while any task runs. */
    ReadOnlyBooleanProperty busyProperty();

    /** The running tasks, newest last; changed on the FX thread only. */
    ObservableList<RunningTask> running();
}
