package com.headlessanalytics.console.app;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The stores of a file import, one at a time and in order, on a thread of their own, so that the
 * caller reads and validates the next chunk while the previous one is written (two cores: parsing
 * overlaps H2's writing). A store that throws makes the next {@link #submit} or {@link #await}
 * throw the same exception, unwrapped when it is unchecked.
 */
public final class StoreBehind implements AutoCloseable {
    private final ExecutorService writer;
    private Future<?> writing;

    public StoreBehind(String threadName) {
        writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Waits for the previous store, then starts this one. */
    public void submit(Runnable store) {
        submit(Executors.callable(store));
    }

    /** Waits for the previous store, then starts this one; the future answers what it returns or throws. */
    public <T> Future<T> submit(Callable<T> store) {
        await();
        Future<T> started = writer.submit(store);
        writing = started;
        return started;
    }

    /** Waits for the last store. */
    public void await() {
        Future<?> last = writing;
        writing = null;
        if (last == null) {
            return;
        }
        try {
            last.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the import was storing", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Stops the thread once a store still running has finished; nothing is interrupted, since an
     * interrupt inside H2's file I/O closes the file.
     */
    @Override
    public void close() {
        writer.shutdown();
    }
}
