package com.headlessanalytics.console.ui.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.ui.common.Activatable;
import com.headlessanalytics.console.ui.common.ErrorText;
import com.headlessanalytics.console.ui.common.Scheduler;
import com.headlessanalytics.console.ui.common.TaskRunner;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
import javafx.collections.ObservableList;

/**
 * The Events screen: newest events first, read page by page as the table scrolls (never the whole
 * store), filtered, refreshed every second while shown and "live", with the selected envelope as JSON.
 */
public final class EventsViewModel implements Activatable {
    static final int PAGE = 200;
    static final Duration POLL = Duration.ofSeconds(1);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d, HH:mm:ss", java.util.Locale.ENGLISH);

    /** One table row, formatted for display, with the event behind it. */
    public record Row(String id, String time, String name, String actor, String business, String trace,
                      String tier, String channel, Event event) {
    }

    private final Supplier<HeadlessApi> api;
    private final TaskRunner tasks;
    private final Scheduler scheduler;
    private final ZoneId zone;

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
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper hasMore = new ReadOnlyBooleanWrapper();

    private EventQuery query;
    private String nextCursor;
    private TaskRunner.Handle polling;
    private boolean pollingInFlight;

    public EventsViewModel(Supplier<HeadlessApi> api, TaskRunner tasks, Scheduler scheduler, ZoneId zone) {
        this.api = api;
        this.tasks = tasks;
        this.scheduler = scheduler;
        this.zone = zone;
        selected.addListener((obs, old, row) -> detail.set(row == null ? "" : json(row.event())));
    }

    @Override
    public void activate() {
        apply();
        polling = scheduler.every(POLL, this::poll);
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
        Long from = fromDate.get() == null ? null : fromDate.get().atStartOfDay(zone).toInstant().toEpochMilli();
        Long to = toDate.get() == null ? null
                : toDate.get().plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli() - 1;
        if (from != null && to != null && from > to) {
            error.set("The start date is after the end date.");
            return null;
        }
        return new EventQuery(blankToNull(businessFilter), blankToNull(eventFilter), blankToNull(traceFilter),
                blankToNull(actorFilter), from, to, PAGE, null, EventQuery.Order.DESC);
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
}
