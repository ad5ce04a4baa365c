package com.headlessanalytics.console.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.ui.common.Activatable;
import com.headlessanalytics.console.ui.common.ConnectionProfile;
import com.headlessanalytics.console.ui.common.DialogService;
import com.headlessanalytics.console.ui.common.FxDialogService;
import com.headlessanalytics.console.ui.common.FxScheduler;
import com.headlessanalytics.console.ui.common.FxTaskRunner;
import com.headlessanalytics.console.ui.common.Navigator;
import com.headlessanalytics.console.ui.common.OsTheme;
import com.headlessanalytics.console.ui.common.SecretStore;
import com.headlessanalytics.console.ui.common.TaskRunner;
import com.headlessanalytics.console.ui.connection.ConnectionView;
import com.headlessanalytics.console.ui.connection.ConnectionViewModel;
import com.headlessanalytics.console.ui.events.EventsView;
import com.headlessanalytics.console.ui.events.EventsViewModel;
import com.headlessanalytics.console.ui.attribution.AttributionView;
import com.headlessanalytics.console.ui.attribution.AttributionViewModel;
import com.headlessanalytics.console.ui.funnels.FunnelsView;
import com.headlessanalytics.console.ui.funnels.FunnelsViewModel;
import com.headlessanalytics.console.ui.metrics.MetricDefinitionView;
import com.headlessanalytics.console.ui.metrics.MetricDefinitionViewModel;
import com.headlessanalytics.console.ui.metrics.MetricsView;
import com.headlessanalytics.console.ui.metrics.MetricsViewModel;
import com.headlessanalytics.console.ui.agent.AgentContextView;
import com.headlessanalytics.console.ui.agent.AgentContextViewModel;
import com.headlessanalytics.console.ui.health.HealthView;
import com.headlessanalytics.console.ui.health.HealthViewModel;
import com.headlessanalytics.console.ui.settings.SettingsView;
import com.headlessanalytics.console.ui.settings.SettingsViewModel;
import com.headlessanalytics.console.ui.shell.Area;
import com.headlessanalytics.console.ui.shell.ShellView;
import com.headlessanalytics.console.ui.shell.ShellViewModel;
import com.headlessanalytics.console.ui.overview.OverviewView;
import com.headlessanalytics.console.ui.overview.OverviewViewModel;
import com.headlessanalytics.console.ui.usage.UsageView;
import com.headlessanalytics.console.ui.usage.UsageViewModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Screen;
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

    private ConsoleWorkspaces workspaces;
    private FxTaskRunner tasks;
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
        tasks = new FxTaskRunner(Platform::runLater);
        FxScheduler scheduler = new FxScheduler();
        ZoneId zone = ZoneId.systemDefault();
        workspaces = new ConsoleWorkspaces(folder);
        Supplier<HeadlessApi> current = workspaces::api;
        HealthViewModel health = new HealthViewModel(current, tasks, scheduler, Clock.systemUTC(), zone);
        ShellViewModel[] shellRef = new ShellViewModel[1];
        FxDialogService dialogs = new FxDialogService(stage, message -> shellRef[0].notice(message));
        dialogs.registerForm(MetricDefinitionViewModel.class, MetricDefinitionView::new);
        EventsViewModel events = new EventsViewModel(current, tasks, scheduler, zone, dialogs);
        Runnable workspaceChanged = () -> {
            shellRef[0].connectedTo(workspaces.current().description());
            shellRef[0].serveStateChanged("Serve mode off");
            shellRef[0].reload();
        };
        SettingsViewModel settings = new SettingsViewModel(workspaces::serve, workspaces, workspaceChanged, tasks,
                dialogs, state -> shellRef[0].serveStateChanged(state), zone);
        settings.appearanceProperty().set(initial);
        settings.appearanceProperty().addListener((obs, old, a) -> applyTheme(a));
        ConnectionProfiles profiles = new ConnectionProfiles(folder, folder);
        ConnectionViewModel connection = new ConnectionViewModel(profiles, secrets, new ConsoleConnector(workspaces),
                workspaces, workspaceChanged, tasks, dialogs);
        Navigator navigator = query -> {
            events.drillDown(query);
            shellRef[0].select(Area.EVENTS);
        };
        Map<Area, Activatable> models = new EnumMap<>(Area.class);
        Map<Area, Supplier<Node>> views = new EnumMap<>(Area.class);
        models.put(Area.CONNECTION, connection);
        views.put(Area.CONNECTION, () -> new ConnectionView(connection));
        models.put(Area.EVENTS, events);
        views.put(Area.EVENTS, () -> new EventsView(events));
        MetricsViewModel metrics = new MetricsViewModel(current, tasks, dialogs, navigator, Clock.systemUTC(), zone);
        models.put(Area.METRICS, metrics);
        views.put(Area.METRICS, () -> new MetricsView(metrics));
        FunnelsViewModel funnels = new FunnelsViewModel(current, tasks, dialogs, navigator, new SavedFunnels(folder),
                Clock.systemUTC(), zone);
        models.put(Area.FUNNELS, funnels);
        views.put(Area.FUNNELS, () -> new FunnelsView(funnels));
        AttributionViewModel attribution = new AttributionViewModel(current, tasks, dialogs, navigator,
                Clock.systemUTC(), zone);
        models.put(Area.ATTRIBUTION, attribution);
        views.put(Area.ATTRIBUTION, () -> new AttributionView(attribution));
        OverviewViewModel overview = new OverviewViewModel(current, tasks, scheduler, Clock.systemUTC(), zone, navigator);
        models.put(Area.OVERVIEW, overview);
        views.put(Area.OVERVIEW, () -> new OverviewView(overview));
        AgentContextViewModel agent = new AgentContextViewModel(current, tasks, dialogs, navigator, Clock.systemUTC(),
                zone);
        models.put(Area.AGENT_CONTEXT, agent);
        views.put(Area.AGENT_CONTEXT, () -> new AgentContextView(agent));
        UsageViewModel usage = new UsageViewModel(current, tasks, dialogs, Clock.systemUTC(), zone);
        models.put(Area.USAGE, usage);
        views.put(Area.USAGE, () -> new UsageView(usage));
        models.put(Area.RUNTIME_HEALTH, health);
        views.put(Area.RUNTIME_HEALTH, () -> new HealthView(health));
        models.put(Area.SETTINGS, settings);
        views.put(Area.SETTINGS, () -> new SettingsView(settings));
        ShellViewModel shell = new ShellViewModel(models, tasks);
        shellRef[0] = shell;
        ShellView root = new ShellView(shell, views);
        Scene scene = new Scene(root, saved.width() == null ? 1280 : saved.width(),
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
                demoOffered[0]).save(folder));
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            LOG.error("Unexpected error on {}", thread.getName(), error);
            Platform.runLater(() -> dialogs.showError("Something went wrong", error));
        });
        stage.show();

        shell.connectedTo("Opening " + folder + " …");
        tasks.submit("Opening the workspace", p -> openLastUsed(profiles, secrets, p), opened -> {
            shell.connectedTo(workspaces.current().description());
            shell.select(Area.OVERVIEW);
            if (opened.failure() != null) {
                dialogs.showError("The connection \"" + opened.failed().name() + "\" could not be opened; the"
                        + " console shows the embedded workspace in " + folder + " instead", opened.failure());
            }
            if (opened.empty() && !demoOffered[0]) {
                demoOffered[0] = true;
                offerDemo(dialogs, settings);
            }
        }, failure -> {
            shell.connectedTo("Not connected");
            dialogs.showError("The workspace in " + folder + " could not be opened", failure);
        });
    }

    /** What opening at start gave: whether the workspace is empty, and the remembered profile that failed. */
    private record Opened(boolean empty, ConnectionProfile failed, Exception failure) {
    }

    /**
     * Reopens the connection used last; when there is none, or it fails (then it is forgotten), opens
     * the embedded default workspace.
     */
    private Opened openLastUsed(ConnectionProfiles profiles, SecretStore secrets, TaskRunner.Progress progress) {
        Optional<ConnectionProfile> last = profiles.lastUsed()
                .flatMap(id -> profiles.list().stream().filter(x -> x.id().equals(id)).findFirst());
        Exception failure = null;
        if (last.isPresent()) {
            try {
                workspaces.use(last.get(), secrets.get(last.get().id()).orElse(""));
                return new Opened(workspaces.empty(), null, null);
            } catch (Exception e) {
                LOG.warn("The last used connection {} could not be opened", last.get().target(), e);
                failure = e;
                profiles.setLastUsed(null);
            }
        }
        workspaces.openOwn(progress);
        return new Opened(workspaces.empty(), failure == null ? null : last.get(), failure);
    }

    /** First start on an empty workspace: offer, never force, the demo workspace. */
    private static void offerDemo(DialogService dialogs, SettingsViewModel settings) {
        if (dialogs.confirm("Your workspace is empty",
                "Open a demo workspace with four weeks of realistic sample activity: QR scans, product views,"
                        + " orders with revenue, leads, campaigns across channels and agent runs?\n\n"
                        + "It is kept in a folder of its own and never mixed into yours; Settings switches back.",
                "Open the demo workspace")) {
            settings.switchWorkspace();
        }
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
        if (tasks != null) {
            tasks.close();
        }
        if (workspaces != null) {
            workspaces.close();
        }
    }
}
