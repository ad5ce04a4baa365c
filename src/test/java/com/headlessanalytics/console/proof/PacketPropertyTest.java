package com.headlessanalytics.console.proof;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.ApiJson;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Tamper evidence for random packets (random governance records, events and evidence, with
 * Unicode, control characters, numbers): unmodified, a packet is VALID; any byte flipped in any
 * entry, or anywhere in the zip, and any record line dropped, duplicated or moved makes it
 * INVALID, checked with the trusted key and with the packet's own.
 */
class PacketPropertyTest {
    private static final KeyPair KEY = Ed25519.generate();
    private static final List<String> KINDS = List.of("contract.created", "grant.created", "grant.revoked",
            "decision.proposed", "decision.approved", "decision.denied", "decision.escrowed", "receipt");

    /** A random packet's contents: records sealed in one chain, events and evidence. */
    @Provide
    Arbitrary<PacketWriter.Contents> contents() {
        Arbitrary<Map<String, Object>> bodies = Arbitraries.maps(Arbitraries.strings().ofMinLength(1).ofMaxLength(6),
                value()).ofMaxSize(4);
        Arbitrary<List<String>> kinds = Arbitraries.of(KINDS).list().ofMaxSize(8);
        Arbitrary<List<Map<String, Object>>> bodyList = bodies.list().ofMinSize(8).ofMaxSize(8);
        Arbitrary<List<Map<String, Object>>> events = bodies.list().ofMaxSize(6);
        Arbitrary<List<Map<String, Object>>> evidence = bodies.list().ofMaxSize(3);
        return Combinators.combine(kinds, bodyList, events, evidence).as((k, b, e, v) -> {
            TestChain chain = new TestChain(KEY, "ws_PROPERTY");
            for (int i = 0; i < k.size(); i++) {
                ObjectNode body = ApiJson.mapper().valueToTree(b.get(i));
                chain.add(k.get(i), "obj_" + i, k.get(i).startsWith("grant") ? null : "dec_" + (i % 3),
                        i % 2 == 0 ? "trace-" + i : null, "operator:" + i, 1_700_000_000_000L + i, body);
            }
            List<String> eventLines = new ArrayList<>();
            for (Map<String, Object> m : e) {
                Map<String, Object> event = new LinkedHashMap<>(m);
                event.put("event", "order.created");
                event.put("timestamp", 1_700_000_000_000L);
                eventLines.add(CanonicalJson.of(event));
            }
            List<String> evidenceLines = new ArrayList<>();
            for (Map<String, Object> m : v) {
                evidenceLines.add(CanonicalJson.of(Map.of("source", "export", "evidence", m)));
            }
            return new PacketWriter.Contents(eventLines, chain.decisions, chain.receipts, evidenceLines);
        });
    }

    private static Arbitrary<Object> value() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(10).map(s -> (Object) s),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(3).map(s -> (Object) s),
                Arbitraries.strings().withCharRange('\u00e0', '\u00ff').withCharRange('\u4e00', '\u4e20')
                        .ofMaxLength(5).map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().between(-1e12, 1e12).map(d -> (Object) d),
                Arbitraries.bigDecimals().between(java.math.BigDecimal.ZERO, java.math.BigDecimal.valueOf(10000))
                        .ofScale(2).map(d -> (Object) d.toPlainString()),
                Arbitraries.of(true, false).map(b -> (Object) b));
    }

    static byte[] packet(PacketWriter.Contents contents) {
        return PacketWriter.build(new PacketWriter.Meta("prf_PROPERTY", "Property", "ws_PROPERTY", "operator:p",
                1_700_000_100_000L, null, null), contents, KEY).zip();
    }

    @Property(tries = 60)
    void anUnmodifiedPacketIsValid(@ForAll("contents") PacketWriter.Contents contents) {
        byte[] zip = packet(contents);
        PacketVerifier.Result trusted = PacketVerifier.verify(zip, KEY.getPublic());
        assertThat(trusted.outcome()).as(trusted.reason()).isEqualTo(PacketVerifier.Outcome.VALID);
        assertThat(trusted.keySource()).isEqualTo(PacketVerifier.KeySource.TRUSTED);
        PacketVerifier.Result own = PacketVerifier.verify(zip, null);
        assertThat(own.outcome()).as(own.reason()).isEqualTo(PacketVerifier.Outcome.VALID);
        assertThat(own.keyNote()).contains(Ed25519.fingerprint(KEY.getPublic()));
    }

    @Property(tries = 300)
    void anyByteFlippedInAnyEntryMakesItInvalid(@ForAll("contents") PacketWriter.Contents contents,
                                                @ForAll @IntRange(max = 100) int entry,
                                                @ForAll @IntRange(max = 1_000_000) int position,
                                                @ForAll @IntRange(min = 1, max = 255) int mask) {
        Map<String, byte[]> entries = ProofCorpus.entries(packet(contents));
        List<String> nonEmpty = entries.keySet().stream().filter(n -> entries.get(n).length > 0).toList();
        String name = nonEmpty.get(entry % nonEmpty.size());
        byte[] bytes = entries.get(name).clone();
        int at = position % bytes.length;
        bytes[at] ^= (byte) mask;
        entries.put(name, bytes);
        assertInvalid(ProofCorpus.zip(entries), name + " byte " + at);
    }

    @Property(tries = 300)
    void anyByteFlippedAnywhereInTheZipMakesItInvalid(@ForAll("contents") PacketWriter.Contents contents,
                                                      @ForAll @IntRange(max = 10_000_000) int position,
                                                      @ForAll @IntRange(min = 1, max = 255) int mask) {
        byte[] zip = packet(contents);
        int at = position % zip.length;
        zip[at] ^= (byte) mask;
        assertInvalid(zip, "zip byte " + at);
    }

    @Property(tries = 200)
    void anyRecordDroppedDuplicatedOrMovedMakesItInvalid(@ForAll("contents") PacketWriter.Contents contents,
                                                         @ForAll @IntRange(max = 3) int fileIndex,
                                                         @ForAll @IntRange(max = 100) int line,
                                                         @ForAll @IntRange(max = 100) int other,
                                                         @ForAll @IntRange(max = 2) int change) {
        String file = PacketFormat.RECORD_FILES.get(fileIndex);
        List<String> lines = switch (file) {
            case PacketFormat.EVENTS -> contents.events();
            case PacketFormat.DECISIONS -> contents.decisions();
            case PacketFormat.RECEIPTS -> contents.receipts();
            default -> contents.evidence();
        };
        List<String> changed = new ArrayList<>(lines);
        if (changed.isEmpty()) {
            changed.add("{}");
        } else {
            int i = line % changed.size();
            int j = other % changed.size();
            switch (change) {
                case 0 -> changed.remove(i);
                case 1 -> changed.add(j, changed.get(i));
                default -> {
                    if (changed.get(i).equals(changed.get(j))) {
                        changed.remove(i);
                    } else {
                        changed.set(i, lines.get(j));
                        changed.set(j, lines.get(i));
                    }
                }
            }
        }
        Map<String, byte[]> entries = ProofCorpus.entries(packet(contents));
        entries.put(file, ProofCorpus.jsonl(changed));
        assertInvalid(ProofCorpus.zip(entries), file + " " + List.of("dropped", "duplicated", "moved").get(change));
    }

    /**
     * Someone holding the signing key may remake and sign the manifest; records duplicated or
     * moved out of seq order are still found by the chain checks.
     */
    @Property(tries = 100)
    void chainRecordsDuplicatedOrReorderedAreInvalidEvenWhenTheManifestIsSignedAgain(
            @ForAll("contents") PacketWriter.Contents contents, @ForAll boolean receipts,
            @ForAll @IntRange(max = 100) int line, @ForAll @IntRange(max = 100) int other, @ForAll boolean duplicate) {
        List<String> lines = new ArrayList<>(receipts ? contents.receipts() : contents.decisions());
        if (lines.size() < 2 && !duplicate || lines.isEmpty()) {
            return;
        }
        int i = line % lines.size();
        int j = other % lines.size();
        if (duplicate) {
            lines.add(j, lines.get(i));
        } else {
            if (i == j) {
                j = (i + 1) % lines.size();
            }
            String a = lines.get(i);
            lines.set(i, lines.get(j));
            lines.set(j, a);
        }
        PacketWriter.Contents changed = receipts
                ? new PacketWriter.Contents(contents.events(), contents.decisions(), lines, contents.evidence())
                : new PacketWriter.Contents(contents.events(), lines, contents.receipts(), contents.evidence());
        assertInvalid(packet(changed), (receipts ? "receipts" : "decisions") + (duplicate ? " duplicated" : " swapped"));
    }

    private static void assertInvalid(byte[] zip, String what) {
        PacketVerifier.Result trusted = PacketVerifier.verify(zip, KEY.getPublic());
        assertThat(trusted.outcome()).as(what + " with the trusted key: " + trusted.reason())
                .isEqualTo(PacketVerifier.Outcome.INVALID);
        PacketVerifier.Result own = PacketVerifier.verify(zip, null);
        assertThat(own.outcome()).as(what + " with the packet's own key: " + own.reason())
                .isEqualTo(PacketVerifier.Outcome.INVALID);
    }
}
