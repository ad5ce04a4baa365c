package com.headlessanalytics.console.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.Trackables;
import com.headlessanalytics.console.engine.Engine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's own serve mode: trackables created while it serves link to it, and a scan of the link is recorded. */
class EmbeddedServeControlTest {
    @TempDir
    Path dir;

    @Test
    void newTrackablesLinkToTheServedPortAndAScanOfTheLinkIsRecorded() throws Exception {
        try (Engine engine = Engine.open(dir); HttpClient http = HttpClient.newHttpClient()) {
            EmbeddedServeControl serve = new EmbeddedServeControl(engine);
            String base = serve.start("127.0.0.1", 0).baseUrl();
            try {
                int port = URI.create(base).getPort();
                assertThat(engine.publicUrl()).isEqualTo("http://localhost:" + port);
                Trackables.Trackable t = engine.defaultWorkspace().createTrackable(new Trackables.NewTrackable(
                        "other", "Front desk", null, null, false));
                assertThat(t.payload()).isEqualTo("http://localhost:" + port + "/t/" + t.code());
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/t/" + t.code()))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(engine.defaultWorkspace().events(EventQuery.all().withTrackable(t.code())).events())
                        .hasSize(1);
            } finally {
                serve.stop();
            }
        }
    }
}
