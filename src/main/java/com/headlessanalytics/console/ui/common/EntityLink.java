package com.headlessanalytics.console.ui.common;

import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.graph.EntityKey;
import com.headlessanalytics.console.domain.graph.GraphRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An entity an event names: its role in the event (actor, object or entity), type, id and name.
 * Only an object with a string type and an id (a string or an integer) names one; a string actor does not.
 */
public record EntityLink(String role, String type, String id, String name) {

    /** The entities the event names, in the order actor, object, entity. */
    public static List<EntityLink> of(Event event) {
        List<EntityLink> links = new ArrayList<>();
        for (Object[] part : new Object[][] {{"actor", event.actor()}, {"object", event.object()},
                {"entity", event.entity()}}) {
            EntityLink link = of((String) part[0], part[1]);
            if (link != null) {
                links.add(link);
            }
        }
        return links;
    }

    /** The entity {@code value} names, or null when it is not an object with a type and an id. */
    public static EntityLink of(String role, Object value) {
        EntityKey key = GraphRules.keyOf(value);
        if (key == null || key.type().isBlank() || key.id().isBlank()) {
            return null;
        }
        Object name = ((Map<?, ?>) value).get("name");
        return new EntityLink(role, key.type(), key.id(), name instanceof String n && !n.isBlank() ? n : null);
    }

    /** How a person reads it: "actor: customer cust_1 (Ada L.)". */
    public String label() {
        return role + ": " + type + " " + id + (name == null ? "" : " (" + name + ")");
    }
}
