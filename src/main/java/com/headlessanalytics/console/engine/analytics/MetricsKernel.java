package com.headlessanalytics.console.engine.analytics;

import com.headlessanalytics.console.domain.TimeBuckets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Counts, unique actors, revenue and series of one business's events in a period, optionally
 * of one event name and grouped by event name or a touchpoint field.
 */
public final class MetricsKernel {
    /** Group "key" of events without the grouped field. */
    public static final int NONE = -1;

    private MetricsKernel() {
    }

    /** A scan's answer; series are counts per bucket from {@code firstOrdinal}. */
    public record Scan(long total, int uniqueActors, long revenueMicros, boolean revenueOverflow, long firstOrdinal,
                       long[] series, List<GroupScan> groups) {
    }

    /** One group; {@code key} is a name id or touch value id, {@link #NONE}, or null for "(other)". */
    public record GroupScan(Integer key, long count, int uniqueActors, long[] series) {
    }

    /** The first and last matching timestamp, or null when nothing matches. */
    public static long[] span(Columns c, int n, int business, int name, long from, long to, Cancel cancel) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int r = 0; r < n; r++) {
            Cancel.atRow(cancel, r);
            if (matches(c, r, business, name, from, to)) {
                long t = c.ts(r);
                min = Math.min(min, t);
                max = Math.max(max, t);
            }
        }
        return min > max ? null : new long[] {min, max};
    }

    /** The row is of the business, named {@code name} (or {@link #ANY}), and within [from, to]. */
    private static boolean matches(Columns c, int r, int business, int name, long from, long to) {
        return (name == ANY || c.name(r) == name) && c.in(r, business, from, to);
    }

    /** Any event name. */
    public static final int ANY = -2;

    /**
     * @param name       a name id, or {@link #ANY}
     * @param groupField -1 none, 0..3 a touchpoint field (source, channel, campaign, medium), 4 the event name
     * @param maxGroups  groups listed before the rest go to "(other)"
     */
    public static Scan scan(Columns c, int n, int business, int name, long from, long to, TimeBuckets buckets,
                            long firstOrdinal, int bucketCount, int groupField, int maxGroups, Cancel cancel) {
        long total = 0;
        BitSet actors = new BitSet();
        long[] series = new long[bucketCount];
        long[] groupCounts = groupField < 0 ? null : new long[groupSpace(c, groupField) + 1];
        for (int r = 0; r < n; r++) {
            Cancel.atRow(cancel, r);
            if (!matches(c, r, business, name, from, to)) {
                continue;
            }
            long t = c.ts(r);
            total++;
            int a = c.actor(r);
            if (a >= 0) {
                actors.set(a);
            }
            if (bucketCount > 0) {
                series[(int) (buckets.ordinal(t) - firstOrdinal)]++;
            }
            if (groupCounts != null) {
                groupCounts[groupKey(c, r, groupField) + 1]++;
            }
        }
        long revenue = 0;
        boolean overflow = false;
        for (int i = 0; i < c.revenueCount(); i++) {
            int r = c.revenueRow(i);
            if (r >= n) {
                break;
            }
            if (c.business(r) != business || (name != ANY && c.name(r) != name)) {
                continue;
            }
            long t = c.ts(r);
            if (t >= from && t <= to) {
                try {
                    revenue = Math.addExact(revenue, c.revenueMicros(i));
                } catch (ArithmeticException tooMuch) {
                    overflow = true;
                }
            }
        }
        List<GroupScan> groups = groupCounts == null ? null
                : groups(c, n, business, name, from, to, buckets, firstOrdinal, bucketCount, groupField, groupCounts,
                        maxGroups, cancel);
        return new Scan(total, actors.cardinality(), revenue, overflow, firstOrdinal, series, groups);
    }

    private static int groupSpace(Columns c, int field) {
        return field == 4 ? c.names.size() : c.touchValues.size();
    }

    private static int groupKey(Columns c, int r, int field) {
        return field == 4 ? c.name(r) : c.touch(r, field);
    }

    /** The largest groups (ties by key text), each with its own series and unique actors, then "(other)". */
    private static List<GroupScan> groups(Columns c, int n, int business, int name, long from, long to,
                                          TimeBuckets buckets, long firstOrdinal, int bucketCount, int field,
                                          long[] counts, int maxGroups, Cancel cancel) {
        List<Integer> keys = new ArrayList<>();
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] > 0) {
                keys.add(k - 1);
            }
        }
        keys.sort((x, y) -> {
            int byCount = Long.compare(counts[y + 1], counts[x + 1]);
            return byCount != 0 ? byCount : label(c, field, x).compareTo(label(c, field, y));
        });
        int shown = Math.min(maxGroups, keys.size());
        int[] slot = new int[counts.length];
        java.util.Arrays.fill(slot, shown);
        for (int i = 0; i < shown; i++) {
            slot[keys.get(i) + 1] = i;
        }
        boolean other = keys.size() > shown;
        int slots = shown + (other ? 1 : 0);
        long[][] series = new long[slots][bucketCount];
        long[] count = new long[slots];
        BitSet[] actors = new BitSet[slots];
        for (int i = 0; i < slots; i++) {
            actors[i] = new BitSet();
        }
        for (int r = 0; r < n; r++) {
            Cancel.atRow(cancel, r);
            if (!matches(c, r, business, name, from, to)) {
                continue;
            }
            long t = c.ts(r);
            int s = slot[groupKey(c, r, field) + 1];
            count[s]++;
            if (bucketCount > 0) {
                series[s][(int) (buckets.ordinal(t) - firstOrdinal)]++;
            }
            int a = c.actor(r);
            if (a >= 0) {
                actors[s].set(a);
            }
        }
        List<GroupScan> out = new ArrayList<>(slots);
        for (int i = 0; i < slots; i++) {
            out.add(new GroupScan(i < shown ? keys.get(i) : null, count[i], actors[i].cardinality(), series[i]));
        }
        return out;
    }

    /** The text of a group key: a name, a touch value, or "(none)". */
    public static String label(Columns c, int field, int key) {
        if (key == NONE) {
            return "(none)";
        }
        return field == 4 ? c.names.value(key) : c.touchValues.value(key);
    }
}
