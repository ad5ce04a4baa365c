package com.headlessanalytics.console.ui.grants;

import atlantafx.base.theme.Styles;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.ui.common.ViewParts;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The dialog that creates a grant under a contract: the contract's terms under its picker, each
 * problem in red under its field; Grant stays disabled while anything is invalid, and the dialog
 * stays open with the API's answer when saving fails.
 */
public final class GrantFormView extends Dialog<Void> {
    static final ButtonType GRANT = new ButtonType("Grant", ButtonBar.ButtonData.OK_DONE);

    public GrantFormView(GrantFormViewModel model, Window owner) {
        initOwner(owner);
        setTitle(model.title());
        setHeaderText(model.headerText());
        setResizable(true);
        if (owner != null && owner.getScene() != null) {
            getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        ComboBox<Governance.Contract> contract = new ComboBox<>();
        contract.setId("grant-contract");
        contract.getItems().setAll(model.contracts());
        contract.valueProperty().bindBidirectional(model.contractProperty());
        contract.setConverter(ViewParts.converter(GrantFormViewModel::contractLabel));
        Label hint = new Label();
        hint.textProperty().bind(model.contractHintProperty());
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        hint.setWrapText(true);
        hint.setPadding(new Insets(0, 0, 0, ContractFormView.CAPTION + 10));
        TextField grantee = ContractFormView.field("grant-grantee", model.granteeProperty(),
                "An API key id (key_…) or operator:name");
        TextField actions = ContractFormView.field("grant-actions", model.actionsProperty(),
                "Comma-separated; some or all of the contract's actions");
        TextField amount = ContractFormView.field("grant-amount", model.amountProperty(), "e.g. 2000.00");
        Label currency = new Label();
        currency.textProperty().bind(model.currencyProperty());
        currency.setMinWidth(Region.USE_PREF_SIZE);
        HBox budget = new HBox(8, amount, currency);
        budget.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(amount, Priority.ALWAYS);
        Label budgetHint = new Label("In total: every action released under the grant counts against it");
        budgetHint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        budgetHint.setWrapText(true);
        budgetHint.setPadding(new Insets(0, 0, 0, ContractFormView.CAPTION + 10));
        DatePicker from = ContractFormView.date("grant-from", model.validFromProperty(), "From now");
        DatePicker to = ContractFormView.date("grant-to", model.validToProperty(), "No end");
        HBox window = new HBox(8, from, ContractFormView.fixed(new Label("to")), to);
        window.setAlignment(Pos.CENTER_LEFT);

        VBox form = new VBox(10,
                ContractFormView.row("Contract", contract, model.contractErrorProperty()), hint,
                ContractFormView.row("Grantee", grantee, model.granteeErrorProperty()),
                ContractFormView.row("Actions", actions, model.actionsErrorProperty()),
                ContractFormView.row("Budget", budget, model.amountErrorProperty()), budgetHint,
                ContractFormView.row("Valid", window, model.validFromErrorProperty(), model.validToErrorProperty()),
                ViewParts.error(model.saveErrorProperty()));
        form.setPadding(new Insets(8, 4, 4, 4));
        form.setPrefWidth(660);
        getDialogPane().setContent(form);
        getDialogPane().getButtonTypes().setAll(GRANT, ButtonType.CANCEL);
        ViewParts.saveButton(this, GRANT, "grant-create", model.canSaveProperty(), model::save, model.savedProperty());
    }
}
