package com.headlessanalytics.console.ui.funnels;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.ui.common.DateRange;
import java.time.LocalDate;
import java.util.List;

/**
 * A funnel saved under a name: its steps, mode, window, breakdown and date range, as the builder
 * had them.
 *
 * @param breakdown a touchpoint field or dotted path, or null for none
 * @param range     a {@link DateRange.Preset} name; {@code rangeFrom}/{@code rangeTo} ISO days for a custom one
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SavedFunnel(String name, List<Funnels.Step> steps, String mode, Long windowMs, String breakdown,
                          String range, String rangeFrom, String rangeTo, Long savedAt) {

    public SavedFunnel {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** The saved range; a range this version does not know reads as the last 7 days. */
    public DateRange dateRange() {
        try {
            DateRange.Preset preset = range == null ? DateRange.Preset.LAST_7_DAYS : DateRange.Preset.valueOf(range);
            return new DateRange(preset, day(rangeFrom), day(rangeTo));
        } catch (RuntimeException unknown) {
            return DateRange.last7Days();
        }
    }

    private static LocalDate day(String iso) {
        return iso == null || iso.isBlank() ? null : LocalDate.parse(iso);
    }

    @Override
    public String toString() {
        return name;
    }
}
