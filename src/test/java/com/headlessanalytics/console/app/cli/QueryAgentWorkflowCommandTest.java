package com.headlessanalytics.console.app.cli;

import static com.headlessanalytics.console.app.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.headlessanalytics.console.engine.Engine;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code query agent} and {@code query workflow} end to end through picocli on a real data folder. */
class QueryAgentWorkflowCommandTest {
    static final long T0 = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli();
    static final long MIN = 60_000;

    @TempDir
    Path dir;

    String data() {
        return dir.resolve("data").toString();
    }

    /** agent_a: a succeeded run with spend and a running one; order_fulfillment: a completed and a failed run. */
    @BeforeEach
    void seed() {
        Map<String, Object> agent = Map.of("type", "ai_agent", "id", "agent_a");
        List<Map<String, Object>> events = List.of(
                Map.of("event", "agent.run_started", "actor", agent, "timestamp", T0,
                        "properties", Map.of("runId", "r1")),
                Map.of("event", "agent.run_completed", "actor", agent, "timestamp", T0 + MIN,
                        "properties", Map.of("runId", "r1", "status", "succeeded", "costUsd", "0.012500",
                                "inputTokens", 1000, "outputTokens", 200)),
                Map.of("event", "agent.run_started", "actor", agent, "timestamp", T0 + 2 * MIN, "businessId", "shop-2",
                        "properties", Map.of("runId", "r2")),
                Map.of("event", "workflow.run_started", "timestamp", T0,
                        "properties", Map.of("workflowId", "order_fulfillment", "runId", "o1")),
                Map.of("event", "workflow.run_completed", "timestamp", T0 + 3 * MIN,
                        "properties", Map.of("workflowId", "order_fulfillment", "runId", "o1")),
                Map.of("event", "workflow.run_started", "timestamp", T0 + MIN,
                        "properties", Map.of("workflowId", "order_fulfillment", "runId", "o2")),
                Map.of("event", "workflow.run_failed", "timestamp", T0 + 4 * MIN,
                        "properties", Map.of("workflowId", "order_fulfillment", "runId", "o2", "step", "ship",
                                "error", "carrier rejected the address")));
        try (Engine engine = Engine.open(dir.resolve("data"))) {
            engine.defaultWorkspace().ingest(events);
        }
    }

    @Test
    void agentPrintsRunsDurationsAndSpendAsJson() throws Exception {
        JsonNode all = QueryCommandTest.json(run("query", "agent", "agent_a", "--data-dir", data()));
        assertThat(all.get("agentId").asText()).isEqualTo("agent_a");
        assertThat(all.get("events").asLong()).isEqualTo(3);
        assertThat(all.get("runs").toString()).isEqualTo("{\"started\":2,\"succeeded\":1,\"failed\":0,\"running\":1}");
        assertThat(all.get("durations").get("medianMs").asLong()).isEqualTo(MIN);
        assertThat(all.get("spend").get("costUsd").asText()).isEqualTo("0.012500");
        assertThat(all.get("spend").get("totalTokens").asLong()).isEqualTo(1200);
        assertThat(all.get("proof").get("queryId").asText()).startsWith("q_");

        JsonNode oneBusiness = QueryCommandTest.json(run("query", "agent", "agent_a", "--data-dir", data(),
                "--business-id", "default", "--from", "2026-11-02T00:00:00Z", "--to", Long.toString(T0 + MIN)));
        assertThat(oneBusiness.get("runs").get("started").asLong()).isEqualTo(1);
        assertThat(oneBusiness.get("period").get("to").asLong()).isEqualTo(T0 + MIN);
        assertThat(QueryCommandTest.json(run("query", "agent", "agent_a", "--data-dir", data(), "--business",
                "shop-2")).get("runs").get("running").asLong()).isEqualTo(1);
    }

    @Test
    void workflowPrintsCountsAndTheNewestRuns() throws Exception {
        JsonNode status = QueryCommandTest.json(run("query", "workflow", "order_fulfillment", "--data-dir", data()));
        assertThat(status.get("counts").toString())
                .isEqualTo("{\"runs\":2,\"running\":0,\"completed\":1,\"failed\":1,\"cancelled\":0}");
        assertThat(status.get("runs").get(0).get("runId").asText()).isEqualTo("o2");
        assertThat(status.get("runs").get(0).get("error").asText()).isEqualTo("carrier rejected the address");
        assertThat(status.get("runs").get(0).get("step").asText()).isEqualTo("ship");

        JsonNode limited = QueryCommandTest.json(run("query", "workflow", "order_fulfillment", "--data-dir", data(),
                "--limit", "1", "--to", Long.toString(T0 + 3 * MIN)));
        assertThat(limited.get("runs")).hasSize(1);
        assertThat(limited.get("runs").get(0).get("runId").asText()).isEqualTo("o1");
        assertThat(limited.get("counts").get("running").asLong()).isEqualTo(1);
    }

    @Test
    void badArgumentsAreRefusedWithTheField() {
        CliTest.Run blank = run("query", "agent", " ", "--data-dir", data());
        assertThat(blank.exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(blank.err()).contains("agentId");
        CliTest.Run limit = run("query", "workflow", "wf", "--data-dir", data(), "--limit", "0");
        assertThat(limit.exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(limit.err()).contains("limit");
        CliTest.Run missing = run("query", "workflow", "--data-dir", data());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(run("query", "agent", "a", "--data-dir", data(), "--from", "yesterday").exit()).isEqualTo(2);
    }
}
