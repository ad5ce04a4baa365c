package com.headlessanalytics.console.api;

/** An API key as people see it: never the secret, only its first characters. */
public record ApiKeyInfo(String id, String workspaceId, String name, String prefix, long createdAt, Long revokedAt) {
    public boolean active() {
        return revokedAt == null;
    }
}
