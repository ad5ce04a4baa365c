package com.headlessanalytics.console.api;

import java.util.List;

/**
 * Readiness: {@code status} is ok, degraded (an optional check failed) or fail (a required one did);
 * {@code ready} is false exactly when a required check failed. Settings are listed by name with
 * whether they are present, never with their values.
 */
public record RuntimeHealth(String status, boolean ready, List<Check> checks, List<Setting> settings, Proof proof) {

    public static final String OK = "ok";
    public static final String WARN = "warn";
    public static final String FAIL = "fail";

    /** One check; {@code remedy} says what to do when it is not ok. */
    public record Check(String name, String status, boolean required, String message, String remedy) {
        public boolean failed() {
            return FAIL.equals(status);
        }
    }

    public record Setting(String name, boolean required, boolean present, String purpose) {
    }

    /** Builds the summary fields from the checks. */
    public static RuntimeHealth of(List<Check> checks, List<Setting> settings, Proof proof) {
        boolean requiredFailed = checks.stream().anyMatch(c -> c.required() && c.failed());
        boolean anyNotOk = checks.stream().anyMatch(c -> !OK.equals(c.status()));
        String status = requiredFailed ? FAIL : anyNotOk ? "degraded" : OK;
        return new RuntimeHealth(status, !requiredFailed, List.copyOf(checks), List.copyOf(settings), proof);
    }
}
