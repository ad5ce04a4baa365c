package com.headlessanalytics.console.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.IngestResult;
import com.headlessanalytics.console.api.RuntimeHealth;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.domain.TrustTier;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import okio.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(20)
class RemoteApiTest {
    private static final String KEY = "ha_live_SECRETKEY123";
    private static final String PROOF = """
            {"queryId":"q_1","workspaceId":"ws_1","businessId":"biz_1","period":{"from":10,"to":20},
             "generatedAt":1700000000000,"schemaVersion":"1"}""";
    private static final String INGEST_OK = """
            {"accepted":2,"duplicates":0,"ids":["evt_A","mine"],"duplicateIds":[],"proof":%s}""".formatted(PROOF);

    private MockWebServer server;
    private final AtomicInteger attempts = new AtomicInteger();
    private final OkHttpClient counting = new OkHttpClient.Builder()
            .addInterceptor(chain -> {
                attempts.incrementAndGet();
                return chain.proceed(chain.request());
            })
            .build();

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RemoteConfig config(Credentials credentials, int maxAttempts) {
        return new RemoteConfig(server.url("/").toString(), credentials, Duration.ofSeconds(2),
                Duration.ofSeconds(2), maxAttempts, Duration.ofMillis(10));
    }

    private RemoteApi api(int maxAttempts) {
        RemoteApi api = new RemoteApi(config(new Credentials.ApiKey(KEY), maxAttempts), counting);
        api.assumeOffer(Offers.OURS);
        return api;
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    private static MockResponse error(int code, String errorCode, String message) {
        return json(code, """
                {"error":{"code":"%s","message":"%s","details":[]},"proof":%s}""".formatted(errorCode, message, PROOF));
    }

    private static Map<String, Object> event(String name) {
        Map<String, Object> e = new HashMap<>();
        e.put("event", name);
        return e;
    }

    private static JsonNode body(RecordedRequest request) throws Exception {
        return ApiJson.mapper().readTree(request.getBody().toByteArray());
    }

    @Test
    void ingestPostsTheBatchWithIdsAndTheApiKey() throws Exception {
        server.enqueue(json(200, INGEST_OK));
        Map<String, Object> withoutId = event("order.created");
        Map<String, Object> withId = event("lead.created");
        withId.put("id", "mine");

        IngestResult result;
        try (RemoteApi api = api(3)) {
            result = api.ingest(List.of(withoutId, withId));
        }

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/api/ingest");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.getHeaders().get("X-HA-Workspace-ID")).isNull();
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
        JsonNode sent = body(request).get("events");
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).get("event").asText()).isEqualTo("order.created");
        assertThat(sent.get(0).get("id").asText()).matches("evt_[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(sent.get(1).get("id").asText()).isEqualTo("mine");
        assertThat(withoutId).doesNotContainKey("id");

        assertThat(result.accepted()).isEqualTo(2);
        assertThat(result.duplicates()).isZero();
        assertThat(result.ids()).containsExactly("evt_A", "mine");
        assertThat(result.duplicateIds()).isEmpty();
        assertThat(result.proof().workspaceId()).isEqualTo("ws_1");
        assertThat(result.proof().period().from()).isEqualTo(10L);
        assertThat(result.proof().generatedAt()).isEqualTo(1700000000000L);
    }

    @Test
    void enterpriseJwtSendsTheTokenAndTheWorkspaceHeader() throws Exception {
        server.enqueue(json(200, """
                {"status":"ok","ready":true,"checks":[],"settings":[],"proof":%s}""".formatted(PROOF)));
        Credentials jwt = new Credentials.EnterpriseJwt("eyJhbGciOi.eyJzdWIi.c2ln", "ws_42");

        new RemoteApi(config(jwt, 1), counting).health();

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getTarget()).isEqualTo("/api/health");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer eyJhbGciOi.eyJzdWIi.c2ln");
        assertThat(request.getHeaders().get("X-HA-Workspace-ID")).isEqualTo("ws_42");
    }

    @Test
    void aBaseUrlPathPrefixIsKept() throws Exception {
        server.enqueue(json(200, """
                {"status":"ok","ready":true,"checks":[],"proof":%s}""".formatted(PROOF)));
        RemoteConfig config = RemoteConfig.of(server.url("/ha/").toString(), new Credentials.ApiKey(KEY));

        RuntimeHealth health = new RemoteApi(config, counting).health();

        assertThat(server.takeRequest().getTarget()).isEqualTo("/ha/api/health");
        assertThat(health.settings()).isEmpty();
    }

    @Test
    void eventQueryFieldsBecomeEncodedQueryParameters() throws Exception {
        server.enqueue(json(200, """
                {"events":[],"nextCursor":null,"proof":%s}""".formatted(PROOF)));
        server.enqueue(json(200, """
                {"events":[],"proof":%s}""".formatted(PROOF)));
        EventQuery query = new EventQuery("biz 1", "order.created", "t 1&x=2", "ä/b", 100L, 200L, 50, "c+1=",
                EventQuery.Order.DESC);

        try (RemoteApi api = api(1)) {
            api.events(query);
            api.events(EventQuery.all());
        }

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/events");
        assertThat(request.getUrl().queryParameter("event")).isEqualTo("order.created");
        assertThat(request.getUrl().queryParameter("traceId")).isEqualTo("t 1&x=2");
        assertThat(request.getUrl().queryParameter("actor")).isEqualTo("ä/b");
        assertThat(request.getUrl().queryParameter("businessId")).isEqualTo("biz 1");
        assertThat(request.getUrl().queryParameter("from")).isEqualTo("100");
        assertThat(request.getUrl().queryParameter("to")).isEqualTo("200");
        assertThat(request.getUrl().queryParameter("limit")).isEqualTo("50");
        assertThat(request.getUrl().queryParameter("cursor")).isEqualTo("c+1=");
        assertThat(request.getUrl().queryParameter("order")).isEqualTo("desc");
        assertThat(request.getTarget()).contains("traceId=t%201%26x%3D2", "cursor=c%2B1%3D", "actor=%C3%A4");
        assertThat(server.takeRequest().getTarget()).isEqualTo("/api/events");
    }

    @Test
    void anEventsPageIsReadIntoEventRecords() {
        server.enqueue(json(200, """
                {"events":[
                  {"id":"evt_1","event":"order.created","businessId":"biz_1","timestamp":1000,"receivedAt":1001,
                   "actor":"u1","object":{"id":"o1","type":"order"},"traceId":"t1","trustTier":"T3",
                   "properties":{"amount":"12.50","ratio":1.5},"futureField":true},
                  {"id":"evt_2","event":"lead.created","businessId":"biz_1","timestamp":2000,"receivedAt":2001,
                   "actor":{"id":"u2"},"object":"form-7"}
                 ],"nextCursor":"cur_2","proof":%s}""".formatted(PROOF)));

        EventPage page = api(1).events(EventQuery.all());

        assertThat(page.nextCursor()).isEqualTo("cur_2");
        assertThat(page.proof().queryId()).isEqualTo("q_1");
        assertThat(page.events()).hasSize(2);
        Event first = page.events().get(0);
        assertThat(first.id()).isEqualTo("evt_1");
        assertThat(first.timestamp()).isEqualTo(1000L);
        assertThat(first.receivedAt()).isEqualTo(1001L);
        assertThat(first.actor()).isEqualTo("u1");
        assertThat(first.object()).isEqualTo(Map.of("id", "o1", "type", "order"));
        assertThat(first.trustTier()).isEqualTo(TrustTier.T3);
        assertThat(first.properties()).containsEntry("amount", "12.50").containsEntry("ratio", new BigDecimal("1.5"));
        Event second = page.events().get(1);
        assertThat(second.actorKey()).isEqualTo("u2");
        assertThat(second.object()).isEqualTo("form-7");
        assertThat(second.trustTier()).isNull();
    }

    @Test
    void healthIsReadFrom200AndFromA503WithAHealthBody() {
        server.enqueue(json(200, """
                {"status":"ok","ready":true,
                 "checks":[{"name":"database","status":"ok","required":true,"message":"H2 open","remedy":null}],
                 "settings":[{"name":"HA_API_KEY","required":true,"present":true,"purpose":"auth"}],"proof":%s}"""
                .formatted(PROOF)));
        server.enqueue(json(503, """
                {"status":"fail","ready":false,
                 "checks":[{"name":"disk","status":"fail","required":true,"message":"full","remedy":"free space"}],
                 "settings":[],"proof":%s}""".formatted(PROOF)));

        try (RemoteApi api = api(3)) {
            RuntimeHealth ok = api.health();
            assertThat(ok.ready()).isTrue();
            assertThat(ok.checks()).containsExactly(new RuntimeHealth.Check("database", "ok", true, "H2 open", null));
            assertThat(ok.settings()).containsExactly(new RuntimeHealth.Setting("HA_API_KEY", true, true, "auth"));

            RuntimeHealth failing = api.health();
            assertThat(failing.status()).isEqualTo("fail");
            assertThat(failing.ready()).isFalse();
            assertThat(failing.checks().get(0).failed()).isTrue();
        }
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void a400NamesEachBadFieldAndIsNotRetried() {
        server.enqueue(json(400, """
                {"error":{"code":"invalid_input","message":"2 events are invalid","details":[
                  {"index":0,"field":"event","code":"required","message":"is required"},
                  {"index":3,"field":"trustTier","code":"invalid_value","message":"must be one of T0, T1, T2, T3, T4"}
                 ]},"proof":%s}""".formatted(PROOF)));
        server.enqueue(json(200, INGEST_OK));

        ApiException.Client e = catchThrowableOfType(ApiException.Client.class,
                () -> api(3).ingest(List.of(event("x"))));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.code()).isEqualTo("invalid_input");
        assertThat(e.getMessage()).isEqualTo("2 events are invalid");
        assertThat(e.details()).containsExactly(
                new FieldError(0, "event", "required", "is required"),
                new FieldError(3, "trustTier", "invalid_value", "must be one of T0, T1, T2, T3, T4"));
        assertThat(attempts).hasValue(1);
    }

    @ParameterizedTest
    @CsvSource({
        "401, unauthorized, missing or unknown API key",
        "403, forbidden, this key may not read events",
        "404, not_found, no such route",
        "413, too_large, the body is 600000 bytes; the limit is 524288 bytes",
        "415, unsupported_media_type, send application/json",
        "422, rule_violation, refused",
    })
    void clientErrorsAreMappedAndNeverRetried(int status, String code, String message) {
        server.enqueue(error(status, code, message));
        server.enqueue(json(200, INGEST_OK));

        ApiException.Client e = catchThrowableOfType(ApiException.Client.class,
                () -> api(4).ingest(List.of(event("x"))));

        assertThat(e.status()).isEqualTo(status);
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(e.retryAfterSeconds()).isZero();
        assertThat(attempts).hasValue(1);
    }

    @Test
    void anHtml404FromAnotherWebServerIsNamedAsSuch() {
        server.enqueue(new MockResponse.Builder().code(404).setHeader("Content-Type", "text/html")
                .body("<html><body><h1>Not Found</h1></body></html>").build());

        ApiException.Client e = catchThrowableOfType(ApiException.Client.class, () -> api(3).health());

        assertThat(e.status()).isEqualTo(404);
        assertThat(e.code()).isEqualTo(RemoteApi.NOT_AN_API);
        assertThat(e.getMessage()).contains("did not answer like a HeadlessAnalytics API", "HTTP 404", "text/html");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aRedirectIsNotFollowedAndSaysWhereTo() {
        server.enqueue(new MockResponse.Builder().code(301).setHeader("Location", "https://elsewhere.example/api/health")
                .build());

        ApiException e = catchThrowableOfType(ApiException.class, () -> api(3).health());

        assertThat(e.status()).isEqualTo(301);
        assertThat(e.getMessage()).contains("HTTP 301", "redirects to https://elsewhere.example/api/health");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void a2xxWithAnUnreadableBodyIsABadResponse() {
        server.enqueue(json(200, "<html>hello</html>"));
        server.enqueue(json(200, "{\"accepted\":1}"));

        try (RemoteApi api = api(3)) {
            ApiException.Server notJson = catchThrowableOfType(ApiException.Server.class,
                    () -> api.ingest(List.of(event("x"))));
            assertThat(notJson.status()).isEqualTo(502);
            assertThat(notJson.code()).isEqualTo(RemoteApi.BAD_RESPONSE);
            assertThat(notJson.getMessage()).contains("HTTP 200", "ingest result", "not JSON");

            ApiException.Server missing = catchThrowableOfType(ApiException.Server.class,
                    () -> api.ingest(List.of(event("x"))));
            assertThat(missing.getMessage()).contains("neither accepted and ids");
        }
        assertThat(attempts).hasValue(2);
    }

    @Test
    void a500IsRetriedWithByteIdenticalBodies() throws Exception {
        server.enqueue(error(500, "internal_error", "boom"));
        server.enqueue(json(200, INGEST_OK));

        IngestResult result = api(3).ingest(List.of(event("order.created"), event("lead.created")));

        assertThat(result.accepted()).isEqualTo(2);
        ByteString first = server.takeRequest().getBody();
        ByteString second = server.takeRequest().getBody();
        assertThat(second).isEqualTo(first);
        assertThat(ApiJson.mapper().readTree(first.toByteArray()).get("events").get(0).get("id").asText())
                .startsWith("evt_");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void serverErrorsOnEveryAttemptEndInTheLastServerError() {
        for (int i = 0; i < 4; i++) {
            server.enqueue(error(503, "not_ready", "database is migrating"));
        }

        ApiException.Server e = catchThrowableOfType(ApiException.Server.class, () -> api(4).events(EventQuery.all()));

        assertThat(e.status()).isEqualTo(503);
        assertThat(e.code()).isEqualTo("not_ready");
        assertThat(e.getMessage()).contains("database is migrating", "gave up after 4 attempts");
        assertThat(attempts).hasValue(4);
    }

    @Test
    void a501IsNotRetried() {
        server.enqueue(error(501, "not_implemented", "no"));

        assertThatThrownBy(() -> api(4).health()).isInstanceOf(ApiException.Server.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void a429WaitsForRetryAfterThenSucceeds() throws Exception {
        server.enqueue(new MockResponse.Builder(error(429, "rate_limited", "slow down")).setHeader("Retry-After", "1")
                .build());
        server.enqueue(json(200, INGEST_OK));
        long start = System.nanoTime();

        IngestResult result = api(3).ingest(List.of(event("x")));

        assertThat(result.accepted()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(server.takeRequest().getBody()).isEqualTo(server.takeRequest().getBody());
    }

    @Test
    void a429AskingForMoreThanTheCapEndsAtOnce() {
        server.enqueue(new MockResponse.Builder(error(429, "rate_limited", "quota exhausted"))
                .setHeader("Retry-After", "120").build());
        server.enqueue(json(200, INGEST_OK));

        ApiException.Client e = catchThrowableOfType(ApiException.Client.class,
                () -> api(3).ingest(List.of(event("x"))));

        assertThat(e.status()).isEqualTo(429);
        assertThat(e.code()).isEqualTo("rate_limited");
        assertThat(e.retryAfterSeconds()).isEqualTo(120);
        assertThat(e.getMessage()).contains("quota exhausted", "120 s");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        assertThat(RemoteApi.retryAfterSeconds("7")).isEqualTo(7);
        assertThat(RemoteApi.retryAfterSeconds(null)).isZero();
        assertThat(RemoteApi.retryAfterSeconds("soon")).isZero();
        assertThat(RemoteApi.retryAfterSeconds("Wed, 21 Oct 2015 07:28:00 GMT")).isZero();
        String inAMinute = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(60));
        assertThat(RemoteApi.retryAfterSeconds(inAMinute)).isBetween(55L, 61L);
    }

    @Test
    void aResponseSlowerThanTheReadTimeoutIsRetriedWithTheSameIds() throws Exception {
        server.enqueue(new MockResponse.Builder(json(200, INGEST_OK)).headersDelay(3, TimeUnit.SECONDS).build());
        server.enqueue(json(200, INGEST_OK));
        RemoteConfig config = config(new Credentials.ApiKey(KEY), 3)
                .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300));

        IngestResult result = new RemoteApi(config, counting).ingest(List.of(event("x")));

        assertThat(result.accepted()).isEqualTo(2);
        assertThat(attempts).hasValue(2);
        assertThat(server.takeRequest().getBody()).isEqualTo(server.takeRequest().getBody());
    }

    @Test
    void aReadTimeoutAloneIsUnreachableAndSaysSo() {
        server.enqueue(new MockResponse.Builder(json(200, INGEST_OK)).headersDelay(3, TimeUnit.SECONDS).build());
        RemoteConfig config = config(new Credentials.ApiKey(KEY), 1)
                .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300));

        ApiException.Unreachable e = catchThrowableOfType(ApiException.Unreachable.class,
                () -> new RemoteApi(config, counting).health());

        assertThat(e.getMessage()).contains("timed out after 300 ms");
        assertThat(e.status()).isZero();
    }

    @Test
    void aConnectionCutMidResponseIsRetriedWithTheSameIds() throws Exception {
        String longBody = INGEST_OK.replace("\"proof\"", "\"padding\":\"" + "x".repeat(64 * 1024) + "\",\"proof\"");
        server.enqueue(new MockResponse.Builder(json(200, longBody)).onResponseBody(new SocketEffect.CloseSocket())
                .build());
        server.enqueue(json(200, INGEST_OK));

        IngestResult result = api(3).ingest(List.of(event("x")));

        assertThat(result.ids()).containsExactly("evt_A", "mine");
        assertThat(attempts).hasValue(2);
        assertThat(server.takeRequest().getBody()).isEqualTo(server.takeRequest().getBody());
    }

    @Test
    void aCutConnectionOnEveryAttemptIsUnreachableNeverASilentLoss() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder(json(200, INGEST_OK))
                    .onResponseStart(new SocketEffect.CloseSocket()).build());
        }

        ApiException.Unreachable e = catchThrowableOfType(ApiException.Unreachable.class,
                () -> api(3).ingest(List.of(event("x"))));

        assertThat(e.getMessage()).contains("connection closed before the full response arrived",
                "gave up after 3 attempts");
        assertThat(e.code()).isEqualTo("unreachable");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aClosedPortIsUnreachableQuickly() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RemoteConfig config = new RemoteConfig("http://127.0.0.1:" + port, new Credentials.ApiKey(KEY), null, null,
                3, Duration.ofMillis(10));
        long start = System.nanoTime();

        ApiException.Unreachable e = catchThrowableOfType(ApiException.Unreachable.class,
                () -> new RemoteApi(config, counting).health());

        assertThat(e.getMessage()).contains("connection refused by 127.0.0.1:" + port);
        assertThat(attempts).hasValue(3);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void anUnknownHostIsUnreachable() {
        OkHttpClient noDns = counting.newBuilder().dns(host -> {
            throw new UnknownHostException(host);
        }).build();
        RemoteConfig config = new RemoteConfig("https://api.nowhere.invalid", new Credentials.ApiKey(KEY), null, null,
                2, Duration.ofMillis(1));

        ApiException.Unreachable e = catchThrowableOfType(ApiException.Unreachable.class,
                () -> new RemoteApi(config, noDns).health());

        assertThat(e.getMessage()).startsWith("cannot resolve host api.nowhere.invalid");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void aPlainHttpAnswerToATlsHandshakeIsATlsFailure() throws Exception {
        try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answerer = new Thread(() -> {
                try (Socket socket = plain.accept()) {
                    socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                    socket.getInputStream().read(new byte[1024]);
                } catch (IOException ignored) {
                    // the client hangs up after the failed handshake
                }
            });
            answerer.start();
            RemoteConfig config = new RemoteConfig("https://127.0.0.1:" + plain.getLocalPort(),
                    new Credentials.ApiKey(KEY), null, Duration.ofSeconds(2), 1, null);

            ApiException.Unreachable e = catchThrowableOfType(ApiException.Unreachable.class,
                    () -> new RemoteApi(config, counting).health());

            assertThat(e.getMessage()).startsWith("TLS handshake failed with 127.0.0.1:" + plain.getLocalPort() + ": ");
            answerer.join(2000);
        }
    }

    @Test
    void anInterruptDuringTheBackoffStopsRetrying() throws Exception {
        server.enqueue(error(500, "internal_error", "boom"));
        server.enqueue(json(200, INGEST_OK));
        RemoteConfig config = config(new Credentials.ApiKey(KEY), 3).withRetries(3, Duration.ofSeconds(4));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean interruptFlag = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                new RemoteApi(config, counting).ingest(List.of(event("x")));
            } catch (Throwable t) {
                thrown.set(t);
                interruptFlag.set(Thread.currentThread().isInterrupted());
            }
        });

        caller.start();
        server.takeRequest(5, TimeUnit.SECONDS);
        Thread.sleep(200);
        caller.interrupt();
        caller.join(1000);

        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(ApiException.Unreachable.class).hasMessageContaining("interrupted");
        assertThat(interruptFlag).isTrue();
        assertThat(attempts).hasValue(1);
    }

    @Test
    void closeStopsLaterCallsAndLeavesAnInjectedClientAlone() {
        server.enqueue(json(200, """
                {"status":"ok","ready":true,"checks":[],"proof":%s}""".formatted(PROOF)));
        RemoteApi api = api(1);
        api.health();

        api.close();

        assertThatThrownBy(api::health).isInstanceOf(IllegalStateException.class);
        assertThat(counting.dispatcher().executorService().isShutdown()).isFalse();
        RemoteApi own = new RemoteApi(config(new Credentials.ApiKey(KEY), 1));
        own.close();
        assertThatThrownBy(() -> own.events(EventQuery.all())).isInstanceOf(IllegalStateException.class);
    }
}
