package com.headlessanalytics.console.ui.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.EventNames;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.ui.common.Activatable;
import com.headlessanalytics.console.ui.common.DialogService;
import com.headlessanalytics.console.ui.common.ErrorText;
import com.headlessanalytics.console.ui.common.RunningTask;
import com.headlessanalytics.console.ui.common.Scheduler;
import com.headlessanalytics.console.ui.common.TaskRunner;
import java.nio.file.Path;
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
 */
public final class EventsViewModel implements Activatable {
    static final int PAGE = 200;
    static final Duration POLL = Duration.ofSeconds(1);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d, HH:mm:ss", Locale.ENGLISH);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm", Locale.ROOT);

    /** One table row, formatted for display, with the event behind it. */
    public record Row(String id, String time, String name, String actor, String business, String trace,
                      String tier, String channel, Event event) {
    }

    private final Supplier<HeadlessApi> api;
    private final TaskRunner tasks;
    private final Scheduler scheduler;
    private final ZoneId zone;
    private final DialogService dialogs;

    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<String> eventNames = FXCollections.observableArrayList();
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
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper hasMore = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper exporting = new ReadOnlyBooleanWrapper();
    private final ListChangeListener<RunningTask> exportWatch = this::exportTasksChanged;

    private EventQuery query;
    /** An exact range set by a drill-down; cleared as soon as a date filter is edited. */
    private Long exactFrom;
    private Long exactTo;
    /** Touchpoint filters set by a drill-down (there are no fields for them); cleared with the filters. */
    private EventQuery touch;
    private final ReadOnlyStringWrapper exactRange = new ReadOnlyStringWrapper("");
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

    public EventsViewModel(Supplier<HeadlessApi> api, TaskRunner tasks, Scheduler scheduler, ZoneId zone,
                           DialogService dialogs) {
        this.api = api;
        this.tasks = tasks;
        this.scheduler = scheduler;
        this.zone = zone;
        this.dialogs = dialogs;
        selected.addListener((obs, old, row) -> detail.set(row == null ? "" : json(row.event())));
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
        touch = q.source() == null && q.channel() == null && q.campaign() == null && q.medium() == null ? null : q;
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
                    {"campaign", touch.campaign()}, {"medium", touch.medium()}}) {
                if (f[1] != null) {
                    parts.add(f[0] + " = " + f[1]);
                }
            }
        }
        exactRange.set(String.join(" · ", parts));
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
        tasks.submit("Reading event names", p -> api.get().eventNames(null),
                names -> eventNames.setAll(names.names().stream().map(EventNames.Name::event).toList()),
                failure -> error.set(ErrorText.describe(failure)));
    }

    /** Up to {@code max} known names containing the text, those starting with it first. */
    public List<String> suggestions(String text, int max) {
        String needle = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
        if (needle.isEmpty()) {
            return List.of();
        }
        List<String> starting = new ArrayList<>();
        List<String> containing = new ArrayList<>();
        for (String name : eventNames) {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (lower.equals(needle)) {
                continue;
            }
            if (lower.startsWith(needle)) {
                starting.add(name);
            } else if (lower.contains(needle)) {
                containing.add(name);
            }
        }
        starting.addAll(containing);
        return starting.subList(0, Math.min(max, starting.size()));
    }

    public ObservableList<String> eventNames() {
        return eventNames;
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
        if (q == null) {
            return;
        }
        query = q;
        loading.set(true);
        tasks.submit("Loading events", p -> api.get().events(q), page -> {
            if (q != query) {
                return;
            }
            loading.set(false);
            error.set("");
            rows.clear();
            shownIds.clear();
            append(page);
        }, failure -> {
            loading.set(false);
            error.set(ErrorText.describe(failure));
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

    /** Reads the next page; the table calls this as its end comes into view. */
    public void loadMore() {
        if (loading.get() || nextCursor == null || query == null) {
            return;
        }
        EventQuery q = query;
        String cursor = nextCursor;
        loading.set(true);
        tasks.submit("Loading more events", p -> api.get().events(q.withCursor(cursor)), page -> {
            loading.set(false);
            if (q == query) {
                append(page);
            }
        }, failure -> {
            loading.set(false);
            error.set(ErrorText.describe(failure));
        });
    }

    /** The file name the save dialog suggests: events-YYYYMMDD-HHMM.csv in local time. */
    public String suggestedExportFileName() {
        return exportFileName(Instant.now());
    }

    String exportFileName(Instant now) {
        return "events-" + FILE_TIME.format(now.atZone(zone)) + ".csv";
    }

    /**
     * Writes every event the table's filters match (the last applied ones, as the table shows them),
     * newest first, to {@code target} as CSV; see {@link EventsExport}. One export runs at a time.
     */
    public void exportCsv(Path target) {
        EventQuery q = query != null ? query : buildQuery();
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

    /** A new "Send test event" form; the table reloads after the event is stored. */
    public TestEventViewModel newTestEvent() {
        return new TestEventViewModel(api, tasks, dialogs, this::apply);
    }

    /** Adds events newer than the newest shown; reloads when more arrived than one page holds. */
    void poll() {
        if (!live.get() || loading.get() || query == null || pollingInFlight) {
            return;
        }
        EventQuery q = query;
        pollingInFlight = true;
        tasks.submit("Refreshing events", p -> api.get().events(q.withCursor(null)), page -> {
            pollingInFlight = false;
            if (q != query || loading.get()) {
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
                apply();
                return;
            }
            if (!fresh.isEmpty()) {
                fresh.forEach(r -> shownIds.add(r.id()));
                rows.addAll(0, fresh);
                updateStatus();
            }
            error.set("");
        }, failure -> {
            pollingInFlight = false;
            error.set(ErrorText.describe(failure));
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
        status.set(rows.isEmpty() ? "No events match" : String.format("%,d events shown%s", rows.size(),
                hasMore.get() ? " · scroll for more" : ""));
    }

    private EventQuery buildQuery() {
        Long from = exactFrom != null ? exactFrom
                : fromDate.get() == null ? null : fromDate.get().atStartOfDay(zone).toInstant().toEpochMilli();
        Long to = exactTo != null ? exactTo : toDate.get() == null ? null
                : toDate.get().plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli() - 1;
        if (from != null && to != null && from > to) {
            error.set("The start date is after the end date.");
            return null;
        }
        return new EventQuery(blankToNull(businessFilter), blankToNull(eventFilter), blankToNull(traceFilter),
                blankToNull(actorFilter), from, to, PAGE, null, EventQuery.Order.DESC,
                touch == null ? null : touch.source(), touch == null ? null : touch.channel(),
                touch == null ? null : touch.campaign(), touch == null ? null : touch.medium());
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
            return ApiJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(e);
        } catch (JsonProcessingException ex) {
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

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasMoreProperty() {
        return hasMore.getReadOnlyProperty();
    }

    /** True while an export runs. */
    public ReadOnlyBooleanProperty exportingProperty() {
        return exporting.getReadOnlyProperty();
    }
}
