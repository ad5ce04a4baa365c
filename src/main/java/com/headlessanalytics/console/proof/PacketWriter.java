package com.headlessanalytics.console.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.ProofTrails;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Makes a {@code .haproof} packet (docs/governance.md "Proof packets") from the lines of its four
 * record files: the files, the Merkle root over their lines, the manifest, its DSSE envelope
 * signed with the workspace key, and the zip in its fixed layout. The same input gives the same
 * bytes.
 */
public final class PacketWriter {
    private PacketWriter() {
    }

    /** What the packet says about itself; {@code from}/{@code to} are the export's window (null = open). */
    public record Meta(String proofId, String title, String workspaceId, String createdBy, long createdAt, Long from,
                       Long to) {
    }

    /**
     * The lines of the record files, each one canonical JSON object without its newline:
     * governance records (decisions) and receipts in seq order, as stored.
     */
    public record Contents(List<String> events, List<String> decisions, List<String> receipts, List<String> evidence) {
        public ProofTrails.Counts counts() {
            return new ProofTrails.Counts(events.size(), decisions.size(), receipts.size(), evidence.size());
        }
    }

    /** A packet made: its zip, its manifest (bytes and tree), and the figures the trail row keeps. */
    public record Packet(byte[] zip, byte[] manifestBytes, ObjectNode manifest, ProofTrails.Counts counts,
                         String merkleRoot, String chainHead, String sha256) {
    }

    /**
     * @throws IllegalArgumentException when a line holds a line break or a governance record is not
     *                                  a JSON object with seq and recordHash
     */
    public static Packet build(Meta meta, Contents contents, KeyPair key) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        Merkle.Builder merkle = new Merkle.Builder();
        files.put(PacketFormat.EVENTS, lines(PacketFormat.EVENTS, contents.events(), merkle));
        files.put(PacketFormat.DECISIONS, lines(PacketFormat.DECISIONS, contents.decisions(), merkle));
        files.put(PacketFormat.RECEIPTS, lines(PacketFormat.RECEIPTS, contents.receipts(), merkle));
        files.put(PacketFormat.EVIDENCE, lines(PacketFormat.EVIDENCE, contents.evidence(), merkle));
        List<JsonNode> decisions = parse(contents.decisions());
        List<JsonNode> receipts = parse(contents.receipts());
        JsonNode head = null;
        for (JsonNode r : concat(decisions, receipts)) {
            if (!r.path("seq").canConvertToLong() || !r.path("recordHash").isTextual()) {
                throw new IllegalArgumentException("A governance record has no seq or recordHash");
            }
            if (head == null || r.get("seq").asLong() > head.get("seq").asLong()) {
                head = r;
            }
        }
        String keyId = Ed25519.fingerprint(key.getPublic());
        files.put(PacketFormat.PUBLIC_KEY, Ed25519.publicPem(key.getPublic()).getBytes(StandardCharsets.US_ASCII));
        files.put(PacketFormat.COMPLIANCE, CanonicalJson.bytes(ComplianceMap.of(contents.events(), decisions, receipts,
                contents.evidence())));
        files.put(PacketFormat.VERIFY, VerifyGuide.markdown(meta.proofId(), meta.title(), keyId, meta.createdAt())
                .getBytes(StandardCharsets.UTF_8));

        ProofTrails.Counts counts = contents.counts();
        String root = Hashes.hex(merkle.root());
        ObjectNode manifest = JsonNodeFactory.instance.objectNode();
        manifest.put("schemaVersion", PacketFormat.SCHEMA_VERSION);
        manifest.put("proofId", meta.proofId());
        manifest.put("title", meta.title());
        manifest.put("workspaceId", meta.workspaceId());
        manifest.put("createdAt", meta.createdAt());
        manifest.put("createdBy", meta.createdBy());
        ObjectNode window = manifest.putObject("window");
        window.put("from", meta.from());
        window.put("to", meta.to());
        ObjectNode signer = manifest.putObject("signer");
        signer.put("keyId", keyId);
        signer.put("algorithm", PacketFormat.ALGORITHM);
        ObjectNode c = manifest.putObject("counts");
        c.put("events", counts.events());
        c.put("decisions", counts.decisions());
        c.put("receipts", counts.receipts());
        c.put("evidence", counts.evidence());
        if (head == null) {
            manifest.putNull("chainHead");
        } else {
            ObjectNode h = manifest.putObject("chainHead");
            h.put("seq", head.get("seq").asLong());
            h.put("recordHash", head.get("recordHash").asText());
        }
        ObjectNode m = manifest.putObject("merkle");
        m.put("algorithm", PacketFormat.MERKLE_ALGORITHM);
        m.put("leaves", "every line of " + String.join(", ", PacketFormat.RECORD_FILES)
                + " in that order, without its newline");
        m.put("treeSize", merkle.size());
        m.put("root", root);
        ArrayNode list = manifest.putArray("files");
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            ObjectNode file = list.addObject();
            file.put("name", f.getKey());
            file.put("sha256", Hashes.sha256Hex(f.getValue()));
            file.put("size", f.getValue().length);
        }
        byte[] manifestBytes = CanonicalJson.bytes(manifest);
        files.put(PacketFormat.MANIFEST, manifestBytes);
        files.put(PacketFormat.ENVELOPE, Dsse.sign(PacketFormat.PAYLOAD_TYPE, manifestBytes, key).toBytes());

        List<StoredZip.Entry> entries = new ArrayList<>();
        for (String name : PacketFormat.ENTRIES) {
            entries.add(new StoredZip.Entry(name, files.get(name)));
        }
        byte[] zip = StoredZip.write(entries);
        return new Packet(zip, manifestBytes, ChainRecord.parse(new String(manifestBytes, StandardCharsets.UTF_8)), counts, root,
                head == null ? null : head.get("recordHash").asText(), Hashes.sha256Hex(zip));
    }

    /**
     * Writes {@code bytes} to {@code target} atomically: into a temporary file in the same folder,
     * forced to disk, then moved over the target in one step. On failure nothing is left behind.
     */
    public static void writeAtomically(Path target, byte[] bytes) throws IOException {
        writeAtomically(target, bytes, UnaryOperator.identity());
    }

    /** As {@link #writeAtomically(Path, byte[])}, writing through {@code wrap} (tests inject failures). */
    static void writeAtomically(Path target, byte[] bytes, UnaryOperator<OutputStream> wrap) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, "." + target.getFileName(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = wrap.apply(Channels.newOutputStream(channel))) {
                out.write(bytes);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    private static byte[] lines(String file, List<String> lines, Merkle.Builder merkle) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : lines) {
            if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
                throw new IllegalArgumentException(file + ": a line holds a line break");
            }
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            merkle.add(bytes);
            out.writeBytes(bytes);
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static List<JsonNode> parse(List<String> lines) {
        List<JsonNode> nodes = new ArrayList<>(lines.size());
        for (String line : lines) {
            nodes.add(ChainRecord.parse(line));
        }
        return nodes;
    }

    private static List<JsonNode> concat(List<JsonNode> a, List<JsonNode> b) {
        List<JsonNode> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
