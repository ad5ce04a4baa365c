package com.headlessanalytics.console.ui.grants;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.InMemoryGovernanceApi;
import com.headlessanalytics.console.ui.common.DetailField;
import com.headlessanalytics.console.ui.common.TestClock;
import com.headlessanalytics.console.ui.common.TestDialogs;
import com.headlessanalytics.console.ui.common.TestTasks;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrantsViewModelTest {
    static final Instant NOW = Instant.parse("2026-05-28T12:00:00Z");
    static final long DAY = 86_400_000L;
    static final long T = NOW.toEpochMilli();

    final InMemoryGovernanceApi api = new InMemoryGovernanceApi();
    final TestDialogs dialogs = new TestDialogs();
    final TestTasks tasks = TestTasks.direct();
    final TestClock clock = new TestClock(NOW);
    final GrantsViewModel model = new GrantsViewModel(() -> api, tasks, dialogs, clock, ZoneOffset.UTC);

    static Governance.Money eur(String amount) {
        return new Governance.Money(new BigDecimal(amount), "EUR");
    }

    static Governance.Contract contract(String id, String name, String status, Long from, Long to, String spent,
                                        Long revokedAt) {
        return new Governance.Contract(id, name, "default", "ads", List.of("ads.budget.increase", "ads.campaign.pause"),
                eur("500"), eur("1000"), "T2", List.of("soc2", "eu_ai_act"), from, to, "operator:ann", T - 10 * DAY,
                revokedAt, revokedAt == null ? null : "operator:bob", revokedAt == null ? null : "Campaign over",
                new BigDecimal(spent), null, status);
    }

    static Governance.Grant grant(String id, String grantee, String contractId, String limit, String spent,
                                  String remaining, String status) {
        return new Governance.Grant(id, grantee, List.of("ads.budget.increase"), eur(limit), T - DAY, T + 30 * DAY,
                contractId, "operator:ann", T - DAY, null, null, null, new BigDecimal(spent),
                remaining == null ? null : new BigDecimal(remaining), status);
    }

    void fill() {
        api.contracts.add(contract("ctr_1", "Ads spend", "active", T - DAY, T + 30 * DAY, "250", null));
        api.contracts.add(contract("ctr_2", "Old promo", "revoked", T - 20 * DAY, null, "1000", T - 2 * DAY));
        api.grants.add(grant("grt_1", "key_agent", "ctr_1", "400", "380", "20", "active"));
        api.grants.add(grant("grt_2", "key_other", "ctr_1", "300", "0", null, null));
        api.grants.add(grant("grt_3", "key_gone", "ctr_unknown", "100", "100", "0", "expired"));
    }

    @Test
    void listsContractsAndGrantsWithStatusWindowAndBudgets() {
        fill();
        model.activate();

        assertThat(model.contracts()).hasSize(2);
        GrantsViewModel.ContractRow ads = model.contracts().get(0);
        assertThat(ads.scope()).isEqualTo("ads on default");
        assertThat(ads.actions()).isEqualTo("ads.budget.increase, ads.campaign.pause");
        assertThat(ads.perAction()).isEqualTo("500.00 EUR");
        assertThat(ads.budget().text()).isEqualTo("250.00 of 1,000.00 EUR spent · 750.00 left");
        assertThat(ads.budget().share()).isEqualTo(0.25);
        assertThat(ads.status()).isEqualTo(Validity.Status.ACTIVE);
        assertThat(ads.statusText()).isEqualTo("Active · until Jun 27, 2026 12:00");
        assertThat(ads.window()).isEqualTo("May 27, 2026 12:00 → Jun 27, 2026 12:00");
        assertThat(ads.packs()).isEqualTo("soc2, eu_ai_act");
        assertThat(ads.minTier()).isEqualTo("T2");
        GrantsViewModel.ContractRow old = model.contracts().get(1);
        assertThat(old.status()).isEqualTo(Validity.Status.REVOKED);
        assertThat(old.statusText()).isEqualTo("Revoked May 26, 2026 12:00 by operator:bob");
        assertThat(old.budget().level()).isEqualTo(Budget.Level.USED_UP);

        assertThat(model.grants()).extracting(GrantsViewModel.GrantRow::grantee, GrantsViewModel.GrantRow::contract,
                g -> g.budget().level(), GrantsViewModel.GrantRow::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("key_agent", "Ads spend", Budget.Level.LOW, Validity.Status.ACTIVE),
                org.assertj.core.groups.Tuple.tuple("key_other", "Ads spend", Budget.Level.OK, Validity.Status.ACTIVE),
                org.assertj.core.groups.Tuple.tuple("key_gone", "ctr_unknown", Budget.Level.USED_UP,
                        Validity.Status.EXPIRED));
        assertThat(model.grants().get(1).budget().text()).as("remaining computed when not answered")
                .isEqualTo("0.00 of 300.00 EUR spent · 300.00 left");
        assertThat(model.summaryProperty().get()).isEqualTo("2 contracts (1 active) · 3 grants (2 active)");
        assertThat(model.newGrantCommand().isExecutable()).isTrue();
    }

    @Test
    void budgetArithmeticAndLevels() {
        assertThat(Budget.of(eur("1000"), new BigDecimal("899.99"), null)).satisfies(b -> {
            assertThat(b.level()).isEqualTo(Budget.Level.OK);
            assertThat(b.remaining()).isEqualTo("100.01 EUR");
            assertThat(b.caption()).isEqualTo("899.99 / 1,000.00 EUR");
        });
        assertThat(Budget.of(eur("1000"), new BigDecimal("900"), null).level()).as("90% used").isEqualTo(
                Budget.Level.LOW);
        assertThat(Budget.of(eur("1000"), new BigDecimal("1000"), BigDecimal.ZERO).level()).isEqualTo(
                Budget.Level.USED_UP);
        Budget over = Budget.of(eur("100"), new BigDecimal("120.5"), new BigDecimal("-20.5"));
        assertThat(over.share()).as("an overspent bar is full, never more").isEqualTo(1.0);
        assertThat(over.text()).isEqualTo("120.50 of 100.00 EUR spent · 20.50 over");
        assertThat(Budget.of(eur("0.3"), new BigDecimal("0.1"), null).remaining()).as("exact decimals")
                .isEqualTo("0.20 EUR");
        assertThat(Budget.of(eur("1000"), null, null).text()).isEqualTo("0.00 of 1,000.00 EUR spent · 1,000.00 left");
        Budget none = Budget.of(null, null, null);
        assertThat(none.level()).isEqualTo(Budget.Level.NONE);
        assertThat(none.text()).isEqualTo("No limit");
        assertThat(none.caption()).isEqualTo("No limit");
        assertThat(Budget.of(eur("1000000.125"), new BigDecimal("0"), null).limit()).isEqualTo("1,000,000.125 EUR");
    }

    @Test
    void statusFollowsTheAnswerOrElseTheWindowAndRevocation() {
        assertThat(Validity.status("not_yet_valid", null, null, null, T)).isEqualTo(Validity.Status.NOT_YET_VALID);
        assertThat(Validity.status("ACTIVE", null, null, null, T)).isEqualTo(Validity.Status.ACTIVE);
        assertThat(Validity.status(null, T - 1, T - DAY, T + DAY, T)).isEqualTo(Validity.Status.REVOKED);
        assertThat(Validity.status(null, null, T + 1, null, T)).isEqualTo(Validity.Status.NOT_YET_VALID);
        assertThat(Validity.status(null, null, null, T - 1, T)).isEqualTo(Validity.Status.EXPIRED);
        assertThat(Validity.status(null, null, T, T, T)).as("both ends included").isEqualTo(Validity.Status.ACTIVE);
        assertThat(Validity.status(null, null, null, null, T)).isEqualTo(Validity.Status.ACTIVE);
        assertThat(Validity.statusText(Validity.Status.NOT_YET_VALID, null, null, T + DAY, null, ZoneOffset.UTC))
                .isEqualTo("Not yet valid · from May 29, 2026 12:00");
        assertThat(Validity.statusText(Validity.Status.EXPIRED, null, null, null, T - DAY, ZoneOffset.UTC))
                .isEqualTo("Expired May 27, 2026 12:00");
        assertThat(Validity.statusText(Validity.Status.ACTIVE, null, null, null, null, ZoneOffset.UTC))
                .isEqualTo("Active · no end");
        assertThat(Validity.window(null, null, ZoneOffset.UTC)).isEqualTo("Always");
        assertThat(Validity.window(T, null, ZoneOffset.UTC)).isEqualTo("From May 28, 2026 12:00, no end");
        assertThat(Validity.window(null, T, ZoneOffset.UTC)).isEqualTo("Until May 28, 2026 12:00");
        assertThat(Validity.Status.EXPIRED.ended()).isTrue();
        assertThat(Validity.Status.NOT_YET_VALID.ended()).isFalse();
    }

    @Test
    void theSelectionShowsEverythingAndSurvivesARefresh() {
        fill();
        model.activate();
        assertThat(model.revokeCommand().isExecutable()).as("nothing selected").isFalse();
        model.selectedProperty().set(model.contracts().get(0));
        assertThat(model.detailTitleProperty().get()).isEqualTo("Contract Ads spend");
        assertThat(model.detail()).extracting(DetailField::name).containsExactly("Status", "ID", "Business",
                "Surface", "Allowed actions", "Per action", "Cumulative budget", "Minimum trust tier",
                "Compliance packs", "Valid", "Grants", "Created");
        assertThat(model.detail()).contains(new DetailField("Grants", "2 (2 active)"),
                new DetailField("Per action", "up to 500.00 EUR"),
                new DetailField("Created", "May 18, 2026 12:00 by operator:ann"));
        assertThat(model.detailBudgetProperty().get().share()).isEqualTo(0.25);
        assertThat(model.revokeTextProperty().get()).isEqualTo("Revoke contract");

        model.selectedProperty().set(model.contracts().get(1));
        assertThat(model.detail()).contains(new DetailField("Reason", "Campaign over"));
        assertThat(model.revokeCommand().isExecutable()).as("already revoked").isFalse();

        model.selectedProperty().set(model.grants().get(0));
        assertThat(model.detailTitleProperty().get()).isEqualTo("Grant to key_agent");
        assertThat(model.revokeTextProperty().get()).isEqualTo("Revoke grant");
        model.refresh();
        assertThat(model.selectedProperty().get()).as("same id after a refresh")
                .isInstanceOfSatisfying(GrantsViewModel.GrantRow.class, g -> assertThat(g.id()).isEqualTo("grt_1"));
        assertThat(model.detailTitleProperty().get()).isEqualTo("Grant to key_agent");
    }

    @Test
    void revokingAGrantAsksWhyThenConfirmsWhatStopsWorking() {
        fill();
        model.activate();
        model.selectedProperty().set(model.grants().get(0));

        model.revokeCommand().execute();
        assertThat(api.revokeReasons).as("the reason question was cancelled").isEmpty();

        dialogs.textAnswers.add("   ");
        model.revokeCommand().execute();
        assertThat(dialogs.information).singleElement().asString().startsWith("Not revoked: A reason is needed");
        assertThat(dialogs.confirmations).isEmpty();

        dialogs.textAnswers.add("x".repeat(2001));
        model.revokeCommand().execute();
        assertThat(dialogs.information.get(1)).contains("2,001 characters long; at most 2,000");

        assertThat(model.consequences(model.grants().get(0))).isEqualTo("From now on key_agent can no longer use this"
                + " grant: enforcing ads.budget.increase under contract Ads spend is denied, including decisions"
                + " already approved and not yet released. Its unspent budget (20.00 EUR) can no longer be used."
                + " This cannot be undone.");
        dialogs.textAnswers.add("Agent misbehaved");
        dialogs.confirmAnswer = false;
        model.revokeCommand().execute();
        assertThat(dialogs.confirmations).containsExactly("Revoke the grant to key_agent?");
        assertThat(api.revokeReasons).as("not confirmed").isEmpty();

        dialogs.textAnswers.add("  Agent misbehaved ");
        dialogs.confirmAnswer = true;
        model.revokeCommand().execute();
        assertThat(api.revokeReasons).containsExactly("Agent misbehaved");
        assertThat(api.calls).contains("revokeGrant grt_1");
        assertThat(dialogs.notices).contains("Revoked the grant to key_agent");
        assertThat(model.grants().get(0).status()).as("read again at once").isEqualTo(Validity.Status.REVOKED);
        assertThat(model.revokeCommand().isExecutable()).isFalse();
    }

    @Test
    void revokingAContractNamesTheGrantsThatStopAndAFailureIsShown() {
        fill();
        model.activate();
        GrantsViewModel.ContractRow ads = model.contracts().get(0);
        assertThat(model.consequences(ads)).isEqualTo("From now on nothing can be enforced under this contract (ads on"
                + " default): its 2 grants still in use (key_agent, key_other) stop working, and decisions already"
                + " approved under it are denied when enforced. This cannot be undone.");
        assertThat(model.consequences(model.contracts().get(1))).startsWith("From now on nothing can be enforced"
                + " under this contract (ads on default): it has no grants");

        model.selectedProperty().set(ads);
        api.failNext = new ApiException.Client(409, "conflict", "The contract is already revoked", List.of());
        dialogs.textAnswers.add("Budget moved");
        model.revokeCommand().execute();
        assertThat(dialogs.errors).singleElement().satisfies(e -> {
            assertThat(e.title()).isEqualTo("The contract Ads spend could not be revoked");
            assertThat(e.error().getMessage()).isEqualTo("The contract is already revoked");
        });
        dialogs.textAnswers.add("Budget moved");
        model.revokeCommand().execute();
        assertThat(api.calls).containsSubsequence("revokeContract ctr_1", "revokeContract ctr_1");
        assertThat(model.contracts().get(0).status()).isEqualTo(Validity.Status.REVOKED);
    }

    @Test
    void formsOpenThroughTheDialogServiceAndASavedOneIsListed() {
        assertThat(model.newContractCommand().isExecutable()).as("not read yet").isFalse();
        model.activate();
        assertThat(model.contractsPlaceholderProperty().get()).startsWith("No contracts yet.");
        assertThat(model.newGrantCommand().isExecutable()).as("no contract to grant under").isFalse();

        model.newContractCommand().execute();
        ContractFormViewModel contractForm = (ContractFormViewModel) dialogs.forms.get(0);
        contractForm.nameProperty().set("Ads spend");
        contractForm.surfaceProperty().set("ads");
        contractForm.actionsProperty().set("ads.budget.increase");
        contractForm.perActionProperty().set("500");
        contractForm.cumulativeProperty().set("1000");
        contractForm.save();
        assertThat(model.contracts()).extracting(GrantsViewModel.ContractRow::name).containsExactly("Ads spend");
        assertThat(dialogs.notices).contains("Created contract Ads spend");
        assertThat(model.newGrantCommand().isExecutable()).isTrue();

        model.selectedProperty().set(model.contracts().get(0));
        model.newGrantCommand().execute();
        GrantFormViewModel grantForm = (GrantFormViewModel) dialogs.forms.get(1);
        assertThat(grantForm.contractProperty().get().id()).as("the selected contract").isEqualTo(
                model.contracts().get(0).id());
        grantForm.granteeProperty().set("key_agent");
        grantForm.amountProperty().set("200");
        grantForm.save();
        assertThat(model.grants()).extracting(GrantsViewModel.GrantRow::grantee).containsExactly("key_agent");
        assertThat(dialogs.notices).contains("Granted ads.budget.increase to key_agent");
    }

    @Test
    void onAServerWithoutGovernanceSetupTheScreenSaysSoInsteadOfFailing() {
        fill();
        api.capabilities = new com.headlessanalytics.console.api.Capabilities(java.util.Set.of());
        model.activate();

        assertThat(model.query().errorProperty().get()).as("no error banner").isEmpty();
        assertThat(model.query().noticeProperty().get()).isEqualTo(
                com.headlessanalytics.console.api.Capabilities.Feature.GOVERNANCE_SETUP.unavailable());
        assertThat(model.contractsPlaceholderProperty().get()).isEqualTo(
                com.headlessanalytics.console.api.Capabilities.Feature.GOVERNANCE_SETUP.unavailable());
        assertThat(model.newContractCommand().isExecutable()).isFalse();
        assertThat(model.newGrantCommand().isExecutable()).isFalse();
        assertThat(model.revokeCommand().isExecutable()).isFalse();
        assertThat(model.changes().unavailableProperty().get()).isEqualTo(
                com.headlessanalytics.console.api.Capabilities.Feature.GOVERNANCE_CHANGES.unavailable());
    }
}
