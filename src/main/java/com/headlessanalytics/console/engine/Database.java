package com.headlessanalytics.console.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The H2 file database of one data folder: migrated on open, read through a small pool, written
 * only through one writer thread so that writes never race and each write is one transaction.
 */
final class Database implements AutoCloseable {
    static final String FILE_NAME = "headless";

    /** Work done on a connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Path folder;
    private final JdbcConnectionPool pool;
    private final Connection writeConnection;
    private final ExecutorService writer;
    private final String schemaVersion;

    private Database(Path folder, JdbcConnectionPool pool, Connection writeConnection, String schemaVersion) {
        this.folder = folder;
        this.pool = pool;
        this.writeConnection = writeConnection;
        this.schemaVersion = schemaVersion;
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ha-h2-writer");
            t.setDaemon(true);
            return t;
        });
    }

    static Database open(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (Exception e) {
            throw new EngineException("Cannot create the data folder " + folder + ": " + e.getMessage(), e);
        }
        // WRITE_DELAY=0: a commit reaches the file before the call returns, so a killed process loses
        // nothing that was acknowledged. DB_CLOSE_ON_EXIT=FALSE: we close it ourselves, after draining.
        String url = "jdbc:h2:file:" + folder.toAbsolutePath().resolve(FILE_NAME)
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=65536;QUERY_CACHE_SIZE=64";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "ha", "");
        pool.setMaxConnections(16);
        Connection writeConnection;
        try {
            writeConnection = pool.getConnection();
        } catch (SQLException e) {
            pool.dispose();
            if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                throw new EngineException("The data folder " + folder + " is in use by another HeadlessAnalytics"
                        + " process (a console or 'serve'). Stop it, or connect to it over HTTP with --url.", e);
            }
            throw new EngineException("Cannot open the database in " + folder + ": " + e.getMessage(), e);
        }
        try {
            var result = Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .loggers("slf4j")
                    .load()
                    .migrate();
            String version = result.targetSchemaVersion != null ? result.targetSchemaVersion
                    : result.initialSchemaVersion;
            writeConnection.setAutoCommit(false);
            return new Database(folder, pool, writeConnection, version);
        } catch (Exception e) {
            try {
                writeConnection.close();
            } catch (SQLException ignored) {
                // already failing; the migration error is the one to report
            }
            pool.dispose();
            throw new EngineException("Cannot migrate the database in " + folder + ": " + e.getMessage(), e);
        }
    }

    Path folder() {
        return folder;
    }

    String schemaVersion() {
        return schemaVersion;
    }

    /** Runs read-only work on a pooled connection in auto-commit mode. */
    <T> T read(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new EngineException("Database read failed: " + e.getMessage(), e);
        }
    }

    /** Runs the work as one transaction on the writer thread and waits for it to commit. */
    <T> T write(SqlWork<T> work) {
        return write(work, result -> { });
    }

    /**
     * As {@link #write(SqlWork)}, then hands the result to {@code afterCommit} on the writer thread,
     * so that what follows commits sees them in commit order.
     */
    <T> T write(SqlWork<T> work, java.util.function.Consumer<T> afterCommit) {
        Future<T> future;
        try {
            future = writer.submit(() -> {
                T result = inTransaction(work);
                afterCommit.accept(result);
                return result;
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new EngineException("The database is closing", e);
        }
        try {
            return future.get();
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

    private <T> T inTransaction(SqlWork<T> work) {
        try {
            T result = work.run(writeConnection);
            writeConnection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                writeConnection.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new EngineException("Database write failed: " + e.getMessage(), e);
        }
    }

    /** Lets queued writes finish, then closes the database file. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(30, TimeUnit.SECONDS)) {
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            writeConnection.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
        pool.dispose();
    }
}
