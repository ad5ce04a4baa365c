package com.headlessanalytics.console.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.headlessanalytics.console.api.AgentContext;
import com.headlessanalytics.console.api.AgentPerformance;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.Attribution;
import com.headlessanalytics.console.api.BusinessHealth;
import com.headlessanalytics.console.api.Capabilities;
import com.headlessanalytics.console.api.Checks;
import com.headlessanalytics.console.api.Connectors;
import com.headlessanalytics.console.api.Entities;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.Exports;
import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.IngestResult;
import com.headlessanalytics.console.api.Metrics;
import com.headlessanalytics.console.api.NextAction;
import com.headlessanalytics.console.api.Period;
import com.headlessanalytics.console.api.RuntimeHealth;
import com.headlessanalytics.console.api.Trackables;
import com.headlessanalytics.console.api.TrackingPlans;
import com.headlessanalytics.console.api.Usage;
import com.headlessanalytics.console.api.WorkflowStatus;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.domain.graph.GraphRules;
import com.headlessanalytics.console.domain.plan.EventSpec;
import com.headlessanalytics.console.domain.plan.PlanMode;
import com.headlessanalytics.console.domain.plan.PlanViolation;
import com.headlessanalytics.console.domain.plan.PropertySpec;
import com.headlessanalytics.console.domain.plan.TrackingPlan;
import com.headlessanalytics.console.domain.trackable.TrackableCodes;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The API port's contract. Each implementation runs the same tests: the embedded engine directly,
 * and the remote client talking to a real local API server over loopback.
 */
abstract class HeadlessApiContract {

    /** A fresh, empty workspace for each test. */
    abstract HeadlessApi api();

    /** The workspace id behind {@link #api()}. */
    abstract String workspaceId();

    /**
     * Whether the calls made through {@link #api()} are metered: those served over HTTP are, the
     * embedded engine's own calls are not (docs/analytics.md, Usage).
     */
    abstract boolean metersCalls();

    /** Closes everything behind {@link #api()} and opens it again on the same H2 file. */
    abstract void restart() throws Exception;

    /**
     * Whether the extension reads go through {@code POST /api/graphql} (a reference-only server),
     * so usage meters them there.
     */
    boolean readsThroughGraphQl() {
        return false;
    }

    /** Skips a test that needs {@code feature} when the server behind {@link #api()} does not offer it. */
    void assumeOffered(Capabilities.Feature feature) {
        assumeTrue(api().capabilities().offers(feature), feature.unavailable());
    }

    /**
     * Stores a metric definition for a test about something else: through the port, or, where the
     * server lets no client save one, the way its operator would.
     */
    void defineMetric(Metrics.Definition definition) {
        api().saveMetricDefinition(definition);
    }

    /** Stores a tracking plan for a test about something else, as {@link #defineMetric} stores a definition. */
    void definePlan(TrackingPlan plan) {
        api().saveTrackingPlan(plan);
    }

    static Map<String, Object> event(String name, String id, long ts) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event", name);
        if (id != null) {
            e.put("id", id);
        }
        e.put("timestamp", ts);
        return e;
    }

    static Map<String, Object> referenceExample() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event", "qr.bottle_scanned");
        e.put("actor", Map.of("type", "customer", "id", "anon_123"));
        e.put("object", Map.of("type", "product", "id", "olive-oil-500ml"));
        e.put("source", Map.of("channel", "qr", "campaign", "spring-launch"));
        e.put("properties", Map.of("sku", "olive-oil-500ml"));
        return e;
    }

    @Test
    void ingestsTheReferenceExampleAndReadsItBack() {
        long before = System.currentTimeMillis();
        IngestResult result = api().ingest(List.of(referenceExample()));
        assertThat(result.accepted()).isEqualTo(1);
        assertThat(result.duplicates()).isZero();
        assertThat(result.ids()).hasSize(1);
        assertThat(result.proof().workspaceId()).isEqualTo(workspaceId());
        assertThat(result.proof().queryId()).startsWith("q_");
        assertThat(result.proof().schemaVersion()).isEqualTo("1");

        EventPage page = api().events(new EventQuery(null, "qr.bottle_scanned", null, null, null, null, null, null,
                null));
        assertThat(page.events()).hasSize(1);
        Event stored = page.events().get(0);
        assertThat(stored.id()).isEqualTo(result.ids().get(0));
        assertThat(stored.businessId()).isEqualTo("default");
        assertThat(stored.actorKey()).isEqualTo("anon_123");
        assertThat(stored.source()).containsEntry("campaign", "spring-launch");
        assertThat(stored.timestamp()).isEqualTo(stored.receivedAt()).isGreaterThanOrEqualTo(before);
        assertThat(page.nextCursor()).isNull();
        assertThat(page.proof().workspaceId()).isEqualTo(workspaceId());
    }

    @Test
    void touchpointFiltersSelectTheEventsBehindATouchpointCount() {
        Map<String, Object> viaAttribution = event("page.viewed", "t-1", 1_000);
        viaAttribution.put("attribution", Map.of("source", "google", "medium", "cpc"));
        viaAttribution.put("source", Map.of("source", "bing", "channel", "search"));
        Map<String, Object> viaPlatform = event("page.viewed", "t-2", 2_000);
        viaPlatform.put("source", Map.of("platform", "google", "campaign", "spring"));
        Map<String, Object> other = event("page.viewed", "t-3", 3_000);
        other.put("source", Map.of("source", "bing", "channel", "search"));
        api().ingest(List.of(viaAttribution, viaPlatform, other));
        EventQuery all = new EventQuery(null, "page.viewed", null, null, null, null, null, null, null);
        assertThat(api().events(all.withTouch("source", "google")).events()).extracting(Event::id)
                .containsExactly("t-1", "t-2");
        assertThat(api().events(all.withTouch("channel", "search")).events()).extracting(Event::id)
                .containsExactly("t-1", "t-3");
        assertThat(api().events(all.withTouch("source", "google").withTouch("campaign", "spring")).events())
                .extracting(Event::id).containsExactly("t-2");
        assertThat(api().events(all.withTouch("medium", "cpc")).events()).extracting(Event::id).containsExactly("t-1");
        assertThat(api().attribution(Attribution.Query.counts(null, null)).bySource())
                .containsEntry("google", 2L).containsEntry("bing", 1L);
    }

    @Test
    void resendingAnIdStoresNothingNewAndReportsADuplicate() {
        api().ingest(List.of(event("order.created", "order-1", 1_000)));
        IngestResult again = api().ingest(List.of(event("order.created", "order-1", 1_000),
                event("order.created", "order-2", 2_000)));
        assertThat(again.accepted()).isEqualTo(1);
        assertThat(again.duplicates()).isEqualTo(1);
        assertThat(again.duplicateIds()).containsExactly("order-1");
        assertThat(again.ids()).containsExactly("order-1", "order-2");
        assertThat(api().events(EventQuery.all()).events()).extracting(Event::id).containsExactly("order-1", "order-2");
    }

    @Test
    void aBatchWithOneBadEventStoresNothingAndNamesEachIndexAndField() {
        Map<String, Object> wrongTypes = event("lead.created", "l-2", 1_000);
        wrongTypes.put("timestamp", "yesterday");
        wrongTypes.put("source", "google");
        Map<String, Object> missingName = event(null, "l-3", 1_000);
        missingName.remove("event");
        missingName.put("trustTier", "T7");
        List<Map<String, Object>> batch = List.of(event("lead.created", "l-1", 1_000), wrongTypes, missingName);
        assertThatThrownBy(() -> api().ingest(batch)).isInstanceOfSatisfying(ApiException.Client.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("invalid_input");
            assertThat(e.details()).extracting(d -> d.index() + ":" + d.field() + ":" + d.code())
                    .containsExactlyInAnyOrder("1:timestamp:invalid_type", "1:source:invalid_type",
                            "2:event:required", "2:trustTier:invalid_value");
        });
        assertThat(api().events(EventQuery.all()).events()).isEmpty();
    }

    @Test
    void rejectsEventsMoreThanADayAheadAndUnknownFields() {
        Map<String, Object> future = event("a.b", "f", System.currentTimeMillis() + 25L * 3600 * 1000);
        Map<String, Object> typo = event("a.b", "t", 1_000);
        typo.put("timeStamp", 5);
        assertThatThrownBy(() -> api().ingest(List.of(future, typo))).isInstanceOfSatisfying(ApiException.Client.class,
                e -> assertThat(e.details()).extracting(FieldError::field).containsExactlyInAnyOrder("timestamp",
                        "timeStamp"));
    }

    @Test
    void tooManyEventsOrAnOversizedEventIs413AndStoresNothing() {
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            many.add(event("a.b", "m" + i, 1_000));
        }
        assertThatThrownBy(() -> api().ingest(many)).isInstanceOfSatisfying(ApiException.Client.class,
                e -> assertThat(e.status()).isEqualTo(413));
        Map<String, Object> big = event("a.b", "big", 1_000);
        big.put("properties", Map.of("blob", "x".repeat(33 * 1024)));
        assertThatThrownBy(() -> api().ingest(List.of(event("a.b", "small", 1_000), big)))
                .isInstanceOfSatisfying(ApiException.Client.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.details()).anySatisfy(d -> assertThat(d.index()).isEqualTo(1));
                });
        assertThat(api().events(EventQuery.all()).events()).isEmpty();
    }

    @Test
    void keepsUnicodeAndExactDecimalsIntact() {
        Map<String, Object> e = event("order.created", "ü-1", 5_000);
        e.put("actor", "名前-😀");
        e.put("properties", Map.of("note", "naïve café \u0000 ☕", "amount", new BigDecimal("1234567890.123456789"),
                "price", new BigDecimal("149.00")));
        api().ingest(List.of(e));
        Event stored = api().events(EventQuery.all()).events().get(0);
        assertThat(stored.properties().get("price")).hasToString("149.00");
        assertThat(stored.id()).isEqualTo("ü-1");
        assertThat(stored.actor()).isEqualTo("名前-😀");
        assertThat(stored.properties().get("note")).isEqualTo("naïve café \u0000 ☕");
        assertThat(new BigDecimal(stored.properties().get("amount").toString()))
                .isEqualByComparingTo("1234567890.123456789");
    }

    /** Names the reference allows besides dot-notated ones: Segment style, accents, CJK, 200 characters. */
    static final List<String> FREE_NAMES = List.of("Order Completed", "commande.créée", "注文.作成", "signup",
            "order..created", " Padded Name ", "é".repeat(200), "😀".repeat(200));

    @Test
    void acceptsAnyNameWithoutControlCharactersAndReadsItBackByName() {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < FREE_NAMES.size(); i++) {
            Map<String, Object> e = event(FREE_NAMES.get(i), "free-" + i, 1_000 + i);
            e.put("actor", "buyer");
            batch.add(e);
        }
        Map<String, Object> checkout = event("Checkout Started", "free-c", 500);
        checkout.put("actor", "buyer");
        checkout.put("source", Map.of("source", "google"));
        batch.add(checkout);
        assertThat(api().ingest(batch).accepted()).isEqualTo(FREE_NAMES.size() + 1);

        for (int i = 0; i < FREE_NAMES.size(); i++) {
            String name = FREE_NAMES.get(i);
            assertThat(ids(new EventQuery(null, name, null, null, null, null, null, null, null))).as(name)
                    .containsExactly("free-" + i);
        }
        assertThat(api().eventNames(null).names()).extracting(n -> n.event())
                .containsAll(FREE_NAMES).contains("Checkout Started");
        assertThat(api().metrics(Metrics.Query.of("Order Completed", null, null)).totalEvents()).isEqualTo(1);
        assertThat(api().metrics(Metrics.Query.of("注文.作成", null, null)).totalEvents()).isEqualTo(1);
        defineMetric(new Metrics.Definition("completed", "Order Completed", "count", null, null, null));
        assertThat(api().metricDefinitions().definitions()).extracting(Metrics.Definition::event)
                .containsExactly("Order Completed");
        Funnels.Result funnel = api().funnel(Funnels.Query.of("Checkout Started", "Order Completed"));
        assertThat(funnel.steps()).extracting(Funnels.StepResult::event, Funnels.StepResult::count)
                .containsExactly(tuple("Checkout Started", 1L), tuple("Order Completed", 1L));
        Attribution.Result credit = api().attribution(new Attribution.Query(null, null, null, "Order Completed",
                "last_touch", null, null));
        assertThat(credit.conversions()).isEqualTo(1);
        assertThat(credit.credit()).extracting(Attribution.Credit::key).containsExactly("google");
    }

    @Test
    void refusesNamesWithControlCharactersOver200CharactersOrEmptyAndStoresNothing() {
        List<String> bad = List.of("", "   ", "order\u0000created", "order\ncreated", "order\u007fcreated",
                "order\u0085created", "order\u009fcreated", "a".repeat(201), "😀".repeat(201));
        List<String> messages = List.of("must be 1-200 characters", "must not be blank",
                "must not contain control characters", "must not contain control characters",
                "must not contain control characters", "must not contain control characters",
                "must not contain control characters", "is longer than 200 characters", "is longer than 200 characters");
        List<Map<String, Object>> batch = new ArrayList<>();
        batch.add(event("Order Completed", "fine", 1_000));
        for (int i = 0; i < bad.size(); i++) {
            batch.add(event(bad.get(i), "bad-" + i, 1_000));
        }
        assertThatThrownBy(() -> api().ingest(batch)).isInstanceOfSatisfying(ApiException.Client.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("invalid_input");
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < bad.size(); i++) {
                expected.add((i + 1) + ":event:invalid_value:" + messages.get(i));
            }
            assertThat(e.details()).extracting(d -> d.index() + ":" + d.field() + ":" + d.code() + ":" + d.message())
                    .containsExactlyElementsOf(expected);
        });
        assertThat(api().events(EventQuery.all()).events()).isEmpty();
        assertThat(api().eventNames(null).names()).isEmpty();
        assertThatThrownBy(() -> api().metrics(Metrics.Query.of("a\tb", null, null)))
                .isInstanceOfSatisfying(ApiException.Client.class, e -> assertThat(e.details())
                        .extracting(FieldError::field, FieldError::message)
                        .containsExactly(tuple("eventName", "must not contain control characters")));
        assertThatThrownBy(() -> api().funnel(Funnels.Query.of("a".repeat(201))))
                .isInstanceOfSatisfying(ApiException.Client.class, e -> assertThat(e.details())
                        .extracting(FieldError::field, FieldError::message)
                        .containsExactly(tuple("steps[0].event", "is longer than 200 characters")));
    }

    @Test
    void filtersAndPagesInTimestampThenStorageOrder() {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Map<String, Object> e = event(i % 2 == 0 ? "page.viewed" : "order.created", "e" + i, 10_000 - i % 3);
            e.put("traceId", "trace-" + (i % 4));
            e.put("actor", Map.of("id", "actor-" + (i % 3)));
            batch.add(e);
        }
        api().ingest(batch);
        List<String> all = new ArrayList<>();
        EventQuery q = EventQuery.all().withLimit(5);
        EventPage page;
        int pages = 0;
        do {
            page = api().events(q);
            pages++;
            page.events().forEach(e -> all.add(e.id()));
            q = q.withCursor(page.nextCursor());
        } while (page.nextCursor() != null);
        assertThat(pages).isEqualTo(3);
        assertThat(all).containsExactly("e2", "e5", "e8", "e11", "e1", "e4", "e7", "e10", "e0", "e3", "e6", "e9");

        assertThat(ids(new EventQuery(null, "order.created", "trace-1", null, null, null, null, null, null)))
                .containsExactly("e5", "e1", "e9");
        assertThat(ids(new EventQuery(null, null, null, "actor-0", 9_999L, 10_000L, null, null, null)))
                .containsExactly("e0", "e3", "e6", "e9");
        assertThat(ids(new EventQuery(null, null, null, null, null, null, 3, null, EventQuery.Order.DESC)))
                .containsExactly("e9", "e6", "e3");
    }

    @Test
    void refusesBadQueriesWithTheFieldNamed() {
        assertThatThrownBy(() -> api().events(EventQuery.all().withLimit(5000)))
                .isInstanceOfSatisfying(ApiException.Client.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.details()).extracting(FieldError::field).containsExactly("limit");
                });
        assertThatThrownBy(() -> api().events(EventQuery.all().withCursor("not-a-cursor")))
                .isInstanceOfSatisfying(ApiException.Client.class, e -> assertThat(e.details())
                        .extracting(FieldError::field).containsExactly("cursor"));
        assertThatThrownBy(() -> api().events(new EventQuery(null, null, null, null, 5L, 1L, null, null, null)))
                .isInstanceOfSatisfying(ApiException.Client.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void listsEventNamesMostFrequentFirstForTheWorkspaceOrOneBusiness() {
        Map<String, Object> a = event("order.created", "n1", 1_000);
        Map<String, Object> b = event("order.created", "n2", 5_000);
        b.put("businessId", "brand-2");
        Map<String, Object> c = event("order.created", "n3", 3_000);
        c.put("businessId", "brand-2");
        api().ingest(List.of(a, b, c, event("page.viewed", "n4", 2_000)));
        api().ingest(List.of(event("page.viewed", "n4", 2_000)));
        var all = api().eventNames(null);
        assertThat(all.names()).extracting(n -> n.event() + ":" + n.count() + ":" + n.firstSeen() + ":" + n.lastSeen())
                .containsExactly("order.created:3:1000:5000", "page.viewed:1:2000:2000");
        assertThat(all.proof().workspaceId()).isEqualTo(workspaceId());
        assertThat(api().eventNames("brand-2").names()).extracting(n -> n.event() + ":" + n.count())
                .containsExactly("order.created:2");
        assertThat(api().eventNames("nobody").names()).isEmpty();
    }

    @Test
    void reportsReadinessWithoutSettingValues() {
        RuntimeHealth health = api().health();
        assertThat(health.ready()).isTrue();
        assertThat(health.checks()).extracting(RuntimeHealth.Check::name)
                .contains("database", "schema", "data_folder", "disk", "usage_metering");
        assertThat(health.checks()).allSatisfy(c -> assertThat(c.status()).isIn("ok", "warn", "fail"));
        assertThat(health.settings()).allSatisfy(s -> assertThat(s.name()).isNotBlank());
    }

    // ---- analytics (docs/analytics.md): hand-made events whose answers are worked out below ----

    static final long MIN = 60_000L;
    static final long HOUR = 60 * MIN;
    static final long DAY = 24 * HOUR;
    /** Monday 2 November 2026, 00:00 UTC. */
    static final long T0 = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli();
    static final long TA = T0 - 30 * DAY;

    /** An event of {@code actor} (null: none) at {@code ts}; {@code fields} are name, value pairs. */
    static Map<String, Object> ev(String name, Object actor, long ts, Object... fields) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event", name);
        if (actor != null) {
            e.put("actor", actor);
        }
        e.put("timestamp", ts);
        return with(e, fields);
    }

    /** {@code map} with the {@code fields} name, value pairs put in order. */
    static Map<String, Object> with(Map<String, Object> map, Object... fields) {
        for (int i = 0; i < fields.length; i += 2) {
            map.put((String) fields[i], fields[i + 1]);
        }
        return map;
    }

    /**
     * Funnel page.viewed → signup.completed → order.created, every step-1 event at {@code B = T0 + 1 h}:
     * <pre>
     * u1 (actor object)   A, B +10m, C +20m             ordered 3, strict 3, any 3
     * u2 (actor string)   A, other +5m, B +30m, C +60m  ordered 3, strict 1 (other between), any 3
     * u3                  A, C +40m, B +50m             ordered 2, strict 1, any 3 (B +50m, C +40m)
     * u4                  A, B +15 days                 1 everywhere: B is outside the 14-day window
     * u5                  B only                        0: no step-1 event
     * u6 (traceId only)   A, B +90m                     ordered 2, strict 2, any 2
     * </pre>
     * plus an event without actor and a whole funnel in brand-2, which never count. Sources of the
     * step-1 events: google for u1 and u2, newsletter (attribution.source) for u3, none for u4, u6.
     */
    List<Map<String, Object>> funnelEvents() {
        long b = T0 + HOUR;
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(ev("page.viewed", Map.of("type", "customer", "id", "u1"), b, "source", Map.of("source", "google")));
        events.add(ev("signup.completed", Map.of("type", "customer", "id", "u1"), b + 10 * MIN));
        events.add(ev("order.created", Map.of("type", "customer", "id", "u1"), b + 20 * MIN,
                "properties", Map.of("qty", 2)));
        events.add(ev("page.viewed", "u2", b, "source", Map.of("source", "google")));
        events.add(ev("help.opened", "u2", b + 5 * MIN));
        events.add(ev("signup.completed", "u2", b + 30 * MIN));
        events.add(ev("order.created", "u2", b + 60 * MIN, "properties", Map.of("qty", 3)));
        events.add(ev("page.viewed", "u3", b, "attribution", Map.of("source", "newsletter")));
        events.add(ev("order.created", "u3", b + 40 * MIN));
        events.add(ev("signup.completed", "u3", b + 50 * MIN));
        events.add(ev("page.viewed", "u4", b));
        events.add(ev("signup.completed", "u4", b + 15 * DAY));
        events.add(ev("signup.completed", "u5", b));
        events.add(ev("page.viewed", null, b, "traceId", "u6"));
        events.add(ev("signup.completed", null, b + 90 * MIN, "traceId", "u6"));
        events.add(ev("page.viewed", null, b));
        events.add(ev("page.viewed", "u7", b, "businessId", "brand-2"));
        events.add(ev("signup.completed", "u7", b + MIN, "businessId", "brand-2"));
        events.add(ev("order.created", "u7", b + 2 * MIN, "businessId", "brand-2"));
        return events;
    }

    static Funnels.Query funnel(String mode, Long windowMs, Long from, Long to, String breakdown) {
        return new Funnels.Query(List.of(Funnels.Step.of("page.viewed"), Funnels.Step.of("signup.completed"),
                Funnels.Step.of("order.created")), from, to, windowMs, mode, null, breakdown);
    }

    /** Each step as "count conversionFromStart conversionFromPrevious dropOff median-in-minutes". */
    static List<String> figures(List<Funnels.StepResult> steps) {
        return steps.stream().map(s -> s.count() + " " + s.conversionFromStart() + " " + s.conversionFromPrevious()
                + " " + s.dropOff() + " " + (s.medianTimeToConvertMs() == null ? "-"
                : s.medianTimeToConvertMs() / (double) MIN)).toList();
    }

    @Test
    void orderedFunnelCountsConversionsDropOffAndMedians() {
        api().ingest(funnelEvents());
        Funnels.Result r = api().funnel(funnel(null, null, null, null, null));
        assertThat(r.mode()).isEqualTo("ordered");
        assertThat(r.windowMs()).isEqualTo(Funnels.DEFAULT_WINDOW_MS);
        assertThat(r.steps()).extracting(Funnels.StepResult::step, Funnels.StepResult::event).containsExactly(
                tuple(1, "page.viewed"), tuple(2, "signup.completed"), tuple(3, "order.created"));
        // step 2 by u1 10m, u2 30m, u3 50m, u6 90m: lower middle 30m; step 3 by u1 20m, u2 60m: 20m
        assertThat(figures(r.steps())).containsExactly("5 1.0 1.0 0 0.0", "4 0.8 0.8 1 30.0", "2 0.4 0.5 2 20.0");
        assertThat(r.proof().workspaceId()).isEqualTo(workspaceId());
        assertThat(r.proof().businessId()).isEqualTo("default");
    }

    @Test
    void strictFunnelEndsAnAttemptAtAnyOtherEventOfTheActor() {
        api().ingest(funnelEvents());
        Funnels.Result r = api().funnel(funnel("strict", null, null, null, null));
        assertThat(r.mode()).isEqualTo("strict");
        // step 2 by u1 10m and u6 90m; step 3 by u1 20m
        assertThat(figures(r.steps())).containsExactly("5 1.0 1.0 0 0.0", "2 0.4 0.4 3 10.0", "1 0.2 0.5 1 20.0");
    }

    @Test
    void anyOrderFunnelTakesTheLaterStepsInEitherOrder() {
        api().ingest(funnelEvents());
        Funnels.Result r = api().funnel(funnel("any_order", null, null, null, null));
        // step 3 at the later of steps 2 and 3: u1 20m, u2 60m, u3 50m → 50m
        assertThat(figures(r.steps())).containsExactly("5 1.0 1.0 0 0.0", "4 0.8 0.8 1 30.0", "3 0.6 0.75 1 50.0");
    }

    @Test
    void funnelWindowPeriodFilterAndRepeatedSteps() {
        api().ingest(funnelEvents());
        assertThat(figures(api().funnel(funnel(null, 45 * MIN, null, null, null)).steps()))
                .containsExactly("5 1.0 1.0 0 0.0", "2 0.4 0.4 3 10.0", "1 0.2 0.5 1 20.0");
        long b = T0 + HOUR;
        assertThat(figures(api().funnel(funnel(null, null, b, b, null)).steps()))
                .as("later steps may fall after 'to'")
                .containsExactly("5 1.0 1.0 0 0.0", "4 0.8 0.8 1 30.0", "2 0.4 0.5 2 20.0");
        assertThat(api().funnel(funnel(null, null, b + 1, null, null)).steps())
                .allSatisfy(s -> {
                    assertThat(s.count()).isZero();
                    assertThat(s.conversionFromStart()).isZero();
                    assertThat(s.medianTimeToConvertMs()).isNull();
                });

        Funnels.Query qty = new Funnels.Query(List.of(Funnels.Step.of("page.viewed"), new Funnels.Step("Two items",
                "order.created", Map.of("properties.qty", new BigDecimal("2.0")))), null, null, null, null, null, null);
        Funnels.Result filtered = api().funnel(qty);
        assertThat(filtered.steps()).extracting(Funnels.StepResult::count).containsExactly(5L, 1L);
        assertThat(filtered.steps().get(1).name()).isEqualTo("Two items");

        Funnels.Query google = new Funnels.Query(List.of(new Funnels.Step(null, "page.viewed",
                Map.of("source.source", "google")), Funnels.Step.of("signup.completed")), null, null, null, null, null,
                null);
        assertThat(api().funnel(google).steps()).extracting(Funnels.StepResult::count).containsExactly(2L, 2L);

        api().ingest(List.of(ev("page.viewed", "v1", T0), ev("page.viewed", "v1", T0 + MIN)));
        Funnels.Result twice = api().funnel(Funnels.Query.of("page.viewed", "page.viewed"));
        assertThat(twice.steps()).extracting(Funnels.StepResult::count)
                .as("A → A needs two A events: only v1 has them").containsExactly(6L, 1L);
        assertThat(twice.steps().get(1).medianTimeToConvertMs()).isEqualTo(MIN);
    }

    @Test
    void funnelBreakdownByTheSourceOfTheStepOneEvent() {
        api().ingest(funnelEvents());
        Funnels.Result r = api().funnel(funnel(null, null, null, null, "source"));
        assertThat(r.breakdownBy()).isEqualTo("source");
        assertThat(r.breakdown()).extracting(Funnels.Breakdown::value).containsExactly("(none)", "google", "newsletter");
        assertThat(r.breakdown()).extracting(b -> b.steps().stream().map(Funnels.StepResult::count).toList())
                .containsExactly(List.of(2L, 1L, 0L), List.of(2L, 2L, 2L), List.of(1L, 1L, 0L));
    }

    @Test
    void funnelDrillDownListsWhoReachedOrDroppedInPages() {
        api().ingest(funnelEvents());
        Funnels.Query f = funnel(null, null, null, null, null);
        long b = T0 + HOUR;
        Funnels.Actors dropped = api().funnelActors(new Funnels.ActorsQuery(f, 3, null, null, null, null));
        assertThat(dropped.total()).isEqualTo(2);
        assertThat(dropped.actors()).containsExactly(new Funnels.Actor("u3", 2, b, b + 50 * MIN),
                new Funnels.Actor("u6", 2, b, b + 90 * MIN));
        assertThat(dropped.nextCursor()).isNull();

        Funnels.Actors first = api().funnelActors(new Funnels.ActorsQuery(f, 2, "reached", null, 3, null));
        assertThat(first.total()).isEqualTo(4);
        assertThat(first.actors()).extracting(Funnels.Actor::actor).containsExactly("u1", "u2", "u3");
        assertThat(first.nextCursor()).isNotNull();
        Funnels.Actors rest = api().funnelActors(new Funnels.ActorsQuery(f, 2, "reached", null, 3, first.nextCursor()));
        assertThat(rest.actors()).extracting(Funnels.Actor::actor).containsExactly("u6");
        assertThat(rest.nextCursor()).isNull();

        Funnels.Actors google = api().funnelActors(new Funnels.ActorsQuery(funnel(null, null, null, null, "source"), 3,
                "reached", "google", null, null));
        assertThat(google.actors()).extracting(Funnels.Actor::actor, Funnels.Actor::level)
                .containsExactly(tuple("u1", 3), tuple("u2", 3));
    }

    /**
     * Conversions (order.created) and their touchpoints, lookback 30 days by default, from TA (30 days
     * before T0, so that p4's order is in the past):
     * <pre>
     * p1  google TA (channel paid), newsletter TA+1d (channel email, medium email, campaign nov-promo),
     *     blog TA+2d, order TA+3d "100.00"
     * p2  google TA+1d (source.platform, channel paid), order TA+1d+1h 50
     * p3  order TA+2d "20" (outcome.revenue): no touchpoints, (direct)
     * p4  social TA (source.channel, campaign winter), order TA+31d 30: outside 30 days, (direct)
     * --  order TA+4d 5 without actor, itself carrying source google: (direct), never crediting itself
     * </pre>
     * plus a google page view without actor (a touchpoint count, never credit) and brand-2 events.
     */
    List<Map<String, Object>> attributionEvents() {
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(ev("ad.clicked", "p1", TA, "source", Map.of("source", "google", "channel", "paid")));
        events.add(ev("email.opened", "p1", TA + DAY, "attribution", Map.of("source", "newsletter", "channel", "email",
                "medium", "email", "campaign", "nov-promo")));
        events.add(ev("page.viewed", "p1", TA + 2 * DAY, "source", Map.of("source", "blog")));
        events.add(ev("order.created", "p1", TA + 3 * DAY, "properties", Map.of("amount", "100.00")));
        events.add(ev("ad.clicked", "p2", TA + DAY, "source", Map.of("platform", "google", "channel", "paid")));
        events.add(ev("order.created", "p2", TA + DAY + HOUR, "properties", Map.of("amount", 50)));
        events.add(ev("order.created", "p3", TA + 2 * DAY, "outcome", Map.of("revenue", "20")));
        events.add(ev("ad.clicked", "p4", TA, "source", Map.of("channel", "social", "campaign", "winter")));
        events.add(ev("order.created", "p4", TA + 31 * DAY, "properties", Map.of("total", 30)));
        events.add(ev("page.viewed", null, TA + 5 * HOUR, "source", Map.of("source", "google")));
        events.add(ev("order.created", null, TA + 4 * DAY, "properties", Map.of("amount", 5),
                "source", Map.of("source", "google")));
        events.add(ev("ad.clicked", "p9", TA, "businessId", "brand-2", "source", Map.of("source", "google")));
        events.add(ev("order.created", "p9", TA + HOUR, "businessId", "brand-2", "properties", Map.of("amount", 999)));
        return events;
    }

    static Attribution.Query credit(String model, String groupBy, Long lookbackMs) {
        return new Attribution.Query(null, null, null, "order.created", model, groupBy, lookbackMs);
    }

    /** Each credit as "key conversions revenue", numbers without trailing zeros. */
    static List<String> credits(Attribution.Result r) {
        return r.credit().stream().map(c -> c.key() + " " + c.conversions().stripTrailingZeros().toPlainString() + " "
                + c.revenue().stripTrailingZeros().toPlainString()).toList();
    }

    @Test
    void attributionCountsTouchpointsPerFieldLargestFirst() {
        api().ingest(attributionEvents());
        Attribution.Result r = api().attribution(Attribution.Query.counts(null, null));
        assertThat(r.bySource()).containsExactly(entry("google", 4L), entry("blog", 1L), entry("newsletter", 1L),
                entry("social", 1L));
        assertThat(r.byChannel()).containsExactly(entry("paid", 2L), entry("email", 1L), entry("social", 1L));
        assertThat(r.byCampaign()).containsExactly(entry("nov-promo", 1L), entry("winter", 1L));
        assertThat(r.byMedium()).containsExactly(entry("email", 1L));
        assertThat(r.credit()).isNull();

        Attribution.Result later = api().attribution(Attribution.Query.counts(TA + DAY, null));
        assertThat(later.bySource()).containsExactly(entry("google", 2L), entry("blog", 1L), entry("newsletter", 1L));
    }

    @Test
    void attributionCreditUnderEachModel() {
        api().ingest(attributionEvents());
        Attribution.Result first = api().attribution(credit(null, null, null));
        assertThat(first.model()).isEqualTo("first_touch");
        assertThat(first.groupBy()).isEqualTo("source");
        assertThat(first.conversions()).isEqualTo(5);
        assertThat(first.revenue()).isEqualByComparingTo("205");
        assertThat(credits(first)).containsExactly("(direct) 3 55", "google 2 150");
        assertThat(credits(api().attribution(credit("last_touch", null, null))))
                .containsExactly("(direct) 3 55", "blog 1 100", "google 1 50");
        assertThat(credits(api().attribution(credit("linear", null, null))))
                .containsExactly("(direct) 3 55", "google 1.3333 83.33", "blog 0.3333 33.33", "newsletter 0.3333 33.33");
        assertThat(credits(api().attribution(credit("position_based", null, null))))
                .containsExactly("(direct) 3 55", "google 1.4 90", "blog 0.4 40", "newsletter 0.2 20");

        double google = Math.pow(2, -3 / 7.0);
        double newsletter = Math.pow(2, -2 / 7.0);
        double blog = Math.pow(2, -1 / 7.0);
        double sum = google + newsletter + blog;
        Attribution.Result decay = api().attribution(credit("time_decay", null, null));
        assertThat(decay.credit()).extracting(Attribution.Credit::key)
                .containsExactly("(direct)", "google", "blog", "newsletter");
        assertThat(decay.credit()).extracting(c -> c.conversions().doubleValue()).containsExactly(3.0,
                round(1 + google / sum, 4), round(blog / sum, 4), round(newsletter / sum, 4));
        assertThat(decay.credit()).extracting(c -> c.revenue().doubleValue()).containsExactly(55.0,
                round(50 + 100 * google / sum, 2), round(100 * blog / sum, 2), round(100 * newsletter / sum, 2));
    }

    @Test
    void attributionLookbackIsInclusiveAndGroupByPicksTheField() {
        api().ingest(attributionEvents());
        assertThat(credits(api().attribution(credit(null, null, 31 * DAY))))
                .as("p4's touchpoint is exactly 31 days before its order")
                .containsExactly("(direct) 2 25", "google 2 150", "social 1 30");
        assertThat(credits(api().attribution(credit(null, "channel", null))))
                .containsExactly("(direct) 3 55", "paid 2 150");
        assertThat(credits(api().attribution(credit("last_touch", "channel", null))))
                .containsExactly("(direct) 3 55", "email 1 100", "paid 1 50");
    }

    /**
     * Day D0 = T0 (a Monday): a1 views (google) at +1h, a2 views (google) at +2h, a1 orders "10.50"
     * (qty 2) at +3h; D1 nothing; D2 a1 views (attribution.source newsletter) at +5h, a3 orders with
     * outcome.revenue 4.25 (qty 3) at +6h; D3 a view without actor at +1h; a brand-2 view on D1.
     */
    List<Map<String, Object>> metricsEvents() {
        return List.of(
                ev("page.viewed", "a1", T0 + HOUR, "source", Map.of("source", "google")),
                ev("page.viewed", "a2", T0 + 2 * HOUR, "source", Map.of("source", "google")),
                ev("order.created", "a1", T0 + 3 * HOUR, "properties", Map.of("amount", "10.50", "qty", 2)),
                ev("page.viewed", "a1", T0 + 2 * DAY + 5 * HOUR, "attribution", Map.of("source", "newsletter")),
                ev("order.created", "a3", T0 + 2 * DAY + 6 * HOUR, "outcome", Map.of("revenue", new BigDecimal("4.25")),
                        "properties", Map.of("qty", 3)),
                ev("page.viewed", null, T0 + 3 * DAY + HOUR),
                ev("page.viewed", "a9", T0 + DAY, "businessId", "brand-2"));
    }

    static Map<Long, Long> series(long start, long step, long... counts) {
        Map<Long, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < counts.length; i++) {
            m.put(start + i * step, counts[i]);
        }
        return m;
    }

    @Test
    void metricsTotalsUniqueActorsRevenueAndZeroFilledSeries() {
        api().ingest(metricsEvents());
        Metrics.Result all = api().metrics(Metrics.Query.of(null, null, null));
        assertThat(all.totalEvents()).isEqualTo(6);
        assertThat(all.uniqueActors()).isEqualTo(3);
        assertThat(all.revenue()).isEqualByComparingTo("14.75");
        assertThat(all.interval()).isEqualTo("day");
        assertThat(all.series()).containsExactlyEntriesOf(series(T0, DAY, 3, 0, 2, 1));
        assertThat(all.metrics().get("events")).isEqualByComparingTo("6");
        assertThat(all.metrics().get("uniqueActors")).isEqualByComparingTo("3");
        assertThat(all.metrics().get("revenue")).isEqualByComparingTo("14.75");

        Metrics.Result views = api().metrics(Metrics.Query.of("page.viewed", T0 - 2 * DAY, T0 + 3 * DAY + 12 * HOUR));
        assertThat(views.totalEvents()).isEqualTo(4);
        assertThat(views.uniqueActors()).isEqualTo(2);
        assertThat(views.revenue()).isEqualByComparingTo("0");
        assertThat(views.series()).containsExactlyEntriesOf(series(T0 - 2 * DAY, DAY, 0, 0, 2, 0, 1, 1));
        assertThat(views.proof().period()).isEqualTo(new Period(T0 - 2 * DAY, T0 + 3 * DAY + 12 * HOUR));

        Metrics.Result hours = api().metrics(new Metrics.Query(null, T0, T0 + 4 * HOUR - 1, null, "hour", null, null,
                null));
        assertThat(hours.series()).containsExactlyEntriesOf(series(T0, HOUR, 0, 1, 1, 1));
        assertThat(api().metrics(new Metrics.Query(null, null, null, null, "week", null, null, null)).series())
                .containsExactlyEntriesOf(Map.of(T0, 6L));
        assertThat(api().metrics(new Metrics.Query(null, null, null, null, "month", null, null, null)).series())
                .containsExactlyEntriesOf(Map.of(Instant.parse("2026-11-01T00:00:00Z").toEpochMilli(), 6L));
        assertThat(api().metrics(new Metrics.Query(null, null, null, "brand-2", null, null, null, null)).totalEvents())
                .isEqualTo(1);

        assertThatThrownBy(() -> api().metrics(new Metrics.Query(null, 0L, T0, null, "hour", null, null, null)))
                .as("more than 10,000 hourly buckets").isInstanceOfSatisfying(ApiException.Client.class,
                        e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void metricsGroupedLargestFirstWithNoneForEventsWithoutTheField() {
        api().ingest(metricsEvents());
        Metrics.Result r = api().metrics(new Metrics.Query(null, null, null, null, null, "source", null, null));
        assertThat(r.groupBy()).isEqualTo("source");
        assertThat(r.groups()).extracting(Metrics.Group::key, Metrics.Group::count, Metrics.Group::uniqueActors)
                .containsExactly(tuple("(none)", 3L, 2L), tuple("google", 2L, 2L), tuple("newsletter", 1L, 1L));
        assertThat(r.groups().get(0).series()).containsExactlyEntriesOf(series(T0, DAY, 1, 0, 1, 1));
        assertThat(r.groups().get(1).series()).containsExactlyEntriesOf(series(T0, DAY, 2, 0, 0, 0));

        Metrics.Result byEvent = api().metrics(new Metrics.Query(null, null, null, null, null, "event", null, null));
        assertThat(byEvent.groups()).extracting(Metrics.Group::key, Metrics.Group::count, Metrics.Group::uniqueActors)
                .containsExactly(tuple("page.viewed", 4L, 2L), tuple("order.created", 2L, 2L));
    }

    @Test
    void metricDefinitionsAreStoredReplacedUsedAndDeleted() {
        assumeOffered(Capabilities.Feature.METRIC_DEFINITION_CHANGES);
        api().ingest(metricsEvents());
        api().saveMetricDefinition(new Metrics.Definition("orders", "order.created", "count", null, null, null));
        api().saveMetricDefinition(new Metrics.Definition("order_revenue", "order.created", "sum", "revenue", null,
                null));
        api().saveMetricDefinition(new Metrics.Definition("qty", "order.created", "sum", "properties.qty", null, null));
        Metrics.Definition buyers = api().saveMetricDefinition(new Metrics.Definition("buyers", "order.created",
                "unique_actors", null, "who ordered", null));
        assertThat(buyers.name()).isEqualTo("buyers");
        assertThat(buyers.updatedAt()).isNotNull();

        assertThat(api().metricDefinitions().definitions()).extracting(Metrics.Definition::name)
                .containsExactly("buyers", "order_revenue", "orders", "qty");
        Metrics.Result r = api().metrics(Metrics.Query.of("page.viewed", null, null));
        assertThat(r.metrics()).containsOnlyKeys("events", "uniqueActors", "revenue", "orders", "order_revenue", "qty",
                "buyers");
        assertThat(r.metrics().get("events")).as("eventName applies to the built-in values").isEqualByComparingTo("4");
        assertThat(r.metrics().get("orders")).as("a definition's event replaces eventName").isEqualByComparingTo("2");
        assertThat(r.metrics().get("order_revenue")).isEqualByComparingTo("14.75");
        assertThat(r.metrics().get("qty")).isEqualByComparingTo("5");
        assertThat(r.metrics().get("buyers")).isEqualByComparingTo("2");
        assertThat(api().metrics(new Metrics.Query(null, T0 + DAY, null, null, null, null, null, List.of("orders")))
                .metrics()).containsOnlyKeys("events", "uniqueActors", "revenue", "orders")
                .hasEntrySatisfying("orders", v -> assertThat(v).isEqualByComparingTo("1"));

        api().saveMetricDefinition(new Metrics.Definition("orders", "order.created", "count", null, "all orders", null));
        assertThat(api().metricDefinitions().definitions()).hasSize(4)
                .filteredOn(d -> d.name().equals("orders")).singleElement()
                .satisfies(d -> assertThat(d.description()).isEqualTo("all orders"));

        api().deleteMetricDefinition("buyers");
        assertThat(api().metricDefinitions().definitions()).extracting(Metrics.Definition::name)
                .containsExactly("order_revenue", "orders", "qty");
        assertThatThrownBy(() -> api().deleteMetricDefinition("buyers"))
                .isInstanceOfSatisfying(ApiException.Client.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("not_found");
                });
        assertThatThrownBy(() -> api().saveMetricDefinition(new Metrics.Definition("bad name!", "order.created",
                "sum", null, null, null))).isInstanceOfSatisfying(ApiException.Client.class,
                        e -> assertThat(e.details()).extracting(FieldError::field)
                                .containsExactlyInAnyOrder("name", "property"));
        assertThat(api().metricDefinitions().definitions()).hasSize(3);
    }

    @Test
    void snapshotsArePersistedOnRequestAndListedNewestFirst() {
        api().ingest(metricsEvents());
        defineMetric(new Metrics.Definition("orders", "order.created", "count", null, null, null));
        Metrics.Query q = new Metrics.Query(null, T0, T0 + 7 * DAY, null, null, null, true, List.of("orders"));
        Metrics.Result first = api().metrics(q);
        assertThat(first.snapshots()).extracting(Metrics.Snapshot::metric)
                .containsExactlyInAnyOrder("events", "uniqueActors", "revenue", "orders");
        assertThat(first.snapshots()).filteredOn(s -> s.metric().equals("orders")).singleElement().satisfies(s -> {
            assertThat(s.value()).isEqualByComparingTo("2");
            assertThat(s.businessId()).isEqualTo("default");
            assertThat(s.from()).isEqualTo(T0);
            assertThat(s.to()).isEqualTo(T0 + 7 * DAY);
            assertThat(s.queryId()).isEqualTo(first.proof().queryId());
        });
        assertThat(api().metrics(Metrics.Query.of(null, null, null)).snapshots()).as("only when asked").isNull();
        Metrics.Result second = api().metrics(q);

        Metrics.Snapshots orders = api().metricSnapshots("orders", null);
        assertThat(orders.snapshots()).extracting(Metrics.Snapshot::queryId)
                .containsExactly(second.proof().queryId(), first.proof().queryId());
        assertThat(api().metricSnapshots(null, null).snapshots()).hasSize(8)
                .isSortedAccordingTo((a, b) -> Long.compare(b.computedAt(), a.computedAt()));
        assertThat(api().metricSnapshots(null, 3).snapshots()).hasSize(3);
        assertThat(api().metricSnapshots("nothing", null).snapshots()).isEmpty();
    }

    /**
     * The week from T0 and the week before it: one order of 100 before; in the week two orders (100,
     * "50.5"), a payment (10), two leads, three scans (one by its trackable), a T3 event without
     * proof and a T4 event with one, an agent's runs, nine signups, and the newest event 30 minutes
     * before the end.
     */
    List<Map<String, Object>> healthEvents(long end) {
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(ev("order.created", "c0", T0 - 3 * DAY, "properties", Map.of("amount", 100)));
        events.add(ev("order.created", "c1", T0 + DAY, "properties", Map.of("amount", 100),
                "source", Map.of("source", "google")));
        events.add(ev("order.created", "c2", T0 + 2 * DAY, "properties", Map.of("amount", "50.5")));
        events.add(ev("payment.captured", "c1", T0 + DAY + HOUR, "properties", Map.of("amount", 10)));
        events.add(ev("lead.created", "l1", T0 + 3 * DAY));
        events.add(ev("lead.qualified", "l1", T0 + 3 * DAY + HOUR));
        events.add(ev("qr.bottle_scanned", "s1", T0 + 4 * DAY));
        events.add(ev("scan.completed", "s2", T0 + 4 * DAY + HOUR));
        events.add(ev("page.viewed", "s3", T0 + 4 * DAY + 2 * HOUR, "trackable", Map.of("code", "TR-1")));
        events.add(ev("refund.approved", "ops", T0 + 5 * DAY, "trustTier", "T3", "id", "needs-proof"));
        events.add(ev("shipment.released", "ops", T0 + 5 * DAY + HOUR, "trustTier", "T4", "proofId", "proof-1"));
        events.add(ev("agent.run_started", "bot", T0 + 6 * DAY));
        events.add(ev("agent.run_started", "bot", T0 + 6 * DAY + MIN));
        events.add(ev("agent.run_completed", "bot", T0 + 6 * DAY + 2 * MIN));
        events.add(ev("agent.run_failed", "bot", T0 + 6 * DAY + 3 * MIN));
        for (int i = 0; i < 9; i++) {
            events.add(ev("signup.completed", "n" + i, T0 + DAY + i * HOUR));
        }
        events.add(ev("page.viewed", "s3", end - 30 * MIN));
        events.add(ev("order.created", "x1", T0 + DAY, "businessId", "brand-2", "properties", Map.of("amount", 999)));
        return events;
    }

    @Test
    void businessHealthCountsClassesAndExplainsItsScore() {
        long end = T0 + 7 * DAY - 1;
        api().ingest(healthEvents(end));
        BusinessHealth h = api().businessHealth("default", new BusinessHealth.Query(5, T0, end));
        assertThat(h.businessId()).isEqualTo("default");
        assertThat(h.orders()).isEqualTo(2);
        assertThat(h.leads()).isEqualTo(2);
        assertThat(h.scans()).isEqualTo(3);
        assertThat(h.revenue()).isEqualByComparingTo("160.50");
        assertThat(h.pendingApprovals()).isZero();
        assertThat(h.governance()).isEqualTo(BusinessHealth.GOVERNANCE_NOT_SET_UP);
        assertThat(h.totalEvents()).isEqualTo(24);
        assertThat(h.lastEventAt()).isEqualTo(end - 30 * MIN);
        assertThat(h.recentEvents()).hasSize(5);
        assertThat(h.recentEvents().get(0).timestamp()).isEqualTo(end - 30 * MIN);
        assertThat(h.metrics()).containsEntry("order.created", 2L).containsEntry("signup.completed", 9L);
        assertThat(h.bySource()).containsExactly(entry("google", 1L));
        assertThat(h.workflows()).containsExactly(new BusinessHealth.Workflow("agent", 2, 1, 1));

        assertThat(h.components()).hasSize(5);
        assertThat(h.components()).extracting(BusinessHealth.Component::weight).containsOnly(20);
        assertThat(h.components().stream().mapToInt(BusinessHealth.Component::weight).sum()).isEqualTo(100);
        assertThat(h.components()).allSatisfy(c -> {
            assertThat(c.status()).isEqualTo(BusinessHealth.Component.SCORED);
            assertThat(c.score()).isBetween(0, 100);
            assertThat(c.value()).isNotBlank();
            assertThat(c.explanation()).isNotBlank();
        });
        assertThat(h.components()).extracting(BusinessHealth.Component::name, BusinessHealth.Component::score)
                .contains(tuple("freshness", 100), tuple("activity trend", 100), tuple("revenue trend", 100),
                        tuple("proof coverage", 50));
        assertThat(h.healthScore()).isEqualTo((int) Math.round(h.components().stream()
                .mapToDouble(c -> c.weight() * c.score()).sum() / 100));
        assertThat(h.alerts()).isNotNull();
        assertThat(h.nextActions()).isNotNull();
        assertThat(h.proof().businessId()).isEqualTo("default");
        assertThat(h.proof().period()).isEqualTo(new Period(T0, end));

        assertThat(api().businessHealth("brand-2", new BusinessHealth.Query(null, T0, end)).revenue())
                .isEqualByComparingTo("999");
        assertThatThrownBy(() -> api().businessHealth("nobody", null)).isInstanceOfSatisfying(ApiException.Client.class,
                e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void businessHealthOfABusinessWithoutEventsHasNoDataInsteadOfAScore() {
        BusinessHealth h = api().businessHealth("default", new BusinessHealth.Query(5, T0, T0 + 7 * DAY - 1));
        assertThat(h.healthScore()).as("no data, not a green 80").isNull();
        assertThat(h.components()).hasSize(5).allSatisfy(c -> {
            assertThat(c.status()).isEqualTo(BusinessHealth.Component.NO_DATA);
            assertThat(c.score()).isNull();
            assertThat(c.hasData()).isFalse();
            assertThat(c.weight()).isEqualTo(20);
            assertThat(c.explanation()).startsWith("no data: ");
        });
        assertThat(h.governance()).isEqualTo(BusinessHealth.GOVERNANCE_NOT_SET_UP);
        assertThat(h.pendingApprovals()).isZero();
        assertThat(h.totalEvents()).isZero();
        assertThat(h.lastEventAt()).isNull();
        assertThat(h.alerts()).extracting(BusinessHealth.Alert::code).containsExactly("no_events");
        assertThat(h.nextActions()).extracting(NextAction::id).containsExactly("connect_source");
    }

    @Test
    void agentContextAnswersEachModeAsJsonAndAsText() {
        long end = T0 + 7 * DAY - 1;
        api().ingest(healthEvents(end));
        for (AgentContext.Mode mode : AgentContext.Mode.values()) {
            AgentContext.Result r = api().agentContext(new AgentContext.Query(Checks.Wire.name(mode), null, 100, T0,
                    end));
            assertThat(r.mode()).isEqualTo(Checks.Wire.name(mode));
            assertThat(r.text()).as(mode.name()).isNotBlank();
            assertThat(r.businessId()).isEqualTo("default");
            assertThat(r.period()).isEqualTo(new Period(T0, end));
            assertThat(r.previousPeriod()).isEqualTo(new Period(T0 - 7 * DAY, T0 - 1));
            switch (mode) {
                case SUMMARY -> assertThat(r.summary()).isNotEmpty();
                case WHAT_CHANGED -> {
                    assertThat(r.changes().get(0)).satisfies(c -> {
                        assertThat(c.event()).isEqualTo("signup.completed");
                        assertThat(c.current()).isEqualTo(9);
                        assertThat(c.previous()).isZero();
                        assertThat(c.zScore()).isCloseTo(3.0, within(1e-3));
                        assertThat(c.significant()).isTrue();
                    });
                    assertThat(r.changes()).filteredOn(c -> c.event().equals("order.created")).singleElement()
                            .satisfies(c -> {
                                assertThat(c.current()).isEqualTo(2);
                                assertThat(c.previous()).isEqualTo(1);
                                assertThat(c.zScore()).isCloseTo(1 / Math.sqrt(3), within(1e-3));
                                assertThat(c.significant()).isFalse();
                            });
                }
                case ANOMALIES -> assertThat(r.anomalies()).isNotNull();
                case MISSING_PROOF -> assertThat(r.missingProof()).singleElement().satisfies(m -> {
                    assertThat(m.eventId()).isEqualTo("needs-proof");
                    assertThat(m.trustTier()).isEqualTo("T3");
                });
                case RECOMMEND_NEXT_ACTIONS -> assertThat(r.nextActions()).isNotNull()
                        .allSatisfy(a -> assertThat(a.consequential() == (a.decision() != null)).isTrue());
            }
        }
    }

    @Test
    void usageMetersTheCallsServedAndTheMonthlyQuota() throws Exception {
        api().events(EventQuery.all());
        api().eventNames(null);
        assertThatThrownBy(() -> api().events(EventQuery.all().withLimit(0))).isInstanceOf(ApiException.Client.class);
        Usage.Report report = api().usage(Usage.Query.defaults());
        if (metersCalls() && readsThroughGraphQl()) {
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (calls(report, "/api/graphql") < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
                report = api().usage(Usage.Query.defaults());
            }
            assertThat(calls(report, "/api/graphql")).as("the refused query never left the client").isEqualTo(2);
            assertThat(report.records()).extracting(Usage.Record::endpoint).contains("/api/graphql")
                    .doesNotContain("/api/events", "/api/events/names");
            assertThat(report.quota().used()).isEqualTo(report.totalCalls()).isGreaterThanOrEqualTo(2);
        } else if (metersCalls()) {
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (calls(report, "/api/events") < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
                report = api().usage(Usage.Query.defaults());
            }
            assertThat(report.totals()).filteredOn(t -> t.endpoint().equals("/api/events")).singleElement()
                    .satisfies(t -> {
                        assertThat(t.calls()).isEqualTo(2);
                        assertThat(t.errors()).isEqualTo(1);
                        assertThat(t.byStatus()).containsExactly(entry("200", 1L), entry("400", 1L));
                    });
            assertThat(calls(report, "/api/events/names")).isEqualTo(1);
            assertThat(report.records()).extracting(Usage.Record::endpoint).contains("/api/events", "/api/events/names");
            assertThat(report.records()).isSortedAccordingTo((a, b) -> Long.compare(b.at(), a.at()));
            assertThat(report.quota().used()).isEqualTo(report.totalCalls()).isGreaterThanOrEqualTo(3);
            Usage.Report one = api().usage(new Usage.Query(1, null, null));
            assertThat(one.records()).hasSize(1);
        } else {
            assertThat(report.records()).isEmpty();
            assertThat(report.totals()).isEmpty();
            assertThat(report.totalCalls()).isZero();
            assertThat(report.quota().used()).isZero();
        }
        assertThat(report.quota().limit()).isEqualTo(Usage.DEFAULT_MONTHLY_QUOTA);
        assertThat(report.quota().used() + report.quota().remaining()).isEqualTo(report.quota().limit());
        assertThat(report.quota().periodStart()).isEqualTo(YearMonth.now(ZoneOffset.UTC).atDay(1)
                .atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
        assertThat(report.proof().workspaceId()).isEqualTo(workspaceId());
    }

    private static long calls(Usage.Report report, String endpoint) {
        return report.totals().stream().filter(t -> t.endpoint().equals(endpoint)).mapToLong(Usage.Total::calls).sum();
    }

    @Test
    void badAnalyticsQueriesAre400NamingTheField() {
        assertField(() -> api().funnel(new Funnels.Query(List.of(), null, null, null, null, null, null)), "steps");
        List<Funnels.Step> many = new ArrayList<>();
        for (int i = 0; i <= Funnels.MAX_STEPS; i++) {
            many.add(Funnels.Step.of("a.b"));
        }
        assertField(() -> api().funnel(new Funnels.Query(many, null, null, null, null, null, null)), "steps");
        assertField(() -> api().funnel(funnel("sideways", null, null, null, null)), "mode");
        assertField(() -> api().funnel(funnel(null, 0L, null, null, null)), "windowMs");
        assertField(() -> api().funnelActors(new Funnels.ActorsQuery(funnel(null, null, null, null, null), 1,
                "dropped", null, null, null)), "step");
        assertField(() -> api().funnelActors(new Funnels.ActorsQuery(funnel(null, null, null, null, null), 2,
                null, null, null, "junk")), "cursor");
        assertField(() -> api().attribution(credit("nope", null, null)), "model");
        assertField(() -> api().attribution(credit(null, null, -1L)), "lookbackMs");
        assertField(() -> api().metrics(new Metrics.Query(null, null, null, null, "fortnight", null, null, null)),
                "interval");
        assertField(() -> api().metrics(Metrics.Query.of(null, 10L, 5L)), "from");
        assertField(() -> api().agentContext(new AgentContext.Query("chat", null, null, null, null)), "mode");
        assertField(() -> api().usage(new Usage.Query(0, null, null)), "limit");
        assertField(() -> api().businessHealth("default", new BusinessHealth.Query(0, null, null)), "limit");
        assertField(() -> api().businessHealth(null, null), "id");
        assertField(() -> api().metricSnapshots(null, 0), "limit");
    }

    // ---- Trackables (PRODUCT.md §6) ----

    static Trackables.NewTrackable referenceTrackable() {
        return new Trackables.NewTrackable("qr_code", "Olive Oil Bottle QR", "https://roastandorigin.com/ethiopia",
                "qr.bottle_scanned", true);
    }

    @Test
    void createsTheReferenceTrackableWithAStableCodeAPayloadAndAQrSvgThatDecodesToIt() {
        long before = System.currentTimeMillis();
        Trackables.Trackable t = api().createTrackable(referenceTrackable());
        assertThat(t.code()).hasSize(TrackableCodes.LENGTH).isEqualTo(TrackableCodes.normalize(t.code()));
        assertThat(t.kind()).isEqualTo("qr_code");
        assertThat(t.name()).isEqualTo("Olive Oil Bottle QR");
        assertThat(t.targetUrl()).isEqualTo("https://roastandorigin.com/ethiopia");
        assertThat(t.eventName()).isEqualTo("qr.bottle_scanned");
        assertThat(t.businessId()).isEqualTo("default");
        assertThat(t.payload()).isEqualTo("https://roastandorigin.com/ethiopia?ha_code=" + t.code());
        assertThat(t.trackingUrl()).endsWith("/t/" + t.code()).startsWith("http");
        assertThat(t.createdAt()).isGreaterThanOrEqualTo(before);
        assertThat(t.createdBy()).isNotBlank();
        assertThat(t.scans()).isZero();
        assertThat(t.lastScanAt()).isNull();
        assertThat(t.proof().workspaceId()).isEqualTo(workspaceId());
        assertThat(SvgSymbolReader.decode(t.qrSvg())).isEqualTo(t.payload());

        Trackables.Trackable read = api().trackable(t.code().toLowerCase(Locale.ROOT));
        assertThat(read.withQrSvg(null)).usingRecursiveComparison().ignoringFields("proof")
                .isEqualTo(t.withQrSvg(null));
        assertThat(read.qrSvg()).isNull();
        assertThat(read.proof().workspaceId()).isEqualTo(workspaceId());
    }

    @Test
    void aBarcodeEncodesItsBareCodeAndATrackableWithoutTargetEncodesItsTrackingLink() {
        Trackables.Trackable barcode = api().createTrackable(new Trackables.NewTrackable("barcode", "Pallet 7",
                "https://example.com/pallets/7", null, true));
        assertThat(barcode.payload()).isEqualTo(barcode.code());
        assertThat(barcode.eventName()).isEqualTo(Trackables.DEFAULT_EVENT);
        assertThat(SvgSymbolReader.decode(barcode.qrSvg())).isEqualTo(barcode.code());
        Trackables.Trackable noTarget = api().createTrackable(new Trackables.NewTrackable("sensor", "Cold room 2",
                null, "sensor.read", false));
        assertThat(noTarget.payload()).isEqualTo(noTarget.trackingUrl()).endsWith("/t/" + noTarget.code());
        assertThat(noTarget.qrSvg()).isNull();
        assertThat(noTarget.code()).isNotEqualTo(barcode.code());
    }

    @Test
    void listsTrackablesNewestFirstWithCodeKindAndTextFilters() {
        Trackables.Trackable oil = api().createTrackable(referenceTrackable());
        Trackables.Trackable pallet = api().createTrackable(new Trackables.NewTrackable("barcode", "Pallet 7", null,
                null, false));
        Trackables.Trackable agent = api().createTrackable(new Trackables.NewTrackable("ai_agent", "Pricing agent",
                null, "agent.called", false));
        assertThat(api().trackables(Trackables.Query.all()).trackables()).extracting(Trackables.Trackable::code)
                .containsExactly(agent.code(), pallet.code(), oil.code());
        assertThat(api().trackables(new Trackables.Query(null, "barcode", null, null)).trackables())
                .extracting(Trackables.Trackable::code).containsExactly(pallet.code());
        assertThat(api().trackables(new Trackables.Query(null, null, "OLIVE oil", null)).trackables())
                .extracting(Trackables.Trackable::code).containsExactly(oil.code());
        assertThat(api().trackables(new Trackables.Query(null, null, agent.code().toLowerCase(Locale.ROOT), null))
                .trackables()).extracting(Trackables.Trackable::code).contains(agent.code());
        assertThat(api().trackables(new Trackables.Query(pallet.code().toLowerCase(Locale.ROOT), null, null, null))
                .trackables()).extracting(Trackables.Trackable::code).containsExactly(pallet.code());
        Trackables.TrackableList one = api().trackables(new Trackables.Query(null, null, null, 1));
        assertThat(one.trackables()).extracting(Trackables.Trackable::code).containsExactly(agent.code());
        assertThat(one.proof().workspaceId()).isEqualTo(workspaceId());
        assertField(() -> api().trackables(new Trackables.Query(null, null, null, 0)), "limit");
        assertField(() -> api().trackables(new Trackables.Query(null, null, null, Trackables.MAX_LIMIT + 1)), "limit");
        assertField(() -> api().trackables(new Trackables.Query(null, "QR_CODE", null, null)), "kind");
        assertField(() -> api().trackables(new Trackables.Query("AB\u0000CD", null, null, null)), "code");
    }

    @Test
    void anUnknownCodeIsNotFoundAndAControlCharacterInACodeIsInvalid() {
        api().createTrackable(referenceTrackable());
        for (String unknown : List.of("ZZZZZZZZ", "UUUUUUUU", "abc", "ZZZZ-ZZZZ-ZZZZ-ZZZZ-Z")) {
            assertThatThrownBy(() -> api().trackable(unknown)).as(unknown)
                    .isInstanceOfSatisfying(ApiException.Client.class, e -> {
                        assertThat(e.status()).isEqualTo(404);
                        assertThat(e.code()).isEqualTo(ErrorCodes.NOT_FOUND);
                    });
        }
        assertField(() -> api().trackable("AB\u0000CDEFG"), "code");
        assertField(() -> api().trackable("AB\nCDEFG"), "code");
        assertField(() -> api().trackable("A".repeat(300)), "code");
    }

    @Test
    void hostileTrackablesAreRefusedFieldByFieldAndStoreNothing() {
        Trackables.Trackable kept = api().createTrackable(referenceTrackable());
        String url = "https://roastandorigin.com/ethiopia";
        assertField(() -> api().createTrackable(new Trackables.NewTrackable("qr", "n", url, null, false)), "kind");
        assertField(() -> api().createTrackable(new Trackables.NewTrackable("QR_CODE", "n", url, null, false)), "kind");
        assertField(() -> api().createTrackable(new Trackables.NewTrackable(null, "n", url, null, false)), "kind");
        assertField(() -> api().createTrackable(new Trackables.NewTrackable("qr_code", null, url, null, false)), "name");
        assertField(() -> api().createTrackable(new Trackables.NewTrackable("qr_code", " ", url, null, false)), "name");
        assertField(() -> api().createTrackable(new Trackables.NewTrackable("qr_code",
                "x".repeat(Trackables.MAX_NAME + 1), url, null, false)), "name");
        assertField(() -> api().createTrackable(new Trackables.NewTrackable("qr_code", "y".repeat(100_000), url, null,
                false)), "name");
        assertField(() -> api().createTrackable(new Trackables.NewTrackable("qr_code", "Oil\nBottle", url, null,
                false)), "name");
        assertField(() -> api().createTrackable(new Trackables.NewTrackable("qr_code", "Oil\u0000", url, null,
                false)), "name");
        for (String target : List.of("javascript:alert(1)", "ftp://example.com/x", "/relative/path",
                "https://", "https://exa mple.com", "https://café.example/menu", "https://example.com/" + "p".repeat(Trackables.MAX_URL))) {
            assertField(() -> api().createTrackable(new Trackables.NewTrackable("qr_code", "n", target, null, false)),
                    "targetUrl");
        }
        assertField(() -> api().createTrackable(new Trackables.NewTrackable("qr_code", "n", url, "bad\u0007name",
                false)), "eventName");
        assertField(() -> api().createTrackable(new Trackables.NewTrackable("qr_code", "n", url,
                "e".repeat(201), false)), "eventName");
        assertField(() -> api().createTrackable(new Trackables.NewTrackable("qr_code", "n", url, null, false,
                "b".repeat(300))), "businessId");
        assertField(() -> api().createTrackable(new Trackables.NewTrackable("qr_code", "n", url, null, false,
                "my shop!")), "businessId");
        assertThat(api().trackables(Trackables.Query.all()).trackables()).hasSize(1).first()
                .usingRecursiveComparison().ignoringFields("proof", "qrSvg").isEqualTo(kept);
    }

    @Test
    void codesAndPayloadsSurviveARestart() throws Exception {
        Trackables.Trackable before = api().createTrackable(referenceTrackable());
        restart();
        Trackables.Trackable after = api().trackable(before.code());
        assertThat(after.withQrSvg(null)).usingRecursiveComparison().ignoringFields("proof")
                .isEqualTo(before.withQrSvg(null));
        Trackables.Trackable next = api().createTrackable(referenceTrackable());
        assertThat(next.code()).isNotEqualTo(before.code());
        assertThat(api().trackables(Trackables.Query.all()).trackables()).extracting(Trackables.Trackable::code)
                .containsExactly(next.code(), before.code());
    }

    @Test
    void scansAreTheStoredEventsCarryingTheCodeAndDrillDownByTrackable() {
        Trackables.Trackable t = api().createTrackable(referenceTrackable());
        Trackables.Trackable other = api().createTrackable(new Trackables.NewTrackable("rfid", "Tag", null, null,
                false));
        long now = System.currentTimeMillis();
        Map<String, Object> station = Map.of("type", "station", "id", "dock-1");
        api().ingest(List.of(Trackables.scanEvent(t, Trackables.CHANNEL_SCAN, station, "scan-1", now - 2_000),
                Trackables.scanEvent(t, Trackables.CHANNEL_SCAN, station, "scan-2", now - 1_000),
                Trackables.scanEvent(other, Trackables.CHANNEL_SCAN, station, "scan-3", now - 500)));
        Map<String, Object> typedLower = event("qr.bottle_scanned", "scan-4", now - 1_500);
        typedLower.put("trackable", Map.of("code", t.code().toLowerCase(Locale.ROOT)));
        api().ingest(List.of(typedLower, event("page.viewed", "plain", now - 100)));

        Trackables.Trackable read = api().trackable(t.code());
        assertThat(read.scans()).isEqualTo(3);
        assertThat(read.lastScanAt()).isEqualTo(now - 1_000);
        assertThat(api().trackables(Trackables.Query.all()).trackables())
                .extracting(Trackables.Trackable::code, Trackables.Trackable::scans)
                .containsExactly(tuple(other.code(), 1L), tuple(t.code(), 3L));
        EventPage page = api().events(EventQuery.all().withTrackable(t.code().toLowerCase(Locale.ROOT)));
        assertThat(page.events()).extracting(Event::id).containsExactly("scan-1", "scan-4", "scan-2");
        assertThat(page.events().get(0).trackable()).containsEntry("code", t.code())
                .containsEntry("kind", "qr_code").containsEntry("name", "Olive Oil Bottle QR");
        assertThat(page.events().get(0).source()).containsEntry("channel", "scan");
        assertThat(api().events(EventQuery.all().withTrackable(t.code()).withOrder(EventQuery.Order.DESC)
                .withLimit(1)).events()).extracting(Event::id).containsExactly("scan-2");
        EventPage first = api().events(EventQuery.all().withTrackable(t.code()).withLimit(2));
        assertThat(first.events()).extracting(Event::id).containsExactly("scan-1", "scan-4");
        assertThat(api().events(EventQuery.all().withTrackable(t.code()).withLimit(2).withCursor(first.nextCursor()))
                .events()).extracting(Event::id).containsExactly("scan-2");
        EventQuery byActor = new EventQuery(null, null, null, "dock-1", null, null, null, null, null)
                .withTrackable(t.code());
        assertThat(api().events(byActor).events()).extracting(Event::id).containsExactly("scan-1", "scan-2");
        assertThat(api().events(EventQuery.all().withTrackable(other.code()).withTouch("channel", "qr")).events())
                .isEmpty();
        assertThat(api().businessHealth("default", null).scans()).isEqualTo(4);
        assertField(() -> api().events(EventQuery.all().withTrackable("x".repeat(300))), "trackable");
    }

    @Test
    void concurrentCreationNeverGivesTwoTrackablesOneCode() throws Exception {
        int threads = 8;
        int each = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int thread = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    List<String> codes = new ArrayList<>();
                    for (int j = 0; j < each; j++) {
                        codes.add(api().createTrackable(new Trackables.NewTrackable("qr_code", "t" + thread + "-" + j,
                                null, null, false)).code());
                    }
                    return codes;
                }));
            }
            start.countDown();
            Set<String> codes = new HashSet<>();
            for (var f : futures) {
                codes.addAll(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(codes).hasSize(threads * each);
            assertThat(api().trackables(new Trackables.Query(null, null, null, Trackables.MAX_LIMIT)).trackables())
                    .extracting(Trackables.Trackable::code).containsExactlyInAnyOrderElementsOf(codes);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- Tracking plans (docs/api.md, Tracking plans) ----

    static TrackingPlan checkoutPlan(PlanMode mode) {
        Map<String, PropertySpec> props = new LinkedHashMap<>();
        props.put("sku", new PropertySpec("string", null));
        props.put("currency", new PropertySpec("string", List.of("EUR", "USD")));
        props.put("qty", new PropertySpec("integer", null));
        return new TrackingPlan("checkout", "Checkout", mode, "^[a-z]+\\.[a-z_]+$", true,
                List.of(new EventSpec("order.completed", "an order was paid", List.of("sku"), props)), null);
    }

    static Map<String, Object> order(String id, Map<String, Object> properties) {
        Map<String, Object> e = event("order.completed", id, 1_700_000_000_000L);
        if (properties != null) {
            e.put("properties", properties);
        }
        return e;
    }

    @Test
    void trackingPlansAreSavedListedReplacedAndDeleted() {
        assumeOffered(Capabilities.Feature.TRACKING_PLAN_CHANGES);
        assertThat(api().trackingPlans().plans()).isEmpty();
        TrackingPlan saved = api().saveTrackingPlan(checkoutPlan(PlanMode.WARN));
        assertThat(saved.id()).isEqualTo("checkout");
        assertThat(saved.updatedAt()).isPositive();
        assertThat(saved.events().get(0).properties().get("currency").allowed()).containsExactly("EUR", "USD");
        api().saveTrackingPlan(new TrackingPlan("web.v2", "Web", PlanMode.OFF, null, false, List.of(), null));
        api().saveTrackingPlan(new TrackingPlan("checkout", "Checkout v2", PlanMode.BLOCK, null, null, null, null));
        TrackingPlans.Plans plans = api().trackingPlans();
        assertThat(plans.plans()).extracting(TrackingPlan::id, TrackingPlan::name, TrackingPlan::mode).containsExactly(
                tuple("checkout", "Checkout v2", PlanMode.BLOCK), tuple("web.v2", "Web", PlanMode.OFF));
        assertThat(plans.proof().workspaceId()).isEqualTo(workspaceId());
        api().deleteTrackingPlan("checkout");
        assertThat(api().trackingPlans().plans()).extracting(TrackingPlan::id).containsExactly("web.v2");
        assertThatThrownBy(() -> api().deleteTrackingPlan("checkout")).isInstanceOfSatisfying(
                ApiException.Client.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo(ErrorCodes.NOT_FOUND);
                });
        assertThatThrownBy(() -> api().trackingPlanViolations("checkout", null)).isInstanceOfSatisfying(
                ApiException.Client.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void anInvalidTrackingPlanIsRefusedFieldByFieldAndNothingChanges() {
        assumeOffered(Capabilities.Feature.TRACKING_PLAN_CHANGES);
        api().saveTrackingPlan(checkoutPlan(PlanMode.WARN));
        Map<String, PropertySpec> props = Map.of("sku", new PropertySpec("text", null));
        TrackingPlan bad = new TrackingPlan("checkout", "x".repeat(201), null, "([a-z", null,
                List.of(new EventSpec("", null, null, props)), null);
        assertThatThrownBy(() -> api().saveTrackingPlan(bad)).isInstanceOfSatisfying(ApiException.Client.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("invalid_input");
            assertThat(e.details()).extracting(FieldError::field).containsExactlyInAnyOrder("name", "mode",
                    "namingRule", "events[0].name", "events[0].properties.sku.type");
        });
        assertThat(api().trackingPlans().plans()).extracting(TrackingPlan::name).containsExactly("Checkout");
        assertField(() -> api().trackingPlanViolations("checkout", 0), "limit");
        assertField(() -> api().trackingPlanViolations("checkout", 10_001), "limit");
    }

    @Test
    void aPlanInWarnModeStoresEventsWithTheirWarnings() {
        definePlan(checkoutPlan(PlanMode.WARN));
        IngestResult result = api().ingest(List.of(order("ok-1", Map.of("sku", "A", "qty", 2)),
                order("warn-1", Map.of("currency", "GBP", "qty", 1.5)), event("Order Done", "warn-2", 1L)));
        assertThat(result.accepted()).isEqualTo(3);
        assertThat(result.warnings()).extracting(IngestResult.Warning::index, IngestResult.Warning::planId,
                IngestResult.Warning::field, IngestResult.Warning::code).containsExactly(
                tuple(1, "checkout", "properties.sku", "missing_property"),
                tuple(1, "checkout", "properties.currency", "not_allowed"),
                tuple(1, "checkout", "properties.qty", "wrong_type"),
                tuple(2, "checkout", "event", "naming_rule"));
        assertThat(result.warnings()).allSatisfy(w -> assertThat(w.message()).contains("plan 'checkout'"));
        Map<String, Event> stored = new LinkedHashMap<>();
        api().events(EventQuery.all()).events().forEach(e -> stored.put(e.id(), e));
        assertThat(stored.get("ok-1").warnings()).isNull();
        assertThat(stored.get("warn-1").warnings()).extracting(PlanViolation::code)
                .containsExactly("missing_property", "not_allowed", "wrong_type");
        assertThat(stored.get("warn-2").warnings()).extracting(PlanViolation::field).containsExactly("event");
        IngestResult again = api().ingest(List.of(order("warn-1", Map.of("currency", "GBP"))));
        assertThat(again.duplicates()).isEqualTo(1);
        assertThat(again.warnings()).isNull();
    }

    @Test
    void aPlanInBlockModeRefusesTheBatchNamingEachViolation() {
        definePlan(checkoutPlan(PlanMode.BLOCK));
        assertThatThrownBy(() -> api().ingest(List.of(order("fine", Map.of("sku", "A")),
                order("no-sku", Map.of("currency", "EUR")), order("bad-qty", Map.of("sku", "B", "qty", "two")))))
                .isInstanceOfSatisfying(ApiException.Client.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("invalid_input");
                    assertThat(e.details()).extracting(FieldError::index, FieldError::field, FieldError::code)
                            .containsExactly(tuple(1, "properties.sku", "missing_property"),
                                    tuple(2, "properties.qty", "wrong_type"));
                    assertThat(e.details().get(1).message()).contains("plan 'checkout'").contains("integer");
                });
        assertThat(api().events(EventQuery.all()).events()).isEmpty();
        assertThat(api().ingest(List.of(order("fine", Map.of("sku", "A")))).accepted()).isEqualTo(1);
    }

    @Test
    void theViolationsReportChecksRecentEventsNewestFirst() {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Map<String, Object> e = order("o-" + i, i % 3 == 0 ? Map.of("currency", "GBP") : Map.of("sku", "A"));
            e.put("timestamp", 1_700_000_000_000L + i);
            batch.add(e);
        }
        api().ingest(batch);
        definePlan(checkoutPlan(PlanMode.OFF));
        TrackingPlans.Report report = api().trackingPlanViolations("checkout", 20);
        assertThat(report.planId()).isEqualTo("checkout");
        assertThat(report.checked()).isEqualTo(20);
        assertThat(report.breaches()).extracting(b -> b.event().id()).containsExactly("o-27", "o-24", "o-21",
                "o-18", "o-15", "o-12");
        assertThat(report.breaches().get(0).violations()).extracting(PlanViolation::code)
                .containsExactly("missing_property", "not_allowed");
        assertThat(api().trackingPlanViolations("checkout", null).checked()).isEqualTo(30);
    }

    @Test
    void trackingPlansAndWarningsSurviveARestart() throws Exception {
        definePlan(checkoutPlan(PlanMode.WARN));
        api().ingest(List.of(order("w-1", null)));
        restart();
        assertThat(api().trackingPlans().plans()).extracting(TrackingPlan::id, TrackingPlan::mode)
                .containsExactly(tuple("checkout", PlanMode.WARN));
        assertThat(api().events(EventQuery.all()).events().get(0).warnings()).extracting(PlanViolation::code)
                .containsExactly("missing_property");
        assertThat(api().ingest(List.of(order("w-2", null))).warnings()).hasSize(1);
    }

    // ---- Agent and workflow events (docs/api.md): GraphQL agentPerformance and workflowStatus ----

    @Test
    void agentPerformanceReadsRunsDurationsAndSpendOfTheAgentsEvents() {
        Map<String, Object> agent = Map.of("type", "ai_agent", "id", "agent_contract");
        long t = T0 + HOUR;
        api().ingest(List.of(
                ev("agent.run_started", agent, t, "id", "a1", "properties", Map.of("runId", "r1")),
                ev("agent.run_completed", agent, t + 4000, "id", "a2", "properties", Map.of("runId", "r1",
                        "status", "succeeded", "durationMs", 3000, "costUsd", "0.10", "inputTokens", 1200,
                        "outputTokens", 300)),
                ev("agent.run_started", agent, t + 1000, "id", "a3", "properties", Map.of("runId", "r2")),
                ev("agent.run_completed", agent, t + 6000, "id", "a4", "properties", Map.of("runId", "r2",
                        "status", "failed", "costUsd", new BigDecimal("0.25"), "tokens", 900)),
                ev("agent.run_started", "agent_contract", t + 2000, "id", "a5", "traceId", "tr-3"),
                ev("agent.run_failed", "agent_contract", t + 9000, "id", "a6", "traceId", "tr-3"),
                ev("agent.run_started", agent, t + 3000, "id", "a7", "properties", Map.of("runId", "r4")),
                ev("agent.run_started", Map.of("type", "ai_agent", "id", "agent_other"), t, "id", "a8",
                        "properties", Map.of("runId", "r1")),
                ev("agent.run_started", agent, t + DAY, "id", "a9", "properties", Map.of("runId", "r5"))));

        AgentPerformance.Result r = api().agentPerformance(new AgentPerformance.Query("agent_contract", null, T0,
                T0 + 2 * HOUR));
        assertThat(r.agentId()).isEqualTo("agent_contract");
        assertThat(r.events()).isEqualTo(7);
        assertThat(r.runs()).isEqualTo(new AgentPerformance.Runs(4, 1, 2, 1));
        assertThat(r.durations()).as("3000 from durationMs, 5000 and 7000 from the times")
                .isEqualTo(new AgentPerformance.Durations(3, 5000L, 5000L, 7000L, 7000L));
        assertThat(r.spend().costUsd()).isEqualByComparingTo("0.35");
        assertThat(r.spend().inputTokens()).isEqualTo(1200);
        assertThat(r.spend().outputTokens()).isEqualTo(300);
        assertThat(r.spend().totalTokens()).isEqualTo(2400);
        assertThat(r.decisions()).isEqualTo(new AgentPerformance.Decisions(0, 0, 0, 0));
        assertThat(r.firstSeenAt()).isEqualTo(t);
        assertThat(r.lastSeenAt()).isEqualTo(t + 9000);
        assertThat(r.topEvents()).extracting(AgentPerformance.EventCount::event, AgentPerformance.EventCount::count)
                .containsExactly(tuple("agent.run_started", 4L), tuple("agent.run_completed", 2L),
                        tuple("agent.run_failed", 1L));
        assertThat(r.proof()).isNotNull();

        AgentPerformance.Result unknown = api().agentPerformance(new AgentPerformance.Query("agent_none", null, null,
                null));
        assertThat(unknown.events()).isZero();
        assertThat(unknown.spend()).isNull();
        assertThat(unknown.lastSeenAt()).isNull();
        assertThat(api().agentPerformance(new AgentPerformance.Query("agent_contract", "brand-2", null, null))
                .events()).isZero();
    }

    @Test
    void workflowStatusGivesEachRunTheStateOfItsLatestLifecycleEvent() {
        long t = T0 + HOUR;
        String wf = "order_fulfillment";
        api().ingest(List.of(
                ev("workflow.run_started", null, t, "id", "w1", "traceId", "tr-o1",
                        "properties", Map.of("workflowId", wf, "runId", "o1")),
                ev("workflow.step_completed", null, t + 1000, "id", "w2",
                        "properties", Map.of("workflowId", wf, "runId", "o1", "step", "pick")),
                ev("workflow.run_completed", null, t + 2000, "id", "w3",
                        "properties", Map.of("workflowId", wf, "runId", "o1")),
                ev("workflow.run_started", null, t + 100, "id", "w4",
                        "properties", Map.of("workflowId", wf, "runId", "o2")),
                ev("workflow.run_failed", null, t + 5000, "id", "w5",
                        "properties", Map.of("workflowId", wf, "runId", "o2", "error", "payment declined")),
                ev("workflow.run_started", null, t + 200, "id", "w6", "traceId", "tr-o3",
                        "properties", Map.of("workflowId", wf)),
                ev("workflow.step_completed", null, t + 3000, "id", "w7", "traceId", "tr-o3",
                        "properties", Map.of("workflowId", wf, "step", "pack")),
                ev("workflow.run_started", null, t + 300, "id", "w8",
                        "properties", Map.of("workflowId", wf, "runId", "o4")),
                ev("workflow.run_cancelled", null, t + 4000, "id", "w9",
                        "properties", Map.of("workflowId", wf, "runId", "o4")),
                ev("workflow.run_started", null, t, "id", "w10",
                        "properties", Map.of("workflowId", "lead_nurture", "runId", "n1"))));

        WorkflowStatus.Result r = api().workflowStatus(new WorkflowStatus.Query(wf, null, null, null, null));
        assertThat(r.workflowId()).isEqualTo(wf);
        assertThat(r.counts()).isEqualTo(new WorkflowStatus.Counts(4, 1, 1, 1, 1));
        assertThat(r.runs()).extracting(WorkflowStatus.Run::runId).containsExactly("o2", "o4", "tr-o3", "o1");
        assertThat(r.runs().get(0)).isEqualTo(new WorkflowStatus.Run("o2", "failed", t + 100, t + 5000, t + 5000,
                4900L, "workflow.run_failed", null, 2, null, "payment declined"));
        assertThat(r.runs().get(2)).isEqualTo(new WorkflowStatus.Run("tr-o3", "running", t + 200, t + 3000, null,
                null, "workflow.step_completed", "pack", 2, "tr-o3", null));
        assertThat(r.runs().get(3)).isEqualTo(new WorkflowStatus.Run("o1", "completed", t, t + 2000, t + 2000,
                2000L, "workflow.run_completed", "pick", 3, "tr-o1", null));

        WorkflowStatus.Result limited = api().workflowStatus(new WorkflowStatus.Query(wf, "default", t + 50,
                t + 4500, 1));
        assertThat(limited.counts()).as("o2 fails after the period: running within it")
                .isEqualTo(new WorkflowStatus.Counts(4, 2, 1, 0, 1));
        assertThat(limited.runs()).extracting(WorkflowStatus.Run::runId).containsExactly("o4");
        assertThat(api().workflowStatus(new WorkflowStatus.Query("none", null, null, null, null)).runs()).isEmpty();
    }

    @Test
    void agentAndWorkflowQueriesRefuseBadArgumentsWithTheFieldNamed() {
        assertField(() -> api().agentPerformance(new AgentPerformance.Query(" ", null, null, null)), "agentId");
        assertField(() -> api().agentPerformance(new AgentPerformance.Query("a", null, 10L, 5L)), "from");
        assertField(() -> api().workflowStatus(new WorkflowStatus.Query(" ", null, null, null, null)), "workflowId");
        assertField(() -> api().workflowStatus(new WorkflowStatus.Query("wf", null, null, null, 0)), "limit");
        assertField(() -> api().workflowStatus(new WorkflowStatus.Query("wf", null, null, null,
                WorkflowStatus.MAX_LIMIT + 1)), "limit");
    }

    // ---- Connector ingest and destination exports (docs/api.md; docs/connectors.md, docs/exports.md) ----

    /** The reference's connector example, as its curl sends it. */
    static Connectors.Request referenceConnectorExample(Boolean dryRun) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", "order_1");
        record.put("total_price", 149);
        record.put("currency", "USD");
        return new Connectors.Request("shopify", null, List.of(record), dryRun, null);
    }

    /** The reference's export example: BigQuery, the 500 most recent events. */
    static Exports.Request referenceExportExample() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("projectId", "analytics-prod");
        config.put("datasetId", "headlessanalytics");
        config.put("tableId", "events");
        return new Exports.Request("bigquery", 500, null, null, null, null, config);
    }

    @Test
    void theReferenceConnectorExampleBecomesAnOrderWithItsRevenue() {
        Connectors.Result result = api().connectorIngest(referenceConnectorExample(null));
        assertThat(result.provider()).isEqualTo("shopify");
        assertThat(result.dryRun()).isFalse();
        assertThat(List.of(result.received(), result.accepted(), result.duplicates(), result.failed()))
                .containsExactly(1, 1, 0, 0);
        Connectors.RecordResult record = result.records().get(0);
        assertThat(record.index()).isZero();
        assertThat(record.recordId()).isEqualTo("order_1");
        assertThat(record.recordType()).isEqualTo("order");
        assertThat(record.eventId()).isEqualTo("shopify:order:order_1");
        assertThat(record.duplicate()).isFalse();
        assertThat(record.errors()).isEmpty();
        assertThat(result.proof().workspaceId()).isEqualTo(workspaceId());

        List<Event> stored = api().events(EventQuery.all()).events();
        assertThat(stored).extracting(Event::id, Event::event)
                .containsExactly(tuple("shopify:order:order_1", "order.created"));
        Event order = stored.get(0);
        assertThat(new BigDecimal(String.valueOf(order.outcome().get("revenue")))).isEqualByComparingTo("149");
        assertThat(order.outcome()).containsEntry("currency", "USD");
        assertThat(order.source()).containsEntry("connector", "shopify");
        assertThat(record.event().id()).isEqualTo(order.id());
    }

    @Test
    void aConnectorDryRunAnswersTheEventsAndStoresNothing() {
        Connectors.Result result = api().connectorIngest(referenceConnectorExample(true));
        assertThat(result.dryRun()).isTrue();
        assertThat(result.records().get(0).event().event()).isEqualTo("order.created");
        assertThat(result.records().get(0).eventId()).isEqualTo("shopify:order:order_1");
        assertThat(api().events(EventQuery.all()).events()).isEmpty();
    }

    @Test
    void reimportingTheSameRecordsStoresNothingNew() {
        api().connectorIngest(referenceConnectorExample(false));
        Connectors.Result again = api().connectorIngest(referenceConnectorExample(false));
        assertThat(List.of(again.accepted(), again.duplicates())).containsExactly(0, 1);
        assertThat(again.records().get(0).duplicate()).isTrue();
        assertThat(again.records().get(0).eventId()).isEqualTo("shopify:order:order_1");
        assertThat(api().events(EventQuery.all()).events()).hasSize(1);
    }

    @Test
    void aConnectorBatchWithABadRecordIsRefusedWholeNamingTheRecordAndField() {
        Map<String, Object> good = Map.of("id", "order_2", "total_price", "20.00", "currency", "EUR");
        Map<String, Object> bad = Map.of("id", "order_3", "total_price", "a lot", "currency", "EUR");
        Connectors.Request request = new Connectors.Request("shopify", "order", List.of(good, bad), null, null);
        assertThatThrownBy(() -> api().connectorIngest(request)).isInstanceOfSatisfying(ApiException.Client.class,
                e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_INPUT);
                    assertThat(e.details()).extracting(FieldError::index, FieldError::field)
                            .containsExactly(tuple(1, "total_price"));
                });
        assertThat(api().events(EventQuery.all()).events()).as("nothing stored").isEmpty();

        Connectors.Result dry = api().connectorIngest(new Connectors.Request("shopify", "order", List.of(good, bad),
                true, null));
        assertThat(dry.failed()).isEqualTo(1);
        assertThat(dry.records().get(0).errors()).isEmpty();
        assertThat(dry.records().get(1).errors()).extracting(Connectors.Note::field).containsExactly("total_price");
        assertThat(dry.records().get(1).event()).isNull();
        assertThat(api().events(EventQuery.all()).events()).isEmpty();
        assertField(() -> api().connectorIngest(new Connectors.Request("myspace", null, List.of(good), null, null)),
                "provider");
    }

    @Test
    void theConnectorProvidersAreListedWithTheirRecordTypes() {
        assumeOffered(Capabilities.Feature.CONNECTOR_PROVIDERS);
        Connectors.Providers providers = api().connectorProviders();
        assertThat(providers.providers()).extracting(Connectors.Provider::id).contains("shopify", "stripe",
                "salesforce", "hubspot", "google_ads", "meta_ads", "amazon", "klaviyo", "mailchimp", "youtube",
                "tiktok", "field_ops", "qr", "rfid", "sensor", "robotics", "generic");
        Connectors.Provider shopify = providers.providers().stream().filter(p -> p.id().equals("shopify"))
                .findFirst().orElseThrow();
        assertThat(shopify.recordTypes()).extracting(Connectors.RecordType::type, Connectors.RecordType::event)
                .contains(tuple("order", "order.created"));
        assertThat(providers.proof().workspaceId()).isEqualTo(workspaceId());
    }

    @Test
    void theReferenceBigQueryExportOfRecentEventsLeavesAReceipt() {
        long now = System.currentTimeMillis();
        api().ingest(List.of(event("order.created", "x-1", now - 3000), event("page.viewed", "x-2", now - 2000),
                event("order.created", "x-3", now - 1000)));
        long before = System.currentTimeMillis();
        Exports.Receipt receipt = api().exportToDestination(referenceExportExample()).receipt();
        assertThat(receipt.exportId()).isNotBlank();
        assertThat(receipt.destination()).isEqualTo("bigquery");
        assertThat(receipt.count()).isEqualTo(3);
        assertThat(receipt.sha256()).matches("[0-9a-f]{64}");
        assertThat(receipt.location()).isNotBlank();
        assertThat(receipt.status()).isEqualTo(Exports.SUCCEEDED);
        assertThat(receipt.startedAt()).isBetween(before - 1000, System.currentTimeMillis());
        assertThat(receipt.finishedAt()).isNotNull().isGreaterThanOrEqualTo(receipt.startedAt());
        assertThat(receipt.error()).isNull();
        assertThat(receipt.retryOf()).isNull();
        assertThat(receipt.loadCommand()).contains("bq load", "analytics-prod:headlessanalytics.events");
        assertThat(receipt.files()).extracting(Exports.File::name).anyMatch(n -> n.endsWith(".ndjson"));
        assertThat(receipt.files()).allSatisfy(f -> assertThat(f.sha256()).matches("[0-9a-f]{64}"));
        assertThat(receipt.config()).isEqualTo(referenceExportExample().config());
    }

    @Test
    void exportReceiptsAreListedNewestFirst() {
        assumeOffered(Capabilities.Feature.EXPORT_RECEIPTS);
        api().ingest(List.of(event("order.created", "r-1", System.currentTimeMillis() - 1000)));
        String first = api().exportToDestination(referenceExportExample()).receipt().exportId();
        String second = api().exportToDestination(referenceExportExample()).receipt().exportId();
        assertThat(second).isNotEqualTo(first);
        Exports.Receipts receipts = api().exportReceipts(null);
        assertThat(receipts.receipts()).extracting(Exports.Receipt::exportId).containsExactly(second, first);
        assertThat(api().exportReceipts(1).receipts()).extracting(Exports.Receipt::exportId).containsExactly(second);
        assertThat(receipts.proof().workspaceId()).isEqualTo(workspaceId());
        assertField(() -> api().exportReceipts(0), "limit");
    }

    @Test
    void anHttpsExportToAClosedPortIs502NamingTheExportWithAFailedReceipt() throws Exception {
        api().ingest(List.of(event("order.created", "h-1", System.currentTimeMillis() - 1000)));
        String secret = "sk_live_CONTRACTSECRET55";
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("url", "https://127.0.0.1:" + closedPort() + "/events");
        config.put("apiKey", secret);
        ApiException.Client failed = catchThrowableOfType(ApiException.Client.class,
                () -> api().exportToDestination(new Exports.Request("https", 10, null, null, null, null, config)));
        assertThat(failed).as("a 502 destination_failed").isNotNull();
        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.code()).isEqualTo(ErrorCodes.DESTINATION_FAILED);
        assertThat(failed.getMessage()).doesNotContain(secret);
        assertThat(failed.details()).hasSize(1);
        FieldError named = failed.details().get(0);
        assertThat(named.field()).isEqualTo("exportId");
        assertThat(named.code()).isEqualTo(ErrorCodes.DESTINATION_FAILED);
        String exportId = named.message();
        assertThat(exportId).isNotBlank();

        if (api().capabilities().offers(Capabilities.Feature.EXPORT_RECEIPTS)) {
            Exports.Receipt receipt = api().exportReceipts(null).receipts().get(0);
            assertThat(receipt.exportId()).isEqualTo(exportId);
            assertThat(receipt.status()).isEqualTo(Exports.FAILED);
            assertThat(receipt.error()).isNotBlank().doesNotContain(secret);
            assertThat(receipt.config()).containsKey("url").doesNotContainKey("apiKey");

            ApiException.Client again = catchThrowableOfType(ApiException.Client.class,
                    () -> api().retryExport(exportId, new Exports.RetryRequest(config)));
            assertThat(again.code()).isEqualTo(ErrorCodes.DESTINATION_FAILED);
            String retryId = again.details().get(0).message();
            assertThat(retryId).isNotEqualTo(exportId);
            Exports.Receipt retried = api().exportReceipts(1).receipts().get(0);
            assertThat(retried.exportId()).isEqualTo(retryId);
            assertThat(retried.retryOf()).isEqualTo(exportId);
            assertThat(retried.status()).isEqualTo(Exports.FAILED);
        }
    }

    @Test
    void retryingAnExportThatDidNotFailIs409AndAnUnknownOne404() {
        assumeOffered(Capabilities.Feature.EXPORT_RECEIPTS);
        String done = api().exportToDestination(referenceExportExample()).receipt().exportId();
        assertThatThrownBy(() -> api().retryExport(done, new Exports.RetryRequest(null)))
                .isInstanceOfSatisfying(ApiException.Client.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo(ErrorCodes.CONFLICT);
                });
        assertThatThrownBy(() -> api().retryExport("exp_unknown", new Exports.RetryRequest(null)))
                .isInstanceOfSatisfying(ApiException.Client.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(api().exportReceipts(null).receipts()).hasSize(1);
    }

    @Test
    void aBadDestinationIs400NamingItAndNothingIsExported() {
        assertField(() -> api().exportToDestination(new Exports.Request("oracle", 10, null, null, null, null,
                Map.of())), "destination");
        assertField(() -> api().exportToDestination(new Exports.Request(null, 10, null, null, null, null, Map.of())),
                "destination");
        if (api().capabilities().offers(Capabilities.Feature.EXPORT_RECEIPTS)) {
            assertThat(api().exportReceipts(null).receipts()).isEmpty();
        }
    }

    /** A loopback port nothing listens on. */
    private static int closedPort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    // ---- the operating graph (docs/graph.md) ----

    /** An event with an id at {@code ts}; {@code fields} are name, value pairs. */
    static Map<String, Object> graphEvent(String name, String id, long ts, Object... fields) {
        return with(event(name, id, ts), fields);
    }

    /** An entity object ({@code entity}, a relationship's target) of {@code type} and {@code id}, plus {@code fields}. */
    static Map<String, Object> entity(String type, String id, Object... fields) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", type);
        e.put("id", id);
        return with(e, fields);
    }

    /** An id that must survive URL paths and queries: a slash, spaces, a percent sign, a plus, unicode. */
    static final String ODD_ID = "acc/1 é 😀 %2F+?#";

    /**
     * Customer c1, mentioned three times: by {@code entity} at T0+2s (sent first) and at T0+1s (with
     * two relationships), and as the actor of an order at T0+3s.
     */
    void ingestCustomerGraph() {
        api().ingest(List.of(
                graphEvent("profile.updated", "p-2", T0 + 2_000, "entity", entity("customer", "c1", "name", "Ana Maria",
                        "properties", Map.of("tier", "gold", "city", "Lisbon"))),
                graphEvent("profile.updated", "p-1", T0 + 1_000, "entity", entity("customer", "c1", "name", "Ana",
                        "properties", Map.of("tier", "silver", "plan", "pro"), "relationships", List.of(
                                entity("account", ODD_ID, "name", "Main"),
                                entity("store", "s1", "relation", "shops_at")))),
                graphEvent("order.created", "o-1", T0 + 3_000, "actor", Map.of("type", "customer", "id", "c1"),
                        "object", Map.of("type", "order", "id", "o-1"))));
    }

    @Test
    void anEntityMergesItsMentionsByTimestampAndRelatesBothWays() {
        assumeOffered(Capabilities.Feature.ENTITIES);
        ingestCustomerGraph();

        Entities.Detail c1 = api().entity("customer", "c1");
        assertThat(c1.entity()).isEqualTo(new Entities.Entity("customer", "c1", "Ana Maria",
                Map.of("tier", "gold", "city", "Lisbon", "plan", "pro"), T0 + 1_000, T0 + 3_000, 3));
        assertThat(c1.relationships()).extracting(Entities.Relationship::direction, Entities.Relationship::relation,
                        Entities.Relationship::type, Entities.Relationship::id, Entities.Relationship::count,
                        Entities.Relationship::firstSeen, Entities.Relationship::lastSeen)
                .containsExactlyInAnyOrder(
                        tuple("out", "related_to", "account", ODD_ID, 1L, T0 + 1_000, T0 + 1_000),
                        tuple("out", "shops_at", "store", "s1", 1L, T0 + 1_000, T0 + 1_000),
                        tuple("out", "order.created", "order", "o-1", 1L, T0 + 3_000, T0 + 3_000),
                        tuple("out", "in_business", "business", "default", 3L, T0 + 1_000, T0 + 3_000));
        assertThat(c1.relationshipCount()).isEqualTo(4);
        assertThat(c1.recentEvents()).extracting(Event::id).containsExactly("o-1", "p-2", "p-1");
        assertThat(c1.proof().queryId()).startsWith("q_");

        Entities.Detail account = api().entity("account", ODD_ID);
        assertThat(account.entity()).isEqualTo(new Entities.Entity("account", ODD_ID, "Main", Map.of(), T0 + 1_000,
                T0 + 1_000, 1));
        assertThat(account.relationships()).extracting(Entities.Relationship::direction,
                        Entities.Relationship::relation, Entities.Relationship::type, Entities.Relationship::id,
                        Entities.Relationship::name)
                .containsExactlyInAnyOrder(tuple("in", "related_to", "customer", "c1", "Ana Maria"),
                        tuple("out", "in_business", "business", "default", null));

        Entities.Detail business = api().entity("business", "default");
        assertThat(business.entity().eventCount()).isEqualTo(3);
        assertThat(business.relationships()).extracting(Entities.Relationship::direction,
                        Entities.Relationship::relation, Entities.Relationship::type, Entities.Relationship::id)
                .containsExactlyInAnyOrder(tuple("in", "in_business", "customer", "c1"),
                        tuple("in", "in_business", "account", ODD_ID), tuple("in", "in_business", "store", "s1"),
                        tuple("in", "in_business", "order", "o-1"));
        assertThat(api().entity("order", "o-1").relationships()).extracting(Entities.Relationship::direction,
                        Entities.Relationship::relation, Entities.Relationship::id)
                .contains(tuple("in", "order.created", "c1"));
    }

    @Test
    void listsEntitiesByTypeThenIdFilteredAndPagedThroughEveryOne() {
        assumeOffered(Capabilities.Feature.ENTITIES);
        ingestCustomerGraph();
        List<Map<String, Object>> more = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            more.add(graphEvent("lead.created", "l-" + i, T0 + i, "actor", Map.of("type", "lead", "id", "lead " + i,
                    "name", i % 2 == 0 ? "Even Ana" : "Odd")));
        }
        api().ingest(more);

        Entities.Page all = api().entities(Entities.Query.all());
        List<String> expected = new ArrayList<>(List.of("account/" + ODD_ID, "business/default", "customer/c1"));
        for (int i = 0; i < 9; i++) {
            expected.add("lead/lead " + i);
        }
        expected.addAll(List.of("order/o-1", "store/s1"));
        assertThat(all.entities()).extracting(e -> e.type() + "/" + e.id()).containsExactlyElementsOf(expected);
        assertThat(all.nextCursor()).isNull();

        assertThat(api().entities(new Entities.Query("customer", null, null, null)).entities())
                .extracting(Entities.Entity::id).containsExactly("c1");
        assertThat(api().entities(new Entities.Query(null, "ANA", null, null)).entities())
                .extracting(e -> e.type() + "/" + e.id())
                .containsExactly("customer/c1", "lead/lead 0", "lead/lead 2", "lead/lead 4", "lead/lead 6",
                        "lead/lead 8");
        assertThat(api().entities(new Entities.Query(null, "O-1", null, null)).entities())
                .extracting(Entities.Entity::id).containsExactly("o-1");
        assertThat(api().entities(new Entities.Query("lead", "odd", null, null)).entities()).hasSize(4);
        assertThat(api().entities(new Entities.Query(null, "é 😀 %2f", null, null)).entities())
                .extracting(Entities.Entity::id).containsExactly(ODD_ID);
        assertThat(api().entities(new Entities.Query("nobody", null, null, null)).entities()).isEmpty();

        List<String> walked = new ArrayList<>();
        Entities.Query query = new Entities.Query(null, null, 2, null);
        int pages = 0;
        Entities.Page page;
        do {
            page = api().entities(query);
            assertThat(page.entities().size()).isLessThanOrEqualTo(2);
            page.entities().forEach(e -> walked.add(e.type() + "/" + e.id()));
            query = query.withCursor(page.nextCursor());
            pages++;
        } while (page.nextCursor() != null);
        assertThat(walked).containsExactlyElementsOf(expected);
        assertThat(pages).isBetween(7, 8);

        List<String> leads = new ArrayList<>();
        Entities.Query typed = new Entities.Query("lead", "ana", 1, null);
        do {
            page = api().entities(typed);
            page.entities().forEach(e -> leads.add(e.id()));
            typed = typed.withCursor(page.nextCursor());
        } while (page.nextCursor() != null);
        assertThat(leads).containsExactly("lead 0", "lead 2", "lead 4", "lead 6", "lead 8");
    }

    @Test
    void anEntitysEventsArePagedNewestFirst() {
        assumeOffered(Capabilities.Feature.ENTITIES);
        ingestCustomerGraph();
        List<String> ids = new ArrayList<>();
        Entities.EventsQuery query = new Entities.EventsQuery("customer", "c1", 2, null);
        EventPage page = api().entityEvents(query);
        assertThat(page.events()).extracting(Event::id).containsExactly("o-1", "p-2");
        assertThat(page.nextCursor()).isNotNull();
        page.events().forEach(e -> ids.add(e.id()));
        page = api().entityEvents(query.withCursor(page.nextCursor()));
        page.events().forEach(e -> ids.add(e.id()));
        assertThat(page.nextCursor()).isNull();
        assertThat(ids).containsExactly("o-1", "p-2", "p-1");
        assertThat(api().entityEvents(new Entities.EventsQuery("account", ODD_ID, null, null)).events())
                .extracting(Event::id).containsExactly("p-1");
        assertThat(api().entityEvents(new Entities.EventsQuery("customer", "c1", 1000, null)).events()).hasSize(3);
        assertField(() -> api().entityEvents(new Entities.EventsQuery("customer", "c1", 0, null)), "limit");
        assertField(() -> api().entityEvents(new Entities.EventsQuery("customer", "c1", 1001, null)), "limit");
    }

    @Test
    void unknownEntitiesAreNotFoundAndBadTypesIdsAndQueriesAre400() {
        assumeOffered(Capabilities.Feature.ENTITIES);
        ingestCustomerGraph();
        for (ThrowingCallable unknown : List.<ThrowingCallable>of(() -> api().entity("customer", "c2"),
                () -> api().entity("Customer", "c1"), () -> api().entity("account", "acc/1"),
                () -> api().entityEvents(new Entities.EventsQuery("customer", "nobody", null, null)))) {
            assertThatThrownBy(unknown).isInstanceOfSatisfying(ApiException.Client.class, e -> {
                assertThat(e.status()).isEqualTo(404);
                assertThat(e.code()).isEqualTo(ErrorCodes.NOT_FOUND);
            });
        }
        assertField(() -> api().entity("cus\u0000tomer", "c1"), "type");
        assertField(() -> api().entity("t".repeat(65), "c1"), "type");
        assertField(() -> api().entity(" ", "c1"), "type");
        assertField(() -> api().entity("customer", "c\n1"), "id");
        assertField(() -> api().entity("customer", "x".repeat(257)), "id");
        assertField(() -> api().entity("customer", "\u007f"), "id");
        assertField(() -> api().entityEvents(new Entities.EventsQuery("customer", "c\u00851", null, null)), "id");
        assertField(() -> api().entities(new Entities.Query(null, null, 0, null)), "limit");
        assertField(() -> api().entities(new Entities.Query(null, null, Entities.MAX_LIMIT + 1, null)), "limit");
        assertField(() -> api().entities(new Entities.Query("a\tb", null, null, null)), "type");
        assertField(() -> api().entities(new Entities.Query(null, "q".repeat(Entities.MAX_Q + 1), null, null)), "q");
        assertField(() -> api().entities(new Entities.Query(null, "a\u0000", null, null)), "q");
        assertThatThrownBy(() -> api().entity("customer", "😀".repeat(GraphRules.MAX_ID_LENGTH)))
                .as("an id of the longest length, in characters outside the BMP, is looked up")
                .isInstanceOfSatisfying(ApiException.Client.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void hostileGraphFieldsAreRefusedFieldByFieldAndStoreNothing() {
        assumeOffered(Capabilities.Feature.ENTITIES);
        ingestCustomerGraph();
        int events = api().events(EventQuery.all()).events().size();
        List<String> before = api().entities(Entities.Query.all()).entities().stream()
                .map(e -> e.type() + "/" + e.id()).toList();
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 33; i++) {
            tooMany.add(entity("tag", "t" + i));
        }
        List<Map<String, Object>> batch = List.of(
                graphEvent("fine", "h-0", T0, "entity", entity("hostile", "fine")),
                graphEvent("a", "h-1", T0, "entity", entity("t".repeat(65), "x")),
                graphEvent("a", "h-2", T0, "entity", entity("hostile", "a\u0001b")),
                graphEvent("a", "h-3", T0, "entity", entity("hostile", "deep", "properties",
                        Map.of("a", Map.of("b", Map.of("c", Map.of("d", Map.of("e", 1))))))),
                graphEvent("a", "h-4", T0, "entity", entity("hostile", "self", "relationships",
                        List.of(entity("hostile", "self")))),
                graphEvent("a", "h-5", T0, "entity", entity("hostile", "color", "color", "red")),
                graphEvent("a", "h-6", T0, "entity", entity("hostile", "many", "relationships", tooMany)),
                graphEvent("a", "h-7", T0, "actor", Map.of("type", "customer\n", "id", "c9")),
                graphEvent("a", "h-8", T0, "entity", Map.of("id", "no-type")));
        assertThatThrownBy(() -> api().ingest(batch)).isInstanceOfSatisfying(ApiException.Client.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("invalid_input");
            assertThat(e.details()).extracting(d -> d.index() + ":" + d.field() + ":" + d.code())
                    .containsExactlyInAnyOrder("1:entity.type:invalid_value", "2:entity.id:invalid_value",
                            "3:entity:invalid_value", "4:entity.relationships[0]:invalid_value",
                            "5:entity:unknown_field", "6:entity.relationships:invalid_value",
                            "7:actor.type:invalid_value", "8:entity.type:required");
        });
        assertThat(api().events(EventQuery.all()).events()).hasSize(events);
        assertThat(api().entities(Entities.Query.all()).entities()).extracting(e -> e.type() + "/" + e.id())
                .containsExactlyElementsOf(before);
        assertThatThrownBy(() -> api().entity("hostile", "fine")).isInstanceOfSatisfying(ApiException.Client.class,
                e -> assertThat(e.status()).isEqualTo(404));
        assertThat(api().entity("customer", "c1").entity().eventCount()).isEqualTo(3);
    }

    private static void assertField(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.Client.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("invalid_input");
            assertThat(e.details()).extracting(FieldError::field).contains(field);
        });
    }

    private static double round(double value, int decimals) {
        return new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
    }

    private List<String> ids(EventQuery q) {
        return api().events(q).events().stream().map(Event::id).toList();
    }
}
