package com.headlessanalytics.console.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.headlessanalytics.console.api.AgentPerformance;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Capabilities.Feature;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.GraphQl;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.IngestResult;
import com.headlessanalytics.console.api.Metrics;
import com.headlessanalytics.console.api.ProofTrails;
import com.headlessanalytics.console.domain.FieldError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The remote client against servers built to the API reference: discovery from the OpenAPI
 * document, reads through GraphQL where no REST path of ours is offered, features not offered,
 * and the reference's ingest answers (docs/api.md, Reference-only servers and the remote client).
 */
@Timeout(20)
class RemoteApiReferenceTest {
    private static final String PROOF = """
            {"queryId":"q_1","workspaceId":"ws_1","businessId":null,"period":null,
             "generatedAt":1700000000000,"schemaVersion":"1"}""";
    /** An OpenAPI document with the reference's paths only; ingest takes one event. */
    private static final String REFERENCE_DOC = """
            {"openapi":"3.1.0","info":{"title":"ref","version":"1"},"paths":{
              "/api/ingest":{"post":{"requestBody":{"content":{"application/json":{"schema":
                 {"$ref":"#/components/schemas/Envelope"}}}}}},
              "/api/health":{"get":{}},
              "/api/metrics/query":{"post":{}},
              "/api/funnels/query":{"post":{}},
              "/api/businesses/{businessId}/health":{"get":{}},
              "/api/trackables":{"get":{},"post":{}},
              "/api/graphql":{"post":{}},
              "/api/openapi":{"get":{}}},
             "components":{"schemas":{"Envelope":{"type":"object","properties":{"event":{"type":"string"}}}}}}""";
    /** Our document: the extension paths, and an ingest body that takes {"events":[…]} through a $ref. */
    private static final String OUR_DOC = """
            {"openapi":"3.1.0","info":{"title":"ours","version":"1"},"paths":{
              "/api/ingest":{"post":{"requestBody":{"content":{"application/json":{"schema":{"oneOf":[
                 {"$ref":"#/components/schemas/Envelope"},{"$ref":"#/components/schemas/Batch"}]}}}}}},
              "/api/events":{"get":{}},
              "/api/metrics/definitions":{"get":{},"post":{}},
              "/api/metrics/definitions/{name}":{"delete":{}},
              "/api/governance/decisions":{"get":{},"post":{}},
              "/api/graphql":{"post":{}}},
             "components":{"schemas":{"Envelope":{"type":"object"},
               "Batch":{"type":"object","properties":{"events":{"type":"array"}}}}}}""";

    private MockWebServer server;
    private RemoteApi api;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        api = new RemoteApi(new RemoteConfig(server.url("/").toString(), new Credentials.ApiKey("ha_live_R"),
                Duration.ofSeconds(2), Duration.ofSeconds(2), 2, Duration.ofMillis(10)));
    }

    @AfterEach
    void stop() {
        api.close();
        server.close();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    private static MockResponse notFound() {
        return json(404, """
                {"error":{"code":"not_found","message":"no such path","details":[]}}""");
    }

    private static JsonNode body(RecordedRequest request) throws Exception {
        return ApiJson.mapper().readTree(request.getBody().toByteArray());
    }

    @Test
    void eventsGoThroughGraphQlWhenTheDocumentListsNoEventsPath() throws Exception {
        server.enqueue(json(200, REFERENCE_DOC));
        server.enqueue(json(200, """
                {"data":{"events":[{"id":"e1","event":"qr.bottle_scanned","businessId":"default","timestamp":5,
                  "receivedAt":6,"actor":{"type":"customer","id":"anon_123"},"properties":{"price":149.00},
                  "warnings":null}]},
                 "extensions":{"cursors":{"events":"c_next"},"proof":%s}}""".formatted(PROOF)));

        EventPage page = api.events(EventQuery.all().withLimit(1));

        assertThat(page.events()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("e1");
            assertThat(e.timestamp()).isEqualTo(5);
            assertThat(e.actor()).isEqualTo(Map.of("type", "customer", "id", "anon_123"));
        });
        assertThat(page.nextCursor()).isEqualTo("c_next");
        assertThat(page.proof().queryId()).isEqualTo("q_1");
        RecordedRequest discovery = server.takeRequest();
        assertThat(discovery.getMethod() + " " + discovery.getTarget()).isEqualTo("GET /api/openapi");
        assertThat(discovery.getHeaders().get("Authorization")).as("the document is public").isNull();
        RecordedRequest graphQl = server.takeRequest();
        assertThat(graphQl.getMethod() + " " + graphQl.getTarget()).isEqualTo("POST /api/graphql");
        JsonNode sent = body(graphQl);
        assertThat(sent.get("query").asText()).contains("query Events(", "warnings { planId field code message }");
        assertThat(sent.get("variables").get("limit").asInt()).isEqualTo(1);
        assertThat(sent.get("variables").has("cursor")).as("nulls are left out").isFalse();
    }

    @Test
    void withoutADocumentTheReferencePathsAndGraphQlAreAssumedOnceForAllCalls() throws Exception {
        server.enqueue(notFound());
        server.enqueue(json(200, """
                {"data":{"metricDefinitions":[{"name":"orders","event":"order.created","aggregation":"count",
                  "property":null,"description":null,"updatedAt":7}]},"extensions":{"proof":%s}}""".formatted(PROOF)));
        server.enqueue(json(200, """
                {"data":{"metrics":{"eventNames":[{"event":"a","count":2,"firstSeen":1,"lastSeen":3}]}},
                 "extensions":{"proof":%s}}""".formatted(PROOF)));

        Metrics.Definitions definitions = api.metricDefinitions();
        assertThat(definitions.definitions()).containsExactly(
                new Metrics.Definition("orders", "order.created", "count", null, null, 7L));
        assertThat(definitions.proof().queryId()).isEqualTo("q_1");
        assertThat(api.eventNames("default").names()).extracting(n -> n.event() + "=" + n.count())
                .containsExactly("a=2");
        assertThat(api.capabilities().offered()).isEmpty();

        assertThat(server.takeRequest().getTarget()).isEqualTo("/api/openapi");
        assertThat(server.takeRequest().getTarget()).isEqualTo("/api/graphql");
        assertThat(body(server.takeRequest()).get("variables").get("businessId").asText()).isEqualTo("default");
        assertThat(server.getRequestCount()).as("the document is asked for once").isEqualTo(3);
    }

    @Test
    void aDocumentedExtensionPathIsUsedAndItsFeaturesAreOffered() throws Exception {
        server.enqueue(json(200, OUR_DOC));
        server.enqueue(json(200, """
                {"events":[],"nextCursor":null,"proof":%s}""".formatted(PROOF)));

        assertThat(api.events(EventQuery.all()).events()).isEmpty();
        assertThat(api.capabilities().offers(Feature.METRIC_DEFINITION_CHANGES)).isTrue();
        assertThat(api.capabilities().offers(Feature.GOVERNANCE_CHANGES)).isTrue();
        assertThat(api.capabilities().offers(Feature.PROOF_PACKETS)).isFalse();

        server.takeRequest();
        assertThat(server.takeRequest().getTarget()).isEqualTo("/api/events");
    }

    @Test
    void writesTheServerDoesNotOfferFailWithTheirSentenceAndSendNothing() {
        server.enqueue(json(200, REFERENCE_DOC));

        List<Runnable> calls = List.of(
                () -> api.saveMetricDefinition(new Metrics.Definition("o", "order.created", null, null, null, null)),
                () -> api.deleteMetricDefinition("o"),
                () -> api.approveDecision("dec_1", new Governance.ApproveRequest("ok", null)),
                () -> api.proposeDecision(new Governance.NewDecision(null, null, null, null, null, null, null, null, null, null)),
                () -> api.grants(),
                () -> api.identity(),
                () -> api.publicKey(),
                () -> api.previewProofTrail(new ProofTrails.ExportRequest(null, null, null, null, null, null, null, null)),
                () -> api.proofPacket("proof_1"),
                () -> api.proofPushSettings(),
                () -> api.deleteTrackingPlan("plan_1"));
        List<Feature> features = new ArrayList<>();
        for (Runnable call : calls) {
            ApiException.Client e = catchThrowableOfType(ApiException.Client.class, call::run);
            assertThat(e.code()).isEqualTo(ErrorCodes.NOT_OFFERED);
            assertThat(e.status()).isEqualTo(501);
            features.add(java.util.Arrays.stream(Feature.values()).filter(f -> f.unavailable().equals(e.getMessage()))
                    .findFirst().orElseThrow());
        }
        assertThat(features).containsExactly(Feature.METRIC_DEFINITION_CHANGES, Feature.METRIC_DEFINITION_CHANGES,
                Feature.GOVERNANCE_CHANGES, Feature.GOVERNANCE_CHANGES, Feature.GOVERNANCE_SETUP,
                Feature.GOVERNANCE_SETUP, Feature.GOVERNANCE_SETUP, Feature.PROOF_PREVIEW, Feature.PROOF_PACKETS,
                Feature.PROOF_SETTINGS, Feature.TRACKING_PLAN_CHANGES);
        assertThat(server.getRequestCount()).as("only the document was read").isEqualTo(1);
    }

    @Test
    void aGraphQlFieldErrorIsRaisedAsTheRestPathWouldRaiseIt() {
        server.enqueue(json(200, REFERENCE_DOC));
        server.enqueue(json(200, """
                {"errors":[{"message":"Invalid events query","path":["metrics","storedSnapshots"],"locations":[{"line":1,"column":2}],
                  "extensions":{"code":"invalid_input","status":400,
                    "details":[{"index":null,"field":"limit","code":"out_of_range","message":"must be 1-1000"}]}}],
                 "data":null,"extensions":{"proof":%s}}""".formatted(PROOF)));

        ApiException.Client e = catchThrowableOfType(ApiException.Client.class,
                () -> api.metricSnapshots(null, 5));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_INPUT);
        assertThat(e.getMessage()).isEqualTo("Invalid events query");
        assertThat(e.details()).containsExactly(new FieldError(null, "limit", "out_of_range", "must be 1-1000"));
    }

    @Test
    void aSchemaWithoutAFieldTheDocumentSelectsIsNotOffered() {
        server.enqueue(json(200, REFERENCE_DOC));
        server.enqueue(json(400, """
                {"errors":[{"message":"Validation error (FieldUndefined@[events/warnings]) : Field 'warnings' in type 'Event' is undefined",
                  "locations":[{"line":7,"column":5}],"extensions":{"classification":"ValidationError"}}]}"""));

        ApiException.Client e = catchThrowableOfType(ApiException.Client.class, () -> api.events(EventQuery.all()));

        assertThat(e.code()).isEqualTo(ErrorCodes.NOT_OFFERED);
        assertThat(e.getMessage()).startsWith("This server's GraphQL schema cannot give events")
                .contains("'warnings'");
    }

    @Test
    void agentPerformanceAlwaysGoesThroughGraphQlWithTheResultsOwnProof() throws Exception {
        api.assumeOffer(Offers.OURS);
        server.enqueue(json(200, """
                {"data":{"agentPerformance":{"agentId":"bot","businessId":null,"period":null,"events":4,
                  "runs":{"started":2,"succeeded":1,"failed":1,"running":0},
                  "durations":{"count":1,"averageMs":60000,"medianMs":60000,"p95Ms":60000,"maxMs":60000},
                  "decisions":{"proposed":0,"approved":0,"denied":0,"pending":0},"spend":null,
                  "firstSeenAt":1,"lastSeenAt":4,"topEvents":[{"event":"agent.run_started","count":2}],
                  "proof":{"queryId":"q_own","workspaceId":"ws_1","generatedAt":1,"schemaVersion":"1"}}},
                 "extensions":{"proof":%s}}""".formatted(PROOF)));

        AgentPerformance.Result r = api.agentPerformance(new AgentPerformance.Query("bot", null, null, null));

        assertThat(r.runs()).isEqualTo(new AgentPerformance.Runs(2, 1, 1, 0));
        assertThat(r.topEvents()).containsExactly(new AgentPerformance.EventCount("agent.run_started", 2));
        assertThat(r.proof().queryId()).isEqualTo("q_own");
        RecordedRequest request = server.takeRequest();
        assertThat(request.getTarget()).isEqualTo("/api/graphql");
        assertThat(body(request).get("variables").get("agentId").asText()).isEqualTo("bot");
    }

    @Test
    void anUnknownDecisionThroughGraphQlIsNotFound() {
        server.enqueue(json(200, REFERENCE_DOC));
        server.enqueue(json(200, """
                {"data":{"decisionObjects":[]},"extensions":{"proof":%s}}""".formatted(PROOF)));

        ApiException.Client e = catchThrowableOfType(ApiException.Client.class, () -> api.decision("dec_x"));

        assertThat(e.status()).isEqualTo(404);
        assertThat(e.code()).isEqualTo(ErrorCodes.NOT_FOUND);
    }

    @Test
    void executeReturnsAFailedValidationAsTheServerGaveIt() throws Exception {
        server.enqueue(json(400, """
                {"errors":[{"message":"Invalid syntax","locations":[{"line":1,"column":3}]}]}"""));
        server.enqueue(json(200, """
                {"data":{"events":[]},"extensions":{"proof":%s}}""".formatted(PROOF)));

        GraphQl.Response bad = api.execute(new GraphQl.Request("{ events(", null, null));
        GraphQl.Response ok = api.execute(new GraphQl.Request("query Q($n:Int){ events(limit:$n){ event } }",
                Map.of("n", 2), "Q"));

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).containsKey("errors").doesNotContainKey("data");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body().get("data")).isEqualTo(Map.of("events", List.of()));
        assertThat(server.takeRequest().getTarget()).isEqualTo("/api/graphql");
        JsonNode sent = body(server.takeRequest());
        assertThat(sent.get("operationName").asText()).isEqualTo("Q");
        assertThat(sent.get("variables").get("n").asInt()).isEqualTo(2);
        assertThat(server.getRequestCount()).as("no discovery for the GraphQL screen").isEqualTo(2);
    }

    @Test
    void discoveryHappensOnceUnderConcurrentCalls() throws Exception {
        AtomicInteger documents = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                if (request.getTarget().equals("/api/openapi")) {
                    documents.incrementAndGet();
                    release.await();
                    return json(200, OUR_DOC);
                }
                return json(200, """
                        {"events":[],"nextCursor":null,"proof":%s}""".formatted(PROOF));
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<EventPage>> pages = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                pages.add(pool.submit(() -> api.events(EventQuery.all())));
            }
            Thread.sleep(200);
            release.countDown();
            for (Future<EventPage> page : pages) {
                assertThat(page.get().events()).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(documents).hasValue(1);
    }

    @Test
    void anUnreachableServerIsAskedForItsDocumentAgainAfterwards() throws Exception {
        server.enqueue(json(200, OUR_DOC));
        server.enqueue(json(200, """
                {"events":[],"nextCursor":null,"proof":%s}""".formatted(PROOF)));
        api.events(EventQuery.all());
        int port = server.getPort();
        server.close();
        assertThat(catchThrowableOfType(ApiException.Unreachable.class, () -> api.events(EventQuery.all())))
                .isNotNull();

        try (MockWebServer restarted = new MockWebServer()) {
            restarted.start(port);
            restarted.enqueue(json(200, REFERENCE_DOC));
            assertThat(catchThrowableOfType(ApiException.Client.class, () -> api.grants()).code())
                    .isEqualTo(ErrorCodes.NOT_OFFERED);
            assertThat(restarted.takeRequest().getTarget()).isEqualTo("/api/openapi");
        }
    }

    @Test
    void aFailingDocumentIsNotRememberedAndOurPathsAreTriedMeanwhile() throws Exception {
        server.enqueue(json(503, """
                {"error":{"code":"not_ready","message":"starting","details":[]}}"""));
        server.enqueue(json(503, """
                {"error":{"code":"not_ready","message":"starting","details":[]}}"""));
        server.enqueue(json(200, """
                {"events":[],"nextCursor":null,"proof":%s}""".formatted(PROOF)));
        server.enqueue(json(200, REFERENCE_DOC));

        assertThat(api.events(EventQuery.all()).events()).isEmpty();
        assertThat(catchThrowableOfType(ApiException.Client.class, () -> api.contracts()).code())
                .isEqualTo(ErrorCodes.NOT_OFFERED);

        assertThat(server.takeRequest().getTarget()).isEqualTo("/api/openapi");
        assertThat(server.takeRequest().getTarget()).isEqualTo("/api/openapi");
        assertThat(server.takeRequest().getTarget()).isEqualTo("/api/events");
        assertThat(server.takeRequest().getTarget()).isEqualTo("/api/openapi");
    }

    // ---- Ingest: the reference's single-event form and answers ----

    @ParameterizedTest
    @ValueSource(strings = {"{\"id\":\"srv_9\"}", "{\"eventId\":\"srv_9\"}", "{\"ok\":true}",
            "{\"success\":true,\"received\":1}"})
    void aSingleEventGoesBareAndTheReferencesAnswerIsAccepted(String answer) throws Exception {
        server.enqueue(json(200, answer));
        Map<String, Object> event = new LinkedHashMap<>(Map.of("event", "qr.bottle_scanned"));

        IngestResult result = api.ingest(List.of(event));

        RecordedRequest request = server.takeRequest();
        assertThat(request.getTarget()).isEqualTo("/api/ingest");
        JsonNode sent = body(request);
        assertThat(sent.has("events")).isFalse();
        assertThat(sent.get("event").asText()).isEqualTo("qr.bottle_scanned");
        assertThat(result.accepted()).isEqualTo(1);
        assertThat(result.duplicates()).isZero();
        assertThat(result.ids()).containsExactly(sent.get("id").asText());
        assertThat(server.getRequestCount()).as("no discovery for one event").isEqualTo(1);
    }

    @Test
    void ourAnswerToASingleEventIsReadAsIs() {
        server.enqueue(json(200, """
                {"accepted":0,"duplicates":1,"ids":[],"duplicateIds":["mine"],"proof":%s}""".formatted(PROOF)));

        IngestResult result = api.ingest(List.of(Map.of("event", "x", "id", "mine")));

        assertThat(result.duplicates()).isEqualTo(1);
        assertThat(result.duplicateIds()).containsExactly("mine");
        assertThat(result.proof().queryId()).isEqualTo("q_1");
    }

    @Test
    void anAnswerThatSaysNothingStoredIsABadResponse() {
        server.enqueue(json(200, "{\"ok\":false}"));

        ApiException.Server e = catchThrowableOfType(ApiException.Server.class,
                () -> api.ingest(List.of(Map.of("event", "x"))));

        assertThat(e.code()).isEqualTo(RemoteApi.BAD_RESPONSE);
    }

    @Test
    void aBatchIsOneRequestWhenTheDocumentSaysIngestTakesEvents() throws Exception {
        server.enqueue(json(200, OUR_DOC));
        server.enqueue(json(200, """
                {"accepted":2,"duplicates":0,"ids":["a","b"],"duplicateIds":[],"proof":%s}""".formatted(PROOF)));

        IngestResult result = api.ingest(List.of(Map.of("event", "x", "id", "a"), Map.of("event", "y", "id", "b")));

        assertThat(result.ids()).containsExactly("a", "b");
        server.takeRequest();
        assertThat(body(server.takeRequest()).get("events")).hasSize(2);
    }

    @Test
    void aBatchIsOneRequestPerEventOnAServerThatTakesOne() throws Exception {
        server.enqueue(json(200, REFERENCE_DOC));
        server.enqueue(json(200, "{\"id\":\"srv_1\"}"));
        server.enqueue(json(200, "{\"eventId\":\"srv_2\"}"));

        IngestResult two = api.ingest(List.of(Map.of("event", "x", "id", "a"), Map.of("event", "y", "id", "b")));
        assertThat(two.accepted()).isEqualTo(2);
        assertThat(two.ids()).containsExactly("a", "b");
        server.takeRequest();
        assertThat(body(server.takeRequest()).get("id").asText()).isEqualTo("a");
        assertThat(body(server.takeRequest()).get("id").asText()).isEqualTo("b");

        server.enqueue(json(200, "{\"ok\":true}"));
        server.enqueue(json(400, """
                {"error":{"code":"invalid_input","message":"Invalid event","details":[
                  {"index":null,"field":"timestamp","code":"invalid_type","message":"must be a number"}]}}"""));
        ApiException.Client e = catchThrowableOfType(ApiException.Client.class, () -> api.ingest(List.of(
                Map.of("event", "x"), Map.of("event", "y", "timestamp", "soon"), Map.of("event", "z"))));
        assertThat(e.getMessage()).contains("event 1 of the batch", "the 1 before it were stored");
        assertThat(e.details()).containsExactly(new FieldError(1, "timestamp", "invalid_type", "must be a number"));
    }
}
