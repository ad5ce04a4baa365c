package com.headlessanalytics.console.ui.trackables;

import com.headlessanalytics.console.domain.trackable.TrackableKind;
import com.headlessanalytics.console.ui.common.ViewParts;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The dialog that creates a trackable: kind, name, target URL and event name, each problem in red
 * under its field; Create stays disabled while anything is invalid, and the dialog stays open with
 * the API's answer when saving fails.
 */
public final class TrackableFormView extends Dialog<Void> {
    static final ButtonType CREATE = new ButtonType("Create", ButtonBar.ButtonData.OK_DONE);
    static final double CAPTION = 120;

    public TrackableFormView(TrackableFormViewModel model, Window owner) {
        initOwner(owner);
        setTitle(model.title());
        setHeaderText(model.headerText());
        setResizable(true);
        if (owner != null && owner.getScene() != null) {
            getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        ComboBox<TrackableKind> kind = new ComboBox<>();
        kind.setId("trackable-kind");
        kind.getItems().setAll(model.kinds());
        kind.valueProperty().bindBidirectional(model.kindProperty());
        kind.setConverter(ViewParts.converter(TrackableFormViewModel::kindLabel));
        TextField name = field("trackable-name", model.nameProperty().get(), "e.g. Bottle 0.75 l, batch 12");
        name.textProperty().bindBidirectional(model.nameProperty());
        TextField url = field("trackable-url", "", "Optional: https://… (the code is added as ha_code)");
        url.textProperty().bindBidirectional(model.targetUrlProperty());
        TextField event = field("trackable-event", "", "Optional: qr.scanned");
        event.textProperty().bindBidirectional(model.eventNameProperty());
        VBox form = new VBox(10,
                ViewParts.formRow("Kind", CAPTION, kind, model.kindErrorProperty()),
                ViewParts.formRow("Name", CAPTION, name, model.nameErrorProperty()),
                ViewParts.formRow("Target URL", CAPTION, url, model.targetUrlErrorProperty()),
                ViewParts.formRow("Event on scan", CAPTION, event, model.eventNameErrorProperty()),
                ViewParts.error(model.saveErrorProperty()));
        form.setPadding(new Insets(8, 4, 4, 4));
        form.setPrefWidth(600);
        getDialogPane().setContent(form);
        getDialogPane().getButtonTypes().setAll(CREATE, ButtonType.CANCEL);
        ViewParts.saveButton(this, CREATE, "trackable-create", model.canSaveProperty(), model::save,
                model.savedProperty());
    }

    private static TextField field(String id, String text, String prompt) {
        TextField field = new TextField(text);
        field.setId(id);
        field.setPromptText(prompt);
        return field;
    }
}
