package com.headlessanalytics.console.ui.common;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** A task as the status bar shows it: its title, progress (negative = unknown) and last message. */
public final class RunningTask implements TaskRunner.Handle {
    private final String title;
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final Runnable cancel;

    RunningTask(String title, Runnable cancel) {
        this.title = title;
        this.cancel = cancel;
    }

    public String title() {
        return title;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    @Override
    public void cancel() {
        cancel.run();
    }

    void update(double fraction, String text) {
        progress.set(fraction);
        message.set(text == null ? "" : text);
    }
}
