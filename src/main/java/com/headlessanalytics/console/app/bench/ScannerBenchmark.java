package com.headlessanalytics.console.app.bench;

import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Trackables;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.hardware.scan.ScanJournal;
import com.headlessanalytics.console.hardware.scan.ScanThresholds;
import com.headlessanalytics.console.hardware.scan.StationSettings;
import com.headlessanalytics.console.ui.common.StationSettingsForm;
import com.headlessanalytics.console.ui.common.FxScheduler;
import com.headlessanalytics.console.ui.common.FxTaskRunner;
import com.headlessanalytics.console.ui.scanner.ScannerStationView;
import com.headlessanalytics.console.ui.scanner.ScannerStationViewModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import atlantafx.base.theme.PrimerLight;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.robot.Robot;
import javafx.stage.Stage;

/**
 * The scanner station under a sustained burst: the station's screen in a shown window over a
 * real engine, a settings field focused, and scans typed by the glass robot (the toolkit's own
 * keyboard input path) at 5 ms a key, {@code rate} scans a second for {@code seconds}; then the
 * same time with no scans as the baseline. Prints the scans lost (sent but not stored, or stored
 * twice), the characters that leaked into the focused field, and the longest FX pulse gap of
 * each run side by side. Needs a display (xvfb-run on a server) or Monocle.
 */
public final class ScannerBenchmark {
    private static final long SLOW_GAP_NANOS = 100_000_000;
    private static final int KEY_NANOS = 5_000_000;

    private final int seconds;
    private final int rate;
    private final PrintWriter out;
    private final AtomicLong lastPulse = new AtomicLong();
    private final AtomicLong longestGap = new AtomicLong();
    private final AtomicLong slowGaps = new AtomicLong();

    private final ScanThresholds thresholds;

    public ScannerBenchmark(int seconds, int rate, ScanThresholds thresholds, PrintWriter out) {
        this.seconds = seconds;
        this.rate = rate;
        this.thresholds = thresholds;
        this.out = out;
    }

    /** What one run measured: {@code lost} counts scans missing or stored twice (all when out of order). */
    record Run(String name, int sent, int stored, int lost, int leaked, long longestGapNanos, long slowGaps) {
    }

    public void run(Path folder) throws Exception {
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
        FxTaskRunner tasks = new FxTaskRunner(Platform::runLater);
        try (Engine engine = Engine.open(folder.resolve("data"))) {
            HeadlessApi api = engine.defaultWorkspace();
            List<String> codes = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                codes.add(api.createTrackable(new Trackables.NewTrackable("barcode", "Bin " + (i + 1), null, null,
                        false)).code());
            }
            ScanJournal journal = ScanJournal.open(folder.resolve("scanner/scan-journal.jsonl"));
            onFx(() -> {
                Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
                return null;
            });
            ScannerStationViewModel model = onFx(() -> new ScannerStationViewModel(() -> api, tasks,
                    new FxScheduler(), Platform::runLater, Clock.systemUTC(), ZoneOffset.UTC, journal,
                    new StationSettingsForm(new StationSettings("bench-station", thresholds, false, null), s -> { })));
            Stage stage = onFx(() -> show(model));
            Robot robot = onFx(Robot::new);
            onFx(() -> {
                TextField field = (TextField) stage.getScene().lookup("#scanner-station-name");
                field.requestFocus();
                return null;
            });
            out.printf("scanner station: %d scans/s of 8 characters + Enter at 5 ms a key, %d s; then %d s idle;"
                    + " thresholds: average %d ms, longest gap %d ms%n", rate, seconds, seconds,
                    thresholds.maxAverageGapMs(), thresholds.maxGapMs());
            out.flush();
            Run loaded = scans(engine, model, stage, robot, codes);
            Run idle = idle();
            report(loaded, idle);
            onFx(() -> {
                model.deactivate();
                stage.close();
                return null;
            });
            journal.close();
        } finally {
            tasks.close();
        }
    }

    private Stage show(ScannerStationViewModel model) {
        Stage stage = new Stage();
        stage.setTitle("bench scanner");
        Scene scene = new Scene(new ScannerStationView(model), 1280, 800);
        scene.getStylesheets().add(getClass().getResource("/com/headlessanalytics/console/ui/console.css")
                .toExternalForm());
        stage.setScene(scene);
        stage.show();
        model.activate();
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                long previous = lastPulse.getAndSet(now);
                if (previous != 0) {
                    longestGap.accumulateAndGet(now - previous, Math::max);
                    if (now - previous > SLOW_GAP_NANOS) {
                        slowGaps.incrementAndGet();
                    }
                }
            }
        }.start();
        return stage;
    }

    private Run scans(Engine engine, ScannerStationViewModel model, Stage stage, Robot robot, List<String> codes)
            throws Exception {
        reset();
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        int total = seconds * rate;
        List<String> sent = new ArrayList<>(total);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * period;
            waitUntil(due);
            String code = codes.get(i % codes.size());
            long next = System.nanoTime();
            for (char c : (code + "\n").toCharArray()) {
                KeyCode key = c == '\n' ? KeyCode.ENTER : KeyCode.getKeyCode(String.valueOf(c));
                Platform.runLater(() -> {
                    robot.keyPress(key);
                    robot.keyRelease(key);
                });
                next += KEY_NANOS;
                waitUntil(next);
            }
            sent.add(code);
        }
        long gap = longestGap.get();
        long slow = slowGaps.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && !onFx(() -> model.queuedProperty().get() == 0 && !model.sending()
                && model.scansTakenProperty().get() >= total)) {
            Thread.sleep(50);
        }
        Thread.sleep(500);
        List<Object> stored = new ArrayList<>();
        EventQuery query = EventQuery.all().withLimit(1000);
        while (query != null) {
            var page = engine.defaultWorkspace().events(query);
            page.events().forEach(e -> stored.add(e.trackable().get("code")));
            query = page.nextCursor() == null ? null : query.withCursor(page.nextCursor());
        }
        String field = onFx(() -> ((TextField) stage.getScene().lookup("#scanner-station-name")).getText());
        int leaked = field.equals("bench-station") ? 0 : Math.max(1, Math.abs(field.length() - "bench-station".length()));
        int lost = Math.max(0, total - stored.size()) + Math.max(0, stored.size() - total);
        if (lost == 0 && !stored.equals(sent)) {
            out.println("stored in a different order than scanned");
            lost = total;
        }
        return new Run(rate + " scans/s", total, stored.size(), lost, leaked, gap, slow);
    }

    private Run idle() throws Exception {
        reset();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        return new Run("no scans", 0, 0, 0, 0, longestGap.get(), slowGaps.get());
    }

    private void report(Run loaded, Run idle) {
        out.printf("%-12s %6s %7s %5s %7s %14s %10s%n", "run", "sent", "stored", "lost", "leaked", "longest gap ms",
                "gaps>100ms");
        for (Run r : List.of(loaded, idle)) {
            out.printf("%-12s %6d %7d %5d %7d %14.1f %10d%n", r.name(), r.sent(), r.stored(), r.lost(), r.leaked(),
                    r.longestGapNanos() / 1e6, r.slowGaps());
        }
        out.printf("longest FX pulse gap under scans / idle: %.2f%n",
                idle.longestGapNanos() == 0 ? 0.0 : (double) loaded.longestGapNanos() / idle.longestGapNanos());
        out.flush();
    }

    private void reset() throws Exception {
        onFx(() -> {
            lastPulse.set(0);
            longestGap.set(0);
            slowGaps.set(0);
            return null;
        });
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                done.complete(work.call());
            } catch (Exception e) {
                done.completeExceptionally(e);
            }
        });
        return done.get(30, TimeUnit.SECONDS);
    }

    /** Parks until {@code deadline} (System.nanoTime): no spinning, which would starve the FX thread of a core. */
    static void waitUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(left);
        }
    }
}
