package com.headlessanalytics.console.app;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.ui.common.ConnectionProfile;
import com.headlessanalytics.console.ui.common.ProfileStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection profiles, as JSON in {@value #FILE_NAME} in the per-user folder, written atomically.
 * Holds no secret: those are in {@link FileSecretStore}. Without a file, the one profile is the
 * embedded default data folder.
 */
public final class ConnectionProfiles implements ProfileStore {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionProfiles.class);
    static final String FILE_NAME = "connection-profiles.json";
    static final String DEFAULT_ID = "embedded-default";

    /** The file's content. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Saved(String lastUsed, List<ConnectionProfile> profiles) {
    }

    private final Path folder;
    private final Path defaultDataFolder;

    /**
     * @param folder            where the file is kept
     * @param defaultDataFolder the data folder of the default embedded profile
     */
    public ConnectionProfiles(Path folder, Path defaultDataFolder) {
        this.folder = folder;
        this.defaultDataFolder = defaultDataFolder;
    }

    public Path file() {
        return folder.resolve(FILE_NAME);
    }

    ConnectionProfile defaultProfile() {
        return new ConnectionProfile(DEFAULT_ID, "This computer", ConnectionProfile.Kind.EMBEDDED,
                defaultDataFolder.toString(), null, null);
    }

    @Override
    public synchronized List<ConnectionProfile> list() {
        List<ConnectionProfile> profiles = read().profiles();
        return profiles == null || profiles.isEmpty() ? List.of(defaultProfile()) : List.copyOf(profiles);
    }

    @Override
    public synchronized void saveAll(List<ConnectionProfile> profiles) {
        String last = read().lastUsed();
        boolean kept = profiles.stream().anyMatch(p -> p.id().equals(last));
        write(new Saved(kept ? last : null, new ArrayList<>(profiles)));
    }

    @Override
    public synchronized Optional<String> lastUsed() {
        return Optional.ofNullable(read().lastUsed());
    }

    @Override
    public synchronized void setLastUsed(String profileId) {
        write(new Saved(profileId, new ArrayList<>(list())));
    }

    private Saved read() {
        Path file = file();
        if (!Files.isRegularFile(file)) {
            return new Saved(null, List.of());
        }
        try {
            return ApiJson.mapper().readValue(file.toFile(), Saved.class);
        } catch (IOException e) {
            LOG.warn("Ignoring unreadable connection profiles in {}: {}", file, e.getMessage());
            return new Saved(null, List.of());
        }
    }

    private void write(Saved saved) {
        try {
            AtomicFiles.write(file(), ApiJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(saved), false);
        } catch (IOException e) {
            throw new UncheckedIOException("The connection profiles could not be saved in " + file() + ": "
                    + e.getMessage(), e);
        }
    }
}
