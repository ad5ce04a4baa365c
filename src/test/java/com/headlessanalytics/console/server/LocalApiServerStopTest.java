package com.headlessanalytics.console.server;

import static com.headlessanalytics.console.server.FakeBackend.KEY;
import static com.headlessanalytics.console.server.FakeBackend.WORKSPACE;
import static com.headlessanalytics.console.server.Http.bearer;
import static com.headlessanalytics.console.server.ServerTestSupport.assertAnswer;
import static com.headlessanalytics.console.server.ServerTestSupport.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.headlessanalytics.console.api.ErrorCodes;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LocalApiServerStopTest {
    private final FakeBackend backend = new FakeBackend();
    private final CountDownLatch release = new CountDownLatch(1);
    private LocalApiServer server;

    @AfterEach
    void cleanUp() {
        release.countDown();
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void stopDrainsAnInFlightRequestRefusesNewOnesThenClosesTheSocket() throws Exception {
        server = LocalApiServer.start(backend, ServeConfig.defaults().withPort(0).withDrainSeconds(10));
        int port = server.port();
        CompletableFuture<HttpResponse<byte[]>> slow = startSlowIngest();

        Thread stopper = new Thread(server::stop, "stopper");
        stopper.start();
        Http.Response during = awaitNotReady();
        assertError(during, 503, ErrorCodes.NOT_READY, null);
        assertThat(during.header("Connection")).isEqualTo("close");
        backend.awaitMeter(during.queryId());
        assertThat(stopper.isAlive()).as("stop() waits for the in-flight request").isTrue();

        release.countDown();
        HttpResponse<byte[]> finished = slow.get(10, TimeUnit.SECONDS);
        assertThat(finished.statusCode()).isEqualTo(200);
        assertThat(new String(finished.body(), StandardCharsets.UTF_8)).contains("\"accepted\":1");
        stopper.join(10_000);
        assertThat(stopper.isAlive()).isFalse();
        assertThat(backend.stored).hasSize(1);

        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        server.stop();
    }

    @Test
    void stopGivesUpOnAStuckRequestAfterTheDrainTime() throws Exception {
        server = LocalApiServer.start(backend, ServeConfig.defaults().withPort(0).withDrainSeconds(1));
        CompletableFuture<HttpResponse<byte[]>> stuck = startSlowIngest();

        long started = System.nanoTime();
        server.stop();
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(tookMs).isBetween(900L, 5_000L);
        assertThatThrownBy(() -> stuck.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
    }

    @Test
    void stopWithNothingInFlightIsQuickAndRepeatable() throws Exception {
        server = LocalApiServer.start(backend, ServeConfig.defaults().withPort(0).withDrainSeconds(10));
        assertAnswer(Http.get(server.baseUrl() + "/api/events", bearer(KEY)), 200, WORKSPACE);

        long started = System.nanoTime();
        server.stop();
        server.stop();

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(2_000);
    }

    private CompletableFuture<HttpResponse<byte[]>> startSlowIngest() throws InterruptedException {
        backend.ingestRelease = release;
        CompletableFuture<HttpResponse<byte[]>> slow = Http.CLIENT.sendAsync(
                Http.request("POST", server.baseUrl() + "/api/ingest", "application/json",
                        "{\"event\":\"slow.request\"}".getBytes(StandardCharsets.UTF_8), bearer(KEY)),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(backend.ingestEntered.await(10, TimeUnit.SECONDS)).isTrue();
        return slow;
    }

    private Http.Response awaitNotReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            Http.Response r = Http.get(server.baseUrl() + "/api/health");
            if (r.status() == 503 || System.nanoTime() > deadline) {
                return r;
            }
            Thread.sleep(10);
        }
    }
}
