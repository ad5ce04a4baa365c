package com.headlessanalytics.console.api;

import com.headlessanalytics.console.domain.plan.TrackingPlan;
import java.util.List;
import java.util.Map;

/**
 * The API port: one method per API operation, for one workspace. The embedded engine implements
 * it on H2, the remote client over HTTP; serve mode exposes it. Failures are {@link ApiException}s.
 */
public interface HeadlessApi {

    /**
     * {@code POST /api/ingest}: stores the given raw envelopes (parsed JSON objects) atomically.
     * Envelopes whose {@code id} is already stored are reported as duplicates and stored again never.
     */
    IngestResult ingest(List<Map<String, Object>> events);

    /** {@code GET /api/events}: one page of stored events in (timestamp, storage sequence) order. */
    EventPage events(EventQuery query);

    /**
     * {@code GET /api/events/names}: the event names stored, with counts and first/last times, most
     * frequent first; for one business, or the whole workspace when {@code businessId} is null.
     */
    EventNames eventNames(String businessId);

    /** {@code GET /api/health}: readiness checks; never reveals a setting's value. */
    RuntimeHealth health();

    /** {@code POST /api/metrics/query}: counts, unique actors, revenue, series, groups, definitions. */
    Metrics.Result metrics(Metrics.Query query);

    /** {@code GET /api/metrics/definitions}: the stored metric definitions, by name. */
    Metrics.Definitions metricDefinitions();

    /** {@code POST /api/metrics/definitions}: stores (or replaces, by name) a metric definition. */
    Metrics.Definition saveMetricDefinition(Metrics.Definition definition);

    /** {@code DELETE /api/metrics/definitions/{name}}: 404 when there is no such definition. */
    void deleteMetricDefinition(String name);

    /** {@code GET /api/metrics/snapshots}: persisted snapshots, newest first; of one metric when named. */
    Metrics.Snapshots metricSnapshots(String metric, Integer limit);

    /** {@code POST /api/funnels/query}. */
    Funnels.Result funnel(Funnels.Query query);

    /** {@code POST /api/funnels/actors}: who reached, or dropped at, one step of a funnel. */
    Funnels.Actors funnelActors(Funnels.ActorsQuery query);

    /** {@code POST /api/attribution/query}. */
    Attribution.Result attribution(Attribution.Query query);

    /** {@code GET /api/businesses/{id}/health}: 404 when the business has no events and no record. */
    BusinessHealth businessHealth(String businessId, BusinessHealth.Query query);

    /** {@code POST /api/intelligence/agent-context}. */
    AgentContext.Result agentContext(AgentContext.Query query);

    /** {@code GET /api/usage}: metering of the calls served for this workspace. */
    Usage.Report usage(Usage.Query query);

    // ---- Governance (PRODUCT.md §5, docs/governance.md) ----

    /** {@code GET /api/governance/principal}: who this port acts as. */
    Governance.Identity identity();

    /** {@code POST /api/governance/contracts}: 201 with the stored contract. */
    Governance.Contract createContract(Governance.NewContract contract);

    /** {@code GET /api/governance/contracts}: newest first. */
    Governance.Contracts contracts();

    /** {@code POST /api/governance/contracts/{id}/revoke}: at once; 409 when already revoked. */
    Governance.Contract revokeContract(String contractId, Governance.ReasonRequest reason);

    /** {@code POST /api/governance/grants}: 201 with the stored grant. */
    Governance.Grant createGrant(Governance.NewGrant grant);

    /** {@code GET /api/governance/grants}: newest first. */
    Governance.Grants grants();

    /** {@code POST /api/governance/grants/{id}/revoke}: at once; 409 when already revoked. */
    Governance.Grant revokeGrant(String grantId, Governance.ReasonRequest reason);

    /** {@code POST /api/governance/decisions}: 201 with the decision; the caller is its proposer. */
    Governance.Decision proposeDecision(Governance.NewDecision decision);

    /** {@code GET /api/governance/decisions[?state=]}: newest first; every state when null. */
    Governance.Decisions decisions(String state);

    /** {@code GET /api/governance/decisions/{id}}: 404 when unknown. */
    Governance.Decision decision(String decisionId);

    /** {@code POST /api/governance/decisions/{id}/submit}: draft → pending_approval. */
    Governance.Decision submitDecision(String decisionId);

    /**
     * {@code POST /api/governance/decisions/{id}/approve}: 403 for the proposer, 409 for the same
     * approver twice, a different digest, or a state that cannot be approved.
     */
    Governance.Decision approveDecision(String decisionId, Governance.ApproveRequest approval);

    /** {@code POST /api/governance/decisions/{id}/deny}: any open state → denied. */
    Governance.Decision denyDecision(String decisionId, Governance.ReasonRequest reason);

    /** {@code POST /api/governance/decisions/{id}/revoke}: any open state → revoked. */
    Governance.Decision revokeDecision(String decisionId, Governance.ReasonRequest reason);

    /**
     * {@code POST /api/governance/enforce}: every check, one atomic check-and-consume; the receipt
     * (allow, deny or escrow) is committed before it is answered. Any error while checking is a deny.
     */
    Governance.Receipt enforce(Governance.EnforceRequest request);

    /** {@code GET /api/governance/receipts[?traceId=&decisionObjectId=]}: newest first, with the chain status. */
    Governance.Receipts receipts(String traceId, String decisionObjectId);

    /** {@code GET /api/governance/public-key}: created on first use. */
    Governance.PublicKey publicKey();

    // ---- Proof trails ----

    /** {@code POST /api/proof-event-trails/preview}: the counts an export would write. */
    ProofTrails.Preview previewProofTrail(ProofTrails.ExportRequest request);

    /** {@code POST /api/proof-event-trails/export}: writes a {@code .haproof} packet and, when asked, pushes it. */
    ProofTrails.ExportResult exportProofTrail(ProofTrails.ExportRequest request);

    /** {@code GET /api/proof-event-trails}: the packets exported, newest first. */
    ProofTrails.Trails proofTrails();

    /** {@code GET /api/proof-event-trails/{proofId}/packet}: the zip's bytes; 404 when unknown. */
    byte[] proofPacket(String proofId);

    /** {@code GET /api/proof-event-trails/settings}. */
    ProofTrails.PushSettings proofPushSettings();

    /** {@code PUT /api/proof-event-trails/settings}: an https URL, or null to stop pushing. */
    ProofTrails.PushSettings saveProofPushSettings(ProofTrails.PushSettings settings);

    // ---- Trackables (PRODUCT.md §6) ----

    /** {@code POST /api/trackables}: 201 with the stored trackable and a new code that never collides. */
    Trackables.Trackable createTrackable(Trackables.NewTrackable trackable);

    /** {@code GET /api/trackables[?code=&kind=&q=&limit=]}: newest first. */
    Trackables.TrackableList trackables(Trackables.Query query);

    /** {@code GET /api/trackables/{code}}: read forgivingly (lower case, O for 0); 404 when unknown. */
    Trackables.Trackable trackable(String code);

    // ---- The operating graph (docs/graph.md) ----

    /** {@code GET /api/entities?type=&q=&limit=&cursor=}: entities by type, then id. */
    Entities.Page entities(Entities.Query query);

    /** {@code GET /api/entities/{type}/{id}}: the entity, its relationships and its latest events; 404 when unknown. */
    Entities.Detail entity(String type, String id);

    /** {@code GET /api/entities/{type}/{id}/events?limit=&cursor=}: the events that mention it, newest first; 404 when unknown. */
    EventPage entityEvents(Entities.EventsQuery query);

    // ---- Tracking plans (docs/api.md, Tracking plans) ----

    /** {@code GET /api/tracking-plans}: every plan, by id. */
    TrackingPlans.Plans trackingPlans();

    /** {@code PUT /api/tracking-plans/{id}}: stores or replaces the plan; ingest checks it from then on. */
    TrackingPlan saveTrackingPlan(TrackingPlan plan);

    /** {@code DELETE /api/tracking-plans/{id}}: 404 when there is no such plan. */
    void deleteTrackingPlan(String planId);

    /** {@code GET /api/tracking-plans/{id}/violations?limit=}: the recent events that break the plan; 404 when unknown. */
    TrackingPlans.Report trackingPlanViolations(String planId, Integer limit);

    // ---- Agents and workflows (GraphQL agentPerformance, workflowStatus) ----

    /** GraphQL {@code agentPerformance(agentId)}: zero counts for an agent with no events. */
    AgentPerformance.Result agentPerformance(AgentPerformance.Query query);

    /** GraphQL {@code workflowStatus(workflowId)}: no runs for a workflow with no events. */
    WorkflowStatus.Result workflowStatus(WorkflowStatus.Query query);

    // ---- Connectors and destination exports (docs/connectors.md, docs/exports.md) ----

    /** {@code POST /api/connectors/ingest}: maps provider records to events and stores them atomically, or only maps them on a dry run. */
    Connectors.Result connectorIngest(Connectors.Request request);

    /** {@code GET /api/connectors/providers}: the providers and record types the mappings cover. */
    Connectors.Providers connectorProviders();

    /**
     * {@code POST /api/exports/destinations}: writes or uploads the export and its receipt. A failed
     * upload is recorded as a failed receipt and answered 502 {@code destination_failed}.
     */
    Exports.Result exportToDestination(Exports.Request request);

    /** {@code GET /api/exports/receipts?limit=}: the receipts, newest first. */
    Exports.Receipts exportReceipts(Integer limit);

    /** {@code POST /api/exports/receipts/{id}/retry}: runs a failed export again as a new export; 404 unknown, 409 not failed. */
    Exports.Result retryExport(String exportId, Exports.RetryRequest request);

    /** What the server behind this port offers; the embedded engine offers everything. */
    default Capabilities capabilities() {
        return Capabilities.ALL;
    }
}
