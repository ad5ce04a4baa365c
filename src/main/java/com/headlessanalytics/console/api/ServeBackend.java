package com.headlessanalytics.console.api;

import java.util.Optional;

/**
 * What serve mode needs besides the port: API-key authentication, the port of a workspace,
 * usage metering and workspace-independent readiness. The embedded engine provides it.
 */
public interface ServeBackend {

    /** The workspace and key behind a presented API key; empty when unknown or revoked. */
    Optional<Principal> authenticate(String apiKey);

    /** The port of the caller's workspace, acting as the caller (its key id is the governance principal). */
    HeadlessApi workspace(Principal principal);

    /** Records one metered call; returns at once (records are written in the background). */
    void meter(UsageRecord record);

    /** Readiness of the store, folder, disk, settings and metering, without a workspace. */
    RuntimeHealth health();

    /**
     * Serve mode's {@code GET /t/{code}}, which has no API key: the trackable of a code (read
     * forgivingly) in whichever workspace holds it; empty when no trackable has it.
     */
    Optional<TrackableLink> trackableLink(String code);

    /** A trackable found by its code alone, and its workspace. */
    record TrackableLink(String workspaceId, Trackables.Trackable trackable) {
    }

    /** An authenticated caller. */
    record Principal(String workspaceId, String keyId) {
    }

    /**
     * One metered API call. {@code workspaceId} and {@code keyId} are null when the caller was not
     * authenticated; {@code endpoint} is the route (e.g. "/api/ingest"), never the query string.
     */
    record UsageRecord(long at, String workspaceId, String keyId, String method, String endpoint, int status,
                       long latencyMs, long requestBytes, long responseBytes, String queryId) {
    }
}
