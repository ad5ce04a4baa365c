package com.headlessanalytics.console.engine;

import static com.headlessanalytics.console.engine.GovernanceFixture.AGENT;
import static com.headlessanalytics.console.engine.GovernanceFixture.ALICE;
import static com.headlessanalytics.console.engine.GovernanceFixture.BOB;
import static com.headlessanalytics.console.engine.GovernanceFixture.T0;
import static com.headlessanalytics.console.engine.GovernanceFixture.action;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.headlessanalytics.console.api.AgentPerformance;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.WorkflowStatus;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * agentPerformance and workflowStatus on a real H2 file, with hand-built events for each rule of
 * docs/api.md (Agent and workflow events).
 */
class AgentsWorkflowsEngineTest {
    static final long H = 3_600_000L;
    /** Event times are hours before the fixture's clock. */
    static final long BASE = T0 - 48 * H;

    @TempDir
    Path dir;
    GovernanceFixture f;
    HeadlessApi api;

    @BeforeEach
    void open() {
        f = new GovernanceFixture(dir);
        api = f.as(ALICE);
    }

    @AfterEach
    void close() {
        f.close();
    }

    /** An event at BASE + {@code at} ms; {@code more} adds top-level fields and properties ("p.x"). */
    static Map<String, Object> ev(String id, String name, long at, Object actor, Object... more) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> props = new LinkedHashMap<>();
        m.put("id", id);
        m.put("event", name);
        m.put("timestamp", BASE + at);
        if (actor != null) {
            m.put("actor", actor);
        }
        for (int i = 0; i < more.length; i += 2) {
            String key = (String) more[i];
            if (key.startsWith("p.")) {
                props.put(key.substring(2), more[i + 1]);
            } else {
                m.put(key, more[i + 1]);
            }
        }
        if (!props.isEmpty()) {
            m.put("properties", props);
        }
        return m;
    }

    static Map<String, Object> agent(String id) {
        return Map.of("type", "ai_agent", "id", id);
    }

    AgentPerformance.Result agentPerf(String agentId, String business, Long from, Long to) {
        return api.agentPerformance(new AgentPerformance.Query(agentId, business, from, to));
    }

    // ---- agents ----

    List<Map<String, Object>> agentRuns() {
        Object a = agent("agent_a");
        return List.of(
                ev("r1s", "agent.run_started", 1000, a, "p.runId", "r1"),
                ev("r2s", "agent.run_started", 2000, a, "p.runId", "r2"),
                ev("r3s", "agent.run_started", 3000, "agent_a", "p.runId", "r3"),
                ev("r1e", "agent.run_completed", 4000, a, "p.runId", "r1", "p.status", "succeeded",
                        "p.durationMs", 2500),
                ev("r2e", "agent.run_completed", 5000, a, "p.runId", "r2", "p.status", "failed"),
                ev("r4s", "agent.run_started", 6000, a, "p.runId", "r4"),
                ev("r5s", "agent.run_started", 7000, a, "traceId", "tr-5"),
                ev("r5e", "agent.run_completed", 8000, a, "traceId", "tr-5"),
                ev("r3e", "agent.run_failed", 9000, "agent_a", "p.runId", "r3", "p.error", "timeout"),
                ev("ghost", "agent.run_completed", 9500, a, "p.runId", "ghost"),
                ev("r1again", "agent.run_completed", 9600, a, "p.runId", "r1", "p.status", "failed"),
                ev("tool", "tool.called", 9700, a),
                ev("other-agent", "agent.run_started", 2500, agent("agent_b"), "p.runId", "r9"),
                ev("trace-only", "agent.run_started", 2600, null, "traceId", "agent_a", "p.runId", "r8"),
                ev("before", "agent.run_started", -10_000, a, "p.runId", "r0"),
                ev("after", "agent.run_started", 20_000, a, "p.runId", "r10"),
                ev("other-biz", "agent.run_started", 3500, a, "businessId", "shop-2", "p.runId", "r11"));
    }

    @Test
    void runsSucceedFailAndStayRunningByTheConventions() {
        api.ingest(agentRuns());
        AgentPerformance.Result r = agentPerf("agent_a", "default", BASE, BASE + 15_000);

        assertThat(r.runs()).isEqualTo(new AgentPerformance.Runs(5, 2, 2, 1));
        assertThat(r.durations()).as("2500 from durationMs, 3000 and 6000 from the times, 1000 by traceId")
                .isEqualTo(new AgentPerformance.Durations(4, 3125L, 2500L, 6000L, 6000L));
        assertThat(r.events()).isEqualTo(12);
        assertThat(r.firstSeenAt()).isEqualTo(BASE + 1000);
        assertThat(r.lastSeenAt()).isEqualTo(BASE + 9700);
        assertThat(r.topEvents()).containsExactly(new AgentPerformance.EventCount("agent.run_completed", 5),
                new AgentPerformance.EventCount("agent.run_started", 5),
                new AgentPerformance.EventCount("agent.run_failed", 1),
                new AgentPerformance.EventCount("tool.called", 1));
        assertThat(r.spend()).as("no event carried cost or tokens").isNull();
        assertThat(r.agentId()).isEqualTo("agent_a");
        assertThat(r.businessId()).isEqualTo("default");
        assertThat(r.period().from()).isEqualTo(BASE);
        assertThat(r.proof().businessId()).isEqualTo("default");

        AgentPerformance.Result everywhere = agentPerf("agent_a", null, null, null);
        assertThat(everywhere.runs().started()).as("out of period and the other business count without limits")
                .isEqualTo(8);
        assertThat(everywhere.runs().running()).isEqualTo(4);
        assertThat(everywhere.firstSeenAt()).isEqualTo(BASE - 10_000);

        AgentPerformance.Result nobody = agentPerf("agent_nobody", null, null, null);
        assertThat(nobody.events()).isZero();
        assertThat(nobody.runs()).isEqualTo(new AgentPerformance.Runs(0, 0, 0, 0));
        assertThat(nobody.durations()).isEqualTo(new AgentPerformance.Durations(0, null, null, null, null));
        assertThat(nobody.decisions()).isEqualTo(new AgentPerformance.Decisions(0, 0, 0, 0));
        assertThat(nobody.firstSeenAt()).isNull();
        assertThat(nobody.topEvents()).isEmpty();
    }

    @Test
    void theSameAnswerAfterReopeningAndAcrossWrittenKeyBlocks() {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 9000; i++) {
            boolean mine = i % 1500 == 0;
            batch.add(ev("n" + i, mine ? "agent.run_started" : "page.viewed", i, mine ? agent("agent_a")
                    : "cust_" + (i % 97), "p.runId", "run-" + i));
            if (batch.size() == 1000) {
                api.ingest(batch);
                batch.clear();
            }
        }
        assertThat(agentPerf("agent_a", null, null, null).runs().started()).isEqualTo(6);
        assertThat(agentPerf("agent_a", null, BASE + 3000, BASE + 6000).runs().started()).isEqualTo(3);
        f.close();
        f = new GovernanceFixture(dir, f.clock);
        api = f.as(ALICE);
        AgentPerformance.Result r = agentPerf("agent_a", null, null, null);
        assertThat(r.runs()).isEqualTo(new AgentPerformance.Runs(6, 0, 0, 6));
        assertThat(r.lastSeenAt()).isEqualTo(BASE + 7500);
    }

    @Test
    void spendSumsExactCostAndTokensFromAnyEventOfTheAgent() {
        Object a = agent("agent_a");
        api.ingest(List.of(
                ev("c1", "agent.run_completed", 1000, a, "p.runId", "x", "p.costUsd", "0.10", "p.inputTokens", 100,
                        "p.outputTokens", 50),
                ev("c2", "llm.called", 2000, a, "p.costUsd", new BigDecimal("0.05"), "p.tokens", 500),
                ev("c3", "llm.called", 3000, a, "p.costUsd", "1e-2", "p.inputTokens", "20"),
                ev("c4", "llm.called", 4000, a, "p.costUsd", "about a dollar", "p.tokens", -5, "p.outputTokens", 1.5),
                ev("c5", "llm.called", 5000, a, "p.costUsd", new BigDecimal("0.000001"), "p.tokens", 7, "p.inputTokens", 3),
                ev("c6", "llm.called", 6000, agent("agent_b"), "p.costUsd", "9.99", "p.tokens", 1000)));
        AgentPerformance.Spend s = agentPerf("agent_a", null, null, null).spend();
        assertThat(s.costUsd()).isEqualByComparingTo("0.160001");
        assertThat(s.costUsd().toPlainString()).isEqualTo("0.160001");
        assertThat(s.inputTokens()).isEqualTo(123);
        assertThat(s.outputTokens()).isEqualTo(50);
        assertThat(s.totalTokens()).as("150 + 500 + 20 + 7 (tokens before input + output)").isEqualTo(677);

        api.ingest(List.of(ev("t1", "llm.called", 1000, "agent_t", "p.inputTokens", 4)));
        assertThat(agentPerf("agent_t", null, null, null).spend())
                .isEqualTo(new AgentPerformance.Spend(null, 4L, null, 4L));
    }

    @Test
    void decisionsCountByStateNowThroughDecisionIdAndProposer() {
        GovernanceFixture.Setup s = f.setup("500", "1000", "800");
        Governance.Decision pending = f.propose(s, action("1"), null);
        Governance.Decision approved = f.approved(s, action("2"), null);
        Governance.Decision released = f.approved(s, action("3"), null);
        f.enforce(s, released, action("3"));
        Governance.Decision denied = f.propose(s, action("4"), null);
        f.as(BOB).denyDecision(denied.id(), new Governance.ReasonRequest("no"));
        Governance.Decision escrowed = f.propose(s, action("5"), null);
        f.enforce(s, escrowed, action("5"));
        Governance.Decision revoked = f.propose(s, action("6"), null);
        f.as(BOB).revokeDecision(revoked.id(), new Governance.ReasonRequest("changed my mind"));
        assertThat(f.as(BOB).decision(released.id()).state()).isEqualTo("released");
        assertThat(f.as(BOB).decision(escrowed.id()).state()).isEqualTo("escrowed");

        assertThat(agentPerf(AGENT, null, null, null).decisions()).as("proposed by the agent's principal")
                .isEqualTo(new AgentPerformance.Decisions(6, 2, 1, 2));
        assertThat(agentPerf(AGENT, null, T0 + 1, null).decisions()).as("none created in the period")
                .isEqualTo(new AgentPerformance.Decisions(0, 0, 0, 0));
        assertThat(agentPerf(AGENT, "shop-2", null, null).decisions().proposed()).isZero();

        api.ingest(List.of(
                ev("d1", "decision.proposed", 1000, "agent_x", "decisionId", pending.id()),
                ev("d2", "decision.noted", 2000, "agent_x", "decisionId", denied.id()),
                ev("d3", "decision.noted", 3000, "agent_x", "decisionId", denied.id()),
                ev("d4", "decision.proposed", 4000, "agent_x", "decisionId", "dec_not_a_decision_object"),
                ev("d5", "decision.proposed", 5000, "agent_y", "decisionId", approved.id())));
        assertThat(agentPerf("agent_x", null, null, null).decisions()).as("named on the agent's events")
                .isEqualTo(new AgentPerformance.Decisions(2, 0, 1, 1));
        assertThat(agentPerf("agent_x", null, BASE + 1500, null).decisions()).as("only events in the period")
                .isEqualTo(new AgentPerformance.Decisions(1, 0, 1, 0));

        f.clock.advance(25 * H);
        assertThat(agentPerf(AGENT, null, null, null).decisions()).as("pending, escrowed and approved have expired")
                .isEqualTo(new AgentPerformance.Decisions(6, 1, 1, 0));
    }

    @Test
    void badQueriesAre400sNamingTheField() {
        assertThatThrownBy(() -> agentPerf(" ", null, null, null)).isInstanceOfSatisfying(ApiException.Client.class,
                e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.details()).extracting(d -> d.field()).containsExactly("agentId");
                });
        assertThatThrownBy(() -> agentPerf("agent_a", null, 10L, 5L)).isInstanceOf(ApiException.Client.class);
        assertThatThrownBy(() -> api.agentPerformance(null)).isInstanceOf(ApiException.Client.class);
        assertThatThrownBy(() -> api.workflowStatus(new WorkflowStatus.Query(null, null, null, null, null)))
                .isInstanceOfSatisfying(ApiException.Client.class,
                        e -> assertThat(e.details()).extracting(d -> d.field()).containsExactly("workflowId"));
        assertThatThrownBy(() -> api.workflowStatus(new WorkflowStatus.Query("wf", null, null, null, 0)))
                .isInstanceOfSatisfying(ApiException.Client.class,
                        e -> assertThat(e.details()).extracting(d -> d.field()).containsExactly("limit"));
        assertThatThrownBy(() -> api.workflowStatus(new WorkflowStatus.Query("wf", "", null, null, null)))
                .isInstanceOf(ApiException.Client.class);
    }

    // ---- workflows ----

    @Test
    void workflowRunsTakeTheStateOfTheirLatestLifecycleEvent() {
        String wf = "order_fulfillment";
        api.ingest(List.of(
                ev("w1a", "workflow.run_started", 1000, null, "p.workflowId", wf, "p.runId", "w1", "traceId", "t1"),
                ev("w1b", "workflow.step_completed", 1500, null, "p.workflowId", wf, "p.runId", "w1", "p.step", "pick"),
                ev("w1c", "workflow.step_completed", 2000, null, "p.workflowId", wf, "p.runId", "w1", "p.step", "pack"),
                ev("w1d", "workflow.run_completed", 2500, null, "p.workflowId", wf, "p.runId", "w1"),
                ev("w2a", "workflow.run_started", 1100, null, "p.workflowId", wf, "p.runId", "w2"),
                ev("w2b", "workflow.run_failed", 3000, null, "p.workflowId", wf, "p.runId", "w2", "p.error",
                        "card declined"),
                ev("w3a", "workflow.run_started", 1200, null, "p.workflowId", wf, "p.runId", "w3"),
                ev("w3b", "workflow.run_cancelled", 3000, null, "p.workflowId", wf, "p.runId", "w3"),
                ev("w4a", "workflow.run_started", 1300, null, "p.workflowId", wf, "p.runId", "w4"),
                ev("w4b", "workflow.step_completed", 1400, null, "p.workflowId", wf, "p.runId", "w4", "p.step", "wait"),
                ev("w4c", "workflow.note", 1450, null, "p.workflowId", wf, "p.runId", "w4"),
                ev("w5a", "workflow.run_started", 1600, null, "p.workflowId", wf, "traceId", "tr-w5"),
                ev("w5b", "workflow.run_completed", 1700, null, "p.workflowId", wf, "traceId", "tr-w5"),
                ev("w6a", "workflow.run_failed", 1800, null, "p.workflowId", wf, "p.runId", "w6", "p.error", "x"),
                ev("w6b", "workflow.step_completed", 1900, null, "p.workflowId", wf, "p.runId", "w6", "p.step", "retry"),
                ev("keyless", "workflow.run_started", 1000, null, "p.workflowId", wf),
                ev("other-wf", "workflow.run_started", 1000, null, "p.workflowId", "lead_nurture", "p.runId", "w1"),
                ev("not-workflow", "order.created", 1000, null, "p.workflowId", wf, "p.runId", "w7"),
                ev("old", "workflow.run_started", -5000, null, "p.workflowId", wf, "p.runId", "w0"),
                ev("elsewhere", "workflow.run_started", 1000, null, "p.workflowId", wf, "p.runId", "w8",
                        "businessId", "shop-2"),
                ev("numeric", "workflow.run_started", 1000, null, "p.workflowId", 42, "p.runId", 7)));

        WorkflowStatus.Result r = api.workflowStatus(new WorkflowStatus.Query(wf, "default", BASE, null, null));
        assertThat(r.counts()).isEqualTo(new WorkflowStatus.Counts(6, 2, 2, 1, 1));
        assertThat(r.runs()).extracting(WorkflowStatus.Run::runId)
                .as("most recently updated first; w2 and w3 tie at 3000 and w3 was stored later")
                .containsExactly("w3", "w2", "w1", "w6", "tr-w5", "w4");
        assertThat(r.runs().get(2)).isEqualTo(new WorkflowStatus.Run("w1", "completed", BASE + 1000, BASE + 2500,
                BASE + 2500, 1500L, "workflow.run_completed", "pack", 4, "t1", null));
        assertThat(r.runs().get(1)).isEqualTo(new WorkflowStatus.Run("w2", "failed", BASE + 1100, BASE + 3000,
                BASE + 3000, 1900L, "workflow.run_failed", null, 2, null, "card declined"));
        assertThat(r.runs().get(0).state()).isEqualTo("cancelled");
        assertThat(r.runs().get(3)).as("a step after the failure: running again")
                .isEqualTo(new WorkflowStatus.Run("w6", "running", null, BASE + 1900, null, null,
                        "workflow.step_completed", "retry", 2, null, null));
        assertThat(r.runs().get(5)).as("a non-lifecycle event counts but leaves the state")
                .isEqualTo(new WorkflowStatus.Run("w4", "running", BASE + 1300, BASE + 1450, null, null,
                        "workflow.note", "wait", 3, null, null));
        assertThat(r.runs().get(4).traceId()).isEqualTo("tr-w5");

        WorkflowStatus.Result two = api.workflowStatus(new WorkflowStatus.Query(wf, null, null, null, 2));
        assertThat(two.counts().runs()).as("every business and time").isEqualTo(8);
        assertThat(two.runs()).extracting(WorkflowStatus.Run::runId).containsExactly("w3", "w2");
        assertThat(api.workflowStatus(new WorkflowStatus.Query("42", null, null, null, null)).runs())
                .extracting(WorkflowStatus.Run::runId).containsExactly("7");
        WorkflowStatus.Result none = api.workflowStatus(new WorkflowStatus.Query("nothing", null, null, null, null));
        assertThat(none.counts()).isEqualTo(new WorkflowStatus.Counts(0, 0, 0, 0, 0));
        assertThat(none.runs()).isEmpty();
    }

    @Test
    void workflowIdsThatNeedEscapingInJsonStillMatch() {
        String wf = "wf \"quoted\" \\ ü";
        api.ingest(List.of(ev("q1", "workflow.run_started", 1000, null, "p.workflowId", wf, "p.runId", "r")));
        assertThat(EngineWorkflows.mention(wf)).isNull();
        assertThat(api.workflowStatus(new WorkflowStatus.Query(wf, null, null, null, null)).counts().running())
                .isEqualTo(1);
        assertThat(api.workflowStatus(new WorkflowStatus.Query("wf_100%", null, null, null, null)).counts().runs())
                .isZero();
    }
}
