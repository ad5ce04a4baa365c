package com.headlessanalytics.console.app;

import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.hardware.print.PrintChoice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The label printing choice the console remembers (printer, paper, margins), as JSON beside the
 * console settings, written atomically; unreadable or missing means no choice yet.
 */
public final class PrintSettings {
    private static final Logger LOG = LoggerFactory.getLogger(PrintSettings.class);
    static final String FILE_NAME = "print-settings.json";

    private PrintSettings() {
    }

    public static PrintChoice load(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return PrintChoice.none();
        }
        try {
            return ApiJson.mapper().readValue(file.toFile(), PrintChoice.class);
        } catch (IOException e) {
            LOG.warn("Ignoring unreadable print settings in {}: {}", file, e.getMessage());
            return PrintChoice.none();
        }
    }

    public static void save(Path folder, PrintChoice choice) {
        try {
            AtomicFiles.write(folder.resolve(FILE_NAME),
                    ApiJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(choice), false);
        } catch (IOException e) {
            LOG.warn("Print settings could not be saved in {}: {}", folder, e.getMessage());
        }
    }
}
