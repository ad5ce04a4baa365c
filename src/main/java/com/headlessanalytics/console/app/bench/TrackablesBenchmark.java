package com.headlessanalytics.console.app.bench;

import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Trackables;
import com.headlessanalytics.console.domain.demo.DemoGenerator;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.server.LocalApiServer;
import com.headlessanalytics.console.server.ServeConfig;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Trackables against their baselines, on one data folder: concurrent creation (every code
 * distinct); the reads that count scans (a list of 200 with their scans, one lookup, the
 * {@code ?trackable=} drill-down page) beside the plain newest-events page on a store of demo events
 * and many scans; and serve mode's {@code GET /t/{code}} (find, record, redirect) beside
 * single-event {@code POST /api/ingest} at the same concurrency over loopback.
 */
public final class TrackablesBenchmark {
    /** The data folder made in the scratch folder. */
    public static final String FOLDER = "trackables";
    private static final long END = 1_764_547_200_000L;
    private static final long DAY = 86_400_000L;

    /** What to run: trackables created, demo events, scanned trackables and scans of each, link requests, clients. */
    public record Settings(int creates, int events, int scanned, int scansEach, int requests, int clients) {
        public Settings {
            if (creates < 1 || events < 0 || scanned < 1 || scanned > creates || scansEach < 1 || requests < 1
                    || clients < 1 || clients > 256) {
                throw new IllegalArgumentException("--creates, --scans-each and --requests must be at least 1,"
                        + " --scanned 1 to --creates, --clients 1-256");
            }
        }
    }

    private final Settings settings;
    private final PrintWriter out;

    public TrackablesBenchmark(Settings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    public void run(Path scratch) throws Exception {
        out.printf("trackables benchmark: Java %s, %d cores, load average %.1f%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), loadAverage());
        try (Engine engine = Engine.open(scratch.resolve(FOLDER))) {
            HeadlessApi api = engine.defaultWorkspace();
            List<Trackables.Trackable> made = create(api);
            store(api, made);
            reads(api, made.get(made.size() - 1));
            links(engine, made.get(made.size() - 1));
        }
    }

    private List<Trackables.Trackable> create(HeadlessApi api) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger next = new AtomicInteger();
        long t0 = System.nanoTime();
        try {
            List<Future<List<Trackables.Trackable>>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> {
                    List<Trackables.Trackable> mine = new ArrayList<>();
                    for (int n = next.getAndIncrement(); n < settings.creates(); n = next.getAndIncrement()) {
                        mine.add(api.createTrackable(new Trackables.NewTrackable("qr_code", "Bench " + n,
                                "https://example.com/p/" + n, "qr.bottle_scanned", false)));
                    }
                    return mine;
                }));
            }
            List<Trackables.Trackable> all = new ArrayList<>();
            for (Future<List<Trackables.Trackable>> f : futures) {
                all.addAll(f.get());
            }
            double seconds = seconds(t0);
            Set<String> codes = new HashSet<>();
            all.forEach(t -> codes.add(t.code()));
            out.printf("create: %,d trackables from 8 threads in %.2f s (%,.0f/s); distinct codes %,d%n", all.size(),
                    seconds, all.size() / seconds, codes.size());
            out.flush();
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Demo events and the scans of the first {@code scanned} trackables, untimed. */
    private void store(HeadlessApi api, List<Trackables.Trackable> made) {
        long t0 = System.nanoTime();
        if (settings.events() > 0) {
            DemoGenerator.builder(END).range(END - 28 * DAY, END).events(settings.events()).seed(42).build()
                    .forEachBatch(1000, api::ingest);
        }
        List<Map<String, Object>> batch = new ArrayList<>(1000);
        Map<String, Object> station = Map.of("type", "station", "id", "bench");
        long at = END - 28 * DAY;
        int id = 0;
        for (int s = 0; s < settings.scansEach(); s++) {
            for (int t = made.size() - settings.scanned(); t < made.size(); t++) {
                batch.add(Trackables.scanEvent(made.get(t), Trackables.CHANNEL_SCAN, station, "bench-scan-" + id++,
                        at + id * 1000L));
                if (batch.size() == 1000) {
                    api.ingest(batch);
                    batch = new ArrayList<>(1000);
                }
            }
        }
        if (!batch.isEmpty()) {
            api.ingest(batch);
        }
        out.printf("stored %,d demo events and %,d scans of %,d trackables in %.1f s (untimed)%n", settings.events(),
                (long) settings.scanned() * settings.scansEach(), settings.scanned(), seconds(t0));
        out.flush();
    }

    private void reads(HeadlessApi api, Trackables.Trackable busiest) {
        EventQuery newest = EventQuery.all().withOrder(EventQuery.Order.DESC);
        double baseline = medianMs(() -> api.events(newest));
        double list = medianMs(() -> api.trackables(Trackables.Query.all()));
        double lookup = medianMs(() -> api.trackable(busiest.code()));
        double drill = medianMs(() -> api.events(newest.withTrackable(busiest.code())));
        out.printf("%nreads, median of 21 (the busiest trackable has %,d scans):%n", api.trackable(busiest.code())
                .scans());
        out.printf("  newest events page (baseline)              %8.2f ms   1.00%n", baseline);
        out.printf("  ?trackable= drill-down page                %8.2f ms   %.2f%n", drill, drill / baseline);
        out.printf("  one trackable with its scans               %8.2f ms   %.2f%n", lookup, lookup / baseline);
        out.printf("  list of %d trackables with their scans     %8.2f ms   %.2f%n",
                Math.min(Trackables.DEFAULT_LIMIT, settings.creates()), list, list / baseline);
        out.flush();
    }

    private void links(Engine engine, Trackables.Trackable t) throws Exception {
        String key = engine.keys().create(engine.defaultWorkspaceId(), "bench").secret();
        LocalApiServer server = LocalApiServer.start(engine, new ServeConfig("127.0.0.1", 0, 1_000_000, 1_000_000,
                10));
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpRequest link = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/t/" + t.code())).GET().build();
            AtomicInteger ids = new AtomicInteger();
            Supplier<HttpRequest> ingest = () -> HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/ingest"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"page.viewed\",\"id\":\"bench-page-"
                            + ids.incrementAndGet() + "\",\"actor\":\"a\"}")).build();
            run(client, () -> link, 302, Math.min(200, settings.requests()));
            run(client, ingest, 200, Math.min(200, settings.requests()));
            double[] base = run(client, ingest, 200, settings.requests());
            double[] scan = run(client, () -> link, 302, settings.requests());
            out.printf("%nserve mode over loopback, %d clients, %,d requests each kind:%n", settings.clients(),
                    settings.requests());
            out.printf("  POST /api/ingest, one event (baseline)  %,8.0f req/s  p50 %6.2f  p99 %6.2f ms%n",
                    base[0], base[1], base[2]);
            out.printf("  GET /t/{code}: find, record, redirect  %,8.0f req/s  p50 %6.2f  p99 %6.2f ms"
                    + "   p99 ratio %.2f%n", scan[0], scan[1], scan[2], scan[2] / base[2]);
            out.printf("load average now %.1f%n", loadAverage());
            out.flush();
        } finally {
            server.stop();
        }
    }

    /** Sends {@code n} requests from the clients; requests/s, p50 and p99 in ms. */
    private double[] run(HttpClient client, Supplier<HttpRequest> request, int status, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(settings.clients());
        AtomicInteger next = new AtomicInteger();
        double[] latencies = new double[n];
        long t0 = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < settings.clients(); c++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        HttpRequest r = request.get();
                        long s = System.nanoTime();
                        HttpResponse<Void> answer = client.send(r, HttpResponse.BodyHandlers.discarding());
                        latencies[i] = (System.nanoTime() - s) / 1e6;
                        if (answer.statusCode() != status) {
                            throw new IllegalStateException(r.uri() + " answered " + answer.statusCode());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = seconds(t0);
        Arrays.sort(latencies);
        return new double[] {n / seconds, latencies[n / 2], latencies[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)]};
    }

    private static double medianMs(Runnable read) {
        double[] ms = new double[21];
        read.run();
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            read.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
