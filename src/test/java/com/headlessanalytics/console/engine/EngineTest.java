package com.headlessanalytics.console.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.IngestResult;
import com.headlessanalytics.console.domain.Event;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineTest {
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

    static Map<String, Object> event(String name, String id, long ts) {
        Map<String, Object> m = new HashMap<>();
        m.put("event", name);
        if (id != null) {
            m.put("id", id);
        }
        m.put("timestamp", ts);
        return m;
    }

    @Test
    void storesOnceAndReportsResentIdsAsDuplicates() {
        IngestResult first = api.ingest(List.of(event("order.created", "o-1", 1000), event("order.created", null, 2000)));
        assertThat(first.accepted()).isEqualTo(2);
        assertThat(first.ids()).hasSize(2).first().isEqualTo("o-1");
        assertThat(first.ids().get(1)).startsWith("evt_");

        IngestResult again = api.ingest(List.of(event("order.created", "o-1", 1000), event("lead.created", "l-1", 3000),
                event("lead.created", "l-1", 3000)));
        assertThat(again.accepted()).isEqualTo(1);
        assertThat(again.duplicates()).isEqualTo(2);
        assertThat(again.duplicateIds()).containsExactly("o-1", "l-1");
        assertThat(api.events(EventQuery.all()).events()).hasSize(3);
    }

    @Test
    void oneInvalidEventRejectsTheWholeBatchAndNamesIndexAndField() {
        List<Map<String, Object>> batch = new ArrayList<>();
        batch.add(event("page.viewed", "p-1", 1000));
        Map<String, Object> bad = event("page.viewed", "p-2", 1000);
        bad.put("trustTier", "T9");
        bad.remove("event");
        batch.add(bad);
        assertThatThrownBy(() -> api.ingest(batch))
                .isInstanceOfSatisfying(ApiException.Client.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.details()).extracting(d -> d.index() + ":" + d.field())
                            .containsExactlyInAnyOrder("1:event", "1:trustTier");
                });
        assertThat(api.events(EventQuery.all()).events()).isEmpty();
    }

    @Test
    void pagesInTimestampThenStorageOrderBothWays() {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            batch.add(event("scan.done", "s-" + i, 1000 + (i % 5)));
        }
        api.ingest(batch);
        List<String> seen = new ArrayList<>();
        EventQuery q = EventQuery.all().withLimit(7);
        EventPage page;
        do {
            page = api.events(q);
            page.events().forEach(e -> seen.add(e.id()));
            q = q.withCursor(page.nextCursor());
        } while (page.nextCursor() != null);
        List<String> expected = new ArrayList<>();
        for (int t = 0; t < 5; t++) {
            for (int i = t; i < 25; i += 5) {
                expected.add("s-" + i);
            }
        }
        assertThat(seen).containsExactlyElementsOf(expected);

        EventQuery desc = new EventQuery(null, null, null, null, null, null, 10, null, EventQuery.Order.DESC);
        EventPage p1 = api.events(desc);
        EventPage p2 = api.events(desc.withCursor(p1.nextCursor()));
        List<String> newest = new ArrayList<>(p1.events().stream().map(Event::id).toList());
        newest.addAll(p2.events().stream().map(Event::id).toList());
        assertThat(newest).containsExactlyElementsOf(expected.reversed().subList(0, 20));
    }

    @Test
    void filtersByNameTraceActorBusinessAndTime() {
        Map<String, Object> a = event("order.created", "a", 1000);
        a.put("traceId", "t-1");
        a.put("actor", Map.of("type", "customer", "id", "cust-1"));
        a.put("businessId", "brand-2");
        Map<String, Object> b = event("lead.created", "b", 2000);
        b.put("actor", "cust-1");
        Map<String, Object> c = event("lead.created", "c", 3000);
        c.put("traceId", "t-2");
        api.ingest(List.of(a, b, c));
        assertThat(ids(new EventQuery(null, "lead.created", null, null, null, null, null, null, null)))
                .containsExactly("b", "c");
        assertThat(ids(new EventQuery(null, null, "t-1", null, null, null, null, null, null))).containsExactly("a");
        assertThat(ids(new EventQuery(null, null, null, "cust-1", null, null, null, null, null)))
                .containsExactly("a", "b");
        assertThat(ids(new EventQuery(null, null, null, "t-2", null, null, null, null, null))).containsExactly("c");
        assertThat(ids(new EventQuery("brand-2", null, null, null, null, null, null, null, null))).containsExactly("a");
        assertThat(ids(new EventQuery(Engine.DEFAULT_BUSINESS_ID, null, null, null, null, null, null, null, null)))
                .containsExactly("b", "c");
        assertThat(ids(new EventQuery(null, null, null, null, 2000L, 3000L, null, null, null))).containsExactly("b", "c");
    }

    @Test
    void storedEnvelopeRoundTripsWithReceiveTimeAndExactDecimals() {
        Map<String, Object> e = event("order.created", "o-9", 1234);
        e.put("properties", Map.of("amount", new java.math.BigDecimal("19.90"), "currency", "EUR"));
        e.put("trustTier", "T2");
        api.ingest(List.of(e));
        Event stored = api.events(EventQuery.all()).events().get(0);
        assertThat(stored.properties().get("amount").toString()).isEqualTo("19.90");
        assertThat(stored.trustTier().name()).isEqualTo("T2");
        assertThat(stored.receivedAt()).isPositive();
        assertThat(stored.businessId()).isEqualTo("default");
    }

    @Test
    void survivesReopenAndKeepsKeysAsHashesOnly() throws Exception {
        var key = engine.keys().create(engine.defaultWorkspaceId(), "ci");
        api.ingest(List.of(event("a.b", "x", 1)));
        engine.close();
        engine = Engine.open(dir);
        api = engine.defaultWorkspace();
        assertThat(api.events(EventQuery.all()).events()).extracting(Event::id).containsExactly("x");
        assertThat(engine.authenticate(key.secret())).hasValueSatisfying(p -> assertThat(p.keyId())
                .isEqualTo(key.info().id()));
        assertThat(engine.authenticate(key.secret() + "x")).isEmpty();
        assertThat(engine.keys().list(engine.defaultWorkspaceId())).singleElement()
                .satisfies(k -> assertThat(k.active()).isTrue());
        engine.keys().revoke(key.info().id());
        assertThat(engine.keys().list(engine.defaultWorkspaceId())).singleElement()
                .satisfies(k -> assertThat(k.revokedAt()).isNotNull());
        assertThat(engine.authenticate(key.secret())).isEmpty();
        byte[] file = java.nio.file.Files.readAllBytes(dir.resolve(Database.FILE_NAME + ".mv.db"));
        assertThat(new String(file, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(key.secret());
    }

    private List<String> ids(EventQuery q) {
        return api.events(q).events().stream().map(Event::id).toList();
    }
}
