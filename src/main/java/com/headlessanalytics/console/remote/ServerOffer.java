package com.headlessanalytics.console.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.headlessanalytics.console.api.Capabilities;
import com.headlessanalytics.console.api.Capabilities.Feature;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The operations a server offers, as {@code "METHOD /path"} with every path parameter written
 * {@code {}}: read from its OpenAPI document ({@code GET /api/openapi}), or, when it has none, the
 * API reference's own paths and GraphQL. {@code batchIngest}: {@code POST /api/ingest} takes
 * {@code {"events":[…]}} (the document's request body names an {@code events} property).
 */
record ServerOffer(Set<String> operations, boolean documented, boolean batchIngest) {

    /** The reference's paths (docs/api.md, Reference-only servers): what a server without a document is assumed to offer. */
    static final Set<String> REFERENCE = Set.of(
            "POST /api/ingest", "GET /api/health", "POST /api/metrics/query", "POST /api/funnels/query",
            "GET /api/businesses/{}/health", "POST /api/intelligence/agent-context", "GET /api/usage",
            "POST /api/governance/enforce", "POST /api/proof-event-trails/export", "GET /api/trackables",
            "POST /api/trackables", "POST /api/connectors/ingest", "POST /api/exports/destinations",
            "POST /api/graphql", "GET /api/openapi");

    /** Every operation of serve mode (server.Route): what this client uses on a server with our extension paths. */
    static final Set<String> OURS = Set.of(
            "POST /api/ingest", "GET /api/events", "GET /api/events/names", "GET /api/health", "POST /api/metrics/query", "GET /api/metrics/definitions", "POST /api/metrics/definitions",
            "DELETE /api/metrics/definitions/{}", "GET /api/metrics/snapshots", "POST /api/funnels/query",
            "POST /api/funnels/actors", "POST /api/attribution/query", "GET /api/businesses/{}/health",
            "POST /api/intelligence/agent-context", "GET /api/usage", "GET /api/governance/principal",
            "GET /api/governance/contracts", "POST /api/governance/contracts", "POST /api/governance/contracts/{}/revoke",
            "GET /api/governance/grants", "POST /api/governance/grants", "POST /api/governance/grants/{}/revoke",
            "GET /api/governance/decisions", "POST /api/governance/decisions", "GET /api/governance/decisions/{}",
            "POST /api/governance/decisions/{}/submit", "POST /api/governance/decisions/{}/approve",
            "POST /api/governance/decisions/{}/deny", "POST /api/governance/decisions/{}/revoke",
            "POST /api/governance/enforce", "GET /api/governance/receipts", "GET /api/governance/public-key",
            "GET /api/proof-event-trails", "POST /api/proof-event-trails/preview", "POST /api/proof-event-trails/export",
            "GET /api/proof-event-trails/settings", "PUT /api/proof-event-trails/settings",
            "GET /api/proof-event-trails/{}/packet", "GET /api/trackables", "POST /api/trackables",
            "GET /api/trackables/{}", "GET /api/entities", "GET /api/entities/{}/{}", "GET /api/entities/{}/{}/events",
            "GET /api/tracking-plans", "PUT /api/tracking-plans/{}",
            "DELETE /api/tracking-plans/{}", "GET /api/tracking-plans/{}/violations", "POST /api/connectors/ingest",
            "GET /api/connectors/providers", "POST /api/exports/destinations", "GET /api/exports/receipts",
            "POST /api/exports/receipts/{}/retry", "POST /api/graphql", "GET /api/openapi");

    /** The operation that stands for each feature; each write of the feature checks its own operation too. */
    private static final Map<Feature, String> FEATURES = Map.of(
            Feature.METRIC_DEFINITION_CHANGES, "POST /api/metrics/definitions",
            Feature.GOVERNANCE_CHANGES, "POST /api/governance/decisions",
            Feature.GOVERNANCE_SETUP, "GET /api/governance/grants",
            Feature.PROOF_PACKETS, "GET /api/proof-event-trails/{}/packet",
            Feature.PROOF_SETTINGS, "GET /api/proof-event-trails/settings",
            Feature.PROOF_PREVIEW, "POST /api/proof-event-trails/preview",
            Feature.TRACKING_PLAN_CHANGES, "PUT /api/tracking-plans/{}",
            Feature.CONNECTOR_PROVIDERS, "GET /api/connectors/providers",
            Feature.EXPORT_RECEIPTS, "GET /api/exports/receipts",
            Feature.ENTITIES, "GET /api/entities");

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    /** How deep a request body schema is searched for the {@code events} property, through $refs. */
    private static final int MAX_SCHEMA_DEPTH = 12;

    ServerOffer {
        operations = Set.copyOf(operations);
    }

    /** A server without an OpenAPI document: the reference's paths, one event per ingest request. */
    static ServerOffer undocumented() {
        return new ServerOffer(REFERENCE, false, false);
    }

    /** A server whose document could not be had (it failed): our paths are tried, as before discovery. */
    static ServerOffer unknown() {
        return new ServerOffer(OURS, false, true);
    }

    /** The operations of {@code document}; null when it is not an OpenAPI document with {@code paths}. */
    static ServerOffer read(JsonNode document) {
        if (document == null || !document.isObject() || !document.path("paths").isObject()
                || !(document.has("openapi") || document.has("swagger"))) {
            return null;
        }
        Set<String> operations = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = document.get("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<String> m = path.getValue().fieldNames(); m.hasNext(); ) {
                String method = m.next();
                if (METHODS.contains(method.toLowerCase(Locale.ROOT))) {
                    operations.add(operation(method, path.getKey()));
                }
            }
        }
        JsonNode ingest = document.get("paths").path("/api/ingest").path("post").path("requestBody");
        return new ServerOffer(operations, true, namesEvents(document, ingest, 0));
    }

    /** {@code "METHOD /path"} with each {@code {name}} segment written {@code {}} and no trailing slash. */
    static String operation(String method, String path) {
        String p = path.replaceAll("\\{[^/}]*}", "{}");
        if (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return method.toUpperCase(Locale.ROOT) + " " + p;
    }

    boolean offers(String method, String path) {
        return operations.contains(operation(method, path));
    }

    boolean offers(Feature feature) {
        return operations.contains(FEATURES.get(feature));
    }

    Capabilities capabilities() {
        Set<Feature> offered = EnumSet.noneOf(Feature.class);
        for (Feature f : Feature.values()) {
            if (offers(f)) {
                offered.add(f);
            }
        }
        return new Capabilities(offered);
    }

    /** Whether {@code node} (a request body, media type or schema) describes an object with an {@code events} property. */
    private static boolean namesEvents(JsonNode document, JsonNode node, int depth) {
        if (node == null || node.isMissingNode() || depth > MAX_SCHEMA_DEPTH) {
            return false;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (namesEvents(document, element, depth + 1)) {
                    return true;
                }
            }
            return false;
        }
        if (!node.isObject()) {
            return false;
        }
        if (node.path("$ref").isTextual()) {
            String ref = node.get("$ref").asText();
            return ref.startsWith("#/") && namesEvents(document, document.at(ref.substring(1)), depth + 1);
        }
        if (node.path("properties").has("events")) {
            return true;
        }
        for (String key : new String[] {"content", "schema", "oneOf", "anyOf", "allOf"}) {
            JsonNode child = node.get(key);
            if (child != null && key.equals("content")) {
                for (JsonNode media : child) {
                    if (namesEvents(document, media, depth + 1)) {
                        return true;
                    }
                }
            } else if (namesEvents(document, child, depth + 1)) {
                return true;
            }
        }
        return false;
    }
}
