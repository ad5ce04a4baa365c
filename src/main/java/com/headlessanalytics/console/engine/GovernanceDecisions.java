package com.headlessanalytics.console.engine;

import static com.headlessanalytics.console.engine.DecisionStates.OPEN_STATES;
import static com.headlessanalytics.console.engine.DecisionStates.afterApproval;
import static com.headlessanalytics.console.engine.DecisionStates.expireIfDue;
import static com.headlessanalytics.console.engine.DecisionStates.openDecision;
import static com.headlessanalytics.console.engine.DecisionStates.requireApprovable;
import static com.headlessanalytics.console.engine.DecisionStates.requireSubmittable;
import static com.headlessanalytics.console.engine.DecisionStates.state;
import static com.headlessanalytics.console.engine.DecisionStates.wire;
import static com.headlessanalytics.console.engine.GovernanceRows.decisionRow;
import static com.headlessanalytics.console.engine.GovernanceRows.nullable;
import static com.headlessanalytics.console.engine.GovernanceRows.read;
import static com.headlessanalytics.console.engine.GovernanceRows.reasonOf;
import static com.headlessanalytics.console.engine.GovernanceRows.requireId;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Checks;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.domain.Ids;
import com.headlessanalytics.console.proof.CanonicalJson;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decision objects: propose, list, read, submit, approve, deny, revoke, and expiry when due; the
 * state rules are in {@link DecisionStates}.
 */
final class GovernanceDecisions {
    /** A decision expires 24 h after it is proposed unless it says otherwise (Google PAM)... */
    static final long DEFAULT_EXPIRY_MS = 24L * 60 * 60 * 1000;
    /** ...and at most 30 days after (GitHub Environments). */
    static final long MAX_EXPIRY_MS = 30L * 24 * 60 * 60 * 1000;
    /** The most decisions one list answers: the newest. */
    static final int MAX_LIST = 1000;

    private final GovernanceWriter writer;

    GovernanceDecisions(GovernanceWriter writer) {
        this.writer = writer;
    }

    Governance.Decision propose(String workspaceId, String defaultBusinessId, String principal,
                                Governance.NewDecision decision) {
        if (decision == null) {
            throw ApiException.invalid("No decision", List.of(new FieldError(null, "proposedAction", "required",
                    "a decision with proposedAction, grantId and contractId is required")));
        }
        Checks checks = decision.checks();
        long now = writer.clock.millis();
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
        return writer.write(workspaceId, tx -> {
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
        return writer.db.read(c -> {
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
        Governance.Decision d = writer.db.read(c -> decisionRow(c, workspaceId, id));
        if (d == null) {
            throw ApiException.notFound("No decision '" + id + "' in this workspace");
        }
        if (state(d).open() && writer.clock.millis() >= d.expiresAt()) {
            return writer.write(workspaceId, tx -> expireIfDue(tx, tx.decision(id)));
        }
        return d;
    }

    Governance.Decision submit(String workspaceId, String principal, String id) {
        requireId("id", id);
        return writer.write(workspaceId, tx -> {
            Governance.Decision d = openDecision(tx, id, "submitted");
            requireSubmittable(d);
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
        return writer.write(workspaceId, tx -> {
            Governance.Decision d = openDecision(tx, id, "approved");
            if (d.proposer().equals(principal)) {
                throw ApiException.forbidden("The proposer of decision " + id + " cannot approve it; another person"
                        + " must (separation of duties)");
            }
            requireApprovable(d);
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
            return tx.move(d, "approved", afterApproval(d, approvals.size()), principal, approval.reason(), approvals,
                    null);
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
        return writer.write(workspaceId, tx -> {
            Governance.Decision d = openDecision(tx, id, action);
            return tx.move(d, action, to, principal, reason.reason(), d.approvals(), null);
        });
    }

    /** Expires every open decision of the workspace whose time has come (read first, so most calls write nothing). */
    private void expireDue(String workspaceId) {
        long now = writer.clock.millis();
        boolean any = writer.db.read(c -> {
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
            writer.write(workspaceId, tx -> {
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
}
