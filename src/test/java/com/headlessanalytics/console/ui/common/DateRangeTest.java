package com.headlessanalytics.console.ui.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.headlessanalytics.console.api.Period;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DateRangeTest {
    private static final Instant NOW = Instant.parse("2026-11-27T10:15:30Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void presetsEndNowAndStartTheirLengthBefore() {
        long now = NOW.toEpochMilli();
        assertThat(DateRange.of(DateRange.Preset.LAST_24_HOURS).resolve(CLOCK, ZoneOffset.UTC))
                .isEqualTo(new Period(now - 86_400_000L, now));
        assertThat(DateRange.last7Days().resolve(CLOCK, ZoneOffset.UTC))
                .isEqualTo(new Period(now - 7 * 86_400_000L, now));
        assertThat(DateRange.of(DateRange.Preset.LAST_30_DAYS).resolve(CLOCK, ZoneOffset.UTC).from())
                .isEqualTo(now - 30 * 86_400_000L);
        assertThat(DateRange.of(DateRange.Preset.LAST_90_DAYS).resolve(CLOCK, ZoneOffset.UTC).from())
                .isEqualTo(now - 90 * 86_400_000L);
    }

    @Test
    void allTimeIsOpenAtBothEnds() {
        assertThat(DateRange.of(DateRange.Preset.ALL_TIME).resolve(CLOCK, ZoneOffset.UTC)).isEqualTo(new Period(null, null));
    }

    @Test
    void customCoversWholeDaysInTheZoneInclusive() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        Period p = DateRange.custom(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 2)).resolve(CLOCK, paris);
        assertThat(p.from()).isEqualTo(Instant.parse("2026-10-31T23:00:00Z").toEpochMilli());
        assertThat(p.to()).isEqualTo(Instant.parse("2026-11-02T23:00:00Z").toEpochMilli() - 1);
    }

    @Test
    void customAcrossADaylightSavingChangeUsesTheRealDayLength() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        Period p = DateRange.custom(LocalDate.of(2026, 10, 25), LocalDate.of(2026, 10, 25)).resolve(CLOCK, paris);
        assertThat(p.to() - p.from() + 1).isEqualTo(25 * 3_600_000L);
    }

    @Test
    void customWithAMissingEndIsOpenThere() {
        Period p = DateRange.custom(LocalDate.of(2026, 11, 1), null).resolve(CLOCK, ZoneOffset.UTC);
        assertThat(p.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z").toEpochMilli());
        assertThat(p.to()).isNull();
    }

    @Test
    void customRejectsAStartAfterTheEnd() {
        assertThatThrownBy(() -> DateRange.custom(LocalDate.of(2026, 11, 3), LocalDate.of(2026, 11, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2026-11-03");
    }

    @Test
    void presetsIgnoreDays() {
        DateRange r = new DateRange(DateRange.Preset.LAST_7_DAYS, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 2));
        assertThat(r).isEqualTo(DateRange.last7Days());
    }

    @Test
    void labels() {
        assertThat(DateRange.last7Days().label()).isEqualTo("Last 7 days");
        assertThat(DateRange.of(DateRange.Preset.ALL_TIME).label()).isEqualTo("All time");
        assertThat(DateRange.custom(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 27)).label())
                .isEqualTo("2026-11-01 – 2026-11-27");
        assertThat(DateRange.custom(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 1)).label()).isEqualTo("2026-11-01");
        assertThat(DateRange.custom(LocalDate.of(2026, 11, 1), null).label()).isEqualTo("Since 2026-11-01");
        assertThat(DateRange.custom(null, LocalDate.of(2026, 11, 1)).label()).isEqualTo("Until 2026-11-01");
    }
}
