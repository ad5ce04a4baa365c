package com.headlessanalytics.console.ui.connection;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.RuntimeHealth;
import com.headlessanalytics.console.ui.common.Activatable;
import com.headlessanalytics.console.ui.common.Command;
import com.headlessanalytics.console.ui.common.ConnectionProfile;
import com.headlessanalytics.console.ui.common.Connections;
import com.headlessanalytics.console.ui.common.Connector;
import com.headlessanalytics.console.ui.common.DialogService;
import com.headlessanalytics.console.ui.common.ErrorText;
import com.headlessanalytics.console.ui.common.ProfileStore;
import com.headlessanalytics.console.ui.common.QueryLifecycle;
import com.headlessanalytics.console.ui.common.SecretStore;
import com.headlessanalytics.console.ui.common.TaskRunner;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javax.net.ssl.SSLException;

/**
 * Connection: the saved profiles (an embedded data folder, or a remote API with an API key or a
 * JWT), a form to edit one, Test connection (health, then one event) with one sentence on what
 * failed, and Use this connection, which switches the whole console. Test connection runs through
 * the screen's {@link QueryLifecycle} (cancellable; its failure is the error banner); saving,
 * deleting and switching write files or switch the console, so they run to the end and keep the
 * buttons disabled meanwhile.
 */
public final class ConnectionViewModel implements Activatable {
    /** {@code RemoteApi.NOT_AN_API}: an error answer that is not a HeadlessAnalytics error body. */
    static final String NOT_AN_API = "not_headless_api";
    /** {@code RemoteApi.BAD_RESPONSE}: a 2xx answer that is not what the API answers. */
    static final String BAD_RESPONSE = "bad_response";

    private final ProfileStore profiles;
    private final SecretStore secrets;
    private final Connector connector;
    private final Connections connections;
    private final Runnable workspaceChanged;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final QueryLifecycle query;

    private final ObservableList<ConnectionProfile> list = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ConnectionProfile> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper activeId = new ReadOnlyStringWrapper();
    private final Fields fields = new Fields(new SimpleStringProperty(""),
            new SimpleObjectProperty<>(ConnectionProfile.Kind.EMBEDDED), new SimpleStringProperty(""),
            new SimpleStringProperty(""), new SimpleStringProperty(""), new SimpleStringProperty(""));
    private final ReadOnlyStringWrapper resultText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper writing = new ReadOnlyBooleanWrapper();
    private final Form form = Form.of(fields.kind());
    private final Commands commands;
    private boolean loaded;

    /** Which rows of the form the selected kind shows, and what the secret is called. */
    public record Form(BooleanBinding showsDataFolder, BooleanBinding showsRemote, BooleanBinding showsWorkspaceId,
                       StringBinding secretLabel) {
        static Form of(ObjectProperty<ConnectionProfile.Kind> kind) {
            BooleanBinding embedded = kind.isEqualTo(ConnectionProfile.Kind.EMBEDDED);
            BooleanBinding jwt = kind.isEqualTo(ConnectionProfile.Kind.REMOTE_JWT);
            return new Form(embedded, embedded.not(), jwt, Bindings.when(jwt).then("JWT").otherwise("API key"));
        }
    }

    /** The form's fields: the API key or the JWT is the secret, by kind. */
    public record Fields(StringProperty name, ObjectProperty<ConnectionProfile.Kind> kind, StringProperty dataFolder,
                         StringProperty url, StringProperty secret, StringProperty workspaceId) {
    }

    /** What the screen's buttons do, and when they can. */
    public record Commands(Command add, Command duplicate, Command delete, Command chooseFolder, Command test,
                           Command save, Command use) {
    }

    /**
     * @param workspaceChanged run on the FX thread after a switch: refreshes the status bar and the screen
     */
    public ConnectionViewModel(ProfileStore profiles, SecretStore secrets, Connector connector, Connections connections,
                               Runnable workspaceChanged, TaskRunner tasks, DialogService dialogs) {
        this.profiles = profiles;
        this.secrets = secrets;
        this.connector = connector;
        this.connections = connections;
        this.workspaceChanged = workspaceChanged;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.query = new QueryLifecycle(tasks);
        BooleanBinding idle = writing.not().and(query.runningProperty().not());
        BooleanBinding formReady = idle.and(selected.isNotNull());
        commands = new Commands(new Command(this::add, writing.not()), new Command(this::duplicate, formReady),
                new Command(this::delete, formReady), new Command(this::chooseFolder, form.showsDataFolder()),
                new Command(this::test, formReady), new Command(this::save, formReady),
                new Command(this::use, formReady));
    }

    private record Loaded(List<ConnectionProfile> profiles, Optional<String> lastUsed) {
    }

    @Override
    public void activate() {
        if (loaded) {
            activeId.set(connections.profileInUse().orElse(null));
            return;
        }
        tasks.submit("Loading connection profiles", p -> new Loaded(profiles.list(), profiles.lastUsed()), l -> {
            loaded = true;
            list.setAll(l.profiles());
            activeId.set(connections.profileInUse().orElse(null));
            ConnectionProfile first = l.profiles().stream().filter(x -> x.id().equals(activeId.get())).findFirst()
                    .orElse(l.profiles().isEmpty() ? null : l.profiles().get(0));
            if (first != null) {
                select(first);
            }
        }, failure -> dialogs.showError("The connection profiles could not be read", failure));
    }

    @Override
    public void deactivate() {
        query.stop();
    }

    /** Shows a profile in the form, with its stored key or token; a test of the profile before is dropped. */
    public void select(ConnectionProfile profile) {
        if (profile == null || profile.equals(selected.get())) {
            return;
        }
        selected.set(profile);
        fields.name().set(profile.name() == null ? "" : profile.name());
        fields.kind().set(profile.kind());
        fields.dataFolder().set(orEmpty(profile.dataFolder()));
        fields.url().set(orEmpty(profile.url()));
        fields.workspaceId().set(orEmpty(profile.workspaceId()));
        fields.secret().set("");
        query.stop();
        clearResult();
        if (profile.kind().remote()) {
            tasks.submit("Reading the stored key", p -> secrets.get(profile.id()).orElse(""), s -> {
                if (profile.equals(selected.get())) {
                    fields.secret().set(s);
                }
            }, failure -> dialogs.showError("The stored key could not be read", failure));
        }
    }

    /** The form as a profile, keeping the selected profile's id. */
    public ConnectionProfile formProfile() {
        ConnectionProfile base = selected.get();
        String id = base == null ? ConnectionProfile.newId() : base.id();
        ConnectionProfile.Kind k = fields.kind().get();
        return new ConnectionProfile(id, fields.name().get().strip(), k,
                k == ConnectionProfile.Kind.EMBEDDED ? blankToNull(fields.dataFolder().get()) : null,
                k.remote() ? blankToNull(fields.url().get()) : null,
                k == ConnectionProfile.Kind.REMOTE_JWT ? blankToNull(fields.workspaceId().get()) : null);
    }

    /** How the list shows a profile: its name (marked when in use) over where it points. */
    public String listText(ConnectionProfile profile) {
        boolean active = profile.id().equals(activeId.get());
        return profile.name() + (active ? "  (in use)" : "") + "\n" + profile.target();
    }

    /** Adds a new remote profile and selects it. */
    private void add() {
        ConnectionProfile p = new ConnectionProfile(ConnectionProfile.newId(), "New connection",
                ConnectionProfile.Kind.REMOTE_KEY, null, "https://", null);
        List<ConnectionProfile> next = new ArrayList<>(list);
        next.add(p);
        persist("Adding a profile", next, null, null, p);
    }

    /** Copies the form, key or token included, into a new profile. */
    private void duplicate() {
        ConnectionProfile form = formProfile();
        ConnectionProfile copy = form.withId(ConnectionProfile.newId()).withName(form.name() + " (copy)");
        List<ConnectionProfile> next = new ArrayList<>(list);
        next.add(copy);
        persist("Duplicating a profile", next, copy, copy.kind().remote() ? fields.secret().get() : null, copy);
    }

    /** Deletes the selected profile and its stored key after asking; the profile in use cannot be deleted. */
    private void delete() {
        ConnectionProfile p = selected.get();
        if (p.id().equals(activeId.get())) {
            dialogs.showInformation("This connection is in use",
                    "Switch to another connection before deleting \"" + p.name() + "\".");
            return;
        }
        if (!dialogs.confirm("Delete \"" + p.name() + "\"?", "The profile and its stored key or token are removed."
                + " This cannot be undone.", "Delete")) {
            return;
        }
        List<ConnectionProfile> next = new ArrayList<>(list);
        next.removeIf(x -> x.id().equals(p.id()));
        write("Deleting a profile", () -> {
            profiles.saveAll(next);
            secrets.remove(p.id());
        }, () -> {
            list.setAll(next);
            selected.set(null);
            if (!next.isEmpty()) {
                select(next.get(0));
            }
        }, failure -> dialogs.showError("The profile could not be deleted", failure));
    }

    /** Asks for the data folder of an embedded profile, starting at the one in the form. */
    private void chooseFolder() {
        dialogs.chooseFolder("Choose the data folder", folderInForm())
                .ifPresent(folder -> fields.dataFolder().set(folder.toAbsolutePath().toString()));
    }

    private Path folderInForm() {
        try {
            return fields.dataFolder().get().isBlank() ? null : Path.of(fields.dataFolder().get().strip());
        } catch (InvalidPathException notAPath) {
            return null;
        }
    }

    /** Saves the form into the selected profile, and its key or token into the secret store. */
    private void save() {
        ConnectionProfile form = named();
        if (form != null) {
            persist("Saving the profile", replaced(form), form, form.kind().remote() ? fields.secret().get() : "", form);
        }
    }

    /** Opens the form's target, reads its health and one event, and says what worked or what failed. */
    private void test() {
        ConnectionProfile form = formProfile();
        String key = fields.secret().get();
        clearResult();
        query.run("Testing the connection", "Testing " + form.target() + " …", p -> {
            try (Connector.Target target = connector.open(form, key)) {
                RuntimeHealth health = target.api().health();
                target.api().events(EventQuery.all().withLimit(1));
                return health;
            }
        }, health -> {
            query.status("");
            resultText.set(health.ready()
                    ? "Connected to " + form.target() + ": it is ready and its events can be read."
                    : "Connected to " + form.target() + " and its events can be read, but it reports \""
                            + health.status() + "\"; see Runtime health after switching.");
        }, failure -> query.fail(explain(failure, form)));
    }

    /** Saves the form, then switches the whole console to it and remembers it for the next start. */
    private void use() {
        ConnectionProfile form = named();
        if (form == null) {
            return;
        }
        String key = form.kind().remote() ? fields.secret().get() : "";
        List<ConnectionProfile> next = replaced(form);
        clearResult();
        write("Switching to " + form.name(), () -> {
            profiles.saveAll(next);
            secrets.put(form.id(), key);
            connections.use(form, key);
            profiles.setLastUsed(form.id());
        }, () -> {
            list.setAll(next);
            selected.set(form);
            activeId.set(form.id());
            resultText.set("The console now shows " + form.target() + ".");
            workspaceChanged.run();
        }, failure -> query.fail(explain(failure, form)));
    }

    /** The form when it has a name; else says so and answers null. */
    private ConnectionProfile named() {
        ConnectionProfile form = formProfile();
        if (form.name().isEmpty()) {
            clearResult();
            query.fail("Give the profile a name.");
            return null;
        }
        return form;
    }

    /** The profiles with {@code form} in place of the one with its id. */
    private List<ConnectionProfile> replaced(ConnectionProfile form) {
        List<ConnectionProfile> next = new ArrayList<>(list);
        next.replaceAll(x -> x.id().equals(form.id()) ? form : x);
        return next;
    }

    /** One sentence naming what failed: the name lookup, the connection, TLS, the key, the workspace … */
    public static String explain(Throwable error, ConnectionProfile profile) {
        Throwable t = error;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        String target = profile.kind().remote() ? String.valueOf(profile.url()) : String.valueOf(profile.dataFolder());
        if (t instanceof IllegalArgumentException) {
            return "The profile is incomplete: " + t.getMessage();
        }
        if (t instanceof ApiException.Unreachable u) {
            if (has(u, UnknownHostException.class)) {
                return "DNS lookup failed: the host of " + target + " is unknown; check the URL.";
            }
            if (has(u, SSLException.class)) {
                return "TLS failed with " + target + ": " + u.getMessage() + ".";
            }
            if (has(u, ConnectException.class) && String.valueOf(u.getMessage()).contains("refused")) {
                return "Connection refused: nothing is listening at " + target + "; is the server running and the"
                        + " port right?";
            }
            if (has(u, InterruptedIOException.class)) {
                return "Timed out: " + target + " did not answer in time (" + u.getMessage() + ").";
            }
            return "The server could not be reached: " + u.getMessage() + ".";
        }
        if (t instanceof ApiException api) {
            boolean jwt = profile.kind() == ConnectionProfile.Kind.REMOTE_JWT;
            if (NOT_AN_API.equals(api.code()) || BAD_RESPONSE.equals(api.code())
                    || (api.status() == 404 && !ErrorCodes.NOT_FOUND.equals(api.code()))) {
                return "Not a HeadlessAnalytics server: " + target + " answered, but not like the API (HTTP "
                        + api.status() + "); check the base URL.";
            }
            if (api.status() == 404) {
                return "Not a HeadlessAnalytics server: " + target + " has no HeadlessAnalytics API at this path"
                        + " (HTTP 404); check the base URL.";
            }
            if (api.status() == 401) {
                return jwt ? "The server refused the JWT (401): it is invalid or has expired."
                        : "The server refused the API key (401): the key is unknown or has been revoked.";
            }
            if (api.status() == 403) {
                return jwt ? "The workspace " + profile.workspaceId() + " is not allowed for this JWT (403)."
                        : "This key may not use this workspace (403).";
            }
            return "The server answered HTTP " + api.status() + ": " + api.getMessage();
        }
        return ErrorText.describe(t);
    }

    private static boolean has(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private interface Write {
        void run() throws Exception;
    }

    /** Writes (or switches) in the background to the end, with the buttons disabled meanwhile. */
    private void write(String title, Write work, Runnable done, java.util.function.Consumer<Throwable> failed) {
        writing.set(true);
        tasks.submit(title, p -> {
            work.run();
            return Boolean.TRUE;
        }, ok -> {
            writing.set(false);
            done.run();
        }, failure -> {
            writing.set(false);
            failed.accept(failure);
        });
    }

    private void persist(String title, List<ConnectionProfile> next, ConnectionProfile secretOf, String newSecret,
                         ConnectionProfile thenSelect) {
        write(title, () -> {
            profiles.saveAll(next);
            if (secretOf != null && newSecret != null) {
                secrets.put(secretOf.id(), newSecret);
            }
        }, () -> {
            list.setAll(next);
            if (!thenSelect.equals(selected.get())) {
                selected.set(null);
                select(thenSelect);
            } else {
                selected.set(thenSelect);
            }
            if (newSecret != null && secretOf != null) {
                fields.secret().set(newSecret);
            }
            query.clearError();
            resultText.set("Saved.");
        }, failure -> dialogs.showError("The profiles could not be saved", failure));
    }

    private void clearResult() {
        query.clearError();
        resultText.set("");
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public ObservableList<ConnectionProfile> profiles() {
        return list;
    }

    public ReadOnlyObjectProperty<ConnectionProfile> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The id of the profile the console uses now. */
    public ReadOnlyStringProperty activeIdProperty() {
        return activeId.getReadOnlyProperty();
    }

    public Fields fields() {
        return fields;
    }

    /** What the last test, save or switch achieved; what failed is the error of {@link #query()}. */
    public ReadOnlyStringProperty resultTextProperty() {
        return resultText.getReadOnlyProperty();
    }

    /** Test connection: running, status and what failed. */
    public QueryLifecycle query() {
        return query;
    }

    public Commands commands() {
        return commands;
    }

    public Form form() {
        return form;
    }

    public List<ConnectionProfile.Kind> kinds() {
        return List.of(ConnectionProfile.Kind.values());
    }

    /** Where keys and tokens are kept, in a plain sentence. */
    public String secretsLocation() {
        return secrets.whereStored();
    }
}
