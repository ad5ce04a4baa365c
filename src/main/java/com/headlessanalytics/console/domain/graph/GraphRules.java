package com.headlessanalytics.console.domain.graph;

import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.EventLimits;
import com.headlessanalytics.console.domain.FieldError;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operating graph's rules for one event (docs/graph.md): which fields name entities, what
 * makes them valid, and the entities and relationships an event adds.
 *
 * <ul>
 *   <li>{@code entity} ({@code type}, {@code id}, {@code name?}, {@code properties?},
 *       {@code relationships[]?}), and {@code actor} and {@code object} when they are objects with
 *       a {@code type} and an {@code id}, are the event's entities; so is each relationship's target,
 *       and the event's business (type {@value #BUSINESS}) when the event names any other.</li>
 *   <li>Relationships: actor → object named by the event; every entity → its business
 *       ({@value #IN_BUSINESS}); the entity → each target of {@code entity.relationships[]}
 *       (named by {@code relation}, default {@value #RELATED_TO}).</li>
 * </ul>
 */
public final class GraphRules {
    public static final int MAX_TYPE_LENGTH = 64;
    public static final int MAX_ID_LENGTH = EventLimits.MAX_ID_LENGTH;
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_RELATION_LENGTH = EventLimits.MAX_NAME_LENGTH;
    public static final int MAX_RELATIONSHIPS = 32;
    /** Levels of objects and arrays in {@code entity}, the entity object itself included. */
    public static final int MAX_ENTITY_DEPTH = 5;
    /** The type of the business node every entity of an event links to. */
    public static final String BUSINESS = "business";
    public static final String IN_BUSINESS = "in_business";
    public static final String RELATED_TO = "related_to";

    private static final Set<String> ENTITY_FIELDS = Set.of("type", "id", "name", "properties", "relationships");
    private static final Set<String> RELATIONSHIP_FIELDS = Set.of("type", "id", "name", "relation");

    private GraphRules() {
    }

    /** Adds to {@code errors} every problem with the graph fields of a raw envelope. */
    public static void check(Integer index, Map<String, Object> raw, List<FieldError> errors) {
        for (String field : List.of("actor", "object")) {
            if (raw.get(field) instanceof Map<?, ?> m && m.get("type") != null && m.get("id") != null) {
                checkKey(index, field, m, errors);
                checkName(index, field + ".name", m.get("name"), errors);
            }
        }
        if (!(raw.get("entity") instanceof Map<?, ?> entity)) {
            return;
        }
        if (depth(entity) > MAX_ENTITY_DEPTH) {
            errors.add(new FieldError(index, "entity", "invalid_value",
                    "nests objects and arrays deeper than " + MAX_ENTITY_DEPTH + " levels"));
            return;
        }
        unknownFields(index, "entity", entity, ENTITY_FIELDS, errors);
        for (String required : List.of("type", "id")) {
            if (entity.get(required) == null) {
                errors.add(new FieldError(index, "entity." + required, "required", "is required"));
            }
        }
        EntityKey self = checkKey(index, "entity", entity, errors);
        checkName(index, "entity.name", entity.get("name"), errors);
        Object properties = entity.get("properties");
        if (properties != null && !(properties instanceof Map)) {
            errors.add(new FieldError(index, "entity.properties", "invalid_type", "must be an object"));
        }
        Object relationships = entity.get("relationships");
        if (relationships == null) {
            return;
        }
        if (!(relationships instanceof List<?> list)) {
            errors.add(new FieldError(index, "entity.relationships", "invalid_type", "must be an array"));
            return;
        }
        if (list.size() > MAX_RELATIONSHIPS) {
            errors.add(new FieldError(index, "entity.relationships", "invalid_value",
                    "holds " + list.size() + " relationships; the limit is " + MAX_RELATIONSHIPS));
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            String path = "entity.relationships[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> r)) {
                errors.add(new FieldError(index, path, "invalid_type", "must be an object with a type and an id"));
                continue;
            }
            unknownFields(index, path, r, RELATIONSHIP_FIELDS, errors);
            for (String required : List.of("type", "id")) {
                if (r.get(required) == null) {
                    errors.add(new FieldError(index, path + "." + required, "required", "is required"));
                }
            }
            EntityKey target = checkKey(index, path, r, errors);
            checkName(index, path + ".name", r.get("name"), errors);
            Object relation = r.get("relation");
            if (relation != null) {
                String problem = relation instanceof String s ? textProblem(s, MAX_RELATION_LENGTH) : "must be a string";
                if (problem != null) {
                    errors.add(new FieldError(index, path + ".relation", "invalid_value", problem));
                }
            }
            if (self != null && self.equals(target)) {
                errors.add(new FieldError(index, path, "invalid_value", "points at the entity itself"));
            }
        }
    }

    /**
     * The entities and relationships of an event. Events stored before these rules existed may break
     * them; what cannot name an entity (no type or id) is left out rather than refused.
     */
    public static GraphFacts of(Event event) {
        Map<EntityKey, GraphFacts.Mention> mentions = new LinkedHashMap<>();
        Set<GraphFacts.Edge> edges = new LinkedHashSet<>();
        EntityKey actor = mention(event.actor(), mentions);
        EntityKey object = mention(event.object(), mentions);
        if (actor != null && object != null && !actor.equals(object)) {
            edges.add(new GraphFacts.Edge(actor, event.event(), object));
        }
        EntityKey self = mention(event.entity(), mentions);
        if (self != null && event.entity().get("relationships") instanceof List<?> list) {
            for (Object item : list) {
                EntityKey target = mention(item, mentions);
                if (target != null && !target.equals(self)) {
                    Object relation = ((Map<?, ?>) item).get("relation");
                    edges.add(new GraphFacts.Edge(self, relation instanceof String s ? s : RELATED_TO, target));
                }
            }
        }
        if (mentions.isEmpty()) {
            return GraphFacts.NONE;
        }
        EntityKey business = new EntityKey(BUSINESS, event.businessId());
        for (EntityKey key : List.copyOf(mentions.keySet())) {
            if (!key.equals(business)) {
                edges.add(new GraphFacts.Edge(key, IN_BUSINESS, business));
            }
        }
        mentions.putIfAbsent(business, new GraphFacts.Mention(business, null, null));
        return new GraphFacts(List.copyOf(mentions.values()), List.copyOf(edges));
    }

    /** 400 problems with a type and id given as query or path parameters, for the lookup paths. */
    public static List<FieldError> keyProblems(String type, String id) {
        List<FieldError> errors = new ArrayList<>();
        String typeProblem = type == null ? "is required" : textProblem(type, MAX_TYPE_LENGTH);
        if (typeProblem != null) {
            errors.add(new FieldError(null, "type", "invalid_value", typeProblem));
        }
        String idProblem = id == null ? "is required" : textProblem(id, MAX_ID_LENGTH);
        if (idProblem != null) {
            errors.add(new FieldError(null, "id", "invalid_value", idProblem));
        }
        return errors;
    }

    /** Why {@code text} is not a valid type, id, name or relation of at most {@code max} characters, or null. */
    public static String textProblem(String text, int max) {
        if (text.isBlank()) {
            return "must not be blank";
        }
        if (text.codePointCount(0, text.length()) > max) {
            return "is longer than " + max + " characters";
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            return "must not contain control characters";
        }
        return null;
    }

    /** The entity an actor, object or entity value names, or null when it is not an object with a type and an id. */
    public static EntityKey keyOf(Object value) {
        if (!(value instanceof Map<?, ?> m) || !(m.get("type") instanceof String type)) {
            return null;
        }
        String id = idText(m.get("id"));
        return id == null ? null : new EntityKey(type, id);
    }

    /** The id's text: a string, or an integer given as a JSON number; null for anything else. */
    static String idText(Object id) {
        if (id instanceof String s) {
            return s;
        }
        if (id instanceof Integer || id instanceof Long || id instanceof BigInteger) {
            return id.toString();
        }
        if (id instanceof BigDecimal d && d.stripTrailingZeros().scale() <= 0) {
            return d.toBigInteger().toString();
        }
        return null;
    }

    private static EntityKey checkKey(Integer index, String path, Map<?, ?> m, List<FieldError> errors) {
        Object type = m.get("type");
        Object id = m.get("id");
        String typeProblem = type == null ? null
                : type instanceof String s ? textProblem(s, MAX_TYPE_LENGTH) : "must be a string";
        if (typeProblem != null) {
            errors.add(new FieldError(index, path + ".type", "invalid_value", typeProblem));
        }
        String idText = idText(id);
        String idProblem = id == null ? null
                : idText != null ? textProblem(idText, MAX_ID_LENGTH) : "must be a string or an integer";
        if (idProblem != null) {
            errors.add(new FieldError(index, path + ".id", "invalid_value", idProblem));
        }
        return type instanceof String t && idText != null && typeProblem == null && idProblem == null
                ? new EntityKey(t, idText) : null;
    }

    private static void checkName(Integer index, String path, Object name, List<FieldError> errors) {
        if (name == null) {
            return;
        }
        String problem = name instanceof String s ? textProblem(s, MAX_NAME_LENGTH) : "must be a string";
        if (problem != null) {
            errors.add(new FieldError(index, path, "invalid_value", problem));
        }
    }

    private static void unknownFields(Integer index, String path, Map<?, ?> m, Set<String> known,
                                      List<FieldError> errors) {
        for (Object key : m.keySet()) {
            if (!known.contains(key)) {
                errors.add(new FieldError(index, path, "unknown_field", "has a field that is not one of "
                        + String.join(", ", known.stream().sorted().toList())
                        + (path.equals("entity") ? " (put other facts under properties)" : "")));
                return;
            }
        }
    }

    /** The mention of an object with a type and an id (merged with an earlier one of the same key), or null. */
    @SuppressWarnings("unchecked")
    private static EntityKey mention(Object value, Map<EntityKey, GraphFacts.Mention> mentions) {
        EntityKey key = keyOf(value);
        if (key == null) {
            return null;
        }
        Map<?, ?> m = (Map<?, ?>) value;
        String name = m.get("name") instanceof String s ? s : null;
        Map<String, Object> properties = m.get("properties") instanceof Map<?, ?> p ? (Map<String, Object>) p : null;
        GraphFacts.Mention earlier = mentions.get(key);
        if (earlier != null) {
            Map<String, Object> merged = earlier.properties();
            if (properties != null) {
                merged = new LinkedHashMap<>(merged == null ? Map.of() : merged);
                merged.putAll(properties);
            }
            mentions.put(key, new GraphFacts.Mention(key, name != null ? name : earlier.name(), merged));
        } else {
            mentions.put(key, new GraphFacts.Mention(key, name, properties));
        }
        return key;
    }

    private static int depth(Object value) {
        int inner = 0;
        if (value instanceof Map<?, ?> m) {
            for (Object v : m.values()) {
                inner = Math.max(inner, depth(v));
            }
            return inner + 1;
        }
        if (value instanceof List<?> l) {
            for (Object v : l) {
                inner = Math.max(inner, depth(v));
            }
            return inner + 1;
        }
        return 0;
    }
}
