package com.headlessanalytics.console.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.ApiJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a {@code .haproof} packet (docs/governance.md "The auditor's steps"). It reads only what
 * it has verified: first the DSSE signature over the PAE with the trusted key, then the payload
 * type, and only then the manifest, which says what every other byte must be. Any change gives
 * INVALID; a check that cannot run (not a zip, no manifest, no key, an unknown payload type or
 * schema version) gives INDETERMINATE; VALID otherwise. The first reason says where, plainly.
 */
public final class PacketVerifier {
    /**
     * Key ids of the published TEST-ONLY keys of the conformance corpus (test resources
     * proof-corpus/): their private keys are public, so a packet that carries one as its own key
     * proves nothing unless that key is given as the trusted one.
     */
    public static final Set<String> TEST_KEY_IDS = Set.of(
            "41608ecde1ae766b75122945d50be1f58dd91a3b9ceeaadadea97f615e118ca7",
            "8c1efd623178cb1d2c3491d29a97a21ecf2cad763a091702b5ee9b70a0475236");
    private static final int MAX_PROBLEMS = 50;

    private PacketVerifier() {
    }

    /** The three outcomes and the exit code {@code verify} gives each. */
    public enum Outcome {
        VALID(0), INVALID(1), INDETERMINATE(2);

        private final int exitCode;

        Outcome(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    /** Where the key came from: given as trusted, or the packet's own public-key.pem. */
    public enum KeySource { TRUSTED, PACKET }

    /**
     * The verdict. {@code reason} is the first problem (or, when valid, what was checked);
     * {@code problems} all that were found (at most 50); {@code keyNote} says, when the packet's own
     * key was used, to compare its fingerprint out of band; {@code manifest} is set only once its
     * signature verified.
     */
    public record Result(Outcome outcome, String reason, List<String> problems, String keyId, KeySource keySource,
                         String keyNote, ObjectNode manifest) {
    }

    /** Verifies with {@code trusted}, or, when null, with the packet's own public-key.pem. */
    public static Result verify(byte[] zip, PublicKey trusted) {
        try {
            return new Run(trusted).verify(zip);
        } catch (Stop stop) {
            return stop.result;
        }
    }

    private static final class Stop extends RuntimeException {
        private final transient Result result;

        Stop(Result result) {
            super(result.reason(), null, false, false);
            this.result = result;
        }
    }

    /** One line of a record file. */
    private record Line(String file, int number, int from, int to) {
        String where() {
            return file + " line " + number;
        }
    }

    /** One governance record's place: what the order and link checks need. */
    private record Placed(Line line, long seq, String recordHash, String prevHash) {
    }

    private static final class Run {
        private final PublicKey trusted;
        private final List<String> problems = new ArrayList<>();
        private PublicKey key;
        private String keyId;
        private KeySource source;
        private ObjectNode manifest;

        Run(PublicKey trusted) {
            this.trusted = trusted;
        }

        Result verify(byte[] zip) {
            PacketReader.Read read = PacketReader.read(zip);
            switch (read.status()) {
                case NOT_A_ZIP -> throw stop(Outcome.INDETERMINATE, "not a zip file: a .haproof packet is a zip");
                case TOO_LARGE -> throw stop(Outcome.INDETERMINATE, read.problem());
                case DAMAGED -> throw stop(Outcome.INVALID, "the zip is damaged: " + read.problem());
                case READ -> {
                }
            }
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (PacketReader.Entry e : read.entries()) {
                if (files.put(e.name(), e.bytes()) != null) {
                    throw stop(Outcome.INVALID, "the zip holds " + e.name() + " more than once");
                }
            }
            byte[] envelopeBytes = files.get(PacketFormat.ENVELOPE);
            if (envelopeBytes == null) {
                throw stop(Outcome.INDETERMINATE, "no " + PacketFormat.ENVELOPE + ": this is not a proof packet, or its"
                        + " signed manifest was removed");
            }
            if (files.get(PacketFormat.MANIFEST) == null) {
                throw stop(Outcome.INDETERMINATE, "no " + PacketFormat.MANIFEST + ": this is not a proof packet, or its"
                        + " manifest was removed");
            }
            chooseKey(files.get(PacketFormat.PUBLIC_KEY));
            byte[] manifestBytes = verifiedManifest(envelopeBytes, files.get(PacketFormat.MANIFEST));
            readManifest(manifestBytes);
            checkOwnKey(files.get(PacketFormat.PUBLIC_KEY));
            checkFiles(files);
            if (read.layoutProblem() != null) {
                problem("the zip container was changed: " + read.layoutProblem());
            }
            if (!problems.isEmpty()) {
                return result(Outcome.INVALID, problems.get(0));
            }
            JsonNode counts = manifest.get("counts");
            JsonNode head = manifest.get("chainHead");
            return result(Outcome.VALID, "every check passed: " + manifest.path("merkle").path("treeSize").asLong()
                    + " records (events " + counts.path("events").asLong() + ", decisions "
                    + counts.path("decisions").asLong() + ", receipts " + counts.path("receipts").asLong()
                    + ", evidence " + counts.path("evidence").asLong() + "), Merkle root "
                    + manifest.path("merkle").path("root").asText() + ", chain head "
                    + (head == null || head.isNull() ? "none" : "seq " + head.path("seq").asLong()) + ", signed by key "
                    + keyId);
        }

        private void chooseKey(byte[] pem) {
            if (trusted != null) {
                key = trusted;
                source = KeySource.TRUSTED;
            } else {
                if (pem == null) {
                    throw stop(Outcome.INDETERMINATE, "no key to check with: the packet has no " + PacketFormat.PUBLIC_KEY
                            + " and no trusted key was given (--key)");
                }
                try {
                    key = Ed25519.publicFromPem(new String(pem, StandardCharsets.US_ASCII));
                } catch (IllegalArgumentException e) {
                    throw stop(Outcome.INVALID, PacketFormat.PUBLIC_KEY + " is not an Ed25519 public key: it was damaged");
                }
                source = KeySource.PACKET;
            }
            keyId = Ed25519.fingerprint(key);
            if (source == KeySource.PACKET && TEST_KEY_IDS.contains(keyId)) {
                throw stop(Outcome.INDETERMINATE, "the packet is signed with the published TEST-ONLY key " + keyId
                        + " of the conformance corpus, whose private key anyone can read; give that key with --key to"
                        + " check the packet anyway");
            }
        }

        /** The DSSE rule: the signature over the PAE first, then the payload type, then the payload. */
        private byte[] verifiedManifest(byte[] envelopeBytes, byte[] manifestFile) {
            Dsse.Envelope envelope;
            try {
                envelope = Dsse.parse(envelopeBytes);
            } catch (IllegalArgumentException e) {
                throw stop(Outcome.INVALID, PacketFormat.ENVELOPE + " is not a DSSE envelope: " + e.getMessage());
            }
            if (envelope.signatures().size() != 1) {
                throw stop(Outcome.INVALID, PacketFormat.ENVELOPE + " holds " + envelope.signatures().size()
                        + " signatures; a packet is signed once");
            }
            Dsse.Signature signature = envelope.signatures().get(0);
            if (!Dsse.verifies(envelope, signature, key)) {
                if (signature.keyid() != null && !signature.keyid().equals(keyId)) {
                    throw stop(Outcome.INVALID, "the manifest is signed by another key: its signature names key "
                            + signature.keyid() + " and does not verify with the " + keyName() + " " + keyId);
                }
                throw stop(Outcome.INVALID, "the manifest's signature does not verify with the " + keyName() + " "
                        + keyId + ": " + PacketFormat.ENVELOPE + " was changed");
            }
            if (!keyId.equals(signature.keyid())) {
                throw stop(Outcome.INVALID, PacketFormat.ENVELOPE + " names key " + signature.keyid()
                        + " for a signature made by key " + keyId);
            }
            if (!Dsse.isCanonicalBase64(envelope.payload()) || !Dsse.isCanonicalBase64(signature.sig())) {
                throw stop(Outcome.INVALID, PacketFormat.ENVELOPE + " was changed: its base64 is not in its one"
                        + " spelling");
            }
            if (!PacketFormat.PAYLOAD_TYPE.equals(envelope.payloadType())) {
                throw stop(Outcome.INDETERMINATE, "unsupported payloadType " + envelope.payloadType() + " (this"
                        + " verifier knows " + PacketFormat.PAYLOAD_TYPE + ")");
            }
            if (!Arrays.equals(envelopeBytes, new Dsse.Envelope(envelope.payloadType(), envelope.payload(),
                    envelope.signatures()).toBytes())) {
                throw stop(Outcome.INVALID, PacketFormat.ENVELOPE + " was changed outside what its signature covers");
            }
            byte[] payload = Dsse.decodeBase64(envelope.payload());
            if (!Arrays.equals(payload, manifestFile)) {
                throw stop(Outcome.INVALID, PacketFormat.MANIFEST + " is not the signed manifest: it differs from the"
                        + " payload of " + PacketFormat.ENVELOPE);
            }
            return payload;
        }

        private void readManifest(byte[] bytes) {
            try {
                JsonNode node = ApiJson.mapper().readTree(bytes);
                if (!(node instanceof ObjectNode object)) {
                    throw stop(Outcome.INVALID, "the signed manifest is not a JSON object");
                }
                manifest = object;
            } catch (IOException e) {
                throw stop(Outcome.INVALID, "the signed manifest is not JSON: " + e.getMessage());
            }
            JsonNode version = manifest.get("schemaVersion");
            if (version == null || !PacketFormat.SCHEMA_VERSION.equals(version.asText(null))) {
                throw stop(Outcome.INDETERMINATE, "unsupported schemaVersion " + version + " (this verifier knows "
                        + PacketFormat.SCHEMA_VERSION + ")");
            }
            if (!canonical(bytes, 0, bytes.length)) {
                throw stop(Outcome.INVALID, "the signed manifest is not RFC 8785 canonical JSON");
            }
            String signer = manifest.path("signer").path("keyId").asText("");
            if (!signer.equals(keyId)) {
                throw stop(Outcome.INVALID, "the manifest names signer key " + signer + " but key " + keyId
                        + " signed it");
            }
            if (!PacketFormat.ALGORITHM.equals(manifest.path("signer").path("algorithm").asText(""))) {
                throw stop(Outcome.INVALID, "the manifest names signing algorithm "
                        + manifest.path("signer").path("algorithm") + ", not " + PacketFormat.ALGORITHM);
            }
            for (String field : new String[] {"events", "decisions", "receipts", "evidence"}) {
                if (!manifest.path("counts").path(field).canConvertToLong()) {
                    throw stop(Outcome.INVALID, "the signed manifest has no counts." + field);
                }
            }
            if (!manifest.path("merkle").path("treeSize").canConvertToLong()
                    || !manifest.path("merkle").path("root").isTextual()
                    || !PacketFormat.MERKLE_ALGORITHM.equals(manifest.path("merkle").path("algorithm").asText(""))) {
                throw stop(Outcome.INVALID, "the signed manifest has no " + PacketFormat.MERKLE_ALGORITHM
                        + " Merkle root and tree size");
            }
            List<String> listed = new ArrayList<>();
            for (JsonNode f : manifest.path("files")) {
                if (!f.path("name").isTextual() || !f.path("sha256").isTextual() || !f.path("size").canConvertToLong()) {
                    throw stop(Outcome.INVALID, "the signed manifest lists a file without name, sha256 and size");
                }
                listed.add(f.get("name").asText());
            }
            if (!listed.equals(PacketFormat.LISTED_FILES)) {
                throw stop(Outcome.INVALID, "the signed manifest lists " + listed + ", not the files of a packet "
                        + PacketFormat.LISTED_FILES);
            }
        }

        /** With a trusted key, the packet's own public-key.pem must be that key. */
        private void checkOwnKey(byte[] pem) {
            if (source != KeySource.TRUSTED || pem == null) {
                return;
            }
            String own;
            try {
                own = Ed25519.fingerprint(Ed25519.publicFromPem(new String(pem, StandardCharsets.US_ASCII)));
            } catch (IllegalArgumentException e) {
                own = null;
            }
            if (own == null) {
                problem(PacketFormat.PUBLIC_KEY + " is not an Ed25519 public key: it was damaged");
            } else if (!own.equals(keyId)) {
                problem(PacketFormat.PUBLIC_KEY + " is key " + own + ", not the trusted key " + keyId
                        + ": the packet carries a foreign key");
            }
        }

        private void checkFiles(Map<String, byte[]> files) {
            List<String> expected = new ArrayList<>(PacketFormat.LISTED_FILES);
            expected.add(PacketFormat.MANIFEST);
            expected.add(PacketFormat.ENVELOPE);
            for (String name : expected) {
                if (!files.containsKey(name)) {
                    problem(name + " is missing from the zip");
                }
            }
            for (String name : files.keySet()) {
                if (!expected.contains(name)) {
                    problem("the zip holds " + name + ", which the signed manifest does not list");
                }
            }
            Set<String> changed = new HashSet<>();
            Map<String, String> hashProblems = new LinkedHashMap<>();
            for (JsonNode f : manifest.get("files")) {
                String name = f.get("name").asText();
                byte[] bytes = files.get(name);
                if (bytes == null) {
                    changed.add(name);
                    continue;
                }
                String sha = Hashes.sha256Hex(bytes);
                if (!sha.equals(f.get("sha256").asText()) || bytes.length != f.get("size").asLong()) {
                    changed.add(name);
                    hashProblems.put(name, name + " differs from the signed manifest (" + bytes.length
                            + " bytes with SHA-256 " + sha + "; the manifest says " + f.get("size").asLong()
                            + " bytes with SHA-256 " + f.get("sha256").asText() + ")");
                }
            }
            Merkle.Builder merkle = new Merkle.Builder();
            List<Placed> chain = new ArrayList<>();
            for (String file : PacketFormat.RECORD_FILES) {
                byte[] bytes = files.get(file);
                if (bytes == null) {
                    continue;
                }
                List<Line> lines = lines(file, bytes);
                for (Line l : lines) {
                    merkle.add(bytes, l.from(), l.to() - l.from());
                    checkLine(bytes, l, chain);
                }
                if (hashProblems.containsKey(file)) {
                    problem(hashProblems.remove(file));
                } else if (!changed.contains(file)) {
                    long count = manifest.get("counts").get(file.substring(0, file.indexOf('.'))).asLong();
                    if (count != lines.size()) {
                        problem(file + " holds " + lines.size() + " records; the signed manifest counts " + count);
                    }
                }
            }
            hashProblems.values().forEach(this::problem);
            checkOrder(chain, !changed.contains(PacketFormat.DECISIONS) && !changed.contains(PacketFormat.RECEIPTS));
            if (changed.stream().noneMatch(PacketFormat.RECORD_FILES::contains)) {
                String root = Hashes.hex(merkle.root());
                long size = manifest.get("merkle").get("treeSize").asLong();
                if (merkle.size() != size || !root.equals(manifest.get("merkle").get("root").asText())) {
                    problem("the Merkle root over the records is " + root + " (" + merkle.size() + " leaves); the"
                            + " signed manifest says " + manifest.get("merkle").get("root").asText() + " (" + size
                            + " leaves)");
                }
            }
        }

        private List<Line> lines(String file, byte[] bytes) {
            List<Line> lines = new ArrayList<>();
            int from = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    lines.add(new Line(file, lines.size() + 1, from, i));
                    from = i + 1;
                }
            }
            if (from < bytes.length) {
                problem(file + " line " + (lines.size() + 1) + ": the last line has no newline (the file was cut)");
                lines.add(new Line(file, lines.size() + 1, from, bytes.length));
            }
            return lines;
        }

        private void checkLine(byte[] bytes, Line line, List<Placed> chain) {
            if (line.to() == line.from() || bytes[line.from()] != '{') {
                problem(line.where() + ": not a JSON object");
                return;
            }
            if (!canonical(bytes, line.from(), line.to())) {
                problem(line.where() + ": not RFC 8785 canonical JSON (the line was changed)");
                return;
            }
            boolean receipts = line.file().equals(PacketFormat.RECEIPTS);
            if (!receipts && !line.file().equals(PacketFormat.DECISIONS)) {
                return;
            }
            JsonNode record;
            try {
                record = ApiJson.mapper().readTree(bytes, line.from(), line.to() - line.from());
            } catch (IOException e) {
                problem(line.where() + ": not JSON");
                return;
            }
            String problem = ChainRecord.problem(record, key);
            if (problem != null) {
                problem(line.where() + ": " + problem);
                return;
            }
            String kind = record.path("kind").asText("");
            if (receipts != kind.equals("receipt")) {
                problem(line.where() + ": a " + (kind.isEmpty() ? "record without a kind" : kind + " record") + " does"
                        + " not belong in " + line.file());
            }
            String workspace = manifest.path("workspaceId").asText("");
            if (!workspace.equals(record.path("workspaceId").asText(""))) {
                problem(line.where() + ": a record of workspace " + record.path("workspaceId").asText("(none)")
                        + ", not of the packet's workspace " + workspace);
            }
            chain.add(new Placed(line, record.get("seq").asLong(), record.get("recordHash").asText(),
                    record.get("prevHash").asText()));
        }

        /** seq rises strictly in each file; prevHash links wherever seqs are consecutive; the chain head. */
        private void checkOrder(List<Placed> chain, boolean checkHead) {
            Placed before = null;
            for (Placed p : chain) {
                if (before != null && before.line().file().equals(p.line().file()) && p.seq() <= before.seq()) {
                    problem(p.line().where() + ": " + (p.seq() == before.seq()
                            ? "record seq " + p.seq() + " again (a duplicated record)"
                            : "record seq " + p.seq() + " after seq " + before.seq() + " (records reordered)"));
                }
                before = p;
            }
            List<Placed> bySeq = new ArrayList<>(chain);
            bySeq.sort(Comparator.comparingLong(Placed::seq));
            for (int i = 1; i < bySeq.size(); i++) {
                Placed prev = bySeq.get(i - 1);
                Placed p = bySeq.get(i);
                if (p.seq() == prev.seq() && !p.line().file().equals(prev.line().file())) {
                    problem(p.line().where() + ": record seq " + p.seq() + " is also " + prev.line().where());
                } else if (p.seq() == prev.seq() + 1 && !p.prevHash().equals(prev.recordHash())) {
                    problem(p.line().where() + ": record " + p.seq() + "'s prevHash is not the recordHash of record "
                            + prev.seq() + " (" + prev.line().where() + "): the chain is broken");
                }
            }
            if (!checkHead) {
                return;
            }
            JsonNode head = manifest.get("chainHead");
            Placed last = bySeq.isEmpty() ? null : bySeq.get(bySeq.size() - 1);
            if (last == null ? head != null && !head.isNull()
                    : head == null || head.path("seq").asLong(-1) != last.seq()
                            || !last.recordHash().equals(head.path("recordHash").asText())) {
                problem("the signed manifest's chain head " + (head == null || head.isNull() ? "(none)"
                        : "seq " + head.path("seq").asText()) + " is not the packet's last record "
                        + (last == null ? "(none)" : "seq " + last.seq()));
            }
        }

        private void problem(String text) {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(text);
            }
        }

        private String keyName() {
            return source == KeySource.TRUSTED ? "trusted key" : "packet's own key";
        }

        private Stop stop(Outcome outcome, String reason) {
            return new Stop(result(outcome, reason));
        }

        private Result result(Outcome outcome, String reason) {
            List<String> all = outcome == Outcome.VALID ? List.of() : problems.isEmpty() ? List.of(reason)
                    : List.copyOf(problems);
            String note = source == KeySource.PACKET ? "Checked with the packet's own " + PacketFormat.PUBLIC_KEY
                    + " (key " + keyId + "). That proves the packet is intact, not who made it: compare this"
                    + " fingerprint with the workspace's key obtained another way (its owner, the console's"
                    + " Governance settings, GET /api/governance/public-key), or verify with --key." : null;
            return new Result(outcome, reason, all, keyId, source, note, outcome == Outcome.INDETERMINATE ? null
                    : manifest);
        }
    }

    /** True when the bytes in [from, to) are exactly their RFC 8785 canonical form. */
    static boolean canonical(byte[] bytes, int from, int to) {
        String text = new String(bytes, from, to - from, StandardCharsets.UTF_8);
        try {
            byte[] canonical = CanonicalJson.canonicalize(text).getBytes(StandardCharsets.UTF_8);
            return Arrays.equals(canonical, 0, canonical.length, bytes, from, to);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
