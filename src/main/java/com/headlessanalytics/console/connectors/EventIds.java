package com.headlessanalytics.console.connectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Event ids of connector events (docs/connectors.md, Ids): {@code <provider>:<recordType>:<recordId>};
 * a record id that is too long or holds other characters than {@code [A-Za-z0-9._:@/-]} is replaced
 * by {@code sha256:<32 hex>} of it; a record without an id gets {@code content:<32 hex>}, the hash of
 * its canonical JSON (keys sorted, compact), so the same record always gets the same id.
 */
public final class EventIds {
    public static final int MAX_LENGTH = 256;
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private EventIds() {
    }

    public static String eventId(String provider, String recordType, String recordId) {
        String prefix = provider + ':' + recordType + ':';
        if (prefix.length() + recordId.length() <= MAX_LENGTH && plain(recordId)) {
            return prefix + recordId;
        }
        return prefix + "sha256:" + sha256(recordId.getBytes(StandardCharsets.UTF_8));
    }

    public static String contentId(String provider, String recordType, Object record) {
        try {
            return provider + ':' + recordType + ":content:" + sha256(CANONICAL.writeValueAsBytes(record));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("A record could not be written as JSON", e);
        }
    }

    private static boolean plain(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '@' || c == '/' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The first 32 hex digits (128 bits) of the SHA-256 of {@code bytes}. */
    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
