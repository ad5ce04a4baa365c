package com.headlessanalytics.console.app.cli;

import com.headlessanalytics.console.app.DataFolders;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.server.LocalApiServer;
import com.headlessanalytics.console.server.ServeConfig;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code serve}: the embedded engine over HTTP on the API's paths, until SIGTERM or SIGINT. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the embedded workspace over HTTP on the API's paths until stopped (Ctrl+C / SIGTERM).")
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data folder (default: the per-user data folder).")
    Path dataDir;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to bind (default: ${DEFAULT-VALUE}, this machine only).")
    String host;

    @Option(names = "--rate-limit", defaultValue = "100", paramLabel = "N",
            description = "Requests per second per API key (default: ${DEFAULT-VALUE}).")
    int rateLimit;

    @Option(names = "--burst", defaultValue = "200", paramLabel = "N",
            description = "Requests a key may send at once above the rate (default: ${DEFAULT-VALUE}).")
    int burst;

    @Option(names = "--drain-seconds", defaultValue = "10", paramLabel = "S",
            description = "On stop, how long in-flight requests may take to finish (default: ${DEFAULT-VALUE}).")
    int drainSeconds;

    @Option(names = "--public-url", paramLabel = "URL",
            description = {"Base URL that phones reach this server at, for the /t/CODE links of trackables created"
                    + " from now on, e.g. https://scan.example.com (default: http://localhost:PORT).",
                "Put a reverse proxy with TLS in front of a public server; links created before keep theirs."})
    String publicUrl;

    @Option(names = "--reference-only",
            description = {"Answer only the API reference's paths (ingest, health, metrics and funnel queries,"
                    + " business health, agent context, usage, enforce, proof export, trackables, /api/graphql,"
                    + " /api/openapi, /t/CODE); every extension path of ours answers 404, and /api/openapi lists"
                    + " only what is answered.",
                "For trying a client, such as the console's remote mode, against a server built to the reference."})
    boolean referenceOnly;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port < 0 || port > 65535 || rateLimit < 1 || burst < 1 || drainSeconds < 0) {
            throw new IllegalArgumentException("--port must be 0-65535; --rate-limit and --burst at least 1");
        }
        if (publicUrl != null && Engine.publicUrlProblem(publicUrl) != null) {
            throw new IllegalArgumentException("--public-url " + Engine.publicUrlProblem(publicUrl));
        }
        Path folder = dataDir != null ? dataDir : DataFolders.defaultFolder();
        Engine engine = Engine.open(folder);
        LocalApiServer server;
        try {
            server = LocalApiServer.start(engine, new ServeConfig(host, port, rateLimit, burst, drainSeconds)
                    .withReferenceOnly(referenceOnly));
        } catch (RuntimeException e) {
            engine.close();
            throw new IllegalArgumentException("Cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        engine.setPublicUrl(publicUrl != null ? publicUrl : "http://localhost:" + server.port());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            engine.close();
            stopped.countDown();
        }, "ha-serve-shutdown"));
        if (!InetAddress.getByName(host).isLoopbackAddress()) {
            err.println("warning: listening on " + host + ": other machines can reach this server;"
                    + " anyone holding an API key can read and write this workspace");
            if (publicUrl == null) {
                err.println("note: new trackables link to " + engine.publicUrl() + "/t/CODE, which other machines"
                        + " cannot open; give --public-url with the address phones reach this server at");
            }
        }
        if (engine.keys().list(engine.defaultWorkspaceId()).stream().noneMatch(k -> k.active())) {
            err.println("note: no API key yet; create one with: ha-console keys create --data-dir " + folder);
        }
        err.println("data folder: " + folder.toAbsolutePath());
        err.println("trackable links: " + engine.publicUrl() + "/t/CODE");
        err.flush();
        if (referenceOnly) {
            err.println("reference-only: extension paths are switched off (404)");
            err.flush();
        }
        out.println("listening on " + server.baseUrl());
        out.flush();
        stopped.await();
        return 0;
    }
}
