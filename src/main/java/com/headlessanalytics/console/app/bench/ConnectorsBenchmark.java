package com.headlessanalytics.console.app.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Connectors;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.connectors.ConnectorRegistry;
import com.headlessanalytics.console.connectors.ProviderMapping;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.EventLimits;
import com.headlessanalytics.console.engine.Engine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Connector ingest against plain ingest of the same events: {@link ShopifyOrders} records through
 * {@code connectorIngest} (mapping, id derivation, then storing), beside {@code ingest} of the
 * canonical events a dry run of the same records produced, in chunks of 1000, each run on a fresh
 * data folder, the two alternating which goes first. Prints events/s and connector/plain (target
 * at least 0.7).
 */
public final class ConnectorsBenchmark {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    /** Ingest's batch limit, less room for the request wrapper. */
    private static final int BATCH_BYTES = EventLimits.MAX_BATCH_BYTES - 16 * 1024;

    /** Records per run, records per request, records of the warm-up runs, timed rounds. */
    public record Settings(int records, int chunk, int warmUp, int rounds) {
    }

    public record Figures(double connectorPerSecond, double plainPerSecond) {
        public double ratio() {
            return connectorPerSecond / plainPerSecond;
        }
    }

    private final Settings settings;
    private final PrintWriter out;

    public ConnectorsBenchmark(Settings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    public Figures run(Path scratch) throws IOException {
        out.printf("connectors benchmark: %,d Shopify order records per run in chunks of %d, %d rounds, Java %s,"
                        + " %d cores%n", settings.records(), settings.chunk(), settings.rounds(), Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        List<List<Map<String, Object>>> records = chunks(ShopifyOrders.generate(settings.records(), 42));
        long mapStart = System.nanoTime();
        List<List<Map<String, Object>>> events = canonical(fresh(scratch, "dry-run"), records);
        out.printf("dry run mapped %,d records into canonical events in %.2f s; plain ingest sends them in %,d batches"
                + " (ingest's 512 KiB limit), the connector in %,d chunks%n", settings.records(), seconds(mapStart),
                events.size(), records.size());
        int warm = Math.max(1, Math.min(settings.warmUp(), settings.records()) / settings.chunk());
        connector(fresh(scratch, "warm-connector"), records.subList(0, Math.min(warm, records.size())));
        int warmBatches = Math.max(1, (int) ((long) warm * events.size() / records.size()));
        plain(fresh(scratch, "warm-plain"), events.subList(0, Math.min(warmBatches, events.size())));
        double[] connector = new double[settings.rounds()];
        double[] plain = new double[settings.rounds()];
        double[] mapping = new double[settings.rounds()];
        for (int r = 0; r < settings.rounds(); r++) {
            if (r % 2 == 0) {
                connector[r] = connector(fresh(scratch, "connector"), records);
                plain[r] = plain(fresh(scratch, "plain"), events);
            } else {
                plain[r] = plain(fresh(scratch, "plain"), events);
                connector[r] = connector(fresh(scratch, "connector"), records);
            }
            mapping[r] = mappingOnly(records);
            out.printf("round %d: connector %,.0f  plain %,.0f events/s  (%.2f)  mapping alone %,.0f records/s%n", r + 1,
                    connector[r], plain[r], connector[r] / plain[r], mapping[r]);
            out.flush();
        }
        Figures figures = new Figures(IngestBenchmark.median(connector), IngestBenchmark.median(plain));
        out.printf("%-44s %,12.0f events/s (median)   1.00%n", "plain ingest of the mapped events (baseline)",
                figures.plainPerSecond());
        out.printf("%-44s %,12.0f events/s (median)   %.2f of baseline (target 0.70)%n",
                "connector ingest of the Shopify records", figures.connectorPerSecond(), figures.ratio());
        double mapped = IngestBenchmark.median(mapping);
        out.printf("%-44s %,12.0f records/s (median): %.0f%% of a connector run's time%n",
                "mapping alone (ProviderMapping.map, no store)", mapped, 100 * figures.connectorPerSecond() / mapped);
        out.flush();
        IngestBenchmark.delete(scratch.resolve("connector"));
        IngestBenchmark.delete(scratch.resolve("plain"));
        return figures;
    }

    private List<List<Map<String, Object>>> chunks(List<Map<String, Object>> all) {
        List<List<Map<String, Object>>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += settings.chunk()) {
            chunks.add(all.subList(i, Math.min(all.size(), i + settings.chunk())));
        }
        return chunks;
    }

    /** The events a dry run maps the records to, as the envelopes plain ingest takes. */
    private static List<List<Map<String, Object>>> canonical(Path folder, List<List<Map<String, Object>>> records)
            throws IOException {
        List<List<Map<String, Object>>> events = new ArrayList<>();
        try (Engine engine = Engine.open(folder)) {
            HeadlessApi api = engine.defaultWorkspace();
            for (List<Map<String, Object>> chunk : records) {
                Connectors.Result result = api.connectorIngest(new Connectors.Request("shopify", "order", chunk, true,
                        null));
                List<Map<String, Object>> envelopes = new ArrayList<>(chunk.size());
                for (Connectors.RecordResult r : result.records()) {
                    if (r.event() == null) {
                        throw new IllegalStateException("record " + r.index() + " did not map: " + r.errors());
                    }
                    envelopes.add(envelope(r.event()));
                }
                events.addAll(underByteLimit(envelopes));
            }
        }
        IngestBenchmark.delete(folder);
        return events;
    }

    /**
     * The mapped events of a chunk in ingest batches: ingest takes at most 512 KiB a batch, which
     * 1000 order events with their line items exceed, so a chunk becomes two or three batches.
     */
    private static List<List<Map<String, Object>>> underByteLimit(List<Map<String, Object>> envelopes) {
        List<List<Map<String, Object>>> batches = new ArrayList<>();
        List<Map<String, Object>> batch = new ArrayList<>();
        long bytes = 0;
        for (Map<String, Object> e : envelopes) {
            int size = ApiJson.write(e).getBytes(StandardCharsets.UTF_8).length + 1;
            if (!batch.isEmpty() && bytes + size > BATCH_BYTES) {
                batches.add(batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(e);
            bytes += size;
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    /** An event as an ingest envelope: what a client would send, without what the store adds. */
    private static Map<String, Object> envelope(Event event) {
        Map<String, Object> map = ApiJson.mapper().convertValue(event, MAP);
        map.remove("receivedAt");
        map.remove("warnings");
        return map;
    }

    /** The mapping step by itself: what the connector path adds before the shared validate-and-store path. */
    private static double mappingOnly(List<List<Map<String, Object>>> chunks) {
        ProviderMapping shopify = ConnectorRegistry.standard().provider("shopify");
        long start = System.nanoTime();
        long valid = 0;
        for (List<Map<String, Object>> chunk : chunks) {
            for (Map<String, Object> record : chunk) {
                valid += shopify.map("order", record).valid() ? 1 : 0;
            }
        }
        double seconds = seconds(start);
        check(valid, chunks);
        return valid / seconds;
    }

    private static double connector(Path folder, List<List<Map<String, Object>>> chunks) {
        try (Engine engine = Engine.open(folder)) {
            HeadlessApi api = engine.defaultWorkspace();
            long start = System.nanoTime();
            long stored = 0;
            for (List<Map<String, Object>> chunk : chunks) {
                stored += api.connectorIngest(new Connectors.Request("shopify", "order", chunk, null, null)).accepted();
            }
            double seconds = seconds(start);
            check(stored, chunks);
            return stored / seconds;
        }
    }

    private static double plain(Path folder, List<List<Map<String, Object>>> chunks) {
        try (Engine engine = Engine.open(folder)) {
            HeadlessApi api = engine.defaultWorkspace();
            long start = System.nanoTime();
            long stored = 0;
            for (List<Map<String, Object>> chunk : chunks) {
                stored += api.ingest(chunk).accepted();
            }
            double seconds = seconds(start);
            check(stored, chunks);
            return stored / seconds;
        }
    }

    private static void check(long stored, List<List<Map<String, Object>>> chunks) {
        long expected = chunks.stream().mapToLong(List::size).sum();
        if (stored != expected) {
            throw new IllegalStateException("stored " + stored + " of " + expected + " events");
        }
    }

    private static Path fresh(Path scratch, String name) throws IOException {
        Path folder = scratch.resolve(name);
        IngestBenchmark.delete(folder);
        return folder;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
