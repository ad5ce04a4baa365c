package com.headlessanalytics.console.domain;

/**
 * How a health score (0–100) reads: good from 75, fair from 50, poor below; no data when there is
 * no score. The one place these boundaries live: the engine's texts and the console's colours both
 * follow it (docs/analytics.md, "Business health").
 */
public enum HealthBand {
    GOOD("good"),
    FAIR("fair"),
    POOR("poor"),
    NO_DATA("no data");

    /** The lowest score that reads as good. */
    public static final int GOOD_FROM = 75;
    /** The lowest score that reads as fair. */
    public static final int FAIR_FROM = 50;

    private final String label;

    HealthBand(String label) {
        this.label = label;
    }

    /** The band of a score; {@link #NO_DATA} for null (nothing was measured). */
    public static HealthBand of(Integer score) {
        if (score == null) {
            return NO_DATA;
        }
        return score >= GOOD_FROM ? GOOD : score >= FAIR_FROM ? FAIR : POOR;
    }

    /** The band in words: "good", "fair", "poor" or "no data". */
    public String label() {
        return label;
    }

    /** A lower-case, hyphenated id for style names and wire values: "good", "fair", "poor", "no-data". */
    public String id() {
        return label.replace(' ', '-');
    }
}
