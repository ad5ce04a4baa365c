package com.headlessanalytics.console.ui.exports;

import java.util.Map;
import java.util.TreeMap;

/**
 * A destination saved under a name: which destination and its config without secrets (the
 * secrets are in the {@code SecretStore}, under {@link #secretKey()}), so an export is run again in
 * two clicks.
 */
public record SavedDestination(String name, String destination, Map<String, String> config) {
    public SavedDestination {
        config = config == null ? Map.of() : Map.copyOf(new TreeMap<>(config));
    }

    /** Where the destination's secrets are kept in the secret store. */
    public String secretKey() {
        return secretKey(name);
    }

    public static String secretKey(String name) {
        return "export-destination:" + name;
    }
}
