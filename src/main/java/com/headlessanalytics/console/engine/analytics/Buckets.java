package com.headlessanalytics.console.engine.analytics;

import com.headlessanalytics.console.api.Metrics;
import com.headlessanalytics.console.domain.TimeBuckets;

/**
 * The metric series' buckets for an API interval: the boundaries are {@link TimeBuckets}' (UTC
 * hours, days, Monday weeks, calendar months); this only names the interval the query asked for.
 */
public final class Buckets extends TimeBuckets {
    static final long HOUR = HOUR_MS;
    static final long DAY = DAY_MS;

    private final Metrics.Interval interval;

    public Buckets(Metrics.Interval interval) {
        super(interval.size());
        this.interval = interval;
    }

    public Metrics.Interval interval() {
        return interval;
    }
}
