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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code query …} end to end through picocli, on a real data folder and against a real serve-mode server. */
class QueryCommandTest {
    static final long T0 = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli();
    static final long MIN = 60_000;

    @TempDir
    Path dir;

    Path data() {
        return dir.resolve("data");
    }

    /** a1 views, signs up, orders (google); a2 views, signs up; a3 views (newsletter); a4 orders directly. */
    @BeforeEach
    void seed() {
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(Map.of("event", "page.viewed", "actor", "a1", "timestamp", T0, "source", Map.of("source", "google")));
        events.add(Map.of("event", "signup.completed", "actor", "a1", "timestamp", T0 + 5 * MIN));
        events.add(Map.of("event", "order.created", "actor", "a1", "timestamp", T0 + 9 * MIN,
                "properties", Map.of("amount", "25.00")));
        events.add(Map.of("event", "page.viewed", "actor", "a2", "timestamp", T0 + MIN));
        events.add(Map.of("event", "signup.completed", "actor", "a2", "timestamp", T0 + 2 * MIN));
        events.add(Map.of("event", "page.viewed", "actor", "a3", "timestamp", T0 + 2 * MIN,
                "attribution", Map.of("source", "newsletter")));
        events.add(Map.of("event", "order.created", "actor", "a4", "timestamp", T0 + 3 * MIN,
                "properties", Map.of("amount", 5)));
        try (Engine engine = Engine.open(data())) {
            engine.defaultWorkspace().ingest(events);
        }
    }

    static JsonNode json(CliTest.Run run) throws Exception {
        assertThat(run.exit()).as(run.err()).isZero();
        return ApiJson.mapper().readTree(run.out());
    }

    static List<Long> counts(JsonNode funnel) {
        List<Long> counts = new ArrayList<>();
        funnel.get("steps").forEach(s -> counts.add(s.get("count").asLong()));
        return counts;
    }

    @Test
    void funnelFromStepOptionsOrFromAJsonFileWithOptionsReplacingItsFields() throws Exception {
        JsonNode byOptions = json(run("query", "funnel", "--data-dir", data().toString(), "--step", "page.viewed",
                "--step", "signup.completed", "--step", "order.created"));
        assertThat(counts(byOptions)).containsExactly(3L, 2L, 1L);
        assertThat(byOptions.get("steps").get(1).get("conversionFromStart").asDouble()).isEqualTo(2 / 3.0);
        assertThat(byOptions.get("proof").get("queryId").asText()).startsWith("q_");

        Path file = dir.resolve("funnel.json");
        Files.writeString(file, """
                {"steps":[{"event":"page.viewed"},{"event":"order.created"}],"windowMs":60000}""");
        assertThat(counts(json(run("query", "funnel", "--data-dir", data().toString(), "--json-file", file.toString()))))
                .as("a1 orders 9 minutes after the view, outside one minute").containsExactly(3L, 0L);
        JsonNode widened = json(run("query", "funnel", "--data-dir", data().toString(), "--json-file", file.toString(),
                "--window", "PT10M", "--breakdown", "source"));
        assertThat(counts(widened)).containsExactly(3L, 1L);
        assertThat(widened.get("windowMs").asLong()).isEqualTo(10 * MIN);
        assertThat(widened.get("breakdown").get(0).get("value").asText()).isEqualTo("(none)");

        JsonNode dropped = json(run("query", "funnel-actors", "--data-dir", data().toString(), "--step", "page.viewed",
                "--step", "signup.completed", "--at-step", "2"));
        assertThat(dropped.get("total").asLong()).isEqualTo(1);
        assertThat(dropped.get("actors").get(0).get("actor").asText()).isEqualTo("a3");
    }

    @Test
    void metricsAttributionAndDefinitions() throws Exception {
        JsonNode metrics = json(run("query", "metrics", "--data-dir", data().toString(), "--event", "order.created",
                "--from", "2026-11-02T00:00:00Z", "--interval", "hour"));
        assertThat(metrics.get("totalEvents").asLong()).isEqualTo(2);
        assertThat(metrics.get("revenue").asText()).isEqualTo("30.00");
        assertThat(metrics.get("series").get(Long.toString(T0)).asLong()).isEqualTo(2);

        JsonNode attribution = json(run("query", "attribution", "--data-dir", data().toString(),
                "--conversion-event", "order.created", "--model", "last_touch"));
        assertThat(attribution.get("bySource").toString()).isEqualTo("{\"google\":1,\"newsletter\":1}");
        assertThat(attribution.get("credit").toString()).contains("\"key\":\"(direct)\"", "\"key\":\"google\"");

        JsonNode saved = json(run("query", "definitions", "--data-dir", data().toString(), "--save",
                "{\"name\":\"signups\",\"event\":\"signup.completed\"}"));
        assertThat(saved.get("name").asText()).isEqualTo("signups");
        JsonNode listed = json(run("query", "definitions", "--data-dir", data().toString()));
        assertThat(listed.get("definitions")).hasSize(1);
        JsonNode withDefinition = json(run("query", "metrics", "--data-dir", data().toString(), "--metric", "signups",
                "--persist-snapshots"));
        assertThat(withDefinition.get("metrics").get("signups").asLong()).isEqualTo(2);
        JsonNode snapshots = json(run("query", "snapshots", "--data-dir", data().toString(), "--metric", "signups"));
        assertThat(snapshots.get("snapshots").get(0).get("value").asLong()).isEqualTo(2);
        assertThat(json(run("query", "definitions", "--data-dir", data().toString(), "--delete", "signups"))
                .get("deleted").asText()).isEqualTo("signups");

        CliTest.Run again = run("query", "definitions", "--data-dir", data().toString(), "--delete", "signups");
        assertThat(again.exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(again.err()).contains("HTTP 404");
    }

    @Test
    void agentContextAsJsonOrTextAndHealthAndUsageOverHttp() throws Exception {
        String key;
        try (Engine engine = Engine.open(data())) {
            key = engine.keys().create(engine.defaultWorkspaceId(), "cli").secret();
            LocalApiServer server = LocalApiServer.start(engine, new ServeConfig("127.0.0.1", 0, 1000, 1000, 5));
            try {
                String url = server.baseUrl();
                String[] period = {"--from", Long.toString(T0), "--to", Long.toString(T0 + 7 * 24 * 60 * MIN - 1)};
                JsonNode context = json(run(concat(new String[] {"query", "agent-context", "--url", url, "--api-key",
                    key, "--mode", "summary"}, period)));
                assertThat(context.get("mode").asText()).isEqualTo("summary");
                assertThat(context.get("summary")).isNotNull();
                CliTest.Run text = run(concat(new String[] {"query", "agent-context", "--url", url, "--api-key", key,
                    "--text"}, period));
                assertThat(text.exit()).as(text.err()).isZero();
                assertThat(text.out().strip()).isEqualTo(context.get("text").asText()).doesNotStartWith("{");

                JsonNode health = json(run(concat(new String[] {"query", "health", "default", "--url", url,
                    "--api-key", key, "--limit", "2"}, period)));
                assertThat(health.get("orders").asLong()).isEqualTo(2);
                assertThat(health.get("recentEvents")).hasSize(2);
                assertThat(health.get("components")).hasSize(5);

                JsonNode usage = json(run("query", "usage", "--url", url, "--api-key", key));
                List<String> endpoints = new ArrayList<>();
                usage.get("records").forEach(r -> endpoints.add(r.get("endpoint").asText()));
                assertThat(endpoints).contains("/api/intelligence/agent-context", "/api/businesses/{id}/health");
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void badQueriesAndMistakesHaveTheirExitCodes() throws Exception {
        String folder = data().toString();
        CliTest.Run wrongType = run("query", "funnel", "--data-dir", folder, "--json", "{\"steps\":5}");
        assertThat(wrongType.exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(wrongType.err()).contains("steps: must be an array");
        CliTest.Run badMode = run("query", "funnel", "--data-dir", folder, "--step", "a", "--mode", "sideways");
        assertThat(badMode.exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(badMode.err()).contains("mode: must be one of ordered, strict, any_order");
        CliTest.Run unknownField = run("query", "metrics", "--data-dir", folder, "--json", "{\"event\":\"a\"}");
        assertThat(unknownField.exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(unknownField.err()).contains("event: is not a field of this request");

        assertThat(run("query", "funnel", "--data-dir", folder, "--json-file", dir.resolve("none.json").toString()).exit())
                .isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run("query", "funnel", "--data-dir", folder, "--step", "a", "--window", "a while").exit())
                .isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run("query").exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run("query", "health", "--data-dir", folder).exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run("query", "definitions", "--data-dir", folder, "--save", "{}", "--delete", "x").exit())
                .isEqualTo(CommandLine.ExitCode.USAGE);
        CliTest.Run unreachable = run("query", "usage", "--url", "http://127.0.0.1:1", "--api-key", "ha_live_x");
        assertThat(unreachable.exit()).isEqualTo(HaCommand.FAILED);
        assertThat(List.of(wrongType.err(), badMode.err(), unreachable.err())).noneMatch(s -> s.contains("Exception"));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
