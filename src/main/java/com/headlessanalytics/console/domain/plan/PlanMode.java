package com.headlessanalytics.console.domain.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a tracking plan does with an event that breaks it: {@code off} checks nothing, {@code warn}
 * stores the event with its violations noted, {@code block} refuses the ingest (400) naming each one.
 */
public enum PlanMode {
    OFF, WARN, BLOCK;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode named {@code wire} (off, warn, block), or null when it names none. */
    @JsonCreator
    public static PlanMode of(String wire) {
        for (PlanMode m : values()) {
            if (m.wire().equals(wire)) {
                return m;
            }
        }
        return null;
    }
}
