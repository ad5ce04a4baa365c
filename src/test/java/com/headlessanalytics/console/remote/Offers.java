package com.headlessanalytics.console.remote;

import java.util.Set;

/** What a server offers, for tests that script every answer of a MockWebServer. */
final class Offers {
    /** Every path of serve mode (server.Route), with batch ingest: a server with our extension paths. */
    static final ServerOffer OURS = new ServerOffer(Set.of(
            "POST /api/ingest", "GET /api/events", "GET /api/events/names", "GET /api/health",
            "POST /api/metrics/query", "GET /api/metrics/definitions", "POST /api/metrics/definitions",
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
            "GET /api/trackables/{}", "GET /api/tracking-plans", "PUT /api/tracking-plans/{}",
            "DELETE /api/tracking-plans/{}", "GET /api/tracking-plans/{}/violations", "POST /api/graphql",
            "GET /api/openapi"), true, true);

    private Offers() {
    }
}
