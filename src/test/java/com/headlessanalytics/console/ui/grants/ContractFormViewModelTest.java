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
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContractFormViewModelTest {
    static final Instant NOW = Instant.parse("2026-05-28T12:00:00Z");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    final InMemoryGovernanceApi api = new InMemoryGovernanceApi();
    final TestTasks tasks = TestTasks.direct();
    final List<Governance.Contract> saved = new ArrayList<>();
    final ContractFormViewModel form = new ContractFormViewModel(() -> api, tasks, new TestClock(NOW), BERLIN,
            saved::add);

    void fillValid() {
        form.nameProperty().set("  Ads spend ");
        form.surfaceProperty().set("ads");
        form.actionsProperty().set("ads.budget.increase, ads.campaign.pause ads.budget.increase");
        form.perActionProperty().set("1,500.50");
        form.cumulativeProperty().set("10000");
        form.packsProperty().set("soc2, eu_ai_act");
    }

    @Test
    void anEmptyFormSaysWhatIsMissingAtEachFieldAndCannotBeSaved() {
        assertThat(form.validProperty().get()).isFalse();
        assertThat(form.canSaveProperty().get()).isFalse();
        assertThat(form.nameErrorProperty().get()).isEqualTo("A name is required");
        assertThat(form.surfaceErrorProperty().get()).isEqualTo("A surface is required");
        assertThat(form.actionsErrorProperty().get()).isEqualTo("Name at least one action, e.g. ads.budget.increase");
        assertThat(form.perActionErrorProperty().get()).isEqualTo("The per-action limit is required");
        assertThat(form.cumulativeErrorProperty().get()).isEqualTo("The cumulative limit is required");
        assertThat(form.businessErrorProperty().get()).as("blank = the default business").isEmpty();
        assertThat(form.currencyErrorProperty().get()).as("EUR at first").isEmpty();
        assertThat(form.tierErrorProperty().get()).isEmpty();
        form.save();
        assertThat(api.createdContracts).isEmpty();
    }

    @Test
    void eachRuleIsCheckedAsTyped() {
        fillValid();
        assertThat(form.validProperty().get()).isTrue();

        form.surfaceProperty().set("ad spend");
        assertThat(form.surfaceErrorProperty().get()).isEqualTo("A surface must not hold spaces");
        form.surfaceProperty().set("ads");
        form.nameProperty().set("x".repeat(201));
        assertThat(form.nameErrorProperty().get()).isEqualTo("A name must be at most 200 characters");
        form.nameProperty().set("Ads\u0007");
        assertThat(form.nameErrorProperty().get()).isEqualTo("A name must not hold control characters");
        form.nameProperty().set("Ads");
        form.perActionProperty().set("abc");
        assertThat(form.perActionErrorProperty().get()).isEqualTo("The per-action limit must be a number, e.g. 1500"
                + " or 1500.00");
        form.perActionProperty().set("0");
        assertThat(form.perActionErrorProperty().get()).isEqualTo("The per-action limit must be more than 0");
        form.perActionProperty().set("0.0000001");
        assertThat(form.perActionErrorProperty().get()).isEqualTo("The per-action limit may have at most 6 decimals");
        form.perActionProperty().set("20000");
        assertThat(form.perActionErrorProperty().get()).isEmpty();
        assertThat(form.cumulativeErrorProperty().get()).isEqualTo("The cumulative limit must be at least the"
                + " per-action limit");
        form.perActionProperty().set("500");
        form.currencyProperty().set("eur");
        assertThat(form.currencyErrorProperty().get()).startsWith("The currency must be a 3-letter ISO 4217 code");
        form.currencyProperty().set("XYZ");
        assertThat(form.currencyErrorProperty().get()).isEqualTo("XYZ is not an ISO 4217 currency code");
        form.currencyProperty().set("USD");
        form.packsProperty().set("SOC 2");
        assertThat(form.packsErrorProperty().get()).startsWith("\"SOC\" is not a pack name");
        form.packsProperty().set("");
        form.minTrustTierProperty().set(null);
        assertThat(form.tierErrorProperty().get()).isEqualTo("Choose the minimum trust tier");
        form.minTrustTierProperty().set(Governance.TrustTier.T3);
        form.validToProperty().set(LocalDate.of(2026, 5, 27));
        assertThat(form.validToErrorProperty().get()).isEqualTo("The last day must not be in the past");
        form.validFromProperty().set(LocalDate.of(2026, 6, 10));
        form.validToProperty().set(LocalDate.of(2026, 6, 9));
        assertThat(form.validToErrorProperty().get()).isEqualTo("The last day must not be before the first");
        form.validToProperty().set(LocalDate.of(2026, 6, 30));
        assertThat(form.validProperty().get()).isTrue();

        form.businessIdProperty().set("shop/eu");
        assertThat(form.businessErrorProperty().get()).as("the API's own rule, checked here too")
                .isEqualTo("Must be 1-128 letters, digits or . _ : -");
        assertThat(form.validProperty().get()).isFalse();
        form.businessIdProperty().set("shop.eu");
        assertThat(form.validProperty().get()).isTrue();
    }

    @Test
    void theContractSentHoldsExactDecimalsListsAndTheWindowInTheZone() {
        fillValid();
        form.businessIdProperty().set(" shop ");
        form.validFromProperty().set(LocalDate.of(2026, 5, 28));
        form.validToProperty().set(LocalDate.of(2026, 6, 30));
        Governance.NewContract c = form.contract();
        assertThat(c.name()).isEqualTo("Ads spend");
        assertThat(c.businessId()).isEqualTo("shop");
        assertThat(c.allowedActions()).containsExactly("ads.budget.increase", "ads.campaign.pause");
        assertThat(c.perActionLimit()).isEqualTo(new Governance.Money(new BigDecimal("1500.50"), "EUR"));
        assertThat(c.cumulativeLimit().amount()).isEqualByComparingTo("10000");
        assertThat(c.minTrustTier()).isEqualTo("T2");
        assertThat(c.requiredCompliancePacks()).containsExactly("soc2", "eu_ai_act");
        assertThat(c.validFrom()).as("today: from now").isNull();
        assertThat(c.validTo()).as("the end of the last day in the zone")
                .isEqualTo(Instant.parse("2026-06-30T21:59:59.999Z").toEpochMilli());
        form.validFromProperty().set(LocalDate.of(2026, 6, 1));
        assertThat(form.contract().validFrom()).isEqualTo(Instant.parse("2026-05-31T22:00:00Z").toEpochMilli());

        form.save();
        assertThat(api.createdContracts).singleElement().isEqualTo(form.contract());
        assertThat(form.savedProperty().get()).isTrue();
        assertThat(form.canSaveProperty().get()).as("saved once").isFalse();
        assertThat(saved).singleElement().satisfies(s -> assertThat(s.name()).isEqualTo("Ads spend"));
    }

    @Test
    void theApisFieldErrorsAreShownAtTheirFieldsAndTheFormStaysOpen() {
        fillValid();
        api.failNext = ApiException.invalid("The contract is invalid", List.of(
                new FieldError(null, "surface", "invalid_value", "must be one of ads, payments, ops"),
                new FieldError(null, "perActionLimit.currency", "invalid_value", "must match the cumulative limit"),
                new FieldError(null, "allowedActions[1]", "invalid_value", "must be dot-notated"),
                new FieldError(null, "policy", "unknown_field", "is not a field")));
        form.save();
        assertThat(form.savedProperty().get()).isFalse();
        assertThat(saved).isEmpty();
        assertThat(form.surfaceErrorProperty().get()).isEqualTo("Must be one of ads, payments, ops");
        assertThat(form.currencyErrorProperty().get()).isEqualTo("Must match the cumulative limit");
        assertThat(form.actionsErrorProperty().get()).isEqualTo("Must be dot-notated");
        assertThat(form.saveErrorProperty().get()).isEqualTo("The contract is invalid\npolicy: Is not a field");
        assertThat(form.canSaveProperty().get()).as("can be sent again").isTrue();

        form.surfaceProperty().set("payments");
        assertThat(form.saveErrorProperty().get()).as("typing clears the answer").isEmpty();
        assertThat(form.surfaceErrorProperty().get()).isEmpty();

        api.failNext = new ApiException.Server(503, "not_ready", "The workspace is not ready", null);
        form.save();
        assertThat(form.saveErrorProperty().get()).isEqualTo("The workspace is not ready");
        form.save();
        assertThat(form.savedProperty().get()).isTrue();
    }
}
