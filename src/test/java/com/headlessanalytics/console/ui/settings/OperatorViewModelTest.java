package com.headlessanalytics.console.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.ui.common.OperatorProfile;
import com.headlessanalytics.console.ui.common.TestDialogs;
import com.headlessanalytics.console.ui.common.TestTasks;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings › Operator against a real engine: the name re-binds the embedded port, the threshold is checked. */
class OperatorViewModelTest {
    @TempDir
    Path dir;

    @Test
    void savingANewNameRebindsThePortAndTheWorkspaceSaysWhoItRecords() {
        try (Engine engine = Engine.open(dir)) {
            OperatorProfile profile = new OperatorProfile("ana", new BigDecimal("1000"));
            TestDialogs dialogs = new TestDialogs();
            OperatorViewModel model = new OperatorViewModel(profile, () -> engine.defaultWorkspace(profile.principal()),
                    TestTasks.direct(), dialogs);
            model.activate();
            assertThat(model.actingAsProperty().get()).isEqualTo("This workspace records you as operator:ana: the"
                    + " proposer of what you propose and the approver of what you approve.");
            assertThat(model.saveCommand().isExecutable()).as("nothing changed").isFalse();

            model.nameProperty().set("ana maria");
            assertThat(model.nameErrorProperty().get()).startsWith("Use letters, digits");
            assertThat(model.saveCommand().isExecutable()).isFalse();
            model.nameProperty().set(" bob ");
            assertThat(model.nameErrorProperty().get()).isEmpty();
            assertThat(model.resetCommand().isExecutable()).isTrue();
            model.saveCommand().execute();
            assertThat(profile.principal()).isEqualTo("operator:bob");
            assertThat(model.nameProperty().get()).isEqualTo("bob");
            assertThat(dialogs.notices).containsExactly("You now act as operator:bob");
            assertThat(model.actingAsProperty().get()).startsWith("This workspace records you as operator:bob");

            model.thresholdProperty().set("-3");
            assertThat(model.thresholdErrorProperty().get()).startsWith("Enter an amount of zero or more");
            model.thresholdProperty().set("2,500");
            model.saveCommand().execute();
            assertThat(profile.threshold()).isEqualTo(new BigDecimal("2500"));
            assertThat(dialogs.notices).last().isEqualTo("Approval threshold set to 2,500.00");
            assertThat(model.thresholdProperty().get()).isEqualTo("2500");

            model.nameProperty().set("carol");
            model.resetCommand().execute();
            assertThat(model.nameProperty().get()).isEqualTo("bob");
        }
    }

    @Test
    void aRemotePortActsAsItsApiKey() {
        try (Engine engine = Engine.open(dir)) {
            OperatorProfile profile = new OperatorProfile("ana", null);
            OperatorViewModel model = new OperatorViewModel(profile, () -> engine.defaultWorkspace("key_abc123"),
                    TestTasks.direct(), new TestDialogs());
            model.activate();
            assertThat(model.actingAsProperty().get()).isEqualTo("Connected to a remote API: you act as key_abc123,"
                    + " the id of its API key. The name above applies when the console opens an embedded workspace.");
            OperatorViewModel failing = new OperatorViewModel(profile, () -> {
                throw new IllegalStateException("The workspace is still opening.");
            }, TestTasks.direct(), new TestDialogs());
            failing.activate();
            assertThat(failing.actingAsProperty().get()).isEqualTo("Who you act as could not be read: The workspace"
                    + " is still opening.");
        }
    }
}
