package com.headlessanalytics.console.app.bench;

import com.headlessanalytics.console.ui.common.FxTaskRunner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * How long the FX thread goes without a pulse while work runs through the console's task runner:
 * a shown window with a busy indicator (as a screen shows while it loads), an
 * {@link AnimationTimer} noting the time between pulses, and the work submitted to an
 * {@link FxTaskRunner} the way a ViewModel submits it. A frozen window is a long gap; a smooth
 * one stays near the frame time.
 */
final class FxPulseProbe implements AutoCloseable {
    static final long SLOW_GAP_NANOS = 100_000_000;

    private final FxTaskRunner tasks = new FxTaskRunner(Platform::runLater);
    private final AtomicLong lastPulse = new AtomicLong();
    private final AtomicLong longestGap = new AtomicLong();
    private final AtomicLong slowGaps = new AtomicLong();
    private final AtomicLong pulses = new AtomicLong();
    private final Label status = new Label("idle");
    private Stage stage;
    private AnimationTimer timer;

    /** The longest time between two pulses, and how many gaps were over 100 ms. */
    record Gaps(long longestNanos, long slow, long elapsedNanos) {
    }

    private FxPulseProbe() {
    }

    /**
     * Starts the JavaFX toolkit (if it is not running) and shows the probe's window.
     *
     * @throws IllegalStateException saying why when there is no display for the toolkit
     */
    static FxPulseProbe start() throws Exception {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyRunning) {
            // the toolkit runs already
        } catch (RuntimeException | UnsatisfiedLinkError noDisplay) {
            throw new IllegalStateException("the JavaFX toolkit did not start (" + noDisplay.getMessage()
                    + "); run under xvfb-run, or with -Dglass.platform=Monocle -Dmonocle.platform=Headless"
                    + " -Dprism.order=sw and Monocle on the classpath", noDisplay);
        }
        Platform.setImplicitExit(false);
        FxPulseProbe probe = new FxPulseProbe();
        onFx(probe::show);
        return probe;
    }

    private void show() {
        ProgressBar busy = new ProgressBar();
        busy.setMaxWidth(Double.MAX_VALUE);
        busy.visibleProperty().bind(tasks.busyProperty());
        VBox root = new VBox(12, status, busy);
        root.setPadding(new Insets(24));
        stage = new Stage();
        stage.setTitle("bench analytics: FX pulse probe");
        stage.setScene(new Scene(root, 640, 200));
        stage.show();
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulses.incrementAndGet();
                long previous = lastPulse.getAndSet(now);
                if (previous != 0) {
                    longestGap.accumulateAndGet(now - previous, Math::max);
                    if (now - previous > SLOW_GAP_NANOS) {
                        slowGaps.incrementAndGet();
                    }
                }
            }
        };
        timer.start();
    }

    /** The gaps while nothing runs, for comparison. */
    Gaps idle(long millis) throws Exception {
        reset();
        long start = System.nanoTime();
        Thread.sleep(millis);
        return new Gaps(longestGap.get(), slowGaps.get(), System.nanoTime() - start);
    }

    /**
     * Runs the work as one task on the task runner and returns the gaps while it ran, up to the
     * second pulse after its result reached the FX thread (so a stall at the hand-over counts).
     */
    <T> Gaps during(String title, Supplier<T> work) throws Exception {
        reset();
        CompletableFuture<T> done = new CompletableFuture<>();
        long start = System.nanoTime();
        onFx(() -> {
            status.setText(title);
            tasks.submit(title, progress -> work.get(), done::complete, done::completeExceptionally);
        });
        done.get(1, TimeUnit.HOURS);
        long elapsed = System.nanoTime() - start;
        long seen = pulses.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (pulses.get() < seen + 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        onFx(() -> status.setText("idle"));
        return new Gaps(longestGap.get(), slowGaps.get(), elapsed);
    }

    private void reset() throws Exception {
        onFx(() -> {
            lastPulse.set(0);
            longestGap.set(0);
            slowGaps.set(0);
        });
    }

    /** Closes the window and lets the task runner finish; the toolkit keeps running. */
    @Override
    public void close() throws ExecutionException, TimeoutException {
        try {
            onFx(() -> {
                timer.stop();
                stage.close();
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            tasks.close();
        }
    }

    /** Runs {@code action} on the FX thread and waits for it (30 s at most); its exception is rethrown wrapped. */
    static void onFx(Runnable action) throws InterruptedException, ExecutionException, TimeoutException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                action.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        done.get(30, TimeUnit.SECONDS);
    }
}
