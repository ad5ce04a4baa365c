package com.headlessanalytics.console.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.domain.EventLimits;
import java.io.UncheckedIOException;
import java.util.Map;

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
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
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

    /** {@code value} as compact JSON. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code value} as indented JSON, for people to read. */
    public static String pretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code fields} as a JSON object, keys in their order (e.g. a proposed action built from plain values). */
    public static ObjectNode object(Map<String, ?> fields) {
        return MAPPER.valueToTree(fields);
    }

    /** How many bytes {@code value} takes as compact JSON. */
    public static int size(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value).length;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a JSON text into maps, lists and plain values.
     *
     * @throws IllegalArgumentException when it is not valid JSON: the parser's message and, when known,
     *                                  "(line L, column C)"
     */
    public static Object read(String json) {
        try {
            return MAPPER.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new IllegalArgumentException(e.getOriginalMessage() + where, e);
        }
    }
}
