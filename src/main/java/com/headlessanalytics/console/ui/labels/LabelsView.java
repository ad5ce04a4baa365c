package com.headlessanalytics.console.ui.labels;

import atlantafx.base.theme.Styles;
import com.headlessanalytics.console.hardware.labels.LabelFormat;
import com.headlessanalytics.console.hardware.labels.LabelTemplate;
import com.headlessanalytics.console.hardware.print.PrintMargins;
import com.headlessanalytics.console.symbols.ErrorCorrection;
import com.headlessanalytics.console.symbols.Symbology;
import com.headlessanalytics.console.ui.common.PagePreview;
import com.headlessanalytics.console.ui.common.ScreenScaffold;
import com.headlessanalytics.console.ui.common.ViewParts;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Labels: on the left the trackables to pick from (searchable, multi-select) over the picked ones;
 * in the middle the template, error correction, start position (a grid of the sheet's positions)
 * and the printer, paper and margins; on the right the page preview with its pager. Print and
 * Export in the header.
 */
public final class LabelsView extends ScreenScaffold {
    static final double CAPTION = 120;
    private final LabelsViewModel model;
    private final GridPane positions = new GridPane();

    public LabelsView(LabelsViewModel model) {
        super("Labels", model.query());
        this.model = model;
        Button print = ViewParts.button("Print", Feather.PRINTER, model.printCommand());
        print.setId("labels-print");
        print.getStyleClass().add(Styles.ACCENT);
        MenuButton export = new MenuButton("Export", new FontIcon(Feather.DOWNLOAD));
        export.setId("labels-export");
        for (LabelFormat f : model.formats()) {
            MenuItem item = new MenuItem(f.name() + "…");
            item.setId("labels-export-" + f.extension());
            item.setOnAction(e -> model.export(f));
            if (f == LabelFormat.ZPL) {
                item.disableProperty().bind(model.zplProperty().not());
            }
            export.getItems().add(item);
        }
        export.disableProperty().bind(Bindings.isEmpty(model.picked()));
        Button refresh = ViewParts.button("Refresh", Feather.REFRESH_CW, model.refreshCommand());
        refresh.setId("labels-refresh");
        headerActions(print, export, refresh);
        Label job = new Label();
        job.setId("labels-job");
        job.textProperty().bind(model.jobTextProperty());
        job.getStyleClass().add(Styles.TEXT_MUTED);
        summary(job);

        SplitPane split = new SplitPane(pickPane(), settingsPane(), previewPane());
        split.setDividerPositions(0.28, 0.58);
        body(split);
    }

    private Node pickPane() {
        TextField search = new TextField();
        search.setId("labels-search");
        search.setPromptText("Search code, name or kind");
        search.textProperty().bindBidirectional(model.searchProperty());
        TableView<LabelsViewModel.Pick> available = picks("labels-available", "No trackables to pick."
                + " Create them on the Trackables screen.");
        available.setItems(model.available());
        keep(available, model.availableSelection());
        ViewParts.onOpen(available, p -> model.availableSelection().setAll(List.of(p)));
        Button add = small(ViewParts.button("Add", Feather.CHEVRON_DOWN, model.addCommand()), "labels-add");
        Button addAll = small(ViewParts.button("Add all shown", Feather.CHEVRONS_DOWN, model.addAllCommand()),
                "labels-add-all");
        HBox addLine = new HBox(6, add, addAll);
        TableView<LabelsViewModel.Pick> picked = picks("labels-picked", "Pick the trackables to print: select"
                + " them above and Add.");
        picked.setItems(model.picked());
        keep(picked, model.pickedSelection());
        Button remove = small(ViewParts.button("Remove", Feather.X, model.removeCommand()), "labels-remove");
        Button clear = small(ViewParts.button("Clear", Feather.TRASH_2, model.clearCommand()), "labels-clear");
        Label pickedHeading = heading("On the labels");
        HBox removeLine = new HBox(6, remove, clear);
        VBox.setVgrow(available, Priority.ALWAYS);
        VBox.setVgrow(picked, Priority.ALWAYS);
        VBox box = new VBox(8, heading("Trackables"), search, available, addLine, pickedHeading, picked, removeLine);
        box.setPadding(new Insets(4, 8, 4, 0));
        return box;
    }

    private static TableView<LabelsViewModel.Pick> picks(String id, String placeholder) {
        TableView<LabelsViewModel.Pick> table = ViewParts.table(placeholder);
        table.setId(id);
        table.getColumns().setAll(List.of(
                ViewParts.column("Code", LabelsViewModel.Pick::code, 90),
                ViewParts.column("Name", LabelsViewModel.Pick::name, 170)));
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPrefHeight(200);
        return table;
    }

    /** The table's selection mirrored into the model's list. */
    private static void keep(TableView<LabelsViewModel.Pick> table, ObservableList<LabelsViewModel.Pick> into) {
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<LabelsViewModel.Pick>) c ->
                into.setAll(List.copyOf(table.getSelectionModel().getSelectedItems())));
    }

    private Node settingsPane() {
        ComboBox<LabelTemplate> template = new ComboBox<>();
        template.setId("labels-template");
        template.getItems().setAll(model.templates());
        template.valueProperty().bindBidirectional(model.templateProperty());
        template.setConverter(ViewParts.converter(LabelTemplate::name));
        ComboBox<ErrorCorrection> correction = new ComboBox<>();
        correction.setId("labels-correction");
        correction.getItems().setAll(model.corrections());
        correction.valueProperty().bindBidirectional(model.correctionProperty());
        correction.setConverter(ViewParts.converter(LabelsViewModel::correctionLabel));
        ComboBox<Symbology> barcode = new ComboBox<>();
        barcode.setId("labels-barcode");
        barcode.getItems().setAll(model.barcodes());
        barcode.valueProperty().bindBidirectional(model.barcodeProperty());
        barcode.setConverter(ViewParts.converter(LabelsViewModel::barcodeLabel));
        positions.setId("labels-positions");
        positions.setHgap(3);
        positions.setVgap(3);
        model.templateProperty().addListener((obs, old, t) -> fillPositions(t));
        fillPositions(model.templateProperty().get());
        Label startHint = new Label();
        startHint.textProperty().bind(Bindings.createStringBinding(() -> "Starts at position "
                + model.startPositionProperty().get() + ": the positions before it are used up",
                model.startPositionProperty()));
        startHint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        startHint.setWrapText(true);
        VBox start = new VBox(6, heading("Start position"), positions, startHint);
        start.visibleProperty().bind(model.sheetProperty());
        start.managedProperty().bind(start.visibleProperty());

        ComboBox<String> printer = new ComboBox<>(model.printers());
        printer.setId("labels-printer");
        printer.valueProperty().bindBidirectional(model.printerProperty());
        ComboBox<LabelsViewModel.Paper> paper = new ComboBox<>(model.papers());
        paper.setId("labels-paper");
        paper.valueProperty().bindBidirectional(model.paperProperty());
        paper.setConverter(ViewParts.converter(LabelsViewModel.Paper::label));
        ComboBox<PrintMargins> margins = new ComboBox<>();
        margins.setId("labels-margins");
        margins.getItems().setAll(model.marginChoices());
        margins.valueProperty().bindBidirectional(model.marginsProperty());
        margins.setConverter(ViewParts.converter(PrintMargins::label));
        margins.setTooltip(new Tooltip("Labels are placed from the paper's corner either way; with the printer"
                + " minimum, what the printer cannot reach is left off"));
        Label printerStatus = ViewParts.error(model.printerStatusProperty());
        printerStatus.getStyleClass().remove(Styles.DANGER);
        printerStatus.getStyleClass().add(Styles.TEXT_MUTED);

        VBox box = new VBox(10, heading("Labels"),
                ViewParts.formRow("Template", CAPTION, template),
                ViewParts.formRow("QR correction", CAPTION, correction),
                ViewParts.formRow("Barcodes", CAPTION, barcode),
                start,
                heading("Printing"),
                ViewParts.formRow("Printer", CAPTION, printer),
                ViewParts.formRow("Paper", CAPTION, paper),
                ViewParts.formRow("Margins", CAPTION, margins),
                printerStatus);
        box.setPadding(new Insets(4, 10, 4, 10));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    /** One button per position of the sheet, row by row; the start is selected and the ones before it muted. */
    private void fillPositions(LabelTemplate t) {
        positions.getChildren().clear();
        if (t.stock() != LabelTemplate.Stock.SHEET) {
            return;
        }
        for (int i = 0; i < t.perPage(); i++) {
            int position = i + 1;
            Button b = new Button(String.valueOf(position));
            b.setId("labels-position-" + position);
            b.getStyleClass().add(Styles.SMALL);
            b.setPrefWidth(t.columns() > 3 ? 36 : 54);
            mark(b, model.startPositionProperty().get() == position);
            model.startPositionProperty().addListener((obs, old, now) -> mark(b, now.intValue() == position));
            b.opacityProperty().bind(Bindings.when(model.startPositionProperty().greaterThan(position)).then(0.45)
                    .otherwise(1.0));
            b.setOnAction(e -> model.startPositionProperty().set(position));
            positions.add(b, i % t.columns(), i / t.columns());
        }
    }

    /** The start position's button is the accent one. */
    private static void mark(Button b, boolean start) {
        if (start && !b.getStyleClass().contains(Styles.ACCENT)) {
            b.getStyleClass().add(Styles.ACCENT);
        } else if (!start) {
            b.getStyleClass().remove(Styles.ACCENT);
        }
    }

    private Node previewPane() {
        PagePreview preview = new PagePreview(12);
        preview.setId("labels-preview");
        preview.drawingProperty().bind(model.drawingProperty());
        VBox.setVgrow(preview, Priority.ALWAYS);
        Label error = ViewParts.error(model.previewState().errorProperty());
        Button previous = small(ViewParts.button("", Feather.CHEVRON_LEFT, model.previousCommand()),
                "labels-page-previous");
        Button next = small(ViewParts.button("", Feather.CHEVRON_RIGHT, model.nextCommand()), "labels-page-next");
        Label page = new Label();
        page.setId("labels-page");
        page.textProperty().bind(model.pageTextProperty());
        HBox pager = new HBox(8, previous, page, next);
        pager.setAlignment(Pos.CENTER);
        VBox box = new VBox(6, heading("Preview"), preview, error, pager);
        box.setPadding(new Insets(4, 0, 4, 8));
        return box;
    }

    private static Button small(Button b, String id) {
        b.setId(id);
        b.getStyleClass().add(Styles.SMALL);
        return b;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TITLE_4);
        return l;
    }
}
