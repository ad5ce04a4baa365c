package com.headlessanalytics.console.ui.settings;

import com.headlessanalytics.console.api.ApiKeyInfo;
import com.headlessanalytics.console.api.NewApiKey;
import com.headlessanalytics.console.api.ServeControl;
import com.headlessanalytics.console.ui.common.Activatable;
import com.headlessanalytics.console.ui.common.DialogService;
import com.headlessanalytics.console.ui.common.ErrorText;
import com.headlessanalytics.console.ui.common.TaskRunner;
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
 * Settings: the workspace (the user's own, or the demo one), serve mode (start/stop the local API
 * server, its API keys, a ready curl example) and appearance. A new key's secret is shown once, until dismissed.
 */
public final class SettingsViewModel implements Activatable {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMM d, yyyy HH:mm", Locale.ENGLISH);

    /** Light, dark, or whatever the operating system prefers. */
    public enum Appearance { SYSTEM, LIGHT, DARK }

    /** A key as listed: never its secret. */
    public record KeyRow(String id, String name, String startsWith, String created, boolean active) {
    }

    private final Supplier<ServeControl> serve;
    private final Workspaces workspaces;
    private final Runnable workspaceChanged;
    private final ReadOnlyStringWrapper workspace = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper demo = new ReadOnlyBooleanWrapper();
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Consumer<String> serveState;
    private final ZoneId zone;

    private final StringProperty host = new SimpleStringProperty("127.0.0.1");
    private final StringProperty port = new SimpleStringProperty("8080");
    private final ReadOnlyStringWrapper portError = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper working = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Serve mode is off");
    private final ReadOnlyStringWrapper baseUrl = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper newSecret = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper curl = new ReadOnlyStringWrapper("");
    private final StringProperty newKeyName = new SimpleStringProperty("");
    private final ObservableList<KeyRow> keys = FXCollections.observableArrayList();
    private final ObjectProperty<Appearance> appearance = new SimpleObjectProperty<>(Appearance.SYSTEM);
    private final BooleanBinding canStart;

    public SettingsViewModel(Supplier<ServeControl> serve, Workspaces workspaces, Runnable workspaceChanged,
                             TaskRunner tasks, DialogService dialogs, Consumer<String> serveState, ZoneId zone) {
        this.serve = serve;
        this.workspaces = workspaces;
        this.workspaceChanged = workspaceChanged;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.serveState = serveState;
        this.zone = zone;
        port.addListener((obs, old, value) -> portError.set(portProblem(value)));
        host.addListener((obs, old, value) -> updateCurl());
        port.addListener((obs, old, value) -> updateCurl());
        newSecret.addListener((obs, old, value) -> updateCurl());
        canStart = Bindings.createBooleanBinding(() -> available.get() && !running.get() && !working.get()
                && portError.get().isEmpty() && !host.get().isBlank(), available, running, working, portError, host);
        updateCurl();
    }

    @Override
    public void activate() {
        Workspaces.Current current = workspaces.current();
        workspace.set(current.description());
        demo.set(current.demo());
        ServeControl control = serve.get();
        available.set(control != null);
        if (control == null) {
            status.set("Serve mode needs an embedded workspace; this connection is to a remote API.");
            return;
        }
        show(control.status());
        reloadKeys();
    }

    @Override
    public void deactivate() {
        newSecret.set("");
    }

    public void start() {
        if (!canStart.get()) {
            return;
        }
        String h = host.get().strip();
        int p = Integer.parseInt(port.get().strip());
        working.set(true);
        tasks.submit("Starting serve mode", progress -> serve.get().start(h, p), s -> {
            working.set(false);
            show(s);
            dialogs.notify("Serve mode started: " + s.baseUrl());
        }, failure -> {
            working.set(false);
            status.set(ErrorText.describe(failure));
        });
    }

    public void stop() {
        if (!running.get() || working.get()) {
            return;
        }
        working.set(true);
        tasks.submit("Stopping serve mode", progress -> serve.get().stop(), s -> {
            working.set(false);
            show(s);
        }, failure -> {
            working.set(false);
            dialogs.showError("Serve mode could not be stopped", failure);
        });
    }

    public void createKey() {
        String name = newKeyName.get() == null || newKeyName.get().isBlank() ? "Console key" : newKeyName.get().strip();
        tasks.submit("Creating an API key", progress -> serve.get().createKey(name), (NewApiKey key) -> {
            newSecret.set(key.secret());
            newKeyName.set("");
            reloadKeys();
        }, failure -> dialogs.showError("The key could not be created", failure));
    }

    public void revoke(KeyRow row) {
        if (row == null || !row.active() || !dialogs.confirm("Revoke " + row.name() + "?",
                "Programs using the key starting with " + row.startsWith() + " will be refused at once."
                        + " This cannot be undone.", "Revoke key")) {
            return;
        }
        tasks.submit("Revoking an API key", progress -> serve.get().revokeKey(row.id()), done -> reloadKeys(),
                failure -> dialogs.showError("The key could not be revoked", failure));
    }

    /** Switches between the user's workspace and the demo workspace. */
    public void switchWorkspace() {
        boolean toDemo = !demo.get();
        working.set(true);
        tasks.submit(toDemo ? "Opening the demo workspace" : "Opening your workspace",
                p -> toDemo ? workspaces.openDemo(p) : workspaces.openOwn(p), current -> {
                    working.set(false);
                    workspace.set(current.description());
                    demo.set(current.demo());
                    workspaceChanged.run();
                }, failure -> {
                    working.set(false);
                    dialogs.showError("The workspace could not be opened", failure);
                });
    }

    public ReadOnlyStringProperty workspaceProperty() {
        return workspace.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty demoProperty() {
        return demo.getReadOnlyProperty();
    }

    public void dismissSecret() {
        newSecret.set("");
    }

    private void reloadKeys() {
        tasks.submit("Reading API keys", progress -> serve.get().keys(), (List<ApiKeyInfo> list) ->
                keys.setAll(list.stream().map(k -> new KeyRow(k.id(), k.name(), k.prefix() + "…",
                        DATE.format(Instant.ofEpochMilli(k.createdAt()).atZone(zone)), k.active())).toList()),
                failure -> status.set(ErrorText.describe(failure)));
    }

    private void show(ServeControl.Status s) {
        running.set(s.running());
        baseUrl.set(s.baseUrl() == null ? "" : s.baseUrl());
        status.set(s.message());
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

    public StringProperty hostProperty() {
        return host;
    }

    public StringProperty portProperty() {
        return port;
    }

    public ReadOnlyStringProperty portErrorProperty() {
        return portError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty workingProperty() {
        return working.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    public BooleanBinding canStartBinding() {
        return canStart;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty baseUrlProperty() {
        return baseUrl.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty newSecretProperty() {
        return newSecret.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty curlProperty() {
        return curl.getReadOnlyProperty();
    }

    public StringProperty newKeyNameProperty() {
        return newKeyName;
    }

    public ObservableList<KeyRow> keys() {
        return keys;
    }

    public ObjectProperty<Appearance> appearanceProperty() {
        return appearance;
    }
}
