package com.headlessanalytics.console.domain;

import java.util.Map;

/**
 * The touchpoint fields of an event (PRODUCT.md §4): source = attribution.source ?? source.source
 * ?? source.platform ?? source.channel; channel = attribution.channel ?? source.channel; campaign =
 * attribution.campaign ?? source.campaign; medium = attribution.medium ?? source.medium. A field
 * counts when it is a non-empty string, number or boolean (written as text).
 */
public record Touchpoints(String source, String channel, String campaign, String medium) {
    public static final Touchpoints NONE = new Touchpoints(null, null, null, null);

    public static Touchpoints of(Event e) {
        Map<String, Object> a = e.attribution();
        Map<String, Object> s = e.source();
        String source = first(scalar(a, "source"), scalar(s, "source"), scalar(s, "platform"), scalar(s, "channel"));
        String channel = first(scalar(a, "channel"), scalar(s, "channel"));
        String campaign = first(scalar(a, "campaign"), scalar(s, "campaign"));
        String medium = first(scalar(a, "medium"), scalar(s, "medium"));
        return source == null && channel == null && campaign == null && medium == null ? NONE
                : new Touchpoints(source, channel, campaign, medium);
    }

    public boolean isEmpty() {
        return source == null && channel == null && campaign == null && medium == null;
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String scalar(Map<String, Object> map, String key) {
        Object v = map == null ? null : map.get(key);
        if (v instanceof String s) {
            return s.isEmpty() ? null : s;
        }
        return v instanceof Number || v instanceof Boolean ? v.toString() : null;
    }
}
