package com.headlessanalytics.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.api.Metrics;
import com.headlessanalytics.console.domain.demo.DemoGenerator;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.ui.attribution.AttributionView;
import com.headlessanalytics.console.ui.attribution.AttributionViewModel;
import com.headlessanalytics.console.ui.common.DateRange;
import com.headlessanalytics.console.ui.common.FxDialogService;
import com.headlessanalytics.console.ui.common.FxTaskRunner;
import com.headlessanalytics.console.ui.funnels.FunnelBuilder;
import com.headlessanalytics.console.ui.funnels.FunnelFixtures;
import com.headlessanalytics.console.ui.funnels.FunnelsView;
import com.headlessanalytics.console.ui.funnels.FunnelsViewModel;
import com.headlessanalytics.console.ui.metrics.MetricsView;
import com.headlessanalytics.console.ui.metrics.MetricsViewModel;
import com.headlessanalytics.console.ui.shell.Area;
import com.headlessanalytics.console.ui.shell.ShellView;
import com.headlessanalytics.console.ui.shell.ShellViewModel;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Metrics, Funnels and Attribution screens over a real engine filled by the demo generator,
 * light and dark, saved as PNG under the build folder's screenshots for a person to look at; the
 * test checks each screen filled with the engine's answers and rendered more than a blank.
 */
class AnalyticsScreenshotTest {
    static final int EVENTS = 20_000;
    @TempDir
    static Path dir;
    static Engine engine;
    static Path out;

    @BeforeAll
    static void start() throws Exception {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyRunning) {
            // another UI test started the toolkit
        }
        Platform.setImplicitExit(false);
        engine = Engine.open(dir);
        DemoGenerator demo = DemoGenerator.builder(System.currentTimeMillis()).events(EVENTS).seed(7).days(28).build();
        demo.forEachBatch(1000, batch -> engine.defaultWorkspace().ingest(batch));
        Path classes = Path.of(AnalyticsScreenshotTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        out = classes.getParent().resolve("screenshots");
        Files.createDirectories(out);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"light", "dark"})
    void analyticsScreensRenderWithDemoData(String theme) throws Exception {
        FxTaskRunner tasks = new FxTaskRunner(Platform::runLater);
        FxDialogService dialogs = new FxDialogService(null, notice -> { });
        List<EventQuery> drilled = new ArrayList<>();
        MetricsViewModel metrics = new MetricsViewModel(engine::defaultWorkspace, tasks, dialogs, drilled::add,
                Clock.systemUTC(), ZoneOffset.UTC);
        FunnelsViewModel funnels = new FunnelsViewModel(engine::defaultWorkspace, tasks, dialogs, drilled::add,
                new FunnelFixtures.MemoryStore(), Clock.systemUTC(), ZoneOffset.UTC);
        AttributionViewModel attribution = new AttributionViewModel(engine::defaultWorkspace, tasks, dialogs,
                drilled::add, Clock.systemUTC(), ZoneOffset.UTC);
        ShellViewModel shell = new ShellViewModel(Map.of(Area.METRICS, metrics, Area.FUNNELS, funnels,
                Area.ATTRIBUTION, attribution), tasks);
        Map<Area, Supplier<Node>> views = Map.of(Area.METRICS, () -> new MetricsView(metrics),
                Area.FUNNELS, () -> new FunnelsView(funnels), Area.ATTRIBUTION, () -> new AttributionView(attribution));
        Stage[] stage = new Stage[1];
        WaitForAsyncUtils.asyncFx(() -> {
            Application.setUserAgentStylesheet(theme.equals("dark") ? new PrimerDark().getUserAgentStylesheet()
                    : new PrimerLight().getUserAgentStylesheet());
            Scene scene = new Scene(new ShellView(shell, views), 1280, 800);
            scene.getStylesheets().add(AnalyticsScreenshotTest.class.getResource(
                    "/com/headlessanalytics/console/ui/console.css").toExternalForm());
            stage[0] = new Stage();
            stage[0].setScene(scene);
            stage[0].show();
            shell.connectedTo("Demo workspace (sample data)");
            metrics.rangeProperty().set(DateRange.of(DateRange.Preset.LAST_30_DAYS));
            metrics.groupByProperty().set(MetricsViewModel.GroupBy.CHANNEL);
            shell.select(Area.METRICS);
        }).get(10, TimeUnit.SECONDS);
        waitUntil(() -> !metrics.groups().isEmpty() && !metrics.query().runningProperty().get(),
                () -> "no groups, error '" + metrics.query().errorProperty().get() + "'");
        assertThat(metrics.buckets()).hasSizeGreaterThanOrEqualTo(28);
        save(stage[0], "metrics-" + theme);

        WaitForAsyncUtils.asyncFx(() -> {
            shell.select(Area.FUNNELS);
            funnels.builder().steps().get(0).eventProperty().set("page.product_viewed");
            funnels.builder().steps().get(0).nameProperty().set("Viewed a product");
            funnels.builder().steps().get(1).eventProperty().set("cart.item_added");
            funnels.builder().addStep().eventProperty().set("checkout.started");
            funnels.builder().addStep().eventProperty().set("order.created");
            funnels.builder().rangeProperty().set(DateRange.of(DateRange.Preset.LAST_30_DAYS));
            funnels.builder().breakdownProperty().set(FunnelBuilder.Breakdown.CHANNEL);
            funnels.builder().run();
        }).get(5, TimeUnit.SECONDS);
        waitUntil(() -> funnels.builder().results().size() == 4 && !funnels.query().isRunning(),
                () -> "error '" + funnels.query().errorProperty().get() + "'");
        assertThat(funnels.builder().results().get(0).count()).isPositive();
        WaitForAsyncUtils.asyncFx(() -> funnels.pager().show(3, Funnels.Outcome.DROPPED, null)).get(5, TimeUnit.SECONDS);
        waitUntil(() -> !funnels.pager().actors().isEmpty(), () -> "no actors, error '" + funnels.pager().errorProperty().get()
                + "'");
        save(stage[0], "funnels-" + theme);

        WaitForAsyncUtils.asyncFx(() -> {
            attribution.modelProperty().set(com.headlessanalytics.console.api.Attribution.Model.LINEAR);
            shell.select(Area.ATTRIBUTION);
        }).get(5, TimeUnit.SECONDS);
        waitUntil(() -> !attribution.credit().isEmpty() && !attribution.query().runningProperty().get(),
                () -> "no credit, error '" + attribution.query().errorProperty().get() + "'");
        assertThat(attribution.conversionEventProperty().get()).isEqualTo("order.created");
        save(stage[0], "attribution-" + theme);

        WaitForAsyncUtils.asyncFx(() -> {
            metrics.drillBucket(0);
            shell.select(Area.METRICS);
            stage[0].close();
        }).get(5, TimeUnit.SECONDS);
        assertThat(drilled).singleElement().satisfies(q -> assertThat(q.from()).isNotNull());
        assertThat(metrics.intervalProperty().get()).isEqualTo(Metrics.Interval.DAY);
        tasks.close();
    }

    private static void waitUntil(Supplier<Boolean> condition, Supplier<String> state) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> condition.get());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out: " + state.get(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void save(Stage stage, String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get(10, TimeUnit.SECONDS);
        BufferedImage png = SwingFXUtils.fromFXImage(image, null);
        ImageIO.write(png, "png", out.resolve(name + ".png").toFile());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < png.getHeight(); y += 4) {
            for (int x = 0; x < png.getWidth(); x += 4) {
                colours.add(png.getRGB(x, y));
            }
        }
        assertThat(colours.size()).as(name + " is not blank").isGreaterThan(50);
    }
}
