package com.headlessanalytics.console.contract;

import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.NewApiKey;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.remote.Credentials;
import com.headlessanalytics.console.remote.RemoteApi;
import com.headlessanalytics.console.remote.RemoteConfig;
import com.headlessanalytics.console.server.LocalApiServer;
import com.headlessanalytics.console.server.ServeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The governance contract through the remote client and a real local API server, one API key each. */
class RemoteGovernanceContractTest extends GovernanceContract {
    @TempDir
    Path dir;
    private Engine engine;
    private LocalApiServer server;
    private final Map<String, RemoteApi> clients = new HashMap<>();
    private final Map<String, String> principals = new HashMap<>();

    @BeforeEach
    void open() throws Exception {
        engine = Engine.open(dir);
        server = LocalApiServer.start(engine, new ServeConfig("127.0.0.1", 0, 1000, 1000, 5));
        for (String who : new String[] {AGENT, ALICE, BOB}) {
            NewApiKey key = engine.keys().create(engine.defaultWorkspaceId(), who);
            principals.put(who, key.info().id());
            clients.put(who, new RemoteApi(RemoteConfig.of(server.baseUrl(), new Credentials.ApiKey(key.secret()))
                    .withRetries(3, Duration.ofMillis(50))));
        }
    }

    @AfterEach
    void close() throws Exception {
        for (RemoteApi client : clients.values()) {
            client.close();
        }
        server.stop();
        engine.close();
    }

    @Override
    HeadlessApi as(String who) {
        return clients.get(who);
    }

    @Override
    String principalOf(String who) {
        return principals.get(who);
    }
}
