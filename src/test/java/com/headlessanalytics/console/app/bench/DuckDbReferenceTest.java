package com.headlessanalytics.console.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.headlessanalytics.console.analytics.NaiveAnalytics;
import com.headlessanalytics.console.api.Attribution;
import com.headlessanalytics.console.api.BusinessHealth;
import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.api.Metrics;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.EventValidator;
import com.headlessanalytics.console.domain.demo.DemoGenerator;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DuckDB reference of {@code bench analytics} computes what docs/analytics.md says: funnels on
 * hand-made actors whose answers are worked out below, and every funnel, attribution and metrics
 * query of the benchmark against the naive implementation of the test sources on demo data.
 */
class DuckDbReferenceTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long WINDOW = 1000;

    @TempDir
    Path dir;

    private DuckDbReference db;

    @AfterEach
    void close() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    private static Map<String, Object> event(String name, String actor, long at) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event", name);
        if (actor != null) {
            e.put("actor", actor);
        }
        e.put("timestamp", T0 + at);
        return e;
    }

    private List<Event> load(List<Map<String, Object>> raws) throws Exception {
        List<Event> events = new ArrayList<>();
        Path csv = dir.resolve("rows.csv");
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            for (Map<String, Object> raw : raws) {
                EventValidator.Outcome v = EventValidator.validate(null, raw, 0, System.currentTimeMillis(), "default",
                        "evt-" + events.size());
                assertThat(v.errors()).isEmpty();
                ReferenceRow.of(events.size(), v.event()).writeCsv(w);
                events.add(v.event());
            }
        }
        db = DuckDbReference.open("default", 2);
        db.load(csv);
        assertThat(db.rows()).isEqualTo(events.size());
        return events;
    }

    /** A→B→C with a 1000 ms window, over actors built to tell the three modes apart. */
    private void loadFunnelActors() throws Exception {
        load(List.of(
                // u1: A, B, C in a row: level 3 everywhere
                event("step.a", "u1", 0), event("step.b", "u1", 10), event("step.c", "u1", 20),
                // u2: C before B: ordered 2, strict 1 (C is next after A), any order 3 (step 3 at B's time)
                event("step.a", "u2", 0), event("step.c", "u2", 5), event("step.b", "u2", 10),
                // u3: B too late for the first A; a second A reaches B 50 ms later: level 2 (strict too)
                event("step.a", "u3", 0), event("step.a", "u3", 2000), event("step.b", "u3", 2050),
                // u4: another event between A and B: ordered and any order 3, strict 1
                event("step.a", "u4", 0), event("other.thing", "u4", 5), event("step.b", "u4", 10),
                event("step.c", "u4", 20),
                // u5 never does A; events without an actor never count
                event("step.b", "u5", 0), event("step.c", "u5", 1),
                event("step.a", null, 0), event("step.b", null, 1)));
    }

    private static Funnels.Query funnel(String mode) {
        return new Funnels.Query(List.of(Funnels.Step.of("step.a"), Funnels.Step.of("step.b"), Funnels.Step.of("step.c")),
                null, null, WINDOW, mode, null, null);
    }

    @Test
    void orderedFunnelFollowsTheFirstLaterMatchWithinTheWindow() throws Exception {
        loadFunnelActors();
        assertThat(db.funnel(funnel("ordered"))).containsExactly(
                "step 1 step.a: count 4, from start 1.000000, from previous 1.000000, drop-off 0, median 0 ms",
                "step 2 step.b: count 4, from start 1.000000, from previous 1.000000, drop-off 0, median 10 ms",
                "step 3 step.c: count 2, from start 0.500000, from previous 0.500000, drop-off 2, median 20 ms");
    }

    @Test
    void strictFunnelEndsAnAttemptAtAnyOtherEvent() throws Exception {
        loadFunnelActors();
        assertThat(db.funnel(funnel("strict"))).containsExactly(
                "step 1 step.a: count 4, from start 1.000000, from previous 1.000000, drop-off 0, median 0 ms",
                "step 2 step.b: count 2, from start 0.500000, from previous 0.500000, drop-off 2, median 10 ms",
                "step 3 step.c: count 1, from start 0.250000, from previous 0.500000, drop-off 1, median 20 ms");
    }

    @Test
    void anyOrderFunnelTakesTheLatestOfTheStepsReached() throws Exception {
        loadFunnelActors();
        // step 2 times: u1 10, u2 10, u3 50, u4 10 -> lower median 10; step 3: u1 20, u2 10, u4 20 -> 20
        assertThat(db.funnel(funnel("any_order"))).containsExactly(
                "step 1 step.a: count 4, from start 1.000000, from previous 1.000000, drop-off 0, median 0 ms",
                "step 2 step.b: count 4, from start 1.000000, from previous 1.000000, drop-off 0, median 10 ms",
                "step 3 step.c: count 3, from start 0.750000, from previous 0.750000, drop-off 1, median 20 ms");
    }

    @Test
    void theFunnelPeriodLimitsOnlyStepOne() throws Exception {
        loadFunnelActors();
        Funnels.Query q = new Funnels.Query(funnel("ordered").steps(), T0 + 1000, T0 + 2000, WINDOW, "ordered", null,
                null);
        // only u3's second A is in the period; its B at 2050 is after `to` and still counts
        assertThat(db.funnel(q)).containsExactly(
                "step 1 step.a: count 1, from start 1.000000, from previous 1.000000, drop-off 0, median 0 ms",
                "step 2 step.b: count 1, from start 1.000000, from previous 1.000000, drop-off 0, median 50 ms",
                "step 3 step.c: count 0, from start 0.000000, from previous 0.000000, drop-off 1, median - ms");
    }

    @Test
    void eventsWithTheSameTimestampFollowTheirStorageOrder() throws Exception {
        load(List.of(event("step.a", "u6", 100), event("step.b", "u6", 100),
                event("step.b", "u7", 200), event("step.a", "u7", 200)));
        for (String mode : new String[] {"ordered", "strict", "any_order"}) {
            assertThat(db.funnel(new Funnels.Query(List.of(Funnels.Step.of("step.a"), Funnels.Step.of("step.b")), null,
                    null, WINDOW, mode, null, null))).as(mode).containsExactly(
                    "step 1 step.a: count 2, from start 1.000000, from previous 1.000000, drop-off 0, median 0 ms",
                    "step 2 step.b: count 1, from start 0.500000, from previous 0.500000, drop-off 1, median 0 ms");
        }
    }

    @Test
    void aOneStepFunnelCountsTheActorsWithTheEventInThePeriod() throws Exception {
        loadFunnelActors();
        for (String mode : new String[] {"ordered", "strict", "any_order"}) {
            assertThat(db.funnel(new Funnels.Query(List.of(Funnels.Step.of("step.b")), null, null, WINDOW, mode, null,
                    null))).as(mode).containsExactly(
                    "step 1 step.b: count 5, from start 1.000000, from previous 1.000000, drop-off 0, median 0 ms");
        }
    }

    @Test
    void refusesWhatItDoesNotImplement() throws Exception {
        loadFunnelActors();
        assertThatThrownBy(() -> db.funnel(new Funnels.Query(List.of(Funnels.Step.of("step.a"), Funnels.Step.of("step.a")),
                null, null, null, null, null, null))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("distinct step events");
    }

    @Test
    void creditFiguresMayDifferOnlyInTheLastRoundedPlace() {
        assertThat(AnalyticsAnswers.differences(List.of("credit a: 1.3333 conversions, 522.73 revenue"),
                List.of("credit a: 1.3334 conversions, 522.74 revenue"), 10)).isEmpty();
        assertThat(AnalyticsAnswers.differences(List.of("credit a: 1.3333 conversions, 522.73 revenue"),
                List.of("credit a: 1.3333 conversions, 522.75 revenue"), 10)).hasSize(1);
        assertThat(AnalyticsAnswers.differences(List.of("credit a: 1.3333 conversions, 522.73 revenue"),
                List.of("credit b: 1.3333 conversions, 522.73 revenue"), 10)).hasSize(1);
        assertThat(AnalyticsAnswers.differences(List.of("step 1 x: count 4"), List.of("step 1 x: count 5"), 10))
                .containsExactly("line 1: engine: step 1 x: count 4  |  DuckDB: step 1 x: count 5");
    }

    @Test
    void healthCountsTheClassesRevenueAndProofOfThePeriod() throws Exception {
        long day = 86_400_000L;
        List<Map<String, Object>> raws = new ArrayList<>();
        Map<String, Object> order = event("order.created", "c1", 8 * day);
        order.put("outcome", Map.of("revenue", "40.50"));
        raws.add(order);
        Map<String, Object> earlierOrder = event("order.created", "c1", 2 * day);
        earlierOrder.put("properties", Map.of("amount", 81));
        raws.add(earlierOrder);
        Map<String, Object> payment = event("payment.succeeded", "c1", 8 * day + 1);
        payment.put("properties", Map.of("amountMinor", 4050));
        raws.add(payment);
        raws.add(event("lead.created", "c2", 9 * day));
        Map<String, Object> scan = event("label.seen", "c3", 9 * day);
        scan.put("trackable", Map.of("code", "X1"));
        raws.add(scan);
        raws.add(event("qr.bottle_scanned", "c3", 9 * day + 5));
        Map<String, Object> decision = event("decision.proposed", "agent", 10 * day);
        decision.put("decisionId", "d1");
        raws.add(decision);
        Map<String, Object> proven = event("budget.changed", "agent", 10 * day + 1);
        proven.put("trustTier", "T4");
        proven.put("proofId", "p1");
        raws.add(proven);
        load(raws);
        // the period is days 7..14 (7 days); the previous one days 0..7 holds one order of 81
        DuckDbReference.HealthFacts f = db.healthFacts(db.business(null), T0 + 7 * day, T0 + 14 * day - 1);
        assertThat(f.total()).isEqualTo(7);
        assertThat(f.previousTotal()).isEqualTo(1);
        assertThat(f.orders()).isEqualTo(1);
        assertThat(f.leads()).isEqualTo(1);
        assertThat(f.scans()).isEqualTo(2);
        assertThat(f.revenue()).isEqualByComparingTo("40.50");
        assertThat(f.previousRevenue()).isEqualByComparingTo("81");
        assertThat(f.authorityBound()).isEqualTo(2);
        assertThat(f.authorityBoundWithProof()).isEqualTo(1);
        assertThat(f.lastEventAt()).isEqualTo(T0 + 10 * day + 1);
        List<String> lines = db.health("default", new BusinessHealth.Query(3, T0 + 7 * day, T0 + 14 * day - 1));
        assertThat(lines).contains("component revenue trend: 50", "component proof coverage: 50",
                "component activity trend: 100", "recent evt-7", "recent evt-6", "recent evt-5")
                .doesNotContain("recent evt-4");
    }

    /** Every funnel, attribution and metrics query of the benchmark, on demo data, against the naive implementation. */
    @Test
    void agreesWithTheNaiveImplementationOnDemoData() throws Exception {
        List<Map<String, Object>> raws = new ArrayList<>();
        DemoGenerator.builder(AnalyticsBenchmark.END).events(6000).seed(5).days(10).build().forEach(raws::add);
        List<Event> events = load(raws);
        NaiveAnalytics naive = new NaiveAnalytics(events, "default");
        for (List<String> steps : List.of(AnalyticsWorkload.THREE_STEPS, AnalyticsWorkload.FIVE_STEPS)) {
            for (Funnels.Mode mode : Funnels.Mode.values()) {
                Funnels.Query q = new Funnels.Query(steps.stream().map(Funnels.Step::of).toList(), null, null, null,
                        mode.name().toLowerCase(), null, null);
                List<String> expected = AnalyticsAnswers.funnel(naive.funnel(q));
                assertThat(db.funnel(q)).as(mode + " " + steps).isEqualTo(expected);
                assertThat(expected.get(1)).doesNotContain("count 0,");
            }
        }
        for (Attribution.Model model : Attribution.Model.values()) {
            for (Attribution.Field field : Attribution.Field.values()) {
                Attribution.Query q = new Attribution.Query(null, null, null, AnalyticsWorkload.CONVERSION,
                        model.name().toLowerCase(), field.name().toLowerCase(), null);
                List<String> expected = AnalyticsAnswers.attribution(naive.attribution(q));
                assertThat(AnalyticsAnswers.differences(expected, db.attribution(q), 10)).as(model + " by " + field)
                        .isEmpty();
            }
        }
        for (String groupBy : new String[] {null, "channel", "event", "source"}) {
            for (String interval : new String[] {"hour", "day", "week"}) {
                Metrics.Query q = new Metrics.Query(null, null, null, null, interval, groupBy, null, null);
                assertThat(db.metrics(q)).as(interval + " by " + groupBy)
                        .isEqualTo(AnalyticsAnswers.metrics(naive.metrics(q, List.of())));
            }
        }
        Metrics.Query orders = new Metrics.Query("order.created", AnalyticsBenchmark.END - 5 * 86_400_000L, null, null,
                "day", "campaign", null, null);
        assertThat(db.metrics(orders)).isEqualTo(AnalyticsAnswers.metrics(naive.metrics(orders, List.of())));
    }
}
