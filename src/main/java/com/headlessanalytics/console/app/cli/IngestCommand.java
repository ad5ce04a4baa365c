package com.headlessanalytics.console.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.IngestResult;
import com.headlessanalytics.console.app.StoreBehind;
import com.headlessanalytics.console.domain.EventLimits;
import com.headlessanalytics.console.domain.EventValidator;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.engine.BulkImport;
import com.headlessanalytics.console.engine.DataFileUse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.BitSet;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ingest FILE}: sends the events of a JSON-array or NDJSON file in batches. The whole file
 * is checked first; by default one invalid record stops everything before anything is sent.
 * Records without an {@code id} get one derived from their content and position, so running the
 * same file again stores nothing twice. Into a data folder (the embedded engine) the file goes
 * through {@link BulkImport}: chunks of up to {@code --chunk-size} events, each one transaction
 * written in time order, the next chunk validated while the last is written.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Ingest the events of a JSON array or NDJSON file, in batches.")
final class IngestCommand implements Callable<Integer> {
    private static final int MAX_SHOWN_PROBLEMS = 50;
    /** Leaves room under the 512 KiB body limit for the batch wrapper and separators. */
    private static final int BATCH_BYTES = EventLimits.MAX_BATCH_BYTES - 16 * 1024;

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Parameters(paramLabel = "FILE", description = "A JSON array of event envelopes, or NDJSON (one per line).")
    Path file;

    @Option(names = "--batch-size", defaultValue = "1000", paramLabel = "N",
            description = "Events per request, 1-1000 (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--skip-invalid",
            description = "Send the valid records even when others are invalid (the exit code is still 1).")
    boolean skipInvalid;

    /** The default, 100,000, imports 1M events 1.6x faster than 20,000 (docs/performance.md). */
    @Option(names = "--chunk-size", defaultValue = "100000", paramLabel = "N",
            description = "Into a data folder: events per transaction, 1000-1000000 (default: ${DEFAULT-VALUE}).")
    int chunkEvents;

    private static final int MIN_CHUNK = 1000;
    private static final int MAX_CHUNK = 1_000_000;
    /**
     * A chunk also ends at this much input. Two chunks are in memory at once (one validated, one
     * written), each about eight times its input, so the cap is a twentieth of the heap, at most 80 MB.
     */
    static long chunkInput(long maxHeap) {
        return Math.max(1L << 20, Math.min(80L << 20, maxHeap / 20));
    }

    private record Pending(int number, Map<String, Object> envelope, int bytes) {
    }

    private int read;
    private int invalid;
    private long stored;
    private long duplicates;
    private long rejected;
    private long sent;

    @Override
    public Integer call() throws Exception {
        if (batchSize < 1 || batchSize > EventLimits.MAX_BATCH_EVENTS) {
            throw new IllegalArgumentException("--batch-size must be between 1 and " + EventLimits.MAX_BATCH_EVENTS);
        }
        if (chunkEvents < MIN_CHUNK || chunkEvents > MAX_CHUNK) {
            throw new IllegalArgumentException("--chunk-size must be between " + MIN_CHUNK + " and " + MAX_CHUNK);
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("Cannot read " + file);
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        List<String> problems = new ArrayList<>();
        BitSet invalidRecords = new BitSet();
        long now = System.currentTimeMillis();
        try {
            EventFile.read(file, item -> {
                read++;
                List<String> found = problemsOf(item, now);
                if (!found.isEmpty()) {
                    invalidRecords.set(item.number());
                    problems.addAll(found);
                }
            });
        } catch (IOException e) {
            err.println("error: " + file + " cannot be read: " + e.getMessage());
            return HaCommand.REJECTED;
        }
        invalid = (int) problems.stream().map(p -> p.substring(0, p.indexOf(':'))).distinct().count();
        problems.stream().limit(MAX_SHOWN_PROBLEMS).forEach(p -> err.println("invalid " + p));
        if (problems.size() > MAX_SHOWN_PROBLEMS) {
            err.println("… and " + (problems.size() - MAX_SHOWN_PROBLEMS) + " more problems");
        }
        if (invalid > 0 && !skipInvalid) {
            err.println(invalid + " of " + read + " records are invalid; nothing was sent."
                    + " Fix them, or use --skip-invalid to send the rest.");
            return HaCommand.REJECTED;
        }
        boolean terminal = System.console() != null;
        DataFileUse compacting = null;
        long compactStart = 0;
        try (TargetOptions.Opened opened = target.open()) {
            Optional<BulkImport> opens = BulkImport.of(opened.api());
            if (opens.isPresent()) {
                BulkImport bulk = opens.get();
                importInChunks(bulk, invalidRecords, err, terminal);
                DataFileUse use = bulk.dataFile();
                if (stored > 0 && use.worthCompacting()) {
                    bulk.compactWhenClosed();
                    compacting = use;
                    compactStart = System.nanoTime();
                }
            } else {
                sendInBatches(opened, invalidRecords, err, terminal);
            }
            if (terminal) {
                err.println();
            }
            out.printf("%d records read from %s into %s: %d stored, %d duplicates, %d rejected%s%n", read,
                    file.getFileName(), opened.description(), stored, duplicates, rejected + invalid,
                    invalid > 0 ? " (" + invalid + " invalid, skipped)" : "");
            if (compacting != null) {
                err.printf("compacting the data file: %,d MB, %d%% of it in use …%n", compacting.bytes() >> 20,
                        compacting.livePercent());
                err.flush();
            }
        } catch (ApiException e) {
            if (terminal) {
                err.println();
            }
            err.println("error: " + e.getMessage() + (e.status() > 0 ? " (HTTP " + e.status() + ")" : ""));
            err.println(stored + " events were stored before the failure; running the same command again"
                    + " sends the rest and stores nothing twice.");
            return HaCommand.FAILED;
        }
        if (compacting != null) {
            err.printf("compacted the data file from %,d MB to %,d MB in %.1f s%n", compacting.bytes() >> 20,
                    Files.size(compacting.file()) >> 20, (System.nanoTime() - compactStart) / 1e9);
        }
        return rejected + invalid > 0 ? HaCommand.REJECTED : 0;
    }

    private void sendInBatches(TargetOptions.Opened opened, BitSet invalidRecords, PrintWriter err, boolean terminal)
            throws IOException {
        List<Pending> batch = new ArrayList<>();
        int[] batchBytes = {0};
        EventFile.read(file, item -> {
            if (invalidRecords.get(item.number())) {
                return;
            }
            Map<String, Object> envelope = withStableId(item);
            int bytes = size(envelope);
            if (!batch.isEmpty() && (batch.size() == batchSize || batchBytes[0] + bytes > BATCH_BYTES)) {
                send(opened, batch, err);
                batch.clear();
                batchBytes[0] = 0;
                progress(err, terminal);
            }
            batch.add(new Pending(item.number(), envelope, bytes));
            batchBytes[0] += bytes + 1;
        });
        if (!batch.isEmpty()) {
            send(opened, batch, err);
            progress(err, terminal);
        }
    }

    /** A chunk on its way to {@link BulkImport}: its first and last record numbers and its envelopes. */
    private record Chunk(int first, int last, List<Map<String, Object>> envelopes) {
    }

    /**
     * The embedded path: chunks validated on this thread while the previous one is stored on another,
     * so parsing and validation overlap H2's writing. A chunk the engine refuses (a tracking plan in
     * block mode, or an event the checking pass let through, e.g. one that grows past the size limit
     * once stored) is reported as rejected, whole, and the rest goes on. Any other failure stops the
     * import; the chunks before it are committed.
     */
    private void importInChunks(BulkImport bulk, BitSet invalidRecords, PrintWriter err, boolean terminal)
            throws IOException {
        try (StoreBehind writer = new StoreBehind("ha-import-store")) {
            List<Map<String, Object>> envelopes = new ArrayList<>();
            int[] first = {0};
            long[] input = {0};
            long maxInput = chunkInput(Runtime.getRuntime().maxMemory());
            Consumer<Chunk> hand = chunk -> {
                BulkImport.Chunk prepared;
                try {
                    prepared = bulk.prepare(chunk.envelopes());
                } catch (ApiException.Client e) {
                    writer.await();
                    refused(chunk, chunk.envelopes().size(), e, err);
                    return;
                }
                writer.await();
                progress(err, terminal);
                writer.submit(() -> {
                    try {
                        BulkImport.Stored result = bulk.store(prepared);
                        stored += result.accepted();
                        duplicates += result.duplicates();
                        if (!terminal) {
                            err.printf("records %d-%d committed: %d stored, %d duplicates%n", chunk.first(),
                                    chunk.last(), result.accepted(), result.duplicates());
                            err.flush();
                        }
                    } catch (ApiException.Client e) {
                        refused(chunk, prepared.size(), e, err);
                    }
                    sent += prepared.size();
                });
            };
            EventFile.read(file, item -> {
                if (invalidRecords.get(item.number())) {
                    return;
                }
                if (envelopes.isEmpty()) {
                    first[0] = item.number();
                }
                envelopes.add(withStableId(item));
                input[0] += item.length();
                if (envelopes.size() == chunkEvents || input[0] >= maxInput) {
                    hand.accept(new Chunk(first[0], item.number(), new ArrayList<>(envelopes)));
                    envelopes.clear();
                    input[0] = 0;
                }
            });
            if (!envelopes.isEmpty()) {
                hand.accept(new Chunk(first[0], read, new ArrayList<>(envelopes)));
            }
            writer.await();
            progress(err, terminal);
        }
    }

    private void refused(Chunk chunk, int events, ApiException.Client e, PrintWriter err) {
        rejected += events;
        sent += events;
        err.println("rejected a chunk of " + events + " (records " + chunk.first() + "-" + chunk.last() + "): "
                + e.getMessage());
        for (FieldError d : e.details().subList(0, Math.min(e.details().size(), MAX_SHOWN_PROBLEMS))) {
            err.println("  " + (d.index() != null ? "event " + (d.index() + 1) + " of the chunk " : "")
                    + (d.field() != null ? d.field() + ": " : "") + d.message());
        }
    }

    private void send(TargetOptions.Opened opened, List<Pending> batch, PrintWriter err) {
        List<Map<String, Object>> envelopes = batch.stream().map(Pending::envelope).toList();
        try {
            IngestResult result = opened.api().ingest(envelopes);
            stored += result.accepted();
            duplicates += result.duplicates();
        } catch (ApiException.Client e) {
            rejected += batch.size();
            err.println("rejected a batch of " + batch.size() + " (records " + batch.get(0).number() + "-"
                    + batch.get(batch.size() - 1).number() + "): " + e.getMessage());
            for (FieldError d : e.details()) {
                String where = d.index() != null && d.index() < batch.size()
                        ? "record " + batch.get(d.index()).number() + " " : "";
                err.println("  " + where + (d.field() != null ? d.field() + ": " : "") + d.message());
            }
        }
        sent += batch.size();
    }

    private void progress(PrintWriter err, boolean terminal) {
        if (terminal) {
            err.printf("\r%,d / %,d events sent (%d%%)", sent, read - invalid, 100 * sent / Math.max(1, read - invalid));
            err.flush();
        }
    }

    private static List<String> problemsOf(EventFile.Item item, long now) {
        String where = "record " + item.number() + " (line " + item.line() + ")";
        if (item.envelope() == null) {
            return List.of(where + ": " + item.problem());
        }
        EventValidator.Outcome outcome = EventValidator.validate(null, item.envelope(), size(item.envelope()), now,
                "default", "id");
        return outcome.errors().stream()
                .map(e -> where + ": " + (e.field() != null ? e.field() + " " : "") + e.message())
                .toList();
    }

    /** Keeps the record's own id; otherwise derives one from its content and record number. */
    private static Map<String, Object> withStableId(EventFile.Item item) {
        if (item.envelope().get("id") != null) {
            return item.envelope();
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(ApiJson.mapper().writeValueAsBytes(item.envelope()));
            sha.update(("#" + item.number()).getBytes(StandardCharsets.UTF_8));
            Map<String, Object> copy = new LinkedHashMap<>(item.envelope());
            copy.put("id", "ing_" + HexFormat.of().formatHex(sha.digest()).substring(0, 32));
            return copy;
        } catch (JsonProcessingException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int size(Map<String, Object> envelope) {
        try {
            return ApiJson.mapper().writeValueAsBytes(envelope).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
