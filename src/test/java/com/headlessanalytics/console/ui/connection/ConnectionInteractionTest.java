package com.headlessanalytics.console.ui.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.app.ConnectionProfiles;
import com.headlessanalytics.console.app.ConsoleConnector;
import com.headlessanalytics.console.app.FileSecretStore;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.server.LocalApiServer;
import com.headlessanalytics.console.server.ServeConfig;
import com.headlessanalytics.console.ui.ScreenRobot;
import com.headlessanalytics.console.ui.common.ConnectionProfile;
import com.headlessanalytics.console.ui.common.FxTaskRunner;
import com.headlessanalytics.console.ui.common.TestDialogs;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connection in a real window: add a remote profile by typing its fields, Test connection against a
 * refused port (the error banner names what failed) and against a real local server with its key,
 * save it, and pick an embedded profile's folder through the DialogService.
 */
class ConnectionInteractionTest {
    @TempDir
    Path dir;

    @Test
    void addsTestsAndSavesARemoteProfile() throws Exception {
        FxTaskRunner tasks = new FxTaskRunner(Platform::runLater);
        TestDialogs dialogs = new TestDialogs();
        FileSecretStore secrets = new FileSecretStore(dir);
        int refused;
        try (ServerSocket s = new ServerSocket(0)) {
            refused = s.getLocalPort();
        }
        try (Engine engine = Engine.open(dir.resolve("server-data"))) {
            engine.defaultWorkspace().ingest(List.of(Map.of("event", "order.placed")));
            String key = engine.keys().create(engine.defaultWorkspaceId(), "console").secret();
            LocalApiServer server = LocalApiServer.start(engine, ServeConfig.defaults().withPort(0));
            ConnectionViewModel model = ScreenRobot.onFx(() -> new ConnectionViewModel(
                    new ConnectionProfiles(dir, dir.resolve("data")), secrets, new ConsoleConnector(), new NoSwitching(),
                    () -> { }, tasks, dialogs));
            try (ScreenRobot robot = ScreenRobot.show(() -> new ConnectionView(model))) {
                ScreenRobot.onFx(() -> {
                    model.activate();
                    return null;
                });
                ListView<ConnectionProfile> list = robot.find("#connection-profiles");
                robot.waitUntil(() -> list.getItems().size() == 1, () -> "profiles " + list.getItems());

                robot.clickOn("#connection-add");
                robot.waitUntil(() -> list.getItems().size() == 2 && list.getSelectionModel().getSelectedIndex() == 1,
                        () -> "profiles " + list.getItems());
                robot.typeInto("#connection-name", "Staging");
                robot.typeInto("#connection-url", "http://127.0.0.1:" + refused);
                robot.typeInto("#connection-secret", "ha_live_x");
                robot.clickOn("#connection-test");
                robot.waitUntil(() -> robot.<Label>find("#screen-error").isVisible(), () -> "no error shown");
                assertThat(robot.read(() -> robot.<Label>find("#screen-error").getText()))
                        .startsWith("Connection refused: nothing is listening at http://127.0.0.1:" + refused);
                assertThat(robot.read(() -> robot.<Label>find("#connection-result").getText())).isEmpty();

                robot.typeInto("#connection-url", server.baseUrl());
                robot.typeInto("#connection-secret", key);
                robot.clickOn("#connection-test");
                robot.waitUntil(() -> !robot.<Label>find("#connection-result").getText().isEmpty(),
                        () -> "no result; error " + robot.<Label>find("#screen-error").getText());
                assertThat(robot.read(() -> robot.<Label>find("#connection-result").getText())).isEqualTo(
                        "Connected to " + server.baseUrl() + ": it is ready and its events can be read.");
                assertThat(robot.<Label>find("#screen-error").isVisible()).as("the old failure is gone").isFalse();
                assertThat(robot.read(() -> robot.<Label>find("#screen-status").getText())).as("done testing").isEmpty();

                robot.clickOn("#connection-save");
                robot.waitUntil(() -> "Saved.".equals(robot.<Label>find("#connection-result").getText()),
                        () -> "not saved: " + robot.<Label>find("#connection-result").getText());
                assertThat(robot.read(() -> list.getItems().stream().map(ConnectionProfile::name).toList()))
                        .containsExactly("This computer", "Staging");
                assertThat(secrets.get(list.getItems().get(1).id())).contains(key);
                robot.screenshot("interaction-connection");

                robot.clickOn("#connection-kind-embedded");
                dialogs.folder = dir.resolve("picked");
                robot.clickOn("#connection-choose-folder");
                robot.waitUntil(() -> !robot.<TextField>find("#connection-folder").getText().isEmpty(),
                        () -> "no folder");
                assertThat(robot.read(() -> robot.<TextField>find("#connection-folder").getText()))
                        .isEqualTo(dir.resolve("picked").toAbsolutePath().toString());
                assertThat(dialogs.fileQuestions).extracting(TestDialogs.Asked::title)
                        .containsExactly("Choose the data folder");
                assertThat(robot.<Button>find("#connection-test").isDisabled()).isFalse();
            } finally {
                server.stop();
            }
        } finally {
            tasks.close();
        }
        assertThat(dialogs.errors).isEmpty();
    }
}
