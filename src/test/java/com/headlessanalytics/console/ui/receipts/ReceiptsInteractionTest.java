package com.headlessanalytics.console.ui.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.ui.EngineScreenTest;
import com.headlessanalytics.console.ui.GovernanceFixtures;
import com.headlessanalytics.console.ui.ScreenRobot;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

/**
 * Receipts in a real window over a real engine with an allow, a deny and an escrow: the chain
 * banner says intact with the record count, the list is newest first, a decision filter typed and
 * applied with Enter leaves its one receipt, whose failed check (the changed amount) is shown; Copy
 * JSON copies it; Clear lists all again.
 */
class ReceiptsInteractionTest extends EngineScreenTest {

    @Test
    void readsTheChainFiltersByDecisionShowsEveryCheckAndCopiesJson() {
        GovernanceFixtures.Made made = GovernanceFixtures.fill(engine);
        List<String> copied = new CopyOnWriteArrayList<>();
        ReceiptsViewModel model = ScreenRobot.onFx(() -> new ReceiptsViewModel(engine::defaultWorkspace, tasks,
                dialogs, Clock.systemUTC(), ZoneOffset.UTC, copied::add));
        try (ScreenRobot robot = ScreenRobot.show(() -> new ReceiptsView(model))) {
            robot.read(() -> {
                model.activate();
                return null;
            });
            TableView<ReceiptsViewModel.ReceiptRow> table = robot.find("#receipts-table");
            robot.waitUntil(() -> table.getItems().size() == 3, () -> "rows " + table.getItems() + " error "
                    + model.query().errorProperty().get());
            assertThat(robot.read(() -> table.getItems().stream().map(ReceiptsViewModel.ReceiptRow::outcomeText)
                    .toList())).as("newest first").containsExactly("escrow", "deny", "allow");
            Governance.ChainStatus chain = engine.defaultWorkspace().receipts(null, null).chain();
            assertThat(chain.intact()).isTrue();
            assertThat(robot.read(() -> model.chainTextProperty().get())).startsWith("Hash chain intact: "
                    + chain.records() + " records").endsWith("head " + chain.head().substring(0, 12) + "…");
            // the outcome badges are built by the table's cells, at the layout pulse after the rows arrive
            robot.waitUntil(() -> visibleLabels(robot).containsAll(List.of("Chain intact", "escrow", "deny", "allow")),
                    () -> "the chain banner and the outcome badges are not all drawn: "
                            + robot.read(() -> visibleLabels(robot)));
            assertThat(robot.read(() -> visibleLabels(robot))).contains("Chain intact", "escrow", "deny", "allow");
            assertThat(robot.read(() -> robot.<Label>find("#receipts-summary").getText()))
                    .isEqualTo("3 receipts · 1 allow, 1 deny, 1 escrow");

            robot.clickOn("#receipts-decision").write(made.changed().id()).type(KeyCode.ENTER);
            robot.waitUntil(() -> table.getItems().size() == 1, () -> "filtered rows " + table.getItems());
            robot.clickOn(row(robot, table));
            robot.waitUntil(() -> !model.checks().isEmpty(), () -> "no checks shown");
            assertThat(robot.read(() -> robot.<Label>find("#receipts-selected").getText()))
                    .isEqualTo("Receipt " + made.deny().id() + " · deny");
            assertThat(robot.read(() -> model.checks().stream().filter(c -> !c.passed())
                    .map(ReceiptsViewModel.CheckRow::name).toList())).containsExactly("action_digest");
            assertThat(robot.read(() -> robot.<Label>find("#receipts-checks-summary").getText()))
                    .isEqualTo("1 of " + made.deny().checks().size() + " checks failed");
            assertThat(robot.read(() -> visibleLabels(robot))).contains("failed", "Record hash",
                    made.deny().recordHash(), made.deny().prevHash(), "Place in the hash chain");
            robot.screenshot("interaction-receipts");

            robot.clickOn("#receipts-copy");
            robot.waitUntil(() -> copied.size() == 1, () -> "nothing copied");
            Map<?, ?> json = (Map<?, ?>) ApiJson.read(copied.get(0));
            assertThat(json.get("id")).isEqualTo(made.deny().id());
            assertThat(json.get("recordHash")).isEqualTo(made.deny().recordHash());

            robot.clickOn("#receipts-clear");
            robot.waitUntil(() -> table.getItems().size() == 3, () -> "rows after Clear " + table.getItems());
            assertThat(robot.read(() -> model.selectedProperty().get().receipt().id())).as("still selected")
                    .isEqualTo(made.deny().id());
        }
    }

    private static Node row(ScreenRobot robot, TableView<?> table) {
        robot.waitUntil(() -> robot.from(table).lookup(".table-row-cell").match(n -> n instanceof TableRow<?> r
                && r.getItem() != null).tryQuery().isPresent(), () -> "no row");
        return robot.from(table).lookup(".table-row-cell").match(n -> n instanceof TableRow<?> r
                && r.getItem() != null).query();
    }

    private static List<String> visibleLabels(ScreenRobot robot) {
        return robot.lookup(".label").match(n -> n.isVisible() && n.getScene() == robot.stage().getScene())
                .queryAll().stream().map(n -> ((Label) n).getText()).filter(t -> t != null).toList();
    }
}
