package com.headlessanalytics.console.domain;

import java.util.function.Predicate;

/**
 * The classes of events that business health counts (PRODUCT.md §4, docs/analytics.md): which
 * event names are orders, leads, scans, and which events revenue is read from. The engine counts
 * by these and the console's drill-downs open exactly the names they match.
 */
public enum HealthEventClass {
    /** Orders: {@code order.created}. */
    ORDERS("order.created", name -> name.equals("order.created")),
    /** Leads: {@code lead.*}. */
    LEADS("lead.*", name -> name.startsWith("lead.")),
    /** Scans: {@code *.scanned}, {@code scan.*}, {@code qr.*}; also any event that carries a trackable. */
    SCANS("*.scanned, scan.*, qr.* or any event with a trackable",
            name -> name.endsWith(".scanned") || name.startsWith("scan.") || name.startsWith("qr.")),
    /** The events revenue is read from: {@code order.*} and {@code payment.*}. */
    REVENUE("order.*, payment.*", name -> name.startsWith("order.") || name.startsWith("payment."));

    private final String pattern;
    private final Predicate<String> byName;

    HealthEventClass(String pattern, Predicate<String> byName) {
        this.pattern = pattern;
        this.byName = byName;
    }

    /** Whether an event of this name belongs to the class by its name alone. */
    public boolean matches(String eventName) {
        return eventName != null && byName.test(eventName);
    }

    /**
     * Whether an event belongs to the class: by its name, or for {@link #SCANS} also by carrying a
     * trackable. Events of other names counted through a trackable cannot be selected by name.
     */
    public boolean counts(String eventName, boolean hasTrackable) {
        return matches(eventName) || (countsTrackables() && hasTrackable);
    }

    /** Whether any event that carries a trackable belongs to the class, whatever its name (scans). */
    public boolean countsTrackables() {
        return this == SCANS;
    }

    /** The rule in words, e.g. "lead.*". */
    public String pattern() {
        return pattern;
    }
}
