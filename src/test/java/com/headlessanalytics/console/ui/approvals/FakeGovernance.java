package com.headlessanalytics.console.ui.approvals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.EventNames;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.EventsOnlyApi;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.IngestResult;
import com.headlessanalytics.console.api.RuntimeHealth;
import com.headlessanalytics.console.proof.CanonicalJson;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory governance store for the Approvals and proposal ViewModel tests: decisions with the
 * state table, the two-person rule (403) and the conflicts (409) the engine answers, grants and
 * contracts; one port per principal ({@link #as}). Everything else fails as unsupported.
 */
public final class FakeGovernance {
    public final Map<String, Governance.Decision> decisions = new LinkedHashMap<>();
    public final List<Governance.Grant> grants = new ArrayList<>();
    public final List<Governance.Contract> contracts = new ArrayList<>();
    public final List<String> calls = new ArrayList<>();
    private final Clock clock;
    private final AtomicInteger ids = new AtomicInteger();

    public FakeGovernance(Clock clock) {
        this.clock = clock;
    }

    /** A grant and a contract for {@code grantee}, with budgets in EUR. */
    public FakeGovernance withBudgets(String grantee) {
        long now = clock.millis();
        contracts.add(new Governance.Contract("ctr_1", "Ads spring", "default", "ads", List.of("budget.reallocate"),
                new Governance.Money(new BigDecimal("5000"), "EUR"), new Governance.Money(new BigDecimal("20000"), "EUR"),
                "T2", List.of("soc2"), null, null, "operator:admin", now, null, null, null, new BigDecimal("1000"),
                new BigDecimal("19000"), "active"));
        grants.add(new Governance.Grant("grt_1", grantee, List.of("budget.reallocate"),
                new Governance.Money(new BigDecimal("3000"), "EUR"), null, null, "ctr_1", "operator:admin", now, null,
                null, null, new BigDecimal("500"), new BigDecimal("2500"), "active"));
        return this;
    }

    /** Stores a decision as {@code proposer} proposed it, in {@code state}, with the action's amount. */
    public Governance.Decision add(String proposer, String state, String action, String amount, Long expiresAt,
                                   long createdAt) {
        ObjectNode node;
        try {
            node = (ObjectNode) ApiJson.mapper().readTree("{\"action\":\"" + action + "\",\"amount\":" + amount
                    + ",\"currency\":\"EUR\",\"campaign\":\"spring\"}");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String id = "dec_" + ids.incrementAndGet();
        Governance.Decision d = new Governance.Decision(id, state, node, CanonicalJson.sha256(node), proposer, "grt_1",
                "ctr_1", "default", List.of(evidence("metric_snapshot", "snap_1", "T3")),
                "T2", "tr_" + id, 1, expiresAt, List.of(), List.of(new Governance.HistoryEntry(createdAt, proposer,
                "proposed", null, state, null, null, ids.get())), createdAt, createdAt);
        decisions.put(id, d);
        return d;
    }

    private static Map<String, Object> evidence(String type, String ref, String tier) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", type);
        e.put("ref", ref);
        e.put("trustTier", tier);
        return e;
    }

    private Governance.Decision transition(String id, String principal, String to, Governance.Approval approval,
                                           String reason, String action) {
        Governance.Decision d = decisions.get(id);
        if (d == null) {
            throw ApiException.notFound("No decision " + id);
        }
        List<Governance.Approval> approvals = new ArrayList<>(d.approvals());
        if (approval != null) {
            approvals.add(approval);
        }
        List<Governance.HistoryEntry> history = new ArrayList<>(d.history());
        long now = clock.millis();
        history.add(new Governance.HistoryEntry(now, principal, action, d.state(), to, reason, null, history.size() + 1));
        Governance.Decision next = new Governance.Decision(d.id(), to, d.proposedAction(), d.actionDigest(),
                d.proposer(), d.grantId(), d.contractId(), d.businessId(), d.evidence(), d.trustTier(), d.traceId(),
                d.requiredApprovals(), d.expiresAt(), approvals, history, d.createdAt(), now);
        decisions.put(id, next);
        return next;
    }

    /** The port acting as {@code principal}. */
    public HeadlessApi as(String principal) {
        return new Port(principal);
    }

    private final class Port implements EventsOnlyApi {
        private final String principal;

        Port(String principal) {
            this.principal = principal;
        }

        @Override
        public IngestResult ingest(List<Map<String, Object>> events) {
            throw new UnsupportedOperationException();
        }

        @Override
        public EventPage events(EventQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public EventNames eventNames(String businessId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RuntimeHealth health() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Governance.Identity identity() {
            calls.add(principal + " identity");
            return new Governance.Identity(principal, "ws_1", null);
        }

        @Override
        public Governance.Decisions decisions(String state) {
            calls.add(principal + " decisions");
            return new Governance.Decisions(decisions.values().stream()
                    .filter(d -> state == null || state.equals(d.state())).toList().reversed(), null);
        }

        @Override
        public Governance.Decision decision(String decisionId) {
            Governance.Decision d = decisions.get(decisionId);
            if (d == null) {
                throw ApiException.notFound("No decision " + decisionId);
            }
            return d;
        }

        @Override
        public Governance.Grants grants() {
            return new Governance.Grants(List.copyOf(grants), null);
        }

        @Override
        public Governance.Contracts contracts() {
            return new Governance.Contracts(List.copyOf(contracts), null);
        }

        @Override
        public Governance.Decision proposeDecision(Governance.NewDecision n) {
            calls.add(principal + " propose " + ApiJson.write(n));
            String id = "dec_" + ids.incrementAndGet();
            String state = Boolean.TRUE.equals(n.draft()) ? "draft" : "pending_approval";
            long now = clock.millis();
            Governance.Decision d = new Governance.Decision(id, state, n.proposedAction(),
                    CanonicalJson.sha256(n.proposedAction()), principal, n.grantId(), n.contractId(), n.businessId(),
                    n.evidence(), n.trustTier(), n.traceId(), n.requiredApprovals() == null ? 1 : n.requiredApprovals(),
                    n.expiresAt(), List.of(), List.of(), now, now);
            decisions.put(id, d);
            return d;
        }

        @Override
        public Governance.Decision submitDecision(String id) {
            calls.add(principal + " submit " + id);
            Governance.Decision d = decision(id);
            if (!"draft".equals(d.state())) {
                throw ApiException.conflict("Only a draft can be submitted; this decision is " + d.state());
            }
            return transition(id, principal, "pending_approval", null, null, "submitted");
        }

        @Override
        public Governance.Decision approveDecision(String id, Governance.ApproveRequest approval) {
            calls.add(principal + " approve " + id + " " + approval.reason() + " " + approval.actionDigest());
            Governance.Decision d = decision(id);
            if (principal.equals(d.proposer())) {
                throw ApiException.forbidden("The proposer cannot approve their own decision");
            }
            if (d.approvals().stream().anyMatch(a -> a.approver().equals(principal))) {
                throw ApiException.conflict("You already approved this decision");
            }
            if (!d.actionDigest().equals(approval.actionDigest())) {
                throw ApiException.conflict("The approval names another action digest");
            }
            if (!"pending_approval".equals(d.state()) && !"escrowed".equals(d.state())) {
                throw ApiException.conflict("A " + d.state() + " decision cannot be approved");
            }
            Governance.Approval a = new Governance.Approval(principal, approval.reason(), approval.actionDigest(),
                    clock.millis());
            boolean enough = d.approvals().size() + 1 >= d.requiredApprovals();
            return transition(id, principal, enough ? "approved" : d.state(), a, approval.reason(), "approved");
        }

        @Override
        public Governance.Decision denyDecision(String id, Governance.ReasonRequest reason) {
            calls.add(principal + " deny " + id + " " + reason.reason());
            return transition(id, principal, "denied", null, reason.reason(), "denied");
        }

        @Override
        public Governance.Decision revokeDecision(String id, Governance.ReasonRequest reason) {
            calls.add(principal + " revoke " + id + " " + reason.reason());
            return transition(id, principal, "revoked", null, reason.reason(), "revoked");
        }
    }
}
