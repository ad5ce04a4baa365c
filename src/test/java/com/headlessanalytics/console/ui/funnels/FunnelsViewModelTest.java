package com.headlessanalytics.console.ui.funnels;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.ui.common.TaskRunner;
import com.headlessanalytics.console.ui.common.TestDialogs;
import com.headlessanalytics.console.ui.common.TestTasks;
import com.headlessanalytics.console.ui.metrics.FakeAnalyticsApi;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Funnels screen as its three parts work together: activation, a new run clearing the actors, opening a saved funnel. */
class FunnelsViewModelTest {
    static final Instant NOW = Instant.parse("2026-11-27T10:15:30Z");

    final FakeAnalyticsApi api = new FakeAnalyticsApi();
    final TestDialogs dialogs = new TestDialogs();
    final List<EventQuery> drilled = new ArrayList<>();
    final FunnelFixtures.MemoryStore store = new FunnelFixtures.MemoryStore();

    FunnelsViewModel model(TaskRunner tasks) {
        api.funnel = FunnelFixtures::answer;
        return new FunnelsViewModel(() -> api, tasks, dialogs, drilled::add, store, Clock.fixed(NOW, ZoneOffset.UTC),
                ZoneOffset.UTC);
    }

    @Test
    void anEmptyBuilderSaysWhatToDoAndSuggestsTheStoredNames() {
        api.eventNames = List.of("page.viewed", "order.created", "cart.order_started");
        FunnelsViewModel model = model(TestTasks.direct());
        model.activate();
        assertThat(model.query().statusProperty().get()).isEqualTo("Add the steps' events and run the funnel.");
        assertThat(api.funnelQueries).isEmpty();
        assertThat(model.suggestions("ORD", 10)).containsExactly("order.created", "cart.order_started");
    }

    @Test
    void aNewRunReplacesTheListedActorsAndCancelStopsWaiting() {
        TestTasks tasks = TestTasks.held();
        FunnelsViewModel model = model(tasks);
        FunnelBuilder builder = model.builder();
        builder.steps().get(0).eventProperty().set("a");
        builder.steps().get(1).eventProperty().set("b");
        api.actors = q -> new Funnels.Actors(List.of(new Funnels.Actor("a", 1, 0, 0)), 1, null, null);
        builder.run();
        tasks.runAll();
        model.pager().show(2, Funnels.Outcome.DROPPED, null);
        tasks.runAll();
        assertThat(model.pager().actors()).hasSize(1);
        builder.run();
        assertThat(model.query().runningProperty().get()).isTrue();
        model.deactivate();
        assertThat(model.query().runningProperty().get()).isFalse();
        tasks.runAll();
        assertThat(model.pager().actors()).as("the cancelled run shows nothing").hasSize(1);
        builder.run();
        tasks.runAll();
        assertThat(model.pager().actors()).isEmpty();
        assertThat(model.pager().selectedStepProperty().get()).isNull();
    }

    @Test
    void aSavedFunnelOpensIntoTheBuilderAndRuns() {
        FunnelsViewModel model = model(TestTasks.direct());
        FunnelBuilder builder = model.builder();
        builder.steps().get(0).eventProperty().set("page.product_viewed");
        builder.steps().get(1).eventProperty().set("order.created");
        dialogs.textAnswers.add("Checkout");
        model.library().saveAsCommand().execute();

        FunnelsViewModel other = model(TestTasks.direct());
        other.activate();
        other.library().selectedProperty().set(other.library().saved().get(0));
        other.library().openCommand().execute();
        assertThat(other.builder().steps()).extracting(s -> s.eventProperty().get())
                .containsExactly("page.product_viewed", "order.created");
        assertThat(other.library().savedNameProperty().get()).isEqualTo("Checkout");
        assertThat(other.builder().results()).hasSize(2);
        assertThat(api.funnelQueries).hasSize(1);
    }
}
