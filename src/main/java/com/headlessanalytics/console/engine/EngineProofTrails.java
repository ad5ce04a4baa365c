package com.headlessanalytics.console.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Period;
import com.headlessanalytics.console.api.Proof;
import com.headlessanalytics.console.api.ProofTrails;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.domain.Ids;
import com.headlessanalytics.console.proof.CanonicalJson;
import com.headlessanalytics.console.proof.Hashes;
import com.headlessanalytics.console.proof.PacketFormat;
import com.headlessanalytics.console.proof.PacketWriter;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.net.ssl.SSLContext;

/**
 * Proof trails (PRODUCT.md §5): selects governance records and events, writes {@code .haproof}
 * packets atomically under the data folder's {@code proofs/}, records them, and pushes them to the
 * configured SovereignProof endpoint. What an export selects is written in docs/governance.md
 * "Proof packets".
 */
final class EngineProofTrails {
    /** The {@code gov_setting} name of the push endpoint. */
    static final String PUSH_SETTING = "sovereign_proof_endpoint";
    static final int MAX_ENDPOINT = 2000;
    /** Ids per {@code IN (…)} list. */
    private static final int CHUNK = 500;

    private final Database db;
    private final WorkspaceKeys keys;
    private final Clock clock;
    private final ProofPush pusher;
    private final Path folder;

    /** {@code pushTls} null: pushes trust the JDK's default trust store. */
    EngineProofTrails(Database db, WorkspaceKeys keys, Clock clock, SSLContext pushTls) {
        this.db = db;
        this.keys = keys;
        this.clock = clock;
        this.pusher = new ProofPush(pushTls, clock);
        this.folder = db.folder().resolve("proofs");
    }

    /** One governance record as stored. */
    private record ChainRow(long seq, String kind, String objectId, String decisionId, String record) {
    }

    /** One event: its place in the (timestamp, ingest order) ordering and its stored envelope (null in a preview). */
    private record EventRow(long ts, long seq, String envelope) {
    }

    /** What an export takes: governance records by seq, events in order, evidence lines. */
    private record Selection(TreeMap<Long, ChainRow> records, List<EventRow> events, List<String> evidence) {
        ProofTrails.Counts counts() {
            long receipts = records.values().stream().filter(r -> r.kind().equals("receipt")).count();
            return new ProofTrails.Counts(events.size(), records.size() - receipts, receipts, evidence.size());
        }
    }

    ProofTrails.Counts preview(String workspaceId, ProofTrails.ExportRequest request) {
        ProofTrails.ExportRequest r = checked(request);
        return db.read(c -> snapshot(c, () -> select(c, workspaceId, r, false))).counts();
    }

    ProofTrails.ExportResult export(String workspaceId, String principal, ProofTrails.ExportRequest request) {
        ProofTrails.ExportRequest r = checked(request);
        long now = clock.millis();
        String proofId = Ids.newId("prf", now);
        Selection s = db.read(c -> snapshot(c, () -> select(c, workspaceId, r, true)));
        List<String> events = new ArrayList<>(s.events().size());
        for (EventRow e : s.events()) {
            events.add(CanonicalJson.canonicalize(e.envelope()));
        }
        List<String> decisions = new ArrayList<>();
        List<String> receipts = new ArrayList<>();
        for (ChainRow row : s.records().values()) {
            (row.kind().equals("receipt") ? receipts : decisions).add(row.record());
        }
        PacketWriter.Packet packet = PacketWriter.build(new PacketWriter.Meta(proofId, r.title(), workspaceId,
                principal, now, r.from(), r.to()), new PacketWriter.Contents(events, decisions, receipts, s.evidence()),
                keys.keyPair(workspaceId));
        Path target = folder.resolve(proofId + PacketFormat.EXTENSION);
        try {
            PacketWriter.writeAtomically(target, packet.zip());
        } catch (IOException e) {
            throw new EngineException("Cannot write the proof packet " + target + ": " + e.getMessage(), e);
        }
        ProofTrails.Trail trail = new ProofTrails.Trail(proofId, r.title(), now, principal, packet.counts(),
                packet.merkleRoot(), packet.chainHead(), target.toString(), packet.zip().length, packet.sha256(), null);
        try {
            db.write(c -> insert(c, workspaceId, trail, packet.manifestBytes()));
        } catch (RuntimeException e) {
            deleteQuietly(target);
            throw e;
        }
        ProofTrails.Push push = null;
        if (Boolean.TRUE.equals(r.pushToSovereignProof())) {
            String endpoint = pushEndpoint(workspaceId);
            push = endpoint == null ? pusher.notConfigured()
                    : pusher.push(endpoint, proofId, Hashes.sha256Hex(packet.manifestBytes()), packet.zip());
            String json = ApiJson.write(push);
            db.write(c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE proof_trail SET push = ? WHERE id = ?")) {
                    ps.setString(1, json);
                    ps.setString(2, proofId);
                    return ps.executeUpdate();
                }
            });
        }
        ProofTrails.Trail stored = new ProofTrails.Trail(proofId, r.title(), now, principal, packet.counts(),
                packet.merkleRoot(), packet.chainHead(), target.toString(), packet.zip().length, packet.sha256(), push);
        return new ProofTrails.ExportResult(proofId, stored, packet.manifest(), target.toString(), push,
                new Proof(Ids.newId("q", now), workspaceId, null, new Period(r.from(), r.to()), now,
                        Proof.SCHEMA_VERSION));
    }

    List<ProofTrails.Trail> trails(String workspaceId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, title, created_at, created_by, counts,"
                    + " merkle_root, chain_head, location, bytes, sha256, push FROM proof_trail WHERE workspace_id = ?"
                    + " ORDER BY created_at DESC, id DESC")) {
                ps.setString(1, workspaceId);
                List<ProofTrails.Trail> trails = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String push = rs.getString(11);
                        trails.add(new ProofTrails.Trail(rs.getString(1), rs.getString(2), rs.getLong(3),
                                rs.getString(4), read(rs.getString(5), ProofTrails.Counts.class), rs.getString(6),
                                rs.getString(7), rs.getString(8), rs.getLong(9), rs.getString(10),
                                push == null ? null : read(push, ProofTrails.Push.class)));
                    }
                }
                return trails;
            }
        });
    }

    byte[] packet(String workspaceId, String proofId) {
        String location = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT location FROM proof_trail WHERE workspace_id = ? AND id = ?")) {
                ps.setString(1, workspaceId);
                ps.setString(2, proofId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        if (location == null) {
            throw ApiException.notFound("No proof trail " + proofId);
        }
        try {
            return Files.readAllBytes(Path.of(location));
        } catch (NoSuchFileException e) {
            throw ApiException.notFound("The packet of proof trail " + proofId + " is no longer at " + location);
        } catch (IOException e) {
            throw new EngineException("Cannot read the proof packet " + location + ": " + e.getMessage(), e);
        }
    }

    String pushEndpoint(String workspaceId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT setting FROM gov_setting WHERE workspace_id = ? AND name = ?")) {
                ps.setString(1, workspaceId);
                ps.setString(2, PUSH_SETTING);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    /** Saves an https URL as the push endpoint (400 otherwise); null or blank stops pushing. */
    String savePushEndpoint(String workspaceId, String endpoint) {
        String value = endpoint == null || endpoint.isBlank() ? null : endpoint.strip();
        if (value != null) {
            String problem = endpointProblem(value);
            if (problem != null) {
                throw ApiException.invalid("Invalid SovereignProof endpoint", List.of(
                        new FieldError(null, "endpoint", "invalid_value", problem)));
            }
        }
        db.write(c -> {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM gov_setting WHERE workspace_id = ? AND name = ?")) {
                delete.setString(1, workspaceId);
                delete.setString(2, PUSH_SETTING);
                delete.executeUpdate();
            }
            if (value != null) {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO gov_setting (workspace_id, name, setting) VALUES (?, ?, ?)")) {
                    insert.setString(1, workspaceId);
                    insert.setString(2, PUSH_SETTING);
                    insert.setString(3, value);
                    insert.executeUpdate();
                }
            }
            return null;
        });
        return value;
    }

    static String endpointProblem(String endpoint) {
        if (endpoint.length() > MAX_ENDPOINT) {
            return "must be at most " + MAX_ENDPOINT + " characters";
        }
        try {
            URI uri = new URI(endpoint);
            if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals("https")) {
                return "must be an https URL (packets are pushed over TLS only), e.g. https://proof.example.com/packets";
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                return "must name a host, e.g. https://proof.example.com/packets";
            }
            if (uri.getRawUserInfo() != null) {
                return "must not hold a user name or password";
            }
            return null;
        } catch (URISyntaxException e) {
            return "is not a URL: " + e.getReason();
        }
    }

    private static ProofTrails.ExportRequest checked(ProofTrails.ExportRequest request) {
        if (request == null) {
            throw ApiException.invalid("Invalid proof trail export", List.of(
                    new FieldError(null, "title", "required", "a title of 1-" + ProofTrails.ExportRequest.MAX_TITLE
                            + " characters is required")));
        }
        request.checks().throwIfAny("Invalid proof trail export");
        return request;
    }

    /** Runs the reads of one export in one snapshot, so records and events belong together. */
    private static <T> T snapshot(Connection c, SqlSupplier<T> work) throws SQLException {
        int isolation = c.getTransactionIsolation();
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try {
            return work.get();
        } finally {
            c.rollback();
            c.setTransactionIsolation(isolation);
            c.setAutoCommit(true);
        }
    }

    @FunctionalInterface
    private interface SqlSupplier<T> {
        T get() throws SQLException;
    }

    private Selection select(Connection c, String ws, ProofTrails.ExportRequest r, boolean withEnvelopes)
            throws SQLException {
        TreeMap<Long, ChainRow> records = new TreeMap<>();
        Set<String> receiptIds = set(r.receiptIds());
        Set<String> decisionIds = set(r.decisionObjectIds());
        boolean chosen = !receiptIds.isEmpty() || !decisionIds.isEmpty() || r.traceId() != null;
        List<String> unknown = new ArrayList<>();
        if (!receiptIds.isEmpty()) {
            Set<String> found = new LinkedHashSet<>();
            for (ChainRow row : chainIn(c, ws, "kind = 'receipt' AND object_id IN", receiptIds)) {
                records.put(row.seq(), row);
                found.add(row.objectId());
            }
            receiptIds.stream().filter(id -> !found.contains(id)).forEach(id -> unknown.add("receipt " + id));
        }
        if (!decisionIds.isEmpty()) {
            Set<String> found = new LinkedHashSet<>();
            Set<String> used = new LinkedHashSet<>();
            for (ChainRow row : decisionRows(c, ws, decisionIds)) {
                records.put(row.seq(), row);
                found.add(row.decisionId() != null ? row.decisionId() : row.objectId());
                JsonNode body = json(row.record()).path("body");
                for (String field : new String[] {"grantId", "contractId"}) {
                    if (body.path(field).isTextual()) {
                        used.add(body.get(field).asText());
                    }
                }
            }
            decisionIds.stream().filter(id -> !found.contains(id)).forEach(id -> unknown.add("decision " + id));
            for (ChainRow row : chainIn(c, ws, "(kind LIKE 'grant.%' OR kind LIKE 'contract.%') AND object_id IN",
                    used)) {
                records.put(row.seq(), row);
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiException.notFound("Unknown " + String.join(", ", unknown));
        }
        if (r.traceId() != null || !chosen) {
            StringBuilder sql = new StringBuilder("SELECT seq, kind, object_id, decision_id, record FROM gov_record"
                    + " WHERE workspace_id = ?");
            List<Object> args = new ArrayList<>(List.of(ws));
            if (r.traceId() != null) {
                sql.append(" AND trace_id = ?");
                args.add(r.traceId());
            }
            window(sql, args, "at", r);
            for (ChainRow row : chainRows(c, sql.toString(), args)) {
                records.put(row.seq(), row);
            }
        }

        Set<String> decisions = new LinkedHashSet<>(decisionIds);
        Set<String> objects = new LinkedHashSet<>();
        for (ChainRow row : records.values()) {
            if (row.decisionId() != null) {
                decisions.add(row.decisionId());
            } else if (row.kind().startsWith("decision.")) {
                decisions.add(row.objectId());
            }
            if (row.kind().startsWith("grant.") || row.kind().startsWith("contract.")) {
                objects.add(row.objectId());
            }
        }
        return new Selection(records, events(c, ws, r, decisions, objects, withEnvelopes), evidence(c, ws, r, decisions));
    }

    /**
     * The events of the trace (in the window), or of the window when there is no trace, plus the
     * {@code governance.*} events of the selected decisions, grants and contracts; in (timestamp,
     * ingest order).
     */
    private static List<EventRow> events(Connection c, String ws, ProofTrails.ExportRequest r, Set<String> decisions,
                                         Set<String> objects, boolean withEnvelopes) throws SQLException {
        TreeMap<Long, EventRow> bySeq = new TreeMap<>();
        if (r.traceId() != null || r.from() != null || r.to() != null) {
            StringBuilder sql = new StringBuilder("SELECT seq, ts" + (withEnvelopes ? ", envelope" : "")
                    + " FROM event WHERE workspace_id = ?");
            List<Object> args = new ArrayList<>(List.of(ws));
            if (r.traceId() != null) {
                sql.append(" AND trace_id = ?");
                args.add(r.traceId());
            }
            window(sql, args, "ts", r);
            try (PreparedStatement ps = prepare(c, sql.toString(), args); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    bySeq.put(rs.getLong(1), new EventRow(rs.getLong(2), rs.getLong(1),
                            withEnvelopes ? rs.getString(3) : null));
                }
            }
        }
        if (!decisions.isEmpty() || !objects.isEmpty()) {
            try (PreparedStatement ps = prepare(c, "SELECT seq, ts, envelope FROM event WHERE workspace_id = ?"
                    + " AND event LIKE 'governance.%'", List.of(ws)); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    JsonNode e = json(rs.getString(3));
                    if (decisions.contains(e.path("decisionId").asText(null))
                            || objects.contains(e.path("object").path("id").asText(null))) {
                        bySeq.put(rs.getLong(1), new EventRow(rs.getLong(2), rs.getLong(1), rs.getString(3)));
                    }
                }
            }
        }
        List<EventRow> events = new ArrayList<>(bySeq.values());
        events.sort((a, b) -> a.ts() != b.ts() ? Long.compare(a.ts(), b.ts()) : Long.compare(a.seq(), b.seq()));
        return events;
    }

    /**
     * The export's evidence items, then each selected decision's evidence (from its latest
     * decision record that holds an evidence list), as canonical lines.
     */
    private static List<String> evidence(Connection c, String ws, ProofTrails.ExportRequest r, Set<String> decisions)
            throws SQLException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<String> lines = new ArrayList<>();
        if (r.evidence() != null) {
            for (Map<String, Object> item : r.evidence()) {
                ObjectNode line = f.objectNode();
                line.put("source", "export");
                line.set("evidence", ApiJson.mapper().valueToTree(item));
                lines.add(CanonicalJson.of(line));
            }
        }
        Map<String, JsonNode> latest = new LinkedHashMap<>();
        for (ChainRow row : decisionRows(c, ws, decisions)) {
            JsonNode record = row.kind().startsWith("decision.") ? json(row.record()) : null;
            if (record != null && record.path("body").path("evidence").isArray()) {
                latest.put(row.decisionId() != null ? row.decisionId() : row.objectId(), record);
            }
        }
        for (String id : decisions) {
            JsonNode record = latest.get(id);
            if (record == null) {
                continue;
            }
            for (JsonNode item : record.path("body").path("evidence")) {
                ObjectNode line = f.objectNode();
                line.put("source", "decision");
                line.put("decisionObjectId", id);
                line.set("evidence", item);
                lines.add(CanonicalJson.of(line));
            }
        }
        return lines;
    }

    /** Every record about these decisions (their decision.* records and receipts), in seq order. */
    private static List<ChainRow> decisionRows(Connection c, String ws, Collection<String> ids) throws SQLException {
        TreeMap<Long, ChainRow> rows = new TreeMap<>();
        for (ChainRow row : chainIn(c, ws, "decision_id IN", ids)) {
            rows.put(row.seq(), row);
        }
        for (ChainRow row : chainIn(c, ws, "kind LIKE 'decision.%' AND object_id IN", ids)) {
            rows.put(row.seq(), row);
        }
        return new ArrayList<>(rows.values());
    }

    /** Records WHERE {@code condition} (ending in "column IN") holds for some of {@code ids}. */
    private static List<ChainRow> chainIn(Connection c, String ws, String condition, Collection<String> ids)
            throws SQLException {
        List<ChainRow> rows = new ArrayList<>();
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            List<Object> args = new ArrayList<>(List.of(ws));
            args.addAll(chunk);
            rows.addAll(chainRows(c, "SELECT seq, kind, object_id, decision_id, record FROM gov_record WHERE"
                    + " workspace_id = ? AND " + condition + " (" + "?, ".repeat(chunk.size() - 1) + "?)", args));
        }
        return rows;
    }

    private static List<ChainRow> chainRows(Connection c, String sql, List<Object> args) throws SQLException {
        List<ChainRow> rows = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new ChainRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)));
            }
        }
        return rows;
    }

    private static void window(StringBuilder sql, List<Object> args, String column, ProofTrails.ExportRequest r) {
        if (r.from() != null) {
            sql.append(" AND ").append(column).append(" >= ?");
            args.add(r.from());
        }
        if (r.to() != null) {
            sql.append(" AND ").append(column).append(" <= ?");
            args.add(r.to());
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, List<Object> args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) instanceof Long l) {
                ps.setLong(i + 1, l);
            } else {
                ps.setString(i + 1, (String) args.get(i));
            }
        }
        return ps;
    }

    private static Object insert(Connection c, String ws, ProofTrails.Trail t, byte[] manifest) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO proof_trail (workspace_id, id, title, created_at,"
                + " created_by, location, bytes, sha256, merkle_root, chain_head, counts, manifest)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, ws);
            ps.setString(2, t.proofId());
            ps.setString(3, t.title());
            ps.setLong(4, t.createdAt());
            ps.setString(5, t.createdBy());
            ps.setString(6, t.location());
            ps.setLong(7, t.bytes());
            ps.setString(8, t.sha256());
            ps.setString(9, t.merkleRoot());
            ps.setString(10, t.chainHead());
            ps.setString(11, ApiJson.write(t.counts()));
            ps.setString(12, new String(manifest, StandardCharsets.UTF_8));
            return ps.executeUpdate();
        }
    }

    private static Set<String> set(List<String> ids) {
        return ids == null ? new LinkedHashSet<>() : new LinkedHashSet<>(ids);
    }

    private static JsonNode json(String text) {
        try {
            return ApiJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new EngineException("A stored record is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return ApiJson.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new EngineException("A stored proof trail is not readable: " + e.getOriginalMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the export failed already; that error is the one to report
        }
    }
}
