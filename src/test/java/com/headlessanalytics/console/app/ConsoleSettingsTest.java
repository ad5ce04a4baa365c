package com.headlessanalytics.console.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleSettingsTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsAndFallsBackToDefaultsOnAnUnreadableFile() throws Exception {
        assertThat(ConsoleSettings.load(dir)).isEqualTo(ConsoleSettings.defaults());
        ConsoleSettings saved = new ConsoleSettings("DARK", 10.0, 20.0, 1400.0, 900.0, true, true, "ana",
                new BigDecimal("2500.50"));
        saved.save(dir);
        assertThat(ConsoleSettings.load(dir)).isEqualTo(saved);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(ConsoleSettings.FILE_NAME);
        }
        Files.writeString(dir.resolve(ConsoleSettings.FILE_NAME), "{\"appearance\": ");
        assertThat(ConsoleSettings.load(dir)).isEqualTo(ConsoleSettings.defaults());
    }

    @Test
    void theWindowsPartReadsWhatTheMapperWroteAndFallsBackToTheDefaultsOnAnythingElse() throws Exception {
        ConsoleSettings.Window defaults = new ConsoleSettings.Window("SYSTEM", null, null, 1280.0, 800.0, false, false);
        assertThat(ConsoleSettings.window(dir)).as("no file").isEqualTo(defaults);
        new ConsoleSettings("DARK", -10.5, 20.0, 1400.0, 900.0, true, true, "ana", new BigDecimal("2500.50"))
                .withStation(ConsoleSettings.defaults().stationOrDefaults()).save(dir);
        assertThat(ConsoleSettings.window(dir)).as("every other field, nested ones too, is skipped")
                .isEqualTo(new ConsoleSettings.Window("DARK", -10.5, 20.0, 1400.0, 900.0, true, true));
        Files.writeString(dir.resolve(ConsoleSettings.FILE_NAME), "{\"appearance\":null,\"x\":null,\"width\":1000}");
        assertThat(ConsoleSettings.window(dir)).as("nulls and whole numbers")
                .isEqualTo(new ConsoleSettings.Window(null, null, null, 1000.0, 800.0, false, false));
        for (String broken : new String[] {"{\"appearance\": ", "[]", "{\"x\":\"10\"}", "{\"maximized\":1}",
                "{\"appearance\":\"DARK\"} {}", ""}) {
            Files.writeString(dir.resolve(ConsoleSettings.FILE_NAME), broken);
            assertThat(ConsoleSettings.window(dir)).as(broken).isEqualTo(defaults);
        }
    }

    @Test
    void aFileFromBeforeTheOperatorProfileLoadsWithoutOneAndTheThresholdIsWrittenExactly() throws Exception {
        Files.writeString(dir.resolve(ConsoleSettings.FILE_NAME), "{\"appearance\":\"LIGHT\",\"width\":1000.0,"
                + "\"height\":700.0,\"maximized\":false,\"demoOffered\":true}");
        ConsoleSettings old = ConsoleSettings.load(dir);
        assertThat(old.appearance()).isEqualTo("LIGHT");
        assertThat(old.operatorName()).isNull();
        assertThat(old.approvalThreshold()).isNull();
        old.withOperator("ana", new BigDecimal("1000.10")).save(dir);
        assertThat(Files.readString(dir.resolve(ConsoleSettings.FILE_NAME)))
                .contains("\"operatorName\" : \"ana\"", "\"approvalThreshold\" : \"1000.10\"");
        assertThat(ConsoleSettings.load(dir).approvalThreshold()).isEqualTo(new BigDecimal("1000.10"));
    }

    @Test
    void theScannerStationsSettingsRoundTripAndAFileWithoutThemGivesTheDefaults() {
        assertThat(ConsoleSettings.defaults().stationOrDefaults()).isEqualTo(
                com.headlessanalytics.console.hardware.scan.StationSettings.defaults());
        var station = new com.headlessanalytics.console.hardware.scan.StationSettings("gate-A",
                new com.headlessanalytics.console.hardware.scan.ScanThresholds(8, 25, 60, true, false), true,
                "/dev/ttyACM0");
        ConsoleSettings.defaults().withOperator("ana", null).withStation(station).save(dir);
        ConsoleSettings loaded = ConsoleSettings.load(dir);
        assertThat(loaded.station()).isEqualTo(station);
        assertThat(loaded.operatorName()).isEqualTo("ana");
    }
}
