package com.headlessanalytics.console.ui.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A node of an answer as the result tree shows it: its key (a field name or list index), its value
 * as text (a scalar, or "{n}" / "[n]" for an object or list) and its children.
 */
public record ResultNode(String key, String value, Kind kind, List<ResultNode> children) {

    public enum Kind {
        OBJECT, LIST, STRING, NUMBER, BOOLEAN, NULL
    }

    public ResultNode {
        children = List.copyOf(children);
    }

    /** The tree of a JSON value read into maps, lists and plain values. */
    public static ResultNode of(String key, Object value) {
        if (value instanceof Map<?, ?> map) {
            List<ResultNode> children = new ArrayList<>(map.size());
            map.forEach((k, v) -> children.add(of(String.valueOf(k), v)));
            return new ResultNode(key, "{" + map.size() + (map.size() == 1 ? " field}" : " fields}"), Kind.OBJECT,
                    children);
        }
        if (value instanceof List<?> list) {
            List<ResultNode> children = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                children.add(of(String.valueOf(i), list.get(i)));
            }
            return new ResultNode(key, "[" + list.size() + (list.size() == 1 ? " item]" : " items]"), Kind.LIST,
                    children);
        }
        if (value == null) {
            return new ResultNode(key, "null", Kind.NULL, List.of());
        }
        if (value instanceof Boolean b) {
            return new ResultNode(key, b.toString(), Kind.BOOLEAN, List.of());
        }
        if (value instanceof Number n) {
            return new ResultNode(key, n.toString(), Kind.NUMBER, List.of());
        }
        return new ResultNode(key, "\"" + value + "\"", Kind.STRING, List.of());
    }

    public boolean leaf() {
        return children.isEmpty() && kind != Kind.OBJECT && kind != Kind.LIST;
    }

    /** "key: value", as a tree row shows it. */
    public String display() {
        return key + ": " + value;
    }
}
