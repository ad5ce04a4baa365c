package com.headlessanalytics.console.app;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.headlessanalytics.console.ui.ScreenRobot;
import com.headlessanalytics.console.ui.settings.SettingsViewModel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console's own start ({@link ConsoleApp#start}'s path, on a saved dark appearance), pulse by
 * pulse: the first frame is the window in the theme's background (the scene's fill, which is the
 * native window's colour too) with no text and no stylesheet, so neither fonts nor a CSS parser
 * start before the window maps; the next frame adds the "Opening" line under the two-colour
 * starting stylesheet; only then are Primer Dark and console.css applied, and the shell replaces the
 * placeholder. The fill follows a change of theme.
 */
class ConsoleAppStartTest {
    private static final String STARTING = ConsoleApp.class.getResource(ConsoleApp.STARTING_STYLESHEET).toExternalForm();
    private static final String CONSOLE_CSS = ConsoleApp.class.getResource(ConsoleApp.STYLESHEET).toExternalForm();

    @TempDir
    Path folder;

    /** What one pulse laid out. */
    private record Frame(String userAgent, List<String> sheets, List<String> rootClasses, Paint fill,
                         Paint lineColour, boolean showing) {
        boolean hasLine() {
            return lineColour != null;
        }

        static Frame of(Stage stage) {
            Scene scene = stage.getScene();
            Parent root = scene.getRoot();
            Label line = (Label) root.lookup("#console-starting");
            return new Frame(Application.getUserAgentStylesheet(), List.copyOf(scene.getStylesheets()),
                    List.copyOf(root.getStyleClass()), scene.getFill(), line == null ? null : line.getTextFill(),
                    stage.isShowing());
        }
    }

    @Test
    void theWindowMapsWithoutTextThenTheLineThenPrimerAndTheShell() throws Exception {
        new ConsoleSettings("DARK", null, null, 1100.0, 700.0, false, true, null, null).save(folder);
        ConsoleApp.prepare(folder);
        ConsoleApp app = new ConsoleApp();
        Stage[] stage = new Stage[1];
        List<Frame> pulses = new CopyOnWriteArrayList<>();
        ScreenRobot.onFx(() -> {
            Application.setUserAgentStylesheet(null);
            stage[0] = new Stage();
            app.open(stage[0], List.of());
            Scene scene = stage[0].getScene();
            scene.addPostLayoutPulseListener(() -> {
                if (!scene.getRoot().getStyleClass().contains("shell")) {
                    pulses.add(Frame.of(stage[0]));
                }
            });
            return null;
        });
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                    () -> ScreenRobot.onFx(() -> stage[0].getScene().getRoot().getStyleClass().contains("shell")));

            Frame first = pulses.get(0);
            assertThat(first.showing()).isTrue();
            assertThat(first.hasLine()).as("the first frame has no text").isFalse();
            // null: the JavaFX default, which this JVM's earlier tests have loaded; the console sets none
            assertThat(first.userAgent()).as("no stylesheet of the console's before the window maps").isNull();
            assertThat(first.sheets()).as("console.css comes with Primer, after the window").isEmpty();
            assertThat(first.rootClasses()).contains("dark");
            assertThat(first.fill()).as("the window maps dark, not white").isEqualTo(Color.web("#0d1117"));

            int line = indexOf(pulses, Frame::hasLine);
            assertThat(line).as("a frame with the line").isPositive();
            assertThat(pulses.get(line).userAgent()).as("the line is drawn before Primer is parsed").isEqualTo(STARTING);
            assertThat(pulses.get(line).lineColour()).isEqualTo(Color.web("#c9d1d9"));
            String primerDark = new PrimerDark().getUserAgentStylesheet();
            int primer = indexOf(pulses, f -> primerDark.equals(f.userAgent()));
            if (primer >= 0) {
                assertThat(primer).as("Primer follows the frame with the line").isGreaterThan(line);
            }

            assertThat(ScreenRobot.onFx(Application::getUserAgentStylesheet)).isEqualTo(primerDark);
            assertThat(ScreenRobot.onFx(() -> List.copyOf(stage[0].getScene().getStylesheets())))
                    .containsExactly(CONSOLE_CSS);
            assertThat(ScreenRobot.onFx(() -> stage[0].getScene().lookup("#console-starting"))).isNull();

            ScreenRobot.onFx(() -> {
                app.composition().settings().appearanceProperty().set(SettingsViewModel.Appearance.LIGHT);
                return null;
            });
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                    () -> Color.WHITE.equals(ScreenRobot.onFx(() -> stage[0].getScene().getFill())));
            assertThat(ScreenRobot.onFx(Application::getUserAgentStylesheet))
                    .isEqualTo(new PrimerLight().getUserAgentStylesheet());
        } finally {
            app.stop();
            ScreenRobot.onFx(() -> {
                stage[0].hide();
                return null;
            });
        }
    }

    private static int indexOf(List<Frame> pulses, Predicate<Frame> test) {
        for (int i = 0; i < pulses.size(); i++) {
            if (test.test(pulses.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
