package com.headlessanalytics.console.ui.usage;

import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Period;
import com.headlessanalytics.console.api.Usage;
import com.headlessanalytics.console.domain.QuotaLevel;
import com.headlessanalytics.console.ui.common.Activatable;
import com.headlessanalytics.console.ui.common.Command;
import com.headlessanalytics.console.ui.common.CsvExport;
import com.headlessanalytics.console.ui.common.DateRange;
import com.headlessanalytics.console.ui.common.DialogService;
import com.headlessanalytics.console.ui.common.QueryLifecycle;
import com.headlessanalytics.console.ui.common.TableExport;
import com.headlessanalytics.console.ui.common.TaskRunner;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Usage: the metering of API calls served for this workspace (GET /api/usage) — the newest calls,
 * totals per endpoint over a date range, and the calendar month's quota — with CSV export of both
 * tables. Read when the screen is shown and on Refresh; reading is itself never metered here.
 */
public final class UsageViewModel implements Activatable {
    static final List<Integer> LIMITS = List.of(100, 500, 1000, 5000);
    static final int DEFAULT_LIMIT = 500;
    /** The chart shows the busiest endpoints; the table lists them all. */
    static final int CHART_ENDPOINTS = 8;
    static final List<String> RECORD_HEADER = List.of("time", "method", "endpoint", "status", "latency_ms",
            "request_bytes", "response_bytes", "key_id", "query_id");
    static final List<String> TOTAL_HEADER = List.of("endpoint", "calls", "errors", "by_status", "avg_latency_ms",
            "max_latency_ms", "request_bytes", "response_bytes");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d, HH:mm:ss", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);

    /** One metered call as the table shows it. */
    public record CallRow(String time, String method, String endpoint, int status, long latencyMs, String bytes,
                          String keyId, Usage.Record record) {
        public boolean failed() {
            return failed(status);
        }

        /** A 4xx or 5xx answer is an error. */
        public static boolean failed(int status) {
            return status >= 400;
        }

        /** "1,204 ms". */
        public String latency() {
            return String.format(Locale.ENGLISH, "%,d ms", latencyMs);
        }
    }

    /** Totals of one endpoint as the table shows them. */
    public record TotalRow(String endpoint, long calls, long errors, String statuses, String latency, String bytes,
                           Usage.Total total) {
    }

    /** One endpoint's bar in the chart: its successful and its failed calls. */
    public record ChartBar(String endpoint, long succeeded, long errors) {
    }

    /** Which table to export. */
    public enum Table { CALLS, TOTALS }

    /** What an empty table says once usage was read. */
    static final String EMPTY = "No API calls metered yet. Usage counts the calls served in serve mode (Settings ›"
            + " Serve mode) or by the connected HeadlessAnalytics API, per workspace; the console's own reads of"
            + " its embedded workspace are not metered.";

    private final Supplier<HeadlessApi> api;
    private final Clock clock;
    private final ZoneId zone;
    private final QueryLifecycle query;
    private final CsvExport csv;
    private final Command refreshCommand;
    private final Command exportCallsCommand;
    private final Command exportTotalsCommand;

    private final ObjectProperty<DateRange> range = new SimpleObjectProperty<>(DateRange.of(DateRange.Preset.LAST_30_DAYS));
    private final IntegerProperty limit = new SimpleIntegerProperty(DEFAULT_LIMIT);
    private final ObservableList<CallRow> calls = FXCollections.observableArrayList();
    private final ObservableList<TotalRow> totals = FXCollections.observableArrayList();
    private final ObservableList<ChartBar> chart = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper quotaText = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper quotaUsed = new ReadOnlyDoubleWrapper();
    private final ReadOnlyObjectWrapper<QuotaLevel> quotaLevel = new ReadOnlyObjectWrapper<>(QuotaLevel.OK);
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canExport = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper chartShown = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper();
    private boolean active;

    public UsageViewModel(Supplier<HeadlessApi> api, TaskRunner tasks, DialogService dialogs, Clock clock, ZoneId zone) {
        this.api = api;
        this.clock = clock;
        this.zone = zone;
        this.query = new QueryLifecycle(tasks);
        this.csv = new CsvExport(tasks, dialogs, clock, zone);
        this.refreshCommand = new Command(this::refresh, query.runningProperty().not());
        this.exportCallsCommand = new Command(() -> export(Table.CALLS), loaded);
        this.exportTotalsCommand = new Command(() -> export(Table.TOTALS), loaded);
        canExport.bind(exportCallsCommand.executableProperty().or(exportTotalsCommand.executableProperty()));
        chartShown.bind(Bindings.isNotEmpty(chart));
        placeholder.bind(Bindings.when(loaded).then(EMPTY).otherwise("Reading usage…"));
        range.addListener((obs, old, now) -> refreshIfActive());
        limit.addListener((obs, old, now) -> refreshIfActive());
    }

    @Override
    public void activate() {
        active = true;
        refresh();
    }

    @Override
    public void deactivate() {
        active = false;
        query.stop();
    }

    private void refreshIfActive() {
        if (active) {
            refresh();
        }
    }

    /**
     * Reads the newest calls, the totals over the date range and the quota; a read asked while one
     * runs replaces it.
     */
    public void refresh() {
        if (range.get() == null) {
            return;
        }
        Period p = range.get().resolve(clock, zone);
        Usage.Query q = new Usage.Query(Math.max(1, Math.min(Usage.MAX_LIMIT, limit.get())), p.from(), p.to());
        String rangeLabel = range.get().label();
        query.run("Reading API usage", "Reading usage…", progress -> api.get().usage(q), report -> {
            show(report, rangeLabel);
            query.status("");
        });
    }

    private void show(Usage.Report report, String rangeLabel) {
        loaded.set(true);
        calls.setAll(report.records().stream().map(r -> new CallRow(format(TIME, r.at()), r.method(), r.endpoint(),
                r.status(), r.latencyMs(), bytes(r.requestBytes()) + " in / " + bytes(r.responseBytes()) + " out",
                r.keyId() == null ? "" : r.keyId(), r)).toList());
        totals.setAll(report.totals().stream().map(t -> new TotalRow(t.endpoint(), t.calls(), t.errors(),
                statuses(t.byStatus()), String.format(Locale.ENGLISH, "%,d / %,d ms", t.avgLatencyMs(),
                t.maxLatencyMs()), bytes(t.requestBytes()) + " / " + bytes(t.responseBytes()), t)).toList());
        chart.setAll(report.totals().stream().sorted((a, b) -> Long.compare(b.calls(), a.calls()))
                .limit(CHART_ENDPOINTS).map(t -> new ChartBar(t.endpoint(), t.calls() - t.errors(), t.errors()))
                .toList());
        long errors = report.totals().stream().mapToLong(Usage.Total::errors).sum();
        summary.set(report.totalCalls() == 0 ? "No calls in " + lower(rangeLabel)
                : String.format(Locale.ENGLISH, "%,d call%s in %s, %,d with an error (status 400 or above) · "
                        + "newest %,d listed", report.totalCalls(), report.totalCalls() == 1 ? "" : "s",
                lower(rangeLabel), errors, report.records().size()));
        Usage.Quota q = report.quota();
        if (q == null) {
            quotaUsed.set(0);
            quotaLevel.set(QuotaLevel.OK);
            quotaText.set("No quota reported");
        } else {
            quotaUsed.set(QuotaLevel.usedShare(q.used(), q.limit()));
            quotaLevel.set(QuotaLevel.of(q.used(), q.limit()));
            quotaText.set(String.format(Locale.ENGLISH, "%,d of %,d calls used this month (%s) · %,d left · resets %s",
                    q.used(), q.limit(), percent(q.used(), q.limit()), q.remaining(),
                    format(DAY, q.periodEnd() + 1)));
        }
    }

    private static String lower(String label) {
        return label.isEmpty() ? label : Character.toLowerCase(label.charAt(0)) + label.substring(1);
    }

    static String percent(long used, long limit) {
        if (limit <= 0) {
            return "100%";
        }
        double pct = 100.0 * used / limit;
        return pct > 0 && pct < 0.1 ? "under 0.1%" : String.format(Locale.ENGLISH, "%.1f%%", pct);
    }

    /** "200 ×12, 404 ×1", by status code. */
    static String statuses(Map<String, Long> byStatus) {
        if (byStatus == null || byStatus.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        new TreeMap<>(byStatus).forEach((status, count) -> {
            if (!s.isEmpty()) {
                s.append(", ");
            }
            s.append(status).append(" ×").append(String.format(Locale.ENGLISH, "%,d", count));
        });
        return s.toString();
    }

    /** 512 B, 1.5 KB, 3.2 MB (powers of 1024). */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        double v = n / 1024.0;
        String[] units = {"KB", "MB", "GB", "TB"};
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ENGLISH, "%.1f %s", v, units[u]);
    }

    private String format(DateTimeFormatter f, long millis) {
        return f.format(Instant.ofEpochMilli(millis).atZone(zone));
    }

    /** Asks where to save the table as shown (raw numbers, times as ISO-8601 UTC) and writes it. */
    private void export(Table table) {
        csv.export("usage-" + table.name().toLowerCase(Locale.ROOT), table(table));
    }

    /** The table as exported. */
    public TableExport.Table table(Table table) {
        return table == Table.CALLS
                ? new TableExport.Table("usage calls", RECORD_HEADER, calls.stream().map(c -> callCsv(c.record()))
                .toList())
                : new TableExport.Table("usage totals", TOTAL_HEADER, totals.stream().map(t -> totalCsv(t.total()))
                .toList());
    }

    static List<String> callCsv(Usage.Record r) {
        return List.of(Instant.ofEpochMilli(r.at()).toString(), nullToEmpty(r.method()), nullToEmpty(r.endpoint()),
                Integer.toString(r.status()), Long.toString(r.latencyMs()), Long.toString(r.requestBytes()),
                Long.toString(r.responseBytes()), nullToEmpty(r.keyId()), nullToEmpty(r.queryId()));
    }

    static List<String> totalCsv(Usage.Total t) {
        StringBuilder statuses = new StringBuilder();
        if (t.byStatus() != null) {
            new TreeMap<>(t.byStatus()).forEach((status, count) -> {
                if (!statuses.isEmpty()) {
                    statuses.append(' ');
                }
                statuses.append(status).append(':').append(count);
            });
        }
        return List.of(nullToEmpty(t.endpoint()), Long.toString(t.calls()), Long.toString(t.errors()),
                statuses.toString(), Long.toString(t.avgLatencyMs()), Long.toString(t.maxLatencyMs()),
                Long.toString(t.requestBytes()), Long.toString(t.responseBytes()));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    public ObjectProperty<DateRange> rangeProperty() {
        return range;
    }

    /** How many of the newest calls to list. */
    public IntegerProperty limitProperty() {
        return limit;
    }

    public List<Integer> limits() {
        return LIMITS;
    }

    /** How a limit reads in its picker: "Newest 1,000 calls". */
    public static String limitLabel(int limit) {
        return String.format(Locale.ENGLISH, "Newest %,d calls", limit);
    }

    /** Whether the Export CSV menu opens: while either table can be exported. */
    public ReadOnlyBooleanProperty canExportProperty() {
        return canExport.getReadOnlyProperty();
    }

    /** Whether the chart of calls per endpoint shows: only with a bar to draw. */
    public ReadOnlyBooleanProperty chartShownProperty() {
        return chartShown.getReadOnlyProperty();
    }

    /** What an empty table says: that nothing was metered yet once read, else that it is reading. */
    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    public ObservableList<CallRow> calls() {
        return calls;
    }

    public ObservableList<TotalRow> totals() {
        return totals;
    }

    /** The chart's bars: the {@value #CHART_ENDPOINTS} busiest endpoints, busiest first. */
    public ObservableList<ChartBar> chart() {
        return chart;
    }

    /** How close the month is to its quota, for the quota bar's colour. */
    public ReadOnlyObjectProperty<QuotaLevel> quotaLevelProperty() {
        return quotaLevel.getReadOnlyProperty();
    }

    /** The usage read: running, status, error, cancel. */
    public QueryLifecycle query() {
        return query;
    }

    /** Refresh: reads again; not while a read runs. */
    public Command refreshCommand() {
        return refreshCommand;
    }

    /** Export the listed calls as CSV; once a report was read. */
    public Command exportCallsCommand() {
        return exportCallsCommand;
    }

    /** Export the totals by endpoint as CSV; once a report was read. */
    public Command exportTotalsCommand() {
        return exportTotalsCommand;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty quotaTextProperty() {
        return quotaText.getReadOnlyProperty();
    }

    /** Share of the month's quota used, 0 to 1. */
    public ReadOnlyDoubleProperty quotaUsedProperty() {
        return quotaUsed.getReadOnlyProperty();
    }

    /** True once a report has been read: until then the tables are empty because nothing is known. */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }
}
