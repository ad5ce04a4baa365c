package com.headlessanalytics.console.contract;

import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.remote.Credentials;
import com.headlessanalytics.console.remote.RemoteApi;
import com.headlessanalytics.console.remote.RemoteConfig;
import com.headlessanalytics.console.server.LocalApiServer;
import com.headlessanalytics.console.server.ServeConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The contract against the remote client talking to a real local API server over loopback. */
class RemoteContractTest extends HeadlessApiContract {
    @TempDir
    Path dir;
    private Engine engine;
    private LocalApiServer server;
    private RemoteApi remote;
    private String key;

    @BeforeEach
    void open() throws Exception {
        engine = Engine.open(dir);
        key = engine.keys().create(engine.defaultWorkspaceId(), "contract").secret();
        server = LocalApiServer.start(engine, new ServeConfig("127.0.0.1", 0, 1000, 1000, 5));
        remote = new RemoteApi(RemoteConfig.of(server.baseUrl(), new Credentials.ApiKey(key))
                .withRetries(3, Duration.ofMillis(50)));
    }

    @AfterEach
    void close() throws Exception {
        remote.close();
        server.stop();
        engine.close();
    }

    @Override
    HeadlessApi api() {
        return remote;
    }

    @Override
    String workspaceId() {
        return engine.defaultWorkspaceId();
    }

    @Override
    boolean metersCalls() {
        return true;
    }

    @Override
    void restart() throws Exception {
        close();
        engine = Engine.open(dir);
        server = LocalApiServer.start(engine, new ServeConfig("127.0.0.1", 0, 1000, 1000, 5));
        remote = new RemoteApi(RemoteConfig.of(server.baseUrl(), new Credentials.ApiKey(key))
                .withRetries(3, Duration.ofMillis(50)));
    }
}
