package com.headlessanalytics.console.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.headlessanalytics.console.app.EmbeddedServeControl;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.ui.common.FxDialogService;
import com.headlessanalytics.console.ui.common.FxScheduler;
import com.headlessanalytics.console.ui.common.FxTaskRunner;
import com.headlessanalytics.console.ui.common.OperatorProfile;
import com.headlessanalytics.console.ui.common.TaskRunner;
import com.headlessanalytics.console.ui.common.Workspaces;
import com.headlessanalytics.console.ui.events.EventsView;
import com.headlessanalytics.console.ui.events.EventsViewModel;
import com.headlessanalytics.console.ui.health.HealthView;
import com.headlessanalytics.console.ui.health.HealthViewModel;
import com.headlessanalytics.console.ui.settings.OperatorViewModel;
import com.headlessanalytics.console.ui.settings.SettingsView;
import com.headlessanalytics.console.ui.settings.SettingsViewModel;
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
import static org.assertj.core.api.Assertions.assertThat;


/**
 * Every screen in a shown window, light and dark, saved as PNG under target/screenshots for a
 * person to look at; the test checks the screens filled with data and rendered more than a blank.
 */
class ScreenshotTest {
    static final Path OUT = Path.of("target", "screenshots");
    @TempDir
    static Path dir;
    static Engine engine;

    @BeforeAll
    static void start() throws Exception {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyRunning) {
            // another UI test started the toolkit
        }
        Platform.setImplicitExit(false);
        engine = Engine.open(dir);
        List<Map<String, Object>> batch = new ArrayList<>();
        String[] names = {"qr.bottle_scanned", "page.product_viewed", "cart.item_added", "order.created", "lead.created"};
        String[] channels = {"qr", "email", "paid_social", "organic"};
        for (int i = 0; i < 300; i++) {
            batch.add(Map.of("event", names[i % names.length], "timestamp", 1_764_547_200_000L + i * 61_000L,
                    "actor", Map.of("type", "customer", "id", "cust_" + (i * 7 % 41)), "traceId", "tr_" + (i % 50),
                    "source", Map.of("channel", channels[i % channels.length], "campaign", "spring-launch"),
                    "trustTier", "T1"));
        }
        engine.defaultWorkspace().ingest(batch);
        engine.keys().create(engine.defaultWorkspaceId(), "Warehouse scanner");
        Files.createDirectories(OUT);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"light", "dark"})
    void everyScreenRendersWithItsData(String theme) throws Exception {
        FxTaskRunner tasks = new FxTaskRunner(Platform::runLater);
        FxScheduler scheduler = new FxScheduler();
        FxDialogService dialogs = new FxDialogService(null, notice -> { });
        EventsViewModel events = new EventsViewModel(engine::defaultWorkspace, tasks, scheduler, Clock.systemUTC(),
                ZoneOffset.UTC, dialogs, text -> { });
        HealthViewModel health = new HealthViewModel(engine::defaultWorkspace, tasks, scheduler, Clock.systemUTC(),
                ZoneOffset.UTC);
        EmbeddedServeControl serve = new EmbeddedServeControl(engine);
        Workspaces workspaces = new Workspaces() {
            @Override
            public Current current() {
                return new Current("Embedded workspace · " + dir, false);
            }

            @Override
            public Current openDemo(TaskRunner.Progress progress) {
                return current();
            }

            @Override
            public Current openOwn(TaskRunner.Progress progress) {
                return current();
            }
        };
        SettingsViewModel settings = new SettingsViewModel(() -> serve, workspaces, () -> { }, tasks, dialogs,
                state -> { }, ZoneOffset.UTC, text -> { }, new OperatorViewModel(new OperatorProfile("ana", null),
                        () -> engine.defaultWorkspace("operator:ana"), tasks, dialogs));
        ShellViewModel shell = new ShellViewModel(Map.of(Area.EVENTS, events, Area.RUNTIME_HEALTH, health,
                Area.SETTINGS, settings), tasks);
        Map<Area, Supplier<Node>> views = Map.of(Area.EVENTS, () -> new EventsView(events),
                Area.RUNTIME_HEALTH, () -> new HealthView(health), Area.SETTINGS, () -> new SettingsView(settings));
        Stage[] stage = new Stage[1];
        WaitForAsyncUtils.asyncFx(() -> {
            Application.setUserAgentStylesheet(theme.equals("dark") ? new PrimerDark().getUserAgentStylesheet()
                    : new PrimerLight().getUserAgentStylesheet());
            Scene scene = new Scene(new ShellView(shell, views), 1280, 800);
            scene.getStylesheets().add(ScreenshotTest.class.getResource(
                    "/com/headlessanalytics/console/ui/console.css").toExternalForm());
            stage[0] = new Stage();
            stage[0].setScene(scene);
            stage[0].show();
            shell.connectedTo("Embedded workspace · " + dir);
            shell.select(Area.EVENTS);
        }).get(10, TimeUnit.SECONDS);
        waitUntil(() -> events.rows().size() == 200, () -> events.rows().size() + " rows, error '"
                + events.errorProperty().get() + "'");
        WaitForAsyncUtils.asyncFx(() -> events.selectedProperty().set(events.rows().get(0))).get(5, TimeUnit.SECONDS);
        save(stage[0], "events-" + theme);

        WaitForAsyncUtils.asyncFx(() -> shell.select(Area.RUNTIME_HEALTH)).get(5, TimeUnit.SECONDS);
        waitUntil(() -> !health.checks().isEmpty(), () -> "error '" + health.query().errorProperty().get() + "'");
        save(stage[0], "runtime-health-" + theme);
        WaitForAsyncUtils.asyncFx(() -> shell.select(Area.SETTINGS)).get(5, TimeUnit.SECONDS);
        waitUntil(() -> !settings.keys().rows().isEmpty(), () -> "no keys listed: '" + settings.query().errorProperty().get() + "'");
        save(stage[0], "settings-" + theme);
        WaitForAsyncUtils.asyncFx(() -> {
            shell.select(Area.EVENTS);
            events.deactivate();
            stage[0].close();
        }).get(5, TimeUnit.SECONDS);
        tasks.close();
    }

    private static void waitUntil(Supplier<Boolean> condition, Supplier<String> state) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> condition.get());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out: " + state.get(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void save(Stage stage, String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get(10, TimeUnit.SECONDS);
        BufferedImage png = SwingFXUtils.fromFXImage(image, null);
        ImageIO.write(png, "png", OUT.resolve(name + ".png").toFile());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < png.getHeight(); y += 4) {
            for (int x = 0; x < png.getWidth(); x += 4) {
                colours.add(png.getRGB(x, y));
            }
        }
        assertThat(colours.size()).as(name + " is not blank").isGreaterThan(50);
    }
}
