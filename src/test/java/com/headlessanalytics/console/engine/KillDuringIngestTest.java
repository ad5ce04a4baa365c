package com.headlessanalytics.console.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.domain.Event;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process killed with SIGKILL mid-ingest loses no acknowledged event and leaves no half batch. */
class KillDuringIngestTest {
    @TempDir
    Path dir;

    private String childLog() throws java.io.IOException {
        return java.nio.file.Files.readString(dir.resolve("child.log"));
    }

    @Test
    void everyAcknowledgedBatchSurvivesAndNoBatchIsPartial() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                IngestChild.class.getName(), dir.toString())
                .redirectError(dir.resolve("child.log").toFile())
                .start();
        int acknowledged = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            String ready = out.readLine();
            assertThat(ready).as("child failed to start: %s", ready == null ? childLog() : "").isEqualTo("READY");
            assertThatThrownBy(() -> Engine.open(dir).close())
                    .isInstanceOf(EngineException.class).hasMessageContaining("in use");
            String line;
            while ((line = out.readLine()) != null) {
                acknowledged = Integer.parseInt(line.substring(4));
                if (acknowledged == 30) {
                    break;
                }
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(acknowledged).isGreaterThanOrEqualTo(30);

        Map<Integer, Integer> perBatch = new HashMap<>();
        try (Engine engine = Engine.open(dir)) {
            EventQuery q = EventQuery.all().withLimit(1000);
            EventPage page;
            do {
                page = engine.defaultWorkspace().events(q);
                for (Event e : page.events()) {
                    perBatch.merge(((Number) e.properties().get("batch")).intValue(), 1, Integer::sum);
                }
                q = q.withCursor(page.nextCursor());
            } while (page.nextCursor() != null);
        }
        for (int b = 0; b <= acknowledged; b++) {
            assertThat(perBatch.get(b)).as("batch %d was acknowledged", b).isEqualTo(IngestChild.BATCH);
        }
        assertThat(perBatch.values()).allMatch(n -> n == IngestChild.BATCH);
    }
}
