package com.headlessanalytics.console.connectors;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The size of a record as compact UTF-8 JSON and its nesting depth, in one walk that writes
 * nothing and stops as soon as a limit is passed.
 */
final class RecordSize {
    private long bytes;
    private final long maxBytes;
    private final int maxDepth;
    private boolean tooDeep;

    private RecordSize(long maxBytes, int maxDepth) {
        this.maxBytes = maxBytes;
        this.maxDepth = maxDepth;
    }

    /** Outcome: the bytes counted (more than the limit when too large) and whether it nests deeper than allowed. */
    record Measure(long bytes, boolean tooDeep) {
    }

    static Measure of(Object value, long maxBytes, int maxDepth) {
        RecordSize s = new RecordSize(maxBytes, maxDepth);
        s.walk(value, 0);
        return new Measure(s.bytes, s.tooDeep);
    }

    private boolean walk(Object v, int depth) {
        if (bytes > maxBytes || tooDeep) {
            return false;
        }
        if (v instanceof Map<?, ?> m) {
            if (depth + 1 > maxDepth) {
                tooDeep = true;
                return false;
            }
            bytes += 2 + Math.max(0, m.size() - 1);
            for (Map.Entry<?, ?> e : m.entrySet()) {
                bytes += text(String.valueOf(e.getKey())) + 1;
                if (!walk(e.getValue(), depth + 1)) {
                    return false;
                }
            }
        } else if (v instanceof List<?> l) {
            if (depth + 1 > maxDepth) {
                tooDeep = true;
                return false;
            }
            bytes += 2 + Math.max(0, l.size() - 1);
            for (Object o : l) {
                if (!walk(o, depth + 1)) {
                    return false;
                }
            }
        } else if (v instanceof String s) {
            bytes += text(s);
        } else if (v instanceof BigDecimal d) {
            bytes += d.toString().length();
        } else if (v == null) {
            bytes += 4;
        } else {
            bytes += v.toString().length();
        }
        return bytes <= maxBytes;
    }

    /** A JSON string's bytes: quotes, UTF-8 and escapes. */
    private static long text(String s) {
        long n = 2;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                n += 2;
            } else if (c < 0x20) {
                n += (c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') ? 2 : 6;
            } else if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
