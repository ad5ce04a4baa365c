package com.headlessanalytics.console.graphql;

import com.headlessanalytics.console.api.AgentPerformance;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Period;
import com.headlessanalytics.console.api.Proof;
import com.headlessanalytics.console.api.TrackingPlans;
import com.headlessanalytics.console.api.WorkflowStatus;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.plan.EventSpec;
import com.headlessanalytics.console.domain.plan.PlanMode;
import com.headlessanalytics.console.domain.plan.PlanViolation;
import com.headlessanalytics.console.domain.plan.PropertySpec;
import com.headlessanalytics.console.domain.plan.TrackingPlan;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Test ports: a real port with some calls answered by fixed results (agentPerformance,
 * workflowStatus and the tracking plans, whose engine code is built beside this), counting every call.
 */
public final class Ports {
    public static final Proof PROOF = new Proof("q_fixed", "ws", null, new Period(null, null), 1L, "1");

    private Ports() {
    }

    /** Counts calls by method name. */
    public static final class Counting {
        public final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

        public int of(String method) {
            AtomicInteger n = calls.get(method);
            return n == null ? 0 : n.get();
        }
    }

    /** {@code delegate} with {@code overrides} (method name -> answer from the arguments), counting into {@code counting}. */
    public static HeadlessApi with(HeadlessApi delegate, Map<String, Function<Object[], Object>> overrides,
                                   Counting counting) {
        return (HeadlessApi) Proxy.newProxyInstance(HeadlessApi.class.getClassLoader(),
                new Class<?>[] {HeadlessApi.class}, (proxy, method, args) -> {
                    counting.calls.computeIfAbsent(method.getName(), k -> new AtomicInteger()).incrementAndGet();
                    Function<Object[], Object> override = overrides.get(method.getName());
                    if (override != null) {
                        return override.apply(args);
                    }
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** {@code delegate} with fixed agent, workflow and tracking-plan answers. */
    public static HeadlessApi withFixtures(HeadlessApi delegate, Counting counting) {
        return with(delegate, Map.of(
                "agentPerformance", args -> agent((AgentPerformance.Query) args[0]),
                "workflowStatus", args -> workflow((WorkflowStatus.Query) args[0]),
                "trackingPlans", args -> new TrackingPlans.Plans(List.of(PLAN, OTHER_PLAN), PROOF),
                "trackingPlanViolations", args -> report((String) args[0])), counting);
    }

    static final TrackingPlan PLAN = new TrackingPlan("checkout", "Checkout", PlanMode.WARN, "[a-z_.]+", true,
            List.of(new EventSpec("order.created", "an order", List.of("sku"),
                    Map.of("sku", new PropertySpec("string", null),
                            "plan", new PropertySpec("string", List.of("free", "pro"))))), 1_700_000_000_000L);
    static final TrackingPlan OTHER_PLAN = new TrackingPlan("signup", null, PlanMode.OFF, null, null, List.of(), null);

    static AgentPerformance.Result agent(AgentPerformance.Query q) {
        return new AgentPerformance.Result(q.agentId(), q.businessId(), new Period(q.from(), q.to()), 12,
                new AgentPerformance.Runs(4, 2, 1, 1), new AgentPerformance.Durations(3, 1500L, 1200L, 2900L, 3000L),
                new AgentPerformance.Decisions(2, 1, 0, 1),
                new AgentPerformance.Spend(new BigDecimal("0.0420"), 1000L, 200L, 1200L), 1_700_000_000_000L,
                1_700_000_360_000L, List.of(new AgentPerformance.EventCount("agent.run_started", 4)), PROOF);
    }

    static WorkflowStatus.Result workflow(WorkflowStatus.Query q) {
        return new WorkflowStatus.Result(q.workflowId(), q.businessId(), new Period(q.from(), q.to()),
                new WorkflowStatus.Counts(2, 1, 0, 1, 0),
                List.of(new WorkflowStatus.Run("run-2", "running", 1_700_000_100_000L, 1_700_000_200_000L, null,
                                null, "workflow.step_completed", "review", 3, "t-2", null),
                        new WorkflowStatus.Run("run-1", "failed", 1_700_000_000_000L, 1_700_000_050_000L,
                                1_700_000_050_000L, 50_000L, "workflow.run_failed", "charge", 4, "t-1", "card declined")),
                PROOF);
    }

    static TrackingPlans.Report report(String planId) {
        Event event = new Event("e-1", "Order Created", "default", 1_700_000_000_000L, 1_700_000_000_500L, null,
                null, null, null, null, null, null, null, null, null, null, null, null, Map.of("sku", 5));
        return new TrackingPlans.Report(planId, 10, List.of(new TrackingPlans.Breach(event, List.of(
                new PlanViolation(planId, "event", "naming_rule", "'Order Created' does not match [a-z_.]+"),
                new PlanViolation(planId, "properties.sku", "wrong_type", "must be a string")))), PROOF);
    }
}
