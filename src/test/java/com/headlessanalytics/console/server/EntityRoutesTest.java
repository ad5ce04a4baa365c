package com.headlessanalytics.console.server;

import static com.headlessanalytics.console.server.ServerTestSupport.assertAnswer;
import static com.headlessanalytics.console.server.ServerTestSupport.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.headlessanalytics.console.api.Usage;
import com.headlessanalytics.console.engine.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The entity routes over loopback HTTP on a real engine: raw paths decoded segment by segment,
 * query parameters parsed and refused as the other routes refuse them, keys required and scoped
 * to their workspace, and usage metered under the route's template, never an id.
 */
class EntityRoutesTest {
    @TempDir
    Path dir;
    Engine engine;
    LocalApiServer server;
    String key;

    @BeforeEach
    void start() throws Exception {
        engine = Engine.open(dir);
        key = engine.keys().create(engine.defaultWorkspaceId(), "graph").secret();
        server = LocalApiServer.start(engine, new ServeConfig("127.0.0.1", 0, 1000, 1000, 5));
        List<Map<String, Object>> events = new ArrayList<>();
        for (String id : List.of("a/b", "a", "a+b", "a b", "ü/😀")) {
            events.add(Map.of("event", "profile.updated", "id", "e-" + events.size(), "timestamp", 1_794_787_200_000L,
                    "entity", Map.of("type", "customer", "id", id)));
        }
        engine.defaultWorkspace().ingest(events);
    }

    @AfterEach
    void stop() {
        server.stop();
        engine.close();
    }

    private Http.Response get(String pathAndQuery) throws Exception {
        return Http.get(server.baseUrl() + pathAndQuery, Http.bearer(key));
    }

    private String idOf(String rawPath) throws Exception {
        JsonNode body = assertAnswer(get(rawPath), 200, engine.defaultWorkspaceId());
        return body.at("/entity/id").asText();
    }

    @Test
    void eachSegmentIsPercentDecodedOnItsOwn() throws Exception {
        assertThat(idOf("/api/entities/customer/a%2Fb")).isEqualTo("a/b");
        assertThat(idOf("/api/entities/customer/a%2fb")).isEqualTo("a/b");
        assertThat(idOf("/api/entities/customer/a+b")).isEqualTo("a+b");
        assertThat(idOf("/api/entities/customer/a%2Bb")).isEqualTo("a+b");
        assertThat(idOf("/api/entities/customer/a%20b")).isEqualTo("a b");
        assertThat(idOf("/api/entities/custom%65r/%C3%BC%2F%F0%9F%98%80")).isEqualTo("ü/😀");
        JsonNode events = assertAnswer(get("/api/entities/customer/a%2Fb/events"), 200, engine.defaultWorkspaceId());
        assertThat(events.get("events")).extracting(e -> e.get("id").asText()).containsExactly("e-0");

        JsonNode noRoute = assertError(get("/api/entities/customer/a/b"), 404, "not_found", null);
        assertThat(noRoute.get("message").asText()).contains("no API endpoint");
        assertError(get("/api/entities/customer/a/b/events"), 404, "not_found", null);
        JsonNode unknown = assertError(get("/api/entities/customer/b"), 404, "not_found", engine.defaultWorkspaceId());
        assertThat(unknown.get("message").asText()).contains("customer");
        JsonNode malformed = assertError(get("/api/entities/customer/%F0%9F"), 400, "invalid_input",
                engine.defaultWorkspaceId());
        assertThat(malformed.at("/details/0/field").asText()).isEqualTo("id");
        JsonNode control = assertError(get("/api/entities/cus%0Atomer/a"), 400, "invalid_input",
                engine.defaultWorkspaceId());
        assertThat(control.at("/details/0/field").asText()).isEqualTo("type");
        JsonNode tooLong = assertError(get("/api/entities/customer/" + "%F0%9F%98%80".repeat(257)), 400,
                "invalid_input", engine.defaultWorkspaceId());
        assertThat(tooLong.at("/details/0/field").asText()).isEqualTo("id");
        assertError(get("/api/entities/customer/" + "%F0%9F%98%80".repeat(256)), 404, "not_found",
                engine.defaultWorkspaceId());
    }

    @Test
    void queryParametersAreParsedAndRefusedLikeTheOtherRoutes() throws Exception {
        JsonNode page = assertAnswer(get("/api/entities?type=customer&q=A%2BB&limit=10"), 200,
                engine.defaultWorkspaceId());
        assertThat(page.get("entities")).extracting(e -> e.get("id").asText()).containsExactly("a+b");
        JsonNode spaced = assertAnswer(get("/api/entities?type=customer&q=a+b"), 200, engine.defaultWorkspaceId());
        assertThat(spaced.get("entities")).extracting(e -> e.get("id").asText()).containsExactly("a b");

        String ws = engine.defaultWorkspaceId();
        assertThat(assertError(get("/api/entities?kind=customer"), 400, "invalid_input", ws).at("/details/0/code")
                .asText()).isEqualTo("unknown_field");
        assertThat(assertError(get("/api/entities?limit=ten"), 400, "invalid_input", ws).at("/details/0/code")
                .asText()).isEqualTo("invalid_type");
        assertThat(assertError(get("/api/entities?limit=99999999999"), 400, "invalid_input", ws)
                .at("/details/0/field").asText()).isEqualTo("limit");
        assertThat(assertError(get("/api/entities?limit=1&limit=2"), 400, "invalid_input", ws)
                .at("/details/0/message").asText()).contains("more than once");
        assertThat(assertError(get("/api/entities?cursor=nope"), 400, "invalid_input", ws).at("/details/0/field")
                .asText()).isEqualTo("cursor");
        assertThat(assertError(get("/api/entities/customer/a?limit=1"), 400, "invalid_input", ws)
                .at("/details/0/code").asText()).isEqualTo("unknown_field");
        assertThat(assertError(get("/api/entities/customer/a/events?order=asc"), 400, "invalid_input", ws)
                .at("/details/0/code").asText()).isEqualTo("unknown_field");
        assertThat(assertError(get("/api/entities/customer/a/events?limit=1001"), 400, "invalid_input", ws)
                .at("/details/0/field").asText()).isEqualTo("limit");
    }

    @Test
    void keysAreRequiredOnlyGetIsAllowedAndUsageNamesTheTemplate() throws Exception {
        for (String path : List.of("/api/entities", "/api/entities/customer/a", "/api/entities/customer/a/events")) {
            assertError(Http.get(server.baseUrl() + path), 401, "unauthorized", null);
            Http.Response post = Http.postJson(server.baseUrl() + path, "{}", Http.bearer(key));
            assertError(post, 405, "method_not_allowed", null);
            assertThat(post.header("Allow")).isEqualTo("GET");
        }
        get("/api/entities/customer/a%2Fb");
        get("/api/entities/customer/a%2Fb/events");
        List<String> endpoints = List.of();
        for (long deadline = System.nanoTime() + 5_000_000_000L; System.nanoTime() < deadline
                && !endpoints.contains("/api/entities/{type}/{id}/events"); Thread.sleep(20)) {
            endpoints = engine.defaultWorkspace().usage(new Usage.Query(1000, null, null)).records().stream()
                    .map(Usage.Record::endpoint).toList();
        }
        assertThat(endpoints).contains("/api/entities/{type}/{id}", "/api/entities/{type}/{id}/events")
                .allSatisfy(endpoint -> assertThat(endpoint).doesNotContain("a%2Fb", "a/b"));
    }
}
