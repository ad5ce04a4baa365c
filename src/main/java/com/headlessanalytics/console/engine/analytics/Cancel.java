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
}
