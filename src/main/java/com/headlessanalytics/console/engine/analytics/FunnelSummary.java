package com.headlessanalytics.console.engine.analytics;

import com.headlessanalytics.console.api.Funnels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Per-step figures from actor outcomes: counts, conversions, drop-off and median time to convert. */
public final class FunnelSummary {
    private FunnelSummary() {
    }

    /**
     * The step figures over the outcomes listed in {@code subset} (indices into {@code outcomes}),
     * or over all of them when {@code subset} is null.
     */
    public static List<Funnels.StepResult> steps(List<Funnels.Step> steps, FunnelKernel.Outcomes outcomes,
                                                 int[] subset) {
        int n = steps.size();
        int size = subset == null ? outcomes.size() : subset.length;
        long[] counts = new long[n];
        long[][] durations = new long[n][];
        int[] filled = new int[n];
        for (int j = 0; j < size; j++) {
            int level = outcomes.level(subset == null ? j : subset[j]);
            for (int k = 0; k < level; k++) {
                counts[k]++;
            }
        }
        for (int k = 0; k < n; k++) {
            durations[k] = new long[(int) counts[k]];
        }
        for (int j = 0; j < size; j++) {
            int i = subset == null ? j : subset[j];
            for (int k = 0; k < outcomes.level(i); k++) {
                durations[k][filled[k]++] = outcomes.stepTime(i, k);
            }
        }
        List<Funnels.StepResult> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            Funnels.Step s = steps.get(k);
            double fromStart = counts[0] == 0 ? 0 : (double) counts[k] / counts[0];
            double fromPrevious = k == 0 ? (counts[0] == 0 ? 0 : 1) : counts[k - 1] == 0 ? 0
                    : (double) counts[k] / counts[k - 1];
            long dropOff = k == 0 ? 0 : counts[k - 1] - counts[k];
            out.add(new Funnels.StepResult(k + 1, s.label(), s.event(), counts[k], fromStart, fromPrevious, dropOff,
                    lowerMedian(durations[k])));
        }
        return out;
    }

    /** The lower middle value (no averaging), or null for none. */
    static Long lowerMedian(long[] values) {
        if (values.length == 0) {
            return null;
        }
        Arrays.sort(values);
        return values[(values.length - 1) / 2];
    }
}
