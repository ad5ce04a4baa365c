package com.headlessanalytics.console.ui.prooftrails;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.ProofTrails;
import com.headlessanalytics.console.app.ConsoleComposition;
import com.headlessanalytics.console.ui.EngineScreenTest;
import com.headlessanalytics.console.ui.GovernanceFixtures;
import com.headlessanalytics.console.ui.ScreenRobot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.cell.CheckBoxListCell;
import org.junit.jupiter.api.Test;

/**
 * Proof trails in a real window over a real engine with an approved and enforced decision: choose
 * that decision, preview the counts, export with a push asked for (none is configured, and the screen
 * says so), save the packet with Save packet…, open it in Verify and read VALID signed by the
 * workspace's key; then a copy with one byte of a receipt changed reads INVALID, with the verifier's
 * reason naming the file.
 */
class ProofTrailsInteractionTest extends EngineScreenTest {

    @Test
    void exportsSavesAndVerifiesAPacketAndATamperedCopyIsInvalid() throws Exception {
        GovernanceFixtures.Made made = GovernanceFixtures.fill(engine);
        ProofTrailsViewModel model = ScreenRobot.onFx(() -> new ProofTrailsViewModel(engine::defaultWorkspace, tasks,
                dialogs, ConsoleComposition::verifyPacket, Clock.systemUTC(), ZoneOffset.UTC));
        try (ScreenRobot robot = ScreenRobot.show(() -> new ProofTrailsView(model))) {
            robot.read(() -> {
                model.activate();
                return null;
            });
            robot.waitUntil(() -> model.loadedProperty().get(), () -> "not read; " + model.query().errorProperty()
                    .get());

            robot.clickOn("#proof-title").write("Q3 ads spend for the SOC 2 audit");
            robot.choose("#proof-scope", "Chosen decisions");
            ListView<ProofExportBuilder.Choice> choices = robot.find("#proof-choices");
            robot.waitUntil(() -> choices.getItems().size() == 3, () -> "choices " + choices.getItems());
            assertThat(robot.read(() -> robot.<Label>find("#proof-selection-problem").getText()))
                    .isEqualTo("Tick at least one decision");
            int index = robot.read(() -> choices.getItems().stream().map(ProofExportBuilder.Choice::id).toList()
                    .indexOf(made.released().id()));
            robot.clickOn(checkBox(robot, choices, index));
            robot.waitUntil(() -> model.builder().selectionOkProperty().get(), () -> "not ticked");

            robot.clickOn("#proof-preview");
            Label preview = robot.find("#proof-preview-text");
            robot.waitUntil(() -> !preview.getText().isEmpty(), () -> "no counts; "
                    + model.builder().previewQuery().errorProperty().get());
            ProofTrails.Counts counts = engine.defaultWorkspace().previewProofTrail(model.builder().request()).counts();
            assertThat(counts.receipts()).as("the released decision's allow receipt").isEqualTo(1);
            assertThat(robot.read(preview::getText)).isEqualTo("The packet would hold "
                    + ProofExportBuilder.counts(counts) + ".");

            robot.clickOn("#proof-push");
            robot.clickOn("#proof-export");
            Label exported = robot.find("#proof-export-text");
            robot.waitUntil(() -> !exported.getText().isEmpty(), () -> "not exported; "
                    + model.builder().exportErrorProperty().get());
            assertThat(robot.read(() -> robot.<Label>find("#proof-push-text").getText()))
                    .isEqualTo("Not pushed: no SovereignProof endpoint is configured. Set one under Exported ›"
                            + " Push to SovereignProof.");
            robot.screenshot("interaction-prooftrails-export");

            robot.clickOn("#proof-tab-trails");
            TableView<ProofTrailsViewModel.TrailRow> trails = robot.find("#proof-trails");
            robot.waitUntil(() -> trails.getItems().size() == 1 && model.selectedProperty().get() != null,
                    () -> "trails " + trails.getItems());
            ProofTrails.Trail trail = engine.defaultWorkspace().proofTrails().trails().get(0);
            assertThat(robot.read(() -> trails.getItems().get(0).push())).isEqualTo("not configured");
            assertThat(robot.read(() -> trails.getItems().get(0).merkleRoot()))
                    .isEqualTo(trail.merkleRoot().substring(0, 16) + "…");
            Path packet = dir.resolve("q3.haproof");
            dialogs.saveFile = packet;
            robot.screenshot("interaction-prooftrails-exported");
            robot.clickOn("#proof-save");
            robot.waitUntil(() -> Files.exists(packet), () -> "not saved; " + dialogs.errors);
            robot.waitUntil(() -> dialogs.notices.stream().anyMatch(n -> n.startsWith("Saved packet")),
                    () -> "notices " + dialogs.notices);
            assertThat(Files.readAllBytes(packet)).isEqualTo(engine.defaultWorkspace().proofPacket(trail.proofId()));
            robot.screenshot("interaction-prooftrails-exported");

            robot.clickOn("#proof-tab-verify");
            dialogs.openFile = packet;
            robot.clickOn("#proof-verify");
            Label verdict = robot.find("#proof-verdict");
            robot.waitUntil(() -> "VALID".equals(verdict.getText()), () -> "verdict '" + verdict.getText() + "' "
                    + model.verdictReasonProperty().get());
            String keyId = engine.defaultWorkspace().publicKey().keyId();
            assertThat(robot.read(() -> robot.<Label>find("#proof-verdict-signer").getText()))
                    .isEqualTo("Signed by key " + keyId + " (this workspace's key)");
            assertThat(robot.read(() -> robot.<Label>find("#proof-verdict-meaning").getText()))
                    .startsWith("Nothing in this packet changed since it was signed");
            robot.screenshot("interaction-prooftrails-valid");

            Path tampered = dir.resolve("q3-tampered.haproof");
            Files.write(tampered, flipOneByteOfAReceipt(Files.readAllBytes(packet)));
            dialogs.openFile = tampered;
            robot.clickOn("#proof-verify");
            robot.waitUntil(() -> "INVALID".equals(verdict.getText()), () -> "verdict '" + verdict.getText() + "' "
                    + model.verdictReasonProperty().get());
            String reason = robot.read(() -> robot.<Label>find("#proof-verdict-reason").getText());
            assertThat(reason).contains("receipts.jsonl");
            assertThat(robot.read(() -> robot.<Label>find("#proof-verdict-meaning").getText()))
                    .startsWith("Do not rely on this packet");
            assertThat(robot.read(() -> robot.<Label>find("#proof-verdict-file").getText()))
                    .startsWith(tampered.toString());
            robot.screenshot("interaction-prooftrails-invalid");
        }
    }

    /** The packet with one byte of receipts.jsonl changed: the allow receipt's outcome reads "allox". */
    static byte[] flipOneByteOfAReceipt(byte[] zip) {
        int receipts = indexOf(zip, "receipts.jsonl".getBytes(StandardCharsets.UTF_8), 0);
        byte[] marker = "\"outcome\":\"allow\"".getBytes(StandardCharsets.UTF_8);
        int at = indexOf(zip, marker, receipts);
        if (receipts < 0 || at < 0) {
            throw new AssertionError("no allow receipt stored uncompressed in receipts.jsonl");
        }
        byte[] copy = zip.clone();
        copy[at + marker.length - 2] = 'x';
        return copy;
    }

    private static int indexOf(byte[] bytes, byte[] what, int from) {
        for (int i = Math.max(0, from); i + what.length <= bytes.length; i++) {
            int j = 0;
            while (j < what.length && bytes[i + j] == what[j]) {
                j++;
            }
            if (j == what.length) {
                return i;
            }
        }
        return -1;
    }

    private static Node checkBox(ScreenRobot robot, ListView<?> list, int index) {
        robot.waitUntil(() -> robot.from(list).lookup(".check-box").match(n -> n.getParent() instanceof
                CheckBoxListCell<?> c && c.getIndex() == index).tryQuery().isPresent(), () -> "no check box " + index);
        return robot.from(list).lookup(".check-box").match(n -> n.getParent() instanceof CheckBoxListCell<?> c
                && c.getIndex() == index).query();
    }
}
