package com.headlessanalytics.console.ui.overview;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.BusinessHealth;
import com.headlessanalytics.console.api.EventNames;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.EventsOnlyApi;
import com.headlessanalytics.console.api.IngestResult;
import com.headlessanalytics.console.api.NextAction;
import com.headlessanalytics.console.api.Period;
import com.headlessanalytics.console.api.Proof;
import com.headlessanalytics.console.api.RuntimeHealth;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.TrustTier;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.ui.common.DateRange;
import com.headlessanalytics.console.ui.common.ManualScheduler;
import com.headlessanalytics.console.ui.common.TestDialogs;
import com.headlessanalytics.console.ui.common.TestTasks;
import com.headlessanalytics.console.ui.overview.OverviewViewModel.Figure;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;


class OverviewViewModelTest {
    static final Instant NOW = Instant.parse("2026-11-27T10:15:30Z");
    static final long DAY = 86_400_000L;

    final ManualScheduler scheduler = new ManualScheduler();
    final TestTasks tasks = TestTasks.direct();
    final FakeApi api = new FakeApi();
    final List<EventQuery> drilled = new ArrayList<>();
    final TestDialogs dialogs = new TestDialogs();
    final List<String> openedDecisions = new ArrayList<>();
    final OverviewViewModel model = new OverviewViewModel(() -> api, tasks, scheduler,
            Clock.fixed(NOW, ZoneOffset.UTC), ZoneOffset.UTC, drilled::add, dialogs, openedDecisions::add);

    @Test
    void showsTheFiguresComponentsActionsAlertsAndNewestEventsOfTheBusiness() {
        model.activate();

        assertThat(api.asked).containsExactly("default " + (NOW.toEpochMilli() - 7 * DAY) + ".." + NOW.toEpochMilli());
        OverviewViewModel.Figures f = model.figuresProperty().get();
        assertThat(f.healthScore()).isEqualTo(72);
        assertThat(f.revenue()).isEqualByComparingTo("1234.50");
        assertThat(f.value(Figure.ORDERS)).isEqualTo(40);
        assertThat(f.value(Figure.SCANS)).isEqualTo(120);
        assertThat(model.components()).extracting(OverviewViewModel.Component::name, OverviewViewModel.Component::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Freshness", "good"),
                        org.assertj.core.groups.Tuple.tuple("Proof coverage", "poor"));
        assertThat(model.actions()).satisfiesExactly(
                a -> {
                    assertThat(a.consequential()).isTrue();
                    assertThat(a.decision()).isEqualTo("Needs a DecisionObject for attach_proof on audit, approved,"
                            + " trust tier T3 or higher");
                },
                a -> assertThat(a.decision()).isEmpty());
        assertThat(model.alerts()).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo("warning");
            assertThat(a.time()).isEqualTo("Nov 27, 09:00");
        });
        assertThat(model.recentEvents()).extracting(OverviewViewModel.EventRow::event)
                .containsExactly("order.created", "lead.created");
        assertThat(model.periodProperty().get()).isEqualTo("Nov 20, 10:15 – Nov 27, 10:15 · newest event Nov 27, 10:00");
        assertThat(model.query().statusProperty().get()).isEqualTo("Updated 10:15:30");
        assertThat(model.runtimeProperty().get()).isEqualTo(new OverviewViewModel.Runtime("degraded", "Ready, 1 warning"));
        assertThat(model.runtimeFaceProperty().get()).isEqualTo(new OverviewViewModel.Face(0, false, "status: degraded",
                true, "Ready, 1 warning", "Runtime health: Ready, 1 warning. The Runtime health screen lists every"
                + " check.", "degraded"));
        assertThat(model.query().errorProperty().get()).isEmpty();
        assertThat(model.query().isRunning()).isFalse();
    }

    @Test
    void aConsequentialNextActionOffersProposeDecisionWhichOpensTheDraftForm() {
        model.activate();
        OverviewViewModel.Action consequential = model.actions().get(0);
        assertThat(consequential.proposable()).isTrue();
        assertThat(model.actions().get(1).proposable()).isFalse();
        model.propose(model.actions().get(1));
        assertThat(dialogs.forms).isEmpty();
        model.propose(consequential);
        assertThat(dialogs.forms).singleElement().isInstanceOfSatisfying(ProposeDecisionViewModel.class, form -> {
            assertThat(form.actionProperty().get()).isEqualTo("attach_proof");
            assertThat(form.proposedAction()).containsEntry("surface", "audit").containsEntry("businessId", "default");
        });
        assertThat(new OverviewViewModel.Action("t", "", "", true, "", new NextAction("x", "t", "", "", true,
                null)).proposable()).as("no decision named").isFalse();
    }

    @Test
    void refreshesEvery30SecondsWhileShownAndPublishesFiguresOnlyWhenTheyChange() {
        AtomicInteger published = new AtomicInteger();
        model.figuresProperty().addListener((obs, old, now) -> published.incrementAndGet());
        Map<Figure, AtomicInteger> faceChanges = new java.util.EnumMap<>(Figure.class);
        for (Figure f : Figure.values()) {
            faceChanges.put(f, new AtomicInteger());
            model.faceProperty(f).addListener((obs, old, now) -> faceChanges.get(f).incrementAndGet());
        }
        AtomicInteger componentChanges = new AtomicInteger();
        model.components().addListener((javafx.collections.ListChangeListener<OverviewViewModel.Component>) c ->
                componentChanges.incrementAndGet());
        model.activate();
        assertThat(published).hasValue(1);
        assertThat(OverviewViewModel.REFRESH).hasSeconds(30);

        scheduler.tick();
        assertThat(api.asked).hasSize(2);
        assertThat(published).as("the same figures are not published again").hasValue(1);
        assertThat(componentChanges).hasValue(1);

        assertThat(model.query().statusProperty().get()).as("a tick keeps the status line").isEqualTo(
                "Updated 10:15:30");
        faceChanges.values().forEach(c -> c.set(0));
        api.orders = 41;
        scheduler.tick();
        assertThat(published).hasValue(2);
        assertThat(faceChanges).as("only the orders tile redraws").allSatisfy((f, changes) ->
                assertThat(changes).hasValue(f == Figure.ORDERS ? 1 : 0));
        assertThat(model.faceProperty(Figure.ORDERS).get().value()).isEqualTo(41);

        model.deactivate();
        scheduler.tick();
        assertThat(api.asked).hasSize(3);
        assertThat(scheduler.active()).isZero();
    }

    @Test
    void eachTileFaceSaysWhatItsFigureIsAndTheScoreIsColouredByItsBand() {
        var shown = new OverviewViewModel.Figures(80, new BigDecimal("10.50"), 1, 2, 3, 0L, 9);
        assertThat(OverviewViewModel.face(Figure.HEALTH_SCORE, shown, false)).isEqualTo(new OverviewViewModel.Face(80,
                true, "click for the events", false, "", "80 of 100 (good) over 9 events; click to open them", "good"));
        assertThat(OverviewViewModel.face(Figure.REVENUE, shown, false)).satisfies(f -> {
            assertThat(f.value()).isEqualTo(10.5);
            assertThat(f.valueVisible()).isTrue();
            assertThat(f.state()).isEmpty();
            assertThat(f.tooltip()).isEqualTo("Revenue of order.* and payment.* events: 10.50");
        });
        assertThat(OverviewViewModel.face(Figure.REVENUE, shown, false).value())
                .isEqualTo(OverviewViewModel.face(Figure.REVENUE, new OverviewViewModel.Figures(80,
                        new BigDecimal("10.5"), 1, 2, 3, 0L, 9), false).value());
        assertThat(OverviewViewModel.face(Figure.HEALTH_SCORE,
                new OverviewViewModel.Figures(74, BigDecimal.ONE, 1, 2, 3, 0L, 9), false).state()).isEqualTo("fair");
        assertThat(OverviewViewModel.face(Figure.HEALTH_SCORE,
                new OverviewViewModel.Figures(49, BigDecimal.ONE, 1, 2, 3, 0L, 9), false).state()).isEqualTo("poor");

        var unknown = new OverviewViewModel.Figures(null, new BigDecimal("10.5"), 1, 2, 3, null, 9);
        assertThat(OverviewViewModel.face(Figure.HEALTH_SCORE, unknown, false)).as("no data is not a score of 0")
                .satisfies(f -> {
                    assertThat(f.valueVisible()).isFalse();
                    assertThat(f.text()).isEqualTo("no data");
                    assertThat(f.textVisible()).isTrue();
                    assertThat(f.state()).isEqualTo("no-data");
                    assertThat(f.tooltip()).startsWith("No data: none of the score's components");
                });
        assertThat(OverviewViewModel.face(Figure.PENDING_APPROVALS, unknown, false)).satisfies(f -> {
            assertThat(f.valueVisible()).isFalse();
            assertThat(f.text()).isEqualTo("governance not set up");
        });
        assertThat(OverviewViewModel.face(Figure.ORDERS, null, true).text()).isEqualTo("reading…");
        assertThat(OverviewViewModel.face(Figure.ORDERS, null, false).text()).isEqualTo("no data");
        assertThat(OverviewViewModel.runtimeFace(null).description()).isEqualTo("Checking…");
    }

    @Test
    void eachFigureDrillsDownToExactlyTheEventsItCountsInTheShownPeriod() {
        model.activate();
        long from = NOW.toEpochMilli() - 7 * DAY;
        long to = NOW.toEpochMilli();

        assertThat(model.drills(Figure.ORDERS)).singleElement().satisfies(d -> {
            assertThat(d.label()).isEqualTo("order.created (40)");
            assertThat(d.query()).isEqualTo(new EventQuery("default", "order.created", null, null, from, to, null,
                    null, EventQuery.Order.DESC));
        });
        assertThat(model.drills(Figure.LEADS)).extracting(OverviewViewModel.Drill::label)
                .containsExactly("lead.created (25)", "lead.qualified (5)");
        assertThat(model.drills(Figure.SCANS)).extracting(OverviewViewModel.Drill::label)
                .containsExactly("qr.bottle_scanned (100)", "shelf.scanned (20)");
        assertThat(model.drills(Figure.REVENUE)).extracting(d -> d.query().event())
                .containsExactly("payment.succeeded", "order.created");
        assertThat(model.drills(Figure.HEALTH_SCORE)).singleElement().satisfies(d -> {
            assertThat(d.label()).isEqualTo("All 5,000 events of default in the period");
            assertThat(d.query().event()).isNull();
        });
        assertThat(model.drills(Figure.PENDING_APPROVALS)).isEmpty();

        model.drillDown(model.drills(Figure.LEADS).get(1));
        assertThat(drilled).extracting(EventQuery::event).containsExactly("lead.qualified");
        model.showEvent(model.recentEvents().get(0));
        assertThat(drilled.get(1)).isEqualTo(new EventQuery("default", "order.created", "tr_1", null,
                NOW.toEpochMilli() - 915_000, NOW.toEpochMilli() - 915_000, null, null, EventQuery.Order.DESC));

        drilled.clear();
        assertThat(model.open(Figure.ORDERS)).as("one name opens at once").isEmpty();
        assertThat(drilled).extracting(EventQuery::event).containsExactly("order.created");
        assertThat(model.open(Figure.LEADS)).as("several names are offered, each to open")
                .extracting(OverviewViewModel.Drill::menuText, OverviewViewModel.Drill::canOpen)
                .containsExactly(tuple("Open lead.created (25)", true), tuple("Open lead.qualified (5)", true));
        assertThat(drilled).hasSize(1);
        assertThat(model.open(Figure.PENDING_APPROVALS)).as("decisions, not events: no choices").isEmpty();
        assertThat(openedDecisions).as("the pending-approvals tile opens the Approvals queue").containsExactly(
                (String) null);
        assertThat(drilled).hasSize(1);
        assertThat(model.openText(Figure.PENDING_APPROVALS)).isEqualTo("open Approvals");
        assertThat(model.openText(Figure.SCANS)).isEqualTo("open its events");
    }

    @Test
    void aFigureWithoutEventsInThePeriodOffersOneChoiceThatOpensNothing() {
        api.empty = true;
        model.activate();
        assertThat(model.open(Figure.ORDERS)).singleElement().satisfies(d -> {
            assertThat(d.label()).isEqualTo("No events of this kind in the period");
            assertThat(d.query()).isNull();
            assertThat(d.canOpen()).isFalse();
            assertThat(d.menuText()).as("no \"Open\" for what opens nothing").isEqualTo(d.label());
            model.drillDown(d);
        });
        assertThat(drilled).isEmpty();
    }

    @Test
    void theBusinessAndDateRangeChooseWhatIsReadAndAllTimeIsNotTheApisDefaultWeek() {
        model.activate();
        model.businessProperty().set("  shop-2 ");
        model.refresh();
        assertThat(api.asked.get(1)).startsWith("shop-2 ");

        model.rangeProperty().set(DateRange.of(DateRange.Preset.ALL_TIME));
        assertThat(api.asked.get(2)).isEqualTo("shop-2 0.." + NOW.toEpochMilli());
        assertThat(model.periodProperty().get()).startsWith("All time until Nov 27, 10:15");

        model.rangeProperty().set(DateRange.custom(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 2)));
        assertThat(api.asked.get(3)).isEqualTo("shop-2 " + Instant.parse("2026-11-01T00:00:00Z").toEpochMilli() + ".."
                + (Instant.parse("2026-11-03T00:00:00Z").toEpochMilli() - 1));
    }

    @Test
    void theLatestReadWinsAndTimerTicksDuringAReadAreSkipped() {
        TestTasks held = TestTasks.held();
        OverviewViewModel m = new OverviewViewModel(() -> api, held, scheduler, Clock.fixed(NOW, ZoneOffset.UTC),
                ZoneOffset.UTC, drilled::add, dialogs, openedDecisions::add);
        m.activate();
        assertThat(m.query().isRunning()).isTrue();
        assertThat(m.query().statusProperty().get()).isEqualTo("Reading the health of default…");
        assertThat(m.faceProperty(Figure.ORDERS).get().text()).isEqualTo("reading…");
        scheduler.tick();
        assertThat(held.pending()).as("a tick during a read is skipped").isEqualTo(2);
        held.runAll();
        assertThat(api.asked).hasSize(1);
        assertThat(m.query().isRunning()).isFalse();

        m.rangeProperty().set(DateRange.of(DateRange.Preset.LAST_30_DAYS));
        m.rangeProperty().set(DateRange.of(DateRange.Preset.LAST_7_DAYS));
        assertThat(held.pending()).isEqualTo(4);
        held.runLast();
        held.runLast();
        assertThat(m.query().isRunning()).isFalse();
        held.runAll();
        assertThat(api.asked).as("both ranges were asked").hasSize(3);
        assertThat(m.periodProperty().get()).as("the answer for the 30 days came late and was dropped")
                .startsWith("Nov 20, 10:15 – Nov 27, 10:15");
    }

    @Test
    void aReadForAnotherBusinessNeverShowsTheOldBusinesssFigures() {
        TestTasks held = TestTasks.held();
        OverviewViewModel m = new OverviewViewModel(() -> api, held, scheduler, Clock.fixed(NOW, ZoneOffset.UTC),
                ZoneOffset.UTC, drilled::add, dialogs, openedDecisions::add);
        m.activate();
        held.runAll();
        assertThat(m.figuresProperty().get().value(Figure.ORDERS)).isEqualTo(40);

        m.businessProperty().set("shop-2");
        m.refresh();
        assertThat(m.figuresProperty().get()).as("default's figures are cleared at once").isNull();
        assertThat(m.faceProperty(Figure.ORDERS).get()).satisfies(f -> {
            assertThat(f.valueVisible()).isFalse();
            assertThat(f.text()).isEqualTo("reading…");
        });
        assertThat(m.drills(Figure.ORDERS)).isEmpty();
        m.businessProperty().set("default");
        m.refresh();
        m.businessProperty().set("shop-2");
        m.refresh();
        held.runLast();
        held.runLast();
        assertThat(m.figuresProperty().get().value(Figure.ORDERS)).isEqualTo(7);
        assertThat(api.asked).last().asString().startsWith("shop-2 ");
        held.runAll();
        assertThat(m.figuresProperty().get().value(Figure.ORDERS)).as("default's late answer is dropped").isEqualTo(7);
        assertThat(m.drills(Figure.ORDERS)).singleElement()
                .satisfies(d -> assertThat(d.query().businessId()).isEqualTo("shop-2"));
    }

    @Test
    void aBlankBusinessIsRefusedWithASentenceAndNothingIsRead() {
        model.businessProperty().set("   ");
        model.activate();
        assertThat(api.asked).isEmpty();
        assertThat(model.query().errorProperty().get()).startsWith("Enter a business ID");
    }

    @Test
    void aFailedRefreshKeepsTheFiguresOfTheSameBusinessButClearsThoseOfAnother() {
        model.activate();
        api.failure = new ApiException.Unreachable("connection refused", null);
        scheduler.tick();
        assertThat(model.figuresProperty().get()).isNotNull();
        assertThat(model.query().errorProperty().get()).isEqualTo("The API could not be reached: connection refused");
        assertThat(model.query().statusProperty().get()).isEqualTo("Updated 10:15:30 — the last refresh failed");

        api.failure = ApiException.notFound("business nope has no events and no record");
        model.businessProperty().set("nope");
        model.refresh();
        assertThat(model.figuresProperty().get()).isNull();
        assertThat(model.components()).isEmpty();
        assertThat(model.recentEvents()).isEmpty();
        assertThat(model.drills(Figure.ORDERS)).isEmpty();
        assertThat(model.query().errorProperty().get()).contains("no events");
        assertThat(model.query().statusProperty().get()).isEmpty();

        api.failure = null;
        model.refresh();
        assertThat(model.figuresProperty().get()).isNotNull();
        assertThat(model.query().errorProperty().get()).isEmpty();
    }

    @Test
    void aScoreWithoutDataReadsNoDataAndPendingApprovalsSayGovernanceIsNotSetUp() {
        api.empty = true;
        model.activate();
        OverviewViewModel.Figures f = model.figuresProperty().get();
        assertThat(f.healthScore()).isNull();
        assertThat(f.missing(Figure.HEALTH_SCORE)).isEqualTo("no data");
        assertThat(f.healthState()).isEqualTo("no-data");
        assertThat(f.healthLabel()).isEqualTo("no data");
        assertThat(f.pendingApprovals()).isNull();
        assertThat(f.missing(Figure.PENDING_APPROVALS)).isEqualTo("governance not set up");
        assertThat(f.missing(Figure.ORDERS)).isNull();
        assertThat(model.components()).extracting(OverviewViewModel.Component::name,
                        OverviewViewModel.Component::score, OverviewViewModel.Component::scoreText,
                        OverviewViewModel.Component::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Freshness", null, "no data", "no-data"),
                        org.assertj.core.groups.Tuple.tuple("Activity trend", 50, "50 / 100", "fair"));
        assertThat(model.periodProperty().get()).endsWith(" · no events yet");
        assertThat(model.drills(Figure.ORDERS)).as("nothing to open").isEmpty();
    }

    @Test
    void anAnswerWithoutGovernanceStatusShowsItsPendingApprovals() {
        model.activate();
        assertThat(model.figuresProperty().get().pendingApprovals()).isZero();
        assertThat(model.figuresProperty().get().missing(Figure.PENDING_APPROVALS)).isNull();
        assertThat(model.figuresProperty().get().healthState()).isEqualTo("fair");
    }

    @Test
    void anEmptyWorkspaceOnARealEngineShowsNoDataNotAGreenScore(@TempDir Path dir) {
        try (Engine engine = Engine.open(dir)) {
            OverviewViewModel m = new OverviewViewModel(engine::defaultWorkspace, tasks, scheduler,
                    Clock.fixed(NOW, ZoneOffset.UTC), ZoneOffset.UTC, drilled::add, dialogs, openedDecisions::add);
            m.activate();
            assertThat(m.query().errorProperty().get()).isEmpty();
            OverviewViewModel.Figures f = m.figuresProperty().get();
            assertThat(f.healthScore()).isNull();
            assertThat(f.missing(Figure.HEALTH_SCORE)).isEqualTo("no data");
            assertThat(f.missing(Figure.PENDING_APPROVALS)).isEqualTo("governance not set up");
            assertThat(m.components()).hasSize(5).allSatisfy(c -> {
                assertThat(c.score()).isNull();
                assertThat(c.scoreText()).isEqualTo("no data");
                assertThat(c.explanation()).startsWith("no data: ");
            });
            assertThat(m.alerts()).extracting(OverviewViewModel.Alert::message)
                    .containsExactly("No events have been recorded for this business.");
            assertThat(m.actions()).extracting(OverviewViewModel.Action::title).containsExactly("Connect a source");
            m.deactivate();
        }
    }

    @Test
    void runtimeReadinessIsSummedUpInOneSentence() {
        RuntimeHealth failing = RuntimeHealth.of(List.of(
                new RuntimeHealth.Check("database", RuntimeHealth.FAIL, true, "closed", "reopen"),
                new RuntimeHealth.Check("data_folder", RuntimeHealth.FAIL, true, "full", "free space")), List.of(), null);
        assertThat(OverviewViewModel.runtimeOf(failing))
                .isEqualTo(new OverviewViewModel.Runtime("fail", "Not ready: database, data folder"));
        api.runtimeFailure = new ApiException.Unreachable("timed out", null);
        model.activate();
        assertThat(model.runtimeProperty().get().status()).isEqualTo("fail");
        assertThat(model.runtimeProperty().get().summary()).isEqualTo("Not answering: The API could not be reached: timed out");
        assertThat(model.figuresProperty().get()).as("business health is read all the same").isNotNull();
    }


    /** Answers health from fields the test changes; records each business and period asked for. */
    static final class FakeApi implements EventsOnlyApi {
        final List<String> asked = new ArrayList<>();
        long orders = 40;
        boolean empty;
        RuntimeException failure;
        RuntimeException runtimeFailure;

        @Override
        public BusinessHealth businessHealth(String businessId, BusinessHealth.Query query) {
            asked.add(businessId + " " + query.from() + ".." + query.to());
            if (failure != null) {
                throw failure;
            }
            long now = NOW.toEpochMilli();
            if (empty) {
                return new BusinessHealth(businessId, null, List.of(
                        BusinessHealth.Component.noData("freshness", 20, "no events yet", "no data: no event yet"),
                        new BusinessHealth.Component("activity trend", 20, 50, "5 events vs 10", "ratio")),
                        BigDecimal.ZERO, 0, 0, 0, 0, 0, null, List.of(), Map.of(), Map.of(), List.of(), List.of(),
                        List.of(), new Proof("q", "ws", businessId, new Period(query.from(), query.to()), now, "1"),
                        BusinessHealth.GOVERNANCE_NOT_SET_UP);
            }
            long orders = businessId.equals("shop-2") ? 7 : this.orders;
            Map<String, Long> metrics = new LinkedHashMap<>();
            metrics.put("page.viewed", 3000L);
            metrics.put("order.created", orders);
            metrics.put("payment.succeeded", 41L);
            metrics.put("lead.qualified", 5L);
            metrics.put("lead.created", 25L);
            metrics.put("qr.bottle_scanned", 100L);
            metrics.put("shelf.scanned", 20L);
            List<Event> recent = List.of(
                    event("e2", "order.created", now - 915_000, "tr_1"),
                    event("e1", "lead.created", now - 2_000_000, "tr_2"));
            return new BusinessHealth(businessId, 72, List.of(
                    new BusinessHealth.Component("freshness", 20, 100, "newest event 15 min old", "under 1 h: 100"),
                    new BusinessHealth.Component("proof_coverage", 20, 40, "6 of 15", "share with proofId")),
                    new BigDecimal("1234.50"), 120, 30, orders, 0, 5000, now - 915_000, recent, metrics, Map.of(),
                    List.of(), List.of(new BusinessHealth.Alert("warning", "missing_proof", "9 events lack proof",
                    now - 4_530_000)),
                    List.of(new NextAction("a1", "Attach proofs", "9 T4 events lack proof", "high", true,
                                    new NextAction.RequiredDecision("attach_proof", "audit", "approved", "T3")),
                            new NextAction("a2", "Check the scanner", "no scans for 3 h", "low", false, null)),
                    new Proof("q", "ws", businessId, new Period(query.from(), query.to()), now, "1"));
        }

        private static Event event(String id, String name, long ts, String trace) {
            return new Event(id, name, "default", ts, ts, Map.of("id", "cust_1"), null, null, trace, null, null, null,
                    null, null, null, null, TrustTier.T2, null, null);
        }

        @Override
        public RuntimeHealth health() {
            if (runtimeFailure != null) {
                throw runtimeFailure;
            }
            return RuntimeHealth.of(List.of(new RuntimeHealth.Check("database", RuntimeHealth.OK, true, "open", null),
                    new RuntimeHealth.Check("api_keys", RuntimeHealth.WARN, false, "no keys", "create one")),
                    List.of(), null);
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
    }

    @Test
    void aComponentsBarAndAnActionsPriorityTagAreDecidedHere() {
        OverviewViewModel.Component measured = new OverviewViewModel.Component("Orders", 20, 72, "72 / 100", "", "",
                "fair");
        OverviewViewModel.Component unmeasured = new OverviewViewModel.Component("Proof", 10, null, "no data", "",
                "no data: nothing to check", "no-data");
        assertThat(measured.bar()).isEqualTo(0.72);
        assertThat(unmeasured.bar()).as("nothing measured: an empty bar").isZero();
        assertThat(new OverviewViewModel.Action("Raise", "", "high", false, "", null).priorityText()).isEqualTo("high");
        assertThat(new OverviewViewModel.Action("Raise", "", "", false, "", null).priorityText()).isEqualTo("—");
    }
}
