package com.headlessanalytics.console.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.headlessanalytics.console.domain.TimeBuckets;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** {@code POST /api/metrics/query}, metric definitions and snapshots (PRODUCT.md §3, docs/analytics.md). */
public final class Metrics {
    public static final int MAX_DEFINITIONS = 200;
    public static final int MAX_BUCKETS = 10_000;
    public static final int MAX_GROUPS = 50;

    private Metrics() {
    }

    /** Series bucket size; buckets start at UTC boundaries, weeks on Monday. */
    public enum Interval {
        HOUR, DAY, WEEK, MONTH;

        /** The bucket this interval cuts time into. */
        public TimeBuckets.Size size() {
            return TimeBuckets.Size.valueOf(name());
        }
    }

    /** What a metric definition computes over its event. */
    public enum Aggregation { COUNT, SUM, UNIQUE_ACTORS }

    /** Grouping of a metrics query: by event name or by a touchpoint field (PRODUCT.md §4). */
    public enum Grouping { EVENT, SOURCE, CAMPAIGN, CHANNEL, MEDIUM }

    /**
     * A metrics query. Null fields take defaults: every event, all time, the default business,
     * daily series, no grouping, every stored definition, no snapshots.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Query(String eventName, Long from, Long to, String businessId, String interval, String groupBy,
                        Boolean persistSnapshots, List<String> metrics) {

        public static Query of(String eventName, Long from, Long to) {
            return new Query(eventName, from, to, null, null, null, null, null);
        }

        @JsonIgnore
        public Interval effectiveInterval() {
            return interval == null ? Interval.DAY : Checks.Wire.parse(Interval.class, interval);
        }

        @JsonIgnore
        public Grouping grouping() {
            return Checks.Wire.parse(Grouping.class, groupBy);
        }

        public Checks checks() {
            Checks c = new Checks().eventName("eventName", eventName).period(from, to).id("businessId", businessId)
                    .oneOf("interval", interval, Interval.class).oneOf("groupBy", groupBy, Grouping.class);
            if (metrics != null) {
                if (metrics.size() > MAX_DEFINITIONS) {
                    c.add("metrics", "too_large", "at most " + MAX_DEFINITIONS + " metric names");
                }
                for (String m : metrics) {
                    if (m == null || m.isBlank() || m.length() > 128) {
                        c.add("metrics", "invalid_value", "each metric name must be 1-128 characters");
                        break;
                    }
                }
            }
            return c;
        }
    }

    /**
     * The answer. {@code metrics} holds named values: "events", "uniqueActors", "revenue" and each
     * requested definition by its name. {@code series} maps a bucket start to its event count,
     * zero-filled across the period; {@code groups} is present when grouped, largest first.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(Map<String, BigDecimal> metrics, long totalEvents, long uniqueActors,
                         @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal revenue, String interval,
                         SortedMap<Long, Long> series, String groupBy, List<Group> groups, List<Snapshot> snapshots,
                         Proof proof) {
    }

    /** One group of a grouped query; the key "(none)" holds events without the field. */
    public record Group(String key, long count, long uniqueActors, SortedMap<Long, Long> series) {
    }

    /**
     * A stored, reusable metric: {@code aggregation} over the events named {@code event}. For
     * "sum", {@code property} is a dotted path into the envelope (e.g. "properties.amount"), or
     * "revenue" for the revenue rule of PRODUCT.md §4.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Definition(String name, String event, String aggregation, String property, String description,
                             Long updatedAt) {

        @JsonIgnore
        public Aggregation effectiveAggregation() {
            return aggregation == null ? Aggregation.COUNT : Checks.Wire.parse(Aggregation.class, aggregation);
        }

        public Checks checks() {
            Checks c = new Checks();
            if (name == null || name.isBlank() || name.length() > 128 || !name.matches("[A-Za-z0-9_.:-]+")) {
                c.add("name", name == null ? "required" : "invalid_value",
                        "must be 1-128 letters, digits, '_', '.', ':' or '-'");
            }
            if (event == null) {
                c.add("event", "required", "is required");
            }
            c.eventName("event", event).oneOf("aggregation", aggregation, Aggregation.class);
            if (effectiveAggregation() == Aggregation.SUM && (property == null || property.isBlank())) {
                c.add("property", "required", "is required to sum: a dotted path such as properties.amount, or revenue");
            }
            if (property != null && (property.length() > 200 || !property.matches("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*"))) {
                c.add("property", "invalid_value", "must be a dotted path such as properties.amount");
            }
            if (description != null && description.length() > 1000) {
                c.add("description", "too_large", "at most 1000 characters");
            }
            return c;
        }
    }

    public record Definitions(List<Definition> definitions, Proof proof) {
    }

    /** A metric value persisted by {@code persistSnapshots}, for reports and history. */
    public record Snapshot(String id, String metric, BigDecimal value, String businessId, Long from, Long to,
                           long computedAt, String queryId) {
    }

    public record Snapshots(List<Snapshot> snapshots, Proof proof) {
    }
}
