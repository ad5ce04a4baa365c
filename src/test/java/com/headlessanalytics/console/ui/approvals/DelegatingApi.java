package com.headlessanalytics.console.ui.approvals;

import com.headlessanalytics.console.domain.plan.TrackingPlan;
import com.headlessanalytics.console.api.Entities;
import com.headlessanalytics.console.api.Connectors;
import com.headlessanalytics.console.api.Exports;
import com.headlessanalytics.console.api.WorkflowStatus;
import com.headlessanalytics.console.api.AgentPerformance;
import com.headlessanalytics.console.api.TrackingPlans;
import com.headlessanalytics.console.api.AgentContext;
import com.headlessanalytics.console.api.Attribution;
import com.headlessanalytics.console.api.BusinessHealth;
import com.headlessanalytics.console.api.EventNames;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.IngestResult;
import com.headlessanalytics.console.api.Metrics;
import com.headlessanalytics.console.api.ProofTrails;
import com.headlessanalytics.console.api.Trackables;
import com.headlessanalytics.console.api.RuntimeHealth;
import com.headlessanalytics.console.api.Usage;
import java.util.List;
import java.util.Map;

/** A port that passes every call on to another; a test overrides the calls it changes. */
class DelegatingApi implements HeadlessApi {
    private final HeadlessApi delegate;

    DelegatingApi(HeadlessApi delegate) {
        this.delegate = delegate;
    }

    @Override
    public IngestResult ingest(List<Map<String, Object>> events) {
        return delegate.ingest(events);
    }

    @Override
    public EventPage events(EventQuery query) {
        return delegate.events(query);
    }

    @Override
    public EventNames eventNames(String businessId) {
        return delegate.eventNames(businessId);
    }

    @Override
    public RuntimeHealth health() {
        return delegate.health();
    }

    @Override
    public Metrics.Result metrics(Metrics.Query query) {
        return delegate.metrics(query);
    }

    @Override
    public Metrics.Definitions metricDefinitions() {
        return delegate.metricDefinitions();
    }

    @Override
    public Metrics.Definition saveMetricDefinition(Metrics.Definition definition) {
        return delegate.saveMetricDefinition(definition);
    }

    @Override
    public void deleteMetricDefinition(String name) {
        delegate.deleteMetricDefinition(name);
    }

    @Override
    public Metrics.Snapshots metricSnapshots(String metric, Integer limit) {
        return delegate.metricSnapshots(metric, limit);
    }

    @Override
    public Funnels.Result funnel(Funnels.Query query) {
        return delegate.funnel(query);
    }

    @Override
    public Funnels.Actors funnelActors(Funnels.ActorsQuery query) {
        return delegate.funnelActors(query);
    }

    @Override
    public Attribution.Result attribution(Attribution.Query query) {
        return delegate.attribution(query);
    }

    @Override
    public BusinessHealth businessHealth(String businessId, BusinessHealth.Query query) {
        return delegate.businessHealth(businessId, query);
    }

    @Override
    public AgentContext.Result agentContext(AgentContext.Query query) {
        return delegate.agentContext(query);
    }

    @Override
    public Usage.Report usage(Usage.Query query) {
        return delegate.usage(query);
    }

    @Override
    public Governance.Identity identity() {
        return delegate.identity();
    }

    @Override
    public Governance.Contract createContract(Governance.NewContract contract) {
        return delegate.createContract(contract);
    }

    @Override
    public Governance.Contracts contracts() {
        return delegate.contracts();
    }

    @Override
    public Governance.Contract revokeContract(String contractId, Governance.ReasonRequest reason) {
        return delegate.revokeContract(contractId, reason);
    }

    @Override
    public Governance.Grant createGrant(Governance.NewGrant grant) {
        return delegate.createGrant(grant);
    }

    @Override
    public Governance.Grants grants() {
        return delegate.grants();
    }

    @Override
    public Governance.Grant revokeGrant(String grantId, Governance.ReasonRequest reason) {
        return delegate.revokeGrant(grantId, reason);
    }

    @Override
    public Governance.Decision proposeDecision(Governance.NewDecision decision) {
        return delegate.proposeDecision(decision);
    }

    @Override
    public Governance.Decisions decisions(String state) {
        return delegate.decisions(state);
    }

    @Override
    public Governance.Decision decision(String decisionId) {
        return delegate.decision(decisionId);
    }

    @Override
    public Governance.Decision submitDecision(String decisionId) {
        return delegate.submitDecision(decisionId);
    }

    @Override
    public Governance.Decision approveDecision(String decisionId, Governance.ApproveRequest approval) {
        return delegate.approveDecision(decisionId, approval);
    }

    @Override
    public Governance.Decision denyDecision(String decisionId, Governance.ReasonRequest reason) {
        return delegate.denyDecision(decisionId, reason);
    }

    @Override
    public Governance.Decision revokeDecision(String decisionId, Governance.ReasonRequest reason) {
        return delegate.revokeDecision(decisionId, reason);
    }

    @Override
    public Governance.Receipt enforce(Governance.EnforceRequest request) {
        return delegate.enforce(request);
    }

    @Override
    public Governance.Receipts receipts(String traceId, String decisionObjectId) {
        return delegate.receipts(traceId, decisionObjectId);
    }

    @Override
    public Governance.PublicKey publicKey() {
        return delegate.publicKey();
    }

    @Override
    public ProofTrails.Preview previewProofTrail(ProofTrails.ExportRequest request) {
        return delegate.previewProofTrail(request);
    }

    @Override
    public ProofTrails.ExportResult exportProofTrail(ProofTrails.ExportRequest request) {
        return delegate.exportProofTrail(request);
    }

    @Override
    public ProofTrails.Trails proofTrails() {
        return delegate.proofTrails();
    }

    @Override
    public byte[] proofPacket(String proofId) {
        return delegate.proofPacket(proofId);
    }

    @Override
    public ProofTrails.PushSettings proofPushSettings() {
        return delegate.proofPushSettings();
    }

    @Override
    public ProofTrails.PushSettings saveProofPushSettings(ProofTrails.PushSettings settings) {
        return delegate.saveProofPushSettings(settings);
    }

    @Override
    public Trackables.Trackable createTrackable(Trackables.NewTrackable trackable) {
        return delegate.createTrackable(trackable);
    }

    @Override
    public Trackables.TrackableList trackables(Trackables.Query query) {
        return delegate.trackables(query);
    }

    @Override
    public Trackables.Trackable trackable(String code) {
        return delegate.trackable(code);
    }

    @Override
    public Entities.Page entities(Entities.Query query) {
        return delegate.entities(query);
    }

    @Override
    public Entities.Detail entity(String type, String id) {
        return delegate.entity(type, id);
    }

    @Override
    public EventPage entityEvents(Entities.EventsQuery query) {
        return delegate.entityEvents(query);
    }

    @Override
    public TrackingPlans.Plans trackingPlans() {
        return delegate.trackingPlans();
    }

    @Override
    public TrackingPlan saveTrackingPlan(TrackingPlan plan) {
        return delegate.saveTrackingPlan(plan);
    }

    @Override
    public void deleteTrackingPlan(String planId) {
        delegate.deleteTrackingPlan(planId);
    }

    @Override
    public TrackingPlans.Report trackingPlanViolations(String planId, Integer limit) {
        return delegate.trackingPlanViolations(planId, limit);
    }

    @Override
    public AgentPerformance.Result agentPerformance(AgentPerformance.Query query) {
        return delegate.agentPerformance(query);
    }

    @Override
    public WorkflowStatus.Result workflowStatus(WorkflowStatus.Query query) {
        return delegate.workflowStatus(query);
    }

    @Override
    public Connectors.Result connectorIngest(Connectors.Request request) {
        return delegate.connectorIngest(request);
    }

    @Override
    public Connectors.Providers connectorProviders() {
        return delegate.connectorProviders();
    }

    @Override
    public Exports.Result exportToDestination(Exports.Request request) {
        return delegate.exportToDestination(request);
    }

    @Override
    public Exports.Receipts exportReceipts(Integer limit) {
        return delegate.exportReceipts(limit);
    }

    @Override
    public Exports.Result retryExport(String exportId, Exports.RetryRequest request) {
        return delegate.retryExport(exportId, request);
    }
}
