package com.headlessanalytics.console.ui.settings;

import com.headlessanalytics.console.app.EmbeddedServeControl;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.ui.common.ManualScheduler;
import com.headlessanalytics.console.ui.common.OperatorProfile;
import com.headlessanalytics.console.ui.common.TaskRunner;
import com.headlessanalytics.console.ui.common.TestDialogs;
import com.headlessanalytics.console.ui.common.TestTasks;
import com.headlessanalytics.console.ui.common.Workspaces;
import com.headlessanalytics.console.ui.events.EventsViewModel;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;


/** Serve mode from the console, against the real engine and server, without a toolkit. */
class SettingsViewModelTest {
    @TempDir
    Path dir;
    Engine engine;
    EmbeddedServeControl serve;
    List<String> serveStates = new ArrayList<>();
    List<String> copied = new ArrayList<>();
    final TestDialogs dialogs = new TestDialogs();
    final List<String> notices = dialogs.notices;
    SettingsViewModel model;

    @BeforeEach
    void setUp() {
        engine = Engine.open(dir);
        serve = new EmbeddedServeControl(engine);
        model = new SettingsViewModel(() -> serve, own(), () -> { }, TestTasks.direct(), dialogs, serveStates::add,
                ZoneOffset.UTC, copied::add, new OperatorViewModel(new OperatorProfile("ana", null),
                        engine::defaultWorkspace, TestTasks.direct(), dialogs));
    }

    private Workspaces own() {
        return new Workspaces() {
            @Override
            public Current current() {
                return new Current("Embedded workspace · " + dir, false);
            }

            @Override
            public Current openDemo(TaskRunner.Progress progress) {
                throw new UnsupportedOperationException("not used here");
            }

            @Override
            public Current openOwn(TaskRunner.Progress progress) {
                return current();
            }
        };
    }

    @AfterEach
    void tearDown() {
        serve.stop();
        engine.close();
        assertThat(dialogs.errors).as("no error shown").isEmpty();
    }

    @Test
    void startsServesAKeyShownOnceAndStops() throws Exception {
        model.activate();
        model.serve().port().set("0");
        assertThat(model.commands().start().isExecutable()).isTrue();
        model.commands().start().execute();
        assertThat(model.serve().serving().get()).isTrue();
        String url = model.serve().baseUrl().get();
        assertThat(url).startsWith("http://127.0.0.1:");
        assertThat(serveStates).last().isEqualTo("Serving " + url);
        assertThat(model.serve().curl().get()).contains(url + "/api/ingest", "$HA_API_KEY");

        model.keys().newName().set("Warehouse scanner");
        model.commands().createKey().execute();
        String secret = model.keys().newSecret().get();
        assertThat(secret).startsWith("ha_live_");
        assertThat(model.serve().curl().get()).contains("Bearer " + secret);
        assertThat(model.query().statusProperty().get()).isEqualTo("Key \"Warehouse scanner\" created");
        model.commands().copySecret().execute();
        assertThat(copied).containsExactly(secret);
        assertThat(model.keys().rows()).singleElement().satisfies(k -> {
            assertThat(k.name()).isEqualTo("Warehouse scanner");
            assertThat(k.startsWith()).isEqualTo(secret.substring(0, 12) + "…");
            assertThat(k.active()).isTrue();
        });

        ManualScheduler ticks = new ManualScheduler();
        EventsViewModel events = new EventsViewModel(engine::defaultWorkspace, TestTasks.direct(), ticks,
                java.time.Clock.systemUTC(), ZoneOffset.UTC, dialogs, text -> { });
        events.activate();
        assertThat(events.rows()).isEmpty();
        HttpResponse<String> posted = post(url, secret);
        assertThat(posted.statusCode()).isEqualTo(200);
        ticks.tick();
        assertThat(events.rows()).extracting(EventsViewModel.Row::name).containsExactly("qr.bottle_scanned");

        model.deactivate();
        assertThat(model.keys().newSecret().get()).isEmpty();
        model.keys().selected().set(model.keys().rows().get(0));
        model.commands().revokeKey().execute();
        assertThat(model.keys().rows().get(0).state()).isEqualTo("revoked");
        assertThat(model.query().statusProperty().get()).isEqualTo("Key \"Warehouse scanner\" revoked");
        model.keys().selected().set(model.keys().rows().get(0));
        assertThat(model.commands().revokeKey().isExecutable()).as("a revoked key cannot be revoked again").isFalse();
        assertThat(model.commands().copySecret().isExecutable()).as("the secret is gone").isFalse();
        assertThat(post(url, secret).statusCode()).isEqualTo(401);

        model.commands().stop().execute();
        assertThat(model.serve().serving().get()).isFalse();
        assertThat(serveStates).last().isEqualTo("Serve mode off");
    }

    @Test
    void refusesBadPortsAndSaysPlainlyWhenAPortIsTaken() throws Exception {
        model.activate();
        model.serve().port().set("80000");
        assertThat(model.serve().portError().get()).contains("between 1 and 65535");
        assertThat(model.commands().start().isExecutable()).isFalse();
        model.serve().port().set("http");
        assertThat(model.serve().portError().get()).contains("a number");
        try (ServerSocket taken = new ServerSocket(0)) {
            model.serve().port().set(String.valueOf(taken.getLocalPort()));
            model.commands().start().execute();
            assertThat(model.serve().serving().get()).isFalse();
            assertThat(model.query().errorProperty().get()).contains("in use");
            assertThat(model.serve().status().get()).isEqualTo("Serve mode is off");
        }
    }

    @Test
    void revokingAsksFirst() {
        model.activate();
        model.commands().createKey().execute();
        dialogs.confirmAnswer = false;
        model.keys().selected().set(model.keys().rows().get(0));
        model.commands().revokeKey().execute();
        assertThat(model.keys().rows().get(0).active()).isTrue();
    }

    @Test
    void nothingStartsOrChangesWhileARequestRuns() {
        TestTasks held = TestTasks.held();
        SettingsViewModel slow = new SettingsViewModel(() -> serve, own(), () -> { }, held, dialogs, serveStates::add,
                ZoneOffset.UTC, copied::add, new OperatorViewModel(new OperatorProfile("ana", null),
                        engine::defaultWorkspace, TestTasks.direct(), dialogs));
        slow.activate();
        assertThat(slow.query().isRunning()).as("reading the keys").isTrue();
        assertThat(slow.commands().start().isExecutable()).isFalse();
        assertThat(slow.commands().createKey().isExecutable()).isFalse();
        held.runAll();
        slow.serve().port().set("0");
        assertThat(slow.commands().start().isExecutable()).isTrue();
        slow.commands().start().execute();
        assertThat(slow.query().statusProperty().get()).isEqualTo("Starting serve mode…");
        assertThat(slow.commands().stop().isExecutable()).isFalse();
        slow.deactivate();
        slow.activate();
        assertThat(held.pending()).as("coming back does not drop the start in flight").isEqualTo(1);
        held.runAll();
        assertThat(slow.serve().serving().get()).isTrue();
        assertThat(slow.commands().start().isExecutable()).isFalse();
        assertThat(slow.commands().stop().isExecutable()).isTrue();
        assertThat(notices).singleElement().asString().startsWith("Serve mode started: http://127.0.0.1:");
    }

    private static HttpResponse<String> post(String url, String key) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(url + "/api/ingest"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"qr.bottle_scanned\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
