package com.headlessanalytics.console.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.headlessanalytics.console.domain.plan.PlanViolation;
import java.util.List;
import java.util.Map;

/**
 * A stored canonical event envelope: every field of the reference's table, plus the
 * idempotency {@code id} (the client's or a generated one) and the server's {@code receivedAt}.
 * Object-valued fields hold plain JSON values (maps, lists, strings, numbers, booleans).
 * {@code warnings} are the tracking-plan violations noted when it was stored (plans in warn mode);
 * null when there were none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "event", "businessId", "timestamp", "receivedAt", "actor", "object", "entity",
    "traceId", "source", "attribution", "context", "trackable", "decisionId", "proofId", "outcome",
    "trustTier", "complianceMapping", "properties", "warnings"})
public record Event(
        String id,
        String event,
        String businessId,
        long timestamp,
        long receivedAt,
        Object actor,
        Object object,
        Map<String, Object> entity,
        String traceId,
        Map<String, Object> source,
        Map<String, Object> attribution,
        Map<String, Object> context,
        Map<String, Object> trackable,
        String decisionId,
        String proofId,
        Map<String, Object> outcome,
        TrustTier trustTier,
        Map<String, Object> complianceMapping,
        Map<String, Object> properties,
        List<PlanViolation> warnings) {

    /** An event without plan warnings. */
    public Event(String id, String event, String businessId, long timestamp, long receivedAt, Object actor,
                 Object object, Map<String, Object> entity, String traceId, Map<String, Object> source,
                 Map<String, Object> attribution, Map<String, Object> context, Map<String, Object> trackable,
                 String decisionId, String proofId, Map<String, Object> outcome, TrustTier trustTier,
                 Map<String, Object> complianceMapping, Map<String, Object> properties) {
        this(id, event, businessId, timestamp, receivedAt, actor, object, entity, traceId, source, attribution, context,
                trackable, decisionId, proofId, outcome, trustTier, complianceMapping, properties, null);
    }

    /** This event with {@code warnings} noted (null or empty for none). */
    public Event withWarnings(List<PlanViolation> warnings) {
        return new Event(id, event, businessId, timestamp, receivedAt, actor, object, entity, traceId, source,
                attribution, context, trackable, decisionId, proofId, outcome, trustTier, complianceMapping, properties,
                warnings == null || warnings.isEmpty() ? null : List.copyOf(warnings));
    }

    /**
     * The actor identity used for per-actor analytics (PRODUCT.md §4): {@code actor} when it is
     * a string, else {@code actor.id}; when absent, {@code traceId}; else null.
     */
    @JsonIgnore
    public String actorKey() {
        if (actor instanceof String s) {
            return s;
        }
        if (actor instanceof Map<?, ?> m) {
            Object id = m.get("id");
            if (id instanceof String || id instanceof Number) {
                return id.toString();
            }
        }
        return traceId;
    }
}
