package com.headlessanalytics.console.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * RFC 6962 / RFC 9162 known answers: the leaf inputs and root hashes of trees of 0 to 8 leaves that
 * Certificate Transparency implementations test against (transparency-dev/merkle,
 * testonly/constants.go, the same set as google/certificate-transparency's), and the
 * second-preimage attack that the leaf and node prefixes stop.
 */
class MerkleTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final List<String> LEAF_INPUTS = List.of("", "00", "10", "2021", "3031", "40414243",
            "5051525354555657", "606162636465666768696a6b6c6d6e6f");
    /** Root hashes by tree size, 0 to 8. */
    private static final List<String> ROOTS = List.of(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
    /** The leaf hashes of the eight inputs (NodeHashes level 0). */
    private static final List<String> LEAF_HASHES = List.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
            "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1");

    @Test
    void theEmptyTreeIsTheHashOfTheEmptyString() {
        assertThat(HEX.formatHex(Merkle.emptyRoot())).isEqualTo(ROOTS.get(0));
        assertThat(HEX.formatHex(new Merkle.Builder().root())).isEqualTo(ROOTS.get(0));
    }

    @Test
    void leafHashesAreTheKnownAnswers() {
        for (int i = 0; i < LEAF_INPUTS.size(); i++) {
            assertThat(HEX.formatHex(Merkle.leafHash(HEX.parseHex(LEAF_INPUTS.get(i))))).as("leaf " + i)
                    .isEqualTo(LEAF_HASHES.get(i));
        }
    }

    @Test
    void rootsOfOneToEightLeavesAreTheKnownAnswers() {
        for (int n = 0; n <= 8; n++) {
            List<byte[]> leaves = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                leaves.add(HEX.parseHex(LEAF_INPUTS.get(i)));
            }
            assertThat(HEX.formatHex(Merkle.root(leaves))).as(n + " leaves").isEqualTo(ROOTS.get(n));
            assertThat(HEX.formatHex(reference(leaves))).as(n + " leaves, by the RFC's recursion")
                    .isEqualTo(ROOTS.get(n));
        }
    }

    /**
     * Without the 0x00/0x01 prefixes, a tree of two leaves and a tree of one leaf holding the two
     * leaf hashes side by side would have the same root. With them they differ: the inner node's
     * bytes cannot pass for a leaf.
     */
    @Test
    void anInnerNodePresentedAsALeafDoesNotGiveTheSameRoot() {
        byte[] a = "left".getBytes();
        byte[] b = "right".getBytes();
        byte[] twoLeaves = Merkle.root(List.of(a, b));
        byte[] forged = concat(Merkle.leafHash(a), Merkle.leafHash(b));
        assertThat(Merkle.root(List.<byte[]>of(forged))).isNotEqualTo(twoLeaves);
        assertThat(Merkle.leafHash(concat(Merkle.leafHash(a), Merkle.leafHash(b))))
                .isNotEqualTo(Merkle.nodeHash(Merkle.leafHash(a), Merkle.leafHash(b)));
        assertThat(unprefixedRoot(List.of(a, b))).as("a plain SHA-256 tree is open to it")
                .isEqualTo(unprefixedRoot(List.<byte[]>of(concat(Hashes.sha256(a), Hashes.sha256(b)))));
        byte[] fourLeaves = Merkle.root(List.of(a, b, a, b));
        byte[] node = Merkle.nodeHash(Merkle.leafHash(a), Merkle.leafHash(b));
        assertThat(Merkle.root(List.of(node, node))).isNotEqualTo(fourLeaves);
    }

    /** The builder's running root equals the RFC's recursive definition for any number of leaves. */
    @Property(tries = 200)
    void theBuilderAgreesWithTheRecursiveDefinition(@ForAll @Size(max = 70) List<@Size(max = 8) List<@IntRange(max = 255) Integer>> data) {
        List<byte[]> leaves = new ArrayList<>();
        for (List<Integer> d : data) {
            byte[] bytes = new byte[d.size()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (int) d.get(i);
            }
            leaves.add(bytes);
        }
        assertThat(Merkle.root(leaves)).isEqualTo(reference(leaves));
    }

    /** MTH of RFC 6962 §2.1, written as the RFC states it. */
    static byte[] reference(List<byte[]> leaves) {
        int n = leaves.size();
        if (n == 0) {
            return Hashes.sha256(new byte[0]);
        }
        if (n == 1) {
            return Hashes.sha256(concat(new byte[] {0}, leaves.get(0)));
        }
        int k = Integer.highestOneBit(n - 1);
        return Hashes.sha256(concat(new byte[] {1}, concat(reference(leaves.subList(0, k)),
                reference(leaves.subList(k, n)))));
    }

    private static byte[] unprefixedRoot(List<byte[]> leaves) {
        if (leaves.size() == 1) {
            return Hashes.sha256(leaves.get(0));
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        return Hashes.sha256(concat(unprefixedRoot(leaves.subList(0, k)), unprefixedRoot(leaves.subList(k,
                leaves.size()))));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
