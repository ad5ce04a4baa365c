package com.headlessanalytics.console.engine.analytics;

import java.io.IOException;
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

    /** Writes the values added so far, in id order. */
    void write(SnapshotIo.Out out) throws IOException {
        int n = size;
        String[] v = values;
        out.writeInt(n);
        for (int i = 0; i < n; i++) {
            out.writeString(v[i]);
        }
    }

    /** Adds the values {@link #write} wrote to this empty dictionary. */
    void read(SnapshotIo.In in) throws IOException {
        int n = in.readSized(4);
        for (int i = 0; i < n; i++) {
            String value = in.readString();
            if (value == null || intern(value) != i) {
                throw new SnapshotIo.Corrupt("a dictionary holds a value twice");
            }
        }
    }
}
