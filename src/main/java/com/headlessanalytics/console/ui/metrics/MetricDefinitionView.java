package com.headlessanalytics.console.ui.metrics;

import com.headlessanalytics.console.api.Metrics;
import com.headlessanalytics.console.ui.common.SuggestingField;
import com.headlessanalytics.console.ui.common.ViewParts;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The dialog that creates or edits a metric definition: each problem in red under its field as the
 * user types; Save stays disabled while anything is invalid, and the dialog stays open with the
 * API's answer when saving fails.
 */
public final class MetricDefinitionView extends Dialog<Void> {
    static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);

    public MetricDefinitionView(MetricDefinitionViewModel model, Window owner) {
        initOwner(owner);
        setTitle(model.title());
        setHeaderText(model.headerText());
        setResizable(true);
        if (owner != null && owner.getScene() != null) {
            getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        TextField name = new TextField();
        name.textProperty().bindBidirectional(model.nameProperty());
        name.setPromptText("e.g. orders.revenue");
        name.setDisable(!model.nameEditable());
        TextField event = new TextField();
        event.textProperty().bindBidirectional(model.eventProperty());
        event.setPromptText("e.g. order.created");
        SuggestingField.attach(event, model::suggestions, null);
        ComboBox<Metrics.Aggregation> aggregation = new ComboBox<>();
        aggregation.getItems().setAll(model.aggregations());
        aggregation.valueProperty().bindBidirectional(model.aggregationProperty());
        aggregation.setConverter(ViewParts.converter(MetricDefinitionViewModel::aggregationLabel));
        TextField property = new TextField();
        property.textProperty().bindBidirectional(model.propertyProperty());
        property.setPromptText("For sums: properties.amount, or revenue");
        property.disableProperty().bind(model.propertyEditableProperty().not());
        TextArea description = new TextArea();
        description.textProperty().bindBidirectional(model.descriptionProperty());
        description.setPromptText("Optional: what it measures, for whoever reads it next");
        description.setPrefRowCount(3);
        description.setWrapText(true);

        VBox form = new VBox(10,
                row("Name", name, model.nameErrorProperty()),
                row("Event", event, model.eventErrorProperty()),
                row("Aggregation", aggregation, model.aggregationErrorProperty()),
                row("Property", property, model.propertyErrorProperty()),
                row("Description", description, model.descriptionErrorProperty()),
                ViewParts.error(model.saveErrorProperty()));
        form.setPadding(new Insets(8, 4, 4, 4));
        form.setPrefWidth(520);
        getDialogPane().setContent(form);
        getDialogPane().getButtonTypes().setAll(SAVE, ButtonType.CANCEL);
        ViewParts.saveButton(this, SAVE, null, model.canSaveProperty(), model::save, model.savedProperty());
    }

    private static Node row(String caption, Node field, ReadOnlyStringProperty error) {
        return ViewParts.formRow(caption, 90, field, error);
    }
}
