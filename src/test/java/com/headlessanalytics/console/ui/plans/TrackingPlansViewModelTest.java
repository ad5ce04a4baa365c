package com.headlessanalytics.console.ui.plans;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.Capabilities;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.domain.plan.EventSpec;
import com.headlessanalytics.console.domain.plan.PlanMode;
import com.headlessanalytics.console.domain.plan.PropertySpec;
import com.headlessanalytics.console.domain.plan.TrackingPlan;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.ui.common.DetailField;
import com.headlessanalytics.console.ui.common.TestDialogs;
import com.headlessanalytics.console.ui.common.TestTasks;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Tracking plans screen and its form over a real engine, without a toolkit. */
class TrackingPlansViewModelTest {
    @TempDir
    Path dir;
    Engine engine;
    HeadlessApi api;
    final TestTasks tasks = TestTasks.direct();
    final TestDialogs dialogs = new TestDialogs();
    TrackingPlansViewModel model;

    @BeforeEach
    void open() {
        engine = Engine.open(dir);
        api = engine.defaultWorkspace();
        model = new TrackingPlansViewModel(() -> api, tasks, dialogs, ZoneOffset.UTC);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    static TrackingPlan checkout(PlanMode mode) {
        return new TrackingPlan("checkout", "Checkout", mode, "^[a-z]+\\.[a-z_]+$", true,
                List.of(new EventSpec("order.completed", null, List.of("sku"),
                        Map.of("currency", new PropertySpec("string", List.of("EUR", "USD"))))), null);
    }

    static Map<String, Object> order(String id, Map<String, Object> properties, long ts) {
        Map<String, Object> m = new HashMap<>();
        m.put("event", "order.completed");
        m.put("id", id);
        m.put("timestamp", ts);
        m.put("properties", properties);
        return m;
    }

    @Test
    void listsThePlansAndShowsTheRecentEventsThatBreakTheSelectedOne() {
        api.ingest(List.of(order("ok", Map.of("sku", "A"), 1_000), order("bad", Map.of("currency", "GBP"), 2_000)));
        api.saveTrackingPlan(checkout(PlanMode.OFF));
        model.activate();
        assertThat(model.rows()).extracting(TrackingPlansViewModel.Row::id, TrackingPlansViewModel.Row::mode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("checkout", "off"));
        assertThat(model.selectedProperty().get().id()).isEqualTo("checkout");
        assertThat(model.detailTitleProperty().get()).isEqualTo("Checkout (checkout)");
        assertThat(model.detail()).extracting(DetailField::value).contains("^[a-z]+\\.[a-z_]+$");
        assertThat(model.planned()).extracting(TrackingPlansViewModel.PlannedRow::event,
                TrackingPlansViewModel.PlannedRow::required, TrackingPlansViewModel.PlannedRow::properties)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("order.completed", "sku",
                        "currency: string = EUR | USD"));
        assertThat(model.breaches()).extracting(TrackingPlansViewModel.BreachRow::eventId,
                TrackingPlansViewModel.BreachRow::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple("bad", "properties.sku"),
                org.assertj.core.groups.Tuple.tuple("bad", "properties.currency"));
        assertThat(model.breaches().get(0).time()).isEqualTo(
                com.headlessanalytics.console.ui.common.Formats.time(2_000, ZoneOffset.UTC));
        assertThat(model.breachesSummaryProperty().get()).isEqualTo("1 of the 2 most recent events break it");
        assertThat(model.noticeProperty().get()).isEmpty();
        assertThat(model.newCommand().isExecutable()).isTrue();
    }

    @Test
    void aNewPlanIsSavedThroughTheFormAndItsBreachesAreReadAfterTheSave() {
        api.ingest(List.of(order("no-sku", Map.of(), 1_000)));
        model.activate();
        assertThat(model.rows()).isEmpty();
        PlanFormViewModel form = model.newPlan();
        assertThat(dialogs.forms).containsExactly(form);
        assertThat(form.canSaveProperty().get()).isFalse();
        form.idProperty().set("checkout");
        form.modeProperty().set(PlanMode.WARN);
        form.addEvent();
        form.edit(0, PlanFormViewModel.Column.NAME, "order.completed");
        form.edit(0, PlanFormViewModel.Column.REQUIRED, "sku, qty");
        form.edit(0, PlanFormViewModel.Column.PROPERTIES, "qty: integer; currency: string = EUR | USD");
        assertThat(form.canSaveProperty().get()).isTrue();
        form.save();
        assertThat(form.savedProperty().get()).isTrue();
        TrackingPlan stored = api.trackingPlans().plans().get(0);
        assertThat(stored.events().get(0).required()).containsExactly("sku", "qty");
        assertThat(stored.events().get(0).properties().get("currency").allowed()).containsExactly("EUR", "USD");
        assertThat(model.selectedProperty().get().id()).isEqualTo("checkout");
        assertThat(model.breaches()).extracting(TrackingPlansViewModel.BreachRow::field)
                .containsExactly("properties.sku", "properties.qty");
        assertThat(dialogs.notices).contains("Saved tracking plan checkout");
    }

    @Test
    void theNamingRuleIsCheckedAsItIsTypedAndAgainstThePlannedNames() {
        model.activate();
        PlanFormViewModel form = model.newPlan();
        form.idProperty().set("p");
        form.addEvent();
        form.edit(0, PlanFormViewModel.Column.NAME, "Order Done");
        form.namingRuleProperty().set("([a-z");
        assertThat(form.namingRuleErrorProperty().get()).startsWith("The rule is not a valid regular expression");
        assertThat(form.canSaveProperty().get()).isFalse();
        form.namingRuleProperty().set("^[a-z]+\\.[a-z_]+$");
        assertThat(form.namingRuleErrorProperty().get()).isEmpty();
        assertThat(form.namingRuleCheckProperty().get()).isEqualTo("Valid rule, but it refuses planned event"
                + " 'Order Done'");
        form.edit(0, PlanFormViewModel.Column.NAME, "order.done");
        assertThat(form.namingRuleCheckProperty().get()).isEqualTo("Valid rule: every planned event name matches it.");
        form.edit(0, PlanFormViewModel.Column.PROPERTIES, "qty: decimal");
        assertThat(form.eventsErrorProperty().get()).isEqualTo("Event 1 (order.done): properties.qty.type must be"
                + " one of string, number, integer, boolean, object, array");
        assertThat(form.canSaveProperty().get()).isFalse();
    }

    @Test
    void theServersFieldErrorsShowAtTheirFields() {
        HeadlessApi refusing = proxy(api, (method, args) -> {
            if (method.equals("saveTrackingPlan")) {
                throw com.headlessanalytics.console.api.ApiException.invalid("Invalid tracking plan", List.of(
                        new com.headlessanalytics.console.domain.FieldError(null, "namingRule", "invalid_value",
                                "is too slow"),
                        new com.headlessanalytics.console.domain.FieldError(null, "events[0].name", "invalid_value",
                                "'a.b' is planned twice"),
                        new com.headlessanalytics.console.domain.FieldError(null, "owner", "unknown_field",
                                "is not a field")));
            }
            return null;
        });
        PlanFormViewModel form = new PlanFormViewModel(() -> refusing, tasks, checkout(PlanMode.WARN), p -> { });
        form.save();
        assertThat(form.savedProperty().get()).isFalse();
        assertThat(form.namingRuleErrorProperty().get()).isEqualTo("Is too slow");
        assertThat(form.eventsErrorProperty().get()).isEqualTo("Event 1 (order.completed): name 'a.b' is planned twice");
        assertThat(form.saveErrorProperty().get()).isEqualTo("Invalid tracking plan\nowner: is not a field");
        form.nameProperty().set("Checkout 2");
        assertThat(form.saveErrorProperty().get()).isEmpty();
    }

    @Test
    void deleteAsksFirstAndRefusedKeepsThePlan() {
        api.saveTrackingPlan(checkout(PlanMode.WARN));
        model.activate();
        dialogs.confirmAnswer = false;
        model.deleteCommand().execute();
        assertThat(api.trackingPlans().plans()).hasSize(1);
        dialogs.confirmAnswer = true;
        model.deleteCommand().execute();
        assertThat(dialogs.confirmations).hasSize(2);
        assertThat(api.trackingPlans().plans()).isEmpty();
        assertThat(model.rows()).isEmpty();
        assertThat(model.selectedProperty().get()).isNull();
    }

    @Test
    void editingIsOffWithTheFeaturesSentenceWhenTheServerOffersNoChanges() {
        api.saveTrackingPlan(checkout(PlanMode.WARN));
        HeadlessApi readOnly = proxy(api, (method, args) -> method.equals("capabilities")
                ? new Capabilities(EnumSet.noneOf(Capabilities.Feature.class)) : null);
        model = new TrackingPlansViewModel(() -> readOnly, tasks, dialogs, ZoneOffset.UTC);
        model.activate();
        assertThat(model.rows()).hasSize(1);
        assertThat(model.noticeProperty().get()).isEqualTo(Capabilities.Feature.TRACKING_PLAN_CHANGES.unavailable());
        assertThat(model.newCommand().isExecutable()).isFalse();
        assertThat(model.editCommand().isExecutable()).isFalse();
        assertThat(model.deleteCommand().isExecutable()).isFalse();
    }

    interface Answer {
        Object answer(String method, Object[] args) throws Throwable;
    }

    /** {@code port} with the methods {@code override} answers (non-null) replaced. */
    static HeadlessApi proxy(HeadlessApi port, Answer override) {
        return (HeadlessApi) Proxy.newProxyInstance(HeadlessApi.class.getClassLoader(),
                new Class<?>[] {HeadlessApi.class}, (p, method, args) -> {
                    Object answer = override.answer(method.getName(), args);
                    if (answer != null) {
                        return answer;
                    }
                    try {
                        return method.invoke(port, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
