package com.headlessanalytics.console.api;

/** The {@code error.code} values of error bodies, one per status of PRODUCT.md §3. */
public final class ErrorCodes {
    public static final String INVALID_INPUT = "invalid_input";
    public static final String MALFORMED_JSON = "malformed_json";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String FORBIDDEN = "forbidden";
    public static final String NOT_FOUND = "not_found";
    public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    public static final String CONFLICT = "conflict";
    public static final String TOO_LARGE = "too_large";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
    public static final String RULE_VIOLATION = "rule_violation";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String INTERNAL = "internal_error";
    public static final String NOT_READY = "not_ready";
    public static final String UNREACHABLE = "unreachable";
    /** 502: a destination export could not be delivered; the failed receipt names why and can be retried. */
    public static final String DESTINATION_FAILED = "destination_failed";
    /** Raised by a client, never sent: the server offers the feature in no form (see {@link Capabilities}). */
    public static final String NOT_OFFERED = "not_offered";

    private ErrorCodes() {
    }
}
