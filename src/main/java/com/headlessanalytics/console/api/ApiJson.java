package com.headlessanalytics.console.api;

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

    /** {@code value} as indented JSON, for a person to read or copy. */
    public static String pretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The value could not be written as JSON", e);
        }
    }

    /** {@code value} as compact JSON on one line. */
    public static String compact(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The value could not be written as JSON", e);
        }
    }
}
