package com.headlessanalytics.console.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.hardware.print.PrintChoice;
import com.headlessanalytics.console.hardware.print.PrintMargins;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The remembered print choice survives a restart; a missing or corrupt file means no choice. */
class PrintSettingsTest {
    @TempDir
    Path dir;

    @Test
    void theChoiceRoundTripsAndACorruptFileIsIgnored() throws Exception {
        assertThat(PrintSettings.load(dir)).isEqualTo(PrintChoice.none());
        PrintChoice choice = new PrintChoice("Office \"2nd floor\"", "A4", PrintMargins.HARDWARE_MINIMUM);
        PrintSettings.save(dir, choice);
        assertThat(PrintSettings.load(dir)).isEqualTo(choice);
        PrintSettings.save(dir, new PrintChoice("PDF", null, PrintMargins.NONE));
        assertThat(PrintSettings.load(dir)).isEqualTo(new PrintChoice("PDF", null, PrintMargins.NONE));
        Files.writeString(dir.resolve(PrintSettings.FILE_NAME), "{\"printer\": ");
        assertThat(PrintSettings.load(dir)).isEqualTo(PrintChoice.none());
        try (var files = Files.list(dir)) {
            assertThat(files.filter(f -> f.toString().endsWith(".tmp"))).as("no temporary file left").isEmpty();
        }
    }
}
