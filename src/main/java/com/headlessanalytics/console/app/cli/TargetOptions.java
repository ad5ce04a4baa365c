package com.headlessanalytics.console.app.cli;

import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.app.DataFolders;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.remote.Credentials;
import com.headlessanalytics.console.remote.RemoteApi;
import com.headlessanalytics.console.remote.RemoteConfig;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where a command reads or writes: an embedded data folder, or a remote API. */
final class TargetOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data folder of the embedded engine (default: the per-user data folder).")
    Path dataDir;

    @Option(names = "--url", paramLabel = "URL", description = "Base URL of a HeadlessAnalytics API, e.g. http://127.0.0.1:8080.")
    String url;

    @Option(names = "--api-key", paramLabel = "KEY", description = "Workspace API key for --url (or env HA_API_KEY).")
    String apiKey;

    @Option(names = "--jwt", paramLabel = "TOKEN", description = "Enterprise JWT for --url, with --workspace-id.")
    String jwt;

    @Option(names = "--workspace-id", paramLabel = "ID", description = "Workspace of the enterprise JWT.")
    String workspaceId;

    /** An opened target; closing it closes the engine or the HTTP client. */
    record Opened(HeadlessApi api, String description, AutoCloseable resource) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            resource.close();
        }
    }

    Opened open() {
        return open(null);
    }

    /**
     * Opens the target; an embedded workspace acts as {@code principal} (the local operator when null).
     * With {@code --url} the API key or JWT is the principal, so a {@code principal} is a usage error.
     */
    Opened open(String principal) {
        if (url == null) {
            if (apiKey != null || jwt != null || workspaceId != null) {
                throw new ParameterException(spec.commandLine(), "--api-key, --jwt and --workspace-id need --url");
            }
            Path folder = dataDir != null ? dataDir : DataFolders.defaultFolder();
            Engine engine = Engine.open(folder);
            HeadlessApi api = principal == null ? engine.defaultWorkspace() : engine.defaultWorkspace(principal);
            return new Opened(api, "embedded workspace in " + folder, engine);
        }
        if (principal != null) {
            throw new ParameterException(spec.commandLine(),
                    "--operator acts in a data folder; against --url the API key is who acts");
        }
        if (dataDir != null) {
            throw new ParameterException(spec.commandLine(), "Give either --data-dir or --url, not both");
        }
        String key = apiKey != null ? apiKey : System.getenv("HA_API_KEY");
        Credentials credentials;
        if (jwt != null) {
            if (workspaceId == null || key != null && apiKey != null) {
                throw new ParameterException(spec.commandLine(),
                        "--jwt needs --workspace-id, and cannot be combined with --api-key");
            }
            credentials = new Credentials.EnterpriseJwt(jwt, workspaceId);
        } else if (key != null) {
            credentials = new Credentials.ApiKey(key);
        } else {
            throw new ParameterException(spec.commandLine(), "--url needs --api-key (or HA_API_KEY), or --jwt");
        }
        try {
            RemoteApi remote = new RemoteApi(RemoteConfig.of(url, credentials));
            return new Opened(remote, url, remote);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
