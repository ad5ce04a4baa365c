package com.headlessanalytics.console.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.domain.plan.PlanChecker;
import com.headlessanalytics.console.domain.plan.PlanMode;
import com.headlessanalytics.console.domain.plan.TrackingPlan;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stored tracking plans, and the checkers ingest runs: per workspace, the plans in warn and in block
 * mode compiled once and kept in memory until a plan of the workspace is saved or deleted.
 */
final class EnginePlans {
    /** The most plans one workspace holds. */
    static final int MAX_PLANS = 50;

    private final Database db;
    private final Map<String, Active> active = new ConcurrentHashMap<>();
    /** Moved by every save and delete, so a load that raced one is not cached. */
    private final AtomicLong generation = new AtomicLong();

    /** The checkers of one workspace's plans in warn mode and in block mode; null when it has none. */
    record Active(PlanChecker warn, PlanChecker block) {
        static final Active NONE = new Active(null, null);

        boolean isEmpty() {
            return warn == null && block == null;
        }
    }

    EnginePlans(Database db) {
        this.db = db;
    }

    /** The plans of {@code ws} that ingest checks, from memory after the first call. */
    Active active(String ws) {
        Active cached = active.get(ws);
        if (cached != null) {
            return cached;
        }
        long before = generation.get();
        List<TrackingPlan> warn = new ArrayList<>();
        List<TrackingPlan> block = new ArrayList<>();
        for (TrackingPlan p : list(ws)) {
            if (p.mode() == PlanMode.WARN) {
                warn.add(p);
            } else if (p.mode() == PlanMode.BLOCK) {
                block.add(p);
            }
        }
        Active loaded = warn.isEmpty() && block.isEmpty() ? Active.NONE
                : new Active(warn.isEmpty() ? null : PlanChecker.of(warn), block.isEmpty() ? null : PlanChecker.of(block));
        active.compute(ws, (k, old) -> old != null ? old : generation.get() == before ? loaded : null);
        return loaded;
    }

    /** Every plan of {@code ws}, by id. */
    List<TrackingPlan> list(String ws) {
        return db.read(c -> {
            List<TrackingPlan> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT body, updated_at FROM tracking_plan WHERE workspace_id = ? ORDER BY id")) {
                ps.setString(1, ws);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs.getString(1), rs.getLong(2)));
                    }
                }
            }
            return out;
        });
    }

    /** The plan {@code id} of {@code ws}, or null. */
    TrackingPlan find(String ws, String id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT body, updated_at FROM tracking_plan WHERE workspace_id = ? AND id = ?")) {
                ps.setString(1, ws);
                ps.setString(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? read(rs.getString(1), rs.getLong(2)) : null;
                }
            }
        });
    }

    /** Stores {@code plan} (valid) under its id, replacing any plan with that id; 422 past {@link #MAX_PLANS}. */
    TrackingPlan save(String ws, TrackingPlan plan, long now) {
        TrackingPlan saved = new TrackingPlan(plan.id(), plan.name(), plan.mode(),
                plan.namingRule() == null || plan.namingRule().isEmpty() ? null : plan.namingRule(),
                plan.allowUnplanned(), plan.events() == null ? List.of() : plan.events(), now);
        String body = write(saved);
        try {
            db.write(c -> {
                try (PreparedStatement count = c.prepareStatement(
                        "SELECT COUNT(*) FROM tracking_plan WHERE workspace_id = ? AND id <> ?")) {
                    count.setString(1, ws);
                    count.setString(2, plan.id());
                    try (ResultSet rs = count.executeQuery()) {
                        rs.next();
                        if (rs.getInt(1) >= MAX_PLANS) {
                            throw new ApiException.Client(422, ErrorCodes.RULE_VIOLATION, "A workspace holds at most "
                                    + MAX_PLANS + " tracking plans; delete one first", List.of());
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("MERGE INTO tracking_plan (workspace_id, id, body,"
                        + " updated_at) KEY (workspace_id, id) VALUES (?, ?, ?, ?)")) {
                    ps.setString(1, ws);
                    ps.setString(2, saved.id());
                    ps.setString(3, body);
                    ps.setLong(4, now);
                    ps.executeUpdate();
                }
                return null;
            });
        } finally {
            forget(ws);
        }
        return saved;
    }

    /** Deletes plan {@code id} of {@code ws}; false when there was none. */
    boolean delete(String ws, String id) {
        try {
            return db.write(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM tracking_plan WHERE workspace_id = ? AND id = ?")) {
                    ps.setString(1, ws);
                    ps.setString(2, id);
                    return ps.executeUpdate() > 0;
                }
            });
        } finally {
            forget(ws);
        }
    }

    private void forget(String ws) {
        generation.incrementAndGet();
        active.remove(ws);
    }

    private static String write(TrackingPlan plan) {
        try {
            return ApiJson.mapper().writeValueAsString(plan);
        } catch (JsonProcessingException e) {
            throw new EngineException("A tracking plan could not be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static TrackingPlan read(String body, long updatedAt) {
        try {
            TrackingPlan p = ApiJson.mapper().readValue(body, TrackingPlan.class);
            return new TrackingPlan(p.id(), p.name(), p.mode(), p.namingRule(), p.allowUnplanned(), p.events(),
                    updatedAt);
        } catch (JsonProcessingException e) {
            throw new EngineException("A stored tracking plan could not be read: " + e.getOriginalMessage(), e);
        }
    }
}
