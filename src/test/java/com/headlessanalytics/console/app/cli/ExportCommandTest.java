package com.headlessanalytics.console.app.cli;

import static com.headlessanalytics.console.app.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.engine.Engine;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code export} and {@code exports …} end to end through picocli on a real data folder, with a real HTTP receiver. */
class ExportCommandTest {
    private static final String SECRET = "Bearer s3cr3t-never-printed";

    @TempDir
    Path dir;

    @BeforeEach
    void environment() {
        ExportConfigOptions.environment = name -> name.equals("RECEIVER_TOKEN") ? SECRET : null;
    }

    @AfterEach
    void realEnvironment() {
        ExportConfigOptions.environment = System::getenv;
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    private void seed(int events) {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            batch.add(Map.of("id", "e" + i, "event", i % 2 == 0 ? "order.created" : "page.viewed",
                    "actor", "a" + (i % 3), "timestamp", 1_790_000_000_000L + i * 1000L));
        }
        try (Engine engine = Engine.open(Path.of(data()))) {
            engine.defaultWorkspace().ingest(batch);
        }
    }

    @Test
    void exportsToBigQueryFilesAndListsTheReceipt() throws Exception {
        seed(10);
        CliTest.Run export = run("export", "--destination", "bigquery", "--limit", "100", "--event", "order.created",
                "--config", "projectId=analytics-prod", "--config", "datasetId=headlessanalytics",
                "--config", "tableId=events", "--data-dir", data());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.out()).contains("to bigquery: succeeded", "events    5", "sha256", "file ", "load command:",
                "bq load");

        Path config = Files.writeString(dir.resolve("bq.json"),
                "{\"projectId\":\"analytics-prod\",\"datasetId\":\"headlessanalytics\",\"tableId\":\"events\"}");
        JsonNode json = ApiJson.mapper().readTree(run("export", "--destination", "bigquery", "--config-file",
                config.toString(), "--json", "--data-dir", data()).out());
        assertThat(json.get("receipt").get("count").asInt()).isEqualTo(10);
        assertThat(json.get("receipt").get("config").get("tableId").asText()).isEqualTo("events");

        CliTest.Run list = run("exports", "list", "--data-dir", data());
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains("bigquery", "succeeded", "2 receipts");
        JsonNode receipts = ApiJson.mapper().readTree(run("exports", "list", "--limit", "1", "--json",
                "--data-dir", data()).out()).get("receipts");
        assertThat(receipts).hasSize(1);
        assertThat(receipts.get(0).get("count").asInt()).isEqualTo(10);

        CliTest.Run period = run("export", "--destination", "bigquery", "--config-file", config.toString(),
                "--from", "1790000002000", "--to", "2026-09-21T14:13:25Z", "--data-dir", data());
        assertThat(period.exit()).as(period.err()).isZero();
        assertThat(period.out()).contains("events    3");
    }

    @Test
    void exportsSuppliedRecordsToSnowflake() throws Exception {
        Path records = Files.writeString(dir.resolve("rows.csv"), "id,event,actor\nr1,lead.created,a1\nr2,lead.created,a2\n");
        CliTest.Run export = run("export", "--destination", "snowflake", "--records", records.toString(),
                "--config", "database=ANALYTICS", "--config", "schema=PUBLIC", "--config", "table=EVENTS",
                "--data-dir", data());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.out()).contains("to snowflake: succeeded", "events    2", ".csv.gz", "COPY INTO");
    }

    @Test
    void aFailedDeliveryExitsWithItsRetryCommandAndARetrySucceedsWithoutPrintingTheSecret() throws Exception {
        seed(4);
        AtomicInteger failuresLeft = new AtomicInteger(Integer.MAX_VALUE);
        List<String> bodies = Collections.synchronizedList(new ArrayList<>());
        List<String> auth = Collections.synchronizedList(new ArrayList<>());
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/events", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = failuresLeft.getAndDecrement() > 0 ? 503 : 200;
            if (status == 200) {
                bodies.add(new String(body, StandardCharsets.UTF_8));
                auth.add(exchange.getRequestHeaders().getFirst("Authorization"));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/events";
            CliTest.Run failed = run("export", "--destination", "https", "--config", "url=" + url,
                    "--config", "batchSize=2", "--config-secret", "headers.Authorization=RECEIVER_TOKEN",
                    "--data-dir", data());
            assertThat(failed.exit()).isEqualTo(HaCommand.FAILED);
            assertThat(failed.err()).contains("(HTTP 502)", "ha-console exports retry exp");
            String exportId = failed.err().replaceAll("(?s).*exports retry (\\S+).*", "$1");

            CliTest.Run noSecret = run("exports", "retry", exportId, "--config", "url=" + url,
                    "--config-secret", "headers.Authorization", "--data-dir", data());
            assertThat(noSecret.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
            assertThat(noSecret.err()).contains("HA_CONFIG_HEADERS_AUTHORIZATION");

            failuresLeft.set(0);
            CliTest.Run retried = run("exports", "retry", exportId, "--config", "url=" + url, "--config", "batchSize=2",
                    "--config-secret", "headers.Authorization=RECEIVER_TOKEN", "--data-dir", data());
            assertThat(retried.exit()).as(retried.err()).isZero();
            assertThat(retried.out()).contains("to https: succeeded", "retry of  " + exportId, "events    4");
            assertThat(bodies).hasSize(2);
            assertThat(auth).containsOnly(SECRET);

            CliTest.Run list = run("exports", "list", "--json", "--data-dir", data());
            assertThat(list.out()).contains(exportId, "\"failed\"", "\"succeeded\"", "retryOf");
            for (CliTest.Run r : List.of(failed, retried, list)) {
                assertThat(r.out() + r.err()).doesNotContain("s3cr3t");
            }
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void badConfigsAndOptionsAreRefused() throws IOException {
        CliTest.Run noConfig = run("export", "--destination", "s3", "--data-dir", data());
        assertThat(noConfig.exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(noConfig.err()).contains("config: is required");
        CliTest.Run noBucket = run("export", "--destination", "s3", "--config", "region=us-east-1", "--data-dir", data());
        assertThat(noBucket.exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(noBucket.err()).contains("config.bucket");
        assertThat(run("export", "--destination", "ftp", "--data-dir", data()).exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(run("export", "--data-dir", data()).exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run("export", "--destination", "bigquery", "--limit", "0", "--data-dir", data()).exit())
                .isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run("export", "--destination", "bigquery", "--config", "novalue", "--data-dir", data()).exit())
                .isEqualTo(CommandLine.ExitCode.USAGE);
        Path notJson = Files.writeString(dir.resolve("c.json"), "bucket: x");
        assertThat(run("export", "--destination", "s3", "--config-file", notJson.toString(), "--data-dir", data())
                .exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run("exports", "retry", "exp_missing", "--data-dir", data()).exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(run("exports", "list", "--limit", "0", "--data-dir", data()).exit()).isEqualTo(HaCommand.REJECTED);
    }

    @Test
    void configValuesAreTypedAndSecretsHaveAnEnvironmentVariable() {
        assertThat(ExportConfigOptions.typed("500")).isEqualTo(500L);
        assertThat(ExportConfigOptions.typed("true")).isEqualTo(Boolean.TRUE);
        assertThat(ExportConfigOptions.typed("1.50")).isEqualTo(new java.math.BigDecimal("1.50"));
        assertThat(ExportConfigOptions.typed("0123")).isEqualTo("0123");
        assertThat(ExportConfigOptions.typed("analytics-prod")).isEqualTo("analytics-prod");
        assertThat(ExportConfigOptions.defaultVariable("secretAccessKey")).isEqualTo("HA_CONFIG_SECRETACCESSKEY");
    }
}
