package com.headlessanalytics.console.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench analytics} end to end on a small dataset: the engine and the DuckDB reference give
 * the same answer to every benchmark query, and a kept data folder is reused. Figures are printed,
 * never asserted.
 */
class AnalyticsBenchmarkTest {
    @TempDir
    Path dir;

    private String run(AnalyticsBenchmark.Settings settings, int expectedMismatches) throws Exception {
        StringWriter text = new StringWriter();
        AnalyticsBenchmark.Outcome outcome = new AnalyticsBenchmark(settings, new PrintWriter(text, true))
                .run(Files.createDirectories(dir.resolve("scratch")));
        assertThat(outcome.referenceRan()).isTrue();
        assertThat(outcome.mismatches()).as(text.toString()).isEqualTo(expectedMismatches);
        return text.toString();
    }

    @Test
    void theEngineAndDuckDbAgreeOnEveryQueryAndKeptDataIsReused() throws Exception {
        Path kept = dir.resolve("kept");
        AnalyticsBenchmark.Settings settings = new AnalyticsBenchmark.Settings(List.of(4000L), 1, 1, 10, 3, 1, false,
                kept);
        String first = run(settings, 0);
        assertThat(first).contains("ingested 4,000 events", "answers: identical on all 8 queries",
                "funnel ordered, 5 steps", "business health, 7 days", "answers: the engine and DuckDB agreed");
        assertThat(kept.resolve("events-4000-seed-3-days-10").resolve("loaded.properties")).exists();
        String second = run(settings, 0);
        assertThat(second).contains("reusing the data loaded in").doesNotContain("ingested 4,000 events");
        assertThat(dir.resolve("scratch")).isEmptyDirectory();
    }

    @Test
    void refusesSettingsThatCannotWork() {
        assertThatThrownBy(() -> new AnalyticsBenchmark.Settings(List.of(10L), 1, 1, 28, 1, null, false, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--events");
        assertThatThrownBy(() -> new AnalyticsBenchmark.Settings(List.of(1000L), 0, 1, 28, 1, null, false, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--rounds");
        assertThatThrownBy(() -> new AnalyticsBenchmark.Settings(List.of(1000L), 1, 1, 3, 1, null, false, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--days");
    }
}
