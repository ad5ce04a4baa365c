package com.headlessanalytics.console.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.domain.demo.DemoGenerator;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.server.LocalApiServer;
import com.headlessanalytics.console.server.ServeConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * GraphQL's overhead against REST for the same read, in one run, over loopback against one serve-mode
 * server on one data folder: 1,000 events ({@code GET /api/events?limit=1000} against
 * {@code events(limit: 1000)} with every field) and a 3-step funnel ({@code POST /api/funnels/query}
 * against {@code funnel(steps: …)} with every step field). The two forms alternate request by request
 * (which goes first swaps each round), so both see the same machine; the answers are checked to hold
 * the same data before timing.
 */
public final class GraphQlBenchmark {
    /** The data folder made in the scratch folder. */
    public static final String FOLDER = "graphql";
    private static final long END = 1_764_547_200_000L;
    private static final String EVENT_FIELDS = "{ id event businessId timestamp receivedAt actor object entity traceId"
            + " source attribution context trackable decisionId proofId outcome trustTier complianceMapping properties"
            + " warnings { planId field code message } }";
    private static final String STEPS = "[{\"name\":\"Scan\",\"event\":\"qr.bottle_scanned\"},"
            + "{\"name\":\"Product View\",\"event\":\"page.product_viewed\"},{\"name\":\"Order\",\"event\":\"order.created\"}]";
    private static final String GRAPHQL_STEPS = "[{name: \"Scan\", event: \"qr.bottle_scanned\"}, {name: \"Product View\","
            + " event: \"page.product_viewed\"}, {name: \"Order\", event: \"order.created\"}]";

    /** Demo events stored, untimed warm-up pairs, timed pairs of each read. */
    public record Settings(int events, int warmUp, int rounds) {
        public Settings {
            if (events < 1_000 || warmUp < 0 || rounds < 1) {
                throw new IllegalArgumentException("--events must be at least 1000, --warmup 0 or more, --rounds at least 1");
            }
        }
    }

    /** One read in both forms. */
    private record Pair(String name, HttpRequest rest, HttpRequest graphql) {
    }

    private final Settings settings;
    private final PrintWriter out;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public GraphQlBenchmark(Settings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    public void run(Path scratch) throws Exception {
        out.printf("graphql benchmark: Java %s, %d cores, load average %.1f%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), loadAverage());
        try (Engine engine = Engine.open(scratch.resolve(FOLDER))) {
            HeadlessApi api = engine.defaultWorkspace();
            long t0 = System.nanoTime();
            DemoGenerator.builder(END).events(settings.events()).seed(42).days(30).build()
                    .forEachBatch(1000, api::ingest);
            out.printf("stored %,d demo events in %.1f s (untimed)%n", settings.events(),
                    (System.nanoTime() - t0) / 1e9);
            String key = engine.keys().create(engine.defaultWorkspaceId(), "bench graphql").secret();
            LocalApiServer server = LocalApiServer.start(engine,
                    new ServeConfig("127.0.0.1", 0, 1_000_000, 1_000_000, 5));
            try {
                String base = server.baseUrl();
                List<Pair> pairs = List.of(
                        new Pair("events, 1,000 rows", get(base + "/api/events?limit=1000", key),
                                graphql(base, key, "{ events(limit: 1000) " + EVENT_FIELDS + " }")),
                        new Pair("funnel, 3 steps", post(base + "/api/funnels/query", key, "{\"steps\":" + STEPS + "}"),
                                graphql(base, key, "{ funnel(steps: " + GRAPHQL_STEPS + ") { steps { step name event"
                                        + " count conversionFromStart conversionFromPrevious dropOff medianTimeToConvertMs }"
                                        + " mode windowMs } }")));
                check(pairs.get(0), "events", "events");
                check(pairs.get(1), "steps", "funnel");
                out.printf("%nover loopback, %d pairs each after %d warm-up pairs; REST and GraphQL alternate:%n",
                        settings.rounds(), settings.warmUp());
                out.printf("  %-20s %22s %22s %12s%n", "read", "REST p50 / p95 ms", "GraphQL p50 / p95 ms",
                        "GraphQL/REST");
                for (Pair pair : pairs) {
                    measure(pair);
                }
                out.printf("target: GraphQL/REST at most 1.30 (median against median)%n");
                out.printf("load average now %.1f%n", loadAverage());
            } finally {
                server.stop();
            }
        }
    }

    private void measure(Pair pair) throws Exception {
        for (int i = 0; i < settings.warmUp(); i++) {
            send(pair.rest());
            send(pair.graphql());
        }
        double[] rest = new double[settings.rounds()];
        double[] graph = new double[settings.rounds()];
        for (int i = 0; i < settings.rounds(); i++) {
            if (i % 2 == 0) {
                rest[i] = timed(pair.rest());
                graph[i] = timed(pair.graphql());
            } else {
                graph[i] = timed(pair.graphql());
                rest[i] = timed(pair.rest());
            }
        }
        Arrays.sort(rest);
        Arrays.sort(graph);
        out.printf("  %-20s %10.2f / %8.2f %10.2f / %8.2f %12.2f%n", pair.name(), percentile(rest, 50),
                percentile(rest, 95), percentile(graph, 50), percentile(graph, 95),
                percentile(graph, 50) / percentile(rest, 50));
    }

    /** Fails unless both forms answer 200 with the same list under {@code restField} and {@code data.graphField}. */
    private void check(Pair pair, String restField, String graphField) throws Exception {
        JsonNode rest = ApiJson.mapper().readTree(send(pair.rest()));
        JsonNode graph = ApiJson.mapper().readTree(send(pair.graphql()));
        JsonNode restPart = rest.get(restField);
        JsonNode graphPart = graph.path("data").path(graphField);
        if (graphPart.has(restField)) {
            graphPart = graphPart.get(restField);
        }
        if (graph.has("errors") || restPart == null || restPart.size() != graphPart.size() || restPart.isEmpty()) {
            throw new IllegalStateException(pair.name() + ": the two answers differ: REST " + rest.toString().length()
                    + " bytes, GraphQL " + graph);
        }
        out.printf("%s: %,d items in both answers (REST %,d bytes, GraphQL %,d bytes)%n", pair.name(), restPart.size(),
                rest.toString().length(), graph.toString().length());
    }

    private double timed(HttpRequest request) throws Exception {
        long t0 = System.nanoTime();
        send(request);
        return (System.nanoTime() - t0) / 1e6;
    }

    private byte[] send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + r.statusCode() + ": "
                    + new String(r.body(), StandardCharsets.UTF_8));
        }
        return r.body();
    }

    private static HttpRequest get(String url, String key) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key)
                .timeout(Duration.ofSeconds(60)).GET().build();
    }

    private static HttpRequest post(String url, String key, String json) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static HttpRequest graphql(String base, String key, String query) {
        return post(base + "/api/graphql", key, ApiJson.write(Map.of("query", query)));
    }

    private static double percentile(double[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
