package com.headlessanalytics.console.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.ApiJson;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Base64;

/**
 * One record of a workspace's governance hash chain (docs/governance.md): an object with
 * {@code seq}, {@code prevHash} and the record's own fields, sealed with {@code recordHash} (SHA-256
 * of its RFC 8785 form without {@code recordHash} and {@code signature}), {@code keyId} and an
 * Ed25519 {@code signature} (base64) over those same canonical bytes.
 */
public final class ChainRecord {
    /** The {@code prevHash} of the first record of a chain. */
    public static final String GENESIS = "0".repeat(64);

    private ChainRecord() {
    }

    /**
     * Seals {@code fields} as record {@code seq} after {@code prevHash}: returns the full record
     * (a copy; {@code fields} is left alone), ready to be stored as {@link CanonicalJson#of}.
     */
    public static ObjectNode seal(ObjectNode fields, long seq, String prevHash, KeyPair key) {
        ObjectNode record = fields.deepCopy();
        record.remove("recordHash");
        record.remove("signature");
        record.put("seq", seq);
        record.put("prevHash", prevHash);
        record.put("keyId", Ed25519.fingerprint(key.getPublic()));
        byte[] signed = CanonicalJson.bytes(record);
        record.put("recordHash", Hashes.sha256Hex(signed));
        record.put("signature", Base64.getEncoder().encodeToString(Ed25519.sign(key.getPrivate(), signed)));
        return record;
    }

    /** The bytes that are hashed and signed: the canonical record without recordHash and signature. */
    public static byte[] signedBytes(JsonNode record) {
        ObjectNode copy = ((ObjectNode) record).deepCopy();
        copy.remove("recordHash");
        copy.remove("signature");
        return CanonicalJson.bytes(copy);
    }

    /**
     * What is wrong with one record on its own (hash, key id, signature), or null when it is sound.
     * Links between records are checked by the caller: {@code prevHash} of seq n+1 is the
     * {@code recordHash} of seq n.
     */
    public static String problem(JsonNode record, PublicKey key) {
        if (record == null || !record.isObject()) {
            return "not a JSON object";
        }
        for (String field : new String[] {"seq", "prevHash", "recordHash", "keyId", "signature"}) {
            if (!record.hasNonNull(field)) {
                return "no " + field;
            }
        }
        String where = "record " + record.get("seq").asText();
        byte[] signed = signedBytes(record);
        if (!Hashes.sha256Hex(signed).equals(record.get("recordHash").asText())) {
            return where + ": recordHash does not match its content";
        }
        if (!Ed25519.fingerprint(key).equals(record.get("keyId").asText())) {
            return where + ": signed by key " + record.get("keyId").asText() + ", not by " + Ed25519.fingerprint(key);
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(record.get("signature").asText());
        } catch (IllegalArgumentException e) {
            return where + ": the signature is not base64";
        }
        if (!Ed25519.verify(key, signed, signature)) {
            return where + ": the signature does not verify";
        }
        return null;
    }

    /** Parses one stored or exported line. */
    public static ObjectNode parse(String line) {
        try {
            JsonNode node = ApiJson.mapper().readTree(line.getBytes(StandardCharsets.UTF_8));
            if (!(node instanceof ObjectNode object)) {
                throw new IllegalArgumentException("a chain record must be a JSON object");
            }
            return object;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }
}
