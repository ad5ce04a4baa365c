package com.headlessanalytics.console.ui.metrics;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.Checks;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.api.Capabilities;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Metrics;
import com.headlessanalytics.console.api.Period;
import com.headlessanalytics.console.domain.TimeBuckets;
import com.headlessanalytics.console.ui.common.Activatable;
import com.headlessanalytics.console.ui.common.Command;
import com.headlessanalytics.console.ui.common.CsvExport;
import com.headlessanalytics.console.ui.common.DateRange;
import com.headlessanalytics.console.ui.common.DialogService;
import com.headlessanalytics.console.ui.common.ErrorText;
import com.headlessanalytics.console.ui.common.FeatureGate;
import com.headlessanalytics.console.ui.common.EventNameSuggestions;
import com.headlessanalytics.console.ui.common.Formats;
import com.headlessanalytics.console.ui.common.Navigator;
import com.headlessanalytics.console.ui.common.QueryLifecycle;
import com.headlessanalytics.console.ui.common.TableExport;
import com.headlessanalytics.console.ui.common.TaskRunner;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
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
 * The Metrics screen: {@code POST /api/metrics/query} for an event name (or every event), a date
 * range, an interval and a grouping, shown as totals, a series per bucket and the groups; the stored
 * metric definitions with their values for the range; snapshots saved on request and their history.
 * Every bucket and group drills down to its events.
 */
public final class MetricsViewModel implements Activatable {
    /** How many groups the chart draws a line for; the table lists them all. */
    static final int CHART_GROUPS = 10;
    static final int SNAPSHOT_HISTORY = 200;
    /** Up to this many buckets, each point of the chart is drawn as a clickable symbol. */
    static final int CLICKABLE_POINTS_UP_TO = 62;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);

    /** The grouping choices: none, or a {@link Metrics.Grouping}. */
    public enum GroupBy {
        NONE("No grouping", null),
        EVENT("Event name", Metrics.Grouping.EVENT),
        SOURCE("Source", Metrics.Grouping.SOURCE),
        CAMPAIGN("Campaign", Metrics.Grouping.CAMPAIGN),
        CHANNEL("Channel", Metrics.Grouping.CHANNEL),
        MEDIUM("Medium", Metrics.Grouping.MEDIUM);

        private final String label;
        private final Metrics.Grouping api;

        GroupBy(String label, Metrics.Grouping api) {
            this.label = label;
            this.api = api;
        }

        public Metrics.Grouping api() {
            return api;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The tables of the screen, each exportable. */
    public enum Table { BUCKETS, GROUPS, DEFINITIONS, SNAPSHOTS }

    /** One bucket of the series: its exact first and last millisecond within the period, and its count. */
    public record Bucket(long start, long end, String label, long count) {
    }

    /** One line of the chart: a count per bucket, aligned with {@link #buckets()}. */
    public record Line(String name, List<Long> counts) {
    }

    /** One group: its share of all events in the period. */
    public record GroupRow(String key, long count, long uniqueActors, double share) {
        public String countText() {
            return Formats.count(count);
        }

        public String actorsText() {
            return Formats.count(uniqueActors);
        }

        public String shareText() {
            return Formats.percent(share);
        }
    }

    /** A stored definition and its value for the last query ("" before one ran). */
    public record DefinitionRow(Metrics.Definition definition, BigDecimal value) {
        public String name() {
            return definition.name();
        }

        public String event() {
            return definition.event();
        }

        public String aggregation() {
            Metrics.Aggregation a = definition.effectiveAggregation();
            return a == null ? String.valueOf(definition.aggregation()) : switch (a) {
                case COUNT -> "Count";
                case SUM -> "Sum of " + definition.property();
                case UNIQUE_ACTORS -> "Unique actors";
            };
        }

        public String description() {
            return definition.description() == null ? "" : definition.description();
        }

        public String valueText() {
            return value == null ? "" : Formats.decimal(value);
        }
    }

    /** A persisted snapshot, formatted. */
    public record SnapshotRow(Metrics.Snapshot snapshot, String period, String computedAt) {
        public String metric() {
            return snapshot.metric();
        }

        public String valueText() {
            return Formats.decimal(snapshot.value());
        }
    }

    private final Supplier<HeadlessApi> api;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Navigator navigator;
    private final Clock clock;
    private final ZoneId zone;
    private final EventNameSuggestions names = new EventNameSuggestions();
    private final QueryLifecycle query;
    private final CsvExport csv;
    private final Command runCommand;
    private final Command snapshotCommand;
    /** Whether the server lets clients save and delete definitions (a reference-only server does not). */
    private final FeatureGate definitionChanges = new FeatureGate(Capabilities.Feature.METRIC_DEFINITION_CHANGES);
    private final Command newDefinitionCommand = new Command(this::newDefinition, definitionChanges.offeredProperty());
    private final ObjectProperty<DefinitionRow> selectedDefinition = new SimpleObjectProperty<>();
    private final Command editDefinitionCommand;
    private final Command deleteDefinitionCommand;
    private final Map<Table, Command> exportCommands = new EnumMap<>(Table.class);

    private final StringProperty eventName = new SimpleStringProperty("");
    private final ObjectProperty<DateRange> range = new SimpleObjectProperty<>(DateRange.last7Days());
    private final ObjectProperty<Metrics.Interval> interval = new SimpleObjectProperty<>(Metrics.Interval.DAY);
    private final ObjectProperty<GroupBy> groupBy = new SimpleObjectProperty<>(GroupBy.NONE);

    private final ObservableList<Bucket> buckets = FXCollections.observableArrayList();
    private final ObservableList<Line> lines = FXCollections.observableArrayList();
    private final ObservableList<GroupRow> groups = FXCollections.observableArrayList();
    private final ObservableList<DefinitionRow> definitions = FXCollections.observableArrayList();
    private final ObservableList<SnapshotRow> snapshots = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper totalEvents = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper uniqueActors = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper revenue = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper chartNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper grouped = new ReadOnlyBooleanWrapper();

    /** What the shown figures were computed for. */
    private Metrics.Query shownQuery;
    private Period shownPeriod;
    private String shownBusiness;
    private Map<String, BigDecimal> shownValues = Map.of();

    public MetricsViewModel(Supplier<HeadlessApi> api, TaskRunner tasks, DialogService dialogs, Navigator navigator,
                            Clock clock, ZoneId zone) {
        this.api = api;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.navigator = navigator;
        this.clock = clock;
        this.zone = zone;
        this.query = new QueryLifecycle(tasks);
        this.csv = new CsvExport(tasks, dialogs, clock, zone);
        this.runCommand = new Command(this::run);
        this.snapshotCommand = new Command(this::saveSnapshot, query.runningProperty().not());
        this.editDefinitionCommand = new Command(() -> editDefinition(selectedDefinition.get()),
                selectedDefinition.isNotNull().and(definitionChanges.offeredProperty()));
        this.deleteDefinitionCommand = new Command(() -> deleteDefinition(selectedDefinition.get()),
                selectedDefinition.isNotNull().and(definitionChanges.offeredProperty()));
        for (Table t : Table.values()) {
            exportCommands.put(t, new Command(() -> csv.export("metrics-" + t.name().toLowerCase(Locale.ROOT),
                    table(t))));
        }
        range.addListener((obs, old, now) -> run());
        interval.addListener((obs, old, now) -> run());
        groupBy.addListener((obs, old, now) -> run());
    }

    @Override
    public void activate() {
        FeatureGate.check(tasks, api, definitionChanges);
        names.load(api, tasks, query::fail);
        loadDefinitions();
        loadSnapshots();
        run();
    }

    @Override
    public void deactivate() {
        query.stop();
    }

    /** Computes the metrics for the fields as they are; a newer run replaces an older one. */
    public void run() {
        query(false);
    }

    /** Computes the metrics and persists a snapshot of each value; the history then reloads. */
    public void saveSnapshot() {
        query(true);
    }

    private void query(boolean persist) {
        DateRange r = range.get() == null ? DateRange.last7Days() : range.get();
        Period period = r.resolve(clock, zone);
        GroupBy g = groupBy.get() == null ? GroupBy.NONE : groupBy.get();
        Metrics.Query q = new Metrics.Query(blankToNull(eventName.get()), period.from(), period.to(), null,
                Checks.Wire.name(interval.get() == null ? Metrics.Interval.DAY : interval.get()),
                Checks.Wire.name(g.api()), persist ? Boolean.TRUE : null, null);
        Checks checks = q.checks();
        if (!checks.ok()) {
            query.fail(ErrorText.describe(ApiException.invalid("The query cannot run:", checks.errors())));
            return;
        }
        query.run(persist ? "Saving a metrics snapshot" : "Computing metrics",
                persist ? "Saving a snapshot…" : "Computing…", p -> {
                    p.update(-1, "Reading the events of " + r.label().toLowerCase(Locale.ROOT));
                    return api.get().metrics(q);
                }, result -> {
                    show(q, period, result);
                    if (persist) {
                        int n = result.snapshots() == null ? 0 : result.snapshots().size();
                        dialogs.notify("Saved " + n + " metric value" + (n == 1 ? "" : "s") + " as snapshots");
                        loadSnapshots();
                    }
                });
    }

    private void show(Metrics.Query q, Period period, Metrics.Result result) {
        shownQuery = q;
        shownPeriod = period;
        shownBusiness = result.proof() == null ? null : result.proof().businessId();
        shownValues = result.metrics() == null ? Map.of() : result.metrics();
        totalEvents.set(Formats.count(result.totalEvents()));
        uniqueActors.set(Formats.count(result.uniqueActors()));
        revenue.set(Formats.money(result.revenue() == null ? BigDecimal.ZERO : result.revenue()));
        Metrics.Interval iv = q.effectiveInterval();
        TimeBuckets cut = new TimeBuckets(iv.size());
        List<Bucket> bs = new ArrayList<>();
        if (result.series() != null) {
            for (Map.Entry<Long, Long> e : result.series().entrySet()) {
                long start = e.getKey();
                long end = cut.endOf(start);
                bs.add(new Bucket(clipFrom(start, period), clipTo(end, period), label(start, iv), e.getValue()));
            }
        }
        buckets.setAll(bs);
        List<Metrics.Group> gs = result.groups() == null ? List.of() : result.groups();
        grouped.set(q.groupBy() != null);
        long total = result.totalEvents();
        groups.setAll(gs.stream().map(g -> new GroupRow(g.key(), g.count(), g.uniqueActors(),
                total == 0 ? 0 : (double) g.count() / total)).toList());
        List<Line> ls = new ArrayList<>();
        if (q.groupBy() == null) {
            ls.add(new Line(q.eventName() == null ? "All events" : q.eventName(),
                    bs.stream().map(Bucket::count).toList()));
            chartNote.set("");
        } else {
            for (Metrics.Group g : gs.subList(0, Math.min(CHART_GROUPS, gs.size()))) {
                ls.add(new Line(g.key(), result.series() == null ? List.of() : result.series().keySet().stream()
                        .map(start -> g.series() == null ? 0L : g.series().getOrDefault(start, 0L)).toList()));
            }
            chartNote.set(gs.size() > CHART_GROUPS ? "The chart shows the " + CHART_GROUPS + " largest of "
                    + gs.size() + " groups; the table lists them all." : "");
        }
        lines.setAll(ls);
        definitions.setAll(definitions.stream().map(d -> new DefinitionRow(d.definition(),
                shownValues.get(d.name()))).toList());
        query.status(Formats.count(result.totalEvents()) + " events · " + range.get().label() + " · by "
                + iv.name().toLowerCase(Locale.ROOT) + " (UTC buckets)");
    }

    static String label(long start, Metrics.Interval interval) {
        ZonedDateTime s = Instant.ofEpochMilli(start).atZone(ZoneOffset.UTC);
        return switch (interval) {
            case HOUR -> HOUR.format(s);
            case DAY -> DAY.format(s);
            case WEEK -> "Week of " + DAY.format(s);
            case MONTH -> MONTH.format(s);
        };
    }

    private static long clipFrom(long start, Period p) {
        return p.from() == null ? start : Math.max(start, p.from());
    }

    private static long clipTo(long end, Period p) {
        return p.to() == null ? end : Math.min(end, p.to());
    }

    /** Opens the events counted in one bucket of the series. */
    public void drillBucket(int index) {
        if (index < 0 || index >= buckets.size()) {
            return;
        }
        Bucket b = buckets.get(index);
        drill(null, b.start(), b.end(), b.label());
    }

    /** Opens the events of one group in the whole period. */
    public void drillGroup(String key) {
        if (shownPeriod == null) {
            return;
        }
        drill(key, shownPeriod.from(), shownPeriod.to(), range.get().label());
    }

    /** Opens the events of one group in one bucket (a point of that group's line). */
    public void drillGroupBucket(String key, int index) {
        if (index < 0 || index >= buckets.size()) {
            return;
        }
        Bucket b = buckets.get(index);
        drill(key, b.start(), b.end(), b.label());
    }

    private void drill(String groupKey, Long from, Long to, String when) {
        if (shownQuery == null) {
            return;
        }
        Metrics.Grouping g = shownQuery.groupBy() == null ? null : shownQuery.grouping();
        String event = shownQuery.eventName();
        String touchField = null;
        if (groupKey != null && !groupKey.equals(Funnels.NONE) && !groupKey.equals(Funnels.OTHER)) {
            if (g == Metrics.Grouping.EVENT) {
                event = groupKey;
            } else {
                touchField = g.name().toLowerCase(Locale.ROOT);
            }
        } else if (groupKey != null) {
            dialogs.notify("The Events screen cannot select " + groupKey + ": it shows every event"
                    + (event == null ? "" : " named " + event) + " of " + when + ", not only those of " + groupKey);
        }
        EventQuery q = new EventQuery(shownBusiness, event, null, null, from, to, null, null, null);
        navigator.showEvents(touchField == null ? q : q.withTouch(touchField, groupKey));
    }

    /** Reads the stored definitions; their values come with the next query. */
    public void loadDefinitions() {
        tasks.submit("Reading metric definitions", p -> api.get().metricDefinitions(),
                result -> definitions.setAll(result.definitions().stream()
                        .map(d -> new DefinitionRow(d, shownValues.get(d.name()))).toList()),
                query::fail);
    }

    public void loadSnapshots() {
        tasks.submit("Reading metric snapshots", p -> api.get().metricSnapshots(null, SNAPSHOT_HISTORY),
                result -> snapshots.setAll(result.snapshots().stream().map(s -> new SnapshotRow(s,
                        period(s.from(), s.to()), Formats.time(s.computedAt(), zone))).toList()),
                query::fail);
    }

    private String period(Long from, Long to) {
        if (from == null && to == null) {
            return "All time";
        }
        return (from == null ? "…" : Formats.time(from, zone)) + " – "
                + (to == null ? "…" : Formats.time(to, zone));
    }

    /** Shows the form for a new definition, for the event currently queried if any. */
    public MetricDefinitionViewModel newDefinition() {
        MetricDefinitionViewModel form = new MetricDefinitionViewModel(api, tasks, dialogs, names, null,
                saved -> definitionsChanged());
        form.eventProperty().set(eventName.get() == null ? "" : eventName.get().strip());
        dialogs.showForm(form);
        return form;
    }

    /** Shows the form that edits {@code row}'s definition. */
    public MetricDefinitionViewModel editDefinition(DefinitionRow row) {
        if (row == null || !definitionChanges.isOffered()) {
            return null;
        }
        MetricDefinitionViewModel form = new MetricDefinitionViewModel(api, tasks, dialogs, names, row.definition(),
                saved -> definitionsChanged());
        dialogs.showForm(form);
        return form;
    }

    /** Deletes a definition after asking; its snapshots stay in the history. */
    public void deleteDefinition(DefinitionRow row) {
        if (row == null) {
            return;
        }
        String name = row.name();
        if (!dialogs.confirm("Delete metric " + name + "?", "The definition \"" + name + "\" is removed for everyone"
                + " using this workspace. Snapshots already saved stay in the history.", "Delete")) {
            return;
        }
        tasks.submit("Deleting metric " + name, p -> {
            api.get().deleteMetricDefinition(name);
            return name;
        }, deleted -> {
            dialogs.notify("Deleted metric " + deleted);
            definitionsChanged();
        }, failure -> dialogs.showError("The metric " + name + " could not be deleted", failure));
    }

    private void definitionsChanged() {
        loadDefinitions();
        run();
    }

    public List<String> suggestions(String text, int max) {
        return names.suggest(text, max);
    }

    /** The table as exported: raw values, times in ISO-8601 UTC. */
    public TableExport.Table table(Table table) {
        return switch (table) {
            case BUCKETS -> new TableExport.Table("metric series", List.of("bucket_start", "bucket_end", "events"),
                    buckets.stream().map(b -> List.of(TableExport.iso(b.start()), TableExport.iso(b.end()),
                            Long.toString(b.count()))).toList());
            case GROUPS -> new TableExport.Table("metric groups", List.of(groupHeader(), "events", "unique_actors",
                    "share"), groups.stream().map(g -> List.of(g.key(), Long.toString(g.count()),
                    Long.toString(g.uniqueActors()), String.format(Locale.ROOT, "%.6f", g.share()))).toList());
            case DEFINITIONS -> new TableExport.Table("metric definitions", List.of("name", "event", "aggregation",
                    "property", "description", "value"), definitions.stream().map(d -> List.of(d.name(),
                    nullToEmpty(d.event()), nullToEmpty(d.definition().aggregation()),
                    nullToEmpty(d.definition().property()), d.description(),
                    d.value() == null ? "" : d.value().toPlainString())).toList());
            case SNAPSHOTS -> new TableExport.Table("metric snapshots", List.of("computed_at", "metric", "value",
                    "business", "from", "to", "query_id", "id"), snapshots.stream().map(SnapshotRow::snapshot)
                    .map(s -> List.of(TableExport.iso(s.computedAt()), s.metric(), s.value().toPlainString(),
                            nullToEmpty(s.businessId()), TableExport.iso(s.from()), TableExport.iso(s.to()),
                            nullToEmpty(s.queryId()), nullToEmpty(s.id()))).toList());
        };
    }

    private String groupHeader() {
        GroupBy g = shownQuery == null || shownQuery.groupBy() == null ? GroupBy.NONE
                : GroupBy.valueOf(shownQuery.grouping().name());
        return g == GroupBy.NONE ? "group" : g.api().name().toLowerCase(Locale.ROOT);
    }

    /** Asks where to save {@code table} as CSV (suggesting "metrics-buckets-….csv") and writes it. */
    public Command exportCommand(Table table) {
        return exportCommands.get(table);
    }

    /** Computes the metrics for the fields as they are (Apply). */
    public Command runCommand() {
        return runCommand;
    }

    /** Save snapshot: computes and stores each value; not while a query runs. */
    public Command snapshotCommand() {
        return snapshotCommand;
    }

    public Command newDefinitionCommand() {
        return newDefinitionCommand;
    }

    /** Edits the selected definition; executable while one is selected. */
    /** Saving and deleting definitions: the sentence to show while the server does not offer it. */
    public FeatureGate definitionChanges() {
        return definitionChanges;
    }

    public Command editDefinitionCommand() {
        return editDefinitionCommand;
    }

    /** Deletes the selected definition after asking; executable while one is selected. */
    public Command deleteDefinitionCommand() {
        return deleteDefinitionCommand;
    }

    /** The definition selected in the table, for Edit and Delete. */
    public ObjectProperty<DefinitionRow> selectedDefinitionProperty() {
        return selectedDefinition;
    }

    /** True when the chart has few enough buckets to draw each point as a clickable symbol. */
    public boolean pointsClickable() {
        return buckets.size() <= CLICKABLE_POINTS_UP_TO;
    }

    /** At most this many bucket labels fit under the chart. */
    static final int AXIS_LABELS = 8;

    /** Every how many buckets the time axis is labelled, so that at most {@link #AXIS_LABELS} labels show. */
    public int axisLabelEvery() {
        return (int) Math.max(1, Math.ceil(buckets.size() / (double) AXIS_LABELS));
    }

    /** The time axis's label at {@code position}: a bucket's label at its whole index, else nothing. */
    public String axisLabel(double position) {
        int i = (int) Math.round(position);
        return i >= 0 && i < buckets.size() && Math.abs(position - i) < 1e-6 ? buckets.get(i).label() : "";
    }

    /** A point's tooltip: (the group,) its bucket and its count; empty for a point outside the buckets. */
    public String pointTip(Line line, int index) {
        if (index < 0 || index >= buckets.size() || index >= line.counts().size()) {
            return "";
        }
        return (grouped.get() ? line.name() + " · " : "") + buckets.get(index).label() + ": "
                + Formats.count(line.counts().get(index)) + " events\nClick to see them";
    }

    /** A point clicked: the events of its bucket, of its group when the chart is grouped. */
    public void drillPoint(Line line, int index) {
        if (grouped.get()) {
            drillGroupBucket(line.name(), index);
        } else {
            drillBucket(index);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    public StringProperty eventNameProperty() {
        return eventName;
    }

    public ObjectProperty<DateRange> rangeProperty() {
        return range;
    }

    public ObjectProperty<Metrics.Interval> intervalProperty() {
        return interval;
    }

    public ObjectProperty<GroupBy> groupByProperty() {
        return groupBy;
    }

    public ObservableList<Bucket> buckets() {
        return buckets;
    }

    public ObservableList<Line> lines() {
        return lines;
    }

    public ObservableList<GroupRow> groups() {
        return groups;
    }

    public ObservableList<DefinitionRow> definitions() {
        return definitions;
    }

    public ObservableList<SnapshotRow> snapshots() {
        return snapshots;
    }

    public ReadOnlyStringProperty totalEventsProperty() {
        return totalEvents.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty uniqueActorsProperty() {
        return uniqueActors.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty revenueProperty() {
        return revenue.getReadOnlyProperty();
    }

    /** Says when the chart leaves groups out; empty otherwise. */
    public ReadOnlyStringProperty chartNoteProperty() {
        return chartNote.getReadOnlyProperty();
    }

    /** The metrics query: running, status, error, cancel. */
    public QueryLifecycle query() {
        return query;
    }

    /** True when the shown figures are grouped. */
    public ReadOnlyBooleanProperty groupedProperty() {
        return grouped.getReadOnlyProperty();
    }
}
