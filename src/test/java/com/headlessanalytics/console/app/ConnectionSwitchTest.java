package com.headlessanalytics.console.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.server.LocalApiServer;
import com.headlessanalytics.console.server.ServeConfig;
import com.headlessanalytics.console.ui.common.ConnectionProfile;
import com.headlessanalytics.console.ui.common.ManualScheduler;
import com.headlessanalytics.console.ui.common.TaskRunner;
import com.headlessanalytics.console.ui.common.TestDialogs;
import com.headlessanalytics.console.ui.common.TestTasks;
import com.headlessanalytics.console.ui.connection.ConnectionViewModel;
import com.headlessanalytics.console.ui.events.EventsViewModel;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Use this connection" switches the whole console: the events screen then reads from the remote server. */
class ConnectionSwitchTest {
    @TempDir
    Path dir;

    @Test
    void switchingToARemoteProfileMakesTheEventsScreenReadFromItAndBack() throws Exception {
        Path own = dir.resolve("own");
        ConsoleWorkspaces workspaces = new ConsoleWorkspaces(own, 10);
        TestDialogs dialogs = new TestDialogs();
        int[] changed = {0};
        try (Engine remoteEngine = Engine.open(dir.resolve("remote-data"))) {
            remoteEngine.defaultWorkspace().ingest(List.of(Map.of("event", "order.placed")));
            String key = remoteEngine.keys().create(remoteEngine.defaultWorkspaceId(), "console").secret();
            LocalApiServer server = LocalApiServer.start(remoteEngine, ServeConfig.defaults().withPort(0));
            try {
                workspaces.openOwn(noProgress());
                workspaces.api().ingest(List.of(Map.of("event", "local.only")));
                ConnectionProfiles profiles = new ConnectionProfiles(dir, own);
                ConnectionViewModel model = new ConnectionViewModel(profiles, new FileSecretStore(dir),
                        new ConsoleConnector(workspaces), workspaces, () -> changed[0]++, TestTasks.direct(),
                        dialogs);
                EventsViewModel events = new EventsViewModel(workspaces::api, TestTasks.direct(),
                        new ManualScheduler(), java.time.Clock.systemUTC(), ZoneOffset.UTC, dialogs, text -> { });
                model.activate();

                model.commands().add().execute();
                model.fields().name().set("Remote");
                model.fields().url().set(server.baseUrl());
                model.fields().secret().set(key);
                model.commands().use().execute();
                assertThat(model.query().errorProperty().get()).isEmpty();
                assertThat(changed[0]).isEqualTo(1);
                assertThat(workspaces.current().description()).isEqualTo("Remote · " + server.baseUrl());
                assertThat(workspaces.serve()).isNull();
                assertThat(profiles.lastUsed()).contains(model.selectedProperty().get().id());
                events.activate();
                assertThat(events.rows()).extracting(EventsViewModel.Row::name).containsExactly("order.placed");
                events.deactivate();

                model.select(model.profiles().get(0));
                model.commands().test().execute();
                assertThat(model.query().errorProperty().get()).isEmpty();
                model.commands().use().execute();
                assertThat(workspaces.current().description()).isEqualTo("Embedded workspace · "
                        + own.toAbsolutePath().normalize());
                assertThat(workspaces.serve()).isNotNull();
                events.activate();
                assertThat(events.rows()).extracting(EventsViewModel.Row::name).containsExactly("local.only");
                assertThat(dialogs.errors).isEmpty();
            } finally {
                server.stop();
                workspaces.close();
            }
        }
    }

    @Test
    void aFailingRemoteLeavesTheOpenWorkspaceAsItWas() throws Exception {
        Path own = dir.resolve("own");
        ConsoleWorkspaces workspaces = new ConsoleWorkspaces(own, 10);
        try {
            workspaces.openOwn(noProgress());
            ConnectionProfile unreachable = new ConnectionProfile("p", "Gone", ConnectionProfile.Kind.REMOTE_KEY, null,
                    "http://no-such-host.invalid", null);
            assertThatThrownBy(() -> workspaces.use(unreachable, "ha_live_x"))
                    .hasMessageContaining("no-such-host.invalid");
            assertThat(workspaces.current().description()).isEqualTo("Embedded workspace · " + own);
        } finally {
            workspaces.close();
        }
    }

    @Test
    void anEmbeddedFolderHeldByAnotherProcessIsSaidToBeInUse() throws Exception {
        Path data = dir.resolve("held");
        try (ServeProcess serve = ServeProcess.start(data, 0, dir.resolve("serve.log"))) {
            ConnectionProfile held = new ConnectionProfile("p", "Held", ConnectionProfile.Kind.EMBEDDED,
                    data.toString(), null, null);
            Throwable failure = null;
            try (var target = new ConsoleConnector().open(held, null)) {
                target.api().health();
            } catch (RuntimeException e) {
                failure = e;
            }
            assertThat(failure).isNotNull();
            assertThat(ConnectionViewModel.explain(failure, held)).startsWith("The data folder "
                    + data.toAbsolutePath().normalize() + " is in use by another HeadlessAnalytics process");
        }
    }

    private static TaskRunner.Progress noProgress() {
        return new TaskRunner.Progress() {
            @Override
            public void update(double fraction, String message) {
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        };
    }
}
