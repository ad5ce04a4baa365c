package com.headlessanalytics.console.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.Entities;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.FieldError;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operating graph in a real H2 folder: upserts, hostile input, and the backfill of stored events. */
class EntityGraphEngineTest {
    private static final long T = 1_767_225_600_000L;

    @TempDir
    Path dir;

    private static Map<String, Object> event(String id, String name, long ts, Object actor, Object object,
                                             Map<String, Object> entity) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", id);
        e.put("event", name);
        e.put("timestamp", ts);
        if (actor != null) {
            e.put("actor", actor);
        }
        if (object != null) {
            e.put("object", object);
        }
        if (entity != null) {
            e.put("entity", entity);
        }
        return e;
    }

    @Test
    void eventsUpsertEntitiesAndRelationshipsWithTheLatestValuesWhateverTheOrder() {
        try (Engine engine = Engine.open(dir)) {
            HeadlessApi api = engine.defaultWorkspace();
            Map<String, Object> ana = Map.of("type", "customer", "id", "anon_123", "name", "Ana");
            Map<String, Object> oil = Map.of("type", "product", "id", "olive-oil-500ml");
            api.ingest(List.of(event("later", "qr.bottle_scanned", T + 2000, ana, oil, Map.of("type", "product",
                    "id", "olive-oil-500ml", "name", "Olive oil 500 ml", "properties", Map.of("price", 12, "stock", 3),
                    "relationships", List.of(Map.of("type", "location", "id", "shelf-4", "relation", "stocked_at"))))));
            api.ingest(List.of(event("earlier", "page.product_viewed", T, Map.of("type", "customer", "id",
                    "anon_123", "name", "Old name"), oil, Map.of("type", "product", "id", "olive-oil-500ml", "name",
                    "Oil", "properties", Map.of("price", 10, "origin", "Crete")))));

            Entities.Detail product = api.entity("product", "olive-oil-500ml");
            assertThat(product.entity()).isEqualTo(new Entities.Entity("product", "olive-oil-500ml", "Olive oil 500 ml",
                    Map.of("price", 12, "stock", 3, "origin", "Crete"), T, T + 2000, 2));
            assertThat(product.recentEvents()).extracting(Event::id).containsExactly("later", "earlier");
            assertThat(product.relationships()).extracting(r -> r.direction() + " " + r.relation() + " " + r.type()
                    + "/" + r.id() + " x" + r.count()).containsExactlyInAnyOrder(
                    "in qr.bottle_scanned customer/anon_123 x1", "in page.product_viewed customer/anon_123 x1",
                    "out stocked_at location/shelf-4 x1", "out in_business business/default x2");
            assertThat(product.relationshipCount()).isEqualTo(4);
            assertThat(api.entity("customer", "anon_123").entity().name()).as("the later mention's name").isEqualTo("Ana");
            assertThat(api.entity("business", "default").entity().eventCount()).isEqualTo(2);

            Entities.Page customers = api.entities(new Entities.Query("customer", null, null, null));
            assertThat(customers.entities()).extracting(Entities.Entity::id).containsExactly("anon_123");
            assertThat(api.entities(new Entities.Query(null, "OLIVE", null, null)).entities())
                    .extracting(Entities.Entity::id).containsExactly("olive-oil-500ml");
            assertThat(api.entities(new Entities.Query(null, "50%", null, null)).entities()).as("LIKE escaped").isEmpty();
        }
    }

    @Test
    void hostileGraphInputIsRefusedWithItsFieldAndNothingIsStored() {
        Map<String, Object> deep = Map.of("a", Map.of("b", Map.of("c", Map.of("d", Map.of("e", 1)))));
        List<Map<String, Object>> hostile = List.of(
                Map.of("type", "x".repeat(65), "id", "1"),
                Map.of("type", "product", "id", "a\u0007b"),
                Map.of("type", "product", "id", "y".repeat(257)),
                Map.of("type", "product\n", "id", "1"),
                Map.of("type", "product", "id", "1", "properties", deep),
                Map.of("type", "product", "id", "1", "relationships", List.of(Map.of("type", "product", "id", "1"))),
                Map.of("type", "product", "id", "1", "colour", "red"),
                Map.of("type", "product"),
                Map.of("type", "product", "id", "1", "relationships", manyRelationships(33)),
                Map.of("type", "product", "id", " "));
        List<String> fields = List.of("entity.type", "entity.id", "entity.id", "entity.type", "entity",
                "entity.relationships[0]", "entity", "entity.id", "entity.relationships", "entity.id");
        try (Engine engine = Engine.open(dir)) {
            HeadlessApi api = engine.defaultWorkspace();
            for (int i = 0; i < hostile.size(); i++) {
                List<Map<String, Object>> batch = List.of(event("fine", "ok", T, null, null, null),
                        event("bad" + i, "ok", T, null, null, hostile.get(i)));
                ApiException.Client refused = catchThrowableOfType(ApiException.Client.class, () -> api.ingest(batch));
                assertThat(refused).as("case %d", i).isNotNull();
                assertThat(refused.status()).isEqualTo(400);
                assertThat(refused.details()).extracting(FieldError::field).as("case %d", i).contains(fields.get(i));
            }
            ApiException.Client actor = catchThrowableOfType(ApiException.Client.class, () -> api.ingest(List.of(
                    event("a", "ok", T, Map.of("type", "agent", "id", "x\ty"), null, null))));
            assertThat(actor.details()).extracting(FieldError::field).contains("actor.id");
            assertThat(api.events(EventQuery.all()).events()).isEmpty();
            assertThat(api.entities(Entities.Query.all()).entities()).isEmpty();
        }
    }

    private static List<Object> manyRelationships(int n) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Map.of("type", "product", "id", "p" + i));
        }
        return out;
    }

    @Test
    void eventsStoredBeforeTheGraphAreAddedAfterOpeningAndAnInterruptedBackfillResumes() throws Exception {
        int count = EntityBackfill.CHUNK * 3 + 17;
        List<String> before = new ArrayList<>();
        try (Engine engine = Engine.open(dir)) {
            HeadlessApi api = engine.defaultWorkspace();
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                batch.add(event("e" + i, "scanned", T + (i * 7919L) % 5000, Map.of("type", "customer", "id",
                        "c" + i % 40, "name", "C" + i), Map.of("type", "product", "id", "p" + i % 9), null));
                if (batch.size() == 1000 || i == count - 1) {
                    api.ingest(batch);
                    batch.clear();
                }
            }
            before.addAll(snapshot(api));
        }
        try (Database db = Database.open(dir)) {
            db.write(c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("DELETE FROM entity");
                    s.executeUpdate("DELETE FROM entity_relationship");
                    s.executeUpdate("DELETE FROM entity_event");
                    s.executeUpdate("UPDATE entity_backfill SET next_seq = 1, last_seq = " + count);
                }
                return null;
            });
        }
        Engine.open(dir).close();
        try (Engine engine = Engine.open(dir)) {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!engine.graphComplete() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(engine.graphComplete()).isTrue();
            assertThat(snapshot(engine.defaultWorkspace())).isEqualTo(before);
        }
    }

    /** Every entity with its relationships and event count, as text. */
    private static List<String> snapshot(HeadlessApi api) {
        List<String> out = new ArrayList<>();
        Entities.Query q = new Entities.Query(null, null, 500, null);
        Entities.Page page;
        do {
            page = api.entities(q);
            for (Entities.Entity e : page.entities()) {
                Entities.Detail d = api.entity(e.type(), e.id());
                out.add(e + " " + d.relationshipCount() + " " + d.relationships().stream()
                        .filter(r -> r.direction().equals("out")).map(Object::toString).sorted().toList());
            }
            q = q.withCursor(page.nextCursor());
        } while (page.nextCursor() != null);
        return out;
    }
}
