package com.headlessanalytics.console.engine.analytics;

import java.util.concurrent.CancellationException;

/**
 * Lets a long in-memory query stop early: checked between chunks of work. The calling thread's
 * interrupt flag counts as a cancel (these loops do no I/O, so an interrupt is safe here).
 */
@FunctionalInterface
public interface Cancel {
    Cancel THREAD = () -> Thread.currentThread().isInterrupted();

    boolean requested();

    default void check() {
        if (requested()) {
            throw new CancellationException("The query was cancelled");
        }
    }

    /** In a scan over rows: checks {@code cancel} at row 0 and every 2^20 rows after it. */
    static void atRow(Cancel cancel, int row) {
        if ((row & 0xFFFFF) == 0) {
            cancel.check();
        }
    }

    /** In a loop over actors: checks {@code cancel} at actor 0 and every 2^14 actors after it. */
    static void atActor(Cancel cancel, int actor) {
        if ((actor & 0x3FFF) == 0) {
            cancel.check();
        }
    }
}
