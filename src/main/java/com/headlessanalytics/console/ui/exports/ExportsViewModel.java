package com.headlessanalytics.console.ui.exports;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Capabilities;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.Exports;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Period;
import com.headlessanalytics.console.ui.common.Activatable;
import com.headlessanalytics.console.ui.common.Command;
import com.headlessanalytics.console.ui.common.DateRange;
import com.headlessanalytics.console.ui.common.DetailField;
import com.headlessanalytics.console.ui.common.DialogService;
import com.headlessanalytics.console.ui.common.FeatureGate;
import com.headlessanalytics.console.ui.common.Formats;
import com.headlessanalytics.console.ui.common.QueryLifecycle;
import com.headlessanalytics.console.ui.common.SecretStore;
import com.headlessanalytics.console.ui.common.TaskRunner;
import com.headlessanalytics.console.ui.common.TextClipboard;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
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
 * Exports: a form that starts an export (destination and its config fields, period, event filter,
 * limit) on the task runner; destinations saved by name, their secrets in the {@link SecretStore}
 * and never shown again, the rest in the {@link DestinationStore}; and the receipts of the exports
 * made, newest first, with the selected one's files, load command and error, Retry for a failed
 * one (with the saved destination's secrets) and Refresh. When the server does not list receipts,
 * that part says so and exporting still works (the receipts of this session's exports are shown).
 */
public final class ExportsViewModel implements Activatable {
    /** Receipts read per refresh. */
    static final int RECEIPTS = 100;
    /** Characters of a sha256 the table shows. */
    static final int SHA_SHORT = 12;

    /** A config field of a destination: its key in {@code config}, caption, whether secret or required, and a hint. */
    public record Field(String key, String label, boolean secret, boolean required, String prompt) {
    }

    /** A field of the form as typed; a secret field's value is never filled from storage. */
    public static final class Input {
        private final Field field;
        private final StringProperty value = new SimpleStringProperty("");
        private final ReadOnlyBooleanWrapper stored = new ReadOnlyBooleanWrapper();

        Input(Field field) {
            this.field = field;
        }

        public Field field() {
            return field;
        }

        public StringProperty valueProperty() {
            return value;
        }

        /** A secret field whose value is saved (and not shown): left empty, the saved one is used. */
        public ReadOnlyBooleanProperty storedProperty() {
            return stored.getReadOnlyProperty();
        }

        String text() {
            return value.get() == null ? "" : value.get().strip();
        }
    }

    /** A receipt as listed. */
    public record ReceiptRow(String time, String destination, String count, String status, String location,
                             String sha, Exports.Receipt receipt) {
        public boolean failed() {
            return Exports.FAILED.equals(receipt.status());
        }
    }

    private static final Map<String, List<Field>> FIELDS = fields();

    private static Map<String, List<Field>> fields() {
        Field accessKey = new Field("accessKeyId", "Access key id", true, false, "");
        Field secretKey = new Field("secretAccessKey", "Secret key", true, false, "");
        Map<String, List<Field>> m = new LinkedHashMap<>();
        m.put("bigquery", List.of(new Field("projectId", "Project", false, true, "analytics-prod"),
                new Field("datasetId", "Dataset", false, true, "events"),
                new Field("tableId", "Table", false, true, "headless"),
                new Field("stage", "Stage", false, false, "gs://bucket/folder to upload to (optional)"),
                accessKey, secretKey));
        m.put("snowflake", List.of(new Field("database", "Database", false, true, "ANALYTICS"),
                new Field("schema", "Schema", false, true, "PUBLIC"),
                new Field("table", "Table", false, true, "EVENTS"),
                new Field("stage", "Stage", false, false, "@my_stage, or s3:// or gs:// URL (optional)"),
                accessKey, secretKey));
        m.put("redshift", List.of(new Field("schema", "Schema", false, true, "public"),
                new Field("table", "Table", false, true, "events"),
                new Field("stage", "S3 stage", false, true, "s3://bucket/exports the COPY reads from"),
                new Field("iamRole", "IAM role", false, true, "arn:aws:iam::123456789012:role/RedshiftCopy"),
                new Field("region", "Region", false, false, "us-east-1"),
                accessKey, secretKey));
        List<Field> objectStore = List.of(new Field("bucket", "Bucket", false, true, "my-bucket"),
                new Field("prefix", "Prefix", false, false, "headless/events/"),
                new Field("region", "Region", false, false, "us-east-1"),
                new Field("endpoint", "Endpoint", false, false, "https://… (S3-compatible servers only)"),
                new Field("format", "Format", false, false, "jsonl (default) or parquet"),
                accessKey, secretKey);
        m.put("s3", objectStore);
        m.put("gcs", objectStore);
        m.put("https", List.of(new Field("url", "URL", false, true, "https://collector.example.com/events"),
                new Field("batchSize", "Batch size", false, false, "500"),
                new Field("headers", "Headers", false, false, "X-Team: data, X-Env: prod"),
                new Field("Authorization", "Authorization", true, false, "Bearer …")));
        return m;
    }

    /** The config fields of {@code destination}, in form order. */
    public static List<Field> fieldsOf(String destination) {
        return FIELDS.getOrDefault(destination, List.of());
    }

    private final Supplier<HeadlessApi> api;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final SecretStore secrets;
    private final DestinationStore store;
    private final TextClipboard clipboard;
    private final Clock clock;
    private final ZoneId zone;
    private final QueryLifecycle query;
    private final QueryLifecycle receiptsQuery;
    private final FeatureGate receiptsGate = new FeatureGate(Capabilities.Feature.EXPORT_RECEIPTS);
    private final ObjectProperty<String> destination = new SimpleObjectProperty<>("bigquery");
    private final ObservableList<Input> inputs = FXCollections.observableArrayList();
    private final ObjectProperty<DateRange> range = new SimpleObjectProperty<>(DateRange.of(DateRange.Preset.ALL_TIME));
    private final StringProperty event = new SimpleStringProperty("");
    private final StringProperty limit = new SimpleStringProperty(String.valueOf(Exports.DEFAULT_LIMIT));
    private final StringProperty name = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper formError = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper secretsNote = new ReadOnlyStringWrapper("");
    private final ObservableList<SavedDestination> saved = FXCollections.observableArrayList();
    private final ObjectProperty<SavedDestination> selectedSaved = new SimpleObjectProperty<>();
    private final ObservableList<ReceiptRow> receipts = FXCollections.observableArrayList();
    private final ObjectProperty<ReceiptRow> selectedReceipt = new SimpleObjectProperty<>();
    private final ObservableList<DetailField> detail = FXCollections.observableArrayList();
    private final ObservableList<String> files = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper loadCommand = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper receiptError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper lastResult = new ReadOnlyStringWrapper("");
    /** The failed export to select once the receipts are read again. */
    private String pendingSelection;
    private final Command exportCommand;
    private final Command saveCommand;
    private final Command deleteSavedCommand;
    private final Command refreshCommand;
    private final Command retryCommand;
    private final Command copyLoadCommand;
    private final Command copyShaCommand;

    public ExportsViewModel(Supplier<HeadlessApi> api, TaskRunner tasks, DialogService dialogs, SecretStore secrets,
                            DestinationStore store, TextClipboard clipboard, Clock clock, ZoneId zone) {
        this.api = api;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.secrets = secrets;
        this.store = store;
        this.clipboard = clipboard;
        this.clock = clock;
        this.zone = zone;
        this.query = new QueryLifecycle(tasks);
        this.receiptsQuery = new QueryLifecycle(tasks);
        exportCommand = new Command(this::export, valid.and(query.runningProperty().not()));
        saveCommand = new Command(this::save, valid.and(name.isNotEmpty()).and(query.runningProperty().not()));
        deleteSavedCommand = new Command(this::deleteSaved, selectedSaved.isNotNull());
        refreshCommand = new Command(this::refresh, receiptsQuery.runningProperty().not());
        retryCommand = new Command(this::retry, Bindings.createBooleanBinding(() -> selectedReceipt.get() != null
                && selectedReceipt.get().failed(), selectedReceipt).and(receiptsGate.offeredProperty())
                .and(query.runningProperty().not()));
        copyLoadCommand = new Command(this::copyLoadCommand, loadCommand.isNotEmpty());
        copyShaCommand = new Command(this::copySha, Bindings.createBooleanBinding(() -> selectedReceipt.get() != null
                && selectedReceipt.get().receipt().sha256() != null, selectedReceipt));
        destination.addListener((obs, old, now) -> showFields(now, Map.of(), Set.of()));
        selectedSaved.addListener((obs, old, now) -> {
            if (now != null) {
                load(now);
            }
        });
        selectedReceipt.addListener((obs, old, now) -> showReceipt(now));
        List<Observable> watched = new ArrayList<>(List.of(limit, event, destination));
        watched.forEach(o -> o.addListener(x -> validate()));
        showFields(destination.get(), Map.of(), Set.of());
    }

    @Override
    public void activate() {
        readSaved();
        refresh();
    }

    @Override
    public void deactivate() {
        receiptsQuery.stop();
    }

    private void showFields(String dest, Map<String, String> values, Set<String> storedSecrets) {
        List<Input> list = new ArrayList<>();
        for (Field f : fieldsOf(dest)) {
            Input in = new Input(f);
            if (f.secret()) {
                in.stored.set(storedSecrets.contains(f.key()));
            } else {
                in.value.set(values.getOrDefault(f.key(), ""));
            }
            in.value.addListener(o -> validate());
            list.add(in);
        }
        inputs.setAll(list);
        validate();
    }

    private void validate() {
        List<String> missing = inputs.stream().filter(i -> i.field().required() && i.text().isEmpty())
                .map(i -> i.field().label()).toList();
        String problem = "";
        if (!missing.isEmpty()) {
            problem = "Fill in " + String.join(", ", missing).toLowerCase(Locale.ROOT) + ".";
        } else if (limitValue() == null) {
            problem = "The limit must be a whole number from 1 to " + Formats.count(Exports.MAX_LIMIT) + ".";
        } else {
            try {
                for (Input in : inputs) {
                    if (in.field().key().equals("headers")) {
                        headers(in.text());
                    } else if (in.field().key().equals("batchSize") && !in.text().isEmpty()) {
                        int n = Integer.parseInt(in.text());
                        if (n < 1) {
                            throw new IllegalArgumentException("The batch size must be at least 1.");
                        }
                    }
                }
            } catch (NumberFormatException e) {
                problem = "The batch size must be a whole number.";
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        formError.set(problem);
        valid.set(problem.isEmpty());
    }

    private Integer limitValue() {
        try {
            int n = Integer.parseInt(limit.get() == null ? "" : limit.get().strip());
            return n >= 1 && n <= Exports.MAX_LIMIT ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** "Name: value" pairs separated by commas or lines; a secret-looking header belongs in its own field. */
    static Map<String, Object> headers(String text) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String part : text.split("[,\\n]")) {
            if (part.isBlank()) {
                continue;
            }
            int colon = part.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("Write each header as Name: value (\"" + part.strip() + "\").");
            }
            String header = part.substring(0, colon).strip();
            if (Exports.isSecretKey(header)) {
                throw new IllegalArgumentException("Put " + header + " in the Authorization field: secrets are kept"
                        + " in the keychain, not with the destination.");
            }
            out.put(header, part.substring(colon + 1).strip());
        }
        return out;
    }

    /** The non-secret values typed, by key. */
    private Map<String, String> plainValues() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Input in : inputs) {
            if (!in.field().secret() && !in.text().isEmpty()) {
                out.put(in.field().key(), in.text());
            }
        }
        return out;
    }

    /** The secret values typed (empty ones left out), by key. */
    private Map<String, String> typedSecrets() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Input in : inputs) {
            if (in.field().secret() && !in.text().isEmpty()) {
                out.put(in.field().key(), in.text());
            }
        }
        return out;
    }

    /** The request's config: the values as the destination takes them, secrets included. */
    static Map<String, Object> config(Map<String, String> plain, Map<String, String> secret) {
        Map<String, Object> config = new LinkedHashMap<>();
        Map<String, Object> headers = new LinkedHashMap<>();
        plain.forEach((k, v) -> {
            switch (k) {
                case "batchSize" -> config.put(k, Integer.parseInt(v));
                case "headers" -> headers.putAll(headers(v));
                default -> config.put(k, v);
            }
        });
        secret.forEach((k, v) -> {
            if (k.equals("Authorization")) {
                headers.put(k, v);
            } else {
                config.put(k, v);
            }
        });
        if (!headers.isEmpty()) {
            config.put("headers", headers);
        }
        return config;
    }

    /** The secrets saved for {@code name}, empty when none. Blocking. */
    private Map<String, String> savedSecrets(String savedName) {
        if (savedName == null || savedName.isBlank()) {
            return Map.of();
        }
        return secrets.get(SavedDestination.secretKey(savedName)).map(ExportsViewModel::readSecrets).orElse(Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> readSecrets(String json) {
        Object value = ApiJson.read(json);
        Map<String, String> out = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

    private void readSaved() {
        tasks.submit("Reading saved export destinations", p -> store.list(), list -> {
            SavedDestination keep = selectedSaved.get();
            saved.setAll(list);
            if (keep != null) {
                selectedSaved.set(list.stream().filter(s -> s.name().equals(keep.name())).findFirst().orElse(null));
            }
        }, query::fail);
    }

    /** Shows a saved destination in the form; its secret fields stay empty and say whether a secret is saved. */
    private void load(SavedDestination s) {
        name.set(s.name());
        destination.set(s.destination());
        showFields(s.destination(), s.config(), Set.of());
        tasks.submit("Reading which secrets are saved", p -> savedSecrets(s.name()).keySet(), keys -> {
            if (s.equals(selectedSaved.get())) {
                inputs.forEach(in -> in.stored.set(in.field().secret() && keys.contains(in.field().key())));
            }
        }, query::fail);
    }

    /** Saves the destination under its name: the config in the destination store, the secrets in the secret store. */
    public void save() {
        if (!saveCommand.isExecutable()) {
            return;
        }
        SavedDestination d = new SavedDestination(name.get().strip(), destination.get(), plainValues());
        Map<String, String> typed = typedSecrets();
        query.run("Saving an export destination", "Saving " + d.name() + "…", p -> {
            Map<String, String> all = new LinkedHashMap<>(savedSecrets(d.name()));
            all.putAll(typed);
            all.keySet().retainAll(fieldsOf(d.destination()).stream().filter(Field::secret).map(Field::key).toList());
            secrets.put(d.secretKey(), all.isEmpty() ? "" : ApiJson.write(all));
            store.save(d);
            return store.list();
        }, list -> {
            saved.setAll(list);
            SavedDestination again = list.stream().filter(s -> s.name().equals(d.name())).findFirst().orElse(d);
            selectedSaved.set(null);
            selectedSaved.set(again);
            secretsNote.set(typed.isEmpty() ? "" : secrets.whereStored());
            query.status("Saved " + d.name() + (typed.isEmpty() ? "" : "; its secrets are kept apart and not shown"));
        });
    }

    private void deleteSaved() {
        SavedDestination d = selectedSaved.get();
        if (!dialogs.confirm("Forget export destination", "Forget the saved destination \"" + d.name()
                + "\" and its secrets? Its receipts stay.", "Forget")) {
            return;
        }
        query.run("Forgetting an export destination", "Forgetting " + d.name() + "…", p -> {
            store.delete(d.name());
            secrets.remove(d.secretKey());
            return store.list();
        }, list -> {
            selectedSaved.set(null);
            saved.setAll(list);
            query.status("Forgot " + d.name());
        });
    }

    /** Starts the export the form describes; secrets not typed come from the saved destination of that name. */
    public void export() {
        if (!exportCommand.isExecutable()) {
            return;
        }
        String dest = destination.get();
        Map<String, String> plain = plainValues();
        Map<String, String> typed = typedSecrets();
        String savedName = selectedSaved.get() != null && selectedSaved.get().name().equals(name.get())
                ? name.get() : null;
        Period period = range.get().resolve(clock, zone);
        String eventName = event.get() == null || event.get().isBlank() ? null : event.get().strip();
        Integer max = limitValue();
        query.run("Exporting to " + dest, "Exporting to " + dest + "…", p -> {
            Map<String, String> secret = new LinkedHashMap<>(savedSecrets(savedName));
            secret.putAll(typed);
            Exports.Request request = new Exports.Request(dest, max, period.from(),
                    period.to() == null ? null : period.to() + 1,
                    eventName == null ? null : new Exports.Filter(eventName, null, null, null), null,
                    config(plain, secret));
            return api.get().exportToDestination(request).receipt();
        }, receipt -> {
            lastResult.set("Exported " + Formats.count(receipt.count()) + " events to " + receipt.destination()
                    + (receipt.location() == null ? "" : ": " + receipt.location()));
            query.status("");
            arrived(receipt);
        }, this::failed);
    }

    /** After a failed export or retry: a delivery failure left a failed receipt, so the receipts are read again. */
    private void failed(Throwable failure) {
        if (failure instanceof ApiException api && ErrorCodes.DESTINATION_FAILED.equals(api.code())) {
            api.details().stream().filter(d -> "exportId".equals(d.field())).findFirst()
                    .ifPresent(d -> pendingSelection = d.message());
            refresh();
        }
    }

    /** A receipt the console just made: listed first (also where the server does not list receipts) and selected. */
    private void arrived(Exports.Receipt receipt) {
        ReceiptRow row = row(receipt);
        receipts.removeIf(r -> r.receipt().exportId().equals(receipt.exportId()));
        receipts.add(0, row);
        selectedReceipt.set(row);
        if (receiptsGate.isOffered()) {
            refresh();
        }
    }

    /** Reads the receipts, where the server lists them; the selection stays on the same export. */
    public void refresh() {
        receiptsQuery.run("Reading export receipts", "Reading receipts…", p -> {
            HeadlessApi port = api.get();
            Capabilities capabilities = port.capabilities();
            List<Exports.Receipt> list = capabilities.offers(Capabilities.Feature.EXPORT_RECEIPTS)
                    ? port.exportReceipts(RECEIPTS).receipts() : null;
            return new Listed(capabilities, list);
        }, listed -> {
            receiptsGate.apply(listed.capabilities());
            if (listed.receipts() == null) {
                receiptsQuery.status("");
                return;
            }
            String keep = pendingSelection != null ? pendingSelection
                    : selectedReceipt.get() == null ? null : selectedReceipt.get().receipt().exportId();
            pendingSelection = null;
            List<ReceiptRow> rows = listed.receipts().stream().map(this::row).toList();
            receipts.setAll(rows);
            selectedReceipt.set(rows.stream().filter(r -> r.receipt().exportId().equals(keep)).findFirst()
                    .orElse(null));
            long failedCount = rows.stream().filter(ReceiptRow::failed).count();
            receiptsQuery.status(rows.size() + (rows.size() == 1 ? " receipt" : " receipts")
                    + (failedCount == 0 ? "" : ", " + failedCount + " failed"));
        });
    }

    private record Listed(Capabilities capabilities, List<Exports.Receipt> receipts) {
    }

    ReceiptRow row(Exports.Receipt r) {
        String sha = r.sha256() == null ? "" : r.sha256().substring(0, Math.min(SHA_SHORT, r.sha256().length()));
        return new ReceiptRow(Formats.time(r.startedAt(), zone), r.destination(), Formats.count(r.count()),
                r.status(), r.location() == null ? "" : r.location(), sha, r);
    }

    private void showReceipt(ReceiptRow row) {
        if (row == null) {
            detail.clear();
            files.clear();
            loadCommand.set("");
            receiptError.set("");
            return;
        }
        Exports.Receipt r = row.receipt();
        List<DetailField> fields = new ArrayList<>();
        fields.add(new DetailField("Export", r.exportId()));
        fields.add(new DetailField("Status", r.status() + (r.retryOf() == null ? "" : " · retry of " + r.retryOf())));
        fields.add(new DetailField("Events", Formats.count(r.count()) + (r.format() == null ? "" : " · " + r.format())));
        fields.add(new DetailField("Started", Formats.time(r.startedAt(), zone) + (r.finishedAt() == null ? ""
                : " · took " + Formats.duration(r.finishedAt() - r.startedAt()))));
        if (r.location() != null) {
            fields.add(new DetailField("Location", r.location()));
        }
        if (r.sha256() != null) {
            fields.add(new DetailField("SHA-256", r.sha256()));
        }
        if (r.config() != null && !r.config().isEmpty()) {
            List<String> pairs = new ArrayList<>();
            r.config().forEach((k, v) -> pairs.add(k + " = " + (v instanceof Map || v instanceof List
                    ? ApiJson.write(v) : String.valueOf(v))));
            fields.add(new DetailField("Config", String.join("\n", pairs)));
        }
        detail.setAll(fields);
        files.setAll((r.files() == null ? List.<Exports.File>of() : r.files()).stream().map(f -> f.name() + " · "
                + Formats.count(f.bytes()) + " bytes" + (f.sha256() == null ? "" : " · sha256 "
                + f.sha256().substring(0, Math.min(SHA_SHORT, f.sha256().length()))) + (f.location() == null ? ""
                : "\n    " + f.location())).toList());
        loadCommand.set(r.loadCommand() == null ? "" : r.loadCommand());
        receiptError.set(r.error() == null ? "" : r.error());
    }

    /**
     * Retries the selected failed export with the config of the saved destination it matches (same
     * destination and non-secret values), secrets included; without one, the stored config is reused.
     */
    public void retry() {
        if (!retryCommand.isExecutable()) {
            return;
        }
        Exports.Receipt r = selectedReceipt.get().receipt();
        SavedDestination match = matching(r);
        query.run("Retrying an export", "Retrying " + r.exportId() + "…", p -> {
            Exports.RetryRequest request = match == null ? new Exports.RetryRequest(null)
                    : new Exports.RetryRequest(config(match.config(), savedSecrets(match.name())));
            return api.get().retryExport(r.exportId(), request).receipt();
        }, receipt -> {
            lastResult.set("Retried " + r.exportId() + " as " + receipt.exportId() + ": " + receipt.status()
                    + (match == null ? " (no saved destination matches it: its stored config, without secrets, was"
                            + " used)" : " with the saved destination " + match.name()));
            query.status("");
            arrived(receipt);
        }, this::failed);
    }

    /** The saved destination a receipt was made with: same destination, every saved non-secret value as in the receipt. */
    SavedDestination matching(Exports.Receipt r) {
        Map<String, Object> config = r.config() == null ? Map.of() : r.config();
        for (SavedDestination s : saved) {
            if (!s.destination().equals(r.destination())) {
                continue;
            }
            Map<String, Object> expected = config(s.config(), Map.of());
            boolean same = expected.entrySet().stream().allMatch(e -> Objects.equals(
                    String.valueOf(e.getValue()), String.valueOf(config.get(e.getKey()))));
            if (same) {
                return s;
            }
        }
        return null;
    }

    private void copyLoadCommand() {
        clipboard.copy(loadCommand.get());
        dialogs.notify("Copied the load command");
    }

    private void copySha() {
        clipboard.copy(selectedReceipt.get().receipt().sha256());
        dialogs.notify("Copied the SHA-256 of " + selectedReceipt.get().receipt().exportId());
    }

    public QueryLifecycle query() {
        return query;
    }

    public QueryLifecycle receiptsQuery() {
        return receiptsQuery;
    }

    public FeatureGate receiptsGate() {
        return receiptsGate;
    }

    public ObjectProperty<String> destinationProperty() {
        return destination;
    }

    public static List<String> destinations() {
        return Exports.DESTINATIONS;
    }

    public ObservableList<Input> inputs() {
        return inputs;
    }

    /** The form's input for {@code key}, or null. */
    public Input input(String key) {
        return inputs.stream().filter(i -> i.field().key().equals(key)).findFirst().orElse(null);
    }

    public ObjectProperty<DateRange> rangeProperty() {
        return range;
    }

    public StringProperty eventProperty() {
        return event;
    }

    public StringProperty limitProperty() {
        return limit;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ReadOnlyStringProperty formErrorProperty() {
        return formError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** Where saved secrets are kept, said after secrets were saved. */
    public ReadOnlyStringProperty secretsNoteProperty() {
        return secretsNote.getReadOnlyProperty();
    }

    public ObservableList<SavedDestination> saved() {
        return saved;
    }

    public ObjectProperty<SavedDestination> selectedSavedProperty() {
        return selectedSaved;
    }

    public ObservableList<ReceiptRow> receipts() {
        return receipts;
    }

    public ObjectProperty<ReceiptRow> selectedReceiptProperty() {
        return selectedReceipt;
    }

    public ObservableList<DetailField> detail() {
        return detail;
    }

    public ObservableList<String> files() {
        return files;
    }

    public ReadOnlyStringProperty loadCommandProperty() {
        return loadCommand.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty receiptErrorProperty() {
        return receiptError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lastResultProperty() {
        return lastResult.getReadOnlyProperty();
    }

    public Command exportCommand() {
        return exportCommand;
    }

    public Command saveCommand() {
        return saveCommand;
    }

    public Command deleteSavedCommand() {
        return deleteSavedCommand;
    }

    public Command refreshCommand() {
        return refreshCommand;
    }

    public Command retryCommand() {
        return retryCommand;
    }

    public Command copyLoadCommandCommand() {
        return copyLoadCommand;
    }

    public Command copyShaCommand() {
        return copyShaCommand;
    }
}
