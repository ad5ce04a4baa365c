package com.headlessanalytics.console.ui.grants;

import com.headlessanalytics.console.api.Capabilities;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.ui.common.FeatureGate;
import com.headlessanalytics.console.ui.common.Activatable;
import com.headlessanalytics.console.ui.common.Command;
import com.headlessanalytics.console.ui.common.DetailField;
import com.headlessanalytics.console.ui.common.DialogService;
import com.headlessanalytics.console.ui.common.QueryLifecycle;
import com.headlessanalytics.console.ui.common.TaskRunner;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Grants & contracts: the workspace's ContextContracts and AuthorityGrants with their validity,
 * status and budgets; the selected one in detail; new ones through forms; revocation at once, with
 * a reason and a confirmation that says what stops working. Read when shown and on Refresh.
 */
public final class GrantsViewModel implements Activatable {
    /** The longest reason the API accepts. */
    static final int MAX_REASON = Governance.MAX_REASON;
    static final String NO_CONTRACTS = "No contracts yet. A contract says what a business may do on one surface (ads,"
            + " payments, ops…): which actions, up to what amount each and in total, with what evidence. Create one"
            + " with New contract.";
    static final String NO_GRANTS = "No grants yet. A grant lets one principal (an API key id such as key_…, or"
            + " operator:name) propose and enforce some of a contract's actions, up to a budget, for a time.";

    /** A contract or a grant: what the detail pane shows and Revoke acts on. */
    public sealed interface Item permits ContractRow, GrantRow {
        String id();

        Validity.Status status();
    }

    /** A contract as listed. */
    public record ContractRow(String id, String name, String scope, String actions, String perAction, Budget budget,
                              String window, Validity.Status status, String statusText, String packs, String minTier,
                              Governance.Contract contract) implements Item {
    }

    /** A grant as listed; {@code contract} names the contract it falls under. */
    public record GrantRow(String id, String grantee, String actions, Budget budget, String window,
                           Validity.Status status, String statusText, String contract, Governance.Grant grant)
            implements Item {
    }


    private final Supplier<HeadlessApi> api;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Clock clock;
    private final ZoneId zone;
    private final QueryLifecycle query;
    private final ObservableList<ContractRow> contracts = FXCollections.observableArrayList();
    private final ObservableList<GrantRow> grants = FXCollections.observableArrayList();
    private final ObjectProperty<Item> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper detailTitle = new ReadOnlyStringWrapper("");
    private final ObservableList<DetailField> detail = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Budget> detailBudget = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper openContracts = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper revoking = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRevoke = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper revokeText = new ReadOnlyStringWrapper("Revoke");
    private final ReadOnlyStringWrapper contractsPlaceholder = new ReadOnlyStringWrapper("Reading contracts…");
    private final ReadOnlyStringWrapper grantsPlaceholder = new ReadOnlyStringWrapper("Reading grants…");
    /** Whether the server lists grants and contracts, and lets clients create and revoke them. */
    private final FeatureGate setup = new FeatureGate(Capabilities.Feature.GOVERNANCE_SETUP);
    private final FeatureGate changes = new FeatureGate(Capabilities.Feature.GOVERNANCE_CHANGES);
    private final Command refreshCommand;
    private final Command newContractCommand;
    private final Command newGrantCommand;
    private final Command revokeCommand;

    public GrantsViewModel(Supplier<HeadlessApi> api, TaskRunner tasks, DialogService dialogs, Clock clock,
                           ZoneId zone) {
        this.api = api;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.clock = clock;
        this.zone = zone;
        this.query = new QueryLifecycle(tasks);
        refreshCommand = new Command(this::refresh, query.runningProperty().not());
        newContractCommand = new Command(this::newContract, loaded.and(changes.offeredProperty()));
        newGrantCommand = new Command(this::newGrant, openContracts.and(changes.offeredProperty()));
        canRevoke.bind(Bindings.createBooleanBinding(() -> selected.get() != null
                && selected.get().status() != Validity.Status.REVOKED && !revoking.get(), selected, revoking));
        revokeCommand = new Command(this::revoke, canRevoke.and(changes.offeredProperty()));
        revokeText.bind(Bindings.createStringBinding(() -> selected.get() instanceof GrantRow ? "Revoke grant"
                : selected.get() instanceof ContractRow ? "Revoke contract" : "Revoke", selected));
        contractsPlaceholder.bind(Bindings.when(setup.offeredProperty()).then(Bindings.when(loaded).then(NO_CONTRACTS)
                .otherwise("Reading contracts…")).otherwise(setup.unavailableProperty()));
        grantsPlaceholder.bind(Bindings.when(setup.offeredProperty()).then(Bindings.when(loaded).then(NO_GRANTS)
                .otherwise("Reading grants…")).otherwise(setup.unavailableProperty()));
        selected.addListener((obs, old, item) -> showDetail(item));
    }

    @Override
    public void activate() {
        FeatureGate.check(tasks, api, setup, changes);
        refresh();
    }

    /** Listing grants and contracts: the sentence to show while the server does not offer it. */
    public FeatureGate setup() {
        return setup;
    }

    /** Creating and revoking grants and contracts: the sentence to show while the server does not offer it. */
    public FeatureGate changes() {
        return changes;
    }

    @Override
    public void deactivate() {
        query.stop();
    }

    /** What one read answers: both lists, as of the same moment. */
    private record Loaded(List<Governance.Contract> contracts, List<Governance.Grant> grants) {
    }

    /** Reads the contracts and grants again; the selection stays on the same id when it is still there. */
    public void refresh() {
        query.run("Reading grants and contracts", "Reading grants and contracts…", p -> {
            HeadlessApi port = api.get();
            return new Loaded(port.contracts().contracts(), port.grants().grants());
        }, this::show);
    }

    private void show(Loaded answer) {
        long now = clock.millis();
        Map<String, Governance.Contract> byId = new HashMap<>();
        answer.contracts().forEach(c -> byId.put(c.id(), c));
        String keep = selected.get() == null ? null : selected.get().id();
        contracts.setAll(answer.contracts().stream().map(c -> contractRow(c, now)).toList());
        grants.setAll(answer.grants().stream().map(g -> grantRow(g, byId.get(g.contractId()), now)).toList());
        loaded.set(true);
        openContracts.set(contracts.stream().anyMatch(c -> !c.status().ended()));
        selected.set(keep == null ? null : find(keep).orElse(null));
        showDetail(selected.get());
        long activeContracts = contracts.stream().filter(c -> c.status().usable()).count();
        long activeGrants = grants.stream().filter(g -> g.status().usable()).count();
        summary.set(count(contracts.size(), "contract") + " (" + activeContracts + " active) · "
                + count(grants.size(), "grant") + " (" + activeGrants + " active)");
        query.status("");
    }

    private Optional<Item> find(String id) {
        Optional<Item> contract = contracts.stream().filter(c -> c.id().equals(id)).map(c -> (Item) c).findFirst();
        return contract.isPresent() ? contract
                : grants.stream().filter(g -> g.id().equals(id)).map(g -> (Item) g).findFirst();
    }

    ContractRow contractRow(Governance.Contract c, long now) {
        Validity.Status status = Validity.status(c.status(), c.revokedAt(), c.validFrom(), c.validTo(), now);
        return new ContractRow(c.id(), nullToEmpty(c.name()), scope(c), join(c.allowedActions()),
                Budget.money(c.perActionLimit()), Budget.of(c.cumulativeLimit(), c.spent(), c.remaining()),
                Validity.window(c.validFrom(), c.validTo(), zone), status,
                Validity.statusText(status, c.revokedAt(), c.revokedBy(), c.validFrom(), c.validTo(), zone),
                c.requiredCompliancePacks() == null || c.requiredCompliancePacks().isEmpty() ? "none"
                        : join(c.requiredCompliancePacks()), c.minTrustTier() == null ? "any" : c.minTrustTier(), c);
    }

    GrantRow grantRow(Governance.Grant g, Governance.Contract contract, long now) {
        Validity.Status status = Validity.status(g.status(), g.revokedAt(), g.validFrom(), g.validTo(), now);
        return new GrantRow(g.id(), nullToEmpty(g.grantee()), join(g.actions()),
                Budget.of(g.amountLimit(), g.spent(), g.remaining()), Validity.window(g.validFrom(), g.validTo(), zone),
                status, Validity.statusText(status, g.revokedAt(), g.revokedBy(), g.validFrom(), g.validTo(), zone),
                contract == null ? nullToEmpty(g.contractId()) : contractName(contract), g);
    }

    /** "payments on default". */
    static String scope(Governance.Contract c) {
        return nullToEmpty(c.surface()) + (c.businessId() == null ? "" : " on " + c.businessId());
    }

    /** The contract's name, or its id when it has none. */
    static String contractName(Governance.Contract c) {
        return c.name() == null || c.name().isBlank() ? c.id() : c.name();
    }

    private void showDetail(Item item) {
        List<DetailField> fields = new ArrayList<>();
        if (item instanceof ContractRow row) {
            Governance.Contract c = row.contract();
            detailTitle.set("Contract " + contractName(c));
            fields.add(new DetailField("Status", row.statusText()));
            fields.add(new DetailField("ID", c.id()));
            fields.add(new DetailField("Business", nullToEmpty(c.businessId())));
            fields.add(new DetailField("Surface", nullToEmpty(c.surface())));
            fields.add(new DetailField("Allowed actions", row.actions()));
            fields.add(new DetailField("Per action", row.perAction().isEmpty() ? "no limit" : "up to " + row.perAction()));
            fields.add(new DetailField("Cumulative budget", row.budget().text()));
            fields.add(new DetailField("Minimum trust tier", row.minTier()));
            fields.add(new DetailField("Compliance packs", row.packs()));
            fields.add(new DetailField("Valid", row.window()));
            long under = grants.stream().filter(g -> c.id().equals(g.grant().contractId())).count();
            long active = grants.stream().filter(g -> c.id().equals(g.grant().contractId()) && g.status().usable())
                    .count();
            fields.add(new DetailField("Grants", under + " (" + active + " active)"));
            created(fields, c.createdBy(), c.createdAt(), c.revokedAt(), c.revokedBy(), c.revokeReason());
            detailBudget.set(row.budget());
        } else if (item instanceof GrantRow row) {
            Governance.Grant g = row.grant();
            detailTitle.set("Grant to " + row.grantee());
            fields.add(new DetailField("Status", row.statusText()));
            fields.add(new DetailField("ID", g.id()));
            fields.add(new DetailField("Grantee", row.grantee()));
            fields.add(new DetailField("Actions", row.actions()));
            fields.add(new DetailField("Budget", row.budget().text()));
            fields.add(new DetailField("Contract", row.contract() + (row.contract().equals(g.contractId()) ? ""
                    : " (" + g.contractId() + ")")));
            fields.add(new DetailField("Valid", row.window()));
            created(fields, g.createdBy(), g.createdAt(), g.revokedAt(), g.revokedBy(), g.revokeReason());
            detailBudget.set(row.budget());
        } else {
            detailTitle.set("");
            detailBudget.set(null);
        }
        detail.setAll(fields);
    }

    private void created(List<DetailField> fields, String by, long at, Long revokedAt, String revokedBy, String reason) {
        fields.add(new DetailField("Created", Validity.time(at, zone) + (by == null ? "" : " by " + by)));
        if (revokedAt != null) {
            fields.add(new DetailField("Revoked", Validity.time(revokedAt, zone) + (revokedBy == null ? "" : " by "
                    + revokedBy)));
            fields.add(new DetailField("Reason", nullToEmpty(reason)));
        }
    }

    /** Opens the form for a new contract; the lists are read again once it is saved. */
    public ContractFormViewModel newContract() {
        ContractFormViewModel form = new ContractFormViewModel(api, tasks, clock, zone, stored -> {
            refresh();
            dialogs.notify("Created contract " + contractName(stored));
        });
        dialogs.showForm(form);
        return form;
    }

    /**
     * Opens the form for a new grant, under the selected contract (or the selected grant's) when it
     * is not ended; the lists are read again once it is saved.
     */
    public GrantFormViewModel newGrant() {
        List<Governance.Contract> open = contracts.stream().filter(c -> !c.status().ended())
                .map(ContractRow::contract).toList();
        String preferred = selected.get() instanceof ContractRow c ? c.id()
                : selected.get() instanceof GrantRow g ? g.grant().contractId() : null;
        GrantFormViewModel form = new GrantFormViewModel(api, tasks, clock, zone, open, preferred, stored -> {
            refresh();
            dialogs.notify("Granted " + String.join(", ", stored.actions()) + " to " + stored.grantee());
        });
        dialogs.showForm(form);
        return form;
    }

    /**
     * Revokes the selected contract or grant at once: asks why (1–{@value #MAX_REASON} characters,
     * recorded in the signed chain), then confirms, naming what stops working.
     */
    private void revoke() {
        Item item = selected.get();
        String what = item instanceof ContractRow c ? "contract " + contractName(c.contract())
                : "the grant to " + ((GrantRow) item).grantee();
        Optional<String> answer = dialogs.askText("Revoke " + what, "Why is it revoked? The reason is recorded in the"
                + " signed governance chain.", "");
        if (answer.isEmpty()) {
            return;
        }
        String reason = answer.get().strip();
        String problem = reasonProblem(reason);
        if (problem != null) {
            dialogs.showInformation("Not revoked", problem);
            return;
        }
        if (!dialogs.confirm("Revoke " + what + "?", consequences(item) + "\n\nReason: " + reason,
                item instanceof ContractRow ? "Revoke contract" : "Revoke grant")) {
            return;
        }
        revoking.set(true);
        Governance.ReasonRequest body = new Governance.ReasonRequest(reason);
        tasks.submit("Revoking " + what, p -> {
            if (item instanceof ContractRow) {
                return api.get().revokeContract(item.id(), body).id();
            }
            return api.get().revokeGrant(item.id(), body).id();
        }, id -> {
            revoking.set(false);
            dialogs.notify("Revoked " + what);
            refresh();
        }, failure -> {
            revoking.set(false);
            dialogs.showError("The " + what + " could not be revoked", failure);
            refresh();
        });
    }

    /** Why a revocation reason is refused, or null when it is fine. */
    static String reasonProblem(String reason) {
        if (reason == null || reason.isBlank()) {
            return "A reason is needed to revoke: it is recorded in the signed governance chain.";
        }
        if (reason.length() > MAX_REASON) {
            return String.format(Locale.ENGLISH, "The reason is %,d characters long; at most %,d are kept.",
                    reason.length(), MAX_REASON);
        }
        return null;
    }

    /** What stops working when {@code item} is revoked, for the confirmation. */
    String consequences(Item item) {
        if (item instanceof ContractRow row) {
            Governance.Contract c = row.contract();
            List<GrantRow> under = grants.stream().filter(g -> c.id().equals(g.grant().contractId())).toList();
            long active = under.stream().filter(g -> !g.status().ended()).count();
            return "From now on nothing can be enforced under this contract (" + scope(c) + "): "
                    + (under.isEmpty() ? "it has no grants, and no grant can be made under it"
                    : (active == 0 ? "none of its " + count(under.size(), "grant") + " is still in use"
                    : "its " + count(active, "grant") + " still in use ("
                    + String.join(", ", under.stream().filter(g -> !g.status().ended()).map(GrantRow::grantee)
                    .distinct().toList()) + ") stop working")
                    + ", and decisions already approved under it are denied when enforced")
                    + ". This cannot be undone.";
        }
        GrantRow row = (GrantRow) item;
        String left = row.budget().level() == Budget.Level.NONE ? "" : " Its unspent budget ("
                + row.budget().remaining() + ") can no longer be used.";
        return "From now on " + row.grantee() + " can no longer use this grant: enforcing " + row.actions()
                + " under contract " + row.contract() + " is denied, including decisions already approved and"
                + " not yet released." + left + " This cannot be undone.";
    }

    private static String count(long n, String noun) {
        return String.format(Locale.ENGLISH, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }

    static String join(List<String> values) {
        return values == null ? "" : String.join(", ", values);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The reads: running, status, error, cancel. */
    public QueryLifecycle query() {
        return query;
    }

    public ObservableList<ContractRow> contracts() {
        return contracts;
    }

    public ObservableList<GrantRow> grants() {
        return grants;
    }

    /** The contract or grant shown in detail and revoked by Revoke; the View sets it from the tables. */
    public ObjectProperty<Item> selectedProperty() {
        return selected;
    }

    /** "Contract Ads spend" or "Grant to key_…", empty without a selection. */
    public ReadOnlyStringProperty detailTitleProperty() {
        return detailTitle.getReadOnlyProperty();
    }

    /** The selected item's fields, in order. */
    public ObservableList<DetailField> detail() {
        return detail;
    }

    /** The selected item's budget, for its bar; null without a selection. */
    public ReadOnlyObjectProperty<Budget> detailBudgetProperty() {
        return detailBudget.getReadOnlyProperty();
    }

    /** "3 contracts (2 active) · 5 grants (3 active)". */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    /** "Revoke contract" or "Revoke grant", after the selection. */
    public ReadOnlyStringProperty revokeTextProperty() {
        return revokeText.getReadOnlyProperty();
    }

    /** What the contracts table says while empty. */
    public ReadOnlyStringProperty contractsPlaceholderProperty() {
        return contractsPlaceholder.getReadOnlyProperty();
    }

    /** What the grants table says while empty. */
    public ReadOnlyStringProperty grantsPlaceholderProperty() {
        return grantsPlaceholder.getReadOnlyProperty();
    }

    /** Refresh: reads again; not while a read runs. */
    public Command refreshCommand() {
        return refreshCommand;
    }

    /** New contract: once the lists were read. */
    public Command newContractCommand() {
        return newContractCommand;
    }

    /** New grant: while a contract is neither revoked nor expired, to grant under. */
    public Command newGrantCommand() {
        return newGrantCommand;
    }

    /** Revoke the selected contract or grant: not when it is already revoked, nor while revoking. */
    public Command revokeCommand() {
        return revokeCommand;
    }
}
