package com.headlessanalytics.console.ui.grants;

import atlantafx.base.theme.Styles;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.ui.common.ViewParts;
import java.time.LocalDate;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The dialog that creates a contract: each problem in red under its field as the user types; Create
 * stays disabled while anything is invalid, and the dialog stays open with the API's answer (at the
 * fields) when saving fails.
 */
public final class ContractFormView extends Dialog<Void> {
    static final ButtonType CREATE = new ButtonType("Create contract", ButtonBar.ButtonData.OK_DONE);
    static final double CAPTION = 140;

    public ContractFormView(ContractFormViewModel model, Window owner) {
        initOwner(owner);
        setTitle(model.title());
        setHeaderText(model.headerText());
        setResizable(true);
        if (owner != null && owner.getScene() != null) {
            getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        TextField name = field("contract-name", model.nameProperty(), "e.g. Ads spend, Q3");
        TextField business = field("contract-business", model.businessIdProperty(),
                "Blank: the workspace's default business");
        TextField surface = field("contract-surface", model.surfaceProperty(), "e.g. ads, payments, ops");
        TextField actions = field("contract-actions", model.actionsProperty(),
                "Comma-separated, e.g. ads.budget.increase, ads.campaign.pause");
        TextField perAction = field("contract-per-action", model.perActionProperty(), "e.g. 500.00");
        TextField cumulative = field("contract-cumulative", model.cumulativeProperty(), "e.g. 5000.00");
        TextField currency = field("contract-currency", model.currencyProperty(), "EUR");
        currency.setPrefColumnCount(5);
        Label currencyHint = new Label("of both limits (ISO 4217, e.g. EUR, USD)");
        currencyHint.getStyleClass().add(Styles.TEXT_MUTED);
        currencyHint.setMinWidth(Region.USE_PREF_SIZE);
        HBox currencyLine = new HBox(8, currency, currencyHint);
        currencyLine.setAlignment(Pos.CENTER_LEFT);
        ComboBox<Governance.TrustTier> tier = new ComboBox<>();
        tier.setId("contract-tier");
        tier.getItems().setAll(model.tiers());
        tier.valueProperty().bindBidirectional(model.minTrustTierProperty());
        tier.setConverter(ViewParts.converter(ContractFormViewModel::tierLabel));
        TextField packs = field("contract-packs", model.packsProperty(), "Packs the evidence must hold, e.g. "
                + String.join(", ", ContractFormViewModel.KNOWN_PACKS));
        DatePicker from = date("contract-from", model.validFromProperty(), "From now");
        DatePicker to = date("contract-to", model.validToProperty(), "No end");

        HBox window = new HBox(8, from, fixed(new Label("to")), to);
        window.setAlignment(Pos.CENTER_LEFT);

        VBox form = new VBox(10,
                row("Name", name, model.nameErrorProperty()),
                row("Business", business, model.businessErrorProperty()),
                row("Surface", surface, model.surfaceErrorProperty()),
                row("Allowed actions", actions, model.actionsErrorProperty()),
                row("Per action", perAction, model.perActionErrorProperty()),
                row("In total", cumulative, model.cumulativeErrorProperty()),
                row("Currency", currencyLine, model.currencyErrorProperty()),
                row("Min. trust tier", tier, model.tierErrorProperty()),
                row("Compliance", packs, model.packsErrorProperty()),
                row("Valid", window, model.validFromErrorProperty(), model.validToErrorProperty()),
                ViewParts.error(model.saveErrorProperty()));
        form.setPadding(new Insets(8, 4, 4, 4));
        form.setPrefWidth(660);
        getDialogPane().setContent(form);
        getDialogPane().getButtonTypes().setAll(CREATE, ButtonType.CANCEL);
        ViewParts.saveButton(this, CREATE, "contract-create", model.canSaveProperty(), model::save, model.savedProperty());
    }

    /** A label that never shrinks to an ellipsis. */
    static Label fixed(Label label) {
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    static TextField field(String id, StringProperty value, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.textProperty().bindBidirectional(value);
        field.setPromptText(prompt);
        return field;
    }

    static DatePicker date(String id, ObjectProperty<LocalDate> value, String prompt) {
        DatePicker picker = new DatePicker();
        picker.setId(id);
        picker.valueProperty().bindBidirectional(value);
        picker.setPromptText(prompt);
        picker.setPrefWidth(170);
        return picker;
    }

    /** A caption, the field, and each of its problems in red under it. */
    static Node row(String caption, Node field, ReadOnlyStringProperty... errors) {
        return ViewParts.formRow(caption, CAPTION, field, errors);
    }
}
