package com.headlessanalytics.console.ui.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.ui.common.ManualScheduler;
import com.headlessanalytics.console.ui.common.TestClock;
import com.headlessanalytics.console.ui.common.TestTasks;
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
            assertThat(model.query().statusProperty().get()).isEqualTo("Checked at 10:15:30");
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

    @Test
    void refreshReplacesARunningReadTicksWaitAndAFailureSaysSo() {
        ManualScheduler scheduler = new ManualScheduler();
        TestTasks tasks = TestTasks.held();
        TestClock clock = new TestClock(Instant.parse("2026-11-27T10:15:30Z"));
        java.util.concurrent.atomic.AtomicBoolean broken = new java.util.concurrent.atomic.AtomicBoolean();
        try (Engine engine = Engine.open(dir)) {
            HealthViewModel model = new HealthViewModel(() -> {
                if (broken.get()) {
                    throw new ApiException.Unreachable("connection refused", null);
                }
                return engine.defaultWorkspace();
            }, tasks, scheduler, clock, ZoneOffset.UTC);
            model.activate();
            assertThat(model.query().statusProperty().get()).isEqualTo("Checking runtime health…");
            scheduler.tick();
            assertThat(tasks.pending()).as("a tick while a read runs is skipped").isEqualTo(1);
            model.refreshCommand().execute();
            assertThat(tasks.pending()).isEqualTo(2);
            tasks.runLast();
            assertThat(model.query().statusProperty().get()).isEqualTo("Checked at 10:15:30");
            clock.advance(java.time.Duration.ofSeconds(7));
            tasks.runAll();
            assertThat(model.query().statusProperty().get()).as("the replaced read's answer is dropped")
                    .isEqualTo("Checked at 10:15:30");

            scheduler.tick();
            assertThat(model.query().statusProperty().get()).as("a tick keeps the status line")
                    .isEqualTo("Checked at 10:15:30");
            tasks.runAll();
            assertThat(model.query().statusProperty().get()).isEqualTo("Checked at 10:15:37");

            broken.set(true);
            model.refreshCommand().execute();
            tasks.runAll();
            assertThat(model.query().errorProperty().get()).isEqualTo("The API could not be reached: connection refused");
            assertThat(model.summaryProperty().get()).isEqualTo("Health could not be read");
            assertThat(model.overallProperty().get()).isEqualTo("fail");

            broken.set(false);
            model.refreshCommand().execute();
            model.deactivate();
            tasks.runAll();
            assertThat(model.query().isRunning()).isFalse();
            assertThat(model.summaryProperty().get()).as("a read dropped on leaving the screen").isEqualTo(
                    "Health could not be read");
            assertThat(scheduler.active()).isZero();
        }
    }
}
