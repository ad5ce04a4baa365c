package com.headlessanalytics.console.ui.common;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.UUID;

/**
 * A saved way to reach a workspace: an embedded data folder, or a remote API with an API key or an
 * enterprise JWT. The key or token itself is never part of a profile; the {@link SecretStore} keeps it.
 *
 * @param dataFolder  for {@link Kind#EMBEDDED}, else null
 * @param url         for the remote kinds, else null
 * @param workspaceId for {@link Kind#REMOTE_JWT}, else null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConnectionProfile(String id, String name, Kind kind, String dataFolder, String url, String workspaceId) {

    public enum Kind {
        EMBEDDED, REMOTE_KEY, REMOTE_JWT;

        /** How the form's choice is called. */
        public String label() {
            return switch (this) {
                case EMBEDDED -> "Embedded data folder";
                case REMOTE_KEY -> "Remote API with an API key";
                case REMOTE_JWT -> "Remote API with an enterprise JWT";
            };
        }

        public boolean remote() {
            return this != EMBEDDED;
        }
    }

    public static String newId() {
        return "prf_" + UUID.randomUUID().toString().replace("-", "");
    }

    public ConnectionProfile withId(String newId) {
        return new ConnectionProfile(newId, name, kind, dataFolder, url, workspaceId);
    }

    public ConnectionProfile withName(String newName) {
        return new ConnectionProfile(id, newName, kind, dataFolder, url, workspaceId);
    }

    /** Where it points, for lists and the status bar. */
    public String target() {
        return switch (kind) {
            case EMBEDDED -> dataFolder;
            case REMOTE_KEY -> url;
            case REMOTE_JWT -> workspaceId == null ? url : url + " (workspace " + workspaceId + ")";
        };
    }
}
