package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.domain.BloomFilter;
import com.headlessanalytics.console.domain.Event;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lookup structure for traceId and actor queries: per workspace, runs ("blocks") of up to
 * {@value #BLOCK_EVENTS} consecutive events, each with a Bloom filter of their keys. Blocks are
 * written once, appended, so ingest never pays for random-key B-tree pages. A query reads only the
 * blocks whose filter may hold its key (about one false block per thousand).
 *
 * <p>The newest block of each workspace stays open in memory until it is full; it is derived from
 * the events, so after a crash it is rebuilt from the events after the last written block. An open
 * block that falls {@value #MAX_OPEN_LAG} sequence numbers behind is written early, which bounds that
 * rebuild.
 */
final class KeyBlockIndex implements IngestProjection {
    static final int BLOCK_EVENTS = 4096;
    /** 2^17 bits for up to 8192 keys, 7 hashes: about 0.1% false positives per full block. */
    static final int BLOOM_BITS = 1 << 17;
    static final int BLOOM_HASHES = 7;
    static final long MAX_OPEN_LAG = 200_000;

    static String traceKey(String traceId) {
        return "t:" + traceId;
    }

    static String actorKey(String actor) {
        return "a:" + actor;
    }

    /** A run of events of one workspace; {@code lastSeq} is open-ended while the block is open. */
    static final class Block {
        final long firstSeq;
        long lastSeq;
        long minTs = Long.MAX_VALUE;
        long maxTs = Long.MIN_VALUE;
        int count;
        final BloomFilter bloom;

        Block(long firstSeq, BloomFilter bloom) {
            this.firstSeq = firstSeq;
            this.lastSeq = firstSeq;
            this.bloom = bloom;
        }

        void add(long seq, Event e) {
            lastSeq = seq;
            minTs = Math.min(minTs, e.timestamp());
            maxTs = Math.max(maxTs, e.timestamp());
            count++;
            if (e.traceId() != null) {
                bloom.add(traceKey(e.traceId()));
            }
            String actor = e.actorKey();
            if (actor != null) {
                bloom.add(actorKey(actor));
            }
        }
    }

    /** What a query scans: a sequence range and the time range of its events. */
    record Candidate(long firstSeq, long lastSeq, long minTs, long maxTs) {
    }

    private static final class Workspace {
        final List<Block> written = new ArrayList<>();
        Block open;
    }

    private final Map<String, Workspace> workspaces = new ConcurrentHashMap<>();

    /** Loads the written blocks and rebuilds the open ones from the events after them. */
    void load(Connection c) throws SQLException {
        Map<String, Long> coveredUpTo = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT workspace_id, first_seq, last_seq, min_ts, max_ts,"
                + " event_count, bloom FROM event_key_block ORDER BY workspace_id, first_seq");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Block b = new Block(rs.getLong(2), BloomFilter.fromBytes(rs.getBytes(7), BLOOM_HASHES));
                b.lastSeq = rs.getLong(3);
                b.minTs = rs.getLong(4);
                b.maxTs = rs.getLong(5);
                b.count = rs.getInt(6);
                workspace(rs.getString(1)).written.add(b);
                coveredUpTo.merge(rs.getString(1), b.lastSeq, Math::max);
            }
        }
        // Every open block starts at most MAX_OPEN_LAG before the newest event (onStored writes one
        // that falls further behind, in the same transaction), so the events to rebuild them from are
        // in one range of the primary key; with every workspace covered by blocks, only those after
        // the least covered. (Asking per workspace made H2 walk the workspace's whole id index.)
        long newest;
        try (ResultSet rs = c.createStatement().executeQuery("SELECT COALESCE(MAX(seq), 0) FROM event")) {
            rs.next();
            newest = rs.getLong(1);
        }
        long from = Math.max(0, newest - MAX_OPEN_LAG - 1);
        try (ResultSet rs = c.createStatement().executeQuery("SELECT id FROM workspace")) {
            long leastCovered = Long.MAX_VALUE;
            while (rs.next()) {
                leastCovered = Math.min(leastCovered, coveredUpTo.getOrDefault(rs.getString(1), 0L));
            }
            from = leastCovered == Long.MAX_VALUE ? newest : Math.max(from, leastCovered);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, workspace_id, envelope FROM event"
                + " WHERE seq > ? ORDER BY seq")) {
            ps.setLong(1, from);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    String ws = rs.getString(2);
                    if (seq <= coveredUpTo.getOrDefault(ws, 0L)) {
                        continue;
                    }
                    Workspace w = workspace(ws);
                    if (w.open == null) {
                        w.open = new Block(seq, new BloomFilter(BLOOM_BITS, BLOOM_HASHES));
                    }
                    w.open.add(seq, EventStore.fromJson(rs.getString(3)));
                }
            }
        }
    }

    @Override
    public void onStored(Connection c, String workspaceId, List<Stored> stored) throws SQLException {
        Workspace w = workspace(workspaceId);
        long lastSeq = 0;
        synchronized (w) {
            for (Stored s : stored) {
                if (w.open == null) {
                    w.open = new Block(s.seq(), new BloomFilter(BLOOM_BITS, BLOOM_HASHES));
                }
                w.open.add(s.seq(), s.event());
                lastSeq = s.seq();
                if (w.open.count >= BLOCK_EVENTS) {
                    write(c, workspaceId, w);
                }
            }
        }
        for (Map.Entry<String, Workspace> other : workspaces.entrySet()) {
            Workspace o = other.getValue();
            synchronized (o) {
                if (o.open != null && lastSeq - o.open.firstSeq > MAX_OPEN_LAG) {
                    write(c, other.getKey(), o);
                }
            }
        }
    }

    /** The blocks that may hold the key, the open one included, for events in [from, to]. */
    List<Candidate> candidates(String workspaceId, String key, Long from, Long to) {
        Workspace w = workspace(workspaceId);
        List<Candidate> out = new ArrayList<>();
        synchronized (w) {
            for (Block b : w.written) {
                consider(b, b.lastSeq, key, from, to, out);
            }
            if (w.open != null) {
                consider(w.open, Long.MAX_VALUE, key, from, to, out);
            }
        }
        return out;
    }

    private static void consider(Block b, long lastSeq, String key, Long from, Long to, List<Candidate> out) {
        if ((from != null && b.maxTs < from) || (to != null && b.minTs > to) || !b.bloom.mightContain(key)) {
            return;
        }
        out.add(new Candidate(b.firstSeq, lastSeq, b.minTs, b.maxTs));
    }

    int writtenBlocks(String workspaceId) {
        Workspace w = workspace(workspaceId);
        synchronized (w) {
            return w.written.size();
        }
    }

    private Workspace workspace(String id) {
        return workspaces.computeIfAbsent(id, k -> new Workspace());
    }

    /** Writes the open block in the current transaction. A rollback leaves a superset in memory: harmless. */
    private static void write(Connection c, String workspaceId, Workspace w) throws SQLException {
        Block b = w.open;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO event_key_block (workspace_id, first_seq, last_seq,"
                + " min_ts, max_ts, event_count, bloom) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, workspaceId);
            ps.setLong(2, b.firstSeq);
            ps.setLong(3, b.lastSeq);
            ps.setLong(4, b.minTs);
            ps.setLong(5, b.maxTs);
            ps.setInt(6, b.count);
            ps.setBytes(7, b.bloom.toBytes());
            ps.executeUpdate();
        }
        w.written.add(b);
        w.open = null;
    }
}
