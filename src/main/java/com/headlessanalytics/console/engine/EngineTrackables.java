package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.Checks;
import com.headlessanalytics.console.api.Proof;
import com.headlessanalytics.console.api.Trackables;
import com.headlessanalytics.console.domain.trackable.TrackableCodes;
import com.headlessanalytics.console.domain.trackable.TrackableKind;
import com.headlessanalytics.console.symbols.ErrorCorrection;
import com.headlessanalytics.console.symbols.Symbology;
import com.headlessanalytics.console.symbols.Symbols;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.h2.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trackables on H2 (PRODUCT.md §6): created through the single writer with a fresh code that no
 * stored trackable of any workspace has, so codes never collide, however many are created at once;
 * payload and tracking link computed once and stored. Scans are the stored events whose
 * {@code trackable.code} is the code ({@code event.trackable_code}), counted at ingest and listed by
 * code and time for the drill-down ({@link TrackableScanStats}, {@code trackable_event}).
 */
final class EngineTrackables {
    private static final Logger LOG = LoggerFactory.getLogger(EngineTrackables.class);
    /** Default public base of the tracking links: serve mode's default address. */
    static final String DEFAULT_PUBLIC_URL = "http://localhost:8080";
    /** How many fresh codes creation tries before it gives up (at 40 bits, one retry is already rare). */
    static final int MAX_CODE_ATTEMPTS = 32;
    /** The business id rule of ingest, so that a scan of the trackable can always be recorded. */
    private static final Pattern BUSINESS_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final String BACKFILL_JOB = "backfill_trackable_code";
    /** A trackable's columns and its scans from the rollup kept at ingest ({@link TrackableScanStats}). */
    private static final String COLUMNS = "t.code, t.kind, t.name, t.target_url, t.event_name, t.business_id,"
            + " t.payload, t.tracking_url, t.created_at, t.created_by, COALESCE(s.scan_count, 0), s.last_ts";
    private static final String FROM = " FROM trackable t LEFT JOIN trackable_scan_stats s"
            + " ON s.workspace_id = t.workspace_id AND s.trackable_code = t.code";

    private final Database db;
    private final RandomGenerator random;
    private volatile String publicUrl = DEFAULT_PUBLIC_URL;

    /** {@code random} draws the codes; it is used on the writer thread only. */
    EngineTrackables(Database db, RandomGenerator random) {
        this.db = db;
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A trackable found by code alone, with its workspace (serve mode's {@code /t/{code}}). */
    record Located(String workspaceId, Trackables.Trackable trackable) {
    }

    String publicUrl() {
        return publicUrl;
    }

    /** Sets the base of the tracking links of trackables created from now on; see {@link #publicUrlProblem}. */
    void publicUrl(String url) {
        String problem = publicUrlProblem(url);
        if (problem != null) {
            throw new IllegalArgumentException("public URL '" + url + "' " + problem);
        }
        publicUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Why {@code url} cannot be the public base URL, or null: an absolute http(s) URL without query or fragment. */
    static String publicUrlProblem(String url) {
        if (url == null || url.isBlank()) {
            return "is required";
        }
        String problem = httpUrlProblem(url);
        if (problem != null) {
            return problem;
        }
        URI uri = URI.create(url);
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "must not have a query or fragment";
        }
        return null;
    }

    /**
     * Why {@code url} is not an absolute ASCII http or https URL with a host, or null when it is one.
     * ASCII keeps every payload within one QR symbol (2000 characters and the code fit version 40
     * at correction M) and the redirect's Location header plain.
     */
    static String httpUrlProblem(String url) {
        if (url.length() > Trackables.MAX_URL) {
            return "is longer than " + Trackables.MAX_URL + " characters";
        }
        if (url.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            return "must not hold spaces or control characters";
        }
        if (url.chars().anyMatch(c -> c > 0x7f)) {
            return "must be ASCII: percent-encode other characters (and write the host in punycode)";
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
                return "must be an absolute http or https URL";
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                return "must name a host";
            }
            return null;
        } catch (URISyntaxException e) {
            return "is not a valid URL: " + e.getReason();
        }
    }

    /** The field errors of a new trackable; none when it can be stored. */
    static Checks checks(Trackables.NewTrackable t) {
        Checks checks = new Checks();
        if (t.kind() == null) {
            checks.add("kind", "required", "is required: one of " + Checks.Wire.names(TrackableKind.class));
        } else {
            checks.oneOf("kind", t.kind(), TrackableKind.class);
        }
        if (t.name() == null) {
            checks.add("name", "required", "is required");
        } else if (t.name().isBlank() || t.name().length() > Trackables.MAX_NAME) {
            checks.add("name", "invalid_value", "must be 1-" + Trackables.MAX_NAME + " characters, not blank");
        } else if (t.name().chars().anyMatch(Character::isISOControl)) {
            checks.add("name", "invalid_value", "must not hold control characters (line breaks, tabs)");
        }
        if (t.targetUrl() != null) {
            String problem = httpUrlProblem(t.targetUrl());
            if (problem != null) {
                checks.add("targetUrl", "invalid_value", problem);
            }
        }
        checks.eventName("eventName", t.eventName());
        if (t.businessId() != null && !BUSINESS_ID.matcher(t.businessId()).matches()) {
            checks.add("businessId", "invalid_value", "must be 1-128 letters, digits or . _ : - (the rule of ingest)");
        }
        return checks;
    }

    /** The field errors of a list query. */
    static Checks checks(Trackables.Query q) {
        Checks checks = new Checks().range("limit", q.limit() == null ? null : (long) q.limit(), 1,
                Trackables.MAX_LIMIT);
        checks.oneOf("kind", q.kind(), TrackableKind.class);
        if (q.q() != null && (q.q().length() > Trackables.MAX_NAME || q.q().chars().anyMatch(Character::isISOControl))) {
            checks.add("q", "invalid_value", "must be at most " + Trackables.MAX_NAME
                    + " characters without control characters");
        }
        if (q.code() != null && TrackableCodes.normalize(q.code()) == null) {
            checks.add("code", "invalid_value", "is not a trackable code (" + TrackableCodes.LENGTH
                    + " characters of Crockford base32)");
        }
        return checks;
    }

    /** Stores a checked new trackable under a fresh code; the SVG is added when asked for. */
    Trackables.Trackable create(String workspaceId, String business, String principal, Trackables.NewTrackable t,
                                long now, Proof proof) {
        TrackableKind kind = t.parsedKind();
        String base = publicUrl;
        Trackables.Trackable stored = db.write(c -> {
            for (int attempt = 1; attempt <= MAX_CODE_ATTEMPTS; attempt++) {
                String code = TrackableCodes.newCode(random);
                if (exists(c, code)) {
                    LOG.debug("Trackable code {} is taken; drawing another", code);
                    continue;
                }
                String trackingUrl = TrackableCodes.trackingUrl(base, code);
                String payload = TrackableCodes.payload(kind, code, t.targetUrl(), trackingUrl);
                Trackables.Trackable row = new Trackables.Trackable(code, Checks.Wire.name(kind), t.name(),
                        t.targetUrl(), t.effectiveEventName(), business, payload, trackingUrl, now, principal, 0,
                        null, null, null);
                if (insert(c, workspaceId, row)) {
                    return row;
                }
            }
            throw new EngineException("No free trackable code after " + MAX_CODE_ATTEMPTS + " attempts", null);
        });
        Trackables.Trackable answered = new Trackables.Trackable(stored.code(), stored.kind(), stored.name(),
                stored.targetUrl(), stored.eventName(), stored.businessId(), stored.payload(), stored.trackingUrl(),
                stored.createdAt(), stored.createdBy(), 0, null, null, proof);
        return Boolean.TRUE.equals(t.includeQrSvg()) ? answered.withQrSvg(svg(answered)) : answered;
    }

    /** The vector symbol of a trackable: QR, or Code 128 for the kinds that encode the bare code. */
    static String svg(Trackables.Trackable t) {
        TrackableKind kind = t.parsedKind();
        Symbology symbology = kind != null && kind.encodesCodeOnly() ? Symbology.CODE_128 : Symbology.QR;
        return Symbols.svg(Symbols.encode(t.payload(), symbology, ErrorCorrection.DEFAULT));
    }

    private static boolean exists(Connection c, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM trackable WHERE code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Inserts the row; false when its code was taken after all (the unique key is the last word). */
    private static boolean insert(Connection c, String workspaceId, Trackables.Trackable t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO trackable (code, workspace_id, kind, name,"
                + " target_url, event_name, business_id, payload, tracking_url, created_at, created_by)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, t.code());
            ps.setString(2, workspaceId);
            ps.setString(3, t.kind());
            ps.setString(4, t.name());
            ps.setString(5, t.targetUrl());
            ps.setString(6, t.eventName());
            ps.setString(7, t.businessId());
            ps.setString(8, t.payload());
            ps.setString(9, t.trackingUrl());
            ps.setLong(10, t.createdAt());
            ps.setString(11, t.createdBy());
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (e.getErrorCode() == ErrorCode.DUPLICATE_KEY_1) {
                return false;
            }
            throw e;
        }
    }

    /** A checked query's trackables, newest first, without proofs. */
    List<Trackables.Trackable> list(String workspaceId, Trackables.Query q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + FROM + " WHERE t.workspace_id = ?");
        List<String> args = new ArrayList<>();
        args.add(workspaceId);
        if (q.code() != null) {
            sql.append(" AND t.code = ?");
            args.add(TrackableCodes.normalize(q.code()));
        }
        if (q.kind() != null) {
            sql.append(" AND t.kind = ?");
            args.add(q.kind());
        }
        if (q.q() != null && !q.q().isBlank()) {
            String needle = q.q().strip().toLowerCase(Locale.ROOT);
            sql.append(" AND (LOCATE(?, LOWER(t.name)) > 0 OR LOCATE(?, LOWER(t.code)) > 0)");
            args.add(needle);
            args.add(needle);
        }
        sql.append(" ORDER BY t.seq DESC LIMIT ").append(q.effectiveLimit());
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setString(i + 1, args.get(i));
                }
                return rows(ps);
            }
        });
    }

    /** The trackable of a canonical code in the workspace, or null. */
    Trackables.Trackable find(String workspaceId, String code) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + FROM
                    + " WHERE t.code = ? AND t.workspace_id = ?")) {
                ps.setString(1, code);
                ps.setString(2, workspaceId);
                List<Trackables.Trackable> found = rows(ps);
                return found.isEmpty() ? null : found.get(0);
            }
        });
    }

    /** The trackable of a canonical code in any workspace, or null. */
    Located locate(String code) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", t.workspace_id" + FROM
                    + " WHERE t.code = ?")) {
                ps.setString(1, code);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new Located(rs.getString(13), row(rs)) : null;
                }
            }
        });
    }

    private static List<Trackables.Trackable> rows(PreparedStatement ps) throws SQLException {
        List<Trackables.Trackable> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    private static Trackables.Trackable row(ResultSet rs) throws SQLException {
        long last = rs.getLong(12);
        Long lastScan = rs.wasNull() ? null : last;
        return new Trackables.Trackable(rs.getString(1).strip(), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9), rs.getString(10),
                rs.getLong(11), lastScan, null, null);
    }

    /** Fills {@code event.trackable_code} of the events stored before it existed, in pages, once. */
    void backfillIfNeeded() {
        boolean pending = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM engine_job WHERE name = ?")) {
                ps.setString(1, BACKFILL_JOB);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
        if (!pending) {
            return;
        }
        long after = 0;
        while (true) {
            long cursor = after;
            Long last = db.write(c -> backfillPage(c, cursor));
            if (last == null) {
                break;
            }
            after = last;
        }
        db.write(c -> {
            TrackableScanStats.rebuild(c);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM engine_job WHERE name = ?")) {
                ps.setString(1, BACKFILL_JOB);
                ps.executeUpdate();
            }
            return null;
        });
        LOG.info("Backfilled the trackable codes of stored events and their scan counts");
    }

    /** One page of the backfill; the last sequence read, or null when there was nothing left. */
    private static Long backfillPage(Connection c, long after) throws SQLException {
        long last = -1;
        try (PreparedStatement read = c.prepareStatement(
                "SELECT seq, envelope FROM event WHERE seq > ? ORDER BY seq LIMIT 5000");
             PreparedStatement update = c.prepareStatement("UPDATE event SET trackable_code = ? WHERE seq = ?")) {
            read.setLong(1, after);
            int updates = 0;
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    last = rs.getLong(1);
                    String envelope = rs.getString(2);
                    if (!envelope.contains("\"trackable\"")) {
                        continue;
                    }
                    String code = EventStore.trackableCode(EventStore.fromJson(envelope));
                    if (code != null) {
                        update.setString(1, code);
                        update.setLong(2, last);
                        update.addBatch();
                        updates++;
                    }
                }
            }
            if (updates > 0) {
                update.executeBatch();
            }
        }
        return last < 0 ? null : last;
    }
}
