package com.headlessanalytics.console.app.bench;

import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.NewApiKey;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.EventValidator;
import com.headlessanalytics.console.domain.demo.DemoGenerator;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.engine.EventRows;
import com.headlessanalytics.console.server.LocalApiServer;
import com.headlessanalytics.console.server.ServeConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Sustained ingest throughput, three ways on fresh data folders in one run: raw H2 JDBC batch
 * inserts of the same rows into the same table (the baseline), the engine's ingest, and HTTP batch
 * ingest through serve mode over loopback. Prints events/s and the ratios to the baseline.
 */
public final class IngestBenchmark {
    private final int events;
    private final int batch;
    private final int httpClients;
    private final int rounds;
    private final PrintWriter out;

    public IngestBenchmark(int events, int batch, int httpClients, int rounds, PrintWriter out) {
        this.events = events;
        this.batch = batch;
        this.httpClients = httpClients;
        this.rounds = rounds;
        this.out = out;
    }

    public record Figures(double rawPerSecond, double enginePerSecond, double httpPerSecond) {
    }

    /**
     * A warm-up of each way, then {@code rounds} rounds of the three side by side, each on a fresh
     * data folder; the medians are the figures, so one disturbed run does not decide them.
     */
    public Figures run(Path scratch) throws Exception {
        out.printf("ingest benchmark: %,d events per run in batches of %d, %d rounds, %d HTTP client threads,"
                        + " Java %s, %d cores%n", events, batch, rounds, httpClients, Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        List<List<Map<String, Object>>> batches = batches(events);
        int warm = Math.max(1, Math.min(20_000, events) / batch);
        runRaw(fresh(scratch, "warm-raw"), batches.subList(0, warm));
        runEngine(fresh(scratch, "warm-engine"), batches.subList(0, warm));
        runHttp(fresh(scratch, "warm-http"), batches.subList(0, warm));
        double[] raw = new double[rounds];
        double[] engine = new double[rounds];
        double[] http = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            raw[r] = runRaw(fresh(scratch, "raw"), batches);
            engine[r] = runEngine(fresh(scratch, "engine"), batches);
            http[r] = runHttp(fresh(scratch, "http"), batches);
            out.printf("round %d: raw %,.0f  engine %,.0f  http %,.0f events/s%n", r + 1, raw[r], engine[r], http[r]);
            out.flush();
        }
        double rawMedian = median(raw);
        double engineMedian = median(engine);
        double httpMedian = median(http);
        out.printf("%-46s %,12.0f events/s (median)   1.00%n", "raw H2 JDBC batch insert (baseline)", rawMedian);
        out.printf("%-46s %,12.0f events/s (median)   %.2f of baseline%n", "engine ingest (validate, dedupe, rollup)",
                engineMedian, engineMedian / rawMedian);
        out.printf("%-46s %,12.0f events/s (median)   %.2f of baseline%n", "HTTP batch ingest through serve mode",
                httpMedian, httpMedian / rawMedian);
        out.flush();
        return new Figures(rawMedian, engineMedian, httpMedian);
    }

    private static Path fresh(Path scratch, String name) throws IOException {
        Path folder = scratch.resolve(name);
        delete(folder);
        return folder;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The seeded demo dataset (seed 42, the 28 days up to 2025-12-01): the same events on every run. */
    private List<List<Map<String, Object>>> batches(int total) {
        List<List<Map<String, Object>>> all = new ArrayList<>();
        DemoGenerator.builder(1_764_547_200_000L).events(total).seed(42).build().forEachBatch(batch, all::add);
        return all;
    }

    /**
     * The same rows the engine writes — every column, the analytics facts included ({@link EventRows}) —
     * inserted with plain JDBC batches into the same schema, one commit per batch.
     */
    private double runRaw(Path folder, List<List<Map<String, Object>>> batches) throws Exception {
        String workspace;
        try (Engine engine = Engine.open(folder)) {
            workspace = engine.defaultWorkspaceId();
        }
        long now = System.currentTimeMillis();
        List<List<Event>> events = new ArrayList<>();
        List<List<String>> envelopes = new ArrayList<>();
        for (List<Map<String, Object>> b : batches) {
            List<Event> e = new ArrayList<>(b.size());
            List<String> json = new ArrayList<>(b.size());
            for (Map<String, Object> raw : b) {
                Event event = EventValidator.validate(null, raw, 0, now, "default", null).event();
                e.add(event);
                json.add(EventRows.envelope(event));
            }
            events.add(e);
            envelopes.add(json);
        }
        String url = "jdbc:h2:file:" + folder.toAbsolutePath().resolve("headless") + ";WRITE_DELAY=0;CACHE_SIZE=65536";
        try (Connection c = DriverManager.getConnection(url, "ha", "")) {
            c.setAutoCommit(false);
            long start = System.nanoTime();
            long n = 0;
            try (PreparedStatement ps = c.prepareStatement(EventRows.INSERT)) {
                for (int b = 0; b < events.size(); b++) {
                    List<Event> e = events.get(b);
                    for (int i = 0; i < e.size(); i++) {
                        EventRows.addBatch(ps, ++n, workspace, e.get(i), envelopes.get(b).get(i));
                    }
                    ps.executeBatch();
                    c.commit();
                }
            }
            return n / seconds(start);
        }
    }

    private double runEngine(Path folder, List<List<Map<String, Object>>> batches) {
        try (Engine engine = Engine.open(folder)) {
            HeadlessApi api = engine.defaultWorkspace();
            long start = System.nanoTime();
            int n = 0;
            for (List<Map<String, Object>> b : batches) {
                n += api.ingest(b).accepted();
            }
            return n / seconds(start);
        }
    }

    private double runHttp(Path folder, List<List<Map<String, Object>>> batches) throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        for (List<Map<String, Object>> b : batches) {
            bodies.add(ApiJson.mapper().writeValueAsBytes(Map.of("events", b)));
        }
        try (Engine engine = Engine.open(folder)) {
            NewApiKey key = engine.keys().create(engine.defaultWorkspaceId(), "bench");
            LocalApiServer server = LocalApiServer.start(engine, new ServeConfig("127.0.0.1", 0, 100_000, 100_000, 10));
            ExecutorService pool = Executors.newFixedThreadPool(httpClients);
            try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                URI uri = URI.create(server.baseUrl() + "/api/ingest");
                AtomicInteger next = new AtomicInteger();
                long start = System.nanoTime();
                List<Future<Integer>> senders = new ArrayList<>();
                for (int t = 0; t < httpClients; t++) {
                    senders.add(pool.submit(() -> {
                        int sent = 0;
                        for (int i; (i = next.getAndIncrement()) < bodies.size(); ) {
                            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri)
                                    .header("Authorization", "Bearer " + key.secret())
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() != 200) {
                                throw new IOException("HTTP " + r.statusCode() + ": " + r.body());
                            }
                            sent += batches.get(i).size();
                        }
                        return sent;
                    }));
                }
                int n = 0;
                for (Future<Integer> f : senders) {
                    n += f.get();
                }
                return n / seconds(start);
            } finally {
                pool.shutdown();
                server.stop();
            }
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Deletes a scratch folder made for a run. */
    public static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
