package com.headlessanalytics.console.ui.common;

import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Runs each task at once on the calling thread, so ViewModel tests need no toolkit and no waiting. */
public final class DirectTaskRunner implements TaskRunner {
    private final ObservableList<RunningTask> running = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    public int submitted;

    @Override
    public <T> Handle submit(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        submitted++;
        T result;
        try {
            result = work.run(new Progress() {
                @Override
                public void update(double fraction, String message) {
                }

                @Override
                public boolean cancelled() {
                    return false;
                }
            });
        } catch (Throwable t) {
            onFailure.accept(t);
            return () -> { };
        }
        onSuccess.accept(result);
        return () -> { };
    }

    @Override
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    @Override
    public ObservableList<RunningTask> running() {
        return running;
    }
}
