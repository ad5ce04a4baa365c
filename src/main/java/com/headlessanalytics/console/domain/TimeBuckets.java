package com.headlessanalytics.console.domain;

import java.time.LocalDate;

/**
 * The one home of time-bucket boundaries: hours, days, weeks starting Monday 00:00 and calendar
 * months, all at UTC boundaries. A bucket is named by its ordinal since the epoch; {@link #start}
 * gives its first millisecond, {@link #endOf} the last millisecond of the bucket holding an
 * instant. The engine's metric series, the usage quota's month and the Metrics screen's
 * drill-downs all cut time here. Not thread-safe (months cache the last day converted): one per scan.
 */
public class TimeBuckets {
    public static final long HOUR_MS = 3_600_000L;
    public static final long DAY_MS = 24 * HOUR_MS;
    public static final long WEEK_MS = 7 * DAY_MS;
    /** 1970-01-01 was a Thursday: Monday-based weeks are offset by three days. */
    private static final long MONDAY_OFFSET = 3 * DAY_MS;

    /** How long a bucket is. */
    public enum Size { HOUR, DAY, WEEK, MONTH }

    private final Size size;
    private long cachedDay = Long.MIN_VALUE;
    private long cachedMonth;

    public TimeBuckets(Size size) {
        this.size = size;
    }

    public final Size size() {
        return size;
    }

    /** The ordinal of the bucket holding {@code ts} (milliseconds since the epoch). */
    public final long ordinal(long ts) {
        return switch (size) {
            case HOUR -> Math.floorDiv(ts, HOUR_MS);
            case DAY -> Math.floorDiv(ts, DAY_MS);
            case WEEK -> Math.floorDiv(ts + MONDAY_OFFSET, WEEK_MS);
            case MONTH -> month(Math.floorDiv(ts, DAY_MS));
        };
    }

    /** The first millisecond of bucket {@code ordinal}. */
    public final long start(long ordinal) {
        return switch (size) {
            case HOUR -> ordinal * HOUR_MS;
            case DAY -> ordinal * DAY_MS;
            case WEEK -> ordinal * WEEK_MS - MONDAY_OFFSET;
            case MONTH -> LocalDate.of((int) Math.floorDiv(ordinal, 12), (int) Math.floorMod(ordinal, 12) + 1, 1)
                    .toEpochDay() * DAY_MS;
        };
    }

    /** The first millisecond of the bucket holding {@code ts}. */
    public final long startOf(long ts) {
        return start(ordinal(ts));
    }

    /** The last millisecond of the bucket holding {@code ts}. */
    public final long endOf(long ts) {
        return start(ordinal(ts) + 1) - 1;
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
