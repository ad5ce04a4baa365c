package com.headlessanalytics.console.app.bench;

import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.EventValidator;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.engine.EventRows;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

/**
 * Importing a history file, side by side in one run: raw H2 JDBC batch inserts of the file's rows
 * (the baseline: the engine's own rows, every column, validated and serialised outside the clock,
 * inserted in file order, 1000 a commit, the H2 settings of {@link IngestBenchmark}'s raw variant)
 * against {@code ingest FILE} into a data folder, end to end (both passes over the file, parsing,
 * validation, duplicate lookups, the projections, every commit). The file is a
 * {@link PerActorExport}: per-actor order, client UUIDs.
 */
public final class ImportBenchmark {
    /** Runs {@code ingest FILE} into a data folder and answers how many events it stored. */
    @FunctionalInterface
    public interface Importer {
        long importFile(Path file, Path dataFolder) throws Exception;
    }

    private static final int RAW_BATCH = 1000;

    private final long events;
    private final int rounds;
    private final long seed;
    private final PrintWriter out;
    private final Importer importer;

    public ImportBenchmark(long events, int rounds, long seed, PrintWriter out, Importer importer) {
        this.events = events;
        this.rounds = rounds;
        this.seed = seed;
        this.out = out;
        this.importer = importer;
    }

    public record Figures(double rawPerSecond, double importPerSecond) {
        public double ratio() {
            return importPerSecond / rawPerSecond;
        }
    }

    /**
     * Writes the file (kept in {@code scratch} for later runs of the same size and seed), warms both
     * variants up on its first 20,000 events, then runs {@code rounds} rounds of the two on fresh
     * data folders; the medians are the figures.
     */
    public Figures run(Path scratch) throws Exception {
        Files.createDirectories(scratch);
        Path file = scratch.resolve("per-actor-" + events + "-seed" + seed + ".ndjson");
        if (!Files.exists(file)) {
            long started = System.nanoTime();
            Path partial = scratch.resolve(file.getFileName() + ".partial");
            PerActorExport.write(partial, events, seed, scratch.resolve("buckets"));
            Files.move(partial, file);
            out.printf("wrote %s (%,d events, %,d MB) in %.0f s%n", file.getFileName(), events,
                    Files.size(file) >> 20, seconds(started));
        }
        out.printf("import benchmark: %,d per-actor events with client ids (seed %d), %d rounds, Java %s, %d cores%n",
                events, seed, rounds, Runtime.version(), Runtime.getRuntime().availableProcessors());
        out.flush();
        Path warm = scratch.resolve("warm.ndjson");
        head(file, warm, (int) Math.min(20_000, events));
        runRaw(fresh(scratch, "warm-raw"), warm);
        runImport(fresh(scratch, "warm-import"), warm);
        double[] raw = new double[rounds];
        double[] bulk = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            raw[r] = runRaw(fresh(scratch, "raw"), file);
            bulk[r] = runImport(fresh(scratch, "import"), file);
            out.printf("round %d: raw %,.0f  import %,.0f events/s  (%.2f)%n", r + 1, raw[r], bulk[r], bulk[r] / raw[r]);
            out.flush();
        }
        IngestBenchmark.delete(scratch.resolve("raw"));
        IngestBenchmark.delete(scratch.resolve("import"));
        Figures f = new Figures(IngestBenchmark.median(raw), IngestBenchmark.median(bulk));
        out.printf("%-52s %,12.0f events/s (median)   1.00%n", "raw H2 JDBC batch insert, file order (baseline)",
                f.rawPerSecond());
        out.printf("%-52s %,12.0f events/s (median)   %.2f of baseline%n", "ingest FILE into a data folder (end to end)",
                f.importPerSecond(), f.ratio());
        out.flush();
        return f;
    }

    /** A fresh data folder with the schema migrated and the first workspace created, as both variants start. */
    private static Path fresh(Path scratch, String name) throws IOException {
        Path folder = scratch.resolve(name);
        IngestBenchmark.delete(folder);
        Engine.open(folder).close();
        return folder;
    }

    private double runImport(Path folder, Path file) throws Exception {
        long start = System.nanoTime();
        long stored = importer.importFile(file, folder);
        double s = seconds(start);
        long expected = lines(file);
        if (stored != expected) {
            throw new IllegalStateException("the import stored " + stored + " of " + expected + " events");
        }
        return stored / s;
    }

    /**
     * The baseline: the file's events as the engine would store them, each batch validated and
     * serialised before its clock starts, then inserted and committed with plain JDBC.
     */
    private double runRaw(Path folder, Path file) throws Exception {
        String url = "jdbc:h2:file:" + folder.toAbsolutePath().resolve("headless") + ";WRITE_DELAY=0;CACHE_SIZE=65536";
        long now = System.currentTimeMillis();
        long nanos = 0;
        long n = 0;
        try (Connection c = DriverManager.getConnection(url, "ha", "");
             BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String workspace;
            try (ResultSet rs = c.createStatement().executeQuery("SELECT id FROM workspace")) {
                rs.next();
                workspace = rs.getString(1);
            }
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(EventRows.INSERT)) {
                Event[] batch = new Event[RAW_BATCH];
                String[] json = new String[RAW_BATCH];
                boolean more = true;
                while (more) {
                    int size = 0;
                    for (String line; size < RAW_BATCH && (line = in.readLine()) != null; size++) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> raw = ApiJson.mapper().readValue(line, Map.class);
                        batch[size] = EventValidator.validate(null, raw, 0, now, "default", null).event();
                        json[size] = EventRows.envelope(batch[size]);
                    }
                    more = size == RAW_BATCH;
                    if (size == 0) {
                        break;
                    }
                    long start = System.nanoTime();
                    for (int i = 0; i < size; i++) {
                        EventRows.addBatch(ps, ++n, workspace, batch[i], json[i]);
                    }
                    ps.executeBatch();
                    c.commit();
                    nanos += System.nanoTime() - start;
                }
            }
        }
        return n / (nanos / 1e9);
    }

    private static void head(Path file, Path to, int lines) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             BufferedWriter w = Files.newBufferedWriter(to, StandardCharsets.UTF_8)) {
            String line;
            for (int i = 0; i < lines && (line = in.readLine()) != null; i++) {
                w.write(line);
                w.write('\n');
            }
        }
    }

    private static long lines(Path file) throws IOException {
        try (var s = Files.lines(file, StandardCharsets.UTF_8)) {
            return s.filter(l -> !l.isBlank()).count();
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
