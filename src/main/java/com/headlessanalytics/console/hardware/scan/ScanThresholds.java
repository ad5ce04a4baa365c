package com.headlessanalytics.console.hardware.scan;

import java.util.ArrayList;
import java.util.List;

/**
 * When a burst of typed characters counts as a keyboard-wedge scan (docs/labels-and-scanners.md,
 * "Scanner set-up"): at least {@code minLength} characters, on average at most
 * {@code maxAverageGapMs} apart, no single gap (the terminator's included) over {@code maxGapMs},
 * ended by Enter and/or Tab as enabled. Characters are held back from the focused input for at
 * most {@code maxGapMs}, so a person's typing reaches it that much later.
 */
public record ScanThresholds(int minLength, int maxAverageGapMs, int maxGapMs, boolean enterEnds, boolean tabEnds) {
    public static final ScanThresholds DEFAULTS = new ScanThresholds(6, 30, 80, true, true);

    public ScanThresholds {
        List<String> problems = problems(minLength, maxAverageGapMs, maxGapMs, enterEnds, tabEnds);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** What is wrong with these values, in words; empty when they make thresholds. */
    public static List<String> problems(int minLength, int maxAverageGapMs, int maxGapMs, boolean enterEnds,
                                        boolean tabEnds) {
        List<String> problems = new ArrayList<>();
        if (minLength < 2 || minLength > 100) {
            problems.add("the minimum length must be 2-100 characters");
        }
        if (maxAverageGapMs < 1 || maxAverageGapMs > 200) {
            problems.add("the average gap must be 1-200 ms");
        }
        if (maxGapMs < maxAverageGapMs || maxGapMs > 500) {
            problems.add("the longest single gap must be at least the average gap and at most 500 ms");
        }
        if (!enterEnds && !tabEnds) {
            problems.add("Enter or Tab (or both) must end a scan");
        }
        return problems;
    }
}
