package com.headlessanalytics.console.ui.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.Connectors;
import com.headlessanalytics.console.ui.EngineScreenTest;
import com.headlessanalytics.console.ui.FxWarmUp;
import com.headlessanalytics.console.ui.ScreenRobot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Import wizard over a real engine, light and dark, for a person to look at: the provider
 * step, the preview of a Shopify file with duplicates, a record without an id and a record with an
 * error, and the summary of an import stopped by a refused chunk
 * (target/screenshots/import-{providers,preview,summary}-{light,dark}.png).
 */
class ImportScreenshotTest extends EngineScreenTest {

    @Test
    void rendersTheWizardStepsLightAndDark() throws Exception {
        for (boolean dark : new boolean[] {false, true}) {
            render(dark, dark ? "dark" : "light");
        }
    }

    private void render(boolean dark, String theme) throws Exception {
        FakeConnectorPort connectors = new FakeConnectorPort(engine.defaultWorkspace());
        var port = connectors.port();
        port.connectorIngest(new Connectors.Request("shopify", null, FakeConnectorPort.orders(1, 4), false, null));
        List<Map<String, Object>> records = FakeConnectorPort.orders(1, 1400);
        records.get(5).remove("id");
        records.get(8).put("total_price", "12,50");
        Path file = FakeConnectorPort.ndjson(dir.resolve("shopify-orders-" + theme + ".ndjson"), records);
        ImportViewModel model = ScreenRobot.onFx(() -> new ImportViewModel(() -> port, ChunkSender::plain, tasks,
                dialogs, FakeConnectorPort.NDJSON, drilled::add, Clock.systemUTC(), ZoneOffset.UTC));
        FxWarmUp.show(() -> new ImportView(model));
        try (ScreenRobot robot = ScreenRobot.show(() -> new ImportView(model), dark)) {
            robot.read(() -> {
                model.activate();
                return null;
            });
            robot.waitUntil(() -> model.providers().size() == 3, () -> "providers " + model.providers());
            robot.read(() -> {
                robot.<javafx.scene.control.TableView<?>>find("#import-providers").getSelectionModel().select(0);
                return null;
            });
            robot.waitUntil(() -> model.providerProperty().get() != null, () -> "no provider chosen");
            robot.screenshot("import-providers-" + theme);
            robot.read(() -> {
                model.nextCommand().execute();
                model.preview(file);
                return null;
            });
            robot.waitUntil(() -> model.stepProperty().get() == ImportViewModel.Step.PREVIEW,
                    () -> "step " + model.stepProperty().get() + " " + model.query().errorProperty().get());
            assertThat(robot.read(() -> model.errorsProperty().get())).isEqualTo("1");
            robot.screenshot("import-preview-" + theme);

            records.get(8).put("total_price", "12.50");
            records.get(1199).put("total_price", "—");
            FakeConnectorPort.ndjson(file, records);
            robot.read(() -> {
                model.preview(file);
                return null;
            });
            robot.waitUntil(() -> !model.previewHasErrorsProperty().get() && !model.query().isRunning(),
                    () -> "still errors");
            robot.read(() -> {
                model.importCommand().execute();
                return null;
            });
            robot.waitUntil(() -> model.summaryProperty().get() != null, () -> "no summary");
            robot.screenshot("import-summary-" + theme);
        }
    }
}
