package com.headlessanalytics.console.ui.grants;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.InMemoryGovernanceApi;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.ui.common.TestClock;
import com.headlessanalytics.console.ui.common.TestTasks;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrantFormViewModelTest {
    static final Instant NOW = Instant.parse("2026-05-28T12:00:00Z");
    static final long T = NOW.toEpochMilli();
    static final long DAY = 86_400_000L;

    final InMemoryGovernanceApi api = new InMemoryGovernanceApi();
    final List<Governance.Grant> saved = new ArrayList<>();

    static Governance.Contract contract(String id, String name, List<String> actions, String currency, Long to) {
        return new Governance.Contract(id, name, "default", "ads", actions, null,
                new Governance.Money(new BigDecimal("1000"), currency), "T1", List.of(), T - DAY, to, "operator:ann",
                T - DAY, null, null, null, new BigDecimal("250"), new BigDecimal("750"), "active");
    }

    final Governance.Contract ads = contract("ctr_1", "Ads spend", List.of("ads.budget.increase", "ads.campaign.pause"),
            "EUR", Instant.parse("2026-06-30T23:59:59.999Z").toEpochMilli());
    final Governance.Contract pay = contract("ctr_2", "Refunds", List.of("payments.refund"), "USD", null);

    GrantFormViewModel form(String preferred) {
        return new GrantFormViewModel(() -> api, TestTasks.direct(), new TestClock(NOW), ZoneOffset.UTC,
                List.of(ads, pay), preferred, saved::add);
    }

    @Test
    void theChosenContractGivesTheActionsCurrencyLastDayAndTerms() {
        GrantFormViewModel form = form("ctr_1");
        assertThat(form.contractProperty().get()).isSameAs(ads);
        assertThat(form.actionsProperty().get()).isEqualTo("ads.budget.increase, ads.campaign.pause");
        assertThat(form.currencyProperty().get()).isEqualTo("EUR");
        assertThat(form.validToProperty().get()).as("the contract's last day").isEqualTo(LocalDate.of(2026, 6, 30));
        assertThat(form.contractHintProperty().get()).isEqualTo("Allows ads.budget.increase, ads.campaign.pause ·"
                + " per action no limit · 250.00 of 1,000.00 EUR spent · 750.00 left · valid: May 27, 2026 12:00 →"
                + " Jun 30, 2026 23:59");
        assertThat(GrantFormViewModel.contractLabel(ads)).isEqualTo("Ads spend (ads on default)");

        form.contractProperty().set(pay);
        assertThat(form.actionsProperty().get()).as("untouched actions follow the contract")
                .isEqualTo("payments.refund");
        assertThat(form.currencyProperty().get()).isEqualTo("USD");
        assertThat(form.validToProperty().get()).as("the old contract's end no longer applies").isNull();
        form.actionsProperty().set("payments.refund");
        form.contractProperty().set(ads);
        assertThat(form.actionsProperty().get()).isEqualTo("ads.budget.increase, ads.campaign.pause");
        form.actionsProperty().set("ads.budget.increase");
        form.contractProperty().set(pay);
        assertThat(form.actionsProperty().get()).as("a choice the user made stays").isEqualTo("ads.budget.increase");
        assertThat(form.actionsErrorProperty().get()).isEqualTo("ads.budget.increase is not allowed by the contract"
                + " (it allows payments.refund)");

        assertThat(form(null).contractProperty().get()).as("the first without a preference").isSameAs(ads);
        assertThat(form("ctr_gone").contractProperty().get()).isSameAs(ads);
    }

    @Test
    void eachRuleIsCheckedAsTyped() {
        GrantFormViewModel form = form("ctr_1");
        assertThat(form.granteeErrorProperty().get()).isEqualTo("The grantee is required");
        assertThat(form.amountErrorProperty().get()).isEqualTo("The budget is required");
        assertThat(form.canSaveProperty().get()).isFalse();
        form.granteeProperty().set("key agent");
        assertThat(form.granteeErrorProperty().get()).isEqualTo("The grantee must not hold spaces");
        form.granteeProperty().set("key_agent");
        form.amountProperty().set("-5");
        assertThat(form.amountErrorProperty().get()).isEqualTo("The budget must be more than 0");
        form.amountProperty().set("400");
        form.actionsProperty().set("ads.budget.increase, ads.delete.everything, payments.refund");
        assertThat(form.actionsErrorProperty().get()).isEqualTo("ads.delete.everything, payments.refund are not"
                + " allowed by the contract (it allows ads.budget.increase, ads.campaign.pause)");
        form.actionsProperty().set("ads.budget.increase");
        form.validToProperty().set(LocalDate.of(2026, 7, 1));
        assertThat(form.validToErrorProperty().get()).isEqualTo("The contract ends on 2026-06-30: choose that day or"
                + " an earlier one as the last day");
        form.validToProperty().set(null);
        assertThat(form.validToErrorProperty().get()).as("no end outlives the contract").startsWith("The contract"
                + " ends on 2026-06-30");
        form.validToProperty().set(LocalDate.of(2026, 6, 15));
        assertThat(form.validProperty().get()).isTrue();

        form.contractProperty().set(null);
        assertThat(form.contractErrorProperty().get()).isEqualTo("Choose the contract the grant falls under");
        assertThat(form.validProperty().get()).isFalse();
    }

    @Test
    void theGrantSentAndTheApisFieldErrors() {
        GrantFormViewModel form = form("ctr_2");
        form.granteeProperty().set(" key_agent ");
        form.amountProperty().set("250.10");
        form.validFromProperty().set(LocalDate.of(2026, 6, 2));
        Governance.NewGrant g = form.grant();
        assertThat(g.grantee()).isEqualTo("key_agent");
        assertThat(g.actions()).containsExactly("payments.refund");
        assertThat(g.amountLimit()).isEqualTo(new Governance.Money(new BigDecimal("250.10"), "USD"));
        assertThat(g.validFrom()).isEqualTo(Instant.parse("2026-06-02T00:00:00Z").toEpochMilli());
        assertThat(g.validTo()).as("no end").isNull();
        assertThat(g.contractId()).isEqualTo("ctr_2");

        api.failNext = ApiException.invalid("The grant is invalid", List.of(
                new FieldError(null, "grantee", "invalid_value", "must be a key id or operator:name"),
                new FieldError(null, "amountLimit.currency", "invalid_value", "must be the contract's currency")));
        form.save();
        assertThat(form.granteeErrorProperty().get()).isEqualTo("Must be a key id or operator:name");
        assertThat(form.amountErrorProperty().get()).isEqualTo("Must be the contract's currency");
        assertThat(form.saveErrorProperty().get()).isEmpty();
        assertThat(saved).isEmpty();
        form.save();
        assertThat(api.createdGrants).singleElement().isEqualTo(g);
        assertThat(saved).singleElement().satisfies(s -> assertThat(s.grantee()).isEqualTo("key_agent"));
        assertThat(form.savedProperty().get()).isTrue();
    }
}
