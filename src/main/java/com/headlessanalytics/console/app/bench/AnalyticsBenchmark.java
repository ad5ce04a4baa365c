package com.headlessanalytics.console.app.bench;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.IngestResult;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.EventValidator;
import com.headlessanalytics.console.domain.demo.DemoGenerator;
import com.headlessanalytics.console.engine.Engine;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Analytics on the embedded engine against DuckDB as the reference, on the same demo-generator
 * events: load times, the engine's memory, the dashboard and funnel queries (medians of rounds
 * after a warm-up, both engines interleaved), the ratio to DuckDB, whether both gave the same
 * answers, and the longest FX pulse gap while a query runs through the console's task runner.
 * DuckDB is optional at run time: without it on the classpath the engine figures are printed alone.
 */
public final class AnalyticsBenchmark {
    /** The end of every generated range: 2026-11-01T00:00Z, so the same settings give the same events. */
    public static final long END = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
    static final int BATCH = 1000;
    private static final String BUSINESS = Engine.DEFAULT_BUSINESS_ID;
    private static final double MB = 1024 * 1024;

    private final Settings settings;
    private final PrintWriter out;
    private boolean toolkitStarted;

    /**
     * @param sizes         event counts, one full run each
     * @param rounds        timed rounds per query (the median is reported)
     * @param warmUp        untimed runs of every query first (the first also checks the answers)
     * @param days          length of the generated range, ending at {@link #END}
     * @param duckDbThreads DuckDB worker threads, or null for DuckDB's default (one per core)
     * @param fxProbe       measure FX pulse gaps on the largest size
     * @param dataDir       keep loaded data here and reuse it on the next run, or null for throw-away folders
     */
    public record Settings(List<Long> sizes, int rounds, int warmUp, int days, long seed, Integer duckDbThreads,
                           boolean fxProbe, Path dataDir) {
        public Settings {
            if (sizes.isEmpty() || sizes.stream().anyMatch(n -> n < 1000)) {
                throw new IllegalArgumentException("--events must list sizes of at least 1000 events");
            }
            if (rounds < 1 || warmUp < 1) {
                throw new IllegalArgumentException("--rounds and --warmup must be at least 1");
            }
            if (days < 8 || days > 3660) {
                throw new IllegalArgumentException("--days must be between 8 and 3660");
            }
            if (duckDbThreads != null && duckDbThreads < 1) {
                throw new IllegalArgumentException("--duckdb-threads must be at least 1");
            }
            sizes = List.copyOf(sizes);
        }
    }

    /**
     * What one run found: how many queries answered differently on the engine and in DuckDB;
     * whether DuckDB ran; whether the FX probe started the JavaFX toolkit (then the caller ends it).
     */
    public record Outcome(int mismatches, boolean referenceRan, boolean toolkitStarted) {
    }

    public AnalyticsBenchmark(Settings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    public Outcome run(Path scratch) throws Exception {
        boolean duckdb = DuckDbReference.available();
        out.printf("analytics benchmark: sizes %s, seed %d, %d days of demo data up to %s, %d warm-up + %d timed rounds;"
                        + " Java %s, %d cores, max heap %,.0f MB, %s%n", sizes(), settings.seed(), settings.days(),
                Instant.ofEpochMilli(END), settings.warmUp(), settings.rounds(), Runtime.version(),
                Runtime.getRuntime().availableProcessors(), HeapWatch.max() / MB, load());
        if (!duckdb) {
            out.println("DuckDB is NOT on the classpath: no reference figures, no answer check."
                    + " Run bench/analytics.sh (it puts the DuckDB JDBC driver from the test dependencies on the"
                    + " classpath).");
        }
        out.flush();
        int mismatches = 0;
        toolkitStarted = false;
        long largest = settings.sizes().stream().mapToLong(Long::longValue).max().orElseThrow();
        boolean probed = false;
        for (long size : settings.sizes()) {
            boolean probe = settings.fxProbe() && !probed && size == largest;
            mismatches += runSize(size, scratch, duckdb, probe);
            probed |= probe;
        }
        if (duckdb) {
            out.println(mismatches == 0 ? "answers: the engine and DuckDB agreed on every query"
                    : "*** " + mismatches + " ANSWER MISMATCH(ES) between the engine and DuckDB: see above ***");
        }
        out.flush();
        return new Outcome(mismatches, duckdb, toolkitStarted);
    }

    private String sizes() {
        return String.join(", ", settings.sizes().stream().map(n -> String.format("%,d", n)).toList());
    }

    // ---- one size

    private int runSize(long events, Path scratch, boolean duckdb, boolean probe) throws Exception {
        out.printf("%n== %,d events ==%n", events);
        Path folder = settings.dataDir() != null
                ? settings.dataDir().resolve("events-" + events + "-seed-" + settings.seed() + "-days-" + settings.days())
                : scratch.resolve("events-" + events);
        Path engineFolder = folder.resolve("engine");
        Path csv = folder.resolve("reference.csv");
        Path marker = folder.resolve("loaded.properties");
        long baseline = HeapWatch.retained();
        Properties loaded = new Properties();
        if (Files.exists(marker)) {
            try (Reader r = Files.newBufferedReader(marker)) {
                loaded.load(r);
            }
            out.printf("reusing the data loaded in %s (ingest then: %s s, %s events/s)%n", folder,
                    loaded.getProperty("ingestSeconds"), loaded.getProperty("eventsPerSecond"));
        } else {
            IngestBenchmark.delete(folder);
            Files.createDirectories(folder);
            loaded = load(events, engineFolder, csv);
            try (Writer w = Files.newBufferedWriter(marker)) {
                loaded.store(w, "bench analytics: loaded completely");
            }
        }
        int mismatches;
        long reopenStart = System.nanoTime();
        try (Engine engine = Engine.open(engineFolder)) {
            double reopenMs = millis(reopenStart);
            HeadlessApi api = engine.defaultWorkspace();
            List<AnalyticsWorkload.Query> queries = AnalyticsWorkload.queries(BUSINESS, END - 1);
            long firstStart = System.nanoTime();
            List<String> firstAnswer = firstAnswer(queries.getLast(), api);
            double firstMs = millis(firstStart);
            long retained = HeapWatch.retained() - baseline;
            out.printf("engine: reopened in %.0f ms; first answer after reopening (%s) in %.0f ms; heap retained with"
                            + " the data loaded %,.0f MB (%.0f bytes/event); data folder %,.0f MB on disk%n", reopenMs,
                    queries.getLast().label(), firstMs, retained / MB, (double) retained / events,
                    folderBytes(engineFolder) / MB);
            out.flush();
            if (firstAnswer.isEmpty()) {
                throw new IllegalStateException("the engine answered nothing");
            }
            DuckDbReference reference = duckdb ? loadReference(csv, events) : null;
            try {
                mismatches = reference == null ? 0 : check(queries, api, reference);
                time(queries, api, reference, events);
                if (probe) {
                    probeFx(queries, api, events);
                }
            } finally {
                if (reference != null) {
                    reference.close();
                }
            }
        }
        if (settings.dataDir() == null) {
            IngestBenchmark.delete(folder);
        }
        return mismatches;
    }

    /**
     * The first answer after opening: the engine loads its analytics projection in the background
     * and answers "not ready" (503) when a query has waited too long for it; this waits on.
     */
    private static List<String> firstAnswer(AnalyticsWorkload.Query q, HeadlessApi api) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (true) {
            try {
                return q.engine().apply(api);
            } catch (ApiException e) {
                if (!ErrorCodes.NOT_READY.equals(e.code()) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    /**
     * Generates the events once: each batch is ingested into a fresh engine (only the ingest calls
     * are timed) and written as reference rows to a CSV file for DuckDB.
     */
    private Properties load(long events, Path engineFolder, Path csv) throws Exception {
        long openStart = System.nanoTime();
        Engine engine = Engine.open(engineFolder);
        double openMs = millis(openStart);
        long[] ingestNanos = {0};
        long[] written = {0};
        long[] accepted = {0};
        long receivedAt = System.currentTimeMillis();
        long reportEvery = Math.max(events / 10, 100_000);
        long start = System.nanoTime();
        try (engine; BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            HeadlessApi api = engine.defaultWorkspace();
            DemoGenerator.builder(END).events(events).seed(settings.seed()).days(settings.days()).build()
                    .forEachBatch(BATCH, batch -> {
                        try {
                            for (Map<String, Object> raw : batch) {
                                EventValidator.Outcome v = EventValidator.validate(null, raw, 0, receivedAt, BUSINESS,
                                        null);
                                if (!v.valid()) {
                                    throw new IllegalStateException("the demo generator made an invalid event: "
                                            + v.errors());
                                }
                                Event e = v.event();
                                ReferenceRow.of(written[0]++, e).writeCsv(w);
                            }
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        long t = System.nanoTime();
                        IngestResult r = api.ingest(batch);
                        ingestNanos[0] += System.nanoTime() - t;
                        accepted[0] += r.accepted();
                        if (accepted[0] % reportEvery < BATCH && accepted[0] >= reportEvery) {
                            out.printf("  ingested %,d events (%,.0f events/s so far)%n", accepted[0],
                                    accepted[0] / (ingestNanos[0] / 1e9));
                            out.flush();
                        }
                    });
            long closeStart = System.nanoTime();
            engine.close();
            double closeMs = millis(closeStart);
            if (accepted[0] != events) {
                throw new IllegalStateException("the engine accepted " + accepted[0] + " of " + events + " events");
            }
            double ingestSeconds = ingestNanos[0] / 1e9;
            out.printf("engine: started empty in %.0f ms; ingested %,d events in %.1f s (%,.0f events/s, batches of %d;"
                            + " generating and writing the reference CSV took another %.1f s, not counted);"
                            + " closed in %.0f ms%n", openMs, events, ingestSeconds, events / ingestSeconds, BATCH,
                    seconds(start) - ingestSeconds, closeMs);
            Properties p = new Properties();
            p.setProperty("events", Long.toString(events));
            p.setProperty("ingestSeconds", String.format("%.1f", ingestSeconds));
            p.setProperty("eventsPerSecond", String.format("%,.0f", events / ingestSeconds));
            return p;
        }
    }

    private DuckDbReference loadReference(Path csv, long events) throws Exception {
        DuckDbReference db = DuckDbReference.open(BUSINESS, settings.duckDbThreads());
        long start = System.nanoTime();
        db.load(csv);
        double loadSeconds = seconds(start);
        long rows = db.rows();
        if (rows != events) {
            db.close();
            throw new IllegalStateException("DuckDB loaded " + rows + " rows of " + events);
        }
        out.printf("DuckDB %s (%s threads, in memory): loaded %,d rows from CSV in %.1f s (%,.0f rows/s);"
                        + " holds %,.0f MB (native memory, outside the Java heap)%n", db.version(), db.threads(), rows,
                loadSeconds, rows / loadSeconds, db.memoryBytes() / MB);
        out.flush();
        return db;
    }

    /** Runs every query once on both; prints each difference loudly. Also the first warm-up. */
    private int check(List<AnalyticsWorkload.Query> queries, HeadlessApi api, DuckDbReference db) throws Exception {
        int mismatches = 0;
        int lines = 0;
        for (AnalyticsWorkload.Query q : queries) {
            List<String> engine = q.engine().apply(api);
            List<String> reference = q.reference().run(db);
            lines += engine.size();
            List<String> diff = AnalyticsAnswers.differences(engine, reference, 10);
            if (!diff.isEmpty()) {
                mismatches++;
                out.printf("*** MISMATCH: %s: the engine and DuckDB answer differently (%d vs %d lines) ***%n",
                        q.label(), engine.size(), reference.size());
                diff.forEach(d -> out.println("    " + d));
            }
        }
        if (mismatches == 0) {
            out.printf("answers: identical on all %d queries (%,d lines compared)%n", queries.size(), lines);
        }
        out.flush();
        return mismatches;
    }

    private void time(List<AnalyticsWorkload.Query> queries, HeadlessApi api, DuckDbReference db, long events)
            throws Exception {
        int n = queries.size();
        for (int w = db == null ? 0 : 1; w < settings.warmUp(); w++) {
            for (AnalyticsWorkload.Query q : queries) {
                q.engine().apply(api);
                if (db != null) {
                    q.reference().run(db);
                }
            }
        }
        double[][] engineMs = new double[n][settings.rounds()];
        double[][] duckMs = new double[n][settings.rounds()];
        long[] peak = new long[n];
        try (HeapWatch heap = new HeapWatch()) {
            for (int r = 0; r < settings.rounds(); r++) {
                for (int i = 0; i < n; i++) {
                    AnalyticsWorkload.Query q = queries.get(i);
                    heap.reset();
                    long t = System.nanoTime();
                    q.engine().apply(api);
                    engineMs[i][r] = millis(t);
                    peak[i] = Math.max(peak[i], heap.peak());
                    if (db != null) {
                        t = System.nanoTime();
                        q.reference().run(db);
                        duckMs[i][r] = millis(t);
                    }
                }
            }
        }
        out.printf("rounds done; 1-minute %s (2.0 = both cores busy)%n", load());
        Targets targets = Targets.of(events);
        out.printf("%-36s %11s %11s %7s %11s   %s%n", "query (median of " + settings.rounds() + ")", "engine ms",
                "DuckDB ms", "ratio", "peak heap", "target " + targets.title());
        for (int i = 0; i < n; i++) {
            AnalyticsWorkload.Query q = queries.get(i);
            double e = IngestBenchmark.median(engineMs[i]);
            Double d = db == null ? null : IngestBenchmark.median(duckMs[i]);
            Double ratio = d == null ? null : e / d;
            out.printf("%-36s %11.1f %11s %7s %8.0f MB   %s%n", q.label(), e, d == null ? "-" : String.format("%.1f", d),
                    ratio == null ? "-" : String.format("%.2f", ratio), peak[i] / MB, targets.verdict(q.kind(), e, ratio));
        }
        out.flush();
    }

    private void probeFx(List<AnalyticsWorkload.Query> queries, HeadlessApi api, long events) throws Exception {
        FxPulseProbe probe;
        try {
            probe = FxPulseProbe.start();
        } catch (IllegalStateException noToolkit) {
            out.println("FX pulse probe NOT run: " + noToolkit.getMessage());
            return;
        }
        toolkitStarted = true;
        try (probe; HeapWatch heap = new HeapWatch()) {
            probe.idle(1000);
            heap.reset();
            FxPulseProbe.Gaps idle = probe.idle(2000);
            out.printf("FX pulses on %,d events (queries through FxTaskRunner, a window with a busy bar; target: longest"
                    + " gap <= %d ms)%n", events, FxPulseProbe.SLOW_GAP_NANOS / 1_000_000);
            out.printf("  %-34s %7.0f ms   longest gap %4.0f ms, %d over 100 ms; longest GC pause %d ms%n", "idle",
                    idle.elapsedNanos() / 1e6, idle.longestNanos() / 1e6, idle.slow(), heap.longestPauseMillis());
            long firstPass = 0;
            for (AnalyticsWorkload.Query q : queries) {
                firstPass = Math.max(firstPass, probe.during(q.label(), () -> q.engine().apply(api)).longestNanos());
            }
            out.printf("  %-34s %7s      longest gap %4.0f ms (the first showing of the busy bar, JIT)%n",
                    "first pass of all queries", "", firstPass / 1e6);
            long worst = 0;
            for (AnalyticsWorkload.Query q : queries) {
                heap.reset();
                FxPulseProbe.Gaps g = probe.during(q.label(), () -> q.engine().apply(api));
                worst = Math.max(worst, g.longestNanos());
                out.printf("  %-34s %7.0f ms   longest gap %4.0f ms, %d over 100 ms; longest GC pause %d ms%n",
                        q.label(), g.elapsedNanos() / 1e6, g.longestNanos() / 1e6, g.slow(), heap.longestPauseMillis());
                out.flush();
            }
            out.printf("  longest FX pulse gap while queries ran: %.0f ms: %s%n", worst / 1e6,
                    worst <= FxPulseProbe.SLOW_GAP_NANOS ? "met" : "MISSED");
        }
    }

    /** The targets of the brief: at 1M events and at 10M; other sizes print the nearer one. */
    record Targets(String title, double funnelMs, double dashboardMs, double ratio) {
        static Targets of(long events) {
            return events < 5_000_000 ? new Targets("(1M events)", 1000, 300, Double.NaN)
                    : new Targets("(10M events)", 5000, Double.NaN, 3);
        }

        String verdict(AnalyticsWorkload.Kind kind, double ms, Double measuredRatio) {
            List<String> parts = new ArrayList<>();
            double limit = kind == AnalyticsWorkload.Kind.FUNNEL ? funnelMs : dashboardMs;
            if (!Double.isNaN(limit)) {
                parts.add(String.format("< %.0f ms: %s", limit, ms < limit ? "met" : "MISSED"));
            }
            if (!Double.isNaN(ratio)) {
                parts.add(measuredRatio == null ? String.format("ratio <= %.0f: no DuckDB", ratio)
                        : String.format("ratio <= %.0f: %s", ratio, measuredRatio <= ratio ? "met" : "MISSED"));
            }
            return parts.isEmpty() ? "-" : String.join("; ", parts);
        }
    }

    /** The system load average, so a reader can tell a quiet machine from a busy one. */
    private static String load() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "load average unknown" : String.format("load average %.2f", load);
    }

    private static double millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static long folderBytes(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
