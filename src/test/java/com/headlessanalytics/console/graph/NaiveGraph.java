package com.headlessanalytics.console.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A second, deliberately plain implementation of docs/graph.md for the property test: it replays
 * every event in storage order and, for each value, remembers the (timestamp, storage position) it
 * came from, comparing stamps directly instead of merging batches.
 */
final class NaiveGraph {

    /** An entity as the API answers it, keyed "type/id". */
    record Node(String name, Map<String, Object> properties, long firstSeen, long lastSeen, long eventCount,
                List<String> eventIds) {
    }

    /** A relationship's totals, keyed "fromType/fromId -relation-> toType/toId". */
    record Link(long count, long firstSeen, long lastSeen) {
    }

    final Map<String, Node> nodes = new TreeMap<>();
    final Map<String, Link> links = new TreeMap<>();

    private final Map<String, long[]> nameStamps = new TreeMap<>();
    private final Map<String, long[]> propertyStamps = new TreeMap<>();

    /** Builds the graph from events in storage order; each has an id, a timestamp and a businessId. */
    static NaiveGraph of(List<Map<String, Object>> stored) {
        NaiveGraph g = new NaiveGraph();
        for (int position = 0; position < stored.size(); position++) {
            g.add(stored.get(position), position);
        }
        return g;
    }

    @SuppressWarnings("unchecked")
    private void add(Map<String, Object> event, int position) {
        long ts = ((Number) event.get("timestamp")).longValue();
        String eventId = (String) event.get("id");
        TreeSet<String> touched = new TreeSet<>();
        TreeSet<String> eventLinks = new TreeSet<>();
        String actor = keyOf(event.get("actor"));
        String object = keyOf(event.get("object"));
        for (String field : List.of("actor", "object")) {
            String key = keyOf(event.get(field));
            if (key != null) {
                touched.add(key);
                describe(key, (Map<String, Object>) event.get(field), ts, position);
            }
        }
        if (actor != null && object != null && !actor.equals(object)) {
            eventLinks.add(actor + " -" + event.get("event") + "-> " + object);
        }
        Map<String, Object> entity = (Map<String, Object>) event.get("entity");
        if (entity != null) {
            String self = keyOf(entity);
            touched.add(self);
            describe(self, entity, ts, position);
            for (Object r : (List<Object>) entity.getOrDefault("relationships", List.of())) {
                Map<String, Object> rel = (Map<String, Object>) r;
                String target = keyOf(rel);
                touched.add(target);
                describe(target, rel, ts, position);
                String relation = (String) rel.getOrDefault("relation", "related_to");
                eventLinks.add(self + " -" + relation + "-> " + target);
            }
        }
        if (touched.isEmpty()) {
            return;
        }
        String business = "business/" + event.get("businessId");
        for (String key : touched) {
            if (!key.equals(business)) {
                eventLinks.add(key + " -in_business-> " + business);
            }
        }
        touched.add(business);
        for (String l : eventLinks) {
            link(l, ts);
        }
        for (String key : touched) {
            Node n = nodes.get(key);
            List<String> ids = new ArrayList<>(n == null ? List.of() : n.eventIds());
            ids.add(eventId);
            nodes.put(key, n == null ? new Node(null, new TreeMap<>(), ts, ts, 1, ids)
                    : new Node(n.name(), n.properties(), Math.min(n.firstSeen(), ts), Math.max(n.lastSeen(), ts),
                    n.eventCount() + 1, ids));
        }
    }

    /** Sets the name and properties a mention gives, where its stamp is later than the value's. */
    @SuppressWarnings("unchecked")
    private void describe(String key, Map<String, Object> mention, long ts, int position) {
        Node n = nodes.computeIfAbsent(key, k -> new Node(null, new TreeMap<>(), ts, ts, 0, List.of()));
        String name = n.name();
        if (mention.get("name") instanceof String s && later(nameStamps, key, ts, position)) {
            name = s;
        }
        Map<String, Object> properties = new TreeMap<>(n.properties());
        if (mention.get("properties") instanceof Map<?, ?> p) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) p).entrySet()) {
                if (later(propertyStamps, key + "\n" + e.getKey(), ts, position)) {
                    properties.put(e.getKey(), e.getValue());
                }
            }
        }
        nodes.put(key, new Node(name, properties, n.firstSeen(), n.lastSeen(), n.eventCount(), n.eventIds()));
    }

    private static boolean later(Map<String, long[]> stamps, String key, long ts, int position) {
        long[] s = stamps.get(key);
        if (s == null || ts > s[0] || (ts == s[0] && position >= s[1])) {
            stamps.put(key, new long[] {ts, position});
            return true;
        }
        return false;
    }

    private void link(String key, long ts) {
        Link l = links.get(key);
        links.put(key, l == null ? new Link(1, ts, ts)
                : new Link(l.count() + 1, Math.min(l.firstSeen(), ts), Math.max(l.lastSeen(), ts)));
    }

    private static String keyOf(Object value) {
        if (value instanceof Map<?, ?> m && m.get("type") instanceof String type && m.get("id") instanceof String id) {
            return type + "/" + id;
        }
        return null;
    }
}
