package com.headlessanalytics.console.remote;

/**
 * How the remote client authenticates. {@code toString()} never shows a secret, and validation
 * messages never quote one.
 */
public sealed interface Credentials permits Credentials.ApiKey, Credentials.EnterpriseJwt {

    /** A workspace API key, sent as {@code Authorization: Bearer <key>}. */
    record ApiKey(String key) implements Credentials {
        public ApiKey {
            requireHeaderSafe(key, "API key");
        }

        @Override
        public String toString() {
            return "ApiKey[key=<redacted>]";
        }
    }

    /**
     * An enterprise JWT, sent as {@code Authorization: Bearer <token>} together with
     * {@code X-HA-Workspace-ID: <workspaceId>}.
     */
    record EnterpriseJwt(String token, String workspaceId) implements Credentials {
        public EnterpriseJwt {
            requireHeaderSafe(token, "JWT");
            requireHeaderSafe(workspaceId, "workspace id");
        }

        @Override
        public String toString() {
            return "EnterpriseJwt[token=<redacted>, workspaceId=" + workspaceId + "]";
        }
    }

    /** Non-empty visible ASCII without spaces: anything else cannot travel in a header. */
    private static void requireHeaderSafe(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (!value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(what + " may hold only visible ASCII characters without spaces");
        }
    }
}
