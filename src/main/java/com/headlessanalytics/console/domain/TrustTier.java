package com.headlessanalytics.console.domain;

/** How much an event can be relied on, from raw (T0) to proof-ready (T4). */
public enum TrustTier {
    T0("raw"),
    T1("observed"),
    T2("attributed"),
    T3("authority-bound"),
    T4("proof-ready");

    private final String meaning;

    TrustTier(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }

    /** The tier with this exact name ("T0" … "T4"), or null. */
    public static TrustTier parse(String name) {
        for (TrustTier t : values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
