package com.headlessanalytics.console.connectors;

import com.headlessanalytics.console.api.Connectors;
import java.util.List;
import java.util.Map;

/**
 * One compiled entry of a mapping file: where a value comes from in the record (fallback paths,
 * first present wins), or a constant; the transforms applied in order; an optional lookup table
 * with its default; whether the value is required.
 */
final class FieldSpec {
    final String target;
    /** The keys below the envelope field ({@code outcome.revenue} → [revenue]); empty for the whole field. */
    final String[] subKeys;
    final List<RecordPath> from;
    final Object constant;
    final List<Transform> transforms;
    final Map<String, Object> lookup;
    final Object fallback;
    final RecordPath currencyFrom;
    final boolean required;
    /** The condition on the record under which the value is written at all; null: always. */
    final RecordTypeMapping.Match when;

    FieldSpec(String target, String[] subKeys, List<RecordPath> from, Object constant, List<Transform> transforms,
              Map<String, Object> lookup, Object fallback, RecordPath currencyFrom, boolean required,
              RecordTypeMapping.Match when) {
        this.when = when;
        this.target = target;
        this.subKeys = subKeys;
        this.from = from;
        this.constant = constant;
        this.transforms = transforms;
        this.lookup = lookup;
        this.fallback = fallback;
        this.currencyFrom = currencyFrom;
        this.required = required;
    }

    /** A value and the record path it came from (null for a constant or a default). */
    record Value(Object value, String path) {
    }

    /**
     * The value for {@code record}, or null when there is none; a transform's failure or a missing
     * required value is added to {@code errors} (and gives null).
     */
    Value evaluate(Map<?, ?> record, List<Connectors.Note> errors) {
        if (when != null && !when.test(record)) {
            return null;
        }
        if (constant != null) {
            return new Value(constant, null);
        }
        for (RecordPath p : from) {
            Object v = p.resolve(record);
            if (v == null || (v instanceof String s && s.isEmpty())) {
                continue;
            }
            try {
                for (Transform t : transforms) {
                    v = t.apply(v, currency(record));
                    if (v == null) {
                        break;
                    }
                }
            } catch (Transform.Failure f) {
                errors.add(new Connectors.Note(p.toString(), f.code, f.getMessage()));
                return null;
            }
            if (v == null) {
                continue;
            }
            if (lookup != null) {
                Object mapped = lookup.get(v instanceof String s ? s : String.valueOf(v));
                return mapped != null ? new Value(mapped, p.toString()) : fallback != null ? new Value(fallback, p.toString()) : null;
            }
            return new Value(v, p.toString());
        }
        if (fallback != null) {
            return new Value(fallback, null);
        }
        if (required) {
            errors.add(new Connectors.Note(from.get(0).toString(), "required", "is required"
                    + (from.size() > 1 ? " (read from the first present of " + String.join(", ", from.stream().map(RecordPath::toString).toList()) + ")" : "")));
        }
        return null;
    }

    private String currency(Map<?, ?> record) {
        if (currencyFrom == null) {
            return null;
        }
        Object c = currencyFrom.resolve(record);
        return c instanceof String s ? s.strip() : null;
    }
}
