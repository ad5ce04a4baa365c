package com.headlessanalytics.console.app;

import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.remote.Credentials;
import com.headlessanalytics.console.remote.RemoteApi;
import com.headlessanalytics.console.remote.RemoteConfig;
import com.headlessanalytics.console.ui.common.ConnectionProfile;
import com.headlessanalytics.console.ui.common.Connector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Opens a profile's target for Test connection: a {@link RemoteApi} that tries once, or an
 * {@link Engine} on the data folder (the console's own open engine when it already holds that folder).
 */
public final class ConsoleConnector implements Connector {
    static final Duration TEST_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration TEST_READ_TIMEOUT = Duration.ofSeconds(10);

    private final ConsoleWorkspaces workspaces;

    /** Without the console: every embedded test opens its own engine. */
    public ConsoleConnector() {
        this(null);
    }

    ConsoleConnector(ConsoleWorkspaces workspaces) {
        this.workspaces = workspaces;
    }

    @Override
    public Target open(ConnectionProfile profile, String secret) {
        if (profile.kind() == ConnectionProfile.Kind.EMBEDDED) {
            Path folder = dataFolder(profile);
            HeadlessApi open = workspaces == null ? null : workspaces.openAt(folder);
            if (open != null) {
                return target(open, () -> { });
            }
            requireWritable(folder);
            Engine engine = Engine.open(folder);
            return target(engine.defaultWorkspace(), engine::close);
        }
        RemoteApi api = new RemoteApi(remoteConfig(profile, secret).withRetries(1, Duration.ZERO)
                .withTimeouts(TEST_CONNECT_TIMEOUT, TEST_READ_TIMEOUT));
        return target(api, api::close);
    }

    static Path dataFolder(ConnectionProfile profile) {
        if (profile.dataFolder() == null || profile.dataFolder().isBlank()) {
            throw new IllegalArgumentException("Choose a data folder.");
        }
        return Path.of(profile.dataFolder().strip()).toAbsolutePath().normalize();
    }

    /** The client settings of a remote profile, with the default timeouts and retries. */
    static RemoteConfig remoteConfig(ConnectionProfile profile, String secret) {
        if (profile.url() == null || profile.url().isBlank()) {
            throw new IllegalArgumentException("Enter the URL of the API.");
        }
        boolean jwt = profile.kind() == ConnectionProfile.Kind.REMOTE_JWT;
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException(jwt ? "Enter the JWT." : "Enter the API key.");
        }
        if (jwt && (profile.workspaceId() == null || profile.workspaceId().isBlank())) {
            throw new IllegalArgumentException("Enter the workspace ID.");
        }
        Credentials credentials = jwt ? new Credentials.EnterpriseJwt(secret.strip(), profile.workspaceId().strip())
                : new Credentials.ApiKey(secret.strip());
        return RemoteConfig.of(profile.url().strip(), credentials);
    }

    /** Refuses a folder (or, when it does not exist yet, its nearest existing parent) this user cannot write. */
    private static void requireWritable(Path folder) {
        Path existing = folder;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && (!Files.isDirectory(existing) || !Files.isWritable(existing))) {
            throw new IllegalStateException(existing.equals(folder)
                    ? "The data folder " + folder + " is not writable by your user account."
                    : "The data folder " + folder + " cannot be created: " + existing + " is not writable by your"
                            + " user account.");
        }
    }

    private static Target target(HeadlessApi api, Runnable close) {
        return new Target() {
            @Override
            public HeadlessApi api() {
                return api;
            }

            @Override
            public void close() {
                close.run();
            }
        };
    }
}
