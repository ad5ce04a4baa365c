package com.headlessanalytics.console.proof;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.headlessanalytics.console.api.ApiJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The conformance corpus (src/test/resources/proof-corpus/): the checked-in files are exactly
 * what {@link ProofCorpus} makes, and the verifier gives every packet the outcome and first reason
 * of expected_outcomes.json. With HA_PROOF_CORPUS_WRITE=1 it first rewrites the corpus.
 */
class ProofCorpusTest {
    @Test
    void theCheckedInCorpusIsWhatTheGeneratorMakes() throws IOException {
        Path checkedIn = Path.of("src/test/resources", ProofCorpus.FOLDER);
        if ("1".equals(System.getenv("HA_PROOF_CORPUS_WRITE"))) {
            ProofCorpus.write(checkedIn);
        }
        Map<String, byte[]> made = ProofCorpus.files();
        assertThat(ProofCorpus.files()).as("the generator is deterministic").allSatisfy((name, bytes) ->
                assertThat(bytes).isEqualTo(made.get(name)));
        for (Map.Entry<String, byte[]> f : made.entrySet()) {
            assertThat(Files.readAllBytes(checkedIn.resolve(f.getKey()))).as(f.getKey() + " is checked in as"
                    + " generated; regenerate with HA_PROOF_CORPUS_WRITE=1 mvn -B -o -q test -Dtest=ProofCorpusTest")
                    .isEqualTo(f.getValue());
        }
    }

    @Test
    void everyPacketGivesItsExpectedOutcomeAndReason() throws IOException {
        JsonNode expected = ApiJson.mapper().readTree(resource("expected_outcomes.json"));
        List<String> checked = new ArrayList<>();
        for (JsonNode c : expected.get("cases")) {
            String packet = c.get("packet").asText();
            PublicKey key = c.get("key").isNull() ? null
                    : Ed25519.publicFromPem(new String(resource(c.get("key").asText()), StandardCharsets.US_ASCII));
            PacketVerifier.Result r = PacketVerifier.verify(resource(packet), key);
            assertThat(r.outcome().name()).as(packet + ": " + r.reason()).isEqualTo(c.get("outcome").asText());
            assertThat(r.reason()).as(packet).startsWith(c.get("reason").asText());
            checked.add(packet);
        }
        assertThat(checked).contains("good.haproof", "denied.haproof", "escrowed.haproof", "expired.haproof",
                "revoked.haproof", "tampered.haproof", "foreign-key.haproof", "reordered.haproof", "truncated.haproof");
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = ProofCorpusTest.class.getResourceAsStream("/" + ProofCorpus.FOLDER + "/" + name)) {
            assertThat(in).as(name + " in the corpus").isNotNull();
            return in.readAllBytes();
        }
    }
}
