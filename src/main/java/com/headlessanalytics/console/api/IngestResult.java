package com.headlessanalytics.console.api;

import java.util.List;

/**
 * The answer to an ingest: how many events were stored, how many were already stored, the id of
 * every event in request order, and which of them were duplicates.
 */
public record IngestResult(int accepted, int duplicates, List<String> ids, List<String> duplicateIds, Proof proof) {
}
