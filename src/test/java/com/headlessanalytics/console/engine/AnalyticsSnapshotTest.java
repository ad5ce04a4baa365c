package com.headlessanalytics.console.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.RuntimeHealth;
import com.headlessanalytics.console.domain.demo.DemoGenerator;
import com.headlessanalytics.console.engine.analytics.AnalyticsIndex;
import com.headlessanalytics.console.engine.analytics.ProjectionSnapshot;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The persisted analytics snapshot: reopening restores it and catches up from the database, and a
 * missing, stale or damaged snapshot is rebuilt from the database, says so, and never changes an
 * answer. Answers are compared with those of an engine that read every event from the database.
 */
class AnalyticsSnapshotTest {
    @TempDir
    Path dir;

    static List<List<Map<String, Object>>> batches(int events, long seed) {
        List<List<Map<String, Object>>> batches = new ArrayList<>();
        DemoGenerator.builder(1_790_000_000_000L).events(events).seed(seed).build().forEachBatch(500, batches::add);
        return batches;
    }

    static void ingest(Engine engine, List<List<Map<String, Object>>> batches) {
        for (List<Map<String, Object>> b : batches) {
            engine.defaultWorkspace().ingest(b);
        }
    }

    static Path snapshot(Path folder) {
        return folder.resolve(ProjectionSnapshot.FILE);
    }

    static RuntimeHealth.Check projection(Engine engine) {
        return engine.health().checks().stream().filter(c -> c.name().equals("analytics_projection")).findFirst()
                .orElseThrow();
    }

    /** The answers after reopening with no snapshot at all: every event read from the database. */
    static List<Object> rebuilt(Path folder) throws IOException {
        Path aside = folder.resolveSibling(folder.getFileName() + ".aside");
        Files.move(snapshot(folder), aside, StandardCopyOption.REPLACE_EXISTING);
        try (Engine engine = Engine.open(folder)) {
            List<Object> answers = AnalyticsProjectionTest.ask(engine.defaultWorkspace()).comparable();
            assertThat(projection(engine).message()).contains("built from the database (no snapshot yet)");
            engine.analyticsLoader().writeSnapshot(null);
            return answers;
        } finally {
            Files.move(aside, snapshot(folder), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void reopeningRestoresTheSnapshotAndAnswersTheSame() throws Exception {
        List<Object> live;
        try (Engine engine = Engine.open(dir)) {
            assertThat(projection(engine).status()).isEqualTo("ok");
            ingest(engine, batches(6_000, 3));
            live = AnalyticsProjectionTest.ask(engine.defaultWorkspace()).comparable();
        }
        assertThat(snapshot(dir)).exists();
        assertThat(dir.resolve(ProjectionSnapshot.FILE + ".tmp")).doesNotExist();
        try (Engine engine = Engine.open(dir)) {
            assertThat(AnalyticsProjectionTest.ask(engine.defaultWorkspace()).comparable()).isEqualTo(live);
            RuntimeHealth.Check check = projection(engine);
            assertThat(check.status()).isEqualTo("ok");
            assertThat(check.message()).startsWith("restored 6000 events from the snapshot");
        }
        assertThat(rebuilt(dir)).isEqualTo(live);
    }

    @Test
    void anOlderSnapshotIsCaughtUpWithTheEventsStoredAfterIt() throws Exception {
        Path older = dir.resolve("older.snapshot");
        try (Engine engine = Engine.open(dir.resolve("db"))) {
            ingest(engine, batches(4_000, 5));
            assertThat(engine.analyticsLoader().writeSnapshot(null)).isTrue();
            Files.copy(snapshot(dir.resolve("db")), older);
            ingest(engine, batches(3_000, 6));
        }
        Files.copy(older, snapshot(dir.resolve("db")), StandardCopyOption.REPLACE_EXISTING);
        List<Object> caughtUp;
        try (Engine engine = Engine.open(dir.resolve("db"))) {
            caughtUp = AnalyticsProjectionTest.ask(engine.defaultWorkspace()).comparable();
            assertThat(projection(engine).message()).contains("restored 4000 events from the snapshot")
                    .contains("caught up 3000 newer events from the database");
            assertThat(engine.defaultWorkspace().metrics(new com.headlessanalytics.console.api.Metrics.Query(null,
                    null, null, null, "day", null, null, null)).totalEvents()).isEqualTo(7_000);
        }
        assertThat(rebuilt(dir.resolve("db"))).isEqualTo(caughtUp);
    }

    @Test
    void aSnapshotTakenWhileEventsArriveHoldsAConsistentPoint() throws Exception {
        Path db = dir.resolve("db");
        Path mid = dir.resolve("mid.snapshot");
        long midApplied;
        try (Engine engine = Engine.open(db)) {
            ingest(engine, batches(2_000, 8));
            AtomicBoolean done = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    ingest(engine, batches(8_000, 9));
                } catch (Throwable t) {
                    failure.set(t);
                } finally {
                    done.set(true);
                }
            });
            int written = 0;
            Path taken = dir.resolve("taken.snapshot");
            while (!done.get()) {
                // the last batch can be applied before the writer says it is done: only a point short of it counts
                if (engine.analyticsLoader().writeSnapshot(null)) {
                    Files.copy(snapshot(db), taken, StandardCopyOption.REPLACE_EXISTING);
                    if (ProjectionSnapshot.read(taken).applied() < 10_000) {
                        Files.move(taken, mid, StandardCopyOption.REPLACE_EXISTING);
                        written++;
                    }
                }
            }
            writer.join();
            assertThat(failure.get()).isNull();
            assertThat(written).isPositive();
            midApplied = ProjectionSnapshot.read(mid).applied();
        }
        assertThat(midApplied).isLessThan(ProjectionSnapshot.read(snapshot(db)).applied());
        Files.copy(mid, snapshot(db), StandardCopyOption.REPLACE_EXISTING);
        List<Object> fromMid;
        try (Engine engine = Engine.open(db)) {
            fromMid = AnalyticsProjectionTest.ask(engine.defaultWorkspace()).comparable();
            assertThat(projection(engine).message()).contains("from the snapshot").contains("caught up");
        }
        assertThat(rebuilt(db)).isEqualTo(fromMid);
    }

    /** Opens {@code folder} with a snapshot changed by {@code damage}: it is rebuilt, says why, answers the same. */
    private void damagedSnapshotIsRebuilt(Path folder, List<Object> expected, Consumer<Path> damage, String why)
            throws IOException {
        Path good = folder.resolveSibling("good.snapshot");
        Files.copy(snapshot(folder), good, StandardCopyOption.REPLACE_EXISTING);
        damage.accept(snapshot(folder));
        try (Engine engine = Engine.open(folder)) {
            assertThat(AnalyticsProjectionTest.ask(engine.defaultWorkspace()).comparable()).as(why).isEqualTo(expected);
            RuntimeHealth.Check check = projection(engine);
            assertThat(check.status()).as(why).isEqualTo("warn");
            assertThat(check.message()).as(why).contains("rebuilt from the database because").contains(why);
            assertThat(engine.health().ready()).isTrue();
            engine.analyticsLoader().writeSnapshot(null);
            assertThat(projection(engine).status()).as(why).isEqualTo("ok");
        }
        Files.copy(good, snapshot(folder), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aDamagedSnapshotIsRebuiltFromTheDatabaseAndSaysWhy() throws Exception {
        Path db = dir.resolve("db");
        try (Engine engine = Engine.open(db)) {
            ingest(engine, batches(5_000, 12));
        }
        List<Object> expected = rebuilt(db);
        long length = Files.size(snapshot(db));
        damagedSnapshotIsRebuilt(db, expected, f -> truncate(f, length / 2), "checksum does not match");
        damagedSnapshotIsRebuilt(db, expected, f -> truncate(f, 10), "truncated");
        damagedSnapshotIsRebuilt(db, expected, f -> flip(f, length / 3), "checksum does not match");
        damagedSnapshotIsRebuilt(db, expected, f -> flip(f, length - 2), "checksum does not match");
        damagedSnapshotIsRebuilt(db, expected, f -> flip(f, 9), "format version");
        damagedSnapshotIsRebuilt(db, expected, f -> flip(f, 0), "wrong magic");
        damagedSnapshotIsRebuilt(db, expected, f -> write(f, new byte[0]), "truncated");
    }

    @Test
    void aSnapshotOfAnotherOrAnOlderDatabaseIsNotUsed() throws Exception {
        Path db = dir.resolve("db");
        Path backup = dir.resolve("backup");
        try (Engine engine = Engine.open(db)) {
            ingest(engine, batches(3_000, 21));
        }
        copyFolder(db, backup);
        try (Engine engine = Engine.open(db)) {
            ingest(engine, batches(2_000, 22));
        }
        Path other = dir.resolve("other");
        try (Engine engine = Engine.open(other)) {
            ingest(engine, batches(3_000, 21));
        }
        List<Object> expected = rebuilt(db);
        damagedSnapshotIsRebuilt(db, expected, f -> copy(snapshot(other), f), "taken from another database");

        List<Object> backupExpected = rebuilt(backup);
        damagedSnapshotIsRebuilt(backup, backupExpected, f -> copy(snapshot(db), f), "restored from an older backup");

        String identity = ProjectionSnapshot.read(snapshot(db)).identity();
        damagedSnapshotIsRebuilt(db, expected, f -> forge(db, f, identity, "ws_ghost", 0),
                "holds workspace ws_ghost, which the database does not");
        String workspace;
        try (Engine engine = Engine.open(db)) {
            workspace = engine.defaultWorkspaceId();
        }
        damagedSnapshotIsRebuilt(db, expected, f -> forge(db, f, identity, workspace, 1), "differs from the database's");
    }

    /**
     * A snapshot with a valid checksum built from the database's own rows, under another workspace
     * id, or with the last row one millisecond later.
     */
    private static void forge(Path db, Path file, String identity, String workspace, long shiftLast) {
        String url = "jdbc:h2:file:" + db.toAbsolutePath().resolve(Database.FILE_NAME);
        AnalyticsIndex index = new AnalyticsIndex();
        try (Connection c = DriverManager.getConnection(url, "ha", "");
             ResultSet rs = c.createStatement().executeQuery("SELECT seq, ts, event, actor_key, business_id"
                     + " FROM event ORDER BY seq")) {
            List<AnalyticsIndex.Row> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new AnalyticsIndex.Row(workspace, rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), null, null, null, null, null, 0, 0));
            }
            AnalyticsIndex.Row last = rows.removeLast();
            rows.add(new AnalyticsIndex.Row(workspace, last.seq(), last.ts() + shiftLast, last.event(), last.actorKey(),
                    last.businessId(), null, null, null, null, null, 0, 0));
            rows.forEach(index::load);
            index.loaded();
            ProjectionSnapshot.write(file, identity, index, index.point(), null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void truncate(Path f, long length) {
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(length);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void flip(Path f, long at) {
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.seek(at);
            int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0x10);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path f, byte[] bytes) {
        try {
            Files.write(f, bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void copyFolder(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
