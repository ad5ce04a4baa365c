package com.headlessanalytics.console.ui.approvals;

import atlantafx.base.theme.Styles;
import com.headlessanalytics.console.ui.approvals.ApprovalRules.QueueView;
import com.headlessanalytics.console.ui.approvals.ApprovalsViewModel.Detail;
import com.headlessanalytics.console.ui.common.ScreenScaffold;
import com.headlessanalytics.console.ui.common.ViewParts;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Approvals: the queue (To review, Mine, History, All) beside the selected decision's detail —
 * the exact action and its digest, proposer, budgets, evidence, approvals and history — with
 * Approve, Deny, Revoke and Submit. Everything shown and every rule comes from the ViewModel.
 */
public final class ApprovalsView extends ScreenScaffold {
    private final ApprovalsViewModel model;
    private final TableView<DecisionRow> table;
    private final VBox detailBox = new VBox(12);
    private final StackPane detailPane;
    private final Node actions;
    private final Label countdown = new Label();

    public ApprovalsView(ApprovalsViewModel model) {
        super("Approvals", model.query());
        this.model = model;
        getStylesheets().add(ApprovalsView.class.getResource("approvals.css").toExternalForm());

        Label who = new Label();
        who.setId("approvals-who");
        who.textProperty().bind(model.whoAmIProperty());
        who.getStyleClass().add(Styles.TEXT_MUTED);
        who.setMinWidth(Region.USE_PREF_SIZE);
        Button refresh = ViewParts.button("Refresh", Feather.REFRESH_CW, model.refreshCommand());
        refresh.setId("approvals-refresh");
        headerActions(who, refresh);

        actions = actions();
        countdown.setId("approvals-expires-in");
        countdown.textProperty().bind(model.selectedExpiresInProperty());
        countdown.getStyleClass().add(Styles.TEXT_MUTED);
        table = queueTable();
        VBox queue = new VBox(8, viewToggles(), table);
        VBox.setVgrow(table, Priority.ALWAYS);
        queue.setPadding(new Insets(0, 8, 0, 0));
        queue.setMinWidth(420);

        detailBox.setPadding(new Insets(4, 12, 12, 12));
        detailBox.getStyleClass().add("approvals-detail");
        ScrollPane scroll = new ScrollPane(detailBox);
        scroll.setId("approvals-detail-scroll");
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(Styles.FLAT);
        Label none = new Label("Select a decision to see exactly what it would do, and to approve, deny or revoke it.");
        none.getStyleClass().add(Styles.TEXT_MUTED);
        none.setWrapText(true);
        none.setPadding(new Insets(24));
        detailPane = new StackPane(scroll, none);
        detailPane.setId("approvals-detail");
        detailPane.setMinWidth(380);
        scroll.visibleProperty().bind(model.detailProperty().isNotNull());
        none.visibleProperty().bind(model.detailProperty().isNull());

        SplitPane split = new SplitPane(queue, detailPane);
        split.setDividerPositions(0.62);
        body(split);

        model.detailProperty().addListener((obs, old, d) -> showDetail(d));
        showDetail(model.detailProperty().get());
    }

    private Node viewToggles() {
        ToggleGroup group = new ToggleGroup();
        HBox box = new HBox();
        List<QueueView> views = model.views();
        for (int i = 0; i < views.size(); i++) {
            QueueView v = views.get(i);
            ToggleButton b = new ToggleButton();
            b.setId("approvals-view-" + v.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            b.textProperty().bind(model.tabTitle(v));
            b.setToggleGroup(group);
            b.setSelected(model.viewProperty().get() == v);
            b.getStyleClass().add(i == 0 ? Styles.LEFT_PILL : i == views.size() - 1 ? Styles.RIGHT_PILL
                    : Styles.CENTER_PILL);
            b.setOnAction(e -> {
                model.viewProperty().set(v);
                b.setSelected(true);
            });
            b.setMinWidth(Region.USE_PREF_SIZE);
            box.getChildren().add(b);
        }
        model.viewProperty().addListener((obs, old, v) -> group.getToggles().forEach(t ->
                t.setSelected(((ToggleButton) t).getId().equals("approvals-view-"
                        + v.name().toLowerCase(Locale.ROOT).replace('_', '-')))));
        return box;
    }

    private TableView<DecisionRow> queueTable() {
        TableView<DecisionRow> t = ViewParts.table("");
        t.setId("approvals-table");
        t.getStyleClass().add("approvals-table");
        t.setItems(model.rows());
        Label placeholder = new Label();
        placeholder.textProperty().bind(model.placeholderProperty());
        placeholder.getStyleClass().add(Styles.TEXT_MUTED);
        placeholder.setWrapText(true);
        placeholder.setPadding(new Insets(12));
        t.setPlaceholder(placeholder);
        TableColumn<DecisionRow, String> proposer = column("Proposer", DecisionRow::proposerProperty, 110);
        proposer.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                DecisionRow row = empty ? null : getTableRow().getItem();
                setText(empty ? null : item);
                setGraphic(row != null && row.aiProposedProperty().get() ? new FontIcon(Feather.CPU) : null);
                setTooltip(row != null && row.aiProposedProperty().get()
                        ? new Tooltip("Proposed by an API key, agent or workflow, not an operator") : null);
            }
        });
        TableColumn<DecisionRow, String> expires = column("Expires in", DecisionRow::expiresInProperty, 95);
        expires.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                DecisionRow row = empty ? null : getTableRow().getItem();
                getStyleClass().remove("expiring-soon");
                if (row != null && row.expiringSoonProperty().get()) {
                    getStyleClass().add("expiring-soon");
                }
            }
        });
        TableColumn<DecisionRow, String> amount = column("Amount", DecisionRow::moneyProperty, 100);
        amount.setStyle("-fx-alignment: CENTER-RIGHT;");
        t.getColumns().setAll(List.of(column("Action", DecisionRow::actionProperty, 125), amount, proposer,
                column("State", DecisionRow::stateProperty, 110), column("Tier", DecisionRow::tierProperty, 46),
                column("Age", DecisionRow::ageProperty, 55), expires));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        t.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> model.select(row));
        model.selectedProperty().addListener((obs, old, row) -> showSelection(t, row));
        showSelection(t, model.selectedProperty().get());
        return t;
    }

    /** Shows the ViewModel's selection in the table (it may come from a notification or another screen). */
    private static void showSelection(TableView<DecisionRow> t, DecisionRow row) {
        if (row == t.getSelectionModel().getSelectedItem()) {
            return;
        }
        if (row == null) {
            t.getSelectionModel().clearSelection();
        } else {
            t.getSelectionModel().select(row);
            t.scrollTo(row);
        }
    }

    private static TableColumn<DecisionRow, String> column(String title,
            Function<DecisionRow, ObservableValue<String>> value, double width) {
        TableColumn<DecisionRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> value.apply(cell.getValue()));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    /** Rebuilds the detail pane for the decision; the buttons stay bound to their commands. */
    private void showDetail(Detail d) {
        if (d == null) {
            detailBox.getChildren().clear();
            return;
        }
        Label heading = new Label(d.heading());
        heading.setId("approvals-detail-heading");
        heading.getStyleClass().add(Styles.TITLE_3);
        heading.setWrapText(true);
        Label state = new Label(d.state());
        state.setId("approvals-detail-state");
        state.getStyleClass().addAll("state-tag", d.state().replace(' ', '-'));
        state.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(heading, Priority.ALWAYS);
        heading.setMaxWidth(Double.MAX_VALUE);
        HBox title = new HBox(10, heading, state);
        title.setAlignment(Pos.CENTER_LEFT);
        detailBox.getChildren().setAll(title);

        if (!d.aiNotice().isEmpty()) {
            Label notice = new Label(d.aiNotice(), new FontIcon(Feather.ALERT_TRIANGLE));
            notice.setId("approvals-ai-notice");
            notice.setWrapText(true);
            notice.getStyleClass().add("ai-notice");
            notice.setMaxWidth(Double.MAX_VALUE);
            detailBox.getChildren().add(notice);
        }
        detailBox.getChildren().add(actions);

        GridPane facts = new GridPane();
        facts.setHgap(12);
        facts.setVgap(4);
        fact(facts, 0, "Proposer", new Label(d.proposer()));
        fact(facts, 1, "Business", new Label(d.business()));
        fact(facts, 2, "Expires", new HBox(8, new Label(d.expires()), countdown));
        fact(facts, 3, "Approvals", new Label(d.approvals()));
        fact(facts, 4, "Decision", selectable(d.id(), "approvals-id", "digest"));
        detailBox.getChildren().add(facts);

        detailBox.getChildren().add(section("Proposed action (as hashed)"));
        TextArea json = new TextArea(d.actionJson());
        json.setId("approvals-action-json");
        json.setEditable(false);
        json.getStyleClass().add("action-json");
        json.setPrefRowCount(Math.min(14, Math.max(4, (int) d.actionJson().lines().count() + 1)));
        json.setWrapText(false);
        json.setPrefColumnCount(30);
        detailBox.getChildren().add(json);
        Label digestCaption = new Label("Action digest (SHA-256 of its RFC 8785 canonical form; your approval names it)");
        digestCaption.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        digestCaption.setWrapText(true);
        detailBox.getChildren().addAll(digestCaption, selectable(d.digest(), "approvals-digest", "digest"));

        detailBox.getChildren().add(section("Grant and contract"));
        detailBox.getChildren().addAll(budget(d.grant(), "approvals-grant"), budget(d.contract(), "approvals-contract"));

        detailBox.getChildren().add(section("Evidence"));
        if (d.evidence().isEmpty()) {
            detailBox.getChildren().add(muted("No evidence attached."));
        }
        for (ApprovalsViewModel.EvidenceRow e : d.evidence()) {
            Label tier = new Label(e.tier());
            tier.getStyleClass().add("state-tag");
            tier.setMinWidth(Region.USE_PREF_SIZE);
            Label text = new Label(e.text());
            text.setWrapText(true);
            HBox line = new HBox(8, tier, text);
            line.setAlignment(Pos.TOP_LEFT);
            detailBox.getChildren().add(line);
        }

        detailBox.getChildren().add(section("Approvals"));
        if (d.approvalRows().isEmpty()) {
            detailBox.getChildren().add(muted("No approvals yet."));
        }
        for (ApprovalsViewModel.ApprovalRow a : d.approvalRows()) {
            Label who = new Label(a.approver() + " · " + a.time(), new FontIcon(Feather.CHECK));
            who.getStyleClass().add(Styles.TEXT_BOLD);
            Label reason = new Label(a.reason());
            reason.setWrapText(true);
            detailBox.getChildren().add(new VBox(2, who, reason));
        }

        detailBox.getChildren().add(section("History"));
        VBox history = new VBox(8);
        history.setId("approvals-history");
        if (d.history().isEmpty()) {
            history.getChildren().add(muted("No history."));
        }
        for (ApprovalsViewModel.HistoryRow h : d.history()) {
            Label when = new Label(h.time() + " · " + h.actor());
            when.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            Label what = new Label(h.transition() + (h.reason().isEmpty() ? "" : " — " + h.reason()));
            what.setWrapText(true);
            history.getChildren().add(new VBox(1, when, what));
        }
        detailBox.getChildren().add(history);
    }

    private Node actions() {
        Button approve = ViewParts.button("Approve…", Feather.CHECK_CIRCLE, model.approveCommand());
        approve.setId("approvals-approve");
        approve.getStyleClass().add(Styles.SUCCESS);
        Button deny = ViewParts.button("Deny…", Feather.X_CIRCLE, model.denyCommand());
        deny.setId("approvals-deny");
        deny.getStyleClass().add(Styles.DANGER);
        Button revoke = ViewParts.button("Revoke…", Feather.SLASH, model.revokeCommand());
        revoke.setId("approvals-revoke");
        Button submit = ViewParts.button("Submit for approval", Feather.SEND, model.submitCommand());
        submit.setId("approvals-submit");
        submit.visibleProperty().bind(model.submitBlockedProperty().isEmpty());
        submit.managedProperty().bind(submit.visibleProperty());
        Button receipts = ViewParts.button("Receipts", Feather.FILE_TEXT, model.receiptsCommand());
        receipts.setId("approvals-receipts");
        FlowPane buttons = new FlowPane(8, 8, approve, deny, revoke, submit, receipts);
        buttons.setAlignment(Pos.CENTER_LEFT);
        Label hint = new Label();
        hint.setId("approvals-approve-hint");
        hint.textProperty().bind(model.approveHintProperty());
        hint.setWrapText(true);
        hint.getStyleClass().addAll("approve-hint", Styles.TEXT_SMALL);
        Runnable style = () -> {
            hint.getStyleClass().removeAll("blocked", Styles.TEXT_MUTED);
            hint.getStyleClass().add(model.approveBlockedProperty().get().isEmpty() ? Styles.TEXT_MUTED : "blocked");
        };
        model.approveBlockedProperty().addListener((obs, old, now) -> style.run());
        style.run();
        Tooltip why = new Tooltip();
        why.textProperty().bind(model.approveHintProperty());
        approve.setTooltip(why);
        Label unavailable = ViewParts.notice(model.changes().unavailableProperty());
        unavailable.setId("approvals-unavailable");
        return new VBox(6, buttons, unavailable, hint);
    }

    private static Node budget(ApprovalsViewModel.Budget b, String id) {
        Label heading = new Label(b.heading());
        heading.getStyleClass().add(Styles.TEXT_BOLD);
        heading.setWrapText(true);
        heading.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(heading, Priority.ALWAYS);
        Label remaining = new Label(b.remaining());
        remaining.setMinWidth(Region.USE_PREF_SIZE);
        HBox top = new HBox(8, heading, remaining);
        VBox card = new VBox(3, top);
        if (!b.detail().isEmpty()) {
            Label detail = new Label(b.detail());
            detail.setWrapText(true);
            detail.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            card.getChildren().add(detail);
        }
        if (!b.problem().isEmpty()) {
            Label problem = new Label(b.problem());
            problem.setWrapText(true);
            problem.getStyleClass().add("budget-problem");
            card.getChildren().add(problem);
        }
        card.setId(id);
        card.getStyleClass().add("health-card");
        card.setPadding(new Insets(8, 12, 8, 12));
        return card;
    }

    private static void fact(GridPane grid, int row, String caption, Node value) {
        Label c = new Label(caption);
        c.getStyleClass().add(Styles.TEXT_MUTED);
        c.setMinWidth(Region.USE_PREF_SIZE);
        grid.addRow(row, c, value);
    }

    private static TextField selectable(String text, String id, String style) {
        TextField f = new TextField(text);
        f.setId(id);
        f.setEditable(false);
        f.getStyleClass().addAll(style, Styles.SMALL);
        f.setPrefColumnCount(Math.min(24, Math.max(10, text.length())));
        f.setMaxWidth(Double.MAX_VALUE);
        return f;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll("section-title", Styles.TITLE_4);
        return l;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        return l;
    }
}
