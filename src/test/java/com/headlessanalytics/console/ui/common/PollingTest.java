package com.headlessanalytics.console.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollingTest {
    final ManualScheduler scheduler = new ManualScheduler();
    final TestTasks tasks = TestTasks.held();
    final QueryLifecycle query = new QueryLifecycle(tasks);
    final AtomicInteger answers = new AtomicInteger();
    Polling polling;

    void read() {
        query.run("Read", polling.status("Reading…"), p -> answers.get() + 1, n -> {
            answers.set(n);
            query.status("Read " + n);
        });
    }

    @Test
    void readsWhileStartedSkipsTicksWhileAReadRunsAndTicksKeepTheStatusLine() {
        polling = new Polling(scheduler, Duration.ofSeconds(5), query, this::read);
        polling.start();
        assertThat(polling.started()).isTrue();
        assertThat(query.statusProperty().get()).isEqualTo("Reading…");
        scheduler.tick();
        assertThat(tasks.pending()).as("a tick while a read runs is skipped").isEqualTo(1);
        tasks.runAll();
        assertThat(query.statusProperty().get()).isEqualTo("Read 1");

        scheduler.tick();
        assertThat(query.statusProperty().get()).as("a tick keeps the status line").isEqualTo("Read 1");
        assertThat(query.isRunning()).isTrue();
        tasks.runAll();
        assertThat(query.statusProperty().get()).isEqualTo("Read 2");
        read();
        assertThat(query.statusProperty().get()).as("a read asked for says so").isEqualTo("Reading…");

        polling.stop();
        tasks.runAll();
        assertThat(answers).as("the read in flight is dropped on stop").hasValue(2);
        assertThat(polling.started()).isFalse();
        assertThat(scheduler.active()).isZero();
        scheduler.tick();
        assertThat(tasks.pending()).isZero();
    }
}
