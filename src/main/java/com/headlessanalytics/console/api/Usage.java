package com.headlessanalytics.console.api;

import java.util.List;
import java.util.Map;

/** {@code GET /api/usage}: the metering of API calls served, totals and the monthly quota. */
public final class Usage {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 10_000;
    /** Calls per calendar month (UTC) a workspace may make before it is over quota. */
    public static final long DEFAULT_MONTHLY_QUOTA = 1_000_000;

    private Usage() {
    }

    /** {@code limit}: how many of the newest records to list; {@code from}/{@code to}: the totals' period. */
    public record Query(Integer limit, Long from, Long to) {
        public static Query defaults() {
            return new Query(null, null, null);
        }

        public int effectiveLimit() {
            return limit == null ? DEFAULT_LIMIT : limit;
        }

        public Checks checks() {
            return new Checks().range("limit", limit == null ? null : (long) limit, 1, MAX_LIMIT).period(from, to);
        }
    }

    public record Record(long at, String method, String endpoint, int status, long latencyMs, long requestBytes,
                         long responseBytes, String keyId, String queryId) {
    }

    /** Calls of one endpoint in the period, by status, with latency and bytes. */
    public record Total(String endpoint, long calls, long errors, Map<String, Long> byStatus, long avgLatencyMs,
                        long maxLatencyMs, long requestBytes, long responseBytes) {
    }

    /** The calendar month's quota: used counts every metered call of the workspace in it. */
    public record Quota(long limit, long used, long remaining, long periodStart, long periodEnd) {
    }

    public record Report(List<Record> records, List<Total> totals, long totalCalls, Quota quota, Proof proof) {
    }
}
