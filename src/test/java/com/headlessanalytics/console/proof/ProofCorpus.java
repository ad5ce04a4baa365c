package com.headlessanalytics.console.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.ApiJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The conformance corpus of src/test/resources/proof-corpus/ (docs/governance.md "The auditor's
 * steps"): packets of five governance stories (good, denied, escrowed, expired, revoked) and of
 * every kind of damage, all signed with the checked-in TEST-ONLY corpus key, and
 * {@code expected_outcomes.json}. Built deterministically (fixed ids, times and keys; Ed25519
 * signatures are deterministic), so {@code ProofCorpusTest} can check the checked-in files are
 * exactly what this makes. Regenerate after a deliberate format change with
 * {@code HA_PROOF_CORPUS_WRITE=1 mvn -B -o -q test -Dtest=ProofCorpusTest}.
 */
final class ProofCorpus {
    static final String FOLDER = "proof-corpus";
    static final String TRUSTED_KEY = "TEST-ONLY-corpus-public-key.pem";
    static final String WORKSPACE = "ws_01JGCORPUS00000000000000";
    static final long T0 = 1_735_689_600_000L;
    private static final long MINUTE = 60_000L;
    private static final String CONTRACT = "ctr_01JGCORPUS00000000000000";
    private static final String GRANT = "grt_01JGCORPUS00000000000000";
    private static final String DECISION = "dec_01JGCORPUS00000000000000";
    private static final String RECEIPT = "rcp_01JGCORPUS00000000000000";
    private static final String TRACE = "trace-corpus-1";
    private static final String AGENT = "key_01JGAGENT000000000000000";

    /** One corpus packet and what verifying it with {@code key} (a file name, or null) must give. */
    record Case(String packet, String key, String outcome, String reason, String about) {
    }

    private ProofCorpus() {
    }

    /** Writes the corpus into {@code args[0]} (default: src/test/resources/proof-corpus). */
    public static void main(String[] args) throws IOException {
        write(Path.of(args.length > 0 ? args[0] : "src/test/resources/" + FOLDER));
    }

    static void write(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (Map.Entry<String, byte[]> f : files().entrySet()) {
            Files.write(folder.resolve(f.getKey()), f.getValue());
        }
    }

    /** Every generated file of the corpus: the packets and expected_outcomes.json. */
    static Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>(packets());
        ObjectNode root = TestChain.JSON.objectNode();
        root.put("about", "The proof packet conformance corpus. Every packet is verified with the key named (a file of"
                + " this folder; null = the packet's own public-key.pem) and must give this outcome, its first"
                + " reason starting with this text. TEST-ONLY keys: never trust them outside tests. Regenerate with"
                + " HA_PROOF_CORPUS_WRITE=1 mvn -B -o -q test -Dtest=ProofCorpusTest.");
        ArrayNode list = root.putArray("cases");
        for (Case c : cases()) {
            list.add(ApiJson.mapper().valueToTree(c));
        }
        files.put("expected_outcomes.json", (ApiJson.pretty(root) + "\n").getBytes(StandardCharsets.UTF_8));
        return files;
    }

    static List<Case> cases() {
        String corpus = Ed25519.fingerprint(TestChain.corpusKey().getPublic());
        String foreign = Ed25519.fingerprint(TestChain.foreignKey().getPublic());
        List<Case> c = new ArrayList<>();
        c.add(new Case("good.haproof", TRUSTED_KEY, "VALID", "every check passed",
                "contract, grant, a decision proposed and approved, an allow receipt"));
        c.add(new Case("denied.haproof", TRUSTED_KEY, "VALID", "every check passed",
                "a decision denied by a person, then a deny receipt"));
        c.add(new Case("escrowed.haproof", TRUSTED_KEY, "VALID", "every check passed",
                "an enforce before approval: an escrow receipt and the decision escrowed"));
        c.add(new Case("expired.haproof", TRUSTED_KEY, "VALID", "every check passed",
                "a decision expired, then a deny receipt"));
        c.add(new Case("revoked.haproof", TRUSTED_KEY, "VALID", "every check passed",
                "approved, then its grant revoked, then a deny receipt"));
        c.add(new Case("good.haproof", null, "INDETERMINATE", "the packet is signed with the published TEST-ONLY key",
                "checked with its own public-key.pem: a published test key proves nothing"));
        c.add(new Case("tampered.haproof", TRUSTED_KEY, "INVALID",
                "receipts.jsonl line 1: record 5: recordHash does not match its content",
                "the denied packet with its receipt's outcome changed to allow, manifest untouched"));
        c.add(new Case("tampered-resigned.haproof", TRUSTED_KEY, "INVALID",
                "receipts.jsonl line 1: record 5: recordHash does not match its content",
                "the same change with the manifest remade and signed again: the record's own hash still tells"));
        c.add(new Case("dropped.haproof", TRUSTED_KEY, "INVALID", "receipts.jsonl differs from the signed manifest",
                "the good packet without its receipt line"));
        c.add(new Case("foreign-key.haproof", TRUSTED_KEY, "INVALID",
                "the manifest is signed by another key: its signature names key " + foreign,
                "a whole packet made with another key (records, manifest and public-key.pem)"));
        c.add(new Case("foreign-public-key.haproof", TRUSTED_KEY, "INVALID", "public-key.pem is key " + foreign
                + ", not the trusted key " + corpus, "signed with the corpus key but carrying another public key"));
        c.add(new Case("reordered.haproof", TRUSTED_KEY, "INVALID",
                "decisions.jsonl line 3: record seq 2 after seq 3 (records reordered)",
                "two governance records swapped, manifest remade and signed again"));
        c.add(new Case("duplicated.haproof", TRUSTED_KEY, "INVALID",
                "receipts.jsonl line 2: record seq 5 again (a duplicated record)",
                "the receipt twice, manifest remade and signed again"));
        c.add(new Case("broken-link.haproof", TRUSTED_KEY, "INVALID",
                "decisions.jsonl line 4: record 4's prevHash is not the recordHash of record 3",
                "record 4 sealed again after the genesis hash instead of record 3"));
        c.add(new Case("truncated.haproof", TRUSTED_KEY, "INVALID", "the zip is damaged",
                "the good packet's first half"));
        c.add(new Case("extra-entry.haproof", TRUSTED_KEY, "INVALID",
                "the zip holds notes.txt, which the signed manifest does not list", "a file added to the zip"));
        c.add(new Case("container-changed.haproof", TRUSTED_KEY, "INVALID", "the zip container was changed",
                "one byte of a zip header (the first entry's time) changed"));
        c.add(new Case("not-a-zip.haproof", TRUSTED_KEY, "INDETERMINATE", "not a zip file", "a text file"));
        c.add(new Case("no-manifest.haproof", TRUSTED_KEY, "INDETERMINATE", "no manifest.dsse.json",
                "the good packet without manifest.dsse.json"));
        c.add(new Case("unknown-payload-type.haproof", TRUSTED_KEY, "INDETERMINATE",
                "unsupported payloadType application/vnd.in-toto+json",
                "the manifest signed under another DSSE payload type"));
        c.add(new Case("unsupported-schema.haproof", TRUSTED_KEY, "INDETERMINATE", "unsupported schemaVersion",
                "a manifest of schema version 2, signed"));
        return c;
    }

    /** The packets, by file name. */
    static Map<String, byte[]> packets() {
        KeyPair key = TestChain.corpusKey();
        Map<String, byte[]> p = new LinkedHashMap<>();
        for (String story : List.of("good", "denied", "escrowed", "expired", "revoked")) {
            p.put(story + ".haproof", packet(story, story(story, key), key));
        }
        byte[] good = p.get("good.haproof");

        TestChain denied = story("denied", key);
        List<String> forged = new ArrayList<>(denied.receipts);
        forged.set(0, forged.get(0).replace("\"outcome\":\"deny\"", "\"outcome\":\"allow\""));
        Map<String, byte[]> tampered = entries(p.get("denied.haproof"));
        tampered.put(PacketFormat.RECEIPTS, jsonl(forged));
        p.put("tampered.haproof", zip(tampered));
        p.put("tampered-resigned.haproof", build("tampered-resigned", new PacketWriter.Contents(denied.events,
                denied.decisions, forged, evidence()), key));

        Map<String, byte[]> dropped = entries(good);
        dropped.put(PacketFormat.RECEIPTS, new byte[0]);
        p.put("dropped.haproof", zip(dropped));

        KeyPair foreignKey = TestChain.foreignKey();
        p.put("foreign-key.haproof", packet("foreign-key", story("good", foreignKey), foreignKey));
        Map<String, byte[]> foreignPem = entries(good);
        foreignPem.put(PacketFormat.PUBLIC_KEY, Ed25519.publicPem(foreignKey.getPublic())
                .getBytes(StandardCharsets.US_ASCII));
        p.put("foreign-public-key.haproof", resign(foreignPem, m -> { }, PacketFormat.PAYLOAD_TYPE, key));

        TestChain chain = story("good", key);
        List<String> swapped = new ArrayList<>(chain.decisions);
        swapped.set(1, chain.decisions.get(2));
        swapped.set(2, chain.decisions.get(1));
        p.put("reordered.haproof", build("reordered", new PacketWriter.Contents(chain.events, swapped, chain.receipts,
                evidence()), key));
        List<String> twice = List.of(chain.receipts.get(0), chain.receipts.get(0));
        p.put("duplicated.haproof", build("duplicated", new PacketWriter.Contents(chain.events, chain.decisions, twice,
                evidence()), key));
        List<String> relinked = new ArrayList<>(chain.decisions);
        ObjectNode fourth = ChainRecord.parse(relinked.get(3));
        relinked.set(3, CanonicalJson.of(ChainRecord.seal(fourth, 4, ChainRecord.GENESIS, key)));
        p.put("broken-link.haproof", build("broken-link", new PacketWriter.Contents(chain.events, relinked,
                chain.receipts, evidence()), key));

        p.put("truncated.haproof", Arrays.copyOf(good, good.length / 2));
        Map<String, byte[]> extra = entries(good);
        extra.put("notes.txt", "Added after signing.\n".getBytes(StandardCharsets.UTF_8));
        p.put("extra-entry.haproof", zip(extra));
        byte[] header = good.clone();
        header[10] = 0x20;
        p.put("container-changed.haproof", header);
        p.put("not-a-zip.haproof", "This is not a proof packet.\n".getBytes(StandardCharsets.UTF_8));
        Map<String, byte[]> unsigned = entries(good);
        unsigned.remove(PacketFormat.ENVELOPE);
        p.put("no-manifest.haproof", zip(unsigned));
        p.put("unknown-payload-type.haproof", resign(entries(good), m -> { }, "application/vnd.in-toto+json", key));
        p.put("unsupported-schema.haproof", resign(entries(good), m -> m.put("schemaVersion", "2"),
                PacketFormat.PAYLOAD_TYPE, key));
        return p;
    }

    /** The evidence lines every story's packet carries: one export item and the decision's. */
    static List<String> evidence() {
        ObjectNode export = TestChain.JSON.objectNode();
        export.put("source", "export");
        export.putObject("evidence").put("kind", "ticket").put("id", "OPS-42").put("note", "Quarterly budget review");
        ObjectNode decision = TestChain.JSON.objectNode();
        decision.put("source", "decision");
        decision.put("decisionObjectId", DECISION);
        decision.set("evidence", decisionEvidence());
        return List.of(CanonicalJson.of(export), CanonicalJson.of(decision));
    }

    private static ObjectNode decisionEvidence() {
        ObjectNode e = TestChain.JSON.objectNode();
        e.put("kind", "report");
        e.put("uri", "https://example.com/reports/spring-campaign.pdf");
        e.put("sha256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        e.put("trustTier", "T3");
        return e;
    }

    /**
     * A governance story sealed with {@code key}: a contract and a grant, a decision proposed by
     * the agent, then the story's ending, each record with its governance event, and one plain
     * event of the trace.
     */
    static TestChain story(String ending, KeyPair key) {
        TestChain c = new TestChain(key, WORKSPACE);
        ObjectNode contract = TestChain.JSON.objectNode();
        contract.put("id", CONTRACT).put("name", "Paid ads, EU").put("businessId", "default").put("surface", "ads");
        contract.putArray("allowedActions").add("ads.budget.increase");
        contract.putObject("perActionLimit").put("amount", "500.00").put("currency", "EUR");
        contract.putObject("cumulativeLimit").put("amount", "5000.00").put("currency", "EUR");
        contract.put("minTrustTier", "T2");
        contract.putArray("requiredCompliancePacks").add("soc2").add("eu_ai_act");
        contract.put("createdBy", "operator:ana").put("createdAt", T0).put("status", "active");
        add(c, "contract.created", CONTRACT, null, "operator:ana", T0, contract, "contract");

        ObjectNode grant = TestChain.JSON.objectNode();
        grant.put("id", GRANT).put("grantee", AGENT).put("contractId", CONTRACT);
        grant.putArray("actions").add("ads.budget.increase");
        grant.putObject("amountLimit").put("amount", "1000.00").put("currency", "EUR");
        grant.put("validFrom", T0).put("validTo", T0 + 30L * 24 * 60 * MINUTE);
        grant.put("createdBy", "operator:ana").put("createdAt", T0 + MINUTE).put("status", "active");
        add(c, "grant.created", GRANT, null, "operator:ana", T0 + MINUTE, grant, "grant");

        ObjectNode action = TestChain.JSON.objectNode();
        action.put("action", "ads.budget.increase").put("amount", "250.00").put("currency", "EUR")
                .put("campaign", "spring-sale");
        ObjectNode decision = TestChain.JSON.objectNode();
        decision.put("id", DECISION).put("state", "pending_approval");
        decision.set("proposedAction", action);
        decision.put("actionDigest", CanonicalJson.sha256(action)).put("proposer", AGENT).put("grantId", GRANT)
                .put("contractId", CONTRACT).put("businessId", "default");
        decision.putArray("evidence").add(decisionEvidence());
        decision.put("trustTier", "T3").put("traceId", TRACE).put("requiredApprovals", 1)
                .put("expiresAt", T0 + 24 * 60 * MINUTE);
        decision.putArray("approvals");
        decision.put("createdAt", T0 + 2 * MINUTE).put("updatedAt", T0 + 2 * MINUTE);
        add(c, "decision.proposed", DECISION, DECISION, AGENT, T0 + 2 * MINUTE, decision.deepCopy(), "decision");
        c.event("ads.budget.viewed", "evt_01JGCORPUSVIEW000000000000", AGENT, "campaign", "spring-sale", null, TRACE,
                T0 + 2 * MINUTE + 500, null);

        long t = T0 + 10 * MINUTE;
        switch (ending) {
            case "good" -> {
                approve(c, decision, t);
                receipt(c, decision, "allow", t + MINUTE, null);
            }
            case "denied" -> {
                decision.put("state", "denied").put("updatedAt", t);
                add(c, "decision.denied", DECISION, DECISION, "operator:bo", t, withReason(decision, "Not this quarter"),
                        "decision");
                receipt(c, decision, "deny", t + MINUTE, "decision_state");
            }
            case "escrowed" -> {
                receipt(c, decision, "escrow", t, "decision_state");
                decision.put("state", "escrowed").put("updatedAt", t);
                add(c, "decision.escrowed", DECISION, DECISION, AGENT, t, decision.deepCopy(), "decision");
            }
            case "expired" -> {
                long at = T0 + 24 * 60 * MINUTE;
                decision.put("state", "expired").put("updatedAt", at);
                add(c, "decision.expired", DECISION, DECISION, "system", at, decision.deepCopy(), "decision");
                receipt(c, decision, "deny", at + MINUTE, "decision_state");
            }
            case "revoked" -> {
                approve(c, decision, t);
                grant.put("status", "revoked").put("revokedAt", t + MINUTE).put("revokedBy", "operator:ana")
                        .put("revokeReason", "Agent key rotated");
                add(c, "grant.revoked", GRANT, null, "operator:ana", t + MINUTE, grant, "grant");
                receipt(c, decision, "deny", t + 2 * MINUTE, "grant_valid");
            }
            default -> throw new IllegalArgumentException(ending);
        }
        return c;
    }

    private static void approve(TestChain c, ObjectNode decision, long at) {
        decision.put("state", "approved").put("updatedAt", at);
        ((ArrayNode) decision.get("approvals")).addObject().put("approver", "operator:bo")
                .put("reason", "Fits the spring plan").put("actionDigest", decision.get("actionDigest").asText())
                .put("at", at);
        add(c, "decision.approved", DECISION, DECISION, "operator:bo", at, decision.deepCopy(), "decision");
    }

    private static ObjectNode withReason(ObjectNode decision, String reason) {
        ObjectNode body = decision.deepCopy();
        body.put("reason", reason);
        return body;
    }

    /** An enforcement receipt; {@code failed} names the check that failed (null: all passed). */
    private static void receipt(TestChain c, ObjectNode decision, String outcome, long at, String failed) {
        ObjectNode r = TestChain.JSON.objectNode();
        r.put("id", RECEIPT).put("decisionObjectId", DECISION).put("outcome", outcome);
        ArrayNode checks = r.putArray("checks");
        for (String name : List.of("decision_state", "action_digest", "grant_valid", "contract_binds", "limits",
                "trust_tier", "attestation", "compliance_packs")) {
            boolean passed = !name.equals(failed);
            checks.addObject().put("name", name).put("passed", passed)
                    .put("detail", passed ? "ok" : "failed: " + name.replace('_', ' '));
        }
        r.put("actionDigest", decision.get("actionDigest").asText()).put("at", at).put("actor", AGENT)
                .put("grantId", GRANT).put("contractId", CONTRACT).put("traceId", TRACE);
        r.putObject("attestation").put("provider", "software_local");
        if (outcome.equals("allow")) {
            decision.put("state", "released");
        }
        add(c, "receipt", RECEIPT, DECISION, AGENT, at, r, "decision");
        c.event("governance.enforce." + outcome, "evt_01JGCORPUSENF" + c.seq() + "0000000000000", AGENT, "decision",
                DECISION, DECISION, TRACE, at, c.seq());
    }

    private static void add(TestChain c, String kind, String objectId, String decisionId, String actor, long at,
                            ObjectNode body, String objectType) {
        c.add(kind, objectId, decisionId, decisionId == null ? null : TRACE, actor, at, body);
        if (!kind.equals("receipt")) {
            c.event("governance." + kind, "evt_01JGCORPUSGOV" + c.seq() + "0000000000000", actor, objectType, objectId,
                    decisionId, decisionId == null ? null : TRACE, at, c.seq());
        }
    }

    private static byte[] packet(String name, TestChain chain, KeyPair key) {
        return build(name, chain.contents(evidence()), key);
    }

    static byte[] build(String name, PacketWriter.Contents contents, KeyPair key) {
        return PacketWriter.build(new PacketWriter.Meta("prf_corpus-" + name, "Conformance corpus: " + name, WORKSPACE,
                "operator:ana", T0 + 48 * 60 * MINUTE, T0, T0 + 48 * 60 * MINUTE), contents, key).zip();
    }

    /** The entries of a zip, by name, in order. */
    static Map<String, byte[]> entries(byte[] zip) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (PacketReader.Entry e : PacketReader.read(zip).entries()) {
            entries.put(e.name(), e.bytes());
        }
        return entries;
    }

    /** The zip of these entries in the packet's fixed layout. */
    static byte[] zip(Map<String, byte[]> entries) {
        List<StoredZip.Entry> list = new ArrayList<>();
        entries.forEach((name, bytes) -> list.add(new StoredZip.Entry(name, bytes)));
        return StoredZip.write(list);
    }

    /**
     * The packet with its manifest remade for the entries as they are now (each file's SHA-256
     * and size), edited, and signed again under {@code payloadType} with {@code key}: what someone
     * holding a signing key could make.
     */
    static byte[] resign(Map<String, byte[]> entries, Consumer<ObjectNode> edit, String payloadType, KeyPair key) {
        ObjectNode manifest = ChainRecord.parse(new String(entries.get(PacketFormat.MANIFEST), StandardCharsets.UTF_8));
        for (JsonNode f : manifest.get("files")) {
            byte[] bytes = entries.get(f.get("name").asText());
            ((ObjectNode) f).put("sha256", Hashes.sha256Hex(bytes)).put("size", bytes.length);
        }
        edit.accept(manifest);
        byte[] bytes = CanonicalJson.bytes(manifest);
        entries.put(PacketFormat.MANIFEST, bytes);
        entries.put(PacketFormat.ENVELOPE, Dsse.sign(payloadType, bytes, key).toBytes());
        return zip(entries);
    }

    static byte[] jsonl(List<String> lines) {
        StringBuilder s = new StringBuilder();
        lines.forEach(l -> s.append(l).append('\n'));
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }
}
