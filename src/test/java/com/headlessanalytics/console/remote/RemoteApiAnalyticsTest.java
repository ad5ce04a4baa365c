package com.headlessanalytics.console.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.headlessanalytics.console.api.AgentContext;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Attribution;
import com.headlessanalytics.console.api.BusinessHealth;
import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.api.Metrics;
import com.headlessanalytics.console.api.Usage;
import com.headlessanalytics.console.domain.FieldError;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The analytics operations over HTTP: request shapes, answers read into the api records, errors and retries. */
@Timeout(20)
class RemoteApiAnalyticsTest {
    private static final String KEY = "ha_live_ANALYTICSKEY";
    private static final String PROOF = """
            {"queryId":"q_7","workspaceId":"ws_1","businessId":"default","period":{"from":null,"to":null},
             "generatedAt":1700000000000,"schemaVersion":"1"}""";

    private MockWebServer server;
    private final AtomicInteger attempts = new AtomicInteger();
    private RemoteApi api;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        OkHttpClient counting = new OkHttpClient.Builder().addInterceptor(chain -> {
            attempts.incrementAndGet();
            return chain.proceed(chain.request());
        }).build();
        api = new RemoteApi(new RemoteConfig(server.url("/").toString(), new Credentials.ApiKey(KEY),
                Duration.ofSeconds(2), Duration.ofSeconds(2), 3, Duration.ofMillis(10)), counting);
        api.assumeOffer(Offers.OURS);
    }

    @AfterEach
    void stop() {
        api.close();
        server.close();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    private static MockResponse error(int code, String errorCode, String message) {
        return json(code, """
                {"error":{"code":"%s","message":"%s","details":[]},"proof":%s}""".formatted(errorCode, message, PROOF));
    }

    private static JsonNode body(RecordedRequest request) throws Exception {
        return ApiJson.mapper().readTree(request.getBody().toByteArray());
    }

    @Test
    void aFunnelIsPostedAsJsonAndItsStepsAreRead() throws Exception {
        server.enqueue(json(200, """
                {"steps":[{"step":1,"name":"Scan","event":"qr.bottle_scanned","count":5,"conversionFromStart":1.0,
                           "conversionFromPrevious":1.0,"dropOff":0,"medianTimeToConvertMs":0},
                          {"step":2,"name":"order.created","event":"order.created","count":2,"conversionFromStart":0.4,
                           "conversionFromPrevious":0.4,"dropOff":3,"medianTimeToConvertMs":null}],
                 "mode":"strict","windowMs":3600000,"proof":%s}""".formatted(PROOF)));
        Funnels.Query query = new Funnels.Query(List.of(new Funnels.Step("Scan", "qr.bottle_scanned",
                Map.of("properties.qty", new BigDecimal("2.50"))), Funnels.Step.of("order.created")), 10L, null,
                3_600_000L, "strict", null, null);

        Funnels.Result result = api.funnel(query);

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/api/funnels/query");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
        assertThat(request.getBody().utf8()).isEqualTo("{\"steps\":[{\"name\":\"Scan\",\"event\":\"qr.bottle_scanned\","
                + "\"filter\":{\"properties.qty\":2.50}},{\"event\":\"order.created\"}],\"from\":10,"
                + "\"windowMs\":3600000,\"mode\":\"strict\"}");
        assertThat(result.steps()).extracting(Funnels.StepResult::count).containsExactly(5L, 2L);
        assertThat(result.steps().get(1).medianTimeToConvertMs()).isNull();
        assertThat(result.steps().get(1).conversionFromStart()).isEqualTo(0.4);
        assertThat(result.proof().queryId()).isEqualTo("q_7");
    }

    @Test
    void metricsAnswersKeepTheirSeriesKeysAndExactRevenue() throws Exception {
        server.enqueue(json(200, """
                {"metrics":{"events":3,"revenue":10.10},"totalEvents":3,"uniqueActors":2,"revenue":"10.10",
                 "interval":"day","series":{"86400000":1,"0":2},"proof":%s}""".formatted(PROOF)));

        Metrics.Result result = api.metrics(Metrics.Query.of("order.created", 0L, 100_000_000L));

        assertThat(body(server.takeRequest()).toString())
                .isEqualTo("{\"eventName\":\"order.created\",\"from\":0,\"to\":100000000}");
        assertThat(result.series()).containsExactly(Map.entry(0L, 2L), Map.entry(86_400_000L, 1L));
        assertThat(result.revenue()).isEqualTo(new BigDecimal("10.10"));
        assertThat(result.metrics().get("revenue")).isEqualTo(new BigDecimal("10.10"));
    }

    @Test
    void definitionsAreListedSavedAndDeletedByTheirPaths() throws Exception {
        server.enqueue(json(200, """
                {"definitions":[{"name":"orders","event":"order.created","aggregation":"count","updatedAt":5}],
                 "proof":%s}""".formatted(PROOF)));
        server.enqueue(json(200, """
                {"name":"a/b c","event":"order.created","aggregation":"count","updatedAt":6,"proof":%s}"""
                .formatted(PROOF)));
        server.enqueue(new MockResponse.Builder().code(204).build());

        assertThat(api.metricDefinitions().definitions()).extracting(Metrics.Definition::name).containsExactly("orders");
        Metrics.Definition saved = api.saveMetricDefinition(
                new Metrics.Definition("a/b c", "order.created", null, null, null, null));
        api.deleteMetricDefinition("a/b c");

        assertThat(server.takeRequest().getTarget()).isEqualTo("/api/metrics/definitions");
        RecordedRequest save = server.takeRequest();
        assertThat(save.getMethod()).isEqualTo("POST");
        assertThat(body(save).toString()).isEqualTo("{\"name\":\"a/b c\",\"event\":\"order.created\"}");
        assertThat(saved.updatedAt()).isEqualTo(6L);
        RecordedRequest delete = server.takeRequest();
        assertThat(delete.getMethod()).isEqualTo("DELETE");
        assertThat(delete.getTarget()).isEqualTo("/api/metrics/definitions/a%2Fb%20c");
    }

    @Test
    void aMissingDefinitionIsA404ClientError() {
        server.enqueue(error(404, "not_found", "there is no metric definition named x"));

        assertThatThrownBy(() -> api.deleteMetricDefinition("x")).isInstanceOfSatisfying(ApiException.Client.class,
                e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("not_found");
                });
    }

    @Test
    void getOperationsSendTheirArgumentsAsQueryParameters() throws Exception {
        server.enqueue(json(200, "{\"snapshots\":[],\"proof\":%s}".formatted(PROOF)));
        server.enqueue(json(200, """
                {"businessId":"brand 2","healthScore":77,"components":[{"name":"freshness","weight":20,"score":100,
                 "value":"5 min","explanation":"fresh"}],"revenue":"0","scans":0,"leads":0,"orders":0,
                 "pendingApprovals":0,"totalEvents":0,"recentEvents":[],"proof":%s}""".formatted(PROOF)));
        server.enqueue(json(200, """
                {"records":[],"totals":[],"totalCalls":0,
                 "quota":{"limit":1000000,"used":3,"remaining":999997,"periodStart":0,"periodEnd":1},"proof":%s}"""
                .formatted(PROOF)));
        server.enqueue(json(200, """
                {"records":[],"totals":[],"totalCalls":0,
                 "quota":{"limit":1000000,"used":3,"remaining":999997,"periodStart":0,"periodEnd":1},"proof":%s}"""
                .formatted(PROOF)));

        api.metricSnapshots("orders", 5);
        BusinessHealth health = api.businessHealth("brand 2", new BusinessHealth.Query(10, null, 99L));
        Usage.Report usage = api.usage(new Usage.Query(null, 1L, 2L));
        api.usage(null);

        assertThat(server.takeRequest().getTarget()).isEqualTo("/api/metrics/snapshots?metric=orders&limit=5");
        assertThat(server.takeRequest().getTarget()).isEqualTo("/api/businesses/brand%202/health?limit=10&to=99");
        assertThat(server.takeRequest().getTarget()).isEqualTo("/api/usage?from=1&to=2");
        assertThat(server.takeRequest().getTarget()).isEqualTo("/api/usage");
        assertThat(health.healthScore()).isEqualTo(77);
        assertThat(health.components()).singleElement().satisfies(c -> assertThat(c.weight()).isEqualTo(20));
        assertThat(usage.quota().remaining()).isEqualTo(999_997);
    }

    @Test
    void attributionAndAgentContextAreRead() throws Exception {
        server.enqueue(json(200, """
                {"bySource":{"google":2,"bing":1},"byCampaign":{},"byChannel":{},"byMedium":{},
                 "conversionEvent":"order.created","model":"linear","groupBy":"source","conversions":2,
                 "revenue":"30.00","credit":[{"key":"google","conversions":1.3333,"revenue":"20.00"}],"proof":%s}"""
                .formatted(PROOF)));
        server.enqueue(json(200, """
                {"mode":"summary","businessId":"default","period":{"from":1,"to":2},"summary":{"events":3},
                 "text":"3 events.","proof":%s}""".formatted(PROOF)));

        Attribution.Result attribution = api.attribution(
                new Attribution.Query(null, null, null, "order.created", "linear", null, null));
        AgentContext.Result context = api.agentContext(AgentContext.Query.of(AgentContext.Mode.SUMMARY));

        assertThat(server.takeRequest().getTarget()).isEqualTo("/api/attribution/query");
        assertThat(body(server.takeRequest()).toString()).isEqualTo("{\"mode\":\"summary\"}");
        assertThat(attribution.bySource()).containsExactly(Map.entry("google", 2L), Map.entry("bing", 1L));
        assertThat(attribution.credit()).singleElement()
                .satisfies(c -> assertThat(c.conversions()).isEqualByComparingTo("1.3333"));
        assertThat(context.text()).isEqualTo("3 events.");
    }

    @Test
    void a400NamesTheFieldsAndIsNotRetried() {
        server.enqueue(json(400, """
                {"error":{"code":"invalid_input","message":"invalid funnel query",
                 "details":[{"field":"steps[1].event","code":"invalid_value","message":"must be 1-128 characters"}]},
                 "proof":%s}""".formatted(PROOF)));

        assertThatThrownBy(() -> api.funnel(Funnels.Query.of("a", ""))).isInstanceOfSatisfying(
                ApiException.Client.class, e -> assertThat(e.details()).extracting(FieldError::field)
                        .containsExactly("steps[1].event"));
        assertThat(attempts.get()).isEqualTo(1);
    }

    @Test
    void aReadOnlyQueryIsRetriedAfterA503() throws Exception {
        server.enqueue(error(503, "not_ready", "starting"));
        server.enqueue(json(200, "{\"actors\":[],\"total\":0,\"proof\":%s}".formatted(PROOF)));

        Funnels.Actors actors = api.funnelActors(
                new Funnels.ActorsQuery(Funnels.Query.of("a", "b"), 2, null, null, null, null));

        assertThat(actors.total()).isZero();
        assertThat(attempts.get()).isEqualTo(2);
    }

    @Test
    void callsThatChangeSomethingAreNotRepeatedAfterTheServerMayHaveActed() {
        server.enqueue(error(503, "not_ready", "busy"));
        server.enqueue(json(200, "{}"));
        assertThatThrownBy(() -> api.deleteMetricDefinition("orders"))
                .isInstanceOfSatisfying(ApiException.Server.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(attempts.get()).isEqualTo(1);

        server.enqueue(error(500, "internal_error", "boom"));
        assertThatThrownBy(() -> api.metrics(new Metrics.Query(null, null, null, null, null, null, true, null)))
                .isInstanceOf(ApiException.Server.class);
        assertThat(attempts.get()).isEqualTo(2);
    }

    @Test
    void aDeletionRefusedWith429IsSentAgain() throws Exception {
        server.enqueue(new MockResponse.Builder(error(429, "rate_limited", "slow down")).setHeader("Retry-After", "1")
                .build());
        server.enqueue(json(200, "{\"deleted\":\"orders\",\"proof\":%s}".formatted(PROOF)));

        api.deleteMetricDefinition("orders");

        assertThat(attempts.get()).isEqualTo(2);
    }

    @Test
    void anAnswerWithoutTheOperationsFieldsIsABadResponse() {
        server.enqueue(json(200, "{\"proof\":%s}".formatted(PROOF)));

        assertThatThrownBy(() -> api.usage(Usage.Query.defaults())).isInstanceOfSatisfying(ApiException.Server.class,
                e -> {
                    assertThat(e.code()).isEqualTo(RemoteApi.BAD_RESPONSE);
                    assertThat(e.getMessage()).contains("usage report", "records");
                });
    }

    @Test
    void dotSegmentsAreRefusedBeforeAnythingIsSent() {
        for (String id : Arrays.asList(".", "..", "", null)) {
            assertThatThrownBy(() -> api.businessHealth(id, null)).isInstanceOfSatisfying(ApiException.Client.class,
                    e -> assertThat(e.details()).extracting(FieldError::field).containsExactly("id"));
        }
        assertThatThrownBy(() -> api.deleteMetricDefinition("..")).isInstanceOf(ApiException.Client.class);
        assertThat(attempts.get()).isZero();
    }
}
