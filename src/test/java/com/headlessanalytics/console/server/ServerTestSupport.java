package com.headlessanalytics.console.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.headlessanalytics.console.api.ServeBackend.UsageRecord;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A server on a free loopback port over a fresh {@link FakeBackend}, and the checks every answer must pass. */
abstract class ServerTestSupport {
    FakeBackend backend;
    LocalApiServer server;

    ServeConfig config() {
        return ServeConfig.defaults().withPort(0);
    }

    @BeforeEach
    void startServer() throws IOException {
        backend = new FakeBackend();
        server = LocalApiServer.start(backend, config());
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    String url(String pathAndQuery) {
        return server.baseUrl() + pathAndQuery;
    }

    /** JSON content type, X-HA-Query-ID equal to proof.queryId, and a complete proof envelope. */
    static JsonNode assertAnswer(Http.Response r, int status, String workspaceId) {
        assertThat(r.status()).as("status of %s", r.text()).isEqualTo(status);
        Http.assertJsonContentType(r);
        JsonNode body = r.json();
        JsonNode proof = body.get("proof");
        assertThat(proof).as("proof in %s", r.text()).isNotNull();
        assertThat(r.queryId()).startsWith("q_").isEqualTo(proof.get("queryId").asText());
        assertThat(proof.get("workspaceId").isNull() ? null : proof.get("workspaceId").asText()).isEqualTo(workspaceId);
        assertThat(proof.has("businessId")).isTrue();
        assertThat(proof.get("period").has("from")).isTrue();
        assertThat(proof.get("period").has("to")).isTrue();
        assertThat(proof.get("generatedAt").canConvertToLong()).isTrue();
        assertThat(proof.get("generatedAt").asLong()).isPositive();
        assertThat(proof.get("schemaVersion").asText()).isEqualTo("1");
        return body;
    }

    /** The error shape of PRODUCT.md §3 plus a server-made proof; returns {@code error}. */
    static JsonNode assertError(Http.Response r, int status, String code, String workspaceId) {
        JsonNode body = assertAnswer(r, status, workspaceId);
        assertThat(body.size()).isEqualTo(2);
        JsonNode error = body.get("error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("details").isArray()).isTrue();
        JsonNode proof = body.get("proof");
        assertThat(proof.get("businessId").isNull()).isTrue();
        assertThat(proof.get("period").get("from").isNull()).isTrue();
        assertThat(proof.get("period").get("to").isNull()).isTrue();
        return error;
    }

    /** The single usage record of this answer, with the given endpoint and the answer's status. */
    UsageRecord assertMetered(Http.Response r, String method, String endpoint) throws InterruptedException {
        UsageRecord record = backend.awaitMeter(r.queryId());
        assertThat(record.method()).isEqualTo(method);
        assertThat(record.endpoint()).isEqualTo(endpoint);
        assertThat(record.status()).isEqualTo(r.status());
        assertThat(record.responseBytes()).isEqualTo(r.body().length);
        assertThat(record.latencyMs()).isNotNegative();
        return record;
    }
}
