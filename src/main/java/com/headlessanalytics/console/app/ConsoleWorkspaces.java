package com.headlessanalytics.console.app;

import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.ServeControl;
import com.headlessanalytics.console.domain.demo.DemoGenerator;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.remote.Credentials;
import com.headlessanalytics.console.remote.RemoteApi;
import com.headlessanalytics.console.ui.common.ConnectionProfile;
import com.headlessanalytics.console.ui.common.Connections;
import com.headlessanalytics.console.ui.common.TaskRunner;
import com.headlessanalytics.console.ui.common.Workspaces;
import com.headlessanalytics.console.ui.graphql.CurlTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The console's embedded workspaces: the user's own data folder, and a demo workspace in a sibling
 * folder of its own, filled once from the seeded demo generator; or a remote API, chosen through a
 * connection profile (serve mode is then unavailable). One is open at a time; switching stops serve
 * mode and closes the other. The embedded port acts as the operator's principal, read at each
 * {@link #api()}, so changing the operator re-binds it; a remote port acts as its API key.
 */
final class ConsoleWorkspaces implements Workspaces, Connections {
    static final long DEMO_EVENTS = 100_000;
    static final long DEMO_SEED = 7;
    private static final TaskRunner.Progress NO_PROGRESS = new TaskRunner.Progress() {
        @Override
        public void update(double fraction, String message) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };

    private Path own;
    /** The embedded profile behind {@code own}, and the profile whose target is open (null: the demo). */
    private String ownProfileId = ConnectionProfiles.DEFAULT_ID;
    private String profileInUse = ConnectionProfiles.DEFAULT_ID;
    private Path demo;
    private final long demoEvents;
    private final Supplier<String> operator;
    private Engine engine;
    private RemoteApi remote;
    private EmbeddedServeControl serve;
    private boolean demoOpen;

    ConsoleWorkspaces(Path own, Supplier<String> operator) {
        this(own, DEMO_EVENTS, operator);
    }

    /** Acting as the local operator ({@link Engine#LOCAL_OPERATOR}). */
    ConsoleWorkspaces(Path own, long demoEvents) {
        this(own, demoEvents, () -> Engine.LOCAL_OPERATOR);
    }

    ConsoleWorkspaces(Path own, long demoEvents, Supplier<String> operator) {
        this.own = own;
        this.demo = demoOf(own);
        this.demoEvents = demoEvents;
        this.operator = operator;
    }

    /** The port of the open workspace, acting as the operator (embedded) or its API key (remote). */
    synchronized HeadlessApi api() {
        if (remote != null) {
            return remote;
        }
        if (engine == null) {
            throw new IllegalStateException("The workspace is still opening.");
        }
        return engine.defaultWorkspace(operator.get());
    }

    synchronized ServeControl serve() {
        return serve;
    }

    @Override
    public synchronized Current current() {
        if (remote != null) {
            return new Current(describeRemote(remote), false);
        }
        if (engine == null) {
            return new Current("Opening " + own + " …", false);
        }
        return demoOpen ? new Current("Demo workspace (sample data) · " + demo, true)
                : new Current("Embedded workspace · " + own, false);
    }

    /** The open embedded workspace's port when its data folder is {@code folder}, else null. */
    synchronized HeadlessApi openAt(Path folder) {
        return engine != null && engine.dataFolder().toAbsolutePath().normalize()
                .equals(folder.toAbsolutePath().normalize()) ? engine.defaultWorkspace(operator.get()) : null;
    }

    /**
     * Embedded: the profile's folder becomes the user's own workspace (its demo one beside it).
     * Remote: answers its health check first, so a server that cannot be reached leaves the open
     * workspace as it was.
     */
    @Override
    public Current use(ConnectionProfile profile, String secret) {
        if (profile.kind() == ConnectionProfile.Kind.EMBEDDED) {
            Path folder = ConsoleConnector.dataFolder(profile);
            synchronized (this) {
                open(folder, false, NO_PROGRESS);
                own = folder;
                demo = demoOf(folder);
                demoOpen = false;
                ownProfileId = profile.id();
                profileInUse = profile.id();
                return current();
            }
        }
        RemoteApi next = new RemoteApi(ConsoleConnector.remoteConfig(profile, secret));
        try {
            next.health();
        } catch (RuntimeException e) {
            next.close();
            throw e;
        }
        synchronized (this) {
            close();
            remote = next;
            profileInUse = profile.id();
            return current();
        }
    }

    private static Path demoOf(Path folder) {
        return folder.resolveSibling(folder.getFileName() + "-demo");
    }

    private static String describeRemote(RemoteApi api) {
        String text = "Remote · " + api.config().baseUrl();
        return api.config().credentials() instanceof Credentials.EnterpriseJwt j
                ? text + " (workspace " + j.workspaceId() + ")" : text;
    }

    /**
     * Where the GraphQL screen's "Copy as curl" sends a query: the remote API, or serve mode over the
     * embedded workspace while it runs. The secret stays a shell variable ($HA_API_KEY, $HA_JWT).
     */
    synchronized CurlTarget curlTarget() {
        if (remote != null) {
            List<String> headers = remote.config().credentials() instanceof Credentials.EnterpriseJwt j
                    ? List.of("Authorization: Bearer $HA_JWT", "X-HA-Workspace-ID: " + j.workspaceId())
                    : List.of("Authorization: Bearer $HA_API_KEY");
            return CurlTarget.of(remote.config().baseUrl(), headers);
        }
        ServeControl.Status status = serve == null ? null : serve.status();
        if (status != null && status.running()) {
            return CurlTarget.of(status.baseUrl(), List.of("Authorization: Bearer $HA_API_KEY"));
        }
        return CurlTarget.none("Copy as curl needs serve mode: the embedded workspace answers HTTP only while it"
                + " runs. Start it in Settings, then copy again.");
    }

    @Override
    public synchronized java.util.Optional<String> profileInUse() {
        return java.util.Optional.ofNullable(profileInUse);
    }

    @Override
    public synchronized Current openOwn(TaskRunner.Progress progress) {
        Current current = open(own, false, progress);
        profileInUse = ownProfileId;
        return current;
    }

    @Override
    public synchronized Current openDemo(TaskRunner.Progress progress) {
        Current current = open(demo, true, progress);
        profileInUse = null;
        return current;
    }

    /** True when the open workspace holds no events (to offer the demo on first start). */
    synchronized boolean empty() {
        return engine != null && engine.defaultWorkspace().events(EventQuery.all().withLimit(1)).events().isEmpty();
    }

    private synchronized Current open(Path folder, boolean isDemo, TaskRunner.Progress progress) {
        if (remote == null && engine != null && engine.dataFolder().equals(folder)) {
            return current();
        }
        close();
        Engine next = Engine.open(folder);
        try {
            if (isDemo && next.defaultWorkspace().events(EventQuery.all().withLimit(1)).events().isEmpty()) {
                fillDemo(next, demoEvents, progress);
            }
        } catch (RuntimeException e) {
            next.close();
            throw e;
        }
        engine = next;
        serve = new EmbeddedServeControl(next);
        demoOpen = isDemo;
        return current();
    }

    private static void fillDemo(Engine target, long count, TaskRunner.Progress progress) {
        DemoGenerator generator = DemoGenerator.builder(System.currentTimeMillis())
                .events(count).seed(DEMO_SEED).build();
        long[] done = {0};
        generator.forEachBatch(1000, batch -> {
            if (progress.cancelled()) {
                throw new IllegalStateException("Creating the demo workspace was cancelled");
            }
            target.defaultWorkspace().ingest(batch);
            done[0] += batch.size();
            progress.update((double) done[0] / count, String.format("%,d of %,d sample events", done[0], count));
        });
    }

    /** Stops serve mode (draining it) and closes the open workspace or remote connection. */
    synchronized void close() {
        if (remote != null) {
            remote.close();
            remote = null;
        }
        if (serve != null) {
            serve.stop();
            serve = null;
        }
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }
}
