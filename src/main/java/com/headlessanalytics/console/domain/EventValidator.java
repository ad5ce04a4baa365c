package com.headlessanalytics.console.domain;

import com.headlessanalytics.console.domain.graph.GraphRules;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks one raw envelope (a parsed JSON object) against the rules of PRODUCT.md §3 and turns it
 * into an {@link Event}. Every problem is reported, each naming the batch index and the field.
 */
public final class EventValidator {
    static final Pattern BUSINESS_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private static final Set<String> STRING_FIELDS =
            Set.of("id", "event", "businessId", "traceId", "decisionId", "proofId", "trustTier");
    private static final Set<String> OBJECT_OR_STRING_FIELDS = Set.of("actor", "object");
    private static final Set<String> OBJECT_FIELDS = Set.of("entity", "source", "attribution", "context",
            "trackable", "outcome", "complianceMapping", "properties");
    /** Set by the server; accepted on input so exported events can be re-ingested, then replaced. */
    private static final String RECEIVED_AT = "receivedAt";

    /** The result: an event, or the reasons it was refused. */
    public record Outcome(Event event, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private EventValidator() {
    }

    /**
     * @param index        position in the batch, or null for a single event
     * @param raw          the parsed envelope
     * @param encodedBytes its size as compact UTF-8 JSON
     * @param receivedAt   the receive time, in ms since epoch
     * @param generatedId  the id to use when the client sent none
     */
    public static Outcome validate(Integer index, Map<String, Object> raw, int encodedBytes, long receivedAt,
                                   String defaultBusinessId, String generatedId) {
        List<FieldError> errors = new ArrayList<>();
        FieldError size = sizeError(index, encodedBytes);
        if (size != null) {
            errors.add(size);
        }
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            String field = e.getKey();
            Object value = e.getValue();
            if (value == null || field.equals(RECEIVED_AT)) {
                continue;
            }
            String name = STRING_FIELDS.contains(field) || OBJECT_OR_STRING_FIELDS.contains(field)
                    || OBJECT_FIELDS.contains(field) || field.equals("timestamp") ? field : safeName(field);
            if (STRING_FIELDS.contains(field)) {
                if (!(value instanceof String)) {
                    errors.add(new FieldError(index, field, "invalid_type", "must be a string, got " + jsonType(value)));
                }
            } else if (OBJECT_OR_STRING_FIELDS.contains(field)) {
                if (!(value instanceof String) && !(value instanceof Map)) {
                    errors.add(new FieldError(index, field, "invalid_type", "must be an object or a string, got " + jsonType(value)));
                }
            } else if (OBJECT_FIELDS.contains(field)) {
                if (!(value instanceof Map)) {
                    errors.add(new FieldError(index, field, "invalid_type", "must be an object, got " + jsonType(value)));
                }
            } else if (!field.equals("timestamp")) {
                errors.add(new FieldError(index, name, "unknown_field", "is not a field of the event envelope"));
            }
            int depth = depthOfValidText(value);
            if (depth < 0) {
                checkText(index, name, value, errors);
            } else if (depth > EventLimits.MAX_EVENT_DEPTH - 1) {
                errors.add(new FieldError(index, name, "invalid_value", "nests objects and arrays deeper than "
                        + EventLimits.MAX_EVENT_DEPTH + " levels"));
            }
        }

        String event = string(raw, "event");
        if (raw.get("event") == null) {
            errors.add(new FieldError(index, "event", "required", "is required"));
        } else if (event != null) {
            String problem = eventNameProblem(event);
            if (problem != null) {
                errors.add(new FieldError(index, "event", "invalid_value", problem));
            }
        }
        String id = checkedId(index, raw, "id", errors);
        String businessId = string(raw, "businessId");
        if (businessId != null && !BUSINESS_ID.matcher(businessId).matches()) {
            errors.add(new FieldError(index, "businessId", "invalid_value", "must be 1-128 letters, digits, '.', '_', ':' or '-'"));
        }
        String traceId = checkedId(index, raw, "traceId", errors);
        String decisionId = checkedId(index, raw, "decisionId", errors);
        String proofId = checkedId(index, raw, "proofId", errors);
        checkedId(index, raw, "actor", errors);
        checkedId(index, raw, "object", errors);

        TrustTier tier = null;
        String tierName = string(raw, "trustTier");
        if (tierName != null) {
            tier = TrustTier.parse(tierName);
            if (tier == null) {
                errors.add(new FieldError(index, "trustTier", "invalid_value", "must be one of T0, T1, T2, T3, T4"));
            }
        }
        long timestamp = receivedAt;
        Object ts = raw.get("timestamp");
        if (ts != null) {
            Long millis = integralMillis(ts);
            if (millis == null) {
                errors.add(new FieldError(index, "timestamp", "invalid_type",
                        "must be an integer number of milliseconds since epoch, got " + jsonType(ts)));
            } else if (millis < 0) {
                errors.add(new FieldError(index, "timestamp", "invalid_value", "must not be before 1970-01-01"));
            } else if (millis > receivedAt + EventLimits.MAX_FUTURE_MS) {
                errors.add(new FieldError(index, "timestamp", "invalid_value", "is more than 24 hours in the future"));
            } else {
                timestamp = millis;
            }
        }
        GraphRules.check(index, raw, errors);
        if (!errors.isEmpty()) {
            return new Outcome(null, List.copyOf(errors));
        }
        Event result = new Event(
                id != null ? id : generatedId,
                event,
                businessId != null ? businessId : defaultBusinessId,
                timestamp,
                receivedAt,
                raw.get("actor"),
                raw.get("object"),
                map(raw, "entity"),
                traceId,
                map(raw, "source"),
                map(raw, "attribution"),
                map(raw, "context"),
                map(raw, "trackable"),
                decisionId,
                proofId,
                map(raw, "outcome"),
                tier,
                map(raw, "complianceMapping"),
                map(raw, "properties"));
        return new Outcome(result, List.of());
    }

    /**
     * Why {@code name} is not an event name, or null when it is one. Names are usually dot-notated
     * ({@code order.created}) but need not be: any text of 1 to {@link EventLimits#MAX_NAME_LENGTH}
     * characters (Unicode code points) that is not blank and holds no control character (U+0000–U+001F,
     * U+007F–U+009F) is a name, so {@code Order Completed} and {@code commande.créée} are names.
     * Ingest and every query that names an event apply this one rule.
     */
    public static String eventNameProblem(String name) {
        if (name.isEmpty()) {
            return "must be 1-" + EventLimits.MAX_NAME_LENGTH + " characters";
        }
        if (name.codePointCount(0, name.length()) > EventLimits.MAX_NAME_LENGTH) {
            return "is longer than " + EventLimits.MAX_NAME_LENGTH + " characters";
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            return "must not contain control characters";
        }
        if (name.isBlank()) {
            return "must not be blank";
        }
        return null;
    }

    private static String checkedId(Integer index, Map<String, Object> raw, String field, List<FieldError> errors) {
        if (!(raw.get(field) instanceof String s)) {
            return null;
        }
        if (s.isBlank()) {
            errors.add(new FieldError(index, field, "invalid_value", "must not be blank"));
        } else if (s.length() > EventLimits.MAX_ID_LENGTH) {
            errors.add(new FieldError(index, field, "invalid_value", "is longer than " + EventLimits.MAX_ID_LENGTH + " characters"));
        } else if (s.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            errors.add(new FieldError(index, field, "invalid_value", "must not contain control characters"));
        }
        return s;
    }

    /** The size rule: null when an event of this many bytes is allowed. */
    public static FieldError sizeError(Integer index, int encodedBytes) {
        if (encodedBytes <= EventLimits.MAX_EVENT_BYTES) {
            return null;
        }
        return new FieldError(index, null, FieldError.TOO_LARGE, "event is " + encodedBytes + " bytes; the limit is "
                + EventLimits.MAX_EVENT_BYTES + " bytes");
    }

    /**
     * Levels of objects and arrays in a value (0 for a scalar), or -1 when a string in it, key or
     * text, has an unpaired surrogate. One walk for both rules.
     */
    static int depthOfValidText(Object value) {
        if (value instanceof String s) {
            return hasUnpairedSurrogate(s) ? -1 : 0;
        }
        int deepest = 0;
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                int d = hasUnpairedSurrogate(String.valueOf(e.getKey())) ? -1 : depthOfValidText(e.getValue());
                if (d < 0) {
                    return -1;
                }
                deepest = Math.max(deepest, d);
            }
            return deepest + 1;
        }
        if (value instanceof List<?> l) {
            for (Object o : l) {
                int d = depthOfValidText(o);
                if (d < 0) {
                    return -1;
                }
                deepest = Math.max(deepest, d);
            }
            return deepest + 1;
        }
        return 0;
    }

    /** Reports text that cannot be stored and sent back as valid UTF-8: unpaired surrogates, with paths. */
    private static void checkText(Integer index, String path, Object value, List<FieldError> errors) {
        if (value instanceof String s) {
            if (hasUnpairedSurrogate(s)) {
                errors.add(new FieldError(index, path, "invalid_unicode", "contains an unpaired UTF-16 surrogate (invalid Unicode)"));
            }
        } else if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (hasUnpairedSurrogate(key)) {
                    errors.add(new FieldError(index, path, "invalid_unicode", "has a key with an unpaired UTF-16 surrogate (invalid Unicode)"));
                    continue;
                }
                checkText(index, path + "." + key, e.getValue(), errors);
            }
        } else if (value instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                checkText(index, path + "[" + i + "]", l.get(i), errors);
            }
        }
    }

    static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** A field name fit to echo back in an error. */
    private static String safeName(String field) {
        String printable = hasUnpairedSurrogate(field) ? "(invalid unicode)" : field.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 64 ? printable.substring(0, 64) + "…" : printable;
    }

    private static Long integralMillis(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b) {
            return b.bitLength() < 63 ? b.longValue() : null;
        }
        if (v instanceof BigDecimal d) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException notIntegral) {
                return null;
            }
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 9.0e15 ? (long) d : null;
        }
        return null;
    }

    private static String string(Map<String, Object> raw, String field) {
        return raw.get(field) instanceof String s ? s : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> raw, String field) {
        return raw.get(field) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    /** "a string", "an object", …: how an error message names a JSON value's type. */
    public static String jsonType(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String) {
            return "a string";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        if (v instanceof Number) {
            return "a number";
        }
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof List) {
            return "an array";
        }
        return v.getClass().getSimpleName();
    }
}
