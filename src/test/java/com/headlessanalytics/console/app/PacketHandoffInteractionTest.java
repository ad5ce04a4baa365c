package com.headlessanalytics.console.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.ProofTrails;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.ui.GovernanceFixtures;
import com.headlessanalytics.console.ui.ScreenRobot;
import com.headlessanalytics.console.ui.common.FxScheduler;
import com.headlessanalytics.console.ui.common.TestDialogs;
import com.headlessanalytics.console.ui.prooftrails.ProofTrailsViewModel;
import com.headlessanalytics.console.ui.shell.Area;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file manager opens a {@code .haproof} while the console runs: a real second launch
 * ({@code Main q3.haproof} in its own JVM, from another folder, with a relative path) hands the file
 * to the running console through {@link SingleInstance} and exits 0; the running console's window
 * comes to the front on the Proof trails screen's Verify tab with the verdict: VALID, then INVALID
 * for a tampered copy.
 */
class PacketHandoffInteractionTest {
    @TempDir
    Path dir;

    @Test
    void aSecondLaunchWithAPacketShowsItsVerdictInTheRunningConsole() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        byte[] packet = exportAPacket(dir.resolve("maker"));
        Files.write(inbox.resolve("q3 audit.haproof"), packet);
        Files.write(inbox.resolve("q3-tampered.haproof"),
                com.headlessanalytics.console.ui.prooftrails.ProofTrailsInteractionTestAccess.tamper(packet));

        Path folder = dir.resolve("data");
        TestDialogs dialogs = new TestDialogs();
        List<String> copied = new ArrayList<>();
        ConsoleComposition console = ScreenRobot.onFx(() -> new ConsoleComposition(folder, new FileSecretStore(folder),
                Platform::runLater, new FxScheduler(), notices -> dialogs, copied::add, Clock.systemUTC(),
                ZoneOffset.UTC));
        try (SingleInstance running = SingleInstance.claimOrHandOff(folder, SingleInstance.Message.of(),
                SingleInstance.HANDOFF_TIMEOUT).orElseThrow();
             ScreenRobot robot = ScreenRobot.show(console::shellView)) {
            running.receiveWith(ConsoleApp.receiver(robot.stage(), console::show));
            robot.read(() -> console.open(() -> { }));
            robot.waitUntil(() -> console.shell().selectedProperty().get() == Area.OVERVIEW, () -> "not opened; "
                    + dialogs.errors);

            Launch first = secondLaunch(folder, "inbox/q3 audit.haproof");
            assertThat(first.exit()).as(first.output()).isZero();
            assertThat(first.output()).contains("Handed over to the console already running on " + folder);
            ProofTrailsViewModel proof = console.viewModel(Area.PROOF_TRAILS, ProofTrailsViewModel.class);
            robot.waitUntil(() -> console.shell().selectedProperty().get() == Area.PROOF_TRAILS,
                    () -> "shows " + console.shell().selectedProperty().get());
            Label verdict = robot.find("#proof-verdict");
            robot.waitUntil(() -> "VALID".equals(verdict.getText()), () -> "verdict '" + verdict.getText() + "' "
                    + proof.verdictReasonProperty().get() + proof.verifyQuery().errorProperty().get());
            assertThat(robot.read(() -> robot.<TabPane>find(".tab-pane").getSelectionModel().getSelectedIndex()))
                    .as("the Verify tab").isEqualTo(2);
            assertThat(robot.read(() -> robot.<Label>find("#proof-verdict-file").getText()))
                    .startsWith(inbox.resolve("q3 audit.haproof").toString());
            assertThat(robot.read(() -> robot.stage().isIconified())).isFalse();
            robot.screenshot("interaction-handoff-valid");

            Launch second = secondLaunch(folder, inbox.resolve("q3-tampered.haproof").toString());
            assertThat(second.exit()).as(second.output()).isZero();
            robot.waitUntil(() -> "INVALID".equals(verdict.getText()), () -> "verdict '" + verdict.getText() + "' "
                    + proof.verdictReasonProperty().get());
            assertThat(robot.read(() -> robot.<Label>find("#proof-verdict-reason").getText()))
                    .contains("receipts.jsonl");
            robot.screenshot("interaction-handoff-invalid");
        } finally {
            console.close();
        }
    }

    /** A packet of the governance fixtures, exported by an engine in a folder of its own. */
    private static byte[] exportAPacket(Path folder) {
        try (Engine engine = Engine.open(folder)) {
            GovernanceFixtures.fill(engine);
            ProofTrails.ExportResult exported = engine.defaultWorkspace().exportProofTrail(
                    new ProofTrails.ExportRequest("Q3 audit", null, null, null, null, null, null, false));
            return engine.defaultWorkspace().proofPacket(exported.proofId());
        }
    }

    private record Launch(int exit, String output) {
    }

    /** {@code Main FILE} in a JVM of its own, run in {@link #dir} on the same data folder, as a file manager starts it. */
    private Launch secondLaunch(Path folder, String file) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path out = Files.createTempFile(dir, "launch", ".log");
        Process p = new ProcessBuilder(java, "-Dha.data.dir=" + folder, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), file).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the second launch did not end: " + Files.readString(out));
        }
        return new Launch(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }
}
