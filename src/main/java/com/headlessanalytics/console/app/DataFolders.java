package com.headlessanalytics.console.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The per-user data folder: the system property {@code ha.data.dir} or {@code HA_DATA_DIR} when
 * set, else XDG on Linux
 * ({@code $XDG_DATA_HOME/headless-analytics}), {@code %APPDATA%\HeadlessAnalytics} on Windows,
 * {@code ~/Library/Application Support/HeadlessAnalytics} on macOS.
 */
public final class DataFolders {
    private DataFolders() {
    }

    public static Path defaultFolder() {
        String property = System.getProperty("ha.data.dir");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        return defaultFolder(System.getenv(), System.getProperty("os.name", ""), System.getProperty("user.home"));
    }

    static Path defaultFolder(Map<String, String> env, String osName, String userHome) {
        String override = env.get("HA_DATA_DIR");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            return appData != null ? Path.of(appData, "HeadlessAnalytics")
                    : Path.of(userHome, "AppData", "Roaming", "HeadlessAnalytics");
        }
        if (os.contains("mac")) {
            return Path.of(userHome, "Library", "Application Support", "HeadlessAnalytics");
        }
        String xdg = env.get("XDG_DATA_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg, "headless-analytics")
                : Path.of(userHome, ".local", "share", "headless-analytics");
    }
}
