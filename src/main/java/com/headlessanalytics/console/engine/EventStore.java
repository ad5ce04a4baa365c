package com.headlessanalytics.console.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.EventNames;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.EventLimits;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.domain.Revenue;
import com.headlessanalytics.console.domain.Touchpoints;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Events on H2: the idempotent, atomic batch write and the keyset-paged read. */
final class EventStore {
    private static final ObjectMapper JSON = ApiJson.mapper();
    static final String INSERT = "INSERT INTO event (seq, workspace_id, business_id, id, event, ts, received_at,"
            + " trace_id, actor_key, trust_tier, envelope, touch_source, touch_channel, touch_campaign, touch_medium,"
            + " revenue, flags, trackable_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Database db;
    private final KeyBlockIndex keys;
    private final List<IngestProjection> projections;
    private final AfterCommit afterCommit;
    /** workspace + business pairs known to have a business row. */
    private final Set<String> knownBusinesses = ConcurrentHashMap.newKeySet();
    /** The last storage sequence handed out; only the writer thread moves it, and never back. */
    private long lastSeq;

    /** Told, on the writer thread and in commit order, of each batch stored. */
    interface AfterCommit {
        void committed(String workspaceId, List<IngestProjection.Stored> stored);
    }

    Database database() {
        return db;
    }

    EventStore(Database db, KeyBlockIndex keys, List<IngestProjection> more, AfterCommit afterCommit) {
        this.db = db;
        this.afterCommit = afterCommit;
        this.keys = keys;
        List<IngestProjection> all = new ArrayList<>();
        all.add(keys);
        all.addAll(more);
        this.projections = List.copyOf(all);
        this.lastSeq = db.read(c -> {
            keys.load(c);
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COALESCE(MAX(seq), 0) FROM event")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private record Written(Stored stored, List<IngestProjection.Stored> fresh) {
    }

    /**
     * Writes the analytics facts of an event (touchpoints, revenue, flags) into the 6 parameters
     * from {@code first}: the columns the analytics projection is rebuilt from.
     */
    static void setFacts(PreparedStatement ps, int first, Event e) throws SQLException {
        Touchpoints t = Touchpoints.of(e);
        setNullable(ps, first, clip(t.source()));
        setNullable(ps, first + 1, clip(t.channel()));
        setNullable(ps, first + 2, clip(t.campaign()));
        setNullable(ps, first + 3, clip(t.medium()));
        java.math.BigDecimal revenue = Revenue.of(e);
        if (revenue == null) {
            ps.setNull(first + 4, Types.DECIMAL);
        } else {
            ps.setBigDecimal(first + 4, revenue);
        }
        ps.setInt(first + 5, flags(e));
    }

    /** 1 = has a trackable, 2 = has a decisionId, 4 = has a proofId. */
    static int flags(Event e) {
        return (e.trackable() != null ? 1 : 0) | (e.decisionId() != null ? 2 : 0) | (e.proofId() != null ? 4 : 0);
    }

    /**
     * The {@code trackable.code} an event carries, as the trackable filter matches it
     * ({@link EventQuery#trackableKey(String)}); null when it has none or one longer than an id.
     */
    static String trackableCode(Event e) {
        if (e.trackable() == null) {
            return null;
        }
        Object code = e.trackable().get("code");
        String text = code instanceof String s ? s.strip() : code instanceof Number n ? n.toString() : null;
        if (text == null || text.isEmpty() || text.length() > EventLimits.MAX_ID_LENGTH) {
            return null;
        }
        return EventQuery.trackableKey(text);
    }

    /** Touchpoint values are kept to the column width; longer ones are cut at a code point boundary. */
    static String clip(String value) {
        if (value == null || value.length() <= 256) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(255)) ? 255 : 256;
        return value.substring(0, end);
    }

    /** Stored ids in request order, and which of them were already stored (or repeated in the batch). */
    record Stored(int accepted, List<String> duplicateIds) {
    }

    /**
     * Stores the events not stored before, all in one transaction, and reports the rest as duplicates.
     * {@code envelopes} holds each event's JSON, as {@link #toJson} wrote it.
     */
    Stored store(String workspaceId, List<Event> events, List<String> envelopes) {
        Set<String> newBusinesses = new LinkedHashSet<>();
        for (Event e : events) {
            if (!knownBusinesses.contains(workspaceId + '\n' + e.businessId())) {
                newBusinesses.add(e.businessId());
            }
        }
        Stored result = db.<Written>write(c -> {
            Set<String> existing = existingIds(c, workspaceId, events);
            registerBusinesses(c, workspaceId, newBusinesses, events.isEmpty() ? 0 : events.get(0).receivedAt());
            List<IngestProjection.Stored> fresh = new ArrayList<>(events.size());
            List<String> duplicates = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                for (int i = 0; i < events.size(); i++) {
                    Event e = events.get(i);
                    if (existing.contains(e.id()) || !seen.add(e.id())) {
                        duplicates.add(e.id());
                        continue;
                    }
                    long seq = ++lastSeq;
                    fresh.add(new IngestProjection.Stored(seq, e));
                    bind(insert, seq, workspaceId, e, envelopes.get(i));
                }
                if (!fresh.isEmpty()) {
                    insert.executeBatch();
                }
            }
            for (IngestProjection p : projections) {
                p.onStored(c, workspaceId, fresh);
            }
            return new Written(new Stored(fresh.size(), duplicates), fresh);
        }, written -> afterCommit.committed(workspaceId, written.fresh())).stored();
        for (String b : newBusinesses) {
            knownBusinesses.add(workspaceId + '\n' + b);
        }
        return result;
    }

    /** The parameters of {@link #INSERT} for one event. */
    static void bind(PreparedStatement insert, long seq, String workspaceId, Event e, String envelope)
            throws SQLException {
        insert.setLong(1, seq);
        insert.setString(2, workspaceId);
        insert.setString(3, e.businessId());
        insert.setString(4, e.id());
        insert.setString(5, e.event());
        insert.setLong(6, e.timestamp());
        insert.setLong(7, e.receivedAt());
        setNullable(insert, 8, e.traceId());
        setNullable(insert, 9, e.actorKey());
        setNullable(insert, 10, e.trustTier() == null ? null : e.trustTier().name());
        insert.setString(11, envelope);
        setFacts(insert, 12, e);
        setNullable(insert, 18, trackableCode(e));
        insert.addBatch();
    }

    /**
     * A bulk import's chunk (thousands of events, from a file): the same result as {@link #store} of
     * the events in order, in one transaction, but written so that the B-trees see as few random
     * pages as possible. The duplicate lookups run in id order (neighbouring keys share index pages)
     * and the new events are inserted and numbered in timestamp order, so the time, business and
     * name indexes take them as runs instead of scattered single keys; H2 rewrites every index page a
     * commit touched, and sorted runs touch each page once. The first occurrence of a repeated id
     * (in the given order) is the one stored, as with {@link #store}.
     */
    Stored storeBulk(String workspaceId, List<Event> events, List<String> envelopes) {
        Set<String> newBusinesses = new LinkedHashSet<>();
        for (Event e : events) {
            if (!knownBusinesses.contains(workspaceId + '\n' + e.businessId())) {
                newBusinesses.add(e.businessId());
            }
        }
        Integer[] byId = new Integer[events.size()];
        for (int i = 0; i < byId.length; i++) {
            byId[i] = i;
        }
        java.util.Arrays.sort(byId, Comparator.comparing((Integer i) -> events.get(i).id()));
        List<Event> idOrder = new ArrayList<>(byId.length);
        for (Integer i : byId) {
            idOrder.add(events.get(i));
        }
        Stored result = db.<Written>write(c -> {
            Set<String> existing = existingIds(c, workspaceId, idOrder);
            registerBusinesses(c, workspaceId, newBusinesses, events.isEmpty() ? 0 : events.get(0).receivedAt());
            List<String> duplicates = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            List<Integer> fresh = new ArrayList<>(events.size());
            for (int i = 0; i < events.size(); i++) {
                String id = events.get(i).id();
                if (existing.contains(id) || !seen.add(id)) {
                    duplicates.add(id);
                } else {
                    fresh.add(i);
                }
            }
            fresh.sort(Comparator.comparingLong((Integer i) -> events.get(i).timestamp()).thenComparingInt(i -> i));
            List<IngestProjection.Stored> stored = new ArrayList<>(fresh.size());
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                int pending = 0;
                for (int i : fresh) {
                    long seq = ++lastSeq;
                    Event e = events.get(i);
                    stored.add(new IngestProjection.Stored(seq, e));
                    bind(insert, seq, workspaceId, e, envelopes.get(i));
                    if (++pending == 1000) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    insert.executeBatch();
                }
            }
            for (IngestProjection p : projections) {
                p.onStored(c, workspaceId, stored);
            }
            return new Written(new Stored(stored.size(), duplicates), stored);
        }, written -> afterCommit.committed(workspaceId, written.fresh())).stored();
        for (String b : newBusinesses) {
            knownBusinesses.add(workspaceId + '\n' + b);
        }
        return result;
    }

    /** Events stored by {@link #storeWithin}, to hand to {@link #committed} once their transaction commits. */
    record Pending(List<IngestProjection.Stored> fresh, Set<String> newBusinesses) {
    }

    /**
     * Stores events inside a write another part of the engine runs (the governance transitions), with
     * the same inserts, business rows and projections as {@link #store}; must run on the writer thread.
     * The ids are new (generated), so nothing is checked for duplicates. Pass the answer to
     * {@link #committed} from the write's afterCommit.
     */
    Pending storeWithin(Connection c, String workspaceId, List<Event> events) throws SQLException {
        Set<String> newBusinesses = new LinkedHashSet<>();
        for (Event e : events) {
            if (!knownBusinesses.contains(workspaceId + '\n' + e.businessId())) {
                newBusinesses.add(e.businessId());
            }
        }
        registerBusinesses(c, workspaceId, newBusinesses, events.isEmpty() ? 0 : events.get(0).receivedAt());
        List<IngestProjection.Stored> fresh = new ArrayList<>(events.size());
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (Event e : events) {
                long seq = ++lastSeq;
                fresh.add(new IngestProjection.Stored(seq, e));
                bind(insert, seq, workspaceId, e, toJson(e));
            }
            if (!fresh.isEmpty()) {
                insert.executeBatch();
            }
        }
        for (IngestProjection p : projections) {
            p.onStored(c, workspaceId, fresh);
        }
        return new Pending(fresh, newBusinesses);
    }

    /** After the commit of a write that called {@link #storeWithin}, on the writer thread, in commit order. */
    void committed(String workspaceId, Pending pending) {
        for (String b : pending.newBusinesses()) {
            knownBusinesses.add(workspaceId + '\n' + b);
        }
        afterCommit.committed(workspaceId, pending.fresh());
    }

    /** Which of these ids are stored in the workspace (a read; connector dry runs report duplicates with it). */
    Set<String> storedIds(String workspaceId, List<Event> events) {
        return db.read(c -> existingIds(c, workspaceId, events));
    }

    /** The ids of the batch already stored, by point lookups on the unique (workspace_id, id) index. */
    private static Set<String> existingIds(Connection c, String workspaceId, List<Event> events) throws SQLException {
        Set<String> found = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM event WHERE workspace_id = ? AND id = ?")) {
            ps.setString(1, workspaceId);
            for (Event e : events) {
                ps.setString(2, e.id());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        found.add(e.id());
                    }
                }
            }
        }
        return found;
    }

    private static void registerBusinesses(Connection c, String workspaceId, Set<String> businesses, long now)
            throws SQLException {
        if (businesses.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "MERGE INTO business (workspace_id, id, name, kind, created_at) KEY (workspace_id, id)"
                        + " SELECT ?, ?, ?, 'business', ? FROM DUAL WHERE NOT EXISTS"
                        + " (SELECT 1 FROM business WHERE workspace_id = ? AND id = ?)")) {
            for (String b : businesses) {
                ps.setString(1, workspaceId);
                ps.setString(2, b);
                ps.setString(3, b);
                ps.setLong(4, now);
                ps.setString(5, workspaceId);
                ps.setString(6, b);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The event-name rollup, summed over businesses unless one is given; most frequent first. */
    List<EventNames.Name> names(String workspaceId, String businessId) {
        String sql = "SELECT event, SUM(event_count) AS n, MIN(first_ts), MAX(last_ts) FROM event_name_stats"
                + " WHERE workspace_id = ?" + (businessId == null ? "" : " AND business_id = ?")
                + " GROUP BY event ORDER BY n DESC, event";
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, workspaceId);
                if (businessId != null) {
                    ps.setString(2, businessId);
                }
                List<EventNames.Name> names = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        names.add(new EventNames.Name(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                    }
                }
                return names;
            }
        });
    }

    /** One page in (ts, seq) order, ascending or descending, after the cursor. */
    Page query(String workspaceId, EventQuery q) {
        if (q.traceId() != null || q.actor() != null) {
            return queryByKey(workspaceId, q);
        }
        boolean desc = q.effectiveOrder() == EventQuery.Order.DESC;
        long[] after = q.cursor() == null ? null : decodeCursor(q.cursor(), desc);
        boolean byTrackable = q.trackableKey() != null;
        StringBuilder sql = new StringBuilder(byTrackable ? "SELECT seq, ts, envelope FROM trackable_event JOIN event"
                + " ON seq = t_seq WHERE t_workspace = ? AND t_code = ? AND workspace_id = ?"
                : "SELECT seq, ts, envelope FROM event WHERE workspace_id = ?");
        List<Object> args = new ArrayList<>();
        if (byTrackable) {
            args.add(workspaceId);
            args.add(q.trackableKey());
        }
        args.add(workspaceId);
        filters(sql, args, byTrackable ? null : workspaceId, q, after, desc);
        sql.append(orderBy(q, desc)).append(" LIMIT ?");
        int limit = q.effectiveLimit();
        args.add(limit + 1);
        List<Row> rows = db.read(c -> rows(c, sql.toString(), args));
        return page(rows, limit, desc);
    }

    /** The events of these (ts, seq) pairs, in the order given. */
    List<Event> bySeq(List<long[]> pairs) {
        if (pairs.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT seq, ts, envelope FROM event WHERE seq IN (");
        List<Object> args = new ArrayList<>();
        for (long[] p : pairs) {
            sql.append(args.isEmpty() ? "?" : ", ?");
            args.add(p[1]);
        }
        sql.append(')');
        Map<Long, String> bySeq = new HashMap<>();
        for (Row r : db.read(c -> rows(c, sql.toString(), args))) {
            bySeq.put(r.seq(), r.envelope());
        }
        List<Event> out = new ArrayList<>(pairs.size());
        for (long[] p : pairs) {
            out.add(fromJson(bySeq.get(p[1])));
        }
        return out;
    }

    /**
     * The ORDER BY that matches the index H2 will use, column for column: with the equality columns
     * leading, H2 reads the index in order and stops after one page; without them it reads every
     * row in range and sorts (56 ms instead of 2 ms per page at 100,000 events, growing with size).
     */
    static String orderBy(EventQuery q, boolean desc) {
        String columns = q.trackableKey() != null ? "t_workspace, t_code, t_ts, t_seq" : (q.event() != null
                ? "workspace_id, event, " : q.businessId() != null ? "workspace_id, business_id, " : "workspace_id, ")
                + "ts, seq";
        String dir = desc ? " DESC" : "";
        StringBuilder sql = new StringBuilder(" ORDER BY ");
        for (String column : columns.split(", ")) {
            sql.append(sql.length() > 10 ? ", " : "").append(column).append(dir);
        }
        return sql.toString();
    }

    /**
     * A traceId or actor query: scans only the blocks whose Bloom filter may hold the key, in time
     * order, and stops once no further block can hold an earlier (or, descending, later) match.
     */
    private Page queryByKey(String workspaceId, EventQuery q) {
        boolean desc = q.effectiveOrder() == EventQuery.Order.DESC;
        long[] after = q.cursor() == null ? null : decodeCursor(q.cursor(), desc);
        String key = q.traceId() != null ? KeyBlockIndex.traceKey(q.traceId()) : KeyBlockIndex.actorKey(q.actor());
        List<KeyBlockIndex.Candidate> blocks = new ArrayList<>(keys.candidates(workspaceId, key, q.from(), q.to()));
        blocks.sort(desc ? Comparator.comparingLong(KeyBlockIndex.Candidate::maxTs).reversed()
                : Comparator.comparingLong(KeyBlockIndex.Candidate::minTs));
        StringBuilder sql = new StringBuilder("SELECT seq, ts, envelope FROM event WHERE seq BETWEEN ? AND ?"
                + " AND workspace_id = ?");
        List<Object> args = new ArrayList<>(List.of(0L, 0L, workspaceId));
        filters(sql, args, workspaceId, q, after, desc);
        int limit = q.effectiveLimit();
        Comparator<Row> order = desc ? Row.ORDER.reversed() : Row.ORDER;
        List<Row> found = db.read(c -> {
            java.util.TreeSet<Row> best = new java.util.TreeSet<>(order);
            for (KeyBlockIndex.Candidate b : blocks) {
                if (after != null && (desc ? b.minTs() > after[0] : b.maxTs() < after[0])) {
                    continue;
                }
                if (best.size() > limit) {
                    long bound = best.last().ts();
                    if (desc ? b.maxTs() < bound : b.minTs() > bound) {
                        break;
                    }
                }
                args.set(0, b.firstSeq());
                args.set(1, b.lastSeq());
                for (Row r : rows(c, sql.toString(), args)) {
                    best.add(r);
                    if (best.size() > limit + 1) {
                        best.pollLast();
                    }
                }
            }
            return new ArrayList<>(best);
        });
        return page(found, limit, desc);
    }

    /** A stored event with its storage sequence. */
    record Read(long seq, Event event) {
        static final Comparator<Read> ORDER = Comparator.<Read>comparingLong(r -> r.event().timestamp())
                .thenComparingLong(Read::seq);
    }

    /** The stored events of these storage sequences (primary-key lookups), in (timestamp, seq) order. */
    List<Read> bySeq(long[] seqs) {
        List<Read> found = db.read(c -> {
            List<Read> out = new ArrayList<>(seqs.length);
            try (PreparedStatement ps = c.prepareStatement("SELECT envelope FROM event WHERE seq = ?")) {
                for (long seq : seqs) {
                    ps.setLong(1, seq);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            out.add(new Read(seq, fromJson(rs.getString(1))));
                        }
                    }
                }
            }
            return out;
        });
        found.sort(Read.ORDER);
        return found;
    }

    /**
     * Every event whose name starts with {@code prefix} (a literal, no LIKE wildcards), in [from, to]
     * and in {@code businessId} when given, in (timestamp, seq) order, through the
     * {@code (workspace_id, event, ts, seq)} index; {@code mention}, when given, must occur in the
     * stored envelope's text (a cheap filter before parsing).
     */
    List<Read> byNamePrefix(String workspaceId, String prefix, String businessId, Long from, Long to,
                            String mention) {
        StringBuilder sql = new StringBuilder("SELECT seq, ts, envelope FROM event WHERE workspace_id = ?"
                + " AND event LIKE ? ESCAPE '\\'");
        List<Object> args = new ArrayList<>(List.of(workspaceId,
                prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"));
        condition(sql, args, "business_id = ?", businessId);
        condition(sql, args, "ts >= ?", from);
        condition(sql, args, "ts <= ?", to);
        condition(sql, args, "LOCATE(?, envelope) > 0", mention);
        List<Row> rows = db.read(c -> rows(c, sql.toString(), args));
        List<Read> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(new Read(r.seq(), fromJson(r.envelope())));
        }
        out.sort(Read.ORDER);
        return out;
    }

    /** A row read for a page: its ordering key and its envelope. */
    private record Row(long seq, long ts, String envelope) {
        static final Comparator<Row> ORDER = Comparator.comparingLong(Row::ts).thenComparingLong(Row::seq);
    }

    private static List<Row> rows(Connection c, String sql, List<Object> args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                Object a = args.get(i);
                if (a instanceof Long l) {
                    ps.setLong(i + 1, l);
                } else if (a instanceof Integer n) {
                    ps.setInt(i + 1, n);
                } else {
                    ps.setString(i + 1, (String) a);
                }
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getLong(2), rs.getString(3)));
                }
            }
            return rows;
        }
    }

    /** The first {@code limit} rows (already in page order) and a cursor when there were more. */
    private static Page page(List<Row> rows, int limit, boolean desc) {
        List<Event> events = new ArrayList<>(Math.min(limit, rows.size()));
        for (int i = 0; i < Math.min(limit, rows.size()); i++) {
            events.add(fromJson(rows.get(i).envelope()));
        }
        if (rows.size() <= limit) {
            return new Page(events, null);
        }
        Row last = rows.get(limit - 1);
        return new Page(events, encodeCursor(last.ts(), last.seq(), desc));
    }

    record Page(List<Event> events, String nextCursor) {
    }

    /**
     * The query's filters and, after a cursor, the keyset condition on (ts, seq). A trackable is
     * matched through {@code trackable_event}, kept at ingest for the events that carry a code: by a
     * subquery in the workspace {@code trackableWorkspace}, or not here (null) when the query joins it.
     */
    private static void filters(StringBuilder sql, List<Object> args, String trackableWorkspace, EventQuery q,
                                long[] after, boolean desc) {
        condition(sql, args, "business_id = ?", q.businessId());
        condition(sql, args, "event = ?", q.event());
        condition(sql, args, "trace_id = ?", q.traceId());
        condition(sql, args, "actor_key = ?", q.actor());
        condition(sql, args, "touch_source = ?", q.source());
        condition(sql, args, "touch_channel = ?", q.channel());
        condition(sql, args, "touch_campaign = ?", q.campaign());
        condition(sql, args, "touch_medium = ?", q.medium());
        if (q.trackableKey() != null && trackableWorkspace != null) {
            sql.append(" AND seq IN (SELECT t_seq FROM trackable_event WHERE t_workspace = ? AND t_code = ?)");
            args.add(trackableWorkspace);
            args.add(q.trackableKey());
        }
        condition(sql, args, "ts >= ?", q.from());
        condition(sql, args, "ts <= ?", q.to());
        if (after != null) {
            sql.append(desc ? " AND ts <= ? AND (ts < ? OR seq < ?)" : " AND ts >= ? AND (ts > ? OR seq > ?)");
            args.add(after[0]);
            args.add(after[0]);
            args.add(after[1]);
        }
    }

    private static void condition(StringBuilder sql, List<Object> args, String clause, Object value) {
        if (value != null) {
            sql.append(" AND ").append(clause);
            args.add(value);
        }
    }

    static String encodeCursor(long ts, long seq, boolean desc) {
        String raw = "v1:" + (desc ? 'd' : 'a') + ':' + ts + ':' + seq;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    static long[] decodeCursor(String cursor, boolean desc) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            String[] parts = raw.split(":");
            if (parts.length == 4 && parts[0].equals("v1")) {
                if (parts[1].equals(desc ? "d" : "a")) {
                    return new long[] {Long.parseLong(parts[2]), Long.parseLong(parts[3])};
                }
                throw ApiException.invalid("Invalid cursor", List.of(new FieldError(null, "cursor", "invalid_value",
                        "was issued for the other order; keep 'order' the same while paging")));
            }
        } catch (IllegalArgumentException malformed) {
            // reported below
        }
        throw ApiException.invalid("Invalid cursor", List.of(new FieldError(null, "cursor", "invalid_value",
                "is not a cursor this server issued; pass nextCursor back unchanged")));
    }

    static String toJson(Event e) {
        try {
            return JSON.writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("An event could not be written as JSON", ex);
        }
    }

    static Event fromJson(String json) {
        try {
            return JSON.readValue(json, Event.class);
        } catch (JsonProcessingException ex) {
            throw new EngineException("A stored event could not be read: " + ex.getOriginalMessage(), ex);
        }
    }

    private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}
