package com.headlessanalytics.console.ui.funnels;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.ui.common.QueryLifecycle;
import com.headlessanalytics.console.ui.common.TestDialogs;
import com.headlessanalytics.console.ui.common.TestTasks;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The saved funnels: save, save as (asking for the name), replace after asking, open, delete after asking. */
class FunnelLibraryTest {
    final TestDialogs dialogs = new TestDialogs();
    final FunnelFixtures.MemoryStore store = new FunnelFixtures.MemoryStore();
    final TestTasks tasks = TestTasks.direct();
    final QueryLifecycle screen = new QueryLifecycle(tasks);
    final List<SavedFunnel> opened = new ArrayList<>();
    /** How many steps the builder's funnel has; 0 = the builder refuses (it shows why itself). */
    int steps = 2;

    FunnelLibrary library() {
        return new FunnelLibrary(tasks, dialogs, store, screen, name -> steps == 0 ? null
                : new SavedFunnel(name, java.util.stream.IntStream.range(0, steps)
                        .mapToObj(i -> Funnels.Step.of("e" + i)).toList(), "ordered", null, null, "LAST_7_DAYS",
                        null, null, 1L), opened::add);
    }

    @Test
    void saveAsAsksForTheNameAndSavesUnderIt() {
        FunnelLibrary model = library();
        assertThat(model.saveCommand().isExecutable()).as("no name yet").isFalse();
        dialogs.textAnswers.add("  Checkout ");
        model.saveAsCommand().execute();
        assertThat(store.list()).extracting(SavedFunnel::name).containsExactly("Checkout");
        assertThat(model.saved()).extracting(SavedFunnel::name).containsExactly("Checkout");
        assertThat(model.savedNameProperty().get()).isEqualTo("Checkout");
        assertThat(dialogs.notices).containsExactly("Saved funnel Checkout");

        model.saveAsCommand().execute();
        assertThat(store.list()).as("the question was cancelled").hasSize(1);

        steps = 3;
        assertThat(model.saveCommand().isExecutable()).isTrue();
        model.saveCommand().execute();
        assertThat(dialogs.confirmations).as("saving under its own name replaces without asking").isEmpty();
        assertThat(store.list().get(0).steps()).hasSize(3);
    }

    @Test
    void replacingAnotherAsksAndDeletingAsksToo() {
        FunnelLibrary model = library();
        model.saveAs("f");
        steps = 1;
        dialogs.confirmAnswer = false;
        model.saveAs("f");
        assertThat(dialogs.confirmations).containsExactly("Replace the funnel f?");
        assertThat(store.list().get(0).steps()).hasSize(2);
        model.selectedProperty().set(model.saved().get(0));
        model.deleteCommand().execute();
        assertThat(store.list()).hasSize(1);
        dialogs.confirmAnswer = true;
        model.saveAs("f");
        assertThat(store.list().get(0).steps()).hasSize(1);
        model.selectedProperty().set(model.saved().get(0));
        model.deleteCommand().execute();
        assertThat(store.list()).isEmpty();
        assertThat(model.saved()).isEmpty();
        assertThat(model.savedNameProperty().get()).isEmpty();
        assertThat(dialogs.notices).contains("Deleted funnel f");
    }

    @Test
    void aNameIsNeededAndAnInvalidFunnelIsNotSaved() {
        FunnelLibrary model = library();
        model.saveAs(" ");
        assertThat(screen.errorProperty().get()).isEqualTo("Give the funnel a name of 1-100 characters to save it.");
        model.saveAs("x".repeat(101));
        assertThat(store.list()).isEmpty();
        steps = 0;
        model.saveAs("ok");
        assertThat(store.list()).isEmpty();
        assertThat(dialogs.notices).isEmpty();
    }

    @Test
    void openAndDeleteNeedAPickAndOpenHandsTheFunnelToTheBuilder() {
        store.save(new SavedFunnel("kept", List.of(Funnels.Step.of("a")), null, null, null, null, null, null, 1L));
        FunnelLibrary model = library();
        model.load();
        assertThat(model.saved()).extracting(SavedFunnel::name).containsExactly("kept");
        assertThat(model.openCommand().isExecutable()).isFalse();
        assertThat(model.deleteCommand().isExecutable()).isFalse();
        model.selectedProperty().set(model.saved().get(0));
        assertThat(model.openCommand().isExecutable()).isTrue();
        model.openCommand().execute();
        assertThat(opened).extracting(SavedFunnel::name).containsExactly("kept");
        assertThat(model.savedNameProperty().get()).isEqualTo("kept");
    }

    @Test
    void aStoreThatCannotBeReadSaysSo() {
        store.failure = new IllegalStateException("disk gone");
        library().load();
        assertThat(screen.errorProperty().get()).startsWith("The saved funnels could not be read: ")
                .contains("disk gone");
    }
}
