package com.headlessanalytics.console.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.Proof;
import com.headlessanalytics.console.api.ProofTrails;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.proof.CanonicalJson;
import com.headlessanalytics.console.proof.ChainRecord;
import com.headlessanalytics.console.proof.Ed25519;
import com.headlessanalytics.console.proof.Hashes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The governance and proof-trail operations in memory, for route tests before and beside the
 * engine: the rules the routes' statuses come from (unknown ids 404, the state table 409, the
 * proposer approving 403, an oversized action 413, reasons and https endpoints 400), no chain.
 * One instance is one workspace; each call names its principal.
 */
final class FakeGovernance {
    private final Map<String, Governance.Contract> contracts = new LinkedHashMap<>();
    private final Map<String, Governance.Grant> grants = new LinkedHashMap<>();
    private final Map<String, Governance.Decision> decisions = new LinkedHashMap<>();
    private final List<Governance.Receipt> receipts = new ArrayList<>();
    private final Map<String, ProofTrails.Trail> trails = new LinkedHashMap<>();
    private final Map<String, byte[]> packets = new LinkedHashMap<>();
    private final KeyPair key = Ed25519.generate();
    private final long keyCreatedAt = System.currentTimeMillis();
    private String pushEndpoint;
    private long next;

    private String id(String prefix) {
        return prefix + "_" + (++next);
    }

    synchronized Governance.Contract createContract(String principal, Governance.NewContract c) {
        if (c.businessId() == null || c.surface() == null) {
            throw invalid(c.businessId() == null ? "businessId" : "surface", "is required");
        }
        Governance.Contract stored = new Governance.Contract(id("ctr"), c.name(), c.businessId(), c.surface(),
                c.allowedActions(), c.perActionLimit(), c.cumulativeLimit(), c.minTrustTier(),
                c.requiredCompliancePacks(), c.validFrom(), c.validTo(), principal, System.currentTimeMillis(), null,
                null, null, BigDecimal.ZERO, c.cumulativeLimit() == null ? null : c.cumulativeLimit().amount(),
                "active");
        contracts.put(stored.id(), stored);
        return stored;
    }

    synchronized List<Governance.Contract> contracts() {
        return List.copyOf(contracts.values()).reversed();
    }

    synchronized Governance.Contract revokeContract(String principal, String id, Governance.ReasonRequest reason) {
        Governance.Contract c = known(contracts, id, "contract");
        checkReason(reason == null ? null : reason.reason());
        if (c.revokedAt() != null) {
            throw ApiException.conflict("contract " + id + " is already revoked");
        }
        Governance.Contract revoked = new Governance.Contract(c.id(), c.name(), c.businessId(), c.surface(),
                c.allowedActions(), c.perActionLimit(), c.cumulativeLimit(), c.minTrustTier(),
                c.requiredCompliancePacks(), c.validFrom(), c.validTo(), c.createdBy(), c.createdAt(),
                System.currentTimeMillis(), principal, reason.reason(), c.spent(), c.remaining(), "revoked");
        contracts.put(id, revoked);
        return revoked;
    }

    synchronized Governance.Grant createGrant(String principal, Governance.NewGrant g) {
        if (g.grantee() == null || g.contractId() == null) {
            throw invalid(g.grantee() == null ? "grantee" : "contractId", "is required");
        }
        Governance.Grant stored = new Governance.Grant(id("grt"), g.grantee(), g.actions(), g.amountLimit(),
                g.validFrom(), g.validTo(), g.contractId(), principal, System.currentTimeMillis(), null, null, null,
                BigDecimal.ZERO, g.amountLimit() == null ? null : g.amountLimit().amount(), "active");
        grants.put(stored.id(), stored);
        return stored;
    }

    synchronized List<Governance.Grant> grants() {
        return List.copyOf(grants.values()).reversed();
    }

    synchronized Governance.Grant revokeGrant(String principal, String id, Governance.ReasonRequest reason) {
        Governance.Grant g = known(grants, id, "grant");
        checkReason(reason == null ? null : reason.reason());
        if (g.revokedAt() != null) {
            throw ApiException.conflict("grant " + id + " is already revoked");
        }
        Governance.Grant revoked = new Governance.Grant(g.id(), g.grantee(), g.actions(), g.amountLimit(),
                g.validFrom(), g.validTo(), g.contractId(), g.createdBy(), g.createdAt(), System.currentTimeMillis(),
                principal, reason.reason(), g.spent(), g.remaining(), "revoked");
        grants.put(id, revoked);
        return revoked;
    }

    synchronized Governance.Decision propose(String principal, Governance.NewDecision d) {
        if (d.proposedAction() == null) {
            throw invalid("proposedAction", "is required");
        }
        if (ApiJson.size(d.proposedAction()) > Governance.MAX_ACTION_BYTES) {
            throw ApiException.tooLarge("the proposed action is larger than " + Governance.MAX_ACTION_BYTES + " bytes",
                    List.of(new FieldError(null, "proposedAction", "too_large", "is too large")));
        }
        if (d.grantId() == null || !grants.containsKey(d.grantId())) {
            throw invalid("grantId", "names no grant");
        }
        long now = System.currentTimeMillis();
        String state = Boolean.TRUE.equals(d.draft()) ? "draft" : "pending_approval";
        Governance.Decision stored = new Governance.Decision(id("dec"), state, d.proposedAction(),
                CanonicalJson.sha256(d.proposedAction()), principal, d.grantId(), d.contractId(),
                d.businessId() == null ? "default" : d.businessId(), d.evidence(), d.trustTier(), d.traceId(),
                d.requiredApprovals() == null ? 1 : d.requiredApprovals(),
                d.expiresAt() == null ? now + 86_400_000L : d.expiresAt(), List.of(),
                List.of(new Governance.HistoryEntry(now, principal, "proposed", null, state, null, null, next)), now,
                now);
        decisions.put(stored.id(), stored);
        return stored;
    }

    synchronized List<Governance.Decision> decisions(String state) {
        if (state != null) {
            try {
                Governance.State.valueOf(state.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw invalid("state", "is not a decision state");
            }
        }
        return decisions.values().stream().filter(d -> state == null || d.state().equals(state)).toList().reversed();
    }

    synchronized Governance.Decision decision(String id) {
        return known(decisions, id, "decision");
    }

    synchronized Governance.Decision submit(String principal, String id) {
        Governance.Decision d = known(decisions, id, "decision");
        requireState(d, "draft");
        return move(d, principal, "submitted", "pending_approval", null, d.approvals());
    }

    synchronized Governance.Decision approve(String principal, String id, Governance.ApproveRequest a) {
        Governance.Decision d = known(decisions, id, "decision");
        checkReason(a == null ? null : a.reason());
        if (d.proposer().equals(principal)) {
            throw ApiException.forbidden("the proposer cannot approve their own decision");
        }
        requireState(d, "pending_approval", "escrowed");
        if (!d.actionDigest().equals(a.actionDigest())) {
            throw ApiException.conflict("the digest approved differs from the decision's");
        }
        if (d.approvals().stream().anyMatch(x -> x.approver().equals(principal))) {
            throw ApiException.conflict(principal + " has already approved this decision");
        }
        List<Governance.Approval> approvals = new ArrayList<>(d.approvals());
        approvals.add(new Governance.Approval(principal, a.reason(), a.actionDigest(), System.currentTimeMillis()));
        return move(d, principal, "approved", approvals.size() >= d.requiredApprovals() ? "approved" : d.state(),
                a.reason(), approvals);
    }

    synchronized Governance.Decision close(String principal, String id, Governance.ReasonRequest reason, String to) {
        Governance.Decision d = known(decisions, id, "decision");
        checkReason(reason == null ? null : reason.reason());
        requireState(d, "draft", "pending_approval", "approved", "escrowed");
        return move(d, principal, to, to, reason.reason(), d.approvals());
    }

    synchronized Governance.Receipt enforce(String principal, Governance.EnforceRequest r) {
        if (r.decisionObjectId() == null || r.proposedAction() == null) {
            throw invalid(r.decisionObjectId() == null ? "decisionObjectId" : "proposedAction", "is required");
        }
        Governance.Decision d = decisions.get(r.decisionObjectId());
        String digest = CanonicalJson.sha256(r.proposedAction());
        List<Governance.Check> checks = new ArrayList<>();
        String outcome;
        if (d == null) {
            checks.add(new Governance.Check("decision_exists", false, "no such decision"));
            outcome = "deny";
        } else if (d.state().equals("pending_approval")) {
            checks.add(new Governance.Check("decision_approved", false, "pending approval"));
            outcome = "escrow";
            move(d, principal, "escrowed", "escrowed", null, d.approvals());
        } else if (d.state().equals("approved") && d.actionDigest().equals(digest)) {
            checks.add(new Governance.Check("decision_approved", true, "approved"));
            checks.add(new Governance.Check("action_digest", true, digest));
            outcome = "allow";
            move(d, principal, "released", "released", null, d.approvals());
        } else {
            checks.add(new Governance.Check("decision_approved", d.state().equals("approved"), d.state()));
            checks.add(new Governance.Check("action_digest", d.actionDigest().equals(digest), digest));
            outcome = "deny";
        }
        ObjectNode sealed = ChainRecord.seal(ApiJson.mapper().createObjectNode().put("kind", "receipt"),
                receipts.size() + 1, receipts.isEmpty() ? ChainRecord.GENESIS : receipts.getLast().recordHash(), key);
        Governance.Receipt receipt = new Governance.Receipt(id("rcp"), r.decisionObjectId(), outcome, checks, digest,
                System.currentTimeMillis(), principal, r.authorityGrantId(), r.contextContractId(),
                d == null ? null : d.traceId(), r.attestation(), sealed.get("seq").asLong(),
                sealed.get("prevHash").asText(), sealed.get("recordHash").asText(), sealed.get("keyId").asText(),
                sealed.get("signature").asText());
        receipts.add(receipt);
        return receipt;
    }

    synchronized Governance.Receipts receipts(String traceId, String decisionObjectId, Proof proof) {
        List<Governance.Receipt> matching = receipts.stream()
                .filter(x -> traceId == null || traceId.equals(x.traceId()))
                .filter(x -> decisionObjectId == null || decisionObjectId.equals(x.decisionObjectId()))
                .toList().reversed();
        return new Governance.Receipts(matching, new Governance.ChainStatus(receipts.size(),
                receipts.isEmpty() ? ChainRecord.GENESIS : receipts.getLast().recordHash(), true, null), proof);
    }

    Governance.PublicKey publicKey(Proof proof) {
        String fingerprint = Ed25519.fingerprint(key.getPublic());
        return new Governance.PublicKey("Ed25519", fingerprint, "SHA256:" + fingerprint,
                Ed25519.publicPem(key.getPublic()), keyCreatedAt, proof);
    }

    synchronized ProofTrails.Counts preview(ProofTrails.ExportRequest request) {
        checkExport(request);
        return new ProofTrails.Counts(0, decisions.size(), receipts.size(),
                request.evidence() == null ? 0 : request.evidence().size());
    }

    synchronized ProofTrails.ExportResult export(String principal, ProofTrails.ExportRequest request, Proof proof) {
        ProofTrails.Counts counts = preview(request);
        String proofId = id("prf");
        byte[] zip = zip(Map.of("manifest.json", "{\"proofId\":\"" + proofId + "\"}"));
        ProofTrails.Push push = Boolean.TRUE.equals(request.pushToSovereignProof())
                ? pushEndpoint == null
                    ? new ProofTrails.Push("not_configured", null, 0, null,
                            "no SovereignProof endpoint is configured; nothing was pushed", null)
                    : new ProofTrails.Push("delivered", pushEndpoint, 1, 200, null, System.currentTimeMillis())
                : null;
        ProofTrails.Trail trail = new ProofTrails.Trail(proofId, request.title(), System.currentTimeMillis(), principal,
                counts, "0".repeat(64), "0".repeat(64), "proofs/" + proofId + ".haproof", zip.length,
                Hashes.sha256Hex(zip), push);
        trails.put(proofId, trail);
        packets.put(proofId, zip);
        ObjectNode manifest = ApiJson.mapper().createObjectNode().put("proofId", proofId);
        return new ProofTrails.ExportResult(proofId, trail, manifest, trail.location(), push, proof);
    }

    synchronized List<ProofTrails.Trail> trails() {
        return List.copyOf(trails.values()).reversed();
    }

    synchronized byte[] packet(String proofId) {
        return known(packets, proofId, "proof packet");
    }

    synchronized String pushEndpoint() {
        return pushEndpoint;
    }

    synchronized String savePushEndpoint(String endpoint) {
        if (endpoint != null && !endpoint.startsWith("https://")) {
            throw invalid("endpoint", "must be an https URL");
        }
        pushEndpoint = endpoint;
        return endpoint;
    }

    private static void checkExport(ProofTrails.ExportRequest request) {
        if (request.title() == null || request.title().isBlank()) {
            throw invalid("title", "is required");
        }
    }

    private Governance.Decision move(Governance.Decision d, String principal, String action, String to, String reason,
                                     List<Governance.Approval> approvals) {
        long now = System.currentTimeMillis();
        List<Governance.HistoryEntry> history = new ArrayList<>(d.history());
        history.add(new Governance.HistoryEntry(now, principal, action, d.state(), to, reason, null, ++next));
        Governance.Decision moved = new Governance.Decision(d.id(), to, d.proposedAction(), d.actionDigest(),
                d.proposer(), d.grantId(), d.contractId(), d.businessId(), d.evidence(), d.trustTier(), d.traceId(),
                d.requiredApprovals(), d.expiresAt(), approvals, history, d.createdAt(), now);
        decisions.put(d.id(), moved);
        return moved;
    }

    private static void requireState(Governance.Decision d, String... states) {
        if (!List.of(states).contains(d.state())) {
            throw ApiException.conflict("decision " + d.id() + " is " + d.state());
        }
    }

    private static void checkReason(String reason) {
        if (reason == null || reason.isBlank() || reason.length() > Governance.MAX_REASON) {
            throw invalid("reason", "must be 1-" + Governance.MAX_REASON + " characters");
        }
    }

    private static <T> T known(Map<String, T> map, String id, String what) {
        T value = map.get(id);
        if (value == null) {
            throw ApiException.notFound("there is no " + what + " " + id);
        }
        return value;
    }

    private static ApiException invalid(String field, String message) {
        return ApiException.invalid("invalid field '" + field + "': " + message,
                List.of(new FieldError(null, field, "invalid_value", message)));
    }

    private static byte[] zip(Map<String, String> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
