package com.headlessanalytics.console.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.IngestResult;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.EventLimits;
import com.headlessanalytics.console.domain.demo.DemoGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code demo generate}: seeded, realistic demo events into a workspace or an NDJSON file. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Seeded demo data, marked as such.",
        subcommands = {DemoCommand.Generate.class})
final class DemoCommand {

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = {"Generate weeks of realistic activity of a small shop (scans, views, carts, orders, payments,"
                + " leads, campaigns, agent runs, decisions) and ingest it, or write it as NDJSON with --out.",
                "Every event is marked properties.demo=true and context.dataset=headless-demo. The same --events,"
                    + " --seed, --days, --end and --business-id give the same events; generating them again stores"
                    + " nothing twice."})
    static final class Generate implements Callable<Integer> {
        /** Leaves room under the 512 KiB body limit for the batch wrapper and separators. */
        private static final int BATCH_BYTES = EventLimits.MAX_BATCH_BYTES - 16 * 1024;
        /** What the stored envelope adds to the generated one: {@code "receivedAt":<13 digits>,}. */
        private static final int RECEIVED_AT_BYTES = 28;

        @Spec
        CommandSpec spec;

        @Mixin
        TargetOptions target;

        @Option(names = "--events", defaultValue = "100000", paramLabel = "N",
                description = "How many events (default: ${DEFAULT-VALUE}).")
        long events;

        @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "The seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--days", defaultValue = "28", paramLabel = "D",
                description = "Days of activity ending at --end (default: ${DEFAULT-VALUE}).")
        int days;

        @Option(names = "--end", paramLabel = "TIME",
                description = "End of the range: ms since epoch or ISO-8601, not in the future (default: now).")
        String end;

        @Option(names = "--business-id", defaultValue = "default", paramLabel = "ID",
                description = "Business of every event (default: ${DEFAULT-VALUE}).")
        String businessId;

        @Option(names = "--out", paramLabel = "FILE", description = "Write NDJSON to this new file instead of ingesting.")
        Path out;

        @Option(names = "--into-existing",
                description = "Ingest even when the workspace already holds events that are not demo data"
                        + " (skips reading them to check).")
        boolean intoExisting;

        @Override
        public Integer call() throws Exception {
            if (events < 1) {
                throw new IllegalArgumentException("--events must be at least 1");
            }
            long now = System.currentTimeMillis();
            Long endMillis = EventsCommand.time(end, "--end");
            if (endMillis != null && endMillis > now) {
                throw new IllegalArgumentException("--end must not be in the future: demo events are never stamped after now");
            }
            DemoGenerator generator;
            try {
                generator = DemoGenerator.builder(now).events(events).seed(seed).days(days)
                        .end(endMillis != null ? endMillis : now).businessId(businessId).build();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Cannot generate: " + e.getMessage(), e);
            }
            if (out != null) {
                if (target.dataDir != null || target.url != null || target.apiKey != null || target.jwt != null) {
                    throw new ParameterException(spec.commandLine(),
                            "--out writes a file; it cannot be combined with --data-dir, --url, --api-key or --jwt");
                }
                return write(generator);
            }
            return ingest(generator);
        }

        private int write(DemoGenerator generator) throws IOException {
            if (Files.exists(out)) {
                throw new IllegalArgumentException(out + " already exists; delete it or choose another file");
            }
            PrintWriter err = spec.commandLine().getErr();
            boolean terminal = System.console() != null;
            long written = 0;
            try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                for (Map<String, Object> event : generator) {
                    w.write(json(event));
                    w.write('\n');
                    if (++written % 10_000 == 0) {
                        progress(err, terminal, written, "written");
                    }
                }
            }
            if (terminal) {
                err.println();
            }
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.printf("Wrote %d demo events (%s) to %s.%n", written, describe(generator), out);
            stdout.println("The same events again: " + reproduce(generator));
            return 0;
        }

        private int ingest(DemoGenerator generator) throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            PrintWriter stdout = spec.commandLine().getOut();
            boolean terminal = System.console() != null;
            long sent = 0;
            long stored = 0;
            long duplicates = 0;
            try (TargetOptions.Opened opened = target.open()) {
                HeadlessApi api = opened.api();
                if (!intoExisting) {
                    Event userEvent = firstNonDemoEvent(api, err, terminal);
                    if (userEvent != null) {
                        err.println("error: " + opened.description() + " already holds events that are not demo data"
                                + " (e.g. " + userEvent.event() + " " + userEvent.id() + " at "
                                + Instant.ofEpochMilli(userEvent.timestamp()) + ").");
                        err.println("Demo data is never mixed into a workspace unasked: use an empty data folder"
                                + " (--data-dir) or workspace, or add --into-existing to add the demo events anyway"
                                + " (they stay marked as demo).");
                        return HaCommand.REJECTED;
                    }
                }
                List<Map<String, Object>> batch = new ArrayList<>(EventLimits.MAX_BATCH_EVENTS);
                long batchBytes = 0;
                try {
                    for (Map<String, Object> event : generator) {
                        int bytes = json(event).length() + RECEIVED_AT_BYTES;
                        if (batch.size() == EventLimits.MAX_BATCH_EVENTS || batchBytes + bytes > BATCH_BYTES) {
                            IngestResult result = api.ingest(batch);
                            stored += result.accepted();
                            duplicates += result.duplicates();
                            sent += batch.size();
                            progress(err, terminal, sent, "sent");
                            batch = new ArrayList<>(EventLimits.MAX_BATCH_EVENTS);
                            batchBytes = 0;
                        }
                        batch.add(event);
                        batchBytes += bytes + 1;
                    }
                    if (!batch.isEmpty()) {
                        IngestResult result = api.ingest(batch);
                        stored += result.accepted();
                        duplicates += result.duplicates();
                        sent += batch.size();
                    }
                } catch (ApiException e) {
                    if (terminal) {
                        err.println();
                    }
                    err.println("error: " + e.getMessage() + (e.status() > 0 ? " (HTTP " + e.status() + ")" : ""));
                    err.println(stored + " demo events were stored before the failure; the same command with "
                            + reproduce(generator) + " stores the rest and nothing twice.");
                    return e instanceof ApiException.Client ? HaCommand.REJECTED : HaCommand.FAILED;
                }
                if (terminal) {
                    err.println();
                }
                stdout.printf("Generated %d demo events (%s) into %s: %d stored, %d duplicates.%n", sent,
                        describe(generator), opened.description(), stored, duplicates);
                if (duplicates > 0) {
                    stdout.println("The duplicates were stored before: demo ids derive from the seed and position,"
                            + " so generating again stores nothing twice. Use another --seed for a separate dataset.");
                }
                stdout.println("The same events again: " + reproduce(generator));
            }
            return 0;
        }

        /**
         * The first stored event without both demo marks, or null. The newest page first (events
         * ingested after a demo dataset land there), then every page oldest first, stopping at a match.
         */
        private Event firstNonDemoEvent(HeadlessApi api, PrintWriter err, boolean terminal) {
            EventQuery query = new EventQuery(null, null, null, null, null, null, EventLimits.MAX_EVENTS_PAGE, null,
                    EventQuery.Order.DESC);
            for (Event e : api.events(query).events()) {
                if (!DemoGenerator.isDemo(e)) {
                    return e;
                }
            }
            query = new EventQuery(null, null, null, null, null, null, EventLimits.MAX_EVENTS_PAGE, null,
                    EventQuery.Order.ASC);
            long read = 0;
            EventPage page;
            do {
                page = api.events(query);
                for (Event e : page.events()) {
                    if (!DemoGenerator.isDemo(e)) {
                        endLine(err, terminal && read > 0);
                        return e;
                    }
                }
                read += page.events().size();
                if (terminal && page.nextCursor() != null) {
                    err.printf("\rchecking the stored events for data that is not demo data: %,d read", read);
                    err.flush();
                }
                query = query.withCursor(page.nextCursor());
            } while (page.nextCursor() != null);
            endLine(err, terminal && read > EventLimits.MAX_EVENTS_PAGE);
            return null;
        }

        private static void endLine(PrintWriter err, boolean progressShown) {
            if (progressShown) {
                err.println();
            }
        }

        private void progress(PrintWriter err, boolean terminal, long done, String verb) {
            if (terminal) {
                err.printf("\r%,d / %,d demo events %s (%d%%)", done, events, verb, 100 * done / events);
                err.flush();
            }
        }

        private static String describe(DemoGenerator g) {
            return "seed " + g.seed() + ", " + Instant.ofEpochMilli(g.from()) + " to " + Instant.ofEpochMilli(g.to())
                    + ", business " + g.businessId();
        }

        private String reproduce(DemoGenerator g) {
            return "--events " + g.events() + " --seed " + g.seed() + " --days " + days + " --end "
                    + Instant.ofEpochMilli(g.to()) + " --business-id " + g.businessId();
        }

        /** Compact JSON; demo events are ASCII, so its length is its size in bytes. */
        private static String json(Map<String, Object> event) {
            try {
                return ApiJson.mapper().writeValueAsString(event);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
