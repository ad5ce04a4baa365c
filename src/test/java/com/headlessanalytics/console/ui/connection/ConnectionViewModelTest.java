package com.headlessanalytics.console.ui.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.app.ConnectionProfiles;
import com.headlessanalytics.console.app.ConsoleConnector;
import com.headlessanalytics.console.app.FileSecretStore;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.server.LocalApiServer;
import com.headlessanalytics.console.server.ServeConfig;
import com.headlessanalytics.console.ui.common.ConnectionProfile;
import com.headlessanalytics.console.ui.common.TestDialogs;
import com.headlessanalytics.console.ui.common.TestTasks;
import java.net.ServerSocket;
import java.nio.file.Path;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Test connection against real targets: a closed port, an unknown host, a real server, a web page. */
class ConnectionViewModelTest {
    @TempDir
    Path dir;
    final TestDialogs dialogs = new TestDialogs();
    FileSecretStore secrets;
    ConnectionViewModel model;

    @BeforeEach
    void setUp() {
        secrets = new FileSecretStore(dir);
        model = new ConnectionViewModel(new ConnectionProfiles(dir, dir.resolve("data")), secrets,
                new ConsoleConnector(), new NoSwitching(), () -> { }, TestTasks.direct(), dialogs);
        model.activate();
    }

    private String testRemote(String url, String key) {
        model.commands().add().execute();
        model.fields().url().set(url);
        model.fields().secret().set(key);
        model.commands().test().execute();
        String error = model.query().errorProperty().get();
        return error.isEmpty() ? model.resultTextProperty().get() : error;
    }

    @Test
    void aClosedPortIsRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThat(testRemote("http://127.0.0.1:" + port, "ha_live_x")).startsWith("Connection refused:")
                .contains("127.0.0.1:" + port);
        assertThat(model.resultTextProperty().get()).isEmpty();
    }

    @Test
    void anUnknownHostIsADnsFailure() {
        assertThat(testRemote("https://no-such-host.invalid", "ha_live_x"))
                .isEqualTo("DNS lookup failed: the host of https://no-such-host.invalid is unknown; check the URL.");
    }

    @Test
    void aRealServerAcceptsAGoodKeyAndRefusesAWrongOne() throws Exception {
        try (Engine engine = Engine.open(dir.resolve("server-data"))) {
            String key = engine.keys().create(engine.defaultWorkspaceId(), "console test").secret();
            LocalApiServer server = LocalApiServer.start(engine, ServeConfig.defaults().withPort(0));
            try {
                assertThat(testRemote(server.baseUrl(), key)).startsWith("Connected to " + server.baseUrl());
                assertThat(model.query().errorProperty().get()).isEmpty();

                model.fields().secret().set("ha_live_wrongwrongwrong");
                model.commands().test().execute();
                assertThat(model.resultTextProperty().get()).isEmpty();
                assertThat(model.query().errorProperty().get()).isEqualTo(
                        "The server refused the API key (401): the key is unknown or has been revoked.");
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void aWebPageIsNotAHeadlessAnalyticsServer() throws Exception {
        try (MockWebServer web = new MockWebServer()) {
            web.start();
            web.enqueue(new MockResponse.Builder().code(404).setHeader("Content-Type", "text/html")
                    .body("<html><body>Not Found</body></html>").build());
            String url = web.url("/").toString();
            assertThat(testRemote(url, "ha_live_x")).startsWith("Not a HeadlessAnalytics server:")
                    .contains("HTTP 404");
        }
    }

    @Test
    void anIncompleteProfileSaysWhatIsMissing() {
        assertThat(testRemote("https://analytics.example.com", "")).isEqualTo(
                "The profile is incomplete: Enter the API key.");
    }

    @Test
    void savesTheKeyApartAndDeletesItWithTheProfile() {
        model.commands().add().execute();
        ConnectionProfile added = model.selectedProperty().get();
        model.fields().name().set("Staging");
        model.fields().url().set("https://staging.example.com");
        model.fields().secret().set("ha_live_secret");
        model.commands().save().execute();
        assertThat(model.profiles()).extracting(ConnectionProfile::name).containsExactly("This computer", "Staging");
        assertThat(secrets.get(added.id())).contains("ha_live_secret");
        assertThat(model.secretsLocation()).contains(dir.resolve("connection-secrets.json").toString(),
                "readable only by your user account");

        model.commands().duplicate().execute();
        assertThat(model.profiles()).extracting(ConnectionProfile::name)
                .containsExactly("This computer", "Staging", "Staging (copy)");
        assertThat(secrets.get(model.selectedProperty().get().id())).contains("ha_live_secret");

        model.select(model.profiles().get(1));
        model.commands().delete().execute();
        assertThat(model.profiles()).extracting(ConnectionProfile::name)
                .containsExactly("This computer", "Staging (copy)");
        assertThat(secrets.get(added.id())).isEmpty();
    }

    @Test
    void theDataFolderIsChosenThroughTheDialogService() {
        model.select(model.profiles().get(0));
        assertThat(model.commands().chooseFolder().isExecutable()).isTrue();
        dialogs.folder = dir.resolve("picked");
        model.commands().chooseFolder().execute();
        assertThat(dialogs.fileQuestions).extracting(TestDialogs.Asked::title).containsExactly("Choose the data folder");
        assertThat(model.fields().dataFolder().get()).isEqualTo(dir.resolve("picked").toAbsolutePath().toString());
        dialogs.folder = null;
        model.commands().chooseFolder().execute();
        assertThat(model.fields().dataFolder().get()).as("cancelled: unchanged")
                .isEqualTo(dir.resolve("picked").toAbsolutePath().toString());
        model.fields().kind().set(ConnectionProfile.Kind.REMOTE_KEY);
        assertThat(model.commands().chooseFolder().isExecutable()).isFalse();
        assertThat(model.form().secretLabel().get()).isEqualTo("API key");
        model.fields().kind().set(ConnectionProfile.Kind.REMOTE_JWT);
        assertThat(model.form().secretLabel().get()).isEqualTo("JWT");
        assertThat(model.form().showsWorkspaceId().get()).isTrue();
    }

    @Test
    void deletingAsksFirstAndANameIsRequired() {
        model.commands().add().execute();
        dialogs.confirmAnswer = false;
        model.commands().delete().execute();
        assertThat(dialogs.confirmations).containsExactly("Delete \"New connection\"?");
        assertThat(model.profiles()).hasSize(2);
        model.fields().name().set("  ");
        model.commands().save().execute();
        assertThat(model.query().errorProperty().get()).isEqualTo("Give the profile a name.");
        model.fields().name().set("Named");
        model.commands().save().execute();
        assertThat(model.query().errorProperty().get()).isEmpty();
        assertThat(model.resultTextProperty().get()).isEqualTo("Saved.");
        assertThat(model.listText(model.profiles().get(1))).isEqualTo("Named\nhttps://");
    }

    @Test
    void whileATestRunsTheFormCannotBeSavedUsedOrTestedAgainAndCancelDropsIt() {
        TestTasks held = TestTasks.held();
        ConnectionViewModel slow = new ConnectionViewModel(new ConnectionProfiles(dir, dir.resolve("data")), secrets,
                new ConsoleConnector(), new NoSwitching(), () -> { }, held, dialogs);
        slow.activate();
        held.runAll();
        assertThat(slow.commands().test().isExecutable()).isTrue();
        slow.commands().test().execute();
        assertThat(slow.query().isRunning()).isTrue();
        assertThat(slow.query().statusProperty().get()).startsWith("Testing ");
        assertThat(slow.commands().test().isExecutable()).isFalse();
        assertThat(slow.commands().save().isExecutable()).isFalse();
        assertThat(slow.commands().use().isExecutable()).isFalse();
        assertThat(slow.commands().delete().isExecutable()).isFalse();
        slow.query().cancel();
        held.runAll();
        assertThat(slow.resultTextProperty().get()).as("a cancelled test says nothing").isEmpty();
        assertThat(slow.query().statusProperty().get()).isEqualTo("Cancelled");
        assertThat(slow.commands().test().isExecutable()).isTrue();
    }
}
