package com.headlessanalytics.console.connectors;

import com.headlessanalytics.console.domain.EventValidator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The small declarative transforms a mapping file may name (docs/connectors.md, Transforms). Each
 * takes the value found in the record and gives the value to write, null for "absent" (the next
 * fallback path is tried), or throws {@link Failure} naming what is wrong with the value.
 */
record Transform(Kind kind, String param) {
    /** Epoch numbers below this are seconds, at or above it milliseconds (10^11 s is the year 5138). */
    private static final BigDecimal SECONDS_BELOW = BigDecimal.valueOf(100_000_000_000L);
    private static final int MAX_NUMBER_TEXT = 40;
    /** Integer digits an amount may have: what revenue totals (micro-units in a long) can hold. */
    private static final int MAX_INTEGER_DIGITS = 19;
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);

    enum Kind {
        /** A string as it is; a number or boolean written as text. */
        TEXT("text"),
        /** An exact decimal string from a JSON number or a string holding one (major units). */
        DECIMAL("decimal"),
        /** An exact decimal string from integer minor units (cents), by the currency's ISO 4217 exponent. */
        MINOR("minor"),
        /** An exact decimal string from integer millionths (Google Ads {@code cost_micros}). */
        MICROS("micros"),
        /** The negated decimal (refunds, as negative revenue). */
        NEGATE("negate"),
        /** A JSON number from a number or a string holding one. */
        NUMBER("number"),
        UPPER("upper"),
        LOWER("lower"),
        /** A three-letter currency code, upper-cased. */
        CURRENCY("currency"),
        /** Milliseconds since epoch from ISO-8601 text, a date, or epoch seconds or milliseconds (by size). */
        TIME("time"),
        /** Milliseconds from epoch seconds (a number or a numeric string, fractions kept to the millisecond). */
        SECONDS("seconds"),
        /** Milliseconds from epoch milliseconds (a number or a numeric string). */
        MILLIS("millis"),
        /** The number of elements of an array. */
        COUNT("count"),
        /** {@code query:NAME}: the decoded query parameter NAME of a URL or path; absent when it has none. */
        QUERY("query");

        final String name;

        Kind(String name) {
            this.name = name;
        }
    }

    /** Why a value cannot be mapped: a code and a sentence about the value. */
    static final class Failure extends Exception {
        final String code;

        Failure(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    /** The transform named {@code spec} ({@code decimal}, {@code query:utm_source} …), or null when there is none such. */
    static Transform parse(String spec) {
        int colon = spec.indexOf(':');
        String name = colon < 0 ? spec : spec.substring(0, colon);
        String param = colon < 0 ? null : spec.substring(colon + 1);
        for (Kind k : Kind.values()) {
            if (k.name.equals(name)) {
                boolean wantsParam = k == Kind.QUERY;
                if (wantsParam != (param != null) || (param != null && param.isEmpty())) {
                    return null;
                }
                return new Transform(k, param);
            }
        }
        return null;
    }

    static String names() {
        StringBuilder b = new StringBuilder();
        for (Kind k : Kind.values()) {
            b.append(b.isEmpty() ? "" : ", ").append(k.name).append(k == Kind.QUERY ? ":NAME" : "");
        }
        return b.toString();
    }

    /** @param currency the currency code found for {@link Kind#MINOR} (null: two decimals) */
    Object apply(Object v, String currency) throws Failure {
        return switch (kind) {
            case TEXT -> text(v);
            case DECIMAL -> decimal(v).toPlainString();
            case MINOR -> BigDecimal.valueOf(whole(v, "minor units")).movePointLeft(exponent(currency)).toPlainString();
            case MICROS -> BigDecimal.valueOf(whole(v, "micro-units")).movePointLeft(6).toPlainString();
            case NEGATE -> decimal(v).negate().toPlainString();
            case NUMBER -> decimal(v);
            case UPPER -> text(v).toUpperCase(Locale.ROOT);
            case LOWER -> text(v).toLowerCase(Locale.ROOT);
            case CURRENCY -> currency(v);
            case TIME -> time(v);
            case SECONDS -> epoch(v, true);
            case MILLIS -> epoch(v, false);
            case COUNT -> {
                if (v instanceof List<?> l) {
                    yield l.size();
                }
                throw new Failure("invalid_type", "must be an array, got " + EventValidator.jsonType(v));
            }
            case QUERY -> query(text(v), param);
        };
    }

    private static String text(Object v) throws Failure {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        throw new Failure("invalid_type", "must be text or a number, got " + EventValidator.jsonType(v));
    }

    private static BigDecimal decimal(Object v) throws Failure {
        BigDecimal d = null;
        if (v instanceof BigDecimal b) {
            d = b;
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            d = BigDecimal.valueOf(((Number) v).longValue());
        } else if (v instanceof BigInteger bi) {
            d = new BigDecimal(bi);
        } else if (v instanceof Double || v instanceof Float) {
            double x = ((Number) v).doubleValue();
            d = Double.isFinite(x) ? BigDecimal.valueOf(x) : null;
        } else if (v instanceof String s && s.length() <= MAX_NUMBER_TEXT) {
            d = parseDecimal(s.strip());
        }
        if (d == null) {
            throw new Failure("invalid_amount", "must be a decimal number (a JSON number or a string such as \"149.00\"), got "
                    + describe(v));
        }
        if (d.precision() - d.scale() > MAX_INTEGER_DIGITS || d.scale() > MAX_INTEGER_DIGITS) {
            throw new Failure("invalid_amount", "is out of range (at most " + MAX_INTEGER_DIGITS
                    + " digits before and after the point)");
        }
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    private static BigDecimal parseDecimal(String s) {
        if (s.isEmpty()) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return null;
            }
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static long whole(Object v, String what) throws Failure {
        BigDecimal d;
        try {
            d = decimal(v);
        } catch (Failure f) {
            throw new Failure("invalid_amount", "must be a whole number of " + what + ", got " + describe(v));
        }
        try {
            return d.longValueExact();
        } catch (ArithmeticException notWhole) {
            throw new Failure("invalid_amount", "must be a whole number of " + what + ", got " + describe(v));
        }
    }

    /** The ISO 4217 exponent of a currency (JPY 0, USD 2, KWD 3); 2 when unknown or absent. */
    private static int exponent(String currency) {
        if (currency == null || currency.length() != 3) {
            return 2;
        }
        try {
            int digits = Currency.getInstance(currency.toUpperCase(Locale.ROOT)).getDefaultFractionDigits();
            return digits < 0 ? 2 : digits;
        } catch (IllegalArgumentException unknown) {
            return 2;
        }
    }

    private static String currency(Object v) throws Failure {
        String s = text(v).strip();
        if (s.length() == 3) {
            String upper = s.toUpperCase(Locale.ROOT);
            if (upper.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
                return upper;
            }
        }
        throw new Failure("invalid_currency", "must be a three-letter currency code, got " + describe(v));
    }

    private static long time(Object v) throws Failure {
        if (v instanceof Number) {
            return epoch(v, null);
        }
        if (!(v instanceof String s)) {
            throw new Failure("invalid_timestamp", "must be ISO-8601 text or epoch seconds or milliseconds, got " + EventValidator.jsonType(v));
        }
        String t = s.strip();
        if (!t.isEmpty() && (Character.isDigit(t.charAt(0)) || t.charAt(0) == '-') && parseDecimal(t) != null
                && t.indexOf('-', 1) < 0) {
            return epoch(t, null);
        }
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            }
            TemporalAccessor parsed = DATE_TIME.parse(t);
            long seconds = LocalDate.from(parsed).atStartOfDay(ZoneOffset.UTC).toEpochSecond()
                    + parsed.getLong(ChronoField.HOUR_OF_DAY) * 3600 + parsed.getLong(ChronoField.MINUTE_OF_HOUR) * 60
                    + (parsed.isSupported(ChronoField.SECOND_OF_MINUTE) ? parsed.getLong(ChronoField.SECOND_OF_MINUTE) : 0)
                    - (parsed.isSupported(ChronoField.OFFSET_SECONDS) ? parsed.getLong(ChronoField.OFFSET_SECONDS) : 0);
            long nanos = parsed.isSupported(ChronoField.NANO_OF_SECOND) ? parsed.getLong(ChronoField.NANO_OF_SECOND) : 0;
            return Instant.ofEpochSecond(seconds, nanos).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new Failure("invalid_timestamp", "must be an ISO-8601 date-time (e.g. 2024-05-01T10:15:00Z) or epoch"
                    + " seconds or milliseconds, got " + describe(v));
        }
    }

    /** @param seconds true: seconds; false: milliseconds; null: seconds below 10^11, else milliseconds */
    private static long epoch(Object v, Boolean seconds) throws Failure {
        BigDecimal d;
        try {
            d = decimal(v);
        } catch (Failure f) {
            throw new Failure("invalid_timestamp", "must be epoch " + (Boolean.FALSE.equals(seconds) ? "milliseconds"
                    : "seconds") + " (a number), got " + describe(v));
        }
        boolean inSeconds = seconds != null ? seconds : d.abs().compareTo(SECONDS_BELOW) < 0;
        BigDecimal ms = inSeconds ? d.movePointRight(3) : d;
        if (ms.signum() < 0 || ms.precision() - ms.scale() > 15) {
            throw new Failure("invalid_timestamp", "is not a time between 1970 and the year 33658, got " + describe(v));
        }
        return ms.setScale(0, RoundingMode.FLOOR).longValueExact();
    }

    private static String query(String url, String name) {
        int q = url.indexOf('?');
        if (q < 0) {
            return null;
        }
        int end = url.indexOf('#', q);
        String query = end < 0 ? url.substring(q + 1) : url.substring(q + 1, end);
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name) && eq >= 0) {
                try {
                    String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    return value.isEmpty() ? null : value;
                } catch (IllegalArgumentException badEscape) {
                    return pair.substring(eq + 1);
                }
            }
        }
        return null;
    }

    /** The value for a message: a short scalar quoted, anything else by its type. */
    private static String describe(Object v) {
        if (v instanceof String s) {
            String shown = s.length() > 40 ? s.substring(0, 40) + "…" : s;
            StringBuilder b = new StringBuilder("\"");
            shown.codePoints().forEach(c -> b.append(Character.isISOControl(c) || Character.isSurrogate((char) c) ? "?" : Character.toString(c)));
            return b.append('"').toString();
        }
        if (v instanceof Number || v instanceof Boolean) {
            String t = v instanceof BigDecimal d ? d.toString() : v.toString();
            return t.length() > 40 ? EventValidator.jsonType(v) : t;
        }
        return EventValidator.jsonType(v);
    }
}
