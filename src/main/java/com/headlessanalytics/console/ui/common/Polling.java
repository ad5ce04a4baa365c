package com.headlessanalytics.console.ui.common;

import java.time.Duration;

/**
 * A screen's periodic read, alive only while the screen is shown: {@link #start()} on activate,
 * {@link #stop()} on deactivate. A tick while the query still runs is skipped (a slow answer is
 * not restarted forever), and a tick's read keeps the status line as it is ({@link #status}), so
 * polling does not flicker "Reading…" every few seconds; a read the person asked for says it.
 */
public final class Polling {
    private final Scheduler scheduler;
    private final Duration period;
    private final QueryLifecycle query;
    private final Runnable read;
    private TaskRunner.Handle timer;
    private boolean ticking;

    /** Runs {@code read} (which starts a run of {@code query}) every {@code period} while started. */
    public Polling(Scheduler scheduler, Duration period, QueryLifecycle query, Runnable read) {
        this.scheduler = scheduler;
        this.period = period;
        this.query = query;
        this.read = read;
    }

    /** Reads now and then every period. */
    public void start() {
        read.run();
        if (timer == null) {
            timer = scheduler.every(period, this::tick);
        }
    }

    /** No more ticks, and the read in flight is dropped without a word. */
    public void stop() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        query.stop();
    }

    public boolean started() {
        return timer != null;
    }

    /**
     * The status text for a run about to start: {@code asked} when a person asked for it (or
     * nothing is shown yet), the status line as it is when a tick started it.
     */
    public String status(String asked) {
        String shown = query.statusProperty().get();
        return ticking && !shown.isEmpty() ? shown : asked;
    }

    private void tick() {
        if (query.isRunning()) {
            return;
        }
        ticking = true;
        try {
            read.run();
        } finally {
            ticking = false;
        }
    }
}
