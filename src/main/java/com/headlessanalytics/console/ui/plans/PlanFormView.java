package com.headlessanalytics.console.ui.plans;

import atlantafx.base.theme.Styles;
import com.headlessanalytics.console.domain.plan.PlanMode;
import com.headlessanalytics.console.ui.common.ViewParts;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

/**
 * The dialog that saves a tracking plan: id, name, mode, naming rule (with its live check), unplanned
 * events, and the planned events as an editable table; each problem in red at its field, Save
 * disabled while anything is invalid, and the dialog stays open with the API's answer when saving fails.
 */
public final class PlanFormView extends Dialog<Void> {
    static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);
    static final double CAPTION = 120;

    public PlanFormView(PlanFormViewModel model, Window owner) {
        initOwner(owner);
        setTitle(model.title());
        setHeaderText(model.headerText());
        setResizable(true);
        if (owner != null && owner.getScene() != null) {
            getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        TextField id = field("plan-id", "e.g. checkout (letters, digits, _ . -)");
        id.textProperty().bindBidirectional(model.idProperty());
        id.setDisable(!model.isNew());
        TextField name = field("plan-name", "e.g. Checkout events");
        name.textProperty().bindBidirectional(model.nameProperty());
        ComboBox<PlanMode> mode = new ComboBox<>();
        mode.setId("plan-mode");
        mode.getItems().setAll(model.modes());
        mode.setConverter(ViewParts.converter(PlanFormViewModel::modeLabel));
        mode.valueProperty().bindBidirectional(model.modeProperty());
        TextField rule = field("plan-rule", "Optional regular expression, e.g. ^[a-z]+(\\.[a-z_]+)+$");
        rule.textProperty().bindBidirectional(model.namingRuleProperty());
        rule.getStyleClass().add("mono");
        Label ruleCheck = new Label();
        ruleCheck.setId("plan-rule-check");
        ruleCheck.textProperty().bind(model.namingRuleCheckProperty());
        ruleCheck.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        ruleCheck.setPadding(new Insets(0, 0, 0, CAPTION + 10));
        CheckBox unplanned = new CheckBox("Allow events the plan does not list");
        unplanned.setId("plan-unplanned");
        unplanned.selectedProperty().bindBidirectional(model.allowUnplannedProperty());

        TableView<PlanFormViewModel.EventLine> events = new TableView<>(model.events());
        events.setId("plan-events");
        events.setEditable(true);
        events.setPrefHeight(200);
        events.setPlaceholder(new Label("No events planned: Add event lists one."));
        events.getColumns().setAll(List.of(
                editable("Event", PlanFormViewModel.EventLine::name, PlanFormViewModel.Column.NAME, 150, model),
                editable("Required", PlanFormViewModel.EventLine::required, PlanFormViewModel.Column.REQUIRED, 130,
                        model),
                editable("Properties (name: type = allowed | values; …)", PlanFormViewModel.EventLine::properties,
                        PlanFormViewModel.Column.PROPERTIES, 320, model)));
        Button add = new Button("Add event", new org.kordamp.ikonli.javafx.FontIcon(Feather.PLUS));
        add.setId("plan-add-event");
        add.setOnAction(e -> {
            model.addEvent();
            events.getSelectionModel().selectLast();
            events.edit(model.events().size() - 1, events.getColumns().get(0));
        });
        Button remove = new Button("Remove event", new org.kordamp.ikonli.javafx.FontIcon(Feather.MINUS));
        remove.setId("plan-remove-event");
        remove.disableProperty().bind(events.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> model.removeEvent(events.getSelectionModel().getSelectedIndex()));
        HBox eventButtons = new HBox(8, add, remove);
        eventButtons.setAlignment(Pos.CENTER_LEFT);
        Label eventsTitle = new Label("Planned events");
        eventsTitle.getStyleClass().add(Styles.TEXT_BOLD);

        VBox form = new VBox(10,
                ViewParts.formRow("Id", CAPTION, id, model.idErrorProperty()),
                ViewParts.formRow("Name", CAPTION, name, model.nameErrorProperty()),
                ViewParts.formRow("Mode", CAPTION, mode, model.modeErrorProperty()),
                ViewParts.formRow("Naming rule", CAPTION, rule, model.namingRuleErrorProperty()),
                ruleCheck,
                ViewParts.formRow("Unplanned", CAPTION, unplanned),
                eventsTitle, events, eventButtons,
                ViewParts.formProblem(model.eventsErrorProperty(), 0),
                ViewParts.error(model.saveErrorProperty()));
        form.setPadding(new Insets(8, 4, 4, 4));
        form.setPrefWidth(720);
        getDialogPane().setContent(form);
        getDialogPane().getButtonTypes().setAll(SAVE, ButtonType.CANCEL);
        ViewParts.saveButton(this, SAVE, "plan-save", model.canSaveProperty(), model::save, model.savedProperty());
    }

    private static TableColumn<PlanFormViewModel.EventLine, String> editable(String title,
            Function<PlanFormViewModel.EventLine, String> value, PlanFormViewModel.Column column, double width,
            PlanFormViewModel model) {
        TableColumn<PlanFormViewModel.EventLine, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setCellFactory(TextFieldTableCell.forTableColumn());
        c.setOnEditCommit(e -> model.edit(e.getTablePosition().getRow(), column, e.getNewValue()));
        c.setPrefWidth(width);
        return c;
    }

    private static TextField field(String id, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        return field;
    }
}
