package com.headlessanalytics.console.domain.plan;

import com.headlessanalytics.console.domain.EventValidator;
import com.headlessanalytics.console.domain.FieldError;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The rules of a tracking plan (docs/api.md, Tracking plans): every problem as a {@link FieldError}
 * naming its field ({@code events[2].properties.sku.type}), so a form can show each at its field.
 */
public final class PlanValidator {
    public static final int MAX_ID_LENGTH = 64;
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_RULE_LENGTH = 500;
    public static final int MAX_EVENTS = 500;
    public static final int MAX_PROPERTIES = 200;
    public static final int MAX_ALLOWED = 100;
    public static final int MAX_DESCRIPTION_LENGTH = 1000;
    public static final int MAX_PROPERTY_NAME_LENGTH = 128;
    public static final int MAX_VALUE_LENGTH = 200;
    /** The JSON types a property may be declared as. */
    public static final List<String> TYPES = List.of("string", "number", "integer", "boolean", "object", "array");

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_ID_LENGTH + "}");

    private PlanValidator() {
    }

    /** Why {@code id} cannot name a plan, or null when it can. */
    public static String idProblem(String id) {
        if (id == null || id.isEmpty()) {
            return "is required";
        }
        return ID.matcher(id).matches() ? null
                : "must be 1-" + MAX_ID_LENGTH + " letters, digits, '_', '.' or '-'";
    }

    /** Why {@code rule} is not a usable naming rule, or null when it is (null and "" mean none). */
    public static String namingRuleProblem(String rule) {
        if (rule == null || rule.isEmpty()) {
            return null;
        }
        if (rule.length() > MAX_RULE_LENGTH) {
            return "is longer than " + MAX_RULE_LENGTH + " characters";
        }
        try {
            Pattern.compile(rule);
            return null;
        } catch (PatternSyntaxException e) {
            return "is not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex();
        }
    }

    /** Every problem of {@code plan}; empty when it may be saved. */
    public static List<FieldError> problems(TrackingPlan plan) {
        List<FieldError> errors = new ArrayList<>();
        if (plan == null) {
            errors.add(error(null, "required", "a plan with id and mode is required"));
            return errors;
        }
        String idProblem = idProblem(plan.id());
        if (idProblem != null) {
            errors.add(error("id", plan.id() == null ? "required" : "invalid_value", idProblem));
        }
        text(errors, "name", plan.name(), MAX_NAME_LENGTH);
        if (plan.mode() == null) {
            errors.add(error("mode", "required", "must be one of off, warn, block"));
        }
        String ruleProblem = namingRuleProblem(plan.namingRule());
        if (ruleProblem != null) {
            errors.add(error("namingRule", "invalid_value", ruleProblem));
        }
        List<EventSpec> events = plan.events() == null ? List.of() : plan.events();
        if (events.size() > MAX_EVENTS) {
            errors.add(error("events", FieldError.TOO_LARGE, events.size() + " events; a plan holds at most "
                    + MAX_EVENTS));
            return errors;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            event(errors, "events[" + i + "]", events.get(i), names);
        }
        return errors;
    }

    private static void event(List<FieldError> errors, String at, EventSpec spec, Set<String> names) {
        if (spec == null) {
            errors.add(error(at, "invalid_type", "must be an object"));
            return;
        }
        if (spec.name() == null) {
            errors.add(error(at + ".name", "required", "is required"));
        } else {
            String problem = EventValidator.eventNameProblem(spec.name());
            if (problem != null) {
                errors.add(error(at + ".name", "invalid_value", problem));
            } else if (!names.add(spec.name())) {
                errors.add(error(at + ".name", "invalid_value", "'" + spec.name() + "' is planned twice"));
            }
        }
        text(errors, at + ".description", spec.description(), MAX_DESCRIPTION_LENGTH);
        List<String> required = spec.required() == null ? List.of() : spec.required();
        if (required.size() > MAX_PROPERTIES) {
            errors.add(error(at + ".required", FieldError.TOO_LARGE, required.size()
                    + " properties; an event holds at most " + MAX_PROPERTIES));
        } else {
            Set<String> seen = new HashSet<>();
            for (int j = 0; j < required.size(); j++) {
                String name = required.get(j);
                String problem = propertyNameProblem(name);
                if (problem != null) {
                    errors.add(error(at + ".required[" + j + "]", name == null ? "required" : "invalid_value",
                            problem));
                } else if (!seen.add(name)) {
                    errors.add(error(at + ".required[" + j + "]", "invalid_value", "'" + name
                            + "' is listed twice"));
                }
            }
        }
        Map<String, PropertySpec> properties = spec.properties() == null ? Map.of() : spec.properties();
        if (properties.size() > MAX_PROPERTIES) {
            errors.add(error(at + ".properties", FieldError.TOO_LARGE, properties.size()
                    + " properties; an event holds at most " + MAX_PROPERTIES));
            return;
        }
        for (Map.Entry<String, PropertySpec> p : properties.entrySet()) {
            String field = at + ".properties." + p.getKey();
            String problem = propertyNameProblem(p.getKey());
            if (problem != null) {
                errors.add(error(field, "invalid_value", "property name " + problem));
                continue;
            }
            property(errors, field, p.getValue());
        }
    }

    private static void property(List<FieldError> errors, String field, PropertySpec spec) {
        if (spec == null) {
            errors.add(error(field, "invalid_type", "must be an object with type and allowed"));
            return;
        }
        if (spec.type() != null && !TYPES.contains(spec.type())) {
            errors.add(error(field + ".type", "invalid_value", "must be one of " + String.join(", ", TYPES)));
        }
        if (spec.allowed() == null) {
            return;
        }
        if (spec.allowed().size() > MAX_ALLOWED) {
            errors.add(error(field + ".allowed", FieldError.TOO_LARGE, spec.allowed().size()
                    + " values; at most " + MAX_ALLOWED));
            return;
        }
        for (int k = 0; k < spec.allowed().size(); k++) {
            Object value = spec.allowed().get(k);
            String at = field + ".allowed[" + k + "]";
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                errors.add(error(at, "invalid_type", "must be a string, number or boolean"));
            } else if (value instanceof String s && s.length() > MAX_VALUE_LENGTH) {
                errors.add(error(at, "invalid_value", "is longer than " + MAX_VALUE_LENGTH + " characters"));
            } else if (spec.type() != null && TYPES.contains(spec.type()) && !hasType(value, spec.type())) {
                errors.add(error(at, "invalid_value", "is not of the property's type " + spec.type()));
            }
        }
    }

    /** Whether the JSON value {@code value} is of the plan type {@code type}. */
    public static boolean hasType(Object value, String type) {
        return switch (type) {
            case "string" -> value instanceof String;
            case "number" -> value instanceof Number;
            case "integer" -> isInteger(value);
            case "boolean" -> value instanceof Boolean;
            case "object" -> value instanceof Map;
            case "array" -> value instanceof List;
            default -> false;
        };
    }

    private static boolean isInteger(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return true;
        }
        if (value instanceof BigDecimal d) {
            return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
        }
        if (value instanceof Double || value instanceof Float) {
            double v = ((Number) value).doubleValue();
            return Double.isFinite(v) && v == Math.rint(v);
        }
        return false;
    }

    private static String propertyNameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "is required";
        }
        if (name.length() > MAX_PROPERTY_NAME_LENGTH) {
            return "is longer than " + MAX_PROPERTY_NAME_LENGTH + " characters";
        }
        if (name.isBlank() || name.chars().anyMatch(Character::isISOControl)) {
            return "must not be blank or hold control characters";
        }
        return null;
    }

    private static void text(List<FieldError> errors, String field, String value, int max) {
        if (value == null) {
            return;
        }
        if (value.length() > max) {
            errors.add(error(field, "invalid_value", "is longer than " + max + " characters"));
        } else if (value.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t' || c == 0x7f)) {
            errors.add(error(field, "invalid_value", "must not contain control characters"));
        }
    }

    private static FieldError error(String field, String code, String message) {
        return new FieldError(null, field, code, message);
    }
}
