package com.headlessanalytics.console.ui.overview;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.NextAction;
import com.headlessanalytics.console.ui.approvals.FakeGovernance;
import com.headlessanalytics.console.ui.common.TestClock;
import com.headlessanalytics.console.ui.common.TestDialogs;
import com.headlessanalytics.console.ui.common.TestTasks;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** "Propose decision": pre-filled from the next action, checked field by field, created as a draft. */
class ProposeDecisionViewModelTest {
    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    static final NextAction NEXT = new NextAction("reallocate_budget", "Shift budget toward google", "Revenue fell",
            "high", true, new NextAction.RequiredDecision("budget.reallocate", "ads", "approved", "T3"));

    final TestClock clock = new TestClock(NOW);
    final FakeGovernance fake = new FakeGovernance(clock).withBudgets("operator:ana");
    final TestDialogs dialogs = new TestDialogs();
    final List<String> opened = new ArrayList<>();

    ProposeDecisionViewModel form() {
        return new ProposeDecisionViewModel(() -> fake.as("operator:ana"), TestTasks.direct(), dialogs, clock,
                ZoneOffset.UTC, "default", NEXT, opened::add);
    }

    @Test
    void preFilledFromTheNextActionWithTheFittingGrantAndContractAndCreatedAsADraft() {
        fake.grants.add(0, new Governance.Grant("grt_old", "operator:ana", List.of("budget.reallocate"),
                new Governance.Money(new BigDecimal("10"), "EUR"), null, null, "ctr_1", "operator:admin", 0, 5L,
                "operator:admin", "gone", BigDecimal.ZERO, new BigDecimal("10"), "revoked"));
        ProposeDecisionViewModel model = form();
        assertThat(model.headerText()).isEqualTo("Draft a decision for \"Shift budget toward google\"");
        assertThat(model.actionProperty().get()).isEqualTo("budget.reallocate");
        assertThat(model.grantProperty().get().id()).as("the active grant, not the revoked one").isEqualTo("grt_1");
        assertThat(model.grantChoices()).extracting(ProposeDecisionViewModel.Choice::label).first()
                .isEqualTo("for operator:ana · 2,500.00 EUR left · budget.reallocate · active · grt_1");
        assertThat(model.contractProperty().get().id()).isEqualTo("ctr_1");
        assertThat(model.currencyProperty().get()).as("from the contract's limits").isEqualTo("EUR");
        assertThat(model.amountErrorProperty().get()).isEqualTo("Enter the amount the action spends.");
        assertThat(model.canSaveProperty().get()).isFalse();

        model.amountProperty().set("12o");
        assertThat(model.amountErrorProperty().get()).startsWith("An amount is a number");
        model.amountProperty().set("1,250.50");
        model.hoursProperty().set("721");
        assertThat(model.hoursErrorProperty().get()).isEqualTo("Enter hours from 1 to 720 (30 days).");
        model.hoursProperty().set("48");
        assertThat(model.expiresTextProperty().get()).isEqualTo("Expires Nov 29, 2026 10:00");
        model.grantProperty().set(model.grantChoices().get(1));
        assertThat(model.grantErrorProperty().get()).isEqualTo("This grant is revoked.");
        model.grantProperty().set(model.grantChoices().get(0));
        model.approvalsProperty().set(2);
        assertThat(model.problems()).isEmpty();
        assertThat(model.previewProperty().get()).isEqualTo("""
                {
                  "action" : "budget.reallocate",
                  "amount" : "1250.50",
                  "currency" : "EUR",
                  "surface" : "ads",
                  "businessId" : "default",
                  "nextAction" : "reallocate_budget",
                  "summary" : "Shift budget toward google"
                }""");

        model.save();
        Governance.Decision created = fake.decisions.values().iterator().next();
        assertThat(created.state()).isEqualTo("draft");
        assertThat(created.proposer()).isEqualTo("operator:ana");
        assertThat(created.grantId()).isEqualTo("grt_1");
        assertThat(created.contractId()).isEqualTo("ctr_1");
        assertThat(created.requiredApprovals()).isEqualTo(2);
        assertThat(created.expiresAt()).isEqualTo(NOW.toEpochMilli() + 48 * 3_600_000L);
        assertThat(created.trustTier()).isEqualTo("T3");
        assertThat(ApiJson.write(created.proposedAction())).isEqualTo("{\"action\":\"budget.reallocate\","
                + "\"amount\":\"1250.50\",\"currency\":\"EUR\",\"surface\":\"ads\",\"businessId\":\"default\","
                + "\"nextAction\":\"reallocate_budget\",\"summary\":\"Shift budget toward google\"}");
        assertThat(opened).containsExactly(created.id());
        assertThat(dialogs.notices).containsExactly("Draft decision " + created.id()
                + " created: submit it in Approvals");
        assertThat(model.savedProperty().get()).isTrue();
        assertThat(model.canSaveProperty().get()).as("created once").isFalse();
    }

    @Test
    void withoutGrantsOrContractsItSaysWhereToCreateThem() {
        fake.grants.clear();
        ProposeDecisionViewModel model = form();
        model.amountProperty().set("10");
        assertThat(model.loadTextProperty().get()).isEqualTo("A decision needs a grant and a contract: create them in"
                + " Grants & contracts first.");
        assertThat(model.grantErrorProperty().get()).isEqualTo("Choose the grant the action is carried out under.");
        assertThat(model.canSaveProperty().get()).isFalse();
    }
}
