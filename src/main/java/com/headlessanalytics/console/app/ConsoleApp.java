package com.headlessanalytics.console.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.headlessanalytics.console.ui.common.FxClipboard;
import com.headlessanalytics.console.ui.common.FxDialogService;
import com.headlessanalytics.console.ui.common.FxScheduler;
import com.headlessanalytics.console.ui.common.OsTheme;
import com.headlessanalytics.console.ui.common.SecretStore;
import com.headlessanalytics.console.ui.settings.SettingsViewModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console window: builds the {@link ConsoleComposition} on the user's data folder, shows its
 * shell in a stage with the chosen theme, restores and saves the window geometry, and closes the
 * composition (serve mode, then the engine) on exit.
 */
public class ConsoleApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleApp.class);
    static final String STYLESHEET = "/com/headlessanalytics/console/ui/console.css";

    private ConsoleComposition composition;
    private boolean systemDark;
    private SecretStore secrets;

    /** Runs on the launcher thread: asking the OS (theme, keychain) may take a moment. */
    @Override
    public void init() {
        systemDark = OsTheme.prefersDark();
        secrets = KeyringSecretStore.open(new FileSecretStore(DataFolders.defaultFolder()));
    }

    @Override
    public void start(Stage stage) {
        Path folder = DataFolders.defaultFolder();
        ConsoleSettings saved = ConsoleSettings.load(folder);
        SettingsViewModel.Appearance initial = Boolean.getBoolean("ha.dark") ? SettingsViewModel.Appearance.DARK
                : Boolean.getBoolean("ha.light") ? SettingsViewModel.Appearance.LIGHT
                : appearanceOf(saved.appearance());
        applyTheme(initial);
        composition = new ConsoleComposition(folder, secrets, Platform::runLater, new FxScheduler(),
                notices -> ConsoleComposition.registerForms(new FxDialogService(stage, notices)), new FxClipboard(), Clock.systemUTC(), ZoneId.systemDefault());
        composition.startOn(LaunchOptions.parse(getParameters().getRaw().toArray(String[]::new)).screen());
        SettingsViewModel settings = composition.settings();
        settings.appearanceProperty().set(initial);
        settings.appearanceProperty().addListener((obs, old, a) -> applyTheme(a));
        Scene scene = new Scene(composition.shellView(), saved.width() == null ? 1280 : saved.width(),
                saved.height() == null ? 800 : saved.height());
        scene.getStylesheets().add(getClass().getResource(STYLESHEET).toExternalForm());
        stage.setTitle("HeadlessAnalytics Console");
        stage.setMinWidth(1024);
        stage.setMinHeight(640);
        stage.setScene(scene);
        restoreGeometry(stage, saved);
        boolean[] demoOffered = {saved.demoOffered()};
        stage.setOnCloseRequest(e -> new ConsoleSettings(settings.appearanceProperty().get().name(), stage.getX(),
                stage.getY(), stage.getScene().getWidth(), stage.getScene().getHeight(), stage.isMaximized(),
                demoOffered[0], composition.operator().name(), composition.operator().threshold(),
                ConsoleSettings.load(folder).station()).save(folder));
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            LOG.error("Unexpected error on {}", thread.getName(), error);
            Platform.runLater(() -> composition.dialogs().showError("Something went wrong", error));
        });
        stage.show();

        composition.open(() -> {
            if (!demoOffered[0]) {
                demoOffered[0] = true;
                composition.offerDemo();
            }
        });
    }

    /** Puts the window where it was, if that place is still on a screen. */
    private static void restoreGeometry(Stage stage, ConsoleSettings saved) {
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

    private void applyTheme(SettingsViewModel.Appearance appearance) {
        boolean dark = appearance == SettingsViewModel.Appearance.DARK
                || (appearance == SettingsViewModel.Appearance.SYSTEM && systemDark);
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    /** Serve mode drains its in-flight requests first; then the engine writes what is queued and closes. */
    @Override
    public void stop() {
        if (composition != null) {
            composition.close();
        }
    }
}
