package com.headlessanalytics.console.ui.common;

import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * A screen's queries: the latest request wins. Starting a run cancels the one before; a result or
 * failure that arrives after a newer run started, or after {@link #cancel()}, is dropped, so a stale
 * answer is never shown. Exposes what the screen scaffold shows: running, status line (the task's
 * progress message while it reports one), progress, error text, and the notice of a feature the
 * server does not offer.
 */
public final class QueryLifecycle implements ScreenState {
    private final TaskRunner tasks;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
    private final String cancelledText;
    private Object current;
    private TaskRunner.Handle handle;

    public QueryLifecycle(TaskRunner tasks) {
        this(tasks, "Cancelled");
    }

    /** A lifecycle whose Cancel says {@code cancelledText}, e.g. that the previous answer stays shown. */
    public QueryLifecycle(TaskRunner tasks, String cancelledText) {
        this.tasks = tasks;
        this.cancelledText = cancelledText;
    }

    /** Runs {@code work}, replacing any run in flight; {@code show} gets the result if this run is still the latest. */
    public <R> void run(String title, String statusText, TaskRunner.Work<R> work, Consumer<R> show) {
        run(title, statusText, work, show, failure -> { });
    }

    /**
     * As {@link #run(String, String, TaskRunner.Work, Consumer)}; on failure the error text is set and
     * then {@code failed} runs (both only if this run is still the latest).
     */
    public <R> void run(String title, String statusText, TaskRunner.Work<R> work, Consumer<R> show,
                        Consumer<Throwable> failed) {
        if (handle != null) {
            handle.cancel();
        }
        Object token = new Object();
        current = token;
        running.set(true);
        error.set("");
        notice.set("");
        status.set(statusText);
        progress.set(-1);
        TaskRunner.Handle submitted = tasks.submit(title, work, result -> {
            if (token == current) {
                finished();
                show.accept(result);
            }
        }, failure -> {
            if (token == current) {
                finished();
                status.set("");
                show(failure);
                failed.accept(failure);
            }
        });
        if (token == current) {
            handle = submitted;
            if (submitted instanceof RunningTask task) {
                task.messageProperty().addListener((obs, old, message) -> {
                    if (token == current && !message.isEmpty()) {
                        status.set(message);
                    }
                });
                task.progressProperty().addListener((obs, old, fraction) -> {
                    if (token == current) {
                        progress.set(fraction.doubleValue());
                    }
                });
            }
        }
    }

    /** Stops the run in flight, if any; its answer will not be shown. */
    @Override
    public void cancel() {
        cancel(cancelledText);
    }

    /** Stops the run in flight, if any, and says {@code statusText}. */
    public void cancel(String statusText) {
        if (current == null) {
            return;
        }
        if (handle != null) {
            handle.cancel();
        }
        finished();
        status.set(statusText);
    }

    /** Drops the run in flight without a word: the screen was hidden or its inputs went away. */
    public void stop() {
        if (current != null) {
            cancel("");
        }
    }

    /** Shows a problem that kept a request from being sent (or that a side read met); runs go on. */
    public void fail(String message) {
        error.set(message == null ? "" : message);
    }

    /** Shows a side task's failure (e.g. reading suggestions), as readable text. */
    public void fail(Throwable failure) {
        show(failure);
    }

    public void clearError() {
        error.set("");
        notice.set("");
    }

    /** A feature the server does not offer is a notice with its sentence; anything else is an error. */
    private void show(Throwable failure) {
        if (ErrorText.notOffered(failure)) {
            notice.set(ErrorText.describe(failure));
        } else {
            error.set(ErrorText.describe(failure));
        }
    }

    /** The status line after a result is shown, e.g. what the figures cover. */
    public void status(String text) {
        status.set(text == null ? "" : text);
    }

    public boolean isRunning() {
        return running.get();
    }

    private void finished() {
        current = null;
        handle = null;
        running.set(false);
        progress.set(-1);
    }

    @Override
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** The run's progress in [0, 1], or negative while unknown or idle. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }
}
