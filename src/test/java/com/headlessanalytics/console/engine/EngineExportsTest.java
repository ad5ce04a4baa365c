package com.headlessanalytics.console.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.Exports;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.domain.FieldError;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Destination exports on a real engine (H2 files in a temp folder): files, receipts, failures, retries, restarts. */
class EngineExportsTest {
    private static final ObjectMapper JSON = ApiJson.mapper();
    private static final long T0 = 1_760_000_000_000L;
    private static final Map<String, Object> BIGQUERY = Map.of("projectId", "analytics-prod",
            "datasetId", "headlessanalytics", "tableId", "events");
    private static final String SECRET = "sekrit-value-4711";

    @TempDir
    Path dir;
    private Engine engine;
    private HeadlessApi api;

    @BeforeEach
    void open() {
        engine = Engine.open(dir);
        api = engine.defaultWorkspace();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private void ingest(int n, int firstIndex) {
        for (int from = 0; from < n; from += 1000) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(n, from + 1000); i++) {
                int k = firstIndex + i;
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("id", String.format("evt_%06d", k));
                e.put("event", k % 2 == 0 ? "order.created" : "page.viewed");
                e.put("timestamp", T0 + k * 1000L);
                e.put("actor", "user_" + (k % 7));
                e.put("properties", Map.of("revenue", "10.50", "currency", "EUR", "note", "a,b \"q\"\nline é 🚀"));
                batch.add(e);
            }
            api.ingest(batch);
        }
    }

    private Path exportsFolder() {
        return dir.resolve("exports").resolve(engine.defaultWorkspaceId());
    }

    private List<String> ndjsonIds(Exports.Receipt r) throws Exception {
        List<String> ids = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(r.location()).resolve("events.ndjson"))) {
            ids.add((String) JSON.readValue(line, Map.class).get("id"));
        }
        return ids;
    }

    private static void assertShas(Exports.Receipt r) throws Exception {
        StringBuilder list = new StringBuilder();
        for (Exports.File f : r.files().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList()) {
            byte[] bytes = Files.readAllBytes(Path.of(f.location()));
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            assertEquals(sha, f.sha256(), f.name());
            assertEquals(bytes.length, f.bytes(), f.name());
            list.append(sha).append("  ").append(f.name()).append('\n');
        }
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(list.toString().getBytes(StandardCharsets.UTF_8))), r.sha256());
    }

    @Test
    void theReferenceBigQueryExampleWorksAndItsReceiptSurvivesARestart() throws Exception {
        ingest(600, 0);
        Exports.Result result = api.exportToDestination(new Exports.Request("bigquery", 500, null, null, null, null,
                BIGQUERY));
        Exports.Receipt r = result.receipt();
        assertEquals(Exports.SUCCEEDED, r.status());
        assertEquals("bigquery", r.destination());
        assertEquals(500, r.count());
        assertEquals("ndjson", r.format());
        assertNull(r.error());
        assertNotNull(r.finishedAt());
        assertTrue(r.finishedAt() >= r.startedAt());
        Path folder = exportsFolder().resolve(r.exportId());
        assertEquals(folder.toAbsolutePath().toString(), r.location());
        assertEquals("bq load --source_format=NEWLINE_DELIMITED_JSON analytics-prod:headlessanalytics.events "
                + folder.toAbsolutePath().resolve("events.ndjson") + " " + folder.toAbsolutePath().resolve("schema.json"),
                r.loadCommand());
        assertShas(r);
        List<String> ids = ndjsonIds(r);
        assertEquals(500, ids.size());
        assertEquals("evt_000100", ids.get(0));
        assertEquals("evt_000599", ids.get(499));
        assertEquals(BIGQUERY, r.config());
        assertEquals(engine.defaultWorkspaceId(), result.proof().workspaceId());

        engine.close();
        engine = Engine.open(dir);
        api = engine.defaultWorkspace();
        List<Exports.Receipt> listed = api.exportReceipts(null).receipts();
        assertEquals(List.of(r), listed);
    }

    @Test
    void theMostRecentMatchingEventsInTheRangeAreExportedOldestFirstAcrossPages() throws Exception {
        ingest(5000, 0);
        Exports.Receipt all = api.exportToDestination(new Exports.Request("bigquery", 4100, null, null, null, null,
                BIGQUERY)).receipt();
        List<String> ids = ndjsonIds(all);
        assertEquals(4100, ids.size());
        for (int i = 0; i < ids.size(); i++) {
            assertEquals(String.format("evt_%06d", 900 + i), ids.get(i));
        }
        // [from, to): evt_001000 .. evt_001999; the 3 most recent orders are 1994, 1996, 1998
        Exports.Receipt some = api.exportToDestination(new Exports.Request("bigquery", 3, T0 + 1_000_000L,
                T0 + 2_000_000L, new Exports.Filter("order.created", null, null, null), null, BIGQUERY)).receipt();
        assertEquals(List.of("evt_001994", "evt_001996", "evt_001998"), ndjsonIds(some));
        Exports.Receipt actor = api.exportToDestination(new Exports.Request("bigquery", 2, null, null,
                new Exports.Filter(null, "default", "user_3", null), null, BIGQUERY)).receipt();
        assertEquals(List.of("evt_004987", "evt_004994"), ndjsonIds(actor));
        Exports.Receipt none = api.exportToDestination(new Exports.Request("bigquery", 10, T0 - 10_000L, T0, null,
                null, BIGQUERY)).receipt();
        assertEquals(0, none.count());
        assertEquals(List.of(), ndjsonIds(none));
        assertEquals(1000, api.exportToDestination(new Exports.Request("bigquery", null, null, null, null, null,
                BIGQUERY)).receipt().count());
    }

    @Test
    void snowflakeCsvOfSuppliedRecordsReadsBackThroughACsvParser() throws Exception {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> rec = new LinkedHashMap<>();
            rec.put("order_id", "o" + i);
            rec.put("note", "comma, \"quote\"\r\nnewline 東京 " + i);
            rec.put("total", new java.math.BigDecimal("12.5"));
            records.add(rec);
        }
        Exports.Receipt r = api.exportToDestination(new Exports.Request("snowflake", null, null, null, null, records,
                Map.of("database", "ANALYTICS", "schema", "PUBLIC", "table", "ORDERS"))).receipt();
        assertEquals(3, r.count());
        assertEquals("csv.gz", r.format());
        assertShas(r);
        try (Reader in = new InputStreamReader(new GZIPInputStream(Files.newInputStream(Path.of(r.files().get(0)
                .location()))), StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            List<CSVRecord> rows = p.getRecords();
            assertEquals(List.of("order_id", "note", "total"), p.getHeaderNames());
            assertEquals(3, rows.size());
            for (int i = 0; i < 3; i++) {
                assertEquals("o" + i, rows.get(i).get("order_id"));
                assertEquals("comma, \"quote\"\r\nnewline 東京 " + i, rows.get(i).get("note"));
                assertEquals("12.500000000", rows.get(i).get("total"));
            }
        }
        assertTrue(r.loadCommand().startsWith("PUT 'file://"));
        assertTrue(r.loadCommand().contains("COPY INTO ANALYTICS.PUBLIC.ORDERS FROM @ANALYTICS.PUBLIC.%ORDERS"));
    }

    private ApiException.Client refused(Exports.Request request) {
        return assertThrows(ApiException.Client.class, () -> api.exportToDestination(request));
    }

    private void assertNothingStagedOrStored() throws Exception {
        Path folder = exportsFolder();
        if (Files.exists(folder)) {
            try (Stream<Path> left = Files.list(folder)) {
                assertEquals(List.of(), left.toList());
            }
        }
        assertEquals(List.of(), api.exportReceipts(null).receipts());
    }

    @Test
    void badRequestsAre400NamingTheFieldWithNothingStagedOrStored() throws Exception {
        ingest(10, 0);
        Map<String, Exports.Request> bad = new LinkedHashMap<>();
        bad.put("destination", new Exports.Request("ftp", null, null, null, null, null, BIGQUERY));
        bad.put("limit", new Exports.Request("bigquery", 0, null, null, null, null, BIGQUERY));
        bad.put("to", new Exports.Request("bigquery", null, T0, T0, null, null, BIGQUERY));
        bad.put("config", new Exports.Request("bigquery", null, null, null, null, null, null));
        bad.put("config.tableId", new Exports.Request("bigquery", null, null, null, null, null, Map.of(
                "projectId", "analytics-prod", "datasetId", "headlessanalytics", "tableId", "x`; drop")));
        bad.put("config.bucket", new Exports.Request("s3", null, null, null, null, null, Map.of("prefix", "x")));
        bad.put("config.url", new Exports.Request("https", null, null, null, null, null, Map.of("url", "ftp://x")));
        bad.put("filter.event", new Exports.Request("bigquery", null, null, null, new Exports.Filter("", null, null,
                null), null, BIGQUERY));
        bad.put("records", new Exports.Request("bigquery", null, T0, null, null, List.of(Map.of("a", 1)), BIGQUERY));
        for (Map.Entry<String, Exports.Request> c : bad.entrySet()) {
            ApiException.Client e = refused(c.getValue());
            assertEquals(400, e.status(), c.getKey());
            assertEquals(ErrorCodes.INVALID_INPUT, e.code(), c.getKey());
            assertTrue(e.details().stream().anyMatch(d -> c.getKey().equals(d.field())), c.getKey() + ": "
                    + e.details());
        }
        ApiException.Client tooMany = refused(new Exports.Request("bigquery", Exports.MAX_LIMIT + 1, null, null, null,
                null, BIGQUERY));
        assertEquals("limit", tooMany.details().get(0).field());
        ApiException.Client column = refused(new Exports.Request("bigquery", null, null, null, null,
                List.of(Map.of("ok", 1), Map.of("bad name", 2)), BIGQUERY));
        assertEquals(new FieldError(1, "bad name", "invalid_value", column.details().get(0).message()),
                column.details().get(0));
        List<Map<String, Object>> withNull = new ArrayList<>();
        withNull.add(Map.of("a", 1));
        withNull.add(null);
        assertEquals(Integer.valueOf(1), refused(new Exports.Request("s3", null, null, null, null, withNull,
                Map.of("bucket", "my-bucket"))).details().get(0).index());
        assertNothingStagedOrStored();
    }

    @Test
    void aFailedHttpsDeliveryIsStoredFailedAnd502ThenRetriedWithTheSameKeysAndNoSecretAnywhere() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (TestHttpsServer server = new TestHttpsServer(dir, () -> calls.incrementAndGet() <= 1 ? 400 : 200)) {
            engine.close();
            engine = Engine.open(dir, Clock.systemUTC(), server.clientTls());
            api = engine.defaultWorkspace();
            ingest(5, 0);
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("url", server.url("/ingest"));
            config.put("batchSize", 2);
            config.put("headers", Map.of("Authorization", "Bearer " + SECRET));
            config.put("apiKey", SECRET);
            ApiException.Client failed = refused(new Exports.Request("https", null, null, null, null, null, config));
            assertEquals(502, failed.status());
            assertEquals(ErrorCodes.DESTINATION_FAILED, failed.code());
            assertEquals("exportId", failed.details().get(0).field());
            assertEquals(ErrorCodes.DESTINATION_FAILED, failed.details().get(0).code());
            String failedId = failed.details().get(0).message();
            assertFalse(failed.getMessage().contains(SECRET));

            Exports.Receipt stored = api.exportReceipts(10).receipts().get(0);
            assertEquals(failedId, stored.exportId());
            assertEquals(Exports.FAILED, stored.status());
            assertNotNull(stored.error());
            assertEquals(5, stored.count());
            assertFalse(ApiJson.write(api.exportReceipts(10)).contains(SECRET));
            assertFalse(stored.config().containsKey("apiKey"));

            ApiException.Client notSucceeded = assertThrows(ApiException.Client.class,
                    () -> api.retryExport("exp_nope", new Exports.RetryRequest(null)));
            assertEquals(404, notSucceeded.status());

            Exports.Receipt retried = api.retryExport(failedId, new Exports.RetryRequest(Map.of("headers",
                    Map.of("Authorization", "Bearer " + SECRET)))).receipt();
            assertEquals(Exports.SUCCEEDED, retried.status());
            assertEquals(failedId, retried.retryOf());
            assertEquals(stored.sha256(), retried.sha256());
            assertEquals(5, retried.count());
            assertEquals(server.url("/ingest"), retried.location());
            List<TestHttpsServer.Request> requests = server.requests;
            assertEquals(1 + 3, requests.size());
            assertEquals(failedId + "-1", requests.get(0).header("Idempotency-Key"));
            assertEquals(List.of(failedId + "-1", failedId + "-2", failedId + "-3"), requests.subList(1, 4).stream()
                    .map(q -> q.header("Idempotency-Key")).toList());
            assertEquals("Bearer " + SECRET, requests.get(1).header("Authorization"));
            int events = 0;
            for (TestHttpsServer.Request q : requests.subList(1, 4)) {
                Map<String, Object> body = JSON.readValue(q.body(), new TypeReference<>() {
                });
                assertEquals(failedId, body.get("exportId"));
                events += ((List<?>) body.get("events")).size();
            }
            assertEquals(5, events);

            ApiException.Client again = assertThrows(ApiException.Client.class,
                    () -> api.retryExport(retried.exportId(), null));
            assertEquals(409, again.status());
            assertEquals(List.of(retried.exportId(), failedId), api.exportReceipts(null).receipts().stream()
                    .map(Exports.Receipt::exportId).toList());
        }
        engine.close();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.toAbsolutePath().resolve("headless"),
                "ha", "");
             ResultSet rs = c.createStatement().executeQuery("SELECT * FROM export_receipt")) {
            int rows = 0;
            while (rs.next()) {
                rows++;
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    String v = rs.getString(i);
                    assertFalse(v != null && v.contains(SECRET), rs.getMetaData().getColumnName(i));
                }
            }
            assertEquals(2, rows);
        }
        engine = Engine.open(dir);
    }

    @Test
    void anExportCutOffByAStopIsFailedInterruptedOnTheNextStartAndCanBeRetried() throws Exception {
        ingest(20, 0);
        Exports.Receipt r = api.exportToDestination(new Exports.Request("bigquery", 10, null, null, null, null,
                BIGQUERY)).receipt();
        engine.close();
        Path leftover = exportsFolder().resolve(".exp_CUT.tmp");
        Files.createDirectories(leftover);
        Files.writeString(leftover.resolve("events.ndjson"), "{}\n");
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.toAbsolutePath().resolve("headless"),
                "ha", "");
             PreparedStatement ps = c.prepareStatement("UPDATE export_receipt SET status = 'running', receipt = ?")) {
            ps.setString(1, ApiJson.write(new Exports.Receipt(r.exportId(), r.destination(), r.count(), r.sha256(),
                    r.location(), "running", r.startedAt(), null, null, r.format(), r.files(), null, null, r.config())));
            ps.executeUpdate();
        }
        engine = Engine.open(dir);
        api = engine.defaultWorkspace();
        assertFalse(Files.exists(leftover));
        Exports.Receipt cut = api.exportReceipts(null).receipts().get(0);
        assertEquals(Exports.FAILED, cut.status());
        assertTrue(cut.error().startsWith("interrupted"), cut.error());
        Exports.Receipt retried = api.retryExport(r.exportId(), new Exports.RetryRequest(null)).receipt();
        assertEquals(Exports.SUCCEEDED, retried.status());
        assertEquals(r.sha256(), retried.sha256());
        assertEquals(r.location(), retried.location());
        assertEquals(r.loadCommand(), retried.loadCommand());
    }
}
