package com.headlessanalytics.console.engine;

import static com.headlessanalytics.console.engine.GovernanceRows.message;
import static com.headlessanalytics.console.engine.GovernanceRows.read;
import static com.headlessanalytics.console.engine.GovernanceRows.receiptOf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.Checks;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.domain.FieldError;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Governance on H2 (PRODUCT.md §5, docs/governance.md): contracts, grants, decisions and their
 * approvals, and enforce, each transition one transaction through the single writer that also
 * appends its signed record to the workspace's hash chain and stores its {@code governance.*} event.
 * This facade delegates: {@link GovernanceContracts} (contracts, grants), {@link GovernanceDecisions}
 * and {@link DecisionStates} (decisions, their state table), {@link GovernanceEnforcement} (the
 * checks of an enforce), {@link GovernanceTx} (the rows, chain records and events of one write),
 * {@link GovernanceWriter} (runs a write), {@link GovernanceRows} (stored forms).
 */
final class EngineGovernance {
    private static final Logger LOG = LoggerFactory.getLogger(EngineGovernance.class);
    /** The actor of what the engine does by itself: expiring decisions. */
    static final String SYSTEM = DecisionStates.SYSTEM;
    /** The checks of an enforce, in the order they run and are listed in the receipt. */
    static final List<String> CHECKS = GovernanceEnforcement.CHECKS;
    /** The most history entries of a decision (see {@link GovernanceTx#MAX_HISTORY}). */
    static final int MAX_HISTORY = GovernanceTx.MAX_HISTORY;
    /** The most decisions or receipts one list answers: the newest. */
    static final int MAX_LIST = GovernanceDecisions.MAX_LIST;

    private final WorkspaceKeys keys;
    private final GovernanceChain chain;
    private final GovernanceWriter writer;
    private final GovernanceContracts contracts;
    private final GovernanceDecisions decisions;
    /**
     * Told the name of each enforce step before it runs (each check, then "receipt", and
     * "fail_closed" before a deny receipt is written for a failed enforce). Tests make it throw to
     * stand in for a failing store.
     */
    private volatile Consumer<String> beforeStep = step -> { };

    EngineGovernance(Database db, EventStore events, WorkspaceKeys keys, Clock clock) {
        this.keys = keys;
        this.chain = new GovernanceChain(keys);
        this.writer = new GovernanceWriter(db, events, chain, clock);
        this.contracts = new GovernanceContracts(writer);
        this.decisions = new GovernanceDecisions(writer);
    }

    /** The fault-injection seam of the tests: see {@link #beforeStep}. */
    void beforeStep(Consumer<String> hook) {
        this.beforeStep = hook == null ? step -> { } : hook;
    }

    // ---- ContextContracts and AuthorityGrants ----

    Governance.Contract createContract(String workspaceId, String principal, Governance.NewContract contract) {
        return contracts.createContract(workspaceId, principal, contract);
    }

    List<Governance.Contract> contracts(String workspaceId) {
        return contracts.contracts(workspaceId);
    }

    Governance.Contract revokeContract(String workspaceId, String principal, String id, Governance.ReasonRequest reason) {
        return contracts.revokeContract(workspaceId, principal, id, reason);
    }

    Governance.Grant createGrant(String workspaceId, String principal, Governance.NewGrant grant) {
        return contracts.createGrant(workspaceId, principal, grant);
    }

    List<Governance.Grant> grants(String workspaceId) {
        return contracts.grants(workspaceId);
    }

    Governance.Grant revokeGrant(String workspaceId, String principal, String id, Governance.ReasonRequest reason) {
        return contracts.revokeGrant(workspaceId, principal, id, reason);
    }

    // ---- DecisionObjects ----

    Governance.Decision propose(String workspaceId, String defaultBusinessId, String principal,
                                Governance.NewDecision decision) {
        return decisions.propose(workspaceId, defaultBusinessId, principal, decision);
    }

    List<Governance.Decision> decisions(String workspaceId, String state) {
        return decisions.decisions(workspaceId, state);
    }

    Governance.Decision decision(String workspaceId, String id) {
        return decisions.decision(workspaceId, id);
    }

    Governance.Decision submit(String workspaceId, String principal, String id) {
        return decisions.submit(workspaceId, principal, id);
    }

    Governance.Decision approve(String workspaceId, String principal, String id, Governance.ApproveRequest approval) {
        return decisions.approve(workspaceId, principal, id, approval);
    }

    Governance.Decision deny(String workspaceId, String principal, String id, Governance.ReasonRequest reason) {
        return decisions.deny(workspaceId, principal, id, reason);
    }

    Governance.Decision revoke(String workspaceId, String principal, String id, Governance.ReasonRequest reason) {
        return decisions.revoke(workspaceId, principal, id, reason);
    }

    // ---- Enforce ----

    Governance.Receipt enforce(String workspaceId, String principal, Governance.EnforceRequest request) {
        if (request == null) {
            throw ApiException.invalid("Not an enforce request", List.of(new FieldError(null, "decisionObjectId",
                    "required", "an enforce body has decisionObjectId, authorityGrantId, contextContractId,"
                    + " proposedAction and attestation")));
        }
        request.checks().throwIfAnySized("Not an enforce request");
        // hashed before the writer: it depends on the request alone
        GovernanceEnforcement.ActionDigest digest = GovernanceEnforcement.ActionDigest.of(request.proposedAction());
        try {
            return writer.write(workspaceId, tx -> new GovernanceEnforcement(tx, keys, beforeStep, principal, request,
                    digest).run());
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
            return writer.write(workspaceId, tx -> {
                beforeStep.accept("fail_closed");
                List<Governance.Check> checks = new ArrayList<>();
                for (String name : CHECKS) {
                    checks.add(new Governance.Check(name, false, why));
                }
                Governance.Decision d = tx.decision(request.decisionObjectId());
                return tx.receipt(principal, request, d, checks, Governance.Outcome.DENY, null, null, null);
            });
        } catch (RuntimeException second) {
            second.addSuppressed(failure);
            throw new ApiException.Server(500, ErrorCodes.INTERNAL, "The enforce failed and its deny receipt could"
                    + " not be committed: " + message(second) + ". Nothing was allowed.", second);
        }
    }

    // ---- Receipts and the chain ----

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
        return writer.db.read(c -> {
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
        return chain.status(writer.db, workspaceId);
    }
}
