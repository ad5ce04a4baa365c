package com.headlessanalytics.console.app;

import static org.assertj.core.api.Assertions.assertThat;

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
        ConsoleSettings saved = new ConsoleSettings("DARK", 10.0, 20.0, 1400.0, 900.0, true, true);
        saved.save(dir);
        assertThat(ConsoleSettings.load(dir)).isEqualTo(saved);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(ConsoleSettings.FILE_NAME);
        }
        Files.writeString(dir.resolve(ConsoleSettings.FILE_NAME), "{\"appearance\": ");
        assertThat(ConsoleSettings.load(dir)).isEqualTo(ConsoleSettings.defaults());
    }
}
