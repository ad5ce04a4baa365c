package com.headlessanalytics.console.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Metrics;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * H2's background writer, which compacts the file, runs while writes flow into a mostly dead file
 * ({@link Database.CompactionRule}) and stops when the file is live enough or writes pause. Meanwhile H2 would defer storing small commits by up to its write delay; the writer stores
 * each commit itself, so an ingest that returned survives a {@code kill -9} that comes right after
 * it: a child JVM ingests one event at a time and is killed as soon as it reports its 200th, and
 * every event it reported is there after reopening.
 */
class BackgroundCompactionTest {
    @TempDir
    Path dir;

    @Test
    void aMostlyLiveFileDoesNotStartTheBackgroundWriter() {
        try (Engine engine = Engine.open(dir.resolve("data"))) {
            HeadlessApi api = engine.defaultWorkspace();
            Database db = ((EngineApi) api).database();
            api.ingest(List.of(Map.of("id", "e-1", "event", "order.created", "timestamp", 1_700_000_000_000L)));
            assertThat(db.fileUse().worthCompacting()).isFalse();
            assertThat(db.storesEachCommit()).isFalse();
            assertThat(writeDelay(db)).as("H2 stores each commit itself").isZero();
        }
    }

    @Test
    void theBackgroundWriterRunsWhileWritesFlowAndStopsWhenTheyPause() throws Exception {
        try (Engine engine = Engine.open(dir.resolve("data"))) {
            HeadlessApi api = engine.defaultWorkspace();
            Database db = ((EngineApi) api).database();
            db.compactionRule(new Database.CompactionRule(0, 101, 101, 300, 0));
            for (int round = 1; round <= 2; round++) {
                ingest(api, round);
                assertThat(writeDelay(db)).as("round %d: writes flow", round)
                        .isEqualTo(DataFileUse.BACKGROUND_WRITE_DELAY_MS);
                assertThat(db.storesEachCommit()).isTrue();
                waitUntilStopped(db);
                assertThat(writeDelay(db)).isZero();
            }
        }
    }

    @Test
    void theBackgroundWriterStopsOnceTheFileIsLiveEnough() throws Exception {
        try (Engine engine = Engine.open(dir.resolve("data"))) {
            HeadlessApi api = engine.defaultWorkspace();
            Database db = ((EngineApi) api).database();
            db.compactionRule(new Database.CompactionRule(0, 101, 101, 60_000, 0));
            ingest(api, 1);
            assertThat(db.storesEachCommit()).isTrue();
            db.compactionRule(new Database.CompactionRule(0, 101, 0, 60_000, 0));
            ingest(api, 2);
            assertThat(db.storesEachCommit()).as("stopped by the commit after which the file was live enough")
                    .isFalse();
            assertThat(writeDelay(db)).isZero();
        }
    }

    private static void ingest(HeadlessApi api, int i) {
        api.ingest(List.of(Map.of("id", "e-" + i, "event", "order.created", "timestamp", 1_700_000_000_000L + i)));
    }

    private static void waitUntilStopped(Database db) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (db.storesEachCommit() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(db.storesEachCommit()).as("stopped after the idle spell").isFalse();
    }

    private static int writeDelay(Database db) {
        return db.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
                rs.next();
                return Integer.parseInt(rs.getString(1));
            }
        });
    }

    @Test
    void anIngestThatReturnedWhileTheBackgroundWriterRunsSurvivesAKill() throws Exception {
        Path data = dir.resolve("data");
        Engine.open(data).close();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                BackgroundWriterKillChild.class.getName(), data.toString())
                .redirectError(dir.resolve("child.err").toFile()).start();
        int reported = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("STORED e-")) {
                    reported = Integer.parseInt(line.substring("STORED e-".length()));
                    if (reported == 200) {
                        child.destroyForcibly();
                        break;
                    }
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(reported).as("the child reported its ingests (see child.err)").isEqualTo(200);
        try (Engine engine = Engine.open(data)) {
            long stored = engine.defaultWorkspace().metrics(Metrics.Query.of(null, null, null)).totalEvents();
            assertThat(stored).as("every ingest that returned before the kill").isGreaterThanOrEqualTo(200);
        }
    }
}
