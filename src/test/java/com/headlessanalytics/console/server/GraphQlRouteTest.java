package com.headlessanalytics.console.server;

import static com.headlessanalytics.console.graphql.GraphQlTesting.allFields;
import static com.headlessanalytics.console.graphql.GraphQlTesting.wire;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.headlessanalytics.console.api.AgentPerformance;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.WorkflowStatus;
import com.headlessanalytics.console.domain.demo.DemoGenerator;
import com.headlessanalytics.console.engine.Engine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/graphql} over real HTTP on loopback: serve mode on a real H2 file with demo data
 * and a real API key. GraphQL answers equal the REST answers of the same data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GraphQlRouteTest {
    static final int EVENTS = 1_200;

    @TempDir
    static Path dir;
    Engine engine;
    HeadlessApi port;
    LocalApiServer server;
    String key;
    String base;

    @BeforeAll
    void start() throws Exception {
        engine = Engine.open(dir);
        port = engine.defaultWorkspace();
        DemoGenerator.builder(System.currentTimeMillis()).events(EVENTS).seed(5).days(10).build()
                .forEachBatch(600, port::ingest);
        key = engine.keys().create(engine.defaultWorkspaceId(), "graphql").secret();
        server = LocalApiServer.start(engine, new ServeConfig("127.0.0.1", 0, 1000, 1000, 5));
        base = server.baseUrl();
    }

    @AfterAll
    void stop() {
        server.stop();
        engine.close();
    }

    private Http.Response graphql(String query, Map<String, Object> variables) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        return Http.postJson(base + "/api/graphql", ApiJson.write(body), Http.bearer(key));
    }

    private JsonNode rest(String method, String path, String json) throws Exception {
        Http.Response r = method.equals("GET") ? Http.get(base + path, Http.bearer(key))
                : Http.postJson(base + path, json, Http.bearer(key));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    private static Object tree(JsonNode node) {
        return wire(ApiJson.mapper().convertValue(node, Object.class));
    }

    /** The members of a REST answer named by {@code fields}, as wire values. */
    private static Object members(JsonNode answer, String... fields) {
        Map<String, Object> part = new LinkedHashMap<>();
        for (String f : fields) {
            if (answer.has(f) && !answer.get(f).isNull()) {
                part.put(f, ApiJson.mapper().convertValue(answer.get(f), Object.class));
            }
        }
        return wire(part);
    }

    @Test
    void theReferenceExampleQueriesAnswerAsWrittenWithTheRestAnswersValues() throws Exception {
        Http.Response r = graphql("query Ops($limit:Int){ events(limit:$limit){ event timestamp } businessHealth "
                + "{ healthScore revenue nextActions } attribution { bySource byCampaign } }", Map.of("limit", 100));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode data = r.json().get("data");
        assertThat(r.json().has("errors")).as(r.text()).isFalse();
        List<Map<String, Object>> events = new ArrayList<>();
        rest("GET", "/api/events?limit=100", null).get("events").forEach(e -> events.add(
                Map.of("event", e.get("event").asText(), "timestamp", e.get("timestamp").asLong())));
        assertThat(tree(data.get("events"))).isEqualTo(wire(events));
        assertThat(tree(data.get("businessHealth"))).isEqualTo(
                members(rest("GET", "/api/businesses/default/health", null), "healthScore", "revenue", "nextActions"));
        assertThat(tree(data.get("attribution")))
                .isEqualTo(members(rest("POST", "/api/attribution/query", "{}"), "bySource", "byCampaign"));

        r = graphql("query Ops($limit:Int){ events(limit:$limit){ event timestamp } businessHealth "
                + "{ healthScore revenue nextActions } metrics { metrics totalEvents } }", Map.of("limit", 100));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode metrics = r.json().get("data").get("metrics");
        assertThat(tree(metrics)).isEqualTo(members(rest("POST", "/api/metrics/query", "{}"), "metrics", "totalEvents"));
        assertThat(metrics.get("totalEvents").asLong()).isEqualTo(EVENTS);
    }

    @Test
    void rootFieldsOverHttpEqualTheirRestAnswers() throws Exception {
        Http.Response answer = graphql("{ events(limit: 1000, order: desc, channel: \"qr\") " + allFields("Event")
                + " names: metrics { eventNames { event count firstSeen lastSeen } } "
                + " metricDefinitions " + allFields("MetricDefinition")
                + " funnel(steps: [{event: \"qr.bottle_scanned\"}, {event: \"page.product_viewed\"}, "
                + "{event: \"order.created\"}], mode: \"any_order\") " + allFields("Funnel") + " }", Map.of());
        assertThat(answer.json().has("errors")).as(answer.text()).isFalse();
        JsonNode data = answer.json().get("data");
        assertThat(tree(data.get("events")))
                .isEqualTo(tree(rest("GET", "/api/events?limit=1000&order=desc&channel=qr", null).get("events")));
        assertThat(data.get("events").size()).isPositive();
        assertThat(tree(data.get("names").get("eventNames")))
                .isEqualTo(tree(rest("GET", "/api/events/names", null).get("names")));
        assertThat(tree(data.get("metricDefinitions")))
                .isEqualTo(tree(rest("GET", "/api/metrics/definitions", null).get("definitions")));
        assertThat(tree(data.get("funnel"))).isEqualTo(tree(rest("POST", "/api/funnels/query",
                "{\"steps\":[{\"event\":\"qr.bottle_scanned\"},{\"event\":\"page.product_viewed\"},"
                        + "{\"event\":\"order.created\"}],\"mode\":\"any_order\"}")));

        Http.Response r = graphql("{ agentPerformance(agentId: \"agent-x\") " + allFields("AgentPerformance")
                + " workflowStatus(workflowId: \"wf-x\") " + allFields("WorkflowStatus") + " }", Map.of());
        assertThat(r.status()).isEqualTo(200);
        if (!r.json().has("errors")) {
            JsonNode d = r.json().get("data");
            assertThat(tree(d.get("agentPerformance")))
                    .isEqualTo(wire(port.agentPerformance(new AgentPerformance.Query("agent-x", null, null, null))));
            assertThat(tree(d.get("workflowStatus")))
                    .isEqualTo(wire(port.workflowStatus(new WorkflowStatus.Query("wf-x", null, null, null, null))));
        }
    }

    @Test
    void eventPagingThroughExtensionsCursorsWalksEveryEventOnce() throws Exception {
        List<String> graph = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> vars = new LinkedHashMap<>();
            vars.put("c", cursor);
            JsonNode body = graphql("query($c: String) { all: events(limit: 500, cursor: $c) { id } }", vars).json();
            body.get("data").get("all").forEach(e -> graph.add(e.get("id").asText()));
            JsonNode cursors = body.get("extensions").get("cursors");
            cursor = cursors == null || cursors.get("all") == null ? null : cursors.get("all").asText();
        } while (cursor != null);
        List<String> restIds = new ArrayList<>();
        String next = null;
        do {
            JsonNode page = rest("GET", "/api/events?limit=1000" + (next == null ? "" : "&cursor=" + next), null);
            page.get("events").forEach(e -> restIds.add(e.get("id").asText()));
            next = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (next != null);
        assertThat(graph).hasSize(EVENTS).doesNotHaveDuplicates().isEqualTo(restIds);
    }

    @Test
    void aFieldErrorIs200WithPartialDataAndTheErrorsCodeAndStatus() throws Exception {
        Http.Response r = graphql("{ events(limit: 1) { id } businessHealth(businessId: \"nobody\") { healthScore } }",
                Map.of());
        assertThat(r.status()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("data").get("events").size()).isEqualTo(1);
        assertThat(body.get("data").get("businessHealth").isNull()).isTrue();
        JsonNode error = body.get("errors").get(0);
        assertThat(error.get("path").get(0).asText()).isEqualTo("businessHealth");
        assertThat(error.get("locations").get(0).get("line").asInt()).isEqualTo(1);
        assertThat(error.get("extensions").get("code").asText()).isEqualTo("not_found");
        assertThat(error.get("extensions").get("status").asInt()).isEqualTo(404);
        assertThat(error.get("extensions").get("details").isArray()).isTrue();
    }

    @Test
    void parseAndValidationErrorsAre400WithErrorsAndNoData() throws Exception {
        for (String query : List.of("{ events { id ", "{ events { id nope } }", "{ workflowStatus { runs { runId } } }",
                "query Q { events { id } } query Q { events { id } }")) {
            Http.Response r = graphql(query, Map.of());
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.json().has("data")).as(query).isFalse();
            assertThat(r.json().get("errors").get(0).get("message").asText()).isNotBlank();
            assertThat(r.json().get("errors").get(0).has("locations")).as(r.text()).isTrue();
        }
        Http.Response wrongType = graphql("query($l: Int) { events(limit: $l) { id } }", Map.of("l", "many"));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().has("data")).isFalse();
    }

    @Test
    void badRequestsGetTheUsualErrorBody() throws Exception {
        Http.Response r = Http.postJson(base + "/api/graphql", "{\"query\": ", Http.bearer(key));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").get("code").asText()).isEqualTo("malformed_json");
        r = Http.postJson(base + "/api/graphql", "{\"variables\": {}}", Http.bearer(key));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").get("code").asText()).isEqualTo("invalid_input");
        assertThat(r.json().get("error").get("details").get(0).get("field").asText()).isEqualTo("query");
        r = Http.postJson(base + "/api/graphql", "{\"query\": 5}", Http.bearer(key));
        assertThat(r.json().get("error").get("code").asText()).isEqualTo("invalid_input");
        r = Http.send("POST", base + "/api/graphql", "application/graphql",
                "{ events { id } }".getBytes(StandardCharsets.UTF_8), Http.bearer(key));
        assertThat(r.status()).isEqualTo(415);
        r = Http.get(base + "/api/graphql", Http.bearer(key));
        assertThat(r.status()).isEqualTo(405);
        r = Http.postJson(base + "/api/graphql", "{\"query\": \"{ events { id } }\"}");
        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    void introspectionAnswers() throws Exception {
        Http.Response r = graphql(graphql.introspection.IntrospectionQuery.INTROSPECTION_QUERY, Map.of());
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        r.json().get("data").get("__schema").get("types").forEach(t -> types.add(t.get("name").asText()));
        assertThat(types).contains("Query", "Event", "Funnel", "JSON", "Long", "BigDecimal", "WorkflowStatus");
    }

    @Test
    void everyAnswerCarriesTheProofAndIsMetered() throws Exception {
        Http.Response r = graphql("{ events(limit: 1) { id } }", Map.of());
        JsonNode proof = r.json().get("extensions").get("proof");
        assertThat(proof.get("queryId").asText()).isEqualTo(r.queryId());
        assertThat(proof.get("workspaceId").asText()).isEqualTo(engine.defaultWorkspaceId());
        Http.Response bad = graphql("{ nope }", Map.of());
        assertThat(bad.json().get("extensions").get("proof").get("queryId").asText()).isEqualTo(bad.queryId());
        long deadline = System.currentTimeMillis() + 5_000;
        JsonNode graphTotal = null;
        while (graphTotal == null && System.currentTimeMillis() < deadline) {
            for (JsonNode total : rest("GET", "/api/usage?limit=1000", null).get("totals")) {
                if (total.get("endpoint").asText().equals("/api/graphql") && total.get("calls").asLong() >= 2
                        && total.get("byStatus").has("400")) {
                    graphTotal = total;
                }
            }
            Thread.sleep(50);
        }
        assertThat(graphTotal).as("a /api/graphql total in GET /api/usage").isNotNull();
    }
}
