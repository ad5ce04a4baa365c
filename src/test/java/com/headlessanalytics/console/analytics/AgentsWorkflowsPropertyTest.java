package com.headlessanalytics.console.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.AgentPerformance;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.WorkflowStatus;
import com.headlessanalytics.console.engine.Engine;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * agentPerformance and workflowStatus against {@link Naive}, a second, brute-force reading of
 * docs/api.md (Agent and workflow events) that shares no code with the engine, on random event
 * sets: timestamp ties, string, object and traceId-only actors, run ids and traceIds, repeated and
 * orphaned starts and ends, status "failed" and run_failed, durationMs as numbers, strings and
 * junk, costs as strings and numbers, tokens in every combination, numeric ids, events outside the
 * period and in another business, ingest order unlike time order. Each try writes to two businesses
 * of its own in one engine.
 */
class AgentsWorkflowsPropertyTest {
    static final long BASE = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
    static final int TICKS = 8;
    static final long QUANTUM = 60_000L;
    /** Agents per try; their ids carry the try's number, so queries over every business see only the try. */
    static final int AGENTS = 2;
    static final List<String> NAMES = List.of("agent.run_started", "agent.run_completed", "agent.run_failed",
            "tool.called", "workflow.run_started", "workflow.step_completed", "workflow.run_completed",
            "workflow.run_failed", "workflow.run_cancelled", "workflow.note");

    private static Path dir;
    private static Engine engine;
    private static HeadlessApi api;
    private static final AtomicInteger RUN = new AtomicInteger();

    @BeforeContainer
    static void openEngine() throws IOException {
        dir = Files.createTempDirectory("ha-agents-property");
        engine = Engine.open(dir);
        api = engine.defaultWorkspace();
    }

    @AfterContainer
    static void closeEngine() throws IOException {
        engine.close();
        AnalyticsPropertyTest.delete(dir);
    }

    enum ActorForm { STRING, OBJECT, TRACE_ONLY, NONE }

    /** One generated event; {@code props} holds only the properties that are set. */
    record Spec(String name, int tick, ActorForm form, int agent, String traceId, boolean otherBusiness,
                Map<String, Object> props) {
    }

    record Scenario(List<Spec> events, int batches) {
    }

    record Range(Integer fromTick, Integer toTick) {
        Long from() {
            return fromTick == null ? null : BASE + fromTick * QUANTUM;
        }

        Long to() {
            return toTick == null ? null : BASE + Math.max(toTick, fromTick == null ? toTick : fromTick) * QUANTUM;
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Object> runId = Arbitraries.of((Object) "r1", "r2", "r3", 4).injectNull(0.25);
        Arbitrary<Object> status = Arbitraries.of((Object) "failed", "ok", "FAILED").injectNull(0.5);
        Arbitrary<Object> duration = Arbitraries.of((Object) 1500, "2500", 1.5, -3, new BigDecimal("700.0"), "x")
                .injectNull(0.5);
        Arbitrary<Object> cost = Arbitraries.of((Object) "0.10", new BigDecimal("0.05"), 3, "1e-2", "n/a",
                new BigDecimal("0.000001")).injectNull(0.5);
        Arbitrary<Object> tokens = Arbitraries.of((Object) 100, "20", 7, -5, new BigDecimal("2.5")).injectNull(0.6);
        Arbitrary<Object> workflowId = Arbitraries.of((Object) "wf_a", "wf_b", 42).injectNull(0.15);
        Arbitrary<Object> step = Arbitraries.of((Object) "pick", "pack", 3).injectNull(0.5);
        Arbitrary<Object> error = Arbitraries.of((Object) "declined", 500, true).injectNull(0.4);
        Arbitrary<Map<String, Object>> props = Combinators.combine(List.of(runId, status, duration, cost, tokens,
                tokens, tokens, workflowId, step, error)).as(values -> {
                    String[] keys = {"runId", "status", "durationMs", "costUsd", "inputTokens", "outputTokens",
                        "tokens", "workflowId", "step", "error"};
                    Map<String, Object> m = new LinkedHashMap<>();
                    for (int i = 0; i < keys.length; i++) {
                        if (values.get(i) != null) {
                            m.put(keys[i], values.get(i));
                        }
                    }
                    return m;
                });
        Arbitrary<ActorForm> form = Arbitraries.frequency(Tuple.of(4, ActorForm.OBJECT), Tuple.of(3, ActorForm.STRING),
                Tuple.of(1, ActorForm.TRACE_ONLY), Tuple.of(1, ActorForm.NONE));
        Arbitrary<String> trace = Arbitraries.of("t1", "t2").injectNull(0.5);
        Arbitrary<Spec> spec = Combinators.combine(Arbitraries.of(NAMES), Arbitraries.integers().between(0, TICKS),
                form, Arbitraries.integers().between(0, 1), trace,
                Arbitraries.frequency(Tuple.of(6, false), Tuple.of(1, true)), props).as(Spec::new);
        return Combinators.combine(spec.list().ofMinSize(1).ofMaxSize(40), Arbitraries.integers().between(1, 3))
                .as(Scenario::new);
    }

    @Provide
    Arbitrary<Range> ranges() {
        Arbitrary<Integer> tick = Arbitraries.integers().between(-1, TICKS + 1).injectNull(0.4);
        return Combinators.combine(tick, tick).as(Range::new);
    }

    /** The try's events as stored: envelope, business and ingest position. */
    record Stored(String business, List<String> agents, List<Map<String, Object>> envelopes, String table) {
    }

    static Stored store(Scenario s) {
        int run = RUN.incrementAndGet();
        String business = "b" + run;
        List<String> agents = List.of("agent_0_" + run, "agent_1_" + run);
        List<Map<String, Object>> envelopes = new ArrayList<>();
        StringBuilder table = new StringBuilder();
        for (int i = 0; i < s.events().size(); i++) {
            Spec e = s.events().get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", "e" + run + "-" + i);
            m.put("event", e.name());
            m.put("timestamp", BASE + e.tick() * QUANTUM);
            m.put("businessId", e.otherBusiness() ? business + "x" : business);
            String agent = agents.get(e.agent());
            switch (e.form()) {
                case STRING -> m.put("actor", agent);
                case OBJECT -> m.put("actor", Map.of("type", "ai_agent", "id", agent));
                case TRACE_ONLY -> m.put("traceId", agent);
                case NONE -> { }
            }
            if (e.traceId() != null && e.form() != ActorForm.TRACE_ONLY) {
                m.put("traceId", e.traceId());
            }
            if (!e.props().isEmpty()) {
                m.put("properties", e.props());
            }
            envelopes.add(m);
            table.append(i).append(": ").append(m).append('\n');
        }
        int size = (envelopes.size() + s.batches() - 1) / s.batches();
        for (int i = 0; i < envelopes.size(); i += size) {
            api.ingest(envelopes.subList(i, Math.min(envelopes.size(), i + size)));
        }
        return new Stored(business, agents, envelopes, table.toString());
    }

    @Property(tries = 200)
    void agentPerformanceAgrees(@ForAll("scenarios") Scenario s, @ForAll("ranges") Range r) {
        Stored st = store(s);
        for (String agent : st.agents()) {
            for (String business : new String[] {st.business(), null}) {
                AgentPerformance.Query q = new AgentPerformance.Query(agent, business, r.from(), r.to());
                AgentPerformance.Result actual = api.agentPerformance(q);
                AgentPerformance.Result expected = Naive.agent(st.envelopes(), q);
                String why = q + "\n" + st.table();
                assertThat(actual.events()).as(why).isEqualTo(expected.events());
                assertThat(actual.runs()).as(why).isEqualTo(expected.runs());
                assertThat(actual.durations()).as(why).isEqualTo(expected.durations());
                assertThat(plain(actual.spend())).as(why).isEqualTo(plain(expected.spend()));
                assertThat(actual.decisions()).as(why).isEqualTo(expected.decisions());
                assertThat(actual.firstSeenAt()).as(why).isEqualTo(expected.firstSeenAt());
                assertThat(actual.lastSeenAt()).as(why).isEqualTo(expected.lastSeenAt());
                assertThat(actual.topEvents()).as(why).isEqualTo(expected.topEvents());
            }
        }
    }

    @Property(tries = 200)
    void workflowStatusAgrees(@ForAll("scenarios") Scenario s, @ForAll("ranges") Range r,
                              @ForAll("limits") Integer limit) {
        Stored st = store(s);
        for (String workflow : new String[] {"wf_a", "wf_b", "42"}) {
            WorkflowStatus.Query q = new WorkflowStatus.Query(workflow, st.business(), r.from(), r.to(), limit);
            WorkflowStatus.Result actual = api.workflowStatus(q);
            WorkflowStatus.Result expected = Naive.workflow(st.envelopes(), q);
            String why = q + "\n" + st.table();
            assertThat(actual.counts()).as(why).isEqualTo(expected.counts());
            assertThat(actual.runs()).as(why).isEqualTo(expected.runs());
        }
    }

    @Provide
    Arbitrary<Integer> limits() {
        return Arbitraries.integers().between(1, 4).injectNull(0.5);
    }

    /** Spend with the cost as a plain string, so 0.10 and 0.1 compare equal. */
    static String plain(AgentPerformance.Spend s) {
        return s == null ? null : (s.costUsd() == null ? null : s.costUsd().stripTrailingZeros().toPlainString())
                + "/" + s.inputTokens() + "/" + s.outputTokens() + "/" + s.totalTokens();
    }

    /**
     * The conventions the slow, obvious way, over the envelopes as sent (list position = storage
     * order): filter, sort, then answer each figure on its own.
     */
    static final class Naive {
        private Naive() {
        }

        static List<Map<String, Object>> sorted(List<Map<String, Object>> all, String business, Long from, Long to) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                Map<String, Object> e = all.get(i);
                long ts = (Long) e.get("timestamp");
                if ((business == null || business.equals(e.get("businessId"))) && (from == null || ts >= from)
                        && (to == null || ts <= to)) {
                    order.add(i);
                }
            }
            order.sort(Comparator.<Integer>comparingLong(i -> (Long) all.get(i).get("timestamp"))
                    .thenComparingInt(i -> i));
            return order.stream().map(all::get).toList();
        }

        @SuppressWarnings("unchecked")
        static Object prop(Map<String, Object> e, String key) {
            Map<String, Object> p = (Map<String, Object>) e.get("properties");
            return p == null ? null : p.get(key);
        }

        static String actorId(Map<String, Object> e) {
            Object a = e.get("actor");
            if (a instanceof String s) {
                return s;
            }
            return a instanceof Map<?, ?> m ? (String) m.get("id") : null;
        }

        /** Ids: strings that are not blank, integers as digits. */
        static String idText(Object v) {
            if (v instanceof String s) {
                return s.isBlank() ? null : s;
            }
            return v instanceof Integer || v instanceof Long ? v.toString() : null;
        }

        static BigDecimal number(Object v) {
            try {
                if (v instanceof String s) {
                    return new BigDecimal(s);
                }
                if (v instanceof BigDecimal d) {
                    return d;
                }
                if (v instanceof Integer || v instanceof Long) {
                    return new BigDecimal(v.toString());
                }
                if (v instanceof Double d) {
                    return new BigDecimal(d.toString());
                }
            } catch (NumberFormatException no) {
                return null;
            }
            return null;
        }

        /** A whole number from 0 to 10^15. */
        static Long whole(Object v) {
            BigDecimal d = number(v);
            if (d == null || d.signum() < 0 || d.stripTrailingZeros().scale() > 0
                    || d.compareTo(new BigDecimal("1000000000000000")) > 0) {
                return null;
            }
            return d.toBigInteger().longValue();
        }

        static String runKey(Map<String, Object> e) {
            String id = idText(prop(e, "runId"));
            return id != null ? id : (String) e.get("traceId");
        }

        static AgentPerformance.Result agent(List<Map<String, Object>> all, AgentPerformance.Query q) {
            List<Map<String, Object>> events = sorted(all, q.businessId(), q.from(), q.to()).stream()
                    .filter(e -> q.agentId().equals(actorId(e))).toList();
            // runs: each key's first start, and the first end after it
            long started = 0;
            long ok = 0;
            long failed = 0;
            List<Long> durations = new ArrayList<>();
            Map<String, Integer> firstStart = new LinkedHashMap<>();
            for (int i = 0; i < events.size(); i++) {
                Map<String, Object> e = events.get(i);
                if (e.get("event").equals("agent.run_started")) {
                    String key = runKey(e);
                    if (key == null) {
                        started++;
                    } else {
                        firstStart.putIfAbsent(key, i);
                    }
                }
            }
            started += firstStart.size();
            for (Map.Entry<String, Integer> run : firstStart.entrySet()) {
                Map<String, Object> start = events.get(run.getValue());
                for (int j = run.getValue() + 1; j < events.size(); j++) {
                    Map<String, Object> end = events.get(j);
                    String name = (String) end.get("event");
                    if ((name.equals("agent.run_completed") || name.equals("agent.run_failed"))
                            && run.getKey().equals(runKey(end))) {
                        if (name.equals("agent.run_failed") || "failed".equals(prop(end, "status"))) {
                            failed++;
                        } else {
                            ok++;
                        }
                        Long d = whole(prop(end, "durationMs"));
                        durations.add(d != null ? d : (Long) end.get("timestamp") - (Long) start.get("timestamp"));
                        break;
                    }
                }
            }
            AgentPerformance.Durations stats;
            if (durations.isEmpty()) {
                stats = new AgentPerformance.Durations(0, null, null, null, null);
            } else {
                List<Long> d = durations.stream().sorted().toList();
                int n = d.size();
                long sum = d.stream().mapToLong(Long::longValue).sum();
                long avg = BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(n), 0, java.math.RoundingMode.HALF_UP)
                        .longValue();
                int rank = 1;
                while (100 * rank < 95 * n) {
                    rank++;
                }
                stats = new AgentPerformance.Durations(n, avg, d.get((n - 1) / 2), d.get(rank - 1), d.get(n - 1));
            }
            // spend
            BigDecimal cost = null;
            Long in = null;
            Long out = null;
            Long total = null;
            for (Map<String, Object> e : events) {
                BigDecimal c = number(prop(e, "costUsd"));
                if (c != null) {
                    cost = cost == null ? c : cost.add(c);
                }
                Long i = whole(prop(e, "inputTokens"));
                Long o = whole(prop(e, "outputTokens"));
                Long t = whole(prop(e, "tokens"));
                if (i != null) {
                    in = in == null ? i : in + i;
                }
                if (o != null) {
                    out = out == null ? o : out + o;
                }
                if (t == null && (i != null || o != null)) {
                    t = (i == null ? 0 : i) + (o == null ? 0 : o);
                }
                if (t != null) {
                    total = total == null ? t : total + t;
                }
            }
            AgentPerformance.Spend spend = cost == null && in == null && out == null && total == null ? null
                    : new AgentPerformance.Spend(cost, in, out, total);
            Map<String, Long> counts = events.stream().collect(Collectors.groupingBy(e -> (String) e.get("event"),
                    TreeMap::new, Collectors.counting()));
            List<AgentPerformance.EventCount> top = new ArrayList<>();
            counts.forEach((k, v) -> top.add(new AgentPerformance.EventCount(k, v)));
            top.sort(Comparator.comparingLong(AgentPerformance.EventCount::count).reversed());
            return new AgentPerformance.Result(q.agentId(), q.businessId(), null, events.size(),
                    new AgentPerformance.Runs(started, ok, failed, started - ok - failed), stats,
                    new AgentPerformance.Decisions(0, 0, 0, 0), spend,
                    events.isEmpty() ? null : (Long) events.get(0).get("timestamp"),
                    events.isEmpty() ? null : (Long) events.get(events.size() - 1).get("timestamp"),
                    top.subList(0, Math.min(10, top.size())), null);
        }

        static WorkflowStatus.Result workflow(List<Map<String, Object>> all, WorkflowStatus.Query q) {
            List<Map<String, Object>> events = sorted(all, q.businessId(), q.from(), q.to()).stream()
                    .filter(e -> ((String) e.get("event")).startsWith("workflow.")
                            && q.workflowId().equals(idText(prop(e, "workflowId"))) && runKey(e) != null)
                    .toList();
            Map<String, List<Map<String, Object>>> byRun = new HashMap<>();
            for (Map<String, Object> e : events) {
                byRun.computeIfAbsent(runKey(e), k -> new ArrayList<>()).add(e);
            }
            List<WorkflowStatus.Run> runs = new ArrayList<>();
            Map<String, Integer> lastPosition = new HashMap<>();
            for (Map.Entry<String, List<Map<String, Object>>> run : byRun.entrySet()) {
                List<Map<String, Object>> es = run.getValue();
                Map<String, Object> last = es.get(es.size() - 1);
                lastPosition.put(run.getKey(), all.indexOf(last));
                Map<String, Object> lifecycle = null;
                Long startedAt = null;
                String step = null;
                String trace = null;
                for (Map<String, Object> e : es) {
                    String name = (String) e.get("event");
                    if (List.of("workflow.run_started", "workflow.step_completed", "workflow.run_completed",
                            "workflow.run_failed", "workflow.run_cancelled").contains(name)) {
                        lifecycle = e;
                    }
                    if (name.equals("workflow.run_started") && startedAt == null) {
                        startedAt = (Long) e.get("timestamp");
                    }
                    Object s = prop(e, "step");
                    if (s != null) {
                        step = s.toString();
                    }
                    if (e.get("traceId") != null) {
                        trace = (String) e.get("traceId");
                    }
                }
                String state = "running";
                Long endedAt = null;
                String error = null;
                if (lifecycle != null) {
                    String name = (String) lifecycle.get("event");
                    state = switch (name) {
                        case "workflow.run_completed" -> "completed";
                        case "workflow.run_failed" -> "failed";
                        case "workflow.run_cancelled" -> "cancelled";
                        default -> "running";
                    };
                    if (!state.equals("running")) {
                        endedAt = (Long) lifecycle.get("timestamp");
                    }
                    if (state.equals("failed") && prop(lifecycle, "error") != null) {
                        error = prop(lifecycle, "error").toString();
                    }
                }
                runs.add(new WorkflowStatus.Run(run.getKey(), state, startedAt, (Long) last.get("timestamp"), endedAt,
                        endedAt != null && startedAt != null ? endedAt - startedAt : null, (String) last.get("event"),
                        step, es.size(), trace, error));
            }
            long running = runs.stream().filter(r -> r.state().equals("running")).count();
            long completed = runs.stream().filter(r -> r.state().equals("completed")).count();
            long failedRuns = runs.stream().filter(r -> r.state().equals("failed")).count();
            long cancelled = runs.stream().filter(r -> r.state().equals("cancelled")).count();
            runs.sort(Comparator.comparingLong(WorkflowStatus.Run::updatedAt)
                    .thenComparingInt(r -> lastPosition.get(r.runId())).reversed());
            int limit = q.limit() == null ? 50 : q.limit();
            return new WorkflowStatus.Result(q.workflowId(), q.businessId(), null,
                    new WorkflowStatus.Counts(runs.size(), running, completed, failedRuns, cancelled),
                    runs.subList(0, Math.min(limit, runs.size())), null);
        }
    }
}
