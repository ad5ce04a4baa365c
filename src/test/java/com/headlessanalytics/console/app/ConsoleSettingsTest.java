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
