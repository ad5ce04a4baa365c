package com.headlessanalytics.console.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.headlessanalytics.console.api.ApiJson;
import java.math.BigDecimal;
import java.util.Map;

/** Reading stored envelopes: parsing, dotted paths, step filters and numbers in them. */
final class EnvelopePaths {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private EnvelopePaths() {
    }

    /** Every filter path holds an equal value: strings and booleans exactly, numbers by value. */
    static boolean matches(Map<String, Object> envelope, Map<String, Object> filter) {
        for (Map.Entry<String, Object> f : filter.entrySet()) {
            Object actual = at(envelope, f.getKey());
            Object wanted = f.getValue();
            if (wanted instanceof Number) {
                BigDecimal w = number(wanted);
                BigDecimal a = actual instanceof Number ? number(actual) : null;
                if (w == null || a == null || w.compareTo(a) != 0) {
                    return false;
                }
            } else if (!wanted.equals(actual)) {
                return false;
            }
        }
        return true;
    }

    /** The value at a dotted path of a JSON object, or null. */
    static Object at(Map<String, Object> json, String path) {
        Object current = json;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(part);
        }
        return current;
    }

    static Map<String, Object> parse(String envelope) {
        try {
            return ApiJson.mapper().readValue(envelope, MAP);
        } catch (JsonProcessingException e) {
            throw new EngineException("A stored envelope is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A JSON number, or a string holding a decimal number, as a decimal; null for anything else. */
    static BigDecimal number(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Number num) {
            return new BigDecimal(num.toString());
        }
        if (v instanceof String s && s.length() <= 40) {
            try {
                BigDecimal d = new BigDecimal(s.strip());
                return Math.abs(d.scale()) > 1000 ? null : d;
            } catch (NumberFormatException notNumber) {
                return null;
            }
        }
        return null;
    }
}
