package com.headlessanalytics.console.ui.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task runner of the running app: one virtual thread per task; results, failures and progress
 * are handed to the FX thread through {@code fxThread} (Platform::runLater in the app), progress
 * coalesced so a chatty task cannot flood the FX thread. Cancelling is cooperative (work checks
 * {@link Progress#cancelled()}): threads are never interrupted.
 */
public final class FxTaskRunner implements TaskRunner, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FxTaskRunner.class);

    private final Consumer<Runnable> fxThread;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("ha-task-", 0).factory());
    private final ObservableList<RunningTask> running = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();

    public FxTaskRunner(Consumer<Runnable> fxThread) {
        this.fxThread = fxThread;
        busy.bind(Bindings.isNotEmpty(running));
    }

    @Override
    public <T> Handle submit(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        AtomicBoolean cancelled = new AtomicBoolean();
        RunningTask task = new RunningTask(title, () -> cancelled.set(true));
        AtomicReference<double[]> pendingFraction = new AtomicReference<>();
        AtomicReference<String> pendingMessage = new AtomicReference<>();
        Progress progress = new Progress() {
            @Override
            public void update(double fraction, String message) {
                pendingMessage.set(message);
                if (pendingFraction.getAndSet(new double[] {fraction}) == null) {
                    fxThread.accept(() -> task.update(pendingFraction.getAndSet(null)[0], pendingMessage.get()));
                }
            }

            @Override
            public boolean cancelled() {
                return cancelled.get();
            }
        };
        fxThread.accept(() -> running.add(task));
        try {
            executor.submit(() -> run(title, work, progress, onSuccess, onFailure, task, cancelled));
        } catch (RejectedExecutionException closed) {
            fxThread.accept(() -> running.remove(task));
            throw new IllegalStateException("The task runner is closed; '" + title + "' was not started", closed);
        }
        return task;
    }

    private <T> void run(String title, Work<T> work, Progress progress, Consumer<T> onSuccess,
                         Consumer<Throwable> onFailure, RunningTask task, AtomicBoolean cancelled) {
        try {
            T result = work.run(progress);
            fxThread.accept(() -> {
                running.remove(task);
                if (!cancelled.get()) {
                    onSuccess.accept(result);
                }
            });
        } catch (Throwable t) {
            if (!cancelled.get()) {
                LOG.debug("Task '{}' failed", title, t);
            }
            fxThread.accept(() -> {
                running.remove(task);
                if (!cancelled.get()) {
                    onFailure.accept(t);
                }
            });
        }
    }

    @Override
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    @Override
    public ObservableList<RunningTask> running() {
        return running;
    }

    /** Lets running tasks finish; nothing is interrupted, since an interrupt inside H2's file I/O closes the file. */
    @Override
    public void close() {
        executor.shutdown();
    }
}
