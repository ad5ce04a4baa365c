package com.headlessanalytics.console.app;

import com.headlessanalytics.console.api.Connectors;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.engine.BulkImport;
import com.headlessanalytics.console.ui.connectors.ChunkSender;
import java.util.concurrent.Future;

/**
 * The Import wizard's chunks into an embedded workspace, as {@code connectors ingest FILE} sends
 * them ({@link BulkImport}): mapped and validated on the wizard's thread, stored on a thread of
 * their own, one at a time.
 */
public final class BulkChunkSender implements ChunkSender<BulkImport.Records> {
    private final BulkImport bulk;
    private final StoreBehind writer = new StoreBehind("ha-import-store");

    private BulkChunkSender(BulkImport bulk) {
        this.bulk = bulk;
    }

    /** This sender for a workspace of the embedded engine, {@link ChunkSender#plain} for any other. */
    public static ChunkSender<?> of(HeadlessApi api) {
        return BulkImport.of(api).<ChunkSender<?>>map(BulkChunkSender::new).orElseGet(() -> ChunkSender.plain(api));
    }

    @Override
    public BulkImport.Records prepare(Connectors.Request request) {
        return bulk.prepare(request);
    }

    @Override
    public Future<Connectors.Result> store(BulkImport.Records records) {
        return writer.submit(() -> bulk.store(records));
    }

    @Override
    public void close() {
        writer.close();
    }
}
