package com.headlessanalytics.console.exports;

import com.headlessanalytics.console.api.Exports;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which destination config values are secrets (docs/exports-delivery.md "Secrets"): a key whose
 * lower-cased name contains {@code secret}, {@code password}, {@code token}, {@code credential},
 * {@code authorization}, {@code apikey} or {@code api_key}, or that equals {@code accessKeyId} or
 * {@code sessionToken}. Inside a {@code headers} map every header named that way is a secret, and
 * {@code Authorization} always is. Hyphens count as underscores, so the header {@code X-Api-Key} is a
 * secret too. Secrets are used for the delivery and never stored, logged or echoed.
 */
public final class Secrets {

    /** What {@link #scrub} puts in place of a secret value. */
    public static final String REDACTED = "[redacted]";

    private Secrets() {
    }

    /** Whether the config key (or header name) {@code key} holds a secret. */
    public static boolean isSecret(String key) {
        return Exports.isSecretKey(key);
    }

    /**
     * A copy of {@code config} without its secrets: every secret key is removed, at any depth
     * (nested maps, maps inside lists). Null in, null out; the order of the other keys is kept.
     */
    public static Map<String, Object> redact(Map<String, Object> config) {
        if (config == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : config.entrySet()) {
            if (!isSecret(e.getKey())) {
                out.put(e.getKey(), redactValue(e.getValue()));
            }
        }
        return out;
    }

    /**
     * {@code text} with every occurrence of each of {@code secrets} (at least 4 characters long)
     * replaced by {@code [redacted]}: for messages built from a server's answer, which might echo one.
     */
    public static String scrub(String text, Collection<String> secrets) {
        if (text == null || secrets == null) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 4) {
                out = out.replace(secret, REDACTED);
            }
        }
        return out;
    }

    /** Every secret value in {@code config}, at any depth: what {@link #scrub} removes from messages. */
    public static List<String> values(Map<String, Object> config) {
        List<String> out = new ArrayList<>();
        collect(config, false, out);
        return out;
    }

    private static void collect(Object value, boolean secret, List<String> out) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collect(v, secret || isSecret(String.valueOf(k)), out));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collect(v, secret, out));
        } else if (secret && value != null) {
            String s = String.valueOf(value);
            out.add(s);
            if (s.regionMatches(true, 0, "Bearer ", 0, 7) || s.regionMatches(true, 0, "Basic ", 0, 6)) {
                out.add(s.substring(s.indexOf(' ') + 1).strip());
            }
        }
    }

    private static Object redactValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), v));
            return redact(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object item : list) {
                copy.add(redactValue(item));
            }
            return copy;
        }
        return value;
    }
}
