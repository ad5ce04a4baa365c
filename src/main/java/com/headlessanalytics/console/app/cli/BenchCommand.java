package com.headlessanalytics.console.app.cli;

import com.headlessanalytics.console.app.bench.IngestBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench ingest}: throughput figures with a baseline run side by side. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print figures and ratios.",
        subcommands = {BenchCommand.Ingest.class, BenchCommand.EventsScreen.class})
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
}
