package com.headlessanalytics.console.contract;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.NewApiKey;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.remote.Credentials;
import com.headlessanalytics.console.remote.RemoteApi;
import com.headlessanalytics.console.remote.RemoteConfig;
import com.headlessanalytics.console.server.LocalApiServer;
import com.headlessanalytics.console.server.ServeConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The governance contract against {@code serve --reference-only}: each principal's calls go through
 * the remote client (decisions, receipts and proof trails read over GraphQL, enforce and export on
 * the reference's paths); what such a server does not offer (proposing, approving, grants and
 * contracts) is done through the engine as that principal, as its operator would.
 */
class ReferenceOnlyGovernanceContractTest extends GovernanceContract {
    @TempDir
    Path dir;
    private Engine engine;
    private LocalApiServer server;
    private final List<RemoteApi> clients = new ArrayList<>();
    private final Map<String, HeadlessApi> ports = new HashMap<>();
    private final Map<String, String> principals = new HashMap<>();

    @BeforeEach
    void open() throws Exception {
        engine = Engine.open(dir);
        server = LocalApiServer.start(engine, new ServeConfig("127.0.0.1", 0, 1000, 1000, 5).withReferenceOnly(true));
        for (String who : new String[] {AGENT, ALICE, BOB}) {
            NewApiKey key = engine.keys().create(engine.defaultWorkspaceId(), who);
            principals.put(who, key.info().id());
            RemoteApi remote = new RemoteApi(RemoteConfig.of(server.baseUrl(), new Credentials.ApiKey(key.secret()))
                    .withRetries(3, Duration.ofMillis(50)));
            clients.add(remote);
            ports.put(who, remoteFirst(remote, engine.workspace(engine.defaultWorkspaceId(), key.info().id())));
        }
    }

    /** The remote client, and the engine for a call the server does not offer. */
    private static HeadlessApi remoteFirst(RemoteApi remote, HeadlessApi operator) {
        return (HeadlessApi) Proxy.newProxyInstance(HeadlessApi.class.getClassLoader(),
                new Class<?>[] {HeadlessApi.class}, (proxy, method, args) -> {
                    try {
                        return method.invoke(remote, args);
                    } catch (InvocationTargetException e) {
                        if (e.getCause() instanceof ApiException api && ErrorCodes.NOT_OFFERED.equals(api.code())) {
                            try {
                                return method.invoke(operator, args);
                            } catch (InvocationTargetException viaEngine) {
                                throw viaEngine.getCause();
                            }
                        }
                        throw e.getCause();
                    }
                });
    }

    @AfterEach
    void close() throws Exception {
        for (RemoteApi client : clients) {
            client.close();
        }
        server.stop();
        engine.close();
    }

    @Override
    HeadlessApi as(String who) {
        return ports.get(who);
    }

    @Override
    String principalOf(String who) {
        return principals.get(who);
    }
}
