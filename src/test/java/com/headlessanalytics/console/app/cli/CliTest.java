package com.headlessanalytics.console.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.server.LocalApiServer;
import com.headlessanalytics.console.server.ServeConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI end to end, through picocli, on real data folders and a real serve-mode server. */
class CliTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
        String lastLine() {
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = HaCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    Path data() {
        return dir.resolve("data");
    }

    @Test
    void keysCreatePrintsTheKeyLastAndListNeverShowsIt() {
        Run created = run("keys", "create", "--data-dir", data().toString(), "--name", "ci runner");
        assertThat(created.exit()).isZero();
        String key = created.lastLine();
        assertThat(key).startsWith("ha_live_").hasSize(48);
        Run listed = run("keys", "list", "--data-dir", data().toString());
        assertThat(listed.out()).contains("ci runner", "active", key.substring(0, 12)).doesNotContain(key);
    }

    @Test
    void ingestsNdjsonAndARerunStoresNothingTwice() throws Exception {
        Path file = dir.resolve("events.ndjson");
        Files.writeString(file, """
                {"event":"qr.bottle_scanned","actor":"a1","timestamp":1000}

                {"event":"order.created","actor":"a1","timestamp":2000,"properties":{"amount":"9.50"}}
                {"event":"order.created","actor":"a1","timestamp":2000,"properties":{"amount":"9.50"}}
                """);
        Run first = run("ingest", file.toString(), "--data-dir", data().toString());
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("3 records read", "3 stored, 0 duplicates, 0 rejected");
        Run again = run("ingest", file.toString(), "--data-dir", data().toString());
        assertThat(again.out()).contains("0 stored, 3 duplicates");

        Run events = run("events", "--data-dir", data().toString(), "--event", "order.created");
        JsonNode page = ApiJson.mapper().readTree(events.out());
        assertThat(page.get("events")).hasSize(2);
        assertThat(page.get("events").get(0).get("properties").get("amount").asText()).isEqualTo("9.50");
        assertThat(page.get("nextCursor").isNull()).isTrue();
        assertThat(page.get("proof").get("queryId").asText()).startsWith("q_");
    }

    @Test
    void oneInvalidRecordStopsTheWholeFileUnlessToldToSkip() throws Exception {
        Path file = dir.resolve("events.json");
        Files.writeString(file, """
                [
                  {"event": "lead.created", "id": "l1"},
                  {"event": "lead\\tcreated", "id": "l2"},
                  "not an object",
                  {"event": "lead.created", "id": "l4", "trustTier": "T9"}
                ]
                """);
        Run refused = run("ingest", file.toString(), "--data-dir", data().toString());
        assertThat(refused.exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(refused.err()).contains("record 2 (line 3): event", "record 3 (line 4): must be a JSON object",
                "record 4 (line 5): trustTier", "3 of 4 records are invalid; nothing was sent");
        try (Engine engine = Engine.open(data())) {
            assertThat(engine.defaultWorkspace().events(null).events()).isEmpty();
        }
        Run skipped = run("ingest", file.toString(), "--data-dir", data().toString(), "--skip-invalid");
        assertThat(skipped.exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(skipped.out()).contains("1 stored", "3 rejected");
    }

    @Test
    void ingestsOverHttpInBatchesAndReadsBackRemotely() throws Exception {
        String key;
        try (Engine engine = Engine.open(data())) {
            key = engine.keys().create(engine.defaultWorkspaceId(), "cli").secret();
            LocalApiServer server = LocalApiServer.start(engine, new ServeConfig("127.0.0.1", 0, 1000, 1000, 5));
            try {
                StringBuilder ndjson = new StringBuilder();
                for (int i = 0; i < 2500; i++) {
                    ndjson.append("{\"event\":\"sensor.read\",\"traceId\":\"t").append(i % 7).append("\"}\n");
                }
                Path file = dir.resolve("many.ndjson");
                Files.writeString(file, ndjson);
                Run sent = run("ingest", file.toString(), "--url", server.baseUrl(), "--api-key", key,
                        "--batch-size", "1000");
                assertThat(sent.exit()).as(sent.err()).isZero();
                assertThat(sent.out()).contains("2500 stored");
                Run read = run("events", "--url", server.baseUrl(), "--api-key", key, "--trace-id", "t3",
                        "--limit", "2000", "--order", "desc");
                JsonNode page = ApiJson.mapper().readTree(read.out());
                assertThat(page.get("events")).hasSize(357);
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void usageMistakesAndFailuresHaveTheirExitCodes() {
        assertThat(run("events", "--api-key", "x").exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run("events", "--data-dir", "x", "--url", "http://127.0.0.1:1").exit())
                .isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run("events", "--data-dir", data().toString(), "--from", "last week").exit())
                .isEqualTo(CommandLine.ExitCode.USAGE);
        Run unreachable = run("events", "--url", "http://127.0.0.1:1", "--api-key", "ha_live_x");
        assertThat(unreachable.exit()).isEqualTo(HaCommand.FAILED);
        assertThat(unreachable.err()).contains("refused");
        Run badKey;
        try (Engine engine = Engine.open(data())) {
            LocalApiServer server = startQuietly(engine);
            try {
                badKey = run("events", "--url", server.baseUrl(), "--api-key", "ha_live_wrong");
            } finally {
                server.stop();
            }
        }
        assertThat(badKey.exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(badKey.err()).contains("HTTP 401");
        assertThat(List.of(badKey.err(), unreachable.err())).noneMatch(s -> s.contains("Exception"));
    }

    private static LocalApiServer startQuietly(Engine engine) {
        try {
            return LocalApiServer.start(engine, new ServeConfig("127.0.0.1", 0, 1000, 1000, 5));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
