/**
 * Destination exports (docs/exports.md): the load formats (BigQuery NDJSON and schema, gzipped
 * CSV for Snowflake and Redshift, JSONL and Parquet objects), their load commands, and the
 * deliveries (local files, S3 and GCS through the AWS SDK, custom HTTPS with idempotency keys).
 * Used by the engine; the only package that touches the AWS SDK and Parquet.
 */
package com.headlessanalytics.console.exports;
