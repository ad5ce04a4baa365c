package com.headlessanalytics.console.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.Capabilities;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.server.LocalApiServer;
import com.headlessanalytics.console.server.ServeConfig;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the client reads from our own serve mode's OpenAPI document over loopback: exactly
 * {@link ServerOffer#OURS} (the entity paths among them, matched as {@code /api/entities/{}/{}})
 * and the public {@code /t/{code}} link, so every feature is offered; and from a reference-only
 * server, the reference's paths and that link, so none.
 */
class ServedOfferTest {
    @TempDir
    Path dir;

    @Test
    void ourServeModeOffersExactlyTheOperationsTheClientUses() throws Exception {
        try (Engine engine = Engine.open(dir)) {
            for (boolean referenceOnly : new boolean[] {false, true}) {
                LocalApiServer server = LocalApiServer.start(engine, new ServeConfig("127.0.0.1", 0, 1000, 1000, 5)
                        .withReferenceOnly(referenceOnly));
                try (RemoteApi remote = new RemoteApi(RemoteConfig.of(server.baseUrl(),
                        new Credentials.ApiKey("ha_live_unused")))) {
                    ServerOffer offer = remote.offer();
                    assertThat(offer.documented()).isTrue();
                    if (referenceOnly) {
                        assertThat(offer.operations()).containsExactlyInAnyOrderElementsOf(
                                with(ServerOffer.REFERENCE, "GET /t/{}", "HEAD /t/{}"));
                        assertThat(remote.capabilities().offered()).isEmpty();
                    } else {
                        assertThat(offer.operations()).containsExactlyInAnyOrderElementsOf(
                                        with(ServerOffer.OURS, "GET /t/{}", "HEAD /t/{}"))
                                .contains("GET /api/entities", "GET /api/entities/{}/{}",
                                        "GET /api/entities/{}/{}/events");
                        assertThat(remote.capabilities()).isEqualTo(Capabilities.ALL);
                    }
                } finally {
                    server.stop();
                }
            }
        }
    }

    private static Set<String> with(Set<String> operations, String... more) {
        Set<String> all = new HashSet<>(operations);
        all.addAll(List.of(more));
        return all;
    }
}
