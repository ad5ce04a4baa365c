package com.headlessanalytics.console.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One console per data folder: a later launch hands its arguments and folder to the running one and
 * is told when that one is hung or refuses them; a lock and socket left by a process killed with
 * SIGKILL do not stop the next launch. Two claims in this JVM, and real second JVMs
 * ({@link SingleInstanceChild}).
 */
class SingleInstanceTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void aSecondLaunchHandsItsArgumentsToTheFirst() throws Exception {
        Path folder = dir.resolve("data");
        LinkedBlockingQueue<SingleInstance.Message> got = new LinkedBlockingQueue<>();
        try (SingleInstance first = SingleInstance.claimOrHandOff(folder, SingleInstance.Message.of(), TIMEOUT)
                .orElseThrow()) {
            first.receiveWith(got::add);
            assertThat(first.socket()).isEqualTo(folder.toAbsolutePath().resolve("console.sock"));

            SingleInstance.Message sent = new SingleInstance.Message(List.of("q3 audit.haproof"), "/home/ann/Downloads");
            assertThat(SingleInstance.claimOrHandOff(folder, sent, TIMEOUT)).as("handed over").isEmpty();
            assertThat(got.poll(5, TimeUnit.SECONDS)).isEqualTo(sent);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.socket())))
                    .as("only the owner may talk to the console").isEqualTo("rw-------");
        }
        try (SingleInstance again = SingleInstance.claimOrHandOff(folder, SingleInstance.Message.of(), TIMEOUT)
                .orElseThrow()) {
            assertThat(again.folder()).as("closing frees the folder for the next console").isEqualTo(folder);
        }
    }

    @Test
    void messagesThatComeBeforeTheWindowIsReadyWaitForIt() throws Exception {
        Path folder = dir.resolve("data");
        try (SingleInstance first = SingleInstance.claimOrHandOff(folder, SingleInstance.Message.of(), TIMEOUT)
                .orElseThrow()) {
            List<String> got = new ArrayList<>();
            Thread later = Thread.ofPlatform().start(() -> {
                try {
                    SingleInstance.claimOrHandOff(folder, new SingleInstance.Message(List.of("--screen", "scanner"),
                            "/"), TIMEOUT);
                } catch (IOException e) {
                    got.add("failed: " + e.getMessage());
                }
            });
            Thread.sleep(500);
            first.receiveWith(m -> got.add(String.join(" ", m.args())));
            later.join(TIMEOUT.toMillis());
            assertThat(got).containsExactly("--screen scanner");
        }
    }

    @Test
    void aHungOrRefusingConsoleIsReportedAndNoSecondOneStarts() throws Exception {
        Path folder = dir.resolve("data");
        CountDownLatch release = new CountDownLatch(1);
        try (SingleInstance first = SingleInstance.claimOrHandOff(folder, SingleInstance.Message.of(), TIMEOUT)
                .orElseThrow()) {
            first.receiveWith(m -> {
                if (m.args().contains("hang")) {
                    release.await();
                }
                throw new IllegalArgumentException("Unknown screen \"nope\"");
            });
            long start = System.nanoTime();
            assertThatThrownBy(() -> SingleInstance.claimOrHandOff(folder, SingleInstance.Message.of("hang"),
                    Duration.ofSeconds(2)))
                    .isInstanceOf(SingleInstance.NotAnswering.class)
                    .hasMessageStartingWith("A console is already running on " + folder + " but did not answer"
                            + " within 2 s")
                    .hasMessageContaining("a second console on the same data folder is not opened");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
            release.countDown();

            assertThatThrownBy(() -> SingleInstance.claimOrHandOff(folder, SingleInstance.Message.of("--screen",
                    "nope"), TIMEOUT))
                    .isInstanceOf(SingleInstance.NotAnswering.class)
                    .hasMessage("The console already running on " + folder + " refused the arguments: Unknown"
                            + " screen \"nope\"");
        }
    }

    @Test
    void aSecondProcessHandsOverAndAKilledFirstLeavesNothingThatBlocksTheNext() throws Exception {
        Path folder = dir.resolve("data");
        Process holder = child("hold", folder);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream()))) {
            assertThat(out.readLine()).as("child log: %s", log("hold")).isEqualTo("PRIMARY");
            assertThat(SingleInstance.claimOrHandOff(folder, new SingleInstance.Message(List.of("x.haproof"), "/tmp"),
                    TIMEOUT)).as("handed to the other process").isEmpty();
            assertThat(out.readLine()).isEqualTo("GOT x.haproof|/tmp");

            holder.destroyForcibly();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            holder.destroyForcibly();
        }
        assertThat(folder.resolve("console.sock")).as("a killed console leaves its socket behind").exists();

        try (SingleInstance next = SingleInstance.claimOrHandOff(folder, SingleInstance.Message.of(), TIMEOUT)
                .orElseThrow(() -> new AssertionError("the killed console still counts as running"))) {
            LinkedBlockingQueue<SingleInstance.Message> got = new LinkedBlockingQueue<>();
            next.receiveWith(got::add);
            Process sender = child("send", folder, "--screen", "proof-trails");
            try (BufferedReader out = new BufferedReader(new InputStreamReader(sender.getInputStream()))) {
                assertThat(out.readLine()).as("child log: %s", log("send")).isEqualTo("HANDED");
                assertThat(sender.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(sender.exitValue()).isZero();
            } finally {
                sender.destroyForcibly();
            }
            SingleInstance.Message m = got.poll(5, TimeUnit.SECONDS);
            assertThat(m).isNotNull();
            assertThat(m.args()).containsExactly("--screen", "proof-trails");
            assertThat(m.cwd()).isEqualTo(dir.toAbsolutePath().toString());
        }
    }

    @Test
    void aFolderWhosePathIsTooLongForASocketUsesTheTemporaryFolder() {
        Path deep = dir.resolve("a".repeat(60)).resolve("b".repeat(60));
        Path socket = SingleInstance.socketPath(deep);
        assertThat(socket.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
        assertThat(socket.toString().length()).isLessThanOrEqualTo(SingleInstance.MAX_SOCKET_PATH);
        assertThat(SingleInstance.socketPath(deep)).as("the same folder, the same socket").isEqualTo(socket);
        assertThat(SingleInstance.socketPath(deep.resolve("c"))).isNotEqualTo(socket);
    }

    private Process child(String mode, Path folder, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                SingleInstanceChild.class.getName(), mode, folder.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectError(dir.resolve(mode + ".log").toFile())
                .start();
    }

    private String log(String mode) throws IOException {
        Path log = dir.resolve(mode + ".log");
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
