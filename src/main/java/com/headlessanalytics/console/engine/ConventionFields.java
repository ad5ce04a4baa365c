package com.headlessanalytics.console.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * How the agent and workflow conventions (docs/api.md, Agent and workflow events) read a property:
 * ids as text, counts and durations as whole numbers, cost as an exact decimal. A value of any
 * other shape is treated as absent.
 */
final class ConventionFields {
    /** The largest token count or duration taken from one event. */
    static final long MAX_WHOLE = 1_000_000_000_000_000L;
    private static final int MAX_NUMBER_TEXT = 40;

    private ConventionFields() {
    }

    static Object get(Map<String, Object> properties, String key) {
        return properties == null ? null : properties.get(key);
    }

    /** A non-blank string as it is, or an integer as its digits; else null. */
    static String id(Object value) {
        if (value instanceof String s) {
            return s.isBlank() ? null : s;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return value.toString();
        }
        return null;
    }

    /** A string, or a number or boolean written as text; else null. */
    static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return null;
    }

    /**
     * A whole number from 0 to {@link #MAX_WHOLE}: a JSON integer (or a decimal with no fraction,
     * such as 12.0) or a string holding one; else null.
     */
    static Long whole(Object value) {
        BigDecimal d = decimal(value);
        if (d == null || d.signum() < 0 || d.compareTo(BigDecimal.valueOf(MAX_WHOLE)) > 0) {
            return null;
        }
        try {
            return d.longValueExact();
        } catch (ArithmeticException fraction) {
            return null;
        }
    }

    /** A JSON number or a string holding a decimal number (at most 40 characters), exactly; else null. */
    static BigDecimal decimal(Object value) {
        BigDecimal d = null;
        if (value instanceof BigDecimal b) {
            d = b;
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            d = BigDecimal.valueOf(((Number) value).longValue());
        } else if (value instanceof BigInteger bi) {
            d = new BigDecimal(bi);
        } else if (value instanceof Double || value instanceof Float) {
            double x = ((Number) value).doubleValue();
            d = Double.isFinite(x) ? BigDecimal.valueOf(x) : null;
        } else if (value instanceof String s && s.length() <= MAX_NUMBER_TEXT) {
            try {
                d = new BigDecimal(s.strip());
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        if (d == null || d.precision() - d.scale() > 19 || d.scale() > 19) {
            return null;
        }
        return d.scale() < 0 ? d.setScale(0) : d;
    }
}
