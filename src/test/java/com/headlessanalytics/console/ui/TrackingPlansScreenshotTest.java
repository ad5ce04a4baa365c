package com.headlessanalytics.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.domain.plan.EventSpec;
import com.headlessanalytics.console.domain.plan.PlanMode;
import com.headlessanalytics.console.domain.plan.PropertySpec;
import com.headlessanalytics.console.domain.plan.TrackingPlan;
import com.headlessanalytics.console.ui.plans.PlanFormView;
import com.headlessanalytics.console.ui.plans.PlanFormViewModel;
import com.headlessanalytics.console.ui.plans.TrackingPlansView;
import com.headlessanalytics.console.ui.plans.TrackingPlansViewModel;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Tracking plans screen over a real engine with a plan in warn mode and events that break it,
 * for a person to look at (target/screenshots/tracking-plans.png).
 */
class TrackingPlansScreenshotTest extends EngineScreenTest {

    @Test
    void rendersAPlanWithTheRecentEventsThatBreakIt() throws Exception {
        HeadlessApi api = engine.defaultWorkspace();
        Map<String, PropertySpec> props = new LinkedHashMap<>();
        props.put("sku", new PropertySpec("string", null));
        props.put("currency", new PropertySpec("string", List.of("EUR", "USD")));
        props.put("qty", new PropertySpec("integer", null));
        api.saveTrackingPlan(new TrackingPlan("checkout", "Checkout events", PlanMode.WARN,
                "^[a-z]+(\\.[a-z_]+)+$", false, List.of(
                new EventSpec("order.completed", null, List.of("sku", "currency"), props),
                new EventSpec("cart.viewed", null, List.of(), null)), null));
        api.saveTrackingPlan(new TrackingPlan("web.signup", "Sign-up funnel", PlanMode.BLOCK, null, true,
                List.of(new EventSpec("signup.completed", null, List.of("plan"), null)), null));
        List<Map<String, Object>> batch = new ArrayList<>();
        long t = 1_764_600_000_000L;
        batch.add(Map.of("event", "order.completed", "timestamp", t, "properties",
                Map.of("sku", "RIES-075", "currency", "EUR", "qty", 2)));
        batch.add(Map.of("event", "order.completed", "timestamp", t + 60_000, "properties",
                Map.of("currency", "GBP", "qty", 1.5)));
        batch.add(Map.of("event", "Cart Viewed", "timestamp", t + 120_000));
        batch.add(Map.of("event", "cart.viewed", "timestamp", t + 180_000));
        api.ingest(batch);

        TrackingPlansViewModel model = ScreenRobot.onFx(() -> new TrackingPlansViewModel(engine::defaultWorkspace,
                tasks, dialogs, ZoneOffset.UTC));
        try (ScreenRobot robot = ScreenRobot.show(() -> new TrackingPlansView(model), false)) {
            robot.read(() -> {
                model.activate();
                return null;
            });
            robot.waitUntil(() -> model.rows().size() == 2 && model.breaches().size() == 5,
                    () -> "rows " + model.rows() + " breaches " + model.breaches());
            assertThat(robot.read(() -> model.selectedProperty().get().id())).isEqualTo("checkout");
            robot.screenshot("tracking-plans");

            PlanFormViewModel form = robot.read(() -> new PlanFormViewModel(engine::defaultWorkspace, tasks,
                    model.selectedProperty().get().plan(), saved -> { }));
            PlanFormView dialog = robot.read(() -> {
                PlanFormView d = new PlanFormView(form, robot.stage());
                d.show();
                form.namingRuleProperty().set("^[a-z]+(\\.[a-z_]+$");
                return d;
            });
            robot.waitUntil(() -> !form.namingRuleErrorProperty().get().isEmpty(), () -> "no rule error");
            assertThat(robot.read(form.canSaveProperty()::get)).isFalse();
            robot.screenshot("tracking-plans-form", dialog.getDialogPane().getScene());
            robot.read(() -> {
                dialog.close();
                return null;
            });
        }
    }
}
