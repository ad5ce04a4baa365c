package com.headlessanalytics.console.ui.common;

import java.time.Duration;

/** Repeats an action on the FX thread; tests drive it by hand. */
public interface Scheduler {

    /** Runs {@code action} every {@code period} until the returned handle is cancelled. */
    TaskRunner.Handle every(Duration period, Runnable action);
}
