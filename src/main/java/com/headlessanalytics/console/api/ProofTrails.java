package com.headlessanalytics.console.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** Proof trails (PRODUCT.md §5): tamper-evident {@code .haproof} packets, listed, served and pushed. */
public final class ProofTrails {
    private ProofTrails() {
    }

    /**
     * {@code POST /api/proof-event-trails/export}: what goes in the packet. With no selection
     * at all, every governance record of the time window (all time when none).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExportRequest(String title, List<String> receiptIds, List<String> decisionObjectIds, String traceId,
                                Long from, Long to, List<Map<String, Object>> evidence, Boolean pushToSovereignProof) {
    }

    /** How many records each file of a packet holds (events, decisions, receipts, evidence). */
    public record Counts(long events, long decisions, long receipts, long evidence) {
    }

    /** {@code POST /api/proof-event-trails/preview}: the counts an export would write, nothing written. */
    public record Preview(Counts counts, Proof proof) {
    }

    /**
     * The outcome of pushing a packet to SovereignProof: {@code not_configured} (with a plain
     * message), {@code delivered} or {@code failed}, after {@code attempts} tries.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Push(String status, String endpoint, int attempts, Integer httpStatus, String message, Long at) {
    }

    /** One exported packet: where it was written and what its signed manifest says. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Trail(String proofId, String title, long createdAt, String createdBy, Counts counts,
                        String merkleRoot, String chainHead, String location, long bytes, String sha256, Push push) {
    }

    /** {@code POST /api/proof-event-trails/export}: the trail, its manifest, and the push outcome. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExportResult(String proofId, Trail trail, ObjectNode manifest, String location, Push push,
                               Proof proof) {
    }

    /** {@code GET /api/proof-event-trails}: newest first. */
    public record Trails(List<Trail> trails, Proof proof) {
    }

    /**
     * {@code GET/PUT /api/proof-event-trails/settings}: the HTTPS endpoint packets are pushed to;
     * null when none is configured.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PushSettings(String endpoint, Proof proof) {
    }
}
