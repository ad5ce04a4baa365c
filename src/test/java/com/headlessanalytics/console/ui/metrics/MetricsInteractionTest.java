package com.headlessanalytics.console.ui.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.ui.EngineScreenTest;
import com.headlessanalytics.console.ui.ScreenRobot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Metrics screen in a real window over a real engine: group by source with the combo box, type
 * an event name and apply, read the totals and groups, export the groups as CSV, then define a
 * metric through the form the screen asks the DialogService to show and delete it after the
 * confirmation.
 */
class MetricsInteractionTest extends EngineScreenTest {
    static final long HOUR = 3_600_000L;

    @BeforeEach
    void fill() {
        long now = System.currentTimeMillis();
        engine.defaultWorkspace().ingest(List.of(
                event("ann", "page.viewed", now - 50 * HOUR, "google", null),
                event("bob", "page.viewed", now - 30 * HOUR, "google", null),
                event("cy", "page.viewed", now - 20 * HOUR, "google", null),
                event("ann", "page.viewed", now - 10 * HOUR, "newsletter", null),
                event("ann", "order.created", now - 9 * HOUR, null, 100),
                event("bob", "order.created", now - 5 * HOUR, null, "20.50")));
    }

    static String stat(ScreenRobot robot, String id) {
        return robot.read(() -> ((Label) ((VBox) robot.find(id)).getChildren().get(1)).getText());
    }

    static String groups(TableView<MetricsViewModel.GroupRow> table) {
        return table.getItems().stream().map(g -> g.key() + "=" + g.count()).collect(Collectors.joining(", "));
    }

    @Test
    void groupTypeApplyReadExportAndManageADefinition() throws Exception {
        MetricsViewModel model = ScreenRobot.onFx(() -> new MetricsViewModel(engine::defaultWorkspace, tasks, dialogs,
                drilled::add, Clock.systemUTC(), ZoneOffset.UTC));
        try (ScreenRobot robot = ScreenRobot.show(() -> new MetricsView(model))) {
            robot.read(() -> {
                model.activate();
                return null;
            });
            robot.waitUntil(() -> !model.query().isRunning() && !model.buckets().isEmpty(),
                    () -> "no series; error " + model.query().errorProperty().get());
            assertThat(stat(robot, "#metrics-total-events")).isEqualTo("6");
            assertThat(stat(robot, "#metrics-unique-actors")).isEqualTo("3");

            robot.choose("#metrics-group-by", "Source");
            TableView<MetricsViewModel.GroupRow> table = robot.find("#metrics-groups");
            robot.waitUntil(() -> groups(table).equals("google=3, (none)=2, newsletter=1"),
                    () -> "groups " + groups(table));

            robot.typeInto("#metrics-event", "order.created");
            robot.type(KeyCode.ESCAPE);
            robot.clickOn("#metrics-apply");
            robot.waitUntil(() -> stat(robot, "#metrics-total-events").equals("2") && !model.query().isRunning(),
                    () -> "totals " + stat(robot, "#metrics-total-events") + " error "
                            + model.query().errorProperty().get());
            assertThat(robot.read(() -> model.revenueProperty().get())).isEqualTo("120.50");
            assertThat(robot.read(() -> groups(table))).isEqualTo("(none)=2");
            assertThat(robot.read(() -> robot.<Label>find("#screen-status").getText()))
                    .startsWith("2 events · Last 7 days · by day");

            robot.clickOn("Groups");
            Path file = dir.resolve("groups.csv");
            dialogs.saveFile = file;
            robot.clickOn("#metrics-export-groups");
            robot.waitUntil(() -> Files.exists(file), () -> "no CSV written; " + dialogs.errors);
            assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).containsExactly(
                    "\uFEFFsource,events,unique_actors,share", "(none),2,2,1.000000");
            assertThat(robot.read(() -> dialogs.fileQuestions.get(0).suggestedName())).startsWith("metrics-groups-");

            robot.clickOn("Definitions");
            robot.clickOn("#metrics-new-definition");
            MetricDefinitionViewModel form = robot.read(() -> (MetricDefinitionViewModel) dialogs.forms.get(0));
            assertThat(robot.read(() -> form.eventProperty().get())).as("the queried event").isEqualTo("order.created");
            robot.read(() -> {
                form.nameProperty().set("orders.revenue");
                form.aggregationProperty().set(com.headlessanalytics.console.api.Metrics.Aggregation.SUM);
                form.propertyProperty().set("revenue");
                form.save();
                return null;
            });
            TableView<MetricsViewModel.DefinitionRow> definitions = robot.find("#metrics-definitions");
            robot.waitUntil(() -> definitions.getItems().size() == 1 && !definitions.getItems().get(0).valueText()
                    .isEmpty(), () -> "definitions " + definitions.getItems());
            assertThat(robot.read(() -> definitions.getItems().get(0).valueText())).isEqualTo("120.5");

            assertThat(robot.<javafx.scene.control.Button>find("#metrics-delete-definition").isDisabled()).isTrue();
            // the row cell is made at the layout pulse after the definition is listed
            robot.waitUntil(() -> robot.from(definitions).lookup(".table-row-cell")
                    .match(n -> n instanceof TableRow<?> r && r.getItem() != null).tryQuery().isPresent(),
                    () -> "the definition's row is not drawn");
            Node row = robot.from(definitions).lookup(".table-row-cell").match(n -> n instanceof TableRow<?> r
                    && r.getItem() != null).query();
            robot.clickOn(row);
            dialogs.confirmAnswer = false;
            robot.clickOn("#metrics-delete-definition");
            assertThat(robot.read(() -> List.copyOf(dialogs.confirmations)))
                    .containsExactly("Delete metric orders.revenue?");
            assertThat(robot.read(() -> definitions.getItems().size())).as("not confirmed: kept").isEqualTo(1);
            robot.screenshot("interaction-metrics");
            dialogs.confirmAnswer = true;
            robot.clickOn("#metrics-delete-definition");
            robot.waitUntil(() -> definitions.getItems().isEmpty(), () -> "definition not deleted");
            assertThat(engine.defaultWorkspace().metricDefinitions().definitions()).isEmpty();
        }
    }
}
