package com.headlessanalytics.console.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds the events stored before the operating graph existed (V9 records their range in
 * {@code entity_backfill}) to the graph, after opening, on a thread of its own: one chunk per write
 * transaction, the range's start moved in the same transaction, so a kill loses nothing and
 * adds nothing twice. New events are added at ingest meanwhile; the graph's merges do not depend on
 * order, so the result is the same as if every event had come in storage order.
 */
final class EntityBackfill {
    private static final Logger LOG = LoggerFactory.getLogger(EntityBackfill.class);
    static final int CHUNK = 2000;

    private final Database db;
    private final EntityGraph graph;
    private volatile boolean closing;
    private Thread thread;

    EntityBackfill(Database db, EntityGraph graph) {
        this.db = db;
        this.graph = graph;
    }

    void start() {
        long[] range = db.read(EntityBackfill::range);
        if (range[0] > range[1]) {
            return;
        }
        thread = Thread.ofPlatform().name("ha-graph-backfill").daemon().start(() -> run(range));
    }

    /** Stops after the chunk being written and waits for it. */
    void close() {
        closing = true;
        if (thread != null) {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** True once every event stored before the graph existed is in it. */
    boolean done() {
        return thread == null || !thread.isAlive() && db.read(c -> {
            long[] r = range(c);
            return r[0] > r[1];
        });
    }

    private void run(long[] range) {
        long started = System.nanoTime();
        LOG.info("Adding {} stored events to the operating graph", range[1] - range[0] + 1);
        try {
            boolean more = true;
            while (more && !closing) {
                more = db.write(this::chunk);
            }
            if (!closing) {
                LOG.info("Operating graph built from the stored events in {} ms", (System.nanoTime() - started) / 1_000_000);
            }
        } catch (RuntimeException e) {
            LOG.error("Building the operating graph from the stored events failed; it resumes on the next open", e);
        }
    }

    /** One chunk, in the write transaction; false when none is left. */
    private boolean chunk(Connection c) throws SQLException {
        long[] range = range(c);
        if (range[0] > range[1]) {
            return false;
        }
        long to = Math.min(range[1], range[0] + CHUNK - 1);
        Map<String, List<IngestProjection.Stored>> byWorkspace = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, workspace_id, envelope FROM event WHERE seq BETWEEN ? AND ? ORDER BY seq")) {
            ps.setLong(1, range[0]);
            ps.setLong(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byWorkspace.computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
                            .add(new IngestProjection.Stored(rs.getLong(1), EventStore.fromJson(rs.getString(3))));
                }
            }
        }
        for (Map.Entry<String, List<IngestProjection.Stored>> w : byWorkspace.entrySet()) {
            graph.onStored(c, w.getKey(), w.getValue());
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE entity_backfill SET next_seq = ?")) {
            ps.setLong(1, to + 1);
            ps.executeUpdate();
        }
        return to < range[1];
    }

    private static long[] range(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT next_seq, last_seq FROM entity_backfill")) {
            return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : new long[] {1, 0};
        }
    }
}
