package com.headlessanalytics.console.ui.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.EventsOnlyApi;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.ui.common.EntityLink;
import com.headlessanalytics.console.ui.common.ManualScheduler;
import com.headlessanalytics.console.ui.common.TestDialogs;
import com.headlessanalytics.console.ui.common.TestEntityNavigator;
import com.headlessanalytics.console.ui.common.TestTasks;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Events screen's logic against a real engine, without a toolkit. */
class EventsViewModelTest {
    @TempDir
    Path dir;
    Engine engine;
    HeadlessApi api;
    ManualScheduler scheduler = new ManualScheduler();
    TestDialogs dialogs = new TestDialogs();
    List<String> copied = new ArrayList<>();
    EventsViewModel model;

    @BeforeEach
    void setUp() {
        engine = Engine.open(dir);
        api = engine.defaultWorkspace();
        model = new EventsViewModel(() -> api, TestTasks.direct(), scheduler, java.time.Clock.systemUTC(),
                ZoneOffset.UTC, dialogs, copied::add);
    }

    @AfterEach
    void tearDown() {
        engine.close();
    }

    void ingest(int from, int count, String name) {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            batch.add(Map.of("id", "e" + i, "event", name, "timestamp", 1_700_000_000_000L + i * 1000L,
                    "actor", "a" + (i % 3), "source", Map.of("channel", "qr")));
        }
        api.ingest(batch);
    }

    @Test
    void openEntityOffersTheEventsActorObjectAndEntityWithATypeAndAnId() {
        api.ingest(List.of(
                Map.of("id", "s1", "event", "page.viewed", "timestamp", 1_700_000_000_000L, "actor", "visitor-7"),
                Map.of("id", "o1", "event", "qr.bottle_scanned", "timestamp", 1_700_000_001_000L,
                        "actor", Map.of("type", "customer", "id", "cust_1", "name", "Ada Silva"),
                        "object", Map.of("type", "product", "id", "gift-box"),
                        "entity", Map.of("type", "location", "id", 42))));
        TestEntityNavigator entities = new TestEntityNavigator();
        model.onOpenEntity(entities);
        model.activate();
        model.selectedProperty().set(model.rows().get(0));
        assertThat(model.entityLinks()).extracting(EntityLink::label).containsExactly(
                "actor: customer cust_1 (Ada Silva)", "object: product gift-box", "entity: location 42");
        assertThat(model.canOpenEntityProperty().get()).isTrue();
        model.openEntity(model.entityLinks().get(1));
        assertThat(entities.opened).containsExactly("product/gift-box");

        model.selectedProperty().set(model.rows().get(1));
        assertThat(model.entityLinks()).as("a string actor is no entity").isEmpty();
        assertThat(model.canOpenEntityProperty().get()).isFalse();
        model.deactivate();
    }

    @Test
    void showsNewestFirstOnePageAtATimeAndPollsWhileActive() {
        ingest(0, 450, "page.viewed");
        model.activate();
        assertThat(model.rows()).hasSize(EventsViewModel.PAGE);
        assertThat(model.rows().get(0).id()).isEqualTo("e449");
        assertThat(model.rows().get(0).time()).isEqualTo("Nov 14, 22:20:49");
        assertThat(model.rows().get(0).channel()).isEqualTo("qr");
        assertThat(model.hasMoreProperty().get()).isTrue();
        model.loadMore();
        model.loadMore();
        assertThat(model.rows()).hasSize(450);
        assertThat(model.hasMoreProperty().get()).isFalse();
        assertThat(model.statusProperty().get()).isEqualTo("450 events shown");

        ingest(450, 5, "order.created");
        scheduler.tick();
        assertThat(model.rows()).hasSize(455);
        assertThat(model.rows().get(0).id()).isEqualTo("e454");

        model.deactivate();
        assertThat(scheduler.active()).isZero();
    }

    @Test
    void eventsStoredWithPlanWarningsAreMarkedAndTheirWarningsListed() {
        api.saveTrackingPlan(new com.headlessanalytics.console.domain.plan.TrackingPlan("checkout", null,
                com.headlessanalytics.console.domain.plan.PlanMode.WARN, null, null, List.of(
                new com.headlessanalytics.console.domain.plan.EventSpec("order.completed", null, List.of("sku"), null)),
                null));
        api.ingest(List.of(Map.of("id", "w", "event", "order.completed", "timestamp", 2_000L),
                Map.of("id", "ok", "event", "order.completed", "timestamp", 1_000L, "properties", Map.of("sku", "A"))));
        model.activate();
        assertThat(model.rows()).extracting(EventsViewModel.Row::id, EventsViewModel.Row::plan).containsExactly(
                org.assertj.core.groups.Tuple.tuple("w", "⚠ 1"), org.assertj.core.groups.Tuple.tuple("ok", ""));
        model.selectedProperty().set(model.rows().get(0));
        assertThat(model.warningsProperty().get()).isEqualTo("Stored with 1 tracking-plan warning:\n"
                + "• properties.sku (missing_property): 'order.completed' must carry properties.sku"
                + " (required by plan 'checkout').");
        model.selectedProperty().set(model.rows().get(1));
        assertThat(model.warningsProperty().get()).isEmpty();
    }

    @Test
    void suggestsKnownEventNamesStartingWithTheTextFirst() {
        ingest(0, 3, "page.viewed");
        ingest(3, 2, "order.created");
        ingest(5, 1, "cart.order_started");
        model.activate();
        assertThat(model.eventNames()).containsExactly("page.viewed", "order.created", "cart.order_started");
        assertThat(model.suggestions("ORD", 10)).containsExactly("order.created", "cart.order_started");
        assertThat(model.suggestions("order.created", 10)).isEmpty();
        assertThat(model.suggestions(" ", 10)).isEmpty();
        assertThat(model.suggestions(".", 1)).hasSize(1);
    }

    @Test
    void pausedLiveViewDoesNotChange() {
        ingest(0, 3, "page.viewed");
        model.activate();
        model.liveProperty().set(false);
        ingest(3, 2, "page.viewed");
        scheduler.tick();
        assertThat(model.rows()).hasSize(3);
    }

    @Test
    void filtersAndShowsTheSelectedEnvelope() {
        ingest(0, 10, "page.viewed");
        ingest(10, 4, "order.created");
        model.activate();
        model.eventFilterProperty().set("  order.created ");
        model.actorFilterProperty().set("a1");
        model.apply();
        assertThat(model.rows()).extracting(EventsViewModel.Row::id).containsExactly("e13", "e10");
        model.selectedProperty().set(model.rows().get(0));
        assertThat(model.detailProperty().get()).contains("\"id\" : \"e13\"", "\"event\" : \"order.created\"");
        model.clearFilters();
        assertThat(model.rows()).hasSize(14);
        assertThat(model.rows()).noneMatch(r -> r == null);
    }

    @Test
    void copyJsonCopiesTheSelectedEnvelopeOnlyWhileOneIsSelected() {
        ingest(0, 2, "page.viewed");
        model.activate();
        assertThat(model.copyEnvelopeCommand().isExecutable()).as("nothing selected").isFalse();
        model.copyEnvelopeCommand().execute();
        assertThat(copied).isEmpty();

        model.selectedProperty().set(model.rows().get(0));
        assertThat(model.copyEnvelopeCommand().isExecutable()).isTrue();
        model.copyEnvelopeCommand().execute();
        assertThat(copied).containsExactly(model.detailProperty().get());
        assertThat(copied.get(0)).contains("\"id\" : \"e1\"");
        assertThat(dialogs.notices).as("as before: the envelope copy says nothing").isEmpty();

        model.selectedProperty().set(null);
        assertThat(model.copyEnvelopeCommand().isExecutable()).isFalse();
    }

    @Test
    void aShownRowNearTheEndOfTheTableReadsTheNextPage() {
        ingest(0, 450, "page.viewed");
        model.activate();
        assertThat(model.rows()).hasSize(EventsViewModel.PAGE);
        model.rowShown(EventsViewModel.PAGE - EventsViewModel.PREFETCH_ROWS - 1);
        assertThat(model.rows()).as("still far from the end").hasSize(EventsViewModel.PAGE);
        model.rowShown(EventsViewModel.PAGE - EventsViewModel.PREFETCH_ROWS);
        assertThat(model.rows()).hasSize(2 * EventsViewModel.PAGE);
    }

    @Test
    void theExactRangeLineShowsOnlyWhileADrillDownsRangeApplies() {
        model.activate();
        assertThat(model.exactRangeShownProperty().get()).isFalse();
        model.drillDown(new com.headlessanalytics.console.api.EventQuery(null, "page.viewed", null, null,
                1_700_000_000_000L, 1_700_000_060_000L, null, null,
                com.headlessanalytics.console.api.EventQuery.Order.DESC));
        assertThat(model.exactRangeShownProperty().get()).isTrue();
        model.fromDateProperty().set(null);
        assertThat(model.exactRangeShownProperty().get()).as("a date filter edited").isFalse();
    }

    @Test
    void aDrillDownByTrackableShowsOnlyItsEvents() {
        var t = api.createTrackable(new com.headlessanalytics.console.api.Trackables.NewTrackable("qr_code", "Oil",
                null, null, false));
        ingest(0, 3, "page.viewed");
        api.ingest(java.util.List.of(com.headlessanalytics.console.api.Trackables.scanEvent(t, "scan", null, "scan-1",
                System.currentTimeMillis())));
        model.activate();
        model.drillDown(com.headlessanalytics.console.api.EventQuery.all().withTrackable(t.code()));
        assertThat(model.rows()).extracting(EventsViewModel.Row::id).containsExactly("scan-1");
        assertThat(model.exactRangeProperty().get()).contains("trackable = " + t.code());
    }

    @Test
    void showsAReadableErrorAndKeepsWhatWasShown() {
        ingest(0, 2, "page.viewed");
        model.activate();
        api = new FailingApi(api);
        scheduler.tick();
        assertThat(model.errorProperty().get()).startsWith("The API could not be reached");
        assertThat(model.rows()).hasSize(2);
        model.fromDateProperty().set(java.time.LocalDate.of(2024, 1, 2));
        model.toDateProperty().set(java.time.LocalDate.of(2024, 1, 1));
        model.apply();
        assertThat(model.errorProperty().get()).isEqualTo("The start date is after the end date.");
    }

    @Test
    void aPageOrRefreshOfAnOldFilterIsNeverShownUnderANewOne() {
        TestTasks tasks = TestTasks.held();
        model = new EventsViewModel(() -> api, tasks, scheduler, java.time.Clock.systemUTC(), ZoneOffset.UTC, dialogs, text -> { });
        ingest(0, 450, "page.viewed");
        ingest(450, 3, "order.created");
        model.activate();
        tasks.runAll();
        assertThat(model.rows()).hasSize(EventsViewModel.PAGE);

        model.loadMore();
        model.eventFilterProperty().set("order.created");
        model.apply();
        assertThat(model.loadingProperty().get()).isTrue();
        scheduler.tick();
        assertThat(tasks.pending()).as("no refresh while a filter is read").isEqualTo(2);
        tasks.runNext();
        assertThat(model.rows()).as("the old filter's next page is dropped").hasSize(EventsViewModel.PAGE);
        tasks.runAll();
        assertThat(model.rows()).extracting(EventsViewModel.Row::id).containsExactly("e452", "e451", "e450");
        assertThat(model.statusProperty().get()).isEqualTo("3 events shown");

        ingest(453, 2, "order.created");
        scheduler.tick();
        model.eventFilterProperty().set("page.viewed");
        model.apply();
        tasks.runLast();
        tasks.runAll();
        assertThat(model.rows()).hasSize(EventsViewModel.PAGE)
                .as("the old filter's refresh is dropped").allMatch(r -> r.name().equals("page.viewed"));
        assertThat(model.loadingProperty().get()).isFalse();
    }

    @Test
    void cancellingANewFilterKeepsTheRowsShown() {
        TestTasks tasks = TestTasks.held();
        model = new EventsViewModel(() -> api, tasks, scheduler, java.time.Clock.systemUTC(), ZoneOffset.UTC, dialogs, text -> { });
        ingest(0, 5, "page.viewed");
        model.apply();
        tasks.runAll();
        model.eventFilterProperty().set("nothing.matches");
        model.applyCommand().execute();
        assertThat(model.statusProperty().get()).isEqualTo("Loading events…");
        model.query().cancel();
        tasks.runAll();
        assertThat(model.rows()).hasSize(5);
        assertThat(model.statusProperty().get()).isEqualTo("Cancelled");
        model.loadMore();
        assertThat(tasks.pending()).as("everything is shown").isZero();
    }

    @Test
    void theTestEventFormOpensThroughTheDialogServiceAndASentEventReloadsTheTable() {
        ingest(0, 2, "page.viewed");
        model.activate();
        model.sendTestEventCommand().execute();
        assertThat(dialogs.forms).singleElement().isInstanceOf(TestEventViewModel.class);
        TestEventViewModel form = (TestEventViewModel) dialogs.forms.get(0);
        form.eventNameProperty().set("console.checked");
        form.sendCommand().execute();
        assertThat(form.sentProperty().get()).isTrue();
        assertThat(model.rows()).hasSize(3);
        assertThat(model.rows().get(0).name()).isEqualTo("console.checked");
    }

    /** A connection that has gone away. */
    record FailingApi(HeadlessApi delegate) implements EventsOnlyApi {
        @Override
        public com.headlessanalytics.console.api.IngestResult ingest(List<Map<String, Object>> events) {
            throw new ApiException.Unreachable("connection refused by 127.0.0.1:8080", null);
        }

        @Override
        public com.headlessanalytics.console.api.EventPage events(com.headlessanalytics.console.api.EventQuery q) {
            throw new ApiException.Unreachable("connection refused by 127.0.0.1:8080", null);
        }

        @Override
        public com.headlessanalytics.console.api.EventNames eventNames(String businessId) {
            throw new ApiException.Unreachable("connection refused by 127.0.0.1:8080", null);
        }

        @Override
        public com.headlessanalytics.console.api.RuntimeHealth health() {
            throw new ApiException.Unreachable("connection refused by 127.0.0.1:8080", null);
        }
    }
}
