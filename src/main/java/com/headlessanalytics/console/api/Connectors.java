package com.headlessanalytics.console.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.headlessanalytics.console.domain.Event;
import java.util.List;
import java.util.Map;

/**
 * Connector ingest (docs/connectors.md): provider records (a Shopify order, a Stripe charge, a
 * HubSpot contact, a sensor reading …) mapped to canonical events by the provider's mapping file,
 * then stored like {@code POST /api/ingest}: atomically, and idempotently by an event id derived
 * from the provider, the record type and the record's own id.
 */
public final class Connectors {
    /** Records in one request. */
    public static final int MAX_RECORDS = 1000;
    /** One record, as compact UTF-8 JSON. */
    public static final int MAX_RECORD_BYTES = 64 * 1024;
    /** One request body (serve mode). */
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private Connectors() {
    }

    /**
     * {@code POST /api/connectors/ingest}. {@code recordType} names the provider's record type
     * (e.g. shopify "order", "refund"); null lets the mapping recognise each record by its shape.
     * {@code dryRun} maps and checks without storing. {@code businessId} defaults as in ingest.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Request(String provider, String recordType, List<Map<String, Object>> records, Boolean dryRun,
                          String businessId) {
    }

    /** A warning or error about one record: the record field (dotted path) it concerns, a code and a sentence. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Note(String field, String code, String message) {
    }

    /**
     * What became of the record at {@code index}: its id at the provider, the record type it was
     * read as, the canonical event (null when it has errors), whether that event was already stored,
     * and its warnings and errors (empty lists when none).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RecordResult(int index, String recordId, String recordType, String eventId, Event event,
                               boolean duplicate, List<Note> warnings, List<Note> errors) {
    }

    /**
     * The answer: counts and one result per record, in request order. A batch with any error is
     * refused with 400 (naming each record index) and stores nothing; a dry run answers 200 with the
     * errors in the per-record results and stores nothing.
     */
    public record Result(String provider, boolean dryRun, int received, int accepted, int duplicates, int failed,
                         List<RecordResult> records, Proof proof) {
    }

    /** {@code GET /api/connectors/providers}: every provider with its record types. */
    public record Providers(List<Provider> providers, Proof proof) {
    }

    /** A provider: id (as in requests), display title, category (commerce, payments, crm, ads …) and its documentation link. */
    public record Provider(String id, String title, String category, String docs, List<RecordType> recordTypes) {
    }

    /** A record type of a provider and the event name its records become. */
    public record RecordType(String type, String event, String description) {
    }
}
