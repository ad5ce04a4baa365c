package com.headlessanalytics.console.proof;

import java.util.List;

/**
 * The {@code .haproof} proof packet (PRODUCT.md §5, docs/governance.md "Proof packets"): a zip of
 * stored (uncompressed) entries in this fixed order with one fixed time, so the same content is
 * always the same bytes and any changed byte is seen.
 */
public final class PacketFormat {
    public static final String EXTENSION = ".haproof";
    /** The manifest's {@code schemaVersion}; a verifier refuses to judge any other. */
    public static final String SCHEMA_VERSION = "1";
    /** The DSSE payloadType of the signed manifest. */
    public static final String PAYLOAD_TYPE = "application/vnd.headlessanalytics.proof-manifest+json";
    public static final String ALGORITHM = "Ed25519";
    /** How the Merkle tree is made, as the manifest names it. */
    public static final String MERKLE_ALGORITHM = "RFC6962-SHA256";

    public static final String EVENTS = "events.jsonl";
    public static final String DECISIONS = "decisions.jsonl";
    public static final String RECEIPTS = "receipts.jsonl";
    public static final String EVIDENCE = "evidence.jsonl";
    public static final String PUBLIC_KEY = "public-key.pem";
    public static final String COMPLIANCE = "compliance.json";
    public static final String VERIFY = "VERIFY.md";
    public static final String MANIFEST = "manifest.json";
    public static final String ENVELOPE = "manifest.dsse.json";

    /** The record files, in Merkle leaf order. */
    public static final List<String> RECORD_FILES = List.of(EVENTS, DECISIONS, RECEIPTS, EVIDENCE);
    /** The files the manifest lists, in its order and the zip's. */
    public static final List<String> LISTED_FILES = List.of(EVENTS, DECISIONS, RECEIPTS, EVIDENCE, PUBLIC_KEY,
            COMPLIANCE, VERIFY);
    /** Every entry of the zip, in order. */
    public static final List<String> ENTRIES = List.of(EVENTS, DECISIONS, RECEIPTS, EVIDENCE, PUBLIC_KEY, COMPLIANCE,
            VERIFY, MANIFEST, ENVELOPE);

    private PacketFormat() {
    }
}
