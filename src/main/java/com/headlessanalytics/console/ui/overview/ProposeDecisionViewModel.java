package com.headlessanalytics.console.ui.overview;

import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.NextAction;
import com.headlessanalytics.console.ui.common.DialogService;
import com.headlessanalytics.console.ui.common.ErrorText;
import com.headlessanalytics.console.ui.common.FormSave;
import com.headlessanalytics.console.ui.common.Formats;
import com.headlessanalytics.console.ui.common.TaskRunner;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * "Propose decision" for a consequential next action: a draft DecisionObject pre-filled from the
 * action (its action name, surface, business and title), with the amount and currency, a grant
 * and a contract to choose from the workspace's, the required approvals and the expiry. Saving
 * creates it as a draft ({@code draft: true}); it then opens in Approvals, where it is submitted.
 */
public final class ProposeDecisionViewModel {
    /** The longest a decision may stay open: 30 days (GitHub Environments). */
    static final int MAX_HOURS = 30 * 24;
    static final int DEFAULT_HOURS = 24;
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d, yyyy HH:mm", Locale.ENGLISH);

    /** A grant or contract to choose: its id and how it reads in the list; {@code usable} when active. */
    public record Choice(String id, String label, boolean usable) {
    }

    private final Supplier<HeadlessApi> api;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Clock clock;
    private final ZoneId zone;
    private final String business;
    private final NextAction next;
    private final Consumer<String> onCreated;

    private final StringProperty action = new SimpleStringProperty("");
    private final StringProperty amount = new SimpleStringProperty("");
    private final StringProperty currency = new SimpleStringProperty("");
    private final StringProperty hours = new SimpleStringProperty(Integer.toString(DEFAULT_HOURS));
    private final ObjectProperty<Integer> approvals = new SimpleObjectProperty<>(1);
    private final ObjectProperty<Choice> grant = new SimpleObjectProperty<>();
    private final ObjectProperty<Choice> contract = new SimpleObjectProperty<>();
    private final ObservableList<Choice> grantChoices = FXCollections.observableArrayList();
    private final ObservableList<Choice> contractChoices = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper actionError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper amountError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper currencyError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper hoursError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper grantError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper contractError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper expiresText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper loadText = new ReadOnlyStringWrapper("Reading grants and contracts…");
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper();
    private final FormSave form;
    private final Map<String, Governance.Grant> grants = new LinkedHashMap<>();
    private final Map<String, Governance.Contract> contracts = new LinkedHashMap<>();

    /**
     * @param business  the business the Overview shows
     * @param next      the consequential next action
     * @param onCreated runs on the FX thread with the new draft's id
     */
    public ProposeDecisionViewModel(Supplier<HeadlessApi> api, TaskRunner tasks, DialogService dialogs, Clock clock,
                                    ZoneId zone, String business, NextAction next, Consumer<String> onCreated) {
        this.api = api;
        this.tasks = tasks;
        this.form = new FormSave(tasks, loaded);
        this.dialogs = dialogs;
        this.clock = clock;
        this.zone = zone;
        this.business = business;
        this.next = next;
        this.onCreated = onCreated;
        action.set(next.decision() == null || next.decision().action() == null ? "" : next.decision().action());
        form.watch(this::validate, action, amount, currency, hours, approvals, grant, contract);
        grant.addListener((obs, old, now) -> contractOfGrant(now));
        contract.addListener((obs, old, now) -> currencyOfContract(now));
        validate();
        load();
    }

    /** What the form chooses from. */
    private record Read(List<Governance.Grant> grants, List<Governance.Contract> contracts) {
    }

    /** Reads the grants and contracts to choose from; preselects the best fitting of each. */
    private void load() {
        tasks.submit("Reading grants and contracts", p -> {
            HeadlessApi port = api.get();
            return new Read(port.grants().grants(), port.contracts().contracts());
        }, read -> show(read.grants(), read.contracts()),
                failure -> loadText.set("The grants and contracts could not be read: " + ErrorText.describe(failure)));
    }

    void show(List<Governance.Grant> g, List<Governance.Contract> c) {
        grants.clear();
        contracts.clear();
        String wanted = action.get();
        g.stream().sorted(Comparator.comparing((Governance.Grant x) -> !fits(x, wanted)))
                .forEach(x -> grants.put(x.id(), x));
        String surface = next.decision() == null ? null : next.decision().surface();
        c.stream().sorted(Comparator.comparing((Governance.Contract x) -> !fits(x, surface)))
                .forEach(x -> contracts.put(x.id(), x));
        grantChoices.setAll(grants.values().stream().map(this::choice).toList());
        contractChoices.setAll(contracts.values().stream().map(this::choice).toList());
        loaded.set(true);
        loadText.set(grants.isEmpty() || contracts.isEmpty()
                ? "A decision needs a grant and a contract: create them in Grants & contracts first." : "");
        grantChoices.stream().filter(Choice::usable).findFirst().ifPresent(grant::set);
        if (contract.get() == null) {
            contractChoices.stream().filter(Choice::usable).findFirst().ifPresent(contract::set);
        }
        validate();
    }

    private boolean fits(Governance.Grant g, String wanted) {
        return "active".equals(g.status()) && (g.actions() == null || g.actions().contains(wanted));
    }

    private boolean fits(Governance.Contract c, String surface) {
        return "active".equals(c.status()) && business.equals(c.businessId())
                && (surface == null || surface.equals(c.surface()));
    }

    private Choice choice(Governance.Grant g) {
        String limit = g.amountLimit() == null ? "no amount limit"
                : money(g.remaining() == null ? g.amountLimit().amount() : g.remaining(), g.amountLimit().currency())
                + " left";
        return new Choice(g.id(), "for " + g.grantee() + " · " + limit + " · " + String.join(", ", g.actions() == null
                ? List.of() : g.actions()) + " · " + g.status() + " · " + g.id(), "active".equals(g.status()));
    }

    private Choice choice(Governance.Contract c) {
        String name = c.name() == null || c.name().isBlank() ? c.id() : c.name();
        String limit = c.cumulativeLimit() == null ? "" : " · " + money(c.remaining() == null
                ? c.cumulativeLimit().amount() : c.remaining(), c.cumulativeLimit().currency()) + " left";
        return new Choice(c.id(), name + " · " + c.businessId() + " / " + c.surface() + limit + " · " + c.status(),
                "active".equals(c.status()));
    }

    private static String money(BigDecimal amount, String currency) {
        return Formats.money(amount) + " " + currency;
    }

    /** A grant names its contract: choosing the grant chooses it. */
    private void contractOfGrant(Choice g) {
        Governance.Grant chosen = g == null ? null : grants.get(g.id());
        if (chosen != null && chosen.contractId() != null) {
            contractChoices.stream().filter(c -> c.id().equals(chosen.contractId())).findFirst()
                    .ifPresent(contract::set);
        }
    }

    /** The currency comes from the contract's limits while none was typed. */
    private void currencyOfContract(Choice c) {
        Governance.Contract chosen = c == null ? null : contracts.get(c.id());
        if (chosen != null && currency.get().isBlank()) {
            Governance.Money limit = chosen.perActionLimit() != null ? chosen.perActionLimit()
                    : chosen.cumulativeLimit();
            if (limit != null) {
                currency.set(limit.currency());
            }
        }
    }

    private void validate() {
        actionError.set(action.get().isBlank() ? "Name the action, e.g. budget.reallocate." : "");
        BigDecimal a = amountValue();
        amountError.set(amount.get().isBlank() ? "Enter the amount the action spends." : a == null
                ? "An amount is a number such as 1500 or 1500.50." : a.signum() <= 0 ? "The amount must be above 0." : "");
        currencyError.set(CURRENCY.matcher(currency.get().strip()).matches() ? ""
                : "A currency is a three-letter ISO 4217 code such as EUR.");
        Integer h = hoursValue();
        hoursError.set(h == null ? "Enter hours from 1 to " + MAX_HOURS + " (30 days)." : "");
        expiresText.set(h == null ? "" : "Expires " + TIME.format(Instant.ofEpochMilli(expiresAt(h)).atZone(zone)));
        Governance.Grant g = grant.get() == null ? null : grants.get(grant.get().id());
        Governance.Contract c = contract.get() == null ? null : contracts.get(contract.get().id());
        grantError.set(g == null ? (loaded.get() ? "Choose the grant the action is carried out under." : "")
                : !"active".equals(g.status()) ? "This grant is " + g.status().replace('_', ' ') + "."
                : g.actions() != null && !g.actions().contains(action.get().strip())
                ? "This grant does not cover " + action.get().strip() + "." : "");
        contractError.set(c == null ? (loaded.get() ? "Choose the contract that binds the action." : "")
                : !"active".equals(c.status()) ? "This contract is " + c.status().replace('_', ' ') + "."
                : g != null && g.contractId() != null && !g.contractId().equals(c.id())
                ? "The grant belongs to contract " + g.contractId() + "." : "");
        preview.set(ApiJson.pretty(proposedAction()));
        form.valid(actionError.get().isEmpty() && amountError.get().isEmpty() && currencyError.get().isEmpty()
                && hoursError.get().isEmpty() && g != null && c != null && grantError.get().isEmpty()
                && contractError.get().isEmpty());
    }

    private BigDecimal amountValue() {
        try {
            return new BigDecimal(amount.get().strip().replace(",", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Integer hoursValue() {
        try {
            int h = Integer.parseInt(hours.get().strip());
            return h >= 1 && h <= MAX_HOURS ? h : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private long expiresAt(int h) {
        return clock.millis() + Duration.ofHours(h).toMillis();
    }

    /**
     * The proposed action exactly as it will be stored and hashed: the action, the amount as an
     * exact decimal string, the currency, the surface and business, and what the next action said.
     */
    public Map<String, Object> proposedAction() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("action", action.get().strip());
        BigDecimal value = amountValue();
        a.put("amount", value == null ? amount.get().strip() : value.toPlainString());
        a.put("currency", currency.get().strip());
        if (next.decision() != null && next.decision().surface() != null) {
            a.put("surface", next.decision().surface());
        }
        a.put("businessId", business);
        if (next.id() != null) {
            a.put("nextAction", next.id());
        }
        if (next.title() != null) {
            a.put("summary", next.title());
        }
        return a;
    }

    /** The draft as it is sent. */
    public Governance.NewDecision request() {
        Integer h = hoursValue();
        String tier = next.decision() == null ? null : next.decision().minTrustTier();
        return new Governance.NewDecision(ApiJson.object(proposedAction()), grant.get() == null ? null
                : grant.get().id(), contract.get() == null ? null : contract.get().id(), business, null, tier, null,
                approvals.get(), h == null ? null : expiresAt(h), true);
    }

    /** Creates the draft; the form is done and the draft opens in Approvals on success. */
    public void save() {
        Governance.NewDecision request = request();
        form.save("Proposing " + action.get().strip(), p -> api.get().proposeDecision(request), created -> {
            dialogs.notify("Draft decision " + created.id() + " created: submit it in Approvals");
            onCreated.accept(created.id());
        }, ErrorText::describe);
    }

    public String title() {
        return "Propose decision";
    }

    public String headerText() {
        return "Draft a decision for \"" + (next.title() == null ? action.get() : next.title()) + "\"";
    }

    /** The required-approvals choices: one approver or two distinct ones. */
    public List<Integer> approvalChoices() {
        return List.of(1, 2);
    }

    /** Every field problem at once, e.g. for a test's failure message. */
    public List<String> problems() {
        List<String> all = new ArrayList<>();
        for (ReadOnlyStringWrapper e : List.of(actionError, amountError, currencyError, hoursError, grantError,
                contractError)) {
            if (!e.get().isEmpty()) {
                all.add(e.get());
            }
        }
        return all;
    }

    public StringProperty actionProperty() {
        return action;
    }

    public StringProperty amountProperty() {
        return amount;
    }

    public StringProperty currencyProperty() {
        return currency;
    }

    /** Hours from now until it expires. */
    public StringProperty hoursProperty() {
        return hours;
    }

    public ObjectProperty<Integer> approvalsProperty() {
        return approvals;
    }

    public ObjectProperty<Choice> grantProperty() {
        return grant;
    }

    public ObjectProperty<Choice> contractProperty() {
        return contract;
    }

    public ObservableList<Choice> grantChoices() {
        return grantChoices;
    }

    public ObservableList<Choice> contractChoices() {
        return contractChoices;
    }

    public ReadOnlyStringProperty actionErrorProperty() {
        return actionError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty amountErrorProperty() {
        return amountError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty currencyErrorProperty() {
        return currencyError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty hoursErrorProperty() {
        return hoursError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty grantErrorProperty() {
        return grantError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty contractErrorProperty() {
        return contractError.getReadOnlyProperty();
    }

    /** The proposed action as pretty JSON, as it will be stored. */
    public ReadOnlyStringProperty previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** "Expires Nov 28, 2026 10:15". */
    public ReadOnlyStringProperty expiresTextProperty() {
        return expiresText.getReadOnlyProperty();
    }

    /** While reading grants and contracts, when that failed, or when there are none: why. */
    public ReadOnlyStringProperty loadTextProperty() {
        return loadText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty saveErrorProperty() {
        return form.errorProperty();
    }

    public ReadOnlyBooleanProperty canSaveProperty() {
        return form.canSaveProperty();
    }

    public ReadOnlyBooleanProperty savedProperty() {
        return form.savedProperty();
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return form.savingProperty();
    }
}
