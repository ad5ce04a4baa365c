package com.headlessanalytics.console.app.cli;

import static com.headlessanalytics.console.app.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.demo.DemoGenerator;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.server.LocalApiServer;
import com.headlessanalytics.console.server.ServeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code demo generate} end to end: into a data folder, over HTTP, and into an NDJSON file that ingest accepts. */
class DemoCommandTest {
    private static final String END = "2026-03-01T12:00:00Z";

    @TempDir
    Path dir;

    private String data() {
        return dir.resolve("data").toString();
    }

    @Test
    void generatesIntoAFreshDataFolderAndAgainStoresNothingTwice() throws Exception {
        CliTest.Run first = run("demo", "generate", "--events", "3000", "--seed", "7", "--end", END,
                "--data-dir", data());
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("Generated 3000 demo events (seed 7, 2026-02-01T12:00:00Z to " + END,
                "3000 stored, 0 duplicates", "--events 3000 --seed 7 --days 28 --end " + END);

        DemoGenerator expected = DemoGenerator.builder(Instant.parse(END).toEpochMilli()).events(3000).seed(7).build();
        Map<String, Long> expectedNames = expected.stream()
                .collect(Collectors.groupingBy(e -> (String) e.get("event"), TreeMap::new, Collectors.counting()));
        try (Engine engine = Engine.open(Path.of(data()))) {
            List<Event> stored = readAll(engine.defaultWorkspace());
            assertThat(stored).hasSize(3000).allMatch(DemoGenerator::isDemo);
            Map<String, Long> storedNames = stored.stream()
                    .collect(Collectors.groupingBy(Event::event, TreeMap::new, Collectors.counting()));
            assertThat(storedNames).isEqualTo(expectedNames);
            assertThat(stored.get(0).id()).isEqualTo(DemoGenerator.eventId(7, 0));
            assertThat(expectedNames.get("order.created")).isPositive();
        }

        CliTest.Run again = run("demo", "generate", "--events", "3000", "--seed", "7", "--end", END,
                "--data-dir", data());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("0 stored, 3000 duplicates", "generating again stores nothing twice");
    }

    @Test
    void refusesAFolderWithUserEventsUnlessToldIntoExisting() {
        try (Engine engine = Engine.open(Path.of(data()))) {
            engine.defaultWorkspace().ingest(List.of(Map.of("id", "user-1", "event", "order.created",
                    "properties", Map.of("amount", "12.00"))));
        }
        CliTest.Run refused = run("demo", "generate", "--events", "500", "--end", END, "--data-dir", data());
        assertThat(refused.exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(refused.err()).contains("already holds events that are not demo data", "order.created user-1",
                "never mixed into a workspace unasked", "--into-existing");
        try (Engine engine = Engine.open(Path.of(data()))) {
            assertThat(readAll(engine.defaultWorkspace())).hasSize(1);
        }

        CliTest.Run forced = run("demo", "generate", "--events", "500", "--end", END, "--data-dir", data(),
                "--into-existing");
        assertThat(forced.exit()).as(forced.err()).isZero();
        assertThat(forced.out()).contains("500 stored");
        try (Engine engine = Engine.open(Path.of(data()))) {
            List<Event> all = readAll(engine.defaultWorkspace());
            assertThat(all).hasSize(501);
            assertThat(all.stream().filter(e -> !DemoGenerator.isDemo(e)).map(Event::id)).containsExactly("user-1");
        }
    }

    @Test
    void writesNdjsonThatIngestAcceptsAndTheSameCommandWritesTheSameBytes() throws Exception {
        Path file = dir.resolve("demo.ndjson");
        CliTest.Run written = run("demo", "generate", "--events", "1500", "--seed", "3", "--days", "7", "--end", END,
                "--out", file.toString());
        assertThat(written.exit()).as(written.err()).isZero();
        assertThat(written.out()).contains("Wrote 1500 demo events (seed 3, 2026-02-22T12:00:00Z to " + END);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(1500);
        assertThat(ApiJson.mapper().readTree(lines.get(0)).get("context").get("dataset").asText())
                .isEqualTo("headless-demo");

        Path copy = dir.resolve("copy.ndjson");
        assertThat(run("demo", "generate", "--events", "1500", "--seed", "3", "--days", "7", "--end", END,
                "--out", copy.toString()).exit()).isZero();
        assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(file));

        CliTest.Run ingested = run("ingest", file.toString(), "--data-dir", data());
        assertThat(ingested.exit()).as(ingested.err()).isZero();
        assertThat(ingested.out()).contains("1500 records read", "1500 stored, 0 duplicates, 0 rejected");
    }

    @Test
    void usageMistakesAreRefusedBeforeAnythingIsWritten() {
        Path file = dir.resolve("x.ndjson");
        assertThat(run("demo", "generate", "--events", "10", "--out", file.toString(), "--data-dir", data()).exit())
                .isEqualTo(CommandLine.ExitCode.USAGE);
        CliTest.Run future = run("demo", "generate", "--events", "10", "--end", "2999-01-01T00:00:00Z",
                "--out", file.toString());
        assertThat(future.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(future.err()).contains("--end must not be in the future");
        assertThat(run("demo", "generate", "--events", "0", "--out", file.toString()).exit())
                .isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run("demo", "generate", "--days", "0", "--out", file.toString()).exit())
                .isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(file).doesNotExist();
    }

    @Test
    void generatesOverHttpInBatches() throws Exception {
        try (Engine engine = Engine.open(Path.of(data()))) {
            String key = engine.keys().create(engine.defaultWorkspaceId(), "demo").secret();
            LocalApiServer server = LocalApiServer.start(engine, new ServeConfig("127.0.0.1", 0, 1000, 1000, 5));
            try {
                CliTest.Run sent = run("demo", "generate", "--events", "2100", "--seed", "9", "--end", END,
                        "--url", server.baseUrl(), "--api-key", key);
                assertThat(sent.exit()).as(sent.err()).isZero();
                assertThat(sent.out()).contains("2100 stored, 0 duplicates");
            } finally {
                server.stop();
            }
            assertThat(readAll(engine.defaultWorkspace())).hasSize(2100).allMatch(DemoGenerator::isDemo);
        }
    }

    private static List<Event> readAll(HeadlessApi api) {
        List<Event> all = new ArrayList<>();
        EventQuery query = EventQuery.all().withLimit(1000);
        EventPage page;
        do {
            page = api.events(query);
            all.addAll(page.events());
            query = query.withCursor(page.nextCursor());
        } while (page.nextCursor() != null);
        return all;
    }
}
