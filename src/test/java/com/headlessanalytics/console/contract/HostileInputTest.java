package com.headlessanalytics.console.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.headlessanalytics.console.api.ApiJson;
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
 * and error code, and the stored events stay exactly as they were.
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
        before = storedEvents();
    }

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

    static Stream<Arguments> hostile() {
        List<Arguments> cases = new ArrayList<>();
        cases.add(bad("missing event", 400, "invalid_input", "{\"actor\":\"a\"}"));
        cases.add(bad("event null", 400, "invalid_input", "{\"event\":null}"));
        cases.add(bad("event is a number", 400, "invalid_input", "{\"event\":42}"));
        cases.add(bad("event is an object", 400, "invalid_input", "{\"event\":{\"name\":\"a.b\"}}"));
        cases.add(bad("event empty", 400, "invalid_input", "{\"event\":\"\"}"));
        cases.add(bad("event with spaces", 400, "invalid_input", "{\"event\":\"order created\"}"));
        cases.add(bad("event with empty segment", 400, "invalid_input", "{\"event\":\"order..created\"}"));
        cases.add(bad("event too long", 400, "invalid_input", "{\"event\":\"" + "a".repeat(129) + "\"}"));
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
                "{\"events\":[{\"id\":\"new-1\",\"event\":\"a.b\"},{\"event\":\"a b\"}]}"));
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

    @ParameterizedTest(name = "{0} -> {6}")
    @MethodSource("hostile")
    void getsItsDocumentedStatusAndChangesNothing(String label, String method, String path, String contentType,
                                                  boolean authenticated, byte[] body, int status, String code)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
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
        assertThat(storedEvents()).isEqualTo(before);
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

    private String storedEvents() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/events?limit=1000"))
                .header("Authorization", auth()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return ApiJson.mapper().readTree(r.body()).get("events").toString();
    }
}
