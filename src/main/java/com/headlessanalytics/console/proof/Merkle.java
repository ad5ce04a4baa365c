package com.headlessanalytics.console.proof;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6962 (and RFC 9162 §2.1.1) Merkle tree hashes with SHA-256: a leaf is
 * SHA-256(0x00 ‖ data), an inner node SHA-256(0x01 ‖ left ‖ right), the empty tree SHA-256 of
 * nothing, and a tree of n > 1 leaves splits at the largest power of two below n. The distinct
 * prefixes keep a leaf from passing for a node (the second-preimage attack on plain trees).
 */
public final class Merkle {
    private static final byte LEAF = 0x00;
    private static final byte NODE = 0x01;

    private Merkle() {
    }

    public static byte[] leafHash(byte[] data) {
        return leafHash(data, 0, data.length);
    }

    public static byte[] leafHash(byte[] data, int offset, int length) {
        MessageDigest d = Hashes.sha256();
        d.update(LEAF);
        d.update(data, offset, length);
        return d.digest();
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest d = Hashes.sha256();
        d.update(NODE);
        d.update(left);
        d.update(right);
        return d.digest();
    }

    /** The root of the empty tree: SHA-256 of the empty string. */
    public static byte[] emptyRoot() {
        return Hashes.sha256(new byte[0]);
    }

    /** The root of a tree over these leaves' data, in order. */
    public static byte[] root(List<byte[]> leaves) {
        Builder b = new Builder();
        leaves.forEach(b::add);
        return b.root();
    }

    /**
     * Builds the root one leaf at a time, keeping only the roots of the complete subtrees on the
     * right edge (at most 64), so a packet of any size is hashed as it is read.
     */
    public static final class Builder {
        private final List<byte[]> hashes = new ArrayList<>();
        private final List<Long> sizes = new ArrayList<>();
        private long size;

        /** Adds the next leaf's data. */
        public Builder add(byte[] data) {
            return addLeafHash(leafHash(data));
        }

        /** Adds the next leaf's data: {@code length} bytes from {@code offset}. */
        public Builder add(byte[] data, int offset, int length) {
            return addLeafHash(leafHash(data, offset, length));
        }

        /** Adds the next leaf by its leaf hash. */
        public Builder addLeafHash(byte[] leafHash) {
            hashes.add(leafHash);
            sizes.add(1L);
            size++;
            int top = hashes.size() - 1;
            while (top > 0 && sizes.get(top).equals(sizes.get(top - 1))) {
                hashes.set(top - 1, nodeHash(hashes.get(top - 1), hashes.get(top)));
                sizes.set(top - 1, sizes.get(top - 1) * 2);
                hashes.remove(top);
                sizes.remove(top);
                top--;
            }
            return this;
        }

        /** How many leaves were added. */
        public long size() {
            return size;
        }

        /**
         * The root of the leaves so far. The complete subtrees on the stack have falling powers of
         * two as sizes, so folding them from the right is exactly RFC 6962's split rule.
         */
        public byte[] root() {
            if (hashes.isEmpty()) {
                return emptyRoot();
            }
            byte[] root = hashes.get(hashes.size() - 1);
            for (int i = hashes.size() - 2; i >= 0; i--) {
                root = nodeHash(hashes.get(i), root);
            }
            return root;
        }
    }
}
