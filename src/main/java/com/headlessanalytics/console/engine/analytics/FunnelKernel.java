package com.headlessanalytics.console.engine.analytics;

import com.headlessanalytics.console.api.Funnels;
import java.util.Arrays;

/**
 * Funnels over the in-memory projection, per docs/analytics.md: for each actor, every step-1
 * event in the period opens an attempt; the actor's level is the furthest step an attempt reaches,
 * and the counted attempt is the earliest one reaching that level.
 */
public final class FunnelKernel {

    /** Decides whether a row passes a step's filter (steps without a filter have none). */
    @FunctionalInterface
    public interface RowFilter {
        boolean test(int row);
    }

    /** One actor's outcome: level 0 means no attempt. Times are ms after the step-1 event. */
    public record ActorOutcome(int actor, int level, long enteredAt, long[] stepTimes, int firstRow) {
        public long lastStepAt() {
            return enteredAt + stepTimes[level - 1];
        }
    }

    private final Columns c;
    private final ActorIndex index;
    private final int business;
    private final int[] stepNames;
    private final RowFilter[] filters;
    private final long from;
    private final long to;
    private final long window;
    private final Funnels.Mode mode;
    private final int steps;

    // Scratch, reused across actors.
    private int[] rows = new int[64];
    private long[] times = new long[64];
    private int[] masks = new int[64];
    private int[][] next;

    /**
     * @param stepNames the name id of each step's event, -1 when no event has that name
     * @param filters   each step's filter, or null
     */
    public FunnelKernel(Columns c, ActorIndex index, int business, int[] stepNames, RowFilter[] filters, long from,
                        long to, long window, Funnels.Mode mode) {
        this.c = c;
        this.index = index;
        this.business = business;
        this.stepNames = stepNames;
        this.filters = filters;
        this.from = from;
        this.to = to;
        this.window = window;
        this.mode = mode;
        this.steps = stepNames.length;
        this.next = new int[steps][64];
    }

    /** Every actor with level ≥ 1, in actor id order. */
    public ActorOutcome[] run(Cancel cancel) {
        ActorOutcome[] out = new ActorOutcome[64];
        int count = 0;
        int actors = index.actors();
        for (int a = 0; a < actors; a++) {
            if ((a & 0x3FFF) == 0) {
                cancel.check();
            }
            ActorOutcome o = actor(a);
            if (o != null) {
                if (count == out.length) {
                    out = Arrays.copyOf(out, count * 2);
                }
                out[count++] = o;
            }
        }
        return Arrays.copyOf(out, count);
    }

    /** The outcome of one actor, or null when no step-1 event of theirs is in the period. */
    ActorOutcome actor(int a) {
        int m = collect(a);
        if (m == 0) {
            return null;
        }
        int bestLevel = 0;
        long bestStart = 0;
        int bestFirst = -1;
        long[] bestTimes = null;
        long[] attempt = new long[steps];
        if (mode == Funnels.Mode.ORDERED) {
            buildNext(m);
        }
        for (int i = 0; i < m; i++) {
            if ((masks[i] & 1) == 0 || times[i] < from || times[i] > to) {
                continue;
            }
            int level = switch (mode) {
                case ORDERED -> ordered(i, m, attempt);
                case STRICT -> strict(i, m, attempt);
                case ANY_ORDER -> anyOrder(i, m, attempt);
            };
            if (level > bestLevel) {
                bestLevel = level;
                bestStart = times[i];
                bestFirst = rows[i];
                bestTimes = Arrays.copyOf(attempt, level);
                if (level == steps) {
                    break;
                }
            }
        }
        return bestLevel == 0 ? null : new ActorOutcome(a, bestLevel, bestStart, bestTimes, bestFirst);
    }

    /**
     * Gathers the actor's rows of the business into the scratch arrays, in event order, with a mask
     * of the steps each matches; strict mode keeps every row (any row may break a chain), the
     * others only rows matching a step. Returns how many.
     */
    private int collect(int a) {
        int m = 0;
        int end = index.to(a);
        for (int p = index.from(a); p < end; p++) {
            int r = index.row(p);
            if (c.business(r) != business) {
                continue;
            }
            int mask = mask(r);
            if (mask == 0 && mode != Funnels.Mode.STRICT) {
                continue;
            }
            if (m == rows.length) {
                rows = Arrays.copyOf(rows, m * 2);
                times = Arrays.copyOf(times, m * 2);
                masks = Arrays.copyOf(masks, m * 2);
            }
            rows[m] = r;
            times[m] = c.ts(r);
            masks[m] = mask;
            m++;
        }
        return m;
    }

    private int mask(int r) {
        int name = c.name(r);
        int mask = 0;
        for (int k = 0; k < steps; k++) {
            if (stepNames[k] == name && (filters[k] == null || filters[k].test(r))) {
                mask |= 1 << k;
            }
        }
        return mask;
    }

    /** next[k][i]: the first position ≥ i matching step k, or m. */
    private void buildNext(int m) {
        if (next[0].length < m + 1) {
            for (int k = 0; k < steps; k++) {
                next[k] = new int[Math.max(m + 1, next[k].length * 2)];
            }
        }
        for (int k = 0; k < steps; k++) {
            int[] nk = next[k];
            nk[m] = m;
            for (int i = m - 1; i >= 0; i--) {
                nk[i] = (masks[i] & (1 << k)) != 0 ? i : nk[i + 1];
            }
        }
    }

    /** Greedy: each step takes the first later matching event; the earliest choice is never worse. */
    private int ordered(int i, int m, long[] attempt) {
        long t1 = times[i];
        long deadline = t1 + window;
        attempt[0] = 0;
        int pos = i;
        int level = 1;
        for (int k = 1; k < steps; k++) {
            int j = next[k][pos + 1];
            if (j >= m || times[j] > deadline) {
                break;
            }
            attempt[k] = times[j] - t1;
            pos = j;
            level++;
        }
        return level;
    }

    private int strict(int i, int m, long[] attempt) {
        long t1 = times[i];
        long deadline = t1 + window;
        attempt[0] = 0;
        int level = 1;
        for (int k = 1; k < steps; k++) {
            int j = i + k;
            if (j >= m || (masks[j] & (1 << k)) == 0 || times[j] > deadline) {
                break;
            }
            attempt[k] = times[j] - t1;
            level++;
        }
        return level;
    }

    /**
     * Steps 2…k are reached when they can all be matched to distinct later events in the window; the
     * time of step k is when that first became possible. A bipartite matching grows event by event.
     */
    private int anyOrder(int i, int m, long[] attempt) {
        long t1 = times[i];
        long deadline = t1 + window;
        attempt[0] = 0;
        if (steps == 1) {
            return 1;
        }
        if (eventStep.length < m) {
            eventStep = new int[Math.max(m, eventStep.length * 2)];
            seen = new int[eventStep.length];
        }
        Arrays.fill(eventStep, i + 1, m, -1);
        Arrays.fill(seen, i + 1, m, 0);
        stamp = 0;
        int level = 1;
        for (int j = i + 1; j < m && level < steps; j++) {
            if (times[j] > deadline) {
                break;
            }
            if ((masks[j] & ~1) == 0) {
                continue;
            }
            while (level < steps) {
                stamp++;
                if (!augment(level, i + 1, j)) {
                    break;
                }
                attempt[level] = times[j] - t1;
                level++;
            }
        }
        return level;
    }

    // Scratch of the any-order matching: the step each event is matched to, and a visit stamp.
    private int[] eventStep = new int[64];
    private int[] seen = new int[64];
    private int stamp;

    /** Finds an event in positions [lo, hi] for step k, moving other steps along an augmenting path. */
    private boolean augment(int k, int lo, int hi) {
        int bit = 1 << k;
        for (int e = lo; e <= hi; e++) {
            if ((masks[e] & bit) != 0 && eventStep[e] < 0) {
                eventStep[e] = k;
                return true;
            }
        }
        for (int e = lo; e <= hi; e++) {
            if ((masks[e] & bit) != 0 && seen[e] != stamp) {
                seen[e] = stamp;
                if (augment(eventStep[e], lo, hi)) {
                    eventStep[e] = k;
                    return true;
                }
            }
        }
        return false;
    }
}
