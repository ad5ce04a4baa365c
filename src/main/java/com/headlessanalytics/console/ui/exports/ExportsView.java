package com.headlessanalytics.console.ui.exports;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import com.headlessanalytics.console.ui.common.DateRangeBar;
import com.headlessanalytics.console.ui.common.ScreenScaffold;
import com.headlessanalytics.console.ui.common.ViewParts;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
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
 * Exports: on the left the saved destinations and the export form (destination, its config fields,
 * secrets as password fields never filled from storage, period, event, limit, Save as, Export); on
 * the right the receipts with their status in colour, and the selected one's details, files, load
 * command (Copy) and error, with Retry.
 */
public final class ExportsView extends ScreenScaffold {
    private static final double CAPTION = 130;
    private static final Map<String, String> TITLES = Map.of("bigquery", "BigQuery", "snowflake", "Snowflake",
            "redshift", "Amazon Redshift", "s3", "Amazon S3", "gcs", "Google Cloud Storage", "https", "HTTPS endpoint");
    private final ExportsViewModel model;

    public ExportsView(ExportsViewModel model) {
        super("Exports", model.query());
        this.model = model;
        Button refresh = ViewParts.button("Refresh", Feather.REFRESH_CW, model.refreshCommand());
        refresh.setId("exports-refresh");
        headerActions(refresh);
        ScrollPane form = new ScrollPane(formPane());
        form.setFitToWidth(true);
        form.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        SplitPane split = new SplitPane(form, receiptsPane());
        split.setDividerPositions(0.4);
        body(split);
    }

    static String title(String destination) {
        return TITLES.getOrDefault(destination, destination);
    }

    private Node formPane() {
        Label savedHeading = bold("Saved destinations");
        ListView<SavedDestination> saved = new ListView<>(model.saved());
        saved.setId("exports-saved");
        saved.setPrefHeight(96);
        saved.getStyleClass().add(Styles.DENSE);
        Label none = new Label("None yet: fill in the form and Save.");
        none.getStyleClass().add(Styles.TEXT_MUTED);
        saved.setPlaceholder(none);
        saved.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(SavedDestination item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.name() + "  ·  " + title(item.destination()));
            }
        });
        saved.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectedSavedProperty().set(now);
            }
        });
        model.selectedSavedProperty().addListener((obs, old, now) -> {
            if (now == null) {
                saved.getSelectionModel().clearSelection();
            } else if (saved.getSelectionModel().getSelectedItem() != now) {
                saved.getSelectionModel().select(now);
            }
        });
        Button forget = ViewParts.button("Forget", Feather.TRASH_2, model.deleteSavedCommand());
        forget.setId("exports-forget");
        forget.getStyleClass().add(Styles.SMALL);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox savedLine = new HBox(8, savedHeading, grow, forget);
        savedLine.setAlignment(Pos.CENTER_LEFT);

        ComboBox<String> destination = new ComboBox<>();
        destination.setId("exports-destination");
        destination.getItems().setAll(ExportsViewModel.destinations());
        destination.setConverter(ViewParts.converter(ExportsView::title));
        destination.valueProperty().bindBidirectional(model.destinationProperty());
        VBox fields = new VBox(8);
        fields.setId("exports-fields");
        showFields(fields);
        model.inputs().addListener((ListChangeListener<ExportsViewModel.Input>) c -> showFields(fields));

        TextField event = new TextField();
        event.setId("exports-event");
        event.setPromptText("All events (or one event name, e.g. order.created)");
        event.textProperty().bindBidirectional(model.eventProperty());
        TextField limit = new TextField();
        limit.setId("exports-limit");
        limit.textProperty().bindBidirectional(model.limitProperty());
        limit.setPrefColumnCount(8);
        limit.setMaxWidth(120);
        Label limitNote = new Label("most recent events");
        limitNote.getStyleClass().add(Styles.TEXT_MUTED);
        HBox limitBox = new HBox(8, limit, limitNote);
        limitBox.setAlignment(Pos.CENTER_LEFT);
        Label problem = ViewParts.error(model.formErrorProperty());
        problem.setId("exports-form-error");

        Button run = ViewParts.button("Export", Feather.SHARE, model.exportCommand());
        run.setId("exports-run");
        run.getStyleClass().add(Styles.ACCENT);
        ProgressIndicator busy = new ProgressIndicator(-1);
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(model.query().runningProperty());
        Label result = new Label();
        result.setId("exports-result");
        result.textProperty().bind(model.lastResultProperty());
        result.getStyleClass().add(Styles.TEXT_MUTED);
        result.setWrapText(true);
        HBox runLine = new HBox(10, run, busy);
        runLine.setAlignment(Pos.CENTER_LEFT);

        TextField name = new TextField();
        name.setId("exports-name");
        name.setPromptText("A name, e.g. Warehouse nightly");
        name.textProperty().bindBidirectional(model.nameProperty());
        HBox.setHgrow(name, Priority.ALWAYS);
        Button save = ViewParts.button("Save", Feather.SAVE, model.saveCommand());
        save.setId("exports-save");
        HBox saveLine = new HBox(8, name, save);
        saveLine.setAlignment(Pos.CENTER_LEFT);
        Label secretsNote = new Label("Secrets are kept in the keychain (or an owner-only file), never in the"
                + " settings, and are not shown again after saving.");
        secretsNote.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        secretsNote.setWrapText(true);
        Label where = new Label();
        where.textProperty().bind(model.secretsNoteProperty());
        where.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        where.setWrapText(true);
        where.visibleProperty().bind(model.secretsNoteProperty().isNotEmpty());
        where.managedProperty().bind(where.visibleProperty());

        VBox box = new VBox(10, savedLine, saved, bold("New export"),
                ViewParts.formRow("Destination", CAPTION, destination), fields,
                ViewParts.formRow("Period", CAPTION, new DateRangeBar(model.rangeProperty())),
                ViewParts.formRow("Event", CAPTION, event), ViewParts.formRow("Limit", CAPTION, limitBox),
                problem, runLine, result, ViewParts.formRow("Save as", CAPTION, saveLine), secretsNote, where);
        box.setPadding(new Insets(4, 12, 8, 0));
        return box;
    }

    private void showFields(VBox box) {
        box.getChildren().clear();
        for (ExportsViewModel.Input in : model.inputs()) {
            ExportsViewModel.Field f = in.field();
            TextField field = f.secret() ? new PasswordField() : new TextField();
            field.setId("exports-field-" + f.key());
            field.textProperty().bindBidirectional(in.valueProperty());
            if (f.secret()) {
                field.promptTextProperty().bind(Bindings.when(in.storedProperty())
                        .then("Saved (hidden): empty keeps it")
                        .otherwise("Secret: kept apart when saved"));
            } else {
                field.setPromptText(f.prompt());
            }
            box.getChildren().add(ViewParts.formRow(f.label() + (f.required() ? " *" : ""), CAPTION, field));
        }
    }

    private static Label bold(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_BOLD);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private Node receiptsPane() {
        Label heading = new Label("Receipts");
        heading.getStyleClass().add(Styles.TITLE_4);
        Label status = new Label();
        status.setId("exports-receipts-status");
        status.textProperty().bind(model.receiptsQuery().statusProperty());
        status.getStyleClass().add(Styles.TEXT_MUTED);
        HBox head = new HBox(10, heading, status);
        head.setAlignment(Pos.CENTER_LEFT);
        Label unavailable = ViewParts.notice(model.receiptsGate().unavailableProperty());
        unavailable.setId("exports-receipts-unavailable");
        Label error = ViewParts.error(model.receiptsQuery().errorProperty());
        error.setId("exports-receipts-error");

        TableView<ExportsViewModel.ReceiptRow> table = ViewParts.table("No exports yet.");
        table.setId("exports-receipts");
        table.setItems(model.receipts());
        TableColumn<ExportsViewModel.ReceiptRow, String> state =
                ViewParts.column("Status", ExportsViewModel.ReceiptRow::status, 105);
        state.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                if (empty || item == null) {
                    setGraphic(null);
                    return;
                }
                Label badge = new Label(item);
                badge.getStyleClass().addAll("badge", "succeeded".equals(item) ? "badge-success" : "failed"
                        .equals(item) ? "badge-danger" : "badge-muted");
                setGraphic(badge);
            }
        });
        TableColumn<ExportsViewModel.ReceiptRow, String> sha =
                ViewParts.column("SHA-256", ExportsViewModel.ReceiptRow::sha, 150);
        sha.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                if (empty || item == null || item.isEmpty()) {
                    setGraphic(null);
                    return;
                }
                Label text = new Label(item);
                text.getStyleClass().add("mono");
                Button copy = new Button(null, new FontIcon(Feather.COPY));
                copy.getStyleClass().addAll(Styles.FLAT, Styles.SMALL, Styles.BUTTON_ICON);
                copy.setTooltip(new Tooltip("Copy the full SHA-256"));
                copy.setOnAction(e -> {
                    model.selectedReceiptProperty().set(getTableRow().getItem());
                    model.copyShaCommand().execute();
                });
                HBox line = new HBox(4, text, copy);
                line.setAlignment(Pos.CENTER_LEFT);
                setGraphic(line);
            }
        });
        table.getColumns().setAll(List.of(
                ViewParts.column("Time", ExportsViewModel.ReceiptRow::time, 150),
                ViewParts.column("Destination", ExportsViewModel.ReceiptRow::destination, 110),
                ViewParts.number("Events", ExportsViewModel.ReceiptRow::count, 70),
                state,
                sha,
                ViewParts.column("Location", ExportsViewModel.ReceiptRow::location, 200)));
        for (TableColumn<ExportsViewModel.ReceiptRow, ?> c : table.getColumns()) {
            c.setMinWidth(c.getPrefWidth());
        }
        table.getColumns().get(5).setMinWidth(120);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null) {
                model.selectedReceiptProperty().set(row);
            }
        });
        model.selectedReceiptProperty().addListener((obs, old, row) -> {
            if (row == null) {
                table.getSelectionModel().clearSelection();
            } else if (table.getSelectionModel().getSelectedItem() != row) {
                table.getSelectionModel().select(row);
            }
        });
        table.setPrefHeight(200);

        GridPane fields = ViewParts.detailGrid("exports-detail", model.detail(), false);
        Label filesHeading = bold("Files");
        VBox files = new VBox(4);
        files.setId("exports-files");
        model.files().addListener((ListChangeListener<String>) c -> files.getChildren().setAll(model.files().stream()
                .map(text -> {
                    Label file = new Label(text);
                    file.setWrapText(true);
                    file.getStyleClass().add(Styles.TEXT_SMALL);
                    return file;
                }).toList()));
        VBox filesBox = new VBox(4, filesHeading, files);
        filesBox.visibleProperty().bind(Bindings.isNotEmpty(model.files()));
        filesBox.managedProperty().bind(filesBox.visibleProperty());
        Label loadHeading = bold("Load command");
        Button copyLoad = ViewParts.button("Copy", Feather.COPY, model.copyLoadCommandCommand());
        copyLoad.setId("exports-copy-load");
        copyLoad.getStyleClass().add(Styles.SMALL);
        HBox loadLine = new HBox(8, loadHeading, copyLoad);
        loadLine.setAlignment(Pos.CENTER_LEFT);
        TextArea load = new TextArea();
        load.setId("exports-load-command");
        load.setEditable(false);
        load.setWrapText(true);
        load.setPrefRowCount(3);
        load.getStyleClass().add("mono");
        load.textProperty().bind(model.loadCommandProperty());
        VBox loadBox = new VBox(4, loadLine, load);
        loadBox.visibleProperty().bind(model.loadCommandProperty().isNotEmpty());
        loadBox.managedProperty().bind(loadBox.visibleProperty());
        Label receiptError = ViewParts.error(model.receiptErrorProperty());
        receiptError.setId("exports-receipt-error");
        Button retry = ViewParts.button("Retry", Feather.ROTATE_CW, model.retryCommand());
        retry.setId("exports-retry");
        retry.setTooltip(new Tooltip("Deliver the failed export's files again, with the saved destination's secrets"));
        retry.visibleProperty().bind(Bindings.createBooleanBinding(() -> model.selectedReceiptProperty().get() != null
                && model.selectedReceiptProperty().get().failed(), model.selectedReceiptProperty()));
        retry.managedProperty().bind(retry.visibleProperty());
        VBox detail = new VBox(8, fields, receiptError, retry, filesBox, loadBox);
        detail.setPadding(new Insets(8, 0, 0, 0));
        detail.visibleProperty().bind(model.selectedReceiptProperty().isNotNull());
        detail.managedProperty().bind(detail.visibleProperty());
        Label pick = new Label("Select a receipt to see its files, load command and error.");
        pick.getStyleClass().add(Styles.TEXT_MUTED);
        pick.visibleProperty().bind(model.selectedReceiptProperty().isNull()
                .and(Bindings.isNotEmpty(model.receipts())));
        pick.managedProperty().bind(pick.visibleProperty());

        VBox box = new VBox(8, head, unavailable, error, table, pick, detail);
        box.setPadding(new Insets(4, 0, 8, 12));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        return scroll;
    }
}
