package com.headlessanalytics.console.ui.grants;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Where a contract or grant stands: active, not yet valid, expired or revoked, as the API answered
 * it ({@code status}) or, when an answer has none, as its revocation and validity window say at
 * {@code now}; and how its window and status read.
 */
public final class Validity {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d, yyyy HH:mm", Locale.ENGLISH);

    /** The four states of a contract or grant. */
    public enum Status {
        ACTIVE("Active"), NOT_YET_VALID("Not yet valid"), EXPIRED("Expired"), REVOKED("Revoked");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** e.g. "Not yet valid". */
        public String label() {
            return label;
        }

        /** Only an active contract or grant lets anything be enforced under it. */
        public boolean usable() {
            return this == ACTIVE;
        }

        /** Revoked and expired ones can never be used again. */
        public boolean ended() {
            return this == EXPIRED || this == REVOKED;
        }
    }

    private Validity() {
    }

    /** The answer's status ("active", "not_yet_valid", "expired", "revoked"), else derived at {@code now}. */
    public static Status status(String wire, Long revokedAt, Long validFrom, Long validTo, long now) {
        if (wire != null) {
            for (Status s : Status.values()) {
                if (s.name().equalsIgnoreCase(wire)) {
                    return s;
                }
            }
        }
        if (revokedAt != null) {
            return Status.REVOKED;
        }
        if (validFrom != null && now < validFrom) {
            return Status.NOT_YET_VALID;
        }
        if (validTo != null && now > validTo) {
            return Status.EXPIRED;
        }
        return Status.ACTIVE;
    }

    /**
     * The status with the time that matters: "Active · until Jun 1, 2026 10:00", "Active · no end",
     * "Not yet valid · from …", "Expired …", "Revoked … by operator:ann".
     */
    public static String statusText(Status status, Long revokedAt, String revokedBy, Long validFrom, Long validTo,
                                    ZoneId zone) {
        return switch (status) {
            case ACTIVE -> validTo == null ? "Active · no end" : "Active · until " + time(validTo, zone);
            case NOT_YET_VALID -> validFrom == null ? "Not yet valid" : "Not yet valid · from " + time(validFrom, zone);
            case EXPIRED -> validTo == null ? "Expired" : "Expired " + time(validTo, zone);
            case REVOKED -> "Revoked" + (revokedAt == null ? "" : " " + time(revokedAt, zone))
                    + (revokedBy == null ? "" : " by " + revokedBy);
        };
    }

    /** "May 1, 2026 10:00 → Jun 1, 2026 10:00", "From May 1, 2026 10:00, no end", "Until …", "Always". */
    public static String window(Long from, Long to, ZoneId zone) {
        if (from == null && to == null) {
            return "Always";
        }
        if (from == null) {
            return "Until " + time(to, zone);
        }
        if (to == null) {
            return "From " + time(from, zone) + ", no end";
        }
        return time(from, zone) + " → " + time(to, zone);
    }

    /** e.g. "Jun 1, 2026 10:00". */
    public static String time(long millis, ZoneId zone) {
        return TIME.format(Instant.ofEpochMilli(millis).atZone(zone));
    }
}
