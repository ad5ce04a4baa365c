package com.headlessanalytics.console.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.proof.CanonicalJson;
import com.headlessanalytics.console.proof.ChainRecord;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hash chain of a workspace's governance records in {@code gov_record} (docs/governance.md):
 * appended inside the transaction of the transition it records, read back and verified link by
 * link. Rows are only ever inserted, and only by the writer thread.
 */
final class GovernanceChain {
    /** What one record is about; {@code body} is the object after the transition. */
    record Entry(String kind, String objectId, String decisionObjectId, String traceId, String actor, long at,
                 JsonNode body) {
    }

    /** The verified prefix of a workspace's chain: its last seq and recordHash. */
    private record Verified(long seq, String hash) {
    }

    private final WorkspaceKeys keys;
    /**
     * Per workspace, how far the chain has been verified in this process. The database file is held
     * open (and locked) by this process and rows are never updated, so a verified prefix stays so;
     * on the next open the whole chain is walked again.
     */
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    GovernanceChain(WorkspaceKeys keys) {
        this.keys = keys;
    }

    /** The newest record of a chain: its seq (0 when there is none) and recordHash. */
    record Head(long seq, String hash) {
        static final Head EMPTY = new Head(0, ChainRecord.GENESIS);
    }

    /** The newest record of the workspace's chain, read in the transaction that appends after it. */
    Head head(Connection c, String workspaceId) throws SQLException {
        // ordered as the primary key, so H2 reads one index entry instead of sorting the chain
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, record_hash FROM gov_record WHERE workspace_id = ?"
                + " ORDER BY workspace_id DESC, seq DESC LIMIT 1")) {
            ps.setString(1, workspaceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Head(rs.getLong(1), rs.getString(2)) : Head.EMPTY;
            }
        }
    }

    /** Seals the record after {@code head} and inserts it; returns the sealed record (its head is the new head). */
    ObjectNode append(Connection c, String workspaceId, Head head, Entry entry) throws SQLException {
        long seq = head.seq();
        String prevHash = head.hash();
        ObjectNode fields = ApiJson.mapper().createObjectNode();
        fields.put("kind", entry.kind());
        fields.put("workspaceId", workspaceId);
        fields.put("objectId", entry.objectId());
        if (entry.decisionObjectId() != null) {
            fields.put("decisionObjectId", entry.decisionObjectId());
        }
        if (entry.traceId() != null) {
            fields.put("traceId", entry.traceId());
        }
        fields.put("actor", entry.actor());
        fields.put("at", entry.at());
        fields.set("body", entry.body());
        KeyPair key = keys.keyPair(workspaceId);
        ObjectNode record = ChainRecord.seal(fields, seq + 1, prevHash, key);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO gov_record (workspace_id, seq, kind, object_id,"
                + " decision_id, trace_id, at, record_hash, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, workspaceId);
            ps.setLong(2, seq + 1);
            ps.setString(3, entry.kind());
            ps.setString(4, entry.objectId());
            nullable(ps, 5, entry.decisionObjectId());
            nullable(ps, 6, entry.traceId());
            ps.setLong(7, entry.at());
            ps.setString(8, record.get("recordHash").asText());
            ps.setString(9, CanonicalJson.of(record));
            ps.executeUpdate();
        }
        return record;
    }

    /**
     * Walks the chain from its first record (or from the prefix verified before): seq 1, 2, 3… with
     * no gap, each {@code prevHash} the {@code recordHash} before it, each record's hash, key id and
     * signature sound ({@link ChainRecord#problem}) and its columns matching its content.
     */
    Governance.ChainStatus status(Database db, String workspaceId) {
        java.security.PublicKey key = keys.keyPair(workspaceId).getPublic();
        return db.read(c -> {
            Verified from = verified.get(workspaceId);
            if (from != null && !stillThere(c, workspaceId, from)) {
                from = null;
            }
            long seq = from == null ? 0 : from.seq();
            String prev = from == null ? ChainRecord.GENESIS : from.hash();
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, kind, record_hash, record FROM gov_record"
                    + " WHERE workspace_id = ? AND seq > ? ORDER BY seq")) {
                ps.setString(1, workspaceId);
                ps.setLong(2, seq);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String problem = problem(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                seq + 1, prev, key, workspaceId);
                        if (problem != null) {
                            return broken(c, workspaceId, problem);
                        }
                        seq++;
                        prev = rs.getString(3);
                    }
                }
            }
            if (seq > 0) {
                verified.put(workspaceId, new Verified(seq, prev));
            }
            return new Governance.ChainStatus(seq, seq == 0 ? null : prev, true, null);
        });
    }

    private static String problem(long seq, String kind, String hash, String text, long expectedSeq, String prev,
                                  java.security.PublicKey key, String workspaceId) {
        if (seq != expectedSeq) {
            return "record " + expectedSeq + " is missing (the next one is " + seq + ")";
        }
        ObjectNode record;
        try {
            record = ChainRecord.parse(text);
        } catch (IllegalArgumentException e) {
            return "record " + seq + ": " + e.getMessage();
        }
        String problem = ChainRecord.problem(record, key);
        if (problem != null) {
            return problem;
        }
        if (record.path("seq").asLong() != seq || !hash.equals(record.path("recordHash").asText())
                || !kind.equals(record.path("kind").asText())
                || !workspaceId.equals(record.path("workspaceId").asText())) {
            return "record " + seq + ": its columns do not match its content";
        }
        if (!prev.equals(record.path("prevHash").asText())) {
            return "record " + seq + ": prevHash does not match the recordHash of record " + (seq - 1);
        }
        return null;
    }

    private static boolean stillThere(Connection c, String workspaceId, Verified v) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT record_hash FROM gov_record WHERE workspace_id = ?"
                + " AND seq = ?")) {
            ps.setString(1, workspaceId);
            ps.setLong(2, v.seq());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && v.hash().equals(rs.getString(1));
            }
        }
    }

    /** A broken chain: how many records it holds, its newest recordHash, and the first problem found. */
    private static Governance.ChainStatus broken(Connection c, String workspaceId, String problem)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), (SELECT record_hash FROM gov_record"
                + " WHERE workspace_id = ? ORDER BY workspace_id DESC, seq DESC LIMIT 1) FROM gov_record"
                + " WHERE workspace_id = ?")) {
            ps.setString(1, workspaceId);
            ps.setString(2, workspaceId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Governance.ChainStatus(rs.getLong(1), rs.getString(2), false, problem);
            }
        }
    }

    private static void nullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}
