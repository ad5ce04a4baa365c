package com.headlessanalytics.console.ui.grants;

import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.ui.common.ErrorText;
import com.headlessanalytics.console.ui.common.FormSave;
import com.headlessanalytics.console.ui.common.TaskRunner;
import java.math.BigDecimal;
import java.time.Clock;
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
 * The form that creates a ContextContract: its name, the business and surface it binds, the
 * actions it allows, the per-action and cumulative limits in one currency, the minimum trust tier,
 * the compliance packs it requires and its validity window. Each field is checked as it is typed,
 * with the form's rules and then {@link Governance.NewContract#checks()}, the API's own, and the
 * problem shown under it; Save stays off until all are fine, and a 400 from the API puts each field
 * error at its field.
 */
public final class ContractFormViewModel {
    /** Compliance packs the form suggests (any other name may be typed). */
    public static final List<String> KNOWN_PACKS = List.of("soc2", "iso27001", "eu_ai_act", "pci_dss", "hipaa");

    private final Supplier<HeadlessApi> api;
    private final Clock clock;
    private final ZoneId zone;
    private final Consumer<Governance.Contract> onSaved;

    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty businessId = new SimpleStringProperty("");
    private final StringProperty surface = new SimpleStringProperty("");
    private final StringProperty actions = new SimpleStringProperty("");
    private final StringProperty perAction = new SimpleStringProperty("");
    private final StringProperty cumulative = new SimpleStringProperty("");
    private final StringProperty currency = new SimpleStringProperty("EUR");
    private final ObjectProperty<Governance.TrustTier> minTrustTier =
            new SimpleObjectProperty<>(Governance.TrustTier.T2);
    private final StringProperty packs = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> validFrom = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> validTo = new SimpleObjectProperty<>();

    private final ReadOnlyStringWrapper nameError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper businessError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper surfaceError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper actionsError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper perActionError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper cumulativeError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper currencyError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper tierError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper packsError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper validFromError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper validToError = new ReadOnlyStringWrapper("");
    private final FormSave form;
    private final Map<String, ReadOnlyStringWrapper> fields = new LinkedHashMap<>();

    /** @param onSaved runs on the FX thread with the stored contract */
    public ContractFormViewModel(Supplier<HeadlessApi> api, TaskRunner tasks, Clock clock, ZoneId zone,
                                 Consumer<Governance.Contract> onSaved) {
        this.api = api;
        this.form = new FormSave(tasks);
        this.clock = clock;
        this.zone = zone;
        this.onSaved = onSaved;
        fields.put("name", nameError);
        fields.put("businessId", businessError);
        fields.put("surface", surfaceError);
        fields.put("allowedActions", actionsError);
        fields.put("perActionLimit", perActionError);
        fields.put("cumulativeLimit", cumulativeError);
        fields.put("minTrustTier", tierError);
        fields.put("requiredCompliancePacks", packsError);
        fields.put("validFrom", validFromError);
        fields.put("validTo", validToError);
        form.watch(this::validate, name, businessId, surface, actions, perAction, cumulative, currency,
                minTrustTier, packs, validFrom, validTo);
        validate();
    }

    /** The contract the fields describe; a blank business is the workspace's default one. */
    public Governance.NewContract contract() {
        String code = currency.get() == null ? null : currency.get().strip();
        BigDecimal each = FormRules.amount(perAction.get());
        BigDecimal total = FormRules.amount(cumulative.get());
        List<String> packList = FormRules.list(packs.get());
        return new Governance.NewContract(strip(name.get()), blankToNull(businessId.get()), strip(surface.get()),
                FormRules.list(actions.get()), each == null ? null : new Governance.Money(each, code),
                total == null ? null : new Governance.Money(total, code),
                minTrustTier.get() == null ? null : minTrustTier.get().name(), packList,
                FormRules.from(validFrom.get(), clock, zone), FormRules.to(validTo.get(), zone));
    }

    private void validate() {
        boolean ok = FormRules.check(nameError, FormRules.text(name.get(), "A name"));
        String business = businessId.get();
        ok &= FormRules.check(businessError, business == null || business.isBlank() ? null
                : FormRules.token(business, "The business"));
        ok &= FormRules.check(surfaceError, FormRules.token(surface.get(), "A surface"));
        ok &= FormRules.check(actionsError, actionsProblem(FormRules.list(actions.get())));
        String each = FormRules.amountProblem(perAction.get(), "The per-action limit");
        String total = FormRules.amountProblem(cumulative.get(), "The cumulative limit");
        if (each == null && total == null
                && FormRules.amount(cumulative.get()).compareTo(FormRules.amount(perAction.get())) < 0) {
            total = "The cumulative limit must be at least the per-action limit";
        }
        ok &= FormRules.check(perActionError, each);
        ok &= FormRules.check(cumulativeError, total);
        ok &= FormRules.check(currencyError, FormRules.currencyProblem(currency.get()));
        ok &= FormRules.check(tierError, minTrustTier.get() == null ? "Choose the minimum trust tier" : null);
        ok &= FormRules.check(packsError, packsProblem(FormRules.list(packs.get())));
        ok &= FormRules.check(validFromError, null);
        ok &= FormRules.check(validToError, FormRules.windowProblem(validFrom.get(), validTo.get(), clock, zone));
        ok &= FormRules.apiRules(contract().checks().errors(), this::fieldOf, form.error());
        form.valid(ok);
    }

    static String actionsProblem(List<String> list) {
        if (list.isEmpty()) {
            return "Name at least one action, e.g. ads.budget.increase";
        }
        for (String a : list) {
            if (a.length() > FormRules.MAX_TEXT) {
                return "Each action must be at most " + FormRules.MAX_TEXT + " characters";
            }
        }
        return null;
    }

    static String packsProblem(List<String> list) {
        for (String p : list) {
            if (!p.matches("[a-z0-9_.-]{1,64}")) {
                return "\"" + p + "\" is not a pack name: lower-case letters, digits, _ . - (e.g. soc2, eu_ai_act)";
            }
        }
        return null;
    }

    /** Stores the contract: the form is done on success, and shows the API's answer at the fields on failure. */
    public void save() {
        Governance.NewContract c = contract();
        form.save("Creating contract " + c.name(), p -> api.get().createContract(c), onSaved,
                failure -> FormRules.showServerErrors(failure, this::fieldOf, ErrorText::describe));
    }

    /** The field an API field path belongs to: a currency at the currency, the rest by their first segment. */
    private ReadOnlyStringWrapper fieldOf(String path) {
        return path.endsWith(".currency") ? currencyError : FormRules.field(path, fields);
    }

    /** The tiers to choose from, lowest first. */
    public List<Governance.TrustTier> tiers() {
        return List.of(Governance.TrustTier.values());
    }

    /** How a tier reads in its picker: "T2 or higher". */
    public static String tierLabel(Governance.TrustTier tier) {
        return switch (tier) {
            case T0 -> "T0 (any evidence)";
            case T4 -> "T4 (proof-ready only)";
            default -> tier.name() + " or higher";
        };
    }

    public String title() {
        return "New contract";
    }

    public String headerText() {
        return "What a business may do on one surface, up to what amounts, with what evidence";
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public StringProperty nameProperty() {
        return name;
    }

    /** The business the contract binds; blank for the workspace's default business. */
    public StringProperty businessIdProperty() {
        return businessId;
    }

    public StringProperty surfaceProperty() {
        return surface;
    }

    /** The allowed actions, comma-separated. */
    public StringProperty actionsProperty() {
        return actions;
    }

    public StringProperty perActionProperty() {
        return perAction;
    }

    public StringProperty cumulativeProperty() {
        return cumulative;
    }

    public StringProperty currencyProperty() {
        return currency;
    }

    public ObjectProperty<Governance.TrustTier> minTrustTierProperty() {
        return minTrustTier;
    }

    /** The required compliance packs, comma-separated. */
    public StringProperty packsProperty() {
        return packs;
    }

    /** The first valid day; none or today = from now. */
    public ObjectProperty<LocalDate> validFromProperty() {
        return validFrom;
    }

    /** The last valid day (to its end); none = no end. */
    public ObjectProperty<LocalDate> validToProperty() {
        return validTo;
    }

    public ReadOnlyStringProperty nameErrorProperty() {
        return nameError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty businessErrorProperty() {
        return businessError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty surfaceErrorProperty() {
        return surfaceError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty actionsErrorProperty() {
        return actionsError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty perActionErrorProperty() {
        return perActionError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty cumulativeErrorProperty() {
        return cumulativeError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty currencyErrorProperty() {
        return currencyError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty tierErrorProperty() {
        return tierError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty packsErrorProperty() {
        return packsError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty validFromErrorProperty() {
        return validFromError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty validToErrorProperty() {
        return validToError.getReadOnlyProperty();
    }

    /** What went wrong saving that belongs to no field. */
    public ReadOnlyStringProperty saveErrorProperty() {
        return form.errorProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return form.validProperty();
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return form.savingProperty();
    }

    /** True once stored: the form closes. */
    public ReadOnlyBooleanProperty savedProperty() {
        return form.savedProperty();
    }

    public ReadOnlyBooleanProperty canSaveProperty() {
        return form.canSaveProperty();
    }
}
