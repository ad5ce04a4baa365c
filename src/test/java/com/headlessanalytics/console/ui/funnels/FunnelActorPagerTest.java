package com.headlessanalytics.console.ui.funnels;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.ui.common.CsvExport;
import com.headlessanalytics.console.ui.common.TestDialogs;
import com.headlessanalytics.console.ui.common.TestEntityNavigator;
import com.headlessanalytics.console.ui.common.TestTasks;
import com.headlessanalytics.console.ui.metrics.FakeAnalyticsApi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The actor pager: which actors a pick lists, paging, stale pages, opening an actor, the full CSV export. */
class FunnelActorPagerTest {
    static final Funnels.Query FUNNEL = new Funnels.Query(List.of(new Funnels.Step("Viewed", "page.viewed", null),
            Funnels.Step.of("cart.item_added"), Funnels.Step.of("order.created")), 0L, 1_000_000L, 2 * 86_400_000L,
            null, null, null);

    final FakeAnalyticsApi api = new FakeAnalyticsApi();
    final TestDialogs dialogs = new TestDialogs();
    final List<EventQuery> drilled = new ArrayList<>();
    final SimpleObjectProperty<FunnelBuilder.Shown> shown = new SimpleObjectProperty<>();
    @TempDir
    Path dir;

    FunnelActorPager pager(TestTasks tasks) {
        Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:15:30Z"), ZoneOffset.UTC);
        FunnelActorPager pager = new FunnelActorPager(() -> api, tasks, dialogs, drilled::add,
                new CsvExport(tasks, dialogs, clock, ZoneOffset.UTC), ZoneOffset.UTC, shown);
        shown.set(new FunnelBuilder.Shown(FUNNEL, FakeAnalyticsApi.BUSINESS,
                List.of("Viewed", "cart.item_added", "order.created")));
        return pager;
    }

    @Test
    void theHeadingAndThePickedBarFollowWhatIsListed() {
        FunnelActorPager model = pager(TestTasks.direct());
        api.actors = q -> FunnelFixtures.actors(q, 3);
        assertThat(model.headingProperty().get()).isEqualTo("No step picked");
        assertThat(model.picked(2, Funnels.Outcome.DROPPED)).isFalse();

        model.show(2, Funnels.Outcome.DROPPED, null);
        assertThat(model.headingProperty().get()).isEqualTo(model.titleProperty().get())
                .startsWith("3 actors dropped before step 2");
        assertThat(model.picked(2, Funnels.Outcome.DROPPED)).as("the drop-off before step 2").isTrue();
        assertThat(model.picked(2, Funnels.Outcome.REACHED)).as("not step 2's bar").isFalse();
        assertThat(model.picked(3, Funnels.Outcome.DROPPED)).isFalse();
        model.show(1, Funnels.Outcome.DROPPED, null);
        assertThat(model.picked(1, Funnels.Outcome.REACHED)).as("step 1 always lists who reached it").isTrue();
    }

    @Test
    void openEntitySearchesTheEntitiesForTheSelectedActorsId() {
        FunnelActorPager model = pager(TestTasks.direct());
        api.actors = q -> FunnelFixtures.actors(q, 3);
        TestEntityNavigator entities = new TestEntityNavigator();
        model.show(2, Funnels.Outcome.DROPPED, null);
        model.selectedActorProperty().set(model.actors().get(1));
        assertThat(model.openEntityCommand().isExecutable()).as("no Entities screen wired").isFalse();
        model.onOpenEntity(entities);
        assertThat(model.openEntityCommand().isExecutable()).isTrue();
        model.openEntityCommand().execute();
        assertThat(entities.opened).containsExactly("find cust_1");
        model.selectedActorProperty().set(null);
        assertThat(model.openEntityCommand().isExecutable()).isFalse();
    }

    @Test
    void aStepListsWhoDroppedThereAndLoadsMorePages() {
        FunnelActorPager model = pager(TestTasks.direct());
        api.actors = q -> FunnelFixtures.actors(new Funnels.ActorsQuery(q.funnel(), q.step(), q.outcome(),
                q.breakdownValue(), 2, q.cursor()), 3);
        assertThat(model.loadMoreCommand().isExecutable()).isFalse();
        model.show(2, Funnels.Outcome.DROPPED, "email");

        Funnels.ActorsQuery q = api.actorQueries.get(0);
        assertThat(q.funnel()).isSameAs(FUNNEL);
        assertThat(q.step()).isEqualTo(2);
        assertThat(q.outcome()).isEqualTo("dropped");
        assertThat(q.breakdownValue()).isEqualTo("email");
        assertThat(q.limit()).isEqualTo(FunnelActorPager.ACTOR_PAGE);
        assertThat(model.actors()).extracting(FunnelActorPager.ActorRow::actor).containsExactly("cust_0", "cust_1");
        assertThat(model.titleProperty().get()).isEqualTo("3 actors dropped before step 2 (cart.item_added) · email");
        assertThat(model.hasMoreProperty().get()).isTrue();
        assertThat(model.loadMoreCommand().isExecutable()).isTrue();
        model.loadMoreCommand().execute();
        assertThat(api.actorQueries.get(1).cursor()).isEqualTo("2");
        assertThat(model.actors()).extracting(FunnelActorPager.ActorRow::actor)
                .containsExactly("cust_0", "cust_1", "cust_2");
        assertThat(model.hasMoreProperty().get()).isFalse();
        assertThat(model.loadMoreCommand().isExecutable()).isFalse();
        assertThat(model.titleProperty().get()).isEqualTo("3 actors dropped before step 2 (cart.item_added) · email");
        assertThat(model.selectedStepProperty().get()).isEqualTo(2);
    }

    @Test
    void stepOneListsWhoReachedItAndABreakdownValueKeepsThePickedStep() {
        api.actors = q -> FunnelFixtures.actors(q, 1);
        FunnelActorPager model = pager(TestTasks.direct());
        model.show(1, Funnels.Outcome.DROPPED, null);
        assertThat(api.actorQueries.get(0).outcome()).isEqualTo("reached");
        assertThat(model.titleProperty().get()).isEqualTo("1 actor reached step 1 (Viewed)");

        model.showStep(3);
        assertThat(api.actorQueries.get(1).outcome()).isEqualTo("dropped");
        assertThat(model.selectedOutcomeProperty().get()).isEqualTo(Funnels.Outcome.DROPPED);
        model.show(2, Funnels.Outcome.REACHED, null);
        model.showBreakdown("email");
        assertThat(api.actorQueries.get(3)).extracting(Funnels.ActorsQuery::step, Funnels.ActorsQuery::outcome,
                Funnels.ActorsQuery::breakdownValue).containsExactly(2, "reached", "email");

        shown.set(new FunnelBuilder.Shown(FUNNEL, null, List.of("a", "b", "c")));
        assertThat(model.selectedStepProperty().get()).as("a newly shown funnel clears the pick").isNull();
        assertThat(model.actors()).isEmpty();
        assertThat(model.titleProperty().get()).isEmpty();
        model.showBreakdown("email");
        assertThat(api.actorQueries.get(4)).extracting(Funnels.ActorsQuery::step, Funnels.ActorsQuery::outcome)
                .as("no pick: who dropped before the last step").containsExactly(3, "dropped");
    }

    @Test
    void aNewerPickWinsOverAPageStillBeingRead() {
        TestTasks tasks = TestTasks.held();
        api.actors = q -> FunnelFixtures.actors(q, q.step() * 10);
        FunnelActorPager model = pager(tasks);
        model.show(2, Funnels.Outcome.DROPPED, null);
        assertThat(model.titleProperty().get()).isEqualTo("Listing the actors who dropped before step 2"
                + " (cart.item_added)…");
        assertThat(model.loadingProperty().get()).isTrue();
        model.show(3, Funnels.Outcome.REACHED, null);
        tasks.runLast();
        tasks.runAll();
        assertThat(model.actors()).hasSize(30);
        assertThat(model.titleProperty().get()).isEqualTo("30 actors reached step 3 (order.created)");

        model.show(2, Funnels.Outcome.DROPPED, null);
        shown.set(new FunnelBuilder.Shown(FUNNEL, null, List.of("a", "b", "c")));
        tasks.runAll();
        assertThat(model.actors()).as("a page of a funnel no longer shown is dropped").isEmpty();
        assertThat(model.loadingProperty().get()).isFalse();
    }

    @Test
    void aFailedPageShowsItsErrorAndKeepsTheTitle() {
        api.actors = q -> {
            throw new IllegalStateException("the engine is closed");
        };
        FunnelActorPager model = pager(TestTasks.direct());
        model.show(2, Funnels.Outcome.DROPPED, null);
        assertThat(model.errorProperty().get()).contains("the engine is closed");
        assertThat(model.titleProperty().get()).startsWith("Listing the actors who dropped before step 2");
    }

    @Test
    void theSelectedActorOpensTheirEventsInTheWindowOfTheirAttempt() {
        FunnelActorPager model = pager(TestTasks.direct());
        assertThat(model.openEventsCommand().isExecutable()).isFalse();
        model.selectedActorProperty().set(new FunnelActorPager.ActorRow("cust_9", 2, 5_000L, 6_000L, "", ""));
        assertThat(model.openEventsCommand().isExecutable()).isTrue();
        model.openEventsCommand().execute();
        assertThat(drilled).containsExactly(new EventQuery(FakeAnalyticsApi.BUSINESS, null, null, "cust_9", 5_000L,
                5_000L + 2 * 86_400_000L, null, null, null));
    }

    @Test
    void theActorsExportReadsEveryPageOfTheListedStep() throws Exception {
        api.actors = q -> FunnelFixtures.actors(q, 2500);
        FunnelActorPager model = pager(TestTasks.direct());
        assertThat(model.exportCommand().isExecutable()).as("nothing listed yet").isFalse();
        model.show(3, Funnels.Outcome.REACHED, null);
        assertThat(model.actors()).hasSize(FunnelActorPager.ACTOR_PAGE);
        dialogs.saveFile = dir.resolve("actors.csv");
        model.exportCommand().execute();
        assertThat(dialogs.fileQuestions).singleElement().extracting(TestDialogs.Asked::suggestedName)
                .isEqualTo("funnel-actors-20261127-1015.csv");
        List<String> lines = Files.readAllLines(dialogs.saveFile, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2501);
        assertThat(lines.get(0)).isEqualTo("\uFEFFactor,level,entered_at,last_step_at");
        assertThat(lines.get(2500)).isEqualTo("cust_2499,2,1970-01-01T00:41:39Z,1970-01-01T01:23:18Z");
        assertThat(api.actorQueries.subList(1, api.actorQueries.size())).allMatch(q -> q.limit() == 1000);
        assertThat(dialogs.notices).anyMatch(n -> n.startsWith("Exported 2,500 actors"));
    }
}
