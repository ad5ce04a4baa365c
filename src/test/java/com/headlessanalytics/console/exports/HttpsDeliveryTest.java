package com.headlessanalytics.console.exports;

import static com.headlessanalytics.console.exports.TestHttpsReceiver.Misbehaviour.CUT;
import static com.headlessanalytics.console.exports.TestHttpsReceiver.Misbehaviour.echoing;
import static com.headlessanalytics.console.exports.TestHttpsReceiver.Misbehaviour.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.headlessanalytics.console.api.Exports;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.exports.Delivery.DeliveryException;
import com.headlessanalytics.console.exports.Delivery.Staged;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Custom HTTPS exports against a local idempotent HTTPS receiver with a test certificate (TestHttpsReceiver). */
class HttpsDeliveryTest {
    private static final String BEARER = "Bearer sk_live_Xq81DistinctSecret";

    @TempDir
    Path dir;
    private TestHttpsReceiver receiver;
    private SSLContext tls;

    @BeforeEach
    void start() throws Exception {
        receiver = new TestHttpsReceiver();
        tls = receiver.clientTls();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void anExportOf1234EventsArrivesInBatchesExactlyOnceInOrder() throws Exception {
        Staged staged = stage("exp_1", "exp_1", 1234);
        HttpsDelivery delivery = delivery(Map.of("url", receiver.url("/ingest"), "batchSize", 100,
                "headers", Map.of("Authorization", BEARER, "X-Team", "ops")));

        List<Exports.File> files = delivery.deliver(staged);

        assertThat(receiver.requests).hasSize(13);
        assertThat(receiver.storedKeys()).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 13).mapToObj(n -> "exp_1-" + n).toList());
        assertEventsOnceInOrder(1234);
        for (int i = 0; i < 13; i++) {
            TestHttpsReceiver.Request r = receiver.requests.get(i);
            assertThat(r.body().get("exportId").asText()).isEqualTo("exp_1");
            assertThat(r.body().get("batch").asInt()).isEqualTo(i + 1);
            assertThat(r.body().get("events")).hasSize(i < 12 ? 100 : 34);
            assertThat(r.header("Content-Type")).isEqualTo("application/json");
            assertThat(r.header("Authorization")).isEqualTo(BEARER);
            assertThat(r.header("X-Team")).isEqualTo("ops");
        }
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        receiver.requests.forEach(r -> sent.writeBytes(r.bytes()));
        assertThat(files).containsExactly(new Exports.File("batches", receiver.url("/ingest"), sent.size(),
                S3DeliveryTest.sha256(sent.toByteArray()), "application/json"));
    }

    @Test
    void aConnectionCutAfterTheReceiverStoredABatchIsRetriedUnderTheSameKeyWithoutDuplicates() throws Exception {
        receiver.script("exp_c-3", CUT);
        HttpsDelivery delivery = delivery(Map.of("url", receiver.url("/ingest"), "batchSize", 100));

        delivery.deliver(stage("exp_c", "exp_c", 1234));

        assertThat(receiver.requests).hasSize(14);
        assertThat(receiver.requests).filteredOn(r -> r.key().equals("exp_c-3")).hasSize(2);
        assertThat(receiver.requests.get(2).bytes()).isEqualTo(receiver.requests.get(3).bytes());
        assertEventsOnceInOrder(1234);
    }

    @Test
    void anAnswerLaterThanTimeoutMsIsRetriedAndTheReceiverKeepsOneCopy() throws Exception {
        receiver.script("exp_s-2", TestHttpsReceiver.Misbehaviour.slow(6000));
        HttpsDelivery delivery = delivery(Map.of("url", receiver.url("/"), "batchSize", 10, "timeoutMs", 400));

        long started = System.nanoTime();
        delivery.deliver(stage("exp_s", "exp_s", 25));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(receiver.requests).extracting(TestHttpsReceiver.Request::key)
                .containsExactly("exp_s-1", "exp_s-2", "exp_s-2", "exp_s-3");
        assertEventsOnceInOrder(25);
    }

    @Test
    void a500ThenA200IsRetried() throws Exception {
        receiver.script("exp_5-2", status(500, null));
        delivery(Map.of("url", receiver.url("/"), "batchSize", 10)).deliver(stage("exp_5", "exp_5", 25));

        assertThat(receiver.requests).extracting(TestHttpsReceiver.Request::key)
                .containsExactly("exp_5-1", "exp_5-2", "exp_5-2", "exp_5-3");
        assertEventsOnceInOrder(25);
    }

    @Test
    void a429WaitsForItsRetryAfter() throws Exception {
        receiver.script("exp_t-1", status(429, "1"));
        delivery(Map.of("url", receiver.url("/"))).deliver(stage("exp_t", "exp_t", 5));

        assertThat(receiver.requests).hasSize(2);
        long waited = receiver.requests.get(1).at() - receiver.requests.get(0).at();
        assertThat(Duration.ofNanos(waited)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertEventsOnceInOrder(5);
    }

    @Test
    void a400FailsAtOnceWithAClearMessageThatNeverHoldsTheSecret() throws Exception {
        receiver.script("exp_4-2", echoing(400));
        HttpsDelivery delivery = delivery(Map.of("url", receiver.url("/ingest"), "batchSize", 10,
                "headers", Map.of("Authorization", BEARER)));

        assertThatThrownBy(() -> delivery.deliver(stage("exp_4", "exp_4", 30)))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining(receiver.url("/ingest") + " refused batch 2 (events 11 to 20) with HTTP 400")
                .hasMessageContaining("not retried")
                .satisfies(e -> assertThat(e.getMessage()).contains("[redacted]")
                        .doesNotContain("sk_live_Xq81DistinctSecret"));
        assertThat(receiver.requests).extracting(TestHttpsReceiver.Request::key).containsExactly("exp_4-1", "exp_4-2");
        assertThat(delivery.toString()).contains("Authorization").doesNotContain("sk_live_Xq81DistinctSecret");
    }

    @Test
    void threeFailedAttemptsFailTheDeliveryNamingTheBatch() throws Exception {
        receiver.script("exp_f-1", status(503, null), status(502, null), status(503, null));
        assertThatThrownBy(() -> delivery(Map.of("url", receiver.url("/"))).deliver(stage("exp_f", "exp_f", 3)))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("Could not post batch 1 (events 1 to 3)")
                .hasMessageContaining("after 3 attempts; last answer: HTTP 503");
        assertThat(receiver.requests).hasSize(3);
        assertThat(receiver.events()).isEmpty();
    }

    @Test
    void aClosedPortFailsAfterThreeQuickAttempts() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        HttpsDelivery delivery = delivery(Map.of("url", "https://127.0.0.1:" + port + "/in", "timeoutMs", 2000));
        long started = System.nanoTime();
        assertThatThrownBy(() -> delivery.deliver(stage("exp_x", "exp_x", 3))).isInstanceOf(DeliveryException.class)
                .hasMessageContaining("Could not post batch 1 (events 1 to 3) to https://127.0.0.1:" + port + "/in")
                .hasMessageContaining("after 3 attempts").hasMessageContaining("ConnectException");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aFailedDeliveryRetriedAsAWholeUnderTheSameRootStoresNothingTwice() throws Exception {
        receiver.script("exp_r-3", CUT, CUT, CUT);
        HttpsDelivery delivery = delivery(Map.of("url", receiver.url("/"), "batchSize", 100));
        Staged first = stage("exp_r", "exp_r", 1234);
        assertThatThrownBy(() -> delivery.deliver(first)).isInstanceOf(DeliveryException.class)
                .hasMessageContaining("batch 3 (events 201 to 300)");
        assertThat(receiver.storedKeys()).containsExactly("exp_r-1", "exp_r-2", "exp_r-3");

        Staged retry = new Staged("exp_r2", "exp_r", first.folder(), first.files(), first.config());
        delivery.deliver(retry);

        assertThat(receiver.requests).hasSize(5 + 13);
        assertThat(receiver.requests.subList(5, 18)).allSatisfy(r ->
                assertThat(r.body().get("exportId").asText()).isEqualTo("exp_r"));
        assertEventsOnceInOrder(1234);
    }

    @Test
    void aPrivateCaCertificateInTheConfigIsTrustedAndNothingElseIs() throws Exception {
        List<FieldError> errors = new ArrayList<>();
        HttpsDelivery trusting = HttpsDelivery.fromConfig(Map.of("url", receiver.url("/"),
                "trustCertificate", receiver.certificatePem()), null, errors);
        assertThat(errors).isEmpty();
        trusting.deliver(stage("exp_p", "exp_p", 3));
        assertEventsOnceInOrder(3);

        HttpsDelivery untrusting = HttpsDelivery.fromConfig(Map.of("url", receiver.url("/")), null, errors);
        assertThatThrownBy(() -> untrusting.deliver(stage("exp_q", "exp_q", 3))).isInstanceOf(DeliveryException.class)
                .hasMessageContaining("presented a certificate this machine does not trust")
                .hasMessageContaining("not retried");
        assertThat(errors).isEmpty();
        assertThat(receiver.requests).hasSize(1);
    }

    @Test
    void secretQueryParametersAreRedactedFromTheLocation() throws Exception {
        HttpsDelivery delivery = delivery(Map.of("url", receiver.url("/in?api_key=k3y-Distinct77&team=ops")));
        List<Exports.File> files = delivery.deliver(stage("exp_q", "exp_q", 2));
        assertThat(files.get(0).location()).isEqualTo(receiver.url("/in?api_key=[redacted]&team=ops"));
        assertThat(delivery.toString()).doesNotContain("k3y-Distinct77");
    }

    @Test
    void anExportWithoutEventsFailsWithoutPosting() throws Exception {
        HttpsDelivery delivery = delivery(Map.of("url", receiver.url("/")));
        assertThatThrownBy(() -> delivery.deliver(stage("exp_e", "exp_e", 0))).isInstanceOf(DeliveryException.class)
                .hasMessageContaining("no events");
        assertThat(receiver.requests).isEmpty();
    }

    @Test
    void badConfigsNameTheirField() {
        assertThat(errors(Map.of())).extracting(FieldError::field, FieldError::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("config.url", "required"));
        assertThat(errors(Map.of("url", " "))).extracting(FieldError::field, FieldError::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("config.url", "required"));
        assertThat(errors(Map.of("url", "http://hooks.example.com/in"))).extracting(FieldError::field, FieldError::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("config.url", "invalid_value"));
        assertThat(errors(Map.of("url", "http://127.0.0.1:8080/in"))).isEmpty();
        assertThat(errors(Map.of("url", "http://localhost:8080/in"))).isEmpty();
        assertThat(errors(Map.of("url", "ftp://example.com/in"))).extracting(FieldError::field)
                .containsExactly("config.url");
        assertThat(errors(Map.of("url", "https://user:pa55word-Zz9@example.com/in")))
                .extracting(FieldError::field).containsExactly("config.url");
        assertThat(errors(Map.of("url", "https://example.com", "batchSize", 0))).extracting(FieldError::field)
                .containsExactly("config.batchSize");
        assertThat(errors(Map.of("url", "https://example.com", "batchSize", 5001))).extracting(FieldError::field)
                .containsExactly("config.batchSize");
        assertThat(errors(Map.of("url", "https://example.com", "batchSize", "many", "timeoutMs", 5)))
                .extracting(FieldError::field).containsExactlyInAnyOrder("config.batchSize", "config.timeoutMs");
        assertThat(errors(Map.of("url", "https://example.com", "headers", Map.of("Idempotency-Key", "x"))))
                .extracting(FieldError::field).containsExactly("config.headers");
        assertThat(errors(Map.of("url", "https://example.com", "headers", Map.of("X-Count", 3))))
                .extracting(FieldError::field).containsExactly("config.headers");
        assertThat(errors(Map.of("url", "https://example.com", "headers", "Authorization: x")))
                .extracting(FieldError::field).containsExactly("config.headers");
        assertThat(errors(Map.of("url", "https://example.com", "trustCertificate", "not a certificate")))
                .extracting(FieldError::field).containsExactly("config.trustCertificate");
        List<FieldError> withSecret = errors(Map.of("url", "https://user:pa55word-Zz9@example.com/in",
                "headers", Map.of("Authorization", 42)));
        assertThat(withSecret.toString()).doesNotContain("pa55word-Zz9");
    }

    private void assertEventsOnceInOrder(int count) {
        List<JsonNode> events = receiver.events();
        assertThat(events).extracting(e -> e.get("id").asText())
                .containsExactlyElementsOf(IntStream.range(0, count).mapToObj(i -> "evt_" + i).toList());
    }

    private HttpsDelivery delivery(Map<String, Object> config) {
        List<FieldError> errors = new ArrayList<>();
        HttpsDelivery delivery = HttpsDelivery.fromConfig(config, tls, errors);
        assertThat(errors).isEmpty();
        return delivery;
    }

    private List<FieldError> errors(Map<String, Object> config) {
        List<FieldError> errors = new ArrayList<>();
        HttpsDelivery delivery = HttpsDelivery.fromConfig(config, tls, errors);
        assertThat(delivery == null).isEqualTo(!errors.isEmpty());
        return errors;
    }

    /**
     * A staged export of {@code count} events split over two NDJSON files (given out of name order)
     * beside a schema file the delivery must skip, as the exporter stages them.
     */
    private Staged stage(String exportId, String root, int count) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(exportId));
        int split = count / 2 + 7 > count ? count : count / 2 + 7;
        Files.writeString(folder.resolve("events-000001.ndjson"), lines(0, split));
        Files.writeString(folder.resolve("events-000002.jsonl"), "\n" + lines(split, count));
        Files.writeString(folder.resolve("schema.json"), "[{\"name\":\"id\",\"type\":\"STRING\"}]");
        List<Exports.File> files = new ArrayList<>();
        for (String name : List.of("schema.json", "events-000002.jsonl", "events-000001.ndjson")) {
            byte[] bytes = Files.readAllBytes(folder.resolve(name));
            files.add(new Exports.File(name, folder.resolve(name).toString(), bytes.length,
                    S3DeliveryTest.sha256(bytes), name.endsWith(".json") ? "application/json" : "application/x-ndjson"));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("url", receiver.url("/"));
        return new Staged(exportId, root, folder, files, config);
    }

    private static String lines(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < to; i++) {
            b.append("{\"id\":\"evt_").append(i).append("\",\"event\":\"order.created\",\"properties\":{\"n\":")
                    .append(i).append(",\"note\":\"caf\u00e9 \\\"quoted\\\"\"}}\n");
        }
        return new String(b.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
