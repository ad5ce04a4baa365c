package com.headlessanalytics.console.proof;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The verifier's rules beyond the corpus: the DSSE rule (nothing is parsed before its signature
 * verified, the payload type before the payload), keys, record and line checks, and what a VALID
 * answer says.
 */
class PacketVerifierTest {
    private static final KeyPair KEY = Ed25519.generate();

    private static byte[] packet(PacketWriter.Contents contents) {
        return PacketWriter.build(new PacketWriter.Meta("prf_T", "Test", "ws_T", "operator:t", 1_700_000_000_000L,
                null, null), contents, KEY).zip();
    }

    private static TestChain chain() {
        TestChain c = new TestChain(KEY, "ws_T");
        c.add("grant.created", "grt_1", null, null, "operator:a", 1, TestChain.JSON.objectNode().put("id", "grt_1"));
        c.add("decision.proposed", "dec_1", "dec_1", "t-1", "key_A", 2, TestChain.JSON.objectNode().put("id", "dec_1"));
        c.add("receipt", "rcp_1", "dec_1", "t-1", "key_A", 3, TestChain.JSON.objectNode().put("outcome", "escrow"));
        return c;
    }

    @Test
    void aValidAnswerSaysWhatWasCheckedAndWithWhichKey() {
        byte[] zip = packet(chain().contents(List.of()));
        PacketVerifier.Result r = PacketVerifier.verify(zip, KEY.getPublic());
        assertThat(r.outcome()).isEqualTo(PacketVerifier.Outcome.VALID);
        assertThat(r.reason()).startsWith("every check passed: 3 records (events 0, decisions 2, receipts 1, evidence 0)")
                .contains("chain head seq 3", Ed25519.fingerprint(KEY.getPublic()));
        assertThat(r.problems()).isEmpty();
        assertThat(r.keyNote()).isNull();
        assertThat(r.manifest().get("proofId").asText()).isEqualTo("prf_T");
        PacketVerifier.Result own = PacketVerifier.verify(zip, null);
        assertThat(own.keySource()).isEqualTo(PacketVerifier.KeySource.PACKET);
        assertThat(own.keyNote()).contains("packet's own public-key.pem", Ed25519.fingerprint(KEY.getPublic()),
                "compare this fingerprint");
    }

    @Test
    void anEmptyPacketIsValidWithTheEmptyTreesRoot() {
        PacketVerifier.Result r = PacketVerifier.verify(packet(new PacketWriter.Contents(List.of(), List.of(),
                List.of(), List.of())), KEY.getPublic());
        assertThat(r.outcome()).as(r.reason()).isEqualTo(PacketVerifier.Outcome.VALID);
        assertThat(r.manifest().get("merkle").get("root").asText()).isEqualTo(Hashes.hex(Merkle.emptyRoot()));
        assertThat(r.manifest().get("chainHead").isNull()).isTrue();
    }

    /** The C2PA lesson: bytes that would break a parser are never parsed when their signature fails. */
    @Test
    void anUnverifiedPayloadIsNeverParsed() {
        Map<String, byte[]> entries = ProofCorpus.entries(packet(chain().contents(List.of())));
        byte[] hostile = "[".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
        entries.put(PacketFormat.MANIFEST, hostile);
        entries.put(PacketFormat.ENVELOPE, Dsse.sign(PacketFormat.PAYLOAD_TYPE, hostile, Ed25519.generate()).toBytes());
        PacketVerifier.Result r = PacketVerifier.verify(ProofCorpus.zip(entries), KEY.getPublic());
        assertThat(r.outcome()).isEqualTo(PacketVerifier.Outcome.INVALID);
        assertThat(r.reason()).startsWith("the manifest is signed by another key");
        assertThat(r.manifest()).isNull();

        entries.put(PacketFormat.ENVELOPE, Dsse.sign("text/plain", hostile, KEY).toBytes());
        PacketVerifier.Result type = PacketVerifier.verify(ProofCorpus.zip(entries), KEY.getPublic());
        assertThat(type.outcome()).isEqualTo(PacketVerifier.Outcome.INDETERMINATE);
        assertThat(type.reason()).as("the type is judged before the payload is read")
                .startsWith("unsupported payloadType text/plain");
    }

    @Test
    void theManifestFileMustBeTheSignedPayload() {
        Map<String, byte[]> entries = ProofCorpus.entries(packet(chain().contents(List.of())));
        byte[] manifest = entries.get(PacketFormat.MANIFEST).clone();
        manifest[manifest.length - 2] ^= 1;
        entries.put(PacketFormat.MANIFEST, manifest);
        PacketVerifier.Result r = PacketVerifier.verify(ProofCorpus.zip(entries), KEY.getPublic());
        assertThat(r.reason()).isEqualTo("manifest.json is not the signed manifest: it differs from the payload of"
                + " manifest.dsse.json");
    }

    @Test
    void theEnvelopeMayNotBeChangedEvenWhereTheSignatureDoesNotReach() {
        Map<String, byte[]> entries = ProofCorpus.entries(packet(chain().contents(List.of())));
        String envelope = new String(entries.get(PacketFormat.ENVELOPE), StandardCharsets.UTF_8);
        String keyId = Ed25519.fingerprint(KEY.getPublic());
        // the test key is random: change its first digit to one it does not already have
        String otherKey = (keyId.charAt(0) == '0' ? "1" : "0") + keyId.substring(1);
        entries.put(PacketFormat.ENVELOPE, envelope.replace(keyId, otherKey).getBytes(StandardCharsets.UTF_8));
        assertThat(PacketVerifier.verify(ProofCorpus.zip(entries), KEY.getPublic()).reason())
                .startsWith("manifest.dsse.json names key " + otherKey);
        entries.put(PacketFormat.ENVELOPE, envelope.replace("{\"payload\"", "{\"extra\":1,\"payload\"")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(PacketVerifier.verify(ProofCorpus.zip(entries), KEY.getPublic()).reason())
                .isEqualTo("manifest.dsse.json was changed outside what its signature covers");
    }

    @Test
    void withoutAKeyOrAManifestNothingCanBeJudged() {
        Map<String, byte[]> entries = ProofCorpus.entries(packet(chain().contents(List.of())));
        entries.remove(PacketFormat.PUBLIC_KEY);
        PacketVerifier.Result r = PacketVerifier.verify(ProofCorpus.zip(entries), null);
        assertThat(r.outcome()).isEqualTo(PacketVerifier.Outcome.INDETERMINATE);
        assertThat(r.reason()).startsWith("no key to check with");
        assertThat(PacketVerifier.verify(ProofCorpus.zip(entries), KEY.getPublic()).reason())
                .isEqualTo("public-key.pem is missing from the zip");
        entries.remove(PacketFormat.MANIFEST);
        assertThat(PacketVerifier.verify(ProofCorpus.zip(entries), KEY.getPublic()).outcome())
                .isEqualTo(PacketVerifier.Outcome.INDETERMINATE);
        assertThat(PacketVerifier.verify(new byte[0], KEY.getPublic()).reason()).startsWith("not a zip file");
    }

    @Test
    void aRecordSignedWithAnotherKeyIsNamedByItsLine() {
        TestChain c = chain();
        TestChain other = new TestChain(Ed25519.generate(), "ws_T");
        other.add("decision.approved", "dec_1", "dec_1", null, "operator:b", 4, TestChain.JSON.objectNode());
        List<String> decisions = new ArrayList<>(c.decisions);
        decisions.add(other.decisions.get(0));
        PacketVerifier.Result r = PacketVerifier.verify(packet(new PacketWriter.Contents(List.of(), decisions,
                c.receipts, List.of())), KEY.getPublic());
        assertThat(r.outcome()).isEqualTo(PacketVerifier.Outcome.INVALID);
        assertThat(r.reason()).startsWith("decisions.jsonl line 3: record 1: signed by key ");
    }

    @Test
    void recordsOfAnotherWorkspaceOrInTheWrongFileAreInvalid() {
        TestChain c = new TestChain(KEY, "ws_OTHER");
        c.add("decision.proposed", "dec_1", "dec_1", null, "key_A", 1, TestChain.JSON.objectNode());
        c.add("receipt", "rcp_1", "dec_1", null, "key_A", 2, TestChain.JSON.objectNode());
        PacketVerifier.Result r = PacketVerifier.verify(packet(c.contents(List.of())), KEY.getPublic());
        assertThat(r.reason()).isEqualTo("decisions.jsonl line 1: a record of workspace ws_OTHER, not of the packet's"
                + " workspace ws_T");
        TestChain t = chain();
        PacketVerifier.Result swapped = PacketVerifier.verify(packet(new PacketWriter.Contents(List.of(), t.receipts,
                t.decisions, List.of())), KEY.getPublic());
        assertThat(swapped.reason()).isEqualTo("decisions.jsonl line 1: a receipt record does not belong in"
                + " decisions.jsonl");
    }

    @Test
    void aLineThatIsNotCanonicalIsInvalidEvenWhenSigned() {
        PacketVerifier.Result r = PacketVerifier.verify(packet(new PacketWriter.Contents(List.of("{\"b\":1,\"a\":2}"),
                List.of(), List.of(), List.of())), KEY.getPublic());
        assertThat(r.reason()).isEqualTo("events.jsonl line 1: not RFC 8785 canonical JSON (the line was changed)");
        PacketVerifier.Result array = PacketVerifier.verify(packet(new PacketWriter.Contents(List.of("[1]"),
                List.of(), List.of(), List.of())), KEY.getPublic());
        assertThat(array.reason()).isEqualTo("events.jsonl line 1: not a JSON object");
    }

    @Test
    void aFileCutShortIsNamed() {
        Map<String, byte[]> entries = ProofCorpus.entries(packet(chain().contents(List.of())));
        byte[] receipts = entries.get(PacketFormat.RECEIPTS);
        entries.put(PacketFormat.RECEIPTS, java.util.Arrays.copyOf(receipts, receipts.length - 1));
        PacketVerifier.Result r = PacketVerifier.verify(ProofCorpus.zip(entries), KEY.getPublic());
        assertThat(r.reason()).isEqualTo("receipts.jsonl line 1: the last line has no newline (the file was cut)");
        assertThat(r.problems()).anySatisfy(p -> assertThat(p).startsWith("receipts.jsonl differs from the signed"
                + " manifest"));
    }

    @Test
    void aManifestThatMisstatesCountsOrTheHeadIsInvalid() {
        Map<String, byte[]> entries = ProofCorpus.entries(packet(chain().contents(List.of())));
        byte[] counts = ProofCorpus.resign(new java.util.LinkedHashMap<>(entries),
                m -> ((ObjectNode) m.get("counts")).put("receipts", 2), PacketFormat.PAYLOAD_TYPE, KEY);
        assertThat(PacketVerifier.verify(counts, KEY.getPublic()).reason())
                .isEqualTo("receipts.jsonl holds 1 records; the signed manifest counts 2");
        byte[] head = ProofCorpus.resign(new java.util.LinkedHashMap<>(entries),
                m -> ((ObjectNode) m.get("chainHead")).put("seq", 2), PacketFormat.PAYLOAD_TYPE, KEY);
        assertThat(PacketVerifier.verify(head, KEY.getPublic()).reason())
                .isEqualTo("the signed manifest's chain head seq 2 is not the packet's last record seq 3");
        byte[] root = ProofCorpus.resign(new java.util.LinkedHashMap<>(entries),
                m -> ((ObjectNode) m.get("merkle")).put("root", "00"), PacketFormat.PAYLOAD_TYPE, KEY);
        assertThat(PacketVerifier.verify(root, KEY.getPublic()).reason()).startsWith("the Merkle root over the records");
    }
}
