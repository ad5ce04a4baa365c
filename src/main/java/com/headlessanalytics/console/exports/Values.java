package com.headlessanalytics.console.exports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.headlessanalytics.console.api.ApiJson;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How column values are written as text, the same way in every format. */
final class Values {
    private static final ObjectMapper JSON = ApiJson.mapper();
    /** RFC 3339 in UTC with milliseconds, e.g. 2026-12-03T02:25:49.123Z: BigQuery and Snowflake read it as is. */
    static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Values() {
    }

    static String timestamp(long epochMillis) {
        return RFC_3339.format(java.time.Instant.ofEpochMilli(epochMillis));
    }

    /** A number of a NUMERIC column to its column's scale, half even, in plain notation. */
    static BigDecimal decimal(Object number, int scale) {
        BigDecimal d = number instanceof BigDecimal b ? b : number instanceof BigInteger i ? new BigDecimal(i)
                : number instanceof Double || number instanceof Float ? BigDecimal.valueOf(((Number) number).doubleValue())
                : BigDecimal.valueOf(((Number) number).longValue());
        return d.setScale(scale, RoundingMode.HALF_EVEN);
    }

    /** A plain JSON value (map, list, string, number, boolean) as JSON text. */
    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A number as text, never in exponent notation. */
    static String number(Object n) {
        return n instanceof BigDecimal d ? d.toPlainString() : n.toString();
    }
}
