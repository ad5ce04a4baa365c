package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.api.ProofTrails;
import java.time.Clock;
import java.util.List;

/**
 * Proof trails (PRODUCT.md §5): selects governance records and events, writes {@code .haproof}
 * packets atomically under the data folder's {@code proofs/}, records them, and pushes them to the
 * configured SovereignProof endpoint.
 */
final class EngineProofTrails {
    private final Database db;
    private final EventStore events;
    private final WorkspaceKeys keys;
    private final Clock clock;

    EngineProofTrails(Database db, EventStore events, WorkspaceKeys keys, Clock clock) {
        this.db = db;
        this.events = events;
        this.keys = keys;
        this.clock = clock;
    }

    ProofTrails.Counts preview(String workspaceId, ProofTrails.ExportRequest request) {
        throw new UnsupportedOperationException("issue 9: not built yet");
    }

    ProofTrails.ExportResult export(String workspaceId, String principal, ProofTrails.ExportRequest request) {
        throw new UnsupportedOperationException("issue 9: not built yet");
    }

    List<ProofTrails.Trail> trails(String workspaceId) {
        throw new UnsupportedOperationException("issue 9: not built yet");
    }

    byte[] packet(String workspaceId, String proofId) {
        throw new UnsupportedOperationException("issue 9: not built yet");
    }

    String pushEndpoint(String workspaceId) {
        throw new UnsupportedOperationException("issue 9: not built yet");
    }

    String savePushEndpoint(String workspaceId, String endpoint) {
        throw new UnsupportedOperationException("issue 9: not built yet");
    }
}
