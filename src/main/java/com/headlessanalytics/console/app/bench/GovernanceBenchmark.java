package com.headlessanalytics.console.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.NewApiKey;
import com.headlessanalytics.console.domain.demo.DemoGenerator;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.proof.Ed25519;
import com.headlessanalytics.console.proof.PacketVerifier;
import com.headlessanalytics.console.server.LocalApiServer;
import com.headlessanalytics.console.server.ServeConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Enforce over HTTP against its baseline, single-event ingest, in one run on one serve-mode
 * server: throughput and p50/p99 latency at each client concurrency, and the ratio enforce p99 /
 * ingest p99 (target ≤ 2). Every enforce releases its own approved decision (an {@code allow}:
 * every check, the budget consumed, the receipt chained, signed and committed before the answer);
 * every ingest stores one event. The decisions are proposed and approved beforehand through the
 * engine's port, untimed. Then, on the same server, a proof trail of many events (the seeded demo
 * dataset): its export over HTTP, fetching the packet and verifying it, timed (target: under 10 s
 * for 100,000 events), and the packet's size.
 */
public final class GovernanceBenchmark {
    /** The data folder made in the scratch folder. */
    public static final String FOLDER = "governance";
    /** The proof trail's events end here (2025-12-01), long before any governance record of the run. */
    private static final long TRAIL_END = 1_764_547_200_000L;
    private static final long DAY = 86_400_000L;

    /**
     * What to run: requests of each kind per level and round, the client counts, the rounds, the
     * untimed warm-up requests, and the events of the proof trail exported and verified (0: none).
     */
    public record Settings(int requests, List<Integer> clients, int rounds, int warmUp, int trailEvents) {
        public Settings {
            if (requests < 1 || rounds < 1 || warmUp < 0 || trailEvents < 0 || clients == null || clients.isEmpty()
                    || clients.stream().anyMatch(c -> c == null || c < 1 || c > 256)) {
                throw new IllegalArgumentException("--requests and --rounds must be at least 1, --warmup and"
                        + " --trail-events not negative, --clients 1-256 each");
            }
            clients = List.copyOf(clients);
        }

        int decisionsNeeded() {
            return warmUp + requests * rounds * clients.size();
        }
    }

    /** One timed run: requests answered, wall time, and the latency percentiles in ms. */
    public record Stats(int requests, double seconds, double p50Ms, double p99Ms) {
        public double perSecond() {
            return requests / seconds;
        }
    }

    /**
     * The proof trail: its events, the export over HTTP, fetching the packet, verifying it with the
     * workspace key, each in seconds, the packet's size and the verdict.
     */
    public record Trail(long events, double exportSeconds, double fetchSeconds, double verifySeconds, long bytes,
                        String outcome) {
        public double totalSeconds() {
            return exportSeconds + fetchSeconds + verifySeconds;
        }
    }

    /** What a run measured: each concurrency level, and the trail when one was asked for. */
    public record Outcome(List<Level> levels, Trail trail) {
    }

    /** The medians over the rounds at one concurrency. */
    public record Level(int clients, Stats ingest, Stats enforce) {
        public double p99Ratio() {
            return enforce.p99Ms() / ingest.p99Ms();
        }
    }

    private final Settings settings;
    private final PrintWriter out;

    public GovernanceBenchmark(Settings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    public Outcome run(Path scratch) throws Exception {
        out.printf("governance benchmark: %,d requests of each kind per level and round, clients %s, %d rounds,"
                        + " Java %s, %d cores, load average %.1f%n", settings.requests(), settings.clients(),
                settings.rounds(), Runtime.version(), Runtime.getRuntime().availableProcessors(), loadAverage());
        try (Engine engine = Engine.open(scratch.resolve(FOLDER))) {
            String workspace = engine.defaultWorkspaceId();
            NewApiKey agent = engine.keys().create(workspace, "bench agent");
            NewApiKey approver = engine.keys().create(workspace, "bench approver");
            long setUp = System.nanoTime();
            List<byte[]> enforceBodies = approvedDecisions(engine.workspace(workspace, agent.info().id()),
                    engine.workspace(workspace, approver.info().id()), agent.info().id(), settings.decisionsNeeded());
            out.printf("set up %,d approved decisions in %.1f s (propose + approve through the port, untimed)%n",
                    enforceBodies.size(), seconds(setUp));
            out.flush();
            LocalApiServer server = LocalApiServer.start(engine,
                    new ServeConfig("127.0.0.1", 0, 1_000_000, 1_000_000, 10));
            try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                Http http = new Http(client, server.baseUrl(), agent.secret());
                AtomicInteger nextDecision = new AtomicInteger();
                int warm = settings.warmUp();
                if (warm > 0) {
                    http.run("ingest", ingestBodies(warm, 0), 8, "/api/ingest", r -> true);
                    http.run("enforce", take(enforceBodies, nextDecision, warm), 8, "/api/governance/enforce",
                            GovernanceBenchmark::allowed);
                }
                List<Level> levels = new ArrayList<>();
                int ingested = warm;
                for (int clients : settings.clients()) {
                    Stats[] ingest = new Stats[settings.rounds()];
                    Stats[] enforce = new Stats[settings.rounds()];
                    for (int r = 0; r < settings.rounds(); r++) {
                        List<byte[]> events = ingestBodies(settings.requests(), ingested);
                        ingested += settings.requests();
                        List<byte[]> decisions = take(enforceBodies, nextDecision, settings.requests());
                        if (r % 2 == 0) {
                            ingest[r] = http.run("ingest", events, clients, "/api/ingest", x -> true);
                            enforce[r] = http.run("enforce", decisions, clients, "/api/governance/enforce",
                                    GovernanceBenchmark::allowed);
                        } else {
                            enforce[r] = http.run("enforce", decisions, clients, "/api/governance/enforce",
                                    GovernanceBenchmark::allowed);
                            ingest[r] = http.run("ingest", events, clients, "/api/ingest", x -> true);
                        }
                        out.printf("  %2d clients, round %d: ingest %,6.0f req/s p50 %6.2f p99 %6.2f ms | enforce"
                                        + " %,6.0f req/s p50 %6.2f p99 %6.2f ms%n", clients, r + 1,
                                ingest[r].perSecond(), ingest[r].p50Ms(), ingest[r].p99Ms(), enforce[r].perSecond(),
                                enforce[r].p50Ms(), enforce[r].p99Ms());
                        out.flush();
                    }
                    levels.add(new Level(clients, median(ingest), median(enforce)));
                }
                report(levels);
                Trail trail = settings.trailEvents() == 0 ? null
                        : trail(engine.workspace(workspace, agent.info().id()), http);
                return new Outcome(levels, trail);
            } finally {
                server.stop();
            }
        }
    }

    private void report(List<Level> levels) {
        out.printf("%nmedians over %d round(s), HTTP over loopback, one request per call (load average now %.1f):%n",
                settings.rounds(), loadAverage());
        out.printf("%-8s %12s %9s %9s   %12s %9s %9s   %s%n", "clients", "ingest/s", "p50 ms", "p99 ms",
                "enforce/s", "p50 ms", "p99 ms", "enforce p99 / ingest p99 (target <= 2)");
        for (Level l : levels) {
            out.printf("%-8d %,12.0f %9.2f %9.2f   %,12.0f %9.2f %9.2f   %.2f%n", l.clients(),
                    l.ingest().perSecond(), l.ingest().p50Ms(), l.ingest().p99Ms(), l.enforce().perSecond(),
                    l.enforce().p50Ms(), l.enforce().p99Ms(), l.p99Ratio());
        }
        out.flush();
    }

    /**
     * Stores the trail's events (the seeded demo dataset, untimed, in a window of their own: no
     * governance record falls in it), then times the export over HTTP of that window, fetching the
     * packet, and verifying it offline with the workspace's public key as served.
     */
    private Trail trail(HeadlessApi port, Http http) throws Exception {
        long stored = System.nanoTime();
        long[] accepted = {0};
        DemoGenerator.builder(TRAIL_END).range(TRAIL_END - 28 * DAY, TRAIL_END).events(settings.trailEvents())
                .seed(42).build().forEachBatch(1000, batch -> accepted[0] += port.ingest(batch).accepted());
        out.printf("%nproof trail: stored %,d demo events in %.1f s (untimed)%n", accepted[0], seconds(stored));
        out.flush();
        String body = "{\"title\":\"bench trail\",\"from\":" + (TRAIL_END - 28 * DAY) + ",\"to\":" + TRAIL_END + "}";
        long t0 = System.nanoTime();
        JsonNode exported = ApiJson.mapper().readTree(http.call("POST", "/api/proof-event-trails/export", body, 201));
        double exportSeconds = seconds(t0);
        String proofId = exported.get("proofId").asText();
        long t1 = System.nanoTime();
        byte[] packet = http.bytes("/api/proof-event-trails/" + proofId + "/packet");
        double fetchSeconds = seconds(t1);
        PublicKey key = Ed25519.publicFromPem(ApiJson.mapper().readTree(http.call("GET", "/api/governance/public-key",
                null, 200)).get("pem").asText());
        long t2 = System.nanoTime();
        PacketVerifier.Result verdict = PacketVerifier.verify(packet, key);
        double verifySeconds = seconds(t2);
        Trail trail = new Trail(exported.path("trail").path("counts").path("events").asLong(), exportSeconds,
                fetchSeconds, verifySeconds, packet.length, verdict.outcome().name());
        out.printf("export over HTTP %.2f s, fetch %.2f s, verify %.2f s: %.2f s in all (target < 10 s);"
                        + " %,d events, packet %.1f MB, %s%s%n", exportSeconds, fetchSeconds, verifySeconds,
                trail.totalSeconds(), trail.events(), packet.length / 1e6, verdict.outcome(),
                verdict.outcome() == PacketVerifier.Outcome.VALID ? "" : ": " + verdict.reason());
        out.flush();
        return trail;
    }

    /** Each enforce must answer allow; anything else would measure a different path. */
    private static boolean allowed(String body) {
        return body.contains("\"outcome\":\"allow\"");
    }

    private static List<byte[]> take(List<byte[]> all, AtomicInteger next, int n) {
        int from = next.getAndAdd(n);
        return all.subList(from, from + n);
    }

    /** Single events, each its own request, with distinct actors. */
    private static List<byte[]> ingestBodies(int n, int offset) {
        long now = System.currentTimeMillis();
        List<byte[]> bodies = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            bodies.add(("{\"event\":\"bench.ping\",\"actor\":\"bench-" + (offset + i) + "\",\"timestamp\":" + now
                    + ",\"properties\":{\"n\":" + (offset + i) + "}}").getBytes(StandardCharsets.UTF_8));
        }
        return bodies;
    }

    /**
     * A contract and a grant with room for every action, then {@code n} decisions proposed by the
     * agent and approved by the approver; the enforce body of each, in the reference's shape.
     */
    private static List<byte[]> approvedDecisions(HeadlessApi agent, HeadlessApi approver, String agentId, int n)
            throws IOException {
        Governance.Money perAction = new Governance.Money(new BigDecimal("100.00"), "EUR");
        Governance.Money plenty = new Governance.Money(new BigDecimal("1000000000"), "EUR");
        Governance.Contract contract = agent.createContract(new Governance.NewContract("bench", null, "ops",
                List.of("ops.restart"), perAction, plenty, null, null, null, null));
        Governance.Grant grant = agent.createGrant(new Governance.NewGrant(agentId, List.of("ops.restart"), plenty,
                null, null, contract.id()));
        List<byte[]> bodies = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<String, Object> action = new LinkedHashMap<>();
            action.put("action", "ops.restart");
            action.put("amount", "1.00");
            action.put("currency", "EUR");
            action.put("target", "node-" + i);
            Governance.Decision d = agent.proposeDecision(new Governance.NewDecision(
                    ApiJson.mapper().valueToTree(action), grant.id(), contract.id(), null, null, null, "bench-" + i,
                    1, null, null));
            approver.approveDecision(d.id(), new Governance.ApproveRequest("benchmark", d.actionDigest()));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("decisionObjectId", d.id());
            body.put("authorityGrantId", grant.id());
            body.put("contextContractId", contract.id());
            body.put("proposedAction", action);
            body.put("attestation", Map.of("provider", "software_local"));
            bodies.add(ApiJson.mapper().writeValueAsBytes(body));
        }
        return bodies;
    }

    /** Sends bodies from a fixed number of client threads, one request at a time each, timing every request. */
    private record Http(HttpClient client, String baseUrl, String key) {
        /** One request; its answer's body, which must come with {@code status}. */
        String call(String method, String path, String json, int status) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .header("Authorization", "Bearer " + key);
            b = json == null ? b.GET() : b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != status) {
                throw new IOException(method + " " + path + ": HTTP " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        }

        byte[] bytes(String path) throws Exception {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IOException("GET " + path + ": HTTP " + r.statusCode());
            }
            return r.body();
        }

        Stats run(String what, List<byte[]> bodies, int clients, String path, Predicate<String> fine)
                throws Exception {
            URI uri = URI.create(baseUrl + path);
            long[] latencies = new long[bodies.size()];
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            try {
                long start = System.nanoTime();
                List<Future<Void>> senders = new ArrayList<>();
                for (int t = 0; t < clients; t++) {
                    senders.add(pool.submit(() -> {
                        for (int i; (i = next.getAndIncrement()) < bodies.size(); ) {
                            HttpRequest request = HttpRequest.newBuilder(uri)
                                    .header("Authorization", "Bearer " + key)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))).build();
                            long sent = System.nanoTime();
                            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                            latencies[i] = System.nanoTime() - sent;
                            if (r.statusCode() != 200 || !fine.test(r.body())) {
                                throw new IOException(what + ": HTTP " + r.statusCode() + ": " + r.body());
                            }
                        }
                        return null;
                    }));
                }
                for (Future<Void> f : senders) {
                    f.get();
                }
                double seconds = seconds(start);
                Arrays.sort(latencies);
                return new Stats(bodies.size(), seconds, percentile(latencies, 50), percentile(latencies, 99));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** Nearest-rank percentile of sorted nanoseconds, in ms. */
    static double percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    private static Stats median(Stats[] runs) {
        return new Stats(runs[0].requests(),
                IngestBenchmark.median(Arrays.stream(runs).mapToDouble(Stats::seconds).toArray()),
                IngestBenchmark.median(Arrays.stream(runs).mapToDouble(Stats::p50Ms).toArray()),
                IngestBenchmark.median(Arrays.stream(runs).mapToDouble(Stats::p99Ms).toArray()));
    }

    /** The system's one-minute load average: on a shared machine, how much else was running. */
    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
