package com.headlessanalytics.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.headlessanalytics.console.api.AgentContext;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.app.EmbeddedServeControl;
import com.headlessanalytics.console.domain.demo.DemoGenerator;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.ui.agent.AgentContextView;
import com.headlessanalytics.console.ui.agent.AgentContextViewModel;
import com.headlessanalytics.console.ui.common.FxDialogService;
import com.headlessanalytics.console.ui.common.FxScheduler;
import com.headlessanalytics.console.ui.common.FxTaskRunner;
import com.headlessanalytics.console.ui.overview.OverviewView;
import com.headlessanalytics.console.ui.overview.OverviewViewModel;
import com.headlessanalytics.console.ui.shell.Area;
import com.headlessanalytics.console.ui.shell.ShellView;
import com.headlessanalytics.console.ui.shell.ShellViewModel;
import com.headlessanalytics.console.ui.usage.UsageView;
import com.headlessanalytics.console.ui.usage.UsageViewModel;
import eu.hansolo.tilesfx.Tile;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Overview, Usage and Agent context in a shown window over a real engine filled by the demo
 * generator, with calls metered through a real serve-mode server; light and dark PNGs go to the
 * build directory's {@code screenshots/} for a person to look at. Also checks that the tiles take
 * the theme's colours and follow a theme switch without being rebuilt.
 */
class OverviewScreenshotTest {
    @TempDir
    static Path dir;
    static Path out;
    static Engine engine;
    static EmbeddedServeControl serve;

    @BeforeAll
    static void start() throws Exception {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyRunning) {
            // another UI test started the toolkit
        }
        Platform.setImplicitExit(false);
        out = Path.of(OverviewScreenshotTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getParent().resolve("screenshots");
        Files.createDirectories(out);
        engine = Engine.open(dir);
        DemoGenerator.builder(System.currentTimeMillis()).events(30_000).seed(7).days(28).build()
                .forEachBatch(500, batch -> engine.defaultWorkspace().ingest(batch));
        serve = new EmbeddedServeControl(engine);
        String base = serve.start("127.0.0.1", 0).baseUrl();
        String key = serve.createKey("Warehouse scanner").secret();
        HttpClient http = HttpClient.newHttpClient();
        List<HttpRequest> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            calls.add(get(base + "/api/events?limit=20", key));
        }
        for (int i = 0; i < 5; i++) {
            calls.add(HttpRequest.newBuilder(URI.create(base + "/api/ingest")).header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"event\":\"qr.bottle_scanned\",\"trackable\":{\"kind\":\"qr_code\",\"code\":\"B" + i
                                    + "\"}}")).build());
        }
        calls.add(get(base + "/api/events?limit=abc", key));
        calls.add(get(base + "/api/events/names", key));
        calls.add(get(base + "/api/usage?limit=5", key));
        for (HttpRequest r : calls) {
            http.send(r, HttpResponse.BodyHandlers.discarding());
        }
    }

    private static HttpRequest get(String url, String key) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key).GET().build();
    }

    @AfterAll
    static void stop() {
        if (serve != null) {
            serve.stop();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void overviewUsageAndAgentContextRenderInBothThemesAndTilesFollowTheTheme() throws Exception {
        FxTaskRunner tasks = new FxTaskRunner(Platform::runLater);
        FxScheduler scheduler = new FxScheduler();
        FxDialogService dialogs = new FxDialogService(null, notice -> { });
        Supplier<HeadlessApi> api = engine::defaultWorkspace;
        List<EventQuery> drilled = new ArrayList<>();
        OverviewViewModel overview = new OverviewViewModel(api, tasks, scheduler, Clock.systemUTC(), ZoneOffset.UTC,
                drilled::add, dialogs, id -> { });
        UsageViewModel usage = new UsageViewModel(api, tasks, dialogs, Clock.systemUTC(), ZoneOffset.UTC);
        AgentContextViewModel agent = new AgentContextViewModel(api, tasks, dialogs, drilled::add, Clock.systemUTC(),
                ZoneOffset.UTC, text -> { });
        ShellViewModel shell = new ShellViewModel(Map.of(Area.OVERVIEW, overview, Area.USAGE, usage,
                Area.AGENT_CONTEXT, agent), tasks);
        OverviewView[] overviewView = new OverviewView[1];
        Map<Area, Supplier<Node>> views = Map.of(
                Area.OVERVIEW, () -> overviewView[0] = new OverviewView(overview),
                Area.USAGE, () -> new UsageView(usage),
                Area.AGENT_CONTEXT, () -> new AgentContextView(agent));
        Stage[] stage = new Stage[1];
        WaitForAsyncUtils.asyncFx(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            Scene scene = new Scene(new ShellView(shell, views), 1280, 800);
            scene.getStylesheets().add(OverviewScreenshotTest.class.getResource(
                    "/com/headlessanalytics/console/ui/console.css").toExternalForm());
            stage[0] = new Stage();
            stage[0].setScene(scene);
            stage[0].show();
            shell.connectedTo("Demo workspace (sample data)");
            shell.select(Area.OVERVIEW);
        }).get(30, TimeUnit.SECONDS);
        try {
            for (String theme : List.of("light", "dark")) {
                WaitForAsyncUtils.asyncFx(() -> {
                    Application.setUserAgentStylesheet(theme.equals("dark") ? new PrimerDark().getUserAgentStylesheet()
                            : new PrimerLight().getUserAgentStylesheet());
                    shell.select(Area.OVERVIEW);
                }).get(30, TimeUnit.SECONDS);
                waitUntil(() -> overview.figuresProperty().get() != null && overview.runtimeProperty().get() != null,
                        () -> "no figures: '" + overview.query().errorProperty().get() + "'");
                Tile revenue = tileTitled(overviewView[0], "Revenue");
                Color expected = theme.equals("dark") ? Color.web("#161b22") : Color.web("#f6f8fa");
                waitUntil(() -> revenue.getBackgroundColor().equals(expected),
                        () -> theme + " tile background is " + revenue.getBackgroundColor());
                assertThat(overview.drills(OverviewViewModel.Figure.ORDERS)).isNotEmpty();
                save(stage[0], "overview-" + theme);
                WaitForAsyncUtils.asyncFx(() -> overviewView[0].lookupAll(".scroll-pane").forEach(n ->
                        ((javafx.scene.control.ScrollPane) n).setVvalue(1))).get(30, TimeUnit.SECONDS);
                save(stage[0], "overview-lower-" + theme);
                WaitForAsyncUtils.asyncFx(() -> overviewView[0].lookupAll(".scroll-pane").forEach(n ->
                        ((javafx.scene.control.ScrollPane) n).setVvalue(0))).get(30, TimeUnit.SECONDS);

                WaitForAsyncUtils.asyncFx(() -> shell.select(Area.USAGE)).get(30, TimeUnit.SECONDS);
                waitUntil(() -> !usage.calls().isEmpty() && !usage.totals().isEmpty(),
                        () -> "no usage: '" + usage.query().errorProperty().get() + "'");
                save(stage[0], "usage-" + theme);

                WaitForAsyncUtils.asyncFx(() -> {
                    shell.select(Area.AGENT_CONTEXT);
                    agent.modeProperty().set(AgentContext.Mode.WHAT_CHANGED);
                    agent.run();
                }).get(30, TimeUnit.SECONDS);
                waitUntil(() -> !agent.query().runningProperty().get() && !agent.grids().isEmpty(),
                        () -> "no answer: '" + agent.query().errorProperty().get() + "'");
                save(stage[0], "agent-context-" + theme);
            }
        } finally {
            WaitForAsyncUtils.asyncFx(() -> {
                overview.deactivate();
                stage[0].close();
                Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            }).get(30, TimeUnit.SECONDS);
            tasks.close();
        }
    }

    /** A workspace without events: the score and its components say "no data", approvals that governance is not set up. */
    @Test
    void anEmptyWorkspacesOverviewSaysNoDataInBothThemes(@TempDir Path emptyDir) throws Exception {
        try (Engine empty = Engine.open(emptyDir)) {
            FxTaskRunner tasks = new FxTaskRunner(Platform::runLater);
            OverviewViewModel overview = new OverviewViewModel(empty::defaultWorkspace, tasks, new FxScheduler(),
                    Clock.systemUTC(), ZoneOffset.UTC, q -> { }, new FxDialogService(null, notice -> { }), id -> { });
            ShellViewModel shell = new ShellViewModel(Map.of(Area.OVERVIEW, overview), tasks);
            OverviewView[] view = new OverviewView[1];
            Map<Area, Supplier<Node>> views = Map.of(Area.OVERVIEW, () -> view[0] = new OverviewView(overview));
            try (ScreenRobot robot = ScreenRobot.show(() -> new ShellView(shell, views))) {
                ScreenRobot.onFx(() -> {
                    shell.connectedTo("Empty workspace");
                    shell.select(Area.OVERVIEW);
                    return null;
                });
                for (String theme : List.of("light", "dark")) {
                    WaitForAsyncUtils.asyncFx(() -> Application.setUserAgentStylesheet(theme.equals("dark")
                            ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet()))
                            .get(30, TimeUnit.SECONDS);
                    waitUntil(() -> overview.figuresProperty().get() != null && overview.runtimeProperty().get() != null,
                            () -> "no figures: '" + overview.query().errorProperty().get() + "'");
                    Tile score = tileTitled(view[0], "Health score");
                    Tile pending = tileTitled(view[0], "Pending approvals");
                    waitUntil(() -> !score.isValueVisible() && "no data".equals(score.getText()) && score.isTextVisible(),
                            () -> "score tile: value visible " + score.isValueVisible() + ", text '" + score.getText() + "'");
                    assertThat(pending.isValueVisible()).isFalse();
                    assertThat(pending.getText()).isEqualTo("governance not set up");
                    assertThat(overview.components()).hasSize(5)
                            .allSatisfy(c -> assertThat(c.scoreText()).isEqualTo("no data"));
                    save(robot.stage(), "overview-empty-" + theme);
                }
            } finally {
                ScreenRobot.onFx(() -> {
                    overview.deactivate();
                    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
                    return null;
                });
                tasks.close();
            }
        }
    }

    private static Tile tileTitled(Node root, String title) {
        return root.lookupAll(".tile").stream().filter(n -> n instanceof Tile t && title.equals(t.getTitle()))
                .map(Tile.class::cast).findFirst().orElseThrow(() -> new AssertionError("no tile " + title));
    }

    private static void waitUntil(Supplier<Boolean> condition, Supplier<String> state) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> condition.get());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out: " + state.get(), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void save(Stage stage, String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get(30, TimeUnit.SECONDS);
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
