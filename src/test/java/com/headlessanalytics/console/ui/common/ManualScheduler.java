package com.headlessanalytics.console.ui.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A scheduler whose ticks the test fires by hand. */
public final class ManualScheduler implements Scheduler {
    private final List<Runnable> actions = new ArrayList<>();

    @Override
    public TaskRunner.Handle every(Duration period, Runnable action) {
        actions.add(action);
        return () -> actions.remove(action);
    }

    public void tick() {
        List.copyOf(actions).forEach(Runnable::run);
    }

    public int active() {
        return actions.size();
    }
}
