package com.headlessanalytics.console.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routes of serve mode: a path template and the methods it accepts. A {@code {name}} segment
 * matches one non-empty raw segment; every other segment must match exactly, undecoded (so
 * {@code /api/%65vents} is no route). The template is also the endpoint that usage metering records,
 * so no id ever appears in it.
 */
enum Route {
    INGEST("/api/ingest", "POST"),
    EVENTS("/api/events", "GET"),
    EVENT_NAMES("/api/events/names", "GET"),
    HEALTH("/api/health", "GET"),
    METRICS_QUERY("/api/metrics/query", "POST"),
    METRIC_DEFINITIONS("/api/metrics/definitions", "GET", "POST"),
    METRIC_DEFINITION("/api/metrics/definitions/{name}", "DELETE"),
    METRIC_SNAPSHOTS("/api/metrics/snapshots", "GET"),
    FUNNELS_QUERY("/api/funnels/query", "POST"),
    FUNNEL_ACTORS("/api/funnels/actors", "POST"),
    ATTRIBUTION_QUERY("/api/attribution/query", "POST"),
    BUSINESS_HEALTH("/api/businesses/{id}/health", "GET"),
    AGENT_CONTEXT("/api/intelligence/agent-context", "POST"),
    USAGE("/api/usage", "GET"),
    GOVERNANCE_PRINCIPAL("/api/governance/principal", "GET"),
    GOVERNANCE_CONTRACTS("/api/governance/contracts", "GET", "POST"),
    GOVERNANCE_CONTRACT_REVOKE("/api/governance/contracts/{id}/revoke", "POST"),
    GOVERNANCE_GRANTS("/api/governance/grants", "GET", "POST"),
    GOVERNANCE_GRANT_REVOKE("/api/governance/grants/{id}/revoke", "POST"),
    GOVERNANCE_DECISIONS("/api/governance/decisions", "GET", "POST"),
    GOVERNANCE_DECISION("/api/governance/decisions/{id}", "GET"),
    GOVERNANCE_DECISION_SUBMIT("/api/governance/decisions/{id}/submit", "POST"),
    GOVERNANCE_DECISION_APPROVE("/api/governance/decisions/{id}/approve", "POST"),
    GOVERNANCE_DECISION_DENY("/api/governance/decisions/{id}/deny", "POST"),
    GOVERNANCE_DECISION_REVOKE("/api/governance/decisions/{id}/revoke", "POST"),
    GOVERNANCE_ENFORCE("/api/governance/enforce", "POST"),
    GOVERNANCE_RECEIPTS("/api/governance/receipts", "GET"),
    GOVERNANCE_PUBLIC_KEY("/api/governance/public-key", "GET"),
    PROOF_TRAILS("/api/proof-event-trails", "GET"),
    PROOF_TRAIL_PREVIEW("/api/proof-event-trails/preview", "POST"),
    PROOF_TRAIL_EXPORT("/api/proof-event-trails/export", "POST"),
    PROOF_TRAIL_SETTINGS("/api/proof-event-trails/settings", "GET", "PUT"),
    PROOF_TRAIL_PACKET("/api/proof-event-trails/{proofId}/packet", "GET"),
    TRACKABLES("/api/trackables", "GET", "POST"),
    TRACKABLE("/api/trackables/{code}", "GET"),
    /** Public, without an API key: a phone scanning a label has none. */
    TRACKABLE_LINK("/t/{code}", "GET", "HEAD");

    final String path;
    final List<String> methods;
    private final String[] segments;

    Route(String path, String... methods) {
        this.path = path;
        this.methods = List.of(methods);
        this.segments = path.split("/", -1);
    }

    /** A matched route and its raw (still percent-encoded) path parameters by name. */
    record Match(Route route, Map<String, String> rawParams) {
    }

    /** The route whose template matches {@code rawPath}, or null. */
    static Match match(String rawPath) {
        String[] parts = rawPath.split("/", -1);
        for (Route r : values()) {
            Map<String, String> params = r.bind(parts);
            if (params != null) {
                return new Match(r, params);
            }
        }
        return null;
    }

    boolean allows(String method) {
        return methods.contains(method);
    }

    /** The value of an {@code Allow} header. */
    String allow() {
        return String.join(", ", methods);
    }

    private Map<String, String> bind(String[] parts) {
        if (parts.length != segments.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String template = segments[i];
            if (template.startsWith("{") && template.endsWith("}")) {
                if (parts[i].isEmpty()) {
                    return null;
                }
                params.put(template.substring(1, template.length() - 1), parts[i]);
            } else if (!template.equals(parts[i])) {
                return null;
            }
        }
        return params;
    }
}
