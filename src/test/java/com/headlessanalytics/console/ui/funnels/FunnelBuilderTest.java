package com.headlessanalytics.console.ui.funnels;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.ui.common.CsvExport;
import com.headlessanalytics.console.ui.common.DateRange;
import com.headlessanalytics.console.ui.common.QueryLifecycle;
import com.headlessanalytics.console.ui.common.TestDialogs;
import com.headlessanalytics.console.ui.common.TestTasks;
import com.headlessanalytics.console.ui.metrics.FakeAnalyticsApi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The funnel builder: the query it describes, its step commands, its run (latest wins) and its tables. */
class FunnelBuilderTest {
    static final Instant NOW = Instant.parse("2026-11-27T10:15:30Z");
    static final long HOUR = FunnelFixtures.HOUR;

    final FakeAnalyticsApi api = new FakeAnalyticsApi();
    final TestDialogs dialogs = new TestDialogs();
    @TempDir
    Path dir;

    FunnelBuilder builder(TestTasks tasks) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new FunnelBuilder(() -> api, new QueryLifecycle(tasks), new CsvExport(tasks, dialogs, clock,
                ZoneOffset.UTC), clock, ZoneOffset.UTC);
    }

    FunnelBuilder threeSteps(TestTasks tasks) {
        api.funnel = FunnelFixtures::answer;
        FunnelBuilder b = builder(tasks);
        b.steps().get(0).eventProperty().set("page.product_viewed");
        b.steps().get(0).nameProperty().set("Viewed");
        b.steps().get(1).eventProperty().set("cart.item_added");
        b.addStep().eventProperty().set(" order.created ");
        return b;
    }

    @Test
    void runsTheFunnelTheBuilderDescribes() {
        FunnelBuilder model = threeSteps(TestTasks.direct());
        model.modeProperty().set(Funnels.Mode.ANY_ORDER);
        model.windowValueProperty().set(3);
        model.windowUnitProperty().set(FunnelBuilder.WindowUnit.HOURS);
        model.breakdownProperty().set(FunnelBuilder.Breakdown.PATH);
        model.breakdownPathProperty().set("properties.plan");
        model.rangeProperty().set(DateRange.custom(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 7)));
        model.runCommand().execute();

        Funnels.Query q = api.funnelQueries.get(0);
        assertThat(q.steps()).containsExactly(new Funnels.Step("Viewed", "page.product_viewed", null),
                new Funnels.Step(null, "cart.item_added", null), new Funnels.Step(null, "order.created", null));
        assertThat(q.mode()).isEqualTo("any_order");
        assertThat(q.windowMs()).isEqualTo(3 * HOUR);
        assertThat(q.breakdown()).isEqualTo("properties.plan");
        assertThat(q.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z").toEpochMilli());
        assertThat(q.to()).isEqualTo(Instant.parse("2026-11-08T00:00:00Z").toEpochMilli() - 1);

        assertThat(model.results()).hasSize(3);
        FunnelBuilder.StepRow second = model.results().get(1);
        assertThat(second.label()).isEqualTo("cart.item_added");
        assertThat(second.countText()).isEqualTo("40");
        assertThat(second.fromStartText()).isEqualTo("40.0 %");
        assertThat(second.dropOffText()).isEqualTo("60");
        assertThat(second.dropOffShareText()).isEqualTo("60.0 %");
        assertThat(second.medianText()).isEqualTo("2 h 5 min");
        assertThat(model.results().get(0).label()).isEqualTo("Viewed");
        assertThat(model.results().get(0).medianText()).isEqualTo("—");
        assertThat(model.summaryProperty().get()).isEqualTo("100 actors entered · 10 converted (10.0 %) · median"
                + " time to convert 4\u00A0h\u00A05\u00A0min");
        assertThat(model.breakdownSteps()).containsExactly("Viewed", "cart.item_added", "order.created");
        assertThat(model.breakdownRows()).extracting(FunnelBuilder.BreakdownRow::value)
                .containsExactly("email", Funnels.NONE);
        assertThat(model.breakdownRows().get(0).conversionText()).isEqualTo("10.0 %");
        assertThat(model.query().statusProperty().get()).isEqualTo("2026-11-01 – 2026-11-07 · any order · window 3 h");
        assertThat(model.shownProperty().get().query()).isSameAs(q);
        assertThat(model.shownProperty().get().business()).isEqualTo(FakeAnalyticsApi.BUSINESS);
        assertThat(model.shownProperty().get().labels()).containsExactly("Viewed", "cart.item_added",
                "order.created");
    }

    @Test
    void aStepWithoutAnEventIsMarkedAndNothingRuns() {
        FunnelBuilder model = threeSteps(TestTasks.direct());
        model.steps().get(1).eventProperty().set("  ");
        model.run();
        assertThat(api.funnelQueries).isEmpty();
        assertThat(model.steps().get(1).errorProperty().get()).isEqualTo("Enter the event of this step");
        assertThat(model.steps().get(0).errorProperty().get()).isEmpty();
        assertThat(model.query().errorProperty().get()).contains("Some steps need fixing");
        model.steps().get(1).eventProperty().set("x");
        assertThat(model.steps().get(1).errorProperty().get()).isEmpty();
    }

    @Test
    void aMissingWindowOrBreakdownPathIsExplained() {
        FunnelBuilder model = threeSteps(TestTasks.direct());
        model.windowValueProperty().set(null);
        model.breakdownProperty().set(FunnelBuilder.Breakdown.PATH);
        model.run();
        assertThat(api.funnelQueries).isEmpty();
        assertThat(model.query().errorProperty().get()).contains("Window: the window needs a length",
                "Breakdown: enter a dotted path");
    }

    @Test
    void eachStepsCommandsSayWhetherItCanMoveOrGo() {
        FunnelBuilder model = threeSteps(TestTasks.direct());
        FunnelBuilder.StepDraft first = model.steps().get(0);
        FunnelBuilder.StepDraft last = model.steps().get(2);
        assertThat(first.moveUp().isExecutable()).isFalse();
        assertThat(first.moveDown().isExecutable()).isTrue();
        assertThat(last.moveDown().isExecutable()).isFalse();
        assertThat(last.remove().isExecutable()).isTrue();

        last.moveUp().execute();
        assertThat(model.steps().get(1)).isSameAs(last);
        assertThat(last.moveDown().isExecutable()).as("second of three").isTrue();
        first.moveUp().execute();
        assertThat(model.steps().get(0)).isSameAs(first);
        model.steps().get(2).moveDown().execute();
        assertThat(model.steps().get(1)).isSameAs(last);

        last.remove().execute();
        model.steps().get(0).remove().execute();
        FunnelBuilder.StepDraft only = model.steps().get(0);
        assertThat(only.remove().isExecutable()).as("the only step stays").isFalse();
        assertThat(only.moveUp().isExecutable() || only.moveDown().isExecutable()).isFalse();
        only.remove().execute();
        assertThat(model.steps()).containsExactly(only);

        assertThat(model.addStepCommand().isExecutable()).isTrue();
        IntStream.range(0, 30).forEach(i -> model.addStepCommand().execute());
        assertThat(model.steps()).hasSize(Funnels.MAX_STEPS);
        assertThat(model.addStepCommand().isExecutable()).isFalse();
        assertThat(only.moveDown().isExecutable()).isTrue();
    }

    @Test
    void theLatestRunWinsAndCancelKeepsTheFiguresShown() {
        TestTasks tasks = TestTasks.held();
        FunnelBuilder model = threeSteps(tasks);
        model.run();
        tasks.runAll();
        assertThat(model.results()).extracting(FunnelBuilder.StepRow::event).hasSize(3);

        model.steps().get(2).remove().execute();
        model.run();
        assertThat(model.runCommand().isExecutable()).as("not while it runs").isFalse();
        model.query().cancel();
        assertThat(model.runCommand().isExecutable()).isTrue();
        assertThat(model.query().statusProperty().get()).isEqualTo("Cancelled");
        tasks.runAll();
        assertThat(model.results()).as("the cancelled answer is dropped").hasSize(3);

        FunnelBuilder.Shown before = model.shownProperty().get();
        model.run();
        model.steps().get(1).eventProperty().set("order.created");
        model.run();
        tasks.runLast();
        tasks.runAll();
        assertThat(model.results()).extracting(FunnelBuilder.StepRow::event)
                .containsExactly("page.product_viewed", "order.created");
        assertThat(model.shownProperty().get()).isNotSameAs(before);
    }

    @Test
    void aFailedRunShowsItsErrorAndKeepsTheFigures() {
        FunnelBuilder model = threeSteps(TestTasks.direct());
        model.run();
        api.funnel = q -> {
            throw new IllegalStateException("the engine is closed");
        };
        model.run();
        assertThat(model.query().errorProperty().get()).contains("the engine is closed");
        assertThat(model.results()).hasSize(3);
    }

    @Test
    void theStepsAndBreakdownTablesExportAsCsv() throws Exception {
        FunnelBuilder model = threeSteps(TestTasks.direct());
        model.breakdownProperty().set(FunnelBuilder.Breakdown.CHANNEL);
        model.run();
        dialogs.saveFile = dir.resolve("steps.csv");
        model.exportSteps().execute();
        assertThat(dialogs.fileQuestions).singleElement().extracting(TestDialogs.Asked::suggestedName)
                .isEqualTo("funnel-steps-20261127-1015.csv");
        assertThat(Files.readAllLines(dialogs.saveFile, StandardCharsets.UTF_8)).containsExactly(
                "\uFEFFstep,name,event,actors,conversion_from_start,conversion_from_previous,drop_off,"
                        + "median_time_to_convert_ms",
                "1,Viewed,page.product_viewed,100,1.000000,1.000000,0,0",
                "2,cart.item_added,cart.item_added,40,0.400000,0.400000,60,7500000",
                "3,order.created,order.created,10,0.100000,0.250000,30,14700000");

        dialogs.saveFile = dir.resolve("breakdown.csv");
        model.exportBreakdown().execute();
        assertThat(Files.readAllLines(dialogs.saveFile, StandardCharsets.UTF_8)).containsExactly(
                "\uFEFFchannel,step_1_Viewed,step_2_cart.item_added,step_3_order.created,conversion",
                "email,100,40,10,0.100000",
                Funnels.NONE + ",100,40,10,0.100000");

        dialogs.saveFile = null;
        model.exportSteps().execute();
        assertThat(dialogs.notices).hasSize(2);
    }

    @Test
    void aFunnelRoundTripsThroughItsSavedForm() {
        FunnelBuilder model = threeSteps(TestTasks.direct());
        model.modeProperty().set(Funnels.Mode.STRICT);
        model.windowValueProperty().set(90);
        model.windowUnitProperty().set(FunnelBuilder.WindowUnit.MINUTES);
        model.breakdownProperty().set(FunnelBuilder.Breakdown.CAMPAIGN);
        model.rangeProperty().set(DateRange.of(DateRange.Preset.LAST_30_DAYS));
        SavedFunnel f = model.toSaved("Checkout");
        assertThat(f.steps()).hasSize(3);
        assertThat(f.mode()).isEqualTo("strict");
        assertThat(f.windowMs()).isEqualTo(90 * 60_000L);
        assertThat(f.breakdown()).isEqualTo("campaign");
        assertThat(f.range()).isEqualTo("LAST_30_DAYS");
        assertThat(f.savedAt()).isEqualTo(NOW.toEpochMilli());

        FunnelBuilder other = builder(TestTasks.direct());
        other.load(f);
        assertThat(other.steps()).extracting(s -> s.eventProperty().get())
                .containsExactly("page.product_viewed", "cart.item_added", "order.created");
        assertThat(other.steps().get(0).nameProperty().get()).isEqualTo("Viewed");
        assertThat(other.modeProperty().get()).isEqualTo(Funnels.Mode.STRICT);
        assertThat(other.windowValueProperty().get()).isEqualTo(90);
        assertThat(other.windowUnitProperty().get()).isEqualTo(FunnelBuilder.WindowUnit.MINUTES);
        assertThat(other.breakdownProperty().get()).isEqualTo(FunnelBuilder.Breakdown.CAMPAIGN);
        assertThat(other.rangeProperty().get()).isEqualTo(DateRange.of(DateRange.Preset.LAST_30_DAYS));
        assertThat(other.steps().get(2).moveDown().isExecutable()).isFalse();
        assertThat(api.funnelQueries).as("loading does not run").isEmpty();

        model.steps().get(1).eventProperty().set("");
        assertThat(model.toSaved("x")).as("an invalid funnel is not saved").isNull();
        assertThat(model.steps().get(1).errorProperty().get()).isNotEmpty();
    }

    @Test
    void aFunnelSavedWithACustomPathReopensWithIt() {
        api.funnel = FunnelFixtures::answer;
        FunnelBuilder model = builder(TestTasks.direct());
        model.load(new SavedFunnel("p", List.of(Funnels.Step.of("a"), Funnels.Step.of("b")), null, 7_200_000L,
                "properties.plan", "CUSTOM", "2026-11-01", null, 1L));
        assertThat(model.breakdownProperty().get()).isEqualTo(FunnelBuilder.Breakdown.PATH);
        assertThat(model.breakdownPathProperty().get()).isEqualTo("properties.plan");
        assertThat(model.windowUnitProperty().get()).isEqualTo(FunnelBuilder.WindowUnit.HOURS);
        assertThat(model.windowValueProperty().get()).isEqualTo(2);
        model.run();
        assertThat(api.funnelQueries.get(0).to()).isNull();
    }

    @Test
    void theChartsLinesAndBarsAndTheBreakdownCellsAreDecidedByTheRows() {
        FunnelBuilder.StepRow first = new FunnelBuilder.StepRow(1, "Viewed", "page.viewed", 200, 1.0, 1.0, 0, null);
        FunnelBuilder.StepRow second = new FunnelBuilder.StepRow(2, "Added", "cart.item_added", 50, 0.25, 0.25, 150,
                60_000L);
        FunnelBuilder.StepRow third = new FunnelBuilder.StepRow(3, "Ordered", "order.created", 10, 0.05, 0.2, 40,
                120_000L);
        assertThat(first.barShare(200)).isEqualTo(1.0);
        assertThat(third.barShare(200)).isEqualTo(0.05);
        assertThat(third.barShare(0)).as("nobody entered").isZero();
        assertThat(first.chartFromStart()).isEqualTo(first.fromStartText() + " of step 1");
        assertThat(first.chartFromPrevious()).isEqualTo("entered the funnel");
        assertThat(second.chartFromPrevious()).as("the line above says it").isEqualTo(" ");
        assertThat(third.chartFromPrevious()).isEqualTo(third.fromPreviousText() + " of step 2");
        assertThat(first.chartMedian()).isEqualTo(" ");
        assertThat(third.chartMedian()).isEqualTo("median " + third.medianText());

        FunnelBuilder.BreakdownRow row = new FunnelBuilder.BreakdownRow("email", List.of(1200L, 30L));
        assertThat(row.countText(0)).isEqualTo("1,200");
        assertThat(row.countText(1)).isEqualTo("30");
        assertThat(row.countText(2)).as("a row without that step").isEmpty();
    }
}
