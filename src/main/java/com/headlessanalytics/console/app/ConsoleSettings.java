package com.headlessanalytics.console.app;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.hardware.scan.StationSettings;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the console remembers between runs: appearance, window geometry, whether the demo
 * workspace was offered, and the operator profile (name, null for the OS user name; approval
 * threshold, null for the default) and the scanner station's settings (null for the defaults), as JSON in the per-user
 * folder, written to a temporary file and moved into place so a crash never leaves half a file.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConsoleSettings(String appearance, Double x, Double y, Double width, Double height, boolean maximized,
                              boolean demoOffered, String operatorName,
                              @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal approvalThreshold,
                              StationSettings station) {
    /** Made when needed: the console reads its settings before logging has started, to show the window sooner. */
    private static Logger log() {
        return LoggerFactory.getLogger(ConsoleSettings.class);
    }
    static final String FILE_NAME = "console-settings.json";

    public static ConsoleSettings defaults() {
        return new ConsoleSettings("SYSTEM", null, null, 1280.0, 800.0, false, false, null, null, null);
    }

    /** Settings without the scanner station's (kept as they are when these are saved over them). */
    public ConsoleSettings(String appearance, Double x, Double y, Double width, Double height, boolean maximized,
                           boolean demoOffered, String operatorName, BigDecimal approvalThreshold) {
        this(appearance, x, y, width, height, maximized, demoOffered, operatorName, approvalThreshold, null);
    }

    /** The scanner station's settings, the defaults when none were saved. */
    public StationSettings stationOrDefaults() {
        return station == null ? StationSettings.defaults() : station;
    }

    /** These settings with the scanner station's. */
    public ConsoleSettings withStation(StationSettings now) {
        return new ConsoleSettings(appearance, x, y, width, height, maximized, demoOffered, operatorName,
                approvalThreshold, now);
    }

    /** These settings with the operator profile's name and threshold. */
    public ConsoleSettings withOperator(String name, BigDecimal threshold) {
        return new ConsoleSettings(appearance, x, y, width, height, maximized, demoOffered, name, threshold, station);
    }

    /** What the window needs before it shows: the theme, the geometry, and whether the demo was offered. */
    public record Window(String appearance, Double x, Double y, Double width, Double height, boolean maximized,
                         boolean demoOffered) {
    }

    /**
     * The window's part of the saved settings, or the defaults' when there are none or they cannot be
     * read. Read with Jackson's streaming parser, not its object mapper: the window waits for this,
     * and the mapper's first use costs a cold start about half a second on two cores.
     */
    public static Window window(Path folder) {
        ConsoleSettings d = defaults();
        Window defaults = new Window(d.appearance(), d.x(), d.y(), d.width(), d.height(), d.maximized(),
                d.demoOffered());
        Path file = folder.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return defaults;
        }
        try (JsonParser in = new JsonFactory().createParser(file.toFile())) {
            return readWindow(in, defaults);
        } catch (IOException | IllegalStateException e) {
            log().warn("Ignoring unreadable console settings in {}: {}", file, e.getMessage());
            return defaults;
        }
    }

    private static Window readWindow(JsonParser in, Window w) throws IOException {
        expect(in.nextToken() == JsonToken.START_OBJECT);
        String appearance = w.appearance();
        Double x = w.x(), y = w.y(), width = w.width(), height = w.height();
        boolean maximized = w.maximized(), demoOffered = w.demoOffered();
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String name = in.currentName();
            JsonToken value = in.nextToken();
            switch (name) {
                case "appearance" -> appearance = value == JsonToken.VALUE_NULL ? null : text(in, value);
                case "x" -> x = number(in, value);
                case "y" -> y = number(in, value);
                case "width" -> width = number(in, value);
                case "height" -> height = number(in, value);
                case "maximized" -> maximized = bool(value);
                case "demoOffered" -> demoOffered = bool(value);
                default -> in.skipChildren();
            }
        }
        expect(in.currentToken() == JsonToken.END_OBJECT && in.nextToken() == null);
        return new Window(appearance, x, y, width, height, maximized, demoOffered);
    }

    private static String text(JsonParser in, JsonToken value) throws IOException {
        expect(value == JsonToken.VALUE_STRING);
        return in.getText();
    }

    private static Double number(JsonParser in, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(value == JsonToken.VALUE_NUMBER_FLOAT || value == JsonToken.VALUE_NUMBER_INT);
        return in.getDoubleValue();
    }

    private static boolean bool(JsonToken value) {
        expect(value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE);
        return value == JsonToken.VALUE_TRUE;
    }

    private static void expect(boolean shape) {
        if (!shape) {
            throw new IllegalStateException("not the settings' shape");
        }
    }

    /** The saved settings, or the defaults when there are none or they cannot be read. */
    public static ConsoleSettings load(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return defaults();
        }
        try {
            return ApiJson.mapper().readValue(file.toFile(), ConsoleSettings.class);
        } catch (IOException e) {
            log().warn("Ignoring unreadable console settings in {}: {}", file, e.getMessage());
            return defaults();
        }
    }

    public void save(Path folder) {
        try {
            Files.createDirectories(folder);
            Path tmp = Files.createTempFile(folder, FILE_NAME, ".tmp");
            ApiJson.mapper().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), this);
            try {
                Files.move(tmp, folder.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, folder.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            log().warn("Console settings could not be saved in {}: {}", folder, e.getMessage());
        }
    }
}
