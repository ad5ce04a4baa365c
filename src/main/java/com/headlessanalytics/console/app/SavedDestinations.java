package com.headlessanalytics.console.app;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.ui.exports.DestinationStore;
import com.headlessanalytics.console.ui.exports.SavedDestination;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Exports screen's saved destinations (name, destination, config without secrets), as JSON in
 * {@value #FILE_NAME} in the per-user folder, written atomically; their secrets are in the
 * {@code SecretStore}. A file that cannot be read is set aside as
 * {@code export-destinations.json.unreadable-<time>} before the next save, as {@link SavedFunnels} does.
 */
public final class SavedDestinations implements DestinationStore {
    private static final Logger LOG = LoggerFactory.getLogger(SavedDestinations.class);
    static final String FILE_NAME = "export-destinations.json";

    /** The file's content. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Saved(List<SavedDestination> destinations) {
    }

    private final Path folder;

    public SavedDestinations(Path folder) {
        this.folder = folder;
    }

    public Path file() {
        return folder.resolve(FILE_NAME);
    }

    @Override
    public synchronized List<SavedDestination> list() {
        return sorted(read(false));
    }

    @Override
    public synchronized void save(SavedDestination destination) {
        if (destination.name() == null || destination.name().isBlank()) {
            throw new IllegalArgumentException("A saved destination needs a name.");
        }
        List<SavedDestination> all = new ArrayList<>(read(true));
        all.removeIf(d -> destination.name().equals(d.name()));
        all.add(destination);
        write(all);
    }

    @Override
    public synchronized void delete(String name) {
        List<SavedDestination> all = new ArrayList<>(read(true));
        if (all.removeIf(d -> name.equals(d.name()))) {
            write(all);
        }
    }

    private static List<SavedDestination> sorted(List<SavedDestination> all) {
        return all.stream().filter(d -> d.name() != null && d.destination() != null)
                .sorted(Comparator.comparing(SavedDestination::name, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    /** The stored destinations, none when there is no file or it is unreadable ({@code setAside}: then moved aside). */
    private List<SavedDestination> read(boolean setAside) {
        Path file = file();
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            Saved saved = ApiJson.mapper().readValue(file.toFile(), Saved.class);
            return saved == null || saved.destinations() == null ? List.of() : saved.destinations();
        } catch (IOException e) {
            if (!setAside) {
                LOG.warn("Ignoring unreadable export destinations in {}: {}", file, e.getMessage());
                return List.of();
            }
            Path aside = file.resolveSibling(FILE_NAME + ".unreadable-" + System.currentTimeMillis());
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                throw new UncheckedIOException("The export destinations in " + file + " cannot be read ("
                        + e.getMessage() + ") nor set aside: " + moveFailed.getMessage(), moveFailed);
            }
            LOG.warn("The unreadable export destinations in {} were moved to {}: {}", file, aside, e.getMessage());
            return List.of();
        }
    }

    private void write(List<SavedDestination> all) {
        try {
            AtomicFiles.write(file(), ApiJson.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(new Saved(sorted(all))), false);
        } catch (IOException e) {
            throw new UncheckedIOException("The export destinations could not be written to " + file() + ": "
                    + e.getMessage(), e);
        }
    }
}
