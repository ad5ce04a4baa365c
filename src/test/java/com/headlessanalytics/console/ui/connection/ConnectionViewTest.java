package com.headlessanalytics.console.ui.connection;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.headlessanalytics.console.app.ConnectionProfiles;
import com.headlessanalytics.console.app.ConsoleConnector;
import com.headlessanalytics.console.app.FileSecretStore;
import com.headlessanalytics.console.ui.common.ConnectionProfile;
import com.headlessanalytics.console.ui.common.TestDialogs;
import com.headlessanalytics.console.ui.common.TestTasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.util.WaitForAsyncUtils;

/** The Connection screen in a shown window: the list, the form by kind, saved as PNG for a person to look at. */
class ConnectionViewTest {
    static final Path OUT = Path.of("target", "screenshots");
    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyRunning) {
            assertThat(alreadyRunning).hasMessageContaining("already");
        }
        Platform.setImplicitExit(false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"light", "dark"})
    void showsTheProfilesAndTheFormOfTheSelectedKind(String theme) throws Exception {
        Files.createDirectories(OUT);
        ConnectionViewModel model = new ConnectionViewModel(new ConnectionProfiles(dir, dir.resolve("data")),
                new FileSecretStore(dir), new ConsoleConnector(), new NoSwitching(), () -> { }, TestTasks.direct(), new TestDialogs());
        Stage[] stage = new Stage[1];
        WaitForAsyncUtils.asyncFx(() -> {
            Application.setUserAgentStylesheet(theme.equals("dark") ? new PrimerDark().getUserAgentStylesheet()
                    : new PrimerLight().getUserAgentStylesheet());
            ConnectionView view = new ConnectionView(model);
            Scene scene = new Scene(view, 1100, 640);
            scene.getStylesheets().add(ConnectionViewTest.class.getResource(
                    "/com/headlessanalytics/console/ui/console.css").toExternalForm());
            stage[0] = new Stage();
            stage[0].setScene(scene);
            stage[0].show();
            model.activate();
            model.commands().add().execute();
            model.fields().name().set("Production");
            model.fields().url().set("https://analytics.example.com");
            model.fields().secret().set("ha_live_example");
            model.commands().save().execute();
        }).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        Scene scene = stage[0].getScene();
        ListView<?> list = (ListView<?>) scene.getRoot().lookup(".list-view");
        assertThat(list.getItems()).hasSize(2);
        assertThat(list.getSelectionModel().getSelectedIndex()).isEqualTo(1);
        PasswordField secret = (PasswordField) scene.getRoot().lookup(".password-field");
        assertThat(secret.isVisible()).isTrue();
        assertThat(secret.getText()).isEqualTo("ha_live_example");
        ImageIO.write(SwingFXUtils.fromFXImage(WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null))
                .get(10, TimeUnit.SECONDS), null), "png", OUT.resolve("connection-" + theme + ".png").toFile());

        WaitForAsyncUtils.asyncFx(() -> scene.getRoot().lookupAll(".radio-button").stream()
                .map(RadioButton.class::cast)
                .filter(r -> r.getUserData() == ConnectionProfile.Kind.EMBEDDED)
                .findFirst().orElseThrow().fire()).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.fields().kind().get()).isEqualTo(ConnectionProfile.Kind.EMBEDDED);
        assertThat(secret.isVisible()).isFalse();
        Node choose = scene.getRoot().lookupAll(".button").stream()
                .filter(b -> b instanceof Button button && "Choose…".equals(button.getText())).findFirst().orElseThrow();
        assertThat(choose.isVisible()).isTrue();
        WaitForAsyncUtils.asyncFx(() -> stage[0].close()).get(5, TimeUnit.SECONDS);
    }

}
