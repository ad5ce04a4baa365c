package com.headlessanalytics.console.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.domain.graph.GraphRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The operating graph (docs/graph.md): entities upserted from events, their relationships, and
 * the events that mention them. Our extension paths: {@code GET /api/entities},
 * {@code GET /api/entities/{type}/{id}} and {@code GET /api/entities/{type}/{id}/events}.
 */
public final class Entities {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    /** The longest search text. */
    public static final int MAX_Q = 200;
    /** How many relationships and recent events an entity's detail answers. */
    public static final int DETAIL_RELATIONSHIPS = 200;
    public static final int DETAIL_EVENTS = 20;

    private Entities() {
    }

    /**
     * {@code GET /api/entities?type=&q=&limit=&cursor=}: by type, then id. {@code q} matches the
     * name or the id, case-insensitively, anywhere in the text.
     */
    public record Query(String type, String q, Integer limit, String cursor) {
        public static Query all() {
            return new Query(null, null, null, null);
        }

        public int effectiveLimit() {
            return limit == null ? DEFAULT_LIMIT : limit;
        }

        public Query withCursor(String next) {
            return new Query(type, q, limit, next);
        }

        /** 400 problems, before anything is read. */
        public List<FieldError> problems() {
            List<FieldError> errors = new ArrayList<>();
            if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
                errors.add(new FieldError(null, "limit", "invalid_value", "must be between 1 and " + MAX_LIMIT));
            }
            String typeProblem = type == null ? null : GraphRules.textProblem(type, GraphRules.MAX_TYPE_LENGTH);
            if (typeProblem != null) {
                errors.add(new FieldError(null, "type", "invalid_value", typeProblem));
            }
            if (q != null && (q.length() > MAX_Q || q.chars().anyMatch(Character::isISOControl))) {
                errors.add(new FieldError(null, "q", "invalid_value",
                        "must be at most " + MAX_Q + " characters, without control characters"));
            }
            return errors;
        }
    }

    /**
     * An entity: {@code name} and each property hold the value of the mention with the latest
     * timestamp (ties: the later stored); {@code firstSeen} and {@code lastSeen} are the earliest
     * and latest timestamps of the events that mention it, {@code eventCount} their number.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entity(String type, String id, String name, Map<String, Object> properties, long firstSeen,
                         long lastSeen, long eventCount) {
    }

    /** One page of entities; {@code nextCursor} is null on the last page. */
    public record Page(List<Entity> entities, String nextCursor, Proof proof) {
    }

    /**
     * A relationship seen from one entity: {@code direction} {@code out} (this entity → the other)
     * or {@code in}; {@code relation} its name; the other entity's type, id and name; how many
     * events added it, and the first and last of their timestamps.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Relationship(String direction, String relation, String type, String id, String name, long count,
                               long firstSeen, long lastSeen) {
        public static final String OUT = "out";
        public static final String IN = "in";
    }

    /**
     * {@code GET /api/entities/{type}/{id}}: the entity, its relationships (up to
     * {@value #DETAIL_RELATIONSHIPS} of each direction, latest first; {@code relationshipCount}
     * counts all) and its {@value #DETAIL_EVENTS} latest events.
     */
    public record Detail(Entity entity, List<Relationship> relationships, long relationshipCount,
                         List<Event> recentEvents, Proof proof) {
    }

    /** {@code GET /api/entities/{type}/{id}/events?limit=&cursor=}: newest first. */
    public record EventsQuery(String type, String id, Integer limit, String cursor) {
        public EventsQuery withCursor(String next) {
            return new EventsQuery(type, id, limit, next);
        }
    }

    /** 400 for a type or id that cannot name an entity. */
    public static void checkKey(String type, String id) {
        List<FieldError> problems = GraphRules.keyProblems(type, id);
        if (!problems.isEmpty()) {
            throw ApiException.invalid("Invalid entity type or id", problems);
        }
    }
}
