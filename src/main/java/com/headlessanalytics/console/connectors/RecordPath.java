package com.headlessanalytics.console.connectors;

import java.util.List;
import java.util.Map;

/**
 * A dotted path into a record, compiled once: {@code customer.email}, {@code line_items.0.sku}
 * (a number is an array index, or a key when the value there is an object).
 */
final class RecordPath {
    static final int MAX_SEGMENTS = 16;
    private final String text;
    private final String[] keys;
    private final int[] indexes;

    private RecordPath(String text, String[] keys, int[] indexes) {
        this.text = text;
        this.keys = keys;
        this.indexes = indexes;
    }

    /** The compiled path, or null when {@code text} is not a path (empty segment, too many segments). */
    static RecordPath parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String[] keys = text.split("\\.", -1);
        if (keys.length > MAX_SEGMENTS) {
            return null;
        }
        int[] indexes = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].isEmpty()) {
                return null;
            }
            indexes[i] = index(keys[i]);
        }
        return new RecordPath(text, keys, indexes);
    }

    private static int index(String key) {
        if (key.length() > 6) {
            return -1;
        }
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) < '0' || key.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(key);
    }

    /** The value at this path, or null when any step is missing or of another shape. */
    Object resolve(Map<?, ?> record) {
        Object current = record;
        for (int i = 0; i < keys.length; i++) {
            if (current instanceof Map<?, ?> m) {
                current = m.get(keys[i]);
            } else if (current instanceof List<?> l && indexes[i] >= 0) {
                current = indexes[i] < l.size() ? l.get(indexes[i]) : null;
            } else {
                return null;
            }
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    /** The record's top-level field this path starts at. */
    String top() {
        return keys[0];
    }

    @Override
    public String toString() {
        return text;
    }
}
