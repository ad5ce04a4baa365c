package com.headlessanalytics.console.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

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
    /** The most actions a contract allows or a grant names; each is 1 to {@value #MAX_NAME} characters. */
    public static final int MAX_ACTIONS = 100;
    /** The most compliance packs a contract requires. */
    public static final int MAX_PACKS = 20;
    /** The longest action, surface, pack, contract name or principal. */
    public static final int MAX_NAME = 200;
    /** The longest traceId of a decision (the chain's column width). */
    public static final int MAX_TRACE_ID = 128;
    /** The largest evidence list of one decision, as compact JSON. */
    public static final int MAX_EVIDENCE_BYTES = 64 * 1024;
    /** The most digits of an amount before and after the point. */
    public static final int MAX_INTEGER_DIGITS = 20;
    public static final int MAX_FRACTION_DIGITS = 18;
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern BUSINESS_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");

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
        /** A required limit: a non-negative amount within the digit limits and a three-letter code. */
        void check(Checks checks, String field) {
            if (amount == null) {
                checks.add(field + ".amount", "required", "is required");
            } else {
                String problem = amountProblem(amount);
                if (problem != null) {
                    checks.add(field + ".amount", "invalid_value", problem);
                }
            }
            if (currency == null) {
                checks.add(field + ".currency", "required", "is required");
            } else if (!CURRENCY.matcher(currency).matches()) {
                checks.add(field + ".currency", "invalid_value", "must be an ISO 4217 code: three capital letters");
            }
        }
    }

    /** What is wrong with an amount (negative, too many digits), or null. */
    public static String amountProblem(BigDecimal amount) {
        if (amount.signum() < 0) {
            return "must not be negative";
        }
        if (amount.precision() - amount.scale() > MAX_INTEGER_DIGITS) {
            return "must have at most " + MAX_INTEGER_DIGITS + " digits before the point";
        }
        if (amount.scale() > MAX_FRACTION_DIGITS) {
            return "must have at most " + MAX_FRACTION_DIGITS + " digits after the point";
        }
        return null;
    }

    /**
     * The {@code amount} of a proposed action as an exact decimal: a JSON number or a decimal
     * string; null when absent or not a number.
     */
    public static BigDecimal amountOf(JsonNode action) {
        JsonNode amount = action == null ? null : action.get("amount");
        if (amount == null) {
            return null;
        }
        if (amount.isNumber()) {
            return amount.decimalValue();
        }
        if (amount.isTextual()) {
            try {
                return new BigDecimal(amount.asText());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** The {@code currency} of a proposed action, or null. */
    public static String currencyOf(JsonNode action) {
        JsonNode currency = action == null ? null : action.get("currency");
        return currency != null && currency.isTextual() ? currency.asText() : null;
    }

    /** The {@code action} of a proposed action, or null. */
    public static String actionOf(JsonNode action) {
        JsonNode name = action == null ? null : action.get("action");
        return name != null && name.isTextual() ? name.asText() : null;
    }

    /** Whether a trust tier name is one of T0…T4. */
    public static boolean isTrustTier(String tier) {
        return tier != null && tier.length() == 2 && tier.charAt(0) == 'T' && tier.charAt(1) >= '0'
                && tier.charAt(1) <= '4';
    }

    /** A required or optional text of 1 to {@code max} characters without control characters. */
    static void text(Checks checks, String field, String value, int max, boolean required) {
        if (value == null) {
            if (required) {
                checks.add(field, "required", "is required");
            }
        } else if (value.isBlank() || value.length() > max) {
            checks.add(field, "invalid_value", "must be 1-" + max + " characters, not blank");
        } else if (value.chars().anyMatch(Character::isISOControl)) {
            checks.add(field, "invalid_value", "must not hold control characters");
        }
    }

    /** A list of 1 to {@code max} distinct names. */
    static void names(Checks checks, String field, List<String> values, int max, boolean required) {
        if (values == null) {
            if (required) {
                checks.add(field, "required", "must list at least one");
            }
            return;
        }
        if ((required && values.isEmpty()) || values.size() > max) {
            checks.add(field, "invalid_value", "must list " + (required ? 1 : 0) + " to " + max);
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            text(checks, field + "[" + i + "]", values.get(i), MAX_NAME, true);
            if (values.get(i) != null && !seen.add(values.get(i))) {
                checks.add(field + "[" + i + "]", "invalid_value", "repeats '" + values.get(i) + "'");
            }
        }
    }

    static void window(Checks checks, Long validFrom, Long validTo) {
        if (validFrom != null && validFrom < 0) {
            checks.add("validFrom", "invalid_value", "must be milliseconds since epoch, not negative");
        }
        if (validTo != null && validTo < 0) {
            checks.add("validTo", "invalid_value", "must be milliseconds since epoch, not negative");
        }
        if (validFrom != null && validTo != null && validFrom >= validTo) {
            checks.add("validTo", "invalid_value", "must be after validFrom");
        }
    }

    /** A proposed action: an object of at most {@value #MAX_ACTION_BYTES} bytes with action, amount, currency. */
    static void actionShape(Checks checks, ObjectNode action) {
        if (action == null) {
            checks.add("proposedAction", "required", "is required: an object with action, amount and currency");
            return;
        }
        int bytes = ApiJson.size(action);
        if (bytes > MAX_ACTION_BYTES) {
            checks.add("proposedAction", "too_large", bytes + " bytes; the limit is " + MAX_ACTION_BYTES);
            return;
        }
        JsonNode name = action.get("action");
        if (name == null || !name.isTextual()) {
            checks.add("proposedAction.action", name == null ? "required" : "invalid_type", "must be a string");
        } else {
            text(checks, "proposedAction.action", name.asText(), MAX_NAME, true);
        }
        JsonNode amount = action.get("amount");
        BigDecimal value = amountOf(action);
        if (amount == null) {
            checks.add("proposedAction.amount", "required", "is required: a JSON number or a decimal string");
        } else if (value == null) {
            checks.add("proposedAction.amount", "invalid_type", "must be a JSON number or a decimal string");
        } else if (amountProblem(value) != null) {
            checks.add("proposedAction.amount", "invalid_value", amountProblem(value));
        } else if (amount.isNumber() && new BigDecimal(Double.toString(value.doubleValue())).compareTo(value) != 0) {
            checks.add("proposedAction.amount", "invalid_value", "as a JSON number it must be exact in binary64"
                    + " (RFC 8785 hashes numbers so); send it as a decimal string instead");
        }
        String currency = currencyOf(action);
        if (currency == null) {
            checks.add("proposedAction.currency", action.has("currency") ? "invalid_type" : "required",
                    "must be an ISO 4217 code");
        } else if (!CURRENCY.matcher(currency).matches()) {
            checks.add("proposedAction.currency", "invalid_value", "must be an ISO 4217 code: three capital letters");
        }
        JsonNode surface = action.get("surface");
        if (surface != null && !surface.isTextual()) {
            checks.add("proposedAction.surface", "invalid_type", "must be a string");
        }
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
        /**
         * surface, allowedActions and both limits are required; businessId defaults to the
         * workspace's default business, validFrom to the time of creation, validTo to none.
         */
        public Checks checks() {
            Checks checks = new Checks();
            text(checks, "name", name, MAX_NAME, false);
            if (businessId != null && !BUSINESS_ID.matcher(businessId).matches()) {
                checks.add("businessId", "invalid_value", "must be 1-128 letters, digits or . _ : -");
            }
            text(checks, "surface", surface, MAX_NAME, true);
            names(checks, "allowedActions", allowedActions, MAX_ACTIONS, true);
            if (perActionLimit == null) {
                checks.add("perActionLimit", "required", "is required: {amount, currency}");
            } else {
                perActionLimit.check(checks, "perActionLimit");
            }
            if (cumulativeLimit == null) {
                checks.add("cumulativeLimit", "required", "is required: {amount, currency}");
            } else {
                cumulativeLimit.check(checks, "cumulativeLimit");
            }
            if (perActionLimit != null && cumulativeLimit != null && perActionLimit.currency() != null
                    && !perActionLimit.currency().equals(cumulativeLimit.currency())) {
                checks.add("perActionLimit.currency", "invalid_value", "must be the cumulativeLimit's currency");
            }
            if (minTrustTier != null && !isTrustTier(minTrustTier)) {
                checks.add("minTrustTier", "invalid_value", "must be one of T0, T1, T2, T3, T4");
            }
            names(checks, "requiredCompliancePacks", requiredCompliancePacks, MAX_PACKS, false);
            window(checks, validFrom, validTo);
            return checks;
        }
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
        /** All but the validity window are required; validFrom defaults to the time of creation, validTo to none. */
        public Checks checks() {
            Checks checks = new Checks();
            text(checks, "grantee", grantee, MAX_NAME, true);
            names(checks, "actions", actions, MAX_ACTIONS, true);
            if (amountLimit == null) {
                checks.add("amountLimit", "required", "is required: {amount, currency}");
            } else {
                amountLimit.check(checks, "amountLimit");
            }
            window(checks, validFrom, validTo);
            if (contractId == null) {
                checks.add("contractId", "required", "is required: the contract the grant acts under");
            } else {
                checks.id("contractId", contractId);
            }
            return checks;
        }
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
        /** The shape of the body; the engine checks that grant and contract exist and the expiry's bounds. */
        public Checks checks() {
            Checks checks = new Checks();
            actionShape(checks, proposedAction);
            if (grantId == null) {
                checks.add("grantId", "required", "is required");
            } else {
                checks.id("grantId", grantId);
            }
            if (contractId == null) {
                checks.add("contractId", "required", "is required");
            } else {
                checks.id("contractId", contractId);
            }
            if (businessId != null && !BUSINESS_ID.matcher(businessId).matches()) {
                checks.add("businessId", "invalid_value", "must be 1-128 letters, digits or . _ : -");
            }
            if (evidence != null) {
                if (evidence.size() > MAX_EVIDENCE) {
                    checks.add("evidence", "too_large", evidence.size() + " items; the limit is " + MAX_EVIDENCE);
                } else if (evidence.stream().anyMatch(e -> e == null)) {
                    checks.add("evidence", "invalid_type", "each item must be an object");
                } else if (ApiJson.size(evidence) > MAX_EVIDENCE_BYTES) {
                    checks.add("evidence", "too_large", "the limit is " + MAX_EVIDENCE_BYTES + " bytes as JSON");
                }
            }
            if (trustTier != null && !isTrustTier(trustTier)) {
                checks.add("trustTier", "invalid_value", "must be one of T0, T1, T2, T3, T4");
            }
            text(checks, "traceId", traceId, MAX_TRACE_ID, false);
            if (requiredApprovals != null && (requiredApprovals < 1 || requiredApprovals > 2)) {
                checks.add("requiredApprovals", "invalid_value", "must be 1 or 2");
            }
            if (expiresAt != null && expiresAt < 0) {
                checks.add("expiresAt", "invalid_value", "must be milliseconds since epoch, not negative");
            }
            return checks;
        }
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
        public Checks checks() {
            Checks checks = new Checks();
            text(checks, "reason", reason, MAX_REASON, true);
            if (actionDigest == null) {
                checks.add("actionDigest", "required", "is required: the digest of the action you approve");
            } else if (!DIGEST.matcher(actionDigest).matches()) {
                checks.add("actionDigest", "invalid_value", "must be a SHA-256 in lower-case hex (64 characters)");
            }
            return checks;
        }
    }

    /** {@code POST …/deny}, {@code …/revoke}, {@code …/submit} and the grant and contract revocations. */
    public record ReasonRequest(String reason) {
        public Checks checks() {
            Checks checks = new Checks();
            text(checks, "reason", reason, MAX_REASON, true);
            return checks;
        }
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
        /**
         * Only what makes it no enforce request at all (400): no decisionObjectId or proposedAction,
         * over-long ids, an over-large action. Everything else is a check of the receipt.
         */
        public Checks checks() {
            Checks checks = new Checks();
            if (decisionObjectId == null) {
                checks.add("decisionObjectId", "required", "is required");
            } else {
                checks.id("decisionObjectId", decisionObjectId);
            }
            checks.id("authorityGrantId", authorityGrantId).id("contextContractId", contextContractId);
            if (proposedAction == null) {
                checks.add("proposedAction", "required", "is required: the action to execute");
            } else if (ApiJson.size(proposedAction) > MAX_ACTION_BYTES) {
                checks.add("proposedAction", "too_large", "the limit is " + MAX_ACTION_BYTES + " bytes");
            }
            if (attestation != null) {
                checks.id("attestation.provider", attestation.provider()).id("attestation.keyId", attestation.keyId());
                if (attestation.signature() != null && attestation.signature().length() > 1024) {
                    checks.add("attestation.signature", "too_large", "the limit is 1024 characters");
                }
            }
            return checks;
        }
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
