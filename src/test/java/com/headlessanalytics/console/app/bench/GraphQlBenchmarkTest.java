package com.headlessanalytics.console.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench graphql} end to end on a small store: both reads answer the same data both ways and are timed; no timing is asserted. */
class GraphQlBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void timesBothReadsBothWaysAndPrintsTheRatio() throws Exception {
        StringWriter text = new StringWriter();
        new GraphQlBenchmark(new GraphQlBenchmark.Settings(2_000, 2, 4), new PrintWriter(text)).run(dir);
        assertThat(text.toString())
                .contains("stored 2,000 demo events")
                .contains("events, 1,000 rows: 1,000 items in both answers")
                .contains("funnel, 3 steps: 3 items in both answers")
                .contains("GraphQL/REST")
                .containsPattern("events, 1,000 rows +[0-9.]+ / +[0-9.]+ +[0-9.]+ / +[0-9.]+ +[0-9.]+");
    }
}
