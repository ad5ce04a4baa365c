/**
 * Connectors (docs/connectors.md): provider mappings as data (one JSON resource per provider, in
 * {@code resources/.../connectors/mappings}), the mapper that turns a provider record into a
 * canonical event envelope with warnings, and the reader of record files (JSON, NDJSON, CSV).
 * Toolkit-free and storage-free: the engine stores what it maps; the console and CLI read files with it.
 */
package com.headlessanalytics.console.connectors;
