package com.headlessanalytics.console.app.bench;

import com.headlessanalytics.console.api.Entities;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Metrics;
import com.headlessanalytics.console.engine.Engine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The operating graph's cost (docs/graph.md). The events name entities: an actor and an object with
 * a type and an id, and on every third event an {@code entity} with properties and a relationship.
 * Three ingests of them, in batches of 1000 on fresh data folders, in rotating order: with the graph;
 * the same events into an engine that keeps no graph (the baseline: what the upserts cost, target at
 * least 0.85); and the same events with the actor and object as plain id strings and no entity (what
 * naming entities costs in all, the larger envelopes included). Then an entity's detail looked up by
 * id among {@code --entities} entities: p50, p99 and the slowest (target p99 under 10 ms).
 */
public final class GraphBenchmark {
    private static final long START = 1_767_225_600_000L;

    /** Events per ingest run, entities for the lookups, lookups timed, rounds of both ingests. */
    public record Settings(int events, int entities, int lookups, int rounds) {
    }

    private final Settings settings;
    private final PrintWriter out;

    public GraphBenchmark(Settings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    public void run(Path scratch) throws IOException, InterruptedException {
        out.printf("graph benchmark: %,d events per ingest run, %d rounds; lookups among %,d entities; Java %s,"
                + " %d cores%n", settings.events(), settings.rounds(), settings.entities(), Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        List<List<Map<String, Object>>> named = batches(settings.events(), true);
        List<List<Map<String, Object>>> plain = batches(settings.events(), false);
        ingest(Engine.open(fresh(scratch, "warm")), named.subList(0, Math.min(20, named.size())));
        ingest(Engine.openWithoutGraph(fresh(scratch, "warm")), named.subList(0, Math.min(20, named.size())));
        double[] with = new double[settings.rounds()];
        double[] off = new double[settings.rounds()];
        double[] strings = new double[settings.rounds()];
        for (int r = 0; r < settings.rounds(); r++) {
            for (int k = 0; k < 3; k++) {
                switch ((r + k) % 3) {
                    case 0 -> with[r] = ingest(Engine.open(fresh(scratch, "graph")), named);
                    case 1 -> off[r] = ingest(Engine.openWithoutGraph(fresh(scratch, "off")), named);
                    default -> strings[r] = ingest(Engine.open(fresh(scratch, "strings")), plain);
                }
            }
            out.printf("round %d: with the graph %,.0f  without %,.0f  plain strings %,.0f events/s  (%.2f, %.2f)%n",
                    r + 1, with[r], off[r], strings[r], with[r] / off[r], with[r] / strings[r]);
            out.flush();
        }
        double w = IngestBenchmark.median(with);
        double o = IngestBenchmark.median(off);
        double p = IngestBenchmark.median(strings);
        out.printf("%-52s %,10.0f events/s (median)   1.00%n", "the events naming entities, no graph kept (baseline)", o);
        out.printf("%-52s %,10.0f events/s (median)   %.2f of baseline (target 0.85)%n",
                "the same events, the graph kept", w, w / o);
        out.printf("%-52s %,10.0f events/s (median)   graph/strings %.2f%n",
                "the events with plain string actors, no entity", p, w / p);
        for (String folder : List.of("graph", "off", "strings", "warm")) {
            IngestBenchmark.delete(scratch.resolve(folder));
        }
        lookups(fresh(scratch, "lookups"));
        out.flush();
    }

    /** Fills a folder with {@code --entities} items, then times detail lookups of random ones. */
    private void lookups(Path folder) throws IOException, InterruptedException {
        try (Engine engine = Engine.open(folder)) {
            HeadlessApi api = engine.defaultWorkspace();
            long start = System.nanoTime();
            List<Map<String, Object>> batch = new ArrayList<>(1000);
            for (int i = 0; i < settings.entities(); i++) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("id", "item-event-" + i);
                e.put("event", "item.registered");
                e.put("timestamp", START + i);
                e.put("entity", Map.of("type", "item", "id", "i" + i, "name", "Item " + i,
                        "properties", Map.of("n", i, "bin", "b" + i % 500)));
                batch.add(e);
                if (batch.size() == 1000 || i == settings.entities() - 1) {
                    api.ingest(batch);
                    batch = new ArrayList<>(1000);
                }
            }
            out.printf("stored %,d events naming %,d entities in %.1f s%n", settings.entities(), settings.entities(),
                    (System.nanoTime() - start) / 1e9);
        }
        long empty = HeapWatch.retained();
        try (Engine engine = Engine.openWithoutGraph(folder)) {
            engine.defaultWorkspace().metrics(Metrics.Query.of(null, null, null));
            empty = HeapWatch.retained();
        }
        try (Engine engine = Engine.open(folder)) {
            HeadlessApi api = engine.defaultWorkspace();
            long reopened = System.nanoTime();
            api.entity("item", "i0");
            double seconds = (System.nanoTime() - reopened) / 1e9;
            long graph = HeapWatch.retained() - empty;
            out.printf("reopened: the graph built from the %,d stored events, first answer after %.1f s;"
                    + " the graph holds %,d MB (%,.0f bytes per entity, its one event included)%n",
                    settings.entities(), seconds, graph >> 20, (double) graph / settings.entities());
            SplittableRandom random = new SplittableRandom(7);
            for (int i = 0; i < Math.min(1000, settings.lookups()); i++) {
                api.entity("item", "i" + random.nextInt(settings.entities()));
            }
            double[] ms = new double[settings.lookups()];
            for (int i = 0; i < ms.length; i++) {
                String id = "i" + random.nextInt(settings.entities());
                long t = System.nanoTime();
                Entities.Detail d = api.entity("item", id);
                ms[i] = (System.nanoTime() - t) / 1e6;
                if (d.recentEvents().size() != 1) {
                    throw new IllegalStateException("entity " + id + " has " + d.recentEvents().size() + " events");
                }
            }
            Arrays.sort(ms);
            out.printf("entity detail by id among %,d entities, %,d lookups: p50 %.2f ms  p99 %.2f ms  max %.2f ms"
                    + " (target p99 under 10 ms)%n", settings.entities(), ms.length, ms[ms.length / 2],
                    ms[(int) Math.ceil(ms.length * 0.99) - 1], ms[ms.length - 1]);
        }
        IngestBenchmark.delete(folder);
    }

    /**
     * The events in batches of 1000: 20,000 customers and 2,000 products, seeded; {@code named} gives
     * the actor and object as entities and every third event an entity, else plain id strings.
     */
    static List<List<Map<String, Object>>> batches(int events, boolean named) {
        SplittableRandom random = new SplittableRandom(42);
        List<List<Map<String, Object>>> out = new ArrayList<>();
        List<Map<String, Object>> batch = new ArrayList<>(1000);
        for (int i = 0; i < events; i++) {
            String customer = "c" + random.nextInt(20_000);
            String product = "p" + random.nextInt(2_000);
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", "graph-bench-" + i);
            e.put("event", List.of("product.viewed", "cart.added", "order.created").get(random.nextInt(3)));
            e.put("timestamp", START + i * 100L + random.nextInt(100));
            e.put("actor", named ? Map.of("type", "customer", "id", customer, "name", "Customer " + customer) : customer);
            e.put("object", named ? Map.of("type", "product", "id", product) : product);
            if (named && i % 3 == 0) {
                e.put("entity", Map.of("type", "product", "id", product, "name", "Product " + product,
                        "properties", Map.of("price", random.nextInt(100), "stock", random.nextInt(50)),
                        "relationships", List.of(Map.of("type", "location", "id", "store-" + random.nextInt(40),
                                "relation", "stocked_at"))));
            }
            e.put("properties", Map.of("sku", product));
            batch.add(e);
            if (batch.size() == 1000) {
                out.add(batch);
                batch = new ArrayList<>(1000);
            }
        }
        if (!batch.isEmpty()) {
            out.add(batch);
        }
        return out;
    }

    private static double ingest(Engine opened, List<List<Map<String, Object>>> batches) {
        try (Engine engine = opened) {
            HeadlessApi api = engine.defaultWorkspace();
            long start = System.nanoTime();
            long stored = 0;
            for (List<Map<String, Object>> b : batches) {
                stored += api.ingest(b).accepted();
            }
            return stored / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static Path fresh(Path scratch, String name) throws IOException {
        Path folder = scratch.resolve(name);
        IngestBenchmark.delete(folder);
        return folder;
    }
}
