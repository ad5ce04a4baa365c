package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.api.Governance;
import java.time.Clock;
import java.util.List;

/**
 * Governance on H2 (PRODUCT.md §5, docs/governance.md): contracts, grants, decisions and their
 * approvals, and enforce, each transition one transaction through the single writer that also
 * appends its signed record to the workspace's hash chain and stores its {@code governance.*} event.
 */
final class EngineGovernance {
    private final Database db;
    private final EventStore events;
    private final WorkspaceKeys keys;
    private final Clock clock;

    EngineGovernance(Database db, EventStore events, WorkspaceKeys keys, Clock clock) {
        this.db = db;
        this.events = events;
        this.keys = keys;
        this.clock = clock;
    }

    Governance.Contract createContract(String workspaceId, String principal, Governance.NewContract contract) {
        throw new UnsupportedOperationException("issue 9: not built yet");
    }

    List<Governance.Contract> contracts(String workspaceId) {
        throw new UnsupportedOperationException("issue 9: not built yet");
    }

    Governance.Contract revokeContract(String workspaceId, String principal, String id, Governance.ReasonRequest reason) {
        throw new UnsupportedOperationException("issue 9: not built yet");
    }

    Governance.Grant createGrant(String workspaceId, String principal, Governance.NewGrant grant) {
        throw new UnsupportedOperationException("issue 9: not built yet");
    }

    List<Governance.Grant> grants(String workspaceId) {
        throw new UnsupportedOperationException("issue 9: not built yet");
    }

    Governance.Grant revokeGrant(String workspaceId, String principal, String id, Governance.ReasonRequest reason) {
        throw new UnsupportedOperationException("issue 9: not built yet");
    }

    Governance.Decision propose(String workspaceId, String defaultBusinessId, String principal,
                                Governance.NewDecision decision) {
        throw new UnsupportedOperationException("issue 9: not built yet");
    }

    List<Governance.Decision> decisions(String workspaceId, String state) {
        throw new UnsupportedOperationException("issue 9: not built yet");
    }

    Governance.Decision decision(String workspaceId, String id) {
        throw new UnsupportedOperationException("issue 9: not built yet");
    }

    Governance.Decision submit(String workspaceId, String principal, String id) {
        throw new UnsupportedOperationException("issue 9: not built yet");
    }

    Governance.Decision approve(String workspaceId, String principal, String id, Governance.ApproveRequest approval) {
        throw new UnsupportedOperationException("issue 9: not built yet");
    }

    Governance.Decision deny(String workspaceId, String principal, String id, Governance.ReasonRequest reason) {
        throw new UnsupportedOperationException("issue 9: not built yet");
    }

    Governance.Decision revoke(String workspaceId, String principal, String id, Governance.ReasonRequest reason) {
        throw new UnsupportedOperationException("issue 9: not built yet");
    }

    Governance.Receipt enforce(String workspaceId, String principal, Governance.EnforceRequest request) {
        throw new UnsupportedOperationException("issue 9: not built yet");
    }

    List<Governance.Receipt> receipts(String workspaceId, String traceId, String decisionObjectId) {
        throw new UnsupportedOperationException("issue 9: not built yet");
    }

    Governance.ChainStatus chainStatus(String workspaceId) {
        throw new UnsupportedOperationException("issue 9: not built yet");
    }
}
