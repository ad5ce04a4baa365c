package com.headlessanalytics.console.app.cli;

import static com.headlessanalytics.console.app.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.server.LocalApiServer;
import com.headlessanalytics.console.server.ServeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code entities …} end to end through picocli, on a real data folder and against a real serve-mode server. */
class EntitiesCommandTest {
    private static final String EVENTS = """
            {"id":"p-2","event":"profile.updated","timestamp":1794787202000,"entity":{"type":"customer","id":"c/1 é","name":"Ana Maria","properties":{"tier":"gold"}}}
            {"id":"p-1","event":"profile.updated","timestamp":1794787201000,"entity":{"type":"customer","id":"c/1 é","name":"Ana","relationships":[{"type":"store","id":"s1","relation":"shops_at"}]}}
            {"id":"o-1","event":"order.created","timestamp":1794787203000,"actor":{"type":"customer","id":"c/1 é"},"object":{"type":"order","id":"o-1"}}
            """;

    @TempDir
    Path dir;

    private static JsonNode json(CliTest.Run run) throws Exception {
        assertThat(run.exit()).as(run.err()).isZero();
        return ApiJson.mapper().readTree(run.out());
    }

    private String ingest(String data) throws Exception {
        Path file = dir.resolve("graph.ndjson");
        Files.writeString(file, EVENTS);
        CliTest.Run ingested = run("ingest", file.toString(), "--data-dir", data);
        assertThat(ingested.exit()).as(ingested.err()).isZero();
        return data;
    }

    @Test
    void listsShowsAndPagesEntitiesInADataFolder() throws Exception {
        String data = ingest(dir.resolve("data").toString());

        CliTest.Run table = run("entities", "list", "--data-dir", data);
        assertThat(table.exit()).as(table.err()).isZero();
        List<String> lines = table.out().lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).startsWith("TYPE").contains("ID", "NAME", "EVENTS", "LAST SEEN");
        assertThat(lines.get(2)).startsWith("customer").contains("c/1 é", "Ana Maria", "3", "2026-11-16T00:00:0");
        assertThat(lines.get(5)).isEqualTo("4 entities");

        JsonNode customers = json(run("entities", "list", "--type", "customer", "--q", "ANA", "--json",
                "--data-dir", data));
        assertThat(customers.get("entities")).hasSize(1);
        assertThat(customers.at("/entities/0/properties/tier").asText()).isEqualTo("gold");
        assertThat(customers.get("proof").get("queryId").asText()).startsWith("q_");

        JsonNode onePage = json(run("entities", "list", "--limit", "1", "--json", "--data-dir", data));
        assertThat(onePage.get("entities")).hasSize(1);
        assertThat(onePage.get("nextCursor").asText()).isNotEmpty();
        CliTest.Run more = run("entities", "list", "--limit", "1", "--data-dir", data);
        assertThat(more.out()).contains("more: --cursor " + onePage.get("nextCursor").asText());
        JsonNode all = json(run("entities", "list", "--limit", "1", "--all", "--json", "--data-dir", data));
        List<String> keys = new ArrayList<>();
        all.get("entities").forEach(e -> keys.add(e.get("type").asText() + "/" + e.get("id").asText()));
        assertThat(keys).containsExactly("business/default", "customer/c/1 é", "order/o-1", "store/s1");
        assertThat(all.get("nextCursor").isNull()).isTrue();

        CliTest.Run shown = run("entities", "show", "customer", "c/1 é", "--data-dir", data);
        assertThat(shown.exit()).as(shown.err()).isZero();
        assertThat(shown.out()).startsWith("customer c/1 é  Ana Maria\n")
                .contains("events 3, first seen 2026-11-16T00:00:0", "properties {\"tier\":\"gold\"}", "shops_at",
                        "order.created", "in_business", "3 relationships", "3 events");
        JsonNode detail = json(run("entities", "show", "customer", "c/1 é", "--json", "--data-dir", data));
        assertThat(detail.at("/entity/eventCount").asLong()).isEqualTo(3);
        assertThat(detail.get("relationshipCount").asLong()).isEqualTo(3);

        JsonNode events = json(run("entities", "events", "customer", "c/1 é", "--limit", "2", "--json",
                "--data-dir", data));
        assertThat(events.get("events")).extracting(e -> e.get("id").asText()).containsExactly("o-1", "p-2");
        assertThat(events.get("nextCursor").asText()).isNotEmpty();
        CliTest.Run eventTable = run("entities", "events", "customer", "c/1 é", "--data-dir", data);
        assertThat(eventTable.out().lines().skip(1).findFirst().orElseThrow()).contains("order.created", "o-1");
        assertThat(eventTable.lastLine()).isEqualTo("3 events");
    }

    @Test
    void unknownEntitiesAndBadInputAreRejectedAndUsageErrorsAreUsageErrors() throws Exception {
        String data = ingest(dir.resolve("data").toString());
        CliTest.Run unknown = run("entities", "show", "customer", "nobody", "--data-dir", data);
        assertThat(unknown.exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(unknown.err()).contains("404");
        CliTest.Run badLimit = run("entities", "list", "--limit", "0", "--data-dir", data);
        assertThat(badLimit.exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(badLimit.err()).contains("limit");
        CliTest.Run badId = run("entities", "events", "customer", "a\u0001b", "--data-dir", data);
        assertThat(badId.exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(badId.err()).contains("id: must not contain control characters");
        assertThat(run("entities", "events", "customer", "c1", "--limit", "0", "--data-dir", data).exit())
                .isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run("entities", "show", "customer", "--data-dir", data).exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run("entities", "--data-dir", data).exit()).isEqualTo(CommandLine.ExitCode.USAGE);
    }

    @Test
    void worksAgainstAServeModeServer() throws Exception {
        Path served = dir.resolve("served");
        ingest(served.toString());
        try (Engine engine = Engine.open(served)) {
            String key = engine.keys().create(engine.defaultWorkspaceId(), "cli").secret();
            LocalApiServer server = LocalApiServer.start(engine, new ServeConfig("127.0.0.1", 0, 1000, 1000, 5));
            try {
                String url = server.baseUrl();
                JsonNode listed = json(run("entities", "list", "--type", "customer", "--json", "--url", url,
                        "--api-key", key));
                assertThat(listed.at("/entities/0/id").asText()).isEqualTo("c/1 é");
                JsonNode detail = json(run("entities", "show", "customer", "c/1 é", "--json", "--url", url,
                        "--api-key", key));
                assertThat(detail.at("/entity/name").asText()).isEqualTo("Ana Maria");
                JsonNode events = json(run("entities", "events", "customer", "c/1 é", "--limit", "5", "--json",
                        "--url", url, "--api-key", key));
                assertThat(events.get("events")).hasSize(3);
                CliTest.Run unknown = run("entities", "show", "store", "s2", "--url", url, "--api-key", key);
                assertThat(unknown.exit()).isEqualTo(HaCommand.REJECTED);
                assertThat(unknown.err()).contains("HTTP 404");
            } finally {
                server.stop();
            }
        }
    }
}
