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
        /** The longest title, in characters. */
        public static final int MAX_TITLE = 200;
        /** The most ids in {@code receiptIds} and in {@code decisionObjectIds}, and evidence items. */
        public static final int MAX_IDS = 1000;

        /** title 1–200 characters without control characters; at most 1000 ids and evidence items; from ≤ to. */
        public Checks checks() {
            Checks c = new Checks();
            if (title == null || title.isBlank()) {
                c.add("title", "required", "a title of 1-" + MAX_TITLE + " characters is required");
            } else if (title.codePointCount(0, title.length()) > MAX_TITLE) {
                c.add("title", "invalid_value", "must be 1-" + MAX_TITLE + " characters; it has "
                        + title.codePointCount(0, title.length()));
            } else if (title.chars().anyMatch(Character::isISOControl)) {
                c.add("title", "invalid_value", "must not hold control characters (line breaks, tabs)");
            }
            ids(c, "receiptIds", receiptIds);
            ids(c, "decisionObjectIds", decisionObjectIds);
            c.id("traceId", traceId);
            c.period(from, to);
            if (evidence != null) {
                if (evidence.size() > MAX_IDS) {
                    c.add("evidence", "invalid_value", "at most " + MAX_IDS + " items; it has " + evidence.size());
                } else {
                    for (int i = 0; i < evidence.size(); i++) {
                        if (evidence.get(i) == null) {
                            c.add("evidence[" + i + "]", "invalid_type", "must be an object");
                        }
                    }
                }
            }
            return c;
        }

        private static void ids(Checks c, String field, List<String> ids) {
            if (ids == null) {
                return;
            }
            if (ids.size() > MAX_IDS) {
                c.add(field, "invalid_value", "at most " + MAX_IDS + " ids; it has " + ids.size());
                return;
            }
            for (int i = 0; i < ids.size(); i++) {
                c.id(field + "[" + i + "]", ids.get(i) == null ? "" : ids.get(i));
            }
        }
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
