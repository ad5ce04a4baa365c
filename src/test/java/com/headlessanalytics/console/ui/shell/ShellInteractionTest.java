package com.headlessanalytics.console.ui.shell;

import com.headlessanalytics.console.app.ConnectionProfiles;
import com.headlessanalytics.console.app.ConsoleConnector;
import com.headlessanalytics.console.app.EmbeddedServeControl;
import com.headlessanalytics.console.app.FileSecretStore;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.ui.ScreenRobot;
import com.headlessanalytics.console.ui.common.ConnectionProfile;
import com.headlessanalytics.console.ui.common.Connections;
import com.headlessanalytics.console.ui.common.FxDialogService;
import com.headlessanalytics.console.ui.common.FxTaskRunner;
import com.headlessanalytics.console.ui.common.OperatorProfile;
import com.headlessanalytics.console.ui.common.TaskRunner;
import com.headlessanalytics.console.ui.common.Workspaces;
import com.headlessanalytics.console.ui.connection.ConnectionView;
import com.headlessanalytics.console.ui.connection.ConnectionViewModel;
import com.headlessanalytics.console.ui.settings.OperatorViewModel;
import com.headlessanalytics.console.ui.settings.SettingsView;
import com.headlessanalytics.console.ui.settings.SettingsViewModel;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;


/**
 * The window frame with the real Connection and Settings screens: clicking sidebar entries (and
 * Ctrl+digit) changes the screen and its title, areas without a screen are greyed out, and a notice
 * and the serve state from Settings appear in the status bar.
 */
class ShellInteractionTest {
    @TempDir
    Path dir;

    @Test
    void navigatesBySidebarAndShortcutAndShowsNoticesInTheStatusBar() throws Exception {
        FxTaskRunner tasks = new FxTaskRunner(Platform::runLater);
        try (Engine engine = Engine.open(dir.resolve("data"))) {
            EmbeddedServeControl serve = new EmbeddedServeControl(engine);
            Workspaces.Current current = new Workspaces.Current("Embedded workspace · " + dir.resolve("data"), false);
            Workspaces workspaces = new Workspaces() {
                @Override
                public Current current() {
                    return current;
                }

                @Override
                public Current openDemo(TaskRunner.Progress progress) {
                    return current;
                }

                @Override
                public Current openOwn(TaskRunner.Progress progress) {
                    return current;
                }
            };
            Connections connections = new Connections() {
                @Override
                public Workspaces.Current use(ConnectionProfile profile, String secret) {
                    return current;
                }

                @Override
                public Optional<String> profileInUse() {
                    return Optional.of("embedded-default");
                }
            };
            ShellViewModel[] shell = new ShellViewModel[1];
            FxDialogService dialogs = new FxDialogService(null, message -> shell[0].notice(message));
            SettingsViewModel settings = ScreenRobot.onFx(() -> new SettingsViewModel(() -> serve, workspaces, () -> { },
                    tasks, dialogs, state -> shell[0].serveStateChanged(state), ZoneOffset.UTC, text -> { },
                    new OperatorViewModel(new OperatorProfile("ana", null), engine::defaultWorkspace, tasks,
                            dialogs)));
            ConnectionViewModel connection = ScreenRobot.onFx(() -> new ConnectionViewModel(
                    new ConnectionProfiles(dir, dir.resolve("data")), new FileSecretStore(dir), new ConsoleConnector(),
                    connections, () -> { }, tasks, dialogs));
            shell[0] = ScreenRobot.onFx(() -> new ShellViewModel(Map.of(Area.CONNECTION, connection,
                    Area.SETTINGS, settings), tasks));
            Map<Area, Supplier<Node>> views = Map.of(Area.CONNECTION, () -> new ConnectionView(connection),
                    Area.SETTINGS, () -> new SettingsView(settings));
            try (ScreenRobot robot = ScreenRobot.show(() -> new ShellView(shell[0], views))) {
                ScreenRobot.onFx(() -> {
                    shell[0].connectedTo(current.description());
                    return null;
                });
                assertThat(robot.<ToggleButton>find("#sidebar-approvals").isDisabled()).as("no screen yet").isTrue();
                assertThat(robot.read(() -> robot.<ToggleButton>find("#sidebar-approvals").getTooltip().getText()))
                        .isEqualTo("Approvals is not available in this version yet");

                robot.reveal("#sidebar-settings").clickOn("#sidebar-settings");
                robot.waitUntil(() -> "Settings".equals(title(robot)), () -> "title " + title(robot));
                assertThat(robot.<ToggleButton>find("#sidebar-settings").isSelected()).isTrue();
                robot.reveal("#sidebar-connection").clickOn("#sidebar-connection");
                robot.waitUntil(() -> "Connection".equals(title(robot)), () -> "title " + title(robot));
                robot.reveal("#sidebar-approvals").clickOn("#sidebar-approvals");
                assertThat(title(robot)).as("a greyed-out area does not open").isEqualTo("Connection");
                robot.reveal("#sidebar-connection").clickOn("#sidebar-connection");
                assertThat(robot.<ToggleButton>find("#sidebar-connection").isSelected())
                        .as("clicking the open area keeps it selected").isTrue();

                robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
                robot.waitUntil(() -> "Settings".equals(title(robot)), () -> "Ctrl+2: title " + title(robot));

                robot.waitUntil(() -> !settings.query().isRunning(), () -> "keys still loading");
                robot.typeInto("#settings-port", "0").clickOn("#settings-start");
                robot.waitUntil(() -> robot.<Label>find("#status-notice").getText().startsWith("Serve mode started: "),
                        () -> "notice '" + robot.<Label>find("#status-notice").getText() + "'");
                String url = settings.serve().baseUrl().get();
                assertThat(robot.read(() -> robot.<Label>find("#status-notice").getText()))
                        .isEqualTo("Serve mode started: " + url);
                assertThat(robot.read(() -> robot.<Label>find("#status-serve").getText())).isEqualTo("Serving " + url);
                assertThat(robot.read(() -> robot.<Label>find("#status-connection").getText()))
                        .isEqualTo(current.description());
                robot.screenshot("interaction-shell");
                robot.clickOn("#settings-stop");
                robot.waitUntil(() -> "Serve mode off".equals(robot.<Label>find("#status-serve").getText()),
                        () -> "serve state " + robot.<Label>find("#status-serve").getText());
            } finally {
                serve.stop();
            }
        } finally {
            tasks.close();
        }
    }

    private static String title(ScreenRobot robot) {
        return robot.read(() -> robot.<Label>find("#screen-title").getText());
    }
}
