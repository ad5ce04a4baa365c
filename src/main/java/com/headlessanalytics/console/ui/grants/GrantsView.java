package com.headlessanalytics.console.ui.grants;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import com.headlessanalytics.console.ui.common.ScreenScaffold;
import com.headlessanalytics.console.ui.common.ViewParts;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * Grants & contracts: the contracts over the grants, each with its budget bar and status badge;
 * the selected one in full on the right; New contract, New grant and Revoke in the header.
 */
public final class GrantsView extends ScreenScaffold {
    private final GrantsViewModel model;
    private final TableView<GrantsViewModel.ContractRow> contracts;
    private final TableView<GrantsViewModel.GrantRow> grants;
    private boolean selecting;

    public GrantsView(GrantsViewModel model) {
        super("Grants & contracts", model.query());
        this.model = model;
        Button newContract = ViewParts.button("New contract", Feather.FILE_PLUS, model.newContractCommand());
        newContract.setId("grants-new-contract");
        Button newGrant = ViewParts.button("New grant", Feather.USER_PLUS, model.newGrantCommand());
        newGrant.setId("grants-new-grant");
        newGrant.setTooltip(new Tooltip("Let a principal act under the selected (or first) contract"));
        Button revoke = ViewParts.button("Revoke", Feather.SLASH, model.revokeCommand());
        revoke.setId("grants-revoke");
        revoke.textProperty().bind(model.revokeTextProperty());
        revoke.getStyleClass().add(Styles.DANGER);
        Button refresh = ViewParts.button("Refresh", Feather.REFRESH_CW, model.refreshCommand());
        refresh.setId("grants-refresh");
        headerActions(newContract, newGrant, revoke, refresh);

        Label summary = new Label();
        summary.setId("grants-summary");
        summary.textProperty().bind(model.summaryProperty());
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        Label unavailable = ViewParts.notice(model.changes().unavailableProperty());
        unavailable.setId("grants-unavailable");
        summary(summary, unavailable);

        contracts = contractsTable();
        grants = grantsTable();
        contracts.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> picked(row, grants));
        grants.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> picked(row, contracts));
        model.selectedProperty().addListener((obs, old, item) -> follow(item));

        SplitPane lists = new SplitPane(titled("Contracts", contracts), titled("Grants", grants));
        lists.setOrientation(Orientation.VERTICAL);
        lists.setDividerPositions(0.5);
        SplitPane split = new SplitPane(lists, detailPane());
        split.setDividerPositions(0.68);
        body(split);
    }

    /** A row picked in one table is the selection; the other table's selection is cleared. */
    private void picked(GrantsViewModel.Item row, TableView<?> other) {
        if (selecting || row == null) {
            return;
        }
        selecting = true;
        other.getSelectionModel().clearSelection();
        model.selectedProperty().set(row);
        selecting = false;
    }

    /** The tables follow the selection when the model moves it (a refresh finds the same id again). */
    private void follow(GrantsViewModel.Item item) {
        if (selecting) {
            return;
        }
        selecting = true;
        if (item instanceof GrantsViewModel.ContractRow c) {
            grants.getSelectionModel().clearSelection();
            contracts.getSelectionModel().select(c);
        } else if (item instanceof GrantsViewModel.GrantRow g) {
            contracts.getSelectionModel().clearSelection();
            grants.getSelectionModel().select(g);
        } else {
            contracts.getSelectionModel().clearSelection();
            grants.getSelectionModel().clearSelection();
        }
        selecting = false;
    }

    private TableView<GrantsViewModel.ContractRow> contractsTable() {
        TableView<GrantsViewModel.ContractRow> table = ViewParts.table("");
        table.setItems(model.contracts());
        table.setId("grants-contracts");
        table.setPlaceholder(ViewParts.placeholder(model.contractsPlaceholderProperty()));
        table.getColumns().setAll(List.of(
                ViewParts.column("Name", GrantsViewModel.ContractRow::name, 150),
                ViewParts.column("Scope", GrantsViewModel.ContractRow::scope, 130),
                ViewParts.column("Actions", GrantsViewModel.ContractRow::actions, 170),
                ViewParts.number("Per action", GrantsViewModel.ContractRow::perAction, 110),
                budgetColumn(GrantsViewModel.ContractRow::budget),
                status(GrantsViewModel.ContractRow::status, GrantsViewModel.ContractRow::statusText)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        return table;
    }

    private TableView<GrantsViewModel.GrantRow> grantsTable() {
        TableView<GrantsViewModel.GrantRow> table = ViewParts.table("");
        table.setItems(model.grants());
        table.setId("grants-grants");
        table.setPlaceholder(ViewParts.placeholder(model.grantsPlaceholderProperty()));
        table.getColumns().setAll(List.of(
                ViewParts.column("Grantee", GrantsViewModel.GrantRow::grantee, 160),
                ViewParts.column("Actions", GrantsViewModel.GrantRow::actions, 170),
                budgetColumn(GrantsViewModel.GrantRow::budget),
                ViewParts.column("Contract", GrantsViewModel.GrantRow::contract, 130),
                ViewParts.column("Valid", GrantsViewModel.GrantRow::window, 210),
                status(GrantsViewModel.GrantRow::status, GrantsViewModel.GrantRow::statusText)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        return table;
    }

    /** The budget as a bar with its figures beside it. */
    private static <R> TableColumn<R, Budget> budgetColumn(Function<R, Budget> value) {
        TableColumn<R, Budget> c = new TableColumn<>("Budget");
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            private final ProgressBar bar = new ProgressBar();
            private final Label text = new Label();
            private final HBox box = new HBox(8, bar, text);

            {
                bar.setPrefWidth(70);
                bar.setMinWidth(40);
                bar.getStyleClass().add(Styles.SMALL);
                text.getStyleClass().add(Styles.TEXT_SMALL);
                text.setMinWidth(Region.USE_PREF_SIZE);
                box.setAlignment(Pos.CENTER_LEFT);
            }

            @Override
            protected void updateItem(Budget budget, boolean empty) {
                super.updateItem(budget, empty);
                if (empty || budget == null) {
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                budgetBar(bar, budget);
                text.setText(budget.caption());
                setTooltip(new Tooltip(budget.text()));
                setGraphic(box);
            }
        });
        c.setPrefWidth(220);
        c.setMinWidth(160);
        c.setSortable(false);
        return c;
    }

    /** The status as a coloured badge, its full text (with the time that matters) as tooltip. */
    private static <R> TableColumn<R, R> status(Function<R, Validity.Status> status, Function<R, String> text) {
        TableColumn<R, R> c = new TableColumn<>("Status");
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(R row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                setGraphic(badge(status.apply(row)));
                setTooltip(new Tooltip(text.apply(row)));
            }
        });
        c.setPrefWidth(110);
        c.setMinWidth(100);
        c.setSortable(false);
        return c;
    }

    static Label badge(Validity.Status status) {
        Label badge = new Label(status.label());
        badge.getStyleClass().addAll("badge", switch (status) {
            case ACTIVE -> "badge-success";
            case NOT_YET_VALID -> "badge-warning";
            case EXPIRED -> "badge-muted";
            case REVOKED -> "badge-danger";
        });
        badge.setMinWidth(Region.USE_PREF_SIZE);
        return badge;
    }

    static void budgetBar(ProgressBar bar, Budget budget) {
        bar.setProgress(budget.share());
        bar.getStyleClass().removeAll(Styles.WARNING, Styles.DANGER);
        switch (budget.level()) {
            case LOW -> bar.getStyleClass().add(Styles.WARNING);
            case USED_UP -> bar.getStyleClass().add(Styles.DANGER);
            default -> { }
        }
    }

    /** The selected contract or grant in full: title, budget bar, then every field. */
    private Node detailPane() {
        Label title = new Label();
        title.setId("grants-detail-title");
        title.textProperty().bind(model.detailTitleProperty());
        title.getStyleClass().add(Styles.TITLE_4);
        title.setWrapText(true);
        ProgressBar bar = new ProgressBar();
        bar.setId("grants-detail-budget");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.visibleProperty().bind(model.detailBudgetProperty().isNotNull());
        bar.managedProperty().bind(bar.visibleProperty());
        model.detailBudgetProperty().addListener((obs, old, b) -> {
            if (b != null) {
                budgetBar(bar, b);
            }
        });
        GridPane fields = ViewParts.detailGrid("grants-detail", model.detail(), false);
        Label none = new Label("Select a contract or a grant to see it in full.");
        none.getStyleClass().add(Styles.TEXT_MUTED);
        none.setWrapText(true);
        none.visibleProperty().bind(model.detailTitleProperty().isEmpty());
        none.managedProperty().bind(none.visibleProperty());
        VBox box = new VBox(10, none, title, bar, fields);
        box.setPadding(new Insets(8, 8, 8, 12));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        return scroll;
    }



    private static VBox titled(String title, Region content) {
        Label heading = new Label(title);
        heading.getStyleClass().add(Styles.TITLE_4);
        VBox.setVgrow(content, Priority.ALWAYS);
        HBox line = new HBox(heading);
        line.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, line, content);
        box.setPadding(new Insets(8, 8, 4, 0));
        return box;
    }
}
