package com.headlessanalytics.console.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.domain.EventLimits;
import com.headlessanalytics.console.domain.EventValidator;
import com.headlessanalytics.console.domain.FieldError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The body of {@code POST /api/ingest}: media type, UTF-8 and JSON checks, and its envelopes. */
final class IngestBody {

    private IngestBody() {
    }

    /** Refuses (415) anything but {@code application/json}, with no charset or charset utf-8. */
    static void checkContentType(List<String> values) {
        if (values == null || values.size() != 1) {
            throw unsupported("send the body as Content-Type: application/json");
        }
        String[] parts = values.get(0).split(";");
        if (!parts[0].strip().equalsIgnoreCase("application/json")) {
            throw unsupported("the body must be application/json");
        }
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].strip();
            int eq = param.indexOf('=');
            if (eq > 0 && param.substring(0, eq).strip().equalsIgnoreCase("charset")) {
                String charset = param.substring(eq + 1).strip().replace("\"", "").toLowerCase(Locale.ROOT);
                if (!charset.equals("utf-8")) {
                    throw unsupported("the body must be UTF-8 (charset=utf-8)");
                }
            }
        }
    }

    /**
     * The envelopes of a body: {@code {"events":[…]}} (an object whose only key is {@code events})
     * gives its elements, any other object is one envelope.
     */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> parse(byte[] body, int length) {
        if (length == 0) {
            throw malformed("the request body is empty; send one event object or {\"events\":[…]}");
        }
        int bad = firstInvalidUtf8(body, length);
        if (bad >= 0) {
            throw malformed(body[bad] == 0
                    ? "the request body contains a NUL byte at offset " + bad
                    : "the request body is not valid UTF-8 (at byte offset " + bad + ")");
        }
        Object root;
        try {
            root = ApiJson.mapper().readValue(body, 0, length, Object.class);
        } catch (IOException e) {
            throw malformed(describe(e));
        }
        if (!(root instanceof Map<?, ?> object)) {
            throw malformed("the request body must be a JSON object (one event, or {\"events\":[…]}), got "
                    + EventValidator.jsonType(root));
        }
        if (object.size() != 1 || !object.containsKey("events")) {
            return List.of((Map<String, Object>) object);
        }
        if (!(object.get("events") instanceof List<?> events)) {
            throw ApiException.invalid("'events' must be an array of event objects",
                    List.of(new FieldError(null, "events", "invalid_type",
                            "must be an array, got " + EventValidator.jsonType(object.get("events")))));
        }
        if (events.size() > EventLimits.MAX_BATCH_EVENTS) {
            throw ApiException.tooLarge("a batch holds at most " + EventLimits.MAX_BATCH_EVENTS + " events",
                    List.of(new FieldError(null, "events", FieldError.TOO_LARGE, "has " + events.size()
                            + " events; the limit is " + EventLimits.MAX_BATCH_EVENTS)));
        }
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (!(events.get(i) instanceof Map)) {
                errors.add(new FieldError(i, null, "invalid_type",
                        "must be a JSON object, got " + EventValidator.jsonType(events.get(i))));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid("every element of 'events' must be a JSON object", errors);
        }
        return (List<Map<String, Object>>) events;
    }

    /**
     * The offset of the first byte that breaks strict UTF-8 (RFC 3629: no overlong forms, no
     * surrogates, nothing above U+10FFFF), or of the first NUL byte; -1 when there is none. NUL
     * can never appear in JSON text, and refusing it stops Jackson from guessing UTF-16 or UTF-32.
     * Looks at the first {@code n} bytes.
     */
    static int firstInvalidUtf8(byte[] b, int n) {
        int i = 0;
        while (i < n) {
            int c = b[i];
            if (c > 0) {
                i++;
                continue;
            }
            int start = i;
            int u = c & 0xFF;
            int length;
            int min2 = 0x80;
            int max2 = 0xBF;
            if (u >= 0xC2 && u <= 0xDF) {
                length = 2;
            } else if (u >= 0xE0 && u <= 0xEF) {
                length = 3;
                min2 = u == 0xE0 ? 0xA0 : 0x80;
                max2 = u == 0xED ? 0x9F : 0xBF;
            } else if (u >= 0xF0 && u <= 0xF4) {
                length = 4;
                min2 = u == 0xF0 ? 0x90 : 0x80;
                max2 = u == 0xF4 ? 0x8F : 0xBF;
            } else {
                return start;
            }
            if (start + length > n) {
                return start;
            }
            int second = b[start + 1] & 0xFF;
            if (second < min2 || second > max2) {
                return start;
            }
            for (int k = 2; k < length; k++) {
                if ((b[start + k] & 0xC0) != 0x80) {
                    return start;
                }
            }
            i = start + length;
        }
        return -1;
    }

    /** What is wrong with a body the JSON parser refused, in one line fit for an error message. */
    static String describe(IOException e) {
        if (e instanceof StreamConstraintsException sce) {
            String msg = String.valueOf(sce.getOriginalMessage());
            return msg.contains("nesting depth")
                    ? "the JSON is nested deeper than " + EventLimits.MAX_JSON_DEPTH + " levels"
                    : "the JSON exceeds a size limit: " + firstSentence(msg);
        }
        if (e instanceof MismatchedInputException mie && String.valueOf(mie.getOriginalMessage()).startsWith("Trailing token")) {
            return "the request body has content after the JSON value";
        }
        if (e instanceof JsonProcessingException jpe) {
            String msg = firstSentence(String.valueOf(jpe.getOriginalMessage()));
            JsonLocation at = jpe.getLocation();
            return "the request body is not valid JSON: " + msg
                    + (at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        }
        return "the request body is not valid JSON";
    }

    /** A parser message without its source excerpt, on one line, at most 200 characters. */
    private static String firstSentence(String msg) {
        int cut = msg.length();
        for (String marker : new String[] {"\n", " at [Source", " (start marker", "[Source"}) {
            int at = msg.indexOf(marker);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        String line = msg.substring(0, cut).replaceAll("\\p{Cntrl}", "?");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }


    static ApiException.Client malformed(String message) {
        return new ApiException.Client(400, ErrorCodes.MALFORMED_JSON, message, List.of());
    }

    private static ApiException.Client unsupported(String message) {
        return new ApiException.Client(415, ErrorCodes.UNSUPPORTED_MEDIA_TYPE, message, List.of());
    }
}
