package com.headlessanalytics.console.app.cli;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Connectors;
import com.headlessanalytics.console.app.StoreBehind;
import com.headlessanalytics.console.connectors.RecordFiles;
import com.headlessanalytics.console.engine.BulkImport;
import com.headlessanalytics.console.domain.FieldError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code connectors …}: import provider records (docs/connectors.md) and list the providers. */
@Command(name = "connectors", mixinStandardHelpOptions = true,
        description = "Provider records (Shopify orders, Stripe charges, HubSpot contacts …) mapped to events.",
        subcommands = {ConnectorsCommand.Ingest.class, ConnectorsCommand.ProvidersList.class})
final class ConnectorsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Name a connectors command: ingest or providers");
    }

    /**
     * {@code connectors ingest}: reads the file in chunks of at most 1000 records (and 4 MB), sends
     * each chunk as one connector ingest request, and prints a line per chunk on standard error. A
     * refused chunk stores nothing; its errors are printed with the record's number in the file,
     * and the other chunks are still sent (running the command again stores nothing twice).
     */
    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = {"Import the records of a JSON, NDJSON or CSV file through a provider's mapping.",
                "JSON: an array of objects, {\"records\": [...]}, or one object. NDJSON (.ndjson, .jsonl): one object"
                    + " per line. CSV (.csv, .tsv): a header row; comma, semicolon or tab; every value a string;"
                    + " a dotted header such as customer.email makes a nested field."})
    static final class Ingest implements Callable<Integer> {
        private static final int MAX_SHOWN_ERRORS = 50;
        /** Leaves room under the body limit for the request wrapper. */

        @Spec
        CommandSpec spec;

        @Mixin
        TargetOptions target;

        @Parameters(paramLabel = "FILE", description = "The records: .json, .ndjson/.jsonl, .csv or .tsv (else sniffed).")
        Path file;

        @Option(names = "--provider", required = true, paramLabel = "P",
                description = "The provider, e.g. shopify, stripe, hubspot (see `connectors providers`).")
        String provider;

        @Option(names = "--record-type", paramLabel = "T",
                description = "The provider's record type, e.g. order (default: recognised from each record).")
        String recordType;

        @Option(names = "--dry-run", description = "Map and check every record; store nothing.")
        boolean dryRun;

        @Option(names = {"--business-id", "--business"}, paramLabel = "ID",
                description = "The business the events belong to (default: the workspace's).")
        String businessId;

        @Option(names = "--chunk-size", defaultValue = "1000", paramLabel = "N",
                description = "Records per request, 1-1000 (default: ${DEFAULT-VALUE}).")
        int chunkSize;

        @Option(names = "--json", description = "Print each chunk's answer (or refusal) as one JSON line instead of the summary.")
        boolean json;

        private long received;
        private long accepted;
        private long duplicates;
        private long failed;
        private int shownErrors;
        private int refusedChunks;

        @Override
        public Integer call() throws Exception {
            if (chunkSize < 1 || chunkSize > Connectors.MAX_RECORDS) {
                throw new IllegalArgumentException("--chunk-size must be between 1 and " + Connectors.MAX_RECORDS);
            }
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("Cannot read " + file);
            }
            PrintWriter err = spec.commandLine().getErr();
            PrintWriter out = spec.commandLine().getOut();
            RecordFiles.Reader reader;
            try {
                reader = RecordFiles.open(file);
            } catch (IOException e) {
                err.println("error: " + file + ": " + e.getMessage());
                return HaCommand.REJECTED;
            }
            int chunks = 0;
            try (RecordFiles.Chunker chunker = new RecordFiles.Chunker(reader, RecordFiles.Chunker.REQUEST_BYTES);
                 TargetOptions.Opened opened = target.open()) {
                Optional<BulkImport> bulk = BulkImport.of(opened.api());
                if (bulk.isPresent()) {
                    importInChunks(bulk.get(), chunker, out, err);
                } else {
                    for (List<RecordFiles.Record> chunk; !(chunk = chunker.next(chunkSize)).isEmpty(); ) {
                        send(opened, ++chunks, chunk, out, err);
                    }
                }
                summary(opened.description(), json ? err : out);
            } catch (RecordFiles.BadFileException e) {
                err.println("error: " + file.getFileName() + ": " + e.getMessage());
                err.println("Stopped there: " + accepted + " events were stored from the records before it;"
                        + " running the command again on the fixed file stores nothing twice.");
                return HaCommand.REJECTED;
            } catch (Stop e) {
                return HaCommand.REJECTED;
            } catch (ApiException.Server | ApiException.Unreachable e) {
                err.println("error: " + e.getMessage() + (e.status() > 0 ? " (HTTP " + e.status() + ")" : ""));
                err.println(accepted + " events were stored before the failure; running the same command again"
                        + " sends the rest and stores nothing twice.");
                return HaCommand.FAILED;
            }
            return failed > 0 || refusedChunks > 0 ? HaCommand.REJECTED : 0;
        }

        private void send(TargetOptions.Opened opened, int chunk, List<RecordFiles.Record> records, PrintWriter out,
                          PrintWriter err) {
            Connectors.Result result;
            try {
                result = opened.api().connectorIngest(request(records));
            } catch (ApiException.Client e) {
                refused(chunk, records, e, out, err);
                return;
            }
            answered(chunk, records, result, out, err);
        }

        /**
         * The embedded workspace's way ({@link BulkImport}): each chunk mapped and validated on this
         * thread while the one before is stored on another; answered and reported in file order, as
         * {@link #send} reports them.
         */
        private void importInChunks(BulkImport bulk, RecordFiles.Chunker chunker, PrintWriter out, PrintWriter err)
                throws IOException {
            try (StoreBehind writer = new StoreBehind("ha-connectors-store")) {
                int chunk = 0;
                for (List<RecordFiles.Record> records; !(records = next(chunker, writer)).isEmpty(); ) {
                    int number = ++chunk;
                    BulkImport.Records prepared;
                    try {
                        prepared = bulk.prepare(request(records));
                    } catch (ApiException.Client e) {
                        writer.await();
                        refused(number, records, e, out, err);
                        continue;
                    }
                    List<RecordFiles.Record> sent = records;
                    writer.submit(() -> {
                        Connectors.Result result;
                        try {
                            result = bulk.store(prepared);
                        } catch (ApiException.Client e) {
                            refused(number, sent, e, out, err);
                            return;
                        }
                        answered(number, sent, result, out, err);
                    });
                }
                writer.await();
            }
        }

        /** The next chunk of the file; when the file turns out bad, first lets the chunk being stored finish. */
        private List<RecordFiles.Record> next(RecordFiles.Chunker chunker, StoreBehind writer) throws IOException {
            try {
                return chunker.next(chunkSize);
            } catch (RecordFiles.BadFileException e) {
                writer.await();
                throw e;
            }
        }

        private Connectors.Request request(List<RecordFiles.Record> records) {
            return new Connectors.Request(provider, recordType,
                    records.stream().map(RecordFiles.Record::fields).toList(), dryRun ? Boolean.TRUE : null, businessId);
        }

        /**
         * A refused chunk: per-record errors are counted and shown, and the import goes on; a
         * request-level refusal stops it ({@link Stop}).
         */
        private void refused(int chunk, List<RecordFiles.Record> records, ApiException.Client e, PrintWriter out,
                             PrintWriter err) {
            int first = records.get(0).number();
            int last = records.get(records.size() - 1).number();
            boolean perRecord = !e.details().isEmpty() && e.details().stream().allMatch(d -> d.index() != null);
            if (json) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("chunk", chunk);
                line.put("firstRecord", first);
                line.put("error", Map.of("status", e.status(), "code", e.code(), "message", e.getMessage(),
                        "details", e.details()));
                out.println(ApiJson.write(line));
                out.flush();
            }
            if (!perRecord) {
                err.println("error: " + e.getMessage() + (e.status() > 0 ? " (HTTP " + e.status() + ")" : ""));
                for (FieldError d : e.details()) {
                    err.println("  " + HaCommand.describe(d));
                }
                err.println("Nothing more was sent; " + accepted + " events were stored before this chunk.");
                err.flush();
                throw new Stop();
            }
            refusedChunks++;
            received += records.size();
            long bad = e.details().stream().map(FieldError::index).distinct().count();
            failed += bad;
            err.printf("chunk %d: records %d-%d refused, nothing of it stored: %d records with errors%n", chunk,
                    first, last, bad);
            for (FieldError d : e.details()) {
                RecordFiles.Record r = d.index() < records.size() ? records.get(d.index()) : null;
                showError(err, r, d.field(), d.code(), d.message());
            }
            err.flush();
        }

        private void answered(int chunk, List<RecordFiles.Record> records, Connectors.Result result, PrintWriter out,
                              PrintWriter err) {
            int first = records.get(0).number();
            int last = records.get(records.size() - 1).number();
            received += result.received();
            accepted += result.accepted();
            duplicates += result.duplicates();
            failed += result.failed();
            if (json) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("chunk", chunk);
                line.put("firstRecord", first);
                line.put("answer", result);
                out.println(ApiJson.write(line));
                out.flush();
            }
            err.printf("chunk %d: records %d-%d: %d accepted, %d duplicates, %d failed%s%n", chunk, first, last,
                    result.accepted(), result.duplicates(), result.failed(), dryRun ? " (dry run)" : "");
            for (Connectors.RecordResult rr : result.records()) {
                RecordFiles.Record r = rr.index() < records.size() ? records.get(rr.index()) : null;
                for (Connectors.Note n : rr.errors() == null ? List.<Connectors.Note>of() : rr.errors()) {
                    showError(err, r, n.field(), n.code(), n.message());
                }
            }
            err.flush();
        }

        private void showError(PrintWriter err, RecordFiles.Record r, String field, String code, String message) {
            if (shownErrors++ == MAX_SHOWN_ERRORS) {
                err.println("  … more errors are not shown");
            }
            if (shownErrors > MAX_SHOWN_ERRORS) {
                return;
            }
            String where = r == null ? "" : "record " + r.number() + " (line " + r.line() + ") ";
            err.println("  " + where + (field != null ? field + ": " : "") + message + (code != null ? " [" + code + "]" : ""));
        }

        private void summary(String into, PrintWriter w) {
            w.printf("%s into %s (%s%s): received %d, accepted %d, duplicates %d, failed %d%n", file.getFileName(),
                    into, provider, dryRun ? ", dry run: nothing stored" : "", received, accepted, duplicates, failed);
            if (refusedChunks > 0) {
                w.println(refusedChunks + (refusedChunks == 1 ? " chunk was" : " chunks were")
                        + " refused and stored nothing; fix those records and run the command again"
                        + " (the stored events become duplicates).");
            }
            w.flush();
        }

        /** A request-level refusal (a wrong provider, say): the other chunks would be refused too. */
        private static final class Stop extends RuntimeException {
            Stop() {
                super(null, null, false, false);
            }
        }
    }

    @Command(name = "providers", mixinStandardHelpOptions = true,
            description = "The providers and their record types: a table, or JSON with --json.")
    static final class ProvidersList extends ApiQueryCommand {
        @Option(names = "--json", description = "Print the API's JSON answer instead of a table.")
        boolean json;

        @Override
        Request request() {
            return api -> api.connectorProviders();
        }

        @Override
        void print(Object answer) throws Exception {
            if (json) {
                super.print(answer);
                return;
            }
            Connectors.Providers providers = (Connectors.Providers) answer;
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-14s  %-12s  %s%n", "PROVIDER", "CATEGORY", "RECORD TYPES (type -> event)");
            for (Connectors.Provider p : providers.providers()) {
                String types = p.recordTypes() == null ? "" : p.recordTypes().stream()
                        .map(t -> t.type() + " -> " + t.event()).collect(Collectors.joining(", "));
                out.printf("%-14s  %-12s  %s%n", p.id(), p.category() == null ? "" : p.category(), types);
            }
            out.println(providers.providers().size() + " providers");
            out.flush();
        }
    }
}
