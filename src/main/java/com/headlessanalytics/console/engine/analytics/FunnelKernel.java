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

    /**
     * Every entering actor's outcome, in primitive arrays (a funnel over millions of actors makes no
     * object per actor, so it leaves little for the collector). Times are ms after the step-1 event.
     */
    public static final class Outcomes {
        private final int steps;
        private int size;
        private int[] actor = new int[1024];
        private int[] level = new int[1024];
        private long[] enteredAt = new long[1024];
        private int[] firstRow = new int[1024];
        private long[] stepTimes;

        Outcomes(int steps) {
            this.steps = steps;
            this.stepTimes = new long[1024 * steps];
        }

        void add(int a, int lvl, long entered, int first, long[] times) {
            if (size == actor.length) {
                int grown = size * 2;
                actor = Arrays.copyOf(actor, grown);
                level = Arrays.copyOf(level, grown);
                enteredAt = Arrays.copyOf(enteredAt, grown);
                firstRow = Arrays.copyOf(firstRow, grown);
                stepTimes = Arrays.copyOf(stepTimes, grown * steps);
            }
            actor[size] = a;
            level[size] = lvl;
            enteredAt[size] = entered;
            firstRow[size] = first;
            System.arraycopy(times, 0, stepTimes, size * steps, lvl);
            size++;
        }

        public int size() {
            return size;
        }

        public int steps() {
            return steps;
        }

        public int actor(int i) {
            return actor[i];
        }

        /** How many steps the actor's counted attempt reached (at least 1). */
        public int level(int i) {
            return level[i];
        }

        public long enteredAt(int i) {
            return enteredAt[i];
        }

        /** The row of the counted attempt's step-1 event. */
        public int firstRow(int i) {
            return firstRow[i];
        }

        /** Ms from the step-1 event to the event taken for step k (0-based, k < level). */
        public long stepTime(int i, int k) {
            return stepTimes[i * steps + k];
        }

        public long lastStepAt(int i) {
            return enteredAt[i] + stepTime(i, level[i] - 1);
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
    private final long[] attempt;
    private final long[] best;

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
        this.attempt = new long[steps];
        this.best = new long[steps];
    }

    /** Every actor with level ≥ 1, in actor id order. */
    public Outcomes run(Cancel cancel) {
        Outcomes out = new Outcomes(steps);
        int actors = index.actors();
        for (int a = 0; a < actors; a++) {
            Cancel.atActor(cancel, a);
            actor(a, out);
        }
        return out;
    }

    /** Adds the outcome of one actor, unless no step-1 event of theirs is in the period. */
    void actor(int a, Outcomes out) {
        int m = collect(a);
        if (m == 0) {
            return;
        }
        int bestLevel = 0;
        long bestStart = 0;
        int bestFirst = -1;
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
                System.arraycopy(attempt, 0, best, 0, level);
                if (level == steps) {
                    break;
                }
            }
        }
        if (bestLevel > 0) {
            out.add(a, bestLevel, bestStart, bestFirst, best);
        }
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
