package com.headlessanalytics.console.proof;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * VERIFY.md's steps work: its script, taken out of each packet's own VERIFY.md and run with bash,
 * unzip, openssl, jq and sha256sum alone, passes the corpus's sound packets, fails the changed
 * ones (exit 1) and cannot judge the unreadable ones (exit 2), and agrees with the Java verifier on
 * packets with awkward content.
 */
class VerifyGuideScriptTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        AuditorScript.assumeToolsInstalled();
    }

    @ParameterizedTest
    @CsvSource({
        "good, 0, VALID: proof packet prf_corpus-good (13 records)",
        "revoked, 0, VALID: proof packet prf_corpus-revoked (15 records)",
        "tampered, 1, INVALID: a file differs from the manifest",
        "tampered-resigned, 1, INVALID: receipts.jsonl line 1: the recordHash does not match the record",
        "dropped, 1, INVALID: a file differs from the manifest",
        "foreign-key, 1, INVALID: the manifest's signature does not verify with key",
        "foreign-public-key, 1, INVALID: public-key.pem is not the key",
        "reordered, 1, INVALID: decisions.jsonl: records reordered, duplicated or misfiled",
        "duplicated, 1, INVALID: receipts.jsonl: records reordered, duplicated or misfiled",
        "broken-link, 1, INVALID: a record's prevHash is not the recordHash of the record before it",
        "extra-entry, 1, INVALID: the zip's entries are not the files the manifest lists",
        "truncated, 1, INVALID: not a readable zip",
        "unknown-payload-type, 2, INDETERMINATE: unsupported payloadType application/vnd.in-toto+json",
        "unsupported-schema, 2, INDETERMINATE: unsupported schemaVersion"})
    void theScriptJudgesTheCorpusWithTheTrustedKey(String name, int exit, String says) throws Exception {
        byte[] packet = ProofCorpusTest.resource(name + ".haproof");
        Path file = dir.resolve(name + ".haproof");
        Files.write(file, packet);
        Path key = dir.resolve(ProofCorpus.TRUSTED_KEY);
        Files.write(key, ProofCorpusTest.resource(ProofCorpus.TRUSTED_KEY));
        String script = AuditorScript.scriptOf(name.equals("truncated") ? ProofCorpusTest.resource("good.haproof")
                : packet);
        AuditorScript.Run run = AuditorScript.run(script, file, key, dir);
        assertThat(run.output()).contains(says);
        assertThat(run.exitCode()).as(run.output()).isEqualTo(exit);
    }

    @Test
    void withoutAKeyTheScriptUsesThePacketsOwnAndSaysToCompareItsFingerprint() throws Exception {
        byte[] packet = ProofCorpusTest.resource("good.haproof");
        Path file = dir.resolve("good.haproof");
        Files.write(file, packet);
        AuditorScript.Run run = AuditorScript.run(AuditorScript.scriptOf(packet), file, null, dir);
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("NOTE: checked with the packet's own public-key.pem. Only if "
                + Ed25519.fingerprint(TestChain.corpusKey().getPublic()));
    }

    /**
     * Records whose bodies hold their own "signature" and "recordHash" fields, escapes, non-ASCII
     * keys and text, numbers and an empty file, and trees of 0 to 11 leaves: the script's text
     * handling and its Merkle tree agree with the Java verifier.
     */
    @Test
    void theScriptAndTheJavaVerifierAgreeOnAwkwardPackets() throws Exception {
        KeyPair key = Ed25519.generate();
        Path keyFile = dir.resolve("key.pem");
        Files.writeString(keyFile, Ed25519.publicPem(key.getPublic()));
        for (int size : new int[] {0, 1, 3, 5, 8, 9}) {
            TestChain chain = new TestChain(key, "ws_AWKWARD");
            for (int i = 0; i < size; i++) {
                ObjectNode body = TestChain.JSON.objectNode();
                body.put("signature", "c2lnbmF0dXJl/+=").put("recordHash", "0".repeat(64))
                        .put("text", "tab\there \"quoted\" back\\slash é 注文 😀 \u007f \u0001").put("amount", 12.5)
                        .put("größe", 3).put("big", 1e21).put("small", 1e-7);
                body.putObject("attestation").put("provider", "x").put("signature", "AAAA");
                chain.add(i % 3 == 2 ? "receipt" : "decision.proposed", "obj_" + i, "dec_1", null, "operator:a",
                        1_700_000_000_000L + i, body);
            }
            List<String> evidence = size % 2 == 0 ? List.of() : List.of(CanonicalJson.of(java.util.Map.of("source",
                    "export", "evidence", java.util.Map.of("note", "line\nbreak"))));
            byte[] packet = PacketWriter.build(new PacketWriter.Meta("prf_awkward-" + size, "Awkward «" + size + "»",
                    "ws_AWKWARD", "operator:a", 1_700_000_100_000L, null, null), chain.contents(evidence), key).zip();
            assertThat(PacketVerifier.verify(packet, key.getPublic()).outcome()).isEqualTo(PacketVerifier.Outcome.VALID);
            Path file = dir.resolve("awkward-" + size + ".haproof");
            Files.write(file, packet);
            AuditorScript.Run run = AuditorScript.run(AuditorScript.scriptOf(packet), file, keyFile, dir);
            assertThat(run.exitCode()).as(size + " records: " + run.output()).isZero();
        }
    }

    @Test
    void verifyMdHoldsTheScriptAndThePacketsFacts() throws IOException {
        byte[] packet = ProofCorpusTest.resource("good.haproof");
        String script = AuditorScript.scriptOf(packet);
        assertThat(script).isEqualTo(VerifyGuide.script())
                .contains("openssl pkeyutl -verify -pubin -inkey \"$key\" -rawin -in \"$work/pae\" -sigfile \"$work/sig\"");
        String guide = VerifyGuide.markdown("prf_x", "A title", "abc123", 0);
        assertThat(guide).contains("# Verifying proof packet prf_x", "`abc123`", "bash verify-packet.sh prf_x.haproof",
                "ha-console verify prf_x.haproof --key", PacketFormat.PAYLOAD_TYPE);
    }
}
