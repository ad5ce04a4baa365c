package com.headlessanalytics.console.exports;

/**
 * What files an export is staged as (docs/exports.md, Formats): the file kind, how timestamps are
 * written in CSV, and after how many events a new object starts.
 */
public record Layout(Kind kind, boolean epochMillis, int maxObjectEvents) {
    public enum Kind {
        /** {@code events.ndjson} and {@code schema.json}: BigQuery. */
        BIGQUERY,
        /** {@code events.csv.gz}: Snowflake, Redshift. */
        CSV_GZIP,
        /** {@code events-00000.jsonl} …: S3, GCS. */
        JSONL_OBJECTS,
        /** {@code events-00000.parquet} …: S3, GCS with {@code format: parquet}. */
        PARQUET_OBJECTS,
        /** {@code events.jsonl}: custom HTTPS, posted in batches. */
        JSONL
    }

    public static final int DEFAULT_MAX_OBJECT_EVENTS = 100_000;

    public static Layout bigQuery() {
        return new Layout(Kind.BIGQUERY, false, Integer.MAX_VALUE);
    }

    /** Gzipped CSV; {@code epochMillis}: timestamps as epoch milliseconds (Redshift), else RFC 3339 (Snowflake). */
    public static Layout csv(boolean epochMillis) {
        return new Layout(Kind.CSV_GZIP, epochMillis, Integer.MAX_VALUE);
    }

    public static Layout objects(boolean parquet, int maxObjectEvents) {
        return new Layout(parquet ? Kind.PARQUET_OBJECTS : Kind.JSONL_OBJECTS, false, maxObjectEvents);
    }

    public static Layout jsonl() {
        return new Layout(Kind.JSONL, false, Integer.MAX_VALUE);
    }

    /** The receipt's format name. */
    public String format() {
        return switch (kind) {
            case BIGQUERY -> "ndjson";
            case CSV_GZIP -> "csv.gz";
            case JSONL_OBJECTS, JSONL -> "jsonl";
            case PARQUET_OBJECTS -> "parquet";
        };
    }
}
