package com.headlessanalytics.console.api;

import com.headlessanalytics.console.domain.EventLimits;
import com.headlessanalytics.console.domain.EventValidator;
import com.headlessanalytics.console.domain.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Collects the field errors of one request; the query records use it to say what is wrong. */
public final class Checks {
    private final List<FieldError> errors = new ArrayList<>();

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    public Checks add(String field, String code, String message) {
        errors.add(new FieldError(null, field, code, message));
        return this;
    }

    /** An optional identifier: 1 to {@link EventLimits#MAX_ID_LENGTH} characters. */
    public Checks id(String field, String value) {
        if (value != null && (value.isBlank() || value.length() > EventLimits.MAX_ID_LENGTH)) {
            add(field, "invalid_value", "must be 1-" + EventLimits.MAX_ID_LENGTH + " characters");
        }
        return this;
    }

    /** An optional event name, by the rule of ingest ({@link EventValidator#eventNameProblem}). */
    public Checks eventName(String field, String value) {
        String problem = value == null ? null : EventValidator.eventNameProblem(value);
        if (problem != null) {
            add(field, "invalid_value", problem);
        }
        return this;
    }

    /** Optional inclusive time range in ms since epoch; both ends non-negative, from ≤ to. */
    public Checks period(Long from, Long to) {
        if (from != null && from < 0) {
            add("from", "invalid_value", "must be milliseconds since epoch, not negative");
        }
        if (to != null && to < 0) {
            add("to", "invalid_value", "must be milliseconds since epoch, not negative");
        }
        if (from != null && to != null && from > to) {
            add("from", "invalid_value", "must not be after 'to'");
        }
        return this;
    }

    public Checks range(String field, Long value, long min, long max) {
        if (value != null && (value < min || value > max)) {
            add(field, "invalid_value", "must be between " + min + " and " + max);
        }
        return this;
    }

    /** An optional choice among the wire names of an enum's constants. */
    public <E extends Enum<E>> Checks oneOf(String field, String value, Class<E> type) {
        if (value != null && Wire.parse(type, value) == null) {
            add(field, "invalid_value", "must be one of " + Wire.names(type));
        }
        return this;
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    /** Throws the 400 of the API when anything was wrong. */
    public void throwIfAny(String message) {
        if (!errors.isEmpty()) {
            throw ApiException.invalid(message, errors());
        }
    }

    /**
     * As {@link #throwIfAny}, but 413 {@code too_large} when a part of the body is over its byte limit
     * (a proposed action, evidence): PRODUCT.md §3, as ingest answers an oversized event.
     */
    public void throwIfAnySized(String message) {
        if (!errors.isEmpty()) {
            throw errors.stream().anyMatch(FieldError::isTooLarge) ? ApiException.tooLarge(message, errors())
                    : ApiException.invalid(message, errors());
        }
    }

    /** Enum constants on the wire: lower case, e.g. {@code ANY_ORDER} is "any_order". */
    public static final class Wire {
        private Wire() {
        }

        public static String name(Enum<?> value) {
            return value == null ? null : value.name().toLowerCase(Locale.ROOT);
        }

        public static <E extends Enum<E>> E parse(Class<E> type, String wire) {
            if (wire == null) {
                return null;
            }
            for (E e : type.getEnumConstants()) {
                if (name(e).equals(wire)) {
                    return e;
                }
            }
            return null;
        }

        public static <E extends Enum<E>> String names(Class<E> type) {
            List<String> names = new ArrayList<>();
            for (E e : type.getEnumConstants()) {
                names.add(name(e));
            }
            return String.join(", ", names);
        }
    }
}
