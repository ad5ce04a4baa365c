package com.headlessanalytics.console.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Checks;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.domain.Ids;
import com.headlessanalytics.console.proof.CanonicalJson;
import com.headlessanalytics.console.proof.Ed25519;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Governance on H2 (PRODUCT.md §5, docs/governance.md): contracts, grants, decisions and their
 * approvals, and enforce, each transition one transaction through the single writer that also
 * appends its signed record to the workspace's hash chain and stores its {@code governance.*} event.
 */
final class EngineGovernance {
    private static final Logger LOG = LoggerFactory.getLogger(EngineGovernance.class);
    private static final ObjectMapper JSON = ApiJson.mapper();
    /** The actor of what the engine does by itself: expiring decisions. */
    static final String SYSTEM = "system";
    /** A decision expires 24 h after it is proposed unless it says otherwise (Google PAM)... */
    static final long DEFAULT_EXPIRY_MS = 24L * 60 * 60 * 1000;
    /** ...and at most 30 days after (GitHub Environments). */
    static final long MAX_EXPIRY_MS = 30L * 24 * 60 * 60 * 1000;
    /** The most decisions or receipts one list answers: the newest. */
    static final int MAX_LIST = 1000;
    /** The checks of an enforce, in the order they run and are listed in the receipt. */
    static final List<String> CHECKS = List.of("decision_exists", "decision_state", "not_expired", "action_digest",
            "request_ids", "grant_valid", "grant_actor", "grant_action", "grant_budget", "contract_valid",
            "contract_binding", "contract_action", "per_action_limit", "cumulative_limit", "trust_tier",
            "attestation", "compliance_packs");
    /** The attestation provider meaning "this engine attests the request itself". */
    static final String SOFTWARE_LOCAL = "software_local";
    /**
     * The most history entries of a decision: enforces that change nothing (deny, a repeated escrow)
     * are no longer added once it has this many; their receipts are all in the chain.
     */
    static final int MAX_HISTORY = 100;
    /** The longest id the chain's decision_id column holds; longer requested ids name no decision. */
    private static final int MAX_ID = 64;
    private static final String OPEN_STATES = "('draft', 'pending_approval', 'approved', 'escrowed')";

    private final Database db;
    private final EventStore events;
    private final WorkspaceKeys keys;
    private final Clock clock;
    private final GovernanceChain chain;
    /**
     * Told the name of each enforce step before it runs (each check, then "receipt", and
     * "fail_closed" before a deny receipt is written for a failed enforce). Tests make it throw to
     * stand in for a failing store.
     */
    private volatile Consumer<String> beforeStep = step -> { };

    EngineGovernance(Database db, EventStore events, WorkspaceKeys keys, Clock clock) {
        this.db = db;
        this.events = events;
        this.keys = keys;
        this.clock = clock;
        this.chain = new GovernanceChain(keys);
    }

    /** The fault-injection seam of the tests: see {@link #beforeStep}. */
    void beforeStep(Consumer<String> hook) {
        this.beforeStep = hook == null ? step -> { } : hook;
    }

    // ---- ContextContracts ----

    Governance.Contract createContract(String workspaceId, String principal, Governance.NewContract contract) {
        if (contract == null) {
            throw ApiException.invalid("No contract", List.of(new FieldError(null, null, "required",
                    "a contract with surface, allowedActions, perActionLimit and cumulativeLimit is required")));
        }
        contract.checks().throwIfAny("Invalid contract");
        return write(workspaceId, tx -> {
            String business = contract.businessId() != null ? contract.businessId() : tx.defaultBusiness();
            Governance.Contract created = new Governance.Contract(Ids.newId("ctr", tx.now), contract.name(), business,
                    contract.surface(), List.copyOf(contract.allowedActions()), contract.perActionLimit(),
                    contract.cumulativeLimit(), contract.minTrustTier(), contract.requiredCompliancePacks() == null
                    ? List.of() : List.copyOf(contract.requiredCompliancePacks()),
                    contract.validFrom() != null ? contract.validFrom() : tx.now, contract.validTo(), principal,
                    tx.now, null, null, null, BigDecimal.ZERO, contract.cumulativeLimit().amount(), null);
            created = withSpent(created, BigDecimal.ZERO, tx.now);
            try (PreparedStatement ps = tx.c.prepareStatement("INSERT INTO gov_contract (workspace_id, id, business_id,"
                    + " created_at, revoked_at, spent, contract) VALUES (?, ?, ?, ?, NULL, '0', ?)")) {
                ps.setString(1, workspaceId);
                ps.setString(2, created.id());
                ps.setString(3, business);
                ps.setLong(4, tx.now);
                ps.setString(5, ApiJson.write(created));
                ps.executeUpdate();
            }
            long seq = tx.append("contract.created", created.id(), null, null, principal, created);
            tx.event("governance.contract.created", business, principal, "contract", created.id(), null, null,
                    Map.of("seq", seq));
            return created;
        });
    }

    List<Governance.Contract> contracts(String workspaceId) {
        long now = clock.millis();
        return db.read(c -> {
            List<Governance.Contract> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT contract, spent FROM gov_contract"
                    + " WHERE workspace_id = ? ORDER BY created_at DESC, id DESC")) {
                ps.setString(1, workspaceId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(withSpent(read(rs.getString(1), Governance.Contract.class),
                                new BigDecimal(rs.getString(2)), now));
                    }
                }
            }
            return out;
        });
    }

    Governance.Contract revokeContract(String workspaceId, String principal, String id, Governance.ReasonRequest reason) {
        requireId("id", id);
        reasonOf(reason).throwIfAny("Invalid revocation");
        return write(workspaceId, tx -> {
            Governance.Contract k = tx.contract(id);
            if (k == null) {
                throw ApiException.notFound("No contract '" + id + "' in this workspace");
            }
            if (k.revokedAt() != null) {
                throw ApiException.conflict("Contract " + id + " was already revoked at " + iso(k.revokedAt()) + " by "
                        + k.revokedBy());
            }
            Governance.Contract revoked = withSpent(new Governance.Contract(k.id(), k.name(), k.businessId(),
                    k.surface(), k.allowedActions(), k.perActionLimit(), k.cumulativeLimit(), k.minTrustTier(),
                    k.requiredCompliancePacks(), k.validFrom(), k.validTo(), k.createdBy(), k.createdAt(), tx.now,
                    principal, reason.reason(), k.spent(), k.remaining(), k.status()), k.spent(), tx.now);
            try (PreparedStatement ps = tx.c.prepareStatement("UPDATE gov_contract SET revoked_at = ?, contract = ?"
                    + " WHERE workspace_id = ? AND id = ?")) {
                ps.setLong(1, tx.now);
                ps.setString(2, ApiJson.write(revoked));
                ps.setString(3, workspaceId);
                ps.setString(4, id);
                ps.executeUpdate();
            }
            long seq = tx.append("contract.revoked", id, null, null, principal, revoked);
            tx.event("governance.contract.revoked", k.businessId(), principal, "contract", id, null, null,
                    Map.of("seq", seq, "reason", reason.reason()));
            return revoked;
        });
    }

    // ---- AuthorityGrants ----

    Governance.Grant createGrant(String workspaceId, String principal, Governance.NewGrant grant) {
        if (grant == null) {
            throw ApiException.invalid("No grant", List.of(new FieldError(null, null, "required",
                    "a grant with grantee, actions, amountLimit and contractId is required")));
        }
        Checks checks = grant.checks();
        long now = clock.millis();
        if (grant.validTo() != null && grant.validTo() <= now) {
            checks.add("validTo", "invalid_value", "must be in the future");
        }
        checks.throwIfAny("Invalid grant");
        return write(workspaceId, tx -> {
            Governance.Contract k = tx.contract(grant.contractId());
            if (k == null) {
                throw ApiException.invalid("Invalid grant", List.of(new FieldError(null, "contractId", "invalid_value",
                        "no contract '" + grant.contractId() + "' in this workspace")));
            }
            if (k.revokedAt() != null) {
                throw ApiException.conflict("Contract " + k.id() + " is revoked; no grant can be made under it");
            }
            Checks refs = new Checks();
            for (int i = 0; i < grant.actions().size(); i++) {
                if (!k.allowedActions().contains(grant.actions().get(i))) {
                    refs.add("actions[" + i + "]", "invalid_value", "'" + grant.actions().get(i)
                            + "' is not an allowed action of contract " + k.id() + " " + k.allowedActions());
                }
            }
            if (!grant.amountLimit().currency().equals(k.cumulativeLimit().currency())) {
                refs.add("amountLimit.currency", "invalid_value", "must be the contract's currency, "
                        + k.cumulativeLimit().currency());
            }
            refs.throwIfAny("Invalid grant");
            Governance.Grant created = withSpent(new Governance.Grant(Ids.newId("grt", tx.now), grant.grantee(),
                    List.copyOf(grant.actions()), grant.amountLimit(), grant.validFrom() != null ? grant.validFrom()
                    : tx.now, grant.validTo(), k.id(), principal, tx.now, null, null, null, null, null, null),
                    BigDecimal.ZERO, tx.now);
            try (PreparedStatement ps = tx.c.prepareStatement("INSERT INTO gov_grant (workspace_id, id, contract_id,"
                    + " grantee, created_at, revoked_at, spent, grant_json) VALUES (?, ?, ?, ?, ?, NULL, '0', ?)")) {
                ps.setString(1, workspaceId);
                ps.setString(2, created.id());
                ps.setString(3, k.id());
                ps.setString(4, created.grantee());
                ps.setLong(5, tx.now);
                ps.setString(6, ApiJson.write(created));
                ps.executeUpdate();
            }
            long seq = tx.append("grant.created", created.id(), null, null, principal, created);
            tx.event("governance.grant.created", k.businessId(), principal, "grant", created.id(), null, null,
                    Map.of("seq", seq, "contractId", k.id()));
            return created;
        });
    }

    List<Governance.Grant> grants(String workspaceId) {
        long now = clock.millis();
        return db.read(c -> {
            List<Governance.Grant> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT grant_json, spent FROM gov_grant"
                    + " WHERE workspace_id = ? ORDER BY created_at DESC, id DESC")) {
                ps.setString(1, workspaceId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(withSpent(read(rs.getString(1), Governance.Grant.class),
                                new BigDecimal(rs.getString(2)), now));
                    }
                }
            }
            return out;
        });
    }

    Governance.Grant revokeGrant(String workspaceId, String principal, String id, Governance.ReasonRequest reason) {
        requireId("id", id);
        reasonOf(reason).throwIfAny("Invalid revocation");
        return write(workspaceId, tx -> {
            Governance.Grant g = tx.grant(id);
            if (g == null) {
                throw ApiException.notFound("No grant '" + id + "' in this workspace");
            }
            if (g.revokedAt() != null) {
                throw ApiException.conflict("Grant " + id + " was already revoked at " + iso(g.revokedAt()) + " by "
                        + g.revokedBy());
            }
            Governance.Grant revoked = withSpent(new Governance.Grant(g.id(), g.grantee(), g.actions(), g.amountLimit(),
                    g.validFrom(), g.validTo(), g.contractId(), g.createdBy(), g.createdAt(), tx.now, principal,
                    reason.reason(), null, null, null), g.spent(), tx.now);
            try (PreparedStatement ps = tx.c.prepareStatement("UPDATE gov_grant SET revoked_at = ?, grant_json = ?"
                    + " WHERE workspace_id = ? AND id = ?")) {
                ps.setLong(1, tx.now);
                ps.setString(2, ApiJson.write(revoked));
                ps.setString(3, workspaceId);
                ps.setString(4, id);
                ps.executeUpdate();
            }
            Governance.Contract k = tx.contract(g.contractId());
            long seq = tx.append("grant.revoked", id, null, null, principal, revoked);
            tx.event("governance.grant.revoked", k != null ? k.businessId() : tx.defaultBusiness(), principal, "grant",
                    id, null, null, Map.of("seq", seq, "reason", reason.reason()));
            return revoked;
        });
    }

    // ---- DecisionObjects ----

    Governance.Decision propose(String workspaceId, String defaultBusinessId, String principal,
                                Governance.NewDecision decision) {
        if (decision == null) {
            throw ApiException.invalid("No decision", List.of(new FieldError(null, "proposedAction", "required",
                    "a decision with proposedAction, grantId and contractId is required")));
        }
        Checks checks = decision.checks();
        long now = clock.millis();
        if (decision.expiresAt() != null && decision.expiresAt() >= 0) {
            if (decision.expiresAt() <= now) {
                checks.add("expiresAt", "invalid_value", "must be in the future");
            } else if (decision.expiresAt() > now + MAX_EXPIRY_MS) {
                checks.add("expiresAt", "invalid_value", "must be at most 30 days ahead");
            }
        }
        String digest = null;
        if (checks.ok()) {
            try {
                digest = CanonicalJson.sha256(decision.proposedAction());
            } catch (IllegalArgumentException e) {
                checks.add("proposedAction", "invalid_value", "has no RFC 8785 form: " + e.getMessage());
            }
        }
        checks.throwIfAnySized("Invalid decision");
        String actionDigest = digest;
        return write(workspaceId, tx -> {
            Governance.Contract k = tx.contract(decision.contractId());
            Governance.Grant g = tx.grant(decision.grantId());
            Checks refs = new Checks();
            if (k == null) {
                refs.add("contractId", "invalid_value", "no contract '" + decision.contractId() + "' in this workspace");
            }
            if (g == null) {
                refs.add("grantId", "invalid_value", "no grant '" + decision.grantId() + "' in this workspace");
            } else if (k != null && !g.contractId().equals(k.id())) {
                refs.add("grantId", "invalid_value", "grant " + g.id() + " is under contract " + g.contractId()
                        + ", not " + k.id());
            }
            if (k != null && decision.businessId() != null && !decision.businessId().equals(k.businessId())) {
                refs.add("businessId", "invalid_value", "contract " + k.id() + " binds business '" + k.businessId()
                        + "'");
            }
            ObjectNode action = decision.proposedAction();
            String name = Governance.actionOf(action);
            if (k != null && !k.allowedActions().contains(name)) {
                refs.add("proposedAction.action", "invalid_value", "'" + name + "' is not an allowed action of contract "
                        + k.id() + " " + k.allowedActions());
            } else if (g != null && !g.actions().contains(name)) {
                refs.add("proposedAction.action", "invalid_value", "'" + name + "' is not an action of grant " + g.id()
                        + " " + g.actions());
            }
            if (k != null && action.has("surface") && !k.surface().equals(action.get("surface").asText())) {
                refs.add("proposedAction.surface", "invalid_value", "contract " + k.id() + " binds surface '"
                        + k.surface() + "'");
            }
            if (k != null && !k.cumulativeLimit().currency().equals(Governance.currencyOf(action))) {
                refs.add("proposedAction.currency", "invalid_value", "must be the contract's currency, "
                        + k.cumulativeLimit().currency());
            }
            refs.throwIfAny("Invalid decision");
            if (k.revokedAt() != null) {
                throw ApiException.conflict("Contract " + k.id() + " is revoked");
            }
            if (g.revokedAt() != null) {
                throw ApiException.conflict("Grant " + g.id() + " is revoked");
            }
            boolean draft = Boolean.TRUE.equals(decision.draft());
            String state = wire(draft ? Governance.State.DRAFT : Governance.State.PENDING_APPROVAL);
            String id = Ids.newId("dec", tx.now);
            long seq = tx.nextSeq();
            Governance.Decision created = new Governance.Decision(id, state, decision.proposedAction().deepCopy(),
                    actionDigest, principal, g.id(), k.id(), k.businessId(),
                    decision.evidence() == null ? List.of() : decision.evidence(), decision.trustTier(),
                    decision.traceId(), decision.requiredApprovals() == null ? 1 : decision.requiredApprovals(),
                    decision.expiresAt() != null ? decision.expiresAt() : tx.now + DEFAULT_EXPIRY_MS, List.of(),
                    List.of(new Governance.HistoryEntry(tx.now, principal, "proposed", null, state, null, null, seq)),
                    tx.now, tx.now);
            try (PreparedStatement ps = tx.c.prepareStatement("INSERT INTO gov_decision (workspace_id, id, state,"
                    + " business_id, grant_id, contract_id, proposer, trace_id, expires_at, created_at, updated_at,"
                    + " decision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, workspaceId);
                ps.setString(2, id);
                ps.setString(3, state);
                ps.setString(4, created.businessId());
                ps.setString(5, g.id());
                ps.setString(6, k.id());
                ps.setString(7, principal);
                nullable(ps, 8, created.traceId());
                ps.setLong(9, created.expiresAt());
                ps.setLong(10, tx.now);
                ps.setLong(11, tx.now);
                ps.setString(12, ApiJson.write(created));
                ps.executeUpdate();
            }
            tx.append("decision.proposed", id, id, created.traceId(), principal, created);
            tx.event("governance.decision.proposed", created.businessId(), principal, "decision", id, id,
                    created.traceId(), Map.of("seq", seq, "state", state, "actionDigest", actionDigest));
            return created;
        });
    }

    List<Governance.Decision> decisions(String workspaceId, String state) {
        if (state != null) {
            new Checks().oneOf("state", state, Governance.State.class).throwIfAny("Invalid decisions query");
        }
        expireDue(workspaceId);
        return db.read(c -> {
            List<Governance.Decision> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT decision FROM gov_decision WHERE workspace_id = ?"
                    + (state == null ? " ORDER BY workspace_id DESC, created_at DESC, id DESC"
                    : " AND state = ? ORDER BY created_at DESC, id DESC") + " LIMIT " + MAX_LIST)) {
                ps.setString(1, workspaceId);
                if (state != null) {
                    ps.setString(2, state);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs.getString(1), Governance.Decision.class));
                    }
                }
            }
            return out;
        });
    }

    Governance.Decision decision(String workspaceId, String id) {
        requireId("id", id);
        Governance.Decision d = db.read(c -> decisionRow(c, workspaceId, id));
        if (d == null) {
            throw ApiException.notFound("No decision '" + id + "' in this workspace");
        }
        if (state(d).open() && clock.millis() >= d.expiresAt()) {
            return write(workspaceId, tx -> expireIfDue(tx, tx.decision(id)));
        }
        return d;
    }

    Governance.Decision submit(String workspaceId, String principal, String id) {
        requireId("id", id);
        return write(workspaceId, tx -> {
            Governance.Decision d = openDecision(tx, id, "submitted");
            if (state(d) != Governance.State.DRAFT) {
                throw ApiException.conflict("Decision " + id + " is " + d.state() + "; only a draft can be submitted");
            }
            return tx.move(d, "submitted", Governance.State.PENDING_APPROVAL, principal, null, d.approvals(), null);
        });
    }

    Governance.Decision approve(String workspaceId, String principal, String id, Governance.ApproveRequest approval) {
        requireId("id", id);
        if (approval == null) {
            throw ApiException.invalid("No approval", List.of(new FieldError(null, "reason", "required",
                    "an approval needs a reason and the actionDigest you approve")));
        }
        approval.checks().throwIfAny("Invalid approval");
        return write(workspaceId, tx -> {
            Governance.Decision d = openDecision(tx, id, "approved");
            if (d.proposer().equals(principal)) {
                throw ApiException.forbidden("The proposer of decision " + id + " cannot approve it; another person"
                        + " must (separation of duties)");
            }
            Governance.State s = state(d);
            if (s != Governance.State.PENDING_APPROVAL && s != Governance.State.ESCROWED) {
                throw ApiException.conflict("Decision " + id + " is " + d.state() + (s == Governance.State.DRAFT
                        ? "; submit it for approval first" : "; only a decision pending approval or escrowed can be"
                        + " approved"));
            }
            if (d.approvals().stream().anyMatch(a -> a.approver().equals(principal))) {
                throw ApiException.conflict(principal + " has already approved decision " + id + "; "
                        + d.requiredApprovals() + " distinct approvers are needed");
            }
            if (!d.actionDigest().equals(approval.actionDigest())) {
                throw ApiException.conflict("The digest you approve, " + approval.actionDigest() + ", is not the"
                        + " decision's actionDigest " + d.actionDigest() + ": reload the decision and check the action");
            }
            List<Governance.Approval> approvals = new ArrayList<>(d.approvals());
            approvals.add(new Governance.Approval(principal, approval.reason(), approval.actionDigest(), tx.now));
            Governance.State to = approvals.size() >= d.requiredApprovals() ? Governance.State.APPROVED : s;
            return tx.move(d, "approved", to, principal, approval.reason(), approvals, null);
        });
    }

    Governance.Decision deny(String workspaceId, String principal, String id, Governance.ReasonRequest reason) {
        return close(workspaceId, principal, id, reason, "denied", Governance.State.DENIED);
    }

    Governance.Decision revoke(String workspaceId, String principal, String id, Governance.ReasonRequest reason) {
        return close(workspaceId, principal, id, reason, "revoked", Governance.State.REVOKED);
    }

    private Governance.Decision close(String workspaceId, String principal, String id, Governance.ReasonRequest reason,
                                      String action, Governance.State to) {
        requireId("id", id);
        reasonOf(reason).throwIfAny("Invalid " + (to == Governance.State.DENIED ? "denial" : "revocation"));
        return write(workspaceId, tx -> {
            Governance.Decision d = openDecision(tx, id, action);
            return tx.move(d, action, to, principal, reason.reason(), d.approvals(), null);
        });
    }

    /**
     * The decision, expired first when its time is up; 404 when unknown, and 409 (after the expiry
     * is committed) when it is no longer open.
     */
    private Governance.Decision openDecision(Tx tx, String id, String action) throws SQLException {
        Governance.Decision d = tx.decision(id);
        if (d == null) {
            throw ApiException.notFound("No decision '" + id + "' in this workspace");
        }
        d = expireIfDue(tx, d);
        if (!state(d).open()) {
            throw ApiException.conflict("Decision " + id + " is " + d.state()
                    + (state(d) == Governance.State.EXPIRED ? " (at " + iso(d.expiresAt()) + ")" : "")
                    + "; it cannot be " + action);
        }
        return d;
    }

    /** An open decision whose expiresAt has come becomes expired: a record and an event. */
    private Governance.Decision expireIfDue(Tx tx, Governance.Decision d) throws SQLException {
        if (d == null || !state(d).open() || tx.now < d.expiresAt()) {
            return d;
        }
        return tx.move(d, "expired", Governance.State.EXPIRED, SYSTEM, "expired at " + iso(d.expiresAt()),
                d.approvals(), null);
    }

    /** Expires every open decision of the workspace whose time has come (read first, so most calls write nothing). */
    private void expireDue(String workspaceId) {
        long now = clock.millis();
        boolean any = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM gov_decision WHERE workspace_id = ?"
                    + " AND state IN " + OPEN_STATES + " AND expires_at <= ? LIMIT 1")) {
                ps.setString(1, workspaceId);
                ps.setLong(2, now);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
        if (any) {
            write(workspaceId, tx -> {
                List<String> due = new ArrayList<>();
                try (PreparedStatement ps = tx.c.prepareStatement("SELECT id FROM gov_decision WHERE workspace_id = ?"
                        + " AND state IN " + OPEN_STATES + " AND expires_at <= ? ORDER BY expires_at, id")) {
                    ps.setString(1, workspaceId);
                    ps.setLong(2, tx.now);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            due.add(rs.getString(1));
                        }
                    }
                }
                for (String id : due) {
                    expireIfDue(tx, tx.decision(id));
                }
                return null;
            });
        }
    }

    // ---- Enforce ----

    Governance.Receipt enforce(String workspaceId, String principal, Governance.EnforceRequest request) {
        if (request == null) {
            throw ApiException.invalid("Not an enforce request", List.of(new FieldError(null, "decisionObjectId",
                    "required", "an enforce body has decisionObjectId, authorityGrantId, contextContractId,"
                    + " proposedAction and attestation")));
        }
        request.checks().throwIfAnySized("Not an enforce request");
        try {
            return write(workspaceId, tx -> new Enforcement(tx, principal, request).run());
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException failure) {
            return failClosed(workspaceId, principal, request, failure);
        }
    }

    /**
     * The checked enforce could not be committed: commit a deny receipt that says why, or, when
     * even that fails, answer an error. Never an allow.
     */
    private Governance.Receipt failClosed(String workspaceId, String principal, Governance.EnforceRequest request,
                                          RuntimeException failure) {
        String why = "not checked: the enforce failed before its receipt was committed (" + message(failure) + ")";
        LOG.warn("Enforce of {} failed; answering deny", request.decisionObjectId(), failure);
        try {
            return write(workspaceId, tx -> {
                beforeStep.accept("fail_closed");
                List<Governance.Check> checks = new ArrayList<>();
                for (String name : CHECKS) {
                    checks.add(new Governance.Check(name, false, why));
                }
                Governance.Decision d = tx.decision(request.decisionObjectId());
                return tx.receipt(principal, request, d, checks, Governance.Outcome.DENY, null);
            });
        } catch (RuntimeException second) {
            second.addSuppressed(failure);
            throw new ApiException.Server(500, ErrorCodes.INTERNAL, "The enforce failed and its deny receipt could"
                    + " not be committed: " + message(second) + ". Nothing was allowed.", second);
        }
    }

    /** One enforce: every check in one transaction, then the receipt and what it releases or escrows. */
    private final class Enforcement {
        private final Tx tx;
        private final String principal;
        private final Governance.EnforceRequest request;
        private final ObjectNode action;
        private final Map<String, Governance.Check> done = new LinkedHashMap<>();
        private String current;
        private Governance.Decision decision;
        private Governance.Grant grant;
        private Governance.Contract contract;
        private String digest;

        Enforcement(Tx tx, String principal, Governance.EnforceRequest request) {
            this.tx = tx;
            this.principal = principal;
            this.request = request;
            this.action = request.proposedAction();
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
            return tx.receipt(principal, request, decision, checks, outcome(checks), digest);
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
            try {
                digest = CanonicalJson.sha256(action);
            } catch (IllegalArgumentException e) {
                result(false, "the request's proposedAction has no RFC 8785 form: " + e.getMessage());
                return;
            }
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

    // ---- Receipts and the chain ----

    List<Governance.Receipt> receipts(String workspaceId, String traceId, String decisionObjectId) {
        new Checks().id("traceId", traceId).id("decisionObjectId", decisionObjectId)
                .throwIfAny("Invalid receipts query");
        String sql = "SELECT record FROM gov_record WHERE workspace_id = ? AND kind = 'receipt'"
                + (traceId == null ? "" : " AND trace_id = ?")
                + (decisionObjectId == null ? "" : " AND decision_id = ?")
                // without filters, ordered as the (workspace_id, kind, seq) index: the newest read first, no sort
                + (traceId == null && decisionObjectId == null ? " ORDER BY workspace_id DESC, kind DESC, seq DESC"
                : " ORDER BY seq DESC") + " LIMIT " + MAX_LIST;
        return db.read(c -> {
            List<Governance.Receipt> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setString(i++, workspaceId);
                if (traceId != null) {
                    ps.setString(i++, traceId);
                }
                if (decisionObjectId != null) {
                    ps.setString(i, decisionObjectId);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(receiptOf(read(rs.getString(1), ObjectNode.class)));
                    }
                }
            }
            return out;
        });
    }

    Governance.ChainStatus chainStatus(String workspaceId) {
        return chain.status(db, workspaceId);
    }

    /** A receipt as answered: its record's body with the record's place in the chain. */
    static Governance.Receipt receiptOf(ObjectNode record) {
        ObjectNode receipt = ((ObjectNode) record.get("body")).deepCopy();
        for (String field : new String[] {"seq", "prevHash", "recordHash", "keyId", "signature"}) {
            receipt.set(field, record.get(field));
        }
        try {
            return JSON.treeToValue(receipt, Governance.Receipt.class);
        } catch (JsonProcessingException e) {
            throw new EngineException("A stored receipt could not be read: " + e.getOriginalMessage(), e);
        }
    }

    // ---- transactions ----

    /** Work inside one governance transaction. */
    @FunctionalInterface
    private interface TxWork<T> {
        T run(Tx tx) throws SQLException;
    }

    /** What a transaction answers, or the refusal to throw once what it did (an expiry) is committed. */
    private record Done<T>(T value, ApiException refusal, EventStore.Pending events) {
    }

    /**
     * Runs {@code work} as one write: its records, rows and events commit together. An
     * {@link ApiException} thrown by the work is thrown after the commit, so what the work did first
     * (expiring a decision) stays; work refuses before it changes anything else.
     */
    private <T> T write(String workspaceId, TxWork<T> work) {
        Done<T> done = db.write(c -> {
            Tx tx = new Tx(c, workspaceId, clock.millis());
            T value = null;
            ApiException refusal = null;
            try {
                value = work.run(tx);
            } catch (ApiException e) {
                refusal = e;
            }
            return new Done<>(value, refusal, events.storeWithin(c, workspaceId, tx.events));
        }, committed -> {
            try {
                events.committed(workspaceId, committed.events());
            } catch (RuntimeException e) {
                LOG.warn("Governance events of {} were committed but not indexed", workspaceId, e);
            }
        });
        if (done.refusal() != null) {
            throw done.refusal();
        }
        return done.value();
    }

    /** One transaction's connection, time, chain head and the events it will store. */
    private final class Tx {
        final Connection c;
        final String ws;
        final long now;
        final List<Event> events = new ArrayList<>();
        private GovernanceChain.Head head;
        private String defaultBusiness;

        Tx(Connection c, String ws, long now) {
            this.c = c;
            this.ws = ws;
            this.now = now;
        }

        /** The seq the next record of this transaction will get. */
        long nextSeq() throws SQLException {
            if (head == null) {
                head = chain.head(c, ws);
            }
            return head.seq() + 1;
        }

        /** Appends a record whose body is {@code body}; returns its seq. */
        long append(String kind, String objectId, String decisionId, String traceId, String actor, Object body)
                throws SQLException {
            return appendRecord(kind, objectId, decisionId, traceId, actor, JSON.valueToTree(body)).get("seq").asLong();
        }

        ObjectNode appendRecord(String kind, String objectId, String decisionId, String traceId, String actor,
                                JsonNode body) throws SQLException {
            nextSeq();
            ObjectNode record = chain.append(c, ws, head, new GovernanceChain.Entry(kind, objectId, decisionId,
                    traceId, actor, now, body));
            head = new GovernanceChain.Head(record.get("seq").asLong(), record.get("recordHash").asText());
            return record;
        }

        void event(String name, String businessId, String actor, String objectType, String objectId,
                   String decisionId, String traceId, Map<String, Object> properties) {
            events.add(new Event(Ids.newId("evt", now), name, businessId, now, now,
                    Map.of("type", "principal", "id", actor), Map.of("type", objectType, "id", objectId), null,
                    traceId, null, null, null, null, decisionId, null, null, null, null, properties));
        }

        String defaultBusiness() throws SQLException {
            if (defaultBusiness == null) {
                try (PreparedStatement ps = c.prepareStatement("SELECT default_business_id FROM workspace WHERE id = ?")) {
                    ps.setString(1, ws);
                    try (ResultSet rs = ps.executeQuery()) {
                        defaultBusiness = rs.next() ? rs.getString(1) : Engine.DEFAULT_BUSINESS_ID;
                    }
                }
            }
            return defaultBusiness;
        }

        Governance.Decision decision(String id) throws SQLException {
            return decisionRow(c, ws, id);
        }

        Governance.Contract contract(String id) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT contract, spent FROM gov_contract"
                    + " WHERE workspace_id = ? AND id = ?")) {
                ps.setString(1, ws);
                ps.setString(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? withSpent(read(rs.getString(1), Governance.Contract.class),
                            new BigDecimal(rs.getString(2)), now) : null;
                }
            }
        }

        Governance.Grant grant(String id) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT grant_json, spent FROM gov_grant"
                    + " WHERE workspace_id = ? AND id = ?")) {
                ps.setString(1, ws);
                ps.setString(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? withSpent(read(rs.getString(1), Governance.Grant.class),
                            new BigDecimal(rs.getString(2)), now) : null;
                }
            }
        }

        /**
         * Moves a decision to {@code to} by {@code action}: its row, a {@code decision.<action>} record
         * whose body is the decision after the move, and its {@code governance.decision.<action>} event.
         */
        Governance.Decision move(Governance.Decision d, String action, Governance.State to, String actor,
                                 String reason, List<Governance.Approval> approvals, String receiptId)
                throws SQLException {
            long seq = nextSeq();
            Governance.Decision after = changed(d, to, approvals, new Governance.HistoryEntry(now, actor, action,
                    d.state(), wire(to), reason, receiptId, seq));
            save(after);
            appendRecord("decision." + action, d.id(), d.id(), d.traceId(), actor, JSON.valueToTree(after));
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("seq", seq);
            properties.put("state", wire(to));
            properties.put("approvals", approvals.size());
            if (receiptId != null) {
                properties.put("receiptId", receiptId);
            }
            event("governance.decision." + action, d.businessId(), actor, "decision", d.id(), d.id(), d.traceId(),
                    properties);
            return after;
        }

        Governance.Decision changed(Governance.Decision d, Governance.State to, List<Governance.Approval> approvals,
                                    Governance.HistoryEntry entry) {
            List<Governance.HistoryEntry> history = new ArrayList<>(d.history());
            history.add(entry);
            return new Governance.Decision(d.id(), wire(to), d.proposedAction(), d.actionDigest(), d.proposer(),
                    d.grantId(), d.contractId(), d.businessId(), d.evidence(), d.trustTier(), d.traceId(),
                    d.requiredApprovals(), d.expiresAt(), List.copyOf(approvals), List.copyOf(history), d.createdAt(),
                    now);
        }

        void save(Governance.Decision d) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("UPDATE gov_decision SET state = ?, updated_at = ?,"
                    + " decision = ? WHERE workspace_id = ? AND id = ?")) {
                ps.setString(1, d.state());
                ps.setLong(2, now);
                ps.setString(3, ApiJson.write(d));
                ps.setString(4, ws);
                ps.setString(5, d.id());
                ps.executeUpdate();
            }
        }

        void spend(String table, String id, BigDecimal spent) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET spent = ? WHERE workspace_id = ?"
                    + " AND id = ?")) {
                ps.setString(1, spent.toPlainString());
                ps.setString(2, ws);
                ps.setString(3, id);
                ps.executeUpdate();
            }
        }

        /**
         * Commits the receipt of an enforce (a {@code receipt} record and its
         * {@code governance.enforce.<outcome>} event) and what the outcome does to the decision: an
         * allow releases it and spends the grant's and the contract's budgets, an escrow holds it.
         */
        Governance.Receipt receipt(String principal, Governance.EnforceRequest request, Governance.Decision d,
                                   List<Governance.Check> checks, Governance.Outcome outcome, String digest)
                throws SQLException {
            String id = Ids.newId("rcpt", now);
            String outcomeName = wire(outcome);
            Governance.Receipt body = new Governance.Receipt(id, request.decisionObjectId(), outcomeName,
                    List.copyOf(checks), digest, now, principal, d != null ? d.grantId() : request.authorityGrantId(),
                    d != null ? d.contractId() : request.contextContractId(), d != null ? d.traceId() : null,
                    request.attestation(), 0, null, null, null, null);
            ObjectNode tree = JSON.valueToTree(body);
            for (String field : new String[] {"seq", "prevHash", "recordHash", "keyId", "signature"}) {
                tree.remove(field);
            }
            String about = d != null ? d.id() : request.decisionObjectId().length() <= MAX_ID ? request.decisionObjectId()
                    : null;
            ObjectNode record = appendRecord("receipt", id, about, d != null ? d.traceId() : null, principal, tree);
            long seq = record.get("seq").asLong();
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("seq", seq);
            properties.put("receiptId", id);
            properties.put("outcome", outcomeName);
            event("governance.enforce." + outcomeName, d != null ? d.businessId() : defaultBusiness(), principal,
                    "decision", request.decisionObjectId(), about, d != null ? d.traceId() : null, properties);
            if (d != null) {
                Governance.State s = state(d);
                if (outcome == Governance.Outcome.ALLOW) {
                    BigDecimal amount = Governance.amountOf(request.proposedAction());
                    Governance.Grant g = grant(d.grantId());
                    Governance.Contract k = contract(d.contractId());
                    spend("gov_grant", g.id(), g.spent().add(amount));
                    spend("gov_contract", k.id(), k.spent().add(amount));
                    save(changed(d, Governance.State.RELEASED, d.approvals(), new Governance.HistoryEntry(now,
                            principal, "enforce.allow", d.state(), wire(Governance.State.RELEASED), null, id, seq)));
                    Map<String, Object> released = new LinkedHashMap<>(properties);
                    released.put("state", wire(Governance.State.RELEASED));
                    released.put("amount", amount.toPlainString());
                    event("governance.decision.released", d.businessId(), principal, "decision", d.id(), d.id(),
                            d.traceId(), released);
                } else if (outcome == Governance.Outcome.ESCROW && s == Governance.State.PENDING_APPROVAL) {
                    move(d, "escrowed", Governance.State.ESCROWED, principal, null, d.approvals(), id);
                } else if (d.history().size() < MAX_HISTORY) {
                    save(changed(d, s, d.approvals(), new Governance.HistoryEntry(now, principal,
                            "enforce." + outcomeName, d.state(), d.state(), null, id, seq)));
                }
            }
            return receiptOf(record);
        }
    }

    // ---- helpers ----

    private static Governance.Decision decisionRow(Connection c, String ws, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT decision FROM gov_decision WHERE workspace_id = ?"
                + " AND id = ?")) {
            ps.setString(1, ws);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs.getString(1), Governance.Decision.class) : null;
            }
        }
    }

    /** active, not_yet_valid, expired or revoked, at {@code now}; validity windows are [validFrom, validTo). */
    static String status(Long revokedAt, Long validFrom, Long validTo, long now) {
        if (revokedAt != null) {
            return "revoked";
        }
        if (validFrom != null && now < validFrom) {
            return "not_yet_valid";
        }
        if (validTo != null && now >= validTo) {
            return "expired";
        }
        return "active";
    }

    private static Governance.Contract withSpent(Governance.Contract k, BigDecimal spent, long now) {
        return new Governance.Contract(k.id(), k.name(), k.businessId(), k.surface(), k.allowedActions(),
                k.perActionLimit(), k.cumulativeLimit(), k.minTrustTier(), k.requiredCompliancePacks(), k.validFrom(),
                k.validTo(), k.createdBy(), k.createdAt(), k.revokedAt(), k.revokedBy(), k.revokeReason(), spent,
                k.cumulativeLimit().amount().subtract(spent), status(k.revokedAt(), k.validFrom(), k.validTo(), now));
    }

    private static Governance.Grant withSpent(Governance.Grant g, BigDecimal spent, long now) {
        return new Governance.Grant(g.id(), g.grantee(), g.actions(), g.amountLimit(), g.validFrom(), g.validTo(),
                g.contractId(), g.createdBy(), g.createdAt(), g.revokedAt(), g.revokedBy(), g.revokeReason(), spent,
                g.amountLimit().amount().subtract(spent), status(g.revokedAt(), g.validFrom(), g.validTo(), now));
    }

    static Governance.State state(Governance.Decision d) {
        return Checks.Wire.parse(Governance.State.class, d.state());
    }

    static String wire(Enum<?> value) {
        return Checks.Wire.name(value);
    }

    private static Checks reasonOf(Governance.ReasonRequest reason) {
        return reason == null ? new Checks().add("reason", "required", "is required") : reason.checks();
    }

    private static void requireId(String field, String id) {
        if (id == null || id.isBlank()) {
            throw ApiException.invalid("No id", List.of(new FieldError(null, field, "required", "is required")));
        }
        new Checks().id(field, id).throwIfAny("Invalid id");
    }

    static String iso(Long millis) {
        return millis == null ? "(none)" : Instant.ofEpochMilli(millis).toString();
    }

    private static String message(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new EngineException("A stored governance object could not be read: " + e.getOriginalMessage(), e);
        }
    }

    private static void nullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}
