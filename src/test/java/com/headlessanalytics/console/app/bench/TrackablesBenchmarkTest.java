package com.headlessanalytics.console.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench trackables} end to end on a small store: every part runs and reports; no timing is asserted. */
class TrackablesBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void runsEveryPartAndReportsDistinctCodesAndTheScansCounted() throws Exception {
        StringWriter text = new StringWriter();
        new TrackablesBenchmark(new TrackablesBenchmark.Settings(40, 500, 4, 5, 40, 2), new PrintWriter(text))
                .run(dir);
        assertThat(text.toString())
                .contains("create: 40 trackables from 8 threads", "distinct codes 40")
                .contains("stored 500 demo events and 20 scans of 4 trackables")
                .contains("the busiest trackable has 5 scans")
                .contains("?trackable= drill-down page", "list of 40 trackables with their scans")
                .contains("GET /t/{code}: find, record, redirect", "p99 ratio");
    }
}
