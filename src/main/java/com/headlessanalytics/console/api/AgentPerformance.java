package com.headlessanalytics.console.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/**
 * GraphQL {@code agentPerformance(agentId)}: one agent's runs, events, durations, decisions and
 * spend over a period, read from the event conventions of docs/api.md (Agent and workflow events).
 */
public final class AgentPerformance {
    private AgentPerformance() {
    }

    /** {@code agentId} is the actor identity of the agent's events (PRODUCT.md §4); null period ends are open. */
    public record Query(String agentId, String businessId, Long from, Long to) {
        public Checks checks() {
            Checks c = new Checks().id("businessId", businessId).period(from, to);
            if (agentId == null || agentId.isBlank()) {
                c.add("agentId", "required", "is required");
            } else {
                c.id("agentId", agentId);
            }
            return c;
        }
    }

    /**
     * The figures. {@code spend} is null when no event of the agent carried cost or tokens;
     * {@code lastSeenAt} null when the agent has no events in the period.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(String agentId, String businessId, Period period, long events, Runs runs,
                         Durations durations, Decisions decisions, Spend spend, Long firstSeenAt, Long lastSeenAt,
                         List<EventCount> topEvents, Proof proof) {
    }

    /** Runs started in the period, and how they ended; {@code running} have not ended yet. */
    public record Runs(long started, long succeeded, long failed, long running) {
    }

    /** Durations of the runs that ended, in ms; all null when none did. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Durations(long count, Long averageMs, Long medianMs, Long p95Ms, Long maxMs) {
    }

    /** DecisionObjects the agent proposed, by where they stand now. */
    public record Decisions(long proposed, long approved, long denied, long pending) {
    }

    /** Summed cost (decimal string, USD) and tokens; a part is null when no event carried it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Spend(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal costUsd, Long inputTokens,
                       Long outputTokens, Long totalTokens) {
    }

    /** How many of the agent's events bear one name. */
    public record EventCount(String event, long count) {
    }
}
