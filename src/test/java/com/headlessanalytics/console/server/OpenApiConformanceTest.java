package com.headlessanalytics.console.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.engine.Engine;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the OpenAPI document true: serve mode over a real engine (H2 files in a temporary folder)
 * with real API keys, real requests to every route over loopback — successes and error answers —
 * and each real answer checked against the schema the served document gives for its route and
 * status. A mismatch names the route, the status and the schema's complaint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiConformanceTest {
    private static final String JSON = "application/json";

    @TempDir
    static Path dir;
    Engine engine;
    LocalApiServer server;
    String key;
    String approverKey;
    OpenApiSchemas schemas;
    final Set<String> exercised = new ConcurrentSkipListSet<>();
    final List<String> mismatches = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        engine = Engine.open(dir);
        key = engine.keys().create(engine.defaultWorkspaceId(), "agent").secret();
        approverKey = engine.keys().create(engine.defaultWorkspaceId(), "approver").secret();
        server = LocalApiServer.start(engine, new ServeConfig("127.0.0.1", 0, 10_000, 10_000, 5));
        Http.Response doc = Http.get(server.baseUrl() + "/api/openapi");
        assertThat(doc.status()).as(doc.text()).isEqualTo(200);
        schemas = new OpenApiSchemas(doc.json());
        conform(Route.OPENAPI, "GET", doc);
        assertNoMismatch();
    }

    @BeforeEach
    void forgetEarlierMismatches() {
        mismatches.clear();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.stop();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void ingestEventsAndNames() throws Exception {
        call(Route.INGEST, "POST", "/api/ingest", JSON, """
                {"event":"qr.bottle_scanned","actor":{"type":"customer","id":"anon_123"},
                 "object":{"type":"product","id":"olive-oil-500ml"},
                 "source":{"channel":"qr","campaign":"spring-launch"},"properties":{"sku":"olive-oil-500ml"}}""", 200);
        call(Route.INGEST, "POST", "/api/ingest", JSON, """
                {"events":[{"id":"o-1","event":"order.created","timestamp":1794787200000,"actor":"anon_1",
                            "source":{"channel":"paid"},"properties":{"revenue":"149.00"},"trustTier":"T3"},
                           {"id":"o-1","event":"order.created","timestamp":1794787200000},
                           {"id":"v-1","event":"page.product_viewed","timestamp":1794787100000,"actor":"anon_1",
                            "traceId":"t-1","decisionId":"d-1","proofId":"p-1","entity":{"type":"page","id":"p/1"},"context":{},
                            "attribution":{"campaign":"spring"},"trackable":{"code":"K4Z2M9QA"},"outcome":{},
                            "complianceMapping":{"soc2":"CC1"}}]}""", 200);
        call(Route.INGEST, "POST", "/api/ingest", JSON, "{\"events\":[{\"event\":\"a\"},{\"timestamp\":\"x\"}]}", 400);
        call(Route.INGEST, "POST", "/api/ingest", JSON, "{\"event\":", 400);
        call(Route.INGEST, "POST", "/api/ingest", "text/plain", "{\"event\":\"a\"}", 415);
        call(Route.INGEST, "POST", "/api/ingest", JSON, "{\"event\":\"" + "x".repeat(600_000) + "\"}", 413);
        Http.Response anonymous = Http.postJson(server.baseUrl() + "/api/ingest", "{\"event\":\"a\"}");
        conform(Route.INGEST, "POST", anonymous, 401);
        Http.Response jwt = Http.postJson(server.baseUrl() + "/api/ingest", "{\"event\":\"a\"}",
                "Authorization", "Bearer aaa.bbb.ccc", "X-HA-Workspace-ID", engine.defaultWorkspaceId());
        conform(Route.INGEST, "POST", jwt, 401);
        Http.Response otherWorkspace = Http.postJson(server.baseUrl() + "/api/ingest", "{\"event\":\"a\"}",
                "Authorization", "Bearer " + key, "X-HA-Workspace-ID", "ws_someone_else");
        conform(Route.INGEST, "POST", otherWorkspace, 403);

        JsonNode page = call(Route.EVENTS, "GET", "/api/events?limit=1&order=desc", null, null, 200);
        call(Route.EVENTS, "GET", "/api/events?cursor=" + page.get("nextCursor").asText() + "&limit=1&order=desc",
                null, null, 200);
        call(Route.EVENTS, "GET", "/api/events?traceId=t-1&event=page.product_viewed&channel=paid&from=0&to="
                + Long.MAX_VALUE, null, null, 200);
        call(Route.EVENTS, "GET", "/api/events?form=1", null, null, 400);
        call(Route.EVENT_NAMES, "GET", "/api/events/names", null, null, 200);
        call(Route.EVENT_NAMES, "GET", "/api/events/names?businessId=default", null, null, 200);
        call(Route.EVENT_NAMES, "GET", "/api/events/names?x=1", null, null, 400);

        Http.Response wrongMethod = Http.get(server.baseUrl() + "/api/ingest", Http.bearer(key));
        conformTo("GET /api/ingest (405)", schemas.resolve(schemas.document().at("/components/responses/MethodNotAllowed")),
                wrongMethod, 405);
        Http.Response noRoute = Http.get(server.baseUrl() + "/api/nowhere", Http.bearer(key));
        conformTo("GET /api/nowhere (404)", schemas.resolve(schemas.document().at("/components/responses/NotFound")),
                noRoute, 404);
        assertNoMismatch();
    }

    @Test
    void healthAndUsage() throws Exception {
        conform(Route.HEALTH, "GET", Http.get(server.baseUrl() + "/api/health"), 200);
        conform(Route.HEALTH, "GET", Http.get(server.baseUrl() + "/api/health?strict=1"), 200);
        conform(Route.HEALTH, "GET", Http.get(server.baseUrl() + "/api/health?strict=maybe"), 400);
        exercised.add("GET /api/health");
        call(Route.USAGE, "GET", "/api/usage?limit=1000", null, null, 200);
        call(Route.USAGE, "GET", "/api/usage?limit=0", null, null, 400);
        conform(Route.OPENAPI, "GET", Http.get(server.baseUrl() + "/api/openapi?x=1"), 400);
        assertNoMismatch();
    }

    @Test
    void rateLimitedAnswers() throws Exception {
        LocalApiServer slow = LocalApiServer.start(engine, new ServeConfig("127.0.0.1", 0, 1, 1, 5));
        try {
            Http.Response first = Http.get(slow.baseUrl() + "/api/events", Http.bearer(key));
            conform(Route.EVENTS, "GET", first, 200);
            Http.Response second = Http.get(slow.baseUrl() + "/api/events", Http.bearer(key));
            conform(Route.EVENTS, "GET", second, 429);
            assertThat(second.header("Retry-After")).isNotNull();
        } finally {
            slow.stop();
        }
        assertNoMismatch();
    }

    @Test
    void analytics() throws Exception {
        seed();
        call(Route.METRIC_DEFINITIONS, "POST", "/api/metrics/definitions", JSON,
                "{\"name\":\"order_revenue\",\"event\":\"order.created\",\"aggregation\":\"sum\",\"property\":\"revenue\","
                        + "\"description\":\"Revenue of orders\"}", 200);
        call(Route.METRIC_DEFINITIONS, "POST", "/api/metrics/definitions", JSON,
                "{\"name\":\"buyers\",\"event\":\"order.created\",\"aggregation\":\"unique_actors\"}", 200);
        call(Route.METRIC_DEFINITIONS, "POST", "/api/metrics/definitions", JSON, "{\"name\":\"bad name\"}", 400);
        call(Route.METRIC_DEFINITIONS, "GET", "/api/metrics/definitions", null, null, 200);
        call(Route.METRICS_QUERY, "POST", "/api/metrics/query", JSON,
                "{\"eventName\":\"order.created\",\"from\":1764547200000,\"to\":1767225599000,\"persistSnapshots\":true}", 200);
        call(Route.METRICS_QUERY, "POST", "/api/metrics/query", JSON,
                "{\"from\":1794787200000,\"to\":1794959999999,\"groupBy\":\"channel\",\"metrics\":[\"order_revenue\"],"
                        + "\"persistSnapshots\":true}", 200);
        call(Route.METRICS_QUERY, "POST", "/api/metrics/query", JSON, "{\"interval\":\"hour\",\"groupBy\":\"event\"}", 200);
        call(Route.METRICS_QUERY, "POST", "/api/metrics/query", JSON, "{\"interval\":\"fortnight\"}", 400);
        call(Route.METRICS_QUERY, "POST", "/api/metrics/query", JSON, "{\"businessId\":\"nobody\"}", -1);
        call(Route.METRIC_SNAPSHOTS, "GET", "/api/metrics/snapshots?metric=order_revenue&limit=10", null, null, 200);
        call(Route.METRIC_SNAPSHOTS, "GET", "/api/metrics/snapshots?limit=x", null, null, 400);
        call(Route.METRIC_DEFINITION, "DELETE", "/api/metrics/definitions/buyers", null, null, 200);
        call(Route.METRIC_DEFINITION, "DELETE", "/api/metrics/definitions/buyers", null, null, 404);

        call(Route.FUNNELS_QUERY, "POST", "/api/funnels/query", JSON, """
                {"steps":[{"name":"Scan","event":"qr.bottle_scanned"},{"name":"Product View","event":"page.product_viewed"},
                          {"name":"Order","event":"order.created"}]}""", 200);
        call(Route.FUNNELS_QUERY, "POST", "/api/funnels/query", JSON, """
                {"steps":[{"event":"qr.bottle_scanned","filter":{"source.channel":"qr"}},{"event":"order.created"}],
                 "mode":"any_order","windowMs":86400000,"breakdown":"channel","from":0,"to":1800000000000}""", 200);
        call(Route.FUNNELS_QUERY, "POST", "/api/funnels/query", JSON, "{\"steps\":5}", 400);
        call(Route.FUNNEL_ACTORS, "POST", "/api/funnels/actors", JSON, """
                {"funnel":{"steps":[{"event":"qr.bottle_scanned"},{"event":"page.product_viewed"},{"event":"order.created"}]},
                 "step":2,"limit":1}""", 200);
        call(Route.FUNNEL_ACTORS, "POST", "/api/funnels/actors", JSON, """
                {"funnel":{"steps":[{"event":"qr.bottle_scanned"}]},"step":1,"outcome":"reached"}""", 200);
        call(Route.FUNNEL_ACTORS, "POST", "/api/funnels/actors", JSON, "{\"step\":1}", 400);
        call(Route.ATTRIBUTION_QUERY, "POST", "/api/attribution/query", JSON, "{}", 200);
        call(Route.ATTRIBUTION_QUERY, "POST", "/api/attribution/query", JSON,
                "{\"conversionEvent\":\"order.created\",\"model\":\"linear\",\"groupBy\":\"channel\",\"lookbackMs\":2592000000}",
                200);
        call(Route.ATTRIBUTION_QUERY, "POST", "/api/attribution/query", JSON, "{\"model\":\"last\"}", 400);
        call(Route.BUSINESS_HEALTH, "GET", "/api/businesses/default/health?limit=100&from=1794700000000&to=1795391999999",
                null, null, 200);
        call(Route.BUSINESS_HEALTH, "GET", "/api/businesses/default/health", null, null, 200);
        call(Route.BUSINESS_HEALTH, "GET", "/api/businesses/nobody/health", null, null, 404);
        call(Route.BUSINESS_HEALTH, "GET", "/api/businesses/default/health?limit=0", null, null, 400);
        for (String mode : List.of("summary", "what_changed", "anomalies", "missing_proof", "recommend_next_actions")) {
            call(Route.AGENT_CONTEXT, "POST", "/api/intelligence/agent-context", JSON,
                    "{\"mode\":\"" + mode + "\",\"businessId\":\"default\",\"limit\":250,\"from\":1794787200000,"
                            + "\"to\":1795391999999}", 200);
        }
        call(Route.AGENT_CONTEXT, "POST", "/api/intelligence/agent-context", JSON,
                "{\"mode\":\"recommend_next_actions\",\"businessId\":\"default\",\"limit\":250}", 200);
        call(Route.AGENT_CONTEXT, "POST", "/api/intelligence/agent-context", JSON, "{\"mode\":\"everything\"}", 400);
        assertNoMismatch();
    }

    /** On an engine of its own, so that its 200 definitions and 50 plans leave the other tests' workspace alone. */
    @Test
    void aWorkspaceOverItsDefinitionOrPlanLimitIsARuleViolation(@TempDir Path own) throws Exception {
        try (Engine full = Engine.open(own)) {
            String fullKey = full.keys().create(full.defaultWorkspaceId(), "full").secret();
            LocalApiServer fullServer = LocalApiServer.start(full, new ServeConfig("127.0.0.1", 0, 10_000, 10_000, 5));
            try {
                for (int i = 0; i < 200; i++) {
                    Http.Response r = Http.postJson(fullServer.baseUrl() + "/api/metrics/definitions",
                            "{\"name\":\"m" + i + "\",\"event\":\"order.created\"}", Http.bearer(fullKey));
                    assertThat(r.status()).as(r.text()).isEqualTo(200);
                }
                Http.Response refused = Http.postJson(fullServer.baseUrl() + "/api/metrics/definitions",
                        "{\"name\":\"one_too_many\",\"event\":\"order.created\"}", Http.bearer(fullKey));
                conform(Route.METRIC_DEFINITIONS, "POST", refused, 422);
                for (int i = 0; i < 50; i++) {
                    Http.Response r = Http.send("PUT", fullServer.baseUrl() + "/api/tracking-plans/p" + i, JSON,
                            "{\"mode\":\"off\"}".getBytes(StandardCharsets.UTF_8), Http.bearer(fullKey));
                    assertThat(r.status()).as(r.text()).isEqualTo(200);
                }
                Http.Response tooMany = Http.send("PUT", fullServer.baseUrl() + "/api/tracking-plans/p50", JSON,
                        "{\"mode\":\"off\"}".getBytes(StandardCharsets.UTF_8), Http.bearer(fullKey));
                conform(Route.TRACKING_PLAN, "PUT", tooMany, 422);
            } finally {
                fullServer.stop();
            }
        }
        assertNoMismatch();
    }

    @Test
    void trackables() throws Exception {
        JsonNode created = call(Route.TRACKABLES, "POST", "/api/trackables", JSON, """
                {"kind":"qr_code","name":"Olive Oil Bottle QR","targetUrl":"https://roastandorigin.com/ethiopia",
                 "eventName":"qr.bottle_scanned","includeQrSvg":true}""", 201);
        JsonNode bare = call(Route.TRACKABLES, "POST", "/api/trackables", JSON,
                "{\"kind\":\"rfid\",\"name\":\"Pallet tag\",\"businessId\":\"warehouse\"}", 201);
        call(Route.TRACKABLES, "POST", "/api/trackables", JSON, "{\"kind\":\"QR\",\"name\":\"\"}", 400);
        call(Route.TRACKABLES, "GET", "/api/trackables?kind=qr_code&q=olive&limit=10", null, null, 200);
        call(Route.TRACKABLES, "GET", "/api/trackables?limit=0", null, null, 400);
        call(Route.TRACKABLE, "GET", "/api/trackables/" + created.get("code").asText().toLowerCase(Locale.ROOT), null,
                null, 200);
        call(Route.TRACKABLE, "GET", "/api/trackables/ZZZZZZZZ", null, null, 404);

        String code = created.get("code").asText();
        html(Route.TRACKABLE_LINK, "GET", "/t/" + code, 302);
        html(Route.TRACKABLE_LINK, "HEAD", "/t/" + code, 302);
        html(Route.TRACKABLE_LINK, "GET", "/t/" + bare.get("code").asText(), 200);
        html(Route.TRACKABLE_LINK, "GET", "/t/NOSUCHCD", 404);
        call(Route.TRACKABLE, "GET", "/api/trackables/" + code, null, null, 200);
        assertNoMismatch();
    }

    @Test
    void governanceAndProofTrails() throws Exception {
        JsonNode identity = call(Route.GOVERNANCE_PRINCIPAL, "GET", "/api/governance/principal", null, null, 200);
        String principal = identity.get("principal").asText();
        JsonNode contract = call(Route.GOVERNANCE_CONTRACTS, "POST", "/api/governance/contracts", JSON, """
                {"name":"Ads budget","businessId":"default","surface":"ads","allowedActions":["campaign.scale"],
                 "perActionLimit":{"amount":"500.00","currency":"USD"},"cumulativeLimit":{"amount":5000,"currency":"USD"},
                 "minTrustTier":"T1","requiredCompliancePacks":["soc2"],"validTo":4102444800000}""", 201);
        String contractId = contract.get("id").asText();
        call(Route.GOVERNANCE_CONTRACTS, "POST", "/api/governance/contracts", JSON, "{\"surface\":\"ads\"}", 400);
        JsonNode grant = call(Route.GOVERNANCE_GRANTS, "POST", "/api/governance/grants", JSON,
                "{\"grantee\":\"" + principal + "\",\"actions\":[\"campaign.scale\"],\"amountLimit\":{\"amount\":\"2000.00\","
                        + "\"currency\":\"USD\"},\"contractId\":\"" + contractId + "\"}", 201);
        String grantId = grant.get("id").asText();
        String action = "{\"action\":\"campaign.scale\",\"amount\":500,\"currency\":\"USD\"}";
        JsonNode decision = call(Route.GOVERNANCE_DECISIONS, "POST", "/api/governance/decisions", JSON,
                "{\"proposedAction\":" + action + ",\"grantId\":\"" + grantId + "\",\"contractId\":\"" + contractId
                        + "\",\"trustTier\":\"T2\",\"traceId\":\"trace-42\",\"evidence\":[{\"kind\":\"roas\"}]}", 201);
        String decisionId = decision.get("id").asText();
        String digest = decision.get("actionDigest").asText();
        call(Route.GOVERNANCE_DECISIONS, "GET", "/api/governance/decisions", null, null, 200);
        call(Route.GOVERNANCE_DECISIONS, "GET", "/api/governance/decisions?state=pending_approval", null, null, 200);
        call(Route.GOVERNANCE_DECISIONS, "GET", "/api/governance/decisions?state=maybe", null, null, 400);
        call(Route.GOVERNANCE_DECISION, "GET", "/api/governance/decisions/" + decisionId, null, null, 200);
        call(Route.GOVERNANCE_DECISION, "GET", "/api/governance/decisions/dec_unknown", null, null, 404);
        String approve = "{\"reason\":\"ROAS above 3\",\"actionDigest\":\"" + digest + "\"}";
        call(Route.GOVERNANCE_DECISION_APPROVE, "POST", "/api/governance/decisions/" + decisionId + "/approve", JSON,
                approve, 403);
        Http.Response approved = Http.postJson(server.baseUrl() + "/api/governance/decisions/" + decisionId + "/approve",
                approve, Http.bearer(approverKey));
        conform(Route.GOVERNANCE_DECISION_APPROVE, "POST", approved, 200);
        Http.Response again = Http.postJson(server.baseUrl() + "/api/governance/decisions/" + decisionId + "/approve",
                approve, Http.bearer(approverKey));
        conform(Route.GOVERNANCE_DECISION_APPROVE, "POST", again, 409);
        call(Route.GOVERNANCE_DECISION_APPROVE, "POST", "/api/governance/decisions/" + decisionId + "/approve", JSON,
                "{\"reason\":\"\"}", 400);
        JsonNode receipt = call(Route.GOVERNANCE_ENFORCE, "POST", "/api/governance/enforce", JSON,
                "{\"decisionObjectId\":\"" + decisionId + "\",\"authorityGrantId\":\"" + grantId
                        + "\",\"contextContractId\":\"" + contractId + "\",\"proposedAction\":" + action
                        + ",\"attestation\":{\"provider\":\"software_local\"}}", 200);
        call(Route.GOVERNANCE_ENFORCE, "POST", "/api/governance/enforce", JSON, """
                {"decisionObjectId":"j57...","authorityGrantId":"j58...","contextContractId":"j59...",
                 "proposedAction":{"action":"campaign.scale","amount":500,"currency":"USD"},
                 "attestation":{"provider":"software_local"}}""", 200);
        call(Route.GOVERNANCE_ENFORCE, "POST", "/api/governance/enforce", JSON, "{\"proposedAction\":{}}", 400);
        call(Route.GOVERNANCE_RECEIPTS, "GET", "/api/governance/receipts", null, null, 200);
        call(Route.GOVERNANCE_RECEIPTS, "GET", "/api/governance/receipts?traceId=trace-42&decisionObjectId=" + decisionId,
                null, null, 200);
        call(Route.GOVERNANCE_RECEIPTS, "GET", "/api/governance/receipts?limit=1", null, null, 400);
        call(Route.GOVERNANCE_PUBLIC_KEY, "GET", "/api/governance/public-key", null, null, 200);

        JsonNode draft = call(Route.GOVERNANCE_DECISIONS, "POST", "/api/governance/decisions", JSON,
                "{\"proposedAction\":" + action + ",\"grantId\":\"" + grantId + "\",\"contractId\":\"" + contractId
                        + "\",\"draft\":true,\"requiredApprovals\":2}", 201);
        String draftId = draft.get("id").asText();
        Http.Response early = Http.postJson(server.baseUrl() + "/api/governance/decisions/" + draftId + "/approve",
                "{\"reason\":\"early\",\"actionDigest\":\"" + draft.get("actionDigest").asText() + "\"}",
                Http.bearer(approverKey));
        conform(Route.GOVERNANCE_DECISION_APPROVE, "POST", early, 409);
        call(Route.GOVERNANCE_DECISION_SUBMIT, "POST", "/api/governance/decisions/" + draftId + "/submit", JSON, "{}", 200);
        call(Route.GOVERNANCE_DECISION_SUBMIT, "POST", "/api/governance/decisions/" + draftId + "/submit", null, null, 409);
        call(Route.GOVERNANCE_DECISION_DENY, "POST", "/api/governance/decisions/" + draftId + "/deny", JSON,
                "{\"reason\":\"Budget frozen\"}", 200);
        call(Route.GOVERNANCE_DECISION_DENY, "POST", "/api/governance/decisions/" + draftId + "/deny", JSON,
                "{\"reason\":\"Budget frozen\"}", 409);
        JsonNode third = call(Route.GOVERNANCE_DECISIONS, "POST", "/api/governance/decisions", JSON,
                "{\"proposedAction\":" + action + ",\"grantId\":\"" + grantId + "\",\"contractId\":\"" + contractId + "\"}",
                201);
        call(Route.GOVERNANCE_DECISION_REVOKE, "POST", "/api/governance/decisions/" + third.get("id").asText() + "/revoke",
                JSON, "{\"reason\":\"Paused\"}", 200);
        call(Route.GOVERNANCE_DECISION_REVOKE, "POST", "/api/governance/decisions/dec_unknown/revoke", JSON,
                "{\"reason\":\"Paused\"}", 404);
        call(Route.GOVERNANCE_DECISIONS, "POST", "/api/governance/decisions", JSON, "{\"proposedAction\":{\"amount\":"
                + "\"" + "9".repeat(20_000) + "\"}}", -1);

        call(Route.PROOF_TRAIL_SETTINGS, "GET", "/api/proof-event-trails/settings", null, null, 200);
        call(Route.PROOF_TRAIL_PREVIEW, "POST", "/api/proof-event-trails/preview", JSON,
                "{\"title\":\"Campaign scale proof\",\"traceId\":\"trace-42\"}", 200);
        call(Route.PROOF_TRAIL_PREVIEW, "POST", "/api/proof-event-trails/preview", JSON, "{\"title\":\"\"}", 400);
        JsonNode exported = call(Route.PROOF_TRAIL_EXPORT, "POST", "/api/proof-event-trails/export", JSON,
                "{\"title\":\"Campaign scale proof\",\"receiptIds\":[\"" + receipt.get("id").asText()
                        + "\"],\"pushToSovereignProof\":true}", 201);
        call(Route.PROOF_TRAIL_EXPORT, "POST", "/api/proof-event-trails/export", JSON,
                "{\"title\":\"Everything\",\"from\":0,\"to\":4102444800000,\"evidence\":[{\"note\":\"screenshot\"}]}", 201);
        call(Route.PROOF_TRAIL_EXPORT, "POST", "/api/proof-event-trails/export", JSON,
                "{\"title\":\"Unknown\",\"receiptIds\":[\"rcp_unknown\"]}", 404);
        call(Route.PROOF_TRAILS, "GET", "/api/proof-event-trails", null, null, 200);
        binary(Route.PROOF_TRAIL_PACKET, "/api/proof-event-trails/" + exported.get("proofId").asText() + "/packet", 200);
        call(Route.PROOF_TRAIL_PACKET, "GET", "/api/proof-event-trails/prf_unknown/packet", null, null, 404);
        call(Route.PROOF_TRAIL_SETTINGS, "PUT", "/api/proof-event-trails/settings", JSON,
                "{\"endpoint\":\"https://proof.example/packets\"}", 200);
        call(Route.PROOF_TRAIL_SETTINGS, "PUT", "/api/proof-event-trails/settings", JSON,
                "{\"endpoint\":\"http://insecure.example\"}", 400);
        call(Route.PROOF_TRAIL_SETTINGS, "PUT", "/api/proof-event-trails/settings", JSON, "{\"endpoint\":null}", 200);

        call(Route.GOVERNANCE_CONTRACTS, "GET", "/api/governance/contracts", null, null, 200);
        call(Route.GOVERNANCE_GRANTS, "GET", "/api/governance/grants", null, null, 200);
        call(Route.GOVERNANCE_GRANT_REVOKE, "POST", "/api/governance/grants/" + grantId + "/revoke", JSON,
                "{\"reason\":\"Agent retired\"}", 200);
        call(Route.GOVERNANCE_GRANT_REVOKE, "POST", "/api/governance/grants/" + grantId + "/revoke", JSON,
                "{\"reason\":\"Agent retired\"}", 409);
        call(Route.GOVERNANCE_GRANTS, "POST", "/api/governance/grants", JSON,
                "{\"grantee\":\"x\",\"actions\":[\"campaign.scale\"],\"amountLimit\":{\"amount\":\"1\",\"currency\":\"USD\"},"
                        + "\"contractId\":\"" + contractId + "\"}", 201);
        call(Route.GOVERNANCE_CONTRACT_REVOKE, "POST", "/api/governance/contracts/" + contractId + "/revoke", JSON,
                "{\"reason\":\"Campaign ended\"}", 200);
        call(Route.GOVERNANCE_CONTRACT_REVOKE, "POST", "/api/governance/contracts/" + contractId + "/revoke", JSON,
                "{\"reason\":\"Campaign ended\"}", 409);
        call(Route.GOVERNANCE_GRANTS, "POST", "/api/governance/grants", JSON,
                "{\"grantee\":\"x\",\"actions\":[\"campaign.scale\"],\"amountLimit\":{\"amount\":\"1\",\"currency\":\"USD\"},"
                        + "\"contractId\":\"" + contractId + "\"}", 409);
        call(Route.GOVERNANCE_GRANT_REVOKE, "POST", "/api/governance/grants/grt_unknown/revoke", JSON,
                "{\"reason\":\"x\"}", 404);
        assertNoMismatch();
    }

    /**
     * The answers a healthy engine cannot be made to give — a failed required check under
     * {@code strict}, a fault of ours (500) and a server that is stopping (503) — from the in-test
     * backend, against the same document.
     */
    @Test
    void faultAnswersMatchTheDocument() throws Exception {
        FakeBackend fake = new FakeBackend();
        LocalApiServer faulty = LocalApiServer.start(fake, ServeConfig.defaults().withPort(0).withDrainSeconds(10));
        CountDownLatch release = new CountDownLatch(1);
        try {
            fake.ready = false;
            conform(Route.HEALTH, "GET", Http.get(faulty.baseUrl() + "/api/health?strict=1"), 503);
            fake.failure = new IllegalStateException("disk on fire");
            conform(Route.EVENTS, "GET", Http.get(faulty.baseUrl() + "/api/events", Http.bearer(FakeBackend.KEY)), 500);
            fake.failure = null;

            fake.ingestRelease = release;
            CompletableFuture<HttpResponse<byte[]>> slow = Http.CLIENT.sendAsync(Http.request("POST",
                    faulty.baseUrl() + "/api/ingest", JSON, "{\"event\":\"slow\"}".getBytes(StandardCharsets.UTF_8),
                    Http.bearer(FakeBackend.KEY)), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(fake.ingestEntered.await(10, TimeUnit.SECONDS)).isTrue();
            Thread stopper = new Thread(faulty::stop, "stopper");
            stopper.start();
            Http.Response stopping = Http.get(faulty.baseUrl() + "/api/events", Http.bearer(FakeBackend.KEY));
            for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                 stopping.status() != 503 && System.nanoTime() < deadline; ) {
                Thread.sleep(10);
                stopping = Http.get(faulty.baseUrl() + "/api/events", Http.bearer(FakeBackend.KEY));
            }
            conform(Route.EVENTS, "GET", stopping, 503);
            release.countDown();
            assertThat(slow.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            stopper.join(10_000);
        } finally {
            release.countDown();
            faulty.stop();
        }
        assertNoMismatch();
    }

    /** A reference-only server answers its reference routes as its own (smaller) document says, and no other path. */
    @Test
    void aReferenceOnlyServerAnswersAsItsDocumentSays() throws Exception {
        LocalApiServer only = LocalApiServer.start(engine,
                new ServeConfig("127.0.0.1", 0, 10_000, 10_000, 5).withReferenceOnly(true));
        try {
            OpenApiSchemas reference = new OpenApiSchemas(Http.get(only.baseUrl() + "/api/openapi").json());
            assertThat(reference.document().path("paths").has("/api/events")).isFalse();
            String[][] calls = {
                {"POST", "/api/ingest", "{\"event\":\"order.created\",\"properties\":{\"revenue\":\"9.90\"}}", "200"},
                {"POST", "/api/metrics/query", "{\"eventName\":\"order.created\"}", "200"},
                {"POST", "/api/funnels/query", "{\"steps\":[{\"event\":\"order.created\"}]}", "200"},
                {"POST", "/api/intelligence/agent-context", "{}", "200"},
                {"POST", "/api/trackables", "{\"kind\":\"sensor\",\"name\":\"Cold room\"}", "201"},
                {"GET", "/api/trackables", null, "200"},
                {"GET", "/api/usage", null, "200"},
                {"GET", "/api/health", null, "200"},
                {"GET", "/api/businesses/default/health", null, "200"},
                {"POST", "/api/governance/enforce", "{\"decisionObjectId\":\"dec_x\",\"proposedAction\":{}}", "200"},
                {"POST", "/api/proof-event-trails/export", "{\"title\":\"All\"}", "201"},
                {"POST", "/api/metrics/query", "{\"interval\":\"year\"}", "400"},
                {"POST", "/api/connectors/ingest", "{\"provider\":\"shopify\",\"records\":[{\"id\":\"order_9\","
                        + "\"total_price\":149,\"currency\":\"USD\"}]}", "200"},
                {"POST", "/api/exports/destinations", "{\"destination\":\"bigquery\",\"limit\":500,\"config\":"
                        + "{\"projectId\":\"analytics-prod\",\"datasetId\":\"headlessanalytics\",\"tableId\":\"events\"}}",
                        "201"},
                {"POST", "/api/exports/destinations", "{\"destination\":\"oracle\"}", "400"},
            };
            for (String[] c : calls) {
                Http.Response r = Http.send(c[0], only.baseUrl() + c[1], c[2] == null ? null : JSON,
                        c[2] == null ? null : c[2].getBytes(StandardCharsets.UTF_8), Http.bearer(key));
                String where = c[0] + " " + c[1] + " (" + r.status() + ", reference-only)";
                assertThat(r.status()).as("%s: %s", where, r.text()).isEqualTo(Integer.parseInt(c[3]));
                List<String> problems = reference.problems(reference.responseSchema(c[1].startsWith("/api/businesses/")
                        ? "/api/businesses/{id}/health" : c[1], c[0], r.status()), r.json());
                assertThat(problems).as("%s against the reference-only document", where).isEmpty();
            }
            for (String path : List.of("/api/events", "/api/connectors/providers", "/api/exports/receipts",
                    "/api/entities", "/api/entities/business/default", "/api/entities/business/default/events")) {
                assertThat(Http.get(only.baseUrl() + path, Http.bearer(key)).status()).as(path).isEqualTo(404);
            }
            assertThat(Http.postJson(only.baseUrl() + "/api/exports/receipts/exp_1/retry", "{}", Http.bearer(key))
                    .status()).isEqualTo(404);
        } finally {
            only.stop();
        }
    }

    @Test
    void entities() throws Exception {
        call(Route.INGEST, "POST", "/api/ingest", JSON, """
                {"events":[{"id":"g-1","event":"profile.updated","timestamp":1794787200000,
                            "entity":{"type":"customer","id":"c/1 é","name":"Ana","properties":{"tier":"gold"},
                                      "relationships":[{"type":"store","id":"s1","relation":"shops_at"}]}},
                           {"id":"g-2","event":"order.created","timestamp":1794787800000,
                            "actor":{"type":"customer","id":"c/1 é"},"object":{"type":"order","id":"o-1"}}]}""", 200);
        call(Route.INGEST, "POST", "/api/ingest", JSON,
                "{\"event\":\"a\",\"entity\":{\"type\":\"customer\",\"id\":\"x\",\"color\":\"red\"}}", 400);
        JsonNode page = call(Route.ENTITIES, "GET", "/api/entities?limit=1", null, null, 200);
        call(Route.ENTITIES, "GET", "/api/entities?cursor=" + page.get("nextCursor").asText() + "&limit=1", null,
                null, 200);
        call(Route.ENTITIES, "GET", "/api/entities?type=customer&q=ANA&limit=500", null, null, 200);
        call(Route.ENTITIES, "GET", "/api/entities?limit=501", null, null, 400);
        call(Route.ENTITIES, "GET", "/api/entities?kind=customer", null, null, 400);
        call(Route.ENTITY, "GET", "/api/entities/customer/c%2F1%20%C3%A9", null, null, 200);
        call(Route.ENTITY, "GET", "/api/entities/business/default", null, null, 200);
        call(Route.ENTITY, "GET", "/api/entities/customer/nobody", null, null, 404);
        call(Route.ENTITY, "GET", "/api/entities/customer/a%00b", null, null, 400);
        call(Route.ENTITY, "GET", "/api/entities/customer/%E0%A4", null, null, 400);
        JsonNode events = call(Route.ENTITY_EVENTS, "GET", "/api/entities/customer/c%2F1%20%C3%A9/events?limit=1",
                null, null, 200);
        call(Route.ENTITY_EVENTS, "GET", "/api/entities/customer/c%2F1%20%C3%A9/events?limit=1&cursor="
                + events.get("nextCursor").asText(), null, null, 200);
        call(Route.ENTITY_EVENTS, "GET", "/api/entities/customer/c%2F1%20%C3%A9/events?limit=0", null, null, 400);
        call(Route.ENTITY_EVENTS, "GET", "/api/entities/customer/nobody/events", null, null, 404);
        assertNoMismatch();
    }

    @Test
    void trackingPlans() throws Exception {
        call(Route.TRACKING_PLANS, "GET", "/api/tracking-plans", null, null, 200);
        String plan = """
                {"name":"Web shop","mode":"warn","namingRule":"^[a-z]+(\\\\.[a-z_]+)+$","allowUnplanned":true,
                 "events":[{"name":"checkout.paid","description":"An order was paid","required":["sku"],
                            "properties":{"sku":{"type":"string"},"currency":{"type":"string","allowed":["EUR","USD"]}}}]}""";
        call(Route.TRACKING_PLAN, "PUT", "/api/tracking-plans/web", JSON, plan, 200);
        call(Route.TRACKING_PLAN, "PUT", "/api/tracking-plans/web", JSON, "{\"mode\":\"loud\"}", 400);
        call(Route.INGEST, "POST", "/api/ingest", JSON,
                "{\"event\":\"checkout.paid\",\"properties\":{\"currency\":\"GBP\"}}", 200);
        call(Route.TRACKING_PLANS, "GET", "/api/tracking-plans", null, null, 200);
        call(Route.TRACKING_PLAN_VIOLATIONS, "GET", "/api/tracking-plans/web/violations?limit=100", null, null, 200);
        call(Route.TRACKING_PLAN_VIOLATIONS, "GET", "/api/tracking-plans/web/violations?limit=0", null, null, 400);
        call(Route.TRACKING_PLAN_VIOLATIONS, "GET", "/api/tracking-plans/nope/violations", null, null, 404);
        call(Route.EVENTS, "GET", "/api/events?event=checkout.paid", null, null, 200);
        call(Route.TRACKING_PLAN, "PUT", "/api/tracking-plans/web", JSON, plan.replace("\"warn\"", "\"block\""), 200);
        call(Route.INGEST, "POST", "/api/ingest", JSON, "{\"event\":\"Checkout Paid\"}", 400);
        call(Route.TRACKING_PLAN, "DELETE", "/api/tracking-plans/web", null, null, 200);
        call(Route.TRACKING_PLAN, "DELETE", "/api/tracking-plans/web", null, null, 404);
        assertNoMismatch();
    }

    @Test
    void graphql() throws Exception {
        seed();
        call(Route.GRAPHQL, "POST", "/api/graphql", JSON, """
                {"query":"query Ops($limit:Int){ events(limit:$limit){ event timestamp } businessHealth { healthScore revenue nextActions } metrics { metrics totalEvents } }",
                 "variables":{"limit":100}}""", 200);
        call(Route.GRAPHQL, "POST", "/api/graphql", JSON, """
                {"query":"query Ops($limit:Int){ events(limit:$limit){ event timestamp } businessHealth { healthScore revenue nextActions } attribution { bySource byCampaign } }",
                 "variables":{"limit":100}}""", 200);
        call(Route.GRAPHQL, "POST", "/api/graphql", JSON, "{\"query\":\"{ events(limit: 0) { event } }\"}", 200);
        call(Route.GRAPHQL, "POST", "/api/graphql", JSON, "{\"query\":\"{ businessHealth(businessId: \\\"nobody\\\") "
                + "{ healthScore } }\",\"operationName\":null,\"variables\":null}", 200);
        call(Route.GRAPHQL, "POST", "/api/graphql", JSON, "{\"query\":\"{ __schema { queryType { name } } }\"}", 200);
        call(Route.GRAPHQL, "POST", "/api/graphql", JSON, "{\"query\":\"query All { trackingPlans { id } "
                + "metricDefinitions { name } agentPerformance(agentId: \\\"agent-1\\\") { agentId } "
                + "workflowStatus(workflowId: \\\"wf-1\\\") { workflowId } decisionObjects { id } "
                + "proofTrails { proofId } entities(limit: 2) { entities { type id name properties firstSeen "
                + "lastSeen eventCount } nextCursor } }\",\"operationName\":\"All\"}", 200);
        call(Route.GRAPHQL, "POST", "/api/graphql", JSON, "{\"query\":\"{ events {\"}", 400);
        call(Route.GRAPHQL, "POST", "/api/graphql", JSON, "{\"query\":\"{ noSuchField }\"}", 400);
        call(Route.GRAPHQL, "POST", "/api/graphql", JSON, "{\"variables\":{}}", 400);
        assertNoMismatch();
    }

    @Test
    void connectorsAndExports() throws Exception {
        call(Route.CONNECTORS_INGEST, "POST", "/api/connectors/ingest", JSON, """
                {
                "provider": "shopify",
                "records": [{ "id": "order_1", "total_price": 149, "currency": "USD" }]
                }""", 200);
        call(Route.CONNECTORS_INGEST, "POST", "/api/connectors/ingest", JSON, """
                {"provider":"shopify","recordType":"order","dryRun":true,
                 "records":[{"id":"order_2","total_price":"20.00","currency":"EUR"},{"total_price":"x"}]}""", 200);
        call(Route.CONNECTORS_INGEST, "POST", "/api/connectors/ingest", JSON, """
                {"provider":"shopify","recordType":"order",
                 "records":[{"id":"order_3","total_price":"20.00"},{"id":"order_4","total_price":"x"}]}""", 400);
        call(Route.CONNECTORS_INGEST, "POST", "/api/connectors/ingest", JSON, "{\"provider\":\"myspace\",\"records\":[{}]}",
                400);
        call(Route.CONNECTORS_INGEST, "POST", "/api/connectors/ingest", "text/csv", "id,total_price", 415);
        call(Route.CONNECTORS_INGEST, "POST", "/api/connectors/ingest", JSON, "{\"provider\":\"generic\",\"records\":["
                + String.join(",", java.util.Collections.nCopies(1001, "{\"id\":\"r\"}")) + "]}", 413);
        call(Route.CONNECTOR_PROVIDERS, "GET", "/api/connectors/providers", null, null, 200);
        call(Route.CONNECTOR_PROVIDERS, "GET", "/api/connectors/providers?provider=shopify", null, null, 400);

        JsonNode exported = call(Route.EXPORTS_DESTINATIONS, "POST", "/api/exports/destinations", JSON, """
                {
                "destination": "bigquery",
                "limit": 500,
                "config": {
                "projectId": "analytics-prod",
                "datasetId": "headlessanalytics",
                "tableId": "events"
                }
                }""", 201);
        call(Route.EXPORTS_DESTINATIONS, "POST", "/api/exports/destinations", JSON,
                "{\"destination\":\"s3\",\"records\":[{\"a\":1}],\"config\":{\"prefix\":\"x/\"}}", 400);
        call(Route.EXPORTS_DESTINATIONS, "POST", "/api/exports/destinations", JSON, "{\"destination\":\"oracle\"}", 400);
        call(Route.EXPORTS_DESTINATIONS, "POST", "/api/exports/destinations", JSON,
                "{\"destination\":\"bigquery\",\"records\":[" + String.join(",", java.util.Collections.nCopies(1001,
                        "{\"a\":1}")) + "],\"config\":{\"projectId\":\"analytics-prod\",\"datasetId\":\"d\","
                        + "\"tableId\":\"t\"}}", 413);
        call(Route.EXPORTS_DESTINATIONS, "POST", "/api/exports/destinations", JSON, "{\"destination\":\"bigquery\","
                + "\"records\":[{\"note\":\"" + "x".repeat(400_000) + "\"},{\"note\":\"" + "x".repeat(400_000)
                + "\"},{\"note\":\"" + "x".repeat(400_000) + "\"}]}", 413);
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        JsonNode failed = call(Route.EXPORTS_DESTINATIONS, "POST", "/api/exports/destinations", JSON,
                "{\"destination\":\"https\",\"limit\":5,\"config\":{\"url\":\"https://127.0.0.1:" + closed
                        + "/events\",\"batchSize\":2}}", 502);
        String failedId = failed.at("/error/details/0/message").asText();
        call(Route.EXPORT_RECEIPTS, "GET", "/api/exports/receipts", null, null, 200);
        call(Route.EXPORT_RECEIPTS, "GET", "/api/exports/receipts?limit=1000", null, null, 200);
        call(Route.EXPORT_RECEIPTS, "GET", "/api/exports/receipts?limit=0", null, null, 400);
        call(Route.EXPORT_RETRY, "POST", "/api/exports/receipts/" + failedId + "/retry", JSON, "{}", 502);
        call(Route.EXPORT_RETRY, "POST", "/api/exports/receipts/" + exported.at("/receipt/exportId").asText()
                + "/retry", JSON, "{}", 409);
        call(Route.EXPORT_RETRY, "POST", "/api/exports/receipts/exp_unknown/retry", null, null, 404);
        call(Route.EXPORT_RETRY, "POST", "/api/exports/receipts/" + failedId + "/retry", JSON, "{\"limit\":1}", 400);
        assertNoMismatch();
    }

    /**
     * Every operation of {@link Route} was checked against the document:
     * test order is not fixed, so it runs the flows itself; a new route without a check here fails.
     */
    @Test
    void everyRouteIsExercised() throws Exception {
        ingestEventsAndNames();
        healthAndUsage();
        analytics();
        trackables();
        entities();
        governanceAndProofTrails();
        trackingPlans();
        graphql();
        connectorsAndExports();
        Set<String> expected = new TreeSet<>();
        for (Route route : Route.values()) {
            route.methods.forEach(m -> expected.add(m + " " + route.path));
        }
        assertThat(exercised).as("operations checked against the document").containsAll(expected);
    }

    private void seed() throws Exception {
        Http.Response r = Http.postJson(server.baseUrl() + "/api/ingest", """
                {"events":[
                  {"id":"s-1","event":"qr.bottle_scanned","timestamp":1794787200000,"actor":"anon_2","source":{"channel":"qr"}},
                  {"id":"s-2","event":"page.product_viewed","timestamp":1794787260000,"actor":"anon_2"},
                  {"id":"s-3","event":"order.created","timestamp":1794787800000,"actor":"anon_2","source":{"channel":"qr"},
                   "properties":{"revenue":"149.00"}},
                  {"id":"s-4","event":"refund.approved","timestamp":1794880800000,"trustTier":"T3"},
                  {"id":"s-5","event":"agent.run_completed","timestamp":1794880800000,
                   "actor":{"type":"ai_agent","id":"agent-1"},"properties":{"runId":"r1","durationMs":1200}}]}""",
                Http.bearer(key));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    /**
     * Sends a request with the agent's key and checks the answer's status ({@code -1}: whichever
     * status the route gives) and body against the document; the body.
     */
    private JsonNode call(Route route, String method, String path, String contentType, String body, int status)
            throws IOException, InterruptedException {
        Http.Response r = Http.send(method, server.baseUrl() + path, contentType,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), Http.bearer(key));
        conform(route, method, r, status);
        if (body != null && JSON.equals(contentType) && r.status() / 100 == 2) {
            acceptedRequest(route, method, body);
        }
        return r.json();
    }

    /** A body the server accepted must also be valid under the documented request schema (it is not too strict). */
    private void acceptedRequest(Route route, String method, String body) {
        JsonNode schema = schemas.resolve(schemas.operation(route.path, method).path("requestBody"))
                .path("content").path("application/json").get("schema");
        if (schema == null) {
            mismatches.add(method + " " + route.path + " accepted a JSON body, but documents none");
            return;
        }
        try {
            List<String> problems = schemas.problems(schema, ApiJson.mapper().readTree(body));
            if (!problems.isEmpty()) {
                mismatches.add(method + " " + route.path + " accepted a request its documented request schema refuses: "
                        + problems + "\n  request: " + abbreviate(body));
            }
        } catch (IOException e) {
            throw new AssertionError("the test's own body is not JSON: " + body, e);
        }
    }

    private void conform(Route route, String method, Http.Response r, int status) {
        if (status >= 0) {
            assertThat(r.status()).as("%s %s: %s", method, route.path, r.text()).isEqualTo(status);
        }
        conform(route, method, r);
    }

    /** Checks a JSON answer against the documented response of its route and status; records a mismatch. */
    private void conform(Route route, String method, Http.Response r) {
        exercised.add(method + " " + route.path);
        String where = method + " " + route.path + " (" + r.status() + ")";
        JsonNode response;
        try {
            response = schemas.response(route.path, method, r.status());
        } catch (AssertionError e) {
            mismatches.add(e.getMessage());
            return;
        }
        conformTo(where, response, r, r.status());
    }

    /** The answer's body against the response's JSON schema, and the response's documented headers present. */
    private void conformTo(String where, JsonNode response, Http.Response r, int status) {
        assertThat(r.status()).as("%s: %s", where, r.text()).isEqualTo(status);
        Http.assertJsonContentType(r);
        JsonNode schema = response.path("content").path("application/json").get("schema");
        if (schema == null) {
            mismatches.add(where + " answered JSON, but its documentation gives no JSON body");
            return;
        }
        List<String> problems = schemas.problems(schema, r.json());
        if (!problems.isEmpty()) {
            mismatches.add(where + " does not match its documented schema: " + problems + "\n  answer: "
                    + abbreviate(r.text()));
        }
        documentedHeaders(where, response, r);
    }

    private void documentedHeaders(String where, JsonNode response, Http.Response r) {
        response.path("headers").properties().forEach(header -> {
            if (r.header(header.getKey()) == null) {
                mismatches.add(where + " documents the header " + header.getKey() + ", which the answer lacks");
            }
        });
    }

    /** An HTML answer of {@code /t/{code}}: its status and content type must be documented. */
    private void html(Route route, String method, String path, int status) throws IOException, InterruptedException {
        Http.Response r = Http.send(method, server.baseUrl() + path, null, null);
        exercised.add(method + " " + route.path);
        assertThat(r.status()).as("%s %s", method, path).isEqualTo(status);
        JsonNode response = schemas.operation(route.path, method).path("responses").path(Integer.toString(status));
        if (response.isMissingNode()) {
            mismatches.add(method + " " + route.path + " answered " + status + ", a status its documentation does not list");
            return;
        }
        JsonNode content = schemas.resolve(response).path("content");
        assertThat(r.header("Content-Type")).startsWith("text/html");
        documentedHeaders(method + " " + route.path + " (" + status + ")", schemas.resolve(response), r);
        if (!method.equals("HEAD") && !content.has("text/html")) {
            mismatches.add(method + " " + route.path + " " + status + " answered text/html, which is not documented");
        }
    }

    /** A binary answer: its status and content type must be documented. */
    private void binary(Route route, String path, int status) throws IOException, InterruptedException {
        Http.Response r = Http.get(server.baseUrl() + path, Http.bearer(key));
        exercised.add("GET " + route.path);
        assertThat(r.status()).as("GET %s", path).isEqualTo(status);
        String type = r.header("Content-Type");
        JsonNode response = schemas.response(route.path, "GET", status);
        documentedHeaders("GET " + route.path + " (" + status + ")", response, r);
        JsonNode content = response.path("content");
        if (!content.has(type)) {
            mismatches.add("GET " + route.path + " " + status + " answered " + type + ", documented "
                    + Arrays.toString(names(content)));
        }
    }

    private static String[] names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names.toArray(String[]::new);
    }

    private void assertNoMismatch() {
        List<String> found = List.copyOf(mismatches);
        mismatches.clear();
        assertThat(found).as("answers that break the OpenAPI document").isEmpty();
    }

    private static String abbreviate(String text) {
        return text.length() <= 1500 ? text : text.substring(0, 1500) + "…";
    }
}
