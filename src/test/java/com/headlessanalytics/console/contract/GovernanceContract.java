package com.headlessanalytics.console.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.HeadlessApi;
import org.junit.jupiter.api.Test;

/**
 * The governance part of the port's contract (PRODUCT.md §5, docs/governance.md), run embedded
 * and over loopback. Three principals share one workspace: an agent that proposes and enforces,
 * and two operators, alice and bob, who approve.
 */
abstract class GovernanceContract {
    static final String AGENT = "agent";
    static final String ALICE = "alice";
    static final String BOB = "bob";

    /** The port of the workspace, acting as {@code who} (one of AGENT, ALICE, BOB). */
    abstract HeadlessApi as(String who);

    /** The principal id the workspace records for {@code who} (an API key id). */
    abstract String principalOf(String who);

    @Test
    void eachCallerKnowsItsPrincipal() {
        Governance.Identity agent = as(AGENT).identity();
        assertThat(agent.principal()).isEqualTo(principalOf(AGENT));
        assertThat(as(ALICE).identity().principal()).isEqualTo(principalOf(ALICE)).isNotEqualTo(agent.principal());
        assertThat(agent.proof().workspaceId()).isEqualTo(agent.workspaceId());
    }
}
