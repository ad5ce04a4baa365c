package com.headlessanalytics.console.ui.common;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the analytics screens write numbers, money, shares, durations and times for people. */
public final class Formats {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d, yyyy HH:mm", Locale.ENGLISH);

    private Formats() {
    }

    /** 12345 → "12,345". */
    public static String count(long n) {
        return String.format(Locale.ENGLISH, "%,d", n);
    }

    /** A decimal with thousands separators, at least 2 and at most 6 decimals: 1234.5 → "1,234.50". */
    public static String money(BigDecimal value) {
        if (value == null) {
            return "";
        }
        DecimalFormat f = new DecimalFormat("#,##0.00####", DecimalFormatSymbols.getInstance(Locale.ENGLISH));
        f.setRoundingMode(RoundingMode.HALF_EVEN);
        return f.format(value);
    }

    /** A decimal as it is, without needless trailing zeros: 2.5000 → "2.5". */
    public static String decimal(BigDecimal value) {
        if (value == null) {
            return "";
        }
        DecimalFormat f = new DecimalFormat("#,##0.####", DecimalFormatSymbols.getInstance(Locale.ENGLISH));
        f.setRoundingMode(RoundingMode.HALF_EVEN);
        return f.format(value);
    }

    /** A fraction 0..1 as a percentage with one decimal: 0.4567 → "45.7 %". */
    public static String percent(double fraction) {
        return String.format(Locale.ENGLISH, "%.1f %%", fraction * 100);
    }

    /** A duration as a person says it: "45 s", "12 min", "2 h 5 min", "3 d 4 h"; null → "—". */
    public static String duration(Long ms) {
        if (ms == null) {
            return "—";
        }
        long s = ms / 1000;
        if (s < 60) {
            return ms > 0 && s == 0 ? "< 1 s" : s + " s";
        }
        long min = s / 60;
        if (min < 60) {
            long rest = s % 60;
            return min < 10 && rest > 0 ? min + " min " + rest + " s" : min + " min";
        }
        long h = min / 60;
        if (h < 24) {
            long rest = min % 60;
            return rest > 0 ? h + " h " + rest + " min" : h + " h";
        }
        long d = h / 24;
        long rest = h % 24;
        return rest > 0 ? d + " d " + rest + " h" : d + " d";
    }

    /** e.g. "Nov 27, 2026 10:15" in the zone. */
    public static String time(long millis, ZoneId zone) {
        return TIME.format(Instant.ofEpochMilli(millis).atZone(zone));
    }
}
