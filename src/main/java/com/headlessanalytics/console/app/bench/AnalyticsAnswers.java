package com.headlessanalytics.console.app.bench;

import com.headlessanalytics.console.api.Attribution;
import com.headlessanalytics.console.api.BusinessHealth;
import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.api.Metrics;
import com.headlessanalytics.console.domain.Event;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Answers as comparable text lines, one fact per line, so the engine's answer and the DuckDB
 * reference's can be compared exactly and a difference shown line by line. Both sides format
 * through the same methods here.
 */
final class AnalyticsAnswers {
    private AnalyticsAnswers() {
    }

    // ---- funnels

    static String funnelStep(int step, String event, long count, double fromStart, double fromPrevious, long dropOff,
                             Long medianMs) {
        return String.format(Locale.ROOT, "step %d %s: count %d, from start %.6f, from previous %.6f, drop-off %d,"
                + " median %s ms", step, event, count, fromStart, fromPrevious, dropOff, medianMs == null ? "-" : medianMs);
    }

    static List<String> funnel(Funnels.Result r) {
        List<String> lines = new ArrayList<>();
        for (Funnels.StepResult s : r.steps()) {
            lines.add(funnelStep(s.step(), s.event(), s.count(), s.conversionFromStart(), s.conversionFromPrevious(),
                    s.dropOff(), s.medianTimeToConvertMs()));
        }
        return lines;
    }

    /** The per-step lines from counts and medians, by the formulas of docs/analytics.md. */
    static List<String> funnel(List<String> events, long[] counts, Long[] medians) {
        List<String> lines = new ArrayList<>();
        for (int k = 0; k < counts.length; k++) {
            long c = counts[k];
            double fromStart = counts[0] == 0 ? 0 : (double) c / counts[0];
            double fromPrevious = k == 0 ? (counts[0] > 0 ? 1 : 0) : counts[k - 1] == 0 ? 0 : (double) c / counts[k - 1];
            long dropOff = k == 0 ? 0 : counts[k - 1] - c;
            Long median = k == 0 ? (c > 0 ? Long.valueOf(0) : null) : medians[k];
            lines.add(funnelStep(k + 1, events.get(k), c, fromStart, fromPrevious, dropOff, median));
        }
        return lines;
    }

    // ---- attribution

    static String touchpoints(String field, String key, long count) {
        return "by" + field + " " + key + ": " + count;
    }

    static String conversions(long conversions, BigDecimal revenue) {
        return "conversions " + conversions + ", revenue " + plain(revenue);
    }

    static String credit(String key, BigDecimal conversions, BigDecimal revenue) {
        return "credit " + key + ": " + conversions.setScale(4, RoundingMode.HALF_EVEN).toPlainString() + " conversions, "
                + revenue.setScale(2, RoundingMode.HALF_EVEN).toPlainString() + " revenue";
    }

    static List<String> attribution(Attribution.Result r) {
        List<String> lines = new ArrayList<>();
        touchpointLines(lines, "Source", r.bySource());
        touchpointLines(lines, "Campaign", r.byCampaign());
        touchpointLines(lines, "Channel", r.byChannel());
        touchpointLines(lines, "Medium", r.byMedium());
        if (r.credit() != null) {
            lines.add(conversions(r.conversions() == null ? 0 : r.conversions(), r.revenue()));
            for (Attribution.Credit c : r.credit()) {
                lines.add(credit(c.key(), c.conversions(), c.revenue()));
            }
        }
        return lines;
    }

    private static void touchpointLines(List<String> lines, String field, Map<String, Long> counts) {
        if (counts != null) {
            counts.forEach((k, n) -> lines.add(touchpoints(field, k, n)));
        }
    }

    // ---- metrics

    static String totals(long events, long uniqueActors, BigDecimal revenue) {
        return "events " + events + ", unique actors " + uniqueActors + ", revenue " + plain(revenue);
    }

    static String metric(String name, BigDecimal value) {
        return "metric " + name + ": " + plain(value);
    }

    static String bucket(String group, long start, long count) {
        return (group == null ? "series " : "group " + group + " series ") + start + ": " + count;
    }

    static String group(String key, long count, long uniqueActors) {
        return "group " + key + ": count " + count + ", unique actors " + uniqueActors;
    }

    static List<String> metrics(Metrics.Result r) {
        List<String> lines = new ArrayList<>();
        lines.add(totals(r.totalEvents(), r.uniqueActors(), r.revenue()));
        new TreeMap<>(r.metrics()).forEach((k, v) -> lines.add(metric(k, v)));
        r.series().forEach((b, n) -> lines.add(bucket(null, b, n)));
        if (r.groups() != null) {
            for (Metrics.Group g : r.groups()) {
                lines.add(group(g.key(), g.count(), g.uniqueActors()));
                g.series().forEach((b, n) -> lines.add(bucket(g.key(), b, n)));
            }
        }
        return lines;
    }

    // ---- business health

    static String healthFigures(BigDecimal revenue, long scans, long leads, long orders, long pendingApprovals,
                                long totalEvents, Long lastEventAt) {
        return "revenue " + plain(revenue) + ", scans " + scans + ", leads " + leads + ", orders " + orders
                + ", pending approvals " + pendingApprovals + ", events " + totalEvents + ", last event at "
                + (lastEventAt == null ? "-" : lastEventAt);
    }

    static String component(String name, Integer score) {
        return "component " + name + ": " + (score == null ? "no data" : score);
    }

    static String eventCount(String name, long count) {
        return "event " + name + ": " + count;
    }

    static String workflow(String name, long started, long completed, long failed) {
        return "workflow " + name + ": started " + started + ", completed " + completed + ", failed " + failed;
    }

    static String recent(String id) {
        return "recent " + id;
    }

    static List<String> health(BusinessHealth h) {
        List<String> lines = new ArrayList<>();
        lines.add("score " + (h.healthScore() == null ? "no data" : h.healthScore()));
        for (BusinessHealth.Component c : h.components()) {
            lines.add(component(c.name(), c.score()));
        }
        lines.add(healthFigures(h.revenue(), h.scans(), h.leads(), h.orders(), h.pendingApprovals(), h.totalEvents(),
                h.lastEventAt()));
        new TreeMap<>(h.metrics()).forEach((k, n) -> lines.add(eventCount(k, n)));
        touchpointLines(lines, "Source", h.bySource());
        h.workflows().stream().sorted(java.util.Comparator.comparing(BusinessHealth.Workflow::name))
                .forEach(w -> lines.add(workflow(w.name(), w.started(), w.completed(), w.failed())));
        for (Event e : h.recentEvents()) {
            lines.add(recent(e.id()));
        }
        return lines;
    }

    static String plain(BigDecimal value) {
        return value == null ? "-" : value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    /**
     * The differences between two answers, as at most {@code max} lines "engine: … / DuckDB: …";
     * empty when they agree. Credit lines agree when their rounded figures differ by at most one
     * unit of the last place: shares such as a third have no exact decimal, so whether a sum lands
     * just below or just above a rounding tie depends on the arithmetic (the engine adds doubles).
     */
    static List<String> differences(List<String> engine, List<String> reference, int max) {
        List<String> out = new ArrayList<>();
        int n = Math.max(engine.size(), reference.size());
        for (int i = 0; i < n && out.size() < max; i++) {
            String a = i < engine.size() ? engine.get(i) : "(nothing)";
            String b = i < reference.size() ? reference.get(i) : "(nothing)";
            if (!a.equals(b) && !creditsWithinRounding(a, b)) {
                out.add("line " + (i + 1) + ": engine: " + a + "  |  DuckDB: " + b);
            }
        }
        return out;
    }

    private static final java.util.regex.Pattern CREDIT = java.util.regex.Pattern.compile(
            "credit (.+): (-?[0-9]+\\.[0-9]{4}) conversions, (-?[0-9]+\\.[0-9]{2}) revenue");

    static boolean creditsWithinRounding(String a, String b) {
        java.util.regex.Matcher x = CREDIT.matcher(a);
        java.util.regex.Matcher y = CREDIT.matcher(b);
        if (!x.matches() || !y.matches() || !x.group(1).equals(y.group(1))) {
            return false;
        }
        BigDecimal conversions = new BigDecimal(x.group(2)).subtract(new BigDecimal(y.group(2))).abs();
        BigDecimal revenue = new BigDecimal(x.group(3)).subtract(new BigDecimal(y.group(3))).abs();
        return conversions.compareTo(new BigDecimal("0.0001")) <= 0 && revenue.compareTo(new BigDecimal("0.01")) <= 0;
    }
}
