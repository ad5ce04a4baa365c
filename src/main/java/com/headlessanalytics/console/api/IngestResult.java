package com.headlessanalytics.console.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The answer to an ingest: how many events were stored, how many were already stored, the id of
 * every event in request order, which of them were duplicates, and the tracking-plan violations
 * noted on stored events by plans in warn mode ({@code warnings}, left out when there are none).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IngestResult(int accepted, int duplicates, List<String> ids, List<String> duplicateIds, Proof proof,
                           List<Warning> warnings) {

    /** An answer without plan warnings. */
    public IngestResult(int accepted, int duplicates, List<String> ids, List<String> duplicateIds, Proof proof) {
        this(accepted, duplicates, ids, duplicateIds, proof, null);
    }

    /** One violation noted on the event at {@code index} of the request (0 for a single event). */
    public record Warning(int index, String planId, String field, String code, String message) {
    }
}
