package com.headlessanalytics.console.ui.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.app.ConsoleComposition;
import com.headlessanalytics.console.ui.EngineScreenTest;
import com.headlessanalytics.console.ui.FxWarmUp;
import com.headlessanalytics.console.ui.ScreenRobot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;

/**
 * The Import wizard in a real window over a real engine: the robot picks Shopify and its record
 * type, chooses a real CSV file (read through connectors.RecordFiles, as the console does), reads
 * the preview, imports 1,200 records in two chunks, reads the summary and opens the events.
 */
class ImportInteractionTest extends EngineScreenTest {

    @Test
    void picksAProviderPreviewsACsvFileImportsItAndOpensTheEvents() throws Exception {
        FakeConnectorPort connectors = new FakeConnectorPort(engine.defaultWorkspace());
        var port = connectors.port();
        List<String> lines = new ArrayList<>(List.of("id,total_price,currency,email,created_at"));
        for (int n = 1; n <= 1200; n++) {
            lines.add("order_" + n + "," + (100 + n) + ".50,USD,buyer" + (n % 40) + "@example.com,"
                    + (1_764_600_000_000L + n * 60_000L));
        }
        Path csv = Files.write(dir.resolve("shopify-orders.csv"), lines);
        dialogs.openFile = csv;
        ImportViewModel model = ScreenRobot.onFx(() -> new ImportViewModel(() -> port, ChunkSender::plain, tasks,
                dialogs, ConsoleComposition::readRecords, drilled::add, Clock.systemUTC(), ZoneOffset.UTC));
        FxWarmUp.show(() -> new ImportView(model));
        try (ScreenRobot robot = ScreenRobot.show(() -> new ImportView(model))) {
            robot.read(() -> {
                model.activate();
                return null;
            });
            robot.waitUntil(() -> model.providers().size() == 3, () -> "providers " + model.providers());
            robot.waitUntil(() -> robot.lookup("Shopify").tryQuery().isPresent(), () -> "no Shopify row shown");
            robot.clickOn("Shopify");
            robot.choose("#import-record-type", "order");
            robot.clickOn("#import-next");
            robot.waitUntil(() -> model.stepProperty().get() == ImportViewModel.Step.FILE, () -> "not on the file step");
            robot.clickOn("#import-choose");
            robot.waitUntil(() -> model.stepProperty().get() == ImportViewModel.Step.PREVIEW,
                    () -> "no preview: " + model.query().errorProperty().get());
            assertThat(connectors.requests).singleElement().satisfies(r -> {
                assertThat(r.dryRun()).isTrue();
                assertThat(r.recordType()).isEqualTo("order");
                assertThat(r.records()).hasSize(1000);
            });
            assertThat(robot.read(() -> ((Label) robot.find("#import-preview-title")).getText()))
                    .isEqualTo("The first 1,000 of 1,200 records of shopify-orders.csv; the rest are checked as they"
                            + " are imported");
            assertThat(robot.read(() -> model.willImportProperty().get())).isEqualTo("1,000");
            assertThat(robot.read(() -> model.preview().get(0).revenue())).isEqualTo("101.50 USD");

            robot.clickOn("#import-start");
            robot.waitUntil(() -> model.summaryProperty().get() != null, () -> "no summary: "
                    + model.importRun().errorProperty().get());
            assertThat(connectors.requests.subList(1, 3)).extracting(r -> r.records().size())
                    .containsExactly(1000, 200);
            assertThat(robot.read(() -> ((Label) robot.find("#import-summary")).getText()))
                    .startsWith("Imported 1,200 of 1,200 records in ")
                    .endsWith(": 1,200 new events stored, 0 duplicates (already stored).");
            robot.screenshot("interaction-import");

            robot.clickOn("#import-open-events");
            robot.waitUntil(() -> drilled.size() == 1, () -> "drilled " + drilled);
            EventQuery q = drilled.get(0).withLimit(1000);
            assertThat(engine.defaultWorkspace().events(q).events()).hasSize(1000)
                    .allMatch(e -> e.event().equals("order.created"));
        }
    }
}
