package com.headlessanalytics.console.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Governance (PRODUCT.md §5, docs/governance.md): ContextContracts, AuthorityGrants,
 * DecisionObjects with their approvals, and EnforcementReceipts. Times are ms since epoch; money
 * is an exact decimal, accepted as a JSON number or string and always written as a string.
 * Objects answered alone (create, approve, enforce…) get the proof envelope from the server.
 */
public final class Governance {
    /** The largest {@code proposedAction}, as compact JSON. */
    public static final int MAX_ACTION_BYTES = 16 * 1024;
    /** The most evidence items of one decision. */
    public static final int MAX_EVIDENCE = 50;
    /** The longest reason of an approval, denial or revocation. */
    public static final int MAX_REASON = 2000;

    private Governance() {
    }

    /** DecisionObject states; see docs/governance.md for the transition table. */
    public enum State {
        DRAFT, PENDING_APPROVAL, APPROVED, ESCROWED, RELEASED, DENIED, REVOKED, EXPIRED;

        /** Open states can still be denied, revoked or expire. */
        public boolean open() {
            return this == DRAFT || this == PENDING_APPROVAL || this == APPROVED || this == ESCROWED;
        }
    }

    /** EnforcementReceipt outcomes. */
    public enum Outcome { ALLOW, DENY, ESCROW }

    /** Evidence trust tiers, T0 (raw) to T4 (proof-ready). */
    public enum TrustTier { T0, T1, T2, T3, T4 }

    /** An exact amount of one currency (ISO 4217 code). */
    public record Money(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency) {
    }

    /** Who the caller is: in serve mode its API key's id, in the console the operator profile. */
    public record Identity(String principal, String workspaceId, Proof proof) {
    }

    // ---- ContextContract ----

    /** {@code POST /api/governance/contracts}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewContract(String name, String businessId, String surface, List<String> allowedActions,
                              Money perActionLimit, Money cumulativeLimit, String minTrustTier,
                              List<String> requiredCompliancePacks, Long validFrom, Long validTo) {
    }

    /**
     * A stored ContextContract. {@code spent} sums the amounts of released actions under it;
     * {@code status} is active, not_yet_valid, expired or revoked, as of the answer's time.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Contract(String id, String name, String businessId, String surface, List<String> allowedActions,
                           Money perActionLimit, Money cumulativeLimit, String minTrustTier,
                           List<String> requiredCompliancePacks, Long validFrom, Long validTo, String createdBy,
                           long createdAt, Long revokedAt, String revokedBy, String revokeReason,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal spent,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal remaining, String status) {
    }

    public record Contracts(List<Contract> contracts, Proof proof) {
    }

    // ---- AuthorityGrant ----

    /** {@code POST /api/governance/grants}; {@code amountLimit} is the grant's cumulative budget. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewGrant(String grantee, List<String> actions, Money amountLimit, Long validFrom, Long validTo,
                           String contractId) {
    }

    /** A stored AuthorityGrant; {@code spent}, {@code remaining} and {@code status} as of a Contract. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Grant(String id, String grantee, List<String> actions, Money amountLimit, Long validFrom,
                        Long validTo, String contractId, String createdBy, long createdAt, Long revokedAt,
                        String revokedBy, String revokeReason,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal spent,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal remaining, String status) {
    }

    public record Grants(List<Grant> grants, Proof proof) {
    }

    // ---- DecisionObject ----

    /**
     * {@code POST /api/governance/decisions}: starts in pending_approval, or draft when
     * {@code draft} is true. {@code proposedAction} holds {@code action}, {@code amount},
     * {@code currency} and any target fields, exactly as the enforce body will carry them.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewDecision(ObjectNode proposedAction, String grantId, String contractId, String businessId,
                              List<Map<String, Object>> evidence, String trustTier, String traceId,
                              Integer requiredApprovals, Long expiresAt, Boolean draft) {
    }

    /** One approval: who, why, when, and the action digest they saw. */
    public record Approval(String approver, String reason, String actionDigest, long at) {
    }

    /** One step of a decision's history; {@code seq} is its record's place in the hash chain. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HistoryEntry(long at, String actor, String action, String fromState, String toState, String reason,
                               String receiptId, long seq) {
    }

    /** A stored DecisionObject. {@code actionDigest} is the SHA-256 of the RFC 8785 form of the action. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Decision(String id, String state, ObjectNode proposedAction, String actionDigest, String proposer,
                           String grantId, String contractId, String businessId, List<Map<String, Object>> evidence,
                           String trustTier, String traceId, int requiredApprovals, Long expiresAt,
                           List<Approval> approvals, List<HistoryEntry> history, long createdAt, long updatedAt) {
    }

    public record Decisions(List<Decision> decisions, Proof proof) {
    }

    /** {@code POST …/decisions/{id}/approve}: the reason and the digest the approver saw. */
    public record ApproveRequest(String reason, String actionDigest) {
    }

    /** {@code POST …/deny}, {@code …/revoke}, {@code …/submit} and the grant and contract revocations. */
    public record ReasonRequest(String reason) {
    }

    // ---- Enforce ----

    /**
     * The attestation of an enforce: {@code software_local} (this engine attests it), or another
     * provider with an Ed25519 {@code signature} (base64) over the action digest by {@code keyId}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attestation(String provider, String keyId, String signature) {
    }

    /** {@code POST /api/governance/enforce}: the reference's body exactly. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EnforceRequest(String decisionObjectId, String authorityGrantId, String contextContractId,
                                 ObjectNode proposedAction, Attestation attestation) {
    }

    /** One check of an enforce and its result. */
    public record Check(String name, boolean passed, String detail) {
    }

    /**
     * An EnforcementReceipt. {@code seq}, {@code prevHash}, {@code recordHash}, {@code keyId} and
     * {@code signature} place it in the workspace's hash chain.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Receipt(String id, String decisionObjectId, String outcome, List<Check> checks, String actionDigest,
                         long at, String actor, String grantId, String contractId, String traceId,
                         Attestation attestation, long seq, String prevHash, String recordHash, String keyId,
                         String signature) {
    }

    /** Whether the workspace's chain verifies end to end: record count, head hash, first problem. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChainStatus(long records, String head, boolean intact, String problem) {
    }

    /** {@code GET /api/governance/receipts}: newest first, with the chain's status. */
    public record Receipts(List<Receipt> receipts, ChainStatus chain, Proof proof) {
    }

    /** {@code GET /api/governance/public-key}: the workspace's Ed25519 key. */
    public record PublicKey(String algorithm, String keyId, String fingerprint, String pem, long createdAt,
                            Proof proof) {
    }
}
