package com.headlessanalytics.console.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.server.LocalApiServer;
import com.headlessanalytics.console.server.ServeConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad and hostile requests against serve mode on a real engine: each gets its documented status
 * and error code, and the stored events, metric definitions and governance records (contracts,
 * grants, decisions, receipts and the chain, proof trails and the push endpoint), the trackables
 * and the tracking plans stay exactly as they were.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {
    @TempDir
    static Path dir;
    Engine engine;
    LocalApiServer server;
    HttpClient http;
    String key;
    String before;

    @BeforeAll
    void start() throws Exception {
        engine = Engine.open(dir);
        key = engine.keys().create(engine.defaultWorkspaceId(), "hostile").secret();
        server = LocalApiServer.start(engine, new ServeConfig("127.0.0.1", 0, 10_000, 10_000, 5));
        http = HttpClient.newHttpClient();
        HttpResponse<String> seeded = send("POST", "/api/ingest", "application/json", auth(),
                "{\"events\":[{\"id\":\"keep-1\",\"event\":\"order.created\",\"timestamp\":1000},"
                        + "{\"id\":\"keep-2\",\"event\":\"lead.created\",\"timestamp\":2000}]}");
        assertThat(seeded.statusCode()).isEqualTo(200);
        HttpResponse<String> defined = send("POST", "/api/metrics/definitions", "application/json", auth(),
                "{\"name\":\"orders\",\"event\":\"order.created\"}");
        assertThat(defined.statusCode()).isEqualTo(200);
        seedGovernance();
        HttpResponse<String> trackable = send("POST", "/api/trackables", "application/json", auth(),
                "{\"kind\":\"qr_code\",\"name\":\"Kept\",\"targetUrl\":\"https://example.com/kept\"}");
        assertThat(trackable.statusCode()).as(trackable.body()).isEqualTo(201);
        HttpResponse<String> plan = send("PUT", "/api/tracking-plans/kept", "application/json", auth(),
                "{\"name\":\"Kept\",\"mode\":\"off\",\"events\":[{\"name\":\"order.created\","
                        + "\"required\":[\"sku\"]}]}");
        assertThat(plan.statusCode()).as(plan.body()).isEqualTo(200);
        before = storedData();
    }

    static String contractId;
    static String grantId;
    static String decisionId;

    /**
     * One contract, grant and pending decision (proposed by this key, so it cannot approve it), a
     * receipt, a push endpoint and an exported packet.
     */
    private void seedGovernance() throws Exception {
        contractId = created("/api/governance/contracts", "{\"businessId\":\"default\",\"surface\":\"ads\","
                + "\"allowedActions\":[\"ads.budget.increase\"],\"perActionLimit\":{\"amount\":\"100\","
                + "\"currency\":\"EUR\"},\"cumulativeLimit\":{\"amount\":\"1000\",\"currency\":\"EUR\"}}");
        String principal = ApiJson.mapper().readTree(http.send(HttpRequest.newBuilder(
                URI.create(server.baseUrl() + "/api/governance/principal")).header("Authorization", auth()).build(),
                HttpResponse.BodyHandlers.ofString()).body()).get("principal").asText();
        grantId = created("/api/governance/grants", "{\"grantee\":\"" + principal + "\",\"actions\":"
                + "[\"ads.budget.increase\"],\"amountLimit\":{\"amount\":\"500\",\"currency\":\"EUR\"},"
                + "\"contractId\":\"" + contractId + "\"}");
        decisionId = created("/api/governance/decisions", "{\"proposedAction\":" + ACTION + ",\"grantId\":\""
                + grantId + "\",\"contractId\":\"" + contractId + "\",\"traceId\":\"hostile-trace\"}");
        HttpResponse<String> escrowed = send("POST", "/api/governance/enforce", "application/json", auth(),
                "{\"decisionObjectId\":\"" + decisionId + "\",\"proposedAction\":" + ACTION + "}");
        assertThat(escrowed.statusCode()).as(escrowed.body()).isEqualTo(200);
        HttpResponse<String> endpoint = send("PUT", "/api/proof-event-trails/settings", "application/json", auth(),
                "{\"endpoint\":\"https://proof.example/packets\"}");
        assertThat(endpoint.statusCode()).as(endpoint.body()).isEqualTo(200);
        HttpResponse<String> exported = send("POST", "/api/proof-event-trails/export", "application/json", auth(),
                "{\"title\":\"Seeded\",\"decisionObjectIds\":[\"" + decisionId + "\"]}");
        assertThat(exported.statusCode()).as(exported.body()).isEqualTo(201);
    }

    private String created(String path, String body) throws Exception {
        HttpResponse<String> r = send("POST", path, "application/json", auth(), body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ApiJson.mapper().readTree(r.body()).get("id").asText();
    }

    static final String ACTION = "{\"action\":\"ads.budget.increase\",\"amount\":\"25.00\",\"currency\":\"EUR\"}";

    @AfterAll
    void stop() {
        http.close();
        server.stop();
        engine.close();
    }

    static String one(String fields) {
        return "{\"event\":\"order.created\"" + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    static Arguments bad(String label, int status, String code, String body) {
        return Arguments.of(label, "POST", "/api/ingest", "application/json", true, body.getBytes(StandardCharsets.UTF_8),
                status, code);
    }

    static Arguments post(String label, String path, String body, int status, String code) {
        return Arguments.of(label, "POST", path, "application/json", true, body.getBytes(StandardCharsets.UTF_8),
                status, code);
    }

    static Arguments get(String path, int status, String code) {
        return Arguments.of("GET " + path, "GET", path, null, true, null, status, code);
    }

    static String steps(int n, String step) {
        return "{\"steps\":[" + String.join(",", java.util.Collections.nCopies(n, step)) + "]}";
    }

    /** The analytics endpoints: hostile sizes, depths, types, numbers, enum values, ids and cursors. */
    static Stream<Arguments> hostileAnalytics() {
        String funnels = "/api/funnels/query";
        String step = "{\"event\":\"order.created\"}";
        List<Arguments> cases = new ArrayList<>();
        cases.add(post("21 steps", funnels, steps(21, step), 400, "invalid_input"));
        cases.add(post("10000 steps", funnels, steps(10_000, step), 400, "invalid_input"));
        cases.add(post("steps over 512 KB", funnels, steps(40_000, step), 413, "too_large"));
        cases.add(post("no steps", funnels, "{\"steps\":[]}", 400, "invalid_input"));
        cases.add(post("a null step", funnels, "{\"steps\":[null]}", 400, "invalid_input"));
        cases.add(post("filter nested 35 deep", funnels, "{\"steps\":[{\"event\":\"a\",\"filter\":{\"x\":"
                + "{\"a\":".repeat(35) + "1" + "}".repeat(35) + "}}]}", 400, "invalid_input"));
        cases.add(post("filter nested 100 deep", funnels, "{\"steps\":[{\"event\":\"a\",\"filter\":{\"x\":"
                + "{\"a\":".repeat(100) + "1" + "}".repeat(100) + "}}]}", 400, "malformed_json"));
        cases.add(post("21 filter conditions", funnels, "{\"steps\":[{\"event\":\"a\",\"filter\":{"
                + String.join(",", java.util.stream.IntStream.range(0, 21).mapToObj(i -> "\"p" + i + "\":1").toList())
                + "}}]}", 400, "invalid_input"));
        cases.add(post("filter path with a space", funnels,
                "{\"steps\":[{\"event\":\"a\",\"filter\":{\"properties.x y\":1}}]}", 400, "invalid_input"));
        cases.add(post("steps is a number", funnels, "{\"steps\":5}", 400, "invalid_input"));
        cases.add(post("a step event is a number", funnels, "{\"steps\":[{\"event\":5}]}", 400, "invalid_input"));
        cases.add(post("windowMs as text", funnels, "{\"steps\":[" + step + "],\"windowMs\":\"1d\"}", 400,
                "invalid_input"));
        cases.add(post("windowMs negative", funnels, "{\"steps\":[" + step + "],\"windowMs\":-1}", 400,
                "invalid_input"));
        cases.add(post("windowMs 1e30", funnels, "{\"steps\":[" + step + "],\"windowMs\":1e30}", 400,
                "invalid_input"));
        cases.add(post("to beyond 64 bits", funnels, "{\"steps\":[" + step + "],\"to\":99999999999999999999}", 400,
                "invalid_input"));
        cases.add(post("from negative", funnels, "{\"steps\":[" + step + "],\"from\":-5}", 400, "invalid_input"));
        cases.add(post("from after to", funnels, "{\"steps\":[" + step + "],\"from\":10,\"to\":5}", 400,
                "invalid_input"));
        cases.add(post("mode in capitals", funnels, "{\"steps\":[" + step + "],\"mode\":\"ORDERED\"}", 400,
                "invalid_input"));
        cases.add(post("mode is true", funnels, "{\"steps\":[" + step + "],\"mode\":true}", 400, "invalid_input"));
        cases.add(post("businessId of 300 characters", funnels, "{\"steps\":[" + step + "],\"businessId\":\""
                + "b".repeat(300) + "\"}", 400, "invalid_input"));
        cases.add(post("an unknown field", funnels, "{\"stepz\":[" + step + "]}", 400, "invalid_input"));
        cases.add(post("funnel body is an array", funnels, "[" + step + "]", 400, "malformed_json"));
        cases.add(post("funnel body with duplicate keys", funnels, "{\"steps\":[],\"steps\":[]}", 400,
                "malformed_json"));
        String actors = "/api/funnels/actors";
        String funnel = "{\"steps\":[" + step + "," + step + "]}";
        cases.add(post("drill-down cursor junk", actors, "{\"funnel\":" + funnel + ",\"step\":2,\"cursor\":\"junk\"}",
                400, "invalid_input"));
        cases.add(post("drill-down cursor negative", actors, "{\"funnel\":" + funnel
                + ",\"step\":2,\"cursor\":\"-1\"}", 400, "invalid_input"));
        cases.add(post("drill-down cursor of 11 digits", actors, "{\"funnel\":" + funnel
                + ",\"step\":2,\"cursor\":\"99999999999\"}", 400, "invalid_input"));
        cases.add(post("drill-down step 0", actors, "{\"funnel\":" + funnel + ",\"step\":0}", 400,
                "invalid_input"));
        cases.add(post("drill-down step beyond int", actors, "{\"funnel\":" + funnel + ",\"step\":4294967296}",
                400, "invalid_input"));
        cases.add(post("drill-down outcome won", actors, "{\"funnel\":" + funnel + ",\"step\":2,\"outcome\":\"won\"}",
                400, "invalid_input"));
        cases.add(post("drill-down limit 1001", actors, "{\"funnel\":" + funnel + ",\"step\":2,\"limit\":1001}",
                400, "invalid_input"));
        cases.add(post("drill-down without funnel", actors, "{\"step\":2}", 400, "invalid_input"));
        String attribution = "/api/attribution/query";
        cases.add(post("model first-touch", attribution, "{\"model\":\"first-touch\"}", 400, "invalid_input"));
        cases.add(post("groupBy country", attribution, "{\"groupBy\":\"country\"}", 400, "invalid_input"));
        cases.add(post("lookbackMs of 2^63-1", attribution, "{\"lookbackMs\":9223372036854775807}", 400,
                "invalid_input"));
        cases.add(post("conversionEvent of 201 characters", attribution, "{\"conversionEvent\":\"" + "c".repeat(201)
                + "\"}", 400, "invalid_input"));
        cases.add(post("conversionEvent with a newline", attribution, "{\"conversionEvent\":\"a\\nb\"}", 400,
                "invalid_input"));
        cases.add(post("funnel step event empty", funnels, "{\"steps\":[{\"event\":\"\"}]}", 400, "invalid_input"));
        cases.add(post("funnel step event with NUL", funnels, "{\"steps\":[{\"event\":\"a\\u0000b\"}]}", 400,
                "invalid_input"));
        String metrics = "/api/metrics/query";
        cases.add(post("interval fortnight", metrics, "{\"interval\":\"fortnight\"}", 400, "invalid_input"));
        cases.add(post("groupBy country", metrics, "{\"groupBy\":\"country\"}", 400, "invalid_input"));
        cases.add(post("hourly buckets since 1970", metrics, "{\"interval\":\"hour\",\"from\":0,\"to\":1000000000000}",
                400, "invalid_input"));
        cases.add(post("metrics is a string", metrics, "{\"metrics\":\"orders\"}", 400, "invalid_input"));
        cases.add(post("persistSnapshots is 1", metrics, "{\"persistSnapshots\":1}", 400, "invalid_input"));
        String definitions = "/api/metrics/definitions";
        cases.add(post("definition name with a space", definitions, "{\"name\":\"my orders\",\"event\":\"a\"}",
                400, "invalid_input"));
        cases.add(post("definition name of 129 characters", definitions, "{\"name\":\"" + "n".repeat(129)
                + "\",\"event\":\"a\"}", 400, "invalid_input"));
        cases.add(post("sum without property", definitions, "{\"name\":\"orders\",\"event\":\"a\","
                + "\"aggregation\":\"sum\"}", 400, "invalid_input"));
        cases.add(post("aggregation median", definitions, "{\"name\":\"orders\",\"event\":\"a\","
                + "\"aggregation\":\"median\"}", 400, "invalid_input"));
        cases.add(post("definition without event", definitions, "{\"name\":\"orders\"}", 400, "invalid_input"));
        cases.add(Arguments.of("delete an unknown definition", "DELETE", definitions + "/nope", null, true, null, 404,
                "not_found"));
        cases.add(Arguments.of("delete a name of 300 characters", "DELETE", definitions + "/" + "n".repeat(300), null,
                true, null, 400, "invalid_input"));
        cases.add(Arguments.of("delete a name of 129 characters", "DELETE", definitions + "/" + "n".repeat(129), null,
                true, null, 400, "invalid_input"));
        cases.add(Arguments.of("delete a name of broken UTF-8", "DELETE", definitions + "/%C3%28", null, true, null,
                400, "invalid_input"));
        cases.add(Arguments.of("put a definition", "PUT", definitions, "application/json", true,
                "{}".getBytes(StandardCharsets.UTF_8), 405, "method_not_allowed"));
        String context = "/api/intelligence/agent-context";
        cases.add(post("agent-context mode everything", context, "{\"mode\":\"everything\"}", 400, "invalid_input"));
        cases.add(post("agent-context limit -1", context, "{\"limit\":-1}", 400, "invalid_input"));
        cases.add(post("agent-context limit 1.5", context, "{\"limit\":1.5}", 400, "invalid_input"));
        cases.add(Arguments.of("agent-context as text", "POST", context, "text/plain", true,
                "{}".getBytes(StandardCharsets.UTF_8), 415, "unsupported_media_type"));
        cases.add(Arguments.of("GET a funnel", "GET", funnels, null, true, null, 405, "method_not_allowed"));
        cases.add(Arguments.of("usage without credentials", "GET", "/api/usage", null, false, null, 401,
                "unauthorized"));
        for (String query : List.of("limit=-1", "limit=0", "limit=10001", "limit=99999999999", "from=-1", "to=1e3",
                "from=10&to=5", "cursor=1")) {
            cases.add(get("/api/usage?" + query, 400, "invalid_input"));
        }
        for (String query : List.of("limit=1001", "limit=x", "metric=", "order=desc")) {
            cases.add(get("/api/metrics/snapshots?" + query, 400, "invalid_input"));
        }
        cases.add(get("/api/businesses/" + "b".repeat(300) + "/health", 400, "invalid_input"));
        cases.add(get("/api/businesses/default/health?limit=0", 400, "invalid_input"));
        cases.add(get("/api/businesses/default/health?from=-1", 400, "invalid_input"));
        cases.add(get("/api/businesses/default/health?limit=5&limit=6", 400, "invalid_input"));
        cases.add(get("/api/businesses/nobody/health", 404, "not_found"));
        cases.add(get("/api/businesses//health", 404, "not_found"));
        return cases.stream();
    }

    static Arguments call(String label, String method, String path, String body, int status, String code) {
        return Arguments.of(label, method, path, body == null ? null : "application/json", true,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), status, code);
    }

    static String nested(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    /**
     * The governance and proof-trail endpoints: malformed and mistyped bodies, wrong content types,
     * oversized actions and evidence, deep nesting, unknown and hostile ids in paths, refused
     * transitions. Ids of the seeded contract, grant and decision are filled in by {@link #resolve}.
     */
    static Stream<Arguments> hostileGovernance() {
        List<Arguments> cases = new ArrayList<>();
        String contracts = "/api/governance/contracts";
        String contract = "{\"businessId\":\"default\",\"surface\":\"ads\",\"allowedActions\":[\"a\"],"
                + "\"perActionLimit\":{\"amount\":\"1\",\"currency\":\"EUR\"},\"cumulativeLimit\":"
                + "{\"amount\":\"2\",\"currency\":\"EUR\"}";
        cases.add(call("contract: malformed JSON", "POST", contracts, "{\"surface\":", 400, "malformed_json"));
        cases.add(call("contract: an array", "POST", contracts, "[" + contract + "}]", 400, "malformed_json"));
        cases.add(call("contract: duplicate keys", "POST", contracts, contract + ",\"surface\":\"x\"}", 400,
                "malformed_json"));
        cases.add(call("contract: surface is a number", "POST", contracts, "{\"surface\":5}", 400, "invalid_input"));
        cases.add(call("contract: an unknown field", "POST", contracts, contract + ",\"owner\":\"x\"}", 400,
                "invalid_input"));
        cases.add(call("contract: amount is a word", "POST", contracts, contract.replace("\"1\"", "\"ten\"") + "}",
                400, "invalid_input"));
        cases.add(call("contract: amount is true", "POST", contracts, contract.replace("\"1\"", "true") + "}", 400,
                "invalid_input"));
        cases.add(call("contract: negative limit", "POST", contracts, contract.replace("\"1\"", "\"-1\"") + "}",
                400, "invalid_input"));
        cases.add(call("contract: currency in lower case", "POST", contracts, contract.replace("EUR", "eur") + "}",
                400, "invalid_input"));
        cases.add(call("contract: trust tier T9", "POST", contracts, contract + ",\"minTrustTier\":\"T9\"}", 400,
                "invalid_input"));
        cases.add(call("contract: validTo before validFrom", "POST", contracts, contract
                + ",\"validFrom\":5000,\"validTo\":10}", 400, "invalid_input"));
        cases.add(call("contract: 101 actions", "POST", contracts, contract.replace("[\"a\"]", "["
                + String.join(",", java.util.Collections.nCopies(101, "\"a\"")) + "]") + "}", 400, "invalid_input"));
        cases.add(call("contract: nested 100 deep", "POST", contracts, contract + ",\"name\":" + nested(100) + "}",
                400, "malformed_json"));
        cases.add(call("contract: a body over 512 KB", "POST", contracts, contract + ",\"name\":\""
                + "n".repeat(600 * 1024) + "\"}", 413, "too_large"));
        cases.add(Arguments.of("contract: as text", "POST", contracts, "text/plain", true,
                (contract + "}").getBytes(StandardCharsets.UTF_8), 415, "unsupported_media_type"));
        cases.add(Arguments.of("contract: no credentials", "POST", contracts, "application/json", false,
                (contract + "}").getBytes(StandardCharsets.UTF_8), 401, "unauthorized"));
        cases.add(call("contracts: a query parameter", "GET", contracts + "?limit=5", null, 400, "invalid_input"));
        cases.add(call("contracts: DELETE", "DELETE", contracts, null, 405, "method_not_allowed"));
        cases.add(call("contract revoke: no reason", "POST", contracts + "/{contract}/revoke", "{}", 400,
                "invalid_input"));
        cases.add(call("contract revoke: reason of 2001", "POST", contracts + "/{contract}/revoke", "{\"reason\":\""
                + "r".repeat(2001) + "\"}", 400, "invalid_input"));
        cases.add(call("contract revoke: reason is a number", "POST", contracts + "/{contract}/revoke",
                "{\"reason\":5}", 400, "invalid_input"));
        cases.add(call("contract revoke: unknown id", "POST", contracts + "/ctr_nobody/revoke", "{\"reason\":\"x\"}",
                404, "not_found"));
        cases.add(call("contract revoke: id of 257", "POST", contracts + "/" + "c".repeat(257) + "/revoke",
                "{\"reason\":\"x\"}", 400, "invalid_input"));
        cases.add(call("contract revoke: traversal", "POST", contracts + "/..%2F..%2Fkeys/revoke",
                "{\"reason\":\"x\"}", 404, "not_found"));

        String grants = "/api/governance/grants";
        cases.add(call("grant: unknown contract", "POST", grants, "{\"grantee\":\"key_x\",\"actions\":[\"a\"],"
                + "\"amountLimit\":{\"amount\":\"1\",\"currency\":\"EUR\"},\"contractId\":\"ctr_nobody\"}",
                400, "invalid_input"));
        cases.add(call("grant: actions is a string", "POST", grants, "{\"actions\":\"a\"}", 400, "invalid_input"));
        cases.add(call("grant: validFrom as text", "POST", grants, "{\"validFrom\":\"today\"}", 400,
                "invalid_input"));
        cases.add(call("grant: empty body", "POST", grants, "", 400, "malformed_json"));
        cases.add(call("grant revoke: unknown id", "POST", grants + "/grt_nobody/revoke", "{\"reason\":\"x\"}",
                404, "not_found"));
        cases.add(call("grant revoke: no reason", "POST", grants + "/{grant}/revoke", "{\"reason\":\"\"}", 400,
                "invalid_input"));
        cases.add(call("grant revoke: broken UTF-8 id", "POST", grants + "/%C3%28/revoke", "{\"reason\":\"x\"}",
                400, "invalid_input"));

        String decisions = "/api/governance/decisions";
        String refs = ",\"grantId\":\"{grant}\",\"contractId\":\"{contract}\"";
        cases.add(call("decision: an action over 16 KB", "POST", decisions, "{\"proposedAction\":{\"action\":"
                + "\"ads.budget.increase\",\"amount\":\"1\",\"currency\":\"EUR\",\"note\":\""
                + "x".repeat(Governance.MAX_ACTION_BYTES) + "\"}" + refs + "}", 413, "too_large"));
        cases.add(call("decision: evidence over 64 KB", "POST", decisions, "{\"proposedAction\":" + ACTION + refs
                + ",\"evidence\":[{\"blob\":\"" + "e".repeat(Governance.MAX_EVIDENCE_BYTES) + "\"}]}", 413,
                "too_large"));
        cases.add(call("decision: 51 evidence items", "POST", decisions, "{\"proposedAction\":" + ACTION + refs
                + ",\"evidence\":[" + String.join(",", java.util.Collections.nCopies(51, "{}")) + "]}", 413,
                "too_large"));
        cases.add(call("decision: action nested 100 deep", "POST", decisions, "{\"proposedAction\":{\"x\":"
                + nested(100) + "}" + refs + "}", 400, "malformed_json"));
        cases.add(call("decision: action is an array", "POST", decisions, "{\"proposedAction\":[1]" + refs + "}",
                400, "invalid_input"));
        cases.add(call("decision: action without amount", "POST", decisions, "{\"proposedAction\":{\"action\":"
                + "\"a\",\"currency\":\"EUR\"}" + refs + "}", 400, "invalid_input"));
        cases.add(call("decision: amount as a binary float", "POST", decisions, "{\"proposedAction\":{\"action\":"
                + "\"a\",\"amount\":0.1000000000000000055511151231257827,\"currency\":\"EUR\"}" + refs + "}",
                400, "invalid_input"));
        cases.add(call("decision: three approvals", "POST", decisions, "{\"proposedAction\":" + ACTION + refs
                + ",\"requiredApprovals\":3}", 400, "invalid_input"));
        cases.add(call("decision: approvals as text", "POST", decisions, "{\"proposedAction\":" + ACTION + refs
                + ",\"requiredApprovals\":\"2\"}", 400, "invalid_input"));
        cases.add(call("decision: draft is yes", "POST", decisions, "{\"proposedAction\":" + ACTION + refs
                + ",\"draft\":\"yes\"}", 400, "invalid_input"));
        cases.add(call("decision: expires in a year", "POST", decisions, "{\"proposedAction\":" + ACTION + refs
                + ",\"expiresAt\":" + (System.currentTimeMillis() + 365L * 86_400_000) + "}", 400, "invalid_input"));
        cases.add(call("decision: unknown grant", "POST", decisions, "{\"proposedAction\":" + ACTION
                + ",\"grantId\":\"grt_nobody\",\"contractId\":\"{contract}\"}", 400, "invalid_input"));
        cases.add(call("decision: trust tier t3", "POST", decisions, "{\"proposedAction\":" + ACTION + refs
                + ",\"trustTier\":\"t3\"}", 400, "invalid_input"));
        cases.add(call("decisions: state sideways", "GET", decisions + "?state=sideways", null, 400,
                "invalid_input"));
        cases.add(call("decisions: state twice", "GET", decisions + "?state=draft&state=denied", null, 400,
                "invalid_input"));
        cases.add(call("decisions: an unknown parameter", "GET", decisions + "?status=draft", null, 400,
                "invalid_input"));
        cases.add(call("decision: unknown id", "GET", decisions + "/dec_nobody", null, 404, "not_found"));
        cases.add(call("decision: id of 257", "GET", decisions + "/" + "d".repeat(257), null, 400, "invalid_input"));
        cases.add(call("decision: traversal", "GET", decisions + "/..%2F..%2F..%2Fetc%2Fpasswd", null, 404,
                "not_found"));
        cases.add(call("decision: dot-dot", "GET", decisions + "/..", null, 404, "not_found"));
        cases.add(call("decision: PUT", "PUT", decisions + "/{decision}", "{}", 405, "method_not_allowed"));
        cases.add(call("submit: a pending decision", "POST", decisions + "/{decision}/submit", null, 409, "conflict"));
        cases.add(call("submit: a body with a field", "POST", decisions + "/{decision}/submit", "{\"reason\":\"x\"}",
                400, "invalid_input"));
        cases.add(call("submit: unknown id", "POST", decisions + "/dec_nobody/submit", null, 404, "not_found"));
        cases.add(call("approve: by its proposer", "POST", decisions + "/{decision}/approve", "{\"reason\":\"mine\","
                + "\"actionDigest\":\"" + "0".repeat(64) + "\"}", 403, "forbidden"));
        cases.add(call("approve: reason is a number", "POST", decisions + "/{decision}/approve", "{\"reason\":5,"
                + "\"actionDigest\":\"a\"}", 400, "invalid_input"));
        cases.add(call("approve: unknown id", "POST", decisions + "/dec_nobody/approve", "{\"reason\":\"ok\","
                + "\"actionDigest\":\"" + "0".repeat(64) + "\"}", 404, "not_found"));
        cases.add(Arguments.of("approve: as form data", "POST", decisions + "/{decision}/approve",
                "application/x-www-form-urlencoded", true, "reason=ok".getBytes(StandardCharsets.UTF_8), 415,
                "unsupported_media_type"));
        cases.add(call("deny: no reason", "POST", decisions + "/{decision}/deny", "{}", 400, "invalid_input"));
        cases.add(call("deny: reason of 2001", "POST", decisions + "/{decision}/deny", "{\"reason\":\""
                + "r".repeat(2001) + "\"}", 400, "invalid_input"));
        cases.add(call("revoke: blank reason", "POST", decisions + "/{decision}/revoke", "{\"reason\":\"   \"}", 400,
                "invalid_input"));
        cases.add(call("revoke: unknown id", "POST", decisions + "/dec_nobody/revoke", "{\"reason\":\"x\"}", 404,
                "not_found"));

        String enforce = "/api/governance/enforce";
        cases.add(call("enforce: empty body", "POST", enforce, "", 400, "malformed_json"));
        cases.add(call("enforce: no decision", "POST", enforce, "{\"proposedAction\":" + ACTION + "}", 400,
                "invalid_input"));
        cases.add(call("enforce: no action", "POST", enforce, "{\"decisionObjectId\":\"{decision}\"}", 400,
                "invalid_input"));
        cases.add(call("enforce: decision id is a number", "POST", enforce, "{\"decisionObjectId\":7,"
                + "\"proposedAction\":" + ACTION + "}", 400, "invalid_input"));
        cases.add(call("enforce: an action over 16 KB", "POST", enforce, "{\"decisionObjectId\":\"{decision}\","
                + "\"proposedAction\":{\"note\":\"" + "x".repeat(Governance.MAX_ACTION_BYTES) + "\"}}", 413,
                "too_large"));
        cases.add(call("enforce: action nested 100 deep", "POST", enforce, "{\"decisionObjectId\":\"{decision}\","
                + "\"proposedAction\":" + nested(100) + "}", 400, "malformed_json"));
        cases.add(call("enforce: attestation is a string", "POST", enforce, "{\"decisionObjectId\":\"{decision}\","
                + "\"proposedAction\":" + ACTION + ",\"attestation\":\"software_local\"}", 400, "invalid_input"));
        cases.add(call("enforce: an unknown field", "POST", enforce, "{\"decisionObjectId\":\"{decision}\","
                + "\"proposedAction\":" + ACTION + ",\"force\":true}", 400, "invalid_input"));
        cases.add(Arguments.of("enforce: as text", "POST", enforce, "text/plain", true,
                "{}".getBytes(StandardCharsets.UTF_8), 415, "unsupported_media_type"));
        cases.add(call("enforce: GET", "GET", enforce, null, 405, "method_not_allowed"));
        cases.add(call("receipts: traceId twice", "GET", "/api/governance/receipts?traceId=a&traceId=b", null, 400,
                "invalid_input"));
        cases.add(call("receipts: an unknown parameter", "GET", "/api/governance/receipts?outcome=allow", null, 400,
                "invalid_input"));
        cases.add(call("public key: a parameter", "GET", "/api/governance/public-key?format=pem", null, 400,
                "invalid_input"));
        cases.add(call("principal: POST", "POST", "/api/governance/principal", "{}", 405, "method_not_allowed"));

        String trails = "/api/proof-event-trails";
        cases.add(call("export: malformed JSON", "POST", trails + "/export", "{\"title\":", 400, "malformed_json"));
        cases.add(call("export: title is a number", "POST", trails + "/export", "{\"title\":5}", 400,
                "invalid_input"));
        cases.add(call("export: receiptIds is a string", "POST", trails + "/export", "{\"title\":\"t\","
                + "\"receiptIds\":\"r\"}", 400, "invalid_input"));
        cases.add(call("export: evidence nested 100 deep", "POST", trails + "/export", "{\"title\":\"t\","
                + "\"evidence\":[" + nested(100) + "]}", 400, "malformed_json"));
        cases.add(Arguments.of("export: as text", "POST", trails + "/export", "text/plain", true,
                "{\"title\":\"t\"}".getBytes(StandardCharsets.UTF_8), 415, "unsupported_media_type"));
        cases.add(call("preview: from as text", "POST", trails + "/preview", "{\"title\":\"t\",\"from\":\"now\"}",
                400, "invalid_input"));
        cases.add(call("packet: id of 257", "GET", trails + "/" + "p".repeat(257) + "/packet", null, 400,
                "invalid_input"));
        cases.add(call("packet: broken UTF-8 id", "GET", trails + "/%C3%28/packet", null, 400, "invalid_input"));
        cases.add(call("packet: POST", "POST", trails + "/p/packet", "{}", 405, "method_not_allowed"));
        cases.add(call("settings: endpoint is a number", "PUT", trails + "/settings", "{\"endpoint\":5}", 400,
                "invalid_input"));
        cases.add(call("settings: DELETE", "DELETE", trails + "/settings", null, 405, "method_not_allowed"));
        cases.add(call("trails: a parameter", "GET", trails + "?limit=5", null, 400, "invalid_input"));
        cases.add(call("export: no title", "POST", trails + "/export", "{\"receiptIds\":[]}", 400, "invalid_input"));
        cases.add(call("export: title of 201", "POST", trails + "/export", "{\"title\":\"" + "t".repeat(201) + "\"}",
                400, "invalid_input"));
        cases.add(call("export: title with a newline", "POST", trails + "/export", "{\"title\":\"a\\nb\"}", 400,
                "invalid_input"));
        cases.add(call("export: a blank receipt id", "POST", trails + "/export", "{\"title\":\"t\","
                + "\"receiptIds\":[\" \"]}", 400, "invalid_input"));
        cases.add(call("export: 1001 decision ids", "POST", trails + "/export", "{\"title\":\"t\","
                + "\"decisionObjectIds\":[" + String.join(",", java.util.Collections.nCopies(1001, "\"d\"")) + "]}",
                400, "invalid_input"));
        cases.add(call("export: from after to", "POST", trails + "/export", "{\"title\":\"t\",\"from\":10,"
                + "\"to\":5}", 400, "invalid_input"));
        cases.add(call("preview: a null evidence item", "POST", trails + "/preview", "{\"title\":\"t\","
                + "\"evidence\":[null]}", 400, "invalid_input"));
        cases.add(call("packet: unknown id", "GET", trails + "/prf_nobody/packet", null, 404, "not_found"));
        cases.add(call("packet: traversal to the key", "GET", trails + "/..%2F..%2Fkeys%2Fws.ed25519.pem/packet", null,
                404, "not_found"));
        cases.add(call("packet: traversal to the database", "GET", trails + "/..%2Fheadless.mv.db/packet", null, 404,
                "not_found"));
        cases.add(call("settings: plain http", "PUT", trails + "/settings", "{\"endpoint\":\"http://proof.example\"}",
                400, "invalid_input"));
        cases.add(call("settings: ftp", "PUT", trails + "/settings", "{\"endpoint\":\"ftp://proof.example\"}", 400,
                "invalid_input"));
        cases.add(call("settings: not a URL", "PUT", trails + "/settings", "{\"endpoint\":\"https://\"}", 400,
                "invalid_input"));
        return cases.stream();
    }

    /** {@code path} or {@code body} with the seeded ids put in for {contract}, {grant} and {decision}. */
    static String resolve(String text) {
        return text.replace("{contract}", contractId).replace("{grant}", grantId).replace("{decision}", decisionId);
    }

    static Stream<Arguments> hostile() {
        List<Arguments> cases = new ArrayList<>();
        cases.add(bad("missing event", 400, "invalid_input", "{\"actor\":\"a\"}"));
        cases.add(bad("event null", 400, "invalid_input", "{\"event\":null}"));
        cases.add(bad("event is a number", 400, "invalid_input", "{\"event\":42}"));
        cases.add(bad("event is an object", 400, "invalid_input", "{\"event\":{\"name\":\"a.b\"}}"));
        cases.add(bad("event empty", 400, "invalid_input", "{\"event\":\"\"}"));
        cases.add(bad("event blank", 400, "invalid_input", "{\"event\":\"   \"}"));
        cases.add(bad("event with NUL", 400, "invalid_input", "{\"event\":\"order\\u0000created\"}"));
        cases.add(bad("event with a newline", 400, "invalid_input", "{\"event\":\"order\\ncreated\"}"));
        cases.add(bad("event with DEL", 400, "invalid_input", "{\"event\":\"order\\u007fcreated\"}"));
        cases.add(bad("event with C1 NEL", 400, "invalid_input", "{\"event\":\"order\\u0085created\"}"));
        cases.add(bad("event with raw C1 CSI", 400, "invalid_input", "{\"event\":\"order\u009bcreated\"}"));
        cases.add(bad("event of 201 characters", 400, "invalid_input", "{\"event\":\"" + "a".repeat(201) + "\"}"));
        cases.add(bad("event of 201 non-BMP characters", 400, "invalid_input",
                "{\"event\":\"" + "😀".repeat(201) + "\"}"));
        cases.add(bad("trust tier T5", 400, "invalid_input", one("\"trustTier\":\"T5\"")));
        cases.add(bad("trust tier lower case", 400, "invalid_input", one("\"trustTier\":\"t1\"")));
        cases.add(bad("timestamp string", 400, "invalid_input", one("\"timestamp\":\"2026-01-01\"")));
        cases.add(bad("timestamp fractional", 400, "invalid_input", one("\"timestamp\":1.5")));
        cases.add(bad("timestamp negative", 400, "invalid_input", one("\"timestamp\":-1")));
        cases.add(bad("timestamp far future", 400, "invalid_input", one("\"timestamp\":99999999999999")));
        cases.add(bad("timestamp huge", 400, "invalid_input", one("\"timestamp\":1e30")));
        cases.add(bad("actor is a number", 400, "invalid_input", one("\"actor\":7")));
        cases.add(bad("actor is an array", 400, "invalid_input", one("\"actor\":[\"a\"]")));
        cases.add(bad("properties is an array", 400, "invalid_input", one("\"properties\":[1]")));
        cases.add(bad("source is a string", 400, "invalid_input", one("\"source\":\"google\"")));
        cases.add(bad("unknown field", 400, "invalid_input", one("\"timeStamp\":1")));
        cases.add(bad("id empty", 400, "invalid_input", one("\"id\":\"\"")));
        cases.add(bad("id too long", 400, "invalid_input", one("\"id\":\"" + "i".repeat(257) + "\"")));
        cases.add(bad("id with a newline", 400, "invalid_input", one("\"id\":\"a\\nb\"")));
        cases.add(bad("businessId with a slash", 400, "invalid_input", one("\"businessId\":\"../x\"")));
        cases.add(bad("lone surrogate in a value", 400, "invalid_input", one("\"properties\":{\"x\":\"\\ud800\"}")));
        cases.add(bad("lone surrogate in a key", 400, "malformed_json", one("\"properties\":{\"\\udc00\":1}")));
        cases.add(bad("not JSON", 400, "malformed_json", "hello"));
        cases.add(bad("truncated JSON", 400, "malformed_json", "{\"event\":\"a.b\""));
        cases.add(bad("empty body", 400, "malformed_json", ""));
        cases.add(bad("array at top level", 400, "malformed_json", "[{\"event\":\"a.b\"}]"));
        cases.add(bad("string at top level", 400, "malformed_json", "\"a.b\""));
        cases.add(bad("duplicate keys", 400, "malformed_json", "{\"event\":\"a.b\",\"event\":\"c.d\"}"));
        cases.add(bad("trailing garbage", 400, "malformed_json", "{\"event\":\"a.b\"} x"));
        cases.add(bad("NaN", 400, "malformed_json", one("\"properties\":{\"x\":NaN}")));
        cases.add(bad("nested 100 deep", 400, "malformed_json",
                one("\"properties\":" + "{\"a\":".repeat(100) + "1" + "}".repeat(100))));
        cases.add(bad("nested 35 deep", 400, "invalid_input",
                one("\"properties\":" + "{\"a\":".repeat(35) + "1" + "}".repeat(35))));
        cases.add(bad("events is a string", 400, "invalid_input", "{\"events\":\"x\"}"));
        cases.add(bad("events holds numbers", 400, "invalid_input", "{\"events\":[1,2]}"));
        cases.add(bad("events is empty", 400, "invalid_input", "{\"events\":[]}"));
        cases.add(bad("one bad event in a batch", 400, "invalid_input",
                "{\"events\":[{\"id\":\"new-1\",\"event\":\"a.b\"},{\"event\":\"a\\tb\"}]}"));
        cases.add(bad("an event over 32 KB", 413, "too_large",
                one("\"properties\":{\"blob\":\"" + "x".repeat(33 * 1024) + "\"}")));
        StringBuilder many = new StringBuilder("{\"events\":[");
        for (int i = 0; i < 1001; i++) {
            many.append(i == 0 ? "" : ",").append("{\"event\":\"a.b\"}");
        }
        cases.add(bad("1001 events", 413, "too_large", many.append("]}").toString()));
        cases.add(bad("a body over 512 KB", 413, "too_large",
                "{\"events\":[" + one("\"properties\":{\"p\":\"" + "z".repeat(600 * 1024) + "\"}") + "]}"));
        cases.add(Arguments.of("invalid UTF-8", "POST", "/api/ingest", "application/json", true,
                new byte[] {'{', '"', 'e', 'v', 'e', 'n', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                400, "malformed_json"));
        byte[] ok = one("").getBytes(StandardCharsets.UTF_8);
        cases.add(Arguments.of("text/plain", "POST", "/api/ingest", "text/plain", true, ok, 415, "unsupported_media_type"));
        cases.add(Arguments.of("latin-1 charset", "POST", "/api/ingest", "application/json; charset=iso-8859-1", true,
                ok, 415, "unsupported_media_type"));
        cases.add(Arguments.of("no credentials", "POST", "/api/ingest", "application/json", false, ok, 401,
                "unauthorized"));
        cases.add(Arguments.of("wrong method", "GET", "/api/ingest", null, true, null, 405, "method_not_allowed"));
        cases.add(Arguments.of("delete events", "DELETE", "/api/events", null, true, null, 405, "method_not_allowed"));
        cases.add(Arguments.of("unknown path", "GET", "/api/nothing-here", null, true, null, 404, "not_found"));
        for (String query : List.of("limit=0", "limit=1001", "limit=abc", "from=yesterday", "to=1.5", "order=sideways",
                "cursor=junk", "colour=blue", "from=10&to=5")) {
            cases.add(Arguments.of("events?" + query, "GET", "/api/events?" + query, null, true, null, 400,
                    "invalid_input"));
        }
        return cases.stream();
    }

    /** The trackable routes: bad kinds, huge and control-character names and codes, bad targets, unknown codes. */
    static Stream<Arguments> hostileTrackables() {
        String url = ",\"targetUrl\":\"https://example.com/p\"";
        List<Arguments> cases = new ArrayList<>();
        for (String[] c : new String[][] {
            {"kind qr", "{\"kind\":\"qr\",\"name\":\"n\"}"},
            {"kind upper case", "{\"kind\":\"QR_CODE\",\"name\":\"n\"}"},
            {"kind number", "{\"kind\":5,\"name\":\"n\"}"},
            {"kind missing", "{\"name\":\"n\"}"},
            {"kind with NUL", "{\"kind\":\"qr_code\\u0000\",\"name\":\"n\"}"},
            {"name missing", "{\"kind\":\"qr_code\"}"},
            {"name empty", "{\"kind\":\"qr_code\",\"name\":\"\"}"},
            {"name blank", "{\"kind\":\"qr_code\",\"name\":\"   \"}"},
            {"name 201 characters", "{\"kind\":\"qr_code\",\"name\":\"" + "n".repeat(201) + "\"}"},
            {"name 100,000 characters", "{\"kind\":\"qr_code\",\"name\":\"" + "n".repeat(100_000) + "\"}"},
            {"name with a line break", "{\"kind\":\"qr_code\",\"name\":\"a\\nb\"}"},
            {"name with NUL", "{\"kind\":\"qr_code\",\"name\":\"a\\u0000\"}"},
            {"name with a tab", "{\"kind\":\"qr_code\",\"name\":\"a\\tb\"}"},
            {"name with DEL-range C1 control", "{\"kind\":\"qr_code\",\"name\":\"a\\u0085\"}"},
            {"name a number", "{\"kind\":\"qr_code\",\"name\":7}"},
            {"javascript target", "{\"kind\":\"qr_code\",\"name\":\"n\",\"targetUrl\":\"javascript:alert(1)\"}"},
            {"ftp target", "{\"kind\":\"qr_code\",\"name\":\"n\",\"targetUrl\":\"ftp://example.com/x\"}"},
            {"relative target", "{\"kind\":\"qr_code\",\"name\":\"n\",\"targetUrl\":\"/p\"}"},
            {"target without host", "{\"kind\":\"qr_code\",\"name\":\"n\",\"targetUrl\":\"https://\"}"},
            {"target with a space", "{\"kind\":\"qr_code\",\"name\":\"n\",\"targetUrl\":\"https://a b.com\"}"},
            {"target with a line break",
                "{\"kind\":\"qr_code\",\"name\":\"n\",\"targetUrl\":\"https://a.com/\\r\\nX: y\"}"},
            {"target 2001 characters", "{\"kind\":\"qr_code\",\"name\":\"n\",\"targetUrl\":\"https://a.com/"
                + "p".repeat(1990) + "\"}"},
            {"event name with BEL", "{\"kind\":\"qr_code\",\"name\":\"n\"" + url + ",\"eventName\":\"a\\u0007\"}"},
            {"event name 201 characters", "{\"kind\":\"qr_code\",\"name\":\"n\",\"eventName\":\""
                + "e".repeat(201) + "\"}"},
            {"businessId 300 characters", "{\"kind\":\"qr_code\",\"name\":\"n\",\"businessId\":\""
                + "b".repeat(300) + "\"}"},
            {"includeQrSvg a string", "{\"kind\":\"qr_code\",\"name\":\"n\",\"includeQrSvg\":\"yes\"}"},
            {"unknown field", "{\"kind\":\"qr_code\",\"name\":\"n\",\"code\":\"AAAAAAAA\"}"}}) {
            cases.add(post("trackable " + c[0], "/api/trackables", c[1], 400, "invalid_input"));
        }
        cases.add(post("trackable not JSON", "/api/trackables", "{\"kind\":", 400, "malformed_json"));
        cases.add(Arguments.of("trackable text/plain", "POST", "/api/trackables", "text/plain", true,
                "{}".getBytes(StandardCharsets.UTF_8), 415, "unsupported_media_type"));
        cases.add(Arguments.of("trackable without credentials", "POST", "/api/trackables", "application/json", false,
                "{\"kind\":\"qr_code\",\"name\":\"n\"}".getBytes(StandardCharsets.UTF_8), 401, "unauthorized"));
        cases.add(Arguments.of("delete trackables", "DELETE", "/api/trackables", null, true, null, 405,
                "method_not_allowed"));
        cases.add(Arguments.of("put a trackable", "PUT", "/api/trackables/ZZZZZZZZ", "application/json", true,
                "{}".getBytes(StandardCharsets.UTF_8), 405, "method_not_allowed"));
        for (String query : List.of("limit=0", "limit=1001", "limit=x", "kind=QR", "kind=%00", "code=%00AB",
                "code=!!!", "q=" + "q".repeat(201), "q=a%0Ab", "colour=red")) {
            cases.add(get("/api/trackables?" + query, 400, "invalid_input"));
        }
        for (String code : List.of("%00ABCDEFG", "AB%0ACDEFG", "A".repeat(300))) {
            cases.add(get("/api/trackables/" + code, 400, "invalid_input"));
        }
        for (String code : List.of("ZZZZZZZZ", "UUUUUUUU", "abc", "%3Cscript%3E")) {
            cases.add(get("/api/trackables/" + code, 404, "not_found"));
        }
        cases.add(get("/api/events?trackable=" + "t".repeat(300), 400, "invalid_input"));
        return cases.stream();
    }

    static Arguments put(String label, String path, String body, int status, String code) {
        return Arguments.of(label, "PUT", path, "application/json", true, body.getBytes(StandardCharsets.UTF_8),
                status, code);
    }

    /** The tracking-plan routes: bad ids, wrong types, bad regexes, huge plans, unknown plans. */
    static Stream<Arguments> hostileTrackingPlans() {
        String plans = "/api/tracking-plans/";
        String ok = "{\"mode\":\"warn\"}";
        List<Arguments> cases = new ArrayList<>();
        for (String id : List.of("bad%20id", "a%2Fb", "%00x", "x".repeat(65), "%C3%A9t%C3%A9", "a%0Ab")) {
            cases.add(put("plan id " + id, plans + id, ok, 400, "invalid_input"));
            cases.add(Arguments.of("delete plan id " + id, "DELETE", plans + id, null, true, null, 400,
                    "invalid_input"));
        }
        StringBuilder many = new StringBuilder("{\"mode\":\"warn\",\"events\":[");
        for (int i = 0; i <= 500; i++) {
            many.append(i == 0 ? "" : ",").append("{\"name\":\"e").append(i).append("\"}");
        }
        StringBuilder props = new StringBuilder("{\"mode\":\"warn\",\"events\":[{\"name\":\"e\",\"properties\":{");
        for (int i = 0; i <= 200; i++) {
            props.append(i == 0 ? "" : ",").append("\"p").append(i).append("\":{\"type\":\"string\"}");
        }
        for (String[] c : new String[][] {
            {"body id differs from the path", "{\"id\":\"other\",\"mode\":\"warn\"}"},
            {"mode missing", "{\"name\":\"n\"}"},
            {"mode unknown", "{\"mode\":\"loud\"}"},
            {"mode upper case", "{\"mode\":\"WARN\"}"},
            {"mode a number", "{\"mode\":1}"},
            {"name 201 characters", "{\"mode\":\"warn\",\"name\":\"" + "n".repeat(201) + "\"}"},
            {"name a number", "{\"mode\":\"warn\",\"name\":5}"},
            {"naming rule not a regex", "{\"mode\":\"warn\",\"namingRule\":\"([a-z\"}"},
            {"naming rule 501 characters", "{\"mode\":\"warn\",\"namingRule\":\"" + "a".repeat(501) + "\"}"},
            {"allowUnplanned a string", "{\"mode\":\"warn\",\"allowUnplanned\":\"no\"}"},
            {"events an object", "{\"mode\":\"warn\",\"events\":{}}"},
            {"501 events", many + "]}"},
            {"201 properties", props + "}}]}"},
            {"event name missing", "{\"mode\":\"warn\",\"events\":[{\"required\":[\"a\"]}]}"},
            {"event name with NUL", "{\"mode\":\"warn\",\"events\":[{\"name\":\"a\\u0000\"}]}"},
            {"event planned twice", "{\"mode\":\"warn\",\"events\":[{\"name\":\"a\"},{\"name\":\"a\"}]}"},
            {"required a string", "{\"mode\":\"warn\",\"events\":[{\"name\":\"a\",\"required\":\"sku\"}]}"},
            {"required empty name", "{\"mode\":\"warn\",\"events\":[{\"name\":\"a\",\"required\":[\"\"]}]}"},
            {"type unknown", "{\"mode\":\"warn\",\"events\":[{\"name\":\"a\",\"properties\":"
                + "{\"sku\":{\"type\":\"text\"}}}]}"},
            {"type a number", "{\"mode\":\"warn\",\"events\":[{\"name\":\"a\",\"properties\":"
                + "{\"sku\":{\"type\":3}}}]}"},
            {"allowed an object value", "{\"mode\":\"warn\",\"events\":[{\"name\":\"a\",\"properties\":"
                + "{\"sku\":{\"allowed\":[{\"a\":1}]}}}]}"},
            {"allowed null", "{\"mode\":\"warn\",\"events\":[{\"name\":\"a\",\"properties\":"
                + "{\"sku\":{\"allowed\":[null]}}}]}"},
            {"allowed off its type", "{\"mode\":\"warn\",\"events\":[{\"name\":\"a\",\"properties\":"
                + "{\"n\":{\"type\":\"integer\",\"allowed\":[1.5]}}}]}"},
            {"unknown field", "{\"mode\":\"warn\",\"colour\":\"red\"}"}}) {
            cases.add(put("plan " + c[0], plans + "kept", c[1], 400, "invalid_input"));
        }
        cases.add(put("plan over 512 KB", plans + "kept", "{\"mode\":\"warn\",\"name\":\""
                + "n".repeat(600_000) + "\"}", 413, "too_large"));
        cases.add(put("plan not JSON", plans + "kept", "{\"mode\":", 400, "malformed_json"));
        cases.add(put("plan an array", plans + "kept", "[]", 400, "malformed_json"));
        cases.add(put("plan with duplicate keys", plans + "kept", "{\"mode\":\"warn\",\"mode\":\"off\"}", 400,
                "malformed_json"));
        cases.add(Arguments.of("plan text/plain", "PUT", plans + "kept", "text/plain", true,
                ok.getBytes(StandardCharsets.UTF_8), 415, "unsupported_media_type"));
        cases.add(Arguments.of("plan without credentials", "PUT", plans + "kept", "application/json", false,
                ok.getBytes(StandardCharsets.UTF_8), 401, "unauthorized"));
        cases.add(post("post a plan", "/api/tracking-plans", ok, 405, "method_not_allowed"));
        cases.add(Arguments.of("patch a plan", "PATCH", plans + "kept", "application/json", true,
                ok.getBytes(StandardCharsets.UTF_8), 405, "method_not_allowed"));
        cases.add(Arguments.of("delete an unknown plan", "DELETE", plans + "unknown", null, true, null, 404,
                "not_found"));
        for (String query : List.of("limit=0", "limit=10001", "limit=x", "limit=-1", "colour=red")) {
            cases.add(get(plans + "kept/violations?" + query, 400, "invalid_input"));
        }
        cases.add(get(plans + "unknown/violations", 404, "not_found"));
        cases.add(get(plans + "bad%20id/violations", 400, "invalid_input"));
        cases.add(get("/api/tracking-plans?limit=5", 400, "invalid_input"));
        return cases.stream();
    }

    /** Connector ingest and destination exports: bad providers, records of the wrong shape, huge ones, bad configs. */
    static Stream<Arguments> hostileIntegrations() {
        String ingest = "/api/connectors/ingest";
        String export = "/api/exports/destinations";
        String order = "{\"id\":\"o1\",\"total_price\":\"10.00\",\"currency\":\"USD\"}";
        List<Arguments> cases = new ArrayList<>();
        for (String[] c : new String[][] {
            {"unknown provider", "{\"provider\":\"myspace\",\"records\":[" + order + "]}"},
            {"provider missing", "{\"records\":[" + order + "]}"},
            {"provider a number", "{\"provider\":5,\"records\":[" + order + "]}"},
            {"records missing", "{\"provider\":\"shopify\"}"},
            {"records an object", "{\"provider\":\"shopify\",\"records\":" + order + "}"},
            {"a record that is a string", "{\"provider\":\"shopify\",\"records\":[\"order\"]}"},
            {"unknown record type", "{\"provider\":\"shopify\",\"recordType\":\"spaceship\",\"records\":["
                + order + "]}"},
            {"a record that cannot be mapped", "{\"provider\":\"shopify\",\"recordType\":\"order\",\"records\":["
                + order + ",{\"id\":\"o2\",\"total_price\":\"ten\"}]}"},
            {"dryRun a string", "{\"provider\":\"shopify\",\"dryRun\":\"yes\",\"records\":[" + order + "]}"},
            {"unknown field", "{\"provider\":\"shopify\",\"records\":[" + order + "],\"store\":true}"}}) {
            cases.add(post("connector " + c[0], ingest, c[1], 400, "invalid_input"));
        }
        cases.add(post("connector 1001 records", ingest, "{\"provider\":\"generic\",\"records\":["
                + String.join(",", java.util.Collections.nCopies(1001, order)) + "]}", 413, "too_large"));
        cases.add(post("connector record over 64 KiB", ingest, "{\"provider\":\"generic\",\"records\":[{\"id\":\"big\","
                + "\"note\":\"" + "x".repeat(70_000) + "\"}]}", 413, "too_large"));
        cases.add(post("connector body over 4 MiB", ingest, "{\"provider\":\"generic\",\"records\":["
                + String.join(",", java.util.Collections.nCopies(70, "{\"note\":\"" + "x".repeat(60_000) + "\"}"))
                + "]}", 413, "too_large"));
        cases.add(post("connector not JSON", ingest, "{\"provider\":", 400, "malformed_json"));
        cases.add(Arguments.of("connector text/csv", "POST", ingest, "text/csv", true,
                "id,total_price".getBytes(StandardCharsets.UTF_8), 415, "unsupported_media_type"));
        cases.add(Arguments.of("connector without credentials", "POST", ingest, "application/json", false,
                ("{\"provider\":\"shopify\",\"records\":[" + order + "]}").getBytes(StandardCharsets.UTF_8), 401,
                "unauthorized"));
        cases.add(get(ingest, 405, "method_not_allowed"));
        cases.add(get("/api/connectors/providers?provider=shopify", 400, "invalid_input"));

        String bq = "\"config\":{\"projectId\":\"analytics-prod\",\"datasetId\":\"d\",\"tableId\":\"t\"}";
        for (String[] c : new String[][] {
            {"destination missing", "{" + bq + "}"},
            {"destination unknown", "{\"destination\":\"oracle\"," + bq + "}"},
            {"destination a number", "{\"destination\":3," + bq + "}"},
            {"limit 0", "{\"destination\":\"bigquery\",\"limit\":0," + bq + "}"},
            {"limit over a million", "{\"destination\":\"bigquery\",\"limit\":1000001," + bq + "}"},
            {"limit a string", "{\"destination\":\"bigquery\",\"limit\":\"500\"," + bq + "}"},
            {"records an object", "{\"destination\":\"bigquery\",\"records\":{}," + bq + "}"},
            {"config a string", "{\"destination\":\"bigquery\",\"config\":\"prod\"}"},
            {"s3 without a bucket", "{\"destination\":\"s3\",\"config\":{\"prefix\":\"x/\"}}"},
            {"https to a plain http host", "{\"destination\":\"https\",\"config\":{\"url\":\"http://example.com/in\"}}"},
            {"https without a url", "{\"destination\":\"https\",\"config\":{}}"},
            {"unknown field", "{\"destination\":\"bigquery\",\"format\":\"xml\"," + bq + "}"}}) {
            cases.add(post("export " + c[0], export, c[1], 400, "invalid_input"));
        }
        cases.add(post("export 1001 records", export, "{\"destination\":\"bigquery\",\"records\":["
                + String.join(",", java.util.Collections.nCopies(1001, "{\"a\":1}")) + "]," + bq + "}", 413,
                "too_large"));
        cases.add(post("export body over 1 MiB", export, "{\"destination\":\"bigquery\",\"records\":["
                + String.join(",", java.util.Collections.nCopies(20, "{\"note\":\"" + "x".repeat(60_000) + "\"}"))
                + "]," + bq + "}", 413, "too_large"));
        cases.add(Arguments.of("export text/plain", "POST", export, "text/plain", true,
                "{}".getBytes(StandardCharsets.UTF_8), 415, "unsupported_media_type"));
        cases.add(get(export, 405, "method_not_allowed"));
        for (String query : List.of("limit=0", "limit=1001", "limit=x", "colour=red")) {
            cases.add(get("/api/exports/receipts?" + query, 400, "invalid_input"));
        }
        cases.add(post("retry of an unknown export", "/api/exports/receipts/exp_unknown/retry", "{}", 404,
                "not_found"));
        cases.add(post("retry with an unknown field", "/api/exports/receipts/exp_unknown/retry", "{\"limit\":1}", 400,
                "invalid_input"));
        cases.add(get("/api/exports/receipts/exp_unknown/retry", 405, "method_not_allowed"));
        return cases.stream();
    }

    /** Each refused connector or export request leaves the events, the receipts and the staging folder as they were. */
    @ParameterizedTest(name = "{0} -> {6}")
    @MethodSource("hostileIntegrations")
    void connectorAndExportRequestsGetTheirDocumentedStatusAndLeaveNothing(String label, String method, String path,
            String contentType, boolean authenticated, byte[] body, int status, String code) throws Exception {
        String receipts = read("/api/exports/receipts?limit=1000", "receipts").toString();
        List<Path> staged = staged();
        getsItsDocumentedStatusAndChangesNothing(label, method, path, contentType, authenticated, body, status, code);
        assertThat(read("/api/exports/receipts?limit=1000", "receipts").toString()).isEqualTo(receipts);
        assertThat(staged()).isEqualTo(staged);
    }

    /** Every file and folder under the data folder's exports. */
    private static List<Path> staged() throws java.io.IOException {
        Path exports = dir.resolve("exports");
        if (!java.nio.file.Files.exists(exports)) {
            return List.of();
        }
        try (Stream<Path> all = java.nio.file.Files.walk(exports)) {
            return all.sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0} -> {6}")
    @MethodSource({"hostile", "hostileAnalytics", "hostileGovernance", "hostileTrackables", "hostileTrackingPlans"})
    void getsItsDocumentedStatusAndChangesNothing(String label, String method, String path, String contentType,
                                                  boolean authenticated, byte[] body, int status, String code)
            throws Exception {
        byte[] sent = body == null ? null
                : resolve(new String(body, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + resolve(path)))
                .method(method, sent == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(sent));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authenticated) {
            request.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = ApiJson.mapper().readTree(response.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("details").isArray()).isTrue();
        assertThat(response.headers().firstValue("X-HA-Query-ID")).isPresent();
        assertThat(storedData()).isEqualTo(before);
    }

    /**
     * Names that are not dot-notated are accepted (they were refused before the reference was read
     * as "usually dot-notated") and read back by a percent-encoded or '+'-encoded name filter.
     */
    @org.junit.jupiter.api.Test
    void acceptsNamesThatAreNotDotNotatedAndFindsThemByEncodedName() throws Exception {
        HttpResponse<String> ingested = send("POST", "/api/ingest", "application/json", auth(),
                "{\"events\":[{\"id\":\"free-1\",\"event\":\"Order Completed\",\"timestamp\":3000},"
                        + "{\"id\":\"free-2\",\"event\":\"注文.作成\",\"timestamp\":4000},"
                        + "{\"id\":\"free-3\",\"event\":\"order..created\",\"timestamp\":5000}]}");
        assertThat(ingested.statusCode()).as(ingested.body()).isEqualTo(200);
        try {
            for (String query : List.of("event=Order+Completed", "event=Order%20Completed")) {
                assertThat(read("/api/events?" + query, "events").findValuesAsText("id")).as(query)
                        .containsExactly("free-1");
            }
            String cjk = java.net.URLEncoder.encode("注文.作成", StandardCharsets.UTF_8);
            assertThat(read("/api/events?event=" + cjk, "events").findValuesAsText("id")).containsExactly("free-2");
            assertThat(read("/api/events?event=order..created", "events").findValuesAsText("id"))
                    .containsExactly("free-3");
        } finally {
            before = storedData();
        }
    }

    private HttpResponse<String> send(String method, String path, String type, String auth, String body)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", type).header("Authorization", auth)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String auth() {
        return "Bearer " + key;
    }

    /** The stored events, metric definitions and governance records, and the chain's status, as JSON text. */
    private String storedData() throws Exception {
        return read("/api/events?limit=1000", "events").toString()
                + read("/api/metrics/definitions", "definitions").toString()
                + read("/api/governance/contracts", "contracts").toString()
                + read("/api/governance/grants", "grants").toString()
                + read("/api/governance/decisions", "decisions").toString()
                + read("/api/governance/receipts", "receipts").toString()
                + read("/api/governance/receipts", "chain").toString()
                + read("/api/proof-event-trails", "trails").toString()
                + read("/api/proof-event-trails/settings", "endpoint").toString()
                + read("/api/trackables", "trackables").toString()
                + read("/api/tracking-plans", "plans").toString();
    }

    private JsonNode read(String path, String field) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", auth()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return ApiJson.mapper().readTree(r.body()).get(field);
    }
}
