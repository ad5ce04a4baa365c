package com.headlessanalytics.console.api;

import com.headlessanalytics.console.domain.plan.TrackingPlan;

/** For test doubles of the analytics screens: every governance and proof-trail call fails loudly. */
public interface AnalyticsOnlyApi extends HeadlessApi {

    @Override
    default Governance.Identity identity() {
        throw new UnsupportedOperationException("identity is not prepared in this test");
    }

    @Override
    default Governance.Contract createContract(Governance.NewContract contract) {
        throw new UnsupportedOperationException("createContract is not prepared in this test");
    }

    @Override
    default Governance.Contracts contracts() {
        throw new UnsupportedOperationException("contracts is not prepared in this test");
    }

    @Override
    default Governance.Contract revokeContract(String contractId, Governance.ReasonRequest reason) {
        throw new UnsupportedOperationException("revokeContract is not prepared in this test");
    }

    @Override
    default Governance.Grant createGrant(Governance.NewGrant grant) {
        throw new UnsupportedOperationException("createGrant is not prepared in this test");
    }

    @Override
    default Governance.Grants grants() {
        throw new UnsupportedOperationException("grants is not prepared in this test");
    }

    @Override
    default Governance.Grant revokeGrant(String grantId, Governance.ReasonRequest reason) {
        throw new UnsupportedOperationException("revokeGrant is not prepared in this test");
    }

    @Override
    default Governance.Decision proposeDecision(Governance.NewDecision decision) {
        throw new UnsupportedOperationException("proposeDecision is not prepared in this test");
    }

    @Override
    default Governance.Decisions decisions(String state) {
        throw new UnsupportedOperationException("decisions is not prepared in this test");
    }

    @Override
    default Governance.Decision decision(String decisionId) {
        throw new UnsupportedOperationException("decision is not prepared in this test");
    }

    @Override
    default Governance.Decision submitDecision(String decisionId) {
        throw new UnsupportedOperationException("submitDecision is not prepared in this test");
    }

    @Override
    default Governance.Decision approveDecision(String decisionId, Governance.ApproveRequest approval) {
        throw new UnsupportedOperationException("approveDecision is not prepared in this test");
    }

    @Override
    default Governance.Decision denyDecision(String decisionId, Governance.ReasonRequest reason) {
        throw new UnsupportedOperationException("denyDecision is not prepared in this test");
    }

    @Override
    default Governance.Decision revokeDecision(String decisionId, Governance.ReasonRequest reason) {
        throw new UnsupportedOperationException("revokeDecision is not prepared in this test");
    }

    @Override
    default Governance.Receipt enforce(Governance.EnforceRequest request) {
        throw new UnsupportedOperationException("enforce is not prepared in this test");
    }

    @Override
    default Governance.Receipts receipts(String traceId, String decisionObjectId) {
        throw new UnsupportedOperationException("receipts is not prepared in this test");
    }

    @Override
    default Governance.PublicKey publicKey() {
        throw new UnsupportedOperationException("publicKey is not prepared in this test");
    }

    @Override
    default ProofTrails.Preview previewProofTrail(ProofTrails.ExportRequest request) {
        throw new UnsupportedOperationException("previewProofTrail is not prepared in this test");
    }

    @Override
    default ProofTrails.ExportResult exportProofTrail(ProofTrails.ExportRequest request) {
        throw new UnsupportedOperationException("exportProofTrail is not prepared in this test");
    }

    @Override
    default ProofTrails.Trails proofTrails() {
        throw new UnsupportedOperationException("proofTrails is not prepared in this test");
    }

    @Override
    default byte[] proofPacket(String proofId) {
        throw new UnsupportedOperationException("proofPacket is not prepared in this test");
    }

    @Override
    default ProofTrails.PushSettings proofPushSettings() {
        throw new UnsupportedOperationException("proofPushSettings is not prepared in this test");
    }

    @Override
    default ProofTrails.PushSettings saveProofPushSettings(ProofTrails.PushSettings settings) {
        throw new UnsupportedOperationException("saveProofPushSettings is not prepared in this test");
    }

    @Override
    default Trackables.Trackable createTrackable(Trackables.NewTrackable trackable) {
        throw new UnsupportedOperationException("createTrackable is not prepared in this test");
    }

    @Override
    default Trackables.TrackableList trackables(Trackables.Query query) {
        throw new UnsupportedOperationException("trackables is not prepared in this test");
    }

    @Override
    default Trackables.Trackable trackable(String code) {
        throw new UnsupportedOperationException("trackable is not prepared in this test");
    }

    @Override
    default Entities.Page entities(Entities.Query query) {
        throw new UnsupportedOperationException("entities is not prepared in this test");
    }

    @Override
    default Entities.Detail entity(String type, String id) {
        throw new UnsupportedOperationException("entity is not prepared in this test");
    }

    @Override
    default EventPage entityEvents(Entities.EventsQuery query) {
        throw new UnsupportedOperationException("entityEvents is not prepared in this test");
    }

    @Override
    default TrackingPlans.Plans trackingPlans() {
        throw new UnsupportedOperationException("trackingPlans is not prepared in this test");
    }

    @Override
    default TrackingPlan saveTrackingPlan(TrackingPlan plan) {
        throw new UnsupportedOperationException("saveTrackingPlan is not prepared in this test");
    }

    @Override
    default void deleteTrackingPlan(String planId) {
        throw new UnsupportedOperationException("deleteTrackingPlan is not prepared in this test");
    }

    @Override
    default TrackingPlans.Report trackingPlanViolations(String planId, Integer limit) {
        throw new UnsupportedOperationException("trackingPlanViolations is not prepared in this test");
    }

    @Override
    default AgentPerformance.Result agentPerformance(AgentPerformance.Query query) {
        throw new UnsupportedOperationException("agentPerformance is not prepared in this test");
    }

    @Override
    default WorkflowStatus.Result workflowStatus(WorkflowStatus.Query query) {
        throw new UnsupportedOperationException("workflowStatus is not prepared in this test");
    }

    @Override
    default Connectors.Result connectorIngest(Connectors.Request request) {
        throw new UnsupportedOperationException("connectorIngest is not prepared in this test");
    }

    @Override
    default Connectors.Providers connectorProviders() {
        throw new UnsupportedOperationException("connectorProviders is not prepared in this test");
    }

    @Override
    default Exports.Result exportToDestination(Exports.Request request) {
        throw new UnsupportedOperationException("exportToDestination is not prepared in this test");
    }

    @Override
    default Exports.Receipts exportReceipts(Integer limit) {
        throw new UnsupportedOperationException("exportReceipts is not prepared in this test");
    }

    @Override
    default Exports.Result retryExport(String exportId, Exports.RetryRequest request) {
        throw new UnsupportedOperationException("retryExport is not prepared in this test");
    }
}
