package com.headlessanalytics.console.exports;

import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.domain.Revenue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The columns of an export (docs/exports.md, Columns): the fixed set every stored event is written
 * as, or the set inferred from supplied records. Every format writes the same columns in this order.
 */
public record Columns(List<Column> columns) {
    /** The column types, named as BigQuery names them. */
    public enum Type { STRING, INT64, FLOAT64, NUMERIC, BOOL, TIMESTAMP, JSON }

    /**
     * One column: {@code scale} is the decimal places of a NUMERIC column (0 otherwise);
     * {@code required} columns always hold a value.
     */
    public record Column(String name, Type type, boolean required, int scale, String description) {
    }

    /** Decimal places of the revenue column: revenue is kept to 6 decimals. */
    public static final int REVENUE_SCALE = Revenue.SCALE;
    /** Decimal places of a NUMERIC column inferred from records: BigQuery NUMERIC's scale. */
    public static final int RECORD_SCALE = 9;
    private static final Pattern BIGQUERY_COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,299}");

    public Columns {
        columns = List.copyOf(columns);
    }

    /** The columns of stored events. */
    public static final Columns EVENTS = new Columns(List.of(
            new Column("id", Type.STRING, true, 0, "The event's idempotency id"),
            new Column("event", Type.STRING, true, 0, "The event name"),
            new Column("business_id", Type.STRING, true, 0, "The business the event belongs to"),
            new Column("timestamp", Type.TIMESTAMP, true, 0, "When it happened (UTC)"),
            new Column("received_at", Type.TIMESTAMP, true, 0, "When the server stored it (UTC)"),
            new Column("actor_id", Type.STRING, false, 0, "actor when a string, else actor.id"),
            new Column("actor", Type.JSON, false, 0, "The actor as sent (a string or an object)"),
            new Column("object", Type.JSON, false, 0, "The object as sent"),
            new Column("entity", Type.JSON, false, 0, "The entity"),
            new Column("trace_id", Type.STRING, false, 0, "The trace id"),
            new Column("source", Type.JSON, false, 0, "Where the event came from"),
            new Column("attribution", Type.JSON, false, 0, "Campaign attribution"),
            new Column("context", Type.JSON, false, 0, "Context"),
            new Column("trackable", Type.JSON, false, 0, "The trackable (QR, RFID ...) it names"),
            new Column("decision_id", Type.STRING, false, 0, "The governance decision it belongs to"),
            new Column("proof_id", Type.STRING, false, 0, "The proof it belongs to"),
            new Column("outcome", Type.JSON, false, 0, "The outcome"),
            new Column("trust_tier", Type.STRING, false, 0, "T0 to T4"),
            new Column("compliance_mapping", Type.JSON, false, 0, "Compliance mapping"),
            new Column("properties", Type.JSON, false, 0, "Every other property"),
            new Column("revenue_amount", Type.NUMERIC, false, REVENUE_SCALE,
                    "outcome.revenue, else properties.revenue, amount or total, to 6 decimals"),
            new Column("revenue_currency", Type.STRING, false, 0,
                    "The currency beside the revenue (outcome.currency, else properties.currency)"),
            new Column("warnings", Type.JSON, false, 0, "Tracking-plan warnings noted when it was stored")));

    /**
     * An event's values, in {@link #EVENTS} order: strings, {@code Long} epoch milliseconds for
     * timestamps, a {@code BigDecimal} for the revenue and plain JSON values (maps, lists ...) for
     * JSON columns; null where the event has none.
     */
    public static Object[] values(Event e) {
        BigDecimal revenue = Revenue.of(e);
        return new Object[] {e.id(), e.event(), e.businessId(), e.timestamp(), e.receivedAt(), actorId(e.actor()),
            e.actor(), e.object(), e.entity(), e.traceId(), e.source(), e.attribution(), e.context(), e.trackable(),
            e.decisionId(), e.proofId(), e.outcome(), e.trustTier() == null ? null : e.trustTier().name(),
            e.complianceMapping(), e.properties(), revenue, revenue == null ? null : currency(e), e.warnings()};
    }

    /** A record's values in these columns' order (a missing key is null). */
    public Object[] values(Map<String, Object> record) {
        Object[] out = new Object[columns.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = record.get(columns.get(i).name());
        }
        return out;
    }

    private static String actorId(Object actor) {
        if (actor instanceof String s) {
            return s;
        }
        if (actor instanceof Map<?, ?> m) {
            Object id = m.get("id");
            if (id instanceof String || id instanceof Number) {
                return id.toString();
            }
        }
        return null;
    }

    private static String currency(Event e) {
        Object c = e.outcome() == null ? null : e.outcome().get("currency");
        if (!(c instanceof String) && e.properties() != null) {
            c = e.properties().get("currency");
        }
        return c instanceof String s ? s : null;
    }

    /**
     * The columns of supplied records: every top-level key, in the order first seen. A key whose
     * non-null values are all strings is STRING; all integers, INT64; all numbers, NUMERIC when each
     * fits BigQuery's NUMERIC (at most 9 decimals and 29 integer digits), else FLOAT64; all booleans,
     * BOOL; anything else (objects, arrays, mixed kinds, only nulls) JSON. None is required.
     * With {@code bigQueryNames}, keys that are not BigQuery column names are added to {@code errors}.
     */
    public static Columns infer(List<Map<String, Object>> records, boolean bigQueryNames, List<FieldError> errors) {
        Map<String, Type> types = new LinkedHashMap<>();
        Map<String, Integer> firstIndex = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            for (Map.Entry<String, Object> field : records.get(i).entrySet()) {
                firstIndex.putIfAbsent(field.getKey(), i);
                types.put(field.getKey(), merge(types.get(field.getKey()), kind(field.getValue())));
            }
        }
        List<Column> columns = new ArrayList<>(types.size());
        for (Map.Entry<String, Type> t : types.entrySet()) {
            if (bigQueryNames && !BIGQUERY_COLUMN.matcher(t.getKey()).matches()) {
                errors.add(new FieldError(firstIndex.get(t.getKey()), clip(t.getKey()), "invalid_value",
                        "is not a BigQuery column name: letters, digits and underscores, starting with a letter or"
                                + " an underscore, at most 300 characters"));
            }
            Type type = t.getValue() == null ? Type.JSON : t.getValue();
            columns.add(new Column(t.getKey(), type, false, type == Type.NUMERIC ? RECORD_SCALE : 0, null));
        }
        return new Columns(columns);
    }

    private static String clip(String key) {
        return key.length() <= 100 ? key : key.substring(0, 100) + "…";
    }

    /** The kind of one value; null for a JSON null (it fits any column). */
    private static Type kind(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof String) {
            return Type.STRING;
        }
        if (v instanceof Boolean) {
            return Type.BOOL;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return Type.INT64;
        }
        if (v instanceof BigInteger b) {
            return b.bitLength() < 64 ? Type.INT64 : fitsNumeric(new BigDecimal(b)) ? Type.NUMERIC : Type.FLOAT64;
        }
        if (v instanceof BigDecimal d) {
            return fitsNumeric(d) ? Type.NUMERIC : Type.FLOAT64;
        }
        if (v instanceof Number) {
            return Type.FLOAT64;
        }
        return Type.JSON;
    }

    private static boolean fitsNumeric(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return Math.max(s.scale(), 0) <= RECORD_SCALE && s.precision() - s.scale() <= 29;
    }

    private static Type merge(Type a, Type b) {
        if (b == null || a == b) {
            return a;
        }
        if (a == null) {
            return b;
        }
        boolean numbers = (a == Type.INT64 || a == Type.NUMERIC || a == Type.FLOAT64)
                && (b == Type.INT64 || b == Type.NUMERIC || b == Type.FLOAT64);
        if (numbers) {
            return a == Type.FLOAT64 || b == Type.FLOAT64 ? Type.FLOAT64 : Type.NUMERIC;
        }
        return Type.JSON;
    }
}
