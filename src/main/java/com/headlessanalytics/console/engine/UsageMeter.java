package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.api.ServeBackend.UsageRecord;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Usage metering: records are queued by the request threads and written in batches by the
 * writer every quarter second, and once more on close.
 */
final class UsageMeter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UsageMeter.class);
    private static final long FLUSH_EVERY_MS = 250;
    private static final int MAX_QUEUED = 100_000;

    private final Database db;
    private final ConcurrentLinkedQueue<UsageRecord> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final ScheduledExecutorService flusher;

    UsageMeter(Database db) {
        this.db = db;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ha-usage-meter");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flush, FLUSH_EVERY_MS, FLUSH_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    void record(UsageRecord r) {
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        queue.add(r);
    }

    long pending() {
        return queued.get();
    }

    long written() {
        return written.get();
    }

    long dropped() {
        return dropped.get();
    }

    String lastError() {
        return lastError.get();
    }

    synchronized void flush() {
        List<UsageRecord> batch = new ArrayList<>();
        for (UsageRecord r; batch.size() < 5000 && (r = queue.poll()) != null; ) {
            batch.add(r);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            db.write(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO usage_record (workspace_id, key_id, at,"
                        + " method, endpoint, status, latency_ms, request_bytes, response_bytes, query_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (UsageRecord r : batch) {
                        setNullable(ps, 1, r.workspaceId());
                        setNullable(ps, 2, r.keyId());
                        ps.setLong(3, r.at());
                        ps.setString(4, clip(r.method(), 10));
                        ps.setString(5, clip(r.endpoint(), 200));
                        ps.setInt(6, r.status());
                        ps.setLong(7, r.latencyMs());
                        ps.setLong(8, r.requestBytes());
                        ps.setLong(9, r.responseBytes());
                        setNullable(ps, 10, r.queryId());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return null;
            });
            queued.addAndGet(-batch.size());
            written.addAndGet(batch.size());
            lastError.set(null);
        } catch (RuntimeException e) {
            queue.addAll(batch);
            lastError.set(e.getMessage());
            LOG.warn("Usage records could not be written; will retry: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int attempt = 0; attempt < 100 && !queue.isEmpty(); attempt++) {
            flush();
            if (lastError.get() != null) {
                break;
            }
        }
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static void setNullable(PreparedStatement ps, int index, String value) throws java.sql.SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}
