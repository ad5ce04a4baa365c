package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.api.Proof;
import com.headlessanalytics.console.engine.analytics.ActorIndex;
import com.headlessanalytics.console.engine.analytics.Cancel;
import com.headlessanalytics.console.engine.analytics.Columns;
import com.headlessanalytics.console.engine.analytics.FunnelKernel;
import com.headlessanalytics.console.engine.analytics.FunnelSummary;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/funnels/query} and {@code /api/funnels/actors}: every actor's attempt from the
 * in-memory projection ({@code FunnelKernel}); step filters and path breakdowns read envelopes from H2.
 */
final class EngineFunnels {
    private final EngineAnalytics analytics;

    EngineFunnels(EngineAnalytics analytics) {
        this.analytics = analytics;
    }

    /** Outcomes of every actor who entered the funnel, with the breakdown value of each when asked. */
    record FunnelRun(FunnelKernel.Outcomes outcomes, String[] breakdown, Columns columns) {
    }

    FunnelRun runFunnel(String ws, String business, Funnels.Query q) {
        Columns c = analytics.columns(ws);
        ActorIndex actors = analytics.actors(ws, c);
        int b = c.businesses.id(business);
        List<Funnels.Step> steps = q.steps();
        long from = q.from() == null ? Long.MIN_VALUE : q.from();
        long to = q.to() == null ? Long.MAX_VALUE : q.to();
        long window = q.effectiveWindowMs();
        int[] names = new int[steps.size()];
        FunnelKernel.RowFilter[] filters = new FunnelKernel.RowFilter[steps.size()];
        for (int k = 0; k < steps.size(); k++) {
            Funnels.Step s = steps.get(k);
            names[k] = EngineAnalytics.nameOrNone(c, s.event());
            if (s.filter() != null && !s.filter().isEmpty() && names[k] >= 0) {
                Set<Long> passing = passingSeqs(ws, business, s, from, saturatedAdd(to, window));
                filters[k] = row -> passing.contains(c.seq(row));
            }
        }
        FunnelKernel kernel = new FunnelKernel(c, actors, b, names, filters, from, to, window, q.effectiveMode());
        FunnelKernel.Outcomes outcomes = kernel.run(Cancel.THREAD);
        String[] breakdown = q.breakdown() == null ? null : breakdownValues(ws, c, outcomes, q.breakdown());
        return new FunnelRun(outcomes, breakdown, c);
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    Funnels.Result funnel(String ws, String business, Funnels.Query q, Proof proof) {
        FunnelRun run = runFunnel(ws, business, q);
        List<Funnels.StepResult> steps = FunnelSummary.steps(q.steps(), run.outcomes(), null);
        List<Funnels.Breakdown> breakdown = null;
        if (run.breakdown() != null) {
            Map<String, IntList> groups = new HashMap<>();
            for (int i = 0; i < run.outcomes().size(); i++) {
                groups.computeIfAbsent(run.breakdown()[i], k -> new IntList()).add(i);
            }
            List<String> keys = new ArrayList<>(groups.keySet());
            keys.sort((x, y) -> {
                int bySize = Integer.compare(groups.get(y).size, groups.get(x).size);
                return bySize != 0 ? bySize : x.compareTo(y);
            });
            breakdown = new ArrayList<>();
            IntList other = new IntList();
            for (int i = 0; i < keys.size(); i++) {
                IntList members = groups.get(keys.get(i));
                if (i < Funnels.MAX_BREAKDOWN_VALUES) {
                    breakdown.add(new Funnels.Breakdown(keys.get(i), FunnelSummary.steps(q.steps(), run.outcomes(),
                            members.toArray())));
                } else {
                    for (int j = 0; j < members.size; j++) {
                        other.add(members.values[j]);
                    }
                }
            }
            if (other.size > 0) {
                breakdown.add(new Funnels.Breakdown(Funnels.OTHER, FunnelSummary.steps(q.steps(), run.outcomes(),
                        other.toArray())));
            }
        }
        return new Funnels.Result(steps, q.effectiveMode().name().toLowerCase(), q.effectiveWindowMs(),
                q.breakdown(), breakdown, proof);
    }

    Funnels.Actors funnelActors(String ws, String business, Funnels.ActorsQuery q, Proof proof) {
        FunnelRun run = runFunnel(ws, business, q.funnel());
        boolean dropped = q.effectiveOutcome() == Funnels.Outcome.DROPPED;
        Set<String> listed = run.breakdown() == null ? Set.of() : listedValues(run.breakdown());
        List<Funnels.Actor> matching = new ArrayList<>();
        FunnelKernel.Outcomes o = run.outcomes();
        for (int i = 0; i < o.size(); i++) {
            boolean hit = dropped ? o.level(i) == q.step() - 1 : o.level(i) >= q.step();
            if (!hit || (q.breakdownValue() != null && (run.breakdown() == null
                    || !inBreakdown(run.breakdown()[i], q.breakdownValue(), listed)))) {
                continue;
            }
            matching.add(new Funnels.Actor(run.columns().actors.value(o.actor(i)), o.level(i), o.enteredAt(i),
                    o.lastStepAt(i)));
        }
        matching.sort((x, y) -> x.actor().compareTo(y.actor()));
        int offset = q.cursor() == null ? 0 : (int) Math.min(Integer.MAX_VALUE, Long.parseLong(q.cursor()));
        int end = (int) Math.min(matching.size(), (long) offset + q.effectiveLimit());
        List<Funnels.Actor> page = offset >= matching.size() ? List.of() : matching.subList(offset, end);
        String next = end < matching.size() ? Integer.toString(end) : null;
        return new Funnels.Actors(List.copyOf(page), matching.size(), next, proof);
    }

    /** "(other)" holds every value beyond the listed ones, as the funnel answer groups them. */
    private static boolean inBreakdown(String actual, String wanted, Set<String> listed) {
        return Funnels.OTHER.equals(wanted) ? !listed.contains(actual) : wanted.equals(actual);
    }

    /** The breakdown values the funnel answer lists by name: the largest, ties by value. */
    private static Set<String> listedValues(String[] values) {
        Map<String, Integer> sizes = new HashMap<>();
        for (String v : values) {
            sizes.merge(v, 1, Integer::sum);
        }
        List<String> keys = new ArrayList<>(sizes.keySet());
        keys.sort((x, y) -> {
            int bySize = Integer.compare(sizes.get(y), sizes.get(x));
            return bySize != 0 ? bySize : x.compareTo(y);
        });
        return new HashSet<>(keys.subList(0, Math.min(keys.size(), Funnels.MAX_BREAKDOWN_VALUES)));
    }

    /** The breakdown value of each outcome: a touchpoint field, or an envelope path of its step-1 event. */
    private String[] breakdownValues(String ws, Columns c, FunnelKernel.Outcomes outcomes, String by) {
        String[] values = new String[outcomes.size()];
        int field = switch (by) {
            case "source" -> 0;
            case "channel" -> 1;
            case "campaign" -> 2;
            case "medium" -> 3;
            default -> -1;
        };
        if (field >= 0) {
            for (int i = 0; i < values.length; i++) {
                int v = c.touch(outcomes.firstRow(i), field);
                values[i] = v < 0 ? Funnels.NONE : c.touchValues.value(v);
            }
            return values;
        }
        analytics.database().read(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT envelope FROM event WHERE seq = ?")) {
                for (int i = 0; i < values.length; i++) {
                    if ((i & 0x3FF) == 0) {
                        Cancel.THREAD.check();
                    }
                    ps.setLong(1, c.seq(outcomes.firstRow(i)));
                    try (ResultSet rs = ps.executeQuery()) {
                        Object v = rs.next() ? EnvelopePaths.at(EnvelopePaths.parse(rs.getString(1)), by) : null;
                        values[i] = scalarText(v);
                    }
                }
            }
            return null;
        });
        return values;
    }

    private static String scalarText(Object v) {
        if (v instanceof String s) {
            return s.isEmpty() ? Funnels.NONE : s;
        }
        if (v instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        return v instanceof Number || v instanceof Boolean ? v.toString() : Funnels.NONE;
    }

    /** The storage sequences of the step's events (in the business and time range) that pass its filter. */
    private Set<Long> passingSeqs(String ws, String business, Funnels.Step step, long from, long to) {
        return analytics.database().read(c -> {
            Set<Long> out = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, envelope FROM event WHERE workspace_id = ?"
                    + " AND event = ? AND ts >= ? AND ts <= ? AND business_id = ?")) {
                ps.setString(1, ws);
                ps.setString(2, step.event());
                ps.setLong(3, from);
                ps.setLong(4, to);
                ps.setString(5, business);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (EnvelopePaths.matches(EnvelopePaths.parse(rs.getString(2)), step.filter())) {
                            out.add(rs.getLong(1));
                        }
                    }
                }
            }
            return out;
        });
    }

    /** A growable list of ints. */
    private static final class IntList {
        int[] values = new int[16];
        int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
