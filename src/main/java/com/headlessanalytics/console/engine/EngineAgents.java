package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.api.AgentPerformance;
import com.headlessanalytics.console.api.Checks;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.Period;
import com.headlessanalytics.console.api.Proof;
import com.headlessanalytics.console.domain.Event;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code agentPerformance(agentId)} (docs/api.md, Agent and workflow events): the agent's events
 * in the period, read through the actor Bloom blocks; its runs, their durations, its spend, and the
 * DecisionObjects it proposed or named, by the state they are in now.
 */
final class EngineAgents {
    static final String RUN_STARTED = "agent.run_started";
    static final String RUN_COMPLETED = "agent.run_completed";
    static final String RUN_FAILED = "agent.run_failed";
    static final int TOP_EVENTS = 10;

    private final Database db;
    private final EventStore store;

    EngineAgents(Database db, EventStore store) {
        this.db = db;
        this.store = store;
    }

    /** The actor identity of the conventions: {@code actor} when a string, else {@code actor.id}; never the traceId. */
    static String agentOf(Event e) {
        if (e.actor() instanceof String s) {
            return s;
        }
        if (e.actor() instanceof Map<?, ?> m) {
            Object id = m.get("id");
            if (id instanceof String || id instanceof Number) {
                return id.toString();
            }
        }
        return null;
    }

    AgentPerformance.Result performance(String ws, AgentPerformance.Query q, long now, Proof proof) {
        List<EventStore.Read> events = new ArrayList<>();
        for (EventStore.Read r : store.byActor(ws, q.agentId(), q.businessId(), q.from(), q.to())) {
            if (q.agentId().equals(agentOf(r.event()))) {
                events.add(r);
            }
        }
        Map<String, Long> names = new HashMap<>();
        Set<String> named = new LinkedHashSet<>();
        Spend spend = new Spend();
        Runs runs = new Runs();
        for (EventStore.Read r : events) {
            Event e = r.event();
            names.merge(e.event(), 1L, Long::sum);
            if (e.decisionId() != null) {
                named.add(e.decisionId());
            }
            spend.add(e.properties());
            runs.add(e);
        }
        List<AgentPerformance.EventCount> top = names.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_EVENTS).map(en -> new AgentPerformance.EventCount(en.getKey(), en.getValue())).toList();
        Long first = events.isEmpty() ? null : events.get(0).event().timestamp();
        Long last = events.isEmpty() ? null : events.get(events.size() - 1).event().timestamp();
        return new AgentPerformance.Result(q.agentId(), q.businessId(), new Period(q.from(), q.to()), events.size(),
                runs.result(), durations(runs.durations), decisions(ws, q, named, now), spend.result(), first, last,
                top, proof);
    }

    /** Runs keyed by properties.runId, else traceId; the first start opens a run and its first end closes it. */
    private static final class Runs {
        final Map<String, Long> open = new HashMap<>();
        final Set<String> ended = new HashSet<>();
        final List<Long> durations = new ArrayList<>();
        long started;
        long succeeded;
        long failed;

        void add(Event e) {
            String name = e.event();
            boolean start = name.equals(RUN_STARTED);
            if (!start && !name.equals(RUN_COMPLETED) && !name.equals(RUN_FAILED)) {
                return;
            }
            String key = ConventionFields.id(ConventionFields.get(e.properties(), "runId"));
            if (key == null) {
                key = e.traceId();
            }
            if (start) {
                if (key == null) {
                    started++;
                } else if (!open.containsKey(key) && !ended.contains(key)) {
                    open.put(key, e.timestamp());
                    started++;
                }
                return;
            }
            Long startedAt = key == null ? null : open.remove(key);
            if (startedAt == null) {
                return;
            }
            ended.add(key);
            if (name.equals(RUN_FAILED) || "failed".equals(ConventionFields.get(e.properties(), "status"))) {
                failed++;
            } else {
                succeeded++;
            }
            Long ms = ConventionFields.whole(ConventionFields.get(e.properties(), "durationMs"));
            durations.add(ms != null ? ms : e.timestamp() - startedAt);
        }

        AgentPerformance.Runs result() {
            return new AgentPerformance.Runs(started, succeeded, failed, started - succeeded - failed);
        }
    }

    /** Average (half up), lower median, nearest-rank 95th percentile and maximum. */
    static AgentPerformance.Durations durations(List<Long> values) {
        if (values.isEmpty()) {
            return new AgentPerformance.Durations(0, null, null, null, null);
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        BigDecimal sum = BigDecimal.ZERO;
        for (long v : sorted) {
            sum = sum.add(BigDecimal.valueOf(v));
        }
        long average = sum.divide(BigDecimal.valueOf(n), 0, RoundingMode.HALF_UP).longValueExact();
        int p95 = (int) ((95L * n + 99) / 100) - 1;
        return new AgentPerformance.Durations(n, average, sorted.get((n - 1) / 2), sorted.get(p95), sorted.get(n - 1));
    }

    /** Cost and tokens summed over the agent's events; a part stays null until an event carries it. */
    private static final class Spend {
        BigDecimal cost;
        Long input;
        Long output;
        Long total;

        void add(Map<String, Object> p) {
            BigDecimal c = ConventionFields.decimal(ConventionFields.get(p, "costUsd"));
            if (c != null) {
                cost = cost == null ? c : cost.add(c);
            }
            Long in = ConventionFields.whole(ConventionFields.get(p, "inputTokens"));
            Long out = ConventionFields.whole(ConventionFields.get(p, "outputTokens"));
            Long tokens = ConventionFields.whole(ConventionFields.get(p, "tokens"));
            input = plus(input, in);
            output = plus(output, out);
            if (tokens == null && (in != null || out != null)) {
                tokens = (in == null ? 0 : in) + (out == null ? 0 : out);
            }
            total = plus(total, tokens);
        }

        private static Long plus(Long sum, Long value) {
            if (value == null) {
                return sum;
            }
            return sum == null ? value : Long.valueOf(sum + value);
        }

        AgentPerformance.Spend result() {
            return cost == null && input == null && output == null && total == null ? null
                    : new AgentPerformance.Spend(cost, input, output, total);
        }
    }

    /**
     * The DecisionObjects named by the agent's events, and those it proposed (created in the period
     * and business asked for), by their state now: an open decision whose expiry has come counts as
     * expired even before a transition records it.
     */
    private AgentPerformance.Decisions decisions(String ws, AgentPerformance.Query q, Set<String> named, long now) {
        Map<String, String> states = db.read(c -> {
            Map<String, String> found = new TreeMap<>();
            StringBuilder sql = new StringBuilder("SELECT id, state, expires_at FROM gov_decision"
                    + " WHERE workspace_id = ? AND proposer = ?");
            List<Object> args = new ArrayList<>(List.of(ws, q.agentId()));
            if (q.businessId() != null) {
                sql.append(" AND business_id = ?");
                args.add(q.businessId());
            }
            if (q.from() != null) {
                sql.append(" AND created_at >= ?");
                args.add(q.from());
            }
            if (q.to() != null) {
                sql.append(" AND created_at <= ?");
                args.add(q.to());
            }
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getString(1), stateNow(rs.getString(2), rs.getLong(3), now));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT state, expires_at FROM gov_decision"
                    + " WHERE workspace_id = ? AND id = ?")) {
                ps.setString(1, ws);
                for (String id : named) {
                    if (found.containsKey(id) || id.length() > 64) {
                        continue;
                    }
                    ps.setString(2, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            found.put(id, stateNow(rs.getString(1), rs.getLong(2), now));
                        }
                    }
                }
            }
            return found;
        });
        long approved = 0;
        long denied = 0;
        long pending = 0;
        for (String state : states.values()) {
            switch (state) {
                case "approved", "released" -> approved++;
                case "denied" -> denied++;
                case "draft", "pending_approval", "escrowed" -> pending++;
                default -> { }
            }
        }
        return new AgentPerformance.Decisions(states.size(), approved, denied, pending);
    }

    private static String stateNow(String state, long expiresAt, long now) {
        Governance.State s = Checks.Wire.parse(Governance.State.class, state);
        return s.open() && now >= expiresAt ? "expired" : state;
    }
}
