package com.headlessanalytics.console.ui.trackables;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import com.headlessanalytics.console.domain.trackable.TrackableKind;
import com.headlessanalytics.console.ui.common.ScreenScaffold;
import com.headlessanalytics.console.ui.common.ViewParts;
import com.headlessanalytics.console.ui.common.PagePreview;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * Trackables: search and kind over the list (code, name, kind, payload, scans, last scan); the
 * selected one on the right with its symbol drawn as vectors, its payload to copy, its details and
 * its recent events; New trackable, Print labels and Refresh in the header.
 */
public final class TrackablesView extends ScreenScaffold {
    private final TrackablesViewModel model;

    public TrackablesView(TrackablesViewModel model) {
        super("Trackables", model.query());
        this.model = model;
        Button create = ViewParts.button("New trackable", Feather.PLUS, model.newCommand());
        create.setId("trackables-new");
        Button print = ViewParts.button("Print labels…", Feather.PRINTER, model.printCommand());
        print.setId("trackables-print");
        print.setTooltip(new Tooltip("Open the Labels screen with the selected trackables"));
        Button refresh = ViewParts.button("Refresh", Feather.REFRESH_CW, model.refreshCommand());
        refresh.setId("trackables-refresh");
        headerActions(create, print, refresh);

        TextField search = new TextField();
        search.setId("trackables-search");
        search.setPromptText("Search code, name, kind or payload");
        search.textProperty().bindBidirectional(model.searchProperty());
        search.setPrefWidth(360);
        ComboBox<TrackableKind> kind = new ComboBox<>();
        kind.setId("trackables-kind");
        List<TrackableKind> kinds = new ArrayList<>();
        kinds.add(null);
        kinds.addAll(List.of(TrackableKind.values()));
        kind.getItems().setAll(kinds);
        kind.setConverter(ViewParts.converter(TrackableFormViewModel::kindLabel));
        kind.setButtonCell(kindCell());
        kind.setCellFactory(list -> kindCell());
        kind.valueProperty().bindBidirectional(model.kindProperty());
        Label summary = new Label();
        summary.setId("trackables-summary");
        summary.textProperty().bind(model.summaryProperty());
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        HBox filters = new HBox(10, search, kind, summary);
        filters.setAlignment(Pos.CENTER_LEFT);
        controls(filters);

        TableView<TrackablesViewModel.Row> table = ViewParts.table("");
        table.setId("trackables-table");
        table.setItems(model.rows());
        Label empty = new Label();
        empty.textProperty().bind(model.placeholderProperty());
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        empty.setWrapText(true);
        empty.setMaxWidth(520);
        table.setPlaceholder(empty);
        table.getColumns().setAll(List.of(
                ViewParts.column("Code", TrackablesViewModel.Row::code, 95),
                ViewParts.column("Name", TrackablesViewModel.Row::name, 160),
                ViewParts.column("Kind", TrackablesViewModel.Row::kind, 90),
                ViewParts.column("Payload", TrackablesViewModel.Row::payload, 200),
                ViewParts.number("Scans", r -> String.valueOf(r.scans()), 65),
                ViewParts.column("Last scan", TrackablesViewModel.Row::lastScan, 140)));
        table.getColumns().get(0).setMinWidth(95);
        table.getColumns().get(4).setMinWidth(65);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<TrackablesViewModel.Row>) c ->
                model.selection().setAll(table.getSelectionModel().getSelectedItems()));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null) {
                model.selectedProperty().set(row);
            }
        });
        model.selectedProperty().addListener((obs, old, row) -> follow(table));
        model.rows().addListener((ListChangeListener<TrackablesViewModel.Row>) c -> follow(table));
        SplitPane split = new SplitPane(table, detailPane());
        split.setDividerPositions(0.6);
        body(split);
    }

    /** A kind, or "All kinds" for none. */
    private static ListCell<TrackableKind> kindCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(TrackableKind item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item == null ? "All kinds" : TrackableFormViewModel.kindLabel(item));
            }
        };
    }

    /** The table shows the model's selection: selected when listed, nothing selected when filtered out. */
    private void follow(TableView<TrackablesViewModel.Row> table) {
        TrackablesViewModel.Row row = model.selectedProperty().get();
        TrackablesViewModel.Row listed = row == null ? null : model.rows().stream()
                .filter(r -> r.code().equals(row.code())).findFirst().orElse(null);
        if (listed == null) {
            table.getSelectionModel().clearSelection();
        } else if (!table.getSelectionModel().getSelectedItems().contains(listed)) {
            table.getSelectionModel().clearSelection();
            table.getSelectionModel().select(listed);
        }
    }

    private Node detailPane() {
        Label none = new Label("Select a trackable to see its symbol, payload and scans.");
        none.getStyleClass().add(Styles.TEXT_MUTED);
        none.setWrapText(true);
        none.visibleProperty().bind(model.detailTitleProperty().isEmpty());
        none.managedProperty().bind(none.visibleProperty());
        Label title = new Label();
        title.setId("trackables-detail-title");
        title.textProperty().bind(model.detailTitleProperty());
        title.getStyleClass().add(Styles.TITLE_4);
        title.setWrapText(true);
        PagePreview symbol = new PagePreview(4);
        symbol.setId("trackables-symbol");
        symbol.drawingProperty().bind(model.symbolProperty());
        symbol.setPrefSize(190, 190);
        symbol.setMaxSize(190, 190);
        symbol.visibleProperty().bind(model.symbolProperty().isNotNull());
        symbol.managedProperty().bind(symbol.visibleProperty());
        TextField payload = new TextField();
        payload.setId("trackables-payload");
        payload.setEditable(false);
        payload.textProperty().bind(model.payloadProperty());
        HBox.setHgrow(payload, Priority.ALWAYS);
        Button copy = ViewParts.button("Copy", Feather.COPY, model.copyPayloadCommand());
        copy.setId("trackables-copy");
        copy.getStyleClass().add(Styles.SMALL);
        HBox payloadLine = new HBox(6, payload, copy);
        payloadLine.setAlignment(Pos.CENTER_LEFT);
        payloadLine.visibleProperty().bind(model.detailTitleProperty().isNotEmpty());
        payloadLine.managedProperty().bind(payloadLine.visibleProperty());
        GridPane fields = new GridPane();
        fields.setId("trackables-detail");
        fields.setHgap(12);
        fields.setVgap(6);
        model.detail().addListener((ListChangeListener<TrackablesViewModel.Field>) c -> fill(fields));

        Label eventsHeading = new Label("Recent scans");
        eventsHeading.getStyleClass().add(Styles.TEXT_BOLD);
        Button open = ViewParts.button("Open in Events", Feather.EXTERNAL_LINK, model.showEventsCommand());
        open.setId("trackables-open-events");
        open.getStyleClass().add(Styles.SMALL);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox eventsLine = new HBox(8, eventsHeading, grow, open);
        eventsLine.setAlignment(Pos.CENTER_LEFT);
        TableView<TrackablesViewModel.EventRow> events = ViewParts.table("");
        events.setId("trackables-events");
        events.setItems(model.events());
        Label eventsStatus = new Label();
        eventsStatus.textProperty().bind(model.eventsStatusProperty());
        eventsStatus.getStyleClass().add(Styles.TEXT_MUTED);
        events.setPlaceholder(eventsStatus);
        events.getColumns().setAll(List.of(
                ViewParts.column("Time", TrackablesViewModel.EventRow::time, 140),
                ViewParts.column("Event", TrackablesViewModel.EventRow::event, 110),
                ViewParts.column("Channel", TrackablesViewModel.EventRow::channel, 70),
                ViewParts.column("Actor", TrackablesViewModel.EventRow::actor, 110)));
        events.setPrefHeight(220);
        VBox eventsBox = new VBox(6, eventsLine, events);
        eventsBox.visibleProperty().bind(model.detailTitleProperty().isNotEmpty());
        eventsBox.managedProperty().bind(eventsBox.visibleProperty());

        VBox box = new VBox(10, none, title, symbol, payloadLine, fields, eventsBox);
        box.setPadding(new Insets(8, 8, 8, 12));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        return scroll;
    }

    private void fill(GridPane grid) {
        grid.getChildren().clear();
        int row = 0;
        for (TrackablesViewModel.Field f : model.detail()) {
            Label name = new Label(f.name());
            name.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            name.setMinWidth(Region.USE_PREF_SIZE);
            Label value = new Label(f.value());
            value.setWrapText(true);
            GridPane.setHgrow(value, Priority.ALWAYS);
            GridPane.setValignment(name, VPos.TOP);
            grid.addRow(row++, name, value);
        }
    }
}
