package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.Revenue;
import com.headlessanalytics.console.domain.Touchpoints;
import com.headlessanalytics.console.domain.TrustTier;
import com.headlessanalytics.console.engine.analytics.AnalyticsIndex;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the analytics index: once from the database on open (in pages by storage sequence, on a
 * background thread), and after each commit from the events just stored. Also runs the one-off
 * backfill of the analytics columns for events stored before they existed.
 */
final class AnalyticsLoader implements EventStore.AfterCommit {
    private static final Logger LOG = LoggerFactory.getLogger(AnalyticsLoader.class);
    private static final int PAGE = 50_000;
    private static final String BACKFILL_JOB = "backfill_analytics_columns";

    private final Database db;
    private final AnalyticsIndex index;
    private volatile boolean closing;
    private Thread loader;

    AnalyticsLoader(Database db, AnalyticsIndex index) {
        this.db = db;
        this.index = index;
    }

    /** Backfills if needed (before anything is written), then starts loading in the background. */
    void start() {
        backfillIfNeeded();
        loader = Thread.ofPlatform().name("ha-analytics-load").daemon().start(this::load);
    }

    /** Stops loading at the next page boundary and waits for it; never interrupts database I/O. */
    void close() {
        closing = true;
        if (loader != null) {
            try {
                loader.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
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

    private void load() {
        long started = System.nanoTime();
        long after = 0;
        long count = 0;
        try {
            while (!closing) {
                long cursor = after;
                List<AnalyticsIndex.Row> page = db.read(c -> page(c, cursor));
                if (page.isEmpty()) {
                    break;
                }
                for (AnalyticsIndex.Row r : page) {
                    index.load(r);
                }
                count += page.size();
                after = page.get(page.size() - 1).seq();
            }
            index.loaded();
            LOG.info("Analytics index loaded: {} events in {} ms", count, (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.error("Loading the analytics index failed", e);
            index.loadFailed(e);
        }
    }

    private static List<AnalyticsIndex.Row> page(Connection c, long after) throws SQLException {
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

    /** Computes the analytics columns of events stored before they existed, in pages, once. */
    private void backfillIfNeeded() {
        boolean pendingJob = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM engine_job WHERE name = ?")) {
                ps.setString(1, BACKFILL_JOB);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
        if (!pendingJob) {
            return;
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
