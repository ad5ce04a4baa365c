package com.headlessanalytics.console.proof;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.headlessanalytics.console.api.ApiJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * DSSE v1 (secure-systems-lab/dsse, protocol.md and envelope.md): the signature covers the
 * pre-authentication encoding PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body,
 * LEN being the byte count in ASCII decimal, so the payload type is signed with the payload and no
 * parser runs on unverified bytes. The envelope is {@code {payloadType, payload, signatures:[{keyid,
 * sig}]}}, payload and sig in base64; reading accepts standard and URL-safe base64, padded or not.
 */
public final class Dsse {
    private Dsse() {
    }

    /** One signature; {@code keyid} is a hint (our key id: the key's fingerprint), not authenticated. */
    public record Signature(String keyid, String sig) {
    }

    /** The envelope as it is written: canonical JSON of these fields. */
    @JsonPropertyOrder({"payload", "payloadType", "signatures"})
    public record Envelope(String payloadType, String payload, List<Signature> signatures) {
        /** The canonical JSON bytes of the envelope. */
        public byte[] toBytes() {
            return CanonicalJson.bytes(this);
        }
    }

    /** The pre-authentication encoding of DSSE v1: the bytes that are signed. */
    public static byte[] pae(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(type.length + payload.length + 32);
        try {
            out.write(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
            out.write(type);
            out.write((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** Signs {@code payload} as {@code payloadType} with Ed25519; keyid = the key's fingerprint. */
    public static Envelope sign(String payloadType, byte[] payload, KeyPair key) {
        byte[] sig = Ed25519.sign(key.getPrivate(), pae(payloadType, payload));
        return new Envelope(payloadType, Base64.getEncoder().encodeToString(payload),
                List.of(new Signature(Ed25519.fingerprint(key.getPublic()), Base64.getEncoder().encodeToString(sig))));
    }

    /** True when {@code signature} is an Ed25519 signature by {@code key} over the envelope's PAE. */
    public static boolean verifies(Envelope envelope, Signature signature, PublicKey key) {
        byte[] payload;
        byte[] sig;
        try {
            payload = decodeBase64(envelope.payload());
            sig = decodeBase64(signature.sig());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return Ed25519.verify(key, pae(envelope.payloadType(), payload), sig);
    }

    /**
     * Reads an envelope: a JSON object with a string {@code payloadType}, a string {@code payload}
     * and a non-empty array {@code signatures} of objects with a string {@code sig} (and an
     * optional string {@code keyid}). Nothing in the payload is read here.
     *
     * @throws IllegalArgumentException saying what is missing or wrong
     */
    public static Envelope parse(byte[] json) {
        JsonNode root;
        try {
            root = ApiJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String type = text(root, "payloadType");
        String payload = text(root, "payload");
        JsonNode sigs = root.get("signatures");
        if (sigs == null || !sigs.isArray() || sigs.isEmpty()) {
            throw new IllegalArgumentException("no signatures");
        }
        List<Signature> signatures = new ArrayList<>();
        for (JsonNode s : sigs) {
            if (!s.isObject()) {
                throw new IllegalArgumentException("a signature is not a JSON object");
            }
            JsonNode keyid = s.get("keyid");
            if (keyid != null && !keyid.isTextual() && !keyid.isNull()) {
                throw new IllegalArgumentException("a keyid is not a string");
            }
            signatures.add(new Signature(keyid == null || keyid.isNull() ? null : keyid.asText(), text(s, "sig")));
        }
        return new Envelope(type, payload, List.copyOf(signatures));
    }

    /**
     * Decodes standard or URL-safe base64, with or without padding.
     *
     * @throws IllegalArgumentException when it is neither
     */
    public static byte[] decodeBase64(String text) {
        if (text.indexOf('-') >= 0 || text.indexOf('_') >= 0) {
            return Base64.getUrlDecoder().decode(text);
        }
        return Base64.getDecoder().decode(text);
    }

    /**
     * True when {@code text} is the only base64 spelling of its bytes in its own alphabet and
     * padding: no stray bits in the last character, so a changed character always changes the bytes.
     */
    public static boolean isCanonicalBase64(String text) {
        byte[] bytes;
        try {
            bytes = decodeBase64(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean url = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
        boolean padded = text.endsWith("=") || bytes.length % 3 == 0;
        Base64.Encoder encoder = url ? Base64.getUrlEncoder() : Base64.getEncoder();
        return (padded ? encoder : encoder.withoutPadding()).encodeToString(bytes).equals(text);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("no string " + field);
        }
        return value.asText();
    }
}
