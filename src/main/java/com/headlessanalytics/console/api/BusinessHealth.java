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
 *
 * <p>{@code healthScore} is null ("no data") when no component had anything to measure; it is
 * then written as {@code "healthScore":null}, never left out. {@code governance} says whether
 * approvals exist for this workspace: {@value #GOVERNANCE_NOT_SET_UP} until governance is set up,
 * and {@code pendingApprovals} is then 0 only because there is nothing to count. An answer
 * without {@code governance} (an older server) means nothing either way.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BusinessHealth(String businessId, @JsonInclude(JsonInclude.Include.ALWAYS) Integer healthScore,
                             List<Component> components,
                             @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal revenue, long scans, long leads,
                             long orders, long pendingApprovals, long totalEvents, Long lastEventAt,
                             List<Event> recentEvents, Map<String, Long> metrics, Map<String, Long> bySource,
                             List<Workflow> workflows, List<Alert> alerts, List<NextAction> nextActions,
                             Proof proof, String governance) {

    /** {@code governance} until governance (DecisionObjects and their approvals) is set up. */
    public static final String GOVERNANCE_NOT_SET_UP = "not_set_up";
    /** {@code governance} once the workspace has a contract or a decision: {@code pendingApprovals} counts them. */
    public static final String GOVERNANCE_ACTIVE = "active";
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 1000;
    public static final long DEFAULT_PERIOD_MS = 7L * 24 * 60 * 60 * 1000;

    /** An answer with a score and no governance status, as servers before "no data" gave it. */
    public BusinessHealth(String businessId, int healthScore, List<Component> components, BigDecimal revenue,
                          long scans, long leads, long orders, long pendingApprovals, long totalEvents,
                          Long lastEventAt, List<Event> recentEvents, Map<String, Long> metrics,
                          Map<String, Long> bySource, List<Workflow> workflows, List<Alert> alerts,
                          List<NextAction> nextActions, Proof proof) {
        this(businessId, (Integer) healthScore, components, revenue, scans, leads, orders, pendingApprovals,
                totalEvents, lastEventAt, recentEvents, metrics, bySource, workflows, alerts, nextActions, proof, null);
    }

    /** Whether governance is known not to be set up, so {@code pendingApprovals} counts nothing. */
    public boolean governanceNotSetUp() {
        return GOVERNANCE_NOT_SET_UP.equals(governance);
    }

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
     * value in words, and how the score follows from it. {@code status} is {@value #SCORED}, or
     * {@value #NO_DATA} when there was nothing to measure: then {@code score} is null (written as
     * {@code "score":null}), {@code explanation} says why, and the component is left out of the
     * health score. A component without {@code status} (an older server) is scored.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Component(String name, int weight, @JsonInclude(JsonInclude.Include.ALWAYS) Integer score,
                            String status, String value, String explanation) {
        public static final String SCORED = "scored";
        public static final String NO_DATA = "no_data";

        /** A scored component. */
        public Component(String name, int weight, int score, String value, String explanation) {
            this(name, weight, (Integer) score, SCORED, value, explanation);
        }

        /** A component with nothing to measure: {@code why} says what is missing. */
        public static Component noData(String name, int weight, String value, String why) {
            return new Component(name, weight, null, NO_DATA, value, why);
        }

        /** Whether the component has a score (it counts towards the health score). */
        public boolean hasData() {
            return score != null && !NO_DATA.equals(status);
        }
    }

    /** Runs of one workflow or agent family in the period (from *.run_started / *.run_completed / *.run_failed). */
    public record Workflow(String name, long started, long completed, long failed) {
    }

    /** Something an operator should look at: severity critical, warning or info. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Alert(String severity, String code, String message, Long at) {
    }
}
