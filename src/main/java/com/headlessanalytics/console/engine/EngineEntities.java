package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.Entities;
import com.headlessanalytics.console.domain.FieldError;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Reads of the operating graph that {@link EntityGraph} keeps. */
final class EngineEntities {
    private static final String COLUMNS = "e_type, e_id, name, properties, first_seen, last_seen, event_count";

    private final Database db;

    EngineEntities(Database db) {
        this.db = db;
    }

    /** One page by (type, id) after the cursor; {@code q} matches name or id case-insensitively. */
    Entities.Page list(String workspaceId, Entities.Query q) {
        String[] after = q.cursor() == null ? null : decodeCursor(q.cursor());
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM entity WHERE workspace_id = ?");
        List<String> args = new ArrayList<>(List.of(workspaceId));
        if (q.type() != null) {
            sql.append(" AND e_type = ?");
            args.add(q.type());
        }
        if (q.q() != null && !q.q().isBlank()) {
            sql.append(" AND (LOWER(e_id) LIKE ? ESCAPE '\\' OR LOWER(name) LIKE ? ESCAPE '\\')");
            String pattern = "%" + likeEscaped(q.q().strip().toLowerCase(Locale.ROOT)) + "%";
            args.add(pattern);
            args.add(pattern);
        }
        if (after != null) {
            sql.append(" AND e_type >= ? AND (e_type > ? OR e_id > ?)");
            args.addAll(List.of(after[0], after[0], after[1]));
        }
        int limit = q.effectiveLimit();
        sql.append(" ORDER BY workspace_id, e_type, e_id LIMIT ").append(limit + 1);
        List<Entities.Entity> found = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setString(i + 1, args.get(i));
                }
                return entities(ps);
            }
        });
        if (found.size() <= limit) {
            return new Entities.Page(found, null, null);
        }
        Entities.Entity last = found.get(limit - 1);
        return new Entities.Page(List.copyOf(found.subList(0, limit)), encodeCursor(last.type(), last.id()), null);
    }

    /** The entity, or null when the workspace has none of this type and id. */
    Entities.Entity find(String workspaceId, String type, String id) {
        return db.read(c -> find(c, workspaceId, type, id));
    }

    /**
     * Its relationships: up to {@code limit} of each direction (in key order, so that a business with a
     * million entities answers at once), sorted latest first; and how many there are in all.
     */
    Related relationships(String workspaceId, String type, String id, int limit) {
        return db.read(c -> {
            List<Entities.Relationship> out = new ArrayList<>();
            long count = 0;
            for (String direction : List.of(Entities.Relationship.OUT, Entities.Relationship.IN)) {
                boolean outgoing = direction.equals(Entities.Relationship.OUT);
                String self = outgoing ? "r.from_" : "r.to_";
                String other = outgoing ? "r.to_" : "r.from_";
                try (PreparedStatement ps = c.prepareStatement("SELECT r.relation, " + other + "type, " + other
                        + "id, e.name, r.rel_count, r.first_seen, r.last_seen FROM entity_relationship r"
                        + " LEFT JOIN entity e ON e.workspace_id = r.workspace_id AND e.e_type = " + other + "type"
                        + " AND e.e_id = " + other + "id WHERE r.workspace_id = ? AND " + self + "type = ? AND "
                        + self + "id = ? LIMIT ?")) {
                    ps.setString(1, workspaceId);
                    ps.setString(2, type);
                    ps.setString(3, id);
                    ps.setInt(4, limit);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new Entities.Relationship(direction, rs.getString(1), rs.getString(2),
                                    rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)));
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM entity_relationship r"
                        + " WHERE r.workspace_id = ? AND " + self + "type = ? AND " + self + "id = ?")) {
                    ps.setString(1, workspaceId);
                    ps.setString(2, type);
                    ps.setString(3, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        count += rs.getLong(1);
                    }
                }
            }
            out.sort(Comparator.comparingLong(Entities.Relationship::lastSeen).reversed()
                    .thenComparing(Entities.Relationship::direction).thenComparing(Entities.Relationship::relation)
                    .thenComparing(Entities.Relationship::type).thenComparing(Entities.Relationship::id));
            return new Related(List.copyOf(out), count);
        });
    }

    record Related(List<Entities.Relationship> relationships, long count) {
    }

    private static Entities.Entity find(Connection c, String workspaceId, String type, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM entity WHERE workspace_id = ? AND e_type = ? AND e_id = ?")) {
            ps.setString(1, workspaceId);
            ps.setString(2, type);
            ps.setString(3, id);
            List<Entities.Entity> found = entities(ps);
            return found.isEmpty() ? null : found.get(0);
        }
    }

    private static List<Entities.Entity> entities(PreparedStatement ps) throws SQLException {
        List<Entities.Entity> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Entities.Entity(rs.getString(1), rs.getString(2), rs.getString(3),
                        EntityGraph.values(rs.getString(4)), rs.getLong(5), rs.getLong(6), rs.getLong(7)));
            }
        }
        return out;
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static String encodeCursor(String type, String id) {
        String raw = "e1\n" + type + "\n" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static String[] decodeCursor(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", 3);
            if (parts.length == 3 && parts[0].equals("e1")) {
                return new String[] {parts[1], parts[2]};
            }
        } catch (IllegalArgumentException malformed) {
            // reported below
        }
        throw ApiException.invalid("Invalid cursor", List.of(new FieldError(null, "cursor", "invalid_value",
                "is not a cursor this server issued; pass nextCursor back unchanged")));
    }
}
