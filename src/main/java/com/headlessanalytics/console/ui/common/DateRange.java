package com.headlessanalytics.console.ui.common;

import com.headlessanalytics.console.api.Period;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * The date range a screen queries: a preset relative to now, or a custom span of whole days.
 *
 * @param from first day of a {@link Preset#CUSTOM} range (null = open start), else null
 * @param to   last day of a {@link Preset#CUSTOM} range (null = open end), else null
 */
public record DateRange(Preset preset, LocalDate from, LocalDate to) {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    public enum Preset {
        LAST_24_HOURS("Last 24 hours", Duration.ofHours(24)),
        LAST_7_DAYS("Last 7 days", Duration.ofDays(7)),
        LAST_30_DAYS("Last 30 days", Duration.ofDays(30)),
        LAST_90_DAYS("Last 90 days", Duration.ofDays(90)),
        ALL_TIME("All time", null),
        CUSTOM("Custom…", null);

        private final String label;
        private final Duration length;

        Preset(String label, Duration length) {
            this.label = label;
            this.length = length;
        }

        public String label() {
            return label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public DateRange {
        Objects.requireNonNull(preset, "preset");
        if (preset != Preset.CUSTOM) {
            from = null;
            to = null;
        } else if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("The range starts (" + from + ") after it ends (" + to + ").");
        }
    }

    public static DateRange last7Days() {
        return new DateRange(Preset.LAST_7_DAYS, null, null);
    }

    public static DateRange of(Preset preset) {
        return new DateRange(preset, null, null);
    }

    /** Whole days {@code from} through {@code to}, both included. */
    public static DateRange custom(LocalDate from, LocalDate to) {
        return new DateRange(Preset.CUSTOM, from, to);
    }

    /**
     * The inclusive millisecond bounds: a preset ends now and starts its length before; all time
     * is open at both ends; a custom range runs from the start of {@code from}'s day to the last
     * millisecond of {@code to}'s day in {@code zone}.
     */
    public Period resolve(Clock clock, ZoneId zone) {
        if (preset == Preset.ALL_TIME) {
            return new Period(null, null);
        }
        if (preset == Preset.CUSTOM) {
            Long start = from == null ? null : from.atStartOfDay(zone).toInstant().toEpochMilli();
            Long end = to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli() - 1;
            return new Period(start, end);
        }
        long now = clock.millis();
        return new Period(now - preset.length.toMillis(), now);
    }

    /** For headings and file names, e.g. "Last 7 days" or "2026-11-01 – 2026-11-27". */
    public String label() {
        if (preset != Preset.CUSTOM) {
            return preset.label();
        }
        if (from == null && to == null) {
            return "All days";
        }
        if (from == null) {
            return "Until " + DAY.format(to);
        }
        if (to == null) {
            return "Since " + DAY.format(from);
        }
        return from.equals(to) ? DAY.format(from) : DAY.format(from) + " – " + DAY.format(to);
    }
}
