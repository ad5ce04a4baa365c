package com.headlessanalytics.console.ui.plans;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import com.headlessanalytics.console.ui.common.ScreenScaffold;
import com.headlessanalytics.console.ui.common.ViewParts;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * Tracking plans: the plans on the left (id, name, mode, events, updated); the selected one on the
 * right with its settings, its planned events and the recent events that break it; New plan, Edit,
 * Delete and Refresh in the header, and the server's sentence when plans cannot be changed.
 */
public final class TrackingPlansView extends ScreenScaffold {
    private final TrackingPlansViewModel model;

    public TrackingPlansView(TrackingPlansViewModel model) {
        super("Tracking plans", model.query());
        this.model = model;
        Button create = ViewParts.button("New plan", Feather.PLUS, model.newCommand());
        create.setId("plans-new");
        Button edit = ViewParts.button("Edit…", Feather.EDIT_2, model.editCommand());
        edit.setId("plans-edit");
        Button delete = ViewParts.button("Delete", Feather.TRASH_2, model.deleteCommand());
        delete.setId("plans-delete");
        Button refresh = ViewParts.button("Refresh", Feather.REFRESH_CW, model.refreshCommand());
        refresh.setId("plans-refresh");
        headerActions(create, edit, delete, refresh);

        Label notice = new Label();
        notice.setId("plans-notice");
        notice.textProperty().bind(model.noticeProperty());
        notice.getStyleClass().add(Styles.WARNING);
        notice.setWrapText(true);
        notice.visibleProperty().bind(model.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        controls(notice);

        TableView<TrackingPlansViewModel.Row> table = ViewParts.table("");
        table.setId("plans-table");
        table.setItems(model.rows());
        Label empty = new Label();
        empty.textProperty().bind(model.placeholderProperty());
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        empty.setWrapText(true);
        empty.setMaxWidth(420);
        table.setPlaceholder(empty);
        table.getColumns().setAll(List.of(
                ViewParts.column("Id", TrackingPlansViewModel.Row::id, 110),
                ViewParts.column("Name", TrackingPlansViewModel.Row::name, 140),
                ViewParts.column("Mode", TrackingPlansViewModel.Row::mode, 60),
                ViewParts.number("Events", r -> String.valueOf(r.events()), 60),
                ViewParts.column("Updated", TrackingPlansViewModel.Row::updated, 130)));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null) {
                model.selectedProperty().set(row);
            }
        });
        model.selectedProperty().addListener((obs, old, row) -> follow(table));
        model.rows().addListener((ListChangeListener<TrackingPlansViewModel.Row>) c -> follow(table));
        ViewParts.onOpen(table, row -> model.editCommand().execute());
        SplitPane split = new SplitPane(table, detailPane());
        split.setDividerPositions(0.42);
        body(split);
    }

    private void follow(TableView<TrackingPlansViewModel.Row> table) {
        TrackingPlansViewModel.Row row = model.selectedProperty().get();
        TrackingPlansViewModel.Row listed = row == null ? null : model.rows().stream()
                .filter(r -> r.id().equals(row.id())).findFirst().orElse(null);
        if (listed == null) {
            table.getSelectionModel().clearSelection();
        } else if (table.getSelectionModel().getSelectedItem() != listed) {
            table.getSelectionModel().select(listed);
        }
    }

    private Node detailPane() {
        Label none = new Label("Select a plan to see its events and the recent events that break it.");
        none.getStyleClass().add(Styles.TEXT_MUTED);
        none.setWrapText(true);
        none.visibleProperty().bind(model.detailTitleProperty().isEmpty());
        none.managedProperty().bind(none.visibleProperty());
        Label title = new Label();
        title.setId("plans-detail-title");
        title.textProperty().bind(model.detailTitleProperty());
        title.getStyleClass().add(Styles.TITLE_4);
        title.setWrapText(true);
        GridPane fields = ViewParts.detailGrid("plans-detail", model.detail(), false);

        Label plannedHeading = new Label("Planned events");
        plannedHeading.getStyleClass().add(Styles.TEXT_BOLD);
        TableView<TrackingPlansViewModel.PlannedRow> planned = ViewParts.table("No events planned.");
        planned.setId("plans-events");
        planned.setItems(model.planned());
        planned.getColumns().setAll(List.of(
                ViewParts.column("Event", TrackingPlansViewModel.PlannedRow::event, 140),
                ViewParts.column("Required", TrackingPlansViewModel.PlannedRow::required, 110),
                ViewParts.column("Properties", TrackingPlansViewModel.PlannedRow::properties, 240)));
        planned.setPrefHeight(150);

        Label breachHeading = new Label("Recent events that break it");
        breachHeading.getStyleClass().add(Styles.TEXT_BOLD);
        Label breachSummary = new Label();
        breachSummary.setId("plans-breaches-summary");
        breachSummary.textProperty().bind(model.breachesSummaryProperty());
        breachSummary.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        TableView<TrackingPlansViewModel.BreachRow> breaches = ViewParts.table("");
        breaches.setId("plans-breaches");
        breaches.setItems(model.breaches());
        Label breachStatus = new Label();
        breachStatus.textProperty().bind(model.breachesStatusProperty());
        breachStatus.getStyleClass().add(Styles.TEXT_MUTED);
        breachStatus.setWrapText(true);
        breaches.setPlaceholder(breachStatus);
        breaches.getColumns().setAll(List.of(
                ViewParts.column("Time", TrackingPlansViewModel.BreachRow::time, 120),
                ViewParts.column("Event", TrackingPlansViewModel.BreachRow::event, 120),
                ViewParts.column("Field", TrackingPlansViewModel.BreachRow::field, 110),
                ViewParts.column("Why", TrackingPlansViewModel.BreachRow::why, 320)));
        breaches.setPrefHeight(260);

        VBox detail = new VBox(8, title, fields, plannedHeading, planned, breachHeading, breachSummary, breaches);
        detail.visibleProperty().bind(model.detailTitleProperty().isNotEmpty());
        detail.managedProperty().bind(detail.visibleProperty());
        VBox box = new VBox(10, none, detail);
        box.setPadding(new Insets(8, 8, 8, 12));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        return scroll;
    }
}
