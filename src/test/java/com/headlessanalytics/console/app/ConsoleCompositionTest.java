package com.headlessanalytics.console.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.ui.common.Activatable;
import com.headlessanalytics.console.ui.common.ManualScheduler;
import com.headlessanalytics.console.ui.common.ScreenState;
import com.headlessanalytics.console.ui.common.TestDialogs;
import com.headlessanalytics.console.ui.entities.EntitiesViewModel;
import com.headlessanalytics.console.ui.shell.Area;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.scene.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's whole object graph on a fresh data folder, with no window: every screen's
 * ViewModel is there and shows the empty embedded workspace without an error, and closing leaves
 * the folder free to open again. The test thread plays the FX thread: it runs what the task runner
 * hands over.
 */
class ConsoleCompositionTest {
    /** The screens the console has today; the others of {@link Area} are still to come. */
    private static final Set<Area> SCREENS = EnumSet.of(Area.OVERVIEW, Area.CONNECTION, Area.EVENTS, Area.METRICS,
            Area.FUNNELS, Area.ATTRIBUTION, Area.AGENT_CONTEXT, Area.APPROVALS, Area.GRANTS, Area.RECEIPTS,
            Area.PROOF_TRAILS, Area.SCANNER, Area.USAGE, Area.RUNTIME_HEALTH, Area.SETTINGS, Area.TRACKABLES, Area.LABELS, Area.ENTITIES,
            Area.GRAPHQL, Area.TRACKING_PLANS, Area.CONNECTORS, Area.EXPORTS);

    @TempDir
    Path dir;

    private final LinkedBlockingQueue<Runnable> fxThread = new LinkedBlockingQueue<>();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final TestDialogs dialogs = new TestDialogs();
    private final List<String> copied = new ArrayList<>();

    private ConsoleComposition compose(Path folder) {
        return new ConsoleComposition(folder, new FileSecretStore(folder), fxThread::add, scheduler, notices -> dialogs, copied::add, Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC), ZoneOffset.UTC);
    }

    @Test
    void everyScreenShowsTheEmptyEmbeddedWorkspaceAndClosingFreesTheFolder() throws Exception {
        Path folder = dir.resolve("data");
        AtomicBoolean toldEmpty = new AtomicBoolean();
        try (ConsoleComposition console = compose(folder)) {
            assertThat(console.viewModels().keySet()).as("every screen has its ViewModel").isEqualTo(SCREENS);
            assertThat(console.viewModels().values()).doesNotContainNull();

            console.open(() -> toldEmpty.set(true));
            drain(console);
            assertThat(toldEmpty).as("a new folder is an empty workspace").isTrue();
            assertThat(console.shell().selectedProperty().get()).isEqualTo(Area.OVERVIEW);
            assertThat(console.shell().connectionProperty().get()).contains("Embedded workspace");

            for (Area area : SCREENS) {
                console.shell().select(area);
                drain(console);
                scheduler.tick();
                drain(console);
                assertThat(console.shell().selectedProperty().get()).isEqualTo(area);
                assertThat(errorOf(console.viewModels().get(area))).as("%s shows no error", area).isNullOrEmpty();
                assertThat(dialogs.errors).as("errors reported while %s was shown", area).isEmpty();
            }
            console.shell().select(Area.OVERVIEW);
            drain(console);
            assertThat(scheduler.active()).as("only the shown screen polls, besides the Approvals badge's watch")
                    .isEqualTo(2);
            assertThat(console.shell().badgeProperty(Area.APPROVALS).get()).as("nothing awaits approval").isEmpty();
        }
        try (Engine reopened = Engine.open(folder)) {
            assertThat(reopened.dataFolder()).isEqualTo(folder);
        }
    }

    /**
     * The window closed while its workspace was opening (the console's stop right after start): the
     * opening's answer starts no screen and no poll on the closed console, which would find the task
     * runner closed.
     */
    @Test
    void anOpeningThatEndsAfterCloseStartsNoScreen() throws Exception {
        AtomicBoolean toldEmpty = new AtomicBoolean();
        ConsoleComposition console = compose(dir.resolve("data"));
        console.open(() -> toldEmpty.set(true));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (fxThread.size() < 2) {
            assertThat(System.nanoTime()).as("the opening's answer is handed over").isLessThan(deadline);
            Thread.sleep(10);
        }
        console.close();
        for (Runnable next; (next = fxThread.poll()) != null; ) {
            next.run();
        }
        assertThat(console.shell().selectedProperty().get()).as("no screen started").isNull();
        assertThat(scheduler.active()).as("nothing polls").isZero();
        assertThat(toldEmpty).isFalse();
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void startOnOpensTheNamedScreenOnceTheWorkspaceIsOpen() throws Exception {
        try (ConsoleComposition console = compose(dir.resolve("data"))) {
            console.startOn(LaunchOptions.parse("--screen", "scanner").screen());
            console.open(() -> { });
            drain(console);
            assertThat(console.shell().selectedProperty().get()).isEqualTo(Area.SCANNER);
        }
    }

    @Test
    void openEntityShowsTheEntitiesScreenOnItAndSaysWhenItIsUnknown() throws Exception {
        try (ConsoleComposition console = compose(dir.resolve("data"))) {
            console.open(() -> { });
            drain(console);
            console.entityNavigator().showEntity("product", "gift-box");
            drain(console);
            assertThat(console.shell().selectedProperty().get()).isEqualTo(Area.ENTITIES);
            EntitiesViewModel entities = console.viewModel(Area.ENTITIES, EntitiesViewModel.class);
            assertThat(entities.typeProperty().get()).isEqualTo("product");
            assertThat(entities.searchProperty().get()).isEqualTo("gift-box");
            assertThat(entities.detailStatusProperty().get()).as("an empty workspace has no such entity")
                    .isNotEmpty();
            assertThat(entities.query().errorProperty().get()).isEmpty();

            console.shell().select(Area.OVERVIEW);
            console.entityNavigator().findEntity("cust_1");
            drain(console);
            assertThat(console.shell().selectedProperty().get()).isEqualTo(Area.ENTITIES);
            assertThat(entities.typeProperty().get()).isNull();
            assertThat(entities.searchProperty().get()).isEqualTo("cust_1");
            assertThat(entities.placeholderProperty().get()).startsWith("No entity matches");
        }
    }

    @Test
    void viewsAndShellAreMadeOnTheFxThread() throws Exception {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyRunning) {
            // another UI test started the toolkit
        }
        Platform.setImplicitExit(false);
        try (ConsoleComposition console = compose(dir.resolve("data"))) {
            List<Node> made = new ArrayList<>();
            CompletableFuture<Void> done = new CompletableFuture<>();
            Platform.runLater(() -> {
                try {
                    made.add(console.shellView());
                    for (Area area : SCREENS) {
                        made.add(console.view(area));
                    }
                    done.complete(null);
                } catch (Throwable t) {
                    done.completeExceptionally(t);
                }
            });
            done.get(30, TimeUnit.SECONDS);
            assertThat(made).hasSize(SCREENS.size() + 1).doesNotContainNull();
        }
    }

    /** Runs what the task runner hands to the "FX thread" until no task is running and nothing is queued. */
    private void drain(ConsoleComposition console) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!console.tasks().running().isEmpty() || !fxThread.isEmpty()) {
            Runnable next = fxThread.poll(50, TimeUnit.MILLISECONDS);
            if (next != null) {
                next.run();
            }
            if (System.nanoTime() > deadline) {
                fail("still running after 30 s: " + console.tasks().running().stream().map(t -> t.title()).toList());
            }
        }
    }

    /** The screen's error banner text: every screen's ViewModel has its {@code query()} lifecycle. */
    private static String errorOf(Activatable model) throws Exception {
        Object query = model.getClass().getMethod("query").invoke(model);
        assertThat(query).as("%s has a query lifecycle", model.getClass().getSimpleName())
                .isInstanceOf(ScreenState.class);
        return ((ScreenState) query).errorProperty().get();
    }
}
