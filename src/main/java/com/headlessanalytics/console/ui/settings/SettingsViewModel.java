package com.headlessanalytics.console.ui.settings;

import com.headlessanalytics.console.api.ApiKeyInfo;
import com.headlessanalytics.console.api.NewApiKey;
import com.headlessanalytics.console.api.ServeControl;
import com.headlessanalytics.console.ui.common.Activatable;
import com.headlessanalytics.console.ui.common.Command;
import com.headlessanalytics.console.ui.common.StationSettingsForm;
import com.headlessanalytics.console.ui.common.DialogService;
import com.headlessanalytics.console.ui.common.ErrorText;
import com.headlessanalytics.console.ui.common.QueryLifecycle;
import com.headlessanalytics.console.ui.common.TaskRunner;
import com.headlessanalytics.console.ui.common.TextClipboard;
import com.headlessanalytics.console.ui.common.Workspaces;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Settings: the workspace (the user's own, or the demo one), the operator profile and approval
 * threshold ({@link OperatorViewModel}), serve mode (start/stop the local API server, its API keys,
 * a ready curl example) and appearance. A new key's secret is shown once, until
 * dismissed. Starting, stopping, creating, revoking and reading keys go through the screen's
 * {@link QueryLifecycle}; each answers the serve status and the key list as they are afterwards.
 */
public final class SettingsViewModel implements Activatable {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMM d, yyyy HH:mm", Locale.ENGLISH);

    /** Light, dark, or whatever the operating system prefers. */
    public enum Appearance { SYSTEM, LIGHT, DARK }

    /** A key as listed: never its secret. */
    public record KeyRow(String id, String name, String startsWith, String created, boolean active) {
        public String state() {
            return active ? "active" : "revoked";
        }
    }

    /**
     * Serve mode as the View binds it: the address (fixed while serving), what is wrong with the port,
     * whether it serves, the serve control's sentence (off, serving where, or why it is not available),
     * the base URL and a ready curl example.
     */
    public record Serve(StringProperty host, StringProperty port, ReadOnlyStringProperty portError,
                        ReadOnlyBooleanProperty serving, ReadOnlyStringProperty status, ReadOnlyStringProperty baseUrl,
                        ReadOnlyStringProperty curl) {
    }

    /**
     * The API keys as the View binds them: the rows, the one Revoke applies to, the name for a new key,
     * and a new key's secret until dismissed or the screen is left (empty otherwise).
     */
    public record Keys(ObservableList<KeyRow> rows, ObjectProperty<KeyRow> selected, StringProperty newName,
                       ReadOnlyStringProperty newSecret) {
    }

    /** What the screen's buttons do, and when they can. */
    public record Commands(Command switchWorkspace, Command start, Command stop, Command copyCurl,
                           Command createKey, Command revokeKey, Command copySecret, Command dismissSecret) {
    }

    private interface Action {
        NewApiKey apply(ServeControl control) throws Exception;
    }

    private record Outcome(ServeControl.Status status, List<KeyRow> keys, NewApiKey created) {
    }

    private final Supplier<ServeControl> serve;
    private final Workspaces workspaces;
    private final Runnable workspaceChanged;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Consumer<String> serveState;
    private final TextClipboard clipboard;
    private final ZoneId zone;
    private final QueryLifecycle query;
    private final OperatorViewModel operator;

    private final ReadOnlyStringWrapper workspace = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper demo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper switching = new ReadOnlyBooleanWrapper();
    private final StringProperty host = new SimpleStringProperty("127.0.0.1");
    private final StringProperty port = new SimpleStringProperty("8080");
    private final ReadOnlyStringWrapper portError = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper serving = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper serveStatus = new ReadOnlyStringWrapper("Serve mode is off");
    private final ReadOnlyStringWrapper baseUrl = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper newSecret = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper curl = new ReadOnlyStringWrapper("");
    private final StringProperty newKeyName = new SimpleStringProperty("");
    private final ObservableList<KeyRow> keys = FXCollections.observableArrayList();
    private final ObjectProperty<KeyRow> selectedKey = new SimpleObjectProperty<>();
    private final ObjectProperty<Appearance> appearance = new SimpleObjectProperty<>(Appearance.SYSTEM);
    private final Commands commands;
    private StationSettingsForm station;
    private final Serve serveView = new Serve(host, port, portError.getReadOnlyProperty(), serving.getReadOnlyProperty(),
            serveStatus.getReadOnlyProperty(), baseUrl.getReadOnlyProperty(), curl.getReadOnlyProperty());
    private final Keys keysView = new Keys(keys, selectedKey, newKeyName, newSecret.getReadOnlyProperty());

    public SettingsViewModel(Supplier<ServeControl> serve, Workspaces workspaces, Runnable workspaceChanged,
                             TaskRunner tasks, DialogService dialogs, Consumer<String> serveState, ZoneId zone,
                             TextClipboard clipboard, OperatorViewModel operator) {
        this.serve = serve;
        this.workspaces = workspaces;
        this.workspaceChanged = workspaceChanged;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.serveState = serveState;
        this.zone = zone;
        this.clipboard = clipboard;
        this.operator = operator;
        this.query = new QueryLifecycle(tasks);
        port.addListener((obs, old, value) -> portError.set(portProblem(value)));
        host.addListener((obs, old, value) -> updateCurl());
        port.addListener((obs, old, value) -> updateCurl());
        newSecret.addListener((obs, old, value) -> updateCurl());
        BooleanBinding idle = query.runningProperty().or(switching).not();
        BooleanBinding canStart = Bindings.createBooleanBinding(() -> available.get() && !serving.get()
                && portError.get().isEmpty() && !host.get().isBlank(), available, serving, portError, host).and(idle);
        BooleanBinding canRevoke = Bindings.createBooleanBinding(() -> selectedKey.get() != null
                && selectedKey.get().active(), selectedKey).and(idle);
        commands = new Commands(new Command(this::switchWorkspace, idle), new Command(this::start, canStart),
                new Command(this::stop, serving.and(idle)), new Command(() -> clipboard.copy(curl.get())),
                new Command(this::createKey, available.and(idle)), new Command(this::revoke, canRevoke),
                new Command(() -> clipboard.copy(newSecret.get()), newSecret.isNotEmpty()),
                new Command(() -> newSecret.set("")));
        updateCurl();
    }

    @Override
    public void activate() {
        Workspaces.Current current = workspaces.current();
        workspace.set(current.description());
        demo.set(current.demo());
        operator.activate();
        ServeControl control = serve.get();
        available.set(control != null);
        if (control == null) {
            serving.set(false);
            keys.clear();
            serveStatus.set("Serve mode needs an embedded workspace; this connection is to a remote API.");
            return;
        }
        show(control.status());
        if (!query.isRunning()) {
            // a request in flight (e.g. a start begun before leaving the screen) answers the keys too
            perform("Reading API keys", "Reading API keys…", c -> null, o -> query.status(""), "");
        }
    }

    @Override
    public void deactivate() {
        newSecret.set("");
    }

    private void start() {
        String h = host.get().strip();
        int p = Integer.parseInt(port.get().strip());
        perform("Starting serve mode", "Starting serve mode…", c -> {
            c.start(h, p);
            return null;
        }, o -> {
            query.status("Serve mode started");
            dialogs.notify("Serve mode started: " + o.status().baseUrl());
        }, "");
    }

    private void stop() {
        perform("Stopping serve mode", "Stopping serve mode…", c -> {
            c.stop();
            return null;
        }, o -> query.status("Serve mode stopped"), "Serve mode could not be stopped: ");
    }

    private void createKey() {
        String name = newKeyName.get() == null || newKeyName.get().isBlank() ? "Console key" : newKeyName.get().strip();
        perform("Creating an API key", "Creating a key…", c -> c.createKey(name), o -> {
            newSecret.set(o.created().secret());
            newKeyName.set("");
            query.status("Key \"" + name + "\" created");
        }, "The key could not be created: ");
    }

    private void revoke() {
        KeyRow row = selectedKey.get();
        if (!dialogs.confirm("Revoke " + row.name() + "?",
                "Programs using the key starting with " + row.startsWith() + " will be refused at once."
                        + " This cannot be undone.", "Revoke key")) {
            return;
        }
        perform("Revoking an API key", "Revoking the key…", c -> {
            c.revokeKey(row.id());
            return null;
        }, o -> query.status("Key \"" + row.name() + "\" revoked"), "The key could not be revoked: ");
    }

    /**
     * Runs {@code action} on the serve control, then reads its status and keys; shows them and runs
     * {@code then}. A failure is the error banner, after {@code failedPrefix}.
     */
    private void perform(String title, String statusText, Action action, Consumer<Outcome> then, String failedPrefix) {
        ServeControl control = serve.get();
        query.run(title, statusText, p -> {
            NewApiKey created = action.apply(control);
            return new Outcome(control.status(), control.keys().stream().map(this::row).toList(), created);
        }, o -> {
            show(o.status());
            keys.setAll(o.keys());
            then.accept(o);
        }, failure -> query.fail(failedPrefix + ErrorText.describe(failure)));
    }

    /** Switches between the user's workspace and the demo workspace. */
    private void switchWorkspace() {
        boolean toDemo = !demo.get();
        switching.set(true);
        tasks.submit(toDemo ? "Opening the demo workspace" : "Opening your workspace",
                p -> toDemo ? workspaces.openDemo(p) : workspaces.openOwn(p), current -> {
                    switching.set(false);
                    workspace.set(current.description());
                    demo.set(current.demo());
                    workspaceChanged.run();
                }, failure -> {
                    switching.set(false);
                    dialogs.showError("The workspace could not be opened", failure);
                });
    }

    private KeyRow row(ApiKeyInfo k) {
        return new KeyRow(k.id(), k.name(), k.prefix() + "…",
                DATE.format(Instant.ofEpochMilli(k.createdAt()).atZone(zone)), k.active());
    }

    private void show(ServeControl.Status s) {
        serving.set(s.running());
        baseUrl.set(s.baseUrl() == null ? "" : s.baseUrl());
        serveStatus.set(s.message());
        serveState.accept(s.running() ? "Serving " + s.baseUrl() : "Serve mode off");
        updateCurl();
    }

    private void updateCurl() {
        String url = !baseUrl.get().isEmpty() ? baseUrl.get() : "http://" + host.get().strip() + ":" + port.get().strip();
        String key = newSecret.get().isEmpty() ? "$HA_API_KEY" : newSecret.get();
        curl.set("curl -X POST " + url + "/api/ingest \\\n"
                + "  -H \"Authorization: Bearer " + key + "\" \\\n"
                + "  -H \"Content-Type: application/json\" \\\n"
                + "  -d '{\"event\":\"qr.bottle_scanned\",\"actor\":{\"type\":\"customer\",\"id\":\"anon_123\"},"
                + "\"source\":{\"channel\":\"qr\",\"campaign\":\"spring-launch\"}}'");
    }

    static String portProblem(String value) {
        try {
            int p = Integer.parseInt(value == null ? "" : value.strip());
            return p >= 0 && p <= 65535 ? "" : "A port is between 1 and 65535 (0 picks a free one).";
        } catch (NumberFormatException e) {
            return "A port is a number, e.g. 8080.";
        }
    }

    /** How the appearance choices are called. */
    public static String label(Appearance a) {
        return switch (a) {
            case SYSTEM -> "Follow the system";
            case LIGHT -> "Light";
            case DARK -> "Dark";
        };
    }

    /** Serve mode, key operations and the key list: running, status, what failed. */
    public QueryLifecycle query() {
        return query;
    }

    public Commands commands() {
        return commands;
    }

    /** The operator profile and approval threshold. */
    /** The scanner station's settings form, shown in Settings too; null when there is no station. */
    public StationSettingsForm station() {
        return station;
    }

    public void station(StationSettingsForm form) {
        this.station = form;
    }

    public OperatorViewModel operator() {
        return operator;
    }

    public ReadOnlyStringProperty workspaceProperty() {
        return workspace.getReadOnlyProperty();
    }

    /** The workspace button's text: to the demo, or back. */
    public StringBinding switchWorkspaceText() {
        return Bindings.when(demo).then("Back to my workspace").otherwise("Open the demo workspace");
    }

    public Serve serve() {
        return serveView;
    }

    public Keys keys() {
        return keysView;
    }

    public ObjectProperty<Appearance> appearanceProperty() {
        return appearance;
    }
}
