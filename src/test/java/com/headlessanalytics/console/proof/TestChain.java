package com.headlessanalytics.console.proof;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

/**
 * A governance hash chain sealed in the test, record by record, as the engine stores it: the
 * fields of docs/governance.md ("The hash chain"), sealed with {@link ChainRecord#seal}, each kept
 * as its canonical line. Also the corpus's checked-in TEST-ONLY keys.
 */
final class TestChain {
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    final KeyPair key;
    final String workspaceId;
    final List<String> decisions = new ArrayList<>();
    final List<String> receipts = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    private long seq;
    private String prev = ChainRecord.GENESIS;

    TestChain(KeyPair key, String workspaceId) {
        this.key = key;
        this.workspaceId = workspaceId;
    }

    /** Seals the next record; a {@code receipt} goes to receipts, any other kind to decisions. */
    ObjectNode add(String kind, String objectId, String decisionId, String traceId, String actor, long at,
                   ObjectNode body) {
        ObjectNode f = JSON.objectNode();
        f.put("kind", kind);
        f.put("workspaceId", workspaceId);
        f.put("objectId", objectId);
        if (decisionId != null) {
            f.put("decisionObjectId", decisionId);
        }
        if (traceId != null) {
            f.put("traceId", traceId);
        }
        f.put("actor", actor);
        f.put("at", at);
        f.set("body", body);
        ObjectNode sealed = ChainRecord.seal(f, ++seq, prev, key);
        prev = sealed.get("recordHash").asText();
        (kind.equals("receipt") ? receipts : decisions).add(CanonicalJson.of(sealed));
        return sealed;
    }

    /** Adds an event; a governance event names its record's seq in its properties, as the engine's do. */
    void event(String name, String eventId, String actor, String objectType, String objectId, String decisionId,
               String traceId, long at, Long recordSeq) {
        ObjectNode e = JSON.objectNode();
        e.put("id", eventId);
        e.put("event", name);
        e.put("businessId", "default");
        e.put("timestamp", at);
        e.put("receivedAt", at);
        e.putObject("actor").put("type", "principal").put("id", actor);
        e.putObject("object").put("type", objectType).put("id", objectId);
        if (traceId != null) {
            e.put("traceId", traceId);
        }
        if (decisionId != null) {
            e.put("decisionId", decisionId);
        }
        if (recordSeq != null) {
            e.putObject("properties").put("seq", recordSeq);
        }
        events.add(CanonicalJson.of(e));
    }

    long seq() {
        return seq;
    }

    PacketWriter.Contents contents(List<String> evidence) {
        return new PacketWriter.Contents(List.copyOf(events), List.copyOf(decisions), List.copyOf(receipts),
                List.copyOf(evidence));
    }

    /** A key pair from a checked-in TEST-ONLY PEM file of proof-corpus/. */
    static KeyPair testKey(String file) {
        String pem = resource("/proof-corpus/" + file);
        return new KeyPair(Ed25519.publicFromPem(pem), Ed25519.privateFromPem(pem));
    }

    static KeyPair corpusKey() {
        return testKey("TEST-ONLY-corpus-signing-key.ed25519.pem");
    }

    static KeyPair foreignKey() {
        return testKey("TEST-ONLY-foreign-key.ed25519.pem");
    }

    static String resource(String path) {
        try (InputStream in = TestChain.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
