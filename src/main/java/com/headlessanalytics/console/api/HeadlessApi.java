package com.headlessanalytics.console.api;

import java.util.List;
import java.util.Map;

/**
 * The API port: one method per API operation, for one workspace. The embedded engine implements
 * it on H2, the remote client over HTTP; serve mode exposes it. Failures are {@link ApiException}s.
 */
public interface HeadlessApi {

    /**
     * {@code POST /api/ingest}: stores the given raw envelopes (parsed JSON objects) atomically.
     * Envelopes whose {@code id} is already stored are reported as duplicates and stored again never.
     */
    IngestResult ingest(List<Map<String, Object>> events);

    /** {@code GET /api/events}: one page of stored events in (timestamp, storage sequence) order. */
    EventPage events(EventQuery query);

    /**
     * {@code GET /api/events/names}: the event names stored, with counts and first/last times, most
     * frequent first; for one business, or the whole workspace when {@code businessId} is null.
     */
    EventNames eventNames(String businessId);

    /** {@code GET /api/health}: readiness checks; never reveals a setting's value. */
    RuntimeHealth health();
}
