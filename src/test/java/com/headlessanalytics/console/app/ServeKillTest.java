package com.headlessanalytics.console.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.engine.Engine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serve mode killed with SIGKILL during heavy batch ingest over HTTP: after a restart every
 * acknowledged event is there and no batch is partly stored.
 */
class ServeKillTest {
    static final int BATCH = 500;

    @TempDir
    Path dir;

    @Test
    void acknowledgedBatchesSurviveSigkillAndNoBatchIsPartial() throws Exception {
        Path data = dir.resolve("data");
        String key;
        try (Engine engine = Engine.open(data)) {
            key = engine.keys().create(engine.defaultWorkspaceId(), "kill-test").secret();
        }
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> attempted = ConcurrentHashMap.newKeySet();
        int port;
        try (ServeProcess serve = ServeProcess.start(data, 0, dir.resolve("serve.log"));
             HttpClient client = HttpClient.newHttpClient()) {
            port = serve.port();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService senders = Executors.newFixedThreadPool(3);
            for (int t = 0; t < 3; t++) {
                int thread = t;
                senders.submit(() -> {
                    for (int b = 0; !stop.get(); b++) {
                        String batch = "t" + thread + "b" + b;
                        List<Map<String, Object>> events = new ArrayList<>();
                        for (int i = 0; i < BATCH; i++) {
                            events.add(Map.of("id", batch + "-" + i, "event", "sensor.read",
                                    "properties", Map.of("batch", batch, "pad", "y".repeat(150))));
                        }
                        attempted.add(batch);
                        try {
                            HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                                            URI.create(serve.baseUrl + "/api/ingest"))
                                    .header("Authorization", "Bearer " + key)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(
                                            ApiJson.mapper().writeValueAsBytes(Map.of("events", events))))
                                    .build(), HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() == 200) {
                                acknowledged.add(batch);
                            }
                        } catch (Exception connectionLost) {
                            return null;
                        }
                    }
                    return null;
                });
            }
            long deadline = System.currentTimeMillis() + 60_000;
            while (acknowledged.size() < 40 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            serve.process.destroyForcibly();
            assertThat(serve.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            stop.set(true);
            senders.shutdown();
            assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(40);

        Map<String, Integer> perBatch = new ConcurrentHashMap<>();
        try (Engine engine = Engine.open(data)) {
            EventQuery q = EventQuery.all().withLimit(1000);
            EventPage page;
            do {
                page = engine.defaultWorkspace().events(q);
                for (Event e : page.events()) {
                    perBatch.merge((String) e.properties().get("batch"), 1, Integer::sum);
                }
                q = q.withCursor(page.nextCursor());
            } while (page.nextCursor() != null);
        }
        assertThat(perBatch.keySet()).containsAll(acknowledged);
        assertThat(attempted).containsAll(perBatch.keySet());
        assertThat(perBatch.values()).allMatch(n -> n == BATCH);

        try (ServeProcess again = ServeProcess.start(data, port, dir.resolve("serve2.log"));
             HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                    URI.create(again.baseUrl + "/api/health?strict=1")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            JsonNode body = ApiJson.mapper().readTree(health.body());
            assertThat(body.get("ready").asBoolean()).isTrue();
        }
    }
}
