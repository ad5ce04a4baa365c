package com.headlessanalytics.console.api;

import com.headlessanalytics.console.domain.plan.TrackingPlan;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A governance port for the governance screens' ViewModel tests: contracts and grants kept in
 * lists (newest first) and revoked in place, receipts and proof trails as the test sets them, and
 * every call recorded. Analytics and events fail loudly; so does anything a test did not prepare.
 */
public final class InMemoryGovernanceApi implements HeadlessApi {
    public static final Proof PROOF = new Proof("qry_1", "ws_1", "default", new Period(null, null), 0L,
            Proof.SCHEMA_VERSION);

    public final List<String> calls = new ArrayList<>();
    /** What the server behind this port offers; the setup lists of a feature not offered are refused as RemoteApi refuses them. */
    public Capabilities capabilities = Capabilities.ALL;
    public final List<Governance.Contract> contracts = new ArrayList<>();
    public final List<Governance.Grant> grants = new ArrayList<>();
    public final List<Governance.Decision> decisions = new ArrayList<>();
    public final List<Governance.Receipt> receipts = new ArrayList<>();
    public Governance.ChainStatus chain = new Governance.ChainStatus(0, null, true, null);
    public final List<Governance.NewContract> createdContracts = new ArrayList<>();
    public final List<Governance.NewGrant> createdGrants = new ArrayList<>();
    public final List<String> revokeReasons = new ArrayList<>();
    public final List<ProofTrails.ExportRequest> previews = new ArrayList<>();
    public final List<ProofTrails.ExportRequest> exports = new ArrayList<>();
    public final List<ProofTrails.Trail> trails = new ArrayList<>();
    public final Map<String, byte[]> packets = new HashMap<>();
    public final List<String> savedEndpoints = new ArrayList<>();
    public String endpoint;
    public String principal = "operator:ann";
    public String keyId = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
    public long now = 1_780_000_000_000L;
    /** Thrown by the next create, revoke, export or settings save when set (then cleared). */
    public RuntimeException failNext;
    public Function<ProofTrails.ExportRequest, ProofTrails.Counts> counts = r -> new ProofTrails.Counts(0, 0, 0, 0);
    public Function<ProofTrails.ExportRequest, ProofTrails.Push> push = r -> null;
    private int ids;

    private void fail() {
        RuntimeException f = failNext;
        failNext = null;
        if (f != null) {
            throw f;
        }
    }

    private String id(String prefix) {
        return prefix + "_" + (++ids);
    }

    // ---- governance ----

    @Override
    public Governance.Identity identity() {
        calls.add("identity");
        return new Governance.Identity(principal, "ws_1", PROOF);
    }

    @Override
    public Governance.Contract createContract(Governance.NewContract c) {
        calls.add("createContract");
        fail();
        createdContracts.add(c);
        Governance.Contract stored = new Governance.Contract(id("ctr"), c.name(), c.businessId() == null ? "default"
                : c.businessId(), c.surface(), c.allowedActions(), c.perActionLimit(), c.cumulativeLimit(),
                c.minTrustTier(), c.requiredCompliancePacks(), c.validFrom() == null ? now : c.validFrom(),
                c.validTo(), principal, now, null, null, null, BigDecimal.ZERO,
                c.cumulativeLimit() == null ? null : c.cumulativeLimit().amount(), "active");
        contracts.add(0, stored);
        return stored;
    }

    @Override
    public Governance.Contracts contracts() {
        calls.add("contracts");
        if (!capabilities.offers(Capabilities.Feature.GOVERNANCE_SETUP)) {
            throw ApiException.notOffered(Capabilities.Feature.GOVERNANCE_SETUP);
        }
        return new Governance.Contracts(List.copyOf(contracts), PROOF);
    }

    @Override
    public Governance.Contract revokeContract(String id, Governance.ReasonRequest reason) {
        calls.add("revokeContract " + id);
        fail();
        revokeReasons.add(reason.reason());
        for (int i = 0; i < contracts.size(); i++) {
            Governance.Contract c = contracts.get(i);
            if (c.id().equals(id)) {
                Governance.Contract r = new Governance.Contract(c.id(), c.name(), c.businessId(), c.surface(),
                        c.allowedActions(), c.perActionLimit(), c.cumulativeLimit(), c.minTrustTier(),
                        c.requiredCompliancePacks(), c.validFrom(), c.validTo(), c.createdBy(), c.createdAt(), now,
                        principal, reason.reason(), c.spent(), c.remaining(), "revoked");
                contracts.set(i, r);
                return r;
            }
        }
        throw ApiException.notFound("no contract " + id);
    }

    @Override
    public Governance.Grant createGrant(Governance.NewGrant g) {
        calls.add("createGrant");
        fail();
        createdGrants.add(g);
        Governance.Grant stored = new Governance.Grant(id("grt"), g.grantee(), g.actions(), g.amountLimit(),
                g.validFrom() == null ? now : g.validFrom(), g.validTo(), g.contractId(), principal, now, null, null,
                null, BigDecimal.ZERO, g.amountLimit() == null ? null : g.amountLimit().amount(), "active");
        grants.add(0, stored);
        return stored;
    }

    @Override
    public Governance.Grants grants() {
        calls.add("grants");
        if (!capabilities.offers(Capabilities.Feature.GOVERNANCE_SETUP)) {
            throw ApiException.notOffered(Capabilities.Feature.GOVERNANCE_SETUP);
        }
        return new Governance.Grants(List.copyOf(grants), PROOF);
    }

    @Override
    public Governance.Grant revokeGrant(String id, Governance.ReasonRequest reason) {
        calls.add("revokeGrant " + id);
        fail();
        revokeReasons.add(reason.reason());
        for (int i = 0; i < grants.size(); i++) {
            Governance.Grant g = grants.get(i);
            if (g.id().equals(id)) {
                Governance.Grant r = new Governance.Grant(g.id(), g.grantee(), g.actions(), g.amountLimit(),
                        g.validFrom(), g.validTo(), g.contractId(), g.createdBy(), g.createdAt(), now, principal,
                        reason.reason(), g.spent(), g.remaining(), "revoked");
                grants.set(i, r);
                return r;
            }
        }
        throw ApiException.notFound("no grant " + id);
    }

    @Override
    public Governance.Decision proposeDecision(Governance.NewDecision decision) {
        throw new UnsupportedOperationException("proposeDecision is not prepared in this test");
    }

    @Override
    public Governance.Decisions decisions(String state) {
        calls.add("decisions " + state);
        return new Governance.Decisions(decisions.stream().filter(d -> state == null || state.equals(d.state()))
                .toList(), PROOF);
    }

    @Override
    public Governance.Decision decision(String decisionId) {
        calls.add("decision " + decisionId);
        return decisions.stream().filter(d -> d.id().equals(decisionId)).findFirst()
                .orElseThrow(() -> ApiException.notFound("no decision " + decisionId));
    }

    @Override
    public Governance.Decision submitDecision(String decisionId) {
        throw new UnsupportedOperationException("submitDecision is not prepared in this test");
    }

    @Override
    public Governance.Decision approveDecision(String decisionId, Governance.ApproveRequest approval) {
        throw new UnsupportedOperationException("approveDecision is not prepared in this test");
    }

    @Override
    public Governance.Decision denyDecision(String decisionId, Governance.ReasonRequest reason) {
        throw new UnsupportedOperationException("denyDecision is not prepared in this test");
    }

    @Override
    public Governance.Decision revokeDecision(String decisionId, Governance.ReasonRequest reason) {
        throw new UnsupportedOperationException("revokeDecision is not prepared in this test");
    }

    @Override
    public Governance.Receipt enforce(Governance.EnforceRequest request) {
        throw new UnsupportedOperationException("enforce is not prepared in this test");
    }

    @Override
    public Governance.Receipts receipts(String traceId, String decisionObjectId) {
        calls.add("receipts " + traceId + " " + decisionObjectId);
        return new Governance.Receipts(receipts.stream()
                .filter(r -> traceId == null || traceId.equals(r.traceId()))
                .filter(r -> decisionObjectId == null || decisionObjectId.equals(r.decisionObjectId())).toList(),
                chain, PROOF);
    }

    @Override
    public Governance.PublicKey publicKey() {
        calls.add("publicKey");
        return new Governance.PublicKey("Ed25519", keyId, keyId, "-----BEGIN PUBLIC KEY-----", now, PROOF);
    }

    // ---- proof trails ----

    @Override
    public ProofTrails.Preview previewProofTrail(ProofTrails.ExportRequest request) {
        calls.add("previewProofTrail");
        previews.add(request);
        return new ProofTrails.Preview(counts.apply(request), PROOF);
    }

    @Override
    public ProofTrails.ExportResult exportProofTrail(ProofTrails.ExportRequest request) {
        calls.add("exportProofTrail");
        fail();
        exports.add(request);
        String id = id("prf");
        ProofTrails.Push p = push.apply(request);
        ProofTrails.Trail t = new ProofTrails.Trail(id, request.title(), now, principal, counts.apply(request),
                "ab".repeat(32), "cd".repeat(32), "/data/proofs/" + id + ".haproof", 2048, "ef".repeat(32), p);
        trails.add(0, t);
        packets.put(id, ("packet " + id).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new ProofTrails.ExportResult(id, t, null, t.location(), p, PROOF);
    }

    @Override
    public ProofTrails.Trails proofTrails() {
        calls.add("proofTrails");
        return new ProofTrails.Trails(List.copyOf(trails), PROOF);
    }

    @Override
    public byte[] proofPacket(String proofId) {
        calls.add("proofPacket " + proofId);
        byte[] bytes = packets.get(proofId);
        if (bytes == null) {
            throw ApiException.notFound("no packet " + proofId);
        }
        return bytes;
    }

    @Override
    public ProofTrails.PushSettings proofPushSettings() {
        calls.add("proofPushSettings");
        return new ProofTrails.PushSettings(endpoint, PROOF);
    }

    @Override
    public ProofTrails.PushSettings saveProofPushSettings(ProofTrails.PushSettings settings) {
        calls.add("saveProofPushSettings");
        fail();
        savedEndpoints.add(settings.endpoint());
        endpoint = settings.endpoint();
        return new ProofTrails.PushSettings(endpoint, PROOF);
    }

    // ---- not governance ----

    private static UnsupportedOperationException analytics() {
        return new UnsupportedOperationException("this test fake serves governance only");
    }

    @Override
    public IngestResult ingest(List<Map<String, Object>> events) {
        throw analytics();
    }

    @Override
    public EventPage events(EventQuery query) {
        throw analytics();
    }

    @Override
    public EventNames eventNames(String businessId) {
        throw analytics();
    }

    @Override
    public RuntimeHealth health() {
        throw analytics();
    }

    @Override
    public Metrics.Result metrics(Metrics.Query query) {
        throw analytics();
    }

    @Override
    public Metrics.Definitions metricDefinitions() {
        throw analytics();
    }

    @Override
    public Metrics.Definition saveMetricDefinition(Metrics.Definition definition) {
        throw analytics();
    }

    @Override
    public void deleteMetricDefinition(String name) {
        throw analytics();
    }

    @Override
    public Metrics.Snapshots metricSnapshots(String metric, Integer limit) {
        throw analytics();
    }

    @Override
    public Funnels.Result funnel(Funnels.Query query) {
        throw analytics();
    }

    @Override
    public Funnels.Actors funnelActors(Funnels.ActorsQuery query) {
        throw analytics();
    }

    @Override
    public Attribution.Result attribution(Attribution.Query query) {
        throw analytics();
    }

    @Override
    public BusinessHealth businessHealth(String businessId, BusinessHealth.Query query) {
        throw analytics();
    }

    @Override
    public AgentContext.Result agentContext(AgentContext.Query query) {
        throw analytics();
    }

    @Override
    public Usage.Report usage(Usage.Query query) {
        throw analytics();
    }

    @Override
    public Trackables.Trackable createTrackable(Trackables.NewTrackable trackable) {
        throw new UnsupportedOperationException("trackables are not prepared in this test");
    }

    @Override
    public Trackables.TrackableList trackables(Trackables.Query query) {
        throw new UnsupportedOperationException("trackables are not prepared in this test");
    }

    @Override
    public Trackables.Trackable trackable(String code) {
        throw new UnsupportedOperationException("trackables are not prepared in this test");
    }

    @Override
    public Entities.Page entities(Entities.Query query) {
        throw new UnsupportedOperationException("entities are not prepared in this test");
    }

    @Override
    public Entities.Detail entity(String type, String id) {
        throw new UnsupportedOperationException("entities are not prepared in this test");
    }

    @Override
    public EventPage entityEvents(Entities.EventsQuery query) {
        throw new UnsupportedOperationException("entities are not prepared in this test");
    }

    @Override
    public TrackingPlans.Plans trackingPlans() {
        throw new UnsupportedOperationException("trackingPlans is not prepared in this test");
    }

    @Override
    public TrackingPlan saveTrackingPlan(TrackingPlan plan) {
        throw new UnsupportedOperationException("saveTrackingPlan is not prepared in this test");
    }

    @Override
    public void deleteTrackingPlan(String planId) {
        throw new UnsupportedOperationException("deleteTrackingPlan is not prepared in this test");
    }

    @Override
    public TrackingPlans.Report trackingPlanViolations(String planId, Integer limit) {
        throw new UnsupportedOperationException("trackingPlanViolations is not prepared in this test");
    }

    @Override
    public AgentPerformance.Result agentPerformance(AgentPerformance.Query query) {
        throw new UnsupportedOperationException("agentPerformance is not prepared in this test");
    }

    @Override
    public WorkflowStatus.Result workflowStatus(WorkflowStatus.Query query) {
        throw new UnsupportedOperationException("workflowStatus is not prepared in this test");
    }

    @Override
    public Connectors.Result connectorIngest(Connectors.Request request) {
        throw new UnsupportedOperationException("connectorIngest is not prepared in this test");
    }

    @Override
    public Connectors.Providers connectorProviders() {
        throw new UnsupportedOperationException("connectorProviders is not prepared in this test");
    }

    @Override
    public Exports.Result exportToDestination(Exports.Request request) {
        throw new UnsupportedOperationException("exportToDestination is not prepared in this test");
    }

    @Override
    public Exports.Receipts exportReceipts(Integer limit) {
        throw new UnsupportedOperationException("exportReceipts is not prepared in this test");
    }

    @Override
    public Exports.Result retryExport(String exportId, Exports.RetryRequest request) {
        throw new UnsupportedOperationException("retryExport is not prepared in this test");
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }
}
