package com.headlessanalytics.console.ui.entities;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.Entities;
import com.headlessanalytics.console.api.EventNames;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.EventsOnlyApi;
import com.headlessanalytics.console.api.IngestResult;
import com.headlessanalytics.console.api.RuntimeHealth;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.TrustTier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A small operating graph: entities by type then id, relationships and events per entity, paged by index cursors. */
final class FakeEntitiesApi implements EventsOnlyApi {
    /** The first timestamp of the graph: Nov 14, 2023 22:13 UTC. */
    static final long T0 = 1_700_000_000_000L;
    final List<Entities.Entity> entities = new ArrayList<>();
    final Map<String, List<Entities.Relationship>> relationships = new LinkedHashMap<>();
    final Map<String, List<Event>> events = new LinkedHashMap<>();
    final List<Entities.Query> queries = new ArrayList<>();
    final List<Entities.EventsQuery> eventQueries = new ArrayList<>();
    /** Thrown by every call while set. */
    RuntimeException failure;

    /**
     * A shop's graph: two products (the olive oil with properties and {@code productEvents} events,
     * newest last, each viewed by Ada), Ada, and a market stall that stocks the oil.
     */
    static FakeEntitiesApi shop(int productEvents) {
        FakeEntitiesApi api = new FakeEntitiesApi();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("price", "18.50");
        properties.put("tags", List.of("oil", "500ml"));
        api.add("product", "olive-oil-500ml", "Olive oil 500 ml", properties, productEvents);
        api.add("product", "gift-box", "Gift box", null, 2);
        api.add("customer", "cust_ada", "Ada Silva", null, 3);
        api.add("location", "loc_porto", "Porto market stall", Map.of("city", "Porto"), 1);
        api.link("customer", "cust_ada", "page.product_viewed", "product", "olive-oil-500ml", "Olive oil 500 ml");
        api.link("location", "loc_porto", "stocks", "product", "olive-oil-500ml", "Olive oil 500 ml");
        for (int i = 0; i < productEvents; i++) {
            api.event("product", "olive-oil-500ml", event("e" + i, i, Map.of("type", "customer", "id", "cust_ada",
                    "name", "Ada Silva"), Map.of("type", "product", "id", "olive-oil-500ml")));
        }
        api.event("customer", "cust_ada", event("c1", 5, Map.of("type", "customer", "id", "cust_ada"), null));
        return api;
    }

    /** A product view {@code minutes} after {@link #T0}. */
    static Event event(String id, long minutes, Object actor, Object object) {
        return new Event(id, "page.product_viewed", "default", T0 + minutes * 60_000, 0, actor, object, null,
                "tr_" + id, null, null, null, null, null, null, null, TrustTier.T1, null, Map.of());
    }

    Entities.Entity add(String type, String id, String name, Map<String, Object> properties, long eventCount) {
        Entities.Entity e = new Entities.Entity(type, id, name, properties, T0, T0 + eventCount * 60_000, eventCount);
        entities.add(e);
        entities.sort((a, b) -> a.type().equals(b.type()) ? a.id().compareTo(b.id()) : a.type().compareTo(b.type()));
        return e;
    }

    void link(String fromType, String fromId, String relation, String toType, String toId, String toName) {
        relationships.computeIfAbsent(fromType + "/" + fromId, k -> new ArrayList<>()).add(
                new Entities.Relationship(Entities.Relationship.OUT, relation, toType, toId, toName, 2, T0,
                        T0 + 120_000));
        String fromName = entities.stream().filter(e -> e.type().equals(fromType) && e.id().equals(fromId))
                .map(Entities.Entity::name).findFirst().orElse(null);
        relationships.computeIfAbsent(toType + "/" + toId, k -> new ArrayList<>()).add(
                new Entities.Relationship(Entities.Relationship.IN, relation, fromType, fromId, fromName, 2, T0,
                        T0 + 120_000));
    }

    void event(String type, String id, Event event) {
        events.computeIfAbsent(type + "/" + id, k -> new ArrayList<>()).add(0, event);
    }

    @Override
    public Entities.Page entities(Entities.Query query) {
        queries.add(query);
        fail();
        String q = query.q() == null ? null : query.q().toLowerCase(Locale.ROOT);
        List<Entities.Entity> matching = entities.stream()
                .filter(e -> query.type() == null || e.type().equals(query.type()))
                .filter(e -> q == null || e.id().toLowerCase(Locale.ROOT).contains(q)
                        || e.name() != null && e.name().toLowerCase(Locale.ROOT).contains(q)).toList();
        int from = query.cursor() == null ? 0 : Integer.parseInt(query.cursor());
        int to = Math.min(matching.size(), from + query.effectiveLimit());
        return new Entities.Page(matching.subList(from, to), to < matching.size() ? Integer.toString(to) : null, null);
    }

    @Override
    public Entities.Detail entity(String type, String id) {
        fail();
        Entities.Entity e = entities.stream().filter(x -> x.type().equals(type) && x.id().equals(id)).findFirst()
                .orElseThrow(() -> ApiException.notFound("No entity " + type + " " + id));
        List<Entities.Relationship> rels = relationships.getOrDefault(type + "/" + id, List.of());
        List<Event> recent = events.getOrDefault(type + "/" + id, List.of());
        return new Entities.Detail(e, rels, rels.size(), recent.subList(0, Math.min(recent.size(),
                Entities.DETAIL_EVENTS)), null);
    }

    @Override
    public EventPage entityEvents(Entities.EventsQuery query) {
        eventQueries.add(query);
        fail();
        entity(query.type(), query.id());
        List<Event> all = events.getOrDefault(query.type() + "/" + query.id(), List.of());
        int from = query.cursor() == null ? 0 : Integer.parseInt(query.cursor());
        int limit = query.limit() == null ? Entities.DEFAULT_LIMIT : query.limit();
        int to = Math.min(all.size(), from + limit);
        return new EventPage(all.subList(from, to), to < all.size() ? Integer.toString(to) : null, null);
    }

    @Override
    public IngestResult ingest(List<Map<String, Object>> batch) {
        throw new UnsupportedOperationException();
    }

    @Override
    public EventPage events(EventQuery query) {
        throw new UnsupportedOperationException();
    }

    @Override
    public EventNames eventNames(String businessId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public RuntimeHealth health() {
        throw new UnsupportedOperationException();
    }

    private void fail() {
        if (failure != null) {
            throw failure;
        }
    }
}
