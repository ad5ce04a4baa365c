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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code plans …} end to end through picocli, on a real data folder and against a real serve-mode server. */
class PlansCommandTest {
    @TempDir
    Path dir;

    static final String PLAN = "{\"id\":\"checkout\",\"name\":\"Checkout\",\"mode\":\"warn\",\"events\":"
            + "[{\"name\":\"order.completed\",\"required\":[\"sku\"]}]}";

    private static JsonNode json(CliTest.Run run) throws Exception {
        assertThat(run.exit()).as(run.err()).isZero();
        return ApiJson.mapper().readTree(run.out());
    }

    @Test
    void savesListsShowsReportsAndDeletesInADataFolder() throws Exception {
        String data = dir.resolve("data").toString();
        Path file = Files.writeString(dir.resolve("plan.json"), PLAN);
        JsonNode saved = json(run("plans", "save", file.toString(), "--data-dir", data));
        assertThat(saved.get("id").asText()).isEqualTo("checkout");
        assertThat(saved.get("updatedAt").asLong()).isPositive();

        try (Engine engine = Engine.open(Path.of(data))) {
            engine.defaultWorkspace().ingest(List.of(Map.of("event", "order.completed", "id", "o-1")));
        }
        CliTest.Run table = run("plans", "list", "--data-dir", data);
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).contains("checkout", "warn", "Checkout", "1 plan");
        assertThat(json(run("plans", "show", "checkout", "--data-dir", data)).get("events").get(0).get("name")
                .asText()).isEqualTo("order.completed");

        CliTest.Run violations = run("plans", "violations", "checkout", "--limit", "10", "--data-dir", data);
        assertThat(violations.exit()).as(violations.err()).isZero();
        assertThat(violations.out()).contains("order.completed", "properties.sku", "missing_property",
                "1 of 1 recent events break plan 'checkout'");

        assertThat(json(run("plans", "delete", "checkout", "--data-dir", data)).get("deleted").asText())
                .isEqualTo("checkout");
        assertThat(run("plans", "delete", "checkout", "--data-dir", data).exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(run("plans", "show", "checkout", "--data-dir", data).exit()).isEqualTo(HaCommand.REJECTED);
    }

    @Test
    void badPlansAreRejectedAndBadFilesAreUsageErrors() throws Exception {
        String data = dir.resolve("data").toString();
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"id\":\"x\",\"mode\":\"warn\",\"namingRule\":\"([\"}");
        CliTest.Run refused = run("plans", "save", bad.toString(), "--data-dir", data);
        assertThat(refused.exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(refused.err()).contains("namingRule");
        Path notJson = Files.writeString(dir.resolve("not.json"), "mode: warn");
        assertThat(run("plans", "save", notJson.toString(), "--data-dir", data).exit())
                .isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run("plans", "save", dir.resolve("missing.json").toString(), "--data-dir", data).exit())
                .isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run("plans", "violations", "x", "--limit", "0", "--data-dir", data).exit())
                .isEqualTo(HaCommand.REJECTED);
    }

    @Test
    void worksAgainstAServeModeServer() throws Exception {
        try (Engine engine = Engine.open(dir.resolve("served"))) {
            String key = engine.keys().create(engine.defaultWorkspaceId(), "cli").secret();
            LocalApiServer server = LocalApiServer.start(engine, new ServeConfig("127.0.0.1", 0, 1000, 1000, 5));
            try {
                Path file = Files.writeString(dir.resolve("plan.json"), PLAN);
                assertThat(run("plans", "save", file.toString(), "--url", server.baseUrl(), "--api-key", key).exit())
                        .isZero();
                assertThat(engine.defaultWorkspace().trackingPlans().plans()).hasSize(1);
                JsonNode listed = json(run("plans", "list", "--json", "--url", server.baseUrl(), "--api-key", key));
                assertThat(listed.get("plans").get(0).get("mode").asText()).isEqualTo("warn");
                assertThat(run("plans", "delete", "checkout", "--url", server.baseUrl(), "--api-key", key).exit())
                        .isZero();
                assertThat(engine.defaultWorkspace().trackingPlans().plans()).isEmpty();
            } finally {
                server.stop();
            }
        }
    }
}
