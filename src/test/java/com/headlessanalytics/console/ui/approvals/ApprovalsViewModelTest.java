package com.headlessanalytics.console.ui.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.proof.CanonicalJson;
import com.headlessanalytics.console.ui.approvals.ApprovalRules.QueueView;
import com.headlessanalytics.console.ui.common.ManualScheduler;
import com.headlessanalytics.console.ui.common.OperatorProfile;
import com.headlessanalytics.console.ui.common.TestClock;
import com.headlessanalytics.console.ui.common.TestDialogs;
import com.headlessanalytics.console.ui.common.TestTasks;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The Approvals screen's rules without a toolkit, against an in-memory governance port: the queue's
 * views and urgency, the detail, the two-person rule and the typed amount, refusals, and what the
 * background watch announces.
 */
class ApprovalsViewModelTest {
    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    static final long MIN = 60_000L;
    static final long HOUR = 60 * MIN;
    static final String ANA = "operator:ana";
    static final String BOB = "operator:bob";
    static final String AGENT = "key_agent";

    final TestClock clock = new TestClock(NOW);
    final FakeGovernance fake = new FakeGovernance(clock).withBudgets(AGENT);
    final TestTasks tasks = TestTasks.direct();
    final TestDialogs dialogs = new TestDialogs();
    final ManualScheduler scheduler = new ManualScheduler();
    final OperatorProfile operator = new OperatorProfile("ana", new BigDecimal("1000"));
    HeadlessApi port = fake.as(ANA);
    final Supplier<HeadlessApi> api = () -> port;
    final ApprovalsViewModel model = new ApprovalsViewModel(api, tasks, scheduler, clock, ZoneOffset.UTC, dialogs,
            operator);

    long at(long offset) {
        return NOW.toEpochMilli() + offset;
    }

    List<String> shown() {
        return model.rows().stream().map(r -> r.actionProperty().get() + " " + r.moneyProperty().get()).toList();
    }

    DecisionRow row(String id) {
        return model.rows().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void theViewsListTheirDecisionsMostUrgentFirst() {
        fake.add(AGENT, "pending_approval", "budget.reallocate", "500", at(2 * HOUR), at(-50 * MIN));
        fake.add(AGENT, "pending_approval", "campaign.pause", "100", at(HOUR), at(-40 * MIN));
        fake.add(AGENT, "escrowed", "campaign.scale", "2500", at(2 * HOUR), at(-30 * MIN));
        fake.add(ANA, "pending_approval", "budget.reallocate", "900", at(3 * HOUR), at(-20 * MIN));
        fake.add(AGENT, "denied", "campaign.scale", "50", at(5 * HOUR), at(-10 * MIN));
        fake.add(ANA, "draft", "budget.reallocate", "10", null, at(-5 * MIN));

        model.activate();

        assertThat(model.meProperty().get()).isEqualTo(ANA);
        assertThat(model.whoAmIProperty().get()).isEqualTo("You act as operator:ana");
        assertThat(shown()).as("to review: not mine, soonest expiry first, then the larger amount")
                .containsExactly("campaign.pause 100.00 EUR", "campaign.scale 2,500.00 EUR",
                        "budget.reallocate 500.00 EUR");
        assertThat(model.tabTitle(QueueView.TO_REVIEW).get()).isEqualTo("To review (3)");
        assertThat(model.tabTitle(QueueView.MINE).get()).isEqualTo("Mine (2)");
        assertThat(model.tabTitle(QueueView.HISTORY).get()).isEqualTo("History (1)");
        assertThat(model.tabTitle(QueueView.ALL).get()).isEqualTo("All (6)");
        assertThat(model.toReviewCountProperty().get()).isEqualTo(3);
        assertThat(model.rows().get(0).expiresInProperty().get()).isEqualTo("1 h");
        assertThat(model.rows().get(0).expiringSoonProperty().get()).as("within the hour").isTrue();
        assertThat(model.rows().get(0).ageProperty().get()).isEqualTo("40 min");
        assertThat(model.rows().get(0).aiProposedProperty().get()).isTrue();

        model.viewProperty().set(QueueView.MINE);
        assertThat(shown()).as("open with an expiry before open without")
                .containsExactly("budget.reallocate 900.00 EUR", "budget.reallocate 10.00 EUR");
        model.viewProperty().set(QueueView.HISTORY);
        assertThat(shown()).containsExactly("campaign.scale 50.00 EUR");
        assertThat(model.rows().get(0).expiresInProperty().get()).as("no countdown once closed").isEqualTo("—");
        model.viewProperty().set(QueueView.ALL);
        assertThat(shown()).as("open by urgency, closed last").hasSize(6).last().isEqualTo("campaign.scale 50.00 EUR");
    }

    @Test
    void theDetailShowsTheExactActionItsDigestTheBudgetsEvidenceAndHistory() {
        Governance.Decision d = fake.add(AGENT, "pending_approval", "budget.reallocate", "2500", at(2 * HOUR),
                at(-HOUR));
        model.activate();
        model.select(row(d.id()));

        ApprovalsViewModel.Detail detail = model.detailProperty().get();
        assertThat(detail.heading()).isEqualTo("budget.reallocate · 2,500.00 EUR");
        assertThat(detail.state()).isEqualTo("pending approval");
        assertThat(detail.proposer()).isEqualTo(AGENT);
        assertThat(detail.actionJson()).isEqualTo("""
                {
                  "action" : "budget.reallocate",
                  "amount" : 2500,
                  "currency" : "EUR",
                  "campaign" : "spring"
                }""");
        assertThat(detail.digest()).isEqualTo(CanonicalJson.sha256(d.proposedAction())).hasSize(64);
        assertThat(detail.aiNotice()).startsWith("AI-proposed: key_agent is not an operator")
                .contains("EU AI Act Art. 14(4)(b)");
        assertThat(detail.expires()).isEqualTo("Nov 27, 2026 12:00");
        assertThat(model.selectedExpiresInProperty().get()).isEqualTo("in 2 h");
        assertThat(detail.approvals()).isEqualTo("0 of 1 approval");
        assertThat(detail.grant()).isEqualTo(new ApprovalsViewModel.Budget("Grant for key_agent",
                "grt_1 · actions budget.reallocate · no validity window · active", "2,500.00 EUR left of"
                + " 3,000.00 EUR", ""));
        assertThat(detail.contract().heading()).isEqualTo("Contract Ads spring");
        assertThat(detail.contract().detail()).isEqualTo("ctr_1 · default / ads · per action up to 5,000.00 EUR ·"
                + " trust tier T2 or higher · packs soc2 · no validity window · active");
        assertThat(detail.contract().remaining()).isEqualTo("19,000.00 EUR left of 20,000.00 EUR");
        assertThat(detail.evidence()).containsExactly(new ApprovalsViewModel.EvidenceRow("T3 authority-bound",
                "type: metric_snapshot · ref: snap_1"));
        assertThat(detail.history()).containsExactly(new ApprovalsViewModel.HistoryRow("Nov 27, 09:00:00", AGENT,
                "proposed → pending approval", ""));

        fake.grants.set(0, new Governance.Grant("grt_1", AGENT, List.of("budget.reallocate"),
                new Governance.Money(new BigDecimal("3000"), "EUR"), null, null, "ctr_1", "operator:admin", 0, null,
                null, null, new BigDecimal("1000"), new BigDecimal("2000"), "active"));
        model.refreshCommand().execute();
        assertThat(model.detailProperty().get().grant().problem())
                .isEqualTo("Only 2,000.00 EUR left: less than this action.");

        Governance.Decision own = fake.add(ANA, "pending_approval", "budget.reallocate", "20", null, at(-MIN));
        model.refreshCommand().execute();
        model.show(own.id());
        assertThat(model.viewProperty().get()).as("shown in the view that lists it").isEqualTo(QueueView.MINE);
        assertThat(model.detailProperty().get().aiNotice()).as("an operator's proposal").isEmpty();
        assertThat(model.selectedExpiresInProperty().get()).isEqualTo("no expiry");
    }

    @Test
    void receiptsOpenForTheSelectedDecisionOnly() {
        Governance.Decision d = fake.add(AGENT, "pending_approval", "budget.reallocate", "2500", at(2 * HOUR),
                at(-HOUR));
        List<String> opened = new java.util.ArrayList<>();
        model.onShowReceipts(opened::add);
        model.activate();
        assertThat(model.receiptsCommand().isExecutable()).isFalse();

        model.select(row(d.id()));
        model.receiptsCommand().execute();

        assertThat(opened).containsExactly(d.id());
    }

    @Test
    void approvingAboveTheThresholdAsksForTheReasonAndTheAmountTypedAndSendsTheDigestSeen() {
        Governance.Decision d = fake.add(AGENT, "pending_approval", "budget.reallocate", "2500", at(2 * HOUR),
                at(-HOUR));
        model.activate();
        model.select(row(d.id()));
        assertThat(model.approveCommand().isExecutable()).isTrue();
        assertThat(model.approveHintProperty().get()).contains("above your threshold of 1,000.00");

        dialogs.textAnswers.add("Within the spring plan");
        dialogs.typedAnswer = "2,500";
        model.approveCommand().execute();
        assertThat(dialogs.typedPhrases).containsExactly("2,500.00");
        assertThat(fake.calls).noneMatch(c -> c.contains(" approve "));
        assertThat(model.query().statusProperty().get()).isEqualTo("Not approved: the amount was not confirmed.");

        dialogs.textAnswers.add("Within the spring plan");
        dialogs.typedAnswer = null;
        model.approveCommand().execute();
        assertThat(fake.calls).contains(ANA + " approve " + d.id() + " Within the spring plan " + d.actionDigest());
        assertThat(fake.decisions.get(d.id()).state()).isEqualTo("approved");
        assertThat(model.query().statusProperty().get()).isEqualTo("Approved at 10:00:00 · the decision is now"
                + " approved");
        assertThat(model.selectedProperty().get().stateProperty().get()).isEqualTo("approved");
        assertThat(model.rows()).as("the decision stays in sight until another is selected")
                .contains(model.selectedProperty().get());
        assertThat(model.detailProperty().get().approvalRows()).containsExactly(new ApprovalsViewModel.ApprovalRow(
                ANA, "Nov 27, 10:00:00", "Within the spring plan"));
        assertThat(model.approveCommand().isExecutable()).isFalse();
        assertThat(model.toReviewCountProperty().get()).isZero();
        model.viewProperty().set(QueueView.ALL);
        model.viewProperty().set(QueueView.TO_REVIEW);
        assertThat(model.rows()).isEmpty();
    }

    @Test
    void atOrBelowTheThresholdOnlyTheReasonIsAskedAndABlankReasonIsRefused() {
        Governance.Decision d = fake.add(AGENT, "pending_approval", "campaign.pause", "1000.00", at(HOUR), at(-HOUR));
        model.activate();
        model.select(row(d.id()));

        model.approveCommand().execute();
        assertThat(model.query().statusProperty().get()).as("no answer: cancelled").isEqualTo("Cancelled");
        dialogs.textAnswers.add("   ");
        model.approveCommand().execute();
        assertThat(model.query().errorProperty().get()).startsWith("A reason is required");
        assertThat(fake.calls).noneMatch(c -> c.contains(" approve "));

        dialogs.textAnswers.add("Fine");
        model.approveCommand().execute();
        assertThat(dialogs.typedPhrases).as("1,000.00 is not above 1,000").isEmpty();
        assertThat(fake.decisions.get(d.id()).state()).isEqualTo("approved");
    }

    @Test
    void theProposerCannotApproveTheirOwnDecisionButASecondOperatorCan() {
        Governance.Decision own = fake.add(ANA, "pending_approval", "budget.reallocate", "300", at(HOUR), at(-HOUR));
        model.activate();
        model.viewProperty().set(QueueView.MINE);
        model.select(row(own.id()));

        assertThat(model.approveCommand().isExecutable()).isFalse();
        assertThat(model.approveBlockedProperty().get()).isEqualTo("You proposed this decision, so another person must"
                + " approve it: nobody approves their own proposal (two-person rule).");
        assertThat(model.approveHintProperty().get()).isEqualTo(model.approveBlockedProperty().get());
        assertThat(model.denyCommand().isExecutable()).isTrue();
        assertThat(model.revokeCommand().isExecutable()).isTrue();
        assertThat(model.toReviewCountProperty().get()).as("my own proposal awaits someone else").isZero();

        port = fake.as(BOB);
        model.restartWatching();
        assertThat(model.meProperty().get()).isEqualTo(BOB);
        model.show(own.id());
        assertThat(model.viewProperty().get()).isEqualTo(QueueView.TO_REVIEW);
        assertThat(model.approveCommand().isExecutable()).isTrue();
        dialogs.textAnswers.add("Checked the campaign");
        model.approveCommand().execute();
        assertThat(fake.decisions.get(own.id()).approvals()).extracting(Governance.Approval::approver)
                .containsExactly(BOB);
    }

    @Test
    void aSecondApprovalMustComeFromAnotherPerson() {
        Governance.Decision d = fake.add(AGENT, "pending_approval", "budget.reallocate", "300", at(HOUR), at(-HOUR));
        fake.decisions.put(d.id(), new Governance.Decision(d.id(), d.state(), d.proposedAction(), d.actionDigest(),
                d.proposer(), d.grantId(), d.contractId(), d.businessId(), d.evidence(), d.trustTier(), d.traceId(), 2,
                d.expiresAt(), List.of(new Governance.Approval(ANA, "ok", d.actionDigest(), at(-MIN))), d.history(),
                d.createdAt(), at(-MIN)));
        model.activate();
        assertThat(model.rows()).as("already approved by me: not to review").isEmpty();
        model.viewProperty().set(QueueView.ALL);
        model.select(row(d.id()));
        assertThat(model.approveBlockedProperty().get()).isEqualTo("You already approved this decision; the next"
                + " approval must come from another person (1 of 2 approvals).");
        assertThat(model.approveCommand().isExecutable()).isFalse();
    }

    @Test
    void theServersRefusalsAreSaidPlainlyAndTheDecisionIsReadAgain() {
        Governance.Decision d = fake.add(AGENT, "pending_approval", "budget.reallocate", "300", at(HOUR), at(-HOUR));
        model.activate();
        model.select(row(d.id()));
        // someone else denied it meanwhile: the console still shows it pending
        fake.as(BOB).denyDecision(d.id(), new Governance.ReasonRequest("Over budget"));
        dialogs.textAnswers.add("Looks fine");
        model.approveCommand().execute();
        assertThat(model.query().errorProperty().get()).isEqualTo("Refused by the server (409, conflict): A denied"
                + " decision cannot be approved The decision was read again.");
        assertThat(model.selectedProperty().get().stateProperty().get()).isEqualTo("denied");
        assertThat(model.approveBlockedProperty().get()).contains("this one is denied");

        // a port whose identity says bob while it acts as the agent: the server refuses with 403
        Governance.Decision mine = fake.add(AGENT, "pending_approval", "budget.reallocate", "300", at(HOUR), at(-HOUR));
        HeadlessApi agent = fake.as(AGENT);
        port = new DelegatingApi(agent) {
            @Override
            public Governance.Identity identity() {
                return new Governance.Identity(BOB, "ws_1", null);
            }
        };
        model.refreshCommand().execute();
        model.show(mine.id());
        dialogs.textAnswers.add("Mine, approved");
        model.approveCommand().execute();
        assertThat(model.query().errorProperty().get()).isEqualTo("Refused by the server (403, not allowed): The"
                + " proposer cannot approve their own decision");
    }

    @Test
    void denyAndRevokeAskForAReasonAndTheProposerSubmitsADraft() {
        Governance.Decision a = fake.add(AGENT, "pending_approval", "campaign.scale", "300", at(HOUR), at(-HOUR));
        Governance.Decision draft = fake.add(ANA, "draft", "budget.reallocate", "300", at(HOUR), at(-HOUR));
        model.activate();
        model.select(row(a.id()));
        assertThat(model.submitBlockedProperty().get()).isEqualTo("Only a draft is submitted.");
        model.denyCommand().execute();
        assertThat(fake.calls).noneMatch(c -> c.contains(" deny "));
        dialogs.textAnswers.add("Not this quarter");
        model.denyCommand().execute();
        assertThat(fake.calls).contains(ANA + " deny " + a.id() + " Not this quarter");
        assertThat(model.denyCommand().isExecutable()).as("denied is closed").isFalse();
        assertThat(model.revokeCommand().isExecutable()).isFalse();

        model.show(draft.id());
        assertThat(model.submitBlockedProperty().get()).isEmpty();
        model.submitCommand().execute();
        assertThat(dialogs.confirmations).contains("Submit budget.reallocate for approval?");
        assertThat(fake.decisions.get(draft.id()).state()).isEqualTo("pending_approval");
        dialogs.textAnswers.add("Changed my mind");
        model.revokeCommand().execute();
        assertThat(fake.decisions.get(draft.id()).state()).isEqualTo("revoked");

        port = fake.as(BOB);
        Governance.Decision other = fake.add(ANA, "draft", "budget.reallocate", "5", null, at(-MIN));
        model.restartWatching();
        model.show(other.id());
        assertThat(model.submitBlockedProperty().get()).isEqualTo("Only its proposer, operator:ana, submits a draft.");
        assertThat(model.submitCommand().isExecutable()).isFalse();
    }

    @Test
    void theWatchCountsWhatAwaitsMyReviewAndAnnouncesOnlyWhatArrivesAfterwards() {
        fake.add(AGENT, "pending_approval", "budget.reallocate", "500", at(2 * HOUR), at(-HOUR));
        model.startWatching();
        assertThat(scheduler.active()).isEqualTo(1);
        assertThat(model.toReviewCountProperty().get()).isEqualTo(1);
        assertThat(model.arrivalProperty().get()).as("what awaited at start is the baseline, not news").isNull();

        fake.add(ANA, "pending_approval", "budget.reallocate", "5", at(HOUR), at(0));
        scheduler.tick();
        assertThat(model.arrivalProperty().get()).as("my own proposal is no news for me").isNull();

        Governance.Decision fresh = fake.add(AGENT, "pending_approval", "campaign.scale", "1500", at(3 * HOUR), at(0));
        scheduler.tick();
        assertThat(model.toReviewCountProperty().get()).isEqualTo(2);
        assertThat(model.arrivalProperty().get()).isEqualTo(new ApprovalsViewModel.Arrival(1,
                "A decision awaits your approval", "key_agent proposes campaign.scale · 1,500.00 EUR · expires in 3 h",
                fresh.id()));
        scheduler.tick();
        assertThat(model.arrivalProperty().get().seq()).as("announced once").isEqualTo(1);

        fake.add(AGENT, "pending_approval", "a.one", "1", at(HOUR), at(MIN));
        fake.add(AGENT, "escrowed", "a.two", "2", at(HOUR), at(2 * MIN));
        scheduler.tick();
        assertThat(model.arrivalProperty().get()).isEqualTo(new ApprovalsViewModel.Arrival(2,
                "2 decisions await your approval", "Newest: a.two from key_agent", null));

        port = fake.as(BOB);
        model.restartWatching();
        assertThat(model.toReviewCountProperty().get()).as("bob may review ana's too").isEqualTo(5);
        assertThat(model.arrivalProperty().get().seq()).as("another operator starts from a new baseline").isEqualTo(2);

        model.stopWatching();
        assertThat(scheduler.active()).isZero();
    }

    @Test
    void whileShownTheCountdownMovesAndAnExpiryPassingReadsTheQueueAgain() {
        Governance.Decision d = fake.add(AGENT, "pending_approval", "budget.reallocate", "500", at(2 * MIN), at(0));
        model.activate();
        assertThat(scheduler.active()).as("the countdown ticks while shown").isEqualTo(1);
        model.select(row(d.id()));
        assertThat(model.rows().get(0).expiresInProperty().get()).isEqualTo("2 min");
        clock.advance(Duration.ofSeconds(75));
        scheduler.tick();
        assertThat(model.rows().get(0).expiresInProperty().get()).isEqualTo("45 s");
        assertThat(model.selectedExpiresInProperty().get()).isEqualTo("in 45 s");
        int reads = (int) fake.calls.stream().filter(c -> c.endsWith(" decisions")).count();

        clock.advance(Duration.ofMinutes(1));
        scheduler.tick();
        assertThat(model.rows().get(0).expiresInProperty().get()).isEqualTo("expired");
        assertThat(model.approveBlockedProperty().get()).isEqualTo("This decision has expired; it can no longer be"
                + " approved.");
        assertThat(fake.calls.stream().filter(c -> c.endsWith(" decisions")).count()).as("read again once")
                .isEqualTo(reads + 1);
        scheduler.tick();
        assertThat(fake.calls.stream().filter(c -> c.endsWith(" decisions")).count()).isEqualTo(reads + 1);

        model.deactivate();
        assertThat(scheduler.active()).isZero();
    }

    @Test
    void aDecisionAskedForBeforeItIsReadIsShownOnceRead() {
        Governance.Decision d = fake.add(ANA, "draft", "budget.reallocate", "20", null, at(0));
        model.show(d.id());
        assertThat(model.selectedProperty().get()).isNull();
        model.activate();
        assertThat(model.selectedProperty().get().id()).isEqualTo(d.id());
        assertThat(model.viewProperty().get()).isEqualTo(QueueView.MINE);
        model.show(null);
        assertThat(model.viewProperty().get()).isEqualTo(QueueView.TO_REVIEW);
        assertThat(model.selectedProperty().get()).as("not listed there").isNull();
        assertThat(model.placeholderProperty().get()).isEqualTo("Nothing awaits your approval.");
    }

    @Test
    void aReadThatFailsShowsItsErrorAndKeepsTheQueueEmpty() {
        port = new DelegatingApi(fake.as(ANA)) {
            @Override
            public Governance.Decisions decisions(String state) {
                throw new UnsupportedOperationException("governance is not available");
            }
        };
        model.activate();
        assertThat(model.query().errorProperty().get()).isEqualTo("governance is not available");
        assertThat(model.placeholderProperty().get()).isEqualTo("The decisions could not be read.");
        model.startWatching();
        assertThat(model.toReviewCountProperty().get()).isZero();
    }

    @Test
    void onAServerWithoutGovernanceChangesTheQueueIsReadAndTheActionsSayWhyTheyAreOff() {
        fake.add(AGENT, "pending_approval", "budget.reallocate", "500", at(2 * HOUR), at(-50 * MIN));
        HeadlessApi reference = fake.as(ANA);
        port = new DelegatingApi(reference) {
            @Override
            public com.headlessanalytics.console.api.Capabilities capabilities() {
                return new com.headlessanalytics.console.api.Capabilities(java.util.Set.of());
            }

            @Override
            public Governance.Identity identity() {
                throw com.headlessanalytics.console.api.ApiException.notOffered(
                        com.headlessanalytics.console.api.Capabilities.Feature.GOVERNANCE_SETUP);
            }
        };
        model.viewProperty().set(QueueView.ALL);
        model.activate();

        assertThat(model.query().errorProperty().get()).isEmpty();
        assertThat(model.rows()).hasSize(1);
        model.select(model.rows().get(0));
        assertThat(model.approveCommand().isExecutable()).isFalse();
        assertThat(model.denyCommand().isExecutable()).isFalse();
        assertThat(model.changes().unavailableProperty().get()).isEqualTo(
                com.headlessanalytics.console.api.Capabilities.Feature.GOVERNANCE_CHANGES.unavailable());
        assertThat(model.whoAmIProperty().get()).contains("this server does not say whose");
        model.deactivate();
    }
}
