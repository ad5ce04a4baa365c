package com.headlessanalytics.console.hardware.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.headlessanalytics.console.api.ApiJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scanner station's durable scan queue (docs/labels-and-scanners.md, "Scanner station"): an
 * append-only file of JSON lines, forced to disk after every scan, so a scan taken is never lost,
 * even when the API is unreachable or the console is killed. Each scan has a stable id (the id of
 * the event it records, so a resend after a crash is stored once) and a state: pending until the
 * API stored it, or answered that its code is unknown, or rejected it. Opening the file again
 * gives back the pending scans in the order they were taken; a torn last line (a crash mid-write)
 * is dropped, and finished scans are compacted away. Thread-safe.
 */
public final class ScanJournal {
    private static final Logger LOG = LoggerFactory.getLogger(ScanJournal.class);

    public enum State { PENDING, SENT, UNKNOWN, REJECTED }

    /** One scan: {@code code} null when the text named none. */
    public record Entry(String id, long at, String text, String code, String station, State state, String reason) {
        Entry with(State now, String why) {
            return new Entry(id, at, text, code, station, now, why);
        }
    }

    private final Path file;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private FileChannel channel;

    private ScanJournal(Path file) {
        this.file = file;
    }

    /** Opens (or creates) the journal in {@code file}, keeping only the pending scans. */
    public static ScanJournal open(Path file) throws IOException {
        ScanJournal journal = new ScanJournal(file);
        journal.load();
        return journal;
    }

    private void load() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (Files.isRegularFile(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                try {
                    apply(ApiJson.mapper().readTree(line));
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Scan journal {} line {} is unreadable{}; skipped", file, i + 1,
                            i == lines.size() - 1 ? " (cut short by a crash)" : "");
                }
            }
        }
        List<Entry> pending = pending();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (Entry e : pending) {
                write(out, scanLine(e));
            }
            out.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        entries.clear();
        pending.forEach(e -> entries.put(e.id(), e));
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    private void apply(JsonNode line) {
        String id = line.path("id").asText(null);
        if (id == null) {
            throw new IllegalArgumentException("no id");
        }
        switch (line.path("op").asText("")) {
            case "scan" -> entries.put(id, new Entry(id, line.path("at").asLong(), line.path("text").asText(""),
                    line.path("code").asText(null), line.path("station").asText(null), State.PENDING, null));
            case "sent" -> mark(id, State.SENT, null);
            case "unknown" -> mark(id, State.UNKNOWN, null);
            case "rejected" -> mark(id, State.REJECTED, line.path("reason").asText(null));
            default -> throw new IllegalArgumentException("unknown op");
        }
    }

    private void mark(String id, State state, String reason) {
        Entry e = entries.get(id);
        if (e != null) {
            entries.put(id, e.with(state, reason));
        }
    }

    /** Adds a pending scan and forces it to disk before returning. */
    public synchronized Entry append(String id, long at, String text, String code, String station) {
        Entry e = new Entry(id, at, text, code, station, State.PENDING, null);
        writeSynced(List.of(scanLine(e)));
        entries.put(id, e);
        return e;
    }

    /** Records the scans' new state (sent, unknown or rejected) and forces it to disk. */
    public synchronized void finish(List<String> ids, State state, String reason) {
        if (state == State.PENDING || ids.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        for (String id : ids) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("op", state.name().toLowerCase(java.util.Locale.ROOT));
            line.put("id", id);
            if (reason != null) {
                line.put("reason", reason);
            }
            lines.add(ApiJson.write(line));
        }
        writeSynced(lines);
        ids.forEach(id -> mark(id, state, reason));
    }

    /** The scans not yet finished, oldest first. */
    public synchronized List<Entry> pending() {
        return entries.values().stream().filter(e -> e.state() == State.PENDING).toList();
    }

    public synchronized int pendingCount() {
        return (int) entries.values().stream().filter(e -> e.state() == State.PENDING).count();
    }

    public synchronized Entry entry(String id) {
        return entries.get(id);
    }

    public Path file() {
        return file;
    }

    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("Scan journal {} did not close cleanly: {}", file, e.getMessage());
        }
    }

    private static String scanLine(Entry e) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("op", "scan");
        line.put("id", e.id());
        line.put("at", e.at());
        line.put("text", e.text());
        line.put("code", e.code());
        line.put("station", e.station());
        return ApiJson.write(line);
    }

    private void writeSynced(List<String> lines) {
        try {
            for (String line : lines) {
                write(channel, line);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("The scan journal " + file + " could not be written: " + e.getMessage(), e);
        }
    }

    private static void write(FileChannel out, String line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }
}
