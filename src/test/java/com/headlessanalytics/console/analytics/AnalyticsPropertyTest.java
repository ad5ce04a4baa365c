package com.headlessanalytics.console.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.Attribution;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Metrics;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.engine.Engine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The engine's metrics, funnels and attribution against {@link NaiveAnalytics} on random event
 * sets: timestamp ties, repeated steps, events outside the window and the period, events without
 * an actor and with traceId-only actors, string and object actors, several businesses, ingest
 * order unlike timestamp order over several batches, every touchpoint fallback field, revenue as
 * number and as string, step filters. One engine serves the class; each try writes to two
 * businesses of its own, so a try depends on nothing before it and jqwik's shrunk sample is a real
 * counterexample. The default business (queries without {@code businessId}) gets a fresh engine
 * per try, in a property of its own.
 */
public class AnalyticsPropertyTest {
    /** A Monday, so week buckets start at an event tick. */
    static final long BASE = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
    static final long MINUTE = 60_000L;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;
    /**
     * Event times fall on 0…TICKS ticks of a scenario's quantum (plus a little jitter, mostly none):
     * few enough that ties, and steps exactly at the end of a window or lookback, are common.
     */
    static final int TICKS = 8;
    /** Actors per try: each adds an independent funnel path and conversion history. */
    static final int ACTORS = 8;
    /** Credited conversions are rounded to 4 decimals, revenue to 2: one unit in the last place. */
    static final BigDecimal CONVERSIONS_TOLERANCE = new BigDecimal("0.0001");
    static final BigDecimal REVENUE_TOLERANCE = new BigDecimal("0.01");
    /** Funnel conversions are plain quotients of two counts; both sides divide the same integers. */
    static final double RATIO_TOLERANCE = 1e-12;

    static final List<String> TOUCHPOINT_PATHS = List.of("attribution.source", "attribution.channel",
            "attribution.campaign", "attribution.medium", "source.source", "source.platform", "source.channel",
            "source.campaign", "source.medium");
    static final List<String> REVENUE_PATHS = List.of("outcome.revenue", "properties.revenue", "properties.amount",
            "properties.total");
    static final List<Metrics.Definition> DEFINITIONS = List.of(
            new Metrics.Definition("count_a", "a", "count", null, null, null),
            new Metrics.Definition("amount_orders", "order.created", "sum", "properties.amount", null, null),
            new Metrics.Definition("revenue_orders", "order.created", "sum", "revenue", null, null),
            new Metrics.Definition("actors_b", "b", "unique_actors", null, null, null));

    private static Path dir;
    private static Engine engine;
    private static HeadlessApi api;
    private static final AtomicInteger RUN = new AtomicInteger();

    @BeforeContainer
    static void openEngine() throws IOException {
        dir = Files.createTempDirectory("ha-analytics-property");
        engine = Engine.open(dir);
        api = engine.defaultWorkspace();
        for (Metrics.Definition d : DEFINITIONS) {
            api.saveMetricDefinition(d);
        }
    }

    @AfterContainer
    static void closeEngine() throws IOException {
        engine.close();
        delete(dir);
    }

    /** Deletes a folder and everything in it. */
    public static void delete(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    // ---------------------------------------------------------------- generated data

    /** Who an event is by: how the actor is written, which actor, and whether another business. */
    record Who(ActorForm form, int actor, boolean otherBusiness) {
    }

    enum ActorForm { STRING, OBJECT, TRACE_ONLY, NONE, OBJECT_WITHOUT_ID_AND_TRACE, STRING_AND_OTHER_TRACE }

    /** One generated event; its time is {@code BASE + tick × quantum + jitterMs}. */
    record EventSpec(String name, int tick, int jitterMs, Who who, Map<String, Object> touchpoints,
                     Map<String, Object> revenue, String plan, Object n) {
    }

    /** Events in ingest order, the cut points between ingest batches, and the time quantum of a tick. */
    record Scenario(long quantum, List<EventSpec> events, List<Integer> cuts) {
    }

    /** A query period in ticks (null = open), nudged by a millisecond or not. */
    record Range(Integer fromTick, Integer toTick, int fromNudge, int toNudge) {
        Long from(long quantum) {
            return fromTick == null ? null : Math.max(0, BASE + fromTick * quantum + fromNudge);
        }

        Long to(long quantum) {
            if (toTick == null) {
                return null;
            }
            long to = BASE + toTick * quantum + toNudge;
            Long from = from(quantum);
            return from != null && to < from ? from : to;
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<String> names = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just("a")), Tuple.of(3, Arbitraries.just("b")),
                Tuple.of(2, Arbitraries.just("c")),
                Tuple.of(2, Arbitraries.just("order.created")),
                Tuple.of(1, Arbitraries.just("page.viewed")));
        Arbitrary<Integer> jitter = Arbitraries.frequency(Tuple.of(6, 0), Tuple.of(1, 1),
                Tuple.of(1, 17 * 60_000));
        Arbitrary<Who> who = Combinators.combine(
                Arbitraries.frequency(Tuple.of(4, ActorForm.STRING), Tuple.of(3, ActorForm.OBJECT),
                        Tuple.of(2, ActorForm.TRACE_ONLY), Tuple.of(2, ActorForm.NONE),
                        Tuple.of(1, ActorForm.OBJECT_WITHOUT_ID_AND_TRACE),
                        Tuple.of(1, ActorForm.STRING_AND_OTHER_TRACE)),
                Arbitraries.integers().between(0, ACTORS - 1),
                Arbitraries.frequency(Tuple.of(6, false), Tuple.of(1, true))).as(Who::new);
        Arbitrary<Object> touchValue = Arbitraries.of("google", "meta", "email", "news", 7, true);
        Arbitrary<Map<String, Object>> touchpoints = Arbitraries.maps(Arbitraries.of(TOUCHPOINT_PATHS), touchValue)
                .ofMaxSize(4);
        Arbitrary<Object> revenueValue = Arbitraries.of(10, 3L, new BigDecimal("2.5"), new BigDecimal("-1.25"),
                "4.75", "100", new BigDecimal("0.333333"));
        Arbitrary<Map<String, Object>> revenue = Arbitraries.maps(Arbitraries.of(REVENUE_PATHS), revenueValue)
                .ofMaxSize(2);
        Arbitrary<String> plan = Arbitraries.of("pro", "free").injectNull(0.4);
        Arbitrary<Object> n = Arbitraries.of((Object) 2, new BigDecimal("2.0"), "2", 3).injectNull(0.4);
        Arbitrary<EventSpec> event = Combinators.combine(names, Arbitraries.integers().between(0, TICKS), jitter, who,
                touchpoints, revenue, plan, n).as(EventSpec::new);
        Arbitrary<Long> quantum = Arbitraries.of(MINUTE, HOUR, 5 * HOUR, DAY, 4 * DAY);
        return Combinators.combine(quantum, event.list().ofMinSize(1).ofMaxSize(80),
                Arbitraries.integers().between(0, 80).list().ofMaxSize(3)).as(Scenario::new);
    }

    @Provide
    Arbitrary<Range> ranges() {
        Arbitrary<Integer> tick = Arbitraries.integers().between(-2, TICKS + 2).injectNull(0.3);
        Arbitrary<Integer> nudge = Arbitraries.of(0, 0, -1, 1);
        return Combinators.combine(tick, tick, nudge, nudge).as((a, b, x, y) ->
                a != null && b != null && a > b ? new Range(b, a, x, y) : new Range(a, b, x, y));
    }

    // ---------------------------------------------------------------- one try's stored data

    /** What one try stored: the port, the business queried (null = the default) and the naive answers. */
    record Stored(HeadlessApi api, String business, NaiveAnalytics naive, List<Event> events, long quantum) {
        /** The queried business's events, for failure messages. */
        String table() {
            String b = business == null ? Engine.DEFAULT_BUSINESS_ID : business;
            return describe(events.stream().filter(e -> e.businessId().equals(b)).toList());
        }
    }

    /** Ingests the scenario in its batches into a fresh business (or the default one) and reads it back. */
    static Stored store(HeadlessApi api, Scenario s, boolean defaultBusiness) {
        int run = RUN.incrementAndGet();
        String main = defaultBusiness ? null : "p" + run;
        String other = "p" + run + "-x";
        List<Map<String, Object>> envelopes = new ArrayList<>();
        for (int i = 0; i < s.events().size(); i++) {
            envelopes.add(envelope(s.events().get(i), "r" + run + "e" + i, "r" + run + "u", main, other, s.quantum()));
        }
        TreeSet<Integer> cuts = new TreeSet<>();
        for (int c : s.cuts()) {
            if (c > 0 && c < envelopes.size()) {
                cuts.add(c);
            }
        }
        cuts.add(envelopes.size());
        int start = 0;
        for (int cut : cuts) {
            api.ingest(envelopes.subList(start, cut));
            start = cut;
        }
        List<Event> mainEvents = readBack(api, main == null ? Engine.DEFAULT_BUSINESS_ID : main);
        List<Event> otherEvents = readBack(api, other);
        assertThat(mainEvents).extracting(Event::id).as("stored order: (timestamp, ingest order)")
                .containsExactlyElementsOf(expectedOrder(envelopes, main));
        assertThat(otherEvents).extracting(Event::id).containsExactlyElementsOf(expectedOrder(envelopes, other));
        List<Event> all = new ArrayList<>(mainEvents);
        all.addAll(otherEvents);
        return new Stored(api, main, new NaiveAnalytics(all, Engine.DEFAULT_BUSINESS_ID), all, s.quantum());
    }

    /** The ids of one business's envelopes (null: those without a businessId) by timestamp, ties in ingest order. */
    static List<String> expectedOrder(List<Map<String, Object>> envelopes, String business) {
        return envelopes.stream().filter(m -> java.util.Objects.equals(business, m.get("businessId")))
                .sorted(Comparator.comparingLong(m -> (Long) m.get("timestamp"))).map(m -> (String) m.get("id"))
                .toList();
    }

    static List<Event> readBack(HeadlessApi api, String business) {
        List<Event> out = new ArrayList<>();
        EventQuery q = new EventQuery(business, null, null, null, null, null, 1000, null, null);
        while (true) {
            EventPage page = api.events(q);
            out.addAll(page.events());
            if (page.nextCursor() == null) {
                return out;
            }
            q = q.withCursor(page.nextCursor());
        }
    }

    static Map<String, Object> envelope(EventSpec e, String id, String actorPrefix, String main, String other,
                                        long quantum) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("event", e.name());
        String business = e.who().otherBusiness() ? other : main;
        if (business != null) {
            m.put("businessId", business);
        }
        m.put("timestamp", BASE + e.tick() * quantum + e.jitterMs());
        String actor = actorPrefix + e.who().actor();
        switch (e.who().form()) {
            case STRING -> m.put("actor", actor);
            case OBJECT -> m.put("actor", Map.of("id", actor, "type", "person"));
            case TRACE_ONLY -> m.put("traceId", actor);
            case NONE -> { }
            case OBJECT_WITHOUT_ID_AND_TRACE -> {
                m.put("actor", Map.of("type", "device"));
                m.put("traceId", actor);
            }
            case STRING_AND_OTHER_TRACE -> {
                m.put("actor", actor);
                m.put("traceId", actorPrefix + "trace");
            }
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Map.Entry<String, Object> t : e.touchpoints().entrySet()) {
            put(m, t.getKey(), t.getValue());
        }
        for (Map.Entry<String, Object> r : e.revenue().entrySet()) {
            if (r.getKey().startsWith("properties.")) {
                properties.put(r.getKey().substring("properties.".length()), r.getValue());
            } else {
                put(m, r.getKey(), r.getValue());
            }
        }
        if (e.plan() != null) {
            properties.put("plan", e.plan());
        }
        if (e.n() != null) {
            properties.put("n", e.n());
        }
        if (!properties.isEmpty()) {
            m.put("properties", properties);
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> envelope, String dotted, Object value) {
        String[] parts = dotted.split("\\.");
        ((Map<String, Object>) envelope.computeIfAbsent(parts[0], k -> new LinkedHashMap<>())).put(parts[1], value);
    }

    // ---------------------------------------------------------------- metrics

    record MetricsSpec(String eventName, String interval, String groupBy, List<String> metrics) {
    }

    @Provide
    Arbitrary<MetricsSpec> metricsQueries() {
        return Combinators.combine(Arbitraries.of("a", "b", "order.created", "nothing.here").injectNull(0.5),
                Arbitraries.of("hour", "day", "week", "month").injectNull(0.3),
                Arbitraries.of("event", "source", "campaign", "channel", "medium").injectNull(0.3),
                Arbitraries.of(List.of("count_a", "revenue_orders"), List.of("amount_orders", "actors_b"))
                        .injectNull(0.5)).as(MetricsSpec::new);
    }

    @Property(tries = 150)
    void metricsAgree(@ForAll("scenarios") Scenario s, @ForAll("ranges") Range r,
                      @ForAll("metricsQueries") MetricsSpec m) {
        checkMetrics(store(api, s, false), r, m);
    }

    static void checkMetrics(Stored st, Range r, MetricsSpec m) {
        long quantum = st.quantum();
        Metrics.Query q = new Metrics.Query(m.eventName(), r.from(quantum), r.to(quantum), st.business(),
                m.interval(), m.groupBy(), null, m.metrics());
        Metrics.Result expected = st.naive().metrics(q, DEFINITIONS);
        Metrics.Result actual = st.api().metrics(q);
        String why = q + "\n" + st.table();
        assertThat(actual.totalEvents()).as(why).isEqualTo(expected.totalEvents());
        assertThat(actual.uniqueActors()).as(why).isEqualTo(expected.uniqueActors());
        assertThat(plain(actual.revenue())).as(why).isEqualTo(plain(expected.revenue()));
        assertThat(plain(actual.metrics())).as(why).isEqualTo(plain(expected.metrics()));
        assertThat(actual.interval()).as(why).isEqualTo(expected.interval());
        assertThat(actual.series()).as(why).isEqualTo(expected.series());
        assertThat(actual.groupBy()).as(why).isEqualTo(expected.groupBy());
        assertThat(actual.groups()).as(why).isEqualTo(expected.groups());
    }

    static String plain(BigDecimal d) {
        return d == null ? null : d.stripTrailingZeros().toPlainString();
    }

    static Map<String, String> plain(Map<String, BigDecimal> values) {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, plain(v)));
        return out;
    }

    // ---------------------------------------------------------------- funnels

    record FunnelSpec(List<Funnels.Step> steps, Long windowTicks, String breakdown, int drillStep, boolean reached,
                      int pageSize) {
    }

    @Provide
    Arbitrary<FunnelSpec> funnelQueries() {
        Arbitrary<Map<String, Object>> filter = Arbitraries.of(Map.<String, Object>of("properties.plan", "pro"),
                Map.<String, Object>of("properties.n", 2), Map.<String, Object>of("properties.n", new BigDecimal("2.00")),
                Map.<String, Object>of("properties.n", "2"),
                Map.<String, Object>of("properties.plan", "free", "properties.n", 3)).injectNull(0.8);
        Arbitrary<Funnels.Step> step = Combinators.combine(Arbitraries.of("a", "a", "b", "b", "c", "order.created"),
                filter, Arbitraries.of("Signed up", "Paid").injectNull(0.7))
                .as((event, f, name) -> new Funnels.Step(name, event, f));
        return Combinators.combine(step.list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.of(0L, 1L, 1L, 1L, 2L, 3L, 10L).injectNull(0.1),
                // string values only: how a decimal such as 2.0 is written as a breakdown value is not specified
                Arbitraries.of("source", "campaign", "channel", "medium", "properties.plan")
                        .injectNull(0.5),
                Arbitraries.integers().between(1, 4), Arbitraries.of(true, false), Arbitraries.integers().between(1, 3))
                .as(FunnelSpec::new);
    }

    @Property(tries = 300)
    void funnelsAgreeInEveryMode(@ForAll("scenarios") Scenario s, @ForAll("ranges") Range r,
                                 @ForAll("funnelQueries") FunnelSpec f) {
        checkFunnels(store(api, s, false), r, f);
    }

    static void checkFunnels(Stored st, Range r, FunnelSpec f) {
        long quantum = st.quantum();
        HeadlessApi api = st.api();
        Long window = f.windowTicks() == null ? null : Math.max(1, f.windowTicks() * quantum);
        for (String mode : new String[] {null, "ordered", "strict", "any_order"}) {
            Funnels.Query q = new Funnels.Query(f.steps(), r.from(quantum), r.to(quantum), window, mode,
                    st.business(), f.breakdown());
            Funnels.Result expected = st.naive().funnel(q);
            Funnels.Result actual = api.funnel(q);
            String why = q + "\n" + st.table();
            assertThat(actual.mode()).as(why).isEqualTo(expected.mode());
            assertThat(actual.windowMs()).as(why).isEqualTo(expected.windowMs());
            assertThat(lines(actual.steps())).as(why).isEqualTo(lines(expected.steps()));
            assertThat(actual.breakdownBy()).as(why).isEqualTo(expected.breakdownBy());
            assertThat(lines(actual.breakdown())).as(why).isEqualTo(lines(expected.breakdown()));

            int step = Math.min(f.drillStep(), f.steps().size());
            if (!f.reached() && step < 2) {
                continue;
            }
            String breakdownValue = f.breakdown() != null && expected.breakdown() != null
                    && !expected.breakdown().isEmpty() && f.pageSize() == 2 ? expected.breakdown().get(0).value() : null;
            Funnels.ActorsQuery aq = new Funnels.ActorsQuery(q, step, f.reached() ? "reached" : "dropped",
                    breakdownValue, f.pageSize(), null);
            Funnels.Actors expectedActors = st.naive().funnelActors(aq);
            List<Funnels.Actor> actualActors = new ArrayList<>();
            long total = -1;
            while (true) {
                Funnels.Actors page = api.funnelActors(aq);
                assertThat(page.actors().size()).isLessThanOrEqualTo(f.pageSize());
                actualActors.addAll(page.actors());
                total = page.total();
                if (page.nextCursor() == null) {
                    break;
                }
                aq = new Funnels.ActorsQuery(q, step, aq.outcome(), breakdownValue, f.pageSize(), page.nextCursor());
            }
            String whyActors = aq + "\n" + st.table();
            assertThat(actualActors).as(whyActors).isEqualTo(expectedActors.actors());
            assertThat(total).as(whyActors).isEqualTo(expectedActors.total());
        }
    }

    static List<String> lines(List<?> results) {
        if (results == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Object o : results) {
            if (o instanceof Funnels.StepResult s) {
                out.add(line(s));
            } else if (o instanceof Funnels.Breakdown b) {
                out.add("[" + b.value() + "]");
                b.steps().forEach(s -> out.add("  " + line(s)));
            }
        }
        return out;
    }

    /** A step's figures as text; the two conversions to 12 decimals (see RATIO_TOLERANCE). */
    static String line(Funnels.StepResult s) {
        return String.format(java.util.Locale.ROOT, "%d %s %s count=%d fromStart=%.12f fromPrevious=%.12f drop=%d median=%s",
                s.step(), s.name(), s.event(), s.count(), s.conversionFromStart(), s.conversionFromPrevious(),
                s.dropOff(), s.medianTimeToConvertMs());
    }

    // ---------------------------------------------------------------- attribution

    record AttributionSpec(String conversionEvent, String groupBy, Long lookbackTicks) {
    }

    @Provide
    Arbitrary<AttributionSpec> attributionQueries() {
        return Combinators.combine(Arbitraries.of("order.created", "order.created", "c", "b").injectNull(0.15),
                Arbitraries.of("source", "campaign", "channel", "medium").injectNull(0.3),
                Arbitraries.of(0L, 0L, 1L, 1L, 2L, 4L, 12L).injectNull(0.2)).as(AttributionSpec::new);
    }

    @Property(tries = 300)
    void attributionAgreesUnderEveryModel(@ForAll("scenarios") Scenario s, @ForAll("ranges") Range r,
                                          @ForAll("attributionQueries") AttributionSpec a) {
        checkAttribution(store(api, s, false), r, a);
    }

    static void checkAttribution(Stored st, Range r, AttributionSpec a) {
        long quantum = st.quantum();
        Long lookback = a.lookbackTicks() == null ? null : a.lookbackTicks() * quantum;
        for (String model : new String[] {null, "first_touch", "last_touch", "linear", "position_based", "time_decay"}) {
            Attribution.Query q = new Attribution.Query(r.from(quantum), r.to(quantum), st.business(),
                    a.conversionEvent(), model, a.groupBy(), lookback);
            Attribution.Result expected = st.naive().attribution(q);
            Attribution.Result actual = st.api().attribution(q);
            String why = q + "\n" + st.table();
            assertThat(entries(actual.bySource())).as(why).isEqualTo(entries(expected.bySource()));
            assertThat(entries(actual.byCampaign())).as(why).isEqualTo(entries(expected.byCampaign()));
            assertThat(entries(actual.byChannel())).as(why).isEqualTo(entries(expected.byChannel()));
            assertThat(entries(actual.byMedium())).as(why).isEqualTo(entries(expected.byMedium()));
            if (a.conversionEvent() == null) {
                assertThat(actual.credit()).as(why).isNullOrEmpty();
                continue;
            }
            assertThat(actual.conversionEvent()).as(why).isEqualTo(expected.conversionEvent());
            assertThat(actual.model()).as(why).isEqualTo(expected.model());
            assertThat(actual.groupBy()).as(why).isEqualTo(expected.groupBy());
            assertThat(actual.conversions()).as(why).isEqualTo(expected.conversions());
            assertThat(plain(actual.revenue())).as(why).isEqualTo(plain(expected.revenue()));
            assertCredit(actual.credit(), expected.credit(), why + "\nexpected credit " + expected.credit()
                    + "\nactual credit   " + actual.credit());
        }
    }

    static List<String> entries(Map<String, Long> counts) {
        return counts == null ? null : counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    /**
     * The same keys; each value within one unit of its last decimal (shares such as 1/3 and 2^(−Δt/7d)
     * are not exact in either implementation, so a sum can round to either side of a half); and the
     * engine's list in its own documented order.
     */
    static void assertCredit(List<Attribution.Credit> actual, List<Attribution.Credit> expected, String why) {
        assertThat(actual).as(why).isNotNull();
        Map<String, Attribution.Credit> byKey = new TreeMap<>();
        actual.forEach(c -> byKey.put(c.key(), c));
        assertThat(byKey.keySet()).as(why).containsExactlyInAnyOrderElementsOf(
                expected.stream().map(Attribution.Credit::key).toList());
        for (Attribution.Credit e : expected) {
            Attribution.Credit c = byKey.get(e.key());
            assertThat(c.conversions().subtract(e.conversions()).abs()).as(why + "\nconversions of " + e.key())
                    .isLessThanOrEqualTo(CONVERSIONS_TOLERANCE);
            assertThat(c.revenue().subtract(e.revenue()).abs()).as(why + "\nrevenue of " + e.key())
                    .isLessThanOrEqualTo(REVENUE_TOLERANCE);
            assertThat(c.conversions().scale()).as(why).isLessThanOrEqualTo(4);
            assertThat(c.revenue().scale()).as(why).isLessThanOrEqualTo(2);
        }
        for (int i = 1; i < actual.size(); i++) {
            Attribution.Credit prev = actual.get(i - 1);
            Attribution.Credit cur = actual.get(i);
            int order = cur.conversions().compareTo(prev.conversions());
            assertThat(order < 0 || order == 0 && cur.key().compareTo(prev.key()) > 0)
                    .as(why + "\ncredit order: conversions largest first, ties by key").isTrue();
        }
    }

    // ---------------------------------------------------------------- the default business

    @Property(tries = 15)
    void theDefaultBusinessIsReadWhenNoneIsGiven(@ForAll("scenarios") Scenario s, @ForAll("ranges") Range r,
                                                 @ForAll("metricsQueries") MetricsSpec m,
                                                 @ForAll("funnelQueries") FunnelSpec f,
                                                 @ForAll("attributionQueries") AttributionSpec a) throws IOException {
        Path own = Files.createTempDirectory("ha-analytics-default");
        try (Engine fresh = Engine.open(own)) {
            HeadlessApi freshApi = fresh.defaultWorkspace();
            for (Metrics.Definition d : DEFINITIONS) {
                freshApi.saveMetricDefinition(d);
            }
            Stored st = store(freshApi, s, true);
            checkMetrics(st, r, m);
            checkFunnels(st, r, f);
            checkAttribution(st, r, a);
        } finally {
            delete(own);
        }
    }

    // ---------------------------------------------------------------- failure messages

    /** One line per event: id, name, time after BASE, actor, business, touchpoints, revenue, plan and n. */
    static String describe(List<Event> events) {
        StringBuilder b = new StringBuilder("events (BASE = " + Instant.ofEpochMilli(BASE) + "):\n");
        for (Event e : events) {
            b.append(String.format(java.util.Locale.ROOT, "  %-10s %-14s +%-10d actor=%-8s src=%s ch=%s camp=%s med=%s rev=%s props=%s%n",
                    e.id(), e.event(), e.timestamp() - BASE, NaiveAnalytics.actor(e),
                    NaiveAnalytics.touchpoint(e, Attribution.Field.SOURCE),
                    NaiveAnalytics.touchpoint(e, Attribution.Field.CHANNEL),
                    NaiveAnalytics.touchpoint(e, Attribution.Field.CAMPAIGN),
                    NaiveAnalytics.touchpoint(e, Attribution.Field.MEDIUM), NaiveAnalytics.revenue(e),
                    e.properties()));
        }
        return b.toString();
    }
}
