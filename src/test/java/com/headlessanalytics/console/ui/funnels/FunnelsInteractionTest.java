package com.headlessanalytics.console.ui.funnels;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.ui.ScreenRobot;
import com.headlessanalytics.console.ui.common.FxTaskRunner;
import com.headlessanalytics.console.ui.common.TestDialogs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Funnels screen in a real window over a real engine: type two step events, run, read the
 * step counts; double-click a step to list who dropped there and an actor to open their events;
 * export the actors; "Save as…" (the dialog service answers the name) and see it in the saved list.
 */
class FunnelsInteractionTest {
    @TempDir
    Path dir;

    /** Five actors view a product; three of them order within the hour. */
    static void fill(HeadlessApi api) {
        long start = System.currentTimeMillis() - 2 * 86_400_000L;
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(Map.of("event", "page.viewed", "actor", "cust_" + i, "timestamp", start + i * 60_000L));
            if (i < 3) {
                events.add(Map.of("event", "order.created", "actor", "cust_" + i,
                        "timestamp", start + i * 60_000L + 1_800_000L));
            }
        }
        api.ingest(events);
    }

    @Test
    void buildRunReadDrillExportAndSaveAs() throws Exception {
        try (Engine engine = Engine.open(dir.resolve("data"))) {
            fill(engine.defaultWorkspace());
            FxTaskRunner tasks = new FxTaskRunner(Platform::runLater);
            TestDialogs dialogs = new TestDialogs();
            List<EventQuery> drilled = new CopyOnWriteArrayList<>();
            FunnelFixtures.MemoryStore store = new FunnelFixtures.MemoryStore();
            FunnelsViewModel model = ScreenRobot.onFx(() -> new FunnelsViewModel(engine::defaultWorkspace, tasks,
                    dialogs, drilled::add, store, Clock.systemUTC(), ZoneOffset.UTC));
            try (ScreenRobot robot = ScreenRobot.show(() -> {
                model.activate();
                return new FunnelsView(model);
            })) {
                robot.waitUntil(() -> text(robot, "#screen-status").equals("Add the steps' events and run the funnel."),
                        () -> "status " + text(robot, "#screen-status"));
                robot.typeInto("#funnel-step-1", "page.viewed");
                robot.typeInto("#funnel-step-2", "order.created");
                robot.clickOn("#funnel-run");
                robot.waitUntil(() -> model.builder().results().size() == 2 && !model.query().isRunning(),
                        () -> "no result; error '" + model.query().errorProperty().get() + "'");
                assertThat(text(robot, "#funnel-summary")).startsWith("5 actors entered · 3 converted (60.0 %)");

                robot.clickOn(tab(robot, "Steps"));
                TableView<FunnelBuilder.StepRow> steps = robot.find("#funnel-steps");
                robot.waitUntil(() -> !steps.lookupAll(".table-row-cell").isEmpty(), () -> "no rows drawn");
                assertThat(robot.read(() -> cells(steps, 0))).containsExactly("1. page.viewed", "5", "100.0 %", "—",
                        "—", "—");
                assertThat(robot.read(() -> cells(steps, 1))).startsWith("2. order.created", "3", "60.0 %",
                        "60.0 %", "2");

                robot.doubleClickOn(row(robot, steps, 1), MouseButton.PRIMARY);
                robot.waitUntil(() -> model.pager().actors().size() == 2, () -> "actors " + model.pager().actors());
                assertThat(text(robot, "#funnel-actors-title")).isEqualTo("2 actors dropped before step 2"
                        + " (order.created)");
                TableView<FunnelActorPager.ActorRow> actors = robot.find("#funnel-actors");
                robot.waitUntil(() -> !actors.lookupAll(".table-row-cell").isEmpty(), () -> "no actor rows drawn");
                robot.doubleClickOn(row(robot, actors, 0), MouseButton.PRIMARY);
                robot.waitUntil(() -> drilled.size() == 1, () -> "no drill-down");
                assertThat(drilled.get(0).actor()).isIn("cust_3", "cust_4");

                dialogs.saveFile = dir.resolve("actors.csv");
                robot.clickOn("#funnel-export-actors");
                robot.waitUntil(() -> !dialogs.notices.isEmpty(), () -> "not exported; errors " + dialogs.errors);
                List<String> lines = Files.readAllLines(dialogs.saveFile, StandardCharsets.UTF_8);
                assertThat(lines).hasSize(3);
                assertThat(lines.subList(1, 3)).extracting(l -> l.split(",")[0])
                        .containsExactlyInAnyOrder("cust_3", "cust_4");

                dialogs.textAnswers.add("Checkout");
                robot.clickOn("#funnel-save-as");
                ComboBox<SavedFunnel> saved = robot.find("#funnel-saved");
                robot.waitUntil(() -> saved.getItems().stream().anyMatch(f -> f.name().equals("Checkout")),
                        () -> "not in the saved list; errors " + dialogs.errors);
                assertThat(store.list()).singleElement().satisfies(f -> assertThat(f.steps()).hasSize(2));
                robot.screenshot("interaction-funnels");
            } finally {
                tasks.close();
            }
        }
    }

    static String text(ScreenRobot robot, String query) {
        return robot.read(() -> robot.<Labeled>find(query).getText());
    }

    static Node tab(ScreenRobot robot, String name) {
        return robot.lookup(".tab-label").match(n -> n instanceof Label l && name.equals(l.getText())
                && n.getScene() == robot.stage().getScene()).query();
    }

    static Node row(ScreenRobot robot, TableView<?> table, int index) {
        return robot.read(() -> table.lookupAll(".table-row-cell").stream()
                .filter(n -> ((javafx.scene.control.TableRow<?>) n).getIndex() == index).findFirst().orElseThrow());
    }

    /** The texts the cells of a row show, left to right. */
    static List<String> cells(TableView<?> table, int index) {
        javafx.scene.control.TableRow<?> row = (javafx.scene.control.TableRow<?>) table.lookupAll(".table-row-cell")
                .stream().filter(n -> ((javafx.scene.control.TableRow<?>) n).getIndex() == index).findFirst()
                .orElseThrow();
        return row.lookupAll(".table-cell").stream().map(n -> ((Labeled) n).getText())
                .map(t -> t == null ? "" : t).toList();
    }
}
