package com.headlessanalytics.console.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Attribution;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Metrics;
import com.headlessanalytics.console.app.bench.PerActorExport;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.server.LocalApiServer;
import com.headlessanalytics.console.server.ServeConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ingest FILE} into a data folder takes the bulk path (chunks in time order); these check it
 * against plain ingest of the same file (1000-event batches over HTTP into another folder), on real
 * H2 files and, for kill -9, a real child process.
 */
class BulkImportTest {
    @TempDir
    Path dir;

    /** A per-actor export with client ids, a few records without ids, and a record repeated. */
    private Path perActorFile(int events) throws IOException {
        Path file = dir.resolve("export.ndjson");
        PerActorExport.write(file, events, 5, dir.resolve("buckets"));
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        for (int i = 0; i < 5; i++) {
            ObjectNode node = (ObjectNode) ApiJson.mapper().readTree(lines.get(i * 7));
            node.remove("id");
            lines.set(i * 7, ApiJson.mapper().writeValueAsString(node));
        }
        lines.add(lines.get(lines.size() / 2));
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void storesTheSameEventsAsPlainIngestAndAReRunStoresNothingTwice() throws Exception {
        Path file = perActorFile(25_000);
        Path bulkFolder = dir.resolve("bulk");
        CliTest.Run bulk = CliTest.run("ingest", file.toString(), "--data-dir", bulkFolder.toString(),
                "--chunk-size", "10000");
        assertThat(bulk.exit()).as(bulk.err()).isZero();
        assertThat(bulk.out()).contains("25001 records read", "25000 stored, 1 duplicates, 0 rejected");

        Path plainFolder = dir.resolve("plain");
        try (Engine engine = Engine.open(plainFolder)) {
            String key = engine.keys().create(engine.defaultWorkspaceId(), "plain").secret();
            LocalApiServer server = LocalApiServer.start(engine, new ServeConfig("127.0.0.1", 0, 100_000, 100_000, 5));
            try {
                CliTest.Run plain = CliTest.run("ingest", file.toString(), "--url", server.baseUrl(), "--api-key", key);
                assertThat(plain.exit()).as(plain.err()).isZero();
                assertThat(plain.out()).contains("25000 stored, 1 duplicates");
            } finally {
                server.stop();
            }
        }

        Map<String, String> bulkEvents;
        Map<String, String> plainEvents;
        List<Object> bulkAnswers;
        List<Object> plainAnswers;
        try (Engine engine = Engine.open(bulkFolder)) {
            bulkEvents = stored(engine.defaultWorkspace());
            bulkAnswers = answers(engine.defaultWorkspace());
            assertThat(engine.defaultWorkspace().eventNames(null).names()).isNotEmpty();
        }
        try (Engine engine = Engine.open(plainFolder)) {
            plainEvents = stored(engine.defaultWorkspace());
            plainAnswers = answers(engine.defaultWorkspace());
            assertThat(names(engine.defaultWorkspace())).isEqualTo(namesOf(bulkFolder));
        }
        assertThat(bulkEvents).hasSize(25_000);
        assertThat(bulkEvents).isEqualTo(plainEvents);
        assertThat(bulkAnswers).isEqualTo(plainAnswers);

        CliTest.Run again = CliTest.run("ingest", file.toString(), "--data-dir", bulkFolder.toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("0 stored, 25001 duplicates");
        try (Engine engine = Engine.open(bulkFolder)) {
            assertThat(stored(engine.defaultWorkspace())).hasSize(25_000);
            assertThat(answers(engine.defaultWorkspace())).isEqualTo(bulkAnswers);
        }
    }

    @Test
    void theChunkSizeIsCheckedAndItsInputCapFollowsTheHeap() throws Exception {
        Path file = dir.resolve("one.ndjson");
        Files.writeString(file, "{\"event\":\"sensor.read\"}\n");
        for (String size : List.of("999", "1000001")) {
            CliTest.Run run = CliTest.run("ingest", file.toString(), "--data-dir", dir.resolve("data").toString(),
                    "--chunk-size", size);
            assertThat(run.exit()).isEqualTo(picocli.CommandLine.ExitCode.USAGE);
            assertThat(run.err()).contains("--chunk-size must be between 1000 and 1000000");
        }
        assertThat(Files.exists(dir.resolve("data"))).as("nothing was created").isFalse();
        assertThat(IngestCommand.chunkInput(6L << 30)).isEqualTo(80L << 20);
        assertThat(IngestCommand.chunkInput(1L << 30)).isEqualTo((1L << 30) / 20);
        assertThat(IngestCommand.chunkInput(8L << 20)).isEqualTo(1L << 20);
    }

    @Test
    void anInvalidRecordStopsTheImportOrIsSkipped() throws Exception {
        Path file = dir.resolve("events.ndjson");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 30_000; i++) {
            lines.append(i == 25_000 ? "{\"event\":\"bad\\tname\",\"id\":\"x\"}"
                    : "{\"event\":\"sensor.read\",\"id\":\"e" + i + "\",\"timestamp\":" + (1_700_000_000_000L - i * 1000L)
                    + "}").append('\n');
        }
        Files.writeString(file, lines);
        CliTest.Run refused = CliTest.run("ingest", file.toString(), "--data-dir", dir.resolve("data").toString());
        assertThat(refused.exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(refused.err()).contains("record 25001 (line 25001): event", "1 of 30000 records are invalid; nothing was sent");
        try (Engine engine = Engine.open(dir.resolve("data"))) {
            assertThat(engine.defaultWorkspace().events(null).events()).isEmpty();
        }
        CliTest.Run skipped = CliTest.run("ingest", file.toString(), "--data-dir", dir.resolve("data").toString(),
                "--skip-invalid");
        assertThat(skipped.exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(skipped.out()).contains("29999 stored, 0 duplicates, 1 rejected (1 invalid, skipped)");
        try (Engine engine = Engine.open(dir.resolve("data"))) {
            assertThat(stored(engine.defaultWorkspace())).hasSize(29_999).doesNotContainKey("x");
        }
    }

    @Test
    void aKilledImportCompletesOnTheNextRunWithTheExactCount() throws Exception {
        Path file = perActorFile(70_000);
        int chunk = 20_000;
        Path data = dir.resolve("data");
        Engine.open(data).close();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                com.headlessanalytics.console.app.Main.class.getName(), "ingest", file.toString(), "--data-dir",
                data.toString(), "--chunk-size", String.valueOf(chunk))
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            Path log = dir.resolve("child.log");
            while (!Files.readString(log).contains("committed") && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(child.isAlive()).as("the import ended before it was killed: %s",
                    Files.readString(dir.resolve("child.log"))).isTrue();
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        int before;
        try (Engine engine = Engine.open(data)) {
            before = stored(engine.defaultWorkspace()).size();
        }
        assertThat(before).as("killed mid-import, after its first chunk").isBetween(chunk, 70_000 - 1);
        assertThat(before % chunk).as("only whole chunks are stored").isZero();

        CliTest.Run rerun = CliTest.run("ingest", file.toString(), "--data-dir", data.toString());
        assertThat(rerun.exit()).as(rerun.err()).isZero();
        assertThat(rerun.out()).contains((70_000 - before) + " stored, " + (before + 1) + " duplicates");
        try (Engine engine = Engine.open(data)) {
            assertThat(stored(engine.defaultWorkspace())).hasSize(70_000);
            assertThat(engine.defaultWorkspace().metrics(Metrics.Query.of(null, null, null)).totalEvents())
                    .isEqualTo(70_000);
        }
    }

    @Test
    void aDataFileLeftMostlyDeadIsCompactedAndKeepsEveryEvent() throws Exception {
        Path file = perActorFile(30_000);
        Path data = dir.resolve("data");
        CliTest.Run run = CliTest.run("ingest", file.toString(), "--data-dir", data.toString(), "--chunk-size", "1000");
        assertThat(run.exit()).as(run.err()).isZero();
        Matcher compacted = Pattern.compile("compacted the data file from ([\\d,]+) MB to ([\\d,]+) MB").matcher(run.err());
        assertThat(compacted.find()).as(run.err()).isTrue();
        long before = Long.parseLong(compacted.group(1).replace(",", ""));
        long after = Long.parseLong(compacted.group(2).replace(",", ""));
        assertThat(after).as("MB after compaction, of %d before", before).isLessThan(before / 4);
        assertThat(Files.size(data.resolve("headless.mv.db")) >> 20).isEqualTo(after);
        assertThat(data.resolve("headless.trace.db")).as("H2 logged no error").doesNotExist();
        try (Engine engine = Engine.open(data)) {
            assertThat(stored(engine.defaultWorkspace())).hasSize(30_000);
        }

        CliTest.Run again = CliTest.run("ingest", file.toString(), "--data-dir", data.toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("0 stored, 30001 duplicates");
        assertThat(again.err()).as("nothing stored, nothing to compact").doesNotContain("compacting");
    }

    @Test
    void aKillDuringTheCompactionLosesNothing() throws Exception {
        Path file = perActorFile(70_000);
        Path data = dir.resolve("data");
        Path log = dir.resolve("child.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                com.headlessanalytics.console.app.Main.class.getName(), "ingest", file.toString(), "--data-dir",
                data.toString(), "--chunk-size", "5000")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (!Files.readString(log).contains("compacting the data file") && child.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(child.isAlive()).as("the import ended before it was killed: %s", Files.readString(log)).isTrue();
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(Files.readString(log)).as("killed during the compaction").doesNotContain("compacted the data file");
        try (Engine engine = Engine.open(data)) {
            assertThat(stored(engine.defaultWorkspace())).hasSize(70_000);
            assertThat(engine.defaultWorkspace().metrics(Metrics.Query.of(null, null, null)).totalEvents())
                    .isEqualTo(70_000);
        }
        CliTest.Run rerun = CliTest.run("ingest", file.toString(), "--data-dir", data.toString());
        assertThat(rerun.exit()).as(rerun.err()).isZero();
        assertThat(rerun.out()).contains("0 stored, 70001 duplicates");
    }

    /** Every stored event by id, as its JSON without receivedAt (the time of storing). */
    private static Map<String, String> stored(HeadlessApi api) throws IOException {
        Map<String, String> out = new TreeMap<>();
        EventQuery q = EventQuery.all().withLimit(1000);
        EventPage page;
        do {
            page = api.events(q);
            for (Event e : page.events()) {
                ObjectNode node = ApiJson.mapper().valueToTree(e);
                node.remove("receivedAt");
                out.put(e.id(), ApiJson.mapper().writeValueAsString(node));
            }
            q = q.withCursor(page.nextCursor());
        } while (page.nextCursor() != null);
        return out;
    }

    private static List<Object> names(HeadlessApi api) {
        return new ArrayList<>(api.eventNames(null).names());
    }

    private static List<Object> namesOf(Path folder) {
        try (Engine engine = Engine.open(folder)) {
            return names(engine.defaultWorkspace());
        }
    }

    /** Metrics, a funnel and attribution, without their proofs. */
    private static List<Object> answers(HeadlessApi api) {
        Metrics.Result m = api.metrics(new Metrics.Query(null, null, null, null, "day", "channel", null, null));
        Funnels.Result f = api.funnel(new Funnels.Query(List.of(Funnels.Step.of("qr.bottle_scanned"),
                Funnels.Step.of("page.product_viewed"), Funnels.Step.of("order.created")), null, null, null, null,
                null, "campaign"));
        Attribution.Result a = api.attribution(new Attribution.Query(null, null, null, "order.created",
                "time_decay", "source", null));
        return List.of(m.metrics(), m.series(), m.groups(), f.steps(), f.breakdown(), a.bySource(), a.byCampaign(),
                a.byChannel(), a.byMedium(), a.credit(), a.conversions(), a.revenue());
    }
}
