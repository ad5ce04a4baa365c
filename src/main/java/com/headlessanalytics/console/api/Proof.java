package com.headlessanalytics.console.api;

/** The proof envelope carried by every answer (PRODUCT.md §3). */
public record Proof(String queryId, String workspaceId, String businessId, Period period, long generatedAt,
                    String schemaVersion) {
    public static final String SCHEMA_VERSION = "1";
}
