package com.headlessanalytics.console.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.headlessanalytics.console.domain.Event;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/businesses/{id}/health}: an operating summary for one business over a period
 * (default: the last 7 days), compared with the period just before it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BusinessHealth(String businessId, int healthScore, List<Component> components,
                             @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal revenue, long scans, long leads,
                             long orders, long pendingApprovals, long totalEvents, Long lastEventAt,
                             List<Event> recentEvents, Map<String, Long> metrics, Map<String, Long> bySource,
                             List<Workflow> workflows, List<Alert> alerts, List<NextAction> nextActions,
                             Proof proof) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 1000;
    public static final long DEFAULT_PERIOD_MS = 7L * 24 * 60 * 60 * 1000;

    /** Query of the health endpoint; null fields take the defaults above (period ends now). */
    public record Query(Integer limit, Long from, Long to) {
        public static Query defaults() {
            return new Query(null, null, null);
        }

        public Checks checks() {
            return new Checks().range("limit", limit == null ? null : (long) limit, 1, MAX_LIMIT).period(from, to);
        }
    }

    /**
     * One part of the score: its weight (the weights add up to 100), its score 0–100, the measured
     * value in words, and how the score follows from it.
     */
    public record Component(String name, int weight, int score, String value, String explanation) {
    }

    /** Runs of one workflow or agent family in the period (from *.run_started / *.run_completed / *.run_failed). */
    public record Workflow(String name, long started, long completed, long failed) {
    }

    /** Something an operator should look at: severity critical, warning or info. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Alert(String severity, String code, String message, Long at) {
    }
}
