package com.headlessanalytics.console.ui.agent;

import com.headlessanalytics.console.api.AgentContext;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Checks;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.NextAction;
import com.headlessanalytics.console.api.Period;
import com.headlessanalytics.console.ui.common.Activatable;
import com.headlessanalytics.console.ui.common.Command;
import com.headlessanalytics.console.ui.common.CsvExport;
import com.headlessanalytics.console.ui.common.DateRange;
import com.headlessanalytics.console.ui.common.DialogService;
import com.headlessanalytics.console.ui.common.Navigator;
import com.headlessanalytics.console.ui.common.QueryLifecycle;
import com.headlessanalytics.console.ui.common.TableExport;
import com.headlessanalytics.console.ui.common.TaskRunner;
import com.headlessanalytics.console.ui.common.TextClipboard;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Agent context (POST /api/intelligence/agent-context): the operator picks a mode, business, limit
 * and date range and runs it in the background (cancellable); the answer is shown as the text a
 * person reads, as the JSON an agent reads (for copying), and as tables of whatever parts the mode
 * returned — summary, changes, anomalies, missing proof, next actions — each exportable to CSV.
 * Rows that stand for events drill down to them.
 */
public final class AgentContextViewModel implements Activatable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("MMM d, HH:mm:ss", Locale.ENGLISH);
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;

    /** The parts an answer may hold, in the order the screen shows them. */
    public enum Table {
        SUMMARY("Summary"), CHANGES("What changed"), ANOMALIES("Anomalies"), MISSING_PROOF("Missing proof"),
        NEXT_ACTIONS("Next actions");

        private final String title;

        Table(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** A row as shown; {@code drill} selects the events behind it, or is null when there are none. */
    public record Row(List<String> cells, List<String> csv, EventQuery drill, boolean highlighted) {
    }

    /** One part of the answer: its columns as shown and as exported, and its rows. */
    public record Grid(Table table, List<String> columns, List<String> csvHeader, List<Row> rows) {
        /** "missing-proof": names the part's table and its CSV file. */
        public String key() {
            return table.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** The part's tab: its title and how many rows it holds, e.g. "Anomalies (3)". */
        public String tabTitle() {
            return table.title() + " (" + rows.size() + ")";
        }

        /** What the table says when the part holds no rows. */
        public String emptyText() {
            return "Nothing to list: the answer holds no " + table.title().toLowerCase(Locale.ROOT) + ".";
        }

        /** The hint above the table: only a part with a row that drills down says how to. */
        public String hint() {
            return rows.stream().anyMatch(r -> r.drill() != null) ? "Double-click a row to open its events." : "";
        }

        /** A column whose every filled cell is a number, a signed number or a percentage reads right-aligned. */
        public boolean numeric(int column) {
            boolean any = false;
            for (Row r : rows) {
                String cell = r.cells().get(column);
                if (!cell.isEmpty()) {
                    if (!cell.matches("[+-]?[0-9][0-9,]*(\\.[0-9]+)?%?")) {
                        return false;
                    }
                    any = true;
                }
            }
            return any;
        }
    }

    private final Supplier<HeadlessApi> api;
    private final DialogService dialogs;
    private final QueryLifecycle query;
    private final CsvExport csv;
    private final Command runCommand;
    private final Command copyJsonCommand;
    private final TextClipboard clipboard;
    private final Navigator navigator;
    private final Clock clock;
    private final ZoneId zone;

    private final ObjectProperty<AgentContext.Mode> mode = new SimpleObjectProperty<>(AgentContext.Mode.SUMMARY);
    private final StringProperty business = new SimpleStringProperty("default");
    private final IntegerProperty limit = new SimpleIntegerProperty(AgentContext.DEFAULT_LIMIT);
    private final ObjectProperty<DateRange> range = new SimpleObjectProperty<>(DateRange.last7Days());
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper json = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper headingText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper modeDescription = new ReadOnlyStringWrapper("");
    private final ObservableList<Grid> grids = FXCollections.observableArrayList();

    public AgentContextViewModel(Supplier<HeadlessApi> api, TaskRunner tasks, DialogService dialogs, Navigator navigator,
                                 Clock clock, ZoneId zone, TextClipboard clipboard) {
        this.api = api;
        this.clipboard = clipboard;
        this.dialogs = dialogs;
        this.navigator = navigator;
        this.clock = clock;
        this.zone = zone;
        this.query = new QueryLifecycle(tasks, "Cancelled; the previous answer is still shown.");
        this.csv = new CsvExport(tasks, dialogs, clock, zone);
        this.runCommand = new Command(this::run, query.runningProperty().not());
        this.copyJsonCommand = new Command(this::copyJson, json.isNotEmpty());
        headingText.bind(javafx.beans.binding.Bindings.when(heading.isEmpty())
                .then("No answer yet: choose a mode and press Run.").otherwise(heading));
        modeDescription.bind(javafx.beans.binding.Bindings.createStringBinding(() -> mode.get() == null ? ""
                : describe(mode.get()), mode));
    }

    /** Nothing polls here: an answer is asked for with {@link #run()}. */
    @Override
    public void activate() {
    }

    @Override
    public void deactivate() {
    }

    /** What a mode answers, for the mode picker. */
    public static String describe(AgentContext.Mode m) {
        return switch (m) {
            case SUMMARY -> "Totals, unique actors, revenue, top events and the health score of the period.";
            case WHAT_CHANGED -> "Each event's count against the period before; |z| ≥ 2 is significant.";
            case ANOMALIES -> "Hours (or days, past 7 days) whose count is far from the usual: modified z-score ≥ 3.5.";
            case MISSING_PROOF -> "T3/T4 events and events tied to a decision that carry no proof, newest first.";
            case RECOMMEND_NEXT_ACTIONS -> "What to do next; consequential actions name the decision they need.";
        };
    }

    /** "what_changed" reads as "What changed". */
    public static String title(AgentContext.Mode m) {
        String words = Checks.Wire.name(m).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** Asks for the agent context in the background; one request at a time. */
    public void run() {
        if (query.isRunning()) {
            return;
        }
        String id = business.get() == null ? "" : business.get().strip();
        DateRange r = range.get();
        AgentContext.Mode m = mode.get() == null ? AgentContext.Mode.SUMMARY : mode.get();
        Period p = r == null ? new Period(null, null) : effectivePeriod(r, clock, zone);
        AgentContext.Query request = new AgentContext.Query(Checks.Wire.name(m), id.isEmpty() ? null : id,
                limit.get(), p.from(), p.to());
        Checks checks = request.checks();
        if (id.isEmpty() || !checks.ok()) {
            query.fail(id.isEmpty() ? "Enter a business ID (the workspace's default business is \"default\")."
                    : checks.errors().stream().map(e -> label(e.field()) + " " + e.message())
                    .reduce((a, b) -> a + "; " + b).orElse("") + ".");
            return;
        }
        String asking = "Asking for " + title(m).toLowerCase(Locale.ROOT) + " of " + id + "…";
        query.run("Agent context: " + title(m), asking, progress -> {
            progress.update(-1, asking);
            return api.get().agentContext(request);
        }, result -> show(result, id, p));
    }


    private void show(AgentContext.Result r, String asked, Period askedPeriod) {
        String id = r.businessId() == null ? asked : r.businessId();
        Period p = r.period() != null && r.period().from() != null ? r.period() : askedPeriod;
        text.set(r.text() == null ? "" : r.text());
        json.set(pretty(r));
        AgentContext.Mode m = r.mode() == null ? mode.get() : Checks.Wire.parse(AgentContext.Mode.class, r.mode());
        heading.set((m == null ? r.mode() : title(m)) + " · " + id + " · " + describe(p));
        query.status("Answered at " + SECONDS.format(clock.instant().atZone(zone)));
        List<Grid> parts = new ArrayList<>();
        if (r.summary() != null) {
            parts.add(summary(r.summary()));
        }
        if (r.changes() != null) {
            parts.add(changes(r.changes(), id, p));
        }
        if (r.anomalies() != null) {
            parts.add(anomalies(r.anomalies(), id));
        }
        if (r.missingProof() != null) {
            parts.add(missingProof(r.missingProof(), id));
        }
        if (r.nextActions() != null) {
            parts.add(nextActions(r.nextActions()));
        }
        grids.setAll(parts);
    }

    private Grid summary(Map<String, Object> summary) {
        List<Row> rows = new ArrayList<>();
        summary.forEach((key, value) -> {
            if (value instanceof Map<?, ?> parts) {
                parts.forEach((part, v) -> rows.add(new Row(List.of(label(key) + " · " + part, shown(v)),
                        List.of(key + "." + part, raw(v)), null, false)));
            } else {
                rows.add(new Row(List.of(label(key), shown(value)), List.of(key, raw(value)), null, false));
            }
        });
        return new Grid(Table.SUMMARY, List.of("Figure", "Value"), List.of("key", "value"), rows);
    }

    private Grid changes(List<AgentContext.Change> changes, String id, Period p) {
        List<Row> rows = changes.stream().map(c -> new Row(
                List.of(c.event(), count(c.current()), count(c.previous()),
                        c.changePct() == null ? "new" : String.format(Locale.ENGLISH, "%+.1f%%", c.changePct()),
                        String.format(Locale.ENGLISH, "%+.2f", c.zScore()), c.significant() ? "yes" : "no"),
                List.of(c.event(), Long.toString(c.current()), Long.toString(c.previous()),
                        c.changePct() == null ? "" : Double.toString(c.changePct()), Double.toString(c.zScore()),
                        Boolean.toString(c.significant())),
                new EventQuery(id, c.event(), null, null, p.from(), p.to(), null, null, EventQuery.Order.DESC),
                c.significant())).toList();
        return new Grid(Table.CHANGES, List.of("Event", "Current", "Previous", "Change", "z-score", "Significant"), List.of("event", "current", "previous", "change_pct", "z_score", "significant"), rows);
    }

    private Grid anomalies(List<AgentContext.Anomaly> anomalies, String id) {
        List<Row> rows = anomalies.stream().map(a -> {
            long length = "day".equals(a.interval()) ? DAY : HOUR;
            return new Row(List.of(a.event(), TIME.format(Instant.ofEpochMilli(a.bucketStart()).atZone(zone))
                            + " (" + a.interval() + ")", count(a.count()), number(a.median()), number(a.mad()),
                    String.format(Locale.ENGLISH, "%+.2f", a.score()), a.direction()),
                    List.of(a.event(), a.interval(), Instant.ofEpochMilli(a.bucketStart()).toString(),
                            Long.toString(a.count()), Double.toString(a.median()), Double.toString(a.mad()),
                            Double.toString(a.score()), a.direction()),
                    new EventQuery(id, a.event(), null, null, a.bucketStart(), a.bucketStart() + length - 1, null, null,
                            EventQuery.Order.DESC), true);
        }).toList();
        return new Grid(Table.ANOMALIES, List.of("Event", "Bucket", "Count", "Median", "MAD", "Score", "Direction"),
                List.of("event", "interval", "bucket_start", "count", "median", "mad", "score", "direction"), rows);
    }

    private Grid missingProof(List<AgentContext.MissingProof> missing, String id) {
        List<Row> rows = missing.stream().map(m -> new Row(
                List.of(SECONDS.format(Instant.ofEpochMilli(m.timestamp()).atZone(zone)), m.event(),
                        orEmpty(m.trustTier()), orEmpty(m.decisionId()), orEmpty(m.reason()), orEmpty(m.eventId())),
                List.of(Instant.ofEpochMilli(m.timestamp()).toString(), m.event(), orEmpty(m.eventId()),
                        orEmpty(m.trustTier()), orEmpty(m.decisionId()), orEmpty(m.reason())),
                new EventQuery(id, m.event(), null, null, m.timestamp(), m.timestamp(), null, null,
                        EventQuery.Order.DESC), false)).toList();
        return new Grid(Table.MISSING_PROOF, List.of("Time", "Event", "Tier", "Decision", "Why it needs proof",
                "Event ID"), List.of("timestamp", "event", "event_id", "trust_tier", "decision_id", "reason"), rows);
    }

    private Grid nextActions(List<NextAction> actions) {
        List<Row> rows = actions.stream().map(a -> {
            NextAction.RequiredDecision d = a.decision();
            String needs = !a.consequential() ? "" : d == null ? "an approved decision"
                    : String.join(", ", nonEmpty(d.action(), d.surface(), d.requiredState(),
                    d.minTrustTier() == null ? null : d.minTrustTier() + "+"));
            return new Row(List.of(orEmpty(a.priority()), orEmpty(a.title()), orEmpty(a.reason()),
                    a.consequential() ? "yes" : "no", needs),
                    List.of(orEmpty(a.id()), orEmpty(a.title()), orEmpty(a.reason()), orEmpty(a.priority()),
                            Boolean.toString(a.consequential()), d == null ? "" : orEmpty(d.action()),
                            d == null ? "" : orEmpty(d.surface()), d == null ? "" : orEmpty(d.requiredState()),
                            d == null ? "" : orEmpty(d.minTrustTier())), null, a.consequential());
        }).toList();
        return new Grid(Table.NEXT_ACTIONS, List.of("Priority", "Action", "Why", "Consequential", "Decision needed"),
                List.of("id", "title", "reason", "priority", "consequential", "decision_action", "decision_surface",
                        "required_state", "min_trust_tier"), rows);
    }

    /** Puts the JSON answer on the clipboard and says how long it was. */
    private void copyJson() {
        clipboard.copy(json.get());
        dialogs.notify(String.format(Locale.ENGLISH, "Copied the JSON answer (%,d characters) to the clipboard",
                json.get().length()));
    }

    /** Opens the Events screen on the events behind a row. */
    public void drillDown(Row row) {
        if (row.drill() != null) {
            navigator.showEvents(row.drill());
        }
    }

    /** Asks where to save one part of the answer (e.g. agent-context-anomalies-….csv) and writes its raw values. */
    public Command exportCommand(Grid grid) {
        return new Command(() -> csv.export("agent-context-" + grid.key(), table(grid)));
    }

    /** One part of the answer as exported: raw values. */
    public static TableExport.Table table(Grid grid) {
        return new TableExport.Table(grid.table().title().toLowerCase(Locale.ROOT), grid.csvHeader(),
                grid.rows().stream().map(Row::csv).toList());
    }

    /** An open start is the epoch and an open end now: the API reads a missing bound as "the last 7 days". */
    static Period effectivePeriod(DateRange range, Clock clock, ZoneId zone) {
        Period p = range.resolve(clock, zone);
        return new Period(p.from() == null ? 0L : p.from(), p.to() == null ? clock.millis() : p.to());
    }

    private String describe(Period p) {
        if (p.from() == null || p.to() == null) {
            return "";
        }
        return (p.from() == 0L ? "all time" : TIME.format(Instant.ofEpochMilli(p.from()).atZone(zone))) + " – "
                + TIME.format(Instant.ofEpochMilli(p.to()).atZone(zone));
    }

    static String pretty(Object value) {
        return ApiJson.pretty(value);
    }

    /** Whole numbers with thousands separators; text as it is; anything else as compact JSON. */
    /** What the summary table shows: a figure the answer has no data for (null) reads "no data". */
    private static String shown(Object value) {
        if (value == null) {
            return "no data";
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return count(((Number) value).longValue());
        }
        return raw(value);
    }

    private static String raw(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value == null) {
            return "";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        try {
            return ApiJson.write(value);
        } catch (IllegalArgumentException e) {
            return String.valueOf(value);
        }
    }

    /** "uniqueActors" and "health_score" read as "Unique actors" and "Health score". */
    static String label(String key) {
        if (key == null || key.isEmpty()) {
            return "";
        }
        String words = key.replace('_', ' ').replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String count(long n) {
        return String.format(Locale.ENGLISH, "%,d", n);
    }

    private static String number(double d) {
        return d == Math.rint(d) ? String.format(Locale.ENGLISH, "%,.0f", d) : String.format(Locale.ENGLISH, "%,.2f", d);
    }

    private static List<String> nonEmpty(String... values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                out.add(v.replace('_', ' '));
            }
        }
        return out;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    public ObjectProperty<AgentContext.Mode> modeProperty() {
        return mode;
    }

    public StringProperty businessProperty() {
        return business;
    }

    /** How many items each list of the answer holds at most (1–1000). */
    public IntegerProperty limitProperty() {
        return limit;
    }

    public ObjectProperty<DateRange> rangeProperty() {
        return range;
    }

    /** The answer as sentences for a person. */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** The answer as an agent reads it: the API's JSON, pretty-printed. */
    public ReadOnlyStringProperty jsonProperty() {
        return json.getReadOnlyProperty();
    }

    /** Mode, business and period of the shown answer. */
    public ReadOnlyStringProperty headingProperty() {
        return heading.getReadOnlyProperty();
    }

    /** The heading above the answer: the shown answer's heading, or how to get one while there is none. */
    public ReadOnlyStringProperty headingTextProperty() {
        return headingText.getReadOnlyProperty();
    }

    /** Copy JSON: puts the JSON answer on the clipboard; only when there is one. */
    public Command copyJsonCommand() {
        return copyJsonCommand;
    }

    /** What the chosen mode answers. */
    public ReadOnlyStringProperty modeDescriptionProperty() {
        return modeDescription.getReadOnlyProperty();
    }

    /** The largest limit the API accepts. */
    public int maxLimit() {
        return AgentContext.MAX_LIMIT;
    }

    /** The agent-context request: running, status, error, cancel. */
    public QueryLifecycle query() {
        return query;
    }

    /** Run: asks for the answer; not while a request runs. */
    public Command runCommand() {
        return runCommand;
    }

    /** The parts of the shown answer, in {@link Table} order. */
    public ObservableList<Grid> grids() {
        return grids;
    }
}
