package com.headlessanalytics.console.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routes of serve mode: a path template and the methods it accepts. A {@code {name}} segment
 * matches one non-empty raw segment; every other segment must match exactly, undecoded (so
 * {@code /api/%65vents} is no route). The template is also the endpoint that usage metering records,
 * so no id ever appears in it. {@code reference} marks the API reference's own paths, the only ones
 * a reference-only server ({@link ServeConfig#referenceOnly()}) answers.
 */
enum Route {
    INGEST(true, "/api/ingest", "POST"),
    EVENTS(false, "/api/events", "GET"),
    EVENT_NAMES(false, "/api/events/names", "GET"),
    HEALTH(true, "/api/health", "GET"),
    METRICS_QUERY(true, "/api/metrics/query", "POST"),
    METRIC_DEFINITIONS(false, "/api/metrics/definitions", "GET", "POST"),
    METRIC_DEFINITION(false, "/api/metrics/definitions/{name}", "DELETE"),
    METRIC_SNAPSHOTS(false, "/api/metrics/snapshots", "GET"),
    FUNNELS_QUERY(true, "/api/funnels/query", "POST"),
    FUNNEL_ACTORS(false, "/api/funnels/actors", "POST"),
    ATTRIBUTION_QUERY(false, "/api/attribution/query", "POST"),
    BUSINESS_HEALTH(true, "/api/businesses/{id}/health", "GET"),
    AGENT_CONTEXT(true, "/api/intelligence/agent-context", "POST"),
    USAGE(true, "/api/usage", "GET"),
    GOVERNANCE_PRINCIPAL(false, "/api/governance/principal", "GET"),
    GOVERNANCE_CONTRACTS(false, "/api/governance/contracts", "GET", "POST"),
    GOVERNANCE_CONTRACT_REVOKE(false, "/api/governance/contracts/{id}/revoke", "POST"),
    GOVERNANCE_GRANTS(false, "/api/governance/grants", "GET", "POST"),
    GOVERNANCE_GRANT_REVOKE(false, "/api/governance/grants/{id}/revoke", "POST"),
    GOVERNANCE_DECISIONS(false, "/api/governance/decisions", "GET", "POST"),
    GOVERNANCE_DECISION(false, "/api/governance/decisions/{id}", "GET"),
    GOVERNANCE_DECISION_SUBMIT(false, "/api/governance/decisions/{id}/submit", "POST"),
    GOVERNANCE_DECISION_APPROVE(false, "/api/governance/decisions/{id}/approve", "POST"),
    GOVERNANCE_DECISION_DENY(false, "/api/governance/decisions/{id}/deny", "POST"),
    GOVERNANCE_DECISION_REVOKE(false, "/api/governance/decisions/{id}/revoke", "POST"),
    GOVERNANCE_ENFORCE(true, "/api/governance/enforce", "POST"),
    GOVERNANCE_RECEIPTS(false, "/api/governance/receipts", "GET"),
    GOVERNANCE_PUBLIC_KEY(false, "/api/governance/public-key", "GET"),
    PROOF_TRAILS(false, "/api/proof-event-trails", "GET"),
    PROOF_TRAIL_PREVIEW(false, "/api/proof-event-trails/preview", "POST"),
    PROOF_TRAIL_EXPORT(true, "/api/proof-event-trails/export", "POST"),
    PROOF_TRAIL_SETTINGS(false, "/api/proof-event-trails/settings", "GET", "PUT"),
    PROOF_TRAIL_PACKET(false, "/api/proof-event-trails/{proofId}/packet", "GET"),
    TRACKABLES(true, "/api/trackables", "GET", "POST"),
    TRACKABLE(false, "/api/trackables/{code}", "GET"),
    ENTITIES(false, "/api/entities", "GET"),
    ENTITY(false, "/api/entities/{type}/{id}", "GET"),
    ENTITY_EVENTS(false, "/api/entities/{type}/{id}/events", "GET"),
    TRACKING_PLANS(false, "/api/tracking-plans", "GET"),
    TRACKING_PLAN(false, "/api/tracking-plans/{id}", "PUT", "DELETE"),
    TRACKING_PLAN_VIOLATIONS(false, "/api/tracking-plans/{id}/violations", "GET"),
    CONNECTORS_INGEST(true, "/api/connectors/ingest", "POST"),
    CONNECTOR_PROVIDERS(false, "/api/connectors/providers", "GET"),
    EXPORTS_DESTINATIONS(true, "/api/exports/destinations", "POST"),
    EXPORT_RECEIPTS(false, "/api/exports/receipts", "GET"),
    EXPORT_RETRY(false, "/api/exports/receipts/{id}/retry", "POST"),
    GRAPHQL(true, "/api/graphql", "POST"),
    OPENAPI(true, "/api/openapi", "GET"),
    /** Public, without an API key: a phone scanning a label has none. Printed labels carry it, so it is never switched off. */
    TRACKABLE_LINK(true, "/t/{code}", "GET", "HEAD");

    final boolean reference;
    final String path;
    final List<String> methods;
    private final String[] segments;

    Route(boolean reference, String path, String... methods) {
        this.reference = reference;
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
