package com.headlessanalytics.console.server;

import static com.headlessanalytics.console.server.FakeBackend.KEY;
import static com.headlessanalytics.console.server.FakeBackend.WORKSPACE;
import static com.headlessanalytics.console.server.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.headlessanalytics.console.api.AgentContext;
import com.headlessanalytics.console.api.Attribution;
import com.headlessanalytics.console.api.BusinessHealth;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.api.ServeBackend.UsageRecord;
import com.headlessanalytics.console.api.Usage;
import com.headlessanalytics.console.domain.EventLimits;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The analytics routes over a fake port: routing, parsing into the query records, errors, metering. */
class LocalApiServerAnalyticsTest extends ServerTestSupport {

    static Stream<Arguments> routes() {
        return Stream.of(
                Arguments.of("POST", "/api/metrics/query", "{\"eventName\":\"order.created\"}", "/api/metrics/query"),
                Arguments.of("GET", "/api/metrics/definitions", null, "/api/metrics/definitions"),
                Arguments.of("POST", "/api/metrics/definitions", "{\"name\":\"orders\",\"event\":\"order.created\"}",
                        "/api/metrics/definitions"),
                Arguments.of("GET", "/api/metrics/snapshots?metric=orders&limit=5", null, "/api/metrics/snapshots"),
                Arguments.of("POST", "/api/funnels/query", "{\"steps\":[{\"event\":\"a\"},{\"event\":\"b\"}]}",
                        "/api/funnels/query"),
                Arguments.of("POST", "/api/funnels/actors", "{\"funnel\":{\"steps\":[{\"event\":\"a\"},{\"event\":\"b\"}]},"
                        + "\"step\":2}", "/api/funnels/actors"),
                Arguments.of("POST", "/api/attribution/query", "{}", "/api/attribution/query"),
                Arguments.of("GET", "/api/businesses/default/health?limit=5&from=1&to=2", null,
                        "/api/businesses/{id}/health"),
                Arguments.of("POST", "/api/intelligence/agent-context", "{\"mode\":\"anomalies\"}",
                        "/api/intelligence/agent-context"),
                Arguments.of("GET", "/api/usage?limit=10&from=0&to=5", null, "/api/usage"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("routes")
    void everyRouteAnswersWithAProofAndIsMeteredByItsTemplate(String method, String path, String body,
                                                            String endpoint) throws Exception {
        Http.Response r = send(method, path, body);

        assertAnswer(r, 200, WORKSPACE);
        UsageRecord record = assertMetered(r, method, endpoint);
        assertThat(record.keyId()).isEqualTo(FakeBackend.KEY_ID);
        assertThat(backend.analyticsCalls.get()).isEqualTo(1);
    }

    @Test
    void aFunnelBodyReachesThePortAsTheQueryRecordExactly() throws Exception {
        Http.Response r = send("POST", "/api/funnels/query", """
                {"steps":[{"name":"Scan","event":"qr.bottle_scanned","filter":{"properties.qty":2.50,"source.paid":true}},
                          {"event":"order.created"}],
                 "from":1000,"to":2000,"windowMs":3600000,"mode":"any_order","businessId":"brand-2",
                 "breakdown":"properties.plan"}""");

        JsonNode body = assertAnswer(r, 200, WORKSPACE);
        assertThat(body.get("steps")).hasSize(2);
        assertThat(body.get("steps").get(0).get("name").asText()).isEqualTo("Scan");
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("properties.qty", new BigDecimal("2.50"));
        filter.put("source.paid", true);
        assertThat(backend.lastArguments).containsExactly(new Funnels.Query(
                List.of(new Funnels.Step("Scan", "qr.bottle_scanned", filter), Funnels.Step.of("order.created")),
                1000L, 2000L, 3_600_000L, "any_order", "brand-2", "properties.plan"));
    }

    @Test
    void queryParametersBecomeThePortArguments() throws Exception {
        send("GET", "/api/businesses/brand-2/health?limit=7&to=99", null);
        assertThat(backend.lastArguments).containsExactly("brand-2", new BusinessHealth.Query(7, null, 99L));

        send("GET", "/api/usage", null);
        assertThat(backend.lastArguments).containsExactly(Usage.Query.defaults());

        send("GET", "/api/metrics/snapshots?metric=caf%C3%A9", null);
        assertThat(backend.lastArguments).containsExactly("café", null);

        send("POST", "/api/intelligence/agent-context", "{\"mode\":\"what_changed\",\"limit\":3,\"from\":5}");
        assertThat(backend.lastArguments).containsExactly(new AgentContext.Query("what_changed", null, 3, 5L, null));

        send("POST", "/api/attribution/query", "{\"conversionEvent\":\"order.created\",\"model\":\"time_decay\","
                + "\"lookbackMs\":0}");
        assertThat(backend.lastArguments).containsExactly(
                new Attribution.Query(null, null, null, "order.created", "time_decay", null, 0L));
    }

    @Test
    void pathSegmentsAreDecodedAndNeverMetered() throws Exception {
        Http.Response r = send("GET", "/api/businesses/caf%C3%A9%2Fbar+1/health", null);

        JsonNode body = assertAnswer(r, 200, WORKSPACE);
        assertThat(body.get("businessId").asText()).isEqualTo("café/bar+1");
        assertThat(backend.lastArguments.get(0)).isEqualTo("café/bar+1");
        assertThat(assertMetered(r, "GET", "/api/businesses/{id}/health").endpoint()).doesNotContain("caf");
    }

    @Test
    void badPathSegmentsAre400NamingTheSegment() throws Exception {
        Http.Response tooLong = send("GET", "/api/businesses/" + "b".repeat(EventLimits.MAX_ID_LENGTH + 1) + "/health",
                null);
        JsonNode error = assertError(tooLong, 400, ErrorCodes.INVALID_INPUT, WORKSPACE);
        assertThat(error.get("details").get(0).get("field").asText()).isEqualTo("id");

        Http.Response badUtf8 = send("DELETE", "/api/metrics/definitions/%C3%28", null);
        error = assertError(badUtf8, 400, ErrorCodes.INVALID_INPUT, WORKSPACE);
        assertThat(error.get("details").get(0).get("field").asText()).isEqualTo("name");
        assertThat(backend.analyticsCalls.get()).isZero();
    }

    @Test
    void definitionsAreSavedListedAndDeletedWithAProofEach() throws Exception {
        Http.Response saved = send("POST", "/api/metrics/definitions",
                "{\"name\":\"revenue.total\",\"event\":\"order.created\",\"aggregation\":\"sum\",\"property\":\"revenue\"}");
        JsonNode body = assertAnswer(saved, 200, WORKSPACE);
        assertThat(body.get("name").asText()).isEqualTo("revenue.total");
        assertThat(body.get("aggregation").asText()).isEqualTo("sum");
        assertThat(body.get("updatedAt").asLong()).isEqualTo(42);

        JsonNode listed = assertAnswer(send("GET", "/api/metrics/definitions", null), 200, WORKSPACE);
        assertThat(listed.get("definitions").get(0).get("name").asText()).isEqualTo("revenue.total");

        Http.Response deleted = send("DELETE", "/api/metrics/definitions/revenue.total", null);
        JsonNode answer = assertAnswer(deleted, 200, WORKSPACE);
        assertThat(answer.get("deleted").asText()).isEqualTo("revenue.total");
        assertMetered(deleted, "DELETE", "/api/metrics/definitions/{name}");
        assertThat(backend.definitions).isEmpty();

        Http.Response again = send("DELETE", "/api/metrics/definitions/revenue.total", null);
        assertError(again, 404, ErrorCodes.NOT_FOUND, WORKSPACE);
    }

    @Test
    void thePortsOwnChecksComeBackWithTheirFields() throws Exception {
        Http.Response r = send("POST", "/api/funnels/query",
                "{\"steps\":[{\"event\":\"a\"},{\"event\":\"\"}],\"mode\":\"sideways\",\"windowMs\":0}");

        JsonNode error = assertError(r, 400, ErrorCodes.INVALID_INPUT, WORKSPACE);
        assertThat(fields(error)).containsExactlyInAnyOrder("steps[1].event", "mode", "windowMs");
        assertThat(backend.analyticsCalls.get()).isEqualTo(1);
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("/api/funnels/query", "{\"steps\":5}", "steps", "invalid_type"),
                Arguments.of("/api/funnels/query", "{\"steps\":{\"event\":\"a\"}}", "steps", "invalid_type"),
                Arguments.of("/api/funnels/query", "{\"steps\":[\"a\"]}", "steps[0]", "invalid_type"),
                Arguments.of("/api/funnels/query", "{\"steps\":[{\"event\":5}]}", "steps[0].event", "invalid_type"),
                Arguments.of("/api/funnels/query", "{\"steps\":[{\"event\":\"a\",\"filter\":[1]}]}",
                        "steps[0].filter", "invalid_type"),
                Arguments.of("/api/funnels/query", "{\"steps\":[{\"event\":\"a\"}],\"from\":\"yesterday\"}", "from",
                        "invalid_type"),
                Arguments.of("/api/funnels/query", "{\"steps\":[{\"event\":\"a\"}],\"from\":\"1000\"}", "from",
                        "invalid_type"),
                Arguments.of("/api/funnels/query", "{\"steps\":[{\"event\":\"a\"}],\"windowMs\":1.5}", "windowMs",
                        "invalid_type"),
                Arguments.of("/api/funnels/query", "{\"steps\":[{\"event\":\"a\"}],\"to\":99999999999999999999}", "to",
                        "invalid_value"),
                Arguments.of("/api/funnels/query", "{\"steps\":[{\"event\":\"a\"}],\"mode\":true}", "mode",
                        "invalid_type"),
                Arguments.of("/api/funnels/query", "{\"steps\":[{\"event\":\"a\"}],\"form\":1}", "form",
                        "unknown_field"),
                Arguments.of("/api/funnels/actors", "{\"funnel\":[],\"step\":1}", "funnel", "invalid_type"),
                Arguments.of("/api/funnels/actors", "{\"funnel\":{\"steps\":[{\"event\":\"a\"}]}}", "step", "required"),
                Arguments.of("/api/funnels/actors", "{\"funnel\":{\"steps\":[{\"event\":\"a\"}]},\"step\":\"1\"}",
                        "step", "invalid_type"),
                Arguments.of("/api/funnels/actors", "{\"funnel\":{\"steps\":[{\"event\":\"a\"}]},\"step\":3000000000}",
                        "step", "invalid_value"),
                Arguments.of("/api/metrics/query", "{\"metrics\":\"orders\"}", "metrics", "invalid_type"),
                Arguments.of("/api/metrics/query", "{\"metrics\":[1]}", "metrics[0]", "invalid_type"),
                Arguments.of("/api/metrics/query", "{\"persistSnapshots\":\"yes\"}", "persistSnapshots",
                        "invalid_type"),
                Arguments.of("/api/metrics/definitions", "{\"name\":[\"x\"],\"event\":\"a\"}", "name", "invalid_type"),
                Arguments.of("/api/attribution/query", "{\"lookbackMs\":{}}", "lookbackMs", "invalid_type"),
                Arguments.of("/api/intelligence/agent-context", "{\"limit\":-1.0}", "limit", "invalid_type"),
                Arguments.of("/api/intelligence/agent-context", "{\"modes\":\"summary\"}", "modes", "unknown_field"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("wrongTypes")
    void wrongJsonTypesAre400NamingTheFieldAndNeverReachThePort(String path, String body, String field, String code)
            throws Exception {
        Http.Response r = send("POST", path, body);

        JsonNode error = assertError(r, 400, ErrorCodes.INVALID_INPUT, WORKSPACE);
        assertThat(error.get("details")).hasSize(1);
        assertThat(error.get("details").get(0).get("field").asText()).isEqualTo(field);
        assertThat(error.get("details").get(0).get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).contains(field);
        assertThat(backend.analyticsCalls.get()).isZero();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty", new byte[0]),
                Arguments.of("not JSON", bytes("steps")),
                Arguments.of("array at top level", bytes("[{\"event\":\"a\"}]")),
                Arguments.of("null", bytes("null")),
                Arguments.of("duplicate keys", bytes("{\"steps\":[],\"steps\":[]}")),
                Arguments.of("trailing content", bytes("{} {}")),
                Arguments.of("NaN", bytes("{\"windowMs\":NaN}")),
                Arguments.of("too deep", bytes("{\"steps\":[{\"event\":\"a\",\"filter\":"
                        + "{\"x\":".repeat(EventLimits.MAX_JSON_DEPTH) + "1" + "}".repeat(EventLimits.MAX_JSON_DEPTH)
                        + "}]}")),
                Arguments.of("invalid UTF-8", new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedBodiesAre400MalformedJson(String name, byte[] body) throws Exception {
        Http.Response r = Http.send("POST", url("/api/funnels/query"), "application/json", body, bearer(KEY));

        assertError(r, 400, ErrorCodes.MALFORMED_JSON, WORKSPACE);
        assertThat(backend.analyticsCalls.get()).isZero();
        assertMetered(r, "POST", "/api/funnels/query");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-16"})
    void aBodyThatIsNotJsonByItsTypeIs415(String type) throws Exception {
        Http.Response r = Http.send("POST", url("/api/attribution/query"), type, bytes("{}"), bearer(KEY));

        assertError(r, 415, ErrorCodes.UNSUPPORTED_MEDIA_TYPE, WORKSPACE);
        assertThat(backend.analyticsCalls.get()).isZero();
    }

    @Test
    void aBodyWithoutContentTypeIs415() throws Exception {
        Http.Response r = Http.send("POST", url("/api/metrics/query"), null, bytes("{}"), bearer(KEY));

        assertError(r, 415, ErrorCodes.UNSUPPORTED_MEDIA_TYPE, WORKSPACE);
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        String steps = "{\"event\":\"a\"},".repeat(EventLimits.MAX_BATCH_BYTES / 14);
        Http.Response r = send("POST", "/api/funnels/query", "{\"steps\":[" + steps + "{\"event\":\"a\"}]}");

        assertError(r, 413, ErrorCodes.TOO_LARGE, WORKSPACE);
        assertThat(backend.analyticsCalls.get()).isZero();
    }

    static Stream<Arguments> wrongMethods() {
        return Stream.of(
                Arguments.of("GET", "/api/funnels/query", "POST"),
                Arguments.of("PUT", "/api/metrics/definitions", "GET, POST"),
                Arguments.of("GET", "/api/metrics/definitions/orders", "DELETE"),
                Arguments.of("POST", "/api/usage", "GET"),
                Arguments.of("DELETE", "/api/businesses/default/health", "GET"),
                Arguments.of("GET", "/api/intelligence/agent-context", "POST"));
    }

    @ParameterizedTest
    @MethodSource("wrongMethods")
    void wrongMethodIs405WithAllow(String method, String path, String allow) throws Exception {
        Http.Response r = Http.send(method, url(path), null, null, bearer(KEY));

        assertError(r, 405, ErrorCodes.METHOD_NOT_ALLOWED, null);
        assertThat(r.header("Allow")).isEqualTo(allow);
        assertThat(backend.analyticsCalls.get()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/metrics", "/api/metrics/definitions/", "/api/metrics/definitions/a/b",
            "/api/businesses//health", "/api/businesses/default", "/api/businesses/default/health/x",
            "/api/funnels", "/api/intelligence/agent_context"})
    void pathsBesideTheRoutesAre404(String path) throws Exception {
        Http.Response r = Http.send("GET", url(path), null, null, bearer(KEY));

        assertError(r, 404, ErrorCodes.NOT_FOUND, null);
        assertMetered(r, "GET", LocalApiServer.UNKNOWN_ENDPOINT);
    }

    static Stream<Arguments> badParameters() {
        return Stream.of(
                Arguments.of("/api/usage?colour=blue", "colour"),
                Arguments.of("/api/usage?limit=ten", "limit"),
                Arguments.of("/api/usage?limit=99999999999", "limit"),
                Arguments.of("/api/usage?from=1.5", "from"),
                Arguments.of("/api/usage?to=yesterday", "to"),
                Arguments.of("/api/usage?limit=1&limit=2", "limit"),
                Arguments.of("/api/metrics/snapshots?limit=x", "limit"),
                Arguments.of("/api/metrics/snapshots?name=orders", "name"),
                Arguments.of("/api/metrics/definitions?all=1", "all"),
                Arguments.of("/api/businesses/default/health?strict=1", "strict"),
                Arguments.of("/api/businesses/default/health?from=%FF", "from"));
    }

    @ParameterizedTest
    @MethodSource("badParameters")
    void badQueryParametersAre400NamingTheParameter(String path, String field) throws Exception {
        Http.Response r = Http.get(url(path), bearer(KEY));

        JsonNode error = assertError(r, 400, ErrorCodes.INVALID_INPUT, WORKSPACE);
        assertThat(error.get("details").get(0).get("field").asText()).isEqualTo(field);
        assertThat(backend.analyticsCalls.get()).isZero();
    }

    @Test
    void aBodyRouteTakesNoQueryParameters() throws Exception {
        Http.Response r = send("POST", "/api/funnels/query?mode=strict", "{\"steps\":[{\"event\":\"a\"}]}");

        JsonNode error = assertError(r, 400, ErrorCodes.INVALID_INPUT, WORKSPACE);
        assertThat(error.get("details").get(0).get("field").asText()).isEqualTo("mode");
        assertThat(backend.analyticsCalls.get()).isZero();
    }

    @Test
    void theNewRoutesNeedAKeyToo() throws Exception {
        Http.Response r = Http.postJson(url("/api/funnels/query"), "{\"steps\":[{\"event\":\"a\"}]}");

        assertError(r, 401, ErrorCodes.UNAUTHORIZED, null);
        assertThat(Http.get(url("/api/usage")).status()).isEqualTo(401);
        assertThat(backend.analyticsCalls.get()).isZero();
    }

    @Test
    void aPortNotFoundIs404AndAFaultIs500() throws Exception {
        assertError(send("GET", "/api/businesses/unknown-1/health", null), 404, ErrorCodes.NOT_FOUND, WORKSPACE);

        backend.failure = new IllegalStateException("select * from event");
        Http.Response r = send("POST", "/api/metrics/query", "{}");
        JsonNode error = assertError(r, 500, ErrorCodes.INTERNAL, WORKSPACE);
        assertThat(error.get("message").asText()).contains(r.queryId());
        assertThat(r.text()).doesNotContain("select");
    }

    private Http.Response send(String method, String path, String json) throws Exception {
        return Http.send(method, url(path), json == null ? null : "application/json",
                json == null ? null : bytes(json), bearer(KEY));
    }

    private static List<String> fields(JsonNode error) {
        return StreamSupport.stream(error.get("details").spliterator(), false).map(d -> d.get("field").asText())
                .toList();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
