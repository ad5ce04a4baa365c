package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.api.Period;
import com.headlessanalytics.console.api.Proof;
import com.headlessanalytics.console.api.WorkflowStatus;
import com.headlessanalytics.console.domain.Event;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code workflowStatus(workflowId)} (docs/api.md, Agent and workflow events): the workflow's
 * {@code workflow.*} events in the period, through the event-name index, grouped into runs by
 * properties.runId (else traceId); each run's state is that of its latest lifecycle event.
 */
final class EngineWorkflows {
    static final String PREFIX = "workflow.";

    private final EventStore store;

    EngineWorkflows(EventStore store) {
        this.store = store;
    }

    /** One run while its events are read in (timestamp, seq) order. */
    private static final class Run {
        final String id;
        String state = "running";
        Long startedAt;
        long updatedAt;
        long updatedSeq;
        Long endedAt;
        String lastEvent;
        String step;
        long events;
        String traceId;
        String error;

        Run(String id) {
            this.id = id;
        }

        void add(EventStore.Read r) {
            Event e = r.event();
            events++;
            updatedAt = e.timestamp();
            updatedSeq = r.seq();
            lastEvent = e.event();
            String s = ConventionFields.text(ConventionFields.get(e.properties(), "step"));
            if (s != null) {
                step = s;
            }
            if (e.traceId() != null) {
                traceId = e.traceId();
            }
            String lifecycle = switch (e.event()) {
                case "workflow.run_started", "workflow.step_completed" -> "running";
                case "workflow.run_completed" -> "completed";
                case "workflow.run_failed" -> "failed";
                case "workflow.run_cancelled" -> "cancelled";
                default -> null;
            };
            if (e.event().equals("workflow.run_started") && startedAt == null) {
                startedAt = e.timestamp();
            }
            if (lifecycle != null) {
                state = lifecycle;
                endedAt = lifecycle.equals("running") ? null : e.timestamp();
                error = lifecycle.equals("failed")
                        ? ConventionFields.text(ConventionFields.get(e.properties(), "error")) : null;
            }
        }

        WorkflowStatus.Run result() {
            Long duration = endedAt != null && startedAt != null ? endedAt - startedAt : null;
            return new WorkflowStatus.Run(id, state, startedAt, updatedAt, endedAt, duration, lastEvent, step, events,
                    traceId, error);
        }
    }

    private static final Comparator<Run> NEWEST_FIRST =
            Comparator.<Run>comparingLong(r -> r.updatedAt).thenComparingLong(r -> r.updatedSeq).reversed();

    WorkflowStatus.Result status(String ws, WorkflowStatus.Query q, Proof proof) {
        String id = q.workflowId();
        Map<String, Run> runs = new HashMap<>();
        for (EventStore.Read r : store.byNamePrefix(ws, PREFIX, q.businessId(), q.from(), q.to(), mention(id))) {
            Event e = r.event();
            if (!id.equals(ConventionFields.id(ConventionFields.get(e.properties(), "workflowId")))) {
                continue;
            }
            String key = ConventionFields.id(ConventionFields.get(e.properties(), "runId"));
            if (key == null) {
                key = e.traceId();
            }
            if (key != null) {
                runs.computeIfAbsent(key, Run::new).add(r);
            }
        }
        long running = 0;
        long completed = 0;
        long failed = 0;
        long cancelled = 0;
        for (Run run : runs.values()) {
            switch (run.state) {
                case "completed" -> completed++;
                case "failed" -> failed++;
                case "cancelled" -> cancelled++;
                default -> running++;
            }
        }
        int limit = q.limit() == null ? WorkflowStatus.DEFAULT_LIMIT : q.limit();
        List<WorkflowStatus.Run> newest = new ArrayList<>();
        runs.values().stream().sorted(NEWEST_FIRST).limit(limit).forEach(run -> newest.add(run.result()));
        return new WorkflowStatus.Result(id, q.businessId(), new Period(q.from(), q.to()),
                new WorkflowStatus.Counts(runs.size(), running, completed, failed, cancelled), newest, proof);
    }

    /**
     * Text every matching envelope holds, to skip the others before parsing: the id as the stored
     * JSON writes it, which is the id itself unless it needs escaping (then no filter).
     */
    static String mention(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
                return null;
            }
        }
        return id;
    }
}
