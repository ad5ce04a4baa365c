package com.headlessanalytics.console.ui.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.hardware.scan.ScanJournal;
import com.headlessanalytics.console.hardware.scan.StationSettings;
import com.headlessanalytics.console.ui.ScreenRobot;
import com.headlessanalytics.console.ui.common.FxScheduler;
import com.headlessanalytics.console.ui.common.FxTaskRunner;
import com.headlessanalytics.console.ui.common.StationSettingsForm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import javafx.application.Platform;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Scanner station with data, light and dark, for a person to look at: recorded scans, an
 * unknown code, then the API gone and a scan queued ({@code scanner-light.png},
 * {@code scanner-dark.png}, {@code scanner-queued-*.png} in target/screenshots).
 */
class ScannerStationScreenshotTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theStationWithScansAnUnknownCodeAndAQueuedScan(boolean dark) throws Exception {
        FxTaskRunner tasks = new FxTaskRunner(Platform::runLater);
        try (Engine engine = Engine.open(dir.resolve("data"))) {
            ScanJournal journal = ScanJournal.open(dir.resolve("scanner/scan-journal.jsonl"));
            StationPort port = new StationPort(engine.defaultWorkspace());
            String door = port.add("barcode", "Front door, loading bay 2");
            String pallet = port.add("qr_code", "Pallet 7");
            ScannerStationViewModel model = ScreenRobot.onFx(() -> new ScannerStationViewModel(port::api, tasks,
                    new FxScheduler(), Platform::runLater, Clock.systemUTC(), ZoneOffset.UTC, journal,
                    new StationSettingsForm(new StationSettings("dock-2", null, true, null), s -> { })));
            try (ScreenRobot robot = ScreenRobot.show(() -> new ScannerStationView(model), dark)) {
                robot.read(() -> {
                    model.activate();
                    model.scanned("]Q1https://shop.example/p?ha_code=" + pallet);
                    model.scanned("ZZZZ9999");
                    model.scanned(door);
                    model.scanned(door);
                    return null;
                });
                robot.waitUntil(() -> model.recent().size() == 4 && !model.sending(), () -> "recent "
                        + model.recent().size());
                String suffix = dark ? "dark" : "light";
                assertThat(Files.exists(robot.screenshot("scanner-" + suffix))).isTrue();
                port.down = true;
                robot.read(() -> {
                    model.scanned(pallet);
                    return null;
                });
                robot.waitUntil(() -> model.queuedProperty().get() == 1 && !model.sending(), () -> "queued "
                        + model.queuedProperty().get());
                robot.screenshot("scanner-queued-" + suffix);
                robot.read(() -> {
                    model.deactivate();
                    return null;
                });
            } finally {
                journal.close();
            }
        } finally {
            tasks.close();
        }
    }
}
