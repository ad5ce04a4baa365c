package com.headlessanalytics.console.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** {@code POST /api/intelligence/agent-context}: JSON for an agent, and the same as text for a person. */
public final class AgentContext {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    private AgentContext() {
    }

    public enum Mode { SUMMARY, WHAT_CHANGED, ANOMALIES, MISSING_PROOF, RECOMMEND_NEXT_ACTIONS }

    /** {@code from}/{@code to}: the current period (default: the last 7 days, ending now). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Query(String mode, String businessId, Integer limit, Long from, Long to) {
        public static Query of(Mode mode) {
            return new Query(Checks.Wire.name(mode), null, null, null, null);
        }

        @JsonIgnore
        public Mode effectiveMode() {
            return mode == null ? Mode.SUMMARY : Checks.Wire.parse(Mode.class, mode);
        }

        @JsonIgnore
        public int effectiveLimit() {
            return limit == null ? DEFAULT_LIMIT : limit;
        }

        public Checks checks() {
            return new Checks().oneOf("mode", mode, Mode.class).id("businessId", businessId)
                    .range("limit", limit == null ? null : (long) limit, 1, MAX_LIMIT).period(from, to);
        }
    }

    /**
     * The answer. Only the parts of the mode are present; {@code text} always is: the same content
     * written for a person.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(String mode, String businessId, Period period, Period previousPeriod,
                         Map<String, Object> summary, List<Change> changes, List<Anomaly> anomalies,
                         List<MissingProof> missingProof, List<NextAction> nextActions, String text, Proof proof) {
    }

    /**
     * Period-over-period change of one event's count. {@code zScore} = (current − previous) /
     * √(current + previous) (two Poisson counts); significant when |z| ≥ 2.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(String event, long current, long previous, Double changePct, double zScore,
                         boolean significant) {
    }

    /**
     * A bucket whose count is far from its series' median: modified z-score 0.6745 × (x − median) / MAD,
     * anomalous when |score| ≥ 3.5.
     */
    public record Anomaly(String event, String interval, long bucketStart, long count, double median, double mad,
                          double score, String direction) {
    }

    /** A T3/T4 event, or one tied to a decision, that has no proof attached. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MissingProof(String eventId, String event, long timestamp, String trustTier, String decisionId,
                               String reason) {
    }
}
