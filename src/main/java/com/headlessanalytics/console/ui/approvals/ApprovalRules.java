package com.headlessanalytics.console.ui.approvals;

import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.domain.TrustTier;
import com.headlessanalytics.console.ui.common.Formats;
import com.headlessanalytics.console.ui.common.OperatorProfile;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rules of the Approvals screen, in one place and without a toolkit: which decisions each
 * view lists and in what order, who may approve what (the two-person rule in the console too),
 * when approving asks for the typed amount, and how states, amounts and times read.
 */
public final class ApprovalRules {
    private ApprovalRules() {
    }

    /** The lists of the queue. */
    public enum QueueView {
        TO_REVIEW("To review"), MINE("Mine"), HISTORY("History"), ALL("All");

        private final String label;

        QueueView(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The decision's state, or null for one this console does not know. */
    static Governance.State state(Governance.Decision d) {
        try {
            return d.state() == null ? null : Governance.State.valueOf(d.state().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Released, denied, revoked and expired decisions are closed: nothing more can happen to them. */
    static boolean closed(Governance.Decision d) {
        Governance.State s = state(d);
        return s != null && !s.open();
    }

    static boolean open(Governance.Decision d) {
        Governance.State s = state(d);
        return s != null && s.open();
    }

    static boolean proposedBy(Governance.Decision d, String principal) {
        return principal != null && principal.equals(d.proposer());
    }

    static boolean approvedBy(Governance.Decision d, String principal) {
        return principal != null && d.approvals() != null
                && d.approvals().stream().anyMatch(a -> principal.equals(a.approver()));
    }

    /** Waits for a person's decision: pending approval or escrowed (an enforce came before approval). */
    static boolean awaitingApproval(Governance.Decision d) {
        Governance.State s = state(d);
        return s == Governance.State.PENDING_APPROVAL || s == Governance.State.ESCROWED;
    }

    /**
     * Waits for {@code me}: awaiting approval, proposed by someone else and not yet approved by me
     * (a second approval must come from another person). This is what the sidebar badge counts.
     */
    static boolean awaitsReviewBy(Governance.Decision d, String me) {
        return me != null && awaitingApproval(d) && !proposedBy(d, me) && !approvedBy(d, me);
    }

    /** Whether the view lists the decision, for {@code me}. */
    static boolean inView(QueueView view, Governance.Decision d, String me) {
        return switch (view) {
            case TO_REVIEW -> awaitsReviewBy(d, me);
            case MINE -> proposedBy(d, me);
            case HISTORY -> closed(d);
            case ALL -> true;
        };
    }

    /**
     * Urgency: open decisions before closed ones; open ones by soonest expiry, then larger amount
     * first, then oldest; closed ones newest first.
     */
    static final Comparator<DecisionRow> URGENCY = (a, b) -> {
        Governance.Decision x = a.decision();
        Governance.Decision y = b.decision();
        boolean cx = closed(x);
        boolean cy = closed(y);
        if (cx != cy) {
            return cx ? 1 : -1;
        }
        if (cx) {
            int newest = Long.compare(y.updatedAt(), x.updatedAt());
            return newest != 0 ? newest : a.id().compareTo(b.id());
        }
        int expiry = Comparator.nullsLast(Long::compare).compare(x.expiresAt(), y.expiresAt());
        if (expiry != 0) {
            return expiry;
        }
        int amount = Comparator.nullsLast(Comparator.<BigDecimal>reverseOrder()).compare(a.amount(), b.amount());
        if (amount != 0) {
            return amount;
        }
        int age = Long.compare(x.createdAt(), y.createdAt());
        return age != 0 ? age : a.id().compareTo(b.id());
    };

    /** The proposed action as plain values (maps, lists, strings, exact decimals), keys in their order. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> action(Governance.Decision d) {
        if (d.proposedAction() == null) {
            return Map.of();
        }
        Object value = ApiJson.read(ApiJson.write(d.proposedAction()));
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The action's {@code amount}, a JSON number or string, as an exact decimal; null when absent or not one. */
    static BigDecimal amount(Map<String, Object> action) {
        Object value = action.get("amount");
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value.toString().strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String text(Map<String, Object> action, String key) {
        Object value = action.get(key);
        return value == null ? "" : value.toString();
    }

    /** "1,500.00 EUR"; "" without an amount. */
    static String money(BigDecimal amount, String currency) {
        if (amount == null) {
            return "";
        }
        return (Formats.money(amount) + " " + (currency == null ? "" : currency)).strip();
    }

    /**
     * Why {@code me} cannot approve the decision now, or "" when they can: nobody approves their own
     * proposal (two-person rule), nobody approves twice, only a decision awaiting approval can be
     * approved, and not once it has expired (the server decides again either way).
     */
    static String approveBlocked(Governance.Decision d, String me, long now) {
        if (me == null) {
            return "Reading who you are…";
        }
        if (proposedBy(d, me)) {
            return "You proposed this decision, so another person must approve it: nobody approves their own"
                    + " proposal (two-person rule).";
        }
        if (!awaitingApproval(d)) {
            return "Only a decision pending approval or escrowed can be approved; this one is "
                    + stateLabel(d.state()) + ".";
        }
        if (approvedBy(d, me)) {
            return "You already approved this decision; the next approval must come from another person ("
                    + approvalCount(d) + ").";
        }
        if (d.expiresAt() != null && d.expiresAt() <= now) {
            return "This decision has expired; it can no longer be approved.";
        }
        return "";
    }

    /** Only the proposer submits their draft for approval. */
    static String submitBlocked(Governance.Decision d, String me) {
        if (state(d) != Governance.State.DRAFT) {
            return "Only a draft is submitted.";
        }
        return proposedBy(d, me) ? "" : "Only its proposer, " + d.proposer() + ", submits a draft.";
    }

    /** "1 of 2 approvals". */
    static String approvalCount(Governance.Decision d) {
        int have = d.approvals() == null ? 0 : d.approvals().size();
        int need = Math.max(1, d.requiredApprovals());
        return have + " of " + need + " approval" + (need == 1 ? "" : "s");
    }

    /** Whether approving asks the operator to type the amount: only when it is above the threshold. */
    static boolean needsTypedAmount(BigDecimal amount, BigDecimal threshold) {
        return amount != null && threshold != null && amount.compareTo(threshold) > 0;
    }

    /**
     * The amount as the operator types it to confirm: every digit it has (never rounded), thousands
     * separated, at least two decimals. 1500 → "1,500.00", 1500.125 → "1,500.125".
     */
    static String amountPhrase(BigDecimal amount) {
        DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ENGLISH));
        f.setMaximumFractionDigits(Math.max(2, amount.stripTrailingZeros().scale()));
        f.setRoundingMode(RoundingMode.UNNECESSARY);
        return f.format(amount);
    }

    /** What is wrong with a reason of an approval, denial or revocation, or "" when it is fine. */
    static String reasonProblem(String reason) {
        if (reason == null || reason.isBlank()) {
            return "A reason is required: it is recorded with the decision for whoever audits it.";
        }
        return reason.strip().length() > Governance.MAX_REASON
                ? "A reason has at most " + String.format(Locale.ENGLISH, "%,d", Governance.MAX_REASON) + " characters."
                : "";
    }

    /** "pending approval", "escrowed", … */
    static String stateLabel(String state) {
        return state == null ? "unknown" : state.replace('_', ' ');
    }

    /** "in 2 h 5 min", "expired", or "—" without an expiry. */
    static String expiresIn(Long expiresAt, long now) {
        if (expiresAt == null) {
            return "—";
        }
        long left = expiresAt - now;
        return left <= 0 ? "expired" : "in " + Formats.duration(left);
    }

    /** The queue's countdown, under "Expires in": "2 h 5 min", "expired", or "—" without an expiry. */
    static String countdown(Long expiresAt, long now) {
        String text = expiresIn(expiresAt, now);
        return text.startsWith("in ") ? text.substring(3) : text;
    }

    /** How long ago the decision was proposed: "12 min". */
    static String age(long createdAt, long now) {
        return Formats.duration(Math.max(0, now - createdAt));
    }

    /** Expiring within the hour: the countdown is marked. */
    static boolean expiringSoon(Long expiresAt, long now) {
        return expiresAt != null && expiresAt - now <= 3_600_000L;
    }

    /**
     * The automation-bias notice for a decision not proposed by an operator (an API key, an agent,
     * a workflow), as EU AI Act Art. 14(4)(b) asks; "" for an operator's.
     */
    static String aiNotice(String proposer) {
        if (OperatorProfile.isOperator(proposer)) {
            return "";
        }
        return "AI-proposed: " + proposer + " is not an operator but an API key, agent or workflow. Check the"
                + " action, the amount and the evidence yourself rather than trusting the proposal (automation bias,"
                + " EU AI Act Art. 14(4)(b)).";
    }

    /** The trust tier with its meaning: "T3 authority-bound". */
    static String tier(String tier) {
        if (tier == null || tier.isBlank()) {
            return "";
        }
        TrustTier t = TrustTier.parse(tier);
        return t == null ? tier : t.name() + " " + t.meaning();
    }

    /** One evidence item as a line: its fields but the tier, as key: value. */
    static String evidenceText(Map<String, Object> item) {
        Map<String, Object> rest = new LinkedHashMap<>(item);
        rest.remove("trustTier");
        StringBuilder s = new StringBuilder();
        rest.forEach((k, v) -> {
            if (!s.isEmpty()) {
                s.append(" · ");
            }
            s.append(k).append(": ").append(v instanceof Map || v instanceof List ? ApiJson.write(v) : v);
        });
        return s.toString();
    }

    /** An evidence item's tier, or the decision's when the item names none. */
    static String evidenceTier(Map<String, Object> item, String decisionTier) {
        Object t = item.get("trustTier");
        return t == null ? decisionTier : t.toString();
    }

    /** A history step: "pending approval → approved", or its action when the state stayed. */
    static String transition(Governance.HistoryEntry h) {
        String from = h.fromState();
        String to = h.toState();
        if (from == null && to != null) {
            return (h.action() == null ? "created" : h.action()) + " → " + stateLabel(to);
        }
        if (from != null && to != null && !from.equals(to)) {
            return stateLabel(from) + " → " + stateLabel(to);
        }
        return h.action() == null ? stateLabel(to) : h.action().replace('_', ' ');
    }
}
