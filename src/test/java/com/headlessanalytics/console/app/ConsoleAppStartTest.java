package com.headlessanalytics.console.app;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import com.headlessanalytics.console.ui.ScreenRobot;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console's own start ({@link ConsoleApp#start}'s path, on a saved dark appearance): the first
 * frame is the "Opening" placeholder styled by the two-colour starting stylesheet alone, so the window
 * maps before the Primer theme is parsed; then Primer Dark and console.css are applied and the shell
 * replaces the placeholder.
 */
class ConsoleAppStartTest {
    private static final String STARTING = ConsoleApp.class.getResource(ConsoleApp.STARTING_STYLESHEET).toExternalForm();
    private static final String CONSOLE_CSS = ConsoleApp.class.getResource(ConsoleApp.STYLESHEET).toExternalForm();

    @TempDir
    Path folder;

    private record Frame(String userAgent, List<String> sheets, Parent root, Paint background, Paint text,
                         boolean showing) {
    }

    @Test
    void theFirstFrameIsThePlaceholderInTheSavedThemesColoursThenPrimerAndTheShell() throws Exception {
        new ConsoleSettings("DARK", null, null, 1100.0, 700.0, false, true, null, null).save(folder);
        ConsoleApp.prepare(folder);
        ConsoleApp app = new ConsoleApp();
        Stage[] stage = new Stage[1];
        Frame first = ScreenRobot.onFx(() -> {
            stage[0] = new Stage();
            app.open(stage[0], List.of());
            Parent root = stage[0].getScene().getRoot();
            root.applyCss();
            Label text = (Label) root.lookup("#console-starting");
            return new Frame(Application.getUserAgentStylesheet(), List.copyOf(stage[0].getScene().getStylesheets()),
                    root, ((Region) root).getBackground().getFills().get(0).getFill(), text.getTextFill(),
                    stage[0].isShowing());
        });
        try {
            assertThat(first.showing()).isTrue();
            assertThat(first.userAgent()).isEqualTo(STARTING);
            assertThat(first.sheets()).as("console.css comes with Primer, after the window").isEmpty();
            assertThat(first.root().getStyleClass()).contains("dark");
            assertThat(first.background()).isEqualTo(Color.web("#0d1117"));
            assertThat(first.text()).isEqualTo(Color.web("#c9d1d9"));

            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                    () -> ScreenRobot.onFx(() -> stage[0].getScene().getRoot().getStyleClass().contains("shell")));
            assertThat(ScreenRobot.onFx(Application::getUserAgentStylesheet))
                    .isEqualTo(new PrimerDark().getUserAgentStylesheet());
            assertThat(ScreenRobot.onFx(() -> List.copyOf(stage[0].getScene().getStylesheets())))
                    .containsExactly(CONSOLE_CSS);
            assertThat(ScreenRobot.onFx(() -> stage[0].getScene().lookup("#console-starting"))).isNull();
        } finally {
            app.stop();
            ScreenRobot.onFx(() -> {
                stage[0].hide();
                return null;
            });
        }
    }
}
