package com.headlessanalytics.console.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.proof.CanonicalJson;
import com.headlessanalytics.console.proof.Ed25519;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert;
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
    static final String ACTION = "budget.increase";

    /** The port of the workspace, acting as {@code who} (one of AGENT, ALICE, BOB). */
    abstract HeadlessApi as(String who);

    /** The principal id the workspace records for {@code who} (an API key id). */
    abstract String principalOf(String who);

    // ---- fixtures: a contract (500 per action, 1000 in all) and a grant (800) for the agent ----

    static Governance.Money usd(String amount) {
        return new Governance.Money(new BigDecimal(amount), "USD");
    }

    Governance.Contract contract(List<String> packs) {
        return as(ALICE).createContract(new Governance.NewContract("Ads budget", null, "ads", List.of(ACTION,
                "campaign.pause"), usd("500"), usd("1000"), "T2", packs, null, null));
    }

    Governance.Grant grant(Governance.Contract contract) {
        return as(ALICE).createGrant(new Governance.NewGrant(principalOf(AGENT), List.of(ACTION), usd("800"), null,
                null, contract.id()));
    }

    /** The chain of an enforce: a contract, a grant for the agent under it. */
    record Setup(Governance.Contract contract, Governance.Grant grant) {
    }

    Setup setup() {
        Governance.Contract contract = contract(List.of());
        return new Setup(contract, grant(contract));
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

    Governance.Decision propose(Setup s, ObjectNode action, Integer approvals, String traceId) {
        return as(AGENT).proposeDecision(new Governance.NewDecision(action, s.grant().id(), s.contract().id(), null,
                List.of(Map.of("type", "metric", "name", "roas", "value", "3.1")), "T3", traceId, approvals, null,
                null));
    }

    Governance.Decision approved(Setup s, String amount, String traceId) {
        Governance.Decision d = propose(s, action(amount), null, traceId);
        return as(ALICE).approveDecision(d.id(), new Governance.ApproveRequest("within plan", d.actionDigest()));
    }

    Governance.Receipt enforce(Setup s, Governance.Decision d, ObjectNode action) {
        return as(AGENT).enforce(new Governance.EnforceRequest(d.id(), s.grant().id(), s.contract().id(), action,
                new Governance.Attestation("software_local", null, null)));
    }

    static Governance.Check check(Governance.Receipt r, String name) {
        return r.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    static List<String> failed(Governance.Receipt r) {
        return r.checks().stream().filter(c -> !c.passed()).map(Governance.Check::name).toList();
    }

    static void status(int expected, ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.Client.class,
                e -> assertThat(e.status()).as(e.getMessage()).isEqualTo(expected));
    }

    // ---- tests ----

    @Test
    void eachCallerKnowsItsPrincipal() {
        Governance.Identity agent = as(AGENT).identity();
        assertThat(agent.principal()).isEqualTo(principalOf(AGENT));
        assertThat(as(ALICE).identity().principal()).isEqualTo(principalOf(ALICE)).isNotEqualTo(agent.principal());
        assertThat(agent.proof().workspaceId()).isEqualTo(agent.workspaceId());
    }

    @Test
    void contractsAndGrantsAreCreatedListedWithBudgetsAndRevokedOnce() {
        Setup s = setup();
        assertThat(s.contract().id()).startsWith("ctr_");
        assertThat(s.contract().businessId()).isEqualTo("default");
        assertThat(s.contract().createdBy()).isEqualTo(principalOf(ALICE));
        assertThat(s.contract().status()).isEqualTo("active");
        assertThat(s.contract().remaining()).isEqualByComparingTo("1000");
        assertThat(s.grant().id()).startsWith("grt_");
        assertThat(s.grant().grantee()).isEqualTo(principalOf(AGENT));
        assertThat(s.grant().spent()).isEqualByComparingTo("0");
        assertThat(s.grant().remaining()).isEqualByComparingTo("800");

        assertThat(as(BOB).contracts().contracts()).extracting(Governance.Contract::id).containsExactly(s.contract().id());
        assertThat(as(BOB).grants().grants()).singleElement().satisfies(g -> {
            assertThat(g.id()).isEqualTo(s.grant().id());
            assertThat(g.amountLimit()).isEqualTo(usd("800"));
            assertThat(g.status()).isEqualTo("active");
        });

        Governance.Grant revoked = as(BOB).revokeGrant(s.grant().id(), new Governance.ReasonRequest("agent retired"));
        assertThat(revoked.status()).isEqualTo("revoked");
        assertThat(revoked.revokedBy()).isEqualTo(principalOf(BOB));
        assertThat(revoked.revokeReason()).isEqualTo("agent retired");
        assertThat(as(ALICE).grants().grants().get(0).status()).isEqualTo("revoked");
        status(409, () -> as(BOB).revokeGrant(s.grant().id(), new Governance.ReasonRequest("again")));
        status(404, () -> as(BOB).revokeGrant("grt_nope", new Governance.ReasonRequest("no such grant")));
        status(400, () -> as(BOB).revokeContract(s.contract().id(), new Governance.ReasonRequest(" ")));

        assertThat(as(BOB).revokeContract(s.contract().id(), new Governance.ReasonRequest("campaign over")).status())
                .isEqualTo("revoked");
        status(409, () -> as(BOB).revokeContract(s.contract().id(), new Governance.ReasonRequest("again")));
    }

    @Test
    void invalidBodiesAreRefusedFieldByField() {
        assertThatThrownBy(() -> as(ALICE).createContract(new Governance.NewContract(null, null, null, List.of(),
                new Governance.Money(new BigDecimal("-1"), "usd"), null, "T9", null, 5L, 1L)))
                .isInstanceOfSatisfying(ApiException.Client.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.details()).extracting(FieldError::field).contains("surface", "allowedActions",
                            "perActionLimit.amount", "perActionLimit.currency", "cumulativeLimit", "minTrustTier",
                            "validTo");
                });
        Setup s = setup();
        ObjectNode noAmount = action("10");
        noAmount.remove("amount");
        assertThatThrownBy(() -> as(AGENT).proposeDecision(new Governance.NewDecision(noAmount, "grt_unknown",
                s.contract().id(), null, null, "T7", null, 3, null, null)))
                .isInstanceOfSatisfying(ApiException.Client.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.details()).extracting(FieldError::field).contains("proposedAction.amount",
                            "trustTier", "requiredApprovals");
                });
        assertThatThrownBy(() -> as(AGENT).proposeDecision(new Governance.NewDecision(action("10"), "grt_unknown",
                s.contract().id(), null, null, null, null, null, null, null)))
                .isInstanceOfSatisfying(ApiException.Client.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.details()).extracting(FieldError::field).containsExactly("grantId");
                });
        ObjectNode elsewhere = action("10");
        elsewhere.put("action", "refund.issue");
        elsewhere.put("surface", "payments");
        elsewhere.put("currency", "EUR");
        assertThatThrownBy(() -> as(AGENT).proposeDecision(new Governance.NewDecision(elsewhere, s.grant().id(),
                s.contract().id(), "brand-2", null, null, null, null, null, null)))
                .isInstanceOfSatisfying(ApiException.Client.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.details()).extracting(FieldError::field).containsExactly("businessId",
                            "proposedAction.action", "proposedAction.surface", "proposedAction.currency");
                });
        long now = as(AGENT).identity().proof().generatedAt();
        status(400, () -> as(AGENT).proposeDecision(new Governance.NewDecision(action("10"), s.grant().id(),
                s.contract().id(), null, null, null, null, null, now + 31L * 24 * 3600 * 1000, null)));
        status(404, () -> as(ALICE).decision("dec_unknown"));
        status(404, () -> as(ALICE).approveDecision("dec_unknown", new Governance.ApproveRequest("ok", "0".repeat(64))));
        status(400, () -> as(ALICE).decisions("open_sesame"));
        status(400, () -> as(AGENT).enforce(new Governance.EnforceRequest(null, null, null, null, null)));
    }

    @Test
    void aProposedDecisionCarriesTheDigestOfItsActionAndItsProposer() {
        Setup s = setup();
        ObjectNode action = action("120.00");
        Governance.Decision d = propose(s, action, null, "trace-propose");
        assertThat(d.id()).startsWith("dec_");
        assertThat(d.state()).isEqualTo("pending_approval");
        assertThat(d.actionDigest()).isEqualTo(CanonicalJson.sha256(action));
        assertThat(d.proposedAction()).isEqualTo(action);
        assertThat(d.proposer()).isEqualTo(principalOf(AGENT));
        assertThat(d.requiredApprovals()).isEqualTo(1);
        assertThat(d.expiresAt()).isEqualTo(d.createdAt() + 24L * 3600 * 1000);
        assertThat(d.businessId()).isEqualTo("default");
        assertThat(d.history()).singleElement().satisfies(h -> {
            assertThat(h.action()).isEqualTo("proposed");
            assertThat(h.toState()).isEqualTo("pending_approval");
        });
        assertThat(as(BOB).decision(d.id())).isEqualTo(d);
        assertThat(as(BOB).decisions("pending_approval").decisions()).extracting(Governance.Decision::id)
                .containsExactly(d.id());
        assertThat(as(BOB).decisions("approved").decisions()).isEmpty();

        List<Event> events = as(BOB).events(new EventQuery(null, null, "trace-propose", null, null, null, null, null,
                null)).events();
        assertThat(events).extracting(Event::event).containsExactly("governance.decision.proposed");
        assertThat(events.get(0).decisionId()).isEqualTo(d.id());
        assertThat(events.get(0).actor()).isEqualTo(Map.of("type", "principal", "id", principalOf(AGENT)));
    }

    @Test
    void aNumericAmountIsKeptAsTheLiteralThatWasSent() throws Exception {
        Setup s = setup();
        ObjectNode action = (ObjectNode) ApiJson.mapper().readTree(
                "{\"action\":\"" + ACTION + "\",\"amount\":120.50,\"currency\":\"USD\",\"surface\":\"ads\"}");
        Governance.Decision d = propose(s, action, null, null);
        assertThat(d.proposedAction().get("amount").decimalValue()).isEqualByComparingTo("120.50");
        assertThat(ApiJson.write(as(BOB).decision(d.id()).proposedAction().get("amount"))).isEqualTo("120.50");
        assertThat(d.actionDigest()).isEqualTo(CanonicalJson.sha256(action));
    }

    @Test
    void theProposerCanNeverApproveTheirOwnDecision() {
        Setup s = setup();
        Governance.Decision d = propose(s, action("50"), null, null);
        status(403, () -> as(AGENT).approveDecision(d.id(), new Governance.ApproveRequest("mine", d.actionDigest())));
        assertThat(as(AGENT).decision(d.id()).state()).isEqualTo("pending_approval");
    }

    @Test
    void anApprovalOfAnotherDigestOrWithoutAReasonIsRefused() {
        Setup s = setup();
        Governance.Decision d = propose(s, action("50"), null, null);
        status(409, () -> as(ALICE).approveDecision(d.id(), new Governance.ApproveRequest("ok",
                CanonicalJson.sha256(action("5000")))));
        status(400, () -> as(ALICE).approveDecision(d.id(), new Governance.ApproveRequest("", d.actionDigest())));
        status(400, () -> as(ALICE).approveDecision(d.id(), new Governance.ApproveRequest("ok", null)));
        assertThat(as(ALICE).decision(d.id()).approvals()).isEmpty();
        assertThat(as(ALICE).approveDecision(d.id(), new Governance.ApproveRequest("ok", d.actionDigest())).state())
                .isEqualTo("approved");
        status(409, () -> as(BOB).approveDecision(d.id(), new Governance.ApproveRequest("late", d.actionDigest())));
    }

    @Test
    void twoRequiredApprovalsNeedTwoDistinctApprovers() {
        Setup s = setup();
        Governance.Decision d = propose(s, action("80"), 2, null);
        Governance.Decision once = as(ALICE).approveDecision(d.id(), new Governance.ApproveRequest("first look",
                d.actionDigest()));
        assertThat(once.state()).isEqualTo("pending_approval");
        assertThat(once.approvals()).extracting(Governance.Approval::approver).containsExactly(principalOf(ALICE));
        status(409, () -> as(ALICE).approveDecision(d.id(), new Governance.ApproveRequest("again", d.actionDigest())));
        assertThat(enforce(s, d, action("80")).outcome()).isEqualTo("escrow");
        Governance.Decision twice = as(BOB).approveDecision(d.id(), new Governance.ApproveRequest("second look",
                d.actionDigest()));
        assertThat(twice.state()).isEqualTo("approved");
        assertThat(twice.approvals()).extracting(Governance.Approval::approver, Governance.Approval::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(principalOf(ALICE), "first look"),
                        org.assertj.core.groups.Tuple.tuple(principalOf(BOB), "second look"));
        assertThat(twice.history()).extracting(Governance.HistoryEntry::action)
                .containsExactly("proposed", "approved", "escrowed", "approved");
    }

    @Test
    void anApprovedDecisionIsReleasedByOneAllowAndNeverAgain() {
        Setup s = setup();
        Governance.Decision d = approved(s, "120.00", "trace-once");
        Governance.Receipt allow = enforce(s, d, action("120.00"));
        assertThat(allow.outcome()).isEqualTo("allow");
        assertThat(allow.id()).startsWith("rcpt_");
        assertThat(allow.decisionObjectId()).isEqualTo(d.id());
        assertThat(allow.actionDigest()).isEqualTo(d.actionDigest());
        assertThat(allow.actor()).isEqualTo(principalOf(AGENT));
        assertThat(allow.traceId()).isEqualTo("trace-once");
        assertThat(allow.checks()).extracting(Governance.Check::name).containsExactly("decision_exists",
                "decision_state", "not_expired", "action_digest", "request_ids", "grant_valid", "grant_actor",
                "grant_action", "grant_budget", "contract_valid", "contract_binding", "contract_action",
                "per_action_limit", "cumulative_limit", "trust_tier", "attestation", "compliance_packs");
        assertThat(allow.checks()).allSatisfy(c -> assertThat(c.passed()).as(c.name() + ": " + c.detail()).isTrue());
        assertThat(check(allow, "attestation").detail()).contains("this local engine attests the request");
        assertThat(allow.seq()).isPositive();
        assertThat(allow.recordHash()).hasSize(64);

        Governance.Decision released = as(BOB).decision(d.id());
        assertThat(released.state()).isEqualTo("released");
        assertThat(released.history().get(released.history().size() - 1).receiptId()).isEqualTo(allow.id());
        assertThat(as(BOB).grants().grants().get(0).spent()).isEqualByComparingTo("120");
        assertThat(as(BOB).grants().grants().get(0).remaining()).isEqualByComparingTo("680");
        assertThat(as(BOB).contracts().contracts().get(0).spent()).isEqualByComparingTo("120");

        Governance.Receipt again = enforce(s, d, action("120.00"));
        assertThat(again.outcome()).isEqualTo("deny");
        assertThat(failed(again)).containsExactly("decision_state");
        assertThat(check(again, "decision_state").detail()).contains("released", allow.id());
        assertThat(as(BOB).grants().grants().get(0).spent()).isEqualByComparingTo("120");
        status(409, () -> as(BOB).denyDecision(d.id(), new Governance.ReasonRequest("too late")));

        assertThat(as(BOB).events(new EventQuery(null, null, "trace-once", null, null, null, null, null, null))
                .events()).extracting(Event::event).containsExactly("governance.decision.proposed",
                "governance.decision.approved", "governance.enforce.allow", "governance.decision.released",
                "governance.enforce.deny");
    }

    @Test
    void anEnforceBeforeApprovalIsEscrowedUntilAPersonApproves() {
        Setup s = setup();
        Governance.Decision d = propose(s, action("60"), null, null);
        Governance.Receipt held = enforce(s, d, action("60"));
        assertThat(held.outcome()).isEqualTo("escrow");
        assertThat(failed(held)).containsExactly("decision_state");
        assertThat(as(BOB).decision(d.id()).state()).isEqualTo("escrowed");
        assertThat(as(BOB).decisions("escrowed").decisions()).extracting(Governance.Decision::id).containsExactly(d.id());
        assertThat(enforce(s, d, action("60")).outcome()).isEqualTo("escrow");

        assertThat(as(BOB).approveDecision(d.id(), new Governance.ApproveRequest("ok", d.actionDigest())).state())
                .isEqualTo("approved");
        assertThat(enforce(s, d, action("60")).outcome()).isEqualTo("allow");
        assertThat(as(BOB).decision(d.id()).state()).isEqualTo("released");
    }

    @Test
    void anActionChangedAfterApprovalIsDenied() {
        Setup s = setup();
        Governance.Decision d = approved(s, "100", null);
        Governance.Receipt changed = enforce(s, d, action("101"));
        assertThat(changed.outcome()).isEqualTo("deny");
        assertThat(failed(changed)).containsExactly("action_digest");
        assertThat(changed.actionDigest()).isNotEqualTo(d.actionDigest());
        assertThat(check(changed, "action_digest").detail()).contains(d.actionDigest(), changed.actionDigest());
        ObjectNode retargeted = action("100");
        retargeted.put("campaignId", "cmp-43");
        assertThat(failed(enforce(s, d, retargeted))).containsExactly("action_digest");
        assertThat(as(BOB).decision(d.id()).state()).isEqualTo("approved");
        assertThat(enforce(s, d, action("100")).outcome()).isEqualTo("allow");
    }

    @Test
    void aGrantRevokedAfterApprovalDeniesTheEnforce() {
        Setup s = setup();
        Governance.Decision d = approved(s, "70", null);
        as(BOB).revokeGrant(s.grant().id(), new Governance.ReasonRequest("suspicious activity"));
        Governance.Receipt r = enforce(s, d, action("70"));
        assertThat(r.outcome()).isEqualTo("deny");
        assertThat(failed(r)).containsExactly("grant_valid");
        assertThat(check(r, "grant_valid").detail()).contains("revoked", "suspicious activity");
        assertThat(as(BOB).decision(d.id()).state()).isEqualTo("approved");
    }

    @Test
    void aContractRevokedAfterApprovalDeniesTheEnforceAndTakesNoNewDecisions() {
        Setup s = setup();
        Governance.Decision d = approved(s, "70", null);
        as(BOB).revokeContract(s.contract().id(), new Governance.ReasonRequest("surface closed"));
        Governance.Receipt r = enforce(s, d, action("70"));
        assertThat(failed(r)).containsExactly("contract_valid");
        assertThat(check(r, "contract_valid").detail()).contains("revoked", "surface closed");
        status(409, () -> propose(s, action("5"), null, null));
        status(409, () -> grant(s.contract()));
    }

    @Test
    void anotherActorThanTheGranteeOrAnotherAttestationIsDenied() {
        Setup s = setup();
        Governance.Decision d = approved(s, "70", null);
        Governance.Receipt byBob = as(BOB).enforce(new Governance.EnforceRequest(d.id(), s.grant().id(),
                s.contract().id(), action("70"), new Governance.Attestation("software_local", null, null)));
        assertThat(failed(byBob)).containsExactly("grant_actor");
        Governance.Receipt unsigned = as(AGENT).enforce(new Governance.EnforceRequest(d.id(), s.grant().id(),
                s.contract().id(), action("70"), new Governance.Attestation("tpm", null, "AAAA")));
        assertThat(failed(unsigned)).containsExactly("attestation");
        Governance.Receipt wrongIds = as(AGENT).enforce(new Governance.EnforceRequest(d.id(), "grt_other", null,
                action("70"), new Governance.Attestation("software_local", null, null)));
        assertThat(failed(wrongIds)).containsExactly("request_ids");
        assertThat(check(wrongIds, "request_ids").detail()).contains("grt_other", "contextContractId is missing");
        assertThat(enforce(s, d, action("70")).outcome()).isEqualTo("allow");
    }

    @Test
    void anUnknownDecisionIsDeniedWithEveryCheckListed() {
        Governance.Receipt r = as(AGENT).enforce(new Governance.EnforceRequest("dec_missing", null, null, action("1"),
                new Governance.Attestation("software_local", null, null)));
        assertThat(r.outcome()).isEqualTo("deny");
        assertThat(r.checks()).hasSize(17).noneMatch(Governance.Check::passed);
        assertThat(check(r, "decision_exists").detail()).contains("dec_missing");
        assertThat(as(ALICE).receipts(null, null).receipts()).extracting(Governance.Receipt::id).containsExactly(r.id());
    }

    @Test
    void anExpiredDecisionCannotBeApprovedOrEnforced() throws InterruptedException {
        Setup s = setup();
        long now = as(AGENT).identity().proof().generatedAt();
        long expiresAt = now + 1500;
        Governance.Decision d = as(AGENT).proposeDecision(new Governance.NewDecision(action("30"), s.grant().id(),
                s.contract().id(), null, null, "T3", null, null, expiresAt, null));
        while (as(AGENT).identity().proof().generatedAt() < expiresAt) {
            Thread.sleep(100);
        }
        status(409, () -> as(ALICE).approveDecision(d.id(), new Governance.ApproveRequest("ok", d.actionDigest())));
        Governance.Decision expired = as(ALICE).decision(d.id());
        assertThat(expired.state()).isEqualTo("expired");
        assertThat(expired.history()).extracting(Governance.HistoryEntry::action).containsExactly("proposed", "expired");
        Governance.Receipt r = enforce(s, d, action("30"));
        assertThat(r.outcome()).isEqualTo("deny");
        assertThat(failed(r)).containsExactly("decision_state", "not_expired");
        assertThat(as(ALICE).decisions("expired").decisions()).extracting(Governance.Decision::id).containsExactly(d.id());
    }

    @Test
    void budgetsArePerActionPerGrantAndCumulative() {
        Setup s = setup();
        Governance.Receipt tooBig = enforce(s, approved(s, "600", null), action("600"));
        assertThat(failed(tooBig)).containsExactly("per_action_limit");
        assertThat(enforce(s, approved(s, "450", null), action("450")).outcome()).isEqualTo("allow");
        Governance.Receipt overGrant = enforce(s, approved(s, "400", null), action("400"));
        assertThat(overGrant.outcome()).isEqualTo("deny");
        assertThat(failed(overGrant)).containsExactly("grant_budget");
        assertThat(check(overGrant, "grant_budget").detail()).contains("350");
        assertThat(enforce(s, approved(s, "350", null), action("350")).outcome()).isEqualTo("allow");
        assertThat(as(BOB).grants().grants().get(0).remaining()).isEqualByComparingTo("0");

        Governance.Grant second = grant(s.contract());
        Setup more = new Setup(s.contract(), second);
        Governance.Receipt overContract = enforce(more, approved(more, "300", null), action("300"));
        assertThat(failed(overContract)).containsExactly("cumulative_limit");
        assertThat(enforce(more, approved(more, "200", null), action("200")).outcome()).isEqualTo("allow");
        assertThat(as(BOB).contracts().contracts().get(0).remaining()).isEqualByComparingTo("0");
    }

    @Test
    void requiredCompliancePacksMustBeInTheEvidence() {
        Governance.Contract contract = contract(List.of("soc2"));
        Setup s = new Setup(contract, grant(contract));
        Governance.Decision without = approved(s, "10", null);
        assertThat(failed(enforce(s, without, action("10")))).containsExactly("compliance_packs");
        Governance.Decision with = as(AGENT).proposeDecision(new Governance.NewDecision(action("10"), s.grant().id(),
                contract.id(), null, List.of(Map.of("type", "compliance", "pack", "soc2", "control", "CC8.1")), "T3",
                null, null, null, null));
        as(BOB).approveDecision(with.id(), new Governance.ApproveRequest("soc2 evidence attached", with.actionDigest()));
        assertThat(enforce(s, with, action("10")).outcome()).isEqualTo("allow");
    }

    @Test
    void aDraftIsSubmittedBeforeItCanBeApproved() {
        Setup s = setup();
        Governance.Decision draft = as(ALICE).proposeDecision(new Governance.NewDecision(action("15"), s.grant().id(),
                s.contract().id(), null, null, "T3", null, null, null, true));
        assertThat(draft.state()).isEqualTo("draft");
        status(409, () -> as(BOB).approveDecision(draft.id(), new Governance.ApproveRequest("ok", draft.actionDigest())));
        assertThat(failed(enforce(s, draft, action("15")))).containsExactly("decision_state");
        assertThat(as(ALICE).submitDecision(draft.id()).state()).isEqualTo("pending_approval");
        status(409, () -> as(ALICE).submitDecision(draft.id()));
        assertThat(as(BOB).approveDecision(draft.id(), new Governance.ApproveRequest("ok", draft.actionDigest()))
                .state()).isEqualTo("approved");
    }

    @Test
    void anOpenDecisionCanBeDeniedOrRevokedOnceWithAReason() {
        Setup s = setup();
        Governance.Decision a = propose(s, action("20"), null, null);
        status(400, () -> as(BOB).denyDecision(a.id(), new Governance.ReasonRequest(null)));
        Governance.Decision denied = as(BOB).denyDecision(a.id(), new Governance.ReasonRequest("not this week"));
        assertThat(denied.state()).isEqualTo("denied");
        assertThat(denied.history().get(1).reason()).isEqualTo("not this week");
        status(409, () -> as(ALICE).approveDecision(a.id(), new Governance.ApproveRequest("ok", a.actionDigest())));
        status(409, () -> as(BOB).revokeDecision(a.id(), new Governance.ReasonRequest("again")));
        assertThat(failed(enforce(s, a, action("20")))).containsExactly("decision_state");

        Governance.Decision b = approved(s, "20", null);
        assertThat(as(AGENT).revokeDecision(b.id(), new Governance.ReasonRequest("withdrawn")).state())
                .isEqualTo("revoked");
        assertThat(enforce(s, b, action("20")).outcome()).isEqualTo("deny");
        assertThat(as(ALICE).decisions(null).decisions()).extracting(Governance.Decision::id)
                .containsExactly(b.id(), a.id());
    }

    @Test
    void receiptsAreListedNewestFirstAndFilteredByTraceOrDecision() {
        Setup s = setup();
        Governance.Decision one = approved(s, "10", "trace-a");
        Governance.Decision two = approved(s, "20", "trace-b");
        Governance.Receipt r1 = enforce(s, one, action("10"));
        Governance.Receipt r2 = enforce(s, two, action("20"));
        Governance.Receipt r3 = enforce(s, one, action("10"));
        Governance.Receipts all = as(ALICE).receipts(null, null);
        assertThat(all.receipts()).extracting(Governance.Receipt::id).containsExactly(r3.id(), r2.id(), r1.id());
        assertThat(all.receipts().get(2)).isEqualTo(r1);
        assertThat(as(ALICE).receipts("trace-a", null).receipts()).extracting(Governance.Receipt::id)
                .containsExactly(r3.id(), r1.id());
        assertThat(as(ALICE).receipts(null, two.id()).receipts()).extracting(Governance.Receipt::id)
                .containsExactly(r2.id());
        assertThat(as(ALICE).receipts("trace-b", one.id()).receipts()).isEmpty();
        assertThat(all.chain().intact()).isTrue();
        assertThat(all.chain().head()).isEqualTo(r3.recordHash());
        assertThat(r2.prevHash()).isEqualTo(r1.recordHash());
        assertThat(r3.seq()).isGreaterThan(r2.seq());
    }

    @Test
    void theChainIsIntactAndSignedByTheWorkspaceKey() {
        Setup s = setup();
        Governance.Receipt r = enforce(s, approved(s, "10", null), action("10"));
        Governance.PublicKey key = as(BOB).publicKey();
        assertThat(key.algorithm()).isEqualTo("Ed25519");
        assertThat(Ed25519.fingerprint(Ed25519.publicFromPem(key.pem()))).isEqualTo(key.keyId());
        assertThat(r.keyId()).isEqualTo(key.keyId());
        Governance.ChainStatus chain = as(BOB).receipts(null, null).chain();
        assertThat(chain.intact()).isTrue();
        assertThat(chain.problem()).isNull();
        // contract, grant, proposed, approved, receipt
        assertThat(chain.records()).isEqualTo(5);
        assertThat(r.seq()).isEqualTo(5);
        assertThat(chain.head()).isEqualTo(r.recordHash());
    }
}
