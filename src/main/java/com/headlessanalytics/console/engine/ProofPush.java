package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.api.ProofTrails;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * Posts a packet to the SovereignProof endpoint (docs/governance.md "Pushing to SovereignProof"):
 * {@code POST} of the zip as {@code application/zip} with {@code X-HA-Proof-Id} and
 * {@code X-HA-Manifest-SHA256}, up to three attempts, waiting 0.25 s then 0.5 s after a 5xx or a
 * network error; a 4xx is the endpoint refusing the packet and is not retried.
 */
final class ProofPush {
    static final int ATTEMPTS = 3;
    private static final Duration FIRST_WAIT = Duration.ofMillis(250);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient client;
    private final Clock clock;

    /** {@code tls} null: the JDK's default trust store (production); tests give one trusting their certificate. */
    ProofPush(SSLContext tls, Clock clock) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER);
        if (tls != null) {
            b.sslContext(tls);
        }
        this.client = b.build();
        this.clock = clock;
    }

    /** The outcome when no endpoint is configured: the packet was written, not pushed. */
    ProofTrails.Push notConfigured() {
        return new ProofTrails.Push("not_configured", null, 0, null, "No SovereignProof endpoint is configured, so the"
                + " packet was written but not pushed. Set one (an https URL) in the console's Proof trails settings or"
                + " with PUT /api/proof-event-trails/settings.", clock.millis());
    }

    ProofTrails.Push push(String endpoint, String proofId, String manifestSha256, byte[] zip) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint)).timeout(TIMEOUT)
                .header("Content-Type", "application/zip").header("X-HA-Proof-Id", proofId)
                .header("X-HA-Manifest-SHA256", manifestSha256)
                .POST(HttpRequest.BodyPublishers.ofByteArray(zip)).build();
        Duration wait = FIRST_WAIT;
        String message = null;
        Integer status = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return new ProofTrails.Push("delivered", endpoint, attempt, status, "Delivered: the endpoint answered"
                            + " HTTP " + status + ".", clock.millis());
                }
                if (status < 500) {
                    return new ProofTrails.Push("failed", endpoint, attempt, status, "The endpoint refused the packet"
                            + " with HTTP " + status + "; not retried.", clock.millis());
                }
                message = "HTTP " + status;
            } catch (IOException e) {
                status = null;
                message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new ProofTrails.Push("failed", endpoint, attempt, null, "Interrupted while pushing.",
                        clock.millis());
            }
            if (attempt < ATTEMPTS) {
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new ProofTrails.Push("failed", endpoint, attempt, status, "Interrupted while pushing; last"
                            + " answer: " + message + ".", clock.millis());
                }
                wait = wait.multipliedBy(2);
            }
        }
        return new ProofTrails.Push("failed", endpoint, ATTEMPTS, status, "Not delivered after " + ATTEMPTS
                + " attempts; last answer: " + message + ".", clock.millis());
    }
}
