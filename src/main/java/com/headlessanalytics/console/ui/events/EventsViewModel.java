package com.headlessanalytics.console.ui.events;

import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.ui.common.Activatable;
import com.headlessanalytics.console.ui.common.Command;
import com.headlessanalytics.console.ui.common.CsvExport;
import com.headlessanalytics.console.ui.common.DialogService;
import com.headlessanalytics.console.ui.common.EntityLink;
import com.headlessanalytics.console.ui.common.EntityNavigator;
import com.headlessanalytics.console.ui.common.EventNameSuggestions;
import com.headlessanalytics.console.ui.common.QueryLifecycle;
import com.headlessanalytics.console.ui.common.RunningTask;
import com.headlessanalytics.console.ui.common.Scheduler;
import com.headlessanalytics.console.ui.common.TaskRunner;
import com.headlessanalytics.console.ui.common.TextClipboard;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The Events screen: newest events first, read page by page as the table scrolls (never the whole
 * store), filtered, refreshed every second while shown and "live", with the selected envelope as JSON.
 * Exports what the table's filters match to CSV, and opens the "Send test event" form.
 *
 * <p>The first page of a filter goes through the screen's {@link QueryLifecycle} (the latest filter
 * wins, Cancel keeps what is shown). Further pages and the live refresh read on from the query
 * whose rows are shown, and their answers are dropped when other rows were shown meanwhile or a
 * new filter is being read: rows of two filters are never mixed.
 */
public final class EventsViewModel implements Activatable {
    static final int PAGE = 200;
    static final Duration POLL = Duration.ofSeconds(1);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d, HH:mm:ss", Locale.ENGLISH);

    /** One table row, formatted for display, with the event behind it. */
    public record Row(String id, String time, String name, String actor, String business, String trace,
                      String tier, String channel, Event event) {
        /** The marker of an event stored with tracking-plan warnings: "⚠ 2", or empty. */
        public String plan() {
            return event.warnings() == null || event.warnings().isEmpty() ? "" : "⚠ " + event.warnings().size();
        }
    }

    private final Supplier<HeadlessApi> api;
    private final TaskRunner tasks;
    private final Scheduler scheduler;
    private final ZoneId zone;
    private final DialogService dialogs;
    private final CsvExport csv;
    private final QueryLifecycle query;
    private final EventNameSuggestions names = new EventNameSuggestions();

    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final Set<String> shownIds = new HashSet<>();
    private final StringProperty eventFilter = new SimpleStringProperty("");
    private final StringProperty traceFilter = new SimpleStringProperty("");
    private final StringProperty actorFilter = new SimpleStringProperty("");
    private final StringProperty businessFilter = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> fromDate = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> toDate = new SimpleObjectProperty<>();
    private final BooleanProperty live = new SimpleBooleanProperty(true);
    private final ObjectProperty<Row> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper warnings = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper paging = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper hasMore = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper exporting = new ReadOnlyBooleanWrapper();
    private final ListChangeListener<RunningTask> exportWatch = this::exportTasksChanged;

    private final Command apply = new Command(this::apply);
    private final Command clear = new Command(this::clearFilters);
    private final Command exportToCsv;
    private final Command stopExport;
    private final Command sendTestEvent = new Command(this::sendTestEvent);
    private final Command copyEnvelope;
    private final TextClipboard clipboard;
    private final ObservableList<EntityLink> entityLinks = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper entitiesWired = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canOpenEntity = new ReadOnlyBooleanWrapper();
    private EntityNavigator entities;

    /** The filters last asked for (what an export writes). */
    private EventQuery applied;
    /** The query whose rows are shown; further pages and the live refresh read on from it. */
    private EventQuery shown;
    /** The page being read on, if any: a newer one or a newly shown filter makes its answer stale. */
    private Object pageRead;
    /** An exact range set by a drill-down; cleared as soon as a date filter is edited. */
    private Long exactFrom;
    private Long exactTo;
    /** Touchpoint filters set by a drill-down (there are no fields for them); cleared with the filters. */
    private EventQuery touch;
    private final ReadOnlyStringWrapper exactRange = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper exactRangeShown = new ReadOnlyBooleanWrapper();
    private String nextCursor;
    private TaskRunner.Handle polling;
    private boolean pollingInFlight;
    private Export export;

    /** A running export: its task as the runner lists it (once listed) and whether it was cancelled here. */
    private static final class Export {
        final String title;
        TaskRunner.Handle handle;
        RunningTask task;
        boolean cancelled;

        Export(String title) {
            this.title = title;
        }
    }

    public EventsViewModel(Supplier<HeadlessApi> api, TaskRunner tasks, Scheduler scheduler, Clock clock,
                           ZoneId zone, DialogService dialogs, TextClipboard clipboard) {
        this.api = api;
        this.clipboard = clipboard;
        this.tasks = tasks;
        this.scheduler = scheduler;
        this.zone = zone;
        this.dialogs = dialogs;
        this.csv = new CsvExport(tasks, dialogs, clock, zone);
        this.query = new QueryLifecycle(tasks);
        loading.bind(Bindings.or(query.runningProperty(), paging));
        exportToCsv = new Command(() -> csv.chooseTarget("events", "Export events as CSV").ifPresent(this::exportCsv),
                exporting.not());
        stopExport = new Command(this::cancelExport, exporting);
        copyEnvelope = new Command(() -> clipboard.copy(detail.get()), detail.isNotEmpty());
        exactRangeShown.bind(exactRange.isNotEmpty());
        selected.addListener((obs, old, row) -> detail.set(row == null ? "" : json(row.event())));
        selected.addListener((obs, old, row) -> warnings.set(row == null ? "" : warningsText(row.event())));
        selected.addListener((obs, old, row) -> entityLinks.setAll(row == null ? List.of() : EntityLink.of(row.event())));
        canOpenEntity.bind(entitiesWired.and(Bindings.isNotEmpty(entityLinks)));
        fromDate.addListener((obs, old, now) -> clearExactRange());
        toDate.addListener((obs, old, now) -> clearExactRange());
    }

    /**
     * Shows the events a number elsewhere was counted from: sets the filters of this query (its
     * times to the millisecond, the date pickers to the days they fall on) and reads them.
     */
    public void drillDown(EventQuery q) {
        eventFilter.set(q.event() == null ? "" : q.event());
        traceFilter.set(q.traceId() == null ? "" : q.traceId());
        actorFilter.set(q.actor() == null ? "" : q.actor());
        businessFilter.set(q.businessId() == null ? "" : q.businessId());
        fromDate.set(q.from() == null ? null : Instant.ofEpochMilli(q.from()).atZone(zone).toLocalDate());
        toDate.set(q.to() == null ? null : Instant.ofEpochMilli(q.to()).atZone(zone).toLocalDate());
        exactFrom = q.from();
        exactTo = q.to();
        touch = q.source() == null && q.channel() == null && q.campaign() == null && q.medium() == null
                && q.trackable() == null ? null : q;
        describeDrillDown();
        apply();
    }

    private void clearExactRange() {
        exactFrom = null;
        exactTo = null;
        describeDrillDown();
    }

    /** The drill-down's exact range and touchpoint filters in words; empty when none applies. */
    private void describeDrillDown() {
        List<String> parts = new ArrayList<>();
        if (exactFrom != null || exactTo != null) {
            parts.add("Exact time range: " + (exactFrom == null ? "…" : TIME.format(Instant.ofEpochMilli(exactFrom)
                    .atZone(zone))) + " – " + (exactTo == null ? "…" : TIME.format(Instant.ofEpochMilli(exactTo)
                    .atZone(zone))));
        }
        if (touch != null) {
            for (String[] f : new String[][] {{"source", touch.source()}, {"channel", touch.channel()},
                    {"campaign", touch.campaign()}, {"medium", touch.medium()}, {"trackable", touch.trackable()}}) {
                if (f[1] != null) {
                    parts.add(f[0] + " = " + f[1]);
                }
            }
        }
        exactRange.set(String.join(" · ", parts));
    }

    /** Whether a drill-down's exact range is in force (and its line shown). */
    public ReadOnlyBooleanProperty exactRangeShownProperty() {
        return exactRangeShown.getReadOnlyProperty();
    }

    /** Describes the exact time range of a drill-down while it applies; empty otherwise. */
    public ReadOnlyStringProperty exactRangeProperty() {
        return exactRange.getReadOnlyProperty();
    }

    @Override
    public void activate() {
        apply();
        loadEventNames();
        polling = scheduler.every(POLL, this::poll);
    }

    /** Reads the stored event names for the name filter's suggestions. */
    void loadEventNames() {
        names.load(api, tasks, query::fail);
    }

    /** Up to {@code max} known names containing the text, those starting with it first. */
    public List<String> suggestions(String text, int max) {
        return names.suggest(text, max);
    }

    /** The stored event names, most frequent first. */
    public List<String> eventNames() {
        return names.names();
    }

    @Override
    public void deactivate() {
        if (polling != null) {
            polling.cancel();
            polling = null;
        }
    }

    /** Reads the first page for the current filters. */
    public void apply() {
        EventQuery q = buildQuery();
        if (q != null) {
            load(q);
        }
    }

    /** Reads the first page of {@code q}; its rows replace those shown once they arrive. */
    private void load(EventQuery q) {
        applied = q;
        query.run("Loading events", "Loading events…", p -> api.get().events(q), page -> {
            shown = q;
            pageRead = null;
            paging.set(false);
            rows.clear();
            shownIds.clear();
            append(page);
        });
    }

    public void clearFilters() {
        touch = null;
        describeDrillDown();
        eventFilter.set("");
        traceFilter.set("");
        actorFilter.set("");
        businessFilter.set("");
        fromDate.set(null);
        toDate.set(null);
        apply();
    }

    /** How near the end of the table a shown row asks for the next page. */
    static final int PREFETCH_ROWS = 20;

    /** The table shows the row at {@code index}: within {@link #PREFETCH_ROWS} of the end, the next page is read. */
    public void rowShown(int index) {
        if (index >= rows.size() - PREFETCH_ROWS) {
            loadMore();
        }
    }

    /** Reads the next page of the rows shown; the table calls this as its end comes into view. */
    public void loadMore() {
        if (loading.get() || nextCursor == null || shown == null) {
            return;
        }
        EventQuery q = shown;
        String cursor = nextCursor;
        Object read = new Object();
        pageRead = read;
        paging.set(true);
        tasks.submit("Loading more events", p -> api.get().events(q.withCursor(cursor)), page -> {
            if (endPageRead(read) && q == shown && !query.isRunning()) {
                append(page);
            }
        }, failure -> {
            if (endPageRead(read)) {
                query.fail(failure);
            }
        });
    }

    /** True when {@code read} is still the page being read on; it is not any more. */
    private boolean endPageRead(Object read) {
        if (pageRead != read) {
            return false;
        }
        pageRead = null;
        paging.set(false);
        return true;
    }

    /**
     * Writes every event the table's filters match (the last applied ones, as the table shows them),
     * newest first, to {@code target} as CSV; see {@link EventsExport}. One export runs at a time.
     */
    public void exportCsv(Path target) {
        EventQuery q = applied != null ? applied : buildQuery();
        if (exporting.get() || q == null) {
            return;
        }
        Export run = new Export("Exporting events to " + target.getFileName());
        export = run;
        exporting.set(true);
        tasks.running().addListener(exportWatch);
        run.handle = tasks.submit(run.title, p -> EventsExport.write(api.get(), q, target, p), count -> {
            endExport(run);
            dialogs.notify(String.format(Locale.ENGLISH, "Exported %,d events to %s", count, target));
        }, failure -> {
            boolean cancelled = failure instanceof CancellationException;
            run.cancelled |= cancelled;
            endExport(run);
            if (!cancelled) {
                dialogs.showError("The events could not be exported to " + target, failure);
            }
        });
    }

    /**
     * Stops the running export and ends it here at once; its task deletes the partly written file
     * as soon as it notices, after the page it is reading.
     */
    public void cancelExport() {
        Export run = export;
        if (run == null) {
            return;
        }
        run.cancelled = true;
        run.handle.cancel();
        endExport(run);
    }

    /** Ends an export when its task leaves the runner's list, so a cancel from the status bar ends it too. */
    private void exportTasksChanged(ListChangeListener.Change<? extends RunningTask> change) {
        Export run = export;
        while (run != null && change.next()) {
            for (RunningTask t : change.getAddedSubList()) {
                if (run.task == null && t.title().equals(run.title)) {
                    run.task = t;
                }
            }
            if (run.task != null && change.getRemoved().contains(run.task)) {
                endExport(run);
            }
        }
    }

    private void endExport(Export run) {
        if (export != run) {
            return;
        }
        export = null;
        exporting.set(false);
        tasks.running().removeListener(exportWatch);
        if (run.cancelled) {
            dialogs.notify("Export cancelled; no file was written.");
        }
    }

    /** Opens the "Send test event" form. */
    public void sendTestEvent() {
        dialogs.showForm(newTestEvent());
    }

    /** A new "Send test event" form; the table reloads after the event is stored. */
    public TestEventViewModel newTestEvent() {
        return new TestEventViewModel(api, tasks, dialogs, this::apply);
    }

    /**
     * Adds events newer than the newest shown; reloads the shown filter when more arrived than one
     * page holds. Not while a page or a new filter is read.
     */
    void poll() {
        if (!live.get() || loading.get() || shown == null || pollingInFlight) {
            return;
        }
        EventQuery q = shown;
        pollingInFlight = true;
        tasks.submit("Refreshing events", p -> api.get().events(q.withCursor(null)), page -> {
            pollingInFlight = false;
            if (q != shown || loading.get()) {
                return;
            }
            List<Row> fresh = new ArrayList<>();
            for (Event e : page.events()) {
                if (shownIds.contains(e.id())) {
                    break;
                }
                fresh.add(row(e));
            }
            if (fresh.size() == page.events().size() && !rows.isEmpty() && page.nextCursor() != null) {
                load(q);
                return;
            }
            if (!fresh.isEmpty()) {
                fresh.forEach(r -> shownIds.add(r.id()));
                rows.addAll(0, fresh);
                updateStatus();
            }
            query.clearError();
        }, failure -> {
            pollingInFlight = false;
            query.fail(failure);
        });
    }

    private void append(EventPage page) {
        List<Row> added = new ArrayList<>(page.events().size());
        for (Event e : page.events()) {
            if (shownIds.add(e.id())) {
                added.add(row(e));
            }
        }
        rows.addAll(added);
        nextCursor = page.nextCursor();
        hasMore.set(nextCursor != null);
        updateStatus();
    }

    private void updateStatus() {
        query.status(rows.isEmpty() ? "No events match" : String.format("%,d events shown%s", rows.size(),
                hasMore.get() ? " · scroll for more" : ""));
    }

    private EventQuery buildQuery() {
        Long from = exactFrom != null ? exactFrom
                : fromDate.get() == null ? null : fromDate.get().atStartOfDay(zone).toInstant().toEpochMilli();
        Long to = exactTo != null ? exactTo : toDate.get() == null ? null
                : toDate.get().plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli() - 1;
        if (from != null && to != null && from > to) {
            query.fail("The start date is after the end date.");
            return null;
        }
        return new EventQuery(blankToNull(businessFilter), blankToNull(eventFilter), blankToNull(traceFilter),
                blankToNull(actorFilter), from, to, PAGE, null, EventQuery.Order.DESC,
                touch == null ? null : touch.source(), touch == null ? null : touch.channel(),
                touch == null ? null : touch.campaign(), touch == null ? null : touch.medium(),
                touch == null ? null : touch.trackable());
    }

    private Row row(Event e) {
        String channel = channelOf(e);
        return new Row(e.id(), TIME.format(Instant.ofEpochMilli(e.timestamp()).atZone(zone)), e.event(),
                e.actorKey() == null ? "" : e.actorKey(), e.businessId(), e.traceId() == null ? "" : e.traceId(),
                e.trustTier() == null ? "" : e.trustTier().name(), channel, e);
    }

    private static String channelOf(Event e) {
        if (e.attribution() != null && e.attribution().get("channel") instanceof String s) {
            return s;
        }
        return e.source() != null && e.source().get("channel") instanceof String s ? s : "";
    }

    private static String blankToNull(StringProperty p) {
        String v = p.get();
        return v == null || v.isBlank() ? null : v.strip();
    }

    static String json(Event e) {
        try {
            return ApiJson.pretty(e);
        } catch (UncheckedIOException ex) {
            return String.valueOf(e);
        }
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public StringProperty eventFilterProperty() {
        return eventFilter;
    }

    public StringProperty traceFilterProperty() {
        return traceFilter;
    }

    public StringProperty actorFilterProperty() {
        return actorFilter;
    }

    public StringProperty businessFilterProperty() {
        return businessFilter;
    }

    public ObjectProperty<LocalDate> fromDateProperty() {
        return fromDate;
    }

    public ObjectProperty<LocalDate> toDateProperty() {
        return toDate;
    }

    public BooleanProperty liveProperty() {
        return live;
    }

    public ObjectProperty<Row> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** The selected event's tracking-plan warnings, one a line ("plan · field: message"); empty when none. */
    public ReadOnlyStringProperty warningsProperty() {
        return warnings.getReadOnlyProperty();
    }

    static String warningsText(Event e) {
        if (e.warnings() == null || e.warnings().isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("Stored with " + e.warnings().size() + " tracking-plan "
                + (e.warnings().size() == 1 ? "warning:" : "warnings:"));
        e.warnings().forEach(w -> b.append("\n• ").append(w.field()).append(" (").append(w.code()).append("): ")
                .append(w.message()));
        return b.toString();
    }

    /** The first page's query: what the screen's header and error banner show. */
    public QueryLifecycle query() {
        return query;
    }

    public ReadOnlyStringProperty statusProperty() {
        return query.statusProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return query.errorProperty();
    }

    /** True while the first page of a filter or a further page is read. */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Reads the first page for the filters. */
    public Command applyCommand() {
        return apply;
    }

    /** Clears the filters and reads again. */
    public Command clearCommand() {
        return clear;
    }

    /** Asks for a CSV file and writes every event the filters match; not while an export runs. */
    public Command exportCommand() {
        return exportToCsv;
    }

    /** Stops the running export; only while one runs. */
    public Command cancelExportCommand() {
        return stopExport;
    }

    /** Where Open entity goes: the Entities screen. */
    public void onOpenEntity(EntityNavigator navigator) {
        entities = navigator;
        entitiesWired.set(navigator != null);
    }

    /** The entities the selected event names (actor, object, entity with a type and an id); empty for none. */
    public ObservableList<EntityLink> entityLinks() {
        return entityLinks;
    }

    /** True while the selected event names an entity to open: a string actor is none. */
    public ReadOnlyBooleanProperty canOpenEntityProperty() {
        return canOpenEntity.getReadOnlyProperty();
    }

    /** Opens the Entities screen on one of the selected event's entities. */
    public void openEntity(EntityLink link) {
        if (canOpenEntity.get() && link != null) {
            entities.showEntity(link.type(), link.id());
        }
    }

    /** Copy JSON: puts the selected event's envelope on the clipboard; only while one is selected. */
    public Command copyEnvelopeCommand() {
        return copyEnvelope;
    }

    /** Opens the "Send test event" form. */
    public Command sendTestEventCommand() {
        return sendTestEvent;
    }

    public ReadOnlyBooleanProperty hasMoreProperty() {
        return hasMore.getReadOnlyProperty();
    }

    /** True while an export runs. */
    public ReadOnlyBooleanProperty exportingProperty() {
        return exporting.getReadOnlyProperty();
    }
}
