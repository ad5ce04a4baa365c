package com.headlessanalytics.console.ui.approvals;

import com.headlessanalytics.console.api.Governance;
import java.math.BigDecimal;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One decision in the queue. A row stays the same object while its decision is listed, so the
 * table keeps its selection; each read updates it, and the clock moves its age and countdown.
 */
public final class DecisionRow {
    private final String id;
    private Governance.Decision decision;
    private Map<String, Object> action;
    private BigDecimal amount;
    private final ReadOnlyStringWrapper actionName = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper money = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper proposer = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper tier = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper age = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper expiresIn = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper expiringSoon = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper aiProposed = new ReadOnlyBooleanWrapper();

    DecisionRow(Governance.Decision decision, long now) {
        this.id = decision.id();
        update(decision, now);
    }

    /** Takes a newer reading of the decision. */
    void update(Governance.Decision d, long now) {
        decision = d;
        action = ApprovalRules.action(d);
        amount = ApprovalRules.amount(action);
        String name = ApprovalRules.text(action, "action");
        actionName.set(name.isEmpty() ? "(no action)" : name);
        money.set(ApprovalRules.money(amount, ApprovalRules.text(action, "currency")));
        proposer.set(d.proposer() == null ? "" : d.proposer());
        state.set(ApprovalRules.stateLabel(d.state()));
        tier.set(d.trustTier() == null ? "" : d.trustTier());
        aiProposed.set(!ApprovalRules.aiNotice(d.proposer()).isEmpty());
        tick(now);
    }

    /** Moves the age and the countdown to {@code now}. */
    void tick(long now) {
        age.set(ApprovalRules.age(decision.createdAt(), now));
        boolean counting = ApprovalRules.open(decision);
        expiresIn.set(counting ? ApprovalRules.countdown(decision.expiresAt(), now) : "—");
        expiringSoon.set(counting && ApprovalRules.expiringSoon(decision.expiresAt(), now));
    }

    public String id() {
        return id;
    }

    public Governance.Decision decision() {
        return decision;
    }

    /** The proposed action as plain values. */
    Map<String, Object> action() {
        return action;
    }

    /** The action's amount, exact; null without one. */
    public BigDecimal amount() {
        return amount;
    }

    public String currency() {
        return ApprovalRules.text(action, "currency");
    }

    public ReadOnlyStringProperty actionProperty() {
        return actionName.getReadOnlyProperty();
    }

    /** Amount and currency: "1,500.00 EUR". */
    public ReadOnlyStringProperty moneyProperty() {
        return money.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty proposerProperty() {
        return proposer.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty tierProperty() {
        return tier.getReadOnlyProperty();
    }

    /** How long ago it was proposed. */
    public ReadOnlyStringProperty ageProperty() {
        return age.getReadOnlyProperty();
    }

    /** "2 h 5 min", "expired", or "—" without an expiry or once closed. */
    public ReadOnlyStringProperty expiresInProperty() {
        return expiresIn.getReadOnlyProperty();
    }

    /** Open and expiring within the hour. */
    public ReadOnlyBooleanProperty expiringSoonProperty() {
        return expiringSoon.getReadOnlyProperty();
    }

    /** Proposed by an API key, agent or workflow rather than an operator. */
    public ReadOnlyBooleanProperty aiProposedProperty() {
        return aiProposed.getReadOnlyProperty();
    }

    @Override
    public String toString() {
        return id + " " + actionName.get() + " " + money.get() + " " + state.get();
    }
}
