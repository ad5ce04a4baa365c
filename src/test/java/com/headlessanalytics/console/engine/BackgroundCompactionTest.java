package com.headlessanalytics.console.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.Metrics;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * H2's background writer, which compacts the file, runs only while a bulk import is open. Meanwhile
 * H2 would defer storing small commits by up to its write delay; the writer stores each commit
 * itself, so an ingest that returned survives a {@code kill -9} that comes right after it: a child
 * JVM ingests one event at a time with a bulk import open and is killed as soon as it reports its
 * 200th, and every event it reported is there after reopening.
 */
class BackgroundCompactionTest {
    @TempDir
    Path dir;

    @Test
    void theBackgroundWriterRunsOnlyWhileABulkImportIsOpen() {
        try (Engine engine = Engine.open(dir.resolve("data"))) {
            Database db = ((EngineApi) engine.defaultWorkspace()).database();
            assertThat(writeDelay(db)).isZero();
            assertThat(db.storesEachCommit()).isFalse();
            try (BulkImport bulk = BulkImport.open(engine.defaultWorkspace()).orElseThrow()) {
                assertThat(writeDelay(db)).isEqualTo(Database.BACKGROUND_WRITE_DELAY_MS);
                assertThat(db.storesEachCommit()).isTrue();
            }
            assertThat(writeDelay(db)).isZero();
            assertThat(db.storesEachCommit()).isFalse();
        }
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
    void anIngestThatReturnedDuringABulkImportSurvivesAKill() throws Exception {
        Path data = dir.resolve("data");
        Engine.open(data).close();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                IngestDuringImportChild.class.getName(), data.toString())
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
