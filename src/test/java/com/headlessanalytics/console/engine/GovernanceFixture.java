package com.headlessanalytics.console.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.HeadlessApi;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An embedded engine for the governance tests, on a clock the test moves, with three operator
 * principals: an agent that proposes and enforces, alice and bob who approve.
 */
final class GovernanceFixture implements AutoCloseable {
    static final String AGENT = "operator:agent";
    static final String ALICE = "operator:alice";
    static final String BOB = "operator:bob";
    static final String ACTION = "budget.increase";
    /** Monday 2 November 2026, 09:00 UTC. */
    static final long T0 = Instant.parse("2026-11-02T09:00:00Z").toEpochMilli();

    /** A clock that stands still until the test moves it. */
    static final class TestClock extends Clock {
        private final AtomicLong now;

        TestClock(long start) {
            this.now = new AtomicLong(start);
        }

        void advance(long ms) {
            now.addAndGet(ms);
        }

        @Override
        public long millis() {
            return now.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    final TestClock clock;
    final Engine engine;

    GovernanceFixture(Path dir) {
        this(dir, new TestClock(T0));
    }

    GovernanceFixture(Path dir, TestClock clock) {
        this.clock = clock;
        this.engine = Engine.open(dir, clock);
    }

    HeadlessApi as(String principal) {
        return engine.defaultWorkspace(principal);
    }

    static Governance.Money usd(String amount) {
        return new Governance.Money(new BigDecimal(amount), "USD");
    }

    /** A contract and a grant for the agent under it. */
    record Setup(Governance.Contract contract, Governance.Grant grant) {
    }

    Setup setup(String perAction, String cumulative, String grantLimit) {
        Governance.Contract contract = as(ALICE).createContract(new Governance.NewContract("Ads", null, "ads",
                List.of(ACTION), usd(perAction), usd(cumulative), "T2", List.of(), null, null));
        Governance.Grant grant = as(ALICE).createGrant(new Governance.NewGrant(AGENT, List.of(ACTION),
                usd(grantLimit), null, null, contract.id()));
        return new Setup(contract, grant);
    }

    static ObjectNode action(String amount) {
        ObjectNode action = ApiJson.mapper().createObjectNode();
        action.put("action", ACTION);
        action.put("amount", amount);
        action.put("currency", "USD");
        action.put("surface", "ads");
        action.put("campaignId", "cmp-42");
        return action;
    }

    Governance.Decision propose(Setup s, ObjectNode action, String traceId) {
        return as(AGENT).proposeDecision(new Governance.NewDecision(action, s.grant().id(), s.contract().id(), null,
                null, "T3", traceId, null, null, null));
    }

    Governance.Decision approved(Setup s, ObjectNode action, String traceId) {
        Governance.Decision d = propose(s, action, traceId);
        return as(ALICE).approveDecision(d.id(), new Governance.ApproveRequest("ok", d.actionDigest()));
    }

    Governance.Receipt enforce(Setup s, Governance.Decision d, ObjectNode action) {
        return as(AGENT).enforce(new Governance.EnforceRequest(d.id(), s.grant().id(), s.contract().id(), action,
                new Governance.Attestation("software_local", null, null)));
    }

    static List<String> failed(Governance.Receipt r) {
        return r.checks().stream().filter(c -> !c.passed()).map(Governance.Check::name).toList();
    }

    @Override
    public void close() {
        engine.close();
    }
}
