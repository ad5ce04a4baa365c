package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.api.Metrics;
import com.headlessanalytics.console.api.Proof;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.domain.Revenue;
import com.headlessanalytics.console.domain.TimeBuckets;
import com.headlessanalytics.console.engine.analytics.Cancel;
import com.headlessanalytics.console.engine.analytics.Columns;
import com.headlessanalytics.console.engine.analytics.MetricsKernel;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code POST /api/metrics/query}: totals, unique actors, revenue and series from the in-memory
 * projection; stored definitions computed alongside (property sums read their envelopes from H2).
 */
final class EngineMetrics {
    private final EngineAnalytics analytics;
    private final EngineMetricStore store;

    EngineMetrics(EngineAnalytics analytics, EngineMetricStore store) {
        this.analytics = analytics;
        this.store = store;
    }

    Metrics.Result metrics(String ws, String business, Metrics.Query q, Proof proof, long now) {
        Columns c = analytics.columns(ws);
        int n = c.size();
        int b = c.businesses.id(business);
        int name = q.eventName() == null ? MetricsKernel.ANY : EngineAnalytics.nameOrNone(c, q.eventName());
        long from = q.from() == null ? Long.MIN_VALUE : q.from();
        long to = q.to() == null ? Long.MAX_VALUE : q.to();
        TimeBuckets buckets = new TimeBuckets(q.effectiveInterval().size());
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
                ? store.persistSnapshots(ws, business, values, q.from(), q.to(), proof.queryId(), now) : null;
        return new Metrics.Result(values, scan.total(), scan.uniqueActors(), values.get("revenue"),
                q.effectiveInterval().name().toLowerCase(), series(buckets, first, scan.series()),
                grouping == null ? null : q.groupBy(), groups, snapshots, proof);
    }

    private static TreeMap<Long, Long> series(TimeBuckets buckets, long first, long[] counts) {
        TreeMap<Long, Long> out = new TreeMap<>();
        for (int i = 0; i < counts.length; i++) {
            out.put(buckets.start(first + i), counts[i]);
        }
        return out;
    }

    private List<Metrics.Definition> definitionsToRun(String ws, List<String> names) {
        List<Metrics.Definition> all = store.definitions(ws);
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
        int name = EngineAnalytics.nameOrNone(c, d.event());
        Metrics.Aggregation agg = d.effectiveAggregation();
        if (agg == Metrics.Aggregation.SUM && !"revenue".equals(d.property())) {
            return sumProperty(ws, business, d.event(), d.property(), from, to);
        }
        MetricsKernel.Scan s = MetricsKernel.scan(c, n, b, name, from, to, new TimeBuckets(TimeBuckets.Size.DAY), 0, 0,
                -1, 0, Cancel.THREAD);
        return switch (agg) {
            case COUNT -> BigDecimal.valueOf(s.total());
            case UNIQUE_ACTORS -> BigDecimal.valueOf(s.uniqueActors());
            case SUM -> Revenue.fromMicros(s.revenueMicros(), 2);
        };
    }

    /** Sums a dotted envelope path over the named events; values that are not numbers are skipped. */
    private BigDecimal sumProperty(String ws, String business, String event, String path, long from, long to) {
        return analytics.database().read(c -> {
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
                        BigDecimal v = EnvelopePaths.number(EnvelopePaths.at(EnvelopePaths.parse(rs.getString(1)), path));
                        if (v != null) {
                            sum = sum.add(v);
                        }
                    }
                }
            }
            return sum.stripTrailingZeros().scale() < 0 ? sum.setScale(0) : sum.stripTrailingZeros();
        });
    }
}
