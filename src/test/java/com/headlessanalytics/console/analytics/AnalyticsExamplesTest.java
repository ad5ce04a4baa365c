package com.headlessanalytics.console.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.headlessanalytics.console.api.AgentContext;
import com.headlessanalytics.console.api.Attribution;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Metrics;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.engine.Engine;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked examples of docs/analytics.md, event for event: the engine must give exactly the
 * numbers written there, and so must {@link NaiveAnalytics}. Each example has a business of its
 * own; events are ingested in the order the doc lists them, which is their storage order.
 */
class AnalyticsExamplesTest {
    @TempDir
    static Path dir;
    static Engine engine;
    static HeadlessApi api;

    @BeforeAll
    static void open() {
        engine = Engine.open(dir);
        api = engine.defaultWorkspace();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    static final long MIN = 60_000L;

    /** A time on Monday 2 March 2026 UTC ("09:00"), or a full date-time ("2026-03-16T10:00"). */
    static long t(String time) {
        String iso = time.contains("T") ? time : "2026-03-02T" + time;
        return Instant.parse(iso + (iso.length() == 16 ? ":00Z" : "Z")).toEpochMilli();
    }

    /**
     * An event of the table: {@code actor} "ann" is a string actor, "trace:bob" a traceId-only
     * actor, null none; then dotted path / value pairs.
     */
    static Map<String, Object> ev(String time, String actor, String event, Object... fields) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", event);
        m.put("timestamp", t(time));
        if (actor != null && actor.startsWith("trace:")) {
            m.put("traceId", actor.substring("trace:".length()));
        } else if (actor != null) {
            m.put("actor", actor);
        }
        for (int i = 0; i < fields.length; i += 2) {
            String[] path = ((String) fields[i]).split("\\.");
            @SuppressWarnings("unchecked")
            Map<String, Object> inner = (Map<String, Object>) m.computeIfAbsent(path[0], k -> new LinkedHashMap<>());
            inner.put(path[1], fields[i + 1]);
        }
        return m;
    }

    /** Stores the events in one business, in the given order, and returns the naive implementation over them. */
    static NaiveAnalytics store(String business, List<Map<String, Object>> events) {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (Map<String, Object> e : events) {
            Map<String, Object> copy = new LinkedHashMap<>(e);
            copy.put("businessId", business);
            batch.add(copy);
        }
        api.ingest(batch);
        List<Event> stored = new ArrayList<>();
        EventQuery q = new EventQuery(business, null, null, null, null, null, 1000, null, null);
        for (EventPage page = api.events(q); ; page = api.events(q.withCursor(page.nextCursor()))) {
            stored.addAll(page.events());
            if (page.nextCursor() == null) {
                break;
            }
        }
        return new NaiveAnalytics(stored, Engine.DEFAULT_BUSINESS_ID);
    }

    /** Runs the check on the naive answer first (the doc's arithmetic), then on the engine's. */
    static <Q, R> void both(NaiveAnalytics naive, Q query, Function<Q, R> naiveAnswer, Function<Q, R> engineAnswer,
                            java.util.function.Consumer<R> check) {
        check.accept(naiveAnswer.apply(query));
        check.accept(engineAnswer.apply(query));
    }

    static void step(Funnels.StepResult s, long count, double fromStart, double fromPrevious, long dropOff,
                     Long medianMs) {
        String at = "step " + s.step();
        assertThat(s.count()).as(at + " count").isEqualTo(count);
        assertThat(s.conversionFromStart()).as(at + " conversionFromStart").isCloseTo(fromStart, within(1e-9));
        assertThat(s.conversionFromPrevious()).as(at + " conversionFromPrevious").isCloseTo(fromPrevious, within(1e-9));
        assertThat(s.dropOff()).as(at + " dropOff").isEqualTo(dropOff);
        assertThat(s.medianTimeToConvertMs()).as(at + " median").isEqualTo(medianMs);
    }

    // ---------------------------------------------------------------- funnels

    static List<Map<String, Object>> example1() {
        return List.of(
                ev("09:00", "ann", "view", "attribution.source", "google"),
                ev("09:10", "ann", "cart"),
                ev("09:20", "ann", "buy"),
                ev("09:00", "bob", "view", "attribution.source", "google"),
                ev("09:50", "bob", "cart"),
                ev("10:05", "bob", "buy"),
                ev("10:30", "bob", "view", "attribution.source", "meta"),
                ev("10:40", "bob", "cart"),
                ev("10:45", "bob", "buy"),
                ev("11:50", "cy", "view", "attribution.source", "meta"),
                ev("12:10", "cy", "cart"),
                ev("08:50", "dee", "view"),
                ev("09:05", "dee", "cart"),
                ev("09:30", "eve", "cart"),
                ev("09:40", "eve", "view"));
    }

    static Funnels.Query example1Query(String breakdown) {
        return new Funnels.Query(List.of(Funnels.Step.of("view"), Funnels.Step.of("cart"), Funnels.Step.of("buy")),
                t("09:00"), t("12:00"), 60 * MIN, null, "ex1", breakdown);
    }

    @Test
    void example1OrderedFunnelWindowAttemptsAndMedians() {
        NaiveAnalytics naive = store("ex1", example1());
        both(naive, example1Query(null), naive::funnel, api::funnel, r -> {
            assertThat(r.mode()).isEqualTo("ordered");
            step(r.steps().get(0), 4, 1, 1, 0, 0L);
            step(r.steps().get(1), 3, 0.75, 0.75, 1, 10 * MIN);
            step(r.steps().get(2), 2, 0.5, 2.0 / 3, 1, 15 * MIN);
        });
        both(naive, example1Query("source"), naive::funnel, api::funnel, r -> {
            assertThat(r.breakdown()).extracting(Funnels.Breakdown::value).containsExactly("meta", "(none)", "google");
            List<Funnels.StepResult> meta = r.breakdown().get(0).steps();
            step(meta.get(0), 2, 1, 1, 0, 0L);
            step(meta.get(1), 2, 1, 1, 0, 10 * MIN);
            step(meta.get(2), 1, 0.5, 0.5, 1, 15 * MIN);
            List<Funnels.StepResult> none = r.breakdown().get(1).steps();
            step(none.get(0), 1, 1, 1, 0, 0L);
            step(none.get(1), 0, 0, 0, 1, null);
            step(none.get(2), 0, 0, 0, 0, null);
            List<Funnels.StepResult> google = r.breakdown().get(2).steps();
            step(google.get(0), 1, 1, 1, 0, 0L);
            step(google.get(1), 1, 1, 1, 0, 10 * MIN);
            step(google.get(2), 1, 1, 1, 0, 20 * MIN);
        });
        Funnels.ActorsQuery dropped3 = new Funnels.ActorsQuery(example1Query(null), 3, "dropped", null, null, null);
        both(naive, dropped3, naive::funnelActors, api::funnelActors, r -> {
            assertThat(r.actors()).containsExactly(new Funnels.Actor("cy", 2, t("11:50"), t("12:10")));
            assertThat(r.total()).isEqualTo(1);
        });
        Funnels.ActorsQuery dropped2 = new Funnels.ActorsQuery(example1Query(null), 2, null, null, null, null);
        both(naive, dropped2, naive::funnelActors, api::funnelActors, r ->
                assertThat(r.actors()).containsExactly(new Funnels.Actor("eve", 1, t("09:40"), t("09:40"))));
        Funnels.ActorsQuery reached3 = new Funnels.ActorsQuery(example1Query(null), 3, "reached", null, null, null);
        both(naive, reached3, naive::funnelActors, api::funnelActors, r -> assertThat(r.actors()).containsExactly(
                new Funnels.Actor("ann", 3, t("09:00"), t("09:20")),
                new Funnels.Actor("bob", 3, t("10:30"), t("10:45"))));
    }

    @Test
    void example2RepeatedStepAndTies() {
        NaiveAnalytics naive = store("ex2", List.of(
                ev("10:00", "ann", "view"),
                ev("10:05", "ann", "view"),
                ev("10:06", "ann", "buy"),
                ev("10:00", "bob", "view"),
                ev("10:20", "bob", "buy"),
                ev("11:00", "cy", "view"),
                ev("11:00", "cy", "view"),
                ev("11:30", "cy", "buy"),
                ev("12:00", "dan", "view"),
                ev("12:00", "dan", "buy"),
                ev("12:00", "dan", "view")));
        Funnels.Query q = new Funnels.Query(List.of(Funnels.Step.of("view"), Funnels.Step.of("view"),
                Funnels.Step.of("buy")), null, null, null, null, "ex2", null);
        both(naive, q, naive::funnel, api::funnel, r -> {
            assertThat(r.windowMs()).isEqualTo(Funnels.DEFAULT_WINDOW_MS);
            step(r.steps().get(0), 4, 1, 1, 0, 0L);
            step(r.steps().get(1), 3, 0.75, 0.75, 1, 0L);
            step(r.steps().get(2), 2, 0.5, 2.0 / 3, 1, 6 * MIN);
        });
        Funnels.ActorsQuery dropped3 = new Funnels.ActorsQuery(q, 3, "dropped", null, null, null);
        both(naive, dropped3, naive::funnelActors, api::funnelActors, r ->
                assertThat(r.actors()).containsExactly(new Funnels.Actor("dan", 2, t("12:00"), t("12:00"))));
        Funnels.ActorsQuery dropped2 = new Funnels.ActorsQuery(q, 2, "dropped", null, null, null);
        both(naive, dropped2, naive::funnelActors, api::funnelActors, r ->
                assertThat(r.actors()).containsExactly(new Funnels.Actor("bob", 1, t("10:00"), t("10:00"))));
    }

    @Test
    void example3TheThreeModesOnTheSameEvents() {
        NaiveAnalytics naive = store("ex3", List.of(
                ev("10:00", "ann", "view"),
                ev("10:01", "ann", "cart"),
                ev("10:02", "ann", "buy"),
                ev("10:00", "bob", "view"),
                ev("10:01", "bob", "help"),
                ev("10:02", "bob", "cart"),
                ev("10:03", "bob", "buy"),
                ev("10:00", "cy", "view"),
                ev("10:05", "cy", "buy"),
                ev("10:10", "cy", "cart"),
                ev("10:00", "dan", "view"),
                ev("10:40", "dan", "cart"),
                ev("11:20", "dan", "buy")));
        Function<String, Funnels.Query> query = mode -> new Funnels.Query(List.of(Funnels.Step.of("view"),
                Funnels.Step.of("cart"), Funnels.Step.of("buy")), null, null, 60 * MIN, mode, "ex3", null);
        both(naive, query.apply("ordered"), naive::funnel, api::funnel, r -> {
            step(r.steps().get(0), 4, 1, 1, 0, 0L);
            step(r.steps().get(1), 4, 1, 1, 0, 2 * MIN);
            step(r.steps().get(2), 2, 0.5, 0.5, 2, 2 * MIN);
        });
        both(naive, query.apply("strict"), naive::funnel, api::funnel, r -> {
            step(r.steps().get(0), 4, 1, 1, 0, 0L);
            step(r.steps().get(1), 2, 0.5, 0.5, 2, MIN);
            step(r.steps().get(2), 1, 0.25, 0.5, 1, 2 * MIN);
        });
        both(naive, query.apply("any_order"), naive::funnel, api::funnel, r -> {
            step(r.steps().get(0), 4, 1, 1, 0, 0L);
            step(r.steps().get(1), 4, 1, 1, 0, 2 * MIN);
            step(r.steps().get(2), 3, 0.75, 0.75, 1, 3 * MIN);
        });
    }

    // ---------------------------------------------------------------- attribution

    @Test
    void example4AttributionUnderEachModel() {
        NaiveAnalytics naive = store("ex4", List.of(
                ev("2026-03-02T10:00", "ann", "page.viewed", "source.source", "google", "source.medium", "cpc"),
                ev("2026-03-09T10:00", "ann", "page.viewed", "source.platform", "meta", "source.channel", "paid_social"),
                ev("2026-03-16T09:00", "ann", "page.viewed"),
                ev("2026-03-16T10:00", "ann", "email.clicked", "attribution.source", "email",
                        "attribution.campaign", "spring"),
                ev("2026-03-16T10:00", "ann", "order.created", "outcome.revenue", new BigDecimal("100.00")),
                ev("2026-02-01T10:00", "bob", "page.viewed", "attribution.source", "google"),
                ev("2026-03-16T11:00", "bob", "order.created", "properties.amount", "50.00")));
        Attribution.Query counts = new Attribution.Query(null, null, "ex4", null, null, null, null);
        both(naive, counts, naive::attribution, api::attribution, r -> {
            assertThat(r.bySource()).containsExactly(Map.entry("google", 2L), Map.entry("email", 1L),
                    Map.entry("meta", 1L));
            assertThat(r.byChannel()).containsExactly(Map.entry("paid_social", 1L));
            assertThat(r.byCampaign()).containsExactly(Map.entry("spring", 1L));
            assertThat(r.byMedium()).containsExactly(Map.entry("cpc", 1L));
        });
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("first_touch", List.of("(direct) 1 50.00", "google 1 100.00"));
        expected.put("last_touch", List.of("(direct) 1 50.00", "email 1 100.00"));
        expected.put("linear", List.of("(direct) 1 50.00", "email 0.3333 33.33", "google 0.3333 33.33",
                "meta 0.3333 33.33"));
        expected.put("position_based", List.of("(direct) 1 50.00", "email 0.4 40.00", "google 0.4 40.00",
                "meta 0.2 20.00"));
        expected.put("time_decay", List.of("(direct) 1 50.00", "email 0.5714 57.14", "meta 0.2857 28.57",
                "google 0.1429 14.29"));
        expected.forEach((model, credit) -> {
            Attribution.Query q = new Attribution.Query(null, null, "ex4", "order.created", model, null, null);
            both(naive, q, naive::attribution, api::attribution, r -> {
                assertThat(r.conversions()).as(model).isEqualTo(2L);
                assertThat(r.revenue()).as(model).isEqualByComparingTo("150");
                assertThat(credit(r)).as(model).isEqualTo(credit);
            });
        });
        Attribution.Query sevenDays = new Attribution.Query(null, null, "ex4", "order.created", "first_touch", null,
                7L * 24 * 60 * MIN);
        both(naive, sevenDays, naive::attribution, api::attribution, r ->
                assertThat(credit(r)).isEqualTo(List.of("(direct) 1 50.00", "meta 1 100.00")));
    }

    /** Credit as "key conversions revenue", conversions without trailing zeros, revenue with 2 decimals. */
    static List<String> credit(Attribution.Result r) {
        return r.credit().stream().map(c -> c.key() + " " + c.conversions().stripTrailingZeros().toPlainString() + " "
                + c.revenue().setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString()).toList();
    }

    // ---------------------------------------------------------------- metrics

    @Test
    void example5MetricsSeriesAndGroups() {
        NaiveAnalytics naive = store("ex5", List.of(
                ev("2026-03-02T18:00", "ann", "page.viewed"),
                ev("2026-03-03T09:00", "ann", "page.viewed", "attribution.source", "google"),
                ev("2026-03-03T09:30", "bob", "page.viewed", "source.source", "google"),
                ev("2026-03-03T12:00", "ann", "order.created", "outcome.revenue", 20),
                ev("2026-03-05T08:00", "cy", "page.viewed", "source.platform", "meta"),
                ev("2026-03-05T08:05", null, "page.viewed"),
                ev("2026-03-05T09:00", "cy", "order.created", "properties.total", "15.50"),
                ev("2026-03-06T23:00", "trace:bob", "page.viewed", "source.channel", "meta"),
                ev("2026-03-07T01:00", "ann", "order.created", "outcome.revenue", 99)));
        long from = t("2026-03-03T00:00");
        long to = t("2026-03-06T23:59:59.999");
        long d3 = t("2026-03-03T00:00");
        long d4 = t("2026-03-04T00:00");
        long d5 = t("2026-03-05T00:00");
        long d6 = t("2026-03-06T00:00");
        Metrics.Query bySource = new Metrics.Query(null, from, to, "ex5", "day", "source", null, null);
        both(naive, bySource, q -> naive.metrics(q, List.of()), api::metrics, r -> {
            assertThat(r.totalEvents()).isEqualTo(7);
            assertThat(r.uniqueActors()).isEqualTo(3);
            assertThat(r.revenue()).isEqualByComparingTo("35.50");
            assertThat(r.metrics().get("events")).isEqualByComparingTo("7");
            assertThat(r.metrics().get("uniqueActors")).isEqualByComparingTo("3");
            assertThat(r.metrics().get("revenue")).isEqualByComparingTo("35.50");
            assertThat(r.series()).isEqualTo(series(d3, 3L, d4, 0L, d5, 3L, d6, 1L));
            assertThat(r.groups()).containsExactly(
                    new Metrics.Group("(none)", 3, 2, series(d3, 1L, d4, 0L, d5, 2L, d6, 0L)),
                    new Metrics.Group("google", 2, 2, series(d3, 2L, d4, 0L, d5, 0L, d6, 0L)),
                    new Metrics.Group("meta", 2, 2, series(d3, 0L, d4, 0L, d5, 1L, d6, 1L)));
        });
        long week = t("2026-03-02T00:00");
        Metrics.Query weekly = new Metrics.Query("page.viewed", from, to, "ex5", "week", "event", null, null);
        both(naive, weekly, q -> naive.metrics(q, List.of()), api::metrics, r -> {
            assertThat(r.totalEvents()).isEqualTo(5);
            assertThat(r.uniqueActors()).isEqualTo(3);
            assertThat(r.revenue()).isEqualByComparingTo("0");
            assertThat(r.series()).isEqualTo(series(week, 5L));
            assertThat(r.groups()).containsExactly(new Metrics.Group("page.viewed", 5, 3, series(week, 5L)));
        });
    }

    static TreeMap<Long, Long> series(Object... startAndCount) {
        TreeMap<Long, Long> out = new TreeMap<>();
        for (int i = 0; i < startAndCount.length; i += 2) {
            out.put((Long) startAndCount[i], (Long) startAndCount[i + 1]);
        }
        return out;
    }

    // ---------------------------------------------------------------- anomalies

    @Test
    void example6AnomalyScores() {
        int[] scans = {2, 3, 2, 4, 3, 2, 3, 3, 2, 15, 3};
        int[] views = {5, 5, 5, 5, 5, 0, 5, 5, 5, 5, 5};
        List<Map<String, Object>> events = new ArrayList<>();
        for (int hour = 0; hour < 11; hour++) {
            for (int i = 0; i < scans[hour]; i++) {
                events.add(ev(String.format("%02d:%02d", hour, i), "ann", "scan.recorded"));
            }
            for (int i = 0; i < views[hour]; i++) {
                events.add(ev(String.format("%02d:%02d", hour, 30 + i), "bob", "page.viewed"));
            }
        }
        store("ex6", events);
        AgentContext.Result r = api.agentContext(new AgentContext.Query("anomalies", "ex6", null, t("00:00"),
                t("10:59:59.999")));
        assertThat(r.anomalies()).hasSize(2);
        AgentContext.Anomaly scan = r.anomalies().stream().filter(a -> a.event().equals("scan.recorded")).findFirst()
                .orElseThrow();
        assertThat(scan.interval()).isEqualTo("hour");
        assertThat(scan.bucketStart()).isEqualTo(t("09:00"));
        assertThat(scan.count()).isEqualTo(15);
        assertThat(scan.median()).isEqualTo(3.0);
        assertThat(scan.mad()).isEqualTo(1.0);
        assertThat(scan.score()).isCloseTo(8.094, within(1e-9));
        assertThat(scan.direction()).isEqualTo("up");
        AgentContext.Anomaly view = r.anomalies().stream().filter(a -> a.event().equals("page.viewed")).findFirst()
                .orElseThrow();
        assertThat(view.bucketStart()).isEqualTo(t("05:00"));
        assertThat(view.count()).isEqualTo(0);
        assertThat(view.median()).isEqualTo(5.0);
        assertThat(view.mad()).isCloseTo(5.0 / 11 * 1.2533, within(1e-12));
        assertThat(view.score()).isCloseTo(-5.91997, within(1e-5));
        assertThat(view.direction()).isEqualTo("down");
    }
}
