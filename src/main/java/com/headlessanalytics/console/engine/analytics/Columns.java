package com.headlessanalytics.console.engine.analytics;

import java.util.Arrays;

/**
 * The analytics projection of one workspace's events: one row per event in storage order, kept
 * as compact columns. Only the writer appends; readers take {@link #size()} once and read rows
 * below it, so queries never lock and never wait for ingest. Columns grow in fixed chunks, so a
 * grown column never moves rows a reader is looking at.
 */
public final class Columns {
    static final int SHIFT = 16;
    static final int CHUNK = 1 << SHIFT;
    static final int MASK = CHUNK - 1;
    /** Flags: the event has a trackable, a decisionId, a proofId. */
    public static final int TRACKABLE = 1;
    public static final int DECISION = 2;
    public static final int PROOF = 4;

    private long[][] seq = new long[0][];
    private long[][] ts = new long[0][];
    private int[][] name = new int[0][];
    private int[][] actor = new int[0][];
    private int[][] business = new int[0][];
    private int[][] touch = new int[0][];
    private byte[][] flags = new byte[0][];
    private byte[][] tier = new byte[0][];
    /** Rows with revenue, ascending, and their revenue in micro-units. */
    private int[] revenueRows = new int[256];
    private long[] revenueMicros = new long[256];
    private volatile int revenueCount;
    private volatile int size;
    private long lastSeq;

    public final Dictionary names = new Dictionary();
    public final Dictionary actors = new Dictionary();
    public final Dictionary businesses = new Dictionary();
    /** Touchpoint values of every field. */
    public final Dictionary touchValues = new Dictionary();
    /** Distinct (source, channel, campaign, medium) tuples of value ids, -1 for absent. */
    private final Dictionary touchKeys = new Dictionary();
    private volatile int[][] touchTuples = new int[64][];

    /** How many rows readers may read. */
    public int size() {
        return size;
    }

    /** The storage sequence of the last row; only the writer asks. */
    long lastSeq() {
        return lastSeq;
    }

    /** Appends one event; the writer only, in storage order. Trust tier 0 = none, 1..5 = T0..T4. */
    void append(long seqValue, long time, String eventName, String actorKey, String businessId, String source,
                String channel, String campaign, String medium, Long revenue, int flagBits, int tierValue) {
        int row = size;
        if ((row & MASK) == 0 && (row >>> SHIFT) == ts.length) {
            grow();
        }
        int c = row >>> SHIFT;
        int i = row & MASK;
        seq[c][i] = seqValue;
        ts[c][i] = time;
        name[c][i] = names.intern(eventName);
        actor[c][i] = actorKey == null ? -1 : actors.intern(actorKey);
        business[c][i] = businesses.intern(businessId);
        touch[c][i] = touchTuple(source, channel, campaign, medium);
        flags[c][i] = (byte) flagBits;
        tier[c][i] = (byte) tierValue;
        if (revenue != null) {
            int n = revenueCount;
            if (n == revenueRows.length) {
                revenueRows = Arrays.copyOf(revenueRows, n * 2);
                revenueMicros = Arrays.copyOf(revenueMicros, n * 2);
            }
            revenueRows[n] = row;
            revenueMicros[n] = revenue;
            revenueCount = n + 1;
        }
        lastSeq = seqValue;
        size = row + 1;
    }

    private void grow() {
        int chunks = ts.length + 1;
        seq = Arrays.copyOf(seq, chunks);
        ts = Arrays.copyOf(ts, chunks);
        name = Arrays.copyOf(name, chunks);
        actor = Arrays.copyOf(actor, chunks);
        business = Arrays.copyOf(business, chunks);
        touch = Arrays.copyOf(touch, chunks);
        flags = Arrays.copyOf(flags, chunks);
        tier = Arrays.copyOf(tier, chunks);
        int c = chunks - 1;
        seq[c] = new long[CHUNK];
        ts[c] = new long[CHUNK];
        name[c] = new int[CHUNK];
        actor[c] = new int[CHUNK];
        business[c] = new int[CHUNK];
        touch[c] = new int[CHUNK];
        flags[c] = new byte[CHUNK];
        tier[c] = new byte[CHUNK];
    }

    private int touchTuple(String source, String channel, String campaign, String medium) {
        if (source == null && channel == null && campaign == null && medium == null) {
            return -1;
        }
        int[] tuple = {value(source), value(channel), value(campaign), value(medium)};
        int before = touchKeys.size();
        int id = touchKeys.intern(tuple[0] + "," + tuple[1] + "," + tuple[2] + "," + tuple[3]);
        if (id == before) {
            int[][] t = touchTuples;
            if (id == t.length) {
                t = Arrays.copyOf(t, id * 2);
            }
            t[id] = tuple;
            touchTuples = t;
        }
        return id;
    }

    private int value(String v) {
        return v == null ? -1 : touchValues.intern(v);
    }

    public long seq(int row) {
        return seq[row >>> SHIFT][row & MASK];
    }

    public long ts(int row) {
        return ts[row >>> SHIFT][row & MASK];
    }

    public int name(int row) {
        return name[row >>> SHIFT][row & MASK];
    }

    /** The actor id, or -1 when the event has no actor identity. */
    public int actor(int row) {
        return actor[row >>> SHIFT][row & MASK];
    }

    public int business(int row) {
        return business[row >>> SHIFT][row & MASK];
    }

    public int flags(int row) {
        return flags[row >>> SHIFT][row & MASK];
    }

    /** 0 = no trust tier, 1..5 = T0..T4. */
    public int tier(int row) {
        return tier[row >>> SHIFT][row & MASK];
    }

    /** Whether the row is an event of {@code business} at a time from {@code from} to {@code to}, inclusive. */
    public boolean in(int row, int business, long from, long to) {
        if (business(row) != business) {
            return false;
        }
        long t = ts(row);
        return t >= from && t <= to;
    }

    /**
     * The value id of touchpoint field {@code field} (0 source, 1 channel, 2 campaign, 3 medium)
     * on this row, or -1 when absent.
     */
    public int touch(int row, int field) {
        int t = touch[row >>> SHIFT][row & MASK];
        return t < 0 ? -1 : touchTuples[t][field];
    }

    /** How many rows (of all rows, not only those below a reader's size) carry revenue. */
    public int revenueCount() {
        return revenueCount;
    }

    public int revenueRow(int i) {
        return revenueRows[i];
    }

    public long revenueMicros(int i) {
        return revenueMicros[i];
    }

    /** The revenue of a row in micro-units, or 0 when it has none. */
    public long revenueOf(int row) {
        int i = Arrays.binarySearch(revenueRows, 0, revenueCount, row);
        return i < 0 ? 0 : revenueMicros[i];
    }

    /** Whether the row carries revenue. */
    public boolean hasRevenue(int row) {
        return Arrays.binarySearch(revenueRows, 0, revenueCount, row) >= 0;
    }

    /** The first row whose storage sequence is ≥ {@code s}, among the first {@code n} rows. */
    public int rowAtOrAfterSeq(long s, int n) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (seq(mid) < s) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
