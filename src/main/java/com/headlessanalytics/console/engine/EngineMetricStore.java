package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.Metrics;
import com.headlessanalytics.console.domain.Ids;
import com.headlessanalytics.console.domain.Revenue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Stored metric definitions and metric snapshots, in H2 (docs/analytics.md, Metrics). */
final class EngineMetricStore {
    private final Database db;

    EngineMetricStore(Database db) {
        this.db = db;
    }

    List<Metrics.Definition> definitions(String ws) {
        return db.read(c -> {
            List<Metrics.Definition> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name, event, aggregation, property, description,"
                    + " updated_at FROM metric_definition WHERE workspace_id = ? ORDER BY name")) {
                ps.setString(1, ws);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Metrics.Definition(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getLong(6)));
                    }
                }
            }
            return out;
        });
    }

    Metrics.Definition saveDefinition(String ws, Metrics.Definition d, long now) {
        String aggregation = d.effectiveAggregation().name().toLowerCase();
        Metrics.Definition saved = new Metrics.Definition(d.name(), d.event(), aggregation,
                d.effectiveAggregation() == Metrics.Aggregation.SUM ? d.property() : null, d.description(), now);
        db.write(c -> {
            int existing;
            try (PreparedStatement count = c.prepareStatement(
                    "SELECT COUNT(*) FROM metric_definition WHERE workspace_id = ? AND name <> ?")) {
                count.setString(1, ws);
                count.setString(2, d.name());
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    existing = rs.getInt(1);
                }
            }
            if (existing >= Metrics.MAX_DEFINITIONS) {
                throw new ApiException.Client(422, ErrorCodes.RULE_VIOLATION, "A workspace holds at most "
                        + Metrics.MAX_DEFINITIONS + " metric definitions; delete one first", List.of());
            }
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO metric_definition (workspace_id, name, event,"
                    + " aggregation, property, description, updated_at) KEY (workspace_id, name)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, ws);
                ps.setString(2, saved.name());
                ps.setString(3, saved.event());
                ps.setString(4, saved.aggregation());
                ps.setString(5, saved.property());
                ps.setString(6, saved.description());
                ps.setLong(7, now);
                ps.executeUpdate();
            }
            return null;
        });
        return saved;
    }

    void deleteDefinition(String ws, String name) {
        int deleted = db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM metric_definition WHERE workspace_id = ? AND name = ?")) {
                ps.setString(1, ws);
                ps.setString(2, name);
                return ps.executeUpdate();
            }
        });
        if (deleted == 0) {
            throw ApiException.notFound("No metric definition named '" + name + "'");
        }
    }

    List<Metrics.Snapshot> persistSnapshots(String ws, String business, Map<String, BigDecimal> values,
                                                    Long from, Long to, String queryId, long now) {
        List<Metrics.Snapshot> out = new ArrayList<>();
        for (Map.Entry<String, BigDecimal> v : values.entrySet()) {
            out.add(new Metrics.Snapshot(Ids.newId("snap", now), v.getKey(), v.getValue(), business, from, to, now,
                    queryId));
        }
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO metric_snapshot (id, workspace_id,"
                    + " business_id, metric, metric_value, from_ts, to_ts, computed_at, query_id)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Metrics.Snapshot s : out) {
                    ps.setString(1, s.id());
                    ps.setString(2, ws);
                    ps.setString(3, business);
                    ps.setString(4, s.metric());
                    ps.setBigDecimal(5, s.value().setScale(Revenue.SCALE, RoundingMode.HALF_EVEN));
                    setLong(ps, 6, from);
                    setLong(ps, 7, to);
                    ps.setLong(8, now);
                    ps.setString(9, queryId);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
        return out;
    }

    List<Metrics.Snapshot> snapshots(String ws, String metric, int limit) {
        return db.read(c -> {
            List<Metrics.Snapshot> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, metric, metric_value, business_id, from_ts,"
                    + " to_ts, computed_at, query_id FROM metric_snapshot WHERE workspace_id = ?"
                    + (metric == null ? "" : " AND metric = ?") + " ORDER BY computed_at DESC, id DESC LIMIT ?")) {
                int i = 1;
                ps.setString(i++, ws);
                if (metric != null) {
                    ps.setString(i++, metric);
                }
                ps.setInt(i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long fromTs = rs.getLong(5);
                        Long fromValue = rs.wasNull() ? null : fromTs;
                        long toTs = rs.getLong(6);
                        Long toValue = rs.wasNull() ? null : toTs;
                        BigDecimal value = rs.getBigDecimal(3).stripTrailingZeros();
                        out.add(new Metrics.Snapshot(rs.getString(1), rs.getString(2),
                                value.scale() < 0 ? value.setScale(0) : value, rs.getString(4), fromValue, toValue,
                                rs.getLong(7), rs.getString(8)));
                    }
                }
            }
            return out;
        });
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, java.sql.Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }
}
