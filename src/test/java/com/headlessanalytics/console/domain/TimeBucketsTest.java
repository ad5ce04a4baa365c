package com.headlessanalytics.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeBucketsTest {
    static long ms(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void hoursAndDaysStartAtUtcBoundaries() {
        TimeBuckets hours = new TimeBuckets(TimeBuckets.Size.HOUR);
        assertThat(hours.startOf(ms("2026-11-27T10:15:30Z"))).isEqualTo(ms("2026-11-27T10:00:00Z"));
        assertThat(hours.endOf(ms("2026-11-27T10:15:30Z"))).isEqualTo(ms("2026-11-27T11:00:00Z") - 1);
        TimeBuckets days = new TimeBuckets(TimeBuckets.Size.DAY);
        assertThat(days.startOf(ms("2026-11-27T23:59:59.999Z"))).isEqualTo(ms("2026-11-27T00:00:00Z"));
        assertThat(days.endOf(ms("2026-11-27T00:00:00Z"))).isEqualTo(ms("2026-11-28T00:00:00Z") - 1);
    }

    @Test
    void weeksStartOnMonday() {
        TimeBuckets weeks = new TimeBuckets(TimeBuckets.Size.WEEK);
        // 2026-11-29 is a Sunday, 2026-11-23 the Monday before, 2026-11-30 the Monday after
        assertThat(weeks.startOf(ms("2026-11-29T22:00:00Z"))).isEqualTo(ms("2026-11-23T00:00:00Z"));
        assertThat(weeks.startOf(ms("2026-11-30T00:00:00Z"))).isEqualTo(ms("2026-11-30T00:00:00Z"));
        assertThat(weeks.endOf(ms("2026-11-23T00:00:00Z"))).isEqualTo(ms("2026-11-30T00:00:00Z") - 1);
        // before the epoch too: 1969-12-29 was a Monday
        assertThat(weeks.startOf(ms("1970-01-01T00:00:00Z"))).isEqualTo(ms("1969-12-29T00:00:00Z"));
    }

    @Test
    void monthsAreCalendarMonths() {
        TimeBuckets months = new TimeBuckets(TimeBuckets.Size.MONTH);
        assertThat(months.startOf(ms("2028-02-15T12:00:00Z"))).isEqualTo(ms("2028-02-01T00:00:00Z"));
        assertThat(months.endOf(ms("2028-02-01T00:00:00Z"))).as("leap February")
                .isEqualTo(ms("2028-03-01T00:00:00Z") - 1);
        assertThat(months.endOf(ms("2026-12-31T23:59:59.999Z"))).isEqualTo(ms("2027-01-01T00:00:00Z") - 1);
        long o = months.ordinal(ms("2026-12-10T00:00:00Z"));
        assertThat(months.start(o + 1)).isEqualTo(ms("2027-01-01T00:00:00Z"));
        assertThat(months.start(o - 12)).isEqualTo(ms("2025-12-01T00:00:00Z"));
    }

    @Test
    void ordinalsAreConsecutive() {
        for (TimeBuckets.Size size : TimeBuckets.Size.values()) {
            TimeBuckets b = new TimeBuckets(size);
            long t = ms("2026-03-29T01:30:00Z");
            long o = b.ordinal(t);
            assertThat(b.ordinal(b.start(o + 1))).as(size.name()).isEqualTo(o + 1);
            assertThat(b.ordinal(b.start(o + 1) - 1)).as(size.name()).isEqualTo(o);
            assertThat(b.startOf(t)).isLessThanOrEqualTo(t);
            assertThat(b.endOf(t)).isGreaterThanOrEqualTo(t);
        }
    }
}
