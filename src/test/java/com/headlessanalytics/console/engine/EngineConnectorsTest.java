package com.headlessanalytics.console.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.BusinessHealth;
import com.headlessanalytics.console.api.Connectors;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Metrics;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.domain.Revenue;
import com.headlessanalytics.console.domain.plan.EventSpec;
import com.headlessanalytics.console.domain.plan.PlanMode;
import com.headlessanalytics.console.domain.plan.PropertySpec;
import com.headlessanalytics.console.domain.plan.TrackingPlan;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Connector ingest on a real H2 file: every provider's fixture stored as its exact canonical events,
 * re-import stores nothing, dry runs store nothing, a bad record refuses the whole batch, hostile
 * requests get their documented errors, tracking plans apply as for ingest, and mapped revenue counts
 * in metrics and business health exactly like ingested revenue.
 */
class EngineConnectorsTest {
    /** After every fixture's time, so no fixture is "in the future". */
    private static final long NOW = Instant.parse("2024-06-01T00:00:00Z").toEpochMilli();
    private static final String FIXTURES = "/com/headlessanalytics/console/connectors/";

    @TempDir
    Path dir;
    Engine engine;
    HeadlessApi api;

    @BeforeEach
    void open() {
        engine = Engine.open(dir, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
        api = engine.defaultWorkspace();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    static List<String> providers() {
        return com.headlessanalytics.console.connectors.ConnectorRegistry.standard().ids();
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> read(String resource) {
        try (InputStream in = EngineConnectorsTest.class.getResourceAsStream(FIXTURES + resource)) {
            return ApiJson.mapper().readValue(in, List.class);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Connectors.Request request(String provider, List<?> records) {
        return request(provider, records, null);
    }

    @SuppressWarnings("unchecked")
    private static Connectors.Request request(String provider, List<?> records, Boolean dryRun) {
        return new Connectors.Request(provider, null, (List<Map<String, Object>>) (List<?>) records, dryRun, null);
    }

    private List<Event> stored() {
        return api.events(new EventQuery(null, null, null, null, null, null, 1000, null, null)).events();
    }

    private static Map<String, Object> order(String id, Object total) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("total_price", total);
        m.put("currency", "USD");
        m.put("created_at", "2024-05-01T10:00:00Z");
        return m;
    }

    @Test
    void theReferenceExampleStoresAnOrderWithItsExactRevenue() {
        Connectors.Result r = api.connectorIngest(request("shopify",
                List.of(Map.of("id", "order_1", "total_price", 149, "currency", "USD"))));
        assertThat(r.provider()).isEqualTo("shopify");
        assertThat(r.dryRun()).isFalse();
        assertThat(List.of(r.received(), r.accepted(), r.duplicates(), r.failed())).containsExactly(1, 1, 0, 0);
        Connectors.RecordResult one = r.records().get(0);
        assertThat(one.eventId()).isEqualTo("shopify:order:order_1");
        assertThat(one.recordId()).isEqualTo("order_1");
        assertThat(one.recordType()).isEqualTo("order");
        assertThat(one.errors()).isEmpty();
        Event e = stored().get(0);
        assertThat(e.id()).isEqualTo("shopify:order:order_1");
        assertThat(e.event()).isEqualTo("order.created");
        assertThat(e.outcome()).containsEntry("revenue", "149").containsEntry("currency", "USD");
        assertThat(Revenue.of(e)).isEqualByComparingTo("149");
        assertThat(e.source()).containsEntry("connector", "shopify");
        assertThat(e.businessId()).isEqualTo("default");
        assertThat(e.timestamp()).isEqualTo(NOW);
        assertThat(r.proof().workspaceId()).isNotBlank();
    }

    @ParameterizedTest
    @MethodSource("providers")
    @SuppressWarnings("unchecked")
    void eachProvidersFixtureIsStoredAsItsExpectedEventsAndReImportStoresNothing(String provider) {
        List<Object> records = read("fixtures/" + provider + ".json");
        List<Map<String, Object>> expected = read("expected/" + provider + ".json");
        Connectors.Result r = api.connectorIngest(request(provider, records));
        assertThat(r.accepted()).isEqualTo(records.size());
        assertThat(r.failed()).isZero();
        Map<String, Event> byId = new LinkedHashMap<>();
        stored().forEach(e -> byId.put(e.id(), e));
        assertThat(byId).hasSize(records.size());
        for (int i = 0; i < records.size(); i++) {
            Map<String, Object> want = new LinkedHashMap<>(expected.get(i));
            Event got = byId.get((String) want.get("id"));
            assertThat(got).as(provider + "[" + i + "]").isNotNull();
            assertThat(ApiJson.write(r.records().get(i).event())).isEqualTo(ApiJson.write(got));
            Map<String, Object> gotJson = new LinkedHashMap<>(ApiJson.mapper().convertValue(got, Map.class));
            assertThat(gotJson.remove("receivedAt")).isEqualTo(NOW);
            assertThat(gotJson.remove("businessId")).isEqualTo("default");
            if (!want.containsKey("timestamp")) {
                assertThat(gotJson.remove("timestamp")).isEqualTo(NOW);
            }
            assertThat(ApiJson.write(new java.util.TreeMap<>(gotJson))).as(provider + "[" + i + "]")
                    .isEqualTo(ApiJson.write(new java.util.TreeMap<>(want)));
        }

        Connectors.Result again = api.connectorIngest(request(provider, records));
        assertThat(List.of(again.accepted(), again.duplicates(), again.failed())).containsExactly(0, records.size(), 0);
        assertThat(again.records()).allSatisfy(rr -> assertThat(rr.duplicate()).isTrue());
        assertThat(stored()).hasSize(records.size());
    }

    @Test
    void aDryRunStoresNothingAndReportsWhatWouldBeDuplicates() {
        List<Object> records = read("fixtures/stripe.json");
        Connectors.Result dry = api.connectorIngest(request("stripe", records, true));
        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.accepted()).isEqualTo(records.size());
        assertThat(dry.records()).allSatisfy(rr -> {
            assertThat(rr.event()).isNotNull();
            assertThat(rr.duplicate()).isFalse();
        });
        assertThat(dry.records().get(0).event().outcome()).containsEntry("revenue", "149.00");
        assertThat(stored()).isEmpty();

        api.connectorIngest(request("stripe", records.subList(0, 2)));
        Connectors.Result after = api.connectorIngest(request("stripe", records, true));
        assertThat(after.duplicates()).isEqualTo(2);
        assertThat(after.accepted()).isEqualTo(records.size() - 2);
        assertThat(after.records()).extracting(Connectors.RecordResult::duplicate)
                .containsExactly(true, true, false, false, false, false);
        assertThat(stored()).hasSize(2);
    }

    @Test
    void oneBadRecordRefusesTheWholeBatchAndADryRunShowsWhy() {
        List<Object> records = List.of(order("a", "10.00"), order("b", "ten"), order("c", "12.00"));
        assertThatThrownBy(() -> api.connectorIngest(request("shopify", records)))
                .isInstanceOfSatisfying(ApiException.Client.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("invalid_input");
                    assertThat(e.getMessage()).isEqualTo("1 of 3 records are invalid; nothing was stored");
                    assertThat(e.details()).extracting(FieldError::index, FieldError::field, FieldError::code)
                            .containsExactly(tuple(1, "total_price", "invalid_amount"));
                });
        assertThat(stored()).isEmpty();

        Connectors.Result dry = api.connectorIngest(request("shopify", records, true));
        assertThat(List.of(dry.accepted(), dry.failed())).containsExactly(2, 1);
        Connectors.RecordResult bad = dry.records().get(1);
        assertThat(bad.event()).isNull();
        assertThat(bad.errors()).extracting(Connectors.Note::field, Connectors.Note::code)
                .containsExactly(tuple("total_price", "invalid_amount"));
        assertThat(stored()).isEmpty();
    }

    @Test
    void hostileRequestsGetTheirDocumentedErrorsAndStoreNothing() {
        assertThatThrownBy(() -> api.connectorIngest(request("shopifyy", List.of(order("a", "1")))))
                .isInstanceOfSatisfying(ApiException.Client.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.details()).singleElement().satisfies(d -> {
                        assertThat(d.field()).isEqualTo("provider");
                        assertThat(d.message()).contains("'shopifyy' is not a provider; one of: shopify, stripe,")
                                .contains("generic");
                    });
                });
        assertThatThrownBy(() -> api.connectorIngest(request(null, List.of(order("a", "1")))))
                .isInstanceOfSatisfying(ApiException.Client.class, e ->
                        assertThat(e.details()).extracting(FieldError::field, FieldError::code)
                                .containsExactly(tuple("provider", "required")));
        assertThatThrownBy(() -> api.connectorIngest(new Connectors.Request("shopify", "invoice",
                List.of(order("a", "1")), null, null)))
                .isInstanceOfSatisfying(ApiException.Client.class, e -> assertThat(e.details()).singleElement()
                        .satisfies(d -> {
                            assertThat(d.field()).isEqualTo("recordType");
                            assertThat(d.message()).contains("one of: refund, order, customer");
                        }));
        for (List<Object> none : Arrays.asList(null, List.<Object>of())) {
            assertThatThrownBy(() -> api.connectorIngest(request("shopify", none)))
                    .isInstanceOfSatisfying(ApiException.Client.class, e -> assertThat(e.details())
                            .extracting(FieldError::field, FieldError::code).containsExactly(tuple("records", "required")));
        }
        List<Object> tooMany = new ArrayList<>(Collections.nCopies(Connectors.MAX_RECORDS + 1, order("a", "1")));
        assertThatThrownBy(() -> api.connectorIngest(request("shopify", tooMany)))
                .isInstanceOfSatisfying(ApiException.Client.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.details()).extracting(FieldError::field, FieldError::code)
                            .containsExactly(tuple("records", "too_large"));
                });
        assertThatThrownBy(() -> api.connectorIngest(new Connectors.Request("shopify", null, List.of(order("a", "1")),
                null, "bad business!")))
                .isInstanceOfSatisfying(ApiException.Client.class, e -> assertThat(e.details())
                        .extracting(FieldError::field).containsExactly("businessId"));

        Object deep = "leaf";
        for (int i = 0; i < 40; i++) {
            deep = Map.of("k", deep);
        }
        Map<String, Object> future = order("f", "1");
        future.put("created_at", "2024-06-03T00:00:00Z");
        List<Object> shapes = Arrays.asList("a string", List.of(1), null, order("ok", "1.00"),
                Map.of("id", "deep", "total_price", "1", "x", deep),
                Map.of("id", "big", "total_price", "1", "note", "x".repeat(Connectors.MAX_RECORD_BYTES)),
                Map.of("id", "t", "total_price", "1", "created_at", "not a time"), future,
                Map.of("id", "cur", "total_price", "1", "currency", 840));
        assertThatThrownBy(() -> api.connectorIngest(request("shopify", shapes)))
                .isInstanceOfSatisfying(ApiException.Client.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.getMessage()).isEqualTo("8 of 9 records are invalid; nothing was stored");
                    assertThat(e.details()).extracting(FieldError::index, FieldError::field, FieldError::code)
                            .containsExactly(tuple(0, null, "invalid_type"), tuple(1, null, "invalid_type"),
                                    tuple(2, null, "invalid_type"), tuple(4, null, "invalid_value"),
                                    tuple(5, null, "too_large"), tuple(6, "created_at", "invalid_timestamp"),
                                    tuple(7, "created_at", "invalid_value"), tuple(8, "currency", "invalid_currency"));
                });
        Connectors.Result dry = api.connectorIngest(request("shopify", shapes, true));
        assertThat(List.of(dry.accepted(), dry.failed())).containsExactly(1, 8);
        assertThat(stored()).isEmpty();
    }

    @Test
    void aMappedEventOverTheEventSizeLimitIsRefused() {
        Map<String, Object> record = order("wide", "1.00");
        record.put("note", "x".repeat(40_000));
        assertThatThrownBy(() -> api.connectorIngest(request("shopify", List.of(record))))
                .isInstanceOfSatisfying(ApiException.Client.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.details()).extracting(FieldError::index, FieldError::code)
                            .containsExactly(tuple(0, "too_large"));
                    assertThat(e.details().get(0).message()).startsWith("the mapped event is ");
                });
        assertThat(stored()).isEmpty();
    }

    @Test
    void recordsWithoutIdsWarnAndStillImportOnce() {
        Map<String, Object> a = order(null, "5.00");
        a.remove("id");
        Connectors.Result first = api.connectorIngest(request("shopify", List.of(a)));
        Connectors.RecordResult r = first.records().get(0);
        assertThat(r.recordId()).isNull();
        assertThat(r.eventId()).matches("shopify:order:content:[0-9a-f]{32}");
        assertThat(r.warnings()).extracting(Connectors.Note::field, Connectors.Note::code)
                .containsExactly(tuple("id", "missing_id"));
        Connectors.Result second = api.connectorIngest(request("shopify", List.of(new LinkedHashMap<>(a))));
        assertThat(second.records().get(0).eventId()).isEqualTo(r.eventId());
        assertThat(List.of(second.accepted(), second.duplicates())).containsExactly(0, 1);
        assertThat(stored()).hasSize(1);
    }

    @Test
    void aRecordRepeatedInOneBatchIsStoredOnce() {
        Connectors.Result r = api.connectorIngest(request("shopify", List.of(order("x", "1"), order("x", "1"))));
        assertThat(List.of(r.accepted(), r.duplicates())).containsExactly(1, 1);
        assertThat(r.records()).extracting(Connectors.RecordResult::duplicate).containsExactly(false, true);
        assertThat(stored()).hasSize(1);
    }

    @Test
    void theBusinessOfTheRequestIsUsed() {
        api.connectorIngest(new Connectors.Request("shopify", null, List.of(order("b1", "3")), null, "shop-eu"));
        assertThat(stored()).extracting(Event::businessId).containsExactly("shop-eu");
    }

    private static TrackingPlan plan(PlanMode mode) {
        return new TrackingPlan("orders", "Orders", mode, null, false,
                List.of(new EventSpec("order.created", null, List.of("sku"),
                        Map.of("financialStatus", new PropertySpec("string", List.of("paid"))))), null);
    }

    @Test
    void trackingPlansApplyAsForIngest() {
        Map<String, Object> pending = order("p1", "9.00");
        pending.put("financial_status", "pending");
        api.saveTrackingPlan(plan(PlanMode.WARN));
        Connectors.Result warned = api.connectorIngest(request("shopify", List.of(pending)));
        assertThat(warned.accepted()).isEqualTo(1);
        assertThat(warned.records().get(0).warnings()).extracting(Connectors.Note::field, Connectors.Note::code)
                .contains(tuple("properties.sku", "missing_property"), tuple("properties.financialStatus", "not_allowed"));
        assertThat(stored().get(0).warnings()).hasSize(2);

        Connectors.Result dryWarn = api.connectorIngest(request("shopify", List.of(order("p2", "1")), true));
        assertThat(dryWarn.records().get(0).warnings()).extracting(Connectors.Note::code).contains("missing_property");

        api.saveTrackingPlan(plan(PlanMode.BLOCK));
        assertThatThrownBy(() -> api.connectorIngest(request("shopify", List.of(order("p3", "1")))))
                .isInstanceOfSatisfying(ApiException.Client.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.details()).extracting(FieldError::index, FieldError::field, FieldError::code)
                            .containsExactly(tuple(0, "properties.sku", "missing_property"));
                });
        Connectors.Result dryBlock = api.connectorIngest(request("shopify", List.of(order("p3", "1")), true));
        assertThat(dryBlock.failed()).isEqualTo(1);
        assertThat(dryBlock.records().get(0).errors()).extracting(Connectors.Note::code).containsExactly("missing_property");
        assertThat(stored()).hasSize(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void mappedRevenueCountsInMetricsAndHealthLikeIngestedRevenue() {
        long t = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();
        api.connectorIngest(new Connectors.Request("shopify", null, List.of(order("o1", "149.00"), order("o2", "20.50")),
                null, "via-connector"));
        List<Map<String, Object>> direct = new ArrayList<>();
        for (String[] o : new String[][] {{"o1", "149.00"}, {"o2", "20.50"}}) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("event", "order.created");
            e.put("id", o[0]);
            e.put("businessId", "via-ingest");
            e.put("timestamp", t);
            e.put("outcome", Map.of("revenue", o[1], "currency", "USD"));
            direct.add(e);
        }
        api.ingest(direct);
        for (String business : List.of("via-connector", "via-ingest")) {
            Metrics.Result m = api.metrics(new Metrics.Query(null, null, null, business, null, null, null, null));
            assertThat(m.revenue()).as(business).isEqualByComparingTo("169.50");
            BusinessHealth h = api.businessHealth(business, new BusinessHealth.Query(null, t - 86_400_000L, t + 86_400_000L));
            assertThat(h.revenue()).as(business).isEqualByComparingTo(new BigDecimal("169.50"));
            assertThat(h.orders()).as(business).isEqualTo(2);
        }

        List<Object> stripe = read("fixtures/stripe.json");
        api.connectorIngest(new Connectors.Request("stripe", null, List.of(
                (Map<String, Object>) stripe.get(0), (Map<String, Object>) stripe.get(1),
                (Map<String, Object>) stripe.get(5)), null, "payments"));
        Metrics.Result payments = api.metrics(new Metrics.Query(null, null, null, "payments", null, null, null, null));
        assertThat(payments.revenue()).isEqualByComparingTo("79.50");
    }

    @Test
    void theProviderListNamesEveryProvider() {
        Connectors.Providers p = api.connectorProviders();
        assertThat(p.providers()).hasSize(17);
        assertThat(p.providers().get(0).id()).isEqualTo("shopify");
        assertThat(p.proof()).isNotNull();
    }
}
