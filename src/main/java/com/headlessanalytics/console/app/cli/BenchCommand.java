package com.headlessanalytics.console.app.cli;

import com.headlessanalytics.console.app.bench.AnalyticsBenchmark;
import com.headlessanalytics.console.app.bench.ConnectorsBenchmark;
import com.headlessanalytics.console.app.bench.ExportBenchmark;
import com.headlessanalytics.console.app.bench.GovernanceBenchmark;
import com.headlessanalytics.console.app.bench.GraphQlBenchmark;
import com.headlessanalytics.console.app.bench.H2SqlAnalytics;
import com.headlessanalytics.console.app.bench.ImportBenchmark;
import com.headlessanalytics.console.app.bench.GraphBenchmark;
import com.headlessanalytics.console.app.bench.IngestBenchmark;
import com.headlessanalytics.console.app.bench.LabelsBenchmark;
import com.headlessanalytics.console.app.bench.ReopenBenchmark;
import com.headlessanalytics.console.app.bench.TrackablesBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench ingest}, {@code events-screen}, {@code analytics}, {@code governance}, {@code labels},
 * {@code trackables}, {@code scanner}, {@code graphql}, {@code connectors}, {@code export}, {@code reopen}: figures with a
 * baseline run side by side.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print figures and ratios.",
        subcommands = {BenchCommand.Ingest.class, BenchCommand.Import.class, BenchCommand.EventsScreen.class, BenchCommand.Analytics.class,
            BenchCommand.AnalyticsSql.class, BenchCommand.GovernanceBench.class, BenchCommand.Labels.class,
            BenchCommand.TrackablesBench.class, BenchCommand.Scanner.class, BenchCommand.GraphQlBench.class,
            BenchCommand.ConnectorsBench.class, BenchCommand.ExportBench.class, BenchCommand.Reopen.class,
            BenchCommand.GraphBench.class})
final class BenchCommand {

    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = "Sustained ingest: raw H2 JDBC baseline, engine, and HTTP through serve mode.")
    static final class Ingest implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--events", defaultValue = "200000", description = "Events per run (default: ${DEFAULT-VALUE}).")
        int events;

        @Option(names = "--batch", defaultValue = "1000", description = "Events per batch (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--http-clients", defaultValue = "2",
                description = "Concurrent HTTP senders (default: ${DEFAULT-VALUE}).")
        int clients;

        @Option(names = "--rounds", defaultValue = "3", description = "Rounds of the three runs (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--scratch", paramLabel = "DIR", description = "Folder for the throw-away databases.")
        Path scratch;

        @Override
        public Integer call() throws Exception {
            if (events < batch || batch < 1 || batch > 1000 || clients < 1 || rounds < 1) {
                throw new IllegalArgumentException("--batch must be 1-1000, --events at least one batch, --rounds at least 1");
            }
            Path folder = scratch != null ? scratch : Files.createTempDirectory("ha-bench");
            try {
                new IngestBenchmark(events, batch, clients, rounds, spec.commandLine().getOut()).run(folder);
            } finally {
                IngestBenchmark.delete(folder);
            }
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Importing a per-actor history file with client ids: raw H2 JDBC batch inserts of its rows"
                    + " (baseline) beside 'ingest FILE' into a data folder, end to end.",
                "With --connector shopify: a file of Shopify order records, the raw inserts of the rows the Shopify"
                    + " mapping makes of them beside 'connectors ingest FILE --provider shopify', end to end."})
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--events", defaultValue = "1000000",
                description = "Events (with --connector, records) in the file (default: ${DEFAULT-VALUE}).")
        long events;

        @Option(names = "--connector", paramLabel = "P",
                description = "Measure a connector's file import instead: shopify (the only one supported).")
        String connector;

        @Option(names = "--rounds", defaultValue = "3", description = "Rounds of the two runs (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated file (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--scratch", paramLabel = "DIR",
                description = "Folder for the file and the throw-away databases; the file is kept there for the next run.")
        Path scratch;

        @Override
        public Integer call() throws Exception {
            if (events < 1000 || rounds < 1) {
                throw new IllegalArgumentException("--events must be at least 1000, --rounds at least 1");
            }
            Path folder = scratch != null ? scratch : Files.createTempDirectory("ha-bench");
            try {
                ImportBenchmark.Importer importer = connector == null ? Import::ingest
                        : (file, dataFolder) -> connectorsIngest(connector, file, dataFolder);
                new ImportBenchmark(events, rounds, seed, connector, spec.commandLine().getOut(), importer).run(folder);
            } finally {
                if (scratch == null) {
                    IngestBenchmark.delete(folder);
                }
            }
            return 0;
        }

        /** {@code ingest FILE --data-dir DIR}, as a user runs it; the number it reports stored. */
        private static long ingest(Path file, Path dataFolder) {
            return stored(": (\\d+) stored", "ingest", file.toString(), "--data-dir", dataFolder.toString());
        }

        /** {@code connectors ingest FILE --provider P --data-dir DIR}, as a user runs it; the number it reports accepted. */
        private static long connectorsIngest(String provider, Path file, Path dataFolder) {
            return stored(", accepted (\\d+),", "connectors", "ingest", file.toString(), "--provider", provider,
                    "--data-dir", dataFolder.toString());
        }

        /** Runs the command in-process and answers the number its output's {@code count} pattern captures. */
        private static long stored(String count, String... args) {
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            picocli.CommandLine cl = HaCommand.commandLine();
            cl.setOut(new java.io.PrintWriter(out, true));
            cl.setErr(new java.io.PrintWriter(err, true));
            int exit = cl.execute(args);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(count).matcher(out.toString());
            if (exit != 0 || !m.find()) {
                throw new IllegalStateException("'" + String.join(" ", args) + "' failed (exit " + exit + "): " + out
                        + err);
            }
            return Long.parseLong(m.group(1));
        }
    }

    @Command(name = "events-screen", mixinStandardHelpOptions = true,
            description = "The Events screen on a large workspace: page deep, export CSV, longest FX pulse gap."
                    + " Needs a display (xvfb-run on a server).")
    static final class EventsScreen implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--events", defaultValue = "1000000", description = "Events (default: ${DEFAULT-VALUE}).")
        long events;

        @Option(names = "--pages", defaultValue = "100", description = "Pages to scroll (default: ${DEFAULT-VALUE}).")
        int pages;

        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "Keep the generated workspace here and reuse it next time (default: a temporary one).")
        Path dataDir;

        @Override
        public Integer call() throws Exception {
            Path folder = dataDir != null ? dataDir : Files.createTempDirectory("ha-bench-ui");
            try {
                new com.headlessanalytics.console.app.bench.EventsScreenBenchmark(events, pages,
                        spec.commandLine().getOut()).run(folder);
            } finally {
                if (dataDir == null) {
                    IngestBenchmark.delete(folder);
                }
            }
            javafx.application.Platform.exit();
            return 0;
        }
    }

    @Command(name = "analytics", mixinStandardHelpOptions = true,
            description = {"Funnels, attribution, metrics and business health on the engine, against DuckDB on the"
                    + " same events as the reference (answers compared, ratio printed); load times, memory, and the"
                    + " longest FX pulse gap while a query runs through the task runner.",
                "DuckDB is a bench-only dependency: run bench/analytics.sh, which puts it on the classpath."
                    + " The FX probe needs a display (the script uses xvfb-run or Monocle)."})
    static final class Analytics implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--events", split = ",", defaultValue = "1000000,10000000", paramLabel = "N",
                description = "Event counts, one full run each (default: ${DEFAULT-VALUE}).")
        List<Long> events;

        @Option(names = "--rounds", defaultValue = "5", description = "Timed rounds per query (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--warmup", defaultValue = "2",
                description = "Untimed runs of every query first (default: ${DEFAULT-VALUE}).")
        int warmUp;

        @Option(names = "--days", defaultValue = "90",
                description = "Days of demo data, ending 2026-11-01 (default: ${DEFAULT-VALUE}).")
        int days;

        @Option(names = "--seed", defaultValue = "42", description = "Demo data seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--duckdb-threads", paramLabel = "N", description = "DuckDB threads (default: one per core).")
        Integer duckDbThreads;

        @Option(names = "--no-fx", description = "Skip the FX pulse probe.")
        boolean noFx;

        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "Keep the loaded data here and reuse it next time (default: a temporary folder).")
        Path dataDir;

        @Override
        public Integer call() throws Exception {
            AnalyticsBenchmark.Settings settings = new AnalyticsBenchmark.Settings(events, rounds, warmUp, days, seed,
                    duckDbThreads, !noFx, dataDir);
            Path scratch = Files.createTempDirectory("ha-bench-analytics");
            AnalyticsBenchmark.Outcome outcome;
            try {
                outcome = new AnalyticsBenchmark(settings, spec.commandLine().getOut()).run(scratch);
            } finally {
                IngestBenchmark.delete(scratch);
            }
            if (outcome.toolkitStarted()) {
                javafx.application.Platform.exit();
            }
            return outcome.mismatches() == 0 ? 0 : HaCommand.REJECTED;
        }
    }

    @Command(name = "analytics-sql", mixinStandardHelpOptions = true,
            description = "Times analytics written as plain SQL on a closed data folder's H2 file: the design not"
                    + " taken (docs/performance.md). Fill a folder first, e.g. with bench analytics --data-dir.")
    static final class AnalyticsSql implements Callable<Integer> {
        @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "A closed engine data folder.")
        Path dataDir;

        @Option(names = "--rounds", defaultValue = "3", description = "Timed rounds per query (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Override
        public Integer call() throws Exception {
            H2SqlAnalytics.run(dataDir, rounds, System.out);
            return 0;
        }
    }

    @Command(name = "reopen", mixinStandardHelpOptions = true,
            description = "Reopens a closed data folder with the analytics snapshot and without it (the projection"
                    + " rebuilt from H2), alternating in one run: open, first answer, heap retained, close. Rewrites the"
                    + " folder's snapshot. Fill a folder first, e.g. with bench analytics --data-dir.")
    static final class Reopen implements Callable<Integer> {
        @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "A closed engine data folder.")
        Path dataDir;

        @Option(names = "--rounds", defaultValue = "2",
                description = "Pairs of reopens; 0 for none (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--scale", paramLabel = "K", description = "Also build the projection alone in memory from the"
                + " folder's events copied K times (own actors per copy): heap per event, snapshot write and read.")
        Integer scale;

        @Override
        public Integer call() throws Exception {
            ReopenBenchmark bench = new ReopenBenchmark(dataDir, rounds, System.out);
            boolean same = rounds <= 0 || bench.run();
            if (scale != null) {
                bench.scale(scale);
            }
            return same ? 0 : HaCommand.REJECTED;
        }
    }

    @Command(name = "governance", mixinStandardHelpOptions = true,
            description = {"Enforce over HTTP (each request releases an approved decision) beside single-event ingest"
                    + " at the same concurrency in the same run: throughput, p50/p99 latency, and enforce p99 /"
                    + " ingest p99 (target <= 2).",
                "Then export, fetch and verify a proof trail of --trail-events events over HTTP: time (target under"
                    + " 10 s for 100,000) and packet size."})
    static final class GovernanceBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--requests", defaultValue = "1000",
                description = "Requests of each kind per concurrency level and round (default: ${DEFAULT-VALUE}).")
        int requests;

        @Option(names = "--clients", split = ",", defaultValue = "1,8,32", paramLabel = "N",
                description = "Concurrent HTTP clients, one level each (default: ${DEFAULT-VALUE}).")
        List<Integer> clients;

        @Option(names = "--rounds", defaultValue = "2", description = "Rounds per level (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--warmup", defaultValue = "300",
                description = "Untimed requests of each kind first (default: ${DEFAULT-VALUE}).")
        int warmUp;

        @Option(names = "--trail-events", defaultValue = "100000",
                description = "Events of the proof trail exported and verified over HTTP; 0 skips it (default:"
                        + " ${DEFAULT-VALUE}).")
        int trailEvents;

        @Option(names = "--scratch", paramLabel = "DIR", description = "Folder for the throw-away data folder.")
        Path scratch;

        @Override
        public Integer call() throws Exception {
            GovernanceBenchmark.Settings settings = new GovernanceBenchmark.Settings(requests, clients, rounds, warmUp,
                    trailEvents);
            Path folder = scratch != null ? scratch : Files.createTempDirectory("ha-bench-governance");
            try {
                new GovernanceBenchmark(settings, spec.commandLine().getOut()).run(folder);
            } finally {
                IngestBenchmark.delete(scratch != null ? folder.resolve(GovernanceBenchmark.FOLDER) : folder);
            }
            return 0;
        }
    }

    @Command(name = "labels", mixinStandardHelpOptions = true,
            description = "Export QR labels on Avery 5160 to PDF: time and size, against a bitmap-per-symbol PDF and"
                    + " SVG.")
    static final class Labels implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--labels", defaultValue = "1000", description = "Labels per export (default: ${DEFAULT-VALUE}).")
        int labels;

        @Option(names = "--rounds", defaultValue = "7", description = "Timed runs of each way (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--warmup", defaultValue = "3", description = "Untimed runs of each way first (default: ${DEFAULT-VALUE}).")
        int warmUp;

        @Option(names = "--scratch", paramLabel = "DIR", description = "Folder for the files written.")
        Path scratch;

        @Override
        public Integer call() throws Exception {
            Path folder = scratch != null ? scratch : Files.createTempDirectory("ha-bench-labels");
            try {
                new LabelsBenchmark(labels, rounds, warmUp, spec.commandLine().getOut()).run(folder);
            } finally {
                if (scratch == null) {
                    IngestBenchmark.delete(folder);
                }
            }
            return 0;
        }
    }

    @Command(name = "trackables", mixinStandardHelpOptions = true,
            description = {"Trackables: concurrent creation; the scan-counting reads (list, lookup, ?trackable= page)"
                    + " beside the newest-events page on demo events and many scans; GET /t/{code} beside"
                    + " single-event ingest over HTTP."})
    static final class TrackablesBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--creates", defaultValue = "2000", description = "Trackables created (default: ${DEFAULT-VALUE}).")
        int creates;

        @Option(names = "--events", defaultValue = "200000", description = "Demo events stored (default: ${DEFAULT-VALUE}).")
        int events;

        @Option(names = "--scanned", defaultValue = "100", description = "Trackables scanned (default: ${DEFAULT-VALUE}).")
        int scanned;

        @Option(names = "--scans-each", defaultValue = "1000",
                description = "Scans stored per scanned trackable (default: ${DEFAULT-VALUE}).")
        int scansEach;

        @Option(names = "--requests", defaultValue = "2000",
                description = "HTTP requests of each kind (default: ${DEFAULT-VALUE}).")
        int requests;

        @Option(names = "--clients", defaultValue = "4", description = "Concurrent HTTP clients (default: ${DEFAULT-VALUE}).")
        int clients;

        @Option(names = "--scratch", paramLabel = "DIR", description = "Folder for the throw-away data folder.")
        Path scratch;

        @Override
        public Integer call() throws Exception {
            TrackablesBenchmark.Settings settings = new TrackablesBenchmark.Settings(creates, events, scanned, scansEach,
                    requests, clients);
            Path folder = scratch != null ? scratch : Files.createTempDirectory("ha-bench-trackables");
            try {
                new TrackablesBenchmark(settings, spec.commandLine().getOut()).run(folder);
            } finally {
                IngestBenchmark.delete(scratch != null ? folder.resolve(TrackablesBenchmark.FOLDER) : folder);
            }
            return 0;
        }
    }

    @Command(name = "scanner", mixinStandardHelpOptions = true,
            description = "The scanner station under a sustained burst of scans typed at 5 ms a key: scans lost and the"
                    + " longest FX pulse gap, beside the same time with no scans. Needs a display (xvfb-run on a server).")
    static final class Scanner implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--seconds", defaultValue = "60", description = "Seconds of each run (default: ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--rate", defaultValue = "20", description = "Scans a second (default: ${DEFAULT-VALUE}; at most 20).")
        int rate;

        @Option(names = "--average-gap", defaultValue = "30",
                description = "The station's average-gap threshold in ms (default: ${DEFAULT-VALUE}).")
        int averageGap;

        @Option(names = "--max-gap", defaultValue = "80",
                description = "The station's longest-gap threshold in ms (default: ${DEFAULT-VALUE}).")
        int maxGap;

        @Override
        public Integer call() throws Exception {
            if (seconds < 1 || rate < 1 || rate > 20) {
                throw new IllegalArgumentException("--seconds must be at least 1 and --rate 1-20 (a scan takes 45 ms)");
            }
            Path folder = Files.createTempDirectory("ha-bench-scanner");
            try {
                new com.headlessanalytics.console.app.bench.ScannerBenchmark(seconds, rate,
                        new com.headlessanalytics.console.hardware.scan.ScanThresholds(6, averageGap, maxGap, true, true),
                        spec.commandLine().getOut()).run(folder);
            } finally {
                IngestBenchmark.delete(folder);
            }
            return 0;
        }
    }

    @Command(name = "graphql", mixinStandardHelpOptions = true,
            description = "GraphQL's overhead against REST for the same reads over loopback, interleaved in one run:"
                    + " 1,000 events and a 3-step funnel; medians, p95 and the GraphQL/REST ratio (target 1.3).")
    static final class GraphQlBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--events", defaultValue = "50000", description = "Demo events stored (default: ${DEFAULT-VALUE}).")
        int events;

        @Option(names = "--warmup", defaultValue = "50", description = "Untimed pairs first (default: ${DEFAULT-VALUE}).")
        int warmUp;

        @Option(names = "--rounds", defaultValue = "200", description = "Timed pairs of each read (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--scratch", paramLabel = "DIR", description = "Folder for the throw-away data folder.")
        Path scratch;

        @Override
        public Integer call() throws Exception {
            GraphQlBenchmark.Settings settings = new GraphQlBenchmark.Settings(events, warmUp, rounds);
            Path folder = scratch != null ? scratch : Files.createTempDirectory("ha-bench-graphql");
            try {
                new GraphQlBenchmark(settings, spec.commandLine().getOut()).run(folder);
            } finally {
                IngestBenchmark.delete(scratch != null ? folder.resolve(GraphQlBenchmark.FOLDER) : folder);
            }
            return 0;
        }
    }

    @Command(name = "connectors", mixinStandardHelpOptions = true,
            description = "Connector ingest of Shopify-shaped order records beside plain ingest of the same mapped"
                    + " events, in chunks, each run on a fresh data folder: events/s and connector/plain (target 0.7).")
    static final class ConnectorsBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--records", defaultValue = "100000", description = "Records per run (default: ${DEFAULT-VALUE}).")
        int records;

        @Option(names = "--chunk", defaultValue = "1000", description = "Records per request, 1-1000 (default: ${DEFAULT-VALUE}).")
        int chunk;

        @Option(names = "--warmup", defaultValue = "20000",
                description = "Records of the untimed first run of each way (default: ${DEFAULT-VALUE}).")
        int warmUp;

        @Option(names = "--rounds", defaultValue = "3", description = "Timed rounds of both ways (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--scratch", paramLabel = "DIR", description = "Folder for the throw-away data folders.")
        Path scratch;

        @Override
        public Integer call() throws Exception {
            if (records < 1 || chunk < 1 || chunk > 1000 || rounds < 1 || warmUp < 0) {
                throw new IllegalArgumentException("--records and --rounds must be at least 1, --chunk 1-1000");
            }
            Path folder = Files.createTempDirectory(scratch != null ? scratch : Path.of(System.getProperty("java.io.tmpdir")),
                    "ha-bench-connectors");
            try {
                new ConnectorsBenchmark(new ConnectorsBenchmark.Settings(records, chunk, warmUp, rounds),
                        spec.commandLine().getOut()).run(folder);
            } finally {
                IngestBenchmark.delete(folder);
            }
            return 0;
        }
    }

    @Command(name = "graph", mixinStandardHelpOptions = true,
            description = "Ingest of events naming entities beside the same events naming none (target 0.85), each run"
                    + " on a fresh data folder; then entity detail by id among --entities entities: p50 and p99.")
    static final class GraphBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--events", defaultValue = "200000", description = "Events per ingest run (default: ${DEFAULT-VALUE}).")
        int events;

        @Option(names = "--entities", defaultValue = "1000000",
                description = "Entities stored for the lookups (default: ${DEFAULT-VALUE}).")
        int entities;

        @Option(names = "--lookups", defaultValue = "10000", description = "Lookups timed (default: ${DEFAULT-VALUE}).")
        int lookups;

        @Option(names = "--rounds", defaultValue = "3", description = "Timed rounds of both ingests (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--scratch", paramLabel = "DIR", description = "Folder for the throw-away data folders.")
        Path scratch;

        @Override
        public Integer call() throws Exception {
            if (events < 1000 || entities < 1 || lookups < 100 || rounds < 1) {
                throw new IllegalArgumentException("--events must be at least 1000, --entities and --rounds at least 1,"
                        + " --lookups at least 100");
            }
            Path folder = Files.createTempDirectory(scratch != null ? scratch : Path.of(System.getProperty("java.io.tmpdir")),
                    "ha-bench-graph");
            try {
                new GraphBenchmark(new GraphBenchmark.Settings(events, entities, lookups, rounds),
                        spec.commandLine().getOut()).run(folder);
            } finally {
                IngestBenchmark.delete(folder);
            }
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Destination exports of stored events to bigquery (NDJSON) and snowflake (gzipped CSV) beside"
                    + " paging the same events and writing them as NDJSON with Jackson: events/s, ratios, file sizes.")
    static final class ExportBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--events", defaultValue = "1000000",
                description = "Events stored and exported, at most 1000000 (default: ${DEFAULT-VALUE}).")
        int events;

        @Option(names = "--warmup", defaultValue = "50000",
                description = "Events of the untimed first export of each kind (default: ${DEFAULT-VALUE}).")
        int warmUp;

        @Option(names = "--rounds", defaultValue = "3", description = "Timed rounds (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--scratch", paramLabel = "DIR", description = "Folder for the throw-away data folder.")
        Path scratch;

        @Override
        public Integer call() throws Exception {
            if (events < 1 || events > com.headlessanalytics.console.api.Exports.MAX_LIMIT || rounds < 1 || warmUp < 1) {
                throw new IllegalArgumentException("--events must be 1-1000000, --rounds and --warmup at least 1");
            }
            Path folder = Files.createTempDirectory(scratch != null ? scratch : Path.of(System.getProperty("java.io.tmpdir")),
                    "ha-bench-export");
            try {
                new ExportBenchmark(new ExportBenchmark.Settings(events, warmUp, rounds), spec.commandLine().getOut())
                        .run(folder);
            } finally {
                IngestBenchmark.delete(folder);
            }
            return 0;
        }
    }
}
