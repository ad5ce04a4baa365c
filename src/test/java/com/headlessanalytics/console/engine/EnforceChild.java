package com.headlessanalytics.console.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.Governance;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

/**
 * Run in a child JVM by {@link KillDuringEnforceTest}: {@value #THREADS} threads propose, approve
 * and enforce decisions forever, printing "ALLOW decisionId receiptId" after each allow answered.
 */
public final class EnforceChild {
    static final int THREADS = 4;
    static final String AGENT = "operator:agent";
    static final String ALICE = "operator:alice";

    public static void main(String[] args) {
        Engine engine = Engine.open(Path.of(args[0]));
        Governance.Money lots = new Governance.Money(new BigDecimal("1000000000"), "USD");
        Governance.Contract contract = engine.defaultWorkspace(ALICE).createContract(new Governance.NewContract(
                "Crash", null, "ads", List.of("budget.increase"), lots, lots, null, null, null, null));
        Governance.Grant grant = engine.defaultWorkspace(ALICE).createGrant(new Governance.NewGrant(AGENT,
                List.of("budget.increase"), lots, null, null, contract.id()));
        System.out.println("READY");
        System.out.flush();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            Thread.ofPlatform().start(() -> {
                for (int i = 0; ; i++) {
                    ObjectNode action = GovernanceFixture.action(thread + "." + i);
                    Governance.Decision d = engine.defaultWorkspace(AGENT).proposeDecision(new Governance.NewDecision(
                            action, grant.id(), contract.id(), null, null, null, null, null, null, null));
                    engine.defaultWorkspace(ALICE).approveDecision(d.id(), new Governance.ApproveRequest("burst",
                            d.actionDigest()));
                    Governance.Receipt r = engine.defaultWorkspace(AGENT).enforce(new Governance.EnforceRequest(d.id(),
                            grant.id(), contract.id(), action, new Governance.Attestation("software_local", null,
                            null)));
                    if (r.outcome().equals("allow")) {
                        System.out.println("ALLOW " + d.id() + " " + r.id());
                        System.out.flush();
                    }
                }
            });
        }
    }
}
