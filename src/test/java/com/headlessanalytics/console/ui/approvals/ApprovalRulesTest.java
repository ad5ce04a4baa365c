package com.headlessanalytics.console.ui.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.Governance;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApprovalRulesTest {
    static final long NOW = 1_800_000_000_000L;

    @Test
    void theTypedAmountIsEveryDigitWithThousandsAndAtLeastTwoDecimals() {
        assertThat(ApprovalRules.amountPhrase(new BigDecimal("1500"))).isEqualTo("1,500.00");
        assertThat(ApprovalRules.amountPhrase(new BigDecimal("1500.5"))).isEqualTo("1,500.50");
        assertThat(ApprovalRules.amountPhrase(new BigDecimal("1500.125"))).as("never rounded").isEqualTo("1,500.125");
        assertThat(ApprovalRules.amountPhrase(new BigDecimal("2.5E+3"))).isEqualTo("2,500.00");
        assertThat(ApprovalRules.amountPhrase(new BigDecimal("1234567.0000001"))).isEqualTo("1,234,567.0000001");
    }

    @Test
    void onlyAnAmountAboveTheThresholdIsTyped() {
        BigDecimal threshold = new BigDecimal("1000");
        assertThat(ApprovalRules.needsTypedAmount(new BigDecimal("1000.00"), threshold)).isFalse();
        assertThat(ApprovalRules.needsTypedAmount(new BigDecimal("1000.01"), threshold)).isTrue();
        assertThat(ApprovalRules.needsTypedAmount(null, threshold)).as("no amount, nothing to type").isFalse();
        assertThat(ApprovalRules.needsTypedAmount(new BigDecimal("0.01"), BigDecimal.ZERO)).isTrue();
    }

    @Test
    void theAmountIsReadExactlyFromANumberOrAString() {
        assertThat(ApprovalRules.amount(Map.of("amount", "1500.10"))).isEqualTo(new BigDecimal("1500.10"));
        assertThat(ApprovalRules.amount(Map.of("amount", 1500))).isEqualTo(new BigDecimal("1500"));
        assertThat(ApprovalRules.amount(Map.of("amount", new BigDecimal("0.1")))).isEqualTo(new BigDecimal("0.1"));
        assertThat(ApprovalRules.amount(Map.of("amount", "lots"))).isNull();
        assertThat(ApprovalRules.amount(Map.of())).isNull();
        assertThat(ApprovalRules.money(new BigDecimal("1500.1"), "EUR")).isEqualTo("1,500.10 EUR");
        assertThat(ApprovalRules.money(null, "EUR")).isEmpty();
    }

    @Test
    void aReasonIsRequiredAndBounded() {
        assertThat(ApprovalRules.reasonProblem(null)).startsWith("A reason is required");
        assertThat(ApprovalRules.reasonProblem(" \n ")).startsWith("A reason is required");
        assertThat(ApprovalRules.reasonProblem("x".repeat(2000))).isEmpty();
        assertThat(ApprovalRules.reasonProblem("x".repeat(2001))).isEqualTo("A reason has at most 2,000 characters.");
    }

    @Test
    void whoMayApproveWhat() {
        Governance.Decision d = decision("key_agent", "pending_approval", NOW + 60_000, List.of());
        assertThat(ApprovalRules.approveBlocked(d, "operator:ana", NOW)).isEmpty();
        assertThat(ApprovalRules.approveBlocked(d, null, NOW)).isEqualTo("Reading who you are…");
        assertThat(ApprovalRules.approveBlocked(d, "key_agent", NOW)).contains("two-person rule");
        assertThat(ApprovalRules.approveBlocked(d, "operator:ana", NOW + 60_000)).contains("expired");
        assertThat(ApprovalRules.approveBlocked(decision("key_agent", "escrowed", null, List.of()), "operator:ana",
                NOW)).as("escrowed waits for a person too").isEmpty();
        assertThat(ApprovalRules.approveBlocked(decision("key_agent", "approved", null, List.of()), "operator:ana",
                NOW)).isEqualTo("Only a decision pending approval or escrowed can be approved; this one is approved.");
        Governance.Decision once = decision("key_agent", "pending_approval", null,
                List.of(new Governance.Approval("operator:ana", "ok", "d", NOW)));
        assertThat(ApprovalRules.approveBlocked(once, "operator:ana", NOW)).contains("already approved");
        assertThat(ApprovalRules.awaitsReviewBy(once, "operator:ana")).isFalse();
        assertThat(ApprovalRules.awaitsReviewBy(once, "operator:bob")).isTrue();
        assertThat(ApprovalRules.awaitsReviewBy(d, null)).isFalse();
    }

    @Test
    void theViewsAndTheOrder() {
        Governance.Decision soon = decision("key_agent", "pending_approval", NOW + 1000, List.of());
        Governance.Decision mine = decision("operator:ana", "draft", null, List.of());
        Governance.Decision closed = decision("key_agent", "released", NOW, List.of());
        assertThat(ApprovalRules.inView(ApprovalRules.QueueView.TO_REVIEW, soon, "operator:ana")).isTrue();
        assertThat(ApprovalRules.inView(ApprovalRules.QueueView.TO_REVIEW, mine, "operator:ana")).isFalse();
        assertThat(ApprovalRules.inView(ApprovalRules.QueueView.MINE, mine, "operator:ana")).isTrue();
        assertThat(ApprovalRules.inView(ApprovalRules.QueueView.HISTORY, closed, "operator:ana")).isTrue();
        assertThat(ApprovalRules.inView(ApprovalRules.QueueView.HISTORY, soon, "operator:ana")).isFalse();
        assertThat(ApprovalRules.state(decision("x", "someday", null, List.of()))).as("unknown state").isNull();

        DecisionRow a = new DecisionRow(withAmount("a", NOW + 5000, "10", 1), NOW);
        DecisionRow b = new DecisionRow(withAmount("b", NOW + 5000, "900", 2), NOW);
        DecisionRow c = new DecisionRow(withAmount("c", NOW + 1000, "1", 3), NOW);
        DecisionRow d = new DecisionRow(withAmount("d", null, "5000", 0), NOW);
        DecisionRow e = new DecisionRow(withAmount("e", NOW + 5000, "900", 1), NOW);
        assertThat(java.util.stream.Stream.of(a, b, c, d, e).sorted(ApprovalRules.URGENCY).map(DecisionRow::id))
                .as("soonest expiry, larger amount, older, no expiry last").containsExactly("c", "b", "e", "a", "d");
    }

    @Test
    void howStatesTimesEvidenceAndHistoryRead() {
        assertThat(ApprovalRules.stateLabel("pending_approval")).isEqualTo("pending approval");
        assertThat(ApprovalRules.expiresIn(NOW + 125 * 60_000L, NOW)).isEqualTo("in 2 h 5 min");
        assertThat(ApprovalRules.expiresIn(NOW, NOW)).isEqualTo("expired");
        assertThat(ApprovalRules.expiresIn(null, NOW)).isEqualTo("—");
        assertThat(ApprovalRules.countdown(NOW + 45_000L, NOW)).isEqualTo("45 s");
        assertThat(ApprovalRules.countdown(NOW - 1, NOW)).isEqualTo("expired");
        assertThat(ApprovalRules.expiringSoon(NOW + 3_600_000L, NOW)).isTrue();
        assertThat(ApprovalRules.expiringSoon(NOW + 3_600_001L, NOW)).isFalse();
        assertThat(ApprovalRules.tier("T4")).isEqualTo("T4 proof-ready");
        assertThat(ApprovalRules.tier("gold")).isEqualTo("gold");
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("type", "receipt");
        item.put("trustTier", "T2");
        item.put("detail", Map.of("k", 1));
        assertThat(ApprovalRules.evidenceText(item)).isEqualTo("type: receipt · detail: {\"k\":1}");
        assertThat(ApprovalRules.evidenceTier(item, "T1")).isEqualTo("T2");
        assertThat(ApprovalRules.evidenceTier(Map.of(), "T1")).isEqualTo("T1");
        assertThat(ApprovalRules.transition(new Governance.HistoryEntry(NOW, "a", "submitted", "draft",
                "pending_approval", null, null, 2))).isEqualTo("draft → pending approval");
        assertThat(ApprovalRules.transition(new Governance.HistoryEntry(NOW, "a", "approved", "pending_approval",
                "pending_approval", "ok", null, 3))).as("1 of 2 approvals: the state stays").isEqualTo("approved");
        assertThat(ApprovalRules.aiNotice("operator:ana")).isEmpty();
        assertThat(ApprovalRules.aiNotice("Operator:Bo")).isEmpty();
        assertThat(ApprovalRules.aiNotice("key_abc")).startsWith("AI-proposed: key_abc");
    }

    static Governance.Decision decision(String proposer, String state, Long expiresAt, List<Governance.Approval> approvals) {
        return new Governance.Decision("dec_" + proposer + state, state, null, "d", proposer, "g", "c", "default",
                List.of(), "T2", null, 2, expiresAt, approvals, List.of(), NOW - 1000, NOW - 1000);
    }

    static Governance.Decision withAmount(String id, Long expiresAt, String amount, long age) {
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("action", "x");
        action.put("amount", amount);
        return new Governance.Decision(id, "pending_approval",
                com.headlessanalytics.console.api.ApiJson.object(action), "d", "key_agent", "g", "c", "default",
                List.of(), "T2", null, 1, expiresAt, List.of(), List.of(), NOW - age, NOW - age);
    }
}
