package com.headlessanalytics.console.app;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.ui.graphql.GraphQlRun;
import com.headlessanalytics.console.ui.graphql.GraphQlStore;
import com.headlessanalytics.console.ui.graphql.SavedQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GraphQL screen's history and saved queries, as JSON in {@value #FILE_NAME} in the per-user
 * folder, written atomically. A file that cannot be read is set aside as
 * {@code graphql-queries.json.unreadable-<time>} before the next change replaces it, as
 * {@link SavedFunnels} does.
 */
public final class GraphQlQueries implements GraphQlStore {
    private static final Logger LOG = LoggerFactory.getLogger(GraphQlQueries.class);
    static final String FILE_NAME = "graphql-queries.json";

    /** The file's content: history newest first, saved queries by name. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Stored(List<GraphQlRun> history, List<SavedQuery> saved) {
        Stored {
            history = history == null ? List.of() : history.stream().filter(Objects::nonNull).toList();
            saved = saved == null ? List.of() : saved.stream().filter(s -> s != null && s.name() != null).toList();
        }
    }

    private final Path folder;

    public GraphQlQueries(Path folder) {
        this.folder = folder;
    }

    public Path file() {
        return folder.resolve(FILE_NAME);
    }

    @Override
    public synchronized List<GraphQlRun> history() {
        return read(false).history();
    }

    @Override
    public synchronized void record(GraphQlRun run) {
        Stored now = read(true);
        List<GraphQlRun> runs = new ArrayList<>();
        runs.add(run);
        runs.addAll(now.history());
        write(new Stored(runs.subList(0, Math.min(HISTORY_LIMIT, runs.size())), now.saved()));
    }

    @Override
    public synchronized List<SavedQuery> saved() {
        return sorted(read(false).saved());
    }

    @Override
    public synchronized void save(SavedQuery query) {
        if (query.name() == null || query.name().isBlank()) {
            throw new IllegalArgumentException("A saved query needs a name.");
        }
        Stored now = read(true);
        List<SavedQuery> queries = new ArrayList<>(now.saved());
        queries.removeIf(q -> q.name().equals(query.name()));
        queries.add(query);
        write(new Stored(now.history(), queries));
    }

    @Override
    public synchronized void rename(String from, String to) {
        if (to == null || to.isBlank()) {
            throw new IllegalArgumentException("A saved query needs a name.");
        }
        Stored now = read(true);
        if (!from.equals(to) && now.saved().stream().anyMatch(q -> q.name().equals(to))) {
            throw new IllegalArgumentException("A saved query is already called \"" + to + "\".");
        }
        List<SavedQuery> queries = new ArrayList<>(now.saved().stream()
                .map(q -> q.name().equals(from) ? q.withName(to) : q).toList());
        write(new Stored(now.history(), queries));
    }

    @Override
    public synchronized void delete(String name) {
        Stored now = read(true);
        List<SavedQuery> queries = new ArrayList<>(now.saved());
        if (queries.removeIf(q -> q.name().equals(name))) {
            write(new Stored(now.history(), queries));
        }
    }

    private static List<SavedQuery> sorted(List<SavedQuery> queries) {
        return queries.stream().sorted(Comparator.comparing(SavedQuery::name, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    /** The stored content, empty when there is no file or it is unreadable ({@code setAside}: then moved aside). */
    private Stored read(boolean setAside) {
        Path file = file();
        if (!Files.isRegularFile(file)) {
            return new Stored(List.of(), List.of());
        }
        try {
            Stored stored = ApiJson.mapper().readValue(file.toFile(), Stored.class);
            return stored == null ? new Stored(List.of(), List.of()) : stored;
        } catch (IOException e) {
            if (!setAside) {
                LOG.warn("Ignoring the unreadable GraphQL queries in {}: {}", file, e.getMessage());
                return new Stored(List.of(), List.of());
            }
            Path aside = file.resolveSibling(FILE_NAME + ".unreadable-" + System.currentTimeMillis());
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                throw new UncheckedIOException("The GraphQL queries in " + file + " cannot be read (" + e.getMessage()
                        + ") nor set aside: " + moveFailed.getMessage(), moveFailed);
            }
            LOG.warn("The unreadable GraphQL queries in {} were moved to {}: {}", file, aside, e.getMessage());
            return new Stored(List.of(), List.of());
        }
    }

    private void write(Stored stored) {
        try {
            AtomicFiles.write(file(), ApiJson.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(new Stored(stored.history(), sorted(stored.saved()))), false);
        } catch (IOException e) {
            throw new UncheckedIOException("The GraphQL queries could not be written to " + file() + ": "
                    + e.getMessage(), e);
        }
    }
}
