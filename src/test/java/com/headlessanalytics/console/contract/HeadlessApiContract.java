package com.headlessanalytics.console.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.IngestResult;
import com.headlessanalytics.console.api.RuntimeHealth;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        e.put("properties", Map.of("note", "naïve café \u0000 ☕", "amount", new BigDecimal("1234567890.123456789")));
        api().ingest(List.of(e));
        Event stored = api().events(EventQuery.all()).events().get(0);
        assertThat(stored.id()).isEqualTo("ü-1");
        assertThat(stored.actor()).isEqualTo("名前-😀");
        assertThat(stored.properties().get("note")).isEqualTo("naïve café \u0000 ☕");
        assertThat(new BigDecimal(stored.properties().get("amount").toString()))
                .isEqualByComparingTo("1234567890.123456789");
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

    private List<String> ids(EventQuery q) {
        return api().events(q).events().stream().map(Event::id).toList();
    }
}
