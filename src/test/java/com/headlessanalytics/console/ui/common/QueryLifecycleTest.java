package com.headlessanalytics.console.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleBooleanProperty;
import org.junit.jupiter.api.Test;

class QueryLifecycleTest {
    final TestTasks tasks = TestTasks.held();
    final QueryLifecycle query = new QueryLifecycle(tasks);
    final List<String> shown = new ArrayList<>();

    void ask(String q) {
        query.run("Query " + q, "Asking " + q, p -> {
            p.update(0.5, "Half of " + q);
            if (q.startsWith("fail")) {
                throw new IllegalStateException("no " + q);
            }
            return q;
        }, shown::add);
    }

    @Test
    void theLatestRequestWinsWhateverOrderTheAnswersArriveIn() {
        ask("a");
        ask("b");
        assertThat(query.runningProperty().get()).isTrue();
        assertThat(query.statusProperty().get()).isEqualTo("Asking b");
        tasks.runLast();
        tasks.runNext();
        assertThat(shown).containsExactly("b");
        assertThat(query.runningProperty().get()).isFalse();
    }

    @Test
    void anAnswerAfterCancelIsNeverShown() {
        ask("a");
        query.cancel();
        assertThat(query.statusProperty().get()).isEqualTo("Cancelled");
        assertThat(query.runningProperty().get()).isFalse();
        tasks.runAll();
        assertThat(shown).isEmpty();
        query.cancel();
        assertThat(query.statusProperty().get()).as("nothing to cancel").isEqualTo("Cancelled");
    }

    @Test
    void progressMessagesShowInTheStatusLineWhileRunning() {
        ask("a");
        tasks.onUpdate = u -> {
            assertThat(query.statusProperty().get()).isEqualTo("Half of a");
            assertThat(query.progressProperty().get()).isEqualTo(0.5);
        };
        tasks.runAll();
        assertThat(shown).containsExactly("a");
        assertThat(query.progressProperty().get()).isNegative();
    }

    @Test
    void aFailureShowsItsTextAndAStaleFailureNothing() {
        ask("fail-old");
        ask("fail-new");
        tasks.runNext();
        assertThat(query.errorProperty().get()).isEmpty();
        tasks.runNext();
        assertThat(query.errorProperty().get()).contains("no fail-new");
        assertThat(query.statusProperty().get()).isEmpty();
        ask("a");
        assertThat(query.errorProperty().get()).as("a new run clears the error").isEmpty();
    }

    @Test
    void aCommandRunsOnlyWhileExecutable() {
        SimpleBooleanProperty can = new SimpleBooleanProperty(false);
        List<String> ran = new ArrayList<>();
        Command c = new Command(() -> ran.add("ran"), can);
        c.execute();
        assertThat(ran).isEmpty();
        can.set(true);
        assertThat(c.executableProperty().get()).isTrue();
        c.execute();
        assertThat(ran).containsExactly("ran");
    }

    @Test
    void aFeatureNotOfferedIsACalmNoticeAndTheNextRunClearsIt() {
        QueryLifecycle direct = new QueryLifecycle(TestTasks.direct());
        direct.run("t", "s", p -> {
            throw com.headlessanalytics.console.api.ApiException.notOffered(
                    com.headlessanalytics.console.api.Capabilities.Feature.PROOF_PACKETS);
        }, r -> { });

        assertThat(direct.errorProperty().get()).isEmpty();
        assertThat(direct.noticeProperty().get()).isEqualTo(
                com.headlessanalytics.console.api.Capabilities.Feature.PROOF_PACKETS.unavailable());

        direct.run("t", "s", p -> "ok", r -> { });
        assertThat(direct.noticeProperty().get()).isEmpty();
    }
}
