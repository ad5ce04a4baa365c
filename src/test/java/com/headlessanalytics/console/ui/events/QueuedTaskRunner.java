package com.headlessanalytics.console.ui.events;

import com.headlessanalytics.console.ui.common.RunningTask;
import com.headlessanalytics.console.ui.common.TaskRunner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Holds submitted work until the test runs it with {@link #runAll()}, on the test's thread, and
 * records every progress update. Like the app's runner, a cancelled task hands back neither its
 * result nor its failure.
 */
final class QueuedTaskRunner implements TaskRunner {
    record Update(double fraction, String message) {
    }

    final List<Update> updates = new ArrayList<>();
    /** Called with each update as it is reported, e.g. to cancel part-way. */
    Consumer<Update> onUpdate = u -> { };
    private final Deque<Runnable> queue = new ArrayDeque<>();
    private final ObservableList<RunningTask> running = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();

    @Override
    public <T> Handle submit(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        AtomicBoolean cancelled = new AtomicBoolean();
        Progress progress = new Progress() {
            @Override
            public void update(double fraction, String message) {
                Update u = new Update(fraction, message);
                updates.add(u);
                onUpdate.accept(u);
            }

            @Override
            public boolean cancelled() {
                return cancelled.get();
            }
        };
        queue.add(() -> {
            T result;
            try {
                result = work.run(progress);
            } catch (Throwable t) {
                if (!cancelled.get()) {
                    onFailure.accept(t);
                }
                return;
            }
            if (!cancelled.get()) {
                onSuccess.accept(result);
            }
        });
        return () -> cancelled.set(true);
    }

    void runAll() {
        while (!queue.isEmpty()) {
            queue.poll().run();
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
}
