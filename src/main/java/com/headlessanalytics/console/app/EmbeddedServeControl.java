package com.headlessanalytics.console.app;

import com.headlessanalytics.console.api.ApiKeyInfo;
import com.headlessanalytics.console.api.NewApiKey;
import com.headlessanalytics.console.api.ServeControl;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.server.LocalApiServer;
import com.headlessanalytics.console.server.ServeConfig;
import java.io.IOException;
import java.net.BindException;
import java.util.List;

/**
 * Serve mode inside the console: the local API server over the console's own engine. While it
 * serves, new trackables link to {@code http://localhost:<its port>/t/CODE}, as {@code serve} without
 * {@code --public-url} does.
 */
public final class EmbeddedServeControl implements ServeControl {
    private final Engine engine;
    private LocalApiServer server;

    public EmbeddedServeControl(Engine engine) {
        this.engine = engine;
    }

    @Override
    public synchronized Status status() {
        if (server == null) {
            return new Status(false, null, "Serve mode is off");
        }
        return new Status(true, server.baseUrl(), "Serving " + server.baseUrl());
    }

    @Override
    public synchronized Status start(String host, int port) {
        if (server != null) {
            return status();
        }
        ServeConfig config = ServeConfig.defaults().withHost(host).withPort(port);
        try {
            server = LocalApiServer.start(engine, config);
        } catch (BindException e) {
            throw new IllegalArgumentException("Port " + port + " on " + host + " is in use by another program."
                    + " Choose another port, or stop that program.", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        engine.setPublicUrl("http://localhost:" + server.port());
        return status();
    }

    @Override
    public synchronized Status stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
        return status();
    }

    @Override
    public List<ApiKeyInfo> keys() {
        return engine.keys().list(engine.defaultWorkspaceId());
    }

    @Override
    public NewApiKey createKey(String name) {
        return engine.keys().create(engine.defaultWorkspaceId(), name);
    }

    @Override
    public boolean revokeKey(String keyId) {
        return engine.keys().revoke(keyId);
    }
}
