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
    private FxTaskRunner tasks;
    private Engine engine;
    private boolean dark;

    @Override
    public void init() {
        dark = Boolean.getBoolean("ha.dark") || (!Boolean.getBoolean("ha.light") && OsTheme.prefersDark());
    }

    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
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
        ShellViewModel shell = new ShellViewModel(Map.of(Area.EVENTS, events, Area.RUNTIME_HEALTH, health), tasks);
        Map<Area, Supplier<Node>> views = Map.of(
                Area.EVENTS, () -> new EventsView(events),
                Area.RUNTIME_HEALTH, () -> new HealthView(health));
        ShellView root = new ShellView(shell, views);
        Scene scene = new Scene(root, 1280, 800);
        scene.getStylesheets().add(getClass().getResource(STYLESHEET).toExternalForm());
        stage.setTitle("HeadlessAnalytics Console");
        stage.setMinWidth(1024);
        stage.setMinHeight(640);
        stage.setScene(scene);
        DialogService dialogs = new FxDialogService(stage, shell::notice);
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            LOG.error("Unexpected error on {}", thread.getName(), error);
            Platform.runLater(() -> dialogs.showError("Something went wrong", error));
        });
        stage.show();

        Path folder = DataFolders.defaultFolder();
        shell.connectedTo("Opening " + folder + " …");
        tasks.submit("Opening the workspace", p -> Engine.open(folder), opened -> {
            engine = opened;
            api.set(opened.defaultWorkspace());
            shell.connectedTo("Embedded workspace · " + folder);
            shell.select(Area.EVENTS);
        }, failure -> {
            shell.connectedTo("Not connected");
            dialogs.showError("The workspace in " + folder + " could not be opened", failure);
        });
    }

    @Override
    public void stop() {
        if (tasks != null) {
            tasks.close();
        }
        if (engine != null) {
            engine.close();
        }
    }
}
