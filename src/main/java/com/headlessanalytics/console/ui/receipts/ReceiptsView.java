package com.headlessanalytics.console.ui.receipts;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.ui.common.ScreenScaffold;
import com.headlessanalytics.console.ui.common.ViewParts;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Receipts: the chain banner, filters by trace and decision, the receipts newest first with their
 * outcome as a badge, and the selected one's checks and chain place on the right.
 */
public final class ReceiptsView extends ScreenScaffold {
    private final ReceiptsViewModel model;

    public ReceiptsView(ReceiptsViewModel model) {
        super("Receipts", model.query());
        this.model = model;
        Button copy = ViewParts.button("Copy JSON", Feather.COPY, model.copyJsonCommand());
        copy.setId("receipts-copy");
        copy.setTooltip(new Tooltip("Copy the selected receipt as JSON"));
        Button export = ViewParts.exportButton(model.exportCommand());
        export.setId("receipts-export");
        Button refresh = ViewParts.button("Refresh", Feather.REFRESH_CW, model.applyCommand());
        refresh.setId("receipts-refresh");
        headerActions(copy, export, refresh);

        TextField trace = filter("receipts-trace", "Trace ID", model.traceFilterProperty());
        TextField decision = filter("receipts-decision", "Decision ID", model.decisionFilterProperty());
        Button apply = ViewParts.button("Apply", Feather.FILTER, model.applyCommand());
        apply.setId("receipts-apply");
        Button clear = ViewParts.button("Clear", Feather.X, model.clearCommand());
        clear.setId("receipts-clear");
        clear.getStyleClass().add(Styles.FLAT);
        HBox filters = new HBox(8, trace, decision, apply, clear);
        filters.setAlignment(Pos.CENTER_LEFT);
        controls(filters);

        Message chain = new Message();
        chain.setId("receipts-chain");
        chain.descriptionProperty().bind(model.chainTextProperty());
        chain.visibleProperty().bind(model.loadedProperty());
        chain.managedProperty().bind(chain.visibleProperty());
        model.chainStateProperty().addListener((obs, old, state) -> chainStyle(chain, state));
        chainStyle(chain, model.chainStateProperty().get());
        Label summary = new Label();
        summary.setId("receipts-summary");
        summary.textProperty().bind(model.summaryProperty());
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        summary(chain, summary);

        TableView<ReceiptsViewModel.ReceiptRow> table = receiptsTable();
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) ->
                model.selectedProperty().set(row));
        model.selectedProperty().addListener((obs, old, row) -> {
            if (row != table.getSelectionModel().getSelectedItem()) {
                if (row == null) {
                    table.getSelectionModel().clearSelection();
                } else {
                    table.getSelectionModel().select(row);
                }
            }
        });
        SplitPane split = new SplitPane(table, detailPane());
        split.setDividerPositions(0.56);
        body(split);
    }

    private TextField filter(String id, String prompt, StringProperty value) {
        TextField field = new TextField();
        field.setOnAction(e -> model.applyCommand().execute());
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(22);
        field.textProperty().bindBidirectional(value);
        return field;
    }

    private void chainStyle(Message chain, ReceiptsViewModel.ChainState state) {
        chain.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER, Styles.WARNING);
        switch (state) {
            case INTACT -> {
                chain.getStyleClass().add(Styles.SUCCESS);
                chain.setTitle("Chain intact");
                chain.setGraphic(new FontIcon(Feather.LINK));
            }
            case BROKEN -> {
                chain.getStyleClass().add(Styles.DANGER);
                chain.setTitle("Chain broken");
                chain.setGraphic(new FontIcon(Feather.ALERT_OCTAGON));
            }
            default -> {
                chain.getStyleClass().add(Styles.WARNING);
                chain.setTitle("Chain status unknown");
                chain.setGraphic(new FontIcon(Feather.HELP_CIRCLE));
            }
        }
    }

    private TableView<ReceiptsViewModel.ReceiptRow> receiptsTable() {
        TableView<ReceiptsViewModel.ReceiptRow> table = ViewParts.table("");
        table.setItems(model.rows());
        table.setId("receipts-table");
        Label empty = new Label();
        empty.textProperty().bind(model.placeholderProperty());
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        empty.setWrapText(true);
        empty.setMaxWidth(480);
        empty.setPadding(new Insets(12));
        table.setPlaceholder(empty);
        TableColumn<ReceiptsViewModel.ReceiptRow, ReceiptsViewModel.ReceiptRow> outcome = new TableColumn<>("Outcome");
        outcome.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        outcome.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(ReceiptsViewModel.ReceiptRow row, boolean empty) {
                super.updateItem(row, empty);
                setGraphic(empty || row == null ? null : badge(row.outcome(), row.outcomeText()));
            }
        });
        outcome.setPrefWidth(84);
        outcome.setMinWidth(84);
        outcome.setSortable(false);
        TableColumn<ReceiptsViewModel.ReceiptRow, String> digest = ViewParts.column("Action digest",
                ReceiptsViewModel.ReceiptRow::digest, 115);
        digest.setStyle("-fx-font-family: monospace;");
        TableColumn<ReceiptsViewModel.ReceiptRow, String> time = ViewParts.column("Time",
                ReceiptsViewModel.ReceiptRow::time, 170);
        time.setMinWidth(170);
        TableColumn<ReceiptsViewModel.ReceiptRow, String> seq = ViewParts.number("Seq", r -> Long.toString(r.seq()), 50);
        seq.setMinWidth(45);
        table.getColumns().setAll(List.of(time, outcome,
                ViewParts.column("Decision", ReceiptsViewModel.ReceiptRow::decision, 130),
                ViewParts.column("Actor", ReceiptsViewModel.ReceiptRow::actor, 100), digest, seq));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        return table;
    }

    static Label badge(Governance.Outcome outcome, String text) {
        Label badge = new Label(text);
        badge.getStyleClass().addAll("badge", outcome == null ? "badge-muted" : switch (outcome) {
            case ALLOW -> "badge-success";
            case DENY -> "badge-danger";
            case ESCROW -> "badge-warning";
        });
        badge.setMinWidth(Region.USE_PREF_SIZE);
        return badge;
    }

    /** The selected receipt: its title, every check, its facts and its place in the chain. */
    private Node detailPane() {
        Label title = new Label();
        title.setId("receipts-selected");
        title.textProperty().bind(model.selectedTitleProperty());
        title.getStyleClass().add(Styles.TITLE_4);
        title.setWrapText(true);
        Label none = new Label("Select a receipt to see every check enforce ran and its place in the hash chain.");
        none.getStyleClass().add(Styles.TEXT_MUTED);
        none.setWrapText(true);
        none.visibleProperty().bind(model.selectedTitleProperty().isEmpty());
        none.managedProperty().bind(none.visibleProperty());
        Label checksSummary = new Label();
        checksSummary.setId("receipts-checks-summary");
        checksSummary.textProperty().bind(model.checksSummaryProperty());
        checksSummary.getStyleClass().add(Styles.TEXT_MUTED);

        GridPane checks = new GridPane();
        checks.setId("receipts-checks");
        checks.setHgap(12);
        checks.setVgap(6);
        checks.getStyleClass().add("checks");
        model.checks().addListener((ListChangeListener<ReceiptsViewModel.CheckRow>) c -> fillChecks(checks));

        GridPane facts = ViewParts.detailGrid("receipts-facts", model.facts(), true);
        Label chainHeading = heading("Place in the hash chain");
        GridPane chain = ViewParts.detailGrid("receipts-chain-place", model.chainPlace(), true);
        chainHeading.visibleProperty().bind(model.selectedTitleProperty().isNotEmpty());
        chainHeading.managedProperty().bind(chainHeading.visibleProperty());

        Label factsHeading = heading("Receipt");
        factsHeading.visibleProperty().bind(model.selectedTitleProperty().isNotEmpty());
        factsHeading.managedProperty().bind(factsHeading.visibleProperty());
        VBox box = new VBox(10, none, title, checksSummary, checks, factsHeading, facts, chainHeading, chain);
        box.setPadding(new Insets(8, 8, 8, 12));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        return scroll;
    }

    /** One line per check: passed or failed (icon and word, coloured), its name, and its detail in full. */
    private void fillChecks(GridPane grid) {
        grid.getChildren().clear();
        int row = 0;
        for (ReceiptsViewModel.CheckRow check : model.checks()) {
            FontIcon icon = new FontIcon(check.passed() ? Feather.CHECK_CIRCLE : Feather.X_CIRCLE);
            icon.getStyleClass().add(check.passed() ? Styles.SUCCESS : Styles.DANGER);
            Label result = new Label(check.result(), icon);
            result.getStyleClass().add(check.passed() ? Styles.SUCCESS : Styles.DANGER);
            result.setMinWidth(Region.USE_PREF_SIZE);
            Label name = new Label(check.name());
            name.getStyleClass().add(Styles.TEXT_BOLD);
            name.setMinWidth(Region.USE_PREF_SIZE);
            Label detail = new Label(check.detail());
            detail.setWrapText(true);
            detail.getStyleClass().add(check.passed() ? Styles.TEXT_MUTED : Styles.DANGER);
            GridPane.setHgrow(detail, Priority.ALWAYS);
            for (Node n : new Node[] {result, name}) {
                GridPane.setValignment(n, VPos.TOP);
            }
            grid.addRow(row++, result, name, detail);
        }
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TITLE_4);
        return l;
    }

}
