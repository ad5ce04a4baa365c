package com.headlessanalytics.console.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.Exports;
import com.headlessanalytics.console.api.Period;
import com.headlessanalytics.console.api.Proof;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.EventLimits;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.domain.Ids;
import com.headlessanalytics.console.exports.Columns;
import com.headlessanalytics.console.exports.Delivery;
import com.headlessanalytics.console.exports.ExportPlan;
import com.headlessanalytics.console.exports.Layout;
import com.headlessanalytics.console.exports.Secrets;
import com.headlessanalytics.console.exports.StagingWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * Destination exports on the engine (docs/exports.md): the request checked, the events read from H2
 * in keyset pages (or the supplied records) written by the exports layer into a staging folder that
 * appears whole or not at all, a receipt row written before the delivery and finished after it.
 */
final class EngineExports {
    static final int DEFAULT_RECEIPTS = 100;
    static final int MAX_RECEIPTS = 1000;
    /** Events read from H2 per query while exporting. */
    static final int PAGE = 2000;
    static final String RUNNING = "running";
    static final String INTERRUPTED = "interrupted: the engine stopped before the delivery finished;"
            + " retry the export to deliver its staged files";
    private static final ObjectMapper JSON = ApiJson.mapper();
    private static final TypeReference<List<Exports.File>> FILES = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final Database db;
    private final EventStore events;
    private final Clock clock;
    private final SSLContext tls;

    /** {@code tls}: the TLS context of HTTPS deliveries (null: the JDK's trust store; tests give their own). */
    EngineExports(Database db, EventStore events, Clock clock, SSLContext tls) {
        this.db = db;
        this.events = events;
        this.clock = clock;
        this.tls = tls;
    }

    /** A staging folder made whole: its files (by name) and how many events or records they hold. */
    private record Staging(Path folder, List<Exports.File> files, int count) {
    }

    /** An export's row: its receipt, where its files are staged and the chain it belongs to. */
    private record Row(Exports.Receipt receipt, String status, String root, String stagedId,
                       List<Exports.File> staged, Map<String, Object> request) {
    }

    /**
     * Marks every export left running by a stopped engine as failed ("interrupted") so it can be
     * retried, and removes staging folders that never became whole. Runs once, when the engine opens.
     */
    void recoverInterrupted() {
        long now = clock.millis();
        db.write(c -> {
            List<String[]> running = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT workspace_id, id, receipt FROM export_receipt WHERE status = ?")) {
                ps.setString(1, RUNNING);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        running.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                    }
                }
            }
            for (String[] r : running) {
                Exports.Receipt old = read(r[2], Exports.Receipt.class);
                finish(c, r[0], withOutcome(old, Exports.FAILED, now, INTERRUPTED, old.files(), old.location(),
                        old.loadCommand()));
            }
            return null;
        });
        Path root = db.folder().resolve("exports");
        if (Files.isDirectory(root)) {
            try (Stream<Path> workspaces = Files.list(root)) {
                for (Path ws : workspaces.toList()) {
                    try (DirectoryStream<Path> tmp = Files.newDirectoryStream(ws, ".*.tmp")) {
                        for (Path t : tmp) {
                            deleteTree(t);
                        }
                    }
                }
            } catch (IOException e) {
                throw new EngineException("Cannot clean the export staging folder " + root + ": " + e.getMessage(), e);
            }
        }
    }

    Exports.Result export(String workspaceId, Exports.Request request) {
        long startedAt = clock.millis();
        List<FieldError> errors = new ArrayList<>();
        if (request == null) {
            throw ApiException.invalid("No export request", List.of(new FieldError(null, null, "required",
                    "send {destination, config, limit?, from?, to?, filter?, records?}")));
        }
        String destination = request.destination();
        if (destination == null) {
            errors.add(new FieldError(null, "destination", "required", "is required: one of "
                    + String.join(", ", Exports.DESTINATIONS)));
        } else if (!Exports.DESTINATIONS.contains(destination)) {
            errors.add(new FieldError(null, "destination", "invalid_value", "must be one of "
                    + String.join(", ", Exports.DESTINATIONS)));
        }
        int limit = request.limit() == null ? Exports.DEFAULT_LIMIT : request.limit();
        if (limit < 1 || limit > Exports.MAX_LIMIT) {
            errors.add(new FieldError(null, "limit", "invalid_value", "must be from 1 to " + Exports.MAX_LIMIT));
        }
        if (request.from() != null && request.to() != null && request.from() >= request.to()) {
            errors.add(new FieldError(null, "to", "invalid_value", "must be after from (the range is [from, to))"));
        }
        checkFilter(request.filter(), errors);
        List<Map<String, Object>> records = request.records();
        if (records != null) {
            checkRecords(request, records, errors);
        }
        if (request.config() == null) {
            errors.add(new FieldError(null, "config", "required", "is required: the destination's settings"
                    + " (docs/exports.md)"));
        }
        ExportPlan plan = null;
        if (destination != null && Exports.DESTINATIONS.contains(destination) && request.config() != null) {
            plan = ExportPlan.of(destination, request.config(), tls, errors);
        }
        Columns columns = Columns.EVENTS;
        if (records != null && errors.isEmpty()) {
            columns = Columns.infer(records, "bigquery".equals(destination), errors);
        }
        if (!errors.isEmpty() || plan == null) {
            throw errors.stream().anyMatch(FieldError::isTooLarge) ? ApiException.tooLarge("Export request too large", errors)
                    : ApiException.invalid("Invalid export request", errors);
        }
        String exportId = Ids.newId("exp", startedAt);
        Staging staging = stage(workspaceId, exportId, plan.layout(), columns, request, limit);
        Path folder = staging.folder();
        List<Exports.File> staged = staging.files();
        int count = staging.count();
        Map<String, Object> config = request.config();
        Exports.Receipt running = new Exports.Receipt(exportId, destination, count, contentSha256(staged),
                folder.toAbsolutePath().toString(), RUNNING, startedAt, null, null, plan.layout().format(), staged,
                null, null, Secrets.redact(config));
        try {
            db.write(c -> {
                insert(c, workspaceId, running, exportId, exportId, staged, redactedRequest(request));
                return null;
            });
        } catch (RuntimeException e) {
            deleteQuietly(folder);
            throw e;
        }
        return deliver(workspaceId, running, plan, new Delivery.Staged(exportId, exportId, folder, staged, config),
                new Period(request.from(), request.to()));
    }

    Exports.Receipts receipts(String workspaceId, Integer limit) {
        int n = limit == null ? DEFAULT_RECEIPTS : limit;
        if (n < 1 || n > MAX_RECEIPTS) {
            throw ApiException.invalid("Invalid limit", List.of(new FieldError(null, "limit", "invalid_value",
                    "must be from 1 to " + MAX_RECEIPTS)));
        }
        long now = clock.millis();
        List<Exports.Receipt> out = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT receipt FROM export_receipt WHERE workspace_id = ?"
                    + " AND status <> ? ORDER BY workspace_id DESC, started_at DESC, id DESC LIMIT ?")) {
                ps.setString(1, workspaceId);
                ps.setString(2, RUNNING);
                ps.setInt(3, n);
                List<Exports.Receipt> list = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        list.add(read(rs.getString(1), Exports.Receipt.class));
                    }
                }
                return list;
            }
        });
        return new Exports.Receipts(out, proof(workspaceId, new Period(null, null), now));
    }

    Exports.Result retry(String workspaceId, String exportId, Exports.RetryRequest request) {
        long startedAt = clock.millis();
        Row failed = exportId == null || exportId.length() > 64 ? null : row(workspaceId, exportId);
        if (failed == null) {
            throw ApiException.notFound("No export " + exportId + " in this workspace.");
        }
        if (!Exports.FAILED.equals(failed.status())) {
            throw ApiException.conflict("Export " + exportId + " did not fail (it " + (RUNNING.equals(failed.status())
                    ? "is still running" : "succeeded") + "); only a failed export can be retried.");
        }
        Path folder = exportsFolder(workspaceId).resolve(failed.stagedId());
        for (Exports.File f : failed.staged()) {
            if (!Files.isRegularFile(folder.resolve(f.name()))) {
                throw ApiException.conflict("The staged files of export " + exportId + " are gone from " + folder
                        + " (" + f.name() + " is missing), so it cannot be retried; export again instead.");
            }
        }
        Map<String, Object> config = new LinkedHashMap<>(failed.receipt().config() == null ? Map.of()
                : failed.receipt().config());
        if (request != null && request.config() != null) {
            config.putAll(request.config());
        }
        List<FieldError> errors = new ArrayList<>();
        ExportPlan plan = ExportPlan.of(failed.receipt().destination(), config, tls, errors);
        if (plan == null) {
            throw ApiException.invalid("Invalid retry config", errors);
        }
        String id = Ids.newId("exp", startedAt);
        Exports.Receipt old = failed.receipt();
        Exports.Receipt running = new Exports.Receipt(id, old.destination(), old.count(), old.sha256(),
                folder.toAbsolutePath().toString(), RUNNING, startedAt, null, null, old.format(), failed.staged(),
                null, exportId, Secrets.redact(config));
        Map<String, Object> retryRequest = new LinkedHashMap<>(failed.request());
        retryRequest.put("retryOf", exportId);
        retryRequest.put("config", Secrets.redact(config));
        db.write(c -> {
            insert(c, workspaceId, running, failed.root(), failed.stagedId(), failed.staged(), retryRequest);
            return null;
        });
        return deliver(workspaceId, running, plan, new Delivery.Staged(id, failed.root(), folder, failed.staged(),
                config), new Period(null, null));
    }

    /** Delivers, then finishes the receipt: succeeded, or failed and answered 502 destination_failed. */
    private Exports.Result deliver(String workspaceId, Exports.Receipt running, ExportPlan plan,
                                   Delivery.Staged staged, Period period) {
        List<Exports.File> delivered;
        String error = null;
        try {
            delivered = plan.delivery().deliver(staged);
        } catch (Delivery.DeliveryException e) {
            delivered = null;
            error = Secrets.scrub(e.getMessage(), Secrets.values(staged.config()));
        } catch (RuntimeException e) {
            delivered = null;
            error = Secrets.scrub("The delivery failed unexpectedly: " + e, Secrets.values(staged.config()));
        }
        long now = clock.millis();
        Exports.Receipt done = delivered == null
                ? withOutcome(running, Exports.FAILED, now, error, running.files(), running.location(), null)
                : withOutcome(running, Exports.SUCCEEDED, now, null, delivered,
                        plan.location(staged.folder(), delivered), plan.loadCommand(staged.folder(), delivered));
        db.write(c -> {
            finish(c, workspaceId, done);
            return null;
        });
        if (delivered == null) {
            throw ApiException.destinationFailed("Export " + done.exportId() + " to " + done.destination()
                    + " failed: " + error, List.of(new FieldError(null, "exportId", ErrorCodes.DESTINATION_FAILED,
                    done.exportId())));
        }
        return new Exports.Result(done, proof(workspaceId, period, now));
    }

    private static Exports.Receipt withOutcome(Exports.Receipt r, String status, long finishedAt, String error,
                                               List<Exports.File> files, String location, String loadCommand) {
        return new Exports.Receipt(r.exportId(), r.destination(), r.count(), r.sha256(), location, status,
                r.startedAt(), finishedAt, error, r.format(), files, loadCommand, r.retryOf(), r.config());
    }

    /**
     * Writes the export's files into {@code .<exportId>.tmp}, then moves that folder to {@code <exportId>}
     * in one step: a failure leaves nothing behind.
     */
    private Staging stage(String workspaceId, String exportId, Layout layout, Columns columns,
                          Exports.Request request, int limit) {
        Path root = exportsFolder(workspaceId);
        Path tmp = root.resolve("." + exportId + ".tmp");
        Path folder = root.resolve(exportId);
        try {
            List<Exports.File> files;
            int count;
            try (StagingWriter writer = new StagingWriter(tmp, layout, columns)) {
                if (request.records() != null) {
                    for (Map<String, Object> r : request.records()) {
                        writer.record(r);
                    }
                } else {
                    writeEvents(workspaceId, request, limit, layout, writer);
                }
                files = writer.finish();
                count = writer.count();
            }
            try {
                Files.move(tmp, folder, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, folder);
            }
            return new Staging(folder, files, count);
        } catch (IOException | UncheckedIOException | EngineException e) {
            deleteQuietly(tmp);
            throw new ApiException.Server(500, ErrorCodes.INTERNAL, "Could not stage export " + exportId + " in "
                    + root + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /**
     * The {@code limit} most recent events in [from, to) that match the filter, oldest first: the
     * limit-th most recent one is found through the index, then the events from it on are read in
     * keyset pages of {@value #PAGE}. Events stored after the export started are not included.
     */
    private void writeEvents(String workspaceId, Exports.Request request, int limit, Layout layout,
                             StagingWriter writer) throws IOException {
        Exports.Filter f = request.filter();
        StringBuilder where = new StringBuilder(" WHERE workspace_id = ? AND seq <= ?");
        List<Object> args = new ArrayList<>();
        args.add(workspaceId);
        args.add(db.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COALESCE(MAX(seq), 0) FROM event")) {
                rs.next();
                return rs.getLong(1);
            }
        }));
        if (f != null) {
            condition(where, args, "event = ?", f.event());
            condition(where, args, "business_id = ?", f.businessId());
            condition(where, args, "actor_key = ?", f.actor());
            condition(where, args, "trace_id = ?", f.traceId());
        }
        condition(where, args, "ts >= ?", request.from());
        condition(where, args, "ts < ?", request.to());
        String order = f != null && f.event() != null ? "workspace_id, event, ts, seq"
                : f != null && f.businessId() != null ? "workspace_id, business_id, ts, seq" : "workspace_id, ts, seq";
        String desc = order.replace(",", " DESC,") + " DESC";
        long[] after = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT ts, seq FROM event" + where + " ORDER BY " + desc
                    + " LIMIT 1 OFFSET ?")) {
                int i = bind(ps, args);
                ps.setInt(i, limit - 1);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2) - 1} : null;
                }
            }
        });
        String page = "SELECT seq, ts, envelope FROM event" + where + " AND ts >= ? AND (ts > ? OR seq > ?)"
                + " ORDER BY " + order + " LIMIT ?";
        String first = "SELECT seq, ts, envelope FROM event" + where + " ORDER BY " + order + " LIMIT ?";
        boolean parse = layout.kind() != Layout.Kind.JSONL && layout.kind() != Layout.Kind.JSONL_OBJECTS;
        int left = limit;
        long[] cursor = after;
        while (left > 0) {
            int n = Math.min(PAGE, left);
            long[] from = cursor;
            List<Object[]> rows = db.read(c -> {
                try (PreparedStatement ps = c.prepareStatement(from == null ? first : page)) {
                    int i = bind(ps, args);
                    if (from != null) {
                        ps.setLong(i++, from[0]);
                        ps.setLong(i++, from[0]);
                        ps.setLong(i++, from[1]);
                    }
                    ps.setInt(i, n);
                    List<Object[]> out = new ArrayList<>(n);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3)});
                        }
                    }
                    return out;
                }
            });
            for (Object[] r : rows) {
                String envelope = (String) r[2];
                Event e = parse ? EventStore.fromJson(envelope) : null;
                writer.event(e, envelope);
            }
            left -= rows.size();
            if (rows.size() < n) {
                break;
            }
            Object[] last = rows.get(rows.size() - 1);
            cursor = new long[] {(Long) last[1], (Long) last[0]};
        }
    }

    private static void condition(StringBuilder sql, List<Object> args, String clause, Object value) {
        if (value != null) {
            sql.append(" AND ").append(clause);
            args.add(value);
        }
    }

    /** Binds {@code args} from parameter 1; answers the next parameter's index. */
    private static int bind(PreparedStatement ps, List<Object> args) throws SQLException {
        int i = 1;
        for (Object a : args) {
            if (a instanceof Long l) {
                ps.setLong(i++, l);
            } else {
                ps.setString(i++, (String) a);
            }
        }
        return i;
    }

    private static void checkFilter(Exports.Filter f, List<FieldError> errors) {
        if (f == null) {
            return;
        }
        String[][] fields = {{"filter.event", f.event()}, {"filter.businessId", f.businessId()},
            {"filter.actor", f.actor()}, {"filter.traceId", f.traceId()}};
        for (String[] field : fields) {
            if (field[1] != null && (field[1].isEmpty() || field[1].length() > EventLimits.MAX_ID_LENGTH)) {
                errors.add(new FieldError(null, field[0], "invalid_value", "must be 1-" + EventLimits.MAX_ID_LENGTH
                        + " characters"));
            }
        }
    }

    private static void checkRecords(Exports.Request request, List<Map<String, Object>> records,
                                     List<FieldError> errors) {
        if (records.isEmpty()) {
            errors.add(new FieldError(null, "records", "invalid_value", "must hold at least one record; leave it out"
                    + " to export stored events"));
        } else if (records.size() > Exports.MAX_RECORDS) {
            errors.add(new FieldError(null, "records", FieldError.TOO_LARGE, records.size() + " records; the limit is "
                    + Exports.MAX_RECORDS));
        }
        for (int i = 0; i < records.size() && i < Exports.MAX_RECORDS; i++) {
            if (records.get(i) == null) {
                errors.add(new FieldError(i, null, "invalid_type", "must be a JSON object"));
            }
        }
        if (request.from() != null || request.to() != null || request.filter() != null) {
            errors.add(new FieldError(null, "records", "invalid_value", "cannot be combined with from, to or filter:"
                    + " those select stored events"));
        }
    }

    private Row row(String workspaceId, String exportId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT receipt, status, idempotency_root, staged_id,"
                    + " staged_files, request FROM export_receipt WHERE workspace_id = ? AND id = ?")) {
                ps.setString(1, workspaceId);
                ps.setString(2, exportId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    return new Row(read(rs.getString(1), Exports.Receipt.class), rs.getString(2), rs.getString(3),
                            rs.getString(4), read(rs.getString(5), FILES), read(rs.getString(6), OBJECT));
                }
            }
        });
    }

    private static void insert(Connection c, String workspaceId, Exports.Receipt r, String root, String stagedId,
                               List<Exports.File> staged, Map<String, Object> request) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO export_receipt (workspace_id, id, destination,"
                + " status, started_at, idempotency_root, retry_of, staged_id, staged_files, request, receipt)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, workspaceId);
            ps.setString(2, r.exportId());
            ps.setString(3, r.destination());
            ps.setString(4, r.status());
            ps.setLong(5, r.startedAt());
            ps.setString(6, root);
            ps.setString(7, r.retryOf());
            ps.setString(8, stagedId);
            ps.setString(9, ApiJson.write(staged));
            ps.setString(10, ApiJson.write(request));
            ps.setString(11, ApiJson.write(r));
            ps.executeUpdate();
        }
    }

    private static void finish(Connection c, String workspaceId, Exports.Receipt r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE export_receipt SET status = ?, finished_at = ?,"
                + " receipt = ? WHERE workspace_id = ? AND id = ?")) {
            ps.setString(1, r.status());
            ps.setLong(2, r.finishedAt());
            ps.setString(3, ApiJson.write(r));
            ps.setString(4, workspaceId);
            ps.setString(5, r.exportId());
            ps.executeUpdate();
        }
    }

    /** The request as stored: everything but the records (counted) and the config's secrets. */
    private static Map<String, Object> redactedRequest(Exports.Request r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("destination", r.destination());
        out.put("limit", r.limit());
        out.put("from", r.from());
        out.put("to", r.to());
        out.put("filter", r.filter());
        out.put("records", r.records() == null ? null : r.records().size());
        out.put("config", Secrets.redact(r.config()));
        out.values().removeIf(v -> v == null);
        return out;
    }

    /**
     * The receipt's SHA-256 (docs/exports.md, Receipts): of the text that lists each staged file as
     * {@code <sha256 hex>  <name>\n} in name order (the {@code sha256sum} format), so it covers every
     * byte exported and is the same on every retry.
     */
    static String contentSha256(List<Exports.File> staged) {
        StringBuilder list = new StringBuilder();
        staged.stream().sorted(Comparator.comparing(Exports.File::name))
                .forEach(f -> list.append(f.sha256()).append("  ").append(f.name()).append('\n'));
        return HexFormat.of().formatHex(StagingWriter.sha256().digest(list.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private Path exportsFolder(String workspaceId) {
        return db.folder().resolve("exports").resolve(workspaceId);
    }

    private static Proof proof(String workspaceId, Period period, long now) {
        return new Proof(Ids.newId("q", now), workspaceId, null, period, now, Proof.SCHEMA_VERSION);
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new EngineException("A stored export receipt could not be read: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new EngineException("A stored export receipt could not be read: " + e.getOriginalMessage(), e);
        }
    }

    private static void deleteQuietly(Path folder) {
        try {
            deleteTree(folder);
        } catch (IOException ignored) {
            // the next engine start removes a leftover .tmp folder
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
