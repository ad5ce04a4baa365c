package com.headlessanalytics.console.server;

import static com.headlessanalytics.console.server.FakeBackend.KEY;
import static com.headlessanalytics.console.server.FakeBackend.WORKSPACE;
import static com.headlessanalytics.console.server.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.headlessanalytics.console.api.Connectors;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.Exports;
import com.headlessanalytics.console.domain.EventLimits;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The connector and export routes on the fake backend: each route reaches its port method, answers
 * with its status, error and proof, is metered under its template, obeys its own body limit (4 MiB for
 * connector ingest, 1 MiB for exports, not ingest's 512 KiB), passes a 502 {@code destination_failed}
 * through with the export named, and every answer matches the served OpenAPI document. A reference-only
 * server answers the two reference paths and none of the three extension paths.
 */
class IntegrationRoutesTest extends ServerTestSupport {
    private static final String REFERENCE_CONNECTOR = """
            {
            "provider": "shopify",
            "records": [{ "id": "order_1", "total_price": 149, "currency": "USD" }]
            }""";
    private static final String REFERENCE_EXPORT = """
            {
            "destination": "bigquery",
            "limit": 500,
            "config": {
            "projectId": "analytics-prod",
            "datasetId": "headlessanalytics",
            "tableId": "events"
            }
            }""";
    private static final String SECRET = "sk_live_EXPORTSECRET93";

    private OpenApiSchemas schemas;

    @BeforeEach
    void document() throws Exception {
        schemas = new OpenApiSchemas(Http.get(url("/api/openapi")).json());
    }

    @Test
    void theReferenceConnectorExampleIsMappedStoredAndThenADuplicate() throws Exception {
        Http.Response r = Http.postJson(url("/api/connectors/ingest"), REFERENCE_CONNECTOR, bearer(KEY));
        JsonNode body = conform(r, "/api/connectors/ingest", "POST", 200);
        assertThat(body.get("accepted").asInt()).isEqualTo(1);
        assertThat(body.at("/records/0/eventId").asText()).isEqualTo("shopify:order:order_1");
        assertThat(body.at("/records/0/event/event").asText()).isEqualTo("order.created");
        assertThat(body.at("/records/0/event/properties/total_price").decimalValue()).isEqualByComparingTo("149");
        assertThat(backend.lastArguments.get(0)).isInstanceOf(Connectors.Request.class);
        assertMetered(r, "POST", "/api/connectors/ingest");

        JsonNode again = conform(Http.postJson(url("/api/connectors/ingest"), REFERENCE_CONNECTOR, bearer(KEY)),
                "/api/connectors/ingest", "POST", 200);
        assertThat(again.get("duplicates").asInt()).isEqualTo(1);
        assertThat(again.at("/records/0/duplicate").asBoolean()).isTrue();
    }

    @Test
    void aBatchWithABadRecordIsRefusedNamingItsIndexAndFieldButADryRunAnswersIt() throws Exception {
        String records = "[{\"id\":\"o1\",\"total_price\":10},{\"id\":\"o2\",\"total_price\":\"ten\"}]";
        Http.Response refused = Http.postJson(url("/api/connectors/ingest"),
                "{\"provider\":\"shopify\",\"records\":" + records + "}", bearer(KEY));
        conform(refused, "/api/connectors/ingest", "POST", 400);
        JsonNode error = assertError(refused, 400, ErrorCodes.INVALID_INPUT, WORKSPACE);
        assertThat(error.at("/details/0/index").asInt()).isEqualTo(1);
        assertThat(error.at("/details/0/field").asText()).isEqualTo("total_price");

        JsonNode dry = conform(Http.postJson(url("/api/connectors/ingest"),
                "{\"provider\":\"shopify\",\"dryRun\":true,\"records\":" + records + "}", bearer(KEY)),
                "/api/connectors/ingest", "POST", 200);
        assertThat(dry.get("dryRun").asBoolean()).isTrue();
        assertThat(dry.get("failed").asInt()).isEqualTo(1);
        assertThat(dry.at("/records/1/errors/0/field").asText()).isEqualTo("total_price");
    }

    @Test
    void connectorIngestRefusesWhatItsDocumentRefuses() throws Exception {
        JsonNode unknown = assertError(conformed(Http.postJson(url("/api/connectors/ingest"),
                "{\"provider\":\"shopify\",\"records\":[],\"store\":true}", bearer(KEY)), "/api/connectors/ingest"),
                400, ErrorCodes.INVALID_INPUT, WORKSPACE);
        assertThat(unknown.at("/details/0/field").asText()).isEqualTo("store");
        JsonNode notObjects = assertError(conformed(Http.postJson(url("/api/connectors/ingest"),
                "{\"provider\":\"shopify\",\"records\":[5]}", bearer(KEY)), "/api/connectors/ingest"),
                400, ErrorCodes.INVALID_INPUT, WORKSPACE);
        assertThat(notObjects.at("/details/0/field").asText()).isEqualTo("records[0]");
        assertError(conformed(Http.postJson(url("/api/connectors/ingest?dryRun=1"), REFERENCE_CONNECTOR, bearer(KEY)),
                "/api/connectors/ingest"), 400, ErrorCodes.INVALID_INPUT, WORKSPACE);
        assertError(conformed(Http.send("POST", url("/api/connectors/ingest"), "text/csv",
                "id,total_price".getBytes(StandardCharsets.UTF_8), bearer(KEY)), "/api/connectors/ingest"),
                415, ErrorCodes.UNSUPPORTED_MEDIA_TYPE, WORKSPACE);
        assertError(conformed(Http.postJson(url("/api/connectors/ingest"), REFERENCE_CONNECTOR),
                "/api/connectors/ingest"), 401, ErrorCodes.UNAUTHORIZED, null);
        assertThat(Http.get(url("/api/connectors/ingest"), bearer(KEY)).status()).isEqualTo(405);
    }

    @Test
    void connectorBodiesMayReach4MiBAndNoMore() throws Exception {
        String big = "{\"provider\":\"shopify\",\"records\":[" + records(20, 30_000) + "]}";
        assertThat(big.length()).isGreaterThan(EventLimits.MAX_BATCH_BYTES);
        conform(Http.postJson(url("/api/connectors/ingest"), big, bearer(KEY)), "/api/connectors/ingest", "POST", 200);
        try (Http.Raw raw = new Http.Raw(server.port())) {
            raw.write("POST /api/connectors/ingest HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + (Connectors.MAX_BODY_BYTES + 1)
                    + "\r\n\r\n");
            Http.Response r = raw.read();
            JsonNode error = assertError(conformed(r, "/api/connectors/ingest"), 413, ErrorCodes.TOO_LARGE, WORKSPACE);
            assertThat(error.get("message").asText()).contains(Integer.toString(Connectors.MAX_BODY_BYTES));
        }
    }

    @Test
    void exportBodiesMayReach1MiBAndNoMore() throws Exception {
        String big = "{\"destination\":\"s3\",\"records\":[" + records(30, 30_000) + "],"
                + "\"config\":{\"bucket\":\"b\"}}";
        assertThat(big.length()).isGreaterThan(900_000);
        conform(Http.postJson(url("/api/exports/destinations"), big, bearer(KEY)), "/api/exports/destinations",
                "POST", 201);
        try (Http.Raw raw = new Http.Raw(server.port())) {
            raw.write("POST /api/exports/destinations HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + (IntegrationRoutes.MAX_EXPORT_BODY_BYTES + 1) + "\r\n\r\n");
            assertError(conformed(raw.read(), "/api/exports/destinations"), 413, ErrorCodes.TOO_LARGE, WORKSPACE);
        }
    }

    @Test
    void providersAreListed() throws Exception {
        Http.Response r = Http.get(url("/api/connectors/providers"), bearer(KEY));
        JsonNode body = conform(r, "/api/connectors/providers", "GET", 200);
        assertThat(body.at("/providers/0/id").asText()).isEqualTo("shopify");
        assertThat(body.at("/providers/0/recordTypes/0/event").asText()).isEqualTo("order.created");
        assertMetered(r, "GET", "/api/connectors/providers");
        conform(Http.get(url("/api/connectors/providers?limit=5"), bearer(KEY)), "/api/connectors/providers", "GET",
                400);
    }

    @Test
    void theReferenceExportIs201WithItsReceiptAndReceiptsAreListedNewestFirst() throws Exception {
        Http.Response r = Http.postJson(url("/api/exports/destinations"), REFERENCE_EXPORT, bearer(KEY));
        JsonNode first = conform(r, "/api/exports/destinations", "POST", 201);
        assertThat(first.at("/receipt/status").asText()).isEqualTo(Exports.SUCCEEDED);
        assertThat(first.at("/receipt/config/tableId").asText()).isEqualTo("events");
        assertMetered(r, "POST", "/api/exports/destinations");
        Exports.Request sent = (Exports.Request) backend.lastArguments.get(0);
        assertThat(sent.limit()).isEqualTo(500);
        assertThat(sent.config()).containsEntry("projectId", "analytics-prod");
        JsonNode second = conform(Http.postJson(url("/api/exports/destinations"),
                "{\"destination\":\"gcs\",\"config\":{\"bucket\":\"b\"}}", bearer(KEY)), "/api/exports/destinations",
                "POST", 201);

        Http.Response listed = Http.get(url("/api/exports/receipts?limit=10"), bearer(KEY));
        JsonNode receipts = conform(listed, "/api/exports/receipts", "GET", 200).get("receipts");
        assertThat(receipts).extracting(n -> n.get("exportId").asText()).containsExactly(
                second.at("/receipt/exportId").asText(), first.at("/receipt/exportId").asText());
        assertThat(backend.lastArguments).containsExactly(10);
        assertMetered(listed, "GET", "/api/exports/receipts");
        conform(Http.get(url("/api/exports/receipts?limit=x"), bearer(KEY)), "/api/exports/receipts", "GET", 400);
        conform(Http.get(url("/api/exports/receipts?limit=0"), bearer(KEY)), "/api/exports/receipts", "GET", 400);
    }

    @Test
    void aBadDestinationIs400NamingIt() throws Exception {
        Http.Response r = Http.postJson(url("/api/exports/destinations"), "{\"destination\":\"oracle\"}", bearer(KEY));
        JsonNode error = assertError(conformed(r, "/api/exports/destinations"), 400, ErrorCodes.INVALID_INPUT, WORKSPACE);
        assertThat(error.at("/details/0/field").asText()).isEqualTo("destination");
        JsonNode wrongType = assertError(conformed(Http.postJson(url("/api/exports/destinations"),
                "{\"destination\":\"s3\",\"limit\":\"500\"}", bearer(KEY)), "/api/exports/destinations"), 400,
                ErrorCodes.INVALID_INPUT, WORKSPACE);
        assertThat(wrongType.at("/details/0/field").asText()).isEqualTo("limit");
    }

    /** The 502 names the export, never the secret; the failed export can then be retried, once more failing. */
    @Test
    void aFailedDeliveryIs502NamingTheExportAndItsRetryIsANewExport() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(LocalApiServer.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        Level level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        try {
            String request = "{\"destination\":\"https\",\"config\":{\"url\":\"https://unreachable.example/hook\","
                    + "\"apiKey\":\"" + SECRET + "\"}}";
            Http.Response r = Http.postJson(url("/api/exports/destinations"), request, bearer(KEY));
            conform(r, "/api/exports/destinations", "POST", 502);
            JsonNode error = assertError(r, 502, ErrorCodes.DESTINATION_FAILED, WORKSPACE);
            assertThat(error.at("/details/0/field").asText()).isEqualTo("exportId");
            assertThat(error.at("/details/0/code").asText()).isEqualTo(ErrorCodes.DESTINATION_FAILED);
            String exportId = error.at("/details/0/message").asText();
            assertThat(exportId).startsWith("exp_");
            assertMetered(r, "POST", "/api/exports/destinations");

            Http.Response retried = Http.postJson(url("/api/exports/receipts/" + exportId + "/retry"),
                    "{\"config\":{\"url\":\"https://unreachable.example/hook\",\"apiKey\":\"" + SECRET + "\"}}",
                    bearer(KEY));
            JsonNode again = assertError(conformed(retried, "/api/exports/receipts/{id}/retry"), 502,
                    ErrorCodes.DESTINATION_FAILED, WORKSPACE);
            assertThat(again.at("/details/0/message").asText()).isNotEqualTo(exportId);
            assertMetered(retried, "POST", "/api/exports/receipts/{id}/retry");

            JsonNode receipts = conform(Http.get(url("/api/exports/receipts"), bearer(KEY)), "/api/exports/receipts",
                    "GET", 200).get("receipts");
            assertThat(receipts).extracting(n -> n.get("status").asText()).containsExactly("failed", "failed");
            assertThat(receipts.get(0).get("retryOf").asText()).isEqualTo(exportId);
            assertThat(receipts.get(0).get("error").asText()).isNotBlank();
            assertThat(r.text() + retried.text() + receipts).doesNotContain(SECRET);
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(level);
        }
        String logged = appender.list.stream().map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
                : ThrowableProxyUtil.asString(e.getThrowableProxy()))).collect(Collectors.joining("\n"));
        assertThat(logged).doesNotContain(SECRET);
        assertThat(backend.metered.toString()).doesNotContain(SECRET);
    }

    @Test
    void aRetryOfAnExportThatDidNotFailIs409AndOfAnUnknownOne404() throws Exception {
        JsonNode done = conform(Http.postJson(url("/api/exports/destinations"), REFERENCE_EXPORT, bearer(KEY)),
                "/api/exports/destinations", "POST", 201);
        String id = done.at("/receipt/exportId").asText();
        Http.Response withoutBody = Http.send("POST", url("/api/exports/receipts/" + id + "/retry"), null, null,
                bearer(KEY));
        assertError(conformed(withoutBody, "/api/exports/receipts/{id}/retry"), 409, ErrorCodes.CONFLICT, WORKSPACE);
        assertThat(backend.lastArguments).containsExactly(id, new Exports.RetryRequest(null));
        assertError(conformed(Http.postJson(url("/api/exports/receipts/" + id + "/retry"), "{}", bearer(KEY)),
                "/api/exports/receipts/{id}/retry"), 409, ErrorCodes.CONFLICT, WORKSPACE);
        assertError(conformed(Http.postJson(url("/api/exports/receipts/exp_nope/retry"), "{}", bearer(KEY)),
                "/api/exports/receipts/{id}/retry"), 404, ErrorCodes.NOT_FOUND, WORKSPACE);
        assertError(conformed(Http.postJson(url("/api/exports/receipts/" + id + "/retry"), "{\"limit\":1}",
                bearer(KEY)), "/api/exports/receipts/{id}/retry"), 400, ErrorCodes.INVALID_INPUT, WORKSPACE);
        assertThat(Http.get(url("/api/exports/receipts/" + id + "/retry"), bearer(KEY)).status()).isEqualTo(405);
    }

    @Test
    void aReferenceOnlyServerAnswersBothReferencePathsAndNoneOfOurs() throws Exception {
        LocalApiServer only = LocalApiServer.start(backend, config().withReferenceOnly(true));
        try {
            OpenApiSchemas reference = new OpenApiSchemas(Http.get(only.baseUrl() + "/api/openapi").json());
            Http.Response ingested = Http.postJson(only.baseUrl() + "/api/connectors/ingest", REFERENCE_CONNECTOR,
                    bearer(KEY));
            assertThat(ingested.status()).as(ingested.text()).isEqualTo(200);
            assertThat(reference.problems(reference.responseSchema("/api/connectors/ingest", "POST", 200),
                    ingested.json())).isEmpty();
            Http.Response exported = Http.postJson(only.baseUrl() + "/api/exports/destinations", REFERENCE_EXPORT,
                    bearer(KEY));
            assertThat(exported.status()).as(exported.text()).isEqualTo(201);
            assertThat(reference.problems(reference.responseSchema("/api/exports/destinations", "POST", 201),
                    exported.json())).isEmpty();
            String id = exported.json().at("/receipt/exportId").asText();
            for (Http.Response r : List.of(Http.get(only.baseUrl() + "/api/connectors/providers", bearer(KEY)),
                    Http.get(only.baseUrl() + "/api/exports/receipts", bearer(KEY)),
                    Http.postJson(only.baseUrl() + "/api/exports/receipts/" + id + "/retry", "{}", bearer(KEY)))) {
                assertError(r, 404, ErrorCodes.NOT_FOUND, null);
            }
            assertThat(reference.document().path("paths").has("/api/exports/receipts")).isFalse();
        } finally {
            only.stop();
        }
    }

    /** {@code n} records of about {@code bytes} each, as JSON array elements. */
    private static String records(int n, int bytes) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> "{\"id\":\"o" + i + "\",\"note\":\""
                + "x".repeat(bytes) + "\"}").collect(Collectors.joining(","));
    }

    /** The answer's status, and its body against the schema the document gives for its route and status; the body. */
    private JsonNode conform(Http.Response r, String route, String method, int status) {
        assertThat(r.status()).as("%s %s: %s", method, route, r.text()).isEqualTo(status);
        Http.assertJsonContentType(r);
        assertThat(schemas.problems(schemas.responseSchema(route, method, status), r.json()))
                .as("%s %s (%s) against the document: %s", method, route, status, r.text()).isEmpty();
        return r.json();
    }

    /** {@code r}, after checking it against the document under POST {@code route}. */
    private Http.Response conformed(Http.Response r, String route) {
        conform(r, route, "POST", r.status());
        return r;
    }
}
