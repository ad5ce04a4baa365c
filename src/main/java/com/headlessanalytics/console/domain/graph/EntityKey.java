package com.headlessanalytics.console.domain.graph;

import java.util.Comparator;

/** A graph entity's identity: its type and its id within the type. */
public record EntityKey(String type, String id) implements Comparable<EntityKey> {
    private static final Comparator<EntityKey> ORDER =
            Comparator.comparing(EntityKey::type).thenComparing(EntityKey::id);

    @Override
    public int compareTo(EntityKey other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return type + "/" + id;
    }
}
