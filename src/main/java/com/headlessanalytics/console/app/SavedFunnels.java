package com.headlessanalytics.console.app;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.ui.funnels.SavedFunnel;
import com.headlessanalytics.console.ui.funnels.SavedFunnelStore;
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
 * The saved funnels, as JSON in {@value #FILE_NAME} in the per-user folder, written atomically.
 * A file that cannot be read is set aside as {@code saved-funnels.json.unreadable-<time>} before
 * the next save replaces it, so nothing saved is lost without a trace.
 */
public final class SavedFunnels implements SavedFunnelStore {
    private static final Logger LOG = LoggerFactory.getLogger(SavedFunnels.class);
    static final String FILE_NAME = "saved-funnels.json";

    /** The file's content. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Saved(List<SavedFunnel> funnels) {
    }

    private final Path folder;

    public SavedFunnels(Path folder) {
        this.folder = folder;
    }

    public Path file() {
        return folder.resolve(FILE_NAME);
    }

    @Override
    public synchronized List<SavedFunnel> list() {
        return sorted(read());
    }

    @Override
    public synchronized void save(SavedFunnel funnel) {
        if (funnel.name() == null || funnel.name().isBlank()) {
            throw new IllegalArgumentException("A saved funnel needs a name.");
        }
        List<SavedFunnel> funnels = new ArrayList<>(readForUpdate());
        funnels.removeIf(f -> funnel.name().equals(f.name()));
        funnels.add(funnel);
        write(funnels);
    }

    @Override
    public synchronized void delete(String name) {
        List<SavedFunnel> funnels = new ArrayList<>(readForUpdate());
        if (funnels.removeIf(f -> f.name() != null && f.name().equals(name))) {
            write(funnels);
        }
    }

    private static List<SavedFunnel> sorted(List<SavedFunnel> funnels) {
        return funnels.stream().filter(f -> f.name() != null)
                .sorted(Comparator.comparing(SavedFunnel::name, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    private List<SavedFunnel> read() {
        return read(false);
    }

    /** The funnels to change; an unreadable file is moved aside first, never overwritten. */
    private List<SavedFunnel> readForUpdate() {
        return read(true);
    }

    /** The stored funnels, none when there is no file or it is unreadable ({@code setAside}: then moved aside). */
    private List<SavedFunnel> read(boolean setAside) {
        Path file = file();
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return parse(file);
        } catch (IOException e) {
            if (!setAside) {
                LOG.warn("Ignoring unreadable saved funnels in {}: {}", file, e.getMessage());
                return List.of();
            }
            Path aside = file.resolveSibling(FILE_NAME + ".unreadable-" + System.currentTimeMillis());
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                throw new UncheckedIOException("The saved funnels in " + file + " cannot be read (" + e.getMessage()
                        + ") nor set aside: " + moveFailed.getMessage(), moveFailed);
            }
            LOG.warn("The unreadable saved funnels in {} were moved to {}: {}", file, aside, e.getMessage());
            return List.of();
        }
    }

    private static List<SavedFunnel> parse(Path file) throws IOException {
        Saved saved = ApiJson.mapper().readValue(file.toFile(), Saved.class);
        return saved == null || saved.funnels() == null ? List.of() : saved.funnels();
    }

    private void write(List<SavedFunnel> funnels) {
        try {
            AtomicFiles.write(file(), ApiJson.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(new Saved(sorted(funnels))), false);
        } catch (IOException e) {
            throw new UncheckedIOException("The saved funnels could not be written to " + file() + ": "
                    + e.getMessage(), e);
        }
    }
}
