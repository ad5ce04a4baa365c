package com.headlessanalytics.console.domain;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A fixed-size Bloom filter over strings: "maybe present" or "certainly absent". All filters of
 * one size can be merged with {@link #or}. Hashing is 64-bit FNV-1a split into two halves
 * (Kirsch–Mitzenmacher double hashing), so the bits are the same on every machine and run.
 */
public final class BloomFilter {
    private final long[] words;
    private final int hashes;

    public BloomFilter(int bits, int hashes) {
        if (bits < 64 || Integer.bitCount(bits) != 1 || hashes < 1) {
            throw new IllegalArgumentException("bits must be a power of two of at least 64, hashes at least 1");
        }
        this.words = new long[bits / 64];
        this.hashes = hashes;
    }

    private BloomFilter(long[] words, int hashes) {
        this.words = words;
        this.hashes = hashes;
    }

    /** A filter from {@link #toBytes()}. */
    public static BloomFilter fromBytes(byte[] bytes, int hashes) {
        if (bytes.length % 8 != 0 || Integer.bitCount(bytes.length) != 1) {
            throw new IllegalArgumentException("not a filter: " + bytes.length + " bytes");
        }
        long[] words = new long[bytes.length / 8];
        for (int i = 0; i < words.length; i++) {
            long w = 0;
            for (int b = 7; b >= 0; b--) {
                w = (w << 8) | (bytes[i * 8 + b] & 0xffL);
            }
            words[i] = w;
        }
        return new BloomFilter(words, hashes);
    }

    public void add(String key) {
        probe(key, true);
    }

    public boolean mightContain(String key) {
        return probe(key, false);
    }

    /** Sets the key's bits ({@code set}), or tests them: false as soon as one is not set. */
    private boolean probe(String key, boolean set) {
        long h = fnv1a(key);
        int h1 = (int) h;
        int h2 = (int) (h >>> 32);
        int mask = words.length * 64 - 1;
        for (int i = 0; i < hashes; i++) {
            int bit = (h1 + i * h2) & mask;
            if (set) {
                words[bit >>> 6] |= 1L << bit;
            } else if ((words[bit >>> 6] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Adds every key of the other filter, which must have the same size. */
    public void or(BloomFilter other) {
        if (other.words.length != words.length || other.hashes != hashes) {
            throw new IllegalArgumentException("filters differ in size");
        }
        for (int i = 0; i < words.length; i++) {
            words[i] |= other.words[i];
        }
    }

    public byte[] toBytes() {
        byte[] out = new byte[words.length * 8];
        for (int i = 0; i < words.length; i++) {
            long w = words[i];
            for (int b = 0; b < 8; b++) {
                out[i * 8 + b] = (byte) (w >>> (8 * b));
            }
        }
        return out;
    }

    public BloomFilter copy() {
        return new BloomFilter(Arrays.copyOf(words, words.length), hashes);
    }

    static long fnv1a(String key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        // final avalanche (MurmurHash3 fmix64) so that both halves are well mixed
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
