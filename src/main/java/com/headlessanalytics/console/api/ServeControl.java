package com.headlessanalytics.console.api;

import java.util.List;

/**
 * Serve mode as the console controls it: start and stop the local API server over the open
 * workspace, and manage that workspace's API keys. Only an embedded workspace has one.
 */
public interface ServeControl {

    /** Whether serve mode runs, where, and a sentence for people. */
    record Status(boolean running, String baseUrl, String message) {
    }

    Status status();

    /** Starts on host:port (port 0 picks a free one); a readable exception when it cannot. */
    Status start(String host, int port);

    /** Stops after in-flight requests finish. */
    Status stop();

    List<ApiKeyInfo> keys();

    NewApiKey createKey(String name);

    boolean revokeKey(String keyId);
}
