package com.headlessanalytics.console.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench export} end to end on a small store: every way is timed and sized; no timing is asserted. */
class ExportBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void exportsBothWaysBesideTheBaselinesAndCleansUp() throws Exception {
        StringWriter text = new StringWriter();
        ExportBenchmark.Figures f = new ExportBenchmark(new ExportBenchmark.Settings(1_500, 200, 1),
                new PrintWriter(text)).run(dir);
        assertThat(f.bigQueryBytes()).isPositive();
        assertThat(f.snowflakeBytes()).isPositive().isLessThan(f.bigQueryBytes());
        assertThat(f.ndjsonBytes()).isPositive();
        assertThat(text.toString())
                .contains("seeded 1,500 demo events")
                .containsPattern("round 1: paging [0-9,]+ +ndjson [0-9,]+ +bigquery [0-9,]+ +snowflake [0-9,]+ events/s")
                .containsPattern("export to snowflake \\(gzipped CSV\\) +[0-9,]+ events/s \\(median\\) +[0-9.]+ +[0-9,]+ bytes");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }
}
