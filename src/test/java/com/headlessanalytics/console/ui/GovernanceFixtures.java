package com.headlessanalytics.console.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.engine.Engine;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Governance in a real engine for the governance screens' interaction tests: the local operator
 * makes a contract (500 EUR per action, 2,000 in all) and a grant (1,500) for an agent; the agent
 * proposes three decisions and enforces them: one approved and released (allow), one approved and
 * then enforced with a changed amount (deny), one enforced before anyone approved (escrow).
 */
public final class GovernanceFixtures {
    /** The agent's principal: an API key id, as serve mode would record it. */
    public static final String AGENT = "key_agent";
    public static final String ACTION = "ads.budget.increase";

    private GovernanceFixtures() {
    }

    /** What {@link #fill} made. */
    public record Made(Governance.Contract contract, Governance.Grant grant, Governance.Decision released,
                       Governance.Receipt allow, Governance.Decision changed, Governance.Receipt deny,
                       Governance.Decision held, Governance.Receipt escrow) {
    }

    public static Governance.Money eur(String amount) {
        return new Governance.Money(new BigDecimal(amount), "EUR");
    }

    public static ObjectNode action(String amount) {
        ObjectNode action = ApiJson.mapper().createObjectNode();
        action.put("action", ACTION);
        action.put("amount", amount);
        action.put("currency", "EUR");
        action.put("surface", "ads");
        action.put("campaignId", "cmp-q3-retarget");
        return action;
    }

    public static Made fill(Engine engine) {
        HeadlessApi operator = engine.defaultWorkspace();
        HeadlessApi agent = engine.defaultWorkspace(AGENT);
        Governance.Contract contract = operator.createContract(new Governance.NewContract("Ads spend Q3", null, "ads",
                List.of(ACTION, "ads.campaign.pause"), eur("500"), eur("2000"), "T2", List.of("soc2"), null, null));
        Governance.Grant grant = operator.createGrant(new Governance.NewGrant(AGENT, List.of(ACTION), eur("1500"), null,
                null, contract.id()));

        Governance.Decision released = propose(agent, contract, grant, "450.00", "trace-q3");
        operator.approveDecision(released.id(), new Governance.ApproveRequest("Within the Q3 plan",
                released.actionDigest()));
        Governance.Receipt allow = enforce(agent, contract, grant, released, "450.00");

        Governance.Decision changed = propose(agent, contract, grant, "300.00", "trace-q3");
        operator.approveDecision(changed.id(), new Governance.ApproveRequest("Fine for 300",
                changed.actionDigest()));
        Governance.Receipt deny = enforce(agent, contract, grant, changed, "350.00");

        Governance.Decision held = propose(agent, contract, grant, "120.00", "trace-weekend");
        Governance.Receipt escrow = enforce(agent, contract, grant, held, "120.00");
        return new Made(contract, grant, released, allow, changed, deny, held, escrow);
    }

    static Governance.Decision propose(HeadlessApi agent, Governance.Contract contract, Governance.Grant grant,
                                       String amount, String trace) {
        return agent.proposeDecision(new Governance.NewDecision(action(amount), grant.id(), contract.id(), null,
                List.of(Map.of("type", "metric", "name", "roas", "value", "3.4"),
                        Map.of("type", "compliance", "pack", "soc2", "control", "CC8.1")), "T3", trace, null, null,
                null));
    }

    static Governance.Receipt enforce(HeadlessApi agent, Governance.Contract contract, Governance.Grant grant,
                                      Governance.Decision decision, String amount) {
        return agent.enforce(new Governance.EnforceRequest(decision.id(), grant.id(), contract.id(), action(amount),
                new Governance.Attestation("software_local", null, null)));
    }
}
