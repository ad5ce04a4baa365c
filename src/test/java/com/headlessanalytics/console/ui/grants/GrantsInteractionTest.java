package com.headlessanalytics.console.ui.grants;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.app.ConsoleComposition;
import com.headlessanalytics.console.ui.EngineScreenTest;
import com.headlessanalytics.console.ui.GovernanceFixtures;
import com.headlessanalytics.console.ui.ScreenRobot;
import com.headlessanalytics.console.ui.common.DialogService;
import com.headlessanalytics.console.ui.common.FxDialogService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;

/**
 * Grants & contracts in a real window over a real engine with a released, a denied and an escrowed
 * decision: the budgets show what the allow spent; a contract is created through the real form
 * dialog (a wrong currency is refused at its field first), a grant under it through its form, and the
 * agent's grant revoked after the reason and the confirmation.
 */
class GrantsInteractionTest extends EngineScreenTest {

    /** Forms in real dialogs over the window; questions and confirmations answered by the test. */
    final class FormsInWindows implements DialogService {
        Window owner;
        private FxDialogService forms;

        @Override
        public void showForm(Object formModel) {
            if (forms == null) {
                forms = ConsoleComposition.registerForms(new FxDialogService(owner, dialogs::notify));
            }
            forms.showForm(formModel);
        }

        @Override
        public void showError(String title, Throwable error) {
            dialogs.showError(title, error);
        }

        @Override
        public void showInformation(String title, String message) {
            dialogs.showInformation(title, message);
        }

        @Override
        public boolean confirm(String title, String message, String confirmLabel) {
            return dialogs.confirm(title, message, confirmLabel);
        }

        @Override
        public boolean confirmTyped(String title, String message, String phrase, String confirmLabel) {
            return dialogs.confirmTyped(title, message, phrase, confirmLabel);
        }

        @Override
        public Optional<String> askText(String title, String message, String initial) {
            return dialogs.askText(title, message, initial);
        }

        @Override
        public Optional<Path> chooseSaveFile(String title, String suggestedName, FileType type) {
            return dialogs.chooseSaveFile(title, suggestedName, type);
        }

        @Override
        public Optional<Path> chooseOpenFile(String title, FileType... types) {
            return dialogs.chooseOpenFile(title, types);
        }

        @Override
        public Optional<Path> chooseFolder(String title, Path initial) {
            return dialogs.chooseFolder(title, initial);
        }

        @Override
        public void notify(String message) {
            dialogs.notify(message);
        }
    }

    @Test
    void showsBudgetsCreatesAContractAndAGrantInTheirFormsAndRevokesAGrant() {
        GovernanceFixtures.Made made = GovernanceFixtures.fill(engine);
        assertThat(made.allow().outcome()).as("%s", made.allow().checks()).isEqualTo("allow");
        assertThat(made.deny().outcome()).isEqualTo("deny");
        assertThat(made.escrow().outcome()).isEqualTo("escrow");
        FormsInWindows windows = new FormsInWindows();
        GrantsViewModel model = ScreenRobot.onFx(() -> new GrantsViewModel(engine::defaultWorkspace, tasks, windows,
                Clock.systemUTC(), ZoneOffset.UTC));
        try (ScreenRobot robot = ScreenRobot.show(() -> new GrantsView(model))) {
            windows.owner = robot.stage();
            robot.read(() -> {
                model.activate();
                return null;
            });
            TableView<GrantsViewModel.ContractRow> contracts = robot.find("#grants-contracts");
            TableView<GrantsViewModel.GrantRow> grants = robot.find("#grants-grants");
            robot.waitUntil(() -> contracts.getItems().size() == 1 && grants.getItems().size() == 1,
                    () -> "contracts " + contracts.getItems() + " error " + model.query().errorProperty().get());
            assertThat(robot.read(() -> contracts.getItems().get(0).budget().text()))
                    .as("only the released action spends").isEqualTo("450.00 of 2,000.00 EUR spent · 1,550.00 left");
            assertThat(robot.read(() -> grants.getItems().get(0).budget().text()))
                    .isEqualTo("450.00 of 1,500.00 EUR spent · 1,050.00 left");
            robot.waitUntil(() -> contracts.lookupAll(".table-cell").stream()
                    .anyMatch(n -> "Ads spend Q3".equals(((Labeled) n).getText())),
                    () -> "the contract's row is not drawn: " + cellTexts(robot, contracts));
            assertThat(cellTexts(robot, contracts)).contains("Ads spend Q3", "ads on default", "500.00 EUR",
                    "450.00 / 2,000.00 EUR", "Active");

            robot.clickOn(row(robot, contracts, 0));
            robot.waitUntil(() -> "Contract Ads spend Q3".equals(model.detailTitleProperty().get()),
                    () -> "detail " + model.detailTitleProperty().get());
            assertThat(robot.read(() -> detailText(robot))).contains("Grants", "1 (1 active)", "soc2", "T2");

            robot.clickOn("#grants-new-contract");
            robot.waitUntil(() -> robot.lookup("#contract-name").tryQuery().isPresent(), () -> "no contract form");
            type(robot, "#contract-name", "Refunds");
            type(robot, "#contract-surface", "payments");
            type(robot, "#contract-actions", "payments.refund");
            type(robot, "#contract-per-action", "200");
            type(robot, "#contract-cumulative", "5000");
            type(robot, "#contract-currency", "eu");
            Button create = robot.lookup("#contract-create").query();
            assertThat(create.isDisabled()).as("a wrong currency blocks Create").isTrue();
            assertThat(robot.read(() -> robot.lookup(".label").match(n -> n instanceof Label l
                    && l.isVisible() && l.getText().startsWith("The currency must be a 3-letter")).tryQuery()
                    .isPresent())).as("the problem is shown under the field").isTrue();
            robot.screenshot("interaction-grants-contract-form",
                    robot.read(() -> ((Node) robot.lookup("#contract-name").query()).getScene()));
            type(robot, "#contract-currency", "EUR");
            robot.waitUntil(() -> !create.isDisabled(), () -> "Create still disabled");
            robot.clickOn(create);
            robot.waitUntil(() -> contracts.getItems().size() == 2, () -> "contracts " + contracts.getItems());
            assertThat(robot.lookup("#contract-name").tryQuery()).as("the form closed").isEmpty();
            assertThat(robot.read(() -> contracts.getItems().get(0).name())).isEqualTo("Refunds");

            robot.clickOn(row(robot, contracts, 0));
            robot.clickOn("#grants-new-grant");
            robot.waitUntil(() -> robot.lookup("#grant-grantee").tryQuery().isPresent(), () -> "no grant form");
            assertThat(robot.read(() -> ((TextField) robot.lookup("#grant-actions").query()).getText()))
                    .as("the selected contract's actions").isEqualTo("payments.refund");
            type(robot, "#grant-grantee", "key_refund_bot");
            type(robot, "#grant-amount", "750");
            robot.screenshot("interaction-grants-grant-form",
                    robot.read(() -> ((Node) robot.lookup("#grant-grantee").query()).getScene()));
            robot.clickOn("#grant-create");
            robot.waitUntil(() -> grants.getItems().size() == 2, () -> "grants " + grants.getItems());
            assertThat(engine.defaultWorkspace().grants().grants()).extracting(Governance.Grant::grantee)
                    .containsExactly("key_refund_bot", GovernanceFixtures.AGENT);

            robot.clickOn(row(robot, grants, 1));
            robot.waitUntil(() -> model.revokeCommand().isExecutable(), () -> "revoke not offered");
            assertThat(robot.read(() -> ((Button) robot.find("#grants-revoke")).getText())).isEqualTo("Revoke grant");
            robot.screenshot("interaction-grants");
            dialogs.textAnswers.add("Agent paused after the Q3 review");
            robot.clickOn("#grants-revoke");
            robot.waitUntil(() -> grants.getItems().get(1).status() == Validity.Status.REVOKED,
                    () -> "grant " + grants.getItems().get(1) + " errors " + dialogs.errors);
            assertThat(dialogs.confirmations).containsExactly("Revoke the grant to key_agent?");
            Governance.Grant revoked = engine.defaultWorkspace().grants().grants().get(1);
            assertThat(revoked.id()).isEqualTo(made.grant().id());
            assertThat(revoked.revokeReason()).isEqualTo("Agent paused after the Q3 review");
            assertThat(robot.read(() -> detailText(robot))).contains("Agent paused after the Q3 review");
            assertThat(robot.<Button>find("#grants-revoke").isDisabled()).as("revoked once").isTrue();
            robot.screenshot("interaction-grants-revoked");
        }
    }

    private static void type(ScreenRobot robot, String query, String text) {
        TextField field = robot.lookup(query).query();
        robot.clickOn(field);
        ScreenRobot.onFx(() -> {
            field.clear();
            return null;
        });
        robot.write(text);
        robot.type(KeyCode.TAB);
    }

    private static Node row(ScreenRobot robot, TableView<?> table, int index) {
        robot.waitUntil(() -> robot.from(table).lookup(".table-row-cell").match(n -> n instanceof TableRow<?> r
                && r.getIndex() == index && r.getItem() != null).tryQuery().isPresent(), () -> "no row " + index);
        return robot.from(table).lookup(".table-row-cell").match(n -> n instanceof TableRow<?> r
                && r.getIndex() == index && r.getItem() != null).query();
    }

    private static String cellTexts(ScreenRobot robot, TableView<?> table) {
        return robot.read(() -> String.join(" | ", robot.from(table).lookup(".label").queryAll().stream()
                .filter(n -> n instanceof Label l && l.isVisible() && l.getText() != null)
                .map(n -> ((Label) n).getText()).toList()) + " | " + String.join(" | ", robot.from(table)
                .lookup(".table-cell").queryAll().stream().map(n -> ((Labeled) n).getText())
                .filter(t -> t != null).toList()));
    }

    private static String detailText(ScreenRobot robot) {
        GridPane grid = robot.find("#grants-detail");
        return String.join(" | ", grid.getChildren().stream().map(n -> ((Label) n).getText()).toList());
    }
}
