package com.headlessanalytics.console.ui.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.NextAction;
import com.headlessanalytics.console.app.ConsoleComposition;
import com.headlessanalytics.console.ui.EngineScreenTest;
import com.headlessanalytics.console.ui.ScreenRobot;
import com.headlessanalytics.console.ui.common.FxDialogService;
import com.headlessanalytics.console.ui.common.ManualScheduler;
import com.headlessanalytics.console.ui.common.OperatorProfile;
import com.headlessanalytics.console.ui.overview.ProposeDecisionViewModel;
import com.headlessanalytics.console.ui.shell.Area;
import com.headlessanalytics.console.ui.shell.ShellView;
import com.headlessanalytics.console.ui.shell.ShellViewModel;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Approvals in a real window over a real engine, with the app's real dialogs: an agent's decision
 * above the threshold is approved by typing its amount (and becomes approved in the engine); the
 * operator's own proposal cannot be approved (the button says why), and a second operator can.
 */
class ApprovalsInteractionTest extends EngineScreenTest {
    static final String ANA = "operator:ana";
    static final String BOB = "operator:bob";
    static final String AGENT = "key_agent_planner";

    HeadlessApi ana;
    Governance.Decision agents;
    Governance.Decision anas;

    @BeforeEach
    void decisions() {
        ana = engine.defaultWorkspace(ANA);
        HeadlessApi admin = engine.defaultWorkspace("operator:admin");
        Governance.Contract contract = admin.createContract(new Governance.NewContract("Ads spring", null, "ads",
                List.of("budget.reallocate"), eur("5000"), eur("20000"), "T2", List.of("soc2"), null, null));
        Governance.Grant grant = admin.createGrant(new Governance.NewGrant(AGENT, List.of("budget.reallocate"),
                eur("10000"), null, null, contract.id()));
        agents = engine.defaultWorkspace(AGENT).proposeDecision(new Governance.NewDecision(action("2500.00"),
                grant.id(), contract.id(), null, List.of(Map.of("type", "metric_snapshot", "ref", "roas-w47",
                "trustTier", "T3")), "T3", "tr_spring_1", null, null, null));
        anas = ana.proposeDecision(new Governance.NewDecision(action("300"), grant.id(), contract.id(), null, null,
                "T3", null, null, null, null));
    }

    static Governance.Money eur(String amount) {
        return new Governance.Money(new BigDecimal(amount), "EUR");
    }

    static ObjectNode action(String amount) {
        ObjectNode a = ApiJson.mapper().createObjectNode();
        a.put("action", "budget.reallocate");
        a.put("amount", amount);
        a.put("currency", "EUR");
        a.put("surface", "ads");
        a.put("fromCampaign", "brand-search");
        a.put("toCampaign", "spring-launch");
        return a;
    }

    @Test
    void anAgentsDecisionIsApprovedByTypingItsAmountAndOnesOwnNeedsASecondOperator() {
        AtomicReference<HeadlessApi> port = new AtomicReference<>(ana);
        FxDialogService dialogs = new FxDialogService(null, notice -> { });
        ApprovalsViewModel model = ScreenRobot.onFx(() -> new ApprovalsViewModel(port::get, tasks,
                new ManualScheduler(), Clock.systemUTC(), ZoneOffset.UTC, dialogs,
                new OperatorProfile("ana", new BigDecimal("1000"))));
        try (ScreenRobot robot = ScreenRobot.show(() -> new ApprovalsView(model))) {
            robot.read(() -> {
                model.activate();
                return null;
            });
            TableView<DecisionRow> table = robot.find("#approvals-table");
            robot.waitUntil(() -> table.getItems().size() == 1, () -> "to review: " + table.getItems() + " "
                    + model.query().errorProperty().get());
            assertThat(robot.read(() -> robot.<Label>find("#approvals-who").getText())).isEqualTo("You act as " + ANA);

            clickRow(robot, table, agents.id());
            robot.waitUntil(() -> model.detailProperty().get() != null, () -> "no detail");
            assertThat(robot.read(() -> robot.<Label>find("#approvals-detail-heading").getText()))
                    .isEqualTo("budget.reallocate · 2,500.00 EUR");
            assertThat(robot.read(() -> robot.<Label>find("#approvals-ai-notice").getText()))
                    .startsWith("AI-proposed: " + AGENT);
            assertThat(robot.read(() -> robot.<TextField>find("#approvals-digest").getText()))
                    .isEqualTo(agents.actionDigest());
            assertThat(robot.read(() -> robot.<javafx.scene.control.TextArea>find("#approvals-action-json").getText()))
                    .contains("\"amount\" : \"2500.00\"", "\"toCampaign\" : \"spring-launch\"");
            assertThat(robot.read(() -> robot.<Button>find("#approvals-approve").isDisabled())).isFalse();
            robot.screenshot("approvals-queue-detail");

            robot.clickOn("#approvals-approve");
            Window reason = dialog(robot, "Approve budget.reallocate 2,500.00 EUR?");
            robot.clickOn(robot.read(() -> field(reason)));
            robot.write("Within the spring plan; ROAS of the target is higher");
            robot.type(KeyCode.ENTER);
            Window typed = dialog(robot, "Approve 2,500.00 EUR?");
            robot.clickOn(robot.read(() -> field(typed)));
            robot.write("2,500");
            Button approve = robot.read(() -> button(typed, "Approve"));
            assertThat(robot.read(approve::isDisabled)).as("not the amount yet").isTrue();
            robot.write(".00");
            robot.waitUntil(() -> !approve.isDisabled(), () -> "the typed amount does not enable Approve");
            robot.screenshot("approvals-typed-amount", typed.getScene());
            robot.clickOn(approve);
            robot.waitUntil(() -> model.query().statusProperty().get().startsWith("Approved"),
                    () -> "status " + model.query().statusProperty().get() + " error "
                            + model.query().errorProperty().get());
            assertThat(reason.isShowing()).isFalse();
            Governance.Decision approved = ana.decision(agents.id());
            assertThat(approved.state()).isEqualTo("approved");
            assertThat(approved.approvals()).singleElement().satisfies(a -> {
                assertThat(a.approver()).isEqualTo(ANA);
                assertThat(a.reason()).isEqualTo("Within the spring plan; ROAS of the target is higher");
                assertThat(a.actionDigest()).isEqualTo(agents.actionDigest());
            });
            robot.waitUntil(() -> "approved".equals(robot.<Label>find("#approvals-detail-state").getText()),
                    () -> "detail state " + robot.<Label>find("#approvals-detail-state").getText());
            robot.screenshot("approvals-approved");
            robot.read(() -> {
                robot.<javafx.scene.control.ScrollPane>find("#approvals-detail-scroll").setVvalue(1);
                return null;
            });
            robot.screenshot("approvals-approved-history");

            robot.clickOn("#approvals-view-mine");
            robot.waitUntil(() -> table.getItems().size() == 1 && table.getItems().get(0).id().equals(anas.id()),
                    () -> "mine: " + table.getItems());
            clickRow(robot, table, anas.id());
            robot.waitUntil(() -> model.detailProperty().get() != null
                    && model.detailProperty().get().id().equals(anas.id()), () -> "no detail of my own decision");
            assertThat(robot.read(() -> robot.<Button>find("#approvals-approve").isDisabled()))
                    .as("nobody approves their own proposal").isTrue();
            assertThat(robot.read(() -> robot.<Label>find("#approvals-approve-hint").getText()))
                    .isEqualTo("You proposed this decision, so another person must approve it: nobody approves their"
                            + " own proposal (two-person rule).");
            robot.screenshot("approvals-own-decision");

            port.set(engine.defaultWorkspace(BOB));
            robot.read(() -> {
                model.restartWatching();
                return null;
            });
            robot.clickOn("#approvals-view-to-review");
            robot.waitUntil(() -> table.getItems().size() == 1 && table.getItems().get(0).id().equals(anas.id()),
                    () -> "bob's review: " + table.getItems());
            clickRow(robot, table, anas.id());
            robot.waitUntil(() -> !robot.<Button>find("#approvals-approve").isDisabled(),
                    () -> "bob cannot approve: " + model.approveBlockedProperty().get());
            robot.clickOn("#approvals-approve");
            Window second = dialog(robot, "Approve budget.reallocate 300.00 EUR?");
            robot.clickOn(robot.read(() -> field(second)));
            robot.write("Second pair of eyes: fine");
            robot.type(KeyCode.ENTER);
            robot.waitUntil(() -> model.query().statusProperty().get().startsWith("Approved"),
                    () -> "status " + model.query().statusProperty().get() + " error "
                            + model.query().errorProperty().get());
            assertThat(ana.decision(anas.id()).state()).isEqualTo("approved");
            assertThat(ana.decision(anas.id()).approvals()).extracting(Governance.Approval::approver)
                    .containsExactly(BOB);
        }
    }

    @Test
    void theSidebarBadgeCountsWhatAwaitsReviewAndANewDecisionPopsUpANotificationThatOpensIt() {
        ManualScheduler scheduler = new ManualScheduler();
        ApprovalsViewModel model = ScreenRobot.onFx(() -> new ApprovalsViewModel(() -> ana, tasks, scheduler,
                Clock.systemUTC(), ZoneOffset.UTC, dialogs, new OperatorProfile("ana", new BigDecimal("1000"))));
        ShellViewModel shell = ScreenRobot.onFx(() -> {
            ShellViewModel s = new ShellViewModel(Map.of(Area.APPROVALS, model), tasks);
            s.showBadge(Area.APPROVALS, model.toReviewCountProperty());
            model.arrivalProperty().addListener((obs, old, a) -> s.notifyDesktop(new ShellViewModel.DesktopNotice(
                    a.title(), a.text(), () -> {
                        model.show(a.decisionId());
                        s.select(Area.APPROVALS);
                    })));
            return s;
        });
        try (ScreenRobot robot = ScreenRobot.show(() -> new ShellView(shell, Map.of(Area.APPROVALS,
                () -> new ApprovalsView(model))))) {
            robot.read(() -> {
                model.startWatching();
                return null;
            });
            Label badge = robot.find("#sidebar-badge-approvals");
            robot.waitUntil(() -> "1".equals(badge.getText()) && badge.isVisible(), () -> "badge " + badge.getText());
            assertThat(robot.read(() -> robot.<javafx.scene.control.ToggleButton>find("#sidebar-approvals").getAccessibleText()))
                    .isEqualTo("Approvals, 1");
            assertThat(robot.read(() -> model.arrivalProperty().get())).as("the baseline is no news").isNull();

            Governance.Decision fresh = engine.defaultWorkspace(AGENT).proposeDecision(new Governance.NewDecision(
                    action("1800"), agents.grantId(), agents.contractId(), null, null, "T3", null, null, null, null));
            robot.read(() -> {
                scheduler.tick();
                return null;
            });
            robot.waitUntil(() -> "2".equals(badge.getText()), () -> "badge " + badge.getText());
            robot.waitUntil(() -> notification().isPresent(), () -> "no notification popped up");
            Window popup = robot.read(() -> notification().orElseThrow());
            assertThat(robot.read(() -> texts(popup))).contains("A decision awaits your approval",
                    AGENT + " proposes budget.reallocate · 1,800.00 EUR · expires in 23 h 59 min");
            robot.screenshot("approvals-notification", popup.getScene());

            robot.clickOn(robot.read(() -> popup.getScene().getRoot().lookup(".notification-bar")));
            robot.waitUntil(() -> shell.selectedProperty().get() == Area.APPROVALS
                    && model.detailProperty().get() != null && model.detailProperty().get().id().equals(fresh.id()),
                    () -> "the notification did not open the decision: " + shell.selectedProperty().get());
            assertThat(robot.read(() -> robot.<Label>find("#approvals-detail-heading").getText()))
                    .isEqualTo("budget.reallocate · 1,800.00 EUR");
            robot.screenshot("approvals-shell");
            robot.read(() -> {
                model.stopWatching();
                model.deactivate();
                return null;
            });
        }
    }

    @Test
    void proposeDecisionDraftsOneThatOpensInApprovalsWhereTheProposerSubmitsIt() {
        FxDialogService dialogs = ScreenRobot.onFx(() -> ConsoleComposition.registerForms(
                new FxDialogService(null, notice -> { })));
        ApprovalsViewModel model = ScreenRobot.onFx(() -> new ApprovalsViewModel(() -> ana, tasks,
                new ManualScheduler(), Clock.systemUTC(), ZoneOffset.UTC, dialogs, new OperatorProfile("ana", null)));
        NextAction next = new NextAction("reallocate_budget", "Shift budget toward spring-launch",
                "Revenue fell; spring-launch brings the most touchpoints", "high", true,
                new NextAction.RequiredDecision("budget.reallocate", "ads", "approved", "T3"));
        try (ScreenRobot robot = ScreenRobot.show(() -> new ApprovalsView(model))) {
            robot.read(() -> {
                model.activate();
                dialogs.showForm(new ProposeDecisionViewModel(() -> ana, tasks, dialogs, Clock.systemUTC(),
                        ZoneOffset.UTC, "default", next, model::show));
                return null;
            });
            Window form = dialog(robot, "Draft a decision for \"Shift budget toward spring-launch\"");
            robot.waitUntil(() -> ((javafx.scene.control.ComboBox<?>) form.getScene().getRoot()
                    .lookup("#propose-grant")).getValue() != null, () -> "no grant chosen");
            robot.clickOn(robot.read(() -> form.getScene().getRoot().lookup("#propose-amount")));
            robot.write("1200.50");
            Button create = robot.read(() -> button(form, "Create draft"));
            robot.waitUntil(() -> !create.isDisabled(), () -> "Create stays disabled");
            robot.screenshot("approvals-propose-form", form.getScene());
            robot.clickOn(create);
            robot.waitUntil(() -> model.detailProperty().get() != null
                    && "draft".equals(model.detailProperty().get().state()), () -> "the draft did not open");
            String id = robot.read(() -> model.detailProperty().get().id());
            assertThat(ana.decision(id).state()).isEqualTo("draft");
            assertThat(ana.decision(id).proposer()).isEqualTo(ANA);
            assertThat(robot.read(() -> model.viewProperty().get())).isEqualTo(ApprovalRules.QueueView.MINE);
            assertThat(robot.read(() -> robot.<Button>find("#approvals-submit").isVisible())).isTrue();

            robot.clickOn("#approvals-submit");
            Window confirm = dialog(robot, "Submit budget.reallocate for approval?");
            robot.clickOn(robot.read(() -> button(confirm, "Submit")));
            robot.waitUntil(() -> "pending approval".equals(model.detailProperty().get().state()),
                    () -> "state " + model.detailProperty().get().state() + " " + model.query().errorProperty().get());
            assertThat(ana.decision(id).state()).isEqualTo("pending_approval");
            assertThat(robot.read(() -> robot.<Button>find("#approvals-submit").isVisible())).as("submitted").isFalse();
        }
    }

    private static Optional<Window> notification() {
        return Window.getWindows().stream().filter(Window::isShowing).filter(w -> w.getScene() != null
                && w.getScene().getRoot().lookup(".notification-bar") != null).findFirst();
    }

    private static List<String> texts(Window window) {
        return window.getScene().getRoot().lookupAll(".label").stream().map(n -> ((Label) n).getText()).toList();
    }

    /** Waits for the dialog with this header and returns its window. */
    static Window dialog(ScreenRobot robot, String header) {
        robot.waitUntil(() -> find(header).isPresent(), () -> "no dialog \"" + header + "\"");
        return robot.read(() -> find(header).orElseThrow());
    }

    private static Optional<Window> find(String header) {
        return Window.getWindows().stream().filter(Window::isShowing)
                .filter(w -> w.getScene() != null && w.getScene().getRoot() instanceof DialogPane pane
                        && header.equals(pane.getHeaderText())).findFirst();
    }

    /** Clicks the table row showing the decision, once the table has laid it out. */
    private static void clickRow(ScreenRobot robot, TableView<DecisionRow> table, String id) {
        robot.waitUntil(() -> row(table, id).isPresent(), () -> "no row of " + id);
        robot.clickOn(robot.read(() -> row(table, id).orElseThrow()));
    }

    private static Optional<Node> row(TableView<DecisionRow> table, String id) {
        return table.lookupAll(".table-row-cell").stream()
                .filter(n -> n instanceof javafx.scene.control.TableRow<?> r && r.getItem() instanceof DecisionRow d
                        && d.id().equals(id)).findFirst();
    }

    private static TextField field(Window window) {
        return (TextField) window.getScene().getRoot().lookup(".text-field");
    }

    private static Button button(Window window, String text) {
        for (Node n : window.getScene().getRoot().lookupAll(".button")) {
            if (n instanceof Button b && text.equals(b.getText())) {
                return b;
            }
        }
        throw new AssertionError("no button " + text);
    }
}
