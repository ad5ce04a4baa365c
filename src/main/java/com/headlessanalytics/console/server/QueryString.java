package com.headlessanalytics.console.server;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.domain.FieldError;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Query parameters and path segments: percent-decoded as strict UTF-8; each known parameter at most
 * once, nothing unknown.
 */
final class QueryString {

    private QueryString() {
    }

    /** Parameter names in the order an error message lists them. */
    static Set<String> ordered(String... names) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(names)));
    }

    /** The parameters of {@code rawQuery} (null for none); 400 naming every bad parameter. */
    static Map<String, String> parse(String rawQuery, Set<String> allowed) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        List<FieldError> errors = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = decode(eq < 0 ? "" : pair.substring(eq + 1));
            if (name == null || value == null) {
                errors.add(new FieldError(null, name == null ? "(query)" : safeName(name), "invalid_value",
                        "is not valid percent-encoded UTF-8"));
            } else if (!allowed.contains(name)) {
                errors.add(new FieldError(null, safeName(name), "unknown_field", allowed.isEmpty()
                        ? "this endpoint takes no query parameters"
                        : "is not a query parameter of this endpoint (allowed: " + String.join(", ", allowed) + ")"));
            } else if (params.putIfAbsent(name, value) != null) {
                errors.add(new FieldError(null, name, "invalid_value", "is given more than once"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid("invalid query parameter '" + errors.get(0).field() + "'", errors);
        }
        return params;
    }

    /**
     * An integer parameter, null when absent; a value that is not an integer of at most 64 bits
     * adds an {@code invalid_type} error saying what is expected.
     */
    static Long longValue(Map<String, String> params, String name, String expected, List<FieldError> errors) {
        String value = params.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            errors.add(new FieldError(null, name, "invalid_type", "must be " + expected));
            return null;
        }
    }

    /** As {@link #longValue}, for a parameter held in an {@code int}: a value beyond it is an error too. */
    static Integer intValue(Map<String, String> params, String name, List<FieldError> errors) {
        Long value = longValue(params, name, "an integer", errors);
        if (value != null && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
            errors.add(new FieldError(null, name, "invalid_value", "is out of range"));
            return null;
        }
        return value == null ? null : value.intValue();
    }

    /** Percent-decodes one path segment ('+' stays '+'); null when an escape or the UTF-8 is malformed. */
    static String decodeSegment(String s) {
        return decode(s, false);
    }

    /**
     * Percent-decodes {@code s} ('+' is a space); null when an escape or the UTF-8 is malformed.
     * The JDK server reads the request line as ISO-8859-1, so each raw character is one byte.
     */
    static String decode(String s) {
        return decode(s, true);
    }

    private static String decode(String s, boolean plusIsSpace) {
        if (s.chars().allMatch(c -> c < 0x80 && c != '%' && (c != '+' || !plusIsSpace))) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
                if (lo < 0) {
                    return null;
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c > 0xFF) {
                return null;
            } else {
                bytes.write(c == '+' && plusIsSpace ? ' ' : c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** A parameter name fit to echo back in an error body. */
    static String safeName(String name) {
        String printable = name.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 64 ? printable.substring(0, 64) + "…" : printable;
    }
}
