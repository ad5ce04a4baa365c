package com.headlessanalytics.console.proof;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.headlessanalytics.console.api.ApiJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * RFC 8785 (JCS) canonical JSON: sorted keys, no whitespace, ECMAScript number and string forms.
 * Every hashed or signed record goes through here, so the same record has the same bytes in any
 * language. Money in records is a decimal string, so numbers here are counts and times.
 */
public final class CanonicalJson {
    private CanonicalJson() {
    }

    /** The canonical form of a JSON text. */
    public static String canonicalize(String json) {
        try {
            return new JsonCanonicalizer(json).getEncodedString();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Not canonicalizable JSON: " + e.getMessage(), e);
        }
    }

    /** The canonical form of a value as Jackson writes it (records, maps, lists, JsonNodes). */
    public static String of(Object value) {
        try {
            return canonicalize(ApiJson.mapper().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #of} as UTF-8 bytes. */
    public static byte[] bytes(Object value) {
        return of(value).getBytes(StandardCharsets.UTF_8);
    }

    /** Lower-case hex SHA-256 of the canonical form: the digest of a proposed action or a record. */
    public static String sha256(Object value) {
        return Hashes.sha256Hex(bytes(value));
    }
}
