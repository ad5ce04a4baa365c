package com.headlessanalytics.console.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.ui.common.DialogService;
import com.headlessanalytics.console.ui.common.FxDialogService;
import com.headlessanalytics.console.ui.common.FxScheduler;
import com.headlessanalytics.console.ui.common.FxTaskRunner;
import com.headlessanalytics.console.ui.common.OsTheme;
import com.headlessanalytics.console.ui.events.EventsView;
import com.headlessanalytics.console.ui.events.EventsViewModel;
import com.headlessanalytics.console.ui.health.HealthView;
import com.headlessanalytics.console.ui.health.HealthViewModel;
import com.headlessanalytics.console.ui.settings.SettingsView;
import com.headlessanalytics.console.ui.settings.SettingsViewModel;
import com.headlessanalytics.console.ui.shell.Area;
import com.headlessanalytics.console.ui.shell.ShellView;
import com.headlessanalytics.console.ui.shell.ShellViewModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console window and its composition root: builds every ViewModel and View by constructor
 * injection, opens the embedded workspace in the background, and closes it on exit.
 */
public class ConsoleApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleApp.class);
    static final String STYLESHEET = "/com/headlessanalytics/console/ui/console.css";

    private final AtomicReference<HeadlessApi> api = new AtomicReference<>();
    private final AtomicReference<EmbeddedServeControl> serve = new AtomicReference<>();
    private FxTaskRunner tasks;
    private Engine engine;
    private boolean systemDark;

    @Override
    public void init() {
        systemDark = OsTheme.prefersDark();
    }

    @Override
    public void start(Stage stage) {
        SettingsViewModel.Appearance initial = Boolean.getBoolean("ha.dark") ? SettingsViewModel.Appearance.DARK
                : Boolean.getBoolean("ha.light") ? SettingsViewModel.Appearance.LIGHT
                : SettingsViewModel.Appearance.SYSTEM;
        applyTheme(initial);
        tasks = new FxTaskRunner(Platform::runLater);
        FxScheduler scheduler = new FxScheduler();
        ZoneId zone = ZoneId.systemDefault();
        Supplier<HeadlessApi> current = () -> {
            HeadlessApi a = api.get();
            if (a == null) {
                throw new IllegalStateException("The workspace is still opening.");
            }
            return a;
        };
        EventsViewModel events = new EventsViewModel(current, tasks, scheduler, zone);
        HealthViewModel health = new HealthViewModel(current, tasks, scheduler, Clock.systemUTC(), zone);
        ShellViewModel[] shellRef = new ShellViewModel[1];
        DialogService dialogs = new FxDialogService(stage, message -> shellRef[0].notice(message));
        SettingsViewModel settings = new SettingsViewModel(serve::get, tasks, dialogs,
                state -> shellRef[0].serveStateChanged(state), zone);
        settings.appearanceProperty().set(initial);
        settings.appearanceProperty().addListener((obs, old, a) -> applyTheme(a));
        ShellViewModel shell = new ShellViewModel(Map.of(Area.EVENTS, events, Area.RUNTIME_HEALTH, health,
                Area.SETTINGS, settings), tasks);
        shellRef[0] = shell;
        Map<Area, Supplier<Node>> views = Map.of(
                Area.EVENTS, () -> new EventsView(events),
                Area.RUNTIME_HEALTH, () -> new HealthView(health),
                Area.SETTINGS, () -> new SettingsView(settings));
        ShellView root = new ShellView(shell, views);
        Scene scene = new Scene(root, 1280, 800);
        scene.getStylesheets().add(getClass().getResource(STYLESHEET).toExternalForm());
        stage.setTitle("HeadlessAnalytics Console");
        stage.setMinWidth(1024);
        stage.setMinHeight(640);
        stage.setScene(scene);
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            LOG.error("Unexpected error on {}", thread.getName(), error);
            Platform.runLater(() -> dialogs.showError("Something went wrong", error));
        });
        stage.show();

        Path folder = DataFolders.defaultFolder();
        shell.connectedTo("Opening " + folder + " …");
        tasks.submit("Opening the workspace", p -> Engine.open(folder), opened -> {
            engine = opened;
            serve.set(new EmbeddedServeControl(opened));
            api.set(opened.defaultWorkspace());
            shell.connectedTo("Embedded workspace · " + folder);
            shell.select(Area.EVENTS);
        }, failure -> {
            shell.connectedTo("Not connected");
            dialogs.showError("The workspace in " + folder + " could not be opened", failure);
        });
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
        EmbeddedServeControl running = serve.get();
        if (running != null) {
            running.stop();
        }
        if (tasks != null) {
            tasks.close();
        }
        if (engine != null) {
            engine.close();
        }
    }
}
