package com.headlessanalytics.console.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.domain.graph.EntityKey;
import com.headlessanalytics.console.domain.graph.GraphFacts;
import com.headlessanalytics.console.domain.graph.GraphRules;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The operating graph, kept at ingest in the same transaction as the events (docs/graph.md): each
 * batch's mentions and relationships are summed in memory, then written once per entity and per
 * relationship. Every merge is order-independent: counts add, first and last seen take the minimum
 * and maximum, and the name and each property keep the value with the latest (timestamp, seq).
 */
final class EntityGraph implements IngestProjection {
    private static final ObjectMapper JSON = ApiJson.mapper();
    private static final TypeReference<LinkedHashMap<String, Stamped>> PROPERTIES = new TypeReference<>() {
    };
    private static final Comparator<GraphFacts.Edge> EDGE_ORDER = Comparator.comparing(GraphFacts.Edge::from)
            .thenComparing(GraphFacts.Edge::relation).thenComparing(GraphFacts.Edge::to);

    /** A property's value with the (timestamp, seq) of the mention it came from. */
    record Stamped(Object v, long t, long s) {
        boolean laterThan(Stamped other) {
            return other == null || t > other.t || (t == other.t && s > other.s);
        }
    }

    /** What a batch says about one entity. */
    private static final class EntitySum {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long count;
        Stamped name;
        Map<String, Stamped> properties;

        void add(long ts, long seq, GraphFacts.Mention m) {
            first = Math.min(first, ts);
            last = Math.max(last, ts);
            count++;
            if (m.name() != null) {
                Stamped candidate = new Stamped(m.name(), ts, seq);
                if (candidate.laterThan(name)) {
                    name = candidate;
                }
            }
            if (m.properties() != null) {
                if (properties == null) {
                    properties = new TreeMap<>();
                }
                merge(properties, m.properties(), ts, seq);
            }
        }
    }

    /** What a batch says about one relationship. */
    private static final class EdgeSum {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long count;
    }

    @Override
    public void onStored(Connection c, String workspaceId, List<Stored> stored) throws SQLException {
        Map<EntityKey, EntitySum> entities = new TreeMap<>();
        Map<GraphFacts.Edge, EdgeSum> edges = new TreeMap<>(EDGE_ORDER);
        try (PreparedStatement mention = c.prepareStatement(
                "INSERT INTO entity_event (x_workspace, x_type, x_id, x_ts, x_seq) VALUES (?, ?, ?, ?, ?)")) {
            for (Stored s : stored) {
                GraphFacts facts = GraphRules.of(s.event());
                long ts = s.event().timestamp();
                for (GraphFacts.Mention m : facts.mentions()) {
                    entities.computeIfAbsent(m.key(), k -> new EntitySum()).add(ts, s.seq(), m);
                    mention.setString(1, workspaceId);
                    mention.setString(2, m.key().type());
                    mention.setString(3, m.key().id());
                    mention.setLong(4, ts);
                    mention.setLong(5, s.seq());
                    mention.addBatch();
                }
                for (GraphFacts.Edge e : facts.edges()) {
                    EdgeSum sum = edges.computeIfAbsent(e, k -> new EdgeSum());
                    sum.first = Math.min(sum.first, ts);
                    sum.last = Math.max(sum.last, ts);
                    sum.count++;
                }
            }
            if (entities.isEmpty()) {
                return;
            }
            mention.executeBatch();
        }
        writeEntities(c, workspaceId, entities);
        writeEdges(c, workspaceId, edges);
    }

    private static void writeEntities(Connection c, String workspaceId, Map<EntityKey, EntitySum> entities)
            throws SQLException {
        String stamp = "(name_ts IS NULL OR name_ts < ? OR (name_ts = ? AND name_seq < ?))";
        try (PreparedStatement counts = c.prepareStatement("UPDATE entity SET event_count = event_count + ?,"
                + " first_seen = LEAST(first_seen, ?), last_seen = GREATEST(last_seen, ?)"
                + " WHERE workspace_id = ? AND e_type = ? AND e_id = ?");
             PreparedStatement named = c.prepareStatement("UPDATE entity SET event_count = event_count + ?,"
                + " first_seen = LEAST(first_seen, ?), last_seen = GREATEST(last_seen, ?),"
                + " name = CASE WHEN " + stamp + " THEN ? ELSE name END,"
                + " name_seq = CASE WHEN " + stamp + " THEN ? ELSE name_seq END,"
                + " name_ts = CASE WHEN " + stamp + " THEN ? ELSE name_ts END"
                + " WHERE workspace_id = ? AND e_type = ? AND e_id = ?");
             PreparedStatement read = c.prepareStatement(
                "SELECT properties FROM entity WHERE workspace_id = ? AND e_type = ? AND e_id = ?");
             PreparedStatement properties = c.prepareStatement(
                "UPDATE entity SET properties = ? WHERE workspace_id = ? AND e_type = ? AND e_id = ?");
             PreparedStatement insert = c.prepareStatement("INSERT INTO entity (workspace_id, e_type, e_id, name,"
                + " name_ts, name_seq, properties, first_seen, last_seen, event_count)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<EntityKey, EntitySum> entry : entities.entrySet()) {
                EntityKey key = entry.getKey();
                EntitySum sum = entry.getValue();
                String merged = null;
                boolean exists;
                if (sum.properties != null) {
                    read.setString(1, workspaceId);
                    read.setString(2, key.type());
                    read.setString(3, key.id());
                    try (ResultSet rs = read.executeQuery()) {
                        exists = rs.next();
                        Map<String, Stamped> current = exists ? properties(rs.getString(1)) : new TreeMap<>();
                        for (Map.Entry<String, Stamped> p : sum.properties.entrySet()) {
                            if (p.getValue().laterThan(current.get(p.getKey()))) {
                                current.put(p.getKey(), p.getValue());
                            }
                        }
                        merged = write(current);
                    }
                    if (!exists) {
                        insert(insert, workspaceId, key, sum, merged);
                        continue;
                    }
                    properties.setString(1, merged);
                    properties.setString(2, workspaceId);
                    properties.setString(3, key.type());
                    properties.setString(4, key.id());
                    properties.executeUpdate();
                }
                PreparedStatement update = sum.name == null ? counts : named;
                int i = 1;
                update.setLong(i++, sum.count);
                update.setLong(i++, sum.first);
                update.setLong(i++, sum.last);
                if (sum.name != null) {
                    for (Object value : new Object[] {sum.name.v(), sum.name.s(), sum.name.t()}) {
                        update.setLong(i++, sum.name.t());
                        update.setLong(i++, sum.name.t());
                        update.setLong(i++, sum.name.s());
                        update.setObject(i++, value);
                    }
                }
                update.setString(i++, workspaceId);
                update.setString(i++, key.type());
                update.setString(i, key.id());
                if (update.executeUpdate() == 0) {
                    insert(insert, workspaceId, key, sum, null);
                }
            }
        }
    }

    private static void insert(PreparedStatement insert, String workspaceId, EntityKey key, EntitySum sum,
                               String properties) throws SQLException {
        insert.setString(1, workspaceId);
        insert.setString(2, key.type());
        insert.setString(3, key.id());
        if (sum.name == null) {
            insert.setNull(4, Types.VARCHAR);
            insert.setNull(5, Types.BIGINT);
            insert.setNull(6, Types.BIGINT);
        } else {
            insert.setString(4, (String) sum.name.v());
            insert.setLong(5, sum.name.t());
            insert.setLong(6, sum.name.s());
        }
        if (properties == null) {
            insert.setNull(7, Types.VARCHAR);
        } else {
            insert.setString(7, properties);
        }
        insert.setLong(8, sum.first);
        insert.setLong(9, sum.last);
        insert.setLong(10, sum.count);
        insert.executeUpdate();
    }

    private static void writeEdges(Connection c, String workspaceId, Map<GraphFacts.Edge, EdgeSum> edges)
            throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE entity_relationship SET rel_count = rel_count + ?,"
                + " first_seen = LEAST(first_seen, ?), last_seen = GREATEST(last_seen, ?) WHERE workspace_id = ?"
                + " AND from_type = ? AND from_id = ? AND relation = ? AND to_type = ? AND to_id = ?");
             PreparedStatement insert = c.prepareStatement("INSERT INTO entity_relationship (workspace_id,"
                + " from_type, from_id, relation, to_type, to_id, rel_count, first_seen, last_seen)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<GraphFacts.Edge, EdgeSum> entry : edges.entrySet()) {
                GraphFacts.Edge e = entry.getKey();
                EdgeSum sum = entry.getValue();
                update.setLong(1, sum.count);
                update.setLong(2, sum.first);
                update.setLong(3, sum.last);
                bindEdge(update, 4, workspaceId, e);
                if (update.executeUpdate() == 0) {
                    bindEdge(insert, 1, workspaceId, e);
                    insert.setLong(7, sum.count);
                    insert.setLong(8, sum.first);
                    insert.setLong(9, sum.last);
                    insert.executeUpdate();
                }
            }
        }
    }

    private static void bindEdge(PreparedStatement ps, int first, String workspaceId, GraphFacts.Edge e)
            throws SQLException {
        ps.setString(first, workspaceId);
        ps.setString(first + 1, e.from().type());
        ps.setString(first + 2, e.from().id());
        ps.setString(first + 3, e.relation());
        ps.setString(first + 4, e.to().type());
        ps.setString(first + 5, e.to().id());
    }

    /** Merges a mention's properties into {@code into}, keeping the later value of each. */
    private static void merge(Map<String, Stamped> into, Map<String, Object> properties, long ts, long seq) {
        for (Map.Entry<String, Object> p : properties.entrySet()) {
            Stamped candidate = new Stamped(p.getValue(), ts, seq);
            if (candidate.laterThan(into.get(p.getKey()))) {
                into.put(p.getKey(), candidate);
            }
        }
    }

    /** The stored properties with their stamps; empty for none. */
    static Map<String, Stamped> properties(String json) {
        if (json == null) {
            return new TreeMap<>();
        }
        try {
            return new TreeMap<>(JSON.readValue(json, PROPERTIES));
        } catch (JsonProcessingException e) {
            throw new EngineException("An entity's stored properties could not be read: " + e.getOriginalMessage(), e);
        }
    }

    /** The properties as the API answers them: each key's value, by key. */
    static Map<String, Object> values(String json) {
        Map<String, Object> out = new LinkedHashMap<>();
        properties(json).forEach((k, v) -> out.put(k, v.v()));
        return out;
    }

    private static String write(Map<String, Stamped> properties) {
        try {
            return JSON.writeValueAsString(properties);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Entity properties could not be written as JSON", e);
        }
    }
}
