package com.headlessanalytics.console.app.bench;

import atlantafx.base.theme.PrimerLight;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.domain.demo.DemoGenerator;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.ui.common.DialogService;
import com.headlessanalytics.console.ui.common.FxClipboard;
import com.headlessanalytics.console.ui.common.FxScheduler;
import com.headlessanalytics.console.ui.common.FxTaskRunner;
import com.headlessanalytics.console.ui.common.UnattendedDialogs;
import com.headlessanalytics.console.ui.events.EventsView;
import com.headlessanalytics.console.ui.events.EventsViewModel;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

/**
 * The Events screen on a large workspace, in a shown window: pages deep into the table the way
 * scrolling does, then exports every event to CSV, and prints how long the FX thread ever went
 * without a pulse (a frozen window is a long gap). Needs a display (use xvfb-run on a server).
 */
public final class EventsScreenBenchmark {
    private static final long SLOW_GAP_NANOS = 100_000_000;

    private final long events;
    private final int pages;
    private final PrintWriter out;

    public EventsScreenBenchmark(long events, int pages, PrintWriter out) {
        this.events = events;
        this.pages = pages;
        this.out = out;
    }

    public void run(Path folder) throws Exception {
        try (Engine engine = Engine.open(folder)) {
            if (engine.defaultWorkspace().events(EventQuery.all().withLimit(1)).events().isEmpty()) {
                long start = System.nanoTime();
                DemoGenerator.builder(System.currentTimeMillis()).events(events).seed(11).build()
                        .forEachBatch(1000, engine.defaultWorkspace()::ingest);
                out.printf("generated %,d demo events in %.1f s%n", events, (System.nanoTime() - start) / 1e9);
                out.flush();
            }
            measure(engine, folder);
        }
    }

    private void measure(Engine engine, Path folder) throws Exception {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyRunning) {
            // the toolkit runs already
        }
        Platform.setImplicitExit(false);
        FxTaskRunner tasks = new FxTaskRunner(Platform::runLater);
        AtomicLong lastPulse = new AtomicLong();
        AtomicLong longestGap = new AtomicLong();
        AtomicLong slowGaps = new AtomicLong();
        DialogService quiet = new UnattendedDialogs(out::println);
        EventsViewModel model = new EventsViewModel(engine::defaultWorkspace, tasks, new FxScheduler(),
                java.time.Clock.systemUTC(), ZoneOffset.UTC, quiet, new FxClipboard());
        EventsView[] view = new EventsView[1];
        AnimationTimer pulses = new AnimationTimer() {
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
        };
        FxPulseProbe.onFx(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            view[0] = new EventsView(model);
            Stage stage = new Stage();
            stage.setScene(new Scene(view[0], 1280, 800));
            stage.show();
            model.liveProperty().set(false);
            model.activate();
            pulses.start();
        });
        waitFor(() -> model.rows().size() >= 200, 60);
        @SuppressWarnings("unchecked")
        TableView<EventsViewModel.Row> table = (TableView<EventsViewModel.Row>) view[0].lookup(".table-view");
        longestGap.set(0);
        long scrollStart = System.nanoTime();
        int warmUp = Math.min(10, pages / 2);
        for (int p = 0; p < pages; p++) {
            if (p == warmUp) {
                out.printf("first %d pages: longest FX pulse gap %.0f ms, %d gaps over 100 ms%n", warmUp,
                        longestGap.getAndSet(0) / 1e6, slowGaps.getAndSet(0));
            }
            int target = model.rows().size() + 200;
            FxPulseProbe.onFx(() -> table.scrollTo(model.rows().size() - 1));
            waitFor(() -> model.rows().size() >= target || !model.hasMoreProperty().get(), 60);
        }
        double scrollSeconds = (System.nanoTime() - scrollStart) / 1e9;
        long scrollGap = longestGap.getAndSet(0);
        out.printf("scrolled %d pages: %,d rows loaded in %.1f s (%.0f ms a page); after the first pages: longest"
                        + " FX pulse gap %.0f ms, %d gaps over 100 ms%n", pages, model.rows().size(), scrollSeconds, scrollSeconds * 1000 / pages,
                scrollGap / 1e6, slowGaps.getAndSet(0));

        Path csv = Files.createTempFile(folder, "export", ".csv");
        Files.delete(csv);
        long exportStart = System.nanoTime();
        FxPulseProbe.onFx(() -> model.exportCsv(csv));
        waitFor(() -> Files.exists(csv) && !model.exportingProperty().get(), 3600);
        double exportSeconds = (System.nanoTime() - exportStart) / 1e9;
        long lines;
        try (var stream = Files.lines(csv)) {
            lines = stream.count() - 1;
        }
        out.printf("exported %,d events to CSV in %.1f s (%,.0f events/s); longest FX pulse gap %.0f ms,"
                + " %d gaps over 100 ms%n", lines, exportSeconds, lines / exportSeconds, longestGap.get() / 1e6,
                slowGaps.get());
        Files.deleteIfExists(csv);
        FxPulseProbe.onFx(() -> {
            pulses.stop();
            model.deactivate();
        });
        tasks.close();
        out.flush();
    }

    private static void waitFor(BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + seconds + " s");
            }
            Thread.sleep(10);
        }
    }
}
