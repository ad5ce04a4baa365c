package com.headlessanalytics.console.server;

import static com.headlessanalytics.console.server.FakeBackend.KEY;
import static com.headlessanalytics.console.server.FakeBackend.WORKSPACE;
import static com.headlessanalytics.console.server.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.ServeBackend.UsageRecord;
import com.headlessanalytics.console.domain.EventLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalApiServerLimitsTest extends ServerTestSupport {

    @Override
    ServeConfig config() {
        return ServeConfig.defaults().withPort(0).withRateLimit(1, 3);
    }

    @Test
    void declaredOversizedBodyIs413BeforeAnyOfItIsRead() throws Exception {
        try (Http.Raw raw = new Http.Raw(server.port())) {
            raw.write("POST /api/ingest HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + (EventLimits.MAX_BATCH_BYTES + 1)
                    + "\r\n\r\n");
            Http.Response r = raw.read();

            JsonNode error = assertError(r, 413, ErrorCodes.TOO_LARGE, WORKSPACE);
            assertThat(error.get("message").asText()).contains(Integer.toString(EventLimits.MAX_BATCH_BYTES));
            assertThat(r.header("Connection")).isEqualTo("close");
            UsageRecord record = assertMetered(r, "POST", "/api/ingest");
            assertThat(record.requestBytes()).isZero();

            raw.write(new byte[EventLimits.MAX_BATCH_BYTES + 1]);
            assertThat(raw.closedInOrder()).as("closed in order once the declared body is in").isTrue();
        }
        assertThat(backend.ingestCalls.get()).isZero();
    }

    /**
     * A client that sends its whole oversized body before it reads (as most HTTP clients do) gets
     * the 413: the server reads and discards the body after answering, so its close is not a reset
     * that could destroy the answer in the client's receive buffer.
     */
    @Test
    void clientThatSendsItsWholeOversizedBodyReadsThe413() throws Exception {
        byte[] body = new byte[EventLimits.MAX_BATCH_BYTES + 100 * 1024];
        java.util.Arrays.fill(body, (byte) ' ');
        try (Http.Raw raw = new Http.Raw(server.port())) {
            raw.write("POST /api/ingest HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n");
            raw.write(body);
            Thread.sleep(300);

            assertError(raw.read(), 413, ErrorCodes.TOO_LARGE, WORKSPACE);
            assertThat(raw.closedInOrder()).as("an orderly close, not a reset").isTrue();
        }
        assertThat(backend.ingestCalls.get()).isZero();
    }

    /** What the server discards after an answer is bounded: past it, the connection is dropped. */
    @Test
    void serverStopsDiscardingPastItsBound() throws Exception {
        byte[] body = new byte[LocalApiServer.DISCARD_BYTES + 2 * 1024 * 1024];
        try (Http.Raw raw = new Http.Raw(server.port())) {
            raw.write("POST /api/ingest HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n");
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    raw.write(body);
                } catch (java.io.IOException dropped) {
                    // the server has closed the connection: what this test waits for
                }
            });
            assertError(raw.read(), 413, ErrorCodes.TOO_LARGE, WORKSPACE);
            writer.join(10_000);
            Thread.sleep(300);

            assertThat(writer.isAlive()).isFalse();
            assertThatThrownBy(raw::closedInOrder).isInstanceOf(java.net.SocketException.class);
        }
    }

    @Test
    void chunkedBodyIsCutOffOnceItPassesTheCap() throws Exception {
        try (Http.Raw raw = new Http.Raw(server.port())) {
            raw.write("POST /api/ingest HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + KEY
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            for (int sent = 0; sent <= EventLimits.MAX_BATCH_BYTES; sent += chunk.length) {
                raw.write(Integer.toHexString(chunk.length) + "\r\n");
                raw.write(chunk);
                raw.write("\r\n");
            }
            Http.Response r = raw.read();

            assertError(r, 413, ErrorCodes.TOO_LARGE, WORKSPACE);
            assertThat(r.header("Connection")).isEqualTo("close");
            UsageRecord record = assertMetered(r, "POST", "/api/ingest");
            assertThat(record.requestBytes()).isEqualTo(EventLimits.MAX_BATCH_BYTES + 1);

            raw.write("0\r\n\r\n");
            assertThat(raw.closedInOrder()).as("closed in order once the last chunk is in").isTrue();
        }
        assertThat(backend.ingestCalls.get()).isZero();
    }

    @Test
    void chunkedBodyUnderTheCapIsAccepted() throws Exception {
        try (Http.Raw raw = new Http.Raw(server.port())) {
            byte[] body = "{\"event\":\"chunked.ok\"}".getBytes(StandardCharsets.UTF_8);
            raw.write("POST /api/ingest HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + KEY
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            raw.write(Integer.toHexString(body.length) + "\r\n");
            raw.write(body);
            raw.write("\r\n0\r\n\r\n");

            assertAnswer(raw.read(), 200, WORKSPACE);
        }
    }

    @Test
    void moreThan1000EventsIs413() throws Exception {
        String batch = "{\"events\":[" + String.join(",", java.util.Collections.nCopies(
                EventLimits.MAX_BATCH_EVENTS + 1, "{\"event\":\"a\"}")) + "]}";
        Http.Response r = Http.postJson(url("/api/ingest"), batch, bearer(KEY));

        JsonNode error = assertError(r, 413, ErrorCodes.TOO_LARGE, WORKSPACE);
        assertThat(error.get("details").get(0).get("field").asText()).isEqualTo("events");
        assertThat(backend.ingestCalls.get()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "text/plain", "application/jsonx", "application/x-www-form-urlencoded",
            "application/json; charset=iso-8859-1", "application/json;charset=utf-16"})
    void postWithoutJsonContentTypeIs415(String contentType) throws Exception {
        Http.Response r = Http.send("POST", url("/api/ingest"), contentType.isEmpty() ? null : contentType,
                "{\"event\":\"a\"}".getBytes(StandardCharsets.UTF_8), bearer(KEY));

        assertError(r, 415, ErrorCodes.UNSUPPORTED_MEDIA_TYPE, WORKSPACE);
        assertMetered(r, "POST", "/api/ingest");
        assertThat(backend.ingestCalls.get()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "Application/JSON", "application/json; charset=utf-8",
            "application/json;charset=\"UTF-8\"", "application/json; version=1"})
    void jsonContentTypesAreAccepted(String contentType) throws Exception {
        Http.Response r = Http.send("POST", url("/api/ingest"), contentType,
                "{\"event\":\"a\"}".getBytes(StandardCharsets.UTF_8), bearer(KEY));

        assertAnswer(r, 200, WORKSPACE);
    }

    @Test
    void eachKeyHasItsOwnTokenBucket() throws Exception {
        List<Http.Response> responses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            responses.add(Http.get(url("/api/events"), bearer(KEY)));
        }
        List<Integer> statuses = responses.stream().map(Http.Response::status).toList();
        assertThat(statuses.subList(0, 3)).containsOnly(200);
        assertThat(statuses).contains(429);

        Http.Response limited = responses.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
        assertError(limited, 429, ErrorCodes.RATE_LIMITED, WORKSPACE);
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 2L);
        assertMetered(limited, "GET", "/api/events");

        assertAnswer(Http.get(url("/api/events"), bearer(FakeBackend.OTHER_KEY)), 200, FakeBackend.OTHER_WORKSPACE);
    }

    @Test
    void repeatedFailedAuthenticationIsThrottledPerAddress() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Http.Response r = Http.get(url("/api/events"), bearer("ha_guess_" + i));
            statuses.add(r.status());
            if (r.status() == 429) {
                assertError(r, 429, ErrorCodes.RATE_LIMITED, null);
                assertThat(Long.parseLong(r.header("Retry-After"))).isPositive();
                assertMetered(r, "GET", "/api/events");
            }
        }
        assertThat(statuses.subList(0, LocalApiServer.AUTH_FAILURE_BURST)).containsOnly(401);
        assertThat(statuses).contains(429).containsOnly(401, 429);
        assertThat(backend.authCalls.get()).as("throttled guesses never reach the backend")
                .isEqualTo((int) statuses.stream().filter(s -> s == 401).count());
    }
}
