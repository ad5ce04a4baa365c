package com.headlessanalytics.console.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Destination exports (docs/exports.md): recent events, or supplied records, written in a
 * warehouse's own load format or uploaded to object storage or an HTTPS endpoint, each export
 * leaving a receipt. Secrets in {@code config} are used and never stored, logged or echoed.
 */
public final class Exports {
    /** The destinations of the reference. */
    public static final List<String> DESTINATIONS = List.of("bigquery", "snowflake", "redshift", "s3", "gcs", "https");
    public static final int DEFAULT_LIMIT = 1000;
    public static final int MAX_LIMIT = 1_000_000;
    /** Supplied records in one request. */
    public static final int MAX_RECORDS = 1000;
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    private static final List<String> SECRET_MARKERS = List.of("secret", "password", "token", "credential",
            "authorization", "apikey", "api_key");

    private Exports() {
    }

    /**
     * Whether the config key (or header name) {@code key} holds a secret (docs/exports-delivery.md):
     * its lower-cased name, with {@code -} read as {@code _}, contains secret, password, token,
     * credential, authorization, apikey or api_key, or it is accessKeyId or sessionToken. Secrets are
     * used and never stored, logged or echoed.
     */
    public static boolean isSecretKey(String key) {
        if (key == null) {
            return false;
        }
        if (key.equalsIgnoreCase("accessKeyId") || key.equalsIgnoreCase("sessionToken")) {
            return true;
        }
        String lower = key.toLowerCase(java.util.Locale.ROOT).replace('-', '_');
        return SECRET_MARKERS.stream().anyMatch(lower::contains);
    }

    /**
     * {@code POST /api/exports/destinations}. Without {@code records}, the {@code limit} most
     * recent stored events in {@code [from, to)} that match {@code filter} are exported, oldest
     * first; with them, exactly those records. {@code config} holds the destination's settings.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Request(String destination, Integer limit, Long from, Long to, Filter filter,
                          List<Map<String, Object>> records, Map<String, Object> config) {
    }

    /** Which stored events to export; null fields do not filter. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Filter(String event, String businessId, String actor, String traceId) {
    }

    /** One file written or object uploaded: its name, where it is (path, s3:// or gs:// URL, https URL), size and SHA-256. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record File(String name, String location, long bytes, String sha256, String contentType) {
    }

    /**
     * The receipt of one export. {@code sha256} is over the exported content (docs/exports.md says
     * how), {@code location} where it went, {@code status} {@value #SUCCEEDED} or {@value #FAILED}
     * with {@code error}; {@code loadCommand} is the exact command that loads the files into the
     * warehouse; {@code retryOf} names the failed export this one retried; {@code config} is the
     * request's config with every secret removed.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Receipt(String exportId, String destination, int count, String sha256, String location, String status,
                          long startedAt, Long finishedAt, String error, String format, List<File> files,
                          String loadCommand, String retryOf, Map<String, Object> config) {
    }

    /** The answer to an export or a retry. */
    public record Result(Receipt receipt, Proof proof) {
    }

    /** {@code GET /api/exports/receipts?limit=}: newest first. */
    public record Receipts(List<Receipt> receipts, Proof proof) {
    }

    /** {@code POST /api/exports/receipts/{id}/retry}: the config again (secrets are never stored); null reuses the stored one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RetryRequest(Map<String, Object> config) {
    }
}
