package com.headlessanalytics.console.ui.connectors;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.Capabilities;
import com.headlessanalytics.console.api.Connectors;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.domain.Revenue;
import com.headlessanalytics.console.ui.common.Activatable;
import com.headlessanalytics.console.ui.common.Command;
import com.headlessanalytics.console.ui.common.DialogService;
import com.headlessanalytics.console.ui.common.ErrorText;
import com.headlessanalytics.console.ui.common.FeatureGate;
import com.headlessanalytics.console.ui.common.Formats;
import com.headlessanalytics.console.ui.common.Navigator;
import com.headlessanalytics.console.ui.common.QueryLifecycle;
import com.headlessanalytics.console.ui.common.TaskRunner;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Import wizard: (1) the provider, from the server's list or typed where the server does not
 * list them, and optionally its record type; (2) a file (JSON, NDJSON, CSV), whose first
 * {@value Connectors#MAX_RECORDS} records are sent as a dry run; (3) the preview of the mapped
 * events with their warnings and errors and what an import would do; (4) the import, in chunks of
 * {@value Connectors#MAX_RECORDS} records on the task runner, with progress and a Cancel that stops
 * after the chunk being sent, then a summary. A chunk the server refuses stops the import; chunks
 * stored before stay stored, and since event ids come from the records, running it again stores
 * only the rest. Where the {@link ChunkSender} stores on a thread of its own (an embedded
 * workspace), each chunk is read and mapped while the one before is stored.
 */
public final class ImportViewModel implements Activatable {
    /** Records per dry run and per import request. */
    public static final int CHUNK = Connectors.MAX_RECORDS;

    public enum Step { PROVIDER, FILE, PREVIEW, IMPORT }

    /** What became of a record in the preview. */
    public enum Status { NEW, DUPLICATE, WARNING, ERROR }

    /** A provider as listed: id, title, category and its record types. */
    public record ProviderRow(String id, String title, String category, List<String> recordTypes) {
        public String recordTypesText() {
            return String.join(", ", recordTypes);
        }
    }

    /** A record of the preview: its number in the file (from 1) and the event it maps to. */
    public record PreviewRow(int record, String recordId, String event, String actor, String revenue, String time,
                             Status status, String notes) {
    }

    /** A chunk that was not stored: its number, the records it held (from 1) and why, per record where known. */
    public record ChunkFailure(int chunk, int firstRecord, int lastRecord, List<String> errors) {
    }

    /**
     * What an import did: records in the file, records sent and answered, events stored, duplicates
     * (already stored), chunks not stored, how long it took, whether Cancel stopped it, and the time
     * span and names of the events it answered (for Open in Events).
     */
    public record Summary(int total, int done, int accepted, int duplicates, List<ChunkFailure> failed, long millis,
                          boolean stopped, Long from, Long to, Set<String> events) {
        public boolean complete() {
            return failed.isEmpty() && !stopped && done == total;
        }
    }

    private record Listed(Capabilities capabilities, List<Connectors.Provider> providers) {
    }

    private record Previewed(int total, Connectors.Result dryRun) {
    }

    private final Supplier<HeadlessApi> api;
    private final Function<HeadlessApi, ChunkSender<?>> senders;
    private final DialogService dialogs;
    private final RecordReader reader;
    private final Navigator navigator;
    private final Clock clock;
    private final ZoneId zone;
    private final QueryLifecycle query;
    private final QueryLifecycle importRun;
    private final FeatureGate providersGate = new FeatureGate(Capabilities.Feature.CONNECTOR_PROVIDERS);
    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(Step.PROVIDER);
    private final ObservableList<ProviderRow> providers = FXCollections.observableArrayList();
    private final ObjectProperty<ProviderRow> provider = new SimpleObjectProperty<>();
    private final StringProperty typedProvider = new SimpleStringProperty("");
    private final ObservableList<String> recordTypes = FXCollections.observableArrayList("");
    private final ObjectProperty<String> recordType = new SimpleObjectProperty<>("");
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>();
    private final ObservableList<PreviewRow> preview = FXCollections.observableArrayList();
    private final ObservableList<String> previewErrors = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper previewTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper willImport = new ReadOnlyStringWrapper("0");
    private final ReadOnlyStringWrapper duplicates = new ReadOnlyStringWrapper("0");
    private final ReadOnlyStringWrapper warnings = new ReadOnlyStringWrapper("0");
    private final ReadOnlyStringWrapper errors = new ReadOnlyStringWrapper("0");
    private final ReadOnlyBooleanWrapper previewHasErrors = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Summary> summary = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summaryText = new ReadOnlyStringWrapper("");
    private final ObservableList<String> summaryErrors = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper stopping = new ReadOnlyBooleanWrapper();
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private int total;
    private final Command nextCommand;
    private final Command backCommand;
    private final Command chooseFileCommand;
    private final Command importCommand;
    private final Command stopCommand;
    private final Command openEventsCommand;
    private final Command startOverCommand;

    /** {@code senders} gives the import's way of sending chunks to a workspace, e.g. {@link ChunkSender#plain}. */
    public ImportViewModel(Supplier<HeadlessApi> api, Function<HeadlessApi, ChunkSender<?>> senders, TaskRunner tasks,
                           DialogService dialogs, RecordReader reader, Navigator navigator, Clock clock, ZoneId zone) {
        this.api = api;
        this.senders = senders;
        this.dialogs = dialogs;
        this.reader = reader;
        this.navigator = navigator;
        this.clock = clock;
        this.zone = zone;
        this.query = new QueryLifecycle(tasks);
        this.importRun = new QueryLifecycle(tasks);
        ObservableBooleanValue busy = query.runningProperty().or(importRun.runningProperty());
        nextCommand = new Command(() -> step.set(Step.FILE), step.isEqualTo(Step.PROVIDER)
                .and(Bindings.createBooleanBinding(() -> !providerId().isEmpty(), provider, typedProvider,
                        providersGate.offeredProperty())));
        backCommand = new Command(this::back, step.isNotEqualTo(Step.PROVIDER).and(Bindings.not(busy)));
        chooseFileCommand = new Command(this::chooseFile, step.isEqualTo(Step.FILE).and(Bindings.not(busy)));
        importCommand = new Command(this::startImport, step.isEqualTo(Step.PREVIEW).and(previewHasErrors.not())
                .and(Bindings.not(busy)));
        stopCommand = new Command(this::stop, importRun.runningProperty().and(stopping.not()));
        openEventsCommand = new Command(this::openEvents, Bindings.createBooleanBinding(() -> summary.get() != null
                && summary.get().from() != null, summary));
        startOverCommand = new Command(this::startOver, step.isEqualTo(Step.IMPORT).and(importRun.runningProperty()
                .not()));
        provider.addListener((obs, old, row) -> {
            recordTypes.setAll("");
            if (row != null) {
                recordTypes.addAll(row.recordTypes());
            }
            recordType.set("");
        });
    }

    @Override
    public void activate() {
        if (providers.isEmpty()) {
            readProviders();
        }
    }

    @Override
    public void deactivate() {
        query.stop();
    }

    /** Reads what the server offers and, where it lists them, the providers. */
    public void readProviders() {
        query.run("Reading connector providers", "Reading connector providers…", p -> {
            HeadlessApi port = api.get();
            Capabilities capabilities = port.capabilities();
            List<Connectors.Provider> list = capabilities.offers(Capabilities.Feature.CONNECTOR_PROVIDERS)
                    ? port.connectorProviders().providers() : List.of();
            return new Listed(capabilities, list);
        }, listed -> {
            providersGate.apply(listed.capabilities());
            List<Connectors.Provider> list = listed.providers();
            providers.setAll(list.stream().map(ImportViewModel::row).toList());
            query.status(providersGate.isOffered() ? list.size() + " providers" : "");
        });
    }

    static ProviderRow row(Connectors.Provider p) {
        return new ProviderRow(p.id(), p.title() == null ? p.id() : p.title(), p.category() == null ? ""
                : p.category(), p.recordTypes() == null ? List.of()
                : p.recordTypes().stream().map(Connectors.RecordType::type).toList());
    }

    /** The provider id the import sends: the chosen one, or the typed one where the server lists none. */
    public String providerId() {
        if (providersGate.isOffered()) {
            return provider.get() == null ? "" : provider.get().id();
        }
        return typedProvider.get() == null ? "" : typedProvider.get().strip();
    }

    private String recordTypeOrNull() {
        String t = recordType.get();
        return t == null || t.isBlank() ? null : t.strip();
    }

    /** How a record type choice is shown; the empty one lets the mapping recognise each record. */
    public static String recordTypeLabel(String type) {
        return type == null || type.isEmpty() ? "Recognise each record by its shape" : type;
    }

    private void back() {
        switch (step.get()) {
            case FILE -> step.set(Step.PROVIDER);
            case PREVIEW -> step.set(Step.FILE);
            case IMPORT -> step.set(Step.PREVIEW);
            default -> { }
        }
        query.clearError();
    }

    /** Asks for the file, then reads its first chunk (and counts its records) and sends it as a dry run. */
    public void chooseFile() {
        dialogs.chooseOpenFile("Choose the records to import", DialogService.FileType.NDJSON,
                DialogService.FileType.JSON, DialogService.FileType.CSV, DialogService.FileType.ANY)
                .ifPresent(this::preview);
    }

    /** Reads {@code path}'s first chunk and counts its records, then shows the dry run of that chunk. */
    public void preview(Path path) {
        file.set(path);
        String providerId = providerId();
        String type = recordTypeOrNull();
        query.run("Previewing an import", "Reading " + path.getFileName() + "…", p -> {
            List<Map<String, Object>> first;
            int count;
            try (RecordReader.Chunks chunks = reader.open(path)) {
                first = chunks.next(CHUNK);
                count = first.size();
                for (List<Map<String, Object>> more = chunks.next(CHUNK); !more.isEmpty() && !p.cancelled();
                     more = chunks.next(CHUNK)) {
                    count += more.size();
                }
            }
            if (first.isEmpty()) {
                throw new IllegalArgumentException(path.getFileName() + " holds no records.");
            }
            p.update(-1, "Mapping the first " + Formats.count(first.size()) + " records (dry run)…");
            Connectors.Result result = api.get().connectorIngest(new Connectors.Request(providerId, type, first,
                    true, null));
            return new Previewed(count, result);
        }, previewed -> {
            total = previewed.total();
            showPreview(previewed.dryRun(), path);
            step.set(Step.PREVIEW);
        });
    }

    private void showPreview(Connectors.Result result, Path path) {
        List<PreviewRow> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int newOnes = 0;
        int dups = 0;
        int warned = 0;
        int failed = 0;
        for (Connectors.RecordResult r : result.records()) {
            List<Connectors.Note> errs = r.errors() == null ? List.of() : r.errors();
            List<Connectors.Note> warns = r.warnings() == null ? List.of() : r.warnings();
            Status status = !errs.isEmpty() ? Status.ERROR : r.duplicate() ? Status.DUPLICATE
                    : !warns.isEmpty() ? Status.WARNING : Status.NEW;
            if (!errs.isEmpty()) {
                failed++;
            } else if (r.duplicate()) {
                dups++;
            } else {
                newOnes++;
            }
            if (!warns.isEmpty()) {
                warned++;
            }
            for (Connectors.Note n : errs) {
                problems.add(recordName(r.index() + 1, r.recordId()) + ": " + note(n));
            }
            List<String> notes = new ArrayList<>();
            errs.forEach(n -> notes.add(note(n)));
            warns.forEach(n -> notes.add(note(n)));
            rows.add(row(r, status, String.join("; ", notes)));
        }
        preview.setAll(rows);
        previewErrors.setAll(problems);
        willImport.set(Formats.count(newOnes));
        duplicates.set(Formats.count(dups));
        warnings.set(Formats.count(warned));
        errors.set(Formats.count(failed));
        previewHasErrors.set(failed > 0);
        String name = path.getFileName().toString();
        previewTitle.set(result.records().size() == total
                ? "All " + Formats.count(total) + (total == 1 ? " record" : " records") + " of " + name
                : "The first " + Formats.count(result.records().size()) + " of " + Formats.count(total)
                        + " records of " + name + "; the rest are checked as they are imported");
        query.status("Dry run: nothing stored");
    }

    private PreviewRow row(Connectors.RecordResult r, Status status, String notes) {
        Event e = r.event();
        String revenue = "";
        String time = "";
        String actor = "";
        String event = "";
        if (e != null) {
            event = e.event();
            actor = e.actorKey() == null ? "" : e.actorKey();
            time = Formats.time(e.timestamp(), zone);
            BigDecimal amount = Revenue.of(e);
            if (amount != null) {
                Object currency = e.outcome() != null && e.outcome().get("currency") != null
                        ? e.outcome().get("currency") : e.properties() == null ? null : e.properties().get("currency");
                revenue = Formats.money(amount) + (currency == null ? "" : " " + currency);
            }
        }
        return new PreviewRow(r.index() + 1, r.recordId() == null ? "" : r.recordId(), event, actor, revenue, time,
                status, notes);
    }

    static String recordName(int number, String recordId) {
        return "Record " + number + (recordId == null || recordId.isEmpty() ? "" : " (" + recordId + ")");
    }

    static String note(Connectors.Note n) {
        return (n.field() == null || n.field().isEmpty() ? "" : n.field() + ": ") + n.message();
    }

    /** Imports the whole file in chunks; the summary replaces the progress when it ends. */
    public void startImport() {
        Path path = file.get();
        String providerId = providerId();
        String type = recordTypeOrNull();
        int expected = total;
        stopRequested.set(false);
        stopping.set(false);
        summary.set(null);
        summaryText.set("");
        summaryErrors.clear();
        query.status("");
        step.set(Step.IMPORT);
        importRun.run("Importing " + path.getFileName(), "Starting the import…",
                p -> importAll(p, path, providerId, type, expected), this::showSummary);
    }

    private Summary importAll(TaskRunner.Progress progress, Path path, String providerId, String type,
                              int expected) throws Exception {
        try (ChunkSender<?> sender = senders.apply(api.get())) {
            return importAll(sender, progress, path, providerId, type, expected);
        }
    }

    /**
     * Reads and prepares chunk k+1 while chunk k is stored, then counts k's answer and, unless it was
     * refused or Cancel was pressed, stores k+1: answered in file order, nothing stored after a refusal.
     */
    private <P> Summary importAll(ChunkSender<P> sender, TaskRunner.Progress progress, Path path, String providerId,
                                  String type, int expected) throws Exception {
        long started = clock.millis();
        Tally tally = new Tally();
        int chunk = 0;
        boolean stopped = false;
        Sent storing = null;
        progress.update(0, progressText(0, expected));
        try (RecordReader.Chunks chunks = reader.open(path)) {
            while (true) {
                List<Map<String, Object>> records;
                Exception unreadable = null;
                try {
                    records = chunks.next(CHUNK);
                } catch (Exception e) {
                    records = List.of();
                    unreadable = e;
                }
                Supplier<Future<Connectors.Result>> send = records.isEmpty() ? null
                        : prepare(sender, new Connectors.Request(providerId, type, records, false, null));
                if (storing != null) {
                    if (!tally.answered(storing)) {
                        break;
                    }
                    progress.update(expected == 0 ? -1 : Math.min(1.0, tally.done / (double) expected),
                            progressText(tally.done, Math.max(tally.done, expected)));
                }
                if (stopRequested.get()) {
                    stopped = true;
                    break;
                }
                if (unreadable != null) {
                    tally.failed.add(new ChunkFailure(chunk + 1, tally.done + 1, tally.done + 1,
                            List.of("The file could not be read further: " + ErrorText.describe(unreadable))));
                    break;
                }
                if (records.isEmpty()) {
                    break;
                }
                storing = new Sent(++chunk, records.size(), send.get());
            }
        }
        return new Summary(Math.max(tally.done, expected), tally.done, tally.accepted, tally.duplicates,
                tally.failed, clock.millis() - started, stopped, tally.from, tally.to, tally.names);
    }

    /** Prepares the chunk now; the answer stores it, or fails as the preparing did. */
    private static <P> Supplier<Future<Connectors.Result>> prepare(ChunkSender<P> sender, Connectors.Request request) {
        try {
            P prepared = sender.prepare(request);
            return () -> sender.store(prepared);
        } catch (RuntimeException refused) {
            return () -> CompletableFuture.failedFuture(refused);
        }
    }

    /** A chunk being stored: its number, its record count and its answer to come. */
    private record Sent(int chunk, int size, Future<Connectors.Result> answer) {
    }

    /** What the answered chunks add up to. */
    private static final class Tally {
        int done;
        int accepted;
        int duplicates;
        Long from;
        Long to;
        final Set<String> names = new HashSet<>();
        final List<ChunkFailure> failed = new ArrayList<>();

        /** Waits for the chunk's answer and counts it; false, with the failure noted, when it was not stored. */
        boolean answered(Sent sent) throws InterruptedException {
            Connectors.Result result;
            try {
                result = answer(sent.answer());
            } catch (RuntimeException refused) {
                failed.add(new ChunkFailure(sent.chunk(), done + 1, done + sent.size(), reasons(refused, done)));
                return false;
            }
            accepted += result.accepted();
            duplicates += result.duplicates();
            for (Connectors.RecordResult r : result.records()) {
                if (r.event() != null) {
                    long ts = r.event().timestamp();
                    from = from == null ? ts : Math.min(from, ts);
                    to = to == null ? ts : Math.max(to, ts);
                    names.add(r.event().event());
                }
            }
            done += sent.size();
            return true;
        }
    }

    /** The stored chunk's answer, or what its store threw. */
    private static Connectors.Result answer(Future<Connectors.Result> answer) throws InterruptedException {
        try {
            return answer.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    static String progressText(int done, int total) {
        return Formats.count(done) + " of " + Formats.count(total) + " records";
    }

    /** Why a chunk was not stored: each refused record by its number in the file, or the failure's sentence. */
    static List<String> reasons(RuntimeException failure, int offset) {
        if (failure instanceof ApiException api && !api.details().isEmpty()) {
            List<String> out = new ArrayList<>();
            for (FieldError d : api.details()) {
                String where = d.index() == null ? "" : "Record " + (offset + d.index() + 1) + ": ";
                out.add(where + (d.field() == null || d.field().isEmpty() ? "" : d.field() + ": ") + d.message());
            }
            return out;
        }
        return List.of(ErrorText.describe(failure));
    }

    private void showSummary(Summary s) {
        summary.set(s);
        StringBuilder text = new StringBuilder();
        text.append(s.stopped() ? "Stopped after " : s.failed().isEmpty() ? "Imported " : "Stopped at a refused chunk after ")
                .append(progressText(s.done(), s.total())).append(" in ").append(Formats.duration(s.millis()))
                .append(": ").append(Formats.count(s.accepted())).append(" new events stored, ")
                .append(Formats.count(s.duplicates())).append(" duplicates (already stored)");
        if (!s.failed().isEmpty()) {
            text.append(", ").append(s.failed().size()).append(" chunk not stored");
        }
        text.append('.');
        if (!s.complete()) {
            text.append(" Nothing stored is lost: running the import again stores only the rest.");
        }
        summaryText.set(text.toString());
        List<String> lines = new ArrayList<>();
        for (ChunkFailure f : s.failed()) {
            lines.add("Chunk " + f.chunk() + " (records " + Formats.count(f.firstRecord()) + "–"
                    + Formats.count(f.lastRecord()) + ") was not stored:");
            f.errors().forEach(e -> lines.add("    " + e));
        }
        summaryErrors.setAll(lines);
        importRun.status(s.complete() ? "Import complete" : s.stopped() ? "Import stopped" : "Import stopped early");
    }

    /** Stops the import after the chunk being sent; what was stored stays. */
    public void stop() {
        stopRequested.set(true);
        stopping.set(true);
        importRun.status("Stopping after the current chunk…");
    }

    /** Opens the Events screen on the imported events' span (and their name, when they share one). */
    private void openEvents() {
        Summary s = summary.get();
        String name = s.events().size() == 1 ? s.events().iterator().next() : null;
        navigator.showEvents(new EventQuery(null, name, null, null, s.from(), s.to(), null, null,
                EventQuery.Order.DESC));
    }

    private void startOver() {
        summary.set(null);
        summaryText.set("");
        summaryErrors.clear();
        preview.clear();
        previewErrors.clear();
        file.set(null);
        importRun.status("");
        step.set(Step.PROVIDER);
    }

    /** The summary's one-line figures joined by line breaks, for tests and logs. */
    String summaryLines() {
        return summaryText.get() + (summaryErrors.isEmpty() ? "" : "\n" + summaryErrors.stream()
                .collect(Collectors.joining("\n")));
    }

    public QueryLifecycle query() {
        return query;
    }

    /** The import's run: running, progress (fraction), status ("2,000 of 5,230 records") and its error. */
    public QueryLifecycle importRun() {
        return importRun;
    }

    public FeatureGate providersGate() {
        return providersGate;
    }

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ObservableList<ProviderRow> providers() {
        return providers;
    }

    public ObjectProperty<ProviderRow> providerProperty() {
        return provider;
    }

    public StringProperty typedProviderProperty() {
        return typedProvider;
    }

    public ObservableList<String> recordTypes() {
        return recordTypes;
    }

    public ObjectProperty<String> recordTypeProperty() {
        return recordType;
    }

    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    public ObservableList<PreviewRow> preview() {
        return preview;
    }

    public ObservableList<String> previewErrors() {
        return previewErrors;
    }

    public ReadOnlyStringProperty previewTitleProperty() {
        return previewTitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty willImportProperty() {
        return willImport.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty duplicatesProperty() {
        return duplicates.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty warningsProperty() {
        return warnings.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorsProperty() {
        return errors.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty previewHasErrorsProperty() {
        return previewHasErrors.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Summary> summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryTextProperty() {
        return summaryText.getReadOnlyProperty();
    }

    public ObservableList<String> summaryErrors() {
        return summaryErrors;
    }

    public ReadOnlyBooleanProperty stoppingProperty() {
        return stopping.getReadOnlyProperty();
    }

    public Command nextCommand() {
        return nextCommand;
    }

    public Command backCommand() {
        return backCommand;
    }

    public Command chooseFileCommand() {
        return chooseFileCommand;
    }

    public Command importCommand() {
        return importCommand;
    }

    public Command stopCommand() {
        return stopCommand;
    }

    public Command openEventsCommand() {
        return openEventsCommand;
    }

    public Command startOverCommand() {
        return startOverCommand;
    }
}
