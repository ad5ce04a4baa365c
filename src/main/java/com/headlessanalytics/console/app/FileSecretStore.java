package com.headlessanalytics.console.app;

import com.fasterxml.jackson.core.type.TypeReference;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.ui.common.SecretStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The API keys and JWTs of the connection profiles, as JSON in {@value #FILE_NAME} in the per-user
 * folder, apart from the profiles, created readable and writable by its owner only (rw-------)
 * where the file system has POSIX permissions. Plain text on disk: anyone who can act as the user
 * can read it.
 */
public final class FileSecretStore implements SecretStore {
    static final String FILE_NAME = "connection-secrets.json";

    private final Path file;

    public FileSecretStore(Path folder) {
        this.file = folder.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized Optional<String> get(String profileId) {
        return Optional.ofNullable(read().get(profileId));
    }

    @Override
    public synchronized void put(String profileId, String secret) {
        Map<String, String> all = read();
        if (secret == null || secret.isBlank()) {
            all.remove(profileId);
        } else {
            all.put(profileId, secret.strip());
        }
        write(all);
    }

    @Override
    public synchronized void remove(String profileId) {
        Map<String, String> all = read();
        if (all.remove(profileId) != null) {
            write(all);
        }
    }

    @Override
    public String whereStored() {
        return AtomicFiles.posix(file.getFileSystem().getPath("").toAbsolutePath())
                ? "Keys and tokens are stored in " + file + ", readable only by your user account."
                : "Keys and tokens are stored in " + file + ", in your user folder; anyone who can sign in as you"
                        + " can read them.";
    }

    private Map<String, String> read() {
        if (!Files.isRegularFile(file)) {
            return new TreeMap<>();
        }
        try {
            return new TreeMap<>(ApiJson.mapper().readValue(file.toFile(), new TypeReference<Map<String, String>>() { }));
        } catch (IOException e) {
            throw new UncheckedIOException("The stored keys in " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private void write(Map<String, String> all) {
        try {
            AtomicFiles.write(file, ApiJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(all), true);
        } catch (IOException e) {
            throw new UncheckedIOException("The keys could not be saved in " + file + ": " + e.getMessage(), e);
        }
    }
}
