package com.headlessanalytics.console.ui.health;

import com.headlessanalytics.console.ui.common.TestTasks;
import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.ui.common.ManualScheduler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthViewModelTest {
    @TempDir
    Path dir;

    @Test
    void showsEachCheckWithWhatToDoAndRefreshesWhileShown() {
        ManualScheduler scheduler = new ManualScheduler();
        TestTasks tasks = TestTasks.direct();
        try (Engine engine = Engine.open(dir)) {
            HealthViewModel model = new HealthViewModel(engine::defaultWorkspace, tasks, scheduler,
                    Clock.fixed(Instant.parse("2026-11-27T10:15:30Z"), ZoneOffset.UTC), ZoneOffset.UTC);
            model.activate();
            assertThat(model.checks()).extracting(HealthViewModel.Row::name)
                    .contains("Database", "Data folder", "API keys", "Usage metering");
            assertThat(model.checks()).filteredOn(r -> r.name().equals("API keys")).singleElement()
                    .satisfies(r -> {
                        assertThat(r.state()).isEqualTo("warn");
                        assertThat(r.todo()).contains("keys create");
                    });
            assertThat(model.summaryProperty().get()).isEqualTo("Ready, with 1 warning");
            assertThat(model.checkedAtProperty().get()).isEqualTo("Checked at 10:15:30");
            assertThat(model.settings()).anyMatch(s -> s.startsWith("HA_DATA_DIR"));

            engine.keys().create(engine.defaultWorkspaceId(), "k");
            scheduler.tick();
            assertThat(model.summaryProperty().get()).startsWith("All ").endsWith("checks pass — ready");
            int before = tasks.submitted;
            model.deactivate();
            scheduler.tick();
            assertThat(tasks.submitted).isEqualTo(before);
        }
    }
}
