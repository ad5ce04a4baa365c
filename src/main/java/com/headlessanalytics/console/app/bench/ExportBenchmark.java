package com.headlessanalytics.console.app.bench;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.Exports;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.EventLimits;
import com.headlessanalytics.console.domain.demo.DemoGenerator;
import com.headlessanalytics.console.engine.Engine;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Destination exports of many stored events: BigQuery (NDJSON plus schema) and Snowflake (gzipped
 * CSV) through {@code exportToDestination}, beside two baselines on the same data folder in the
 * same run: reading the same events through the port's own paging ({@code events}, pages of 1000,
 * oldest first), and that paging plus a plain Jackson write of each event to an NDJSON file. Prints
 * events/s, the ratio to the NDJSON baseline, and the files' sizes.
 */
public final class ExportBenchmark {
    public static final String FOLDER = "ha-bench-export";
    static final Map<String, Object> BIGQUERY = Map.of("projectId", "analytics-prod", "datasetId",
            "headlessanalytics", "tableId", "events");
    static final Map<String, Object> SNOWFLAKE = Map.of("database", "ANALYTICS", "schema", "PUBLIC", "table", "EVENTS");

    /** Events stored and exported, events of the warm-up exports, timed rounds. */
    public record Settings(int events, int warmUp, int rounds) {
    }

    /** Medians in events/s, and the bytes of one export's files. */
    public record Figures(double pagingPerSecond, double ndjsonPerSecond, double bigQueryPerSecond,
                          double snowflakePerSecond, long bigQueryBytes, long snowflakeBytes, long ndjsonBytes) {
    }

    private final Settings settings;
    private final PrintWriter out;

    public ExportBenchmark(Settings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    public Figures run(Path scratch) throws IOException {
        Path folder = scratch.resolve(FOLDER);
        IngestBenchmark.delete(folder);
        out.printf("export benchmark: %,d events, %d rounds, Java %s, %d cores%n", settings.events(), settings.rounds(),
                Runtime.version(), Runtime.getRuntime().availableProcessors());
        try (Engine engine = Engine.open(folder)) {
            HeadlessApi api = engine.defaultWorkspace();
            seed(api);
            int warm = Math.min(settings.warmUp(), settings.events());
            Path baseline = scratch.resolve("baseline.ndjson");
            paging(api, warm);
            ndjson(api, warm, baseline);
            export(api, "bigquery", BIGQUERY, warm);
            export(api, "snowflake", SNOWFLAKE, warm);
            double[] paging = new double[settings.rounds()];
            double[] ndjson = new double[settings.rounds()];
            double[] bigQuery = new double[settings.rounds()];
            double[] snowflake = new double[settings.rounds()];
            long[] bytes = new long[3];
            for (int r = 0; r < settings.rounds(); r++) {
                paging[r] = paging(api, settings.events());
                ndjson[r] = ndjson(api, settings.events(), baseline);
                bytes[0] = Files.size(baseline);
                Files.delete(baseline);
                Run bq = export(api, "bigquery", BIGQUERY, settings.events());
                Run sf = export(api, "snowflake", SNOWFLAKE, settings.events());
                bigQuery[r] = bq.perSecond();
                snowflake[r] = sf.perSecond();
                bytes[1] = bq.bytes();
                bytes[2] = sf.bytes();
                out.printf("round %d: paging %,.0f  ndjson %,.0f  bigquery %,.0f  snowflake %,.0f events/s%n", r + 1,
                        paging[r], ndjson[r], bigQuery[r], snowflake[r]);
                out.flush();
            }
            Figures f = new Figures(IngestBenchmark.median(paging), IngestBenchmark.median(ndjson),
                    IngestBenchmark.median(bigQuery), IngestBenchmark.median(snowflake), bytes[1], bytes[2], bytes[0]);
            int n = settings.events();
            out.printf("%-48s %,10.0f events/s (median)%n", "paging through the port only", f.pagingPerSecond());
            out.printf("%-48s %,10.0f events/s (median)   1.00   %,14d bytes  %,6.0f B/event%n",
                    "paging + Jackson NDJSON write (baseline)", f.ndjsonPerSecond(), f.ndjsonBytes(),
                    (double) f.ndjsonBytes() / n);
            out.printf("%-48s %,10.0f events/s (median)   %.2f   %,14d bytes  %,6.0f B/event%n",
                    "export to bigquery (NDJSON + schema)", f.bigQueryPerSecond(),
                    f.bigQueryPerSecond() / f.ndjsonPerSecond(), f.bigQueryBytes(), (double) f.bigQueryBytes() / n);
            out.printf("%-48s %,10.0f events/s (median)   %.2f   %,14d bytes  %,6.0f B/event%n",
                    "export to snowflake (gzipped CSV)", f.snowflakePerSecond(),
                    f.snowflakePerSecond() / f.ndjsonPerSecond(), f.snowflakeBytes(), (double) f.snowflakeBytes() / n);
            out.flush();
            return f;
        } finally {
            IngestBenchmark.delete(folder);
        }
    }

    /** Demo events through ingest in batches of 1000. */
    private void seed(HeadlessApi api) {
        long start = System.nanoTime();
        long[] stored = {0};
        DemoGenerator.builder(1_764_547_200_000L).events(settings.events()).seed(42).build()
                .forEachBatch(EventLimits.MAX_BATCH_EVENTS, batch -> stored[0] += api.ingest(batch).accepted());
        if (stored[0] != settings.events()) {
            throw new IllegalStateException("seeded " + stored[0] + " of " + settings.events() + " events");
        }
        out.printf("seeded %,d demo events through ingest in %.1f s%n", stored[0], seconds(start));
        out.flush();
    }

    /** The events an export of {@code limit} reads: the most recent ones, oldest first. */
    private static double paging(HeadlessApi api, int limit) {
        long start = System.nanoTime();
        long[] n = {0};
        page(api, limit, e -> n[0]++);
        return n[0] / seconds(start);
    }

    private static double ndjson(HeadlessApi api, int limit, Path file) throws IOException {
        ObjectWriter writer = ApiJson.mapper().writer().withRootValueSeparator("\n");
        long start = System.nanoTime();
        long[] n = {0};
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             SequenceWriter lines = writer.writeValues(os)) {
            page(api, limit, e -> {
                try {
                    lines.write(e);
                    n[0]++;
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
            });
        }
        return n[0] / seconds(start);
    }

    /** Pages oldest first through {@code limit} events (all of them in the timed rounds, as the exports read). */
    private static void page(HeadlessApi api, int limit, Consumer<Event> sink) {
        EventQuery query = new EventQuery(null, null, null, null, null, null, EventLimits.MAX_EVENTS_PAGE, null,
                EventQuery.Order.ASC);
        int read = 0;
        EventPage page;
        do {
            page = api.events(query.withLimit(Math.min(EventLimits.MAX_EVENTS_PAGE, limit - read)));
            for (Event e : page.events()) {
                sink.accept(e);
            }
            read += page.events().size();
            query = query.withCursor(page.nextCursor());
        } while (page.nextCursor() != null && read < limit);
    }

    private record Run(double perSecond, long bytes) {
    }

    private Run export(HeadlessApi api, String destination, Map<String, Object> config, int limit) throws IOException {
        long start = System.nanoTime();
        Exports.Receipt receipt = api.exportToDestination(new Exports.Request(destination, limit, null, null, null,
                null, config)).receipt();
        double seconds = seconds(start);
        if (!Exports.SUCCEEDED.equals(receipt.status()) || receipt.count() != limit) {
            throw new IllegalStateException(destination + " export: " + receipt.status() + ", " + receipt.count()
                    + " events, " + receipt.error());
        }
        long bytes = 0;
        for (Exports.File f : receipt.files()) {
            bytes += f.bytes();
            Files.deleteIfExists(f.location().startsWith("file:") ? Path.of(URI.create(f.location()))
                    : Path.of(f.location()));
        }
        return new Run(limit / seconds, bytes);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
