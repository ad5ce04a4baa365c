package com.headlessanalytics.console.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench governance} end to end on a few requests: every enforce is an allow over HTTP, every
 * level is measured beside ingest and reported with its ratio, and a small proof trail is exported,
 * fetched and verified VALID. Figures are printed, never asserted.
 */
class GovernanceBenchmarkTest {
    @TempDir
    java.nio.file.Path dir;

    @Test
    void measuresEnforceBesideIngestAtEachConcurrency() throws Exception {
        StringWriter text = new StringWriter();
        GovernanceBenchmark.Outcome outcome = new GovernanceBenchmark(
                new GovernanceBenchmark.Settings(12, List.of(1, 4), 2, 4, 1500), new PrintWriter(text, true)).run(dir);
        List<GovernanceBenchmark.Level> levels = outcome.levels();

        assertThat(levels).extracting(GovernanceBenchmark.Level::clients).containsExactly(1, 4);
        assertThat(levels).allSatisfy(l -> {
            assertThat(l.ingest().requests()).isEqualTo(12);
            assertThat(l.enforce().requests()).isEqualTo(12);
            assertThat(l.enforce().p99Ms()).isGreaterThanOrEqualTo(l.enforce().p50Ms()).isPositive();
            assertThat(l.p99Ratio()).isPositive();
        });
        assertThat(text.toString()).contains("set up 52 approved decisions", "4 clients, round 2",
                "enforce p99 / ingest p99 (target <= 2)", "stored 1,500 demo events", "(target < 10 s)");
        assertThat(outcome.trail().events()).as("the window holds the demo events only").isEqualTo(1500);
        assertThat(outcome.trail().outcome()).isEqualTo("VALID");
        assertThat(outcome.trail().bytes()).isPositive();
    }

    @Test
    void percentilesAreNearestRank() {
        long[] ms = {1_000_000, 2_000_000, 3_000_000, 4_000_000};
        assertThat(GovernanceBenchmark.percentile(ms, 50)).isEqualTo(2.0);
        assertThat(GovernanceBenchmark.percentile(ms, 99)).isEqualTo(4.0);
        assertThat(GovernanceBenchmark.percentile(new long[] {7_000_000}, 50)).isEqualTo(7.0);
    }

    @Test
    void refusesSettingsThatCannotWork() {
        assertThatThrownBy(() -> new GovernanceBenchmark.Settings(0, List.of(1), 1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--requests");
        assertThatThrownBy(() -> new GovernanceBenchmark.Settings(10, List.of(0), 1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--clients");
        assertThatThrownBy(() -> new GovernanceBenchmark.Settings(10, List.of(), 1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GovernanceBenchmark.Settings(10, List.of(1), 1, 0, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--trail-events");
    }
}
