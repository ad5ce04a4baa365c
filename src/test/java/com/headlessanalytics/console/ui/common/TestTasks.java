package com.headlessanalytics.console.ui.common;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The one task runner of the ViewModel tests, on the test's thread (which plays the FX thread).
 * {@link #direct()} runs each task at once; {@link #held()} keeps tasks until the test runs them,
 * so a test can order answers or cancel first. Like the app's runner, a cancelled task hands back
 * neither result nor failure; every title and progress update is recorded.
 */
public final class TestTasks implements TaskRunner {
    /** One progress update as the work reported it. */
    public record Update(double fraction, String message) {
    }

    public final List<String> titles = new ArrayList<>();
    public final List<Update> updates = new ArrayList<>();
    /** Called with each update as it is reported, e.g. to cancel part-way. */
    public Consumer<Update> onUpdate = u -> { };
    public int submitted;
    private final boolean hold;
    private final Deque<Runnable> queue = new ArrayDeque<>();
    private final ObservableList<RunningTask> running = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();

    private TestTasks(boolean hold) {
        this.hold = hold;
        busy.bind(Bindings.isNotEmpty(running));
    }

    /** Runs each task as it is submitted. */
    public static TestTasks direct() {
        return new TestTasks(false);
    }

    /** Holds each task until {@link #runNext()}, {@link #runLast()} or {@link #runAll()}. */
    public static TestTasks held() {
        return new TestTasks(true);
    }

    @Override
    public <T> Handle submit(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        submitted++;
        titles.add(title);
        AtomicBoolean cancelled = new AtomicBoolean();
        RunningTask task = new RunningTask(title, () -> cancelled.set(true));
        Progress progress = new Progress() {
            @Override
            public void update(double fraction, String message) {
                Update u = new Update(fraction, message);
                updates.add(u);
                task.update(fraction, message);
                onUpdate.accept(u);
            }

            @Override
            public boolean cancelled() {
                return cancelled.get();
            }
        };
        running.add(task);
        Runnable run = () -> {
            T result;
            try {
                result = work.run(progress);
            } catch (Throwable t) {
                running.remove(task);
                if (!cancelled.get()) {
                    onFailure.accept(t);
                }
                return;
            }
            running.remove(task);
            if (!cancelled.get()) {
                onSuccess.accept(result);
            }
        };
        if (hold) {
            queue.add(run);
        } else {
            run.run();
        }
        return task;
    }

    /** Runs the oldest held task. */
    public void runNext() {
        queue.poll().run();
    }

    /** Runs the newest held task first. */
    public void runLast() {
        queue.pollLast().run();
    }

    /** Runs held tasks, oldest first, including those they submit, until none is left. */
    public void runAll() {
        while (!queue.isEmpty()) {
            queue.poll().run();
        }
    }

    /** How many tasks are held. */
    public int pending() {
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
