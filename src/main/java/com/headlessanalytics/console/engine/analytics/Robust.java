package com.headlessanalytics.console.engine.analytics;

import java.util.Arrays;

/**
 * Robust statistics for anomaly scores: the median, the median absolute deviation (MAD) and the
 * modified z-score 0.6745 × (x − median) / MAD. When MAD is 0, the mean absolute deviation ×
 * 1.2533 stands in for it; when that is 0 too, nothing is anomalous.
 */
public final class Robust {
    private Robust() {
    }

    /** The median; of an even count, the mean of the two middle values. */
    public static double median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
    }

    public static double mad(long[] values, double median) {
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = Math.abs(values[i] - median);
        }
        Arrays.sort(d);
        int n = d.length;
        return n % 2 == 1 ? d[n / 2] : (d[n / 2 - 1] + d[n / 2]) / 2.0;
    }

    /** The MAD, or when it is 0 the mean absolute deviation × 1.2533: the score's divisor. */
    public static double scale(long[] values, double median) {
        double scale = mad(values, median);
        if (scale == 0) {
            double sum = 0;
            for (long v : values) {
                sum += Math.abs(v - median);
            }
            scale = 1.2533 * sum / values.length;
        }
        return scale;
    }

    /** Each value's modified z-score, or null when the series has no spread at all. */
    public static double[] scores(long[] values) {
        double median = median(values);
        double scale = scale(values, median);
        if (scale == 0) {
            return null;
        }
        double[] scores = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            scores[i] = 0.6745 * (values[i] - median) / scale;
        }
        return scores;
    }
}
