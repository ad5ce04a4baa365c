package com.headlessanalytics.console.hardware.labels;

/** Lays out a job's labels: each label's symbol (with its quiet zone) and its code and name beside it. */
public final class LabelDrawing {

    private LabelDrawing() {
    }

    /** Page {@code page} (0-based) of the job. */
    public static PageDrawing page(LabelJob job, int page) {
        throw new UnsupportedOperationException("label drawing: being built (issue 10)");
    }
}
