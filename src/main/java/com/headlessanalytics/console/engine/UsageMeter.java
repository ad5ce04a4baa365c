package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.api.Proof;
import com.headlessanalytics.console.api.ServeBackend.UsageRecord;
import com.headlessanalytics.console.api.Usage;
import com.headlessanalytics.console.domain.TimeBuckets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    /**
     * The metering of one workspace: the newest records, totals per endpoint over [from, to], and
     * the quota of the calendar month (UTC) holding {@code now}. Queued records are written first.
     */
    Usage.Report report(String workspaceId, Usage.Query q, long now, Proof proof) {
        flush();
        long from = q.from() == null ? Long.MIN_VALUE : q.from();
        long to = q.to() == null ? Long.MAX_VALUE : q.to();
        TimeBuckets month = new TimeBuckets(TimeBuckets.Size.MONTH);
        long monthStart = month.startOf(now);
        long monthEnd = month.endOf(now);
        return db.read(c -> {
            List<Usage.Record> records = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT at, method, endpoint, status, latency_ms,"
                    + " request_bytes, response_bytes, key_id, query_id FROM usage_record WHERE workspace_id = ?"
                    + " AND at >= ? AND at <= ? ORDER BY at DESC, seq DESC LIMIT ?")) {
                bindRange(ps, workspaceId, from, to);
                ps.setInt(4, q.effectiveLimit());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        records.add(new Usage.Record(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                                rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getString(8), rs.getString(9)));
                    }
                }
            }
            java.util.Map<String, long[]> sums = new java.util.TreeMap<>();
            java.util.Map<String, java.util.Map<String, Long>> statuses = new java.util.TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT endpoint, status, COUNT(*), SUM(latency_ms),"
                    + " MAX(latency_ms), SUM(request_bytes), SUM(response_bytes) FROM usage_record"
                    + " WHERE workspace_id = ? AND at >= ? AND at <= ? GROUP BY endpoint, status")) {
                bindRange(ps, workspaceId, from, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long[] s = sums.computeIfAbsent(rs.getString(1), k -> new long[6]);
                        long calls = rs.getLong(3);
                        s[0] += calls;
                        s[1] += rs.getInt(2) >= 400 ? calls : 0;
                        s[2] += rs.getLong(4);
                        s[3] = Math.max(s[3], rs.getLong(5));
                        s[4] += rs.getLong(6);
                        s[5] += rs.getLong(7);
                        statuses.computeIfAbsent(rs.getString(1), k -> new java.util.TreeMap<>())
                                .put(Integer.toString(rs.getInt(2)), calls);
                    }
                }
            }
            List<Usage.Total> totals = new ArrayList<>();
            long all = 0;
            for (var e : sums.entrySet()) {
                long[] s = e.getValue();
                all += s[0];
                totals.add(new Usage.Total(e.getKey(), s[0], s[1], statuses.get(e.getKey()),
                        s[0] == 0 ? 0 : Math.round((double) s[2] / s[0]), s[3], s[4], s[5]));
            }
            totals.sort((x, y) -> x.calls() != y.calls() ? Long.compare(y.calls(), x.calls())
                    : x.endpoint().compareTo(y.endpoint()));
            long used;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM usage_record WHERE workspace_id = ? AND at >= ? AND at <= ?")) {
                bindRange(ps, workspaceId, monthStart, monthEnd);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    used = rs.getLong(1);
                }
            }
            long limit = Usage.DEFAULT_MONTHLY_QUOTA;
            return new Usage.Report(records, totals, all, new Usage.Quota(limit, used, Math.max(0, limit - used),
                    monthStart, monthEnd), proof);
        });
    }

    /** Binds {@code workspace_id = ? AND at >= ? AND at <= ?}, the first three parameters of each report query. */
    private static void bindRange(PreparedStatement ps, String workspaceId, long from, long to) throws SQLException {
        ps.setString(1, workspaceId);
        ps.setLong(2, from);
        ps.setLong(3, to);
    }
}
