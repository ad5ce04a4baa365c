package com.headlessanalytics.console.ui.attribution;

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
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Attribution screen in a real window over a real engine: two buyers, one who came from google
 * and then from the newsletter, one from google only. Switching the model from first to last touch
 * with the combo box moves one conversion from google to the newsletter; double-clicking a
 * touchpoint row opens its events; the credit table exports as CSV.
 */
class AttributionInteractionTest extends EngineScreenTest {
    static final long DAY = 86_400_000L;

    @BeforeEach
    void fill() {
        long now = System.currentTimeMillis();
        engine.defaultWorkspace().ingest(List.of(
                event("ann", "page.viewed", now - 3 * DAY, "google", null),
                event("ann", "page.viewed", now - 2 * DAY, "newsletter", null),
                event("ann", "order.created", now - DAY, null, 100),
                event("bob", "page.viewed", now - 2 * DAY, "google", null),
                event("bob", "order.created", now - DAY, null, "50.50")));
    }

    static String credit(TableView<AttributionViewModel.CreditRow> table) {
        return table.getItems().stream().map(r -> r.key() + "=" + r.conversionsText())
                .sorted().collect(Collectors.joining(", "));
    }

    @Test
    void switchingTheModelMovesTheCreditAndRowsOpenTheirEvents() throws Exception {
        AttributionViewModel model = ScreenRobot.onFx(() -> new AttributionViewModel(engine::defaultWorkspace, tasks,
                dialogs, drilled::add, Clock.systemUTC(), ZoneOffset.UTC));
        try (ScreenRobot robot = ScreenRobot.show(() -> new AttributionView(model))) {
            robot.read(() -> {
                model.activate();
                return null;
            });
            TableView<AttributionViewModel.CreditRow> table = robot.find("#attribution-credit");
            robot.waitUntil(() -> !table.getItems().isEmpty() && !model.query().isRunning(),
                    () -> "no credit; error " + model.query().errorProperty().get());
            assertThat(robot.read(() -> credit(table))).as("first touch: both orders came from google")
                    .isEqualTo("google=2");
            assertThat(robot.read(() -> model.conversionsProperty().get())).isEqualTo("2");
            assertThat(robot.read(() -> model.revenueProperty().get())).isEqualTo("150.50");

            robot.choose("#attribution-model", "Last touch");
            robot.waitUntil(() -> credit(table).equals("google=1, newsletter=1"),
                    () -> "credit after switching to last touch: " + credit(table));
            assertThat(robot.read(() -> robot.<javafx.scene.control.Label>find("#screen-status").getText()))
                    .contains("conversions: order.created");

            robot.clickOn("Source");
            TableView<AttributionViewModel.CountRow> sources = robot.find("#attribution-source");
            robot.waitUntil(() -> sources.getItems().size() == 2, () -> "sources " + sources.getItems());
            Node newsletter = robot.from(sources).lookup(".table-row-cell").match(n -> n instanceof TableRow<?> row
                    && row.getItem() instanceof AttributionViewModel.CountRow r && r.key().equals("newsletter"))
                    .query();
            robot.doubleClickOn(newsletter);
            robot.waitUntil(() -> !drilled.isEmpty(), () -> "no drill-down");
            assertThat(drilled.get(0).source()).isEqualTo("newsletter");
            assertThat(drilled.get(0).event()).isNull();

            Path file = dir.resolve("credit.csv");
            dialogs.saveFile = file;
            robot.clickOn("#attribution-export-credit");
            robot.waitUntil(() -> Files.exists(file), () -> "no CSV written; " + dialogs.errors);
            assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).containsExactlyInAnyOrder(
                    "\uFEFFsource,conversions,revenue,share", "google,1.0000,50.50,0.500000",
                    "newsletter,1.0000,100.00,0.500000");
            assertThat(dialogs.fileQuestions.get(0).suggestedName()).startsWith("attribution-credit-");
            robot.screenshot("interaction-attribution");
        }
    }
}
