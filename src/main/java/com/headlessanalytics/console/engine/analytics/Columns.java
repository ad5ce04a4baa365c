package com.headlessanalytics.console.engine.analytics;

import java.io.IOException;
import java.util.Arrays;

/**
 * The analytics projection of one workspace's events: one row per event in storage order, kept
 * as compact columns. Only the writer appends; readers take {@link #size()} once and read rows
 * below it, so queries never lock and never wait for ingest. Rows live in fixed chunks, so a new
 * chunk never moves rows a reader is looking at.
 *
 * <p>Each chunk stores a column as narrowly as its values allow: the storage sequence as nothing
 * while it counts up by one, then as an unsigned int offset from the chunk's first, then as longs;
 * the timestamp as an int offset from the chunk's first, then as longs; event name, business and
 * touchpoint tuple as chars while their dictionary ids fit, then as ints. A chunk widens by being
 * replaced with a copy holding the wider array (see {@link Chunk}), so a reader holding either
 * copy reads the same values below its size.
 */
public final class Columns {
    static final int SHIFT = 16;
    static final int CHUNK = 1 << SHIFT;
    static final int MASK = CHUNK - 1;
    /** Flags: the event has a trackable, a decisionId, a proofId. */
    public static final int TRACKABLE = 1;
    public static final int DECISION = 2;
    public static final int PROOF = 4;
    private static final int FLAG_BITS = 3;
    private static final int FLAG_MASK = (1 << FLAG_BITS) - 1;
    private static final long UNSIGNED_INT = 0xFFFF_FFFFL;

    private Chunk[] chunks = new Chunk[0];
    /** Rows with revenue, ascending, and their revenue in micro-units. */
    private int[] revenueRows = new int[256];
    private long[] revenueMicros = new long[256];
    private volatile int revenueCount;
    private volatile int size;
    private long lastSeq;

    public final Dictionary names = new Dictionary();
    public final KeyDictionary actors = new KeyDictionary();
    public final Dictionary businesses = new Dictionary();
    /** Touchpoint values of every field. */
    public final Dictionary touchValues = new Dictionary();
    /** Distinct (source, channel, campaign, medium) tuples of value ids, -1 for absent. */
    private final Dictionary touchKeys = new Dictionary();
    private volatile int[][] touchTuples = new int[64][];

    /**
     * One chunk's arrays. A column is read from its wide array when there is one, else from its
     * narrow one. The fields are final: a reader that sees a chunk sees the arrays it was built
     * with, and their contents as of that moment.
     */
    static final class Chunk {
        final long seqBase;
        /** Null while every row's sequence is seqBase + its index in the chunk. */
        final int[] seq;
        final long[] seqWide;
        final long tsBase;
        final int[] ts;
        final long[] tsWide;
        final char[] name;
        final int[] nameWide;
        final int[] actor;
        final char[] business;
        final int[] businessWide;
        /** The touch tuple id + 1; 0 when the event has none. */
        final char[] touch;
        final int[] touchWide;
        /** Flags in the low three bits, trust tier above them. */
        final byte[] bits;

        Chunk(long seqBase, int[] seq, long[] seqWide, long tsBase, int[] ts, long[] tsWide, char[] name,
              int[] nameWide, int[] actor, char[] business, int[] businessWide, char[] touch, int[] touchWide,
              byte[] bits) {
            this.seqBase = seqBase;
            this.seq = seq;
            this.seqWide = seqWide;
            this.tsBase = tsBase;
            this.ts = ts;
            this.tsWide = tsWide;
            this.name = name;
            this.nameWide = nameWide;
            this.actor = actor;
            this.business = business;
            this.businessWide = businessWide;
            this.touch = touch;
            this.touchWide = touchWide;
            this.bits = bits;
        }

        static Chunk empty(long seqBase, long tsBase) {
            return new Chunk(seqBase, null, null, tsBase, new int[CHUNK], null, new char[CHUNK], null,
                    new int[CHUNK], new char[CHUNK], null, new char[CHUNK], null, new byte[CHUNK]);
        }

        long seq(int i) {
            return seqWide != null ? seqWide[i] : seq != null ? seqBase + (seq[i] & UNSIGNED_INT) : seqBase + i;
        }

        long ts(int i) {
            return tsWide != null ? tsWide[i] : tsBase + ts[i];
        }

        int name(int i) {
            return nameWide != null ? nameWide[i] : name[i];
        }

        int business(int i) {
            return businessWide != null ? businessWide[i] : business[i];
        }

        int touch(int i) {
            return (touchWide != null ? touchWide[i] : touch[i]) - 1;
        }

        /** A copy whose sequences of rows [0, rows) are kept as unsigned int offsets. */
        Chunk seqAsOffsets(int rows) {
            int[] s = new int[CHUNK];
            for (int i = 0; i < rows; i++) {
                s[i] = i;
            }
            return new Chunk(seqBase, s, null, tsBase, ts, tsWide, name, nameWide, actor, business, businessWide,
                    touch, touchWide, bits);
        }

        Chunk seqAsLongs(int rows) {
            long[] s = new long[CHUNK];
            for (int i = 0; i < rows; i++) {
                s[i] = seq(i);
            }
            return new Chunk(seqBase, null, s, tsBase, ts, tsWide, name, nameWide, actor, business, businessWide,
                    touch, touchWide, bits);
        }

        Chunk tsAsLongs(int rows) {
            long[] t = new long[CHUNK];
            for (int i = 0; i < rows; i++) {
                t[i] = ts(i);
            }
            return new Chunk(seqBase, seq, seqWide, tsBase, null, t, name, nameWide, actor, business, businessWide,
                    touch, touchWide, bits);
        }

        Chunk nameAsInts(int rows) {
            return new Chunk(seqBase, seq, seqWide, tsBase, ts, tsWide, null, widen(name, rows), actor, business,
                    businessWide, touch, touchWide, bits);
        }

        Chunk businessAsInts(int rows) {
            return new Chunk(seqBase, seq, seqWide, tsBase, ts, tsWide, name, nameWide, actor, null,
                    widen(business, rows), touch, touchWide, bits);
        }

        Chunk touchAsInts(int rows) {
            return new Chunk(seqBase, seq, seqWide, tsBase, ts, tsWide, name, nameWide, actor, business, businessWide,
                    null, widen(touch, rows), bits);
        }

        private static int[] widen(char[] narrow, int rows) {
            int[] wide = new int[CHUNK];
            for (int i = 0; i < rows; i++) {
                wide[i] = narrow[i];
            }
            return wide;
        }
    }

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
        int c = row >>> SHIFT;
        int i = row & MASK;
        if (i == 0 && c == chunks.length) {
            Chunk[] grown = Arrays.copyOf(chunks, c + 1);
            grown[c] = Chunk.empty(seqValue, time);
            chunks = grown;
        }
        Chunk k = chunks[c];
        k = putSeq(k, i, seqValue);
        k = putTs(k, i, time);
        int nameId = names.intern(eventName);
        if (k.nameWide == null && nameId > Character.MAX_VALUE) {
            k = k.nameAsInts(i);
        }
        int businessNo = businesses.intern(businessId);
        if (k.businessWide == null && businessNo > Character.MAX_VALUE) {
            k = k.businessAsInts(i);
        }
        int touchId = touchTuple(source, channel, campaign, medium) + 1;
        if (k.touchWide == null && touchId > Character.MAX_VALUE) {
            k = k.touchAsInts(i);
        }
        if (k != chunks[c]) {
            chunks[c] = k;
        }
        if (k.nameWide != null) {
            k.nameWide[i] = nameId;
        } else {
            k.name[i] = (char) nameId;
        }
        k.actor[i] = actorKey == null ? -1 : actors.intern(actorKey);
        if (k.businessWide != null) {
            k.businessWide[i] = businessNo;
        } else {
            k.business[i] = (char) businessNo;
        }
        if (k.touchWide != null) {
            k.touchWide[i] = touchId;
        } else {
            k.touch[i] = (char) touchId;
        }
        k.bits[i] = (byte) ((flagBits & FLAG_MASK) | (tierValue << FLAG_BITS));
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

    private static Chunk putSeq(Chunk k, int i, long s) {
        if (k.seqWide == null && k.seq == null) {
            if (s == k.seqBase + i) {
                return k;
            }
            k = k.seqAsOffsets(i);
        }
        if (k.seqWide == null) {
            long d = s - k.seqBase;
            if (d >= 0 && d <= UNSIGNED_INT) {
                k.seq[i] = (int) d;
                return k;
            }
            k = k.seqAsLongs(i);
        }
        k.seqWide[i] = s;
        return k;
    }

    private static Chunk putTs(Chunk k, int i, long t) {
        if (k.tsWide == null) {
            long d = t - k.tsBase;
            if (d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE) {
                k.ts[i] = (int) d;
                return k;
            }
            k = k.tsAsLongs(i);
        }
        k.tsWide[i] = t;
        return k;
    }

    private int touchTuple(String source, String channel, String campaign, String medium) {
        if (source == null && channel == null && campaign == null && medium == null) {
            return -1;
        }
        int[] tuple = {value(source), value(channel), value(campaign), value(medium)};
        int before = touchKeys.size();
        int id = touchKeys.intern(tuple[0] + "," + tuple[1] + "," + tuple[2] + "," + tuple[3]);
        if (id == before) {
            addTuple(id, tuple);
        }
        return id;
    }

    private void addTuple(int id, int[] tuple) {
        int[][] t = touchTuples;
        if (id == t.length) {
            t = Arrays.copyOf(t, id * 2);
        }
        t[id] = tuple;
        touchTuples = t;
    }

    private int value(String v) {
        return v == null ? -1 : touchValues.intern(v);
    }

    public long seq(int row) {
        return chunks[row >>> SHIFT].seq(row & MASK);
    }

    public long ts(int row) {
        return chunks[row >>> SHIFT].ts(row & MASK);
    }

    public int name(int row) {
        return chunks[row >>> SHIFT].name(row & MASK);
    }

    /** The actor id, or -1 when the event has no actor identity. */
    public int actor(int row) {
        return chunks[row >>> SHIFT].actor[row & MASK];
    }

    public int business(int row) {
        return chunks[row >>> SHIFT].business(row & MASK);
    }

    public int flags(int row) {
        return chunks[row >>> SHIFT].bits[row & MASK] & FLAG_MASK;
    }

    /** 0 = no trust tier, 1..5 = T0..T4. */
    public int tier(int row) {
        return chunks[row >>> SHIFT].bits[row & MASK] >>> FLAG_BITS;
    }

    /** Whether the row is an event of {@code business} at a time from {@code from} to {@code to}, inclusive. */
    public boolean in(int row, int business, long from, long to) {
        Chunk k = chunks[row >>> SHIFT];
        int i = row & MASK;
        if (k.business(i) != business) {
            return false;
        }
        long t = k.ts(i);
        return t >= from && t <= to;
    }

    /**
     * The value id of touchpoint field {@code field} (0 source, 1 channel, 2 campaign, 3 medium)
     * on this row, or -1 when absent.
     */
    public int touch(int row, int field) {
        int t = chunks[row >>> SHIFT].touch(row & MASK);
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

    // ---- snapshot

    /**
     * Writes the first {@code rows} rows and the dictionaries; the writer may append meanwhile
     * (rows below {@code rows} never change, and dictionary entries added meanwhile are those of
     * later rows, which the catch-up appends again in the same order).
     */
    void write(SnapshotIo.Out out, int rows) throws IOException {
        out.writeInt(rows);
        out.writeLong(rows == 0 ? 0 : seq(rows - 1));
        int revenues = revenueCount;
        int[] revRows = revenueRows;
        long[] revMicros = revenueMicros;
        int revenueBelow = 0;
        while (revenueBelow < revenues && revRows[revenueBelow] < rows) {
            revenueBelow++;
        }
        names.write(out);
        businesses.write(out);
        touchValues.write(out);
        touchKeys.write(out);
        actors.write(out);
        out.writeInt(revenueBelow);
        out.writeInts(revRows, revenueBelow);
        out.writeLongs(revMicros, revenueBelow);
        Chunk[] all = chunks;
        for (int c = 0; c * CHUNK < rows; c++) {
            Chunk k = all[c];
            int n = Math.min(CHUNK, rows - c * CHUNK);
            out.writeLong(k.seqBase);
            out.writeByte(k.seqWide != null ? 2 : k.seq != null ? 1 : 0);
            if (k.seqWide != null) {
                out.writeLongs(k.seqWide, n);
            } else if (k.seq != null) {
                out.writeInts(k.seq, n);
            }
            out.writeLong(k.tsBase);
            out.writeByte(k.tsWide != null ? 1 : 0);
            if (k.tsWide != null) {
                out.writeLongs(k.tsWide, n);
            } else {
                out.writeInts(k.ts, n);
            }
            writeNarrowOrWide(out, k.name, k.nameWide, n);
            out.writeInts(k.actor, n);
            writeNarrowOrWide(out, k.business, k.businessWide, n);
            writeNarrowOrWide(out, k.touch, k.touchWide, n);
            out.writeBytes(k.bits, n);
        }
    }

    private static void writeNarrowOrWide(SnapshotIo.Out out, char[] narrow, int[] wide, int n) throws IOException {
        out.writeByte(wide != null ? 1 : 0);
        if (wide != null) {
            out.writeInts(wide, n);
        } else {
            out.writeChars(narrow, n);
        }
    }

    /** A column store read back from a snapshot, as {@link #write} wrote it. */
    static Columns read(SnapshotIo.In in) throws IOException {
        Columns c = new Columns();
        int rows = in.readSized(1);
        long last = in.readLong();
        c.names.read(in);
        c.businesses.read(in);
        c.touchValues.read(in);
        c.touchKeys.read(in);
        for (int id = 0; id < c.touchKeys.size(); id++) {
            String[] parts = c.touchKeys.value(id).split(",", -1);
            if (parts.length != 4) {
                throw new SnapshotIo.Corrupt("a touchpoint tuple is malformed");
            }
            int[] tuple = new int[4];
            for (int f = 0; f < 4; f++) {
                tuple[f] = parseId(parts[f], c.touchValues.size());
            }
            c.addTuple(id, tuple);
        }
        c.actors.read(in);
        int revenues = in.readSized(12);
        if (revenues > rows) {
            throw new SnapshotIo.Corrupt("more revenue rows than rows");
        }
        c.revenueRows = new int[Math.max(256, revenues)];
        c.revenueMicros = new long[Math.max(256, revenues)];
        in.readInts(c.revenueRows, revenues);
        in.readLongs(c.revenueMicros, revenues);
        for (int i = 0; i < revenues; i++) {
            if (c.revenueRows[i] < 0 || c.revenueRows[i] >= rows || (i > 0 && c.revenueRows[i] <= c.revenueRows[i - 1])) {
                throw new SnapshotIo.Corrupt("the revenue rows are out of order");
            }
        }
        int chunkCount = (int) (((long) rows + CHUNK - 1) / CHUNK);
        c.chunks = new Chunk[chunkCount];
        for (int ci = 0; ci < chunkCount; ci++) {
            int n = Math.min(CHUNK, rows - ci * CHUNK);
            long seqBase = in.readLong();
            int seqMode = in.readByte();
            int[] seq = null;
            long[] seqWide = null;
            if (seqMode == 2) {
                seqWide = new long[CHUNK];
                in.readLongs(seqWide, n);
            } else if (seqMode == 1) {
                seq = new int[CHUNK];
                in.readInts(seq, n);
            } else if (seqMode != 0) {
                throw new SnapshotIo.Corrupt("unknown sequence encoding " + seqMode);
            }
            long tsBase = in.readLong();
            int tsMode = in.readByte();
            int[] ts = null;
            long[] tsWide = null;
            if (tsMode == 1) {
                tsWide = new long[CHUNK];
                in.readLongs(tsWide, n);
            } else if (tsMode == 0) {
                ts = new int[CHUNK];
                in.readInts(ts, n);
            } else {
                throw new SnapshotIo.Corrupt("unknown timestamp encoding " + tsMode);
            }
            Object name = readNarrowOrWide(in, n);
            int[] actor = new int[CHUNK];
            in.readInts(actor, n);
            Object business = readNarrowOrWide(in, n);
            Object touch = readNarrowOrWide(in, n);
            byte[] bits = new byte[CHUNK];
            in.readBytes(bits, n);
            Chunk k = new Chunk(seqBase, seq, seqWide, tsBase, ts, tsWide, name instanceof char[] a ? a : null,
                    name instanceof int[] a ? a : null, actor, business instanceof char[] a ? a : null,
                    business instanceof int[] a ? a : null, touch instanceof char[] a ? a : null,
                    touch instanceof int[] a ? a : null, bits);
            c.chunks[ci] = k;
            for (int i = 0; i < n; i++) {
                if (k.name(i) >= c.names.size() || k.business(i) >= c.businesses.size()
                        || k.touch(i) >= c.touchKeys.size() || k.actor[i] < -1 || k.actor[i] >= c.actors.size()
                        || (k.bits[i] & 0xFF) >>> FLAG_BITS > 5 || (i > 0 && k.seq(i) <= k.seq(i - 1))) {
                    throw new SnapshotIo.Corrupt("row " + (ci * CHUNK + i) + " refers to nothing");
                }
            }
        }
        c.revenueCount = revenues;
        c.lastSeq = last;
        c.size = rows;
        if (rows > 0 && c.seq(rows - 1) != last) {
            throw new SnapshotIo.Corrupt("the last sequence does not match the rows");
        }
        return c;
    }

    private static Object readNarrowOrWide(SnapshotIo.In in, int n) throws IOException {
        int mode = in.readByte();
        if (mode == 1) {
            int[] wide = new int[CHUNK];
            in.readInts(wide, n);
            return wide;
        }
        if (mode != 0) {
            throw new SnapshotIo.Corrupt("unknown id encoding " + mode);
        }
        char[] narrow = new char[CHUNK];
        in.readChars(narrow, n);
        return narrow;
    }

    private static int parseId(String s, int bound) throws SnapshotIo.Corrupt {
        try {
            int v = Integer.parseInt(s);
            if (v < -1 || v >= bound) {
                throw new SnapshotIo.Corrupt("a touchpoint tuple refers to nothing");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new SnapshotIo.Corrupt("a touchpoint tuple is malformed");
        }
    }
}
