package com.headlessanalytics.console.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.headlessanalytics.console.domain.EventLimits;

/**
 * The wire format, shared by the engine, the server and the remote client: strict parsing
 * (duplicate keys, trailing tokens and over-deep nesting are errors), decimals kept exact.
 */
public final class ApiJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(EventLimits.MAX_JSON_DEPTH)
                .maxStringLength(EventLimits.MAX_BATCH_BYTES)
                .maxNumberLength(64)
                .build());
    }

    private ApiJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Text that is not JSON the wire format accepts: the parser's reason and, where known, line and column. */
    public static final class Malformed extends Exception {
        private Malformed(JsonProcessingException e) {
            super(e.getOriginalMessage() + where(e.getLocation()), e);
        }

        private static String where(JsonLocation at) {
            return at == null || at.getLineNr() < 1 ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        }
    }

    /** Parses JSON text as the wire does (maps, lists, exact decimals). */
    public static Object parse(String json) throws Malformed {
        try {
            return MAPPER.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new Malformed(e);
        }
    }

    /** A value as compact JSON. */
    public static String compact(Object value) {
        return write(value, false);
    }

    /** A value as indented JSON, for people to read. */
    public static String pretty(Object value) {
        return write(value, true);
    }

    /** The size of a value's compact JSON, in UTF-8 bytes. */
    public static int byteSize(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value).length;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not writable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String write(Object value, boolean indent) {
        try {
            return indent ? MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value)
                    : MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not writable as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
