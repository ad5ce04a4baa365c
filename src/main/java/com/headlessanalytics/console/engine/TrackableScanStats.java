package com.headlessanalytics.console.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rollup of the events carrying each trackable code ({@link EventStore#trackableCode}): their count
 * and latest timestamp, the {@code scans} and {@code lastScanAt} of a trackable; and the events
 * themselves by code and time ({@code trackable_event}), which the {@code ?trackable=} drill-down reads.
 */
final class TrackableScanStats implements IngestProjection {

    private static final class Totals {
        long count;
        long last = Long.MIN_VALUE;
    }

    @Override
    public void onStored(Connection connection, String workspaceId, List<Stored> stored) throws SQLException {
        Map<String, Totals> byCode = new LinkedHashMap<>();
        try (PreparedStatement event = connection.prepareStatement(
                "INSERT INTO trackable_event (t_workspace, t_code, t_ts, t_seq) VALUES (?, ?, ?, ?)")) {
            for (Stored s : stored) {
                String code = EventStore.trackableCode(s.event());
                if (code != null) {
                    Totals t = byCode.computeIfAbsent(code, k -> new Totals());
                    t.count++;
                    t.last = Math.max(t.last, s.event().timestamp());
                    event.setString(1, workspaceId);
                    event.setString(2, code);
                    event.setLong(3, s.event().timestamp());
                    event.setLong(4, s.seq());
                    event.addBatch();
                }
            }
            if (byCode.isEmpty()) {
                return;
            }
            event.executeBatch();
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE trackable_scan_stats SET scan_count = scan_count + ?, last_ts = GREATEST(last_ts, ?)"
                        + " WHERE workspace_id = ? AND trackable_code = ?");
             PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO trackable_scan_stats (workspace_id, trackable_code, scan_count, last_ts)"
                        + " VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<String, Totals> entry : byCode.entrySet()) {
                Totals t = entry.getValue();
                update.setLong(1, t.count);
                update.setLong(2, t.last);
                update.setString(3, workspaceId);
                update.setString(4, entry.getKey());
                if (update.executeUpdate() == 0) {
                    insert.setString(1, workspaceId);
                    insert.setString(2, entry.getKey());
                    insert.setLong(3, t.count);
                    insert.setLong(4, t.last);
                    insert.executeUpdate();
                }
            }
        }
    }

    /** Recomputes the rollup and the events by code from {@code event.trackable_code} (after the column's backfill). */
    static void rebuild(Connection connection) throws SQLException {
        try (var s = connection.createStatement()) {
            s.executeUpdate("DELETE FROM trackable_event");
            s.executeUpdate("INSERT INTO trackable_event (t_workspace, t_code, t_ts, t_seq)"
                    + " SELECT workspace_id, trackable_code, ts, seq FROM event WHERE trackable_code IS NOT NULL");
            s.executeUpdate("DELETE FROM trackable_scan_stats");
            s.executeUpdate("INSERT INTO trackable_scan_stats (workspace_id, trackable_code, scan_count, last_ts)"
                    + " SELECT workspace_id, trackable_code, COUNT(*), MAX(ts) FROM event"
                    + " WHERE trackable_code IS NOT NULL GROUP BY workspace_id, trackable_code");
        }
    }
}
