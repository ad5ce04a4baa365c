package com.headlessanalytics.console.ui.funnels;

import com.headlessanalytics.console.ui.common.TestTasks;
import com.headlessanalytics.console.ui.common.TestDialogs;
import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.ui.common.DateRange;
import com.headlessanalytics.console.ui.common.TaskRunner;
import com.headlessanalytics.console.ui.metrics.FakeAnalyticsApi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunnelsViewModelTest {
    static final Instant NOW = Instant.parse("2026-11-27T10:15:30Z");
    static final long HOUR = 3_600_000L;

    final FakeAnalyticsApi api = new FakeAnalyticsApi();
    final TestDialogs dialogs = new TestDialogs();
    final List<EventQuery> drilled = new ArrayList<>();
    final MemoryStore store = new MemoryStore();
    @TempDir
    Path dir;

    FunnelsViewModel model(TaskRunner tasks) {
        return new FunnelsViewModel(() -> api, tasks, dialogs, drilled::add, store, Clock.fixed(NOW, ZoneOffset.UTC),
                ZoneOffset.UTC);
    }

    /** 100 → 40 → 10 actors over the query's steps, with a breakdown when asked. */
    static Funnels.Result answer(Funnels.Query q) {
        long[] counts = {100, 40, 10, 5, 1};
        List<Funnels.StepResult> steps = new ArrayList<>();
        for (int i = 0; i < q.steps().size(); i++) {
            long c = counts[i];
            long prev = i == 0 ? c : counts[i - 1];
            steps.add(new Funnels.StepResult(i + 1, q.steps().get(i).name(), q.steps().get(i).event(), c,
                    c / 100.0, i == 0 ? 1 : (double) c / prev, prev - c, i == 0 ? 0L : (i * 2 * HOUR + 5 * 60_000L)));
        }
        List<Funnels.Breakdown> breakdown = q.breakdown() == null ? null : List.of(
                new Funnels.Breakdown("email", steps), new Funnels.Breakdown(Funnels.NONE, steps));
        return new Funnels.Result(steps, q.mode(), q.effectiveWindowMs(), q.breakdown(), breakdown,
                FakeAnalyticsApi.proof(q.from(), q.to()));
    }

    FunnelsViewModel threeSteps(TaskRunner tasks) {
        api.funnel = FunnelsViewModelTest::answer;
        FunnelsViewModel model = model(tasks);
        model.steps().get(0).eventProperty().set("page.product_viewed");
        model.steps().get(0).nameProperty().set("Viewed");
        model.steps().get(1).eventProperty().set("cart.item_added");
        model.addStep().eventProperty().set(" order.created ");
        return model;
    }

    @Test
    void runsTheFunnelTheBuilderDescribes() {
        FunnelsViewModel model = threeSteps(TestTasks.direct());
        model.modeProperty().set(Funnels.Mode.ANY_ORDER);
        model.windowValueProperty().set(3);
        model.windowUnitProperty().set(FunnelsViewModel.WindowUnit.HOURS);
        model.breakdownProperty().set(FunnelsViewModel.Breakdown.PATH);
        model.breakdownPathProperty().set("properties.plan");
        model.rangeProperty().set(DateRange.custom(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 7)));
        model.run();

        Funnels.Query q = api.funnelQueries.get(0);
        assertThat(q.steps()).containsExactly(new Funnels.Step("Viewed", "page.product_viewed", null),
                new Funnels.Step(null, "cart.item_added", null), new Funnels.Step(null, "order.created", null));
        assertThat(q.mode()).isEqualTo("any_order");
        assertThat(q.windowMs()).isEqualTo(3 * HOUR);
        assertThat(q.breakdown()).isEqualTo("properties.plan");
        assertThat(q.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z").toEpochMilli());
        assertThat(q.to()).isEqualTo(Instant.parse("2026-11-08T00:00:00Z").toEpochMilli() - 1);

        assertThat(model.results()).hasSize(3);
        FunnelsViewModel.StepRow second = model.results().get(1);
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
        assertThat(model.breakdownRows()).extracting(FunnelsViewModel.BreakdownRow::value)
                .containsExactly("email", Funnels.NONE);
        assertThat(model.breakdownRows().get(0).conversionText()).isEqualTo("10.0 %");
    }

    @Test
    void aStepWithoutAnEventIsMarkedAndNothingRuns() {
        FunnelsViewModel model = threeSteps(TestTasks.direct());
        model.steps().get(1).eventProperty().set("  ");
        model.run();
        assertThat(api.funnelQueries).isEmpty();
        assertThat(model.steps().get(1).errorProperty().get()).isEqualTo("Enter the event of this step");
        assertThat(model.steps().get(0).errorProperty().get()).isEmpty();
        assertThat(model.errorProperty().get()).contains("Some steps need fixing");
        model.steps().get(1).eventProperty().set("x");
        assertThat(model.steps().get(1).errorProperty().get()).isEmpty();
    }

    @Test
    void aMissingWindowOrBreakdownPathIsExplained() {
        FunnelsViewModel model = threeSteps(TestTasks.direct());
        model.windowValueProperty().set(null);
        model.breakdownProperty().set(FunnelsViewModel.Breakdown.PATH);
        model.run();
        assertThat(api.funnelQueries).isEmpty();
        assertThat(model.errorProperty().get()).contains("Window: the window needs a length",
                "Breakdown: enter a dotted path");
    }

    @Test
    void stepsAreAddedRemovedAndReordered() {
        FunnelsViewModel model = threeSteps(TestTasks.direct());
        FunnelsViewModel.StepDraft last = model.steps().get(2);
        model.moveStep(last, -1);
        assertThat(model.steps().get(1)).isSameAs(last);
        model.moveStep(model.steps().get(0), -1);
        model.moveStep(model.steps().get(2), 1);
        assertThat(model.steps().get(1)).isSameAs(last);
        model.removeStep(last);
        model.removeStep(model.steps().get(0));
        model.removeStep(model.steps().get(0));
        assertThat(model.steps()).hasSize(1);
        IntStream.range(0, 30).forEach(i -> model.addStep());
        assertThat(model.steps()).hasSize(Funnels.MAX_STEPS);
    }

    @Test
    void aStepListsWhoDroppedThereAndLoadsMorePages() {
        FunnelsViewModel model = threeSteps(TestTasks.direct());
        api.actors = q -> {
            int from = q.cursor() == null ? 0 : Integer.parseInt(q.cursor());
            List<Funnels.Actor> page = IntStream.range(from, Math.min(from + 2, 3))
                    .mapToObj(i -> new Funnels.Actor("cust_" + i, 1, 1_000L * i, 2_000L * i)).toList();
            return new Funnels.Actors(page, 3, from + 2 < 3 ? Integer.toString(from + 2) : null, null);
        };
        model.run();
        model.showActors(2, Funnels.Outcome.DROPPED, "email");

        Funnels.ActorsQuery q = api.actorQueries.get(0);
        assertThat(q.funnel()).isEqualTo(api.funnelQueries.get(0));
        assertThat(q.step()).isEqualTo(2);
        assertThat(q.outcome()).isEqualTo("dropped");
        assertThat(q.breakdownValue()).isEqualTo("email");
        assertThat(q.limit()).isEqualTo(FunnelsViewModel.ACTOR_PAGE);
        assertThat(model.actors()).extracting(FunnelsViewModel.ActorRow::actor).containsExactly("cust_0", "cust_1");
        assertThat(model.actorsTitleProperty().get()).isEqualTo("3 actors dropped before step 2 (cart.item_added) · email");
        assertThat(model.hasMoreActorsProperty().get()).isTrue();
        model.loadMoreActors();
        assertThat(api.actorQueries.get(1).cursor()).isEqualTo("2");
        assertThat(model.actors()).extracting(FunnelsViewModel.ActorRow::actor)
                .containsExactly("cust_0", "cust_1", "cust_2");
        assertThat(model.hasMoreActorsProperty().get()).isFalse();
        assertThat(model.selectedStepProperty().get()).isEqualTo(2);

        model.showActors(1, Funnels.Outcome.DROPPED, null);
        assertThat(api.actorQueries.get(2).outcome()).isEqualTo("reached");
        assertThat(model.actorsTitleProperty().get()).startsWith("3 actors reached step 1 (Viewed)");
    }

    @Test
    void anActorOpensTheirEventsInTheWindowOfTheirAttempt() {
        FunnelsViewModel model = threeSteps(TestTasks.direct());
        model.windowValueProperty().set(2);
        model.windowUnitProperty().set(FunnelsViewModel.WindowUnit.DAYS);
        model.run();
        model.openActorEvents(new FunnelsViewModel.ActorRow("cust_9", 2, 5_000L, 6_000L, "", ""));
        assertThat(drilled).containsExactly(new EventQuery(FakeAnalyticsApi.BUSINESS, null, null, "cust_9", 5_000L,
                5_000L + 2 * 86_400_000L, null, null, null));
    }

    @Test
    void aNewRunReplacesTheListedActorsAndCancelStopsWaiting() {
        TestTasks tasks = TestTasks.held();
        FunnelsViewModel model = threeSteps(tasks);
        api.actors = q -> new Funnels.Actors(List.of(new Funnels.Actor("a", 1, 0, 0)), 1, null, null);
        model.run();
        tasks.runAll();
        model.showActors(2, Funnels.Outcome.DROPPED, null);
        tasks.runAll();
        assertThat(model.actors()).hasSize(1);
        model.run();
        assertThat(model.runningProperty().get()).isTrue();
        model.cancel();
        assertThat(model.runningProperty().get()).isFalse();
        tasks.runAll();
        assertThat(model.actors()).hasSize(1);
        model.run();
        tasks.runAll();
        assertThat(model.actors()).isEmpty();
        assertThat(model.selectedStepProperty().get()).isNull();
    }

    @Test
    void savedFunnelsRoundTripThroughTheStore() {
        FunnelsViewModel model = threeSteps(TestTasks.direct());
        model.modeProperty().set(Funnels.Mode.STRICT);
        model.windowValueProperty().set(90);
        model.windowUnitProperty().set(FunnelsViewModel.WindowUnit.MINUTES);
        model.breakdownProperty().set(FunnelsViewModel.Breakdown.CAMPAIGN);
        model.rangeProperty().set(DateRange.of(DateRange.Preset.LAST_30_DAYS));
        model.saveAs("  Checkout ");
        assertThat(store.list()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("Checkout");
            assertThat(f.steps()).hasSize(3);
            assertThat(f.mode()).isEqualTo("strict");
            assertThat(f.windowMs()).isEqualTo(90 * 60_000L);
            assertThat(f.breakdown()).isEqualTo("campaign");
            assertThat(f.range()).isEqualTo("LAST_30_DAYS");
            assertThat(f.savedAt()).isEqualTo(NOW.toEpochMilli());
        });
        assertThat(model.saved()).hasSize(1);

        FunnelsViewModel other = model(TestTasks.direct());
        other.activate();
        other.open(other.saved().get(0));
        assertThat(other.steps()).extracting(s -> s.eventProperty().get())
                .containsExactly("page.product_viewed", "cart.item_added", "order.created");
        assertThat(other.steps().get(0).nameProperty().get()).isEqualTo("Viewed");
        assertThat(other.modeProperty().get()).isEqualTo(Funnels.Mode.STRICT);
        assertThat(other.windowValueProperty().get()).isEqualTo(90);
        assertThat(other.windowUnitProperty().get()).isEqualTo(FunnelsViewModel.WindowUnit.MINUTES);
        assertThat(other.breakdownProperty().get()).isEqualTo(FunnelsViewModel.Breakdown.CAMPAIGN);
        assertThat(other.rangeProperty().get()).isEqualTo(DateRange.of(DateRange.Preset.LAST_30_DAYS));
        assertThat(other.savedNameProperty().get()).isEqualTo("Checkout");
        assertThat(other.results()).hasSize(3);
    }

    @Test
    void replacingASavedFunnelAsksAndDeletingAsksToo() {
        FunnelsViewModel model = threeSteps(TestTasks.direct());
        model.saveAs("f");
        model.removeStep(model.steps().get(2));
        dialogs.confirmAnswer = false;
        model.saveAs("f");
        assertThat(store.list().get(0).steps()).hasSize(3);
        model.deleteSaved(model.saved().get(0));
        assertThat(store.list()).hasSize(1);
        dialogs.confirmAnswer = true;
        model.saveAs("f");
        assertThat(store.list().get(0).steps()).hasSize(2);
        model.deleteSaved(model.saved().get(0));
        assertThat(store.list()).isEmpty();
        assertThat(model.saved()).isEmpty();
        model.saveAs(" ");
        assertThat(model.errorProperty().get()).contains("Give the funnel a name");
    }

    @Test
    void aFunnelSavedWithACustomPathReopensWithIt() {
        api.funnel = FunnelsViewModelTest::answer;
        store.save(new SavedFunnel("p", List.of(Funnels.Step.of("a"), Funnels.Step.of("b")), null, 7_200_000L,
                "properties.plan", "CUSTOM", "2026-11-01", null, 1L));
        FunnelsViewModel model = model(TestTasks.direct());
        model.activate();
        model.open(model.saved().get(0));
        assertThat(model.breakdownProperty().get()).isEqualTo(FunnelsViewModel.Breakdown.PATH);
        assertThat(model.breakdownPathProperty().get()).isEqualTo("properties.plan");
        assertThat(model.windowUnitProperty().get()).isEqualTo(FunnelsViewModel.WindowUnit.HOURS);
        assertThat(model.windowValueProperty().get()).isEqualTo(2);
        assertThat(api.funnelQueries.get(0).to()).isNull();
    }

    @Test
    void tablesExportAndTheActorsExportReadsEveryPage() throws Exception {
        FunnelsViewModel model = threeSteps(TestTasks.direct());
        api.actors = q -> {
            int from = q.cursor() == null ? 0 : Integer.parseInt(q.cursor());
            int size = q.limit();
            List<Funnels.Actor> page = IntStream.range(from, Math.min(from + size, 2500))
                    .mapToObj(i -> new Funnels.Actor("cust_" + i, 2, 0L, 1_000L)).toList();
            return new Funnels.Actors(page, 2500, from + size < 2500 ? Integer.toString(from + size) : null, null);
        };
        model.run();
        Path steps = dir.resolve("steps.csv");
        model.exportCsv(FunnelsViewModel.Table.STEPS, steps);
        assertThat(Files.readAllLines(steps, StandardCharsets.UTF_8)).containsExactly(
                "\uFEFFstep,name,event,actors,conversion_from_start,conversion_from_previous,drop_off,"
                        + "median_time_to_convert_ms",
                "1,Viewed,page.product_viewed,100,1.000000,1.000000,0,0",
                "2,cart.item_added,cart.item_added,40,0.400000,0.400000,60,7500000",
                "3,order.created,order.created,10,0.100000,0.250000,30,14700000");

        model.showActors(3, com.headlessanalytics.console.api.Funnels.Outcome.REACHED, null);
        assertThat(model.actors()).hasSize(FunnelsViewModel.ACTOR_PAGE);
        Path actors = dir.resolve("actors.csv");
        model.exportCsv(FunnelsViewModel.Table.ACTORS, actors);
        List<String> lines = Files.readAllLines(actors, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2501);
        assertThat(lines.get(0)).isEqualTo("\uFEFFactor,level,entered_at,last_step_at");
        assertThat(lines.get(2500)).isEqualTo("cust_2499,2,1970-01-01T00:00:00Z,1970-01-01T00:00:01Z");
        assertThat(api.actorQueries.subList(1, api.actorQueries.size())).allMatch(q -> q.limit() == 1000);
        assertThat(dialogs.notices).anyMatch(n -> n.startsWith("Exported 2,500 actors"));
    }

    /** Saved funnels in memory. */
    static final class MemoryStore implements SavedFunnelStore {
        private final List<SavedFunnel> funnels = new ArrayList<>();

        @Override
        public List<SavedFunnel> list() {
            return List.copyOf(funnels);
        }

        @Override
        public void save(SavedFunnel funnel) {
            funnels.removeIf(f -> f.name().equals(funnel.name()));
            funnels.add(funnel);
        }

        @Override
        public void delete(String name) {
            funnels.removeIf(f -> f.name().equals(name));
        }
    }
}
