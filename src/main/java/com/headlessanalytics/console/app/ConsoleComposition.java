package com.headlessanalytics.console.app;

import com.headlessanalytics.console.api.GraphQl;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.graphql.GraphQlService;
import com.headlessanalytics.console.proof.PacketVerifier;
import com.headlessanalytics.console.ui.agent.AgentContextView;
import com.headlessanalytics.console.ui.agent.AgentContextViewModel;
import com.headlessanalytics.console.ui.approvals.ApprovalsView;
import com.headlessanalytics.console.ui.approvals.ApprovalsViewModel;
import com.headlessanalytics.console.ui.attribution.AttributionView;
import com.headlessanalytics.console.ui.attribution.AttributionViewModel;
import com.headlessanalytics.console.ui.common.Activatable;
import com.headlessanalytics.console.ui.common.ConnectionProfile;
import com.headlessanalytics.console.ui.common.DecisionNavigator;
import com.headlessanalytics.console.ui.common.DialogService;
import com.headlessanalytics.console.ui.common.FxDialogService;
import com.headlessanalytics.console.ui.common.FxTaskRunner;
import com.headlessanalytics.console.ui.common.EntityNavigator;
import com.headlessanalytics.console.ui.common.Navigator;
import com.headlessanalytics.console.ui.common.OperatorProfile;
import com.headlessanalytics.console.ui.common.Scheduler;
import com.headlessanalytics.console.ui.common.SecretStore;
import com.headlessanalytics.console.ui.common.StationSettingsForm;
import com.headlessanalytics.console.ui.common.TaskRunner;
import com.headlessanalytics.console.ui.common.TextClipboard;
import com.headlessanalytics.console.ui.connection.ConnectionView;
import com.headlessanalytics.console.ui.connection.ConnectionViewModel;
import com.headlessanalytics.console.ui.connectors.ImportView;
import com.headlessanalytics.console.ui.connectors.ImportViewModel;
import com.headlessanalytics.console.ui.connectors.RecordReader;
import com.headlessanalytics.console.connectors.RecordFiles;
import com.headlessanalytics.console.ui.exports.ExportsView;
import com.headlessanalytics.console.ui.exports.ExportsViewModel;
import com.headlessanalytics.console.ui.events.EventsView;
import com.headlessanalytics.console.ui.events.EventsViewModel;
import com.headlessanalytics.console.ui.events.TestEventView;
import com.headlessanalytics.console.ui.events.TestEventViewModel;
import com.headlessanalytics.console.ui.funnels.FunnelsView;
import com.headlessanalytics.console.ui.funnels.FunnelsViewModel;
import com.headlessanalytics.console.ui.graphql.GraphQlView;
import com.headlessanalytics.console.ui.graphql.GraphQlViewModel;
import com.headlessanalytics.console.ui.grants.ContractFormView;
import com.headlessanalytics.console.ui.grants.ContractFormViewModel;
import com.headlessanalytics.console.ui.grants.GrantFormView;
import com.headlessanalytics.console.ui.grants.GrantFormViewModel;
import com.headlessanalytics.console.ui.grants.GrantsView;
import com.headlessanalytics.console.ui.grants.GrantsViewModel;
import com.headlessanalytics.console.hardware.print.LabelPrinting;
import com.headlessanalytics.console.ui.health.HealthView;
import com.headlessanalytics.console.ui.health.HealthViewModel;
import com.headlessanalytics.console.ui.labels.LabelsView;
import com.headlessanalytics.console.ui.labels.LabelsViewModel;
import com.headlessanalytics.console.ui.metrics.MetricDefinitionView;
import com.headlessanalytics.console.ui.metrics.MetricDefinitionViewModel;
import com.headlessanalytics.console.ui.metrics.MetricsView;
import com.headlessanalytics.console.ui.metrics.MetricsViewModel;
import com.headlessanalytics.console.ui.overview.OverviewView;
import com.headlessanalytics.console.ui.overview.OverviewViewModel;
import com.headlessanalytics.console.ui.overview.ProposeDecisionView;
import com.headlessanalytics.console.ui.overview.ProposeDecisionViewModel;
import com.headlessanalytics.console.ui.prooftrails.PacketVerification;
import com.headlessanalytics.console.ui.prooftrails.ProofTrailsView;
import com.headlessanalytics.console.ui.prooftrails.ProofTrailsViewModel;
import com.headlessanalytics.console.ui.receipts.ReceiptsView;
import com.headlessanalytics.console.ui.receipts.ReceiptsViewModel;
import com.headlessanalytics.console.hardware.scan.ScanJournal;
import com.headlessanalytics.console.ui.scanner.ScannerStationView;
import com.headlessanalytics.console.ui.scanner.ScannerStationViewModel;
import com.headlessanalytics.console.ui.settings.OperatorViewModel;
import com.headlessanalytics.console.ui.settings.SettingsView;
import com.headlessanalytics.console.ui.settings.SettingsViewModel;
import com.headlessanalytics.console.ui.shell.Area;
import com.headlessanalytics.console.ui.shell.ShellView;
import com.headlessanalytics.console.ui.shell.ShellViewModel;
import com.headlessanalytics.console.ui.trackables.TrackableFormView;
import com.headlessanalytics.console.ui.trackables.TrackableFormViewModel;
import com.headlessanalytics.console.ui.plans.PlanFormView;
import com.headlessanalytics.console.ui.plans.PlanFormViewModel;
import com.headlessanalytics.console.ui.plans.TrackingPlansView;
import com.headlessanalytics.console.ui.plans.TrackingPlansViewModel;
import com.headlessanalytics.console.ui.entities.EntitiesView;
import com.headlessanalytics.console.ui.entities.EntitiesViewModel;
import com.headlessanalytics.console.ui.trackables.TrackablesView;
import com.headlessanalytics.console.ui.trackables.TrackablesViewModel;
import com.headlessanalytics.console.ui.usage.UsageView;
import com.headlessanalytics.console.ui.usage.UsageViewModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.scene.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's object graph, wired by constructor injection: workspaces (engine or remote), task
 * runner, dialogs, navigator, the operator profile (kept in {@link ConsoleSettings}), every screen's
 * ViewModel, the Approvals badge and notifications, and the Views as suppliers for the shell.
 * {@link ConsoleApp} adds only the window, theme and lifecycle; tests build the same graph on a
 * temporary folder with an FX thread and scheduler of their own, no toolkit needed until a View is
 * made ({@link #view(Area)}, {@link #shellView()}).
 */
public final class ConsoleComposition implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleComposition.class);

    private final Path folder;
    private final SecretStore secrets;
    private final ConsoleWorkspaces workspaces;
    private final FxTaskRunner tasks;
    private final DialogService dialogs;
    private final ConnectionProfiles profiles;
    private final Navigator navigator;
    private final EntityNavigator entityNavigator;
    private final ShellViewModel shell;
    private final SettingsViewModel settings;
    private final EventsViewModel events;
    private final OperatorProfile operator;
    private final ApprovalsViewModel approvals;
    private final ScanJournal scanJournal;
    private final ScannerStationViewModel scanner;
    private final ProofTrailsViewModel proofTrails;
    private Area startArea = Area.OVERVIEW;
    private Path startPacket;
    private boolean opened;
    /** Set by {@link #close}: an opening that ends afterwards starts no screen on the closing console. */
    private volatile boolean closed;
    private GraphQlService graphQlService;
    private final Map<Area, Activatable> models = new EnumMap<>(Area.class);
    private final Map<Area, Supplier<Node>> views = new EnumMap<>(Area.class);

    /**
     * @param folder the embedded workspace's data folder (the demo workspace goes beside it)
     * @param secrets where connection secrets are kept
     * @param fxThread runs UI callbacks on the FX thread ({@code Platform::runLater} in the app)
     * @param scheduler repeats polling on the FX thread ({@code FxScheduler} in the app)
     * @param dialogs makes the dialog service, given where its notices go (the status bar)
     * @param clipboard where Copy commands put text
     * @param clock the time analytics screens count back from
     * @param zone the zone times are shown in
     */
    public ConsoleComposition(Path folder, SecretStore secrets, Executor fxThread, Scheduler scheduler,
            Function<Consumer<String>, DialogService> dialogs, TextClipboard clipboard, Clock clock, ZoneId zone) {
        this.folder = folder;
        this.secrets = secrets;
        this.tasks = new FxTaskRunner(fxThread::execute);
        ConsoleSettings saved = ConsoleSettings.load(folder);
        this.operator = new OperatorProfile(saved.operatorName(), saved.approvalThreshold());
        this.workspaces = new ConsoleWorkspaces(folder, operator::principal);
        Supplier<HeadlessApi> current = workspaces::api;
        ShellViewModel[] shellRef = new ShellViewModel[1];
        this.dialogs = dialogs.apply(message -> shellRef[0].notice(message));
        HealthViewModel health = new HealthViewModel(current, tasks, scheduler, clock, zone);
        events = new EventsViewModel(current, tasks, scheduler, clock, zone, this.dialogs, clipboard);
        approvals = new ApprovalsViewModel(current, tasks, scheduler, clock, zone, this.dialogs, operator);
        Runnable workspaceChanged = () -> {
            shellRef[0].connectedTo(workspaces.current().description());
            shellRef[0].serveStateChanged("Serve mode off");
            approvals.restartWatching();
            shellRef[0].reload();
        };
        settings = new SettingsViewModel(workspaces::serve, workspaces, workspaceChanged, tasks,
                this.dialogs, state -> shellRef[0].serveStateChanged(state), zone, clipboard,
                new OperatorViewModel(operator, current, tasks, this.dialogs));
        profiles = new ConnectionProfiles(folder, folder);
        ConnectionViewModel connection = new ConnectionViewModel(profiles, secrets, new ConsoleConnector(workspaces),
                workspaces, workspaceChanged, tasks, this.dialogs);
        navigator = query -> {
            events.drillDown(query);
            shellRef[0].select(Area.EVENTS);
        };
        MetricsViewModel metrics = new MetricsViewModel(current, tasks, this.dialogs, navigator, clock, zone);
        FunnelsViewModel funnels = new FunnelsViewModel(current, tasks, this.dialogs, navigator,
                new SavedFunnels(folder), clock, zone);
        AttributionViewModel attribution = new AttributionViewModel(current, tasks, this.dialogs, navigator,
                clock, zone);
        DecisionNavigator decisions = id -> {
            approvals.show(id);
            shellRef[0].select(Area.APPROVALS);
        };
        OverviewViewModel overview = new OverviewViewModel(current, tasks, scheduler, clock, zone, navigator,
                this.dialogs, decisions);
        AgentContextViewModel agent = new AgentContextViewModel(current, tasks, this.dialogs, navigator, clock,
                zone, clipboard);
        UsageViewModel usage = new UsageViewModel(current, tasks, this.dialogs, clock, zone);
        GrantsViewModel grants = new GrantsViewModel(current, tasks, this.dialogs, clock, zone);
        ReceiptsViewModel receipts = new ReceiptsViewModel(current, tasks, this.dialogs, clock, zone, clipboard);
        approvals.onShowReceipts(id -> {
            receipts.showDecision(id);
            shellRef[0].select(Area.RECEIPTS);
        });
        proofTrails = new ProofTrailsViewModel(current, tasks, this.dialogs,
                ConsoleComposition::verifyPacket, clock, zone);
        LabelsViewModel labels = new LabelsViewModel(current, tasks, this.dialogs, new LabelPrinting(),
                PrintSettings.load(folder), choice -> PrintSettings.save(folder, choice));
        TrackablesViewModel trackables = new TrackablesViewModel(current, tasks, this.dialogs, clipboard, navigator,
                zone, picked -> {
                    labels.show(picked);
                    shellRef[0].select(Area.LABELS);
                });
        EntitiesViewModel entities = new EntitiesViewModel(current, tasks, zone);
        entityNavigator = new EntityNavigator() {
            @Override
            public void showEntity(String type, String id) {
                entities.showEntity(type, id);
                shellRef[0].select(Area.ENTITIES);
            }

            @Override
            public void findEntity(String text) {
                entities.findEntity(text);
                shellRef[0].select(Area.ENTITIES);
            }
        };
        events.onOpenEntity(entityNavigator);
        funnels.onOpenEntity(entityNavigator);
        TrackingPlansViewModel trackingPlans = new TrackingPlansViewModel(current, tasks, this.dialogs, zone);
        ImportViewModel importer = new ImportViewModel(current, BulkChunkSender::of, tasks, this.dialogs,
                ConsoleComposition::readRecords, navigator, clock, zone);
        ExportsViewModel exports = new ExportsViewModel(current, tasks, this.dialogs, secrets,
                new SavedDestinations(folder), clipboard, clock, zone);

        GraphQlViewModel graphQl = new GraphQlViewModel(() -> {
            HeadlessApi port = workspaces.api();
            return port instanceof GraphQl.Endpoint remote ? remote : graphQlService().over(port);
        }, workspaces::curlTarget, new GraphQlQueries(folder), tasks, this.dialogs, clipboard, clock, zone);

        scanJournal = openScanJournal(folder);
        StationSettingsForm station = new StationSettingsForm(saved.stationOrDefaults(),
                now -> ConsoleSettings.load(folder).withStation(now).save(folder));
        settings.station(station);
        scanner = new ScannerStationViewModel(current, tasks, scheduler, fxThread, clock, zone, scanJournal, station);

        screen(Area.CONNECTION, connection, () -> new ConnectionView(connection));
        screen(Area.EVENTS, events, () -> new EventsView(events));
        screen(Area.METRICS, metrics, () -> new MetricsView(metrics));
        screen(Area.FUNNELS, funnels, () -> new FunnelsView(funnels));
        screen(Area.ATTRIBUTION, attribution, () -> new AttributionView(attribution));
        screen(Area.OVERVIEW, overview, () -> new OverviewView(overview));
        screen(Area.AGENT_CONTEXT, agent, () -> new AgentContextView(agent));
        screen(Area.APPROVALS, approvals, () -> new ApprovalsView(approvals));
        screen(Area.GRANTS, grants, () -> new GrantsView(grants));
        screen(Area.RECEIPTS, receipts, () -> new ReceiptsView(receipts));
        screen(Area.PROOF_TRAILS, proofTrails, () -> new ProofTrailsView(proofTrails));
        screen(Area.SCANNER, scanner, () -> new ScannerStationView(scanner));
        screen(Area.GRAPHQL, graphQl, () -> new GraphQlView(graphQl));
        screen(Area.USAGE, usage, () -> new UsageView(usage));
        screen(Area.RUNTIME_HEALTH, health, () -> new HealthView(health));
        screen(Area.ENTITIES, entities, () -> new EntitiesView(entities));
        screen(Area.TRACKABLES, trackables, () -> new TrackablesView(trackables));
        screen(Area.LABELS, labels, () -> new LabelsView(labels));
        screen(Area.TRACKING_PLANS, trackingPlans, () -> new TrackingPlansView(trackingPlans));
        screen(Area.CONNECTORS, importer, () -> new ImportView(importer));
        screen(Area.EXPORTS, exports, () -> new ExportsView(exports));
        screen(Area.SETTINGS, settings, () -> new SettingsView(settings));
        shell = new ShellViewModel(models, tasks);
        shellRef[0] = shell;
        shell.showBadge(Area.APPROVALS, approvals.toReviewCountProperty());
        approvals.arrivalProperty().addListener((obs, old, arrival) -> {
            if (arrival != null) {
                shell.notifyDesktop(new ShellViewModel.DesktopNotice(arrival.title(), arrival.text(),
                        () -> decisions.showDecision(arrival.decisionId())));
            }
        });
        operator.principalProperty().addListener((obs, old, now) -> {
            saveOperator();
            approvals.restartWatching();
        });
        operator.thresholdProperty().addListener((obs, old, now) -> saveOperator());
    }

    /** The GraphQL screen's schema over the embedded port, built when first used (off the FX thread). */
    private synchronized GraphQlService graphQlService() {
        if (graphQlService == null) {
            graphQlService = new GraphQlService();
        }
        return graphQlService;
    }

    /** The Import wizard's files, read through {@link RecordFiles} in chunks that fit one request, by count and by bytes. */
    public static RecordReader.Chunks readRecords(Path file) throws IOException {
        RecordFiles.Chunker chunker = new RecordFiles.Chunker(RecordFiles.open(file), RecordFiles.Chunker.REQUEST_BYTES);
        return new RecordReader.Chunks() {
            @Override
            public List<Map<String, Object>> next(int max) throws IOException {
                return chunker.next(max).stream().map(RecordFiles.Record::fields).toList();
            }

            @Override
            public void close() throws IOException {
                chunker.close();
            }
        };
    }

    /** The scanner station's journal of scans, beside the embedded workspace's data. */
    private static ScanJournal openScanJournal(Path folder) {
        Path file = folder.resolve("scanner").resolve("scan-journal.jsonl");
        try {
            return ScanJournal.open(file);
        } catch (IOException e) {
            throw new UncheckedIOException("The scanner station's journal " + file + " could not be opened: "
                    + e.getMessage(), e);
        }
    }

    /** The screen {@link #open(Runnable)} shows once the workspace is open (the overview unless told). */
    public void startOn(Area area) {
        startArea = area == null ? Area.OVERVIEW : area;
    }

    /**
     * Acts on launch options, at start or handed over by a later launch (on the FX thread): a packet
     * opens the Proof trails screen's verifier on it, a screen name that screen. Before the workspace
     * is open they wait for it, so the verdict can say whether the packet's signer is its key.
     */
    public void show(LaunchOptions options) {
        if (options.packet() == null && options.screen() == null) {
            return;
        }
        Area area = options.packet() != null ? Area.PROOF_TRAILS : options.screen();
        if (!opened) {
            startArea = area;
            startPacket = options.packet();
            return;
        }
        shell.select(area);
        if (options.packet() != null) {
            proofTrails.open(options.packet());
        }
    }

    /** Keeps the operator profile in the console settings at once, beside what the window saves on close. */
    private void saveOperator() {
        ConsoleSettings.load(folder).withOperator(operator.name(), operator.threshold()).save(folder);
    }

    /**
     * The Proof trails screen's verifier: the proof layer's, as {@code verify PACKET} runs it, with the
     * packet's own key (the screen says whether that is the open workspace's key).
     */
    public static PacketVerification.Verdict verifyPacket(Path packet) throws IOException {
        PacketVerifier.Result r = PacketVerifier.verify(Files.readAllBytes(packet), null);
        return new PacketVerification.Verdict(PacketVerification.Outcome.valueOf(r.outcome().name()), r.reason(),
                r.problems(), r.keyId(), r.keyNote());
    }

    /** Registers the Views of the forms ViewModels open through {@link DialogService#showForm(Object)}. */
    public static FxDialogService registerForms(FxDialogService dialogs) {
        dialogs.registerForm(TestEventViewModel.class, TestEventView::new);
        dialogs.registerForm(MetricDefinitionViewModel.class, MetricDefinitionView::new);
        dialogs.registerForm(ContractFormViewModel.class, ContractFormView::new);
        dialogs.registerForm(GrantFormViewModel.class, GrantFormView::new);
        dialogs.registerForm(ProposeDecisionViewModel.class, ProposeDecisionView::new);
        dialogs.registerForm(TrackableFormViewModel.class, TrackableFormView::new);
        dialogs.registerForm(PlanFormViewModel.class, PlanFormView::new);
        return dialogs;
    }

    private void screen(Area area, Activatable model, Supplier<Node> view) {
        models.put(area, model);
        views.put(area, view);
    }

    public Path folder() {
        return folder;
    }

    public TaskRunner tasks() {
        return tasks;
    }

    public DialogService dialogs() {
        return dialogs;
    }

    public Navigator navigator() {
        return navigator;
    }

    /** Opens the Entities screen on an entity or a search, as Events and Funnels do. */
    public EntityNavigator entityNavigator() {
        return entityNavigator;
    }

    public ShellViewModel shell() {
        return shell;
    }

    public SettingsViewModel settings() {
        return settings;
    }

    /** The operator profile: who the embedded workspace records as proposer and approver. */
    public OperatorProfile operator() {
        return operator;
    }

    /** Every screen's ViewModel, by area. */
    public Map<Area, Activatable> viewModels() {
        return Collections.unmodifiableMap(models);
    }

    /** The ViewModel of one screen, as its own type. */
    public <T extends Activatable> T viewModel(Area area, Class<T> type) {
        return type.cast(models.get(area));
    }

    /** Makes one screen's View: on the FX thread, with the toolkit started. */
    public Node view(Area area) {
        return views.get(area).get();
    }

    /** Makes the window's content, which makes each screen's View when it is first shown: on the FX thread. */
    public ShellView shellView() {
        return new ShellView(shell, views);
    }

    /**
     * Opens the connection used last in the background (when there is none, or it fails, the
     * embedded workspace in {@link #folder()}), then shows the overview. {@code whenEmpty} runs on the
     * FX thread when the opened workspace holds no events.
     */
    public TaskRunner.Handle open(Runnable whenEmpty) {
        shell.connectedTo("Opening " + folder + " …");
        return tasks.submit("Opening the workspace", this::openLastUsed, opened -> {
            if (closed) {
                return;
            }
            this.opened = true;
            shell.connectedTo(workspaces.current().description());
            if (shell.canSelect(startArea)) {
                shell.select(startArea);
            } else {
                shell.select(Area.OVERVIEW);
                shell.notice(startArea.title() + " has no screen in this version; showing the overview");
            }
            if (startPacket != null) {
                proofTrails.open(startPacket);
            }
            approvals.startWatching();
            if (opened.failure() != null) {
                dialogs.showError("The connection \"" + opened.failed().name() + "\" could not be opened; the"
                        + " console shows the embedded workspace in " + folder + " instead", opened.failure());
            }
            if (opened.empty()) {
                whenEmpty.run();
            }
        }, failure -> {
            if (closed) {
                return;
            }
            this.opened = true;
            shell.connectedTo("Not connected");
            if (startPacket != null) {
                shell.select(Area.PROOF_TRAILS);
                proofTrails.open(startPacket);
            }
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
    private Opened openLastUsed(TaskRunner.Progress progress) {
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
    public void offerDemo() {
        if (dialogs.confirm("Your workspace is empty",
                "Open a demo workspace with four weeks of realistic sample activity: QR scans, product views,"
                        + " orders with revenue, leads, campaigns across channels and agent runs?\n\n"
                        + "It is kept in a folder of its own and never mixed into yours; Settings switches back.",
                "Open the demo workspace")) {
            settings.commands().switchWorkspace().execute();
        }
    }

    /** Serve mode drains its in-flight requests first; then the engine writes what is queued and closes. */
    @Override
    public void close() {
        closed = true;
        approvals.stopWatching();
        scanner.deactivate();
        tasks.close();
        workspaces.close();
        scanJournal.close();
    }
}
