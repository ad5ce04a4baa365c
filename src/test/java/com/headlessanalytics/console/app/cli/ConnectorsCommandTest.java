package com.headlessanalytics.console.app.cli;

import static com.headlessanalytics.console.app.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.app.bench.ShopifyOrders;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.server.LocalApiServer;
import com.headlessanalytics.console.server.ServeConfig;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code connectors …} end to end through picocli, on a real data folder and against a real serve-mode server. */
class ConnectorsCommandTest {
    @TempDir
    Path dir;

    private String data() {
        return dir.resolve("data").toString();
    }

    private Path ndjson(String name, List<Map<String, Object>> records) throws IOException {
        Path file = dir.resolve(name);
        try (Writer w = Files.newBufferedWriter(file)) {
            for (Map<String, Object> r : records) {
                w.write(ApiJson.write(r));
                w.write('\n');
            }
        }
        return file;
    }

    private List<Event> stored() {
        try (Engine engine = Engine.open(Path.of(data()))) {
            return engine.defaultWorkspace().events(EventQuery.all().withLimit(1000)).events();
        }
    }

    @Test
    void importsAFileInChunksAndARerunStoresNothingTwice() throws Exception {
        Path file = ndjson("orders.ndjson", ShopifyOrders.generate(2_300, 7));
        CliTest.Run first = run("connectors", "ingest", "--provider", "shopify", "--record-type", "order",
                file.toString(), "--data-dir", data());
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.err()).as("reported in file order, though stored behind the mapping")
                .containsSubsequence("chunk 1: records 1-1000: 1000 accepted, 0 duplicates, 0 failed",
                        "chunk 2: records 1001-2000: 1000 accepted", "chunk 3: records 2001-2300: 300 accepted");
        assertThat(first.out()).contains("orders.ndjson into embedded workspace",
                "(shopify): received 2300, accepted 2300, duplicates 0, failed 0");

        CliTest.Run again = run("connectors", "ingest", "--provider", "shopify", file.toString(), "--data-dir", data());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("received 2300, accepted 0, duplicates 2300, failed 0");
        try (Engine engine = Engine.open(Path.of(data()))) {
            Event order = engine.defaultWorkspace().events(new EventQuery(null, null, null, null, null, null, 1000,
                    null, EventQuery.Order.ASC)).events().get(0);
            assertThat(order.id()).isEqualTo("shopify:order:820982911946154508");
            assertThat(order.event()).isEqualTo("order.created");
        }
    }

    @Test
    void theReferenceExampleAsCsvAndADryRunThatStoresNothing() throws Exception {
        Path csv = Files.writeString(dir.resolve("orders.csv"), "id;total_price;currency;customer.email\n"
                + "order_1;149;USD;jane@example.com\n");
        CliTest.Run dry = run("connectors", "ingest", "--provider", "shopify", "--dry-run", "--json", csv.toString(),
                "--data-dir", data());
        assertThat(dry.exit()).as(dry.err()).isZero();
        JsonNode line = ApiJson.mapper().readTree(dry.out().strip());
        assertThat(line.get("chunk").asInt()).isEqualTo(1);
        JsonNode answer = line.get("answer");
        assertThat(answer.get("dryRun").asBoolean()).isTrue();
        JsonNode event = answer.get("records").get(0).get("event");
        assertThat(event.get("id").asText()).isEqualTo("shopify:order:order_1");
        assertThat(event.get("event").asText()).isEqualTo("order.created");
        assertThat(event.toString()).contains("149", "USD");
        assertThat(dry.err()).contains("dry run: nothing stored", "received 1, accepted 1");
        assertThat(stored()).isEmpty();

        CliTest.Run real = run("connectors", "ingest", "--provider", "shopify", csv.toString(), "--data-dir", data());
        assertThat(real.exit()).as(real.err()).isZero();
        assertThat(stored()).extracting(Event::id).containsExactly("shopify:order:order_1");
    }

    @Test
    void aRefusedChunkNamesItsRecordsByTheirPlaceInTheFileAndStoresNothingOfIt() throws Exception {
        List<Map<String, Object>> orders = new java.util.ArrayList<>(ShopifyOrders.generate(5, 3));
        Map<String, Object> bad = new java.util.LinkedHashMap<>(orders.get(3));
        bad.put("total_price", "a lot");
        orders.set(3, bad);
        Path file = ndjson("bad.ndjson", orders);
        CliTest.Run refused = run("connectors", "ingest", "--provider", "shopify", "--chunk-size", "2",
                file.toString(), "--data-dir", data());
        assertThat(refused.exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(refused.err()).contains("chunk 2: records 3-4 refused, nothing of it stored: 1 records with errors",
                "record 4 (line 4) total_price");
        assertThat(refused.out()).contains("received 5, accepted 3, duplicates 0, failed 1", "1 chunk was refused");
        assertThat(stored()).hasSize(3);
    }

    @Test
    void aFileThatBreaksAfterSomeChunksKeepsWhatWasStoredBeforeAndSaysSo() throws Exception {
        Path file = ndjson("orders.ndjson", ShopifyOrders.generate(7, 5));
        Files.writeString(file, "{\"id\": \"broken\",\n", java.nio.file.StandardOpenOption.APPEND);
        CliTest.Run run = run("connectors", "ingest", "--provider", "shopify", "--chunk-size", "3", file.toString(),
                "--data-dir", data());
        assertThat(run.exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(run.err()).containsSubsequence("chunk 1: records 1-3: 3 accepted", "chunk 2: records 4-6: 3 accepted",
                "orders.ndjson: record 8 (line 9", "Stopped there: 6 events were stored");
        assertThat(stored()).hasSize(6);
    }

    @Test
    void badProvidersBadFilesAndBadOptionsAreRefused() throws Exception {
        Path file = ndjson("orders.ndjson", ShopifyOrders.generate(3, 1));
        CliTest.Run unknown = run("connectors", "ingest", "--provider", "no_such_shop", file.toString(),
                "--data-dir", data());
        assertThat(unknown.exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(unknown.err()).contains("provider", "Nothing more was sent");

        Path broken = Files.writeString(dir.resolve("broken.json"), "[{\"id\":\"a\"},\n{\"id\":\"b\",");
        CliTest.Run bad = run("connectors", "ingest", "--provider", "shopify", broken.toString(), "--data-dir", data());
        assertThat(bad.exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(bad.err()).contains("broken.json: record 2 (line 2");
        assertThat(stored()).isEmpty();

        assertThat(run("connectors", "ingest", file.toString(), "--data-dir", data()).exit())
                .isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run("connectors", "ingest", "--provider", "shopify", "--chunk-size", "1001", file.toString(),
                "--data-dir", data()).exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run("connectors", "ingest", "--provider", "shopify", dir.resolve("missing.csv").toString(),
                "--data-dir", data()).exit()).isEqualTo(CommandLine.ExitCode.USAGE);
    }

    @Test
    void listsTheProviders() {
        CliTest.Run table = run("connectors", "providers", "--data-dir", data());
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).contains("shopify", "order -> order.created", "stripe", "hubspot", "robotics", "generic");
    }

    @Test
    void worksAgainstAServeModeServer() throws Exception {
        try (Engine engine = Engine.open(dir.resolve("served"))) {
            String key = engine.keys().create(engine.defaultWorkspaceId(), "cli").secret();
            LocalApiServer server = LocalApiServer.start(engine, new ServeConfig("127.0.0.1", 0, 1000, 1000, 5));
            try {
                Path file = ndjson("orders.jsonl", ShopifyOrders.generate(1_200, 5));
                CliTest.Run sent = run("connectors", "ingest", "--provider", "shopify", file.toString(),
                        "--url", server.baseUrl(), "--api-key", key);
                assertThat(sent.exit()).as(sent.err()).isZero();
                assertThat(sent.out()).contains("received 1200, accepted 1200");
                JsonNode providers = ApiJson.mapper().readTree(run("connectors", "providers", "--json",
                        "--url", server.baseUrl(), "--api-key", key).out());
                assertThat(providers.get("providers").size()).isGreaterThanOrEqualTo(17);
            } finally {
                server.stop();
            }
            assertThat(engine.defaultWorkspace().events(EventQuery.all().withLimit(10)).events()).hasSize(10);
        }
    }
}
