package com.headlessanalytics.console.ui.exports;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.app.FileSecretStore;
import com.headlessanalytics.console.app.SavedDestinations;
import com.headlessanalytics.console.ui.EngineScreenTest;
import com.headlessanalytics.console.ui.FxWarmUp;
import com.headlessanalytics.console.ui.ScreenRobot;
import java.nio.file.Files;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.Test;

/**
 * The Exports screen in a real window: the robot types a BigQuery destination, saves it under a
 * name, starts the export, reads the receipt row and its load command and copies it; then chooses
 * S3, types the keys into password fields, saves, and checks they went to the secret file only.
 */
class ExportsInteractionTest extends EngineScreenTest {

    @Test
    void startsABigQueryExportReadsTheReceiptAndKeepsS3KeysOutOfTheSettings() throws Exception {
        FakeExportPort exports = new FakeExportPort(engine.defaultWorkspace());
        var port = exports.port();
        FileSecretStore secrets = new FileSecretStore(dir);
        SavedDestinations store = new SavedDestinations(dir);
        List<String> copied = new CopyOnWriteArrayList<>();
        ExportsViewModel model = ScreenRobot.onFx(() -> new ExportsViewModel(() -> port, tasks, dialogs, secrets,
                store, copied::add, Clock.systemUTC(), ZoneOffset.UTC));
        FxWarmUp.show(() -> new ExportsView(model));
        try (ScreenRobot robot = ScreenRobot.show(() -> new ExportsView(model))) {
            robot.read(() -> {
                model.activate();
                return null;
            });
            robot.typeInto("#exports-field-projectId", "acme-analytics");
            robot.typeInto("#exports-field-datasetId", "events");
            robot.typeInto("#exports-field-tableId", "headless");
            robot.typeInto("#exports-event", "order.created");
            robot.typeInto("#exports-name", "Warehouse nightly");
            robot.clickOn("#exports-save");
            robot.waitUntil(() -> model.saved().size() == 1, () -> "saved " + model.saved());
            robot.clickOn("#exports-run");
            robot.waitUntil(() -> model.receipts().size() == 1, () -> "receipts " + model.receipts()
                    + " " + model.query().errorProperty().get());
            assertThat(exports.requests).singleElement().satisfies(r -> {
                assertThat(r.destination()).isEqualTo("bigquery");
                assertThat(r.config()).isEqualTo(Map.of("projectId", "acme-analytics", "datasetId", "events",
                        "tableId", "headless"));
                assertThat(r.filter().event()).isEqualTo("order.created");
                assertThat(r.limit()).isEqualTo(1000);
            });
            TableView<ExportsViewModel.ReceiptRow> table = robot.find("#exports-receipts");
            ExportsViewModel.ReceiptRow row = robot.read(() -> table.getItems().get(0));
            assertThat(row.destination()).isEqualTo("bigquery");
            assertThat(row.count()).isEqualTo("412");
            assertThat(row.status()).isEqualTo("succeeded");
            assertThat(row.sha()).hasSize(12);
            assertThat(robot.read(() -> ((TextArea) robot.find("#exports-load-command")).getText()))
                    .startsWith("bq load --source_format=NEWLINE_DELIMITED_JSON acme-analytics:events.headless ");
            robot.clickOn("#exports-copy-load");
            robot.waitUntil(() -> copied.size() == 1, () -> "copied " + copied);
            robot.screenshot("interaction-exports");

            robot.choose("#exports-destination", "Amazon S3");
            robot.typeInto("#exports-field-bucket", "acme-events");
            robot.typeInto("#exports-field-accessKeyId", "AKIAINTERACTION");
            robot.typeInto("#exports-field-secretAccessKey", "very/secret+key");
            robot.typeInto("#exports-name", "Lake");
            robot.clickOn("#exports-save");
            robot.waitUntil(() -> model.saved().size() == 2, () -> "saved " + model.saved());
            robot.waitUntil(() -> model.input("secretAccessKey") != null
                    && model.input("secretAccessKey").storedProperty().get(), () -> "secret not marked saved");
            assertThat(Files.readString(store.file())).contains("acme-events").doesNotContain("AKIAINTERACTION",
                    "very/secret+key");
            assertThat(Files.readString(secrets.file())).contains("AKIAINTERACTION", "very/secret+key");
            assertThat(robot.read(() -> model.input("secretAccessKey").valueProperty().get())).isEmpty();
        }
    }
}
