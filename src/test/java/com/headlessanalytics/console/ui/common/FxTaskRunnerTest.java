package com.headlessanalytics.console.ui.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The app's task runner with the test thread as its FX thread: what the runner hands over waits in
 * a queue until the test runs it, so the tests see exactly what reaches the FX thread, and when.
 */
class FxTaskRunnerTest {
    private static final long TIMEOUT_SECONDS = 10;

    /** The "FX thread": a queue the test drains on its own thread. */
    private final FxQueue fx = new FxQueue();
    private final FxTaskRunner runner = new FxTaskRunner(fx);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        runner.close();
    }

    @Test
    void progressIsCoalescedToOnePendingCallbackAndTheLastMessageWins() throws Exception {
        CountDownLatch reported = new CountDownLatch(1);
        CountDownLatch reportedAgain = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        runner.submit("chatty", p -> {
            for (int i = 1; i <= 1000; i++) {
                p.update(i / 1000.0, "step " + i);
            }
            reported.countDown();
            await(goOn);
            p.update(-1, "after the first callback");
            reportedAgain.countDown();
            await(release);
            return "done";
        }, result -> { }, failure -> fail("unexpected", failure));
        assertThat(reported.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();

        assertThat(fx.size()).as("the task's listing and one progress callback for 1000 updates").isEqualTo(2);
        fx.runAll();
        RunningTask task = runner.running().get(0);
        assertThat(task.progressProperty().get()).isEqualTo(1.0);
        assertThat(task.messageProperty().get()).isEqualTo("step 1000");

        goOn.countDown();
        assertThat(reportedAgain.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(fx.size()).as("an update after the callback ran schedules a new one").isEqualTo(1);
        fx.runAll();
        assertThat(task.progressProperty().get()).isEqualTo(-1.0);
        assertThat(task.messageProperty().get()).isEqualTo("after the first callback");
    }

    @Test
    void progressNeverRunsOffTheFxThread() throws Exception {
        CountDownLatch reported = new CountDownLatch(1);
        runner.submit("quiet", p -> {
            p.update(0.5, "half");
            reported.countDown();
            await(release);
            return null;
        }, result -> { }, failure -> { });
        assertThat(reported.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        fx.runNext();
        RunningTask task = runner.running().get(0);
        assertThat(task.messageProperty().get()).as("not yet: the FX thread has not run it").isEmpty();
        fx.runAll();
        assertThat(task.messageProperty().get()).isEqualTo("half");
    }

    @Test
    void aCancelledTaskReportsNeitherSuccessNorFailure() throws Exception {
        List<Object> delivered = new ArrayList<>();
        AtomicBoolean sawCancel = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(2);
        TaskRunner.Handle succeeding = runner.submit("succeeds", p -> {
            started.countDown();
            await(release);
            sawCancel.set(p.cancelled());
            return "result";
        }, delivered::add, delivered::add);
        TaskRunner.Handle failing = runner.submit("fails", p -> {
            started.countDown();
            await(release);
            throw new IllegalStateException("boom");
        }, delivered::add, delivered::add);
        assertThat(started.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        fx.runAll();
        assertThat(runner.running()).hasSize(2);

        succeeding.cancel();
        failing.cancel();
        release.countDown();
        fx.runUntil(() -> runner.running().isEmpty());

        assertThat(sawCancel).as("the work is told it was cancelled").isTrue();
        assertThat(delivered).as("nothing delivered after cancel").isEmpty();
        assertThat(runner.busyProperty().get()).isFalse();
    }

    @Test
    void aFailureIsHandedToOnFailureOnTheFxThread() throws Exception {
        List<Throwable> failures = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        IllegalStateException boom = new IllegalStateException("boom");
        runner.submit("fails", p -> {
            throw boom;
        }, result -> fail("no success expected"), failure -> {
            failures.add(failure);
            threads.add(Thread.currentThread());
        });
        fx.waitForQueued(2);
        assertThat(failures).as("nothing before the FX thread runs").isEmpty();

        fx.runAll();
        assertThat(failures).containsExactly(boom);
        assertThat(threads).containsExactly(Thread.currentThread());
        assertThat(runner.running()).isEmpty();
    }

    @Test
    void runningTasksAreListedAndBusyWhileTheyRun() throws Exception {
        List<String> results = new ArrayList<>();
        List<Boolean> busyChanges = new ArrayList<>();
        runner.busyProperty().addListener((obs, old, busy) -> busyChanges.add(busy));
        runner.submit("first", p -> {
            await(release);
            return "one";
        }, results::add, failure -> fail("unexpected", failure));
        runner.submit("second", p -> "two", results::add, failure -> fail("unexpected", failure));
        assertThat(runner.running()).as("listed on the FX thread, not by submit").isEmpty();
        assertThat(runner.busyProperty().get()).isFalse();

        fx.runUntil(() -> results.contains("two"));
        assertThat(runner.running()).extracting(RunningTask::title).containsExactly("first");
        assertThat(runner.busyProperty().get()).isTrue();

        release.countDown();
        fx.runUntil(() -> runner.running().isEmpty());
        assertThat(results).containsExactly("two", "one");
        assertThat(runner.busyProperty().get()).isFalse();
        assertThat(busyChanges).containsExactly(true, false);
    }

    @Test
    void closingLetsRunningTasksFinish() throws Exception {
        List<String> results = new ArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        runner.submit("long", p -> {
            started.countDown();
            await(release);
            return "finished";
        }, results::add, failure -> fail("unexpected", failure));
        assertThat(started.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        runner.close();
        release.countDown();
        fx.runUntil(() -> !results.isEmpty());
        assertThat(results).containsExactly("finished");
    }

    @Test
    void aTaskSubmittedAfterCloseIsRefusedAndNotListed() {
        runner.close();
        assertThatThrownBy(() -> runner.submit("late", p -> "x", r -> { }, f -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        fx.runAll();
        assertThat(runner.running()).isEmpty();
        assertThat(runner.busyProperty().get()).isFalse();
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never released the work");
        }
    }

    /** Stands in for Platform::runLater; only the test thread runs what is queued. */
    private static final class FxQueue implements Consumer<Runnable> {
        private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();

        @Override
        public void accept(Runnable runnable) {
            queue.add(runnable);
        }

        int size() {
            return queue.size();
        }

        void runNext() throws InterruptedException {
            Runnable next = queue.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (next == null) {
                fail("nothing was handed to the FX thread");
            }
            next.run();
        }

        void runAll() {
            Runnable next;
            while ((next = queue.poll()) != null) {
                next.run();
            }
        }

        void runUntil(BooleanSupplier done) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (!done.getAsBoolean()) {
                Runnable next = queue.poll(50, TimeUnit.MILLISECONDS);
                if (next != null) {
                    next.run();
                }
                if (System.nanoTime() > deadline) {
                    fail("not done after " + TIMEOUT_SECONDS + " s");
                }
            }
        }

        void waitForQueued(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (queue.size() < count) {
                if (System.nanoTime() > deadline) {
                    fail("only " + queue.size() + " of " + count + " callbacks were handed over");
                }
                Thread.sleep(5);
            }
        }
    }
}
