package com.headlessanalytics.console.ui.entities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.Capabilities;
import com.headlessanalytics.console.api.Entities;
import com.headlessanalytics.console.ui.common.DetailField;
import com.headlessanalytics.console.ui.common.TestTasks;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Entities screen's logic against a small graph, without a toolkit. */
class EntitiesViewModelTest {
    final FakeEntitiesApi api = FakeEntitiesApi.shop(25);
    final TestTasks tasks = TestTasks.direct();
    EntitiesViewModel model;

    @BeforeEach
    void create() {
        model = new EntitiesViewModel(() -> api, tasks, ZoneOffset.UTC);
    }

    @Test
    void listsEntitiesByTypeThenIdAndLearnsTheirTypes() {
        model.activate();
        assertThat(model.rows()).extracting(EntitiesViewModel.Row::id)
                .containsExactly("cust_ada", "loc_porto", "gift-box", "olive-oil-500ml");
        EntitiesViewModel.Row oil = model.rows().get(3);
        assertThat(oil.name()).isEqualTo("Olive oil 500 ml");
        assertThat(oil.events()).isEqualTo("25");
        assertThat(model.types()).containsExactly(null, "customer", "location", "product");
        assertThat(model.query().statusProperty().get()).isEqualTo("4 entities");
        assertThat(model.loadMoreCommand().isExecutable()).isFalse();
    }

    @Test
    void searchesByTypeAndByTextOverNameOrId() {
        model.activate();
        model.typeProperty().set("product");
        assertThat(model.rows()).extracting(EntitiesViewModel.Row::id).containsExactly("gift-box", "olive-oil-500ml");
        assertThat(api.queries.get(api.queries.size() - 1).type()).isEqualTo("product");
        model.searchProperty().set("  GIFT ");
        model.searchCommand().execute();
        assertThat(model.rows()).extracting(EntitiesViewModel.Row::id).containsExactly("gift-box");
        assertThat(api.queries.get(api.queries.size() - 1).q()).isEqualTo("GIFT");
        model.searchProperty().set("nothing like it");
        model.searchCommand().execute();
        assertThat(model.rows()).isEmpty();
        assertThat(model.placeholderProperty().get()).isEqualTo(EntitiesViewModel.NO_MATCH);
    }

    @Test
    void anEmptyGraphSaysWhatCreatesEntities() {
        api.entities.clear();
        model.activate();
        assertThat(model.rows()).isEmpty();
        assertThat(model.placeholderProperty().get()).startsWith("No entities yet: events with an entity, or with an"
                + " actor or object that has a type and an id, create them");
    }

    @Test
    void loadMoreReadsTheNextPageWithTheCursor() {
        for (int i = 0; i < 60; i++) {
            api.add("sensor", String.format("s%03d", i), null, null, 1);
        }
        model.activate();
        model.typeProperty().set("sensor");
        assertThat(model.rows()).hasSize(EntitiesViewModel.PAGE);
        assertThat(model.query().statusProperty().get()).isEqualTo("50 entities shown · more to load");
        assertThat(model.loadMoreCommand().isExecutable()).isTrue();
        model.loadMoreCommand().execute();
        assertThat(api.queries.get(api.queries.size() - 1).cursor()).isEqualTo("50");
        assertThat(model.rows()).hasSize(60);
        assertThat(model.rows().get(59).id()).isEqualTo("s059");
        assertThat(model.loadMoreCommand().isExecutable()).isFalse();
        assertThat(model.query().statusProperty().get()).isEqualTo("60 entities");
    }

    @Test
    void selectingARowReadsItsDetailPropertiesLinksAndTimeline() {
        model.activate();
        model.selectedProperty().set(model.rows().get(3));
        assertThat(model.detailTitleProperty().get()).isEqualTo("Olive oil 500 ml");
        assertThat(model.detailStatusProperty().get()).isEmpty();
        assertThat(model.detail()).extracting(DetailField::name)
                .containsExactly("Type", "Id", "First seen", "Last seen", "Events", "Relationships");
        assertThat(model.detail()).contains(new DetailField("Events", "25"), new DetailField("Relationships", "2"));
        assertThat(model.properties()).containsExactly(new EntitiesViewModel.PropertyRow("price", "\"18.50\""),
                new EntitiesViewModel.PropertyRow("tags", "[\"oil\",\"500ml\"]"));
        assertThat(model.links()).extracting(EntitiesViewModel.LinkRow::relation, EntitiesViewModel.LinkRow::type,
                EntitiesViewModel.LinkRow::id).containsExactly(
                tuple("← page.product_viewed", "customer", "cust_ada"), tuple("← stocks", "location", "loc_porto"));
        assertThat(model.events()).hasSize(EntitiesViewModel.EVENTS_PAGE);
        EntitiesViewModel.EventRow newest = model.events().get(0);
        assertThat(newest.source().id()).isEqualTo("e24");
        assertThat(newest.role()).isEqualTo("object");
        assertThat(newest.with()).isEqualTo("Ada Silva");
        assertThat(model.backCommand().isExecutable()).isFalse();
    }

    @Test
    void theTimelinePagesWithLoadMore() {
        model.activate();
        model.selectedProperty().set(model.rows().get(3));
        assertThat(model.loadMoreEventsCommand().isExecutable()).isTrue();
        model.loadMoreEventsCommand().execute();
        assertThat(api.eventQueries.get(api.eventQueries.size() - 1))
                .isEqualTo(new Entities.EventsQuery("product", "olive-oil-500ml", EntitiesViewModel.EVENTS_PAGE, "20"));
        assertThat(model.events()).hasSize(25);
        assertThat(model.events().get(24).source().id()).isEqualTo("e0");
        assertThat(model.loadMoreEventsCommand().isExecutable()).isFalse();
    }

    @Test
    void aLinkOpensTheOtherEntityAndBackReturns() {
        model.activate();
        model.selectedProperty().set(model.rows().get(3));
        model.openLink(model.links().get(1));
        assertThat(model.detailTitleProperty().get()).isEqualTo("Porto market stall");
        assertThat(model.selectedProperty().get().id()).as("the listed row follows").isEqualTo("loc_porto");
        assertThat(model.links()).extracting(EntitiesViewModel.LinkRow::relation).containsExactly("→ stocks");
        assertThat(model.backCommand().isExecutable()).isTrue();
        assertThat(model.backTextProperty().get()).isEqualTo("Back to product olive-oil-500ml");
        model.openLink(model.links().get(0));
        assertThat(model.detailTitleProperty().get()).isEqualTo("Olive oil 500 ml");
        model.backCommand().execute();
        assertThat(model.detailTitleProperty().get()).isEqualTo("Porto market stall");
        model.backCommand().execute();
        assertThat(model.detailTitleProperty().get()).isEqualTo("Olive oil 500 ml");
        assertThat(model.backCommand().isExecutable()).isFalse();
        model.selectedProperty().set(model.rows().get(0));
        assertThat(model.detailTitleProperty().get()).isEqualTo("Ada Silva");
        assertThat(model.events()).extracting(EntitiesViewModel.EventRow::role).containsExactly("actor");
    }

    @Test
    void anEntityThatCannotBeReadSaysWhy() {
        model.activate();
        model.selectedProperty().set(model.rows().get(0));
        api.failure = new ApiException.Unreachable("connection refused", null);
        model.openLink(model.links().get(0));
        assertThat(model.detailStatusProperty().get()).isEqualTo("The API could not be reached: connection refused");
        assertThat(model.events()).isEmpty();
        assertThat(model.backCommand().isExecutable()).isTrue();
    }

    @Test
    void aServerWithoutTheGraphSaysSoPlainly() {
        api.failure = ApiException.notOffered(Capabilities.Feature.ENTITIES);
        model.activate();
        assertThat(model.query().noticeProperty().get()).isEqualTo(Capabilities.Feature.ENTITIES.unavailable());
        assertThat(model.query().errorProperty().get()).isEmpty();
        assertThat(model.placeholderProperty().get()).isEqualTo(Capabilities.Feature.ENTITIES.unavailable());
    }

    @Test
    void anotherScreenOpensOneEntityBeforeTheScreenIsShown() {
        model.showEntity("location", "loc_porto");
        assertThat(model.detailTitleProperty().get()).isEqualTo("Porto market stall");
        assertThat(api.queries).as("the list waits until the screen is shown").isEmpty();
        model.activate();
        assertThat(api.queries.get(0)).isEqualTo(new Entities.Query("location", "loc_porto", EntitiesViewModel.PAGE,
                null));
        assertThat(model.selectedProperty().get().id()).isEqualTo("loc_porto");
        assertThat(model.typeProperty().get()).isEqualTo("location");
        assertThat(api.queries).hasSize(1);
    }

    @Test
    void findingAnActorIdSelectsTheOneMatchAndOnlyThen() {
        model.activate();
        model.findEntity("cust_ada");
        assertThat(model.typeProperty().get()).isNull();
        assertThat(model.searchProperty().get()).isEqualTo("cust_ada");
        assertThat(model.selectedProperty().get().id()).isEqualTo("cust_ada");
        assertThat(model.detailTitleProperty().get()).isEqualTo("Ada Silva");

        model.findEntity("-");
        assertThat(model.rows()).extracting(EntitiesViewModel.Row::id).containsExactly("gift-box", "olive-oil-500ml");
        assertThat(model.selectedProperty().get()).as("several matches: the user picks").isNull();
    }
}
