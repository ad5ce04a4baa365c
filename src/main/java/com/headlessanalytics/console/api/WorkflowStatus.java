package com.headlessanalytics.console.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * GraphQL {@code workflowStatus(workflowId)}: the runs of one workflow and the state each is in now,
 * read from its {@code workflow.*} events (docs/api.md, Agent and workflow events).
 */
public final class WorkflowStatus {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    private WorkflowStatus() {
    }

    public record Query(String workflowId, String businessId, Long from, Long to, Integer limit) {
        public Checks checks() {
            Checks c = new Checks().id("businessId", businessId).period(from, to)
                    .range("limit", limit == null ? null : (long) limit, 1, MAX_LIMIT);
            if (workflowId == null || workflowId.isBlank()) {
                c.add("workflowId", "required", "is required");
            } else {
                c.id("workflowId", workflowId);
            }
            return c;
        }
    }

    /** Counts over every run in the period, and the {@code limit} most recently updated runs. */
    public record Result(String workflowId, String businessId, Period period, Counts counts, List<Run> runs,
                         Proof proof) {
    }

    /** Runs by state: running, completed, failed, cancelled. */
    public record Counts(long runs, long running, long completed, long failed, long cancelled) {
    }

    /**
     * One run: its id, state (running, completed, failed, cancelled), when it started and last
     * changed, the last event and step, how many events it has, and its duration once ended.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Run(String runId, String state, Long startedAt, long updatedAt, Long endedAt, Long durationMs,
                      String lastEvent, String step, long events, String traceId, String error) {
    }
}
