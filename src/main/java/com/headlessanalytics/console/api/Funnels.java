package com.headlessanalytics.console.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** {@code POST /api/funnels/query} and its drill-down {@code POST /api/funnels/actors} (PRODUCT.md §4). */
public final class Funnels {
    public static final int MAX_STEPS = 20;
    public static final long DEFAULT_WINDOW_MS = 14L * 24 * 60 * 60 * 1000;
    public static final long MAX_WINDOW_MS = 366L * 24 * 60 * 60 * 1000;
    public static final int MAX_BREAKDOWN_VALUES = 25;
    public static final String OTHER = "(other)";
    public static final String NONE = "(none)";

    private Funnels() {
    }

    public enum Mode { ORDERED, STRICT, ANY_ORDER }

    /** Who a drill-down lists at a step: those who got there, or those who stopped just before it. */
    public enum Outcome { REACHED, DROPPED }

    /**
     * A step: the event that makes it, and an optional filter: dotted envelope paths (e.g.
     * "source.channel", "properties.sku") each equal to a string, number or boolean.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(String name, String event, Map<String, Object> filter) {
        public static Step of(String event) {
            return new Step(null, event, null);
        }

        @JsonIgnore
        public String label() {
            return name == null || name.isBlank() ? event : name;
        }
    }

    /**
     * A funnel query. {@code breakdown} is a touchpoint field (source, campaign, channel, medium)
     * or a dotted envelope path (e.g. "properties.plan"), read from the step-1 event of each
     * actor's counted attempt.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Query(List<Step> steps, Long from, Long to, Long windowMs, String mode, String businessId,
                        String breakdown) {

        public static Query of(String... events) {
            return new Query(java.util.Arrays.stream(events).map(Step::of).toList(), null, null, null, null, null,
                    null);
        }

        @JsonIgnore
        public long effectiveWindowMs() {
            return windowMs == null ? DEFAULT_WINDOW_MS : windowMs;
        }

        @JsonIgnore
        public Mode effectiveMode() {
            return mode == null ? Mode.ORDERED : Checks.Wire.parse(Mode.class, mode);
        }

        public Checks checks() {
            Checks c = new Checks();
            if (steps == null || steps.isEmpty()) {
                c.add("steps", "required", "must hold 1 to " + MAX_STEPS + " steps");
            } else if (steps.size() > MAX_STEPS) {
                c.add("steps", "too_large", "at most " + MAX_STEPS + " steps");
            } else {
                for (int i = 0; i < steps.size(); i++) {
                    Step s = steps.get(i);
                    String at = "steps[" + i + "]";
                    if (s == null || s.event() == null) {
                        c.add(at + ".event", "required", "each step needs an event name");
                        continue;
                    }
                    c.eventName(at + ".event", s.event());
                    if (s.name() != null && s.name().length() > 200) {
                        c.add(at + ".name", "too_large", "at most 200 characters");
                    }
                    checkFilter(c, at + ".filter", s.filter());
                }
            }
            c.period(from, to).range("windowMs", windowMs, 1, MAX_WINDOW_MS).oneOf("mode", mode, Mode.class)
                    .id("businessId", businessId);
            if (breakdown != null && !Paths.valid(breakdown)) {
                c.add("breakdown", "invalid_value",
                        "must be source, campaign, channel, medium or a dotted path such as properties.plan");
            }
            return c;
        }

        private static void checkFilter(Checks c, String at, Map<String, Object> filter) {
            if (filter == null) {
                return;
            }
            if (filter.size() > 20) {
                c.add(at, "too_large", "at most 20 conditions");
            }
            for (Map.Entry<String, Object> f : filter.entrySet()) {
                if (!Paths.valid(f.getKey())) {
                    c.add(at, "invalid_value", "'" + f.getKey() + "' is not a dotted path such as properties.sku");
                }
                Object v = f.getValue();
                if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                    c.add(at + "." + f.getKey(), "invalid_type", "must be a string, number or boolean");
                }
            }
        }
    }

    /** One step's figures; conversions are fractions 0..1; the median is null when nobody reached it. */
    public record StepResult(int step, String name, String event, long count, double conversionFromStart,
                             double conversionFromPrevious, long dropOff, Long medianTimeToConvertMs) {
    }

    /** The steps for the actors whose breakdown value is {@code value}. */
    public record Breakdown(String value, List<StepResult> steps) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(List<StepResult> steps, String mode, long windowMs, String breakdownBy,
                         List<Breakdown> breakdown, Proof proof) {
    }

    /**
     * The actors behind one step's number, paged by actor identity. {@code step} is 1-based;
     * "dropped" at step k lists those who reached k−1 and not k (k ≥ 2).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ActorsQuery(Query funnel, int step, String outcome, String breakdownValue, Integer limit,
                              String cursor) {

        @JsonIgnore
        public Outcome effectiveOutcome() {
            return outcome == null ? Outcome.DROPPED : Checks.Wire.parse(Outcome.class, outcome);
        }

        @JsonIgnore
        public int effectiveLimit() {
            return limit == null ? 100 : limit;
        }

        public Checks checks() {
            Checks c = new Checks();
            if (funnel == null) {
                c.add("funnel", "required", "is required");
            } else {
                for (var e : funnel.checks().errors()) {
                    c.add("funnel." + e.field(), e.code(), e.message());
                }
            }
            c.oneOf("outcome", outcome, Outcome.class).range("limit", limit == null ? null : (long) limit, 1, 1000);
            int steps = funnel == null || funnel.steps() == null ? 0 : funnel.steps().size();
            int min = effectiveOutcome() == Outcome.DROPPED ? 2 : 1;
            if (step < min || step > Math.max(steps, min)) {
                c.add("step", "invalid_value", "must be between " + min + " and the number of steps"
                        + (min == 2 ? " (nobody drops before step 1)" : ""));
            }
            if (cursor != null && !cursor.matches("[0-9]{1,10}")) {
                c.add("cursor", "invalid_value", "is not a cursor this API gave out");
            }
            return c;
        }
    }

    /** An actor, how far they got, when their counted attempt began, and when they reached its last step. */
    public record Actor(String actor, int level, long enteredAt, long lastStepAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Actors(List<Actor> actors, long total, String nextCursor, Proof proof) {
    }

    /** Touchpoint field names and dotted envelope paths, as breakdowns and filters accept them. */
    public static final class Paths {
        private Paths() {
        }

        public static boolean valid(String path) {
            return path != null && path.length() <= 200 && path.matches("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*");
        }
    }
}
