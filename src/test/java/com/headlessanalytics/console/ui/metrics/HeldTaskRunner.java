package com.headlessanalytics.console.ui.metrics;

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
 * Holds submitted work until the test runs it, on the test's thread, so a test can order answers
 * or cancel first. Like the app's runner, a cancelled task hands back neither result nor failure.
 */
public final class HeldTaskRunner implements TaskRunner {
    public final List<String> titles = new ArrayList<>();
    private final Deque<Runnable> queue = new ArrayDeque<>();
    private final ObservableList<RunningTask> running = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();

    @Override
    public <T> Handle submit(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        titles.add(title);
        AtomicBoolean cancelled = new AtomicBoolean();
        Progress progress = new Progress() {
            @Override
            public void update(double fraction, String message) {
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

    /** Runs the oldest held task. */
    public void runNext() {
        queue.poll().run();
    }

    /** Runs the newest held task first. */
    public void runLast() {
        queue.pollLast().run();
    }

    public void runAll() {
        while (!queue.isEmpty()) {
            queue.poll().run();
        }
    }

    public int held() {
        return queue.size();
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
