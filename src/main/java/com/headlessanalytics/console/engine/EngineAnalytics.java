package com.headlessanalytics.console.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Attribution;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.api.Metrics;
import com.headlessanalytics.console.api.Proof;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.domain.Ids;
import com.headlessanalytics.console.domain.Revenue;
import com.headlessanalytics.console.engine.analytics.ActorIndex;
import com.headlessanalytics.console.engine.analytics.AnalyticsIndex;
import com.headlessanalytics.console.engine.analytics.AttributionKernel;
import com.headlessanalytics.console.engine.analytics.Buckets;
import com.headlessanalytics.console.engine.analytics.Cancel;
import com.headlessanalytics.console.engine.analytics.Columns;
import com.headlessanalytics.console.engine.analytics.FunnelKernel;
import com.headlessanalytics.console.engine.analytics.FunnelSummary;
import com.headlessanalytics.console.engine.analytics.MetricsKernel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Metrics, funnels and attribution of one engine: answered from the in-memory projection, with
 * the database only for what the projection does not hold (stored definitions and snapshots,
 * envelope paths used by step filters, breakdowns and property sums).
 */
final class EngineAnalytics {
    /** How long a query waits for the projection to finish loading after start. */
    static final long LOAD_WAIT_MS = 120_000;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final Database db;
    private final AnalyticsIndex index;

    EngineAnalytics(Database db, AnalyticsIndex index) {
        this.db = db;
        this.index = index;
    }

    Database database() {
        return db;
    }

    Columns columns(String workspaceId) {
        try {
            return index.columns(workspaceId, LOAD_WAIT_MS);
        } catch (IllegalStateException e) {
            throw new ApiException.Server(503, ErrorCodes.NOT_READY, e.getMessage(), e);
        }
    }

    ActorIndex actors(String workspaceId, Columns c) {
        return index.actorIndex(workspaceId, c, Cancel.THREAD);
    }

    // ---- metrics ------------------------------------------------------------------------------

    Metrics.Result metrics(String ws, String business, Metrics.Query q, Proof proof, long now) {
        Columns c = columns(ws);
        int n = c.size();
        int b = c.businesses.id(business);
        int name = q.eventName() == null ? MetricsKernel.ANY : nameOrNone(c, q.eventName());
        long from = q.from() == null ? Long.MIN_VALUE : q.from();
        long to = q.to() == null ? Long.MAX_VALUE : q.to();
        Buckets buckets = new Buckets(q.effectiveInterval());
        long first = 0;
        int count = 0;
        long[] span = q.from() != null && q.to() != null ? new long[] {from, to}
                : MetricsKernel.span(c, n, b, name, from, to, Cancel.THREAD);
        if (span != null) {
            first = buckets.ordinal(q.from() != null ? from : span[0]);
            long last = buckets.ordinal(q.to() != null ? to : span[1]);
            if (last - first + 1 > Metrics.MAX_BUCKETS) {
                throw ApiException.invalid("The series would have too many buckets", List.of(new FieldError(null,
                        "interval", "too_large", (last - first + 1) + " " + q.effectiveInterval().name().toLowerCase()
                        + " buckets; at most " + Metrics.MAX_BUCKETS + ": pick a longer interval or a shorter period")));
            }
            count = (int) (last - first + 1);
        }
        Metrics.Grouping grouping = q.grouping();
        int field = grouping == null ? -1 : switch (grouping) {
            case SOURCE -> 0;
            case CHANNEL -> 1;
            case CAMPAIGN -> 2;
            case MEDIUM -> 3;
            case EVENT -> 4;
        };
        MetricsKernel.Scan scan = MetricsKernel.scan(c, n, b, name, from, to, buckets, first, count, field,
                Metrics.MAX_GROUPS, Cancel.THREAD);
        if (scan.revenueOverflow()) {
            throw new ApiException.Client(422, ErrorCodes.RULE_VIOLATION, "The revenue total is too large to add up",
                    List.of());
        }
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        values.put("events", BigDecimal.valueOf(scan.total()));
        values.put("uniqueActors", BigDecimal.valueOf(scan.uniqueActors()));
        values.put("revenue", Revenue.fromMicros(scan.revenueMicros(), 2));
        for (Metrics.Definition d : definitionsToRun(ws, q.metrics())) {
            values.put(d.name(), definitionValue(ws, c, n, b, business, d, from, to));
        }
        List<Metrics.Group> groups = null;
        if (scan.groups() != null) {
            groups = new ArrayList<>();
            for (MetricsKernel.GroupScan g : scan.groups()) {
                String key = g.key() == null ? Funnels.OTHER : MetricsKernel.label(c, field, g.key());
                groups.add(new Metrics.Group(key, g.count(), g.uniqueActors(), series(buckets, first, g.series())));
            }
        }
        List<Metrics.Snapshot> snapshots = Boolean.TRUE.equals(q.persistSnapshots())
                ? persistSnapshots(ws, business, values, q.from(), q.to(), proof.queryId(), now) : null;
        return new Metrics.Result(values, scan.total(), scan.uniqueActors(), values.get("revenue"),
                q.effectiveInterval().name().toLowerCase(), series(buckets, first, scan.series()),
                grouping == null ? null : q.groupBy(), groups, snapshots, proof);
    }

    private static TreeMap<Long, Long> series(Buckets buckets, long first, long[] counts) {
        TreeMap<Long, Long> out = new TreeMap<>();
        for (int i = 0; i < counts.length; i++) {
            out.put(buckets.start(first + i), counts[i]);
        }
        return out;
    }

    /** Name ids never equal this: a name nothing was stored under matches no row. */
    private static final int NO_SUCH_NAME = -3;

    private static int nameOrNone(Columns c, String name) {
        int id = c.names.id(name);
        return id < 0 ? NO_SUCH_NAME : id;
    }

    private List<Metrics.Definition> definitionsToRun(String ws, List<String> names) {
        List<Metrics.Definition> all = definitions(ws);
        if (names == null) {
            return all;
        }
        Map<String, Metrics.Definition> byName = new HashMap<>();
        for (Metrics.Definition d : all) {
            byName.put(d.name(), d);
        }
        List<Metrics.Definition> chosen = new ArrayList<>();
        List<FieldError> unknown = new ArrayList<>();
        for (String name : new java.util.LinkedHashSet<>(names)) {
            Metrics.Definition d = byName.get(name);
            if (d == null) {
                unknown.add(new FieldError(null, "metrics", "invalid_value", "no metric definition named '" + name
                        + "'"));
            } else {
                chosen.add(d);
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiException.invalid("Unknown metric definitions", unknown);
        }
        return chosen;
    }

    private BigDecimal definitionValue(String ws, Columns c, int n, int b, String business, Metrics.Definition d,
                                       long from, long to) {
        int name = nameOrNone(c, d.event());
        Metrics.Aggregation agg = d.effectiveAggregation();
        if (agg == Metrics.Aggregation.SUM && !"revenue".equals(d.property())) {
            return sumProperty(ws, business, d.event(), d.property(), from, to);
        }
        MetricsKernel.Scan s = MetricsKernel.scan(c, n, b, name, from, to, new Buckets(Metrics.Interval.DAY), 0, 0,
                -1, 0, Cancel.THREAD);
        return switch (agg) {
            case COUNT -> BigDecimal.valueOf(s.total());
            case UNIQUE_ACTORS -> BigDecimal.valueOf(s.uniqueActors());
            case SUM -> Revenue.fromMicros(s.revenueMicros(), 2);
        };
    }

    /** Sums a dotted envelope path over the named events; values that are not numbers are skipped. */
    private BigDecimal sumProperty(String ws, String business, String event, String path, long from, long to) {
        return db.read(c -> {
            BigDecimal sum = BigDecimal.ZERO;
            try (PreparedStatement ps = c.prepareStatement("SELECT envelope FROM event WHERE workspace_id = ?"
                    + " AND event = ? AND ts >= ? AND ts <= ? AND business_id = ?")) {
                ps.setString(1, ws);
                ps.setString(2, event);
                ps.setLong(3, from);
                ps.setLong(4, to);
                ps.setString(5, business);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        BigDecimal v = number(at(parse(rs.getString(1)), path));
                        if (v != null) {
                            sum = sum.add(v);
                        }
                    }
                }
            }
            return sum.stripTrailingZeros().scale() < 0 ? sum.setScale(0) : sum.stripTrailingZeros();
        });
    }

    private static BigDecimal number(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Number num) {
            return new BigDecimal(num.toString());
        }
        if (v instanceof String s && s.length() <= 40) {
            try {
                BigDecimal d = new BigDecimal(s.strip());
                return Math.abs(d.scale()) > 1000 ? null : d;
            } catch (NumberFormatException notNumber) {
                return null;
            }
        }
        return null;
    }

    // ---- metric definitions and snapshots -----------------------------------------------------

    List<Metrics.Definition> definitions(String ws) {
        return db.read(c -> {
            List<Metrics.Definition> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name, event, aggregation, property, description,"
                    + " updated_at FROM metric_definition WHERE workspace_id = ? ORDER BY name")) {
                ps.setString(1, ws);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Metrics.Definition(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getLong(6)));
                    }
                }
            }
            return out;
        });
    }

    Metrics.Definition saveDefinition(String ws, Metrics.Definition d, long now) {
        String aggregation = d.effectiveAggregation().name().toLowerCase();
        Metrics.Definition saved = new Metrics.Definition(d.name(), d.event(), aggregation,
                d.effectiveAggregation() == Metrics.Aggregation.SUM ? d.property() : null, d.description(), now);
        db.write(c -> {
            int existing;
            try (PreparedStatement count = c.prepareStatement(
                    "SELECT COUNT(*) FROM metric_definition WHERE workspace_id = ? AND name <> ?")) {
                count.setString(1, ws);
                count.setString(2, d.name());
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    existing = rs.getInt(1);
                }
            }
            if (existing >= Metrics.MAX_DEFINITIONS) {
                throw new ApiException.Client(422, ErrorCodes.RULE_VIOLATION, "A workspace holds at most "
                        + Metrics.MAX_DEFINITIONS + " metric definitions; delete one first", List.of());
            }
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO metric_definition (workspace_id, name, event,"
                    + " aggregation, property, description, updated_at) KEY (workspace_id, name)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, ws);
                ps.setString(2, saved.name());
                ps.setString(3, saved.event());
                ps.setString(4, saved.aggregation());
                ps.setString(5, saved.property());
                ps.setString(6, saved.description());
                ps.setLong(7, now);
                ps.executeUpdate();
            }
            return null;
        });
        return saved;
    }

    void deleteDefinition(String ws, String name) {
        int deleted = db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM metric_definition WHERE workspace_id = ? AND name = ?")) {
                ps.setString(1, ws);
                ps.setString(2, name);
                return ps.executeUpdate();
            }
        });
        if (deleted == 0) {
            throw ApiException.notFound("No metric definition named '" + name + "'");
        }
    }

    private List<Metrics.Snapshot> persistSnapshots(String ws, String business, Map<String, BigDecimal> values,
                                                    Long from, Long to, String queryId, long now) {
        List<Metrics.Snapshot> out = new ArrayList<>();
        for (Map.Entry<String, BigDecimal> v : values.entrySet()) {
            out.add(new Metrics.Snapshot(Ids.newId("snap", now), v.getKey(), v.getValue(), business, from, to, now,
                    queryId));
        }
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO metric_snapshot (id, workspace_id,"
                    + " business_id, metric, metric_value, from_ts, to_ts, computed_at, query_id)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Metrics.Snapshot s : out) {
                    ps.setString(1, s.id());
                    ps.setString(2, ws);
                    ps.setString(3, business);
                    ps.setString(4, s.metric());
                    ps.setBigDecimal(5, s.value().setScale(Revenue.SCALE, RoundingMode.HALF_EVEN));
                    setLong(ps, 6, from);
                    setLong(ps, 7, to);
                    ps.setLong(8, now);
                    ps.setString(9, queryId);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
        return out;
    }

    List<Metrics.Snapshot> snapshots(String ws, String metric, int limit) {
        return db.read(c -> {
            List<Metrics.Snapshot> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, metric, metric_value, business_id, from_ts,"
                    + " to_ts, computed_at, query_id FROM metric_snapshot WHERE workspace_id = ?"
                    + (metric == null ? "" : " AND metric = ?") + " ORDER BY computed_at DESC, id DESC LIMIT ?")) {
                int i = 1;
                ps.setString(i++, ws);
                if (metric != null) {
                    ps.setString(i++, metric);
                }
                ps.setInt(i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long fromTs = rs.getLong(5);
                        Long fromValue = rs.wasNull() ? null : fromTs;
                        long toTs = rs.getLong(6);
                        Long toValue = rs.wasNull() ? null : toTs;
                        BigDecimal value = rs.getBigDecimal(3).stripTrailingZeros();
                        out.add(new Metrics.Snapshot(rs.getString(1), rs.getString(2),
                                value.scale() < 0 ? value.setScale(0) : value, rs.getString(4), fromValue, toValue,
                                rs.getLong(7), rs.getString(8)));
                    }
                }
            }
            return out;
        });
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, java.sql.Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    // ---- funnels ------------------------------------------------------------------------------

    /** Outcomes of every actor who entered the funnel, with the breakdown value of each when asked. */
    record FunnelRun(FunnelKernel.Outcomes outcomes, String[] breakdown, Columns columns) {
    }

    FunnelRun runFunnel(String ws, String business, Funnels.Query q) {
        Columns c = columns(ws);
        ActorIndex actors = actors(ws, c);
        int b = c.businesses.id(business);
        List<Funnels.Step> steps = q.steps();
        long from = q.from() == null ? Long.MIN_VALUE : q.from();
        long to = q.to() == null ? Long.MAX_VALUE : q.to();
        long window = q.effectiveWindowMs();
        int[] names = new int[steps.size()];
        FunnelKernel.RowFilter[] filters = new FunnelKernel.RowFilter[steps.size()];
        for (int k = 0; k < steps.size(); k++) {
            Funnels.Step s = steps.get(k);
            names[k] = nameOrNone(c, s.event());
            if (s.filter() != null && !s.filter().isEmpty() && names[k] >= 0) {
                Set<Long> passing = passingSeqs(ws, business, s, from, saturatedAdd(to, window));
                filters[k] = row -> passing.contains(c.seq(row));
            }
        }
        FunnelKernel kernel = new FunnelKernel(c, actors, b, names, filters, from, to, window, q.effectiveMode());
        FunnelKernel.Outcomes outcomes = kernel.run(Cancel.THREAD);
        String[] breakdown = q.breakdown() == null ? null : breakdownValues(ws, c, outcomes, q.breakdown());
        return new FunnelRun(outcomes, breakdown, c);
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    Funnels.Result funnel(String ws, String business, Funnels.Query q, Proof proof) {
        FunnelRun run = runFunnel(ws, business, q);
        List<Funnels.StepResult> steps = FunnelSummary.steps(q.steps(), run.outcomes(), null);
        List<Funnels.Breakdown> breakdown = null;
        if (run.breakdown() != null) {
            Map<String, IntList> groups = new HashMap<>();
            for (int i = 0; i < run.outcomes().size(); i++) {
                groups.computeIfAbsent(run.breakdown()[i], k -> new IntList()).add(i);
            }
            List<String> keys = new ArrayList<>(groups.keySet());
            keys.sort((x, y) -> {
                int bySize = Integer.compare(groups.get(y).size, groups.get(x).size);
                return bySize != 0 ? bySize : x.compareTo(y);
            });
            breakdown = new ArrayList<>();
            IntList other = new IntList();
            for (int i = 0; i < keys.size(); i++) {
                IntList members = groups.get(keys.get(i));
                if (i < Funnels.MAX_BREAKDOWN_VALUES) {
                    breakdown.add(new Funnels.Breakdown(keys.get(i), FunnelSummary.steps(q.steps(), run.outcomes(),
                            members.toArray())));
                } else {
                    for (int j = 0; j < members.size; j++) {
                        other.add(members.values[j]);
                    }
                }
            }
            if (other.size > 0) {
                breakdown.add(new Funnels.Breakdown(Funnels.OTHER, FunnelSummary.steps(q.steps(), run.outcomes(),
                        other.toArray())));
            }
        }
        return new Funnels.Result(steps, q.effectiveMode().name().toLowerCase(), q.effectiveWindowMs(),
                q.breakdown(), breakdown, proof);
    }

    Funnels.Actors funnelActors(String ws, String business, Funnels.ActorsQuery q, Proof proof) {
        FunnelRun run = runFunnel(ws, business, q.funnel());
        boolean dropped = q.effectiveOutcome() == Funnels.Outcome.DROPPED;
        Set<String> listed = run.breakdown() == null ? Set.of() : listedValues(run.breakdown());
        List<Funnels.Actor> matching = new ArrayList<>();
        FunnelKernel.Outcomes o = run.outcomes();
        for (int i = 0; i < o.size(); i++) {
            boolean hit = dropped ? o.level(i) == q.step() - 1 : o.level(i) >= q.step();
            if (!hit || (q.breakdownValue() != null && (run.breakdown() == null
                    || !inBreakdown(run.breakdown()[i], q.breakdownValue(), listed)))) {
                continue;
            }
            matching.add(new Funnels.Actor(run.columns().actors.value(o.actor(i)), o.level(i), o.enteredAt(i),
                    o.lastStepAt(i)));
        }
        matching.sort((x, y) -> x.actor().compareTo(y.actor()));
        int offset = q.cursor() == null ? 0 : (int) Math.min(Integer.MAX_VALUE, Long.parseLong(q.cursor()));
        int end = (int) Math.min(matching.size(), (long) offset + q.effectiveLimit());
        List<Funnels.Actor> page = offset >= matching.size() ? List.of() : matching.subList(offset, end);
        String next = end < matching.size() ? Integer.toString(end) : null;
        return new Funnels.Actors(List.copyOf(page), matching.size(), next, proof);
    }

    /** "(other)" holds every value beyond the listed ones, as the funnel answer groups them. */
    private static boolean inBreakdown(String actual, String wanted, Set<String> listed) {
        return Funnels.OTHER.equals(wanted) ? !listed.contains(actual) : wanted.equals(actual);
    }

    /** The breakdown values the funnel answer lists by name: the largest, ties by value. */
    private static Set<String> listedValues(String[] values) {
        Map<String, Integer> sizes = new HashMap<>();
        for (String v : values) {
            sizes.merge(v, 1, Integer::sum);
        }
        List<String> keys = new ArrayList<>(sizes.keySet());
        keys.sort((x, y) -> {
            int bySize = Integer.compare(sizes.get(y), sizes.get(x));
            return bySize != 0 ? bySize : x.compareTo(y);
        });
        return new HashSet<>(keys.subList(0, Math.min(keys.size(), Funnels.MAX_BREAKDOWN_VALUES)));
    }

    /** The breakdown value of each outcome: a touchpoint field, or an envelope path of its step-1 event. */
    private String[] breakdownValues(String ws, Columns c, FunnelKernel.Outcomes outcomes, String by) {
        String[] values = new String[outcomes.size()];
        int field = switch (by) {
            case "source" -> 0;
            case "channel" -> 1;
            case "campaign" -> 2;
            case "medium" -> 3;
            default -> -1;
        };
        if (field >= 0) {
            for (int i = 0; i < values.length; i++) {
                int v = c.touch(outcomes.firstRow(i), field);
                values[i] = v < 0 ? Funnels.NONE : c.touchValues.value(v);
            }
            return values;
        }
        db.read(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT envelope FROM event WHERE seq = ?")) {
                for (int i = 0; i < values.length; i++) {
                    if ((i & 0x3FF) == 0) {
                        Cancel.THREAD.check();
                    }
                    ps.setLong(1, c.seq(outcomes.firstRow(i)));
                    try (ResultSet rs = ps.executeQuery()) {
                        Object v = rs.next() ? at(parse(rs.getString(1)), by) : null;
                        values[i] = scalarText(v);
                    }
                }
            }
            return null;
        });
        return values;
    }

    private static String scalarText(Object v) {
        if (v instanceof String s) {
            return s.isEmpty() ? Funnels.NONE : s;
        }
        if (v instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        return v instanceof Number || v instanceof Boolean ? v.toString() : Funnels.NONE;
    }

    /** The storage sequences of the step's events (in the business and time range) that pass its filter. */
    private Set<Long> passingSeqs(String ws, String business, Funnels.Step step, long from, long to) {
        return db.read(c -> {
            Set<Long> out = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, envelope FROM event WHERE workspace_id = ?"
                    + " AND event = ? AND ts >= ? AND ts <= ? AND business_id = ?")) {
                ps.setString(1, ws);
                ps.setString(2, step.event());
                ps.setLong(3, from);
                ps.setLong(4, to);
                ps.setString(5, business);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (matches(parse(rs.getString(2)), step.filter())) {
                            out.add(rs.getLong(1));
                        }
                    }
                }
            }
            return out;
        });
    }

    /** Every filter path holds an equal value: strings and booleans exactly, numbers by value. */
    static boolean matches(Map<String, Object> envelope, Map<String, Object> filter) {
        for (Map.Entry<String, Object> f : filter.entrySet()) {
            Object actual = at(envelope, f.getKey());
            Object wanted = f.getValue();
            if (wanted instanceof Number) {
                BigDecimal w = number(wanted);
                BigDecimal a = actual instanceof Number ? number(actual) : null;
                if (w == null || a == null || w.compareTo(a) != 0) {
                    return false;
                }
            } else if (!wanted.equals(actual)) {
                return false;
            }
        }
        return true;
    }

    /** The value at a dotted path of a JSON object, or null. */
    static Object at(Map<String, Object> json, String path) {
        Object current = json;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(part);
        }
        return current;
    }

    private static Map<String, Object> parse(String envelope) {
        try {
            return ApiJson.mapper().readValue(envelope, MAP);
        } catch (JsonProcessingException e) {
            throw new EngineException("A stored envelope is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    // ---- attribution --------------------------------------------------------------------------

    Attribution.Result attribution(String ws, String business, Attribution.Query q, Proof proof) {
        Columns c = columns(ws);
        int n = c.size();
        int b = c.businesses.id(business);
        long from = q.from() == null ? Long.MIN_VALUE : q.from();
        long to = q.to() == null ? Long.MAX_VALUE : q.to();
        long[][] counts = AttributionKernel.touchCounts(c, n, b, from, to, Cancel.THREAD);
        List<Attribution.Credit> credit = null;
        Long conversions = null;
        BigDecimal revenue = null;
        if (q.conversionEvent() != null) {
            int field = switch (q.effectiveGroupBy()) {
                case SOURCE -> 0;
                case CHANNEL -> 1;
                case CAMPAIGN -> 2;
                case MEDIUM -> 3;
            };
            int conversion = nameOrNone(c, q.conversionEvent());
            ActorIndex actors = actors(ws, c);
            AttributionKernel.Credit k = AttributionKernel.credit(c, actors, b, conversion, from, to, field,
                    q.effectiveModel(), q.effectiveLookbackMs(), Cancel.THREAD);
            if (k.revenueOverflow()) {
                throw new ApiException.Client(422, ErrorCodes.RULE_VIOLATION,
                        "The revenue total is too large to add up", List.of());
            }
            credit = new ArrayList<>();
            for (int v = 0; v < k.conversions().length; v++) {
                if (k.conversions()[v] <= 0) {
                    continue;
                }
                String key = v == k.conversions().length - 1 ? Attribution.DIRECT : c.touchValues.value(v);
                credit.add(new Attribution.Credit(key,
                        BigDecimal.valueOf(k.conversions()[v]).setScale(4, RoundingMode.HALF_EVEN),
                        BigDecimal.valueOf(k.revenueMicros()[v]).movePointLeft(Revenue.SCALE)
                                .setScale(2, RoundingMode.HALF_EVEN)));
            }
            credit.sort((x, y) -> {
                int byConversions = y.conversions().compareTo(x.conversions());
                return byConversions != 0 ? byConversions : x.key().compareTo(y.key());
            });
            conversions = k.conversionCount();
            revenue = Revenue.fromMicros(k.revenueTotalMicros(), 2);
        }
        return new Attribution.Result(countMap(c, counts[0]), countMap(c, counts[2]), countMap(c, counts[1]),
                countMap(c, counts[3]), q.conversionEvent(),
                q.conversionEvent() == null ? null : q.effectiveModel().name().toLowerCase(),
                q.conversionEvent() == null ? null : q.effectiveGroupBy().name().toLowerCase(), conversions, revenue,
                credit, proof);
    }

    /** Value → count for the values present, largest first, ties by value. */
    static Map<String, Long> countMap(Columns c, long[] counts) {
        List<Integer> ids = new ArrayList<>();
        for (int v = 0; v < counts.length; v++) {
            if (counts[v] > 0) {
                ids.add(v);
            }
        }
        ids.sort((x, y) -> counts[y] != counts[x] ? Long.compare(counts[y], counts[x])
                : c.touchValues.value(x).compareTo(c.touchValues.value(y)));
        Map<String, Long> out = new LinkedHashMap<>();
        for (int v : ids) {
            out.put(c.touchValues.value(v), counts[v]);
        }
        return out;
    }

    /** Recent events of a business up to a time, newest first, for the health summary. */
    static EventQuery recent(String business, long to, int limit) {
        return new EventQuery(business, null, null, null, null, to, limit, null, EventQuery.Order.DESC);
    }

    /** A growable list of ints. */
    private static final class IntList {
        int[] values = new int[16];
        int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
