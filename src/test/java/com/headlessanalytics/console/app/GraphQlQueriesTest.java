package com.headlessanalytics.console.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.headlessanalytics.console.ui.graphql.GraphQlRun;
import com.headlessanalytics.console.ui.graphql.GraphQlStore;
import com.headlessanalytics.console.ui.graphql.SavedQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GraphQL history keeps the newest 50 runs and saved queries survive a restart; an unreadable file is set aside. */
class GraphQlQueriesTest {
    @TempDir
    Path dir;

    static GraphQlRun run(int i) {
        return new GraphQlRun("{ events(limit: " + i + ") { event } }", "{}", null, 1_000L * i, 200, 5, 0);
    }

    @Test
    void withoutAFileThereIsNothing() {
        GraphQlQueries store = new GraphQlQueries(dir);
        assertThat(store.history()).isEmpty();
        assertThat(store.saved()).isEmpty();
    }

    @Test
    void theHistoryKeepsTheNewestFiftyNewestFirst() {
        GraphQlQueries store = new GraphQlQueries(dir);
        for (int i = 1; i <= 55; i++) {
            store.record(run(i));
        }
        assertThat(new GraphQlQueries(dir).history()).hasSize(GraphQlStore.HISTORY_LIMIT)
                .first().isEqualTo(run(55));
        assertThat(store.history().get(49)).isEqualTo(run(6));
    }

    @Test
    void savedQueriesSaveRenameAndDeleteBesideTheHistory() {
        GraphQlQueries store = new GraphQlQueries(dir);
        store.record(run(1));
        store.save(new SavedQuery("ops", "query Ops { proofTrails { proofId } }", "", "Ops", 3L));
        store.save(new SavedQuery("Agents", "{ agentPerformance(agentId: \"a\") { events } }", "{\"x\": 1}", null, 4L));
        assertThat(new GraphQlQueries(dir).saved()).extracting(SavedQuery::name).containsExactly("Agents", "ops");
        assertThat(store.saved().get(0).variables()).isEqualTo("{\"x\": 1}");

        store.save(new SavedQuery("ops", "{ proofTrails { title } }", "", null, 5L));
        assertThat(store.saved()).hasSize(2).last().satisfies(q -> assertThat(q.query()).contains("title"));

        store.rename("ops", "Proof trails");
        assertThat(store.saved()).extracting(SavedQuery::name).containsExactly("Agents", "Proof trails");
        assertThatThrownBy(() -> store.rename("Agents", "Proof trails")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already called");

        store.delete("Agents");
        store.delete("none");
        assertThat(new GraphQlQueries(dir).saved()).extracting(SavedQuery::name).containsExactly("Proof trails");
        assertThat(store.history()).containsExactly(run(1));
    }

    @Test
    void anUnreadableFileIsSetAsideBeforeTheNextChange() throws Exception {
        Files.writeString(dir.resolve(GraphQlQueries.FILE_NAME), "{ not json");
        GraphQlQueries store = new GraphQlQueries(dir);
        assertThat(store.history()).isEmpty();
        store.record(run(2));
        assertThat(store.history()).containsExactly(run(2));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith(GraphQlQueries.FILE_NAME + ".unreadable-"));
        }
    }
}
