package com.headlessanalytics.console.domain.plan;

import com.headlessanalytics.console.domain.Event;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks events against tracking plans: compiled once from the plans (naming rules as patterns,
 * events by name), then {@link #check} gives each way one event breaks them, plan by plan.
 * Plans must be valid ({@link PlanValidator}); the checker does not look at their mode.
 */
public final class PlanChecker {
    /** Characters a naming rule may read per event before it counts as not matching (a runaway pattern). */
    static final int MATCH_BUDGET = 200_000;

    private final List<Compiled> plans;

    private record Compiled(TrackingPlan plan, Pattern rule, Map<String, EventSpec> events, String label) {
    }

    private PlanChecker(List<Compiled> plans) {
        this.plans = plans;
    }

    /** A checker for {@code plans} (valid ones, as stored). */
    public static PlanChecker of(List<TrackingPlan> plans) {
        List<Compiled> compiled = new ArrayList<>(plans.size());
        for (TrackingPlan p : plans) {
            Map<String, EventSpec> byName = new HashMap<>();
            for (EventSpec e : p.events() == null ? List.<EventSpec>of() : p.events()) {
                byName.put(e.name(), e);
            }
            Pattern rule = p.namingRule() == null || p.namingRule().isEmpty() ? null : Pattern.compile(p.namingRule());
            String label = "plan '" + p.id() + "'" + (p.name() == null || p.name().isBlank() || p.name().equals(p.id())
                    ? "" : " (" + p.name() + ")");
            compiled.add(new Compiled(p, rule, byName, label));
        }
        return new PlanChecker(List.copyOf(compiled));
    }

    /** Whether there is no plan to check. */
    public boolean isEmpty() {
        return plans.isEmpty();
    }

    /** Each way {@code event} breaks one of {@code plans}. */
    public static List<PlanViolation> check(List<TrackingPlan> plans, Event event) {
        return of(plans).check(event);
    }

    /** Each way {@code event} breaks the plans, in plan order; empty when it breaks none. */
    public List<PlanViolation> check(Event event) {
        List<PlanViolation> found = new ArrayList<>(0);
        for (Compiled c : plans) {
            check(c, event, found);
        }
        return found;
    }

    private static void check(Compiled c, Event event, List<PlanViolation> found) {
        String id = c.plan().id();
        String name = event.event();
        if (c.rule() != null && !matches(c.rule(), name)) {
            found.add(new PlanViolation(id, "event", "naming_rule", "Event name '" + name
                    + "' does not match the naming rule " + c.plan().namingRule() + " of " + c.label()
                    + "; rename the event in the code that sends it."));
        }
        EventSpec spec = c.events().get(name);
        if (spec == null) {
            if (Boolean.FALSE.equals(c.plan().allowUnplanned())) {
                found.add(new PlanViolation(id, "event", "unplanned_event", "'" + name + "' is not an event of "
                        + c.label() + ", which allows only planned events; add it to the plan or stop sending it."));
            }
            return;
        }
        Map<String, Object> properties = event.properties() == null ? Map.of() : event.properties();
        for (String required : spec.required() == null ? List.<String>of() : spec.required()) {
            if (value(properties, required) == null) {
                found.add(new PlanViolation(id, "properties." + required, "missing_property", "'" + name
                        + "' must carry properties." + required + " (required by " + c.label() + ")."));
            }
        }
        if (spec.properties() == null) {
            return;
        }
        for (Map.Entry<String, PropertySpec> p : spec.properties().entrySet()) {
            Object value = value(properties, p.getKey());
            PropertySpec ps = p.getValue();
            if (value == null || ps == null) {
                continue;
            }
            String field = "properties." + p.getKey();
            if (ps.type() != null && !PlanValidator.hasType(value, ps.type())) {
                found.add(new PlanViolation(id, field, "wrong_type", field + " of '" + name + "' must be "
                        + article(ps.type()) + " (" + c.label() + "), got " + article(typeOf(value)) + "."));
            } else if (ps.allowed() != null && !ps.allowed().isEmpty() && !allowed(ps.allowed(), value)) {
                found.add(new PlanViolation(id, field, "not_allowed", field + " of '" + name + "' is "
                        + show(value) + "; " + c.label() + " allows only " + list(ps.allowed()) + "."));
            }
        }
    }

    /** The property at {@code path}: the key itself, else a dotted path into nested objects. */
    static Object value(Map<String, Object> properties, String path) {
        Object direct = properties.get(path);
        if (direct != null || path.indexOf('.') < 0) {
            return direct;
        }
        Object at = properties;
        for (String part : path.split("\\.", -1)) {
            if (!(at instanceof Map<?, ?> m)) {
                return null;
            }
            at = m.get(part);
        }
        return at;
    }

    private static boolean matches(Pattern rule, String name) {
        try {
            return rule.matcher(new Budgeted(name, MATCH_BUDGET)).matches();
        } catch (Budgeted.Exhausted e) {
            return false;
        }
    }

    private static boolean allowed(List<Object> values, Object value) {
        for (Object a : values) {
            if (a instanceof Number an && value instanceof Number vn) {
                if (decimal(an).compareTo(decimal(vn)) == 0) {
                    return true;
                }
            } else if (a != null && a.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static BigDecimal decimal(Number n) {
        return n instanceof BigDecimal d ? d : new BigDecimal(n.toString());
    }

    private static String typeOf(Object value) {
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof Map) {
            return "object";
        }
        if (value instanceof List) {
            return "array";
        }
        return PlanValidator.hasType(value, "integer") ? "integer" : "number";
    }

    private static String article(String type) {
        return (type.startsWith("a") || type.startsWith("i") || type.startsWith("o") ? "an " : "a ") + type;
    }

    private static String show(Object value) {
        return value instanceof String s ? "'" + (s.length() > 60 ? s.substring(0, 60) + "…" : s) + "'"
                : String.valueOf(value);
    }

    private static String list(List<Object> values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.size() && i < 10; i++) {
            b.append(i == 0 ? "" : ", ").append(show(values.get(i)));
        }
        return values.size() > 10 ? b + " (and " + (values.size() - 10) + " more)" : b.toString();
    }

    /** A name that stops a runaway pattern: reading more than {@code budget} characters throws. */
    private static final class Budgeted implements CharSequence {
        private final String text;
        private int budget;

        static final class Exhausted extends RuntimeException {
            Exhausted() {
                super(null, null, false, false);
            }
        }

        Budgeted(String text, int budget) {
            this.text = text;
            this.budget = budget;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (--budget < 0) {
                throw new Exhausted();
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
