package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.domain.Event;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rollup of event names per business: count and first/last timestamp, for pickers and readiness. */
final class EventNameStats implements IngestProjection {

    private record Key(String businessId, String event) {
    }

    private static final class Totals {
        long count;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
    }

    @Override
    public void onStored(Connection connection, String workspaceId, List<Stored> stored) throws SQLException {
        Map<Key, Totals> byName = new LinkedHashMap<>();
        for (Stored s : stored) {
            Event e = s.event();
            Totals t = byName.computeIfAbsent(new Key(e.businessId(), e.event()), k -> new Totals());
            t.count++;
            t.first = Math.min(t.first, e.timestamp());
            t.last = Math.max(t.last, e.timestamp());
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE event_name_stats SET event_count = event_count + ?, first_ts = LEAST(first_ts, ?),"
                        + " last_ts = GREATEST(last_ts, ?) WHERE workspace_id = ? AND business_id = ? AND event = ?");
             PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO event_name_stats (workspace_id, business_id, event, event_count, first_ts, last_ts)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<Key, Totals> entry : byName.entrySet()) {
                Key k = entry.getKey();
                Totals t = entry.getValue();
                update.setLong(1, t.count);
                update.setLong(2, t.first);
                update.setLong(3, t.last);
                update.setString(4, workspaceId);
                update.setString(5, k.businessId());
                update.setString(6, k.event());
                if (update.executeUpdate() == 0) {
                    insert.setString(1, workspaceId);
                    insert.setString(2, k.businessId());
                    insert.setString(3, k.event());
                    insert.setLong(4, t.count);
                    insert.setLong(5, t.first);
                    insert.setLong(6, t.last);
                    insert.executeUpdate();
                }
            }
        }
    }
}
