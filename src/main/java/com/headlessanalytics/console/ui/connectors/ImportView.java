package com.headlessanalytics.console.ui.connectors;

import atlantafx.base.theme.Styles;
import com.headlessanalytics.console.ui.common.Formats;
import com.headlessanalytics.console.ui.common.ScreenScaffold;
import com.headlessanalytics.console.ui.common.ViewParts;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Import wizard: the steps as a line under the title, and one pane per step — provider and
 * record type; the file; the preview (counts, mapped events with their warnings and errors, the
 * errors listed); the import's progress with Stop, then its summary with Open in Events.
 */
public final class ImportView extends ScreenScaffold {
    private final ImportViewModel model;

    public ImportView(ImportViewModel model) {
        super("Import", model.query());
        this.model = model;
        HBox steps = new HBox(8);
        steps.setAlignment(Pos.CENTER_LEFT);
        String[] names = {"1  Provider", "2  File", "3  Preview", "4  Import"};
        for (ImportViewModel.Step s : ImportViewModel.Step.values()) {
            Label l = new Label(names[s.ordinal()]);
            l.setMinWidth(Region.USE_PREF_SIZE);
            l.getStyleClass().add("badge");
            l.getStyleClass().add(model.stepProperty().get() == s ? "badge-success" : "badge-muted");
            model.stepProperty().addListener((obs, old, now) -> {
                l.getStyleClass().removeAll("badge-success", "badge-muted");
                l.getStyleClass().add(now == s ? "badge-success" : "badge-muted");
            });
            steps.getChildren().add(l);
            if (s != ImportViewModel.Step.IMPORT) {
                steps.getChildren().add(new FontIcon(Feather.CHEVRON_RIGHT));
            }
        }
        steps.setId("import-steps");
        controls(steps);
        StackPane panes = new StackPane(step(ImportViewModel.Step.PROVIDER, providerPane()),
                step(ImportViewModel.Step.FILE, filePane()), step(ImportViewModel.Step.PREVIEW, previewPane()),
                step(ImportViewModel.Step.IMPORT, importPane()));
        panes.setAlignment(Pos.TOP_LEFT);
        body(panes);
    }

    private Node step(ImportViewModel.Step s, Node pane) {
        pane.visibleProperty().bind(model.stepProperty().isEqualTo(s));
        pane.managedProperty().bind(pane.visibleProperty());
        return pane;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        l.setWrapText(true);
        return l;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TITLE_4);
        return l;
    }

    private static HBox buttons(Node... nodes) {
        HBox box = new HBox(8, nodes);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private Node providerPane() {
        Label unavailable = ViewParts.notice(model.providersGate().unavailableProperty());
        unavailable.setId("import-providers-unavailable");
        TextField typed = new TextField();
        typed.setId("import-provider-id");
        typed.setPromptText("Provider id, e.g. shopify, stripe, hubspot, generic");
        typed.textProperty().bindBidirectional(model.typedProviderProperty());
        Node typedRow = ViewParts.formRow("Provider", 110, typed);
        typedRow.visibleProperty().bind(model.providersGate().offeredProperty().not());
        typedRow.managedProperty().bind(typedRow.visibleProperty());

        TableView<ImportViewModel.ProviderRow> table = ViewParts.table("Reading the providers…");
        table.setId("import-providers");
        table.setItems(model.providers());
        table.getColumns().setAll(List.of(
                ViewParts.column("Provider", ImportViewModel.ProviderRow::title, 170),
                ViewParts.column("Id", ImportViewModel.ProviderRow::id, 110),
                ViewParts.column("Category", ImportViewModel.ProviderRow::category, 110),
                ViewParts.column("Record types", ImportViewModel.ProviderRow::recordTypesText, 320)));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) ->
                model.providerProperty().set(row));
        table.visibleProperty().bind(model.providersGate().offeredProperty());
        table.managedProperty().bind(table.visibleProperty());
        VBox.setVgrow(table, Priority.ALWAYS);

        ComboBox<String> type = new ComboBox<>(model.recordTypes());
        type.setId("import-record-type");
        type.setConverter(ViewParts.converter(ImportViewModel::recordTypeLabel));
        type.valueProperty().bindBidirectional(model.recordTypeProperty());
        type.setPrefWidth(300);
        type.setTooltip(new Tooltip("Optional: read every record as this record type of the provider"));
        type.visibleProperty().bind(model.providersGate().offeredProperty());
        type.managedProperty().bind(type.visibleProperty());
        TextField typedType = new TextField();
        typedType.setId("import-record-type-typed");
        typedType.setPromptText("Optional, e.g. order");
        typedType.textProperty().bindBidirectional(model.recordTypeProperty());
        typedType.visibleProperty().bind(model.providersGate().offeredProperty().not());
        typedType.managedProperty().bind(typedType.visibleProperty());
        HBox typeBox = new HBox(type, typedType);
        Node typeRow = ViewParts.formRow("Record type", 110, typeBox);

        Button next = ViewParts.button("Next: choose a file", Feather.ARROW_RIGHT, model.nextCommand());
        next.setId("import-next");
        next.getStyleClass().add(Styles.ACCENT);
        VBox pane = new VBox(10, heading("Which provider are the records from?"),
                muted("Each provider's records are mapped to canonical events by its documented mapping"
                        + " (docs/connectors.md); fields the mapping does not use are kept in the event's properties."),
                unavailable, typedRow, table, typeRow, buttons(next));
        pane.setPadding(new Insets(4, 0, 0, 0));
        return pane;
    }

    private Node filePane() {
        Label chosen = new Label();
        chosen.setId("import-file-provider");
        chosen.textProperty().bind(Bindings.createStringBinding(() -> "Provider: " + model.providerId()
                + " · record type: " + ImportViewModel.recordTypeLabel(model.recordTypeProperty().get())
                        .toLowerCase(java.util.Locale.ROOT), model.stepProperty(), model.recordTypeProperty()));
        chosen.getStyleClass().add(Styles.TEXT_BOLD);
        Label file = new Label();
        file.setId("import-file");
        file.textProperty().bind(Bindings.createStringBinding(() -> model.fileProperty().get() == null ? ""
                : "File: " + model.fileProperty().get(), model.fileProperty()));
        file.setWrapText(true);
        Button choose = ViewParts.button("Choose file…", Feather.FOLDER, model.chooseFileCommand());
        choose.setId("import-choose");
        choose.getStyleClass().add(Styles.ACCENT);
        Button back = ViewParts.button("Back", Feather.ARROW_LEFT, model.backCommand());
        back.setId("import-back-file");
        VBox pane = new VBox(10, heading("Choose the file"), chosen,
                muted("A JSON file (an array of records, or one record), NDJSON (one record per line) or CSV (a"
                        + " header line, then one record per line). Its first 1,000 records are sent as a dry run:"
                        + " mapped and checked, nothing stored."), file, buttons(back, choose));
        pane.setPadding(new Insets(4, 0, 0, 0));
        return pane;
    }

    private Node previewPane() {
        Label title = new Label();
        title.setId("import-preview-title");
        title.textProperty().bind(model.previewTitleProperty());
        title.getStyleClass().add(Styles.TEXT_BOLD);
        title.setWrapText(true);
        HBox counts = new HBox(10, ViewParts.stat("Will import", model.willImportProperty()),
                ViewParts.stat("Duplicates (already stored)", model.duplicatesProperty()),
                ViewParts.stat("With warnings", model.warningsProperty()),
                ViewParts.stat("With errors", model.errorsProperty()));
        counts.setId("import-counts");

        TableView<ImportViewModel.PreviewRow> table = ViewParts.table("No records.");
        table.setId("import-preview");
        table.setItems(model.preview());
        TableColumn<ImportViewModel.PreviewRow, String> status =
                ViewParts.column("Status", r -> statusText(r.status()), 110);
        status.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                ImportViewModel.PreviewRow row = empty ? null : getTableRow().getItem();
                if (row == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                setText(item);
                setGraphic(statusIcon(row.status()));
            }
        });
        TableColumn<ImportViewModel.PreviewRow, String> notes =
                ViewParts.column("Warnings and errors", ImportViewModel.PreviewRow::notes, 260);
        notes.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
            }
        });
        table.getColumns().setAll(List.of(
                ViewParts.number("#", r -> String.valueOf(r.record()), 50),
                ViewParts.column("Record id", ImportViewModel.PreviewRow::recordId, 110),
                ViewParts.column("Event", ImportViewModel.PreviewRow::event, 130),
                ViewParts.column("Actor", ImportViewModel.PreviewRow::actor, 170),
                ViewParts.number("Revenue", ImportViewModel.PreviewRow::revenue, 100),
                ViewParts.column("Time", ImportViewModel.PreviewRow::time, 135),
                status, notes));
        VBox.setVgrow(table, Priority.ALWAYS);

        Label errorsHeading = new Label("Records with errors (the server refuses a chunk holding any of them)");
        errorsHeading.getStyleClass().addAll(Styles.TEXT_BOLD, Styles.DANGER);
        ListView<String> errors = new ListView<>(model.previewErrors());
        errors.setId("import-errors");
        errors.setPrefHeight(110);
        errors.getStyleClass().add(Styles.DENSE);
        VBox errorBox = new VBox(4, errorsHeading, errors);
        errorBox.visibleProperty().bind(Bindings.isNotEmpty(model.previewErrors()));
        errorBox.managedProperty().bind(errorBox.visibleProperty());

        Button back = ViewParts.button("Back", Feather.ARROW_LEFT, model.backCommand());
        back.setId("import-back-preview");
        Button start = ViewParts.button("Import", Feather.UPLOAD, model.importCommand());
        start.setId("import-start");
        start.getStyleClass().add(Styles.ACCENT);
        Label blocked = muted("Fix the records with errors first: nothing is imported while the preview shows errors.");
        blocked.visibleProperty().bind(model.previewHasErrorsProperty());
        blocked.managedProperty().bind(blocked.visibleProperty());
        VBox pane = new VBox(10, title, counts, table, errorBox, buttons(back, start, blocked));
        pane.setPadding(new Insets(4, 0, 0, 0));
        return pane;
    }

    static String statusText(ImportViewModel.Status status) {
        return switch (status) {
            case NEW -> "New";
            case DUPLICATE -> "Duplicate";
            case WARNING -> "Warning";
            case ERROR -> "Error";
        };
    }

    static FontIcon statusIcon(ImportViewModel.Status status) {
        FontIcon icon = switch (status) {
            case NEW -> new FontIcon(Feather.CHECK_CIRCLE);
            case DUPLICATE -> new FontIcon(Feather.COPY);
            case WARNING -> new FontIcon(Feather.ALERT_TRIANGLE);
            case ERROR -> new FontIcon(Feather.X_CIRCLE);
        };
        icon.getStyleClass().add(switch (status) {
            case NEW -> Styles.SUCCESS;
            case DUPLICATE -> Styles.TEXT_MUTED;
            case WARNING -> Styles.WARNING;
            case ERROR -> Styles.DANGER;
        });
        return icon;
    }

    private Node importPane() {
        ProgressBar bar = new ProgressBar();
        bar.setId("import-progress");
        bar.progressProperty().bind(model.importRun().progressProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.visibleProperty().bind(model.importRun().runningProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        Label progress = new Label();
        progress.setId("import-progress-text");
        progress.textProperty().bind(model.importRun().statusProperty());
        progress.getStyleClass().add(Styles.TEXT_BOLD);
        Button stop = ViewParts.button("Stop after this chunk", Feather.X, model.stopCommand());
        stop.setId("import-stop");
        stop.visibleProperty().bind(model.importRun().runningProperty());
        stop.managedProperty().bind(stop.visibleProperty());
        Label safe = muted("Importing again is safe: each event's id comes from its provider record, so records"
                + " already stored are reported as duplicates and never stored twice.");
        Label error = ViewParts.error(model.importRun().errorProperty());
        error.setId("import-error");

        Label summary = new Label();
        summary.setId("import-summary");
        summary.textProperty().bind(model.summaryTextProperty());
        summary.setWrapText(true);
        HBox figures = new HBox(10,
                ViewParts.stat("Stored", Bindings.createStringBinding(() -> model.summaryProperty().get() == null
                        ? "" : Formats.count(model.summaryProperty().get().accepted()), model.summaryProperty())),
                ViewParts.stat("Duplicates", Bindings.createStringBinding(() -> model.summaryProperty().get() == null
                        ? "" : Formats.count(model.summaryProperty().get().duplicates()),
                        model.summaryProperty())),
                ViewParts.stat("Chunks not stored", Bindings.createStringBinding(() -> model.summaryProperty().get()
                        == null ? "" : String.valueOf(model.summaryProperty().get().failed().size()),
                        model.summaryProperty())),
                ViewParts.stat("Time taken", Bindings.createStringBinding(() -> model.summaryProperty().get() == null
                        ? "" : Formats.duration(
                                model.summaryProperty().get().millis()), model.summaryProperty())));
        ListView<String> failures = new ListView<>(model.summaryErrors());
        failures.setId("import-summary-errors");
        failures.setPrefHeight(160);
        failures.getStyleClass().add(Styles.DENSE);
        failures.visibleProperty().bind(Bindings.isNotEmpty(model.summaryErrors()));
        failures.managedProperty().bind(failures.visibleProperty());
        Button open = ViewParts.button("Open in Events", Feather.EXTERNAL_LINK, model.openEventsCommand());
        open.setId("import-open-events");
        open.getStyleClass().add(Styles.ACCENT);
        Button again = ViewParts.button("Import another file", Feather.REFRESH_CW, model.startOverCommand());
        again.setId("import-again");
        Button back = ViewParts.button("Back to the preview", Feather.ARROW_LEFT, model.backCommand());
        VBox done = new VBox(10, summary, figures, failures, buttons(open, again, back));
        done.visibleProperty().bind(model.summaryProperty().isNotNull());
        done.managedProperty().bind(done.visibleProperty());

        VBox pane = new VBox(10, heading("Import progress"), progress, bar, buttons(stop), safe, error, done);
        pane.setPadding(new Insets(4, 0, 0, 0));
        return pane;
    }
}
