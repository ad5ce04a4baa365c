package com.headlessanalytics.console.ui.settings;

import com.headlessanalytics.console.app.EmbeddedServeControl;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.ui.ScreenRobot;
import com.headlessanalytics.console.ui.common.FxTaskRunner;
import com.headlessanalytics.console.ui.common.OperatorProfile;
import com.headlessanalytics.console.ui.common.TaskRunner;
import com.headlessanalytics.console.ui.common.TestDialogs;
import com.headlessanalytics.console.ui.common.Workspaces;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;


/**
 * Settings in a real window, against a real engine and the real local API server: start serve mode
 * on a free port and read its status, create a key (shown once, listed), revoke it after the
 * confirmation, see a taken port refused in the error banner, stop.
 */
class SettingsInteractionTest {
    @TempDir
    Path dir;

    @Test
    void servesCreatesAndRevokesAKeyAndStops() throws Exception {
        FxTaskRunner tasks = new FxTaskRunner(Platform::runLater);
        TestDialogs dialogs = new TestDialogs();
        List<String> serveStates = new ArrayList<>();
        List<String> copied = new ArrayList<>();
        try (Engine engine = Engine.open(dir.resolve("data"))) {
            engine.defaultWorkspace().ingest(List.of(Map.of("event", "qr.bottle_scanned")));
            EmbeddedServeControl serve = new EmbeddedServeControl(engine);
            Workspaces workspaces = new Workspaces() {
                @Override
                public Current current() {
                    return new Current("Embedded workspace · " + dir.resolve("data"), false);
                }

                @Override
                public Current openDemo(TaskRunner.Progress progress) {
                    return current();
                }

                @Override
                public Current openOwn(TaskRunner.Progress progress) {
                    return current();
                }
            };
            OperatorProfile profile = new OperatorProfile("ana", null);
            SettingsViewModel model = ScreenRobot.onFx(() -> new SettingsViewModel(() -> serve, workspaces, () -> { },
                    tasks, dialogs, serveStates::add, ZoneOffset.UTC, copied::add, new OperatorViewModel(profile,
                            () -> engine.defaultWorkspace(profile.principal()), tasks, dialogs)));
            try (ScreenRobot robot = ScreenRobot.show(() -> new SettingsView(model))) {
                ScreenRobot.onFx(() -> {
                    model.activate();
                    return null;
                });
                robot.waitUntil(() -> !model.query().isRunning(), () -> "keys still loading");

                robot.typeInto("#settings-port", "0").clickOn("#settings-start");
                robot.waitUntil(() -> robot.<Label>find("#settings-serve-status").getText().startsWith("Serving "),
                        () -> "status " + robot.<Label>find("#settings-serve-status").getText()
                                + ", error " + robot.<Label>find("#screen-error").getText());
                String url = robot.read(() -> robot.<Label>find("#settings-serve-status").getText())
                        .substring("Serving ".length());
                assertThat(url).startsWith("http://127.0.0.1:");
                assertThat(robot.read(() -> robot.<Label>find("#screen-status").getText())).isEqualTo("Serve mode started");
                assertThat(robot.<Button>find("#settings-start").isDisabled()).isTrue();
                assertThat(robot.<TextField>find("#settings-port").isDisabled()).as("the address is fixed while serving")
                        .isTrue();
                assertThat(dialogs.notices).containsExactly("Serve mode started: " + url);

                scrollToBottom(robot);
                robot.typeInto("#settings-key-name", "Warehouse scanner").clickOn("#settings-create-key");
                robot.waitUntil(() -> robot.<Node>find("#settings-secret-banner").isVisible(), () -> "no new key shown");
                String secret = robot.read(() -> robot.<TextField>find("#settings-new-secret").getText());
                assertThat(secret).startsWith("ha_live_");
                TableView<SettingsViewModel.KeyRow> table = robot.find("#settings-keys");
                assertThat(robot.read(() -> table.getItems().stream().map(r -> r.name() + " " + r.startsWith() + " "
                        + r.state()).toList())).containsExactly("Warehouse scanner " + secret.substring(0, 12) + "… active");
                assertThat(robot.read(() -> robot.<TextField>find("#settings-key-name").getText())).isEmpty();
                robot.clickOn("#settings-copy-secret");
                assertThat(copied).containsExactly(secret);
                robot.clickOn("#settings-dismiss-secret");
                robot.waitUntil(() -> !robot.<Node>find("#settings-secret-banner").isVisible(), () -> "key still shown");
                assertThat(robot.read(() -> robot.<TextField>find("#settings-new-secret").getText()))
                        .as("shown once").isEmpty();

                scrollToBottom(robot);
                assertThat(robot.<Button>find("#settings-revoke-key").isDisabled()).as("nothing selected").isTrue();
                robot.clickOn("Warehouse scanner");
                robot.waitUntil(() -> !robot.<Button>find("#settings-revoke-key").isDisabled(), () -> "revoke disabled");
                robot.clickOn("#settings-revoke-key");
                robot.waitUntil(() -> table.getItems().size() == 1 && "revoked".equals(table.getItems().get(0).state()),
                        () -> "rows " + table.getItems());
                assertThat(dialogs.confirmations).containsExactly("Revoke Warehouse scanner?");
                assertThat(robot.read(() -> robot.<Label>find("#screen-status").getText()))
                        .isEqualTo("Key \"Warehouse scanner\" revoked");
                robot.screenshot("interaction-settings");

                ScreenRobot.onFx(() -> {
                    ((ScrollPane) robot.find("#settings-scroll")).setVvalue(0);
                    return null;
                });
                robot.clickOn("#settings-stop");
                robot.waitUntil(() -> "Serve mode is off".equals(robot.<Label>find("#settings-serve-status").getText()),
                        () -> "still " + robot.<Label>find("#settings-serve-status").getText());
                assertThat(serveStates).last().isEqualTo("Serve mode off");

                try (ServerSocket taken = new ServerSocket(0)) {
                    robot.typeInto("#settings-port", String.valueOf(taken.getLocalPort())).clickOn("#settings-start");
                    robot.waitUntil(() -> robot.<Label>find("#screen-error").isVisible(), () -> "no error shown");
                    assertThat(robot.read(() -> robot.<Label>find("#screen-error").getText())).contains("in use");
                    assertThat(robot.read(() -> robot.<Label>find("#settings-serve-status").getText()))
                            .isEqualTo("Serve mode is off");
                }

                Label actingAs = robot.find("#settings-operator-acting-as");
                // a background task, started when the screen was shown, reads who this workspace records
                robot.waitUntil(() -> !actingAs.getText().startsWith("Reading who"),
                        () -> "who you act as is still being read: " + actingAs.getText());
                assertThat(robot.read(actingAs::getText)).startsWith("This workspace records you as operator:ana:");
                robot.typeInto("#settings-operator-name", "ana maria");
                assertThat(robot.<Button>find("#settings-operator-save").isDisabled()).as("no spaces").isTrue();
                robot.typeInto("#settings-operator-name", "bob").clickOn("#settings-operator-save");
                robot.waitUntil(() -> actingAs.getText().startsWith("This workspace records you as operator:bob:"),
                        () -> "acting as: " + actingAs.getText());
                assertThat(profile.principal()).isEqualTo("operator:bob");
                assertThat(dialogs.notices).last().isEqualTo("You now act as operator:bob");
                assertThat(robot.<Button>find("#settings-operator-save").isDisabled()).as("saved").isTrue();
            } finally {
                serve.stop();
            }
        } finally {
            tasks.close();
        }
        assertThat(dialogs.errors).isEmpty();
    }

    private static void scrollToBottom(ScreenRobot robot) {
        ScreenRobot.onFx(() -> {
            ((ScrollPane) robot.find("#settings-scroll")).setVvalue(1);
            return null;
        });
    }
}
