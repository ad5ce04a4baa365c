package com.headlessanalytics.console.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Trackables;
import com.headlessanalytics.console.api.Usage;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.engine.Engine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serve mode's trackable routes over real HTTP on a real engine: {@code POST /api/trackables} with
 * the reference's body, and the public {@code GET /t/{code}} a phone opens when it scans a label.
 */
class TrackableLinkTest {
    static final String REFERENCE_BODY = """
            {
            "kind": "qr_code",
            "name": "Olive Oil Bottle QR",
            "targetUrl": "https://roastandorigin.com/ethiopia",
            "eventName": "qr.bottle_scanned",
            "includeQrSvg": true
            }""";

    @TempDir
    Path dir;
    private Engine engine;
    private LocalApiServer server;
    private String key;

    @BeforeEach
    void start() throws Exception {
        engine = Engine.open(dir);
        key = engine.keys().create(engine.defaultWorkspaceId(), "links").secret();
        server = LocalApiServer.start(engine, new ServeConfig("127.0.0.1", 0, 1000, 1000, 5));
    }

    @AfterEach
    void stop() {
        server.stop();
        engine.close();
    }

    private HeadlessApi port() {
        return engine.defaultWorkspace();
    }

    private JsonNode create(String body) throws Exception {
        Http.Response r = Http.postJson(server.baseUrl() + "/api/trackables", body, Http.bearer(key));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json();
    }

    private List<Event> scansOf(String code) {
        return port().events(EventQuery.all().withTrackable(code)).events();
    }

    @Test
    void aScanOfTheLinkRedirectsToTheTargetAndRecordsOneEventWithTheTrackable() throws Exception {
        JsonNode created = create(REFERENCE_BODY);
        String code = created.get("code").asText();
        assertThat(created.get("payload").asText()).isEqualTo("https://roastandorigin.com/ethiopia?ha_code=" + code);
        assertThat(created.get("qrSvg").asText()).startsWith("<svg");
        assertThat(created.get("proof").get("workspaceId").asText()).isEqualTo(engine.defaultWorkspaceId());

        Http.Response scan = Http.get(server.baseUrl() + "/t/" + code);
        assertThat(scan.status()).isEqualTo(302);
        assertThat(scan.header("Location")).isEqualTo("https://roastandorigin.com/ethiopia?ha_code=" + code);
        assertThat(scan.header("Cache-Control")).isEqualTo("no-store");
        assertThat(scan.header("Content-Type")).startsWith("text/html");
        assertThat(scan.text()).contains("href=\"https://roastandorigin.com/ethiopia?ha_code=" + code + "\"");

        List<Event> events = scansOf(code);
        assertThat(events).hasSize(1);
        Event e = events.get(0);
        assertThat(e.event()).isEqualTo("qr.bottle_scanned");
        assertThat(e.source()).containsEntry("channel", Trackables.CHANNEL_LINK).containsEntry("channel", "qr");
        assertThat(e.trackable()).containsEntry("code", code).containsEntry("kind", "qr_code")
                .containsEntry("name", "Olive Oil Bottle QR");
        assertThat(e.actor()).isInstanceOfSatisfying(java.util.Map.class, actor -> {
            assertThat(actor.get("type")).isEqualTo("visitor");
            assertThat((String) actor.get("id")).startsWith("v_").doesNotContain("127");
        });
        assertThat(e.toString()).doesNotContain("127.0.0.1");
        assertThat(port().trackable(code).scans()).isEqualTo(1);
        assertThat(port().businessHealth("default", null).scans()).isEqualTo(1);

        Http.Response lower = Http.get(server.baseUrl() + "/t/" + code.toLowerCase(Locale.ROOT));
        assertThat(lower.status()).isEqualTo(302);
        assertThat(scansOf(code)).hasSize(2);
        assertThat(scansOf(code)).extracting(s -> s.actorKey()).containsOnly(e.actorKey());
        assertThat(port().businessHealth("default", null).scans()).isEqualTo(2);
    }

    @Test
    void unknownAndMalformedCodesGetA404PageAndRecordNothing() throws Exception {
        String code = create(REFERENCE_BODY).get("code").asText();
        for (String path : List.of("ZZZZZZZZ", "UUUUUUUU", "abc", "%00" + code, code + "%0A", "A".repeat(5000),
                "%C3%28", code + "/x", "..%2F" + code, "<script>")) {
            Http.Response r = Http.get(server.baseUrl() + "/t/" + path.replace("<", "%3C").replace(">", "%3E"));
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.header("Content-Type")).as(path).startsWith("text/html");
            assertThat(r.text()).as(path).contains("Nothing was recorded");
        }
        try (Http.Raw raw = new Http.Raw(server.port())) {
            raw.write("GET /t/%ZZ" + code + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            // the JDK's server refuses a malformed escape itself (400) before any handler runs
            assertThat(raw.read().status()).isIn(400, 404);
        }
        assertThat(port().events(EventQuery.all()).events()).isEmpty();
        assertThat(port().trackable(code).scans()).isZero();
    }

    @Test
    void headRecordsNothingAndOtherMethodsAreRefused() throws Exception {
        String code = create(REFERENCE_BODY).get("code").asText();
        Http.Response head = Http.send("HEAD", server.baseUrl() + "/t/" + code, null, null);
        assertThat(head.status()).isEqualTo(302);
        assertThat(head.header("Location")).endsWith("ha_code=" + code);
        Http.Response post = Http.send("POST", server.baseUrl() + "/t/" + code, "text/plain",
                "x".getBytes(StandardCharsets.UTF_8));
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.header("Allow")).isEqualTo("GET, HEAD");
        assertThat(scansOf(code)).isEmpty();
    }

    @Test
    void withoutATargetTheLinkShowsThatTheScanWasRecorded() throws Exception {
        engine.setPublicUrl(server.baseUrl());
        JsonNode created = create("{\"kind\":\"other\",\"name\":\"Dock <door> & 3\"}");
        String code = created.get("code").asText();
        String link = created.get("payload").asText();
        assertThat(link).isEqualTo(server.baseUrl() + "/t/" + code).isEqualTo(created.get("trackingUrl").asText());
        Http.Response page = Http.get(link);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.text()).contains("Scan recorded").contains("Dock &lt;door&gt; &amp; 3").contains(code)
                .doesNotContain("<door>");
        List<Event> events = scansOf(code);
        assertThat(events).extracting(Event::event).containsExactly(Trackables.DEFAULT_EVENT);
    }

    @Test
    void theLinkIsRateLimitedPerAddressAndMetered() throws Exception {
        server.stop();
        server = LocalApiServer.start(engine, new ServeConfig("127.0.0.1", 0, 1, 3, 5));
        String code = port().createTrackable(new Trackables.NewTrackable("qr_code", "Limited",
                "https://example.com/x?a=1#top", null, false)).code();
        int redirected = 0;
        int limited = 0;
        for (int i = 0; i < 6; i++) {
            Http.Response r = Http.get(server.baseUrl() + "/t/" + code);
            if (r.status() == 302) {
                assertThat(r.header("Location")).isEqualTo("https://example.com/x?a=1&ha_code=" + code + "#top");
                redirected++;
            } else {
                assertThat(r.status()).isEqualTo(429);
                assertThat(r.header("Retry-After")).isNotNull();
                assertThat(r.header("Content-Type")).startsWith("text/html");
                limited++;
            }
        }
        assertThat(limited).isPositive();
        assertThat(scansOf(code)).hasSize(redirected);
        long deadline = System.currentTimeMillis() + 10_000;
        List<Usage.Record> records = List.of();
        while (System.currentTimeMillis() < deadline) {
            records = port().usage(Usage.Query.defaults()).records().stream()
                    .filter(r -> r.endpoint().equals("/t/{code}")).toList();
            if (records.size() == redirected) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(records).hasSize(redirected).allSatisfy(r -> assertThat(r.status()).isEqualTo(302));
    }

    @Test
    void trackableRoutesAnswerJsonErrorsLikeEveryRoute() throws Exception {
        String url = server.baseUrl() + "/api/trackables";
        assertThat(Http.postJson(url, REFERENCE_BODY).status()).isEqualTo(401);
        Http.Response wrongType = Http.postJson(url, "{\"kind\":5,\"name\":\"n\"}", Http.bearer(key));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().at("/error/details/0/field").asText()).isEqualTo("kind");
        Http.Response unknownField = Http.postJson(url, "{\"kind\":\"qr_code\",\"name\":\"n\",\"colour\":\"red\"}",
                Http.bearer(key));
        assertThat(unknownField.status()).isEqualTo(400);
        Http.Response huge = Http.postJson(url, "{\"kind\":\"qr_code\",\"name\":\"" + "n".repeat(600_000) + "\"}",
                Http.bearer(key));
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.json().at("/error/code").asText()).isEqualTo("too_large");
        Http.Response badLimit = Http.get(url + "?limit=lots", Http.bearer(key));
        assertThat(badLimit.status()).isEqualTo(400);
        Http.Response unknownParam = Http.get(url + "?colour=red", Http.bearer(key));
        assertThat(unknownParam.status()).isEqualTo(400);
        Http.Response missing = Http.get(url + "/ZZZZZZZZ", Http.bearer(key));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().at("/error/code").asText()).isEqualTo("not_found");
        Http.Response delete = Http.send("DELETE", url, null, null, Http.bearer(key));
        assertThat(delete.status()).isEqualTo(405);
        assertThat(port().trackables(Trackables.Query.all()).trackables()).isEmpty();
    }
}
