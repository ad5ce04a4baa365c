package com.headlessanalytics.console.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.headlessanalytics.console.ui.common.FxClipboard;
import com.headlessanalytics.console.ui.common.FxDialogService;
import com.headlessanalytics.console.ui.common.FxScheduler;
import com.headlessanalytics.console.ui.common.OsTheme;
import com.headlessanalytics.console.ui.settings.SettingsViewModel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console window. It shows as soon as the toolkit is up, with the saved geometry (read while the
 * toolkit starts), in the theme's background colour; the "Opening" line follows in the next pulse,
 * styled by a two-colour stylesheet, and the Primer theme in the pulse after. The OS keychain and the
 * {@link ConsoleComposition} are built off the FX thread meanwhile and its shell replaces the placeholder.
 * Launch options, at start or handed over by a later launch through {@link SingleInstance}, bring the
 * window to the front and open what they name. On exit the window geometry is saved and the
 * composition closed (serve mode, then the engine).
 */
public class ConsoleApp extends Application {
    static final String STYLESHEET = "/com/headlessanalytics/console/ui/console.css";
    /** The "Opening" line's user-agent stylesheet: the theme's text colours, so the line shows before Primer is parsed. */
    static final String STARTING_STYLESHEET = "/com/headlessanalytics/console/ui/starting.css";
    static final String TITLE = "HeadlessAnalytics Console";
    /** The first frame's colour (Primer's -color-bg-default), before any stylesheet is parsed. */
    static final Color LIGHT_BACKGROUND = Color.web("#ffffff");
    static final Color DARK_BACKGROUND = Color.web("#0d1117");
    /** How long a later launch's arguments may wait for the FX thread before the launch is told it is hung. */
    static final long ANSWER_SECONDS = 10;

    /** What {@link #prepare} reads while the toolkit starts. */
    private record Prepared(Path folder, ConsoleSettings.Window settings, boolean systemDark) {
    }

    private static volatile CompletableFuture<Prepared> prepared;
    private static volatile SingleInstance instance;

    private final CompletableFuture<ConsoleComposition> composed = new CompletableFuture<>();
    private final List<LaunchOptions> waiting = new ArrayList<>();
    private Stage stage;
    private ConsoleComposition composition;

    /**
     * Reads the saved settings and asks the OS for its theme on a thread of its own, so both are ready
     * when the toolkit is (called by {@link Main} before the launch).
     */
    static void prepare(Path folder) {
        CompletableFuture<Prepared> ready = new CompletableFuture<>();
        prepared = ready;
        Thread.ofPlatform().daemon().name("ha-prepare").start(() -> {
            try {
                ready.complete(read(folder));
            } catch (RuntimeException | Error e) {
                ready.completeExceptionally(e);
            }
        });
    }

    /** The single-instance claim whose later launches this window answers (null when there is none). */
    static void instance(SingleInstance claimed) {
        instance = claimed;
    }

    /** Logging starts on first use, which is after the window is shown: its set-up is not on the way to the window. */
    private static Logger log() {
        return LoggerFactory.getLogger(ConsoleApp.class);
    }

    private static Prepared read(Path folder) {
        ConsoleSettings.Window saved = ConsoleSettings.window(folder);
        boolean askOs = !Boolean.getBoolean("ha.dark") && !Boolean.getBoolean("ha.light")
                && appearanceOf(saved.appearance()) == SettingsViewModel.Appearance.SYSTEM;
        return new Prepared(folder, saved, askOs && OsTheme.prefersDark());
    }

    @Override
    public void start(Stage stage) {
        open(stage, getParameters().getRaw());
    }

    /** {@link #start} with the launch's arguments. */
    void open(Stage stage, List<String> args) {
        this.stage = stage;
        Prepared ready = prepared == null ? read(DataFolders.defaultFolder()) : prepared.join();
        Path folder = ready.folder();
        ConsoleSettings.Window saved = ready.settings();
        SettingsViewModel.Appearance initial = Boolean.getBoolean("ha.dark") ? SettingsViewModel.Appearance.DARK
                : Boolean.getBoolean("ha.light") ? SettingsViewModel.Appearance.LIGHT
                : appearanceOf(saved.appearance());
        boolean dark = dark(initial, ready.systemDark());
        VBox placeholder = placeholder(dark);
        Scene scene = new Scene(placeholder,
                saved.width() == null ? 1280 : saved.width(), saved.height() == null ? 800 : saved.height(),
                dark ? DARK_BACKGROUND : LIGHT_BACKGROUND);
        stage.setTitle(TITLE);
        stage.setMinWidth(1024);
        stage.setMinHeight(640);
        stage.setScene(scene);
        restoreGeometry(stage, saved);
        boolean[] demoOffered = {saved.demoOffered()};
        stage.setOnCloseRequest(e -> {
            ConsoleSettings now = ConsoleSettings.load(folder);
            new ConsoleSettings(composition == null ? now.appearance()
                    : composition.settings().appearanceProperty().get().name(), stage.getX(), stage.getY(),
                    stage.getScene().getWidth(), stage.getScene().getHeight(), stage.isMaximized(), demoOffered[0],
                    composition == null ? now.operatorName() : composition.operator().name(),
                    composition == null ? now.approvalThreshold() : composition.operator().threshold(),
                    now.station()).save(folder);
        });
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            log().error("Unexpected error on {}", thread.getName(), error);
            Platform.runLater(() -> {
                if (composition != null) {
                    composition.dialogs().showError("Something went wrong", error);
                }
            });
        });
        waiting.add(LaunchOptions.parse(args.toArray(String[]::new)));
        stage.show();
        // The first frame is the scene's fill alone: no text, whose layout starts JavaFX's fonts
        // (fontconfig, FreeType; 30-40 ms), and no stylesheet, whose parser's first use looks for a
        // System.LoggerFinder on the class path (all 88 jars). Both come after the window maps, with
        // the line; Primer (130-180 ms on the FX thread) after the frame with the line, while the
        // composition builds.
        afterNextPulse(scene, () -> {
            Application.setUserAgentStylesheet(getClass().getResource(STARTING_STYLESHEET).toExternalForm());
            placeholder.getChildren().add(startingLine(folder));
            afterNextPulse(scene, () -> {
                applyTheme(scene, initial, ready.systemDark());
                scene.getStylesheets().add(getClass().getResource(STYLESHEET).toExternalForm());
            });
        });
        if (instance != null) {
            instance.receiveWith(receiver(stage, this::act));
        }

        Thread.ofPlatform().name("ha-compose").start(() -> {
            // the class-path scan for a System.LoggerFinder, which the first stylesheet's parser on the
            // FX thread would otherwise do itself (opening all 88 jars)
            System.getLogger(ConsoleApp.class.getName());
            try {
                ConsoleComposition made = new ConsoleComposition(folder,
                        KeyringSecretStore.open(new FileSecretStore(folder)), Platform::runLater, new FxScheduler(),
                        notices -> ConsoleComposition.registerForms(new FxDialogService(stage, notices)),
                        new FxClipboard(), Clock.systemUTC(), ZoneId.systemDefault());
                composed.complete(made);
                Platform.runLater(() -> attach(made, initial, ready.systemDark(), demoOffered));
            } catch (RuntimeException | Error e) {
                composed.completeExceptionally(e);
                log().error("The console could not be started on {}", folder, e);
                Platform.runLater(() -> stage.getScene().setRoot(failed(folder, e)));
            }
        });
    }

    /** Puts the console's shell in the window, acts on the launch options so far and opens the workspace. */
    private void attach(ConsoleComposition made, SettingsViewModel.Appearance initial, boolean systemDark,
                        boolean[] demoOffered) {
        composition = made;
        SettingsViewModel settings = made.settings();
        settings.appearanceProperty().set(initial);
        settings.appearanceProperty().addListener((obs, old, a) -> applyTheme(stage.getScene(), a, systemDark));
        stage.getScene().setRoot(made.shellView());
        boolean verifying = waiting.stream().anyMatch(o -> o.packet() != null);
        waiting.forEach(made::show);
        waiting.clear();
        made.open(() -> {
            // a launch to verify a packet is not interrupted by the demo offer; the next start makes it
            if (!demoOffered[0] && !verifying) {
                demoOffered[0] = true;
                made.offerDemo();
            }
        });
    }

    /** The composition, waiting for it to be built. */
    ConsoleComposition composition() {
        return composed.join();
    }

    /** Launch options on the FX thread: shown at once once the console is built, else when it is. */
    private void act(LaunchOptions options) {
        if (composition == null) {
            waiting.add(options);
        } else {
            composition.show(options);
        }
    }

    /**
     * Takes a later launch's arguments on the listener's thread: the FX thread brings {@code stage} to
     * the front and hands the options to {@code act}; when it does not within {@value #ANSWER_SECONDS} s
     * the window is hung, and the later launch is told so.
     */
    static SingleInstance.Receiver receiver(Stage stage, Consumer<LaunchOptions> act) {
        return message -> {
            LaunchOptions options = LaunchOptions.parse(Path.of(message.cwd()),
                    message.args().toArray(String[]::new));
            CompletableFuture<Void> done = new CompletableFuture<>();
            Platform.runLater(() -> {
                try {
                    toFront(stage);
                    act.accept(options);
                    done.complete(null);
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            });
            try {
                done.get(ANSWER_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new IOException("its window did not answer within " + ANSWER_SECONDS + " s", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        };
    }

    /** Restores a minimised window and asks the window manager to raise and focus it. */
    static void toFront(Stage stage) {
        if (stage.isIconified()) {
            stage.setIconified(false);
        }
        stage.toFront();
        stage.requestFocus();
    }

    /** The first frame's root: empty, over the scene's fill, until {@link #startingLine} joins it. */
    private static VBox placeholder(boolean dark) {
        VBox box = new VBox();
        box.setAlignment(Pos.CENTER);
        if (dark) {
            box.getStyleClass().add("dark");
        }
        return box;
    }

    private static Label startingLine(Path folder) {
        Label text = new Label("Opening the console on " + folder + " …");
        text.setId("console-starting");
        return text;
    }

    /**
     * Runs {@code action} on the FX thread once the scene's next pulse has laid out its frame (and
     * handed it to the renderer), so that what the frame shows is drawn before the action's work.
     */
    private static void afterNextPulse(Scene scene, Runnable action) {
        boolean[] fired = {false};
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            if (!fired[0]) {
                fired[0] = true;
                // removed outside the pulse: the scene is iterating over its listeners
                Platform.runLater(() -> {
                    scene.removePostLayoutPulseListener(listener[0]);
                    action.run();
                });
            }
        };
        scene.addPostLayoutPulseListener(listener[0]);
    }

    private static VBox failed(Path folder, Throwable e) {
        Label text = new Label("The console could not be started on " + folder + ":\n" + e
                + "\n\nThe log has the details; close this window and try again.");
        text.setWrapText(true);
        VBox box = new VBox(text);
        box.setAlignment(Pos.CENTER);
        box.setMaxWidth(700);
        return box;
    }

    /** Puts the window where it was, if that place is still on a screen. */
    private static void restoreGeometry(Stage stage, ConsoleSettings.Window saved) {
        if (saved.x() != null && saved.y() != null && !Screen.getScreensForRectangle(saved.x(), saved.y(),
                saved.width() == null ? 100 : saved.width(), saved.height() == null ? 100 : saved.height()).isEmpty()) {
            stage.setX(saved.x());
            stage.setY(saved.y());
        }
        stage.setMaximized(saved.maximized());
    }

    private static SettingsViewModel.Appearance appearanceOf(String name) {
        for (SettingsViewModel.Appearance a : SettingsViewModel.Appearance.values()) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return SettingsViewModel.Appearance.SYSTEM;
    }

    private static boolean dark(SettingsViewModel.Appearance appearance, boolean systemDark) {
        return appearance == SettingsViewModel.Appearance.DARK
                || (appearance == SettingsViewModel.Appearance.SYSTEM && systemDark);
    }

    /** Applies the Primer theme; the window's own colour follows it in the next pulse. */
    private static void applyTheme(Scene scene, SettingsViewModel.Appearance appearance, boolean systemDark) {
        Application.setUserAgentStylesheet(dark(appearance, systemDark) ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        afterNextPulse(scene, () -> fillLikeRoot(scene));
    }

    /**
     * Gives the scene's fill, which JavaFX also makes the native window's background, the colour of
     * the root's background: what the window shows where nothing is drawn yet, and where a resize
     * uncovers it.
     */
    private static void fillLikeRoot(Scene scene) {
        if (scene.getRoot() instanceof Region root && root.getBackground() != null
                && !root.getBackground().getFills().isEmpty()) {
            scene.setFill(root.getBackground().getFills().get(0).getFill());
        }
    }

    /**
     * Serve mode drains its in-flight requests first; then the engine writes what is queued and closes;
     * then later launches may start a console of their own.
     */
    @Override
    public void stop() {
        try {
            ConsoleComposition made = composed.getNow(null);
            if (made == null && !composed.isDone()) {
                made = composed.join();
            }
            if (made != null) {
                made.close();
            }
        } catch (RuntimeException e) {
            log().warn("The console was closed before it finished starting", e);
        } finally {
            if (instance != null) {
                instance.close();
            }
        }
    }
}
