package com.headlessanalytics.console.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.engine.analytics.ProjectionSnapshot;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed with SIGKILL while it saves the analytics snapshot leaves the previous
 * snapshot whole; reopening restores it, catches up, and answers as a rebuild from the database.
 */
class KillDuringSnapshotWriteTest {
    @TempDir
    Path dir;

    @Test
    void reopeningAfterAKillMidWriteAnswersAsARebuild() throws Exception {
        try (Engine engine = Engine.open(dir)) {
            AnalyticsSnapshotTest.ingest(engine, AnalyticsSnapshotTest.batches(6_000, 76));
        }
        Path temp = dir.resolve(ProjectionSnapshot.FILE + ".tmp");
        for (int round = 0; round < 3; round++) {
            String java = ProcessHandle.current().info().command().orElse("java");
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    SnapshotWriteChild.class.getName(), dir.toString())
                    .redirectError(dir.resolveSibling("child-" + round + ".log").toFile())
                    .start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
                assertThat(out.readLine()).as("the child started").isEqualTo("READY");
                String line;
                while ((line = out.readLine()) != null && !line.equals("HOLDING " + (1 + round))) {
                    assertThat(line).startsWith("HOLDING ");
                }
                assertThat(line).as("the child saved snapshots").isNotNull();
                Thread.sleep(100L * round);
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(temp).as("killed while a snapshot was being written").exists();
            } finally {
                child.destroyForcibly();
            }
            ProjectionSnapshot.Contents left = ProjectionSnapshot.read(dir.resolve(ProjectionSnapshot.FILE));
            List<Object> restored;
            try (Engine engine = Engine.open(dir)) {
                restored = AnalyticsProjectionTest.ask(engine.defaultWorkspace()).comparable();
                String message = AnalyticsSnapshotTest.projection(engine).message();
                assertThat(message).startsWith("restored " + left.rows() + " events from the snapshot");
            }
            assertThat(AnalyticsSnapshotTest.rebuilt(dir)).as("round %d", round).isEqualTo(restored);
        }
    }
}
