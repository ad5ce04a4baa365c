package com.headlessanalytics.console.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Metrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data folder on a disk that fills up: a 24 MB tmpfs, mounted for the test (skipped where it
 * cannot be, e.g. not as root). The write that finds the disk full fails with an error that says
 * so and names the folder; every write and read after it is refused at once with the same error
 * (H2 2.5.252 spins for ever on any statement once it has closed its store after a failed write);
 * closing returns; and the folder, copied to a disk with room, opens with every event whose ingest
 * was answered.
 */
class DiskFullTest {
    private static final Duration NO_HANG = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Path small;
    private boolean mounted;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        small = dir.resolve("small");
        Files.createDirectories(small);
        String said = run("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", small.toString());
        mounted = said == null;
        Assumptions.assumeTrue(mounted, "cannot mount a small tmpfs here (root only): " + said);
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            run("umount", "-l", small.toString());
        }
    }

    @Test
    void aFullDiskFailsTheWriteClearlyRefusesWhatFollowsAndKeepsEveryAnsweredEvent() throws Exception {
        Path data = small.resolve("data");
        long answered = 0;
        ApiException failure = null;
        Engine engine = Engine.open(data);
        try {
            HeadlessApi api = engine.defaultWorkspace();
            for (int batch = 0; batch < 2_000 && failure == null; batch++) {
                try {
                    ingest(api, batch * 500, 500);
                    answered += 500;
                } catch (ApiException e) {
                    failure = e;
                }
            }
            assertThat(failure).as("24 MB fill up").isNotNull();
            assertThat(answered).as("some batches were stored first").isPositive();
            assertThat(failure.getMessage()).contains("No space left on device").contains(data.toString());

            assertTimeoutPreemptively(NO_HANG, () -> assertThatThrownBy(() -> ingest(api, 5_000_000, 1))
                    .isInstanceOf(ApiException.class).hasMessageContaining("No space left on device"));
            assertTimeoutPreemptively(NO_HANG, () -> assertThatThrownBy(() -> api.events(EventQuery.all()))
                    .hasMessageContaining("No space left on device"));
        } finally {
            assertTimeoutPreemptively(NO_HANG, engine::close, "closing after the failure returns");
        }

        Path copy = dir.resolve("copy");
        copyFolder(data, copy);
        try (Engine reopened = Engine.open(copy)) {
            assertThat(reopened.defaultWorkspace().metrics(Metrics.Query.of(null, null, null)).totalEvents())
                    .as("every answered event, and no other").isEqualTo(answered);
        }
    }

    private static void ingest(HeadlessApi api, int from, int count) {
        List<Map<String, Object>> batch = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            batch.add(Map.of("id", "e-" + Long.toHexString(i * 0x9E3779B97F4A7C15L), "event", "order.created",
                    "timestamp", 1_700_000_000_000L + i, "actor", "a-" + (i % 997),
                    "properties", Map.of("note", "x".repeat(200))));
        }
        api.ingest(batch);
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                if (Files.isRegularFile(file)) {
                    Files.copy(file, to.resolve(file.getFileName()));
                }
            }
        }
    }

    /** Runs a command; null when it succeeded, else what it said. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException notThere) {
            return notThere.getMessage();
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return String.join(" ", command) + " did not end";
        }
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return p.exitValue() == 0 ? null : said + " (exit " + p.exitValue() + ")";
    }
}
