package com.headlessanalytics.console.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.GraphQl;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.domain.demo.DemoGenerator;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.graphql.GraphQlLimits;
import com.headlessanalytics.console.graphql.GraphQlService;
import com.headlessanalytics.console.graphql.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile GraphQL against serve mode over loopback (a real H2 file, a real key): each request is
 * answered per the spec (400 without data for documents that do not parse, validate or pass the
 * limits; 200 with field errors for arguments the port refuses) well within 20 s, and the stored
 * events are the same afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GraphQlHostileTest {
    static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    Engine engine;
    HeadlessApi port;
    LocalApiServer server;
    String key;
    List<String> storedIds;

    @BeforeAll
    void start() throws Exception {
        engine = Engine.open(dir);
        port = engine.defaultWorkspace();
        DemoGenerator.builder(System.currentTimeMillis()).events(600).seed(3).days(5).build()
                .forEachBatch(600, port::ingest);
        key = engine.keys().create(engine.defaultWorkspaceId(), "hostile").secret();
        server = LocalApiServer.start(engine, new ServeConfig("127.0.0.1", 0, 100_000, 100_000, 5));
        storedIds = ids();
    }

    @AfterAll
    void stop() {
        server.stop();
        engine.close();
    }

    @AfterEach
    void storedEventsAreIntact() {
        assertThat(ids()).isEqualTo(storedIds);
    }

    private List<String> ids() {
        List<String> ids = new ArrayList<>();
        EventQuery q = EventQuery.all().withLimit(1000);
        EventPage page;
        do {
            page = port.events(q);
            page.events().forEach(e -> ids.add(e.id()));
            q = q.withCursor(page.nextCursor());
        } while (page.nextCursor() != null);
        return ids;
    }

    private Http.Response post(String query, Map<String, Object> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        return assertTimeoutPreemptively(BOUND,
                () -> Http.postJson(server.baseUrl() + "/api/graphql", ApiJson.write(body), Http.bearer(key)));
    }

    /** 400, errors with a message, no data, and the proof. */
    private static JsonNode refused(Http.Response r) {
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        JsonNode body = r.json();
        assertThat(body.has("data")).as(r.text()).isFalse();
        assertThat(body.get("errors").get(0).get("message").asText()).isNotBlank();
        assertThat(body.get("extensions").get("proof").get("queryId").asText()).isEqualTo(r.queryId());
        return body.get("errors").get(0);
    }

    /** 200 with a null field and its field error. */
    private static JsonNode fieldError(Http.Response r, String field) {
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("data").get(field).isNull()).as(r.text()).isTrue();
        JsonNode error = body.get("errors").get(0);
        assertThat(error.get("path").get(0).asText()).isEqualTo(field);
        return error;
    }

    @Test
    void deepNestingIsRefusedByTheParserOrTheDepthLimit() {
        String brackets = "{ events ".repeat(5_000) + "}".repeat(5_000);
        refused(post(brackets, Map.of()));
        String deepIntrospection = "{ __type(name: \"Event\") { fields { type " + "{ ofType ".repeat(14) + "{ name }"
                + " }".repeat(14) + " } } }";
        JsonNode error = refused(post(deepIntrospection, Map.of()));
        assertThat(error.get("message").asText()).contains("deep");
        String badFaith = "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }";
        refused(post(badFaith, Map.of()));
        String tooDeepForGoodFaith = "{ __schema { types { fields { type " + "{ ofType ".repeat(20) + "{ name }"
                + " }".repeat(20) + " } } } }";
        refused(post(tooDeepForGoodFaith, Map.of()));
    }

    @Test
    void aliasesThatMultiplyAFieldAreRefusedBeforeAnythingRuns() {
        String thousand = IntStream.range(0, 1_000).mapToObj(i -> "a" + i + ": events(limit: 1000) { id event }")
                .collect(Collectors.joining(" ", "{ ", " }"));
        assertThat(refused(post(thousand, Map.of())).get("extensions").get("code").asText()).isEqualTo("too_large");
        String complex = IntStream.range(0, 25).mapToObj(i -> "a" + i + ": events(limit: 1000) "
                        + "{ id event timestamp receivedAt businessId actor traceId properties }")
                .collect(Collectors.joining(" ", "{ ", " }"));
        assertThat(refused(post(complex, Map.of())).get("message").asText()).contains("complexity");
        String nested = "{ f: funnel(steps: [{event: \"a\"}]) { " + IntStream.range(0, 150)
                .mapToObj(i -> "x" + i + ": steps { count }").collect(Collectors.joining(" ")) + " } }";
        assertThat(refused(post(nested, Map.of())).get("message").asText()).contains("aliased");
        String fragmentRoots = "{ ...R } fragment R on Query { " + IntStream.range(0, 40)
                .mapToObj(i -> "m" + i + ": proofTrails { proofId }").collect(Collectors.joining(" ")) + " }";
        refused(post(fragmentRoots, Map.of()));
    }

    @Test
    void hugeListsInArgumentsAndVariablesAreRefused() {
        List<String> names = Collections.nCopies(25_000, "order_revenue");
        JsonNode error = fieldError(post("query($m: [String!]) { metrics(metrics: $m) { totalEvents } }",
                Map.of("m", names)), "metrics");
        assertThat(error.get("extensions").get("code").asText()).isEqualTo("invalid_input");
        List<Map<String, Object>> steps = Collections.nCopies(5_000, Map.of("event", "order.created"));
        error = fieldError(post("query($s: [FunnelStepInput!]!) { funnel(steps: $s) { mode } }", Map.of("s", steps)),
                "funnel");
        assertThat(error.get("extensions").get("status").asInt()).isEqualTo(400);
        String literal = IntStream.range(0, 20_000).mapToObj(i -> "\"m\"").collect(Collectors.joining(",", "[", "]"));
        refused(post("{ metrics(metrics: " + literal + ") { totalEvents } }", Map.of()));
        Http.Response tooBig = post("query($m: [String!]) { metrics(metrics: $m) { totalEvents } }",
                Map.of("m", Collections.nCopies(120_000, "order_revenue")));
        assertThat(tooBig.status()).isEqualTo(413);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "}", "query {", "{ events(limit: ) { id } }", "{ events { id } } }", "\u0000",
            "query ($x: ) { events { id } }", "fragment F on Event { id }", "{ events { id } } garbage",
            "subscription { events { id } }", "mutation { events { id } }", "{ events(limit: 1e999) { id } }",
            "{ events(limit: 99999999999) { id } }", "{ \"events\" }", "query Q($a: Int, $a: Int) { events { id } }",
            "{ events { ... on Nope { id } } }", "{ events @nope { id } }", "{ events(order: sideways) { id } }"})
    void malformedAndInvalidDocumentsAre400(String query) {
        refused(post(query, Map.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{ nope }", "{ events(nope: 1) { id } }", "{ events { id nope } }",
            "{ events { __typename id { x } } }", "{ metrics }", "{ funnel { mode } }", "{ agentPerformance { events } }"})
    void unknownFieldsAndMissingArgumentsAre400(String query) {
        refused(post(query, Map.of()));
    }

    @Test
    void variablesOfTheWrongTypeAre400() {
        String q = "query($l: Int, $f: Long, $o: Order, $s: [FunnelStepInput!]!) { events(limit: $l, from: $f, "
                + "order: $o) { id } funnel(steps: $s) { mode } }";
        List<Map<String, Object>> wrong = List.of(
                vars("l", "ten", "s", List.of(Map.of("event", "a"))),
                vars("l", 1.5, "s", List.of(Map.of("event", "a"))),
                vars("l", 10_000_000_000L, "s", List.of(Map.of("event", "a"))),
                vars("f", "yesterday", "s", List.of(Map.of("event", "a"))),
                vars("o", "sideways", "s", List.of(Map.of("event", "a"))),
                vars("s", 5),
                vars("s", List.of(Map.of("name", "no event"))),
                vars("s", List.of(Map.of("event", "a", "extra", 1))),
                vars("l", List.of(1, 2), "s", List.of(Map.of("event", "a"))),
                vars());
        for (Map<String, Object> v : wrong) {
            refused(post(q, v));
        }
        refused(post("query($a: String!) { events(event: $a) { id } }", Map.of()));
        refused(post("query($a: String!) { events(event: $a) { id } }", vars("a", null)));
    }

    private static Map<String, Object> vars(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void fragmentCyclesAre400() {
        refused(post("{ events { ...A } } fragment A on Event { id ...B } fragment B on Event { event ...A }",
                Map.of()));
        refused(post("{ ...Q } fragment Q on Query { events { id } ...Q }", Map.of()));
    }

    @Test
    void giantStringsAreRefused() {
        String giant = "x".repeat(300_000);
        JsonNode error = fieldError(post("query($e: String) { events(event: $e) { id } }", Map.of("e", giant)),
                "events");
        assertThat(error.get("extensions").get("code").asText()).isEqualTo("invalid_input");
        refused(post("{ events(event: \"" + "y".repeat(150_000) + "\") { id } }", Map.of()));
        refused(post("{ events { id } }" + " ".repeat(200_000), Map.of()));
        refused(post("#" + "c".repeat(150_000) + "\n{ events { id } }", Map.of()));
    }

    @Test
    void aQueryThatWouldRunLongIsStoppedAtItsBudget() {
        HeadlessApi slow = Ports.with(port, Map.of("proofTrails", args -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return port.proofTrails();
        }), new Ports.Counting());
        GraphQlService service = new GraphQlService(GraphQlLimits.DEFAULTS.withBudget(Duration.ofMillis(1_000)));
        String query = IntStream.range(0, 20).mapToObj(i -> "p" + i + ": proofTrails { proofId }")
                .collect(Collectors.joining(" ", "{ ", " }"));
        long started = System.nanoTime();
        GraphQl.Response r = assertTimeoutPreemptively(BOUND,
                () -> service.execute(slow, new GraphQl.Request(query, Map.of(), null)));
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(tookMs).isLessThan(5_000);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).doesNotContainKey("data");
        assertThat(ApiJson.write(r.body())).contains("budget of 1000 ms").contains("too_large");
    }

    @Test
    void anAnswerWithTooManyValuesIsCutWithAClearError() {
        GraphQlService service = new GraphQlService(GraphQlLimits.DEFAULTS.withMaxResultNodes(500));
        GraphQl.Response r = assertTimeoutPreemptively(BOUND, () -> service.execute(port,
                new GraphQl.Request("{ events(limit: 600) { id event timestamp } }", Map.of(), null)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).doesNotContainKey("data");
        assertThat(ApiJson.write(r.body())).contains("more than 500 values").contains("too_large");
    }

    @Test
    void aBatchArrayOrAnUnknownOperationNameIsRefused() {
        Http.Response batch = assertTimeoutPreemptively(BOUND, () -> Http.postJson(server.baseUrl() + "/api/graphql",
                "[{\"query\": \"{ events { id } }\"}]", Http.bearer(key)));
        assertThat(batch.status()).isEqualTo(400);
        assertThat(batch.json().get("error").get("code").asText()).isEqualTo("malformed_json");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", "query A { events { id } }");
        body.put("operationName", "B");
        Http.Response unknown = assertTimeoutPreemptively(BOUND, () -> Http.postJson(server.baseUrl() + "/api/graphql",
                ApiJson.write(body), Http.bearer(key)));
        refused(unknown);
    }
}
