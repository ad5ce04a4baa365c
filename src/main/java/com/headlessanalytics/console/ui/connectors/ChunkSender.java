package com.headlessanalytics.console.ui.connectors;

import com.headlessanalytics.console.api.Connectors;
import com.headlessanalytics.console.api.HeadlessApi;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * How the Import wizard sends its chunks, in two steps so that the next chunk can be read and
 * mapped while the one before is stored. {@code store} is called for one chunk at a time, each
 * after the answer to the one before.
 *
 * @param <P> a chunk ready to store
 */
public interface ChunkSender<P> extends AutoCloseable {
    /**
     * Makes the request ready to store, on the calling thread; may throw what {@code connectorIngest}
     * throws for it.
     */
    P prepare(Connectors.Request request);

    /**
     * Stores a prepared chunk, perhaps on a thread of the sender's own; the future answers what
     * {@code connectorIngest} would answer, or fails with what it would throw.
     */
    Future<Connectors.Result> store(P prepared);

    /** Stops the sender's thread, if it has one, after the store in flight. */
    @Override
    default void close() {
    }

    /** Each chunk through {@code connectorIngest}, sent whole by {@code store} on the calling thread. */
    static ChunkSender<Connectors.Request> plain(HeadlessApi api) {
        return new ChunkSender<>() {
            @Override
            public Connectors.Request prepare(Connectors.Request request) {
                return request;
            }

            @Override
            public Future<Connectors.Result> store(Connectors.Request request) {
                try {
                    return CompletableFuture.completedFuture(api.connectorIngest(request));
                } catch (RuntimeException refused) {
                    return CompletableFuture.failedFuture(refused);
                }
            }
        };
    }
}
