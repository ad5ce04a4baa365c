package com.headlessanalytics.console.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.headlessanalytics.console.api.ApiJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ha-console verify PACKET [--key PEM] [--json]} over the whole conformance corpus
 * (proof-corpus/expected_outcomes.json): the exit code (0 valid, 1 invalid, 2 indeterminate), the
 * outcome and the reason printed first.
 */
class VerifyCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = HaCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        return new Run(cl.execute(args), out.toString());
    }

    @Test
    void everyCorpusPacketGetsItsExitCodeOutcomeAndReason() throws IOException {
        JsonNode expected = ApiJson.mapper().readTree(corpus("expected_outcomes.json"));
        List<String> seen = new ArrayList<>();
        for (JsonNode c : expected.get("cases")) {
            Path packet = copy(c.get("packet").asText());
            List<String> args = new ArrayList<>(List.of("verify", packet.toString()));
            if (!c.get("key").isNull()) {
                args.add("--key");
                args.add(copy(c.get("key").asText()).toString());
            }
            Run run = run(args.toArray(String[]::new));
            String outcome = c.get("outcome").asText();
            int exit = switch (outcome) {
                case "VALID" -> 0;
                case "INVALID" -> 1;
                default -> 2;
            };
            assertThat(run.exit()).as(packet + ": " + run.out()).isEqualTo(exit);
            assertThat(run.out()).as(packet.toString()).startsWith(outcome + ": " + c.get("reason").asText());
            seen.add(outcome);
        }
        assertThat(seen).contains("VALID", "INVALID", "INDETERMINATE");
    }

    @Test
    void saysWhichKeyWasUsedAndToCompareThePacketsOwn() throws IOException {
        Run trusted = run("verify", copy("good.haproof").toString(), "--key", copy("TEST-ONLY-corpus-public-key.pem")
                .toString());
        assertThat(trusted.out()).contains("packet: prf_corpus-good \"Conformance corpus: good\", created"
                + " 2025-01-03T00:00:00Z by operator:ana", "key: 41608ecde1ae766b75122945d50be1f58dd91a3b9ceeaadadea97f615e118ca7"
                + " (the trusted key, ");
        Run own = run("verify", copy("foreign-key.haproof").toString());
        assertThat(own.exit()).isEqualTo(2);
        assertThat(own.out()).startsWith("INDETERMINATE: the packet is signed with the published TEST-ONLY key 8c1efd")
                .contains("NOTE: Checked with the packet's own public-key.pem");
    }

    @Test
    void jsonListsEveryProblem() throws IOException {
        Run run = run("verify", copy("tampered.haproof").toString(), "--key",
                copy("TEST-ONLY-corpus-public-key.pem").toString(), "--json");
        assertThat(run.exit()).isEqualTo(1);
        JsonNode json = ApiJson.mapper().readTree(run.out());
        assertThat(json.get("outcome").asText()).isEqualTo("INVALID");
        assertThat(json.get("reason").asText()).startsWith("receipts.jsonl line 1: record 5");
        assertThat(json.get("problems")).extracting(JsonNode::asText)
                .anySatisfy(p -> assertThat(p).startsWith("receipts.jsonl differs from the signed manifest"));
        assertThat(json.get("keySource").asText()).isEqualTo("trusted");
        assertThat(json.get("manifest").get("proofId").asText()).isEqualTo("prf_corpus-denied");
    }

    @Test
    void aMissingPacketOrAnUnreadableKeyIsIndeterminate() throws IOException {
        Run missing = run("verify", dir.resolve("nope.haproof").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.out()).startsWith("INDETERMINATE: cannot read " + dir.resolve("nope.haproof")
                + ": no such file");
        Path notAKey = dir.resolve("key.pem");
        Files.writeString(notAKey, "hello");
        Run badKey = run("verify", copy("good.haproof").toString(), "--key", notAKey.toString());
        assertThat(badKey.exit()).isEqualTo(2);
        assertThat(badKey.out()).startsWith("INDETERMINATE: the key file " + notAKey + " is not an Ed25519 public key");
    }

    private Path copy(String name) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            Files.write(file, corpus(name));
        }
        return file;
    }

    private static byte[] corpus(String name) throws IOException {
        try (InputStream in = VerifyCommandTest.class.getResourceAsStream("/proof-corpus/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
