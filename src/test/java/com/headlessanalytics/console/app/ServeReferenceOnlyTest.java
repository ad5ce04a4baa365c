package com.headlessanalytics.console.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.remote.Credentials;
import com.headlessanalytics.console.remote.RemoteApi;
import com.headlessanalytics.console.remote.RemoteConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code ha-console serve --reference-only} as a user runs it: extension paths 404, the remote client reads through GraphQL. */
@Timeout(120)
class ServeReferenceOnlyTest {
    @TempDir
    Path dir;

    @Test
    void servesOnlyTheReferencesPathsAndTheRemoteClientStillReads() throws Exception {
        Path data = dir.resolve("data");
        String key;
        try (Engine engine = Engine.open(data)) {
            key = engine.keys().create(engine.defaultWorkspaceId(), "ref").secret();
        }
        Path log = dir.resolve("serve.log");
        try (ServeProcess serve = ServeProcess.start(data, 0, log, "--reference-only");
             RemoteApi remote = new RemoteApi(RemoteConfig.of(serve.baseUrl, new Credentials.ApiKey(key)))) {
            HttpResponse<String> events = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(serve.baseUrl + "/api/events")).header("Authorization", "Bearer " + key).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(events.statusCode()).isEqualTo(404);

            remote.ingest(List.of(Map.of("event", "qr.bottle_scanned", "id", "e1")));
            assertThat(remote.events(EventQuery.all()).events()).extracting(e -> e.id()).containsExactly("e1");
            assertThat(remote.capabilities().offered()).isEmpty();
            assertThat(Files.readString(log)).contains("reference-only");
        }
    }
}
