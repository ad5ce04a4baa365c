package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.api.AgentContext;
import com.headlessanalytics.console.api.BusinessHealth;
import com.headlessanalytics.console.api.NextAction;
import com.headlessanalytics.console.api.Period;
import com.headlessanalytics.console.api.Proof;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.HealthBand;
import com.headlessanalytics.console.domain.Revenue;
import com.headlessanalytics.console.engine.analytics.Cancel;
import com.headlessanalytics.console.engine.analytics.Columns;
import com.headlessanalytics.console.engine.analytics.HealthKernel;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Business health and agent context (docs/analytics.md): a health score from five explained
 * components, alerts, next actions, what changed, anomalies and missing proof, as JSON and text.
 */
final class EngineInsights {
    static final long HOUR = 3_600_000L;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Database db;
    private final EngineAnalytics analytics;
    private final EventStore store;

    EngineInsights(Database db, EngineAnalytics analytics, EventStore store) {
        this.db = db;
        this.analytics = analytics;
        this.store = store;
    }

    /** The period of a health or context query: [from, to], default the 7 days ending now. */
    static Period period(Long from, Long to, long now) {
        long end = to != null ? to : now;
        long start = from != null ? from : end - BusinessHealth.DEFAULT_PERIOD_MS + 1;
        return new Period(start, end);
    }

    static Period previous(Period p) {
        long len = p.to() - p.from() + 1;
        return new Period(p.from() - len, p.from() - 1);
    }

    /** Whether the business has a record (it gets one with its first event). */
    boolean businessExists(String ws, String business) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM business WHERE workspace_id = ? AND id = ?")) {
                ps.setString(1, ws);
                ps.setString(2, business);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /**
     * Everything health and agent context are computed from; {@code score} is null when no
     * component had anything to measure.
     */
    record Assessment(Period period, HealthKernel.Facts facts, Columns columns, List<BusinessHealth.Component> components,
                      Integer score, List<BusinessHealth.Alert> alerts, List<NextAction> nextActions,
                      Set<Long> receipted) {
    }

    Assessment assess(String ws, String business, Period period) {
        Columns c = analytics.columns(ws);
        int b = c.businesses.id(business);
        HealthKernel.Facts f = HealthKernel.scan(c, c.size(), b, period.from(), period.to(), Cancel.THREAD);
        Set<Long> receipted = f.authorityBound() > f.authorityBoundWithProof() ? receipted(ws, business, period)
                : Set.of();
        if (!receipted.isEmpty()) {
            f = new HealthKernel.Facts(f.current(), f.previous(), f.total(), f.previousTotal(), f.uniqueActors(),
                    f.orders(), f.leads(), f.scans(), f.revenueMicros(), f.previousRevenueMicros(), f.authorityBound(),
                    f.authorityBoundWithProof() + receipted.size(), f.sourceCounts(), f.lastEventAt(), f.anomalies());
        }
        List<BusinessHealth.Component> components = components(f, period);
        List<BusinessHealth.Alert> alerts = new ArrayList<>();
        List<NextAction> actions = new ArrayList<>();
        judge(c, f, period, alerts, actions);
        return new Assessment(period, f, c, components, score(components), alerts, actions, receipted);
    }

    /**
     * The storage seqs of the period's authority-bound events (T3/T4 or with a decisionId, not
     * governance's own) without a proofId that an enforcement receipt covers: a receipt names their
     * decision, or their trace. Read only when the workspace has receipts.
     */
    private Set<Long> receipted(String ws, String business, Period p) {
        return db.read(conn -> {
            try (PreparedStatement any = conn.prepareStatement("SELECT 1 FROM gov_record WHERE workspace_id = ?"
                    + " AND kind = 'receipt' LIMIT 1")) {
                any.setString(1, ws);
                try (ResultSet rs = any.executeQuery()) {
                    if (!rs.next()) {
                        return Set.of();
                    }
                }
            }
            Set<Long> out = new HashSet<>();
            Map<String, Boolean> known = new HashMap<>();
            try (PreparedStatement events = conn.prepareStatement("SELECT seq, trace_id, flags, envelope FROM event"
                    + " WHERE workspace_id = ? AND business_id = ? AND ts BETWEEN ? AND ? AND BITAND(flags, 4) = 0"
                    + " AND (trust_tier IN ('T3', 'T4') OR BITAND(flags, 2) <> 0) AND event NOT LIKE 'governance.%'");
                 PreparedStatement byDecision = conn.prepareStatement("SELECT 1 FROM gov_record WHERE workspace_id = ?"
                    + " AND decision_id = ? AND kind = 'receipt' LIMIT 1");
                 PreparedStatement byTrace = conn.prepareStatement("SELECT 1 FROM gov_record WHERE workspace_id = ?"
                    + " AND trace_id = ? AND kind = 'receipt' LIMIT 1")) {
                events.setString(1, ws);
                events.setString(2, business);
                events.setLong(3, p.from());
                events.setLong(4, p.to());
                byDecision.setString(1, ws);
                byTrace.setString(1, ws);
                try (ResultSet rs = events.executeQuery()) {
                    while (rs.next()) {
                        String trace = rs.getString(2);
                        boolean covered = trace != null && trace.length() <= 128
                                && known.computeIfAbsent("t:" + trace, k -> exists(byTrace, trace));
                        if (!covered && (rs.getInt(3) & Columns.DECISION) != 0) {
                            String decision = EventStore.fromJson(rs.getString(4)).decisionId();
                            covered = decision != null && decision.length() <= 64
                                    && known.computeIfAbsent("d:" + decision, k -> exists(byDecision, decision));
                        }
                        if (covered) {
                            out.add(rs.getLong(1));
                        }
                    }
                }
            }
            return out;
        });
    }

    private static boolean exists(PreparedStatement ps, String key) {
        try {
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (java.sql.SQLException e) {
            throw new EngineException("Database read failed: " + e.getMessage(), e);
        }
    }

    /** Open decisions of the business awaiting a person: pending_approval or escrowed, not yet expired. */
    private long pendingApprovals(String ws, String business, long now) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM gov_decision WHERE workspace_id = ?"
                    + " AND business_id = ? AND state IN ('pending_approval', 'escrowed') AND expires_at > ?")) {
                ps.setString(1, ws);
                ps.setString(2, business);
                ps.setLong(3, now);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Whether governance is set up: the workspace has a contract or a decision. */
    private boolean governanceSetUp(String ws) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM gov_contract WHERE"
                    + " workspace_id = ?) OR EXISTS (SELECT 1 FROM gov_decision WHERE workspace_id = ?)")) {
                ps.setString(1, ws);
                ps.setString(2, ws);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        });
    }

    /**
     * The health score: the weighted mean of the components that have data, Σ weight × score ÷
     * Σ weight, rounded half up; null when none has. With every component scored this is
     * Σ weight × score / 100, the weights adding up to 100.
     */
    static Integer score(List<BusinessHealth.Component> components) {
        long weights = 0;
        long sum = 0;
        for (BusinessHealth.Component x : components) {
            if (x.hasData()) {
                weights += x.weight();
                sum += (long) x.weight() * x.score();
            }
        }
        return weights == 0 ? null : (int) Math.round((double) sum / weights);
    }

    static final int WEIGHT = 20;

    private static List<BusinessHealth.Component> components(HealthKernel.Facts f, Period p) {
        List<BusinessHealth.Component> out = new ArrayList<>();
        if (f.lastEventAt() < 0) {
            out.add(BusinessHealth.Component.noData("freshness", WEIGHT, "no events yet",
                    "no data: no event up to the period's end; 100 when the newest is under 1 h old, falling to 0"
                            + " at 72 h"));
        } else {
            long age = Math.max(0, p.to() - f.lastEventAt());
            int s = age < HOUR ? 100 : age >= 72 * HOUR ? 0 : (int) Math.round(100.0 * (72 * HOUR - age) / (71 * HOUR));
            out.add(new BusinessHealth.Component("freshness", WEIGHT, s, "newest event " + duration(age) + " before the"
                    + " period's end", "100 under 1 h, falling linearly to 0 at 72 h"));
        }
        out.add(trend("activity trend", f.total(), f.previousTotal(), f.total() + " events vs " + f.previousTotal()
                + " in the previous period", "no events in the previous period to compare with"));
        out.add(trend("revenue trend", f.revenueMicros(), f.previousRevenueMicros(),
                money(f.revenueMicros()) + " vs " + money(f.previousRevenueMicros()) + " in the previous period",
                f.revenueMicros() == 0 && f.previousRevenueMicros() == 0 ? "no revenue in either period"
                        : "no revenue in the previous period to compare with"));
        String covered = f.authorityBoundWithProof() + " of " + f.authorityBound()
                + " T3/T4 or decision events carry a proofId or have a receipt";
        if (f.authorityBound() == 0) {
            out.add(BusinessHealth.Component.noData("proof coverage", WEIGHT, covered,
                    "no data: no T3/T4 or decision events in the period, so nothing needs proof"));
        } else {
            out.add(new BusinessHealth.Component("proof coverage", WEIGHT,
                    (int) Math.round(100.0 * f.authorityBoundWithProof() / f.authorityBound()), covered,
                    "the share with proof × 100"));
        }
        int anomalies = f.anomalies().size();
        String counts = p.to() - p.from() + 1 <= 7 * 24 * HOUR ? "hourly" : "daily";
        if (f.total() == 0) {
            out.add(BusinessHealth.Component.noData("stability", WEIGHT, "no events in the period",
                    "no data: no events in the period to look for anomalies in"));
        } else if (!HealthKernel.searchesAnomalies(p.from(), p.to())) {
            out.add(BusinessHealth.Component.noData("stability", WEIGHT, "period under 10 " + counts + " counts",
                    "no data: anomalies are looked for in 10 or more " + counts + " counts"));
        } else {
            out.add(new BusinessHealth.Component("stability", WEIGHT, Math.max(0, 100 - 25 * anomalies), anomalies
                    + " anomalous " + counts + " counts", "100 − 25 per anomaly (modified z-score ≥ 3.5), at least 0"));
        }
        return out;
    }

    /** The period ÷ the previous one × 100, capped at 100; no data when the previous one is not positive. */
    private static BusinessHealth.Component trend(String name, long current, long previous, String value,
                                                  String noData) {
        if (previous <= 0) {
            return BusinessHealth.Component.noData(name, WEIGHT, value, "no data: " + noData);
        }
        int s = (int) Math.round(Math.min(100.0, Math.max(0, 100.0 * current / previous)));
        return new BusinessHealth.Component(name, WEIGHT, s, value, "the period ÷ the previous one × 100, capped at 100");
    }

    /** Alerts and next actions that follow from the facts, most urgent first. */
    private static void judge(Columns c, HealthKernel.Facts f, Period p, List<BusinessHealth.Alert> alerts,
                              List<NextAction> actions) {
        if (f.lastEventAt() < 0) {
            alerts.add(new BusinessHealth.Alert("critical", "no_events", "No events have been recorded for this"
                    + " business.", null));
            actions.add(new NextAction("connect_source", "Connect a source", "Nothing has been recorded yet: send"
                    + " events from a site, app, scanner or connector.", "high", false, null));
            return;
        }
        long age = p.to() - f.lastEventAt();
        if (age > 24 * HOUR) {
            alerts.add(new BusinessHealth.Alert(age > 72 * HOUR ? "critical" : "warning", "stale_data",
                    "No events for " + duration(age) + ".", f.lastEventAt()));
            actions.add(new NextAction("check_pipeline", "Check the pipeline feeding this business",
                    "The newest event is " + duration(age) + " old.", "high", false, null));
        }
        if (f.previousTotal() > 0 && f.total() < 0.8 * f.previousTotal()) {
            alerts.add(new BusinessHealth.Alert("warning", "activity_drop", String.format(Locale.ROOT,
                    "Events fell %.0f%% against the previous period (%d vs %d).",
                    100.0 * (f.previousTotal() - f.total()) / f.previousTotal(), f.total(), f.previousTotal()), null));
            actions.add(new NextAction("investigate_drop", "Investigate the fall in activity",
                    "Find the sources and events that fell; see what_changed.", "medium", false, null));
        }
        String topSource = top(c, f.sourceCounts());
        if (f.previousRevenueMicros() > 0 && f.revenueMicros() < 0.8 * f.previousRevenueMicros()) {
            alerts.add(new BusinessHealth.Alert("warning", "revenue_drop", "Revenue fell from "
                    + money(f.previousRevenueMicros()) + " to " + money(f.revenueMicros()) + ".", null));
            if (topSource != null) {
                actions.add(new NextAction("reallocate_budget", "Shift budget toward " + topSource,
                        "Revenue fell; " + topSource + " brings the most touchpoints this period.", "high", true,
                        new NextAction.RequiredDecision("budget.reallocate", "ads", "approved", "T3")));
            }
        } else if (f.revenueMicros() > f.previousRevenueMicros() && f.previousRevenueMicros() > 0
                && topSource != null) {
            actions.add(new NextAction("scale_source", "Scale spend on " + topSource, "Revenue grew to "
                    + money(f.revenueMicros()) + "; " + topSource + " brings the most touchpoints this period.",
                    "medium", true, new NextAction.RequiredDecision("campaign.scale", "ads", "approved", "T3")));
        }
        long missing = f.authorityBound() - f.authorityBoundWithProof();
        if (missing > 0) {
            alerts.add(new BusinessHealth.Alert("warning", "missing_proof", missing + " authority-bound or decision"
                    + " events have no proof attached.", null));
            actions.add(new NextAction("attach_proof", "Export a proof trail for the events without proof",
                    missing + " T3/T4 or decision events have neither a proofId nor a receipt; see missing_proof.",
                    "medium", false,
                    null));
        }
        int shown = 0;
        for (AgentContext.Anomaly a : f.anomalies()) {
            if (shown++ == 5) {
                break;
            }
            String what = (a.direction().equals("up") ? "Spike" : "Dip") + " in " + a.event() + ": " + a.count()
                    + " in the " + a.interval() + " from " + TIME.format(Instant.ofEpochMilli(a.bucketStart()))
                    + String.format(Locale.ROOT, " (median %.1f, score %.1f)", a.median(), a.score());
            alerts.add(new BusinessHealth.Alert(Math.abs(a.score()) >= 7 ? "warning" : "info", "anomaly", what + ".",
                    a.bucketStart()));
            actions.add(new NextAction("look_into_" + a.event() + "_" + a.bucketStart(), "Look into the "
                    + (a.direction().equals("up") ? "spike" : "dip") + " in " + a.event(), what + ".", "low", false,
                    null));
        }
    }

    private static String top(Columns c, long[] counts) {
        int best = -1;
        for (int v = 0; v < counts.length; v++) {
            if (counts[v] > 0 && (best < 0 || counts[v] > counts[best]
                    || (counts[v] == counts[best] && c.touchValues.value(v).compareTo(c.touchValues.value(best)) < 0))) {
                best = v;
            }
        }
        return best < 0 ? null : c.touchValues.value(best);
    }

    // ---- answers ------------------------------------------------------------------------------

    BusinessHealth health(String ws, String business, BusinessHealth.Query q, long now, Proof proof) {
        Period p = period(q.from(), q.to(), now);
        Assessment a = assess(ws, business, p);
        HealthKernel.Facts f = a.facts();
        int limit = q.limit() == null ? BusinessHealth.DEFAULT_LIMIT : q.limit();
        List<Event> recent = store.query(ws, EngineAnalytics.recent(business, p.to(), limit)).events();
        boolean governance = governanceSetUp(ws);
        long pending = governance ? pendingApprovals(ws, business, now) : 0;
        return new BusinessHealth(business, a.score(), a.components(), Revenue.fromMicros(f.revenueMicros(), 2),
                f.scans(), f.leads(), f.orders(), pending, f.total(), f.lastEventAt() < 0 ? null : f.lastEventAt(), recent,
                topNames(a.columns(), f.current(), 20), EngineAnalytics.countMap(a.columns(), f.sourceCounts()),
                workflows(a.columns(), f.current()), a.alerts(), a.nextActions(), proof,
                governance ? BusinessHealth.GOVERNANCE_ACTIVE : BusinessHealth.GOVERNANCE_NOT_SET_UP);
    }

    private static Map<String, Long> topNames(Columns c, long[] counts, int limit) {
        return EngineAnalytics.largest(c.names, counts, limit);
    }

    private static List<BusinessHealth.Workflow> workflows(Columns c, long[] counts) {
        Map<String, long[]> byFamily = new java.util.TreeMap<>();
        String[] suffixes = {".run_started", ".run_completed", ".run_failed"};
        for (int i = 0; i < counts.length; i++) {
            String name = c.names.value(i);
            for (int s = 0; s < 3; s++) {
                if (counts[i] > 0 && name.endsWith(suffixes[s])) {
                    byFamily.computeIfAbsent(name.substring(0, name.length() - suffixes[s].length()),
                            k -> new long[3])[s] += counts[i];
                }
            }
        }
        List<BusinessHealth.Workflow> out = new ArrayList<>();
        byFamily.forEach((k, v) -> out.add(new BusinessHealth.Workflow(k, v[0], v[1], v[2])));
        return out;
    }

    AgentContext.Result context(String ws, String business, AgentContext.Query q, long now, Proof proof) {
        Period p = period(q.from(), q.to(), now);
        Period prev = previous(p);
        Assessment a = assess(ws, business, p);
        HealthKernel.Facts f = a.facts();
        int limit = q.effectiveLimit();
        AgentContext.Mode mode = q.effectiveMode();
        StringBuilder text = new StringBuilder();
        text.append("Business ").append(business).append(", ").append(TIME.format(Instant.ofEpochMilli(p.from())))
                .append(" to ").append(TIME.format(Instant.ofEpochMilli(p.to()))).append(".\n");
        Map<String, Object> summary = null;
        List<AgentContext.Change> changes = null;
        List<AgentContext.Anomaly> anomalies = null;
        List<AgentContext.MissingProof> missing = null;
        List<NextAction> actions = null;
        switch (mode) {
            case SUMMARY -> {
                summary = new LinkedHashMap<>();
                summary.put("totalEvents", f.total());
                summary.put("previousTotalEvents", f.previousTotal());
                summary.put("uniqueActors", f.uniqueActors());
                summary.put("revenue", Revenue.fromMicros(f.revenueMicros(), 2).toPlainString());
                summary.put("orders", f.orders());
                summary.put("leads", f.leads());
                summary.put("scans", f.scans());
                summary.put("healthScore", a.score());
                Map<String, Long> top = topNames(a.columns(), f.current(), limit);
                summary.put("topEvents", top);
                summary.put("alerts", a.alerts().size());
                text.append(String.format(Locale.ROOT, "%d events (previous period: %d) from %d actors; revenue %s;"
                        + " %d orders, %d leads, %d scans. %s%n", f.total(), f.previousTotal(),
                        f.uniqueActors(), Revenue.fromMicros(f.revenueMicros(), 2).toPlainString(), f.orders(),
                        f.leads(), f.scans(), scoreSentence(a.score())));
                if (!top.isEmpty()) {
                    text.append("Most frequent events: ");
                    List<String> parts = new ArrayList<>();
                    top.forEach((k, v) -> parts.add(k + " (" + v + ")"));
                    text.append(String.join(", ", parts)).append(".\n");
                }
                for (BusinessHealth.Alert alert : a.alerts()) {
                    text.append("Alert (").append(alert.severity()).append("): ").append(alert.message()).append('\n');
                }
            }
            case WHAT_CHANGED -> {
                changes = changes(a.columns(), f, limit);
                if (changes.isEmpty()) {
                    text.append("No events in either period.\n");
                }
                for (AgentContext.Change ch : changes) {
                    text.append(String.format(Locale.ROOT, "%s: %d, previously %d%s; z = %.2f, %s.%n", ch.event(),
                            ch.current(), ch.previous(), ch.changePct() == null ? ""
                                    : String.format(Locale.ROOT, " (%+.1f%%)", ch.changePct()), ch.zScore(),
                            ch.significant() ? "significant" : "within normal variation"));
                }
            }
            case ANOMALIES -> {
                anomalies = f.anomalies().subList(0, Math.min(limit, f.anomalies().size()));
                if (anomalies.isEmpty()) {
                    text.append("No anomalies: no hourly or daily count of the most frequent events is far from its"
                            + " median.\n");
                }
                for (AgentContext.Anomaly an : anomalies) {
                    text.append(String.format(Locale.ROOT, "%s: %d in the %s from %s, median %.1f, MAD %.2f, score"
                                    + " %.2f (%s).%n", an.event(), an.count(), an.interval(),
                            TIME.format(Instant.ofEpochMilli(an.bucketStart())), an.median(), an.mad(), an.score(),
                            an.direction()));
                }
            }
            case MISSING_PROOF -> {
                missing = missingProof(ws, a.columns(), business, p, limit, a.receipted());
                long all = f.authorityBound() - f.authorityBoundWithProof();
                text.append(all == 0 ? "Every T3/T4 and decision event in the period carries a proofId or has a"
                        + " receipt.\n" : all + " T3/T4 or decision events in the period have neither a proofId nor a"
                        + " receipt"
                        + (all > missing.size() ? "; the newest " + missing.size() + " are listed" : "") + ".\n");
                for (AgentContext.MissingProof m : missing) {
                    text.append(m.event()).append(" ").append(m.eventId()).append(" at ")
                            .append(TIME.format(Instant.ofEpochMilli(m.timestamp()))).append(": ").append(m.reason())
                            .append(".\n");
                }
            }
            case RECOMMEND_NEXT_ACTIONS -> {
                actions = a.nextActions().subList(0, Math.min(limit, a.nextActions().size()));
                if (actions.isEmpty()) {
                    text.append("Nothing needs attention.\n");
                }
                for (NextAction na : actions) {
                    text.append("- ").append(na.title()).append(" (").append(na.priority()).append(" priority")
                            .append(na.consequential() ? ", consequential: needs an approved " + na.decision().action()
                                    + " decision, trust tier " + na.decision().minTrustTier() + " or higher" : "")
                            .append("). ").append(na.reason()).append('\n');
                }
            }
        }
        return new AgentContext.Result(mode.name().toLowerCase(), business, p, prev, summary, changes, anomalies,
                missing, actions, text.toString().strip(), proof);
    }

    /** Per event name, counts now and before, by |z| largest first. */
    static List<AgentContext.Change> changes(Columns c, HealthKernel.Facts f, int limit) {
        List<AgentContext.Change> out = new ArrayList<>();
        for (int i = 0; i < f.current().length; i++) {
            long cur = f.current()[i];
            long prev = f.previous()[i];
            if (cur == 0 && prev == 0) {
                continue;
            }
            double z = (cur - prev) / Math.sqrt(cur + prev);
            Double pct = prev == 0 ? null : Math.round(1000.0 * (cur - prev) / prev) / 10.0;
            out.add(new AgentContext.Change(c.names.value(i), cur, prev, pct, Math.round(z * 1000) / 1000.0,
                    Math.abs(z) >= 2));
        }
        out.sort((x, y) -> {
            int byZ = Double.compare(Math.abs(y.zScore()), Math.abs(x.zScore()));
            return byZ != 0 ? byZ : x.event().compareTo(y.event());
        });
        return out.subList(0, Math.min(limit, out.size()));
    }

    /** The newest events of the period that should carry proof and do not. */
    private List<AgentContext.MissingProof> missingProof(String ws, Columns c, String business, Period p, int limit,
                                                         Set<Long> receipted) {
        int b = c.businesses.id(business);
        List<long[]> found = new ArrayList<>();
        for (int r = c.size() - 1; r >= 0 && b >= 0; r--) {
            if (c.business(r) != b) {
                continue;
            }
            long t = c.ts(r);
            int flags = c.flags(r);
            if (t < p.from() || t > p.to() || (flags & Columns.PROOF) != 0
                    || (c.tier(r) < 4 && (flags & Columns.DECISION) == 0) || receipted.contains(c.seq(r))
                    || c.names.value(c.name(r)).startsWith(HealthKernel.GOVERNANCE_PREFIX)) {
                continue;
            }
            found.add(new long[] {t, c.seq(r)});
        }
        found.sort((x, y) -> x[0] != y[0] ? Long.compare(y[0], x[0]) : Long.compare(y[1], x[1]));
        List<long[]> newest = found.subList(0, Math.min(limit, found.size()));
        return db.read(conn -> {
            List<AgentContext.MissingProof> out = new ArrayList<>();
            try (PreparedStatement ps = conn.prepareStatement("SELECT envelope FROM event WHERE seq = ?")) {
                for (long[] row : newest) {
                    ps.setLong(1, row[1]);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            Event e = EventStore.fromJson(rs.getString(1));
                            String reason = e.decisionId() != null
                                    ? "tied to decision " + e.decisionId() + ", which has no receipt, without a proofId"
                                    : "trust tier " + e.trustTier() + " without a proofId or a receipt for its trace";
                            out.add(new AgentContext.MissingProof(e.id(), e.event(), e.timestamp(),
                                    e.trustTier() == null ? null : e.trustTier().name(), e.decisionId(), reason));
                        }
                    }
                }
            }
            return out;
        });
    }

    /** "Health score 72 of 100 (good)." or, without a score, "Health score: no data (nothing to measure)." */
    static String scoreSentence(Integer score) {
        return score == null ? "Health score: no data (nothing to measure)."
                : "Health score " + score + " of 100 (" + HealthBand.of(score).label() + ").";
    }

    static String money(long micros) {
        BigDecimal v = Revenue.fromMicros(micros, 2);
        return v.toPlainString();
    }

    static String duration(long ms) {
        long minutes = ms / 60_000;
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        return hours < 48 ? hours + " h" : hours / 24 + " days";
    }
}
