package com.headlessanalytics.console.server;

import static com.headlessanalytics.console.server.FakeBackend.KEY;
import static com.headlessanalytics.console.server.FakeBackend.KEY_ID;
import static com.headlessanalytics.console.server.FakeBackend.WORKSPACE;
import static com.headlessanalytics.console.server.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.ServeBackend.UsageRecord;
import com.headlessanalytics.console.domain.EventLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LocalApiServerTest extends ServerTestSupport {

    @Test
    void baseUrlNamesTheBoundLoopbackPort() {
        assertThat(server.port()).isPositive();
        assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port());
    }

    @Test
    void ingestsOneEnvelopeAndMetersIt() throws Exception {
        String json = "{\"id\":\"evt-1\",\"event\":\"qr.bottle_scanned\",\"actor\":{\"type\":\"customer\",\"id\":\"anon_1\"}}";
        Http.Response r = Http.postJson(url("/api/ingest"), json, bearer(KEY));

        JsonNode body = assertAnswer(r, 200, WORKSPACE);
        assertThat(body.get("accepted").asInt()).isEqualTo(1);
        assertThat(body.get("duplicates").asInt()).isZero();
        assertThat(body.get("ids").get(0).asText()).isEqualTo("evt-1");
        assertThat(body.get("duplicateIds").isArray()).isTrue();
        assertThat(backend.stored).singleElement().satisfies(e -> assertThat(e.event()).isEqualTo("qr.bottle_scanned"));

        UsageRecord record = assertMetered(r, "POST", "/api/ingest");
        assertThat(record.workspaceId()).isEqualTo(WORKSPACE);
        assertThat(record.keyId()).isEqualTo(KEY_ID);
        assertThat(record.requestBytes()).isEqualTo(json.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void ingestsABatchAndReportsDuplicates() throws Exception {
        Http.postJson(url("/api/ingest"), "{\"id\":\"a\",\"event\":\"lead.created\"}", bearer(KEY));
        Http.Response r = Http.postJson(url("/api/ingest"),
                "{\"events\":[{\"id\":\"a\",\"event\":\"lead.created\"},{\"id\":\"b\",\"event\":\"order.created\"}]}",
                bearer(KEY));

        JsonNode body = assertAnswer(r, 200, WORKSPACE);
        assertThat(body.get("accepted").asInt()).isEqualTo(1);
        assertThat(body.get("duplicates").asInt()).isEqualTo(1);
        assertThat(body.get("duplicateIds").toString()).isEqualTo("[\"a\"]");
        assertThat(body.get("ids").toString()).isEqualTo("[\"a\",\"b\"]");
    }

    @Test
    void unicodeRoundTripsAsUtf8() throws Exception {
        Http.postJson(url("/api/ingest"), "{\"event\":\"note.added\",\"properties\":{\"text\":\"Grüße 🫒 日本\"}}",
                bearer(KEY));
        Http.Response r = Http.get(url("/api/events?event=note.added"), bearer(KEY));

        JsonNode body = assertAnswer(r, 200, WORKSPACE);
        assertThat(body.get("events").get(0).get("properties").get("text").asText()).isEqualTo("Grüße 🫒 日本");
    }

    @Test
    void pagesEventsAndKeepsANullCursorOnTheLastPage() throws Exception {
        for (int i = 0; i < 3; i++) {
            Http.postJson(url("/api/ingest"), "{\"event\":\"order.created\",\"timestamp\":" + (1000 + i) + "}",
                    bearer(KEY));
        }
        Http.Response first = Http.get(url("/api/events?event=order.created&limit=2&order=asc&from=0&to=5000"),
                bearer(KEY));
        JsonNode page = assertAnswer(first, 200, WORKSPACE);
        assertThat(page.get("events")).hasSize(2);
        assertThat(page.get("events").get(0).get("timestamp").asLong()).isEqualTo(1000);
        String cursor = page.get("nextCursor").asText();

        Http.Response last = Http.get(url("/api/events?event=order.created&limit=2&cursor=" + cursor), bearer(KEY));
        JsonNode lastPage = assertAnswer(last, 200, WORKSPACE);
        assertThat(lastPage.get("events")).hasSize(1);
        assertThat(lastPage.has("nextCursor")).isTrue();
        assertThat(lastPage.get("nextCursor").isNull()).isTrue();

        UsageRecord record = assertMetered(last, "GET", "/api/events");
        assertThat(record.endpoint()).doesNotContain("?").doesNotContain("cursor");
    }

    static Stream<Arguments> badEventQueries() {
        return Stream.of(
                Arguments.of("from=yesterday", "from"),
                Arguments.of("to=1.5", "to"),
                Arguments.of("limit=ten", "limit"),
                Arguments.of("limit=99999999999", "limit"),
                Arguments.of("limit=0", "limit"),
                Arguments.of("order=sideways", "order"),
                Arguments.of("colour=red", "colour"),
                Arguments.of("event=a&event=b", "event"),
                Arguments.of("event=%FF", "event"),
                Arguments.of("actor=%C3%28", "actor"),
                Arguments.of("%C3%28=1", "(query)"));
    }

    @ParameterizedTest
    @MethodSource("badEventQueries")
    void badQueryParametersAre400NamingTheParameter(String query, String field) throws Exception {
        Http.Response r = Http.get(url("/api/events?" + query), bearer(KEY));

        JsonNode error = assertError(r, 400, ErrorCodes.INVALID_INPUT, WORKSPACE);
        assertThat(error.get("details").get(0).get("field").asText()).isEqualTo(field);
        assertMetered(r, "GET", "/api/events");
    }

    @Test
    void ingestTakesNoQueryParameters() throws Exception {
        Http.Response r = Http.postJson(url("/api/ingest?debug=1"), "{\"event\":\"a\"}", bearer(KEY));

        JsonNode error = assertError(r, 400, ErrorCodes.INVALID_INPUT, WORKSPACE);
        assertThat(error.get("details").get(0).get("field").asText()).isEqualTo("debug");
        assertThat(backend.ingestCalls.get()).isZero();
    }

    @Test
    void portValidationErrorsCarryIndexAndField() throws Exception {
        Http.Response r = Http.postJson(url("/api/ingest"),
                "{\"events\":[{\"event\":\"ok\"},{\"timestamp\":5},{\"event\":\"x\",\"trustTier\":\"T9\"}]}", bearer(KEY));

        JsonNode error = assertError(r, 400, ErrorCodes.INVALID_INPUT, WORKSPACE);
        assertThat(error.get("details").toString())
                .contains("{\"index\":1,\"field\":\"event\",\"code\":\"required\",\"message\":\"is required\"}")
                .contains("\"index\":2,\"field\":\"trustTier\"");
        assertThat(backend.stored).isEmpty();
    }

    static Stream<Arguments> malformedBodies() {
        HexFormat hex = HexFormat.of();
        return Stream.of(
                Arguments.of("invalid UTF-8", concat("{\"event\":\"a", hex.parseHex("c328"), "\"}")),
                Arguments.of("overlong UTF-8", concat("{\"event\":\"a", hex.parseHex("c0af"), "\"}")),
                Arguments.of("UTF-8 surrogate", concat("{\"event\":\"a", hex.parseHex("eda080"), "\"}")),
                Arguments.of("truncated UTF-8", concat("{\"event\":\"a\"}", hex.parseHex("e282"), "")),
                Arguments.of("NUL byte", concat("{\"event\":\"a", new byte[] {0}, "\"}")),
                Arguments.of("UTF-16", "{\"event\":\"a\"}".getBytes(StandardCharsets.UTF_16LE)),
                Arguments.of("empty", new byte[0]),
                Arguments.of("not JSON", bytes("hello")),
                Arguments.of("unterminated", bytes("{\"event\":\"a\"")),
                Arguments.of("duplicate keys", bytes("{\"event\":\"a\",\"event\":\"b\"}")),
                Arguments.of("trailing tokens", bytes("{\"event\":\"a\"} {\"event\":\"b\"}")),
                Arguments.of("trailing garbage", bytes("{\"event\":\"a\"}x")),
                Arguments.of("too deep", bytes("{\"event\":\"a\",\"properties\":"
                        + "{\"x\":".repeat(EventLimits.MAX_JSON_DEPTH) + "1" + "}".repeat(EventLimits.MAX_JSON_DEPTH + 1))),
                Arguments.of("array at top level", bytes("[{\"event\":\"a\"}]")),
                Arguments.of("string at top level", bytes("\"event\"")),
                Arguments.of("NaN", bytes("{\"event\":\"a\",\"properties\":{\"x\":NaN}}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void malformedBodiesAre400MalformedJson(String name, byte[] body) throws Exception {
        Http.Response r = Http.send("POST", url("/api/ingest"), "application/json", body, bearer(KEY));

        JsonNode error = assertError(r, 400, ErrorCodes.MALFORMED_JSON, WORKSPACE);
        assertThat(error.get("details")).isEmpty();
        assertThat(backend.ingestCalls.get()).isZero();
        assertMetered(r, "POST", "/api/ingest");
    }

    @Test
    void eventsThatIsNotAnArrayIs400() throws Exception {
        Http.Response r = Http.postJson(url("/api/ingest"), "{\"events\":{\"event\":\"a\"}}", bearer(KEY));

        JsonNode error = assertError(r, 400, ErrorCodes.INVALID_INPUT, WORKSPACE);
        assertThat(error.get("details").get(0).get("field").asText()).isEqualTo("events");
        assertThat(error.get("details").get(0).get("code").asText()).isEqualTo("invalid_type");
    }

    @Test
    void batchElementsThatAreNotObjectsAreNamedByIndex() throws Exception {
        Http.Response r = Http.postJson(url("/api/ingest"), "{\"events\":[{\"event\":\"a\"},1,\"x\",null,[]]}",
                bearer(KEY));

        JsonNode error = assertError(r, 400, ErrorCodes.INVALID_INPUT, WORKSPACE);
        List<Integer> indexes = new ArrayList<>();
        error.get("details").forEach(d -> indexes.add(d.get("index").asInt()));
        assertThat(indexes).containsExactly(1, 2, 3, 4);
        assertThat(error.get("details").get(0).has("field")).as("nulls are omitted").isFalse();
        assertThat(backend.ingestCalls.get()).isZero();
    }

    @Test
    void missingAuthorizationIs401() throws Exception {
        Http.Response r = Http.get(url("/api/events"));

        assertError(r, 401, ErrorCodes.UNAUTHORIZED, null);
        assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
        UsageRecord record = assertMetered(r, "GET", "/api/events");
        assertThat(record.workspaceId()).isNull();
        assertThat(record.keyId()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic dXNlcjpwYXNz", "Bearer", "Bearer    ", "Bearer ha_guess_123456", "Token " + KEY,
            "Bearer " + FakeBackend.REVOKED_KEY})
    void badCredentialsAre401WithoutEchoingTheKey(String authorization) throws Exception {
        Http.Response r = Http.get(url("/api/events"), "Authorization", authorization);

        assertError(r, 401, ErrorCodes.UNAUTHORIZED, null);
        assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(r.text()).doesNotContain("ha_guess_123456").doesNotContain(KEY).doesNotContain(FakeBackend.REVOKED_KEY);
        assertThat(String.join(" ", r.headers().values())).doesNotContain("ha_").doesNotContain("dXNl");
    }

    @Test
    void jwtIsRefusedAsNotAnApiKey() throws Exception {
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl";
        Http.Response r = Http.get(url("/api/events"), "Authorization", "Bearer " + jwt, "X-HA-Workspace-ID", WORKSPACE);

        JsonNode error = assertError(r, 401, ErrorCodes.UNAUTHORIZED, null);
        assertThat(error.get("message").asText()).contains("API keys only");
        assertThat(r.text()).doesNotContain(jwt);
        assertThat(backend.authCalls.get()).isZero();
    }

    @Test
    void workspaceHeaderOfAnotherWorkspaceIs403() throws Exception {
        Http.Response r = Http.get(url("/api/events"), "Authorization", "Bearer " + KEY,
                "X-HA-Workspace-ID", FakeBackend.OTHER_WORKSPACE);

        assertError(r, 403, ErrorCodes.FORBIDDEN, WORKSPACE);
        assertThat(r.text()).doesNotContain(FakeBackend.OTHER_WORKSPACE);
        assertThat(assertMetered(r, "GET", "/api/events").keyId()).isEqualTo(KEY_ID);

        Http.Response same = Http.get(url("/api/events"), "Authorization", "Bearer " + KEY, "X-HA-Workspace-ID", WORKSPACE);
        assertAnswer(same, 200, WORKSPACE);
    }

    @Test
    void eachKeySeesOnlyItsWorkspace() throws Exception {
        Http.postJson(url("/api/ingest"), "{\"event\":\"a\"}", bearer(KEY));
        Http.Response r = Http.get(url("/api/events"), bearer(FakeBackend.OTHER_KEY));

        assertAnswer(r, 200, FakeBackend.OTHER_WORKSPACE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api", "/api/ingest/", "/api/Events", "/api//events", "/api/usage/",
            "/api/%65vents", "/nope?token=secret"})
    void unknownPathsAre404AndMeteredAsUnknown(String path) throws Exception {
        Http.Response r = Http.get(url(path), bearer(KEY));

        assertError(r, 404, ErrorCodes.NOT_FOUND, null);
        UsageRecord record = assertMetered(r, "GET", LocalApiServer.UNKNOWN_ENDPOINT);
        assertThat(record.endpoint()).doesNotContain("secret");
    }

    static Stream<Arguments> wrongMethods() {
        return Stream.of(
                Arguments.of("GET", "/api/ingest", "POST"),
                Arguments.of("DELETE", "/api/ingest", "POST"),
                Arguments.of("OPTIONS", "/api/ingest", "POST"),
                Arguments.of("POST", "/api/events", "GET"),
                Arguments.of("PUT", "/api/health", "GET"),
                Arguments.of("get", "/api/health", "GET"));
    }

    @ParameterizedTest
    @MethodSource("wrongMethods")
    void wrongMethodIs405WithAllow(String method, String path, String allow) throws Exception {
        Http.Response r = Http.send(method, url(path), null, null, bearer(KEY));

        assertError(r, 405, ErrorCodes.METHOD_NOT_ALLOWED, null);
        assertThat(r.header("Allow")).isEqualTo(allow);
        assertMetered(r, method.equals("get") ? "(other)" : method, path);
    }

    @Test
    void headIs405WithoutABody() throws Exception {
        Http.Response r = Http.send("HEAD", url("/api/events"), null, null, bearer(KEY));

        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).isEqualTo("GET");
        assertThat(r.queryId()).startsWith("q_");
        assertThat(r.body()).isEmpty();
        assertThat(backend.awaitMeter(r.queryId()).endpoint()).isEqualTo("/api/events");
    }

    @Test
    void unexpectedFailuresAre500WithTheQueryIdAndNoInternals() throws Exception {
        backend.failure = new IllegalStateException("jdbc:h2:/home/ops/data password=hunter2");
        Http.Response r = Http.postJson(url("/api/ingest"), "{\"event\":\"a\"}", bearer(KEY));

        JsonNode error = assertError(r, 500, ErrorCodes.INTERNAL, WORKSPACE);
        assertThat(error.get("message").asText()).contains(r.queryId());
        assertThat(r.text()).doesNotContain("hunter2").doesNotContain("jdbc").doesNotContain("Exception");
        assertMetered(r, "POST", "/api/ingest");
    }

    @Test
    void portExceptionsKeepTheirStatusAndCode() throws Exception {
        backend.failure = new ApiException.Server(503, ErrorCodes.NOT_READY, "the database is starting", null);
        Http.Response notReady = Http.get(url("/api/events"), bearer(KEY));
        assertThat(assertError(notReady, 503, ErrorCodes.NOT_READY, WORKSPACE).get("message").asText())
                .isEqualTo("the database is starting");

        backend.failure = new ApiException.Client(429, ErrorCodes.RATE_LIMITED, "quota used up", List.of(), 7);
        Http.Response limited = Http.get(url("/api/events"), bearer(KEY));
        assertError(limited, 429, ErrorCodes.RATE_LIMITED, WORKSPACE);
        assertThat(limited.header("Retry-After")).isEqualTo("7");

        backend.failure = ApiException.notFound("no such cursor");
        assertError(Http.get(url("/api/events"), bearer(KEY)), 404, ErrorCodes.NOT_FOUND, WORKSPACE);
    }

    @Test
    void everyRequestIsMeteredExactlyOnce() throws Exception {
        List<Http.Response> responses = new ArrayList<>();
        responses.add(Http.postJson(url("/api/ingest"), "{\"event\":\"a\"}", bearer(KEY)));
        responses.add(Http.get(url("/api/events"), bearer(KEY)));
        responses.add(Http.get(url("/api/events")));
        responses.add(Http.get(url("/api/health")));
        responses.add(Http.get(url("/missing")));
        responses.add(Http.send("DELETE", url("/api/events"), null, null));
        responses.add(Http.postJson(url("/api/ingest"), "[]", bearer(KEY)));

        for (Http.Response r : responses) {
            backend.awaitMeter(r.queryId());
        }
        Thread.sleep(200);
        assertThat(backend.meterCount()).isEqualTo(responses.size());
        assertThat(responses).extracting(Http.Response::queryId).doesNotHaveDuplicates();
    }

    @Test
    void keepAliveConnectionServesSeveralRequests() throws Exception {
        try (Http.Raw raw = new Http.Raw(server.port())) {
            for (int i = 0; i < 3; i++) {
                String body = "{\"event\":\"keep.alive\",\"properties\":{\"pad\":\"" + "x".repeat(20_000) + "\"}}";
                raw.write("POST /api/ingest HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + KEY
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
                assertAnswer(raw.read(), 200, WORKSPACE);
                raw.write("GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertAnswer(raw.read(), 200, null);
            }
        }
        assertThat(backend.stored).hasSize(3);
    }

    @Test
    void concurrentRequestsAreEachAnsweredAndMeteredOnce() throws Exception {
        List<java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<byte[]>>> calls = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            calls.add(Http.CLIENT.sendAsync(Http.request("POST", url("/api/ingest"), "application/json",
                    bytes("{\"id\":\"c-" + i + "\",\"event\":\"load.test\"}"), bearer(KEY)),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray()));
        }
        for (var call : calls) {
            var response = call.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            backend.awaitMeter(response.headers().firstValue("X-HA-Query-ID").orElseThrow());
        }
        assertThat(backend.stored).hasSize(64);
        assertThat(backend.meterCount()).isEqualTo(64);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        byte[] a = bytes(before);
        byte[] c = bytes(after);
        byte[] out = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(middle, 0, out, a.length, middle.length);
        System.arraycopy(c, 0, out, a.length + middle.length, c.length);
        return out;
    }
}
