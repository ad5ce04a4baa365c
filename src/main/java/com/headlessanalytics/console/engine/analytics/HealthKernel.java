package com.headlessanalytics.console.engine.analytics;

import com.headlessanalytics.console.api.AgentContext;
import com.headlessanalytics.console.domain.HealthEventClass;
import com.headlessanalytics.console.domain.TimeBuckets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The facts behind business health and agent context (docs/analytics.md): per event name the
 * counts of the period and the one before, the health classes, proof coverage, touchpoint sources,
 * and anomalies in the period's hourly (or daily) counts.
 */
public final class HealthKernel {
    static final int ORDERS = 1;
    static final int LEADS = 2;
    static final int SCANS = 4;
    static final int REVENUE = 8;
    /** governance.* events: records of the hash chain themselves, so never counted as needing proof. */
    static final int GOVERNANCE = 16;
    /** The name prefix of the events governance stores for its own transitions. */
    public static final String GOVERNANCE_PREFIX = "governance.";
    static final int TOP_NAMES_FOR_ANOMALIES = 20;
    static final int MIN_BUCKETS = 10;
    public static final double ANOMALY_THRESHOLD = 3.5;
    /** A bucket this close to the median is never an anomaly, whatever its score: sparse counts are noise. */
    public static final double MIN_DEVIATION = 5;

    private HealthKernel() {
    }

    /** What one scan found. Counts per name id; revenue in micro-units. */
    public record Facts(long[] current, long[] previous, long total, long previousTotal, int uniqueActors, long orders,
                        long leads, long scans, long revenueMicros, long previousRevenueMicros,
                        long authorityBound, long authorityBoundWithProof, long[] sourceCounts, long lastEventAt,
                        List<AgentContext.Anomaly> anomalies) {
    }

    public static Facts scan(Columns c, int n, int business, long from, long to, Cancel cancel) {
        int names = c.names.size();
        int[] classes = classes(c);
        long[] current = new long[names];
        long[] previous = new long[names];
        long[] sources = new long[c.touchValues.size()];
        long len = to - from + 1;
        long prevFrom = from - len;
        long total = 0;
        long prevTotal = 0;
        long orders = 0;
        long leads = 0;
        long scans = 0;
        long bound = 0;
        long boundWithProof = 0;
        long last = Long.MIN_VALUE;
        java.util.BitSet actors = new java.util.BitSet();
        boolean trackableScans = HealthEventClass.SCANS.countsTrackables();
        for (int r = 0; r < n; r++) {
            Cancel.atRow(cancel, r);
            if (c.business(r) != business) {
                continue;
            }
            long t = c.ts(r);
            if (t > to) {
                continue;
            }
            last = Math.max(last, t);
            if (t < prevFrom) {
                continue;
            }
            int name = c.name(r);
            if (t < from) {
                previous[name]++;
                prevTotal++;
                continue;
            }
            current[name]++;
            total++;
            int a = c.actor(r);
            if (a >= 0) {
                actors.set(a);
            }
            int cls = classes[name];
            int flags = c.flags(r);
            if ((cls & ORDERS) != 0) {
                orders++;
            }
            if ((cls & LEADS) != 0) {
                leads++;
            }
            if ((cls & SCANS) != 0 || (trackableScans && (flags & Columns.TRACKABLE) != 0)) {
                scans++;
            }
            if ((c.tier(r) >= 4 || (flags & Columns.DECISION) != 0) && (cls & GOVERNANCE) == 0) {
                bound++;
                if ((flags & Columns.PROOF) != 0) {
                    boundWithProof++;
                }
            }
            int source = c.touch(r, 0);
            if (source >= 0) {
                sources[source]++;
            }
        }
        long revenue = 0;
        long prevRevenue = 0;
        for (int i = 0; i < c.revenueCount(); i++) {
            int r = c.revenueRow(i);
            if (r >= n) {
                break;
            }
            if (c.business(r) != business || (classes[c.name(r)] & REVENUE) == 0) {
                continue;
            }
            long t = c.ts(r);
            if (t >= from && t <= to) {
                revenue = Math.addExact(revenue, c.revenueMicros(i));
            } else if (t >= prevFrom && t < from) {
                prevRevenue = Math.addExact(prevRevenue, c.revenueMicros(i));
            }
        }
        List<AgentContext.Anomaly> anomalies = anomalies(c, n, business, from, to, current, cancel);
        return new Facts(current, previous, total, prevTotal, actors.cardinality(), orders, leads, scans, revenue,
                prevRevenue, bound, boundWithProof, sources, last == Long.MIN_VALUE ? -1 : last, anomalies);
    }

    /** The health classes ({@link HealthEventClass}, PRODUCT.md §4) of each name id, as bits. */
    static int[] classes(Columns c) {
        int[] classes = new int[c.names.size()];
        for (int i = 0; i < classes.length; i++) {
            String name = c.names.value(i);
            int cls = 0;
            if (HealthEventClass.ORDERS.matches(name)) {
                cls |= ORDERS;
            }
            if (HealthEventClass.LEADS.matches(name)) {
                cls |= LEADS;
            }
            if (HealthEventClass.SCANS.matches(name)) {
                cls |= SCANS;
            }
            if (HealthEventClass.REVENUE.matches(name)) {
                cls |= REVENUE;
            }
            if (name.startsWith(GOVERNANCE_PREFIX)) {
                cls |= GOVERNANCE;
            }
            classes[i] = cls;
        }
        return classes;
    }

    /** Whether a period is long enough to look for anomalies in: at least 10 hourly (or daily) buckets. */
    public static boolean searchesAnomalies(long from, long to) {
        long width = to - from + 1 <= 7 * TimeBuckets.DAY_MS ? TimeBuckets.HOUR_MS : TimeBuckets.DAY_MS;
        return Math.floorDiv(to, width) - Math.floorDiv(from, width) + 1 >= MIN_BUCKETS;
    }

    /** Anomalous buckets of the most frequent names' counts over the period, largest |score| first. */
    static List<AgentContext.Anomaly> anomalies(Columns c, int n, int business, long from, long to, long[] current,
                                                Cancel cancel) {
        boolean hourly = to - from + 1 <= 7 * TimeBuckets.DAY_MS;
        long width = hourly ? TimeBuckets.HOUR_MS : TimeBuckets.DAY_MS;
        long first = Math.floorDiv(from, width);
        int buckets = (int) (Math.floorDiv(to, width) - first + 1);
        if (buckets < MIN_BUCKETS || buckets > 100_000) {
            return List.of();
        }
        Integer[] ids = new Integer[current.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        Arrays.sort(ids, (x, y) -> current[y] != current[x] ? Long.compare(current[y], current[x])
                : c.names.value(x).compareTo(c.names.value(y)));
        int top = 0;
        int[] slot = new int[current.length];
        Arrays.fill(slot, -1);
        for (Integer id : ids) {
            if (top == TOP_NAMES_FOR_ANOMALIES || current[id] == 0) {
                break;
            }
            slot[id] = top++;
        }
        long[][] series = new long[top][buckets];
        for (int r = 0; r < n; r++) {
            Cancel.atRow(cancel, r);
            if (!c.in(r, business, from, to)) {
                continue;
            }
            int s = slot[c.name(r)];
            if (s >= 0) {
                series[s][(int) (Math.floorDiv(c.ts(r), width) - first)]++;
            }
        }
        List<AgentContext.Anomaly> out = new ArrayList<>();
        for (int id = 0; id < current.length; id++) {
            int s = slot[id];
            if (s < 0) {
                continue;
            }
            double[] scores = Robust.scores(series[s]);
            if (scores == null) {
                continue;
            }
            double median = Robust.median(series[s]);
            double mad = Robust.scale(series[s], median);
            for (int b = 0; b < buckets; b++) {
                if (Math.abs(scores[b]) >= ANOMALY_THRESHOLD && Math.abs(series[s][b] - median) >= MIN_DEVIATION) {
                    out.add(new AgentContext.Anomaly(c.names.value(id), hourly ? "hour" : "day",
                            (first + b) * width, series[s][b], median, mad, scores[b], scores[b] > 0 ? "up" : "down"));
                }
            }
        }
        out.sort((x, y) -> {
            int byScore = Double.compare(Math.abs(y.score()), Math.abs(x.score()));
            return byScore != 0 ? byScore : Long.compare(x.bucketStart(), y.bucketStart());
        });
        return out;
    }
}
