package com.headlessanalytics.console.app.cli;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.Exports;
import com.headlessanalytics.console.connectors.RecordFiles;
import com.headlessanalytics.console.domain.FieldError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code export}: one destination export (docs/exports.md) of recent events or of a file's records;
 * prints the receipt and the command that loads the files. A failed delivery exits with 3 and names
 * the export to retry with {@code exports retry}.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export events to a warehouse or storage: bigquery, snowflake, redshift, s3, gcs or https.",
            "Prints the receipt (id, count, sha256, files, where they went) and the load command."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Mixin
    ExportConfigOptions config;

    @Option(names = "--from", paramLabel = "TIME", description = "Events from this time: ms since epoch or ISO-8601, inclusive.")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Events before this time: ms since epoch or ISO-8601, exclusive.")
    String to;

    @Option(names = "--destination", required = true, paramLabel = "D",
            description = "bigquery, snowflake, redshift, s3, gcs or https.")
    String destination;

    @Option(names = "--limit", paramLabel = "N",
            description = "The N most recent matching events, exported oldest first (default 1000, at most 1000000).")
    Integer limit;

    @Option(names = "--event", paramLabel = "NAME", description = "Only events with this name.")
    String event;

    @Option(names = "--business-id", paramLabel = "ID", description = "Only events of this business.")
    String businessId;

    @Option(names = "--actor", paramLabel = "ID", description = "Only events of this actor.")
    String actor;

    @Option(names = "--trace-id", paramLabel = "ID", description = "Only events with this traceId.")
    String traceId;

    @Option(names = "--records", paramLabel = "FILE",
            description = "Export exactly these records (JSON, NDJSON or CSV; at most 1000) instead of stored events.")
    Path records;

    @Option(names = "--json", description = "Print the API's JSON answer instead of the receipt's text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1");
        }
        Exports.Filter filter = event == null && businessId == null && actor == null && traceId == null ? null
                : new Exports.Filter(event, businessId, actor, traceId);
        Exports.Request request = new Exports.Request(destination, limit, EventsCommand.time(from, "--from"),
                EventsCommand.time(to, "--to"), filter,
                records == null ? null : readRecords(), config.config());
        return deliver(spec, json, () -> {
            try (TargetOptions.Opened opened = target.open()) {
                return opened.api().exportToDestination(request);
            }
        });
    }

    private List<Map<String, Object>> readRecords() {
        try (RecordFiles.Reader reader = RecordFiles.open(records)) {
            List<RecordFiles.Record> read = reader.nextChunk(Exports.MAX_RECORDS);
            if (reader.next() != null) {
                throw new ParameterException(spec.commandLine(), records + " holds more than " + Exports.MAX_RECORDS
                        + " records, the most one export takes");
            }
            return read.stream().map(RecordFiles.Record::fields).toList();
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), records + ": " + e.getMessage());
        }
    }

    /** One export or retry call. */
    @FunctionalInterface
    interface Call {
        Exports.Result run() throws Exception;
    }

    /** Runs the call and prints its receipt; a failed delivery is printed with the retry command and exits 3. */
    static int deliver(CommandSpec spec, boolean json, Call call) throws Exception {
        Exports.Result result;
        try {
            result = call.run();
        } catch (ApiException.Client e) {
            if (!ErrorCodes.DESTINATION_FAILED.equals(e.code())) {
                throw e;
            }
            PrintWriter err = spec.commandLine().getErr();
            err.println("error: " + e.getMessage() + " (HTTP " + e.status() + ")");
            String exportId = e.details().stream().filter(d -> "exportId".equals(d.field())).map(FieldError::message)
                    .findFirst().orElse(null);
            if (exportId != null) {
                err.println("The failed export's receipt is " + exportId + "; its staged files are kept. Retry with:");
                err.println("  ha-console exports retry " + exportId + " (plus the same --config-secret options)");
            }
            err.flush();
            return HaCommand.FAILED;
        }
        if (json) {
            QueryCommand.print(spec, result);
        } else {
            printReceipt(spec.commandLine().getOut(), result.receipt());
        }
        return Exports.FAILED.equals(result.receipt().status()) ? HaCommand.FAILED : 0;
    }

    static void printReceipt(PrintWriter out, Exports.Receipt r) {
        out.printf("export %s to %s: %s%n", r.exportId(), r.destination(), r.status());
        if (r.retryOf() != null) {
            out.printf("  retry of  %s%n", r.retryOf());
        }
        out.printf("  events    %d%n", r.count());
        out.printf("  sha256    %s%n", r.sha256());
        out.printf("  location  %s%n", r.location());
        if (r.format() != null) {
            out.printf("  format    %s%n", r.format());
        }
        out.printf("  started   %s%n", Instant.ofEpochMilli(r.startedAt()));
        if (r.finishedAt() != null) {
            out.printf("  finished  %s%n", Instant.ofEpochMilli(r.finishedAt()));
        }
        if (r.error() != null) {
            out.printf("  error     %s%n", r.error());
        }
        if (r.files() != null) {
            for (Exports.File f : r.files()) {
                out.printf("  file      %s  %,d bytes  sha256 %s  %s%n", f.name(), f.bytes(), f.sha256(), f.location());
            }
        }
        if (r.loadCommand() != null) {
            out.println("load command:");
            out.println(r.loadCommand().indent(2).stripTrailing());
        }
        out.flush();
    }
}
