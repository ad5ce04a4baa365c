package com.headlessanalytics.console.ui.overview;

import atlantafx.base.theme.Styles;
import com.headlessanalytics.console.ui.common.ViewParts;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The "Propose decision" dialog: the action pre-filled from a next action, the amount and
 * currency, the grant and contract, approvals needed and expiry, each problem under its field, and
 * the proposed action exactly as it will be stored. Create stays disabled while anything is wrong;
 * the dialog stays open with the API's answer when creating fails.
 */
public final class ProposeDecisionView extends Dialog<Void> {
    static final ButtonType CREATE = new ButtonType("Create draft", ButtonBar.ButtonData.OK_DONE);

    public ProposeDecisionView(ProposeDecisionViewModel model, Window owner) {
        initOwner(owner);
        setTitle(model.title());
        setHeaderText(model.headerText());
        setResizable(true);
        if (owner != null && owner.getScene() != null) {
            getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        TextField action = new TextField();
        action.setId("propose-action");
        action.textProperty().bindBidirectional(model.actionProperty());
        TextField amount = new TextField();
        amount.setId("propose-amount");
        amount.setPromptText("e.g. 1500.00");
        amount.textProperty().bindBidirectional(model.amountProperty());
        TextField currency = new TextField();
        currency.setId("propose-currency");
        currency.setPromptText("EUR");
        currency.setPrefColumnCount(4);
        currency.textProperty().bindBidirectional(model.currencyProperty());
        ComboBox<ProposeDecisionViewModel.Choice> grant = new ComboBox<>(model.grantChoices());
        grant.setId("propose-grant");
        grant.valueProperty().bindBidirectional(model.grantProperty());
        grant.setConverter(ViewParts.converter(ProposeDecisionViewModel.Choice::label));
        ComboBox<ProposeDecisionViewModel.Choice> contract = new ComboBox<>(model.contractChoices());
        contract.setId("propose-contract");
        contract.valueProperty().bindBidirectional(model.contractProperty());
        contract.setConverter(ViewParts.converter(ProposeDecisionViewModel.Choice::label));
        ComboBox<Integer> approvals = new ComboBox<>();
        approvals.setId("propose-approvals");
        approvals.getItems().setAll(model.approvalChoices());
        approvals.valueProperty().bindBidirectional(model.approvalsProperty());
        approvals.setConverter(ViewParts.converter(n -> n == 1 ? "1 approver" : n + " distinct approvers"));
        TextField hours = new TextField();
        hours.setId("propose-hours");
        hours.setPrefColumnCount(5);
        hours.textProperty().bindBidirectional(model.hoursProperty());
        Label expires = new Label();
        expires.textProperty().bind(model.expiresTextProperty());
        expires.getStyleClass().add(Styles.TEXT_MUTED);
        HBox hoursLine = new HBox(8, hours, new Label("hours"), expires);
        hoursLine.setAlignment(Pos.CENTER_LEFT);
        HBox moneyLine = new HBox(8, amount, currency);
        HBox.setHgrow(amount, Priority.ALWAYS);

        Label load = ViewParts.error(model.loadTextProperty());
        load.setId("propose-load");
        TextArea preview = new TextArea();
        preview.setId("propose-preview");
        preview.setEditable(false);
        preview.setPrefRowCount(10);
        preview.getStyleClass().add("mono");
        preview.textProperty().bind(model.previewProperty());
        Label previewCaption = new Label("The proposed action, exactly as it will be stored, hashed and enforced");
        previewCaption.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);

        VBox form = new VBox(10, load,
                row("Action", action, model.actionErrorProperty()),
                row("Amount", moneyLine, model.amountErrorProperty()), problem(model.currencyErrorProperty()),
                row("Grant", grant, model.grantErrorProperty()),
                row("Contract", contract, model.contractErrorProperty()),
                row("Approvals", approvals, null),
                row("Expires in", hoursLine, model.hoursErrorProperty()),
                previewCaption, preview,
                ViewParts.error(model.saveErrorProperty()));
        form.setPadding(new Insets(8, 4, 4, 4));
        form.setPrefWidth(640);
        getDialogPane().setContent(form);
        getDialogPane().getButtonTypes().setAll(CREATE, ButtonType.CANCEL);
        ViewParts.saveButton(this, CREATE, "propose-create", model.canSaveProperty(), model::save,
                model.savedProperty());
        model.loadTextProperty().addListener((obs, old, text) -> {
            if (getDialogPane().getScene() != null && getDialogPane().getScene().getWindow() != null) {
                getDialogPane().getScene().getWindow().sizeToScene();
            }
        });
    }

    private static Node row(String caption, Node field, ReadOnlyStringProperty error) {
        return ViewParts.formRow(caption, 90, field, error);
    }

    private static Label problem(ReadOnlyStringProperty error) {
        return ViewParts.formProblem(error, 90);
    }
}
