package com.headlessanalytics.console.ui.events;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.io.File;
import java.util.List;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.geometry.Side;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Events screen: filters on top, the event table, and the selected envelope beside it. The
 * table is virtualised; rows near its end ask the model for the next page. The header sends a test
 * event and exports the filtered events to a CSV file chosen here.
 */
public final class EventsView extends BorderPane {
    private File exportFolder;

    public EventsView(EventsViewModel model) {
        getStyleClass().add("screen");
        Label title = new Label("Events");
        title.getStyleClass().add(Styles.TITLE_2);
        Label status = new Label();
        status.textProperty().bind(model.statusProperty());
        status.getStyleClass().add(Styles.TEXT_MUTED);
        ToggleSwitch live = new ToggleSwitch("Live");
        live.selectedProperty().bindBidirectional(model.liveProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button sendTest = new Button("Send test event", new FontIcon(Feather.SEND));
        sendTest.setTooltip(new Tooltip("Send one event to this workspace to check the pipeline"));
        sendTest.setOnAction(e -> new TestEventView(model.newTestEvent(), getScene().getWindow()).show());
        Button export = new Button("Export CSV", new FontIcon(Feather.DOWNLOAD));
        export.setTooltip(new Tooltip("Write every event matching the filters to a CSV file, newest first"));
        export.disableProperty().bind(model.exportingProperty());
        export.setOnAction(e -> chooseExportFile(model));
        Button cancelExport = new Button("Cancel export", new FontIcon(Feather.X));
        cancelExport.getStyleClass().add(Styles.FLAT);
        cancelExport.visibleProperty().bind(model.exportingProperty());
        cancelExport.managedProperty().bind(cancelExport.visibleProperty());
        cancelExport.setOnAction(e -> model.cancelExport());
        for (Button b : new Button[] {sendTest, export, cancelExport}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        status.setMinWidth(0);
        HBox header = new HBox(12, title, grow, status, live, sendTest, export, cancelExport);
        header.setAlignment(Pos.CENTER_LEFT);

        TextField event = field("Event name, e.g. order.created", model.eventFilterProperty(), 200);
        HBox.setHgrow(event, Priority.ALWAYS);
        suggestNames(event, model);
        TextField trace = field("Trace ID", model.traceFilterProperty(), 120);
        TextField actor = field("Actor", model.actorFilterProperty(), 110);
        TextField business = field("Business", model.businessFilterProperty(), 100);
        DatePicker from = new DatePicker();
        from.setPromptText("From");
        from.setPrefWidth(125);
        from.valueProperty().bindBidirectional(model.fromDateProperty());
        DatePicker to = new DatePicker();
        to.setPromptText("To");
        to.setPrefWidth(125);
        to.valueProperty().bindBidirectional(model.toDateProperty());
        Button apply = new Button("Apply", new FontIcon(Feather.SEARCH));
        apply.setDefaultButton(true);
        apply.setOnAction(e -> model.apply());
        Button clear = new Button("Clear");
        clear.getStyleClass().add(Styles.FLAT);
        apply.setMinWidth(Region.USE_PREF_SIZE);
        clear.setMinWidth(Region.USE_PREF_SIZE);
        clear.setOnAction(e -> model.clearFilters());
        for (TextField f : new TextField[] {event, trace, actor, business}) {
            f.setOnAction(e -> model.apply());
        }
        HBox filters = new HBox(8, event, trace, actor, business, from, to, apply, clear);
        filters.setAlignment(Pos.CENTER_LEFT);

        Label error = new Label();
        error.textProperty().bind(model.errorProperty());
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        Label exact = new Label();
        exact.textProperty().bind(model.exactRangeProperty());
        exact.getStyleClass().add(Styles.ACCENT);
        exact.visibleProperty().bind(model.exactRangeProperty().isNotEmpty());
        exact.managedProperty().bind(exact.visibleProperty());

        VBox top = new VBox(12, header, filters, exact, error);
        top.setPadding(new Insets(0, 0, 12, 0));
        setTop(top);

        TableView<EventsViewModel.Row> table = new TableView<>(model.rows());
        table.getStyleClass().addAll(Styles.STRIPED, Tweaks.EDGE_TO_EDGE);
        table.getColumns().setAll(java.util.List.of(
                column("Time", EventsViewModel.Row::time, 125),
                column("Event", EventsViewModel.Row::name, 165),
                column("Actor", EventsViewModel.Row::actor, 90),
                column("Business", EventsViewModel.Row::business, 85),
                column("Channel", EventsViewModel.Row::channel, 85),
                column("Tier", EventsViewModel.Row::tier, 50),
                column("Trace", EventsViewModel.Row::trace, 80)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        Label empty = new Label("No events yet. Send some to serve mode, ingest a file, or load the demo workspace.");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        empty.setWrapText(true);
        table.setPlaceholder(empty);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> model.selectedProperty().set(row));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(EventsViewModel.Row item, boolean empty) {
                super.updateItem(item, empty);
                if (!empty && getIndex() >= t.getItems().size() - 20) {
                    model.loadMore();
                }
            }
        });

        TextArea detail = new TextArea();
        detail.setEditable(false);
        detail.getStyleClass().add("mono");
        detail.textProperty().bind(model.detailProperty());
        detail.setPromptText("Select an event to see its envelope.");
        Button copy = new Button("Copy JSON", new FontIcon(Feather.COPY));
        copy.getStyleClass().add(Styles.FLAT);
        copy.disableProperty().bind(model.detailProperty().isEmpty());
        copy.setTooltip(new Tooltip("Copy the envelope to the clipboard"));
        copy.setOnAction(e -> {
            var content = new javafx.scene.input.ClipboardContent();
            content.putString(model.detailProperty().get());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        });
        Label detailTitle = new Label("Envelope");
        detailTitle.getStyleClass().add(Styles.TITLE_4);
        Region g2 = new Region();
        HBox.setHgrow(g2, Priority.ALWAYS);
        HBox detailHeader = new HBox(8, detailTitle, g2, copy);
        detailHeader.setAlignment(Pos.CENTER_LEFT);
        VBox.setVgrow(detail, Priority.ALWAYS);
        VBox detailPane = new VBox(8, detailHeader, detail);
        detailPane.setPadding(new Insets(0, 0, 0, 12));

        SplitPane split = new SplitPane(table, detailPane);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.72);
        setCenter(split);
    }

    private void chooseExportFile(EventsViewModel model) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export events as CSV");
        chooser.setInitialFileName(model.suggestedExportFileName());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV files", "*.csv"));
        if (exportFolder != null && exportFolder.isDirectory()) {
            chooser.setInitialDirectory(exportFolder);
        }
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            exportFolder = file.getParentFile();
            model.exportCsv(file.toPath());
        }
    }

    /** A drop-down of known event names under the field while typing; choosing one applies it. */
    private static void suggestNames(TextField field, EventsViewModel model) {
        ContextMenu menu = new ContextMenu();
        field.textProperty().addListener((obs, old, text) -> {
            if (!field.isFocused()) {
                return;
            }
            List<String> names = model.suggestions(text, 10);
            if (names.isEmpty()) {
                menu.hide();
                return;
            }
            menu.getItems().setAll(names.stream().map(name -> {
                MenuItem item = new MenuItem(name);
                item.setMnemonicParsing(false);
                item.setOnAction(e -> {
                    field.setText(name);
                    field.positionCaret(name.length());
                    menu.hide();
                    model.apply();
                });
                return item;
            }).toList());
            if (!menu.isShowing()) {
                menu.show(field, Side.BOTTOM, 0, 0);
            }
        });
        field.focusedProperty().addListener((obs, old, focused) -> {
            if (!focused) {
                menu.hide();
            }
        });
    }

    private static TextField field(String prompt, javafx.beans.property.StringProperty property, double width) {
        TextField f = new TextField();
        f.setPromptText(prompt);
        f.setPrefWidth(width);
        f.textProperty().bindBidirectional(property);
        return f;
    }

    private static TableColumn<EventsViewModel.Row, String> column(String name,
            Function<EventsViewModel.Row, String> value, double width) {
        TableColumn<EventsViewModel.Row, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        c.setMinWidth(Math.max(50, width * 0.75));
        c.setSortable(false);
        return c;
    }
}
