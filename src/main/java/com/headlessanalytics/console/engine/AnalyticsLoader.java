package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.Revenue;
import com.headlessanalytics.console.domain.Touchpoints;
import com.headlessanalytics.console.domain.TrustTier;
import com.headlessanalytics.console.engine.analytics.AnalyticsIndex;
import com.headlessanalytics.console.engine.analytics.Columns;
import com.headlessanalytics.console.engine.analytics.ProjectionSnapshot;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the analytics index: once on open (from the snapshot in the data folder, caught up from
 * the database, or else from the database alone, in pages by storage sequence, on a background
 * thread), and after each commit from the events just stored. Writes the snapshot in the
 * background after enough new rows and on close. Also runs the one-off backfill of the analytics
 * columns for events stored before they existed.
 */
final class AnalyticsLoader implements EventStore.AfterCommit {
    private static final Logger LOG = LoggerFactory.getLogger(AnalyticsLoader.class);
    private static final int PAGE = 50_000;
    private static final String BACKFILL_JOB = "backfill_analytics_columns";
    /** New rows after which the background writer saves a new snapshot. */
    static final long SNAPSHOT_EVERY_ROWS = 500_000;
    /** How long the background writer waits between looks; any new row is saved after ten of them. */
    static final long SNAPSHOT_LOOK_MS = 60_000;

    private final Database db;
    private final AnalyticsIndex index;
    private final Path snapshotFile;
    private final long snapshotEveryRows;
    private final long snapshotLookMs;
    private final Object wake = new Object();
    private final Object writing = new Object();
    private volatile boolean closing;
    /** Whether the loader read to the end (not stopped by close): only then may a snapshot be saved. */
    private volatile boolean complete;
    private Thread loader;
    private Thread snapshotter;
    private String identity;
    private boolean backfilled;
    /** The sequence the newest snapshot on disk (read or written) is complete up to; -1 when none. */
    private volatile long snapshotApplied = -1;
    private volatile String source = "loading";
    private volatile String rebuildReason;
    private volatile String snapshotError;
    private volatile String loadError;
    private volatile long lastWriteMs = -1;

    AnalyticsLoader(Database db, AnalyticsIndex index) {
        this(db, index, SNAPSHOT_EVERY_ROWS, SNAPSHOT_LOOK_MS);
    }

    AnalyticsLoader(Database db, AnalyticsIndex index, long snapshotEveryRows, long snapshotLookMs) {
        this.db = db;
        this.index = index;
        this.snapshotFile = db.folder().resolve(ProjectionSnapshot.FILE);
        this.snapshotEveryRows = snapshotEveryRows;
        this.snapshotLookMs = snapshotLookMs;
    }

    /** Backfills if needed (before anything is written), then starts loading in the background. */
    void start() {
        backfilled = backfillIfNeeded();
        identity = db.read(AnalyticsLoader::identity);
        loader = Thread.ofPlatform().name("ha-analytics-load").daemon().start(this::load);
        snapshotter = Thread.ofPlatform().name("ha-analytics-snapshot").daemon().start(this::snapshotLoop);
    }

    /**
     * Stops loading at the next page boundary and waits for it; never interrupts database or file
     * I/O. Then saves a snapshot when the projection is loaded and has rows the last one lacks.
     */
    void close() {
        closing = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        join(loader);
        join(snapshotter);
        if (complete && index.applied() != snapshotApplied) {
            writeSnapshot(null);
        }
    }

    private static void join(Thread t) {
        if (t != null) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The projection's state for the readiness check. */
    record Status(String status, String message, String remedy) {
    }

    Status status() {
        if (loadError != null) {
            return new Status("warn", "the analytics projection could not be loaded: " + loadError,
                    "Analytics queries fail until the engine is restarted; check the log and the data folder.");
        }
        String where = index.ready() ? source : source + ", still loading";
        if (snapshotError != null) {
            return new Status("warn", where + "; the last snapshot could not be saved: " + snapshotError,
                    "Reopening will read every event again until a snapshot is saved; check free space and the"
                            + " data folder's permissions.");
        }
        if (rebuildReason != null && lastWriteMs < 0) {
            return new Status("warn", where,
                    "None needed: the answers come from the database; a new snapshot is saved in the background"
                            + " and on close.");
        }
        return new Status("ok", where, null);
    }

    /** Writes a snapshot of the projection now, if it is loaded; true when one was written. */
    boolean writeSnapshot(Runnable perBuffer) {
        synchronized (writing) {
            ProjectionSnapshot.Point point = index.point();
            if (!complete || point == null) {
                return false;
            }
            long start = System.nanoTime();
            try {
                ProjectionSnapshot.write(snapshotFile, identity, index, point, perBuffer);
                snapshotApplied = point.applied();
                snapshotError = null;
                lastWriteMs = System.currentTimeMillis();
                LOG.info("Analytics snapshot saved: {} events up to sequence {} in {} ms", point.rows(),
                        point.applied(), (System.nanoTime() - start) / 1_000_000);
                return true;
            } catch (IOException | RuntimeException e) {
                snapshotError = e.getMessage() == null ? e.toString() : e.getMessage();
                LOG.warn("Saving the analytics snapshot failed", e);
                return false;
            }
        }
    }

    private void snapshotLoop() {
        long lastLook = System.currentTimeMillis();
        int idleLooks = 0;
        while (!closing) {
            synchronized (wake) {
                try {
                    wake.wait(Math.min(snapshotLookMs, 1_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (closing || !complete) {
                continue;
            }
            long behind = index.applied() - Math.max(snapshotApplied, 0);
            if (behind == 0 && snapshotApplied >= 0) {
                idleLooks = 0;
                continue;
            }
            long now = System.currentTimeMillis();
            boolean look = now - lastLook >= snapshotLookMs;
            if (look) {
                lastLook = now;
                idleLooks++;
            }
            if (behind >= snapshotEveryRows || (look && idleLooks >= 10)) {
                writeSnapshot(null);
                idleLooks = 0;
            }
        }
    }

    @Override
    public void committed(String workspaceId, List<IngestProjection.Stored> stored) {
        List<AnalyticsIndex.Row> rows = new ArrayList<>(stored.size());
        for (IngestProjection.Stored s : stored) {
            rows.add(row(workspaceId, s.seq(), s.event()));
        }
        index.committed(rows);
    }

    static AnalyticsIndex.Row row(String workspaceId, long seq, Event e) {
        Touchpoints t = Touchpoints.of(e);
        return new AnalyticsIndex.Row(workspaceId, seq, e.timestamp(), e.event(), e.actorKey(), e.businessId(),
                EventStore.clip(t.source()), EventStore.clip(t.channel()), EventStore.clip(t.campaign()),
                EventStore.clip(t.medium()), Revenue.micros(e), EventStore.flags(e), tier(e.trustTier()));
    }

    private static int tier(TrustTier t) {
        return t == null ? 0 : t.ordinal() + 1;
    }

    /** The identity of the database: its first workspace, created with it. */
    private static String identity(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(
                "SELECT id, created_at FROM workspace ORDER BY created_at, id LIMIT 1")) {
            return rs.next() ? rs.getString(1) + "@" + rs.getLong(2) : "";
        }
    }

    /**
     * Restores the snapshot when it fits this database; the sequence to catch up after, or 0
     * (read everything) with the reason recorded and logged.
     */
    private long restore() {
        long started = System.nanoTime();
        if (backfilled && java.nio.file.Files.exists(snapshotFile)) {
            return rebuild("the analytics columns were just backfilled");
        }
        ProjectionSnapshot.Contents snapshot;
        try {
            snapshot = ProjectionSnapshot.read(snapshotFile);
        } catch (NoSuchFileException e) {
            source = "built from the database (no snapshot yet)";
            LOG.info("No analytics snapshot in {}: building the projection from the database", db.folder());
            return 0;
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            return rebuild("the snapshot is unreadable: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
        String stale = db.read(c -> staleness(c, snapshot));
        if (stale != null) {
            return rebuild("the snapshot does not match the database: " + stale);
        }
        index.restore(snapshot);
        snapshotApplied = snapshot.applied();
        source = "restored " + snapshot.rows() + " events from the snapshot in "
                + (System.nanoTime() - started) / 1_000_000 + " ms";
        LOG.info("Analytics snapshot restored: {} events up to sequence {} in {} ms", snapshot.rows(),
                snapshot.applied(), (System.nanoTime() - started) / 1_000_000);
        return snapshot.applied();
    }

    private long rebuild(String reason) {
        rebuildReason = reason;
        source = "rebuilt from the database because " + reason;
        LOG.warn("Analytics snapshot not used, rebuilding the projection from the database: {}", reason);
        return 0;
    }

    /**
     * Why the snapshot cannot stand for this database's events up to its point, or null when it
     * can: another database, rows the database no longer has (restored from an older backup),
     * a workspace it does not have, or a row that differs (spot-checked at each chunk's first row
     * and each workspace's last).
     */
    private String staleness(Connection c, ProjectionSnapshot.Contents s) throws SQLException {
        if (!s.identity().equals(identity)) {
            return "it was taken from another database";
        }
        long max;
        try (ResultSet rs = c.createStatement().executeQuery("SELECT COALESCE(MAX(seq), 0) FROM event")) {
            rs.next();
            max = rs.getLong(1);
        }
        if (s.applied() > max) {
            return "it holds events up to sequence " + s.applied() + " but the database only up to " + max
                    + " (restored from an older backup?)";
        }
        Set<String> known = new HashSet<>();
        try (ResultSet rs = c.createStatement().executeQuery("SELECT id FROM workspace")) {
            while (rs.next()) {
                known.add(rs.getString(1));
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT workspace_id, ts, event FROM event WHERE seq = ?")) {
            for (Map.Entry<String, Columns> w : s.workspaces().entrySet()) {
                if (!known.contains(w.getKey())) {
                    return "it holds workspace " + w.getKey() + ", which the database does not";
                }
                Columns col = w.getValue();
                int n = col.size();
                List<Integer> rows = new ArrayList<>();
                for (int row = 0; row < n; row += 65_536) {
                    rows.add(row);
                }
                if (n > 0) {
                    rows.add(n - 1);
                }
                for (int row : rows) {
                    long seq = col.seq(row);
                    ps.setLong(1, seq);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next() || !w.getKey().equals(rs.getString(1)) || rs.getLong(2) != col.ts(row)
                                || !rs.getString(3).equals(col.names.value(col.name(row)))) {
                            return "its event at sequence " + seq + " differs from the database's";
                        }
                    }
                }
            }
        }
        return null;
    }

    private void load() {
        long started = System.nanoTime();
        long count = 0;
        try {
            long from = restore();
            long after = from;
            boolean read = false;
            while (!closing) {
                long cursor = after;
                List<AnalyticsIndex.Row> page = db.read(c -> page(c, cursor));
                if (page.isEmpty()) {
                    read = true;
                    break;
                }
                for (AnalyticsIndex.Row r : page) {
                    index.load(r);
                }
                count += page.size();
                after = page.get(page.size() - 1).seq();
            }
            complete = read;
            if (from > 0 && count > 0) {
                source += ", caught up " + count + " newer events from the database";
            }
            index.loaded();
            LOG.info("Analytics index loaded: {} events read from the database in {} ms", count,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.error("Loading the analytics index failed", e);
            loadError = e.getMessage() == null ? e.toString() : e.getMessage();
            index.loadFailed(e);
        }
    }

    static List<AnalyticsIndex.Row> page(Connection c, long after) throws SQLException {
        List<AnalyticsIndex.Row> rows = new ArrayList<>(PAGE);
        try (PreparedStatement ps = c.prepareStatement("SELECT workspace_id, seq, ts, event, actor_key, business_id,"
                + " touch_source, touch_channel, touch_campaign, touch_medium, revenue, flags, trust_tier"
                + " FROM event WHERE seq > ? ORDER BY seq LIMIT " + PAGE)) {
            ps.setLong(1, after);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    BigDecimal revenue = rs.getBigDecimal(11);
                    String tier = rs.getString(13);
                    TrustTier t = tier == null ? null : TrustTier.parse(tier.strip());
                    rows.add(new AnalyticsIndex.Row(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            rs.getString(10), revenue == null ? null : revenue.movePointRight(Revenue.SCALE)
                                    .longValueExact(), rs.getInt(12), tier(t)));
                }
            }
        }
        return rows;
    }

    /** Computes the analytics columns of events stored before they existed, in pages, once; true if it ran. */
    private boolean backfillIfNeeded() {
        boolean pendingJob = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM engine_job WHERE name = ?")) {
                ps.setString(1, BACKFILL_JOB);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
        if (!pendingJob) {
            return false;
        }
        long after = 0;
        int done = 0;
        while (true) {
            long cursor = after;
            Long last = db.write(c -> backfillPage(c, cursor));
            if (last == null) {
                break;
            }
            after = last;
            done++;
        }
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM engine_job WHERE name = ?")) {
                ps.setString(1, BACKFILL_JOB);
                ps.executeUpdate();
            }
            return null;
        });
        LOG.info("Backfilled the analytics columns in {} pages", done);
        return true;
    }

    /** One page of the backfill; the last sequence done, or null when there was nothing left. */
    private static Long backfillPage(Connection c, long after) throws SQLException {
        List<long[]> seqs = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, envelope FROM event WHERE seq > ? ORDER BY seq LIMIT 5000")) {
            ps.setLong(1, after);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    seqs.add(new long[] {rs.getLong(1)});
                    events.add(EventStore.fromJson(rs.getString(2)));
                }
            }
        }
        if (events.isEmpty()) {
            return null;
        }
        try (PreparedStatement update = c.prepareStatement("UPDATE event SET touch_source = ?, touch_channel = ?,"
                + " touch_campaign = ?, touch_medium = ?, revenue = ?, flags = ? WHERE seq = ?")) {
            for (int i = 0; i < events.size(); i++) {
                EventStore.setFacts(update, 1, events.get(i));
                update.setLong(7, seqs.get(i)[0]);
                update.addBatch();
            }
            update.executeBatch();
        }
        return seqs.get(seqs.size() - 1)[0];
    }
}
