package com.headlessanalytics.console.domain;

/** Size and time limits of ingest (PRODUCT.md §3), in one place. */
public final class EventLimits {
    /** One event, as compact UTF-8 JSON. */
    public static final int MAX_EVENT_BYTES = 32 * 1024;
    /** One request body. */
    public static final int MAX_BATCH_BYTES = 512 * 1024;
    public static final int MAX_BATCH_EVENTS = 1000;
    /** Events stamped further than this ahead of the receive time are rejected. */
    public static final long MAX_FUTURE_MS = 24L * 60 * 60 * 1000;
    /** Event names, in characters (Unicode code points); see {@link EventValidator#eventNameProblem}. */
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_ID_LENGTH = 256;
    /** Deepest nesting of objects and arrays the JSON parser reads; deeper input is malformed. */
    public static final int MAX_JSON_DEPTH = 40;
    /**
     * Deepest nesting inside one stored envelope; below the parser's limit, so that a stored
     * event stays readable inside the wrappers of any answer.
     */
    public static final int MAX_EVENT_DEPTH = 30;
    public static final int MAX_EVENTS_PAGE = 1000;
    public static final int DEFAULT_EVENTS_PAGE = 100;

    private EventLimits() {
    }
}
