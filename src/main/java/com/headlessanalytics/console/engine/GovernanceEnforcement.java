package com.headlessanalytics.console.engine;

import static com.headlessanalytics.console.engine.DecisionStates.expireIfDue;
import static com.headlessanalytics.console.engine.DecisionStates.state;
import static com.headlessanalytics.console.engine.GovernanceRows.iso;
import static com.headlessanalytics.console.engine.GovernanceRows.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.proof.CanonicalJson;
import com.headlessanalytics.console.proof.Ed25519;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** One enforce: every check in one transaction, then the receipt and what it releases or escrows. */
final class GovernanceEnforcement {
    /** The checks of an enforce, in the order they run and are listed in the receipt. */
    static final List<String> CHECKS = List.of("decision_exists", "decision_state", "not_expired", "action_digest",
            "request_ids", "grant_valid", "grant_actor", "grant_action", "grant_budget", "contract_valid",
            "contract_binding", "contract_action", "per_action_limit", "cumulative_limit", "trust_tier",
            "attestation", "compliance_packs");
    /** The attestation provider meaning "this engine attests the request itself". */
    static final String SOFTWARE_LOCAL = "software_local";

    /**
     * The SHA-256 of a proposedAction in RFC 8785 form, or why it has none, or the error hashing it
     * hit (thrown by the action_digest check, as if it had hashed there).
     */
    record ActionDigest(String value, String problem, RuntimeException error) {
        static ActionDigest of(ObjectNode action) {
            try {
                return new ActionDigest(CanonicalJson.sha256(action), null, null);
            } catch (IllegalArgumentException e) {
                return new ActionDigest(null, e.getMessage(), null);
            } catch (RuntimeException e) {
                return new ActionDigest(null, null, e);
            }
        }
    }

    private final GovernanceTx tx;
    private final WorkspaceKeys keys;
    /** Told the name of each check before it runs, then "receipt" (EngineGovernance#beforeStep). */
    private final Consumer<String> beforeStep;
    private final String principal;
    private final Governance.EnforceRequest request;
    private final ObjectNode action;
    private final ActionDigest actionDigest;
    private final Map<String, Governance.Check> done = new LinkedHashMap<>();
    private String current;
    private Governance.Decision decision;
    private Governance.Grant grant;
    private Governance.Contract contract;
    private String digest;

    GovernanceEnforcement(GovernanceTx tx, WorkspaceKeys keys, Consumer<String> beforeStep, String principal,
                          Governance.EnforceRequest request, ActionDigest actionDigest) {
        this.tx = tx;
        this.keys = keys;
        this.beforeStep = beforeStep;
        this.principal = principal;
        this.request = request;
        this.action = request.proposedAction();
        this.actionDigest = actionDigest;
    }

    Governance.Receipt run() throws SQLException {
        try {
            checkAll();
        } catch (SQLException | RuntimeException e) {
            stopAt(e);
        }
        List<Governance.Check> checks = new ArrayList<>();
        for (String name : CHECKS) {
            checks.add(done.get(name));
        }
        beforeStep.accept("receipt");
        return tx.receipt(principal, request, decision, checks, outcome(checks), digest, grant, contract);
    }

    private Governance.Outcome outcome(List<Governance.Check> checks) {
        List<String> failed = checks.stream().filter(c -> !c.passed()).map(Governance.Check::name).toList();
        if (failed.isEmpty()) {
            return Governance.Outcome.ALLOW;
        }
        Governance.State s = decision == null ? null : state(decision);
        if (failed.equals(List.of("decision_state"))
                && (s == Governance.State.PENDING_APPROVAL || s == Governance.State.ESCROWED)) {
            return Governance.Outcome.ESCROW;
        }
        return Governance.Outcome.DENY;
    }

    private void start(String name) {
        current = name;
        beforeStep.accept(name);
    }

    private void result(boolean passed, String detail) {
        done.put(current, new Governance.Check(current, passed, detail));
    }

    /** Each check not yet run fails with {@code why}. */
    private void rest(String why) {
        for (String name : CHECKS) {
            if (!done.containsKey(name)) {
                start(name);
                result(false, why);
            }
        }
    }

    private void stopAt(Exception e) {
        String at = current;
        if (at != null && !done.containsKey(at)) {
            done.put(at, new Governance.Check(at, false, "error while checking: " + message(e)));
        }
        for (String name : CHECKS) {
            if (!done.containsKey(name)) {
                done.put(name, new Governance.Check(name, false, "not checked: the enforce stopped at the error in "
                        + at));
            }
        }
    }

    private void checkAll() throws SQLException {
        start("decision_exists");
        decision = tx.decision(request.decisionObjectId());
        if (decision == null) {
            result(false, "no decision '" + request.decisionObjectId() + "' in this workspace");
            rest("not checked: there is no decision to check against");
            return;
        }
        result(true, "decision " + decision.id() + " exists, proposed by " + decision.proposer());
        decision = expireIfDue(tx, decision);
        checkState();
        start("not_expired");
        result(tx.now < decision.expiresAt() && state(decision) != Governance.State.EXPIRED,
                (tx.now < decision.expiresAt() ? "expires at " : "expired at ") + iso(decision.expiresAt()));
        checkDigest();
        checkIds();
        grant = tx.grant(decision.grantId());
        contract = tx.contract(decision.contractId());
        checkGrant();
        checkContract();
        checkTrustTier();
        checkAttestation();
        checkCompliance();
    }

    private void checkState() {
        start("decision_state");
        Governance.Decision d = decision;
        String approvals = d.approvals().size() + " of " + d.requiredApprovals() + " approvals";
        switch (state(d)) {
            case APPROVED -> result(true, "approved (" + approvals + "), not yet released");
            case PENDING_APPROVAL, ESCROWED -> result(false, d.state() + ": not approved yet (" + approvals
                    + "); the request is held in escrow until a person approves or denies the decision");
            case DRAFT -> result(false, "draft: the decision was never submitted for approval");
            case RELEASED -> result(false, "released: the decision was already used"
                    + released(d) + "; a decision allows one execution");
            case EXPIRED -> result(false, "expired: the decision expired at " + iso(d.expiresAt()));
            default -> result(false, d.state() + ": the decision can no longer be executed");
        }
    }

    private static String released(Governance.Decision d) {
        for (Governance.HistoryEntry h : d.history()) {
            if ("enforce.allow".equals(h.action())) {
                return " by receipt " + h.receiptId() + " at " + iso(h.at());
            }
        }
        return "";
    }

    private void checkDigest() {
        start("action_digest");
        if (actionDigest.error() != null) {
            throw actionDigest.error();
        }
        if (actionDigest.value() == null) {
            result(false, "the request's proposedAction has no RFC 8785 form: " + actionDigest.problem());
            return;
        }
        digest = actionDigest.value();
        BigDecimal amount = Governance.amountOf(action);
        BigDecimal approved = Governance.amountOf(decision.proposedAction());
        String what = state(decision) == Governance.State.APPROVED ? "approved" : "proposed";
        if (!digest.equals(decision.actionDigest())) {
            result(false, "the request's proposedAction hashes to " + digest + ", not the " + what + " "
                    + decision.actionDigest() + ": it is not the action that was " + what);
        } else if (amount == null || approved == null || amount.compareTo(approved) != 0) {
            result(false, "the request's amount " + amount + " is not exactly the " + what + " amount " + approved);
        } else {
            result(true, "SHA-256 of the request's proposedAction in RFC 8785 form is " + digest + ", the digest"
                    + " that was " + what);
        }
    }

    private void checkIds() {
        start("request_ids");
        List<String> wrong = new ArrayList<>();
        if (request.authorityGrantId() == null) {
            wrong.add("authorityGrantId is missing (the decision's grant is " + decision.grantId() + ")");
        } else if (!request.authorityGrantId().equals(decision.grantId())) {
            wrong.add("authorityGrantId " + request.authorityGrantId() + " is not the decision's grant "
                    + decision.grantId());
        }
        if (request.contextContractId() == null) {
            wrong.add("contextContractId is missing (the decision's contract is " + decision.contractId() + ")");
        } else if (!request.contextContractId().equals(decision.contractId())) {
            wrong.add("contextContractId " + request.contextContractId() + " is not the decision's contract "
                    + decision.contractId());
        }
        result(wrong.isEmpty(), wrong.isEmpty() ? "authorityGrantId " + decision.grantId() + " and"
                + " contextContractId " + decision.contractId() + " are the decision's" : String.join("; ", wrong));
    }

    private void checkGrant() {
        start("grant_valid");
        if (grant == null) {
            result(false, "no grant '" + decision.grantId() + "' in this workspace");
            for (String name : List.of("grant_actor", "grant_action", "grant_budget")) {
                start(name);
                result(false, "not checked: there is no grant");
            }
            return;
        }
        result(validity(grant.id(), "grant", grant.revokedAt(), grant.revokedBy(), grant.revokeReason(),
                grant.validFrom(), grant.validTo()));
        start("grant_actor");
        result(grant.grantee().equals(principal), grant.grantee().equals(principal)
                ? "the grant is for " + principal + ", who sent the request"
                : "the grant is for " + grant.grantee() + ", not for " + principal + ", who sent the request");
        start("grant_action");
        String name = Governance.actionOf(action);
        result(grant.actions().contains(name), "action '" + name + "' is " + (grant.actions().contains(name) ? ""
                : "not ") + "among the grant's actions " + grant.actions());
        start("grant_budget");
        result(budget("the grant's remaining budget", grant.amountLimit(), grant.spent()));
    }

    private void checkContract() {
        start("contract_valid");
        if (contract == null) {
            result(false, "no contract '" + decision.contractId() + "' in this workspace");
            for (String name : List.of("contract_binding", "contract_action", "per_action_limit",
                    "cumulative_limit", "trust_tier", "compliance_packs")) {
                start(name);
                result(false, "not checked: there is no contract");
            }
            return;
        }
        result(validity(contract.id(), "contract", contract.revokedAt(), contract.revokedBy(),
                contract.revokeReason(), contract.validFrom(), contract.validTo()));
        start("contract_binding");
        List<String> wrong = new ArrayList<>();
        if (!contract.businessId().equals(decision.businessId())) {
            wrong.add("the contract binds business '" + contract.businessId() + "', not '" + decision.businessId()
                    + "'");
        }
        JsonNode surface = action.get("surface");
        if (surface != null && !contract.surface().equals(surface.asText())) {
            wrong.add("the contract binds surface '" + contract.surface() + "', not '" + surface.asText() + "'");
        }
        if (grant != null && !grant.contractId().equals(contract.id())) {
            wrong.add("the grant is under contract " + grant.contractId());
        }
        result(wrong.isEmpty(), wrong.isEmpty() ? "the contract binds business '" + contract.businessId()
                + "' and surface '" + contract.surface() + "'" + (surface == null ? " (the action names no"
                + " surface)" : "") : String.join("; ", wrong));
        start("contract_action");
        String name = Governance.actionOf(action);
        result(contract.allowedActions().contains(name), "action '" + name + "' is "
                + (contract.allowedActions().contains(name) ? "" : "not ") + "among the contract's allowed actions "
                + contract.allowedActions());
        start("per_action_limit");
        result(budget("the contract's per-action limit", contract.perActionLimit(), BigDecimal.ZERO));
        start("cumulative_limit");
        result(budget("the contract's remaining cumulative budget", contract.cumulativeLimit(), contract.spent()));
    }

    private void checkTrustTier() {
        start("trust_tier");
        if (contract == null) {
            return;
        }
        String tier = decision.trustTier() == null ? "T0" : decision.trustTier();
        String min = contract.minTrustTier() == null ? "T0" : contract.minTrustTier();
        boolean ok = tier.compareTo(min) >= 0;
        result(ok, "the decision's evidence is " + tier + (decision.trustTier() == null ? " (none given)" : "")
                + (ok ? ", at least " : ", below ") + "the contract's minimum " + min);
    }

    private void checkAttestation() {
        start("attestation");
        Governance.Attestation a = request.attestation();
        if (a == null || a.provider() == null) {
            result(false, "no attestation: the request must name a provider (software_local, or a provider with"
                    + " a signature over the action digest)");
            return;
        }
        if (SOFTWARE_LOCAL.equals(a.provider())) {
            result(true, "software_local: this local engine attests the request itself (self-signed: no"
                    + " hardware or third-party attestation)");
            return;
        }
        PublicKey key = keys.keyPair(tx.ws).getPublic();
        String keyId = Ed25519.fingerprint(key);
        if (a.signature() == null) {
            result(false, a.provider() + ": no signature over the action digest");
        } else if (a.keyId() != null && !a.keyId().equals(keyId)) {
            result(false, a.provider() + ": signed by key " + a.keyId() + ", which this workspace does not know"
                    + " (its key is " + keyId + ")");
        } else if (!verifies(key, a.signature())) {
            result(false, a.provider() + ": the signature is not a valid Ed25519 signature over the action digest"
                    + " by the workspace key " + keyId);
        } else {
            result(true, a.provider() + ": Ed25519 signature over the action digest verifies with the workspace"
                    + " key " + keyId);
        }
    }

    private boolean verifies(PublicKey key, String signature) {
        try {
            return digest != null && Ed25519.verify(key, digest.getBytes(StandardCharsets.UTF_8),
                    Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private void checkCompliance() {
        start("compliance_packs");
        if (contract == null) {
            return;
        }
        List<String> missing = new ArrayList<>();
        for (String pack : contract.requiredCompliancePacks()) {
            boolean present = decision.evidence().stream().anyMatch(e -> "compliance".equals(e.get("type"))
                    && pack.equals(e.get("pack")));
            if (!present) {
                missing.add(pack);
            }
        }
        result(missing.isEmpty(), contract.requiredCompliancePacks().isEmpty()
                ? "the contract requires no compliance pack" : missing.isEmpty()
                ? "the evidence holds every required pack " + contract.requiredCompliancePacks()
                : "the evidence lacks the required packs " + missing + " (evidence items of type compliance)");
    }

    private Governance.Check validity(String id, String what, Long revokedAt, String revokedBy, String reason,
                                      Long validFrom, Long validTo) {
        String window = "valid from " + iso(validFrom) + (validTo == null ? ", no end" : " to " + iso(validTo));
        if (revokedAt != null) {
            return new Governance.Check(current, false, what + " " + id + " was revoked at " + iso(revokedAt)
                    + " by " + revokedBy + ": " + reason);
        }
        if (validFrom != null && tx.now < validFrom) {
            return new Governance.Check(current, false, what + " " + id + " is not valid yet: " + window);
        }
        if (validTo != null && tx.now >= validTo) {
            return new Governance.Check(current, false, what + " " + id + " has expired: " + window);
        }
        return new Governance.Check(current, true, what + " " + id + " is active: " + window + ", not revoked");
    }

    /** The request's amount against a limit less what is spent, in the limit's currency. */
    private Governance.Check budget(String what, Governance.Money limit, BigDecimal spent) {
        BigDecimal amount = Governance.amountOf(action);
        String currency = Governance.currencyOf(action);
        if (amount == null) {
            return new Governance.Check(current, false, "the proposedAction has no amount (a number or decimal"
                    + " string)");
        }
        if (amount.signum() < 0) {
            return new Governance.Check(current, false, "the amount " + amount.toPlainString()
                    + " is negative");
        }
        if (!limit.currency().equals(currency)) {
            return new Governance.Check(current, false, "the currency " + currency + " is not " + what + "'s "
                    + limit.currency());
        }
        BigDecimal left = limit.amount().subtract(spent);
        boolean ok = amount.compareTo(left) <= 0;
        return new Governance.Check(current, ok, amount.toPlainString() + " " + currency + (ok ? " is within "
                : " exceeds ") + what + ", " + left.toPlainString() + " of " + limit.amount().toPlainString()
                + " " + limit.currency());
    }

    private void result(Governance.Check check) {
        done.put(current, check);
    }
}
