package com.headlessanalytics.console.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.ServeBackend.UsageRecord;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalApiServerHealthTest extends ServerTestSupport {

    @Test
    void healthNeedsNoKeyAndAddsTheServerChecks() throws Exception {
        Http.Response r = Http.get(url("/api/health"));

        JsonNode body = assertAnswer(r, 200, null);
        assertThat(body.get("status").asText()).isEqualTo("ok");
        assertThat(body.get("ready").asBoolean()).isTrue();
        Map<String, JsonNode> checks = checks(body);
        assertThat(checks).containsKeys("database", "usage_metering", "rate_limiting", "http_server");
        assertThat(checks.get("rate_limiting").get("status").asText()).isEqualTo("ok");
        assertThat(checks.get("rate_limiting").get("message").asText()).isEqualTo("100 requests/s per API key, burst 200");
        assertThat(checks.get("http_server").get("message").asText()).isEqualTo("listening on " + server.baseUrl());
        assertThat(body.get("settings").get(0).get("name").asText()).isEqualTo("HA_SIGNING_KEY");
        assertThat(body.get("settings").get(0).get("present").asBoolean()).isTrue();
        assertThat(r.text()).doesNotContain(FakeBackend.SECRET_VALUE);

        UsageRecord record = assertMetered(r, "GET", "/api/health");
        assertThat(record.workspaceId()).isNull();
        assertThat(record.keyId()).isNull();
        assertThat(backend.authCalls.get()).isZero();
    }

    @Test
    void healthIgnoresCredentials() throws Exception {
        Http.Response r = Http.get(url("/api/health?strict=1"), "Authorization", "Bearer not-a-key");

        assertAnswer(r, 200, null);
        assertThat(backend.authCalls.get()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "?strict=0", "?strict=false"})
    void notReadyIsStill200WithoutStrict(String query) throws Exception {
        backend.ready = false;
        Http.Response r = Http.get(url("/api/health" + query));

        JsonNode body = assertAnswer(r, 200, null);
        assertThat(body.get("ready").asBoolean()).isFalse();
        assertThat(body.get("status").asText()).isEqualTo("fail");
    }

    @ParameterizedTest
    @ValueSource(strings = {"?strict=1", "?strict=true"})
    void strictHealthIs503WhenNotReady(String query) throws Exception {
        backend.ready = false;
        Http.Response r = Http.get(url("/api/health" + query));

        JsonNode body = assertAnswer(r, 503, null);
        assertThat(body.get("ready").asBoolean()).isFalse();
        assertThat(checks(body).get("database").get("remedy").asText()).isEqualTo("check the data folder");
        assertThat(r.text()).doesNotContain(FakeBackend.SECRET_VALUE);
        assertMetered(r, "GET", "/api/health");
    }

    @Test
    void strictHealthIs200WhenReady() throws Exception {
        assertAnswer(Http.get(url("/api/health?strict=1")), 200, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"?strict=maybe", "?verbose=1"})
    void badHealthParametersAre400(String query) throws Exception {
        Http.Response r = Http.get(url("/api/health" + query));

        assertError(r, 400, ErrorCodes.INVALID_INPUT, null);
    }

    private static Map<String, JsonNode> checks(JsonNode body) {
        Map<String, JsonNode> checks = new HashMap<>();
        body.get("checks").forEach(c -> checks.put(c.get("name").asText(), c));
        return checks;
    }
}
