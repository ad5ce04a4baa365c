package com.headlessanalytics.console.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * The revenue of an event (PRODUCT.md §4): outcome.revenue ?? properties.revenue ??
 * properties.amount ?? properties.total, a JSON number or a string holding a decimal number,
 * kept to 6 decimals. Values beyond ±9,223,372,036,854 are not revenue (they do not fit the
 * micro-unit count every total is kept in).
 */
public final class Revenue {
    public static final int SCALE = 6;
    private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE, SCALE);

    private Revenue() {
    }

    /** The revenue in millionths of a unit, or null when the event has none. */
    public static Long micros(Event e) {
        BigDecimal v = of(e);
        return v == null ? null : v.movePointRight(SCALE).longValueExact();
    }

    /** The revenue to 6 decimals, or null when the event has none. */
    public static BigDecimal of(Event e) {
        BigDecimal v = amount(e.outcome(), "revenue");
        if (v == null) {
            v = amount(e.properties(), "revenue");
        }
        if (v == null) {
            v = amount(e.properties(), "amount");
        }
        if (v == null) {
            v = amount(e.properties(), "total");
        }
        return v;
    }

    /** Micro-units back to a decimal with {@code scale} decimals, half even. */
    public static BigDecimal fromMicros(long micros, int scale) {
        return BigDecimal.valueOf(micros, SCALE).setScale(scale, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal amount(Map<String, Object> map, String key) {
        Object v = map == null ? null : map.get(key);
        BigDecimal d = null;
        if (v instanceof BigDecimal b) {
            d = b;
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            d = BigDecimal.valueOf(((Number) v).longValue());
        } else if (v instanceof java.math.BigInteger bi) {
            d = new BigDecimal(bi);
        } else if (v instanceof Double || v instanceof Float) {
            double x = ((Number) v).doubleValue();
            d = Double.isFinite(x) ? BigDecimal.valueOf(x) : null;
        } else if (v instanceof String s && s.length() <= 40) {
            try {
                d = new BigDecimal(s.strip());
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        if (d == null || d.precision() - d.scale() > 19) {
            return null;
        }
        if (d.scale() - d.precision() > 7) {
            return BigDecimal.ZERO.setScale(SCALE);
        }
        d = d.setScale(SCALE, RoundingMode.HALF_EVEN);
        return d.abs().compareTo(MAX) > 0 ? null : d;
    }
}
