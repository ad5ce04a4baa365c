package com.headlessanalytics.console.ui.grants;

import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.ui.common.ErrorText;
import com.headlessanalytics.console.ui.common.FormSave;
import com.headlessanalytics.console.ui.common.TaskRunner;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The form that creates an AuthorityGrant under a contract: who may act (the grantee: an API key id
 * such as {@code key_…}, or {@code operator:name}), which of the contract's actions, up to what
 * total amount in the contract's currency, and for how long within the contract's window. Checked
 * as typed, with the form's rules and then {@link Governance.NewGrant#checks()}, the API's own; a
 * 400 from the API puts each field error at its field.
 */
public final class GrantFormViewModel {
    private final Supplier<HeadlessApi> api;
    private final Clock clock;
    private final ZoneId zone;
    private final Consumer<Governance.Grant> onSaved;
    private final List<Governance.Contract> contracts;

    private final ObjectProperty<Governance.Contract> contract = new SimpleObjectProperty<>();
    private final StringProperty grantee = new SimpleStringProperty("");
    private final StringProperty actions = new SimpleStringProperty("");
    private final StringProperty amount = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> validFrom = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> validTo = new SimpleObjectProperty<>();

    private final ReadOnlyStringWrapper contractError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper granteeError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper actionsError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper amountError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper validFromError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper validToError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper currency = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper contractHint = new ReadOnlyStringWrapper("");
    private final FormSave form;
    private final Map<String, ReadOnlyStringWrapper> fields = new LinkedHashMap<>();

    /**
     * @param contracts  the contracts to grant under (those neither revoked nor expired)
     * @param preferred  the id of the contract chosen at first, or null for the first
     * @param onSaved    runs on the FX thread with the stored grant
     */
    public GrantFormViewModel(Supplier<HeadlessApi> api, TaskRunner tasks, Clock clock, ZoneId zone,
                              List<Governance.Contract> contracts, String preferred,
                              Consumer<Governance.Grant> onSaved) {
        this.api = api;
        this.form = new FormSave(tasks);
        this.clock = clock;
        this.zone = zone;
        this.onSaved = onSaved;
        this.contracts = List.copyOf(contracts);
        fields.put("contractId", contractError);
        fields.put("grantee", granteeError);
        fields.put("actions", actionsError);
        fields.put("amountLimit", amountError);
        fields.put("validFrom", validFromError);
        fields.put("validTo", validToError);
        contract.addListener((obs, old, c) -> contractChosen(old, c));
        form.watch(this::validate, contract, grantee, actions, amount, validFrom, validTo);
        contract.set(this.contracts.stream().filter(c -> c.id().equals(preferred)).findFirst()
                .orElse(this.contracts.isEmpty() ? null : this.contracts.get(0)));
        validate();
    }

    /**
     * A contract was chosen: its currency is the grant's, the actions offered are its own (the actions
     * typed are replaced while they were the previous contract's whole list, or empty), and the last
     * day is its last day (while it was the previous contract's, or none).
     */
    private void contractChosen(Governance.Contract old, Governance.Contract now) {
        currency.set(currencyOf(now));
        if (now != null && (validTo.get() == null || old != null && old.validTo() != null
                && validTo.get().equals(lastDay(old.validTo())))) {
            validTo.set(now.validTo() == null ? null : lastDay(now.validTo()));
        }
        String typed = actions.get() == null ? "" : actions.get().strip();
        if (now != null && (typed.isEmpty() || old != null && FormRules.list(typed).equals(old.allowedActions()))) {
            actions.set(GrantsViewModel.join(now.allowedActions()));
        }
        if (now == null) {
            contractHint.set("");
            return;
        }
        contractHint.set("Allows " + GrantsViewModel.join(now.allowedActions()) + " · per action "
                + (now.perActionLimit() == null ? "no limit" : "up to " + Budget.money(now.perActionLimit()))
                + " · " + Budget.of(now.cumulativeLimit(), now.spent(), now.remaining()).text() + " · valid: "
                + Validity.window(now.validFrom(), now.validTo(), zone));
    }

    /** A contract's currency: that of its cumulative limit, else of its per-action limit; "" for none. */
    static String currencyOf(Governance.Contract c) {
        if (c == null) {
            return "";
        }
        for (Governance.Money m : new Governance.Money[] {c.cumulativeLimit(), c.perActionLimit()}) {
            if (m != null && m.currency() != null) {
                return m.currency();
            }
        }
        return "";
    }

    private LocalDate lastDay(long millis) {
        return Instant.ofEpochMilli(millis).atZone(zone).toLocalDate();
    }

    /** The grant the fields describe, in the chosen contract's currency. */
    public Governance.NewGrant grant() {
        Governance.Contract c = contract.get();
        BigDecimal limit = FormRules.amount(amount.get());
        return new Governance.NewGrant(grantee.get() == null ? null : grantee.get().strip(),
                FormRules.list(actions.get()), limit == null ? null : new Governance.Money(limit,
                currency.get().isEmpty() ? null : currency.get()), FormRules.from(validFrom.get(), clock, zone),
                FormRules.to(validTo.get(), zone), c == null ? null : c.id());
    }

    private void validate() {
        Governance.Contract c = contract.get();
        boolean ok = FormRules.check(contractError, c == null ? "Choose the contract the grant falls under" : null);
        ok &= FormRules.check(granteeError, FormRules.token(grantee.get(), "The grantee"));
        ok &= FormRules.check(actionsError, actionsProblem(FormRules.list(actions.get()), c));
        ok &= FormRules.check(amountError, FormRules.amountProblem(amount.get(), "The budget"));
        ok &= FormRules.check(validFromError, null);
        String window = FormRules.windowProblem(validFrom.get(), validTo.get(), clock, zone);
        if (window == null && c != null) {
            window = withinContract(c);
        }
        ok &= FormRules.check(validToError, window);
        ok &= FormRules.apiRules(grant().checks().errors(), path -> FormRules.field(path, fields), form.error());
        form.valid(ok);
    }

    /** Each action must be one the contract allows. */
    static String actionsProblem(List<String> list, Governance.Contract c) {
        String problem = ContractFormViewModel.actionsProblem(list);
        if (problem != null || c == null || c.allowedActions() == null) {
            return problem;
        }
        List<String> foreign = list.stream().filter(a -> !c.allowedActions().contains(a)).toList();
        if (foreign.isEmpty()) {
            return null;
        }
        return String.join(", ", foreign) + (foreign.size() == 1 ? " is" : " are") + " not allowed by the contract"
                + " (it allows " + GrantsViewModel.join(c.allowedActions()) + ")";
    }

    /** A grant can only be used inside its contract's window: it may not end after the contract does. */
    private String withinContract(Governance.Contract c) {
        if (c.validTo() == null) {
            return null;
        }
        Long end = FormRules.to(validTo.get(), zone);
        if (end == null || end > c.validTo()) {
            return "The contract ends on " + lastDay(c.validTo()) + ": choose that day or an earlier one as the last"
                    + " day";
        }
        return null;
    }

    /** Stores the grant: the form is done on success, and shows the API's answer at the fields on failure. */
    public void save() {
        Governance.NewGrant g = grant();
        form.save("Granting " + String.join(", ", g.actions()) + " to " + g.grantee(),
                p -> api.get().createGrant(g), onSaved,
                failure -> FormRules.showServerErrors(failure, path -> FormRules.field(path, fields),
                        ErrorText::describe));
    }

    /** The contracts to choose from. */
    public List<Governance.Contract> contracts() {
        return contracts;
    }

    /** How a contract reads in its picker: "Ads spend (ads on default)". */
    public static String contractLabel(Governance.Contract c) {
        return GrantsViewModel.contractName(c) + " (" + GrantsViewModel.scope(c) + ")";
    }

    public String title() {
        return "New grant";
    }

    public String headerText() {
        return "Who may propose and enforce which of a contract's actions, up to what budget, for how long";
    }

    public ObjectProperty<Governance.Contract> contractProperty() {
        return contract;
    }

    /** The principal allowed to act: an API key id (key_…) or operator:name. */
    public StringProperty granteeProperty() {
        return grantee;
    }

    /** The granted actions, comma-separated; the contract's whole list at first. */
    public StringProperty actionsProperty() {
        return actions;
    }

    /** The grant's total budget, in the contract's currency. */
    public StringProperty amountProperty() {
        return amount;
    }

    public ObjectProperty<LocalDate> validFromProperty() {
        return validFrom;
    }

    public ObjectProperty<LocalDate> validToProperty() {
        return validTo;
    }

    /** The chosen contract's currency, shown beside the budget. */
    public ReadOnlyStringProperty currencyProperty() {
        return currency.getReadOnlyProperty();
    }

    /** What the chosen contract allows, its budget and window, under the picker. */
    public ReadOnlyStringProperty contractHintProperty() {
        return contractHint.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty contractErrorProperty() {
        return contractError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty granteeErrorProperty() {
        return granteeError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty actionsErrorProperty() {
        return actionsError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty amountErrorProperty() {
        return amountError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty validFromErrorProperty() {
        return validFromError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty validToErrorProperty() {
        return validToError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty saveErrorProperty() {
        return form.errorProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return form.validProperty();
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return form.savingProperty();
    }

    public ReadOnlyBooleanProperty savedProperty() {
        return form.savedProperty();
    }

    public ReadOnlyBooleanProperty canSaveProperty() {
        return form.canSaveProperty();
    }
}
