package com.headlessanalytics.console.engine.analytics;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Strings to dense ints and back. One thread adds; any thread reads the ids it was handed (an id
 * is published to readers by the column store's size, written after the id).
 */
public final class Dictionary {
    private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();
    private volatile String[] values = new String[64];
    private volatile int size;

    /** The id of the value, adding it when new; only the writer calls this. */
    int intern(String value) {
        Integer id = ids.get(value);
        if (id != null) {
            return id;
        }
        int next = size;
        String[] v = values;
        if (next == v.length) {
            v = Arrays.copyOf(v, next * 2);
        }
        v[next] = value;
        values = v;
        ids.put(value, next);
        size = next + 1;
        return next;
    }

    /** The id of the value, or -1 when it was never added. */
    public int id(String value) {
        Integer id = value == null ? null : ids.get(value);
        return id == null ? -1 : id;
    }

    public String value(int id) {
        return values[id];
    }

    public int size() {
        return size;
    }
}
