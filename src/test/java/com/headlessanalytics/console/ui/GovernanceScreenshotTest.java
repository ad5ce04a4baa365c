package com.headlessanalytics.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.ProofTrails;
import com.headlessanalytics.console.app.ConsoleComposition;
import com.headlessanalytics.console.ui.approvals.ApprovalsView;
import com.headlessanalytics.console.ui.approvals.ApprovalsViewModel;
import com.headlessanalytics.console.ui.common.ManualScheduler;
import com.headlessanalytics.console.ui.common.OperatorProfile;
import com.headlessanalytics.console.ui.grants.GrantsView;
import com.headlessanalytics.console.ui.grants.GrantsViewModel;
import com.headlessanalytics.console.ui.prooftrails.PacketVerification;
import com.headlessanalytics.console.ui.prooftrails.ProofTrailsView;
import com.headlessanalytics.console.ui.prooftrails.ProofTrailsViewModel;
import com.headlessanalytics.console.ui.receipts.ReceiptsView;
import com.headlessanalytics.console.ui.receipts.ReceiptsViewModel;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Grants & contracts, Approvals, Receipts and Proof trails with data, light and dark, for a person to
 * look at (target/screenshots/governance-*.png): a grant selected with its budget, an escrowed decision
 * in detail, a denied receipt with its failed check, and an INVALID packet verdict.
 */
class GovernanceScreenshotTest extends EngineScreenTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void rendersTheGovernanceScreensWithData(boolean dark) throws Exception {
        GovernanceFixtures.Made made = GovernanceFixtures.fill(engine);
        String theme = dark ? "dark" : "light";

        GrantsViewModel grants = ScreenRobot.onFx(() -> new GrantsViewModel(engine::defaultWorkspace, tasks, dialogs,
                Clock.systemUTC(), ZoneOffset.UTC));
        try (ScreenRobot robot = ScreenRobot.show(() -> new GrantsView(grants), dark)) {
            robot.read(() -> {
                grants.activate();
                return null;
            });
            robot.waitUntil(() -> grants.grants().size() == 1, () -> "grants " + grants.grants());
            robot.read(() -> {
                grants.selectedProperty().set(grants.grants().get(0));
                return null;
            });
            robot.screenshot("governance-grants-" + theme);
        }

        ApprovalsViewModel approvals = ScreenRobot.onFx(() -> new ApprovalsViewModel(engine::defaultWorkspace, tasks,
                new ManualScheduler(), Clock.systemUTC(), ZoneOffset.UTC, dialogs,
                new OperatorProfile("ana", new BigDecimal("1000"))));
        try (ScreenRobot robot = ScreenRobot.show(() -> new ApprovalsView(approvals), dark)) {
            robot.read(() -> {
                approvals.activate();
                approvals.show(made.held().id());
                return null;
            });
            robot.waitUntil(() -> approvals.detailProperty().get() != null, () -> "no detail for the held decision");
            robot.screenshot("governance-approvals-" + theme);
        }

        ReceiptsViewModel receipts = ScreenRobot.onFx(() -> new ReceiptsViewModel(engine::defaultWorkspace, tasks,
                dialogs, Clock.systemUTC(), ZoneOffset.UTC, text -> { }));
        try (ScreenRobot robot = ScreenRobot.show(() -> new ReceiptsView(receipts), dark)) {
            robot.read(() -> {
                receipts.activate();
                return null;
            });
            robot.waitUntil(() -> receipts.rows().size() == 3, () -> "receipts " + receipts.rows());
            robot.read(() -> {
                receipts.selectedProperty().set(receipts.rows().stream()
                        .filter(r -> r.receipt().id().equals(made.deny().id())).findFirst().orElseThrow());
                return null;
            });
            robot.screenshot("governance-receipts-" + theme);
        }

        ProofTrails.ExportResult export = engine.defaultWorkspace().exportProofTrail(new ProofTrails.ExportRequest(
                "Q3 ads spend", null, List.of(made.released().id()), null, null, null, null, null));
        Path packet = dir.resolve("q3.haproof");
        Files.write(packet, engine.defaultWorkspace().proofPacket(export.proofId()));
        byte[] bytes = Files.readAllBytes(packet);
        bytes[bytes.length / 2] ^= 0x01;
        Path tampered = dir.resolve("q3-tampered.haproof");
        Files.write(tampered, bytes);
        ProofTrailsViewModel proofs = ScreenRobot.onFx(() -> new ProofTrailsViewModel(engine::defaultWorkspace, tasks,
                dialogs, ConsoleComposition::verifyPacket, Clock.systemUTC(), ZoneOffset.UTC));
        ProofTrailsView[] view = new ProofTrailsView[1];
        try (ScreenRobot robot = ScreenRobot.show(() -> view[0] = new ProofTrailsView(proofs), dark)) {
            robot.read(() -> {
                proofs.activate();
                view[0].showTab(1);
                return null;
            });
            robot.waitUntil(() -> proofs.trails().size() == 1, () -> "trails " + proofs.trails());
            robot.read(() -> {
                proofs.selectedProperty().set(proofs.trails().get(0));
                return null;
            });
            robot.screenshot("governance-prooftrails-" + theme);
            robot.read(() -> {
                view[0].showTab(2);
                proofs.verify(tampered);
                return null;
            });
            robot.waitUntil(() -> proofs.verdictProperty().get() != null, () -> "no verdict");
            assertThat(robot.read(() -> proofs.verdictProperty().get()))
                    .as("one flipped byte: %s", proofs.verdictReasonProperty().get())
                    .isEqualTo(PacketVerification.Outcome.INVALID);
            robot.screenshot("governance-verify-invalid-" + theme);
        }
    }
}
