package com.headlessanalytics.console.ui.exports;

import com.headlessanalytics.console.app.FileSecretStore;
import com.headlessanalytics.console.app.SavedDestinations;
import com.headlessanalytics.console.ui.EngineScreenTest;
import com.headlessanalytics.console.ui.FxWarmUp;
import com.headlessanalytics.console.ui.ScreenRobot;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Exports screen, light and dark, for a person to look at: two saved destinations, a BigQuery
 * export selected with its files and load command, a failed S3 export below it
 * (target/screenshots/exports-{light,dark}.png), and the failed one selected with its error and
 * Retry (exports-failed-{light,dark}.png).
 */
class ExportsScreenshotTest extends EngineScreenTest {

    @Test
    void rendersSavedDestinationsReceiptsAndADetailLightAndDark() throws Exception {
        for (boolean dark : new boolean[] {false, true}) {
            render(dark, dark ? "dark" : "light");
        }
    }

    private void render(boolean dark, String theme) throws Exception {
        FakeExportPort exports = new FakeExportPort(engine.defaultWorkspace());
        var port = exports.port();
        FileSecretStore secrets = new FileSecretStore(dir.resolve(theme));
        SavedDestinations store = new SavedDestinations(dir.resolve(theme));
        store.save(new SavedDestination("Lake (S3)", "s3", Map.of("bucket", "acme-events", "prefix", "headless/",
                "region", "eu-central-1")));
        secrets.put(SavedDestination.secretKey("Lake (S3)"), "{\"accessKeyId\":\"AKIA\",\"secretAccessKey\":\"x\"}");
        store.save(new SavedDestination("Warehouse nightly", "bigquery", Map.of("projectId", "acme-analytics",
                "datasetId", "events", "tableId", "headless")));
        List<String> copied = new ArrayList<>();
        ExportsViewModel model = ScreenRobot.onFx(() -> new ExportsViewModel(() -> port, tasks, dialogs, secrets,
                store, copied::add, Clock.systemUTC(), ZoneOffset.UTC));
        FxWarmUp.show(() -> new ExportsView(model));
        try (ScreenRobot robot = ScreenRobot.show(() -> new ExportsView(model), dark)) {
            robot.read(() -> {
                model.activate();
                return null;
            });
            robot.waitUntil(() -> model.saved().size() == 2, () -> "saved " + model.saved());
            robot.read(() -> {
                model.selectedSavedProperty().set(model.saved().get(0));
                return null;
            });
            exports.failDeliveries = true;
            robot.read(() -> {
                model.exportCommand().execute();
                return null;
            });
            robot.waitUntil(() -> model.receipts().size() == 1 && !model.query().isRunning(), () -> "no failed receipt");
            exports.failDeliveries = false;
            robot.read(() -> {
                model.selectedSavedProperty().set(model.saved().get(1));
                model.eventProperty().set("order.created");
                model.exportCommand().execute();
                return null;
            });
            robot.waitUntil(() -> model.receipts().size() == 2 && model.loadCommandProperty().get().startsWith("bq"),
                    () -> "receipts " + model.receipts());
            robot.screenshot("exports-" + theme);
            robot.read(() -> {
                model.selectedSavedProperty().set(model.saved().get(0));
                model.selectedReceiptProperty().set(model.receipts().get(1));
                return null;
            });
            robot.waitUntil(() -> model.retryCommand().isExecutable(), () -> "retry not offered");
            robot.screenshot("exports-failed-" + theme);
        }
    }
}
