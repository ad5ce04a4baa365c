package com.headlessanalytics.console.engine.analytics;

import com.headlessanalytics.console.api.Attribution;

/** Touchpoint counts and conversion credit (docs/analytics.md) over the in-memory projection. */
public final class AttributionKernel {
    private AttributionKernel() {
    }

    /** Per touchpoint field (source, channel, campaign, medium), events per value id. */
    public static long[][] touchCounts(Columns c, int n, int business, long from, long to, Cancel cancel) {
        long[][] counts = new long[4][c.touchValues.size()];
        for (int r = 0; r < n; r++) {
            Cancel.atRow(cancel, r);
            if (!c.in(r, business, from, to)) {
                continue;
            }
            for (int f = 0; f < 4; f++) {
                int v = c.touch(r, f);
                if (v >= 0) {
                    counts[f][v]++;
                }
            }
        }
        return counts;
    }

    /**
     * Credit per value id of {@code field}, with index {@code values} standing for "(direct)":
     * conversions and revenue (in micro-units) as fractional sums.
     */
    public record Credit(double[] conversions, double[] revenueMicros, long conversionCount, long revenueTotalMicros,
                         boolean revenueOverflow) {
    }

    /**
     * @param field 0 source, 1 channel, 2 campaign, 3 medium
     */
    public static Credit credit(Columns c, ActorIndex index, int business, int conversionName, long from, long to,
                                int field, Attribution.Model model, long lookback, Cancel cancel) {
        int values = c.touchValues.size();
        double[] conversions = new double[values + 1];
        double[] revenue = new double[values + 1];
        Conversions counted = new Conversions();
        int n = index.rows();
        int[] touchRows = new int[64];
        double[] weights = new double[64];
        // The position of each row in its actor's ordered group, found once per actor.
        for (int a = 0; a < index.actors(); a++) {
            Cancel.atActor(cancel, a);
            int lo = index.from(a);
            int hi = index.to(a);
            for (int p = lo; p < hi; p++) {
                int r = index.row(p);
                if (c.name(r) != conversionName || !c.in(r, business, from, to)) {
                    continue;
                }
                long t = c.ts(r);
                long rev = counted.add(c, r);
                int m = 0;
                for (int q = p - 1; q >= lo; q--) {
                    int tr = index.row(q);
                    long tt = c.ts(tr);
                    if (t - tt > lookback) {
                        break;
                    }
                    if (c.business(tr) != business || c.touch(tr, field) < 0) {
                        continue;
                    }
                    if (m == touchRows.length) {
                        touchRows = java.util.Arrays.copyOf(touchRows, m * 2);
                        weights = new double[m * 2];
                    }
                    touchRows[m++] = tr;
                }
                if (m == 0) {
                    conversions[values] += 1;
                    revenue[values] += rev;
                    continue;
                }
                // touchRows holds the touchpoints latest first.
                weigh(c, touchRows, m, t, model, weights);
                for (int i = 0; i < m; i++) {
                    if (weights[i] != 0) {
                        int v = c.touch(touchRows[i], field);
                        conversions[v] += weights[i];
                        revenue[v] += weights[i] * rev;
                    }
                }
            }
        }
        for (int r = 0; r < n; r++) {
            if (c.actor(r) >= 0 || c.name(r) != conversionName || !c.in(r, business, from, to)) {
                continue;
            }
            long rev = counted.add(c, r);
            conversions[values] += 1;
            revenue[values] += rev;
        }
        return new Credit(conversions, revenue, counted.count, counted.total, counted.overflow);
    }

    /** The conversions counted so far and their revenue in micro-units, with whether that total overflowed. */
    private static final class Conversions {
        long count;
        long total;
        boolean overflow;

        /** Counts the conversion on row {@code r} and returns its revenue. */
        long add(Columns c, int r) {
            count++;
            long rev = c.revenueOf(r);
            try {
                total = Math.addExact(total, rev);
            } catch (ArithmeticException tooMuch) {
                overflow = true;
            }
            return rev;
        }
    }

    /** Weights of m touchpoints held latest first; they add up to 1. */
    static void weigh(Columns c, int[] touchRows, int m, long conversionTime, Attribution.Model model,
                      double[] w) {
        java.util.Arrays.fill(w, 0, m, 0);
        int earliest = m - 1;
        switch (model) {
            case FIRST_TOUCH -> w[earliest] = 1;
            case LAST_TOUCH -> w[0] = 1;
            case LINEAR -> java.util.Arrays.fill(w, 0, m, 1.0 / m);
            case POSITION_BASED -> {
                if (m == 1) {
                    w[0] = 1;
                } else if (m == 2) {
                    w[0] = 0.5;
                    w[1] = 0.5;
                } else {
                    w[0] = 0.4;
                    w[earliest] = 0.4;
                    for (int i = 1; i < earliest; i++) {
                        w[i] = 0.2 / (m - 2);
                    }
                }
            }
            case TIME_DECAY -> {
                double sum = 0;
                for (int i = 0; i < m; i++) {
                    double dt = conversionTime - c.ts(touchRows[i]);
                    w[i] = Math.pow(2, -dt / Attribution.HALF_LIFE_MS);
                    sum += w[i];
                }
                for (int i = 0; i < m; i++) {
                    w[i] /= sum;
                }
            }
        }
    }
}
