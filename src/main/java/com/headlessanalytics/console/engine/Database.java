package com.headlessanalytics.console.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.h2.api.ErrorCode;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The H2 file database of one data folder: migrated on open (all or nothing, {@link MigrationGuard}),
 * read through a small pool, written only through one writer thread so that writes never race. The writer commits the writes queued
 * when it starts a transaction together (group commit, at most {@link #MAX_GROUP}): each in its own
 * savepoint, so one that fails leaves nothing and the others commit; none is answered before the
 * commit.
 *
 * <p>When a write to the file fails (a full disk), H2 closes the store under the database, and
 * any statement after that spins for ever inside H2 (2.5.252: a rollback on close, a read, the next
 * write). So once the store is closed the database is lost to this process: every write and read
 * is refused at once with the same error, and {@link #close} leaves the connections alone. The
 * file holds every write answered before; the next open checks it.
 */
final class Database implements AutoCloseable {
    static final String FILE_NAME = "headless";
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);


    /** Work done on a connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** The most queued writes one transaction commits together. */
    static final int MAX_GROUP = 16;

    /**
     * When the writer compacts the file: from a commit after which the file is over
     * {@code aboveBytes} with less than {@code startBelowLive} percent of its chunks live, until
     * {@code stopAtLive} percent or more are, or until {@code giveUpMillis} pass in which H2 finds
     * no chunk it may rewrite (H2 rewrites only chunks older than its retention time, 45 s). Each
     * step rewrites the live pages of up to {@code stepBytes} of them, those H2 ranks first (the
     * emptiest and oldest); after a step that found nothing, the next comes {@code checkMillis}
     * later, and the file is looked at after a commit at most every {@code checkMillis}.
     */
    record CompactionRule(long aboveBytes, int startBelowLive, int stopAtLive, int stepBytes, long checkMillis,
            long giveUpMillis) {
        /**
         * Over 64 MB with less than half of its chunks live (the chunks alone, which a step can
         * fill again; {@link DataFileUse#worthCompacting} also counts the free space between them,
         * which only a full compaction gives back); up to 80%; 256 MB a step, since H2 never picks a
         * chunk with more live data than a step and a bulk import's chunks hold that much
         * (docs/performance.md, "Compaction and kill -9": 16 MB steps let the 2M import's file grow
         * as if nothing compacted); a look each second; paused after a minute with nothing to rewrite.
         */
        static final CompactionRule DEFAULT = new CompactionRule(DataFileUse.COMPACT_ABOVE_BYTES, 50, 80, 256 << 20,
                1_000, 60_000);

        boolean start(DataFileUse use) {
            return use.bytes() > aboveBytes && use.chunksLivePercent() < startBelowLive;
        }
    }

    /** A write waiting for the writer thread: its work, what runs after its commit, and its answer. */
    private record Job<T>(SqlWork<T> work, Consumer<T> afterCommit, CompletableFuture<T> answer) {
        /** Runs on the writer after the commit, in commit order. */
        @SuppressWarnings("unchecked")
        void committed(Object result) {
            try {
                afterCommit.accept((T) result);
                answer.complete((T) result);
            } catch (RuntimeException | Error e) {
                answer.completeExceptionally(e);
            }
        }
    }

    /** Queued after the last write when the database closes. */
    private static final Job<Void> STOP = new Job<>(c -> null, r -> { }, new CompletableFuture<>());

    private final Path folder;
    private final JdbcConnectionPool pool;
    private final Connection writeConnection;
    private final BlockingQueue<Job<?>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closing;
    private volatile boolean compactOnClose;
    /** Set when H2 closed the store after a failed file write: nothing goes to H2 after it. */
    private volatile EngineException storeLost;
    /** The store under the write connection, which the writer compacts. */
    private final MVStore store;
    /** Set while the writer compacts the file, a step between transactions ({@link CompactionRule}). */
    private volatile boolean compacting;
    private volatile long compactionSteps;
    /** The longest step so far, which is how long a write that arrives meanwhile can wait for it. */
    private volatile long longestStepNanos;
    /** The steps of the compaction under way, and their time, for its closing log line. */
    private long runSteps;
    private long runStepNanos;
    private long runLongestNanos;
    /** While compacting: when the next step is due, and since when steps have found nothing ({@link System#nanoTime}). */
    private long nextStep;
    private long fruitlessSince;
    private volatile CompactionRule compactionRule = CompactionRule.DEFAULT;
    /** When the writer thread looks at the file next ({@link System#nanoTime}). */
    private volatile long nextFileCheck;
    private final String schemaVersion;

    private Database(Path folder, JdbcConnectionPool pool, Connection writeConnection, String schemaVersion)
            throws SQLException {
        this.folder = folder;
        this.pool = pool;
        this.writeConnection = writeConnection;
        this.store = store(writeConnection);
        this.schemaVersion = schemaVersion;
        this.nextFileCheck = System.nanoTime();
        this.writer = new Thread(this::writeLoop, "ha-h2-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Opens the database of the folder and applies the pending migrations, all or nothing
     * ({@link MigrationGuard}): first undoes a migration that a killed process left half-applied.
     * When nothing is pending (every open but the first of a version), this costs one Flyway info
     * and four file checks.
     */
    static Database open(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (Exception e) {
            throw new EngineException("Cannot create the data folder " + folder + ": " + e.getMessage(), e);
        }
        MigrationGuard guard = null;
        JdbcConnectionPool pool = null;
        try {
            if (MigrationGuard.leftovers(folder)) {
                guard = MigrationGuard.lock(folder);
                String undone = guard.recover();
                if (undone != null) {
                    LOG.warn("The last start was stopped while migrating the database in {}. {}; migrating it"
                            + " again.", folder, undone);
                }
            }
            boolean created = !Files.exists(folder.resolve(FILE_NAME + ".mv.db"));
            pool = connect(folder);
            MigrationInfoService info = flyway(pool).info();
            String version = info.current() == null ? null : info.current().getVersion().getVersion();
            if (info.pending().length == 0) {
                // Nothing to apply. migrate() would only validate what info() has just read; it runs
                // only when something is off (a failed, changed or newer migration), for Flyway's message.
                if (!Arrays.stream(info.applied()).allMatch(Database::clean)) {
                    version = migrate(pool, version);
                }
            } else {
                guard = guard != null ? guard : MigrationGuard.lock(folder);
                boolean upgrade = !created || info.applied().length > 0;
                if (upgrade) {
                    LOG.info("Upgrading the database in {} from {}: {} migrations; a copy of it is kept until they"
                            + " are all applied", folder, describe(version), info.pending().length);
                    pool.dispose();
                    pool = null;
                    guard.backUpAndMark(describe(version));
                    pool = connect(folder);
                } else {
                    guard.markNew();
                }
                try {
                    version = migrate(pool, version);
                } catch (FlywayException e) {
                    pool.dispose();
                    pool = null;
                    throw undo(guard, folder, upgrade, version, e);
                }
                // H2 does not sync on commit: the migrated file must be on disk before the marker goes.
                try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                    s.execute("CHECKPOINT SYNC");
                }
                guard.done();
            }
            Connection writeConnection = pool.getConnection();
            writeConnection.setAutoCommit(false);
            return new Database(folder, pool, writeConnection, version);
        } catch (IOException | SQLException e) {
            if (pool != null) {
                pool.dispose();
            }
            throw new EngineException("Cannot open the database in " + folder + ": " + e.getMessage()
                    + ". Check that the disk has free space and the folder is writable, then start again.", e);
        } catch (FlywayException e) {
            if (pool != null) {
                pool.dispose();
            }
            throw new EngineException("Cannot migrate the database in " + folder + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.dispose();
            }
            throw e;
        } finally {
            if (guard != null) {
                guard.close();
            }
        }
    }

    /** The "in use" error: H2's file lock or the migration lock is held by another process. */
    static EngineException inUse(Path folder, Throwable cause) {
        return new EngineException("The data folder " + folder + " is in use by another HeadlessAnalytics"
                + " process (a console or 'serve'). Stop it, or connect to it over HTTP with --url.", cause);
    }

    /**
     * A pool on the folder's database, with one connection taken and returned to check that it opens
     * (the pool keeps it, so the database stays open until {@link JdbcConnectionPool#dispose}).
     */
    private static JdbcConnectionPool connect(Path folder) {
        // WRITE_DELAY=0: a commit reaches the file before the call returns, so a killed process loses
        // nothing that was acknowledged. DB_CLOSE_ON_EXIT=FALSE: we close it ourselves, after draining.
        String url = "jdbc:h2:file:" + folder.toAbsolutePath().resolve(FILE_NAME)
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=65536;QUERY_CACHE_SIZE=64";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "ha", "");
        pool.setMaxConnections(16);
        try {
            pool.getConnection().close();
            return pool;
        } catch (SQLException e) {
            pool.dispose();
            if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                throw inUse(folder, e);
            }
            throw new EngineException("Cannot open the database in " + folder + ": " + e.getMessage(), e);
        }
    }

    private static Flyway flyway(JdbcConnectionPool pool) {
        return Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration")
                .loggers("slf4j")
                .load();
    }

    /** Applied as its file says: migrate() would find nothing to do or report. */
    private static boolean clean(MigrationInfo m) {
        return m.getState() == MigrationState.SUCCESS && m.isChecksumMatching() && m.isDescriptionMatching()
                && m.isTypeMatching();
    }

    private static String describe(String version) {
        return version == null ? "an empty database" : "version " + version;
    }

    /** Runs Flyway's migrate; returns the schema version it leaves. */
    private static String migrate(JdbcConnectionPool pool, String version) {
        var result = flyway(pool).migrate();
        return result.targetSchemaVersion != null ? result.targetSchemaVersion : version;
    }

    /**
     * After a migration failed in this process (not killed): undoes it at once, so that the folder is
     * as it was and still opens with the version that wrote it; the next open tries again.
     */
    private static EngineException undo(MigrationGuard guard, Path folder, boolean upgrade, String version,
            FlywayException failure) {
        String what = upgrade ? "Cannot upgrade the database in " + folder + " from " + describe(version)
                : "Cannot create the database in " + folder;
        try {
            guard.recover();
        } catch (IOException e) {
            failure.addSuppressed(e);
            return new EngineException(what + ": " + failure.getMessage() + ". Undoing the half-applied migration"
                    + " failed too (" + e.getMessage() + "); the next start undoes it. Check that the disk has"
                    + " free space and the folder is writable, then start again.", failure);
        }
        return new EngineException(what + ": " + failure.getMessage() + ". Nothing was changed: "
                + (upgrade ? "the database is as it was before the upgrade" : "the half-created database was deleted")
                + ". Check that the disk has free space and start again; if this keeps failing, report this message.",
                failure);
    }

    Path folder() {
        return folder;
    }

    DataFileUse fileUse() {
        return read(this::fileUse);
    }

    /**
     * The file's size and live share: the live share of its chunks ({@code info.CHUNKS_FILL_RATE})
     * times the share of the file its chunks take ({@code info.FILL_RATE}). Compacting while open
     * fills the chunks again but does not give back the space they left: at the end of the 10M
     * import the first alone said 52% of the 22.9 GB file, the product 39%, and a full compaction
     * left 4.1 GB.
     */
    private DataFileUse fileUse(Connection c) throws SQLException {
        long bytes = 0;
        int chunksLive = 100;
        int fileUsed = 100;
        try (ResultSet rs = c.createStatement().executeQuery("SELECT SETTING_NAME, SETTING_VALUE FROM"
                + " INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME IN ('info.FILE_SIZE', 'info.CHUNKS_FILL_RATE',"
                + " 'info.FILL_RATE')")) {
            while (rs.next()) {
                switch (rs.getString(1)) {
                    case "info.FILE_SIZE" -> bytes = Long.parseLong(rs.getString(2));
                    case "info.CHUNKS_FILL_RATE" -> chunksLive = Integer.parseInt(rs.getString(2));
                    default -> fileUsed = Integer.parseInt(rs.getString(2));
                }
            }
        }
        return new DataFileUse(folder.resolve(FILE_NAME + ".mv.db"), bytes, chunksLive * fileUsed / 100, chunksLive);
    }

    /**
     * Makes {@link #close} rewrite the data file without its dead space ({@code SHUTDOWN COMPACT}):
     * it then takes about as long as reading the live data once. A kill during it loses nothing;
     * H2 writes the moved pages before it frees the old ones.
     */
    void compactOnClose() {
        compactOnClose = true;
    }

    /** Whether the writer is compacting the file ({@link CompactionRule}). */
    boolean compacting() {
        return compacting;
    }

    /** How many compaction steps have rewritten chunks since the database opened. */
    long compactionSteps() {
        return compactionSteps;
    }

    /** The longest compaction step since the database opened, in milliseconds: a write waits at most that long for one. */
    long longestCompactionStepMillis() {
        return TimeUnit.NANOSECONDS.toMillis(longestStepNanos);
    }

    /** Replaces {@link CompactionRule#DEFAULT}, for tests. */
    void compactionRule(CompactionRule rule) {
        compactionRule = rule;
        nextFileCheck = System.nanoTime();
    }

    String schemaVersion() {
        return schemaVersion;
    }

    /** Runs read-only work on a pooled connection in auto-commit mode. */
    <T> T read(SqlWork<T> work) {
        refuseWhenLost();
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new EngineException("Database read failed: " + e.getMessage(), e);
        }
    }

    /**
     * Runs the work on the writer thread, in a transaction of its own or (with other queued writes)
     * in its own savepoint, and waits for the commit: when it returns, the work is committed; when
     * it throws, nothing of the work is. The work must not commit, roll back or run DDL (H2 commits
     * before DDL), which would end the writes queued with it.
     */
    <T> T write(SqlWork<T> work) {
        return write(work, result -> { });
    }

    /**
     * As {@link #write(SqlWork)}, then hands the result to {@code afterCommit} on the writer thread,
     * so that what follows commits sees them in commit order.
     */
    <T> T write(SqlWork<T> work, Consumer<T> afterCommit) {
        Job<T> job = new Job<>(work, afterCommit, new CompletableFuture<>());
        refuseWhenLost();
        if (closing) {
            throw new EngineException("The database is closing", null);
        }
        queue.add(job);
        if (closing && queue.remove(job)) {
            throw new EngineException("The database is closing", null);
        }
        try {
            return job.answer().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("Interrupted while waiting for a write to commit", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new EngineException("Database write failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * The writer thread: takes the queued writes, up to {@link #MAX_GROUP} at a time, until {@link #STOP};
     * while it compacts the file, it takes a step when one is due: after a group, or while no write waits.
     */
    private void writeLoop() {
        List<Job<?>> group = new ArrayList<>(MAX_GROUP);
        boolean stop = false;
        while (!stop) {
            Job<?> first;
            try {
                first = compacting ? queue.poll(Math.max(0, nextStep - System.nanoTime()), TimeUnit.NANOSECONDS)
                        : queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (first != null) {
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                stop = group.remove(STOP);
                if (!group.isEmpty()) {
                    commitGroup(group);
                }
                group.clear();
            }
            if (compacting && !stop && storeLost == null && System.nanoTime() - nextStep >= 0) {
                compactStep();
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        }
    }

    /**
     * Starts compacting as the {@link CompactionRule} says, at most once per its check time; reads
     * the file's figures on the write connection, so it never waits for the pool.
     */
    private void checkFile() {
        CompactionRule rule = compactionRule;
        long now = System.nanoTime();
        if (compacting || now - nextFileCheck < 0) {
            return;
        }
        nextFileCheck = now + TimeUnit.MILLISECONDS.toNanos(rule.checkMillis());
        DataFileUse use;
        try {
            use = fileUseOnWriter();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Cannot read how much of the data file in {} is live: {}", folder, e.getMessage());
            return;
        }
        if (rule.start(use)) {
            LOG.info("Compacting the data file in {} between writes: {} MB, {}% of its chunks live", folder,
                    use.bytes() >> 20, use.chunksLivePercent());
            nextStep = now;
            fruitlessSince = 0;
            runSteps = 0;
            runStepNanos = 0;
            runLongestNanos = 0;
            compacting = true;
        }
    }

    /**
     * One compaction step, on the writer thread between transactions: H2 rewrites the live pages of
     * the chunks it ranks first into a new one, which this stores before it returns, as every
     * commit is; the emptied chunks' space is reused once H2's retention time has passed. The file
     * keeps its size while open (a close compacts for at most 200 ms, H2's default, or fully after
     * {@link #compactOnClose}). Ends the compaction as the {@link CompactionRule} says.
     *
     * <p>Not H2's background writer ({@code WRITE_DELAY} above 0), which did this before: it
     * serializes a chunk while the previous one is still being written, so the newest chunk can miss
     * the previous one's record, and H2 2.5.252 then cannot open a file killed at that moment
     * (recovery recurses until StackOverflowError; docs/performance.md, "Compaction and kill -9").
     */
    private void compactStep() {
        CompactionRule rule = compactionRule;
        long now = System.nanoTime();
        try {
            if (store.compact(rule.stopAtLive(), rule.stepBytes())) {
                store.commit();
                long took = System.nanoTime() - now;
                longestStepNanos = Math.max(longestStepNanos, took);
                runSteps++;
                runStepNanos += took;
                runLongestNanos = Math.max(runLongestNanos, took);
                compactionSteps++;
                fruitlessSince = 0;
                nextStep = now;
                return;
            }
            DataFileUse use = fileUseOnWriter();
            fruitlessSince = fruitlessSince == 0 ? now : fruitlessSince;
            boolean live = use.chunksLivePercent() >= rule.stopAtLive();
            if (live || now - fruitlessSince >= TimeUnit.MILLISECONDS.toNanos(rule.giveUpMillis())) {
                compacting = false;
                LOG.info("Compaction in {} {}: {} MB, {}% of its chunks live; {}", folder,
                        live ? "done" : "paused, nothing H2 may rewrite", use.bytes() >> 20, use.chunksLivePercent(),
                        runSummary());
            } else {
                nextStep = now + TimeUnit.MILLISECONDS.toNanos(rule.checkMillis());
            }
        } catch (SQLException | RuntimeException e) {
            compacting = false;
            if (e.getCause() instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
                // close() gave up waiting and interrupted the writer; H2 wrapped the interrupt
                Thread.currentThread().interrupt();
                return;
            }
            if (!lostWith(e)) {
                LOG.error("Compacting the data file in {} stopped", folder, e);
            }
        }
    }

    /** The steps of the compaction under way, for the line that logs its end. */
    private String runSummary() {
        return runSteps + " steps, " + TimeUnit.NANOSECONDS.toMillis(runStepNanos) + " ms in all, the longest "
                + TimeUnit.NANOSECONDS.toMillis(runLongestNanos) + " ms";
    }

    /** {@link #fileUse(Connection)} on the write connection, its read transaction then ended. */
    private DataFileUse fileUseOnWriter() throws SQLException {
        DataFileUse use = fileUse(writeConnection);
        writeConnection.commit();
        return use;
    }

    /** The MVStore under an H2 connection of this process. */
    private static MVStore store(Connection connection) throws SQLException {
        return ((SessionLocal) connection.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore()
                .getMvStore();
    }

    /**
     * Runs each job of the group in one transaction (each in a savepoint when there are several),
     * commits, looks at the file ({@link #checkFile}), then answers them in order: a job that failed
     * is rolled back alone and answered its error; when the commit fails, every job is.
     */
    private void commitGroup(List<Job<?>> group) {
        if (storeLost != null) {
            answerLost(group);
            return;
        }
        Object[] results = new Object[group.size()];
        Throwable[] failures = new Throwable[group.size()];
        boolean alone = group.size() == 1;
        for (int i = 0; i < group.size(); i++) {
            Savepoint savepoint = null;
            try {
                savepoint = alone ? null : writeConnection.setSavepoint();
                results[i] = group.get(i).work().run(writeConnection);
            } catch (SQLException | RuntimeException | Error e) {
                failures[i] = e;
                if (lostWith(e)) {
                    answerLost(group);
                    return;
                }
                try {
                    if (savepoint != null) {
                        writeConnection.rollback(savepoint);
                    } else {
                        writeConnection.rollback();
                    }
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                    failAll(group, e);
                    return;
                }
            }
        }
        try {
            writeConnection.commit();
        } catch (SQLException | RuntimeException e) {
            failAll(group, e);
            return;
        }
        checkFile();
        for (int i = 0; i < group.size(); i++) {
            if (failures[i] == null) {
                group.get(i).committed(results[i]);
            } else {
                group.get(i).answer().completeExceptionally(failed(failures[i]));
            }
        }
    }

    /** Rolls the whole transaction back and answers every job of the group with {@code e}. */
    private void failAll(List<Job<?>> group, Throwable e) {
        if (lostWith(e)) {
            answerLost(group);
            return;
        }
        try {
            writeConnection.rollback();
        } catch (SQLException rollbackFailure) {
            e.addSuppressed(rollbackFailure);
        }
        for (Job<?> job : group) {
            job.answer().completeExceptionally(failed(e));
        }
    }

    /**
     * True when H2 has closed the store under the database, which it does when writing the file
     * fails; the first time, {@code e} becomes the cause of every refusal after.
     */
    private boolean lostWith(Throwable e) {
        if (storeLost == null && !store.isClosed()) {
            return false;
        }
        synchronized (this) {
            if (storeLost == null) {
                storeLost = new EngineException("Writing to the data file in " + folder + " failed ("
                        + rootCause(e) + "); the workspace is closed to reads and writes until it is opened"
                        + " again. Every write answered before this one is stored. Free disk space if the"
                        + " disk is full, then open the workspace again.", e);
                LOG.error(storeLost.getMessage(), e);
            }
        }
        return true;
    }

    private void answerLost(List<Job<?>> group) {
        group.forEach(job -> job.answer().completeExceptionally(lost()));
    }

    /** Refuses work once the store is lost, also when H2 closed it in a step no write saw fail. */
    private void refuseWhenLost() {
        if (storeLost == null && !closing && store.isClosed()) {
            lostWith(new EngineException("H2 closed the file", null));
        }
        if (storeLost != null) {
            throw lost();
        }
    }

    /** The store's loss, as an exception of its own for each refusal (its stack is the caller's). */
    private EngineException lost() {
        return new EngineException(storeLost.getMessage(), storeLost.getCause());
    }

    /**
     * What the file system said ("No space left on device"): the first {@link IOException}
     * among {@code e}'s causes, suppressed and next exceptions, where H2 puts it; else the first
     * line of {@code e}'s message.
     */
    private static String rootCause(Throwable e) {
        Deque<Throwable> next = new ArrayDeque<>(List.of(e));
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!next.isEmpty() && seen.size() < 50) {
            Throwable t = next.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof IOException && t.getMessage() != null) {
                return t.getMessage();
            }
            if (t.getCause() != null) {
                next.add(t.getCause());
            }
            next.addAll(List.of(t.getSuppressed()));
            if (t instanceof SQLException sql && sql.getNextException() != null) {
                next.add(sql.getNextException());
            }
        }
        String message = String.valueOf(e.getMessage());
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static Throwable failed(Throwable e) {
        return e instanceof SQLException ? new EngineException("Database write failed: " + e.getMessage(), e) : e;
    }

    /** Lets queued writes finish, then closes the database file. */
    @Override
    public void close() {
        closing = true;
        queue.add(STOP);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.interrupt();
        for (Job<?> job = queue.poll(); job != null; job = queue.poll()) {
            job.answer().completeExceptionally(new EngineException("The database is closing", null));
        }
        if (storeLost != null || store.isClosed()) {
            LOG.info("The data file in {} was closed by H2 after a failed write; it is checked when it is opened"
                    + " again", folder);
            return;
        }
        if (compacting) {
            LOG.info("Compaction in {} ended by the close: {}", folder, runSummary());
        }
        if (compactOnClose) {
            try {
                writeConnection.setAutoCommit(true);
                // SHUTDOWN closes the database under every connection; closing one after it only makes
                // H2 write "already closed" into headless.trace.db.
                writeConnection.createStatement().execute("SHUTDOWN COMPACT");
                pool.dispose();
                return;
            } catch (SQLException e) {
                LOG.warn("Compacting the data file in {} failed; it stays as it was: {}", folder, e.getMessage());
            }
        }
        try {
            writeConnection.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
        pool.dispose();
    }
}
