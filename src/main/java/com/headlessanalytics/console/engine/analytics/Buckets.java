package com.headlessanalytics.console.engine.analytics;

import com.headlessanalytics.console.api.Metrics;
import java.time.LocalDate;

/**
 * Time buckets at UTC boundaries: hours, days, weeks starting Monday 00:00, calendar months.
 * A bucket is named by its ordinal since the epoch; {@link #start} gives its first millisecond.
 */
public final class Buckets {
    static final long HOUR = 3_600_000L;
    static final long DAY = 24 * HOUR;
    static final long WEEK = 7 * DAY;
    /** 1970-01-01 was a Thursday: Monday-based weeks are offset by three days. */
    private static final long MONDAY_OFFSET = 3 * DAY;

    private final Metrics.Interval interval;
    private long cachedDay = Long.MIN_VALUE;
    private long cachedMonth;

    public Buckets(Metrics.Interval interval) {
        this.interval = interval;
    }

    public Metrics.Interval interval() {
        return interval;
    }

    public long ordinal(long ts) {
        return switch (interval) {
            case HOUR -> Math.floorDiv(ts, HOUR);
            case DAY -> Math.floorDiv(ts, DAY);
            case WEEK -> Math.floorDiv(ts + MONDAY_OFFSET, WEEK);
            case MONTH -> month(Math.floorDiv(ts, DAY));
        };
    }

    public long start(long ordinal) {
        return switch (interval) {
            case HOUR -> ordinal * HOUR;
            case DAY -> ordinal * DAY;
            case WEEK -> ordinal * WEEK - MONDAY_OFFSET;
            case MONTH -> LocalDate.of((int) Math.floorDiv(ordinal, 12), (int) Math.floorMod(ordinal, 12) + 1, 1)
                    .toEpochDay() * DAY;
        };
    }

    private long month(long epochDay) {
        if (epochDay != cachedDay) {
            LocalDate d = LocalDate.ofEpochDay(epochDay);
            cachedDay = epochDay;
            cachedMonth = d.getYear() * 12L + d.getMonthValue() - 1;
        }
        return cachedMonth;
    }
}
