package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.proof.Ed25519;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Ed25519 signing key of each workspace, created on first use and kept in the data folder as
 * {@code keys/<workspaceId>.ed25519.pem} (PKCS#8 then SPKI PEM), readable by the owner only where
 * the file system has POSIX permissions.
 */
public final class WorkspaceKeys {
    private final Path folder;
    private final Map<String, KeyPair> keys = new ConcurrentHashMap<>();

    WorkspaceKeys(Path dataFolder) {
        this.folder = dataFolder.resolve("keys");
    }

    /** The key pair of a workspace, created and written the first time it is asked for. */
    public KeyPair keyPair(String workspaceId) {
        return keys.computeIfAbsent(workspaceId, this::loadOrCreate);
    }

    /** Where a workspace's key file is. */
    public Path file(String workspaceId) {
        return folder.resolve(workspaceId + ".ed25519.pem");
    }

    /** The file's last-modified time, as the key's creation time; 0 when it has no file yet. */
    public long createdAt(String workspaceId) {
        try {
            return Files.getLastModifiedTime(file(workspaceId)).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private KeyPair loadOrCreate(String workspaceId) {
        Path file = file(workspaceId);
        try {
            if (Files.exists(file)) {
                String pem = Files.readString(file, StandardCharsets.US_ASCII);
                return new KeyPair(Ed25519.publicFromPem(pem), Ed25519.privateFromPem(pem));
            }
            KeyPair pair = Ed25519.generate();
            Files.createDirectories(folder);
            Path temp = Files.createTempFile(folder, workspaceId, ".tmp");
            ownerOnly(temp);
            Files.writeString(temp, Ed25519.privatePem(pair.getPrivate()) + Ed25519.publicPem(pair.getPublic()),
                    StandardCharsets.US_ASCII);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file);
            }
            return pair;
        } catch (IOException | IllegalArgumentException e) {
            throw new EngineException("Cannot read or create the signing key " + file + ": " + e.getMessage(), e);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not POSIX (Windows): the file inherits the user profile's owner-only ACL
        }
    }
}
