package com.headlessanalytics.console.domain.graph;

import java.util.List;
import java.util.Map;

/**
 * What one event says about the operating graph (docs/graph.md): the entities it mentions, each
 * once, and the relationships it adds.
 */
public record GraphFacts(List<Mention> mentions, List<Edge> edges) {
    public static final GraphFacts NONE = new GraphFacts(List.of(), List.of());

    /**
     * An entity the event mentions; {@code name} and {@code properties} are null when the event
     * gives none for it.
     */
    public record Mention(EntityKey key, String name, Map<String, Object> properties) {
    }

    /** A relationship: {@code from} to {@code to}, named by {@code relation}. */
    public record Edge(EntityKey from, String relation, EntityKey to) {
    }

    public boolean isEmpty() {
        return mentions.isEmpty();
    }
}
