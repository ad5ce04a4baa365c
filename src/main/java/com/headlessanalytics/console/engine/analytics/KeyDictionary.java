package com.headlessanalytics.console.engine.analytics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Actor identities to dense ints and back, for millions of them: the keys' UTF-8 bytes in an
 * arena of 1 MiB pages (each key a length prefix and its bytes, never across pages) and an
 * open-addressing table of ids, instead of a String and a map entry each (about 40 bytes a key
 * plus its length, against about 100). One thread adds; readers look up only ids below the size
 * they read first, so a slot the writer is filling in is skipped, never half-read.
 */
public final class KeyDictionary {
    static final int PAGE_SHIFT = 20;
    static final int PAGE = 1 << PAGE_SHIFT;
    private static final int MAX_PAGES = 1 << (31 - PAGE_SHIFT);

    private volatile byte[][] pages = new byte[0][];
    /** Bytes used in the last page. */
    private int used = PAGE;
    /** Where each id's entry starts: page index above {@link #PAGE_SHIFT} bits, offset below. */
    private volatile int[] offsets = new int[1024];
    /** Slots hold id + 1, 0 = empty; at most half full. */
    private volatile int[] table = new int[2048];
    private volatile int size;

    public int size() {
        return size;
    }

    /** The id of the key, adding it when new; only the writer calls this. */
    int intern(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        int[] t = table;
        int s = slotOf(bytes, t, Integer.MAX_VALUE);
        if (t[s] != 0) {
            return t[s] - 1;
        }
        int id = add(bytes);
        t[s] = id + 1;
        if ((id + 1) * 2L > t.length) {
            table = rehash(t.length * 2, id + 1);
        }
        size = id + 1;
        return id;
    }

    /** The id of the key, or -1 when it was never added. */
    public int id(String key) {
        if (key == null) {
            return -1;
        }
        int n = size;
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        int[] t = table;
        int slot = t[slotOf(bytes, t, n)];
        return slot == 0 || slot > n ? -1 : slot - 1;  // an empty slot the writer filled since: a newer id
    }

    /**
     * The table slot holding the key among the first {@code ids} ids, or the empty slot where it
     * would go. A reader passes the size it read: ids the writer adds meanwhile are stepped over.
     */
    private int slotOf(byte[] bytes, int[] t, int ids) {
        int mask = t.length - 1;
        for (int s = hash(bytes, 0, bytes.length) & mask; ; s = (s + 1) & mask) {
            int slot = t[s];
            if (slot == 0 || slot <= ids && equalsAt(slot - 1, bytes)) {
                return s;
            }
        }
    }

    public String value(int id) {
        int at = offsets[id];
        byte[] page = pages[at >>> PAGE_SHIFT];
        long entry = entryAt(page, at & (PAGE - 1));
        int length = (int) (entry >>> 32);
        int p = (int) entry;
        return new String(page, p, length, StandardCharsets.UTF_8);
    }

    private boolean equalsAt(int id, byte[] bytes) {
        int at = offsets[id];
        byte[] page = pages[at >>> PAGE_SHIFT];
        long entry = entryAt(page, at & (PAGE - 1));
        int length = (int) (entry >>> 32);
        int p = (int) entry;
        return length == bytes.length && Arrays.equals(page, p, p + length, bytes, 0, length);
    }

    private int add(byte[] bytes) {
        int need = bytes.length + 5;
        byte[][] ps = pages;
        if (used + need > PAGE || ps.length == 0) {
            if (ps.length == MAX_PAGES) {
                throw new IllegalStateException("Too many distinct actors for the analytics index: the key arena is"
                        + " full at " + size + " actors");
            }
            ps = Arrays.copyOf(ps, ps.length + 1);
            ps[ps.length - 1] = new byte[Math.max(PAGE, need)];
            pages = ps;
            used = 0;
        }
        byte[] page = ps[ps.length - 1];
        int start = used;
        int p = start;
        int length = bytes.length;
        while (length >= 0x80) {
            page[p++] = (byte) (length | 0x80);
            length >>>= 7;
        }
        page[p++] = (byte) length;
        System.arraycopy(bytes, 0, page, p, bytes.length);
        used = p + bytes.length;
        int id = size;
        int[] o = offsets;
        if (id == o.length) {
            o = Arrays.copyOf(o, id * 2);
        }
        o[id] = ((ps.length - 1) << PAGE_SHIFT) | start;
        offsets = o;
        return id;
    }

    /** A table of the first {@code ids} ids, {@code capacity} slots. */
    private int[] rehash(int capacity, int ids) {
        int[] t = new int[capacity];
        int mask = capacity - 1;
        byte[][] ps = pages;
        int[] o = offsets;
        for (int id = 0; id < ids; id++) {
            int at = o[id];
            byte[] page = ps[at >>> PAGE_SHIFT];
            long entry = entryAt(page, at & (PAGE - 1));
            int length = (int) (entry >>> 32);
            int p = (int) entry;
            int s = hash(page, p, length) & mask;
            while (t[s] != 0) {
                s = (s + 1) & mask;
            }
            t[s] = id + 1;
        }
        return t;
    }

    /**
     * A key's length and where its bytes start, for the key whose var-int length is at {@code p}
     * in {@code page}: the length in the high half, the start in the low half.
     */
    private static long entryAt(byte[] page, int p) {
        int length = 0;
        int shift = 0;
        int b;
        do {
            b = page[p++];
            length |= (b & 0x7F) << shift;
            shift += 7;
        } while (b < 0);
        return (long) length << 32 | p;
    }

    private static int hash(byte[] b, int from, int length) {
        int h = 0x9E3779B9;
        for (int i = from; i < from + length; i++) {
            h = (h ^ b[i]) * 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        return h ^ (h >>> 13);
    }

    /** Writes the keys added so far: the pages they use and where each starts. */
    void write(SnapshotIo.Out out) throws IOException {
        int n = size;
        int[] o = offsets;
        byte[][] ps = pages;
        out.writeInt(n);
        int pageCount = n == 0 ? 0 : (o[n - 1] >>> PAGE_SHIFT) + 1;
        out.writeInt(pageCount);
        for (int i = 0; i < pageCount; i++) {
            int length = i == pageCount - 1 ? endOf(ps, o, n - 1) : ps[i].length;
            out.writeInt(length);
            out.writeBytes(ps[i], length);
        }
        out.writeInts(o, n);
    }

    private static int endOf(byte[][] ps, int[] o, int id) {
        int at = o[id];
        byte[] page = ps[at >>> PAGE_SHIFT];
        long entry = entryAt(page, at & (PAGE - 1));
        int length = (int) (entry >>> 32);
        int p = (int) entry;
        return p + length;
    }

    /** Fills this empty dictionary with the keys {@link #write} wrote. */
    void read(SnapshotIo.In in) throws IOException {
        int n = in.readSized(4);
        int pageCount = in.readCount(MAX_PAGES);
        byte[][] ps = new byte[pageCount][];
        for (int i = 0; i < pageCount; i++) {
            int length = in.readSized(1);
            ps[i] = new byte[Math.max(PAGE, length)];
            in.readBytes(ps[i], length);
        }
        int[] o = new int[Math.max(1024, n)];
        in.readInts(o, n);
        for (int id = 0; id < n; id++) {
            int page = o[id] >>> PAGE_SHIFT;
            int p = o[id] & (PAGE - 1);
            if (page >= pageCount || p >= ps[page].length) {
                throw new SnapshotIo.Corrupt("an actor key lies outside the arena");
            }
        }
        pages = ps;
        offsets = o;
        used = pageCount == 0 ? PAGE : n == 0 ? 0 : endOf(ps, o, n - 1);
        int capacity = 2048;
        while (capacity < n * 2L + 2) {
            capacity *= 2;
        }
        table = rehash(capacity, n);
        size = n;
    }
}
