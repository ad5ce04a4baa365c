package com.headlessanalytics.console.ui.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.Metrics;
import com.headlessanalytics.console.ui.common.EventNameSuggestions;
import com.headlessanalytics.console.ui.common.TestDialogs;
import com.headlessanalytics.console.ui.common.TestTasks;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricDefinitionViewModelTest {
    final FakeAnalyticsApi api = new FakeAnalyticsApi();
    final TestDialogs dialogs = new TestDialogs();
    final List<Metrics.Definition> saved = new ArrayList<>();

    MetricDefinitionViewModel form(Metrics.Definition existing) {
        return new MetricDefinitionViewModel(() -> api, TestTasks.direct(), dialogs, new EventNameSuggestions(),
                existing, saved::add);
    }

    @Test
    void eachProblemIsShownUnderItsFieldAsTheUserTypes() {
        MetricDefinitionViewModel form = form(null);
        assertThat(form.validProperty().get()).isFalse();
        assertThat(form.nameErrorProperty().get()).startsWith("Must be 1-128 letters");
        assertThat(form.eventErrorProperty().get()).isEqualTo("Is required");

        form.nameProperty().set("orders revenue");
        assertThat(form.nameErrorProperty().get()).startsWith("Must be 1-128");
        form.nameProperty().set("orders.revenue");
        form.eventProperty().set("order.created");
        assertThat(form.nameErrorProperty().get()).isEmpty();
        assertThat(form.eventErrorProperty().get()).isEmpty();
        assertThat(form.validProperty().get()).isTrue();

        form.aggregationProperty().set(Metrics.Aggregation.SUM);
        assertThat(form.propertyErrorProperty().get()).startsWith("Is required to sum");
        assertThat(form.canSaveProperty().get()).isFalse();
        form.propertyProperty().set("properties.amount!");
        assertThat(form.propertyErrorProperty().get()).contains("dotted path");
        form.propertyProperty().set("properties.amount");
        assertThat(form.canSaveProperty().get()).isTrue();
        form.descriptionProperty().set("d".repeat(1001));
        assertThat(form.descriptionErrorProperty().get()).isEqualTo("At most 1000 characters");
    }

    @Test
    void savingStoresTheDefinitionAndEndsTheForm() {
        MetricDefinitionViewModel form = form(null);
        form.nameProperty().set("orders.revenue");
        form.eventProperty().set(" order.created ");
        form.aggregationProperty().set(Metrics.Aggregation.SUM);
        form.propertyProperty().set("revenue");
        form.descriptionProperty().set("  ");
        form.save();
        assertThat(api.definitions.get("orders.revenue")).isEqualTo(new Metrics.Definition("orders.revenue",
                "order.created", "sum", "revenue", null, 1L));
        assertThat(saved).hasSize(1);
        assertThat(form.savedProperty().get()).isTrue();
        assertThat(form.canSaveProperty().get()).isFalse();
        assertThat(dialogs.notices).containsExactly("Saved metric orders.revenue");
    }

    @Test
    void aRefusedSaveKeepsTheFormOpenWithTheAnswer() {
        api.saveFailure = ApiException.invalid("At most 200 metric definitions", List.of());
        MetricDefinitionViewModel form = form(null);
        form.nameProperty().set("m");
        form.eventProperty().set("e");
        form.save();
        assertThat(form.saveErrorProperty().get()).isEqualTo("At most 200 metric definitions");
        assertThat(form.savedProperty().get()).isFalse();
        assertThat(saved).isEmpty();
        form.descriptionProperty().set("changed");
        assertThat(form.saveErrorProperty().get()).isEmpty();
    }

    @Test
    void editingStartsFromTheDefinitionAndKeepsItsName() {
        MetricDefinitionViewModel form = form(new Metrics.Definition("buyers", "order.created", "unique_actors", null,
                "People who ordered", 5L));
        assertThat(form.editing()).isTrue();
        assertThat(form.nameProperty().get()).isEqualTo("buyers");
        assertThat(form.aggregationProperty().get()).isEqualTo(Metrics.Aggregation.UNIQUE_ACTORS);
        assertThat(form.descriptionProperty().get()).isEqualTo("People who ordered");
        assertThat(form.validProperty().get()).isTrue();
        assertThat(form.nameEditable()).isFalse();
        assertThat(form.title()).isEqualTo("Edit metric");
        assertThat(form.headerText()).isEqualTo("Edit the metric buyers");
    }

    @Test
    void aNewMetricHasAnEditableNameAndSaysWhatItIs() {
        MetricDefinitionViewModel form = form(null);
        assertThat(form.nameEditable()).isTrue();
        assertThat(form.title()).isEqualTo("New metric");
        assertThat(form.headerText()).isEqualTo("Define a metric computed over one event");
        assertThat(form.aggregations()).containsExactly(Metrics.Aggregation.values());
        assertThat(form.aggregations()).extracting(MetricDefinitionViewModel::aggregationLabel)
                .containsExactly("Count of events", "Sum of a property", "Unique actors");
    }

    @Test
    void thePropertyCanBeTypedForASumOrWhileItHoldsTextToClear() {
        MetricDefinitionViewModel form = form(null);
        assertThat(form.aggregationProperty().get()).isNotEqualTo(Metrics.Aggregation.SUM);
        assertThat(form.propertyEditableProperty().get()).as("a count has no property").isFalse();
        form.aggregationProperty().set(Metrics.Aggregation.SUM);
        assertThat(form.propertyEditableProperty().get()).isTrue();
        form.propertyProperty().set("revenue");
        form.aggregationProperty().set(Metrics.Aggregation.COUNT);
        assertThat(form.propertyEditableProperty().get()).as("left over from the sum: can be cleared").isTrue();
        form.propertyProperty().set("");
        assertThat(form.propertyEditableProperty().get()).isFalse();
        form.aggregationProperty().set(Metrics.Aggregation.UNIQUE_ACTORS);
        assertThat(form.propertyEditableProperty().get()).isFalse();
    }
}
