package com.headlessanalytics.console.remote;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A MockWebServer whose every answer the test scripts, and our client on it: our paths assumed
 * offered, three attempts 10 ms apart, and each attempt counted in {@link #attempts}.
 */
abstract class ScriptedServerTest {
    static final String PROOF = """
            {"queryId":"q_9","workspaceId":"ws_1","businessId":null,"period":{"from":null,"to":null},
             "generatedAt":1700000000000,"schemaVersion":"1"}""";

    MockWebServer server;
    final AtomicInteger attempts = new AtomicInteger();
    RemoteApi api;

    @BeforeEach
    void startScriptedServer() throws Exception {
        server = new MockWebServer();
        server.start();
        OkHttpClient counting = new OkHttpClient.Builder().addInterceptor(chain -> {
            attempts.incrementAndGet();
            return chain.proceed(chain.request());
        }).build();
        api = new RemoteApi(new RemoteConfig(server.url("/").toString(), new Credentials.ApiKey("ha_live_T"),
                Duration.ofSeconds(2), Duration.ofSeconds(2), 3, Duration.ofMillis(10)), counting);
        api.assumeOffer(Offers.OURS);
    }

    @AfterEach
    void stopScriptedServer() {
        api.close();
        server.close();
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }
}
