package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.api.Connectors;
import com.headlessanalytics.console.api.HeadlessApi;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Importing a file into an embedded workspace: large chunks (thousands of events) instead of
 * 1000-event ingest batches, each validated exactly as ingest validates, then stored in one
 * transaction in timestamp order ({@link EventStore#storeBulk}). Ids, duplicates, tracking plans,
 * the ingest projections and the analytics columns are those of ingest; what differs is only how
 * the rows reach H2 (docs/performance.md, "Bulk import").
 *
 * <p>Between its chunks, the database's writer compacts the data file, as it does whenever a large
 * file is mostly dead ({@link Database.CompactionRule}): without that, the 2M-event import's file grew to
 * 12.9 GB with 13% of it live.
 *
 * <p>Connector records ({@code connectors ingest FILE}) take the same way in requests of at most
 * {@value Connectors#MAX_RECORDS} records, each answered as {@code connectorIngest} answers it.
 *
 * <p>{@code prepare} and {@code store} are separate so that a caller can validate the next chunk
 * while the previous one is written; {@code store} may be called from one thread at a time.
 */
public final class BulkImport {
    private final EngineApi api;

    private BulkImport(EngineApi api) {
        this.api = api;
    }

    /** The bulk path of a workspace port of the embedded engine; empty for any other port (remote, fakes). */
    public static Optional<BulkImport> of(HeadlessApi api) {
        return api instanceof EngineApi engine ? Optional.of(new BulkImport(engine)) : Optional.empty();
    }

    /** A validated chunk, ready to store. */
    public static final class Chunk {
        private final EngineApi.Validated valid;

        private Chunk(EngineApi.Validated valid) {
            this.valid = valid;
        }

        public int size() {
            return valid.events().size();
        }
    }

    /** Connector records mapped and validated, ready to store. */
    public static final class Records {
        private final EngineConnectors.Prepared prepared;

        private Records(EngineConnectors.Prepared prepared) {
            this.prepared = prepared;
        }

        public int size() {
            return prepared.size();
        }
    }

    /** What a chunk stored: new events, and those already stored (or repeated in the chunk). */
    public record Stored(int accepted, int duplicates) {
    }

    /**
     * Validates the envelopes as ingest does (missing ids generated, each event's size limit; no
     * batch limits); any invalid one throws the same 400/413 as ingest, naming each by index.
     */
    public Chunk prepare(List<Map<String, Object>> envelopes) {
        return new Chunk(api.validate(envelopes, api.now(), false));
    }

    /** Stores the chunk in one transaction: all of it, or (on an exception) none of it. */
    public Stored store(Chunk chunk) {
        EventStore.Stored stored = api.persistInTimeOrder(chunk.valid.events(), chunk.valid.envelopes()).stored();
        return new Stored(stored.accepted(), stored.duplicateIds().size());
    }

    /**
     * Maps and validates a connector request's records, touching no table; the request-level
     * problems {@code connectorIngest} refuses (provider, record type, record count, businessId)
     * throw the same 400/413 here.
     */
    public Records prepare(Connectors.Request request) {
        return new Records(api.connectors().prepare(request));
    }

    /**
     * Stores prepared records and answers exactly as {@code connectorIngest} would have: the 400/413
     * naming each invalid record (nothing stored), or each record's outcome (a dry run stores nothing).
     */
    public Connectors.Result store(Records records) {
        return api.connectors().finish(records.prepared);
    }

    /** The data file after what was stored: its size and how much of it is live. */
    public DataFileUse dataFile() {
        return api.database().fileUse();
    }

    /**
     * Makes the engine's close rewrite the data file without its dead space: it then takes about as
     * long as reading the live data once (12.7 s for the 388 MB of 1M events). A kill during it
     * loses nothing.
     */
    public void compactWhenClosed() {
        api.database().compactOnClose();
    }
}
