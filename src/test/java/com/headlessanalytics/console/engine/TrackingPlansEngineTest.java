package com.headlessanalytics.console.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.IngestResult;
import com.headlessanalytics.console.api.TrackingPlans;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.domain.plan.EventSpec;
import com.headlessanalytics.console.domain.plan.PlanMode;
import com.headlessanalytics.console.domain.plan.PlanViolation;
import com.headlessanalytics.console.domain.plan.PropertySpec;
import com.headlessanalytics.console.domain.plan.TrackingPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tracking plans on a real H2 file: storage, the ingest hook in warn and block mode, the cache, reopen. */
class TrackingPlansEngineTest {
    @TempDir
    Path dir;
    Engine engine;
    HeadlessApi api;

    @BeforeEach
    void open() {
        engine = Engine.open(dir);
        api = engine.defaultWorkspace();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    static TrackingPlan plan(PlanMode mode) {
        return new TrackingPlan("checkout", "Checkout", mode, "^[a-z]+\\.[a-z_]+$", true,
                List.of(new EventSpec("order.completed", null, List.of("sku"),
                        Map.of("currency", new PropertySpec("string", List.of("EUR", "USD"))))), null);
    }

    static Map<String, Object> order(String id, Map<String, Object> properties) {
        Map<String, Object> m = new HashMap<>();
        m.put("event", "order.completed");
        m.put("id", id);
        m.put("timestamp", 1_000L);
        if (properties != null) {
            m.put("properties", properties);
        }
        return m;
    }

    @Test
    void warnStoresTheEventWithItsWarningsAndDuplicatesReportNone() {
        api.saveTrackingPlan(plan(PlanMode.WARN));
        IngestResult r = api.ingest(List.of(order("o-1", Map.of("sku", "A")), order("o-2", Map.of("currency", "GBP")),
                order("o-2", null)));
        assertThat(r.accepted()).isEqualTo(2);
        assertThat(r.warnings()).extracting(IngestResult.Warning::index, IngestResult.Warning::field,
                IngestResult.Warning::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "properties.sku", "missing_property"),
                org.assertj.core.groups.Tuple.tuple(1, "properties.currency", "not_allowed"));
        Map<String, Event> stored = new HashMap<>();
        api.events(EventQuery.all()).events().forEach(e -> stored.put(e.id(), e));
        assertThat(stored.get("o-1").warnings()).isNull();
        assertThat(stored.get("o-2").warnings()).extracting(PlanViolation::code)
                .containsExactly("missing_property", "not_allowed");

        IngestResult again = api.ingest(List.of(order("o-2", Map.of("currency", "GBP"))));
        assertThat(again.duplicates()).isEqualTo(1);
        assertThat(again.warnings()).isNull();
    }

    @Test
    void blockRefusesTheWholeBatchNamingEachViolation() {
        api.saveTrackingPlan(plan(PlanMode.BLOCK));
        assertThatThrownBy(() -> api.ingest(List.of(order("ok", Map.of("sku", "A")), order("bad", null),
                Map.of("event", "Bad Name"))))
                .isInstanceOfSatisfying(ApiException.Client.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("invalid_input");
                    assertThat(e.getMessage()).isEqualTo("2 of 3 events break a tracking plan in block mode;"
                            + " nothing was stored");
                    assertThat(e.details()).extracting(FieldError::index, FieldError::field, FieldError::code)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "properties.sku",
                                            "missing_property"),
                                    org.assertj.core.groups.Tuple.tuple(2, "event", "naming_rule"));
                });
        assertThat(api.events(EventQuery.all()).events()).isEmpty();
    }

    @Test
    void savingAnotherModeTakesEffectOnTheNextIngest() {
        api.saveTrackingPlan(plan(PlanMode.WARN));
        assertThat(api.ingest(List.of(order("a", null))).warnings()).hasSize(1);
        api.saveTrackingPlan(plan(PlanMode.OFF));
        assertThat(api.ingest(List.of(order("b", null))).warnings()).isNull();
        api.saveTrackingPlan(plan(PlanMode.BLOCK));
        assertThatThrownBy(() -> api.ingest(List.of(order("c", null)))).isInstanceOf(ApiException.Client.class);
        api.deleteTrackingPlan("checkout");
        assertThat(api.ingest(List.of(order("d", null))).accepted()).isEqualTo(1);
    }

    @Test
    void listReplaceDeleteAndErrors() {
        TrackingPlan saved = api.saveTrackingPlan(plan(PlanMode.WARN));
        assertThat(saved.updatedAt()).isPositive();
        api.saveTrackingPlan(new TrackingPlan("a.first", null, PlanMode.OFF, null, null, null, null));
        api.saveTrackingPlan(new TrackingPlan("checkout", "Renamed", PlanMode.OFF, null, null, null, null));
        assertThat(api.trackingPlans().plans()).extracting(TrackingPlan::id, TrackingPlan::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a.first", null),
                        org.assertj.core.groups.Tuple.tuple("checkout", "Renamed"));
        api.deleteTrackingPlan("a.first");
        assertThatThrownBy(() -> api.deleteTrackingPlan("a.first")).isInstanceOfSatisfying(ApiException.Client.class,
                e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> api.trackingPlanViolations("nope", null))
                .isInstanceOfSatisfying(ApiException.Client.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> api.trackingPlanViolations("checkout", 10_001))
                .isInstanceOfSatisfying(ApiException.Client.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> api.saveTrackingPlan(new TrackingPlan("bad id", null, null, "(", null, null, null)))
                .isInstanceOfSatisfying(ApiException.Client.class, e -> assertThat(e.details())
                        .extracting(FieldError::field).containsExactly("id", "mode", "namingRule"));
    }

    @Test
    void atMostFiftyPlans() {
        for (int i = 0; i < EnginePlans.MAX_PLANS; i++) {
            api.saveTrackingPlan(new TrackingPlan("p" + i, null, PlanMode.OFF, null, null, null, null));
        }
        assertThatThrownBy(() -> api.saveTrackingPlan(new TrackingPlan("one-more", null, PlanMode.OFF, null, null,
                null, null))).isInstanceOfSatisfying(ApiException.Client.class, e -> assertThat(e.status())
                .isEqualTo(422));
        api.saveTrackingPlan(new TrackingPlan("p0", "replacing is fine", PlanMode.OFF, null, null, null, null));
    }

    @Test
    void violationsCheckRecentEventsNewestFirstWhateverTheMode() {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            Map<String, Object> e = order("o-" + i, i % 2 == 0 ? Map.of("sku", "A") : null);
            e.put("timestamp", 1_000L + i);
            batch.add(e);
            if (batch.size() == 1000) {
                api.ingest(batch);
                batch = new ArrayList<>();
            }
        }
        api.ingest(batch);
        api.saveTrackingPlan(plan(PlanMode.OFF));
        TrackingPlans.Report report = api.trackingPlanViolations("checkout", 1_200);
        assertThat(report.checked()).isEqualTo(1_200);
        assertThat(report.breaches()).hasSize(600);
        assertThat(report.breaches().get(0).event().id()).isEqualTo("o-1499");
        assertThat(report.breaches().get(0).violations()).extracting(PlanViolation::field)
                .containsExactly("properties.sku");
        assertThat(api.trackingPlanViolations("checkout", null).checked()).isEqualTo(500);
    }

    @Test
    void plansAndWarningsSurviveReopening() {
        api.saveTrackingPlan(plan(PlanMode.WARN));
        api.ingest(List.of(order("w", null)));
        engine.close();
        engine = Engine.open(dir);
        api = engine.defaultWorkspace();
        assertThat(api.trackingPlans().plans()).extracting(TrackingPlan::id).containsExactly("checkout");
        assertThat(api.trackingPlans().plans().get(0).events().get(0).properties().get("currency").allowed())
                .containsExactly("EUR", "USD");
        assertThat(api.events(EventQuery.all()).events().get(0).warnings()).hasSize(1);
        assertThat(api.ingest(List.of(order("x", null))).warnings()).hasSize(1);
    }
}
