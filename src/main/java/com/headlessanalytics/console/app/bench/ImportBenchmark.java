package com.headlessanalytics.console.app.bench;

import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.connectors.ConnectorRegistry;
import com.headlessanalytics.console.connectors.MappedRecord;
import com.headlessanalytics.console.connectors.ProviderMapping;
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
import java.sql.Statement;
import java.util.Map;

/**
 * Importing a history file, side by side in one run: raw H2 JDBC batch inserts of the file's rows
 * (the baseline: the engine's own rows, every column, validated and serialised outside the clock,
 * inserted in file order, 1000 a JDBC batch, in transactions of the size the import commits)
 * against the import into a data folder, end to end. Two variants, by the file:
 * <ul>
 * <li>per-actor (the default): the file is a {@link PerActorExport} (per-actor order, client
 * UUIDs) and the import is {@code ingest FILE} (both passes over the file, parsing, validation,
 * duplicate lookups, the projections, every commit); the baseline commits 100,000 rows a
 * transaction, {@code ingest FILE}'s chunk, with H2's background writer on, which compacts the file
 * beside the inserts (random ids leave it mostly dead), and a {@code CHECKPOINT} after each commit,
 * so that each commit is stored before the next; the engine compacts such a file too, but on its
 * writer thread between transactions, since H2's background writer can leave a killed file H2
 * cannot open (docs/performance.md, "Compaction and kill -9");</li>
 * <li>{@code shopify}: the file is {@link ShopifyOrders} records, one JSON object a line, the
 * baseline's rows are the events the Shopify mapping makes of them (mapped, given the business
 * {@code default} and validated as connector ingest does), and the import is
 * {@code connectors ingest FILE --provider shopify} (reading, mapping, id derivation, validation,
 * duplicate lookups, the projections, every commit); the baseline commits 1000 rows a transaction,
 * the connector's request, with H2's background writer off: the orders come in time order with
 * increasing ids, which H2 appends, and the writer slowed such inserts by a fifth in
 * {@code bench ingest} (docs/performance.md).</li>
 * </ul>
 */
public final class ImportBenchmark {
    /**
     * Runs the import ({@code ingest FILE}, or {@code connectors ingest FILE} for a connector's file)
     * into a data folder and answers how many events it stored.
     */
    @FunctionalInterface
    public interface Importer {
        long importFile(Path file, Path dataFolder) throws Exception;
    }

    /** The connector whose file import the {@code shopify} variant measures. */
    public static final String SHOPIFY = "shopify";

    private static final int RAW_BATCH = 1000;
    private static final String BUSINESS = "default";

    /** How a line of the file becomes the event the engine would store; {@code index} is its place in the batch. */
    @FunctionalInterface
    private interface Rows {
        Event event(int index, String line, long now) throws IOException;
    }

    /** Writes the file to {@code to}, with {@code scratch} for any work files. */
    @FunctionalInterface
    private interface Writing {
        void write(Path to, Path scratch) throws IOException;
    }

    /**
     * H2's write delay when the baseline runs its background writer: it then wakes every 10 ms and
     * rewrites a few of the emptiest chunks each time (30 ms imported 2M events in 6.1 min against
     * 7.7 min at 100 ms and 9.4 min at 1 s; docs/performance.md, "Bulk import").
     */
    private static final int RAW_WRITE_DELAY_MS = 30;

    /**
     * A variant's file: its name, what its lines are, how it is written and read, the baseline's
     * transaction size and whether it runs H2's background writer, and the two figures' labels.
     */
    private record Source(String file, String noun, String what, Writing writing, Rows rows, int rawCommit,
                          boolean rawBackgroundWriter, String rawLabel, String importLabel) {
    }

    private final long events;
    private final int rounds;
    private final long seed;
    private final PrintWriter out;
    private final Importer importer;
    private final Source source;

    /**
     * {@code connector} null measures {@code ingest FILE} of a per-actor file; {@link #SHOPIFY} measures
     * {@code connectors ingest FILE} of Shopify orders, which {@code importer} must run.
     */
    public ImportBenchmark(long events, int rounds, long seed, String connector, PrintWriter out, Importer importer) {
        this.events = events;
        this.rounds = rounds;
        this.seed = seed;
        this.out = out;
        this.importer = importer;
        this.source = connector == null ? perActor(events, seed) : connector(connector, events, seed);
    }

    private static Source perActor(long events, long seed) {
        return new Source("per-actor-" + events + "-seed" + seed + ".ndjson", "events", "per-actor events with client ids",
                (to, scratch) -> PerActorExport.write(to, events, seed, scratch.resolve("buckets")),
                (index, line, now) -> EventValidator.validate(null, read(line), 0, now, BUSINESS, null).event(),
                100_000, true,
                "raw H2 JDBC batch insert, file order (baseline)", "ingest FILE into a data folder (end to end)");
    }

    private static Source connector(String connector, long events, long seed) {
        if (!SHOPIFY.equals(connector)) {
            throw new IllegalArgumentException("--connector: '" + connector + "' is not supported; the only one is "
                    + SHOPIFY);
        }
        if (events > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--events: at most " + Integer.MAX_VALUE + " Shopify records");
        }
        ProviderMapping mapping = ConnectorRegistry.standard().provider(SHOPIFY);
        return new Source("shopify-orders-" + events + "-seed" + seed + ".ndjson", "records",
                "Shopify order records, one per line", (to, scratch) -> ShopifyOrders.write(to, (int) events, seed),
                (index, line, now) -> mapped(mapping, index, line, now), 1000, false,
                "raw H2 JDBC batch insert of the mapped rows (baseline)",
                "connectors ingest FILE (" + SHOPIFY + ") into a data folder (end to end)");
    }

    /** A record as connector ingest stores it: mapped, given its business, validated. */
    private static Event mapped(ProviderMapping mapping, int index, String line, long now) throws IOException {
        MappedRecord mapped = mapping.map(null, read(line));
        if (!mapped.valid()) {
            throw new IllegalStateException("a record did not map: " + mapped.errors());
        }
        EventValidator.Outcome outcome = mapped.validate(index, BUSINESS, now);
        if (!outcome.valid()) {
            throw new IllegalStateException("a mapped record is not a valid event: " + outcome.errors());
        }
        return outcome.event();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String line) throws IOException {
        return ApiJson.mapper().readValue(line, Map.class);
    }

    public record Figures(double rawPerSecond, double importPerSecond) {
        public double ratio() {
            return importPerSecond / rawPerSecond;
        }
    }

    /**
     * Writes the file (kept in {@code scratch} for later runs of the same size and seed), warms both
     * the baseline and the import up on its first 20,000 events, then runs {@code rounds} rounds of the two on fresh
     * data folders; the medians are the figures.
     */
    public Figures run(Path scratch) throws Exception {
        Files.createDirectories(scratch);
        Path file = scratch.resolve(source.file());
        if (!Files.exists(file)) {
            long started = System.nanoTime();
            Path partial = scratch.resolve(file.getFileName() + ".partial");
            source.writing().write(partial, scratch);
            Files.move(partial, file);
            out.printf("wrote %s (%,d %s, %,d MB) in %.0f s%n", file.getFileName(), events, source.noun(),
                    Files.size(file) >> 20, seconds(started));
        }
        out.printf("import benchmark: %,d %s (seed %d), %d rounds, Java %s, %d cores%n", events, source.what(),
                seed, rounds, Runtime.version(), Runtime.getRuntime().availableProcessors());
        out.flush();
        Path warm = scratch.resolve("warm.ndjson");
        head(file, warm, (int) Math.min(20_000, events));
        runRaw(fresh(scratch, "warm-raw"), warm);
        runImport(fresh(scratch, "warm-import"), warm);
        double[] raw = new double[rounds];
        double[] bulk = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            raw[r] = runRaw(fresh(scratch, "raw"), file);
            IngestBenchmark.delete(scratch.resolve("raw"));
            bulk[r] = runImport(fresh(scratch, "import"), file);
            IngestBenchmark.delete(scratch.resolve("import"));
            out.printf("round %d: raw %,.0f  import %,.0f events/s  (%.2f)%n", r + 1, raw[r], bulk[r], bulk[r] / raw[r]);
            out.flush();
        }
        Figures f = new Figures(IngestBenchmark.median(raw), IngestBenchmark.median(bulk));
        String label = "%-" + Math.max(52, Math.max(source.rawLabel().length(), source.importLabel().length())) + "s";
        out.printf(label + " %,12.0f events/s (median)   1.00%n", source.rawLabel(), f.rawPerSecond());
        out.printf(label + " %,12.0f events/s (median)   %.2f of baseline%n", source.importLabel(),
                f.importPerSecond(), f.ratio());
        out.flush();
        return f;
    }

    /** A fresh data folder with the schema migrated and the first workspace created, as both runs start. */
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
     * The baseline: the file's events as the engine would store them, each batch made into events
     * ({@link Source#rows()}) and serialised before its clock starts, then inserted and committed
     * with plain JDBC in transactions of {@link Source#rawCommit()} events. With
     * {@link Source#rawBackgroundWriter()} H2's background writer compacts the file as it grows
     * (without it, the per-actor file's random ids left 19 GB for 1M events, 8.4 GB with it, which
     * slowed the baseline down and would not fit at 10M) and each commit is followed by a
     * {@code CHECKPOINT}, so a committed transaction is in the file before the next one starts.
     */
    private double runRaw(Path folder, Path file) throws Exception {
        String url = "jdbc:h2:file:" + folder.toAbsolutePath().resolve("headless") + ";WRITE_DELAY="
                + (source.rawBackgroundWriter() ? RAW_WRITE_DELAY_MS : 0) + ";CACHE_SIZE=65536";
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
            try (PreparedStatement ps = c.prepareStatement(EventRows.INSERT);
                 Statement checkpoint = c.createStatement()) {
                Event[] batch = new Event[RAW_BATCH];
                String[] json = new String[RAW_BATCH];
                int uncommitted = 0;
                boolean last = false;
                while (!last) {
                    int size = 0;
                    for (String line; size < RAW_BATCH && (line = in.readLine()) != null; size++) {
                        batch[size] = source.rows().event(size, line, now);
                        json[size] = EventRows.envelope(batch[size]);
                    }
                    last = size < RAW_BATCH;
                    long start = System.nanoTime();
                    if (size > 0) {
                        for (int i = 0; i < size; i++) {
                            EventRows.addBatch(ps, ++n, workspace, batch[i], json[i]);
                        }
                        ps.executeBatch();
                        uncommitted += size;
                    }
                    if (uncommitted > 0 && (last || uncommitted >= source.rawCommit())) {
                        c.commit();
                        if (source.rawBackgroundWriter()) {
                            checkpoint.execute("CHECKPOINT");
                        }
                        uncommitted = 0;
                    }
                    nanos += System.nanoTime() - start;
                }
            }
        }
        try (Connection c = DriverManager.getConnection(url, "ha", "");
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM event")) {
            rs.next();
            if (rs.getLong(1) != n) {
                throw new IllegalStateException("the baseline committed " + rs.getLong(1) + " of " + n + " events");
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
