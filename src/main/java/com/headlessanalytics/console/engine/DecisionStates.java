package com.headlessanalytics.console.engine;

import static com.headlessanalytics.console.engine.GovernanceRows.iso;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.Checks;
import com.headlessanalytics.console.api.Governance;
import java.sql.SQLException;

/**
 * The decision state table (docs/governance.md): which states a transition starts from, the 409 of
 * one the table does not hold, and expiry, which every transition and enforce applies first.
 * Enforce's moves (allow releases, escrow holds) are in {@link GovernanceTx#receipt}.
 */
final class DecisionStates {
    /** The actor of what the engine does by itself: expiring decisions. */
    static final String SYSTEM = "system";
    /** The open states as an SQL list: a decision in one of them can still move, and expire. */
    static final String OPEN_STATES = "('draft', 'pending_approval', 'approved', 'escrowed')";

    private DecisionStates() {
    }

    static Governance.State state(Governance.Decision d) {
        return Checks.Wire.parse(Governance.State.class, d.state());
    }

    static String wire(Enum<?> value) {
        return Checks.Wire.name(value);
    }

    /**
     * The decision, expired first when its time is up; 404 when unknown, and 409 (after the expiry
     * is committed) when it is no longer open.
     */
    static Governance.Decision openDecision(GovernanceTx tx, String id, String action) throws SQLException {
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
    static Governance.Decision expireIfDue(GovernanceTx tx, Governance.Decision d) throws SQLException {
        if (d == null || !state(d).open() || tx.now < d.expiresAt()) {
            return d;
        }
        return tx.move(d, "expired", Governance.State.EXPIRED, SYSTEM, "expired at " + iso(d.expiresAt()),
                d.approvals(), null);
    }

    /** Submit: draft → pending_approval only. */
    static void requireSubmittable(Governance.Decision d) {
        if (state(d) != Governance.State.DRAFT) {
            throw ApiException.conflict("Decision " + d.id() + " is " + d.state()
                    + "; only a draft can be submitted");
        }
    }

    /** Approve: from pending_approval or escrowed only. */
    static void requireApprovable(Governance.Decision d) {
        Governance.State s = state(d);
        if (s != Governance.State.PENDING_APPROVAL && s != Governance.State.ESCROWED) {
            throw ApiException.conflict("Decision " + d.id() + " is " + d.state() + (s == Governance.State.DRAFT
                    ? "; submit it for approval first" : "; only a decision pending approval or escrowed can be"
                    + " approved"));
        }
    }

    /** An approval moves the decision to approved once it has its required approvals, else it stays. */
    static Governance.State afterApproval(Governance.Decision d, int approvals) {
        return approvals >= d.requiredApprovals() ? Governance.State.APPROVED : state(d);
    }
}
