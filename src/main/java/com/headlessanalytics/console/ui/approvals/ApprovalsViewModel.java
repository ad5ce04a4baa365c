package com.headlessanalytics.console.ui.approvals;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Capabilities;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.ui.approvals.ApprovalRules.QueueView;
import com.headlessanalytics.console.ui.common.Activatable;
import com.headlessanalytics.console.ui.common.Command;
import com.headlessanalytics.console.ui.common.DecisionNavigator;
import com.headlessanalytics.console.ui.common.DialogService;
import com.headlessanalytics.console.ui.common.ErrorText;
import com.headlessanalytics.console.ui.common.FeatureGate;
import com.headlessanalytics.console.ui.common.Formats;
import com.headlessanalytics.console.ui.common.OperatorProfile;
import com.headlessanalytics.console.ui.common.Polling;
import com.headlessanalytics.console.ui.common.QueryLifecycle;
import com.headlessanalytics.console.ui.common.Scheduler;
import com.headlessanalytics.console.ui.common.TaskRunner;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Approvals: the queue of DecisionObjects (To review, Mine, History, All; most urgent first) and
 * the selected decision's detail — the exact action and its digest, proposer, grant and contract
 * with their remaining budgets, evidence, approvals and history — with Approve, Deny, Revoke and
 * Submit. Who "me" is comes from the port ({@code identity()}): the operator profile on an embedded
 * workspace, the API key's id on a remote one. Every rule is decided here (see {@link ApprovalRules}).
 *
 * <p>While the console is open the queue is also watched in the background ({@link #startWatching()}):
 * the count of decisions awaiting my review feeds the sidebar badge, and a decision that newly
 * awaits my review is announced as an {@link Arrival} (the shell shows it as a desktop notification).
 */
public final class ApprovalsViewModel implements Activatable {
    static final Duration WATCH = Duration.ofSeconds(10);
    static final Duration TICK = Duration.ofSeconds(1);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d, yyyy HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("MMM d, HH:mm:ss", Locale.ENGLISH);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ENGLISH);

    /** A grant's or contract's part of the detail: what it is, its budget left, and what is wrong for this action. */
    public record Budget(String heading, String detail, String remaining, String problem) {
    }

    /** One evidence item: its trust tier (the decision's when it names none) and its fields. */
    public record EvidenceRow(String tier, String text) {
    }

    public record ApprovalRow(String approver, String time, String reason) {
    }

    /** One step of the decision's history: who, when, the transition and the reason. */
    public record HistoryRow(String time, String actor, String transition, String reason) {
    }

    /**
     * The selected decision as the detail pane shows it. {@code actionJson} is the proposed action
     * exactly as stored (pretty-printed), {@code digest} the SHA-256 of its RFC 8785 form that an
     * approval names; {@code aiNotice} is empty for an operator's proposal.
     */
    public record Detail(String id, String heading, String state, String proposer, String aiNotice, String actionJson,
                         String digest, String expires, String approvals, String business, Budget grant,
                         Budget contract, List<EvidenceRow> evidence, List<ApprovalRow> approvalRows,
                         List<HistoryRow> history) {
    }

    /**
     * Decisions that newly await my review: one names its decision, several only their count.
     * {@code seq} tells two arrivals with the same text apart.
     */
    public record Arrival(long seq, String title, String text, String decisionId) {
    }

    /** One read: who I am, the decisions, and (when the screen shows them) the grants and contracts. */
    record Snapshot(String me, List<Governance.Decision> decisions, List<Governance.Grant> grants,
                    List<Governance.Contract> contracts) {
    }

    private final Supplier<HeadlessApi> api;
    private final TaskRunner tasks;
    /** Whether the server lets clients approve, deny, revoke and submit (a reference-only server does not). */
    private final FeatureGate changes = new FeatureGate(Capabilities.Feature.GOVERNANCE_CHANGES);
    private final Clock clock;
    private final ZoneId zone;
    private final DialogService dialogs;
    private final OperatorProfile operator;
    private final Scheduler scheduler;
    private final QueryLifecycle query;
    private final QueryLifecycle watchQuery;
    private final Polling watch;
    private TaskRunner.Handle ticker;
    private boolean active;

    private final Map<String, DecisionRow> byId = new LinkedHashMap<>();
    private final Map<String, Governance.Grant> grants = new HashMap<>();
    private final Map<String, Governance.Contract> contracts = new HashMap<>();
    private final ObservableList<DecisionRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<QueueView> view = new SimpleObjectProperty<>(QueueView.TO_REVIEW);
    private final Map<QueueView, ReadOnlyStringWrapper> tabTitles = new EnumMap<>(QueueView.class);
    private final ReadOnlyObjectWrapper<DecisionRow> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Detail> detail = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper selectedExpiresIn = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper me = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper whoAmI = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper approveBlocked = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper approveHint = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper submitBlocked = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper("Reading decisions…");
    private final ReadOnlyIntegerWrapper toReview = new ReadOnlyIntegerWrapper();
    private final ReadOnlyObjectWrapper<Arrival> arrival = new ReadOnlyObjectWrapper<>();
    private final Command refreshCommand;
    private final Command approveCommand;
    private final Command denyCommand;
    private final Command revokeCommand;
    private final Command submitCommand;
    private final Command receiptsCommand;
    private DecisionNavigator receiptsNavigator = id -> { };

    /** The decisions awaiting my review at the last read; null until the first read set the baseline. */
    private Set<String> seen;
    private String watchedAs;
    private boolean loaded;
    private long arrivals;
    private String pendingSelection;
    private final Set<String> expiryRead = new HashSet<>();

    public ApprovalsViewModel(Supplier<HeadlessApi> api, TaskRunner tasks, Scheduler scheduler, Clock clock,
                              ZoneId zone, DialogService dialogs, OperatorProfile operator) {
        this.api = api;
        this.clock = clock;
        this.zone = zone;
        this.dialogs = dialogs;
        this.operator = operator;
        this.scheduler = scheduler;
        this.tasks = tasks;
        this.query = new QueryLifecycle(tasks);
        this.watchQuery = new QueryLifecycle(tasks);
        this.watch = new Polling(scheduler, WATCH, watchQuery, this::readInBackground);
        for (QueueView v : QueueView.values()) {
            tabTitles.put(v, new ReadOnlyStringWrapper(v.label()));
        }
        var canChange = query.runningProperty().not().and(changes.offeredProperty());
        var hasSelection = selected.isNotNull();
        refreshCommand = new Command(this::refresh, query.runningProperty().not());
        approveCommand = new Command(this::approve, hasSelection.and(approveBlocked.isEmpty()).and(canChange));
        var openSelected = Bindings.createBooleanBinding(() -> selected.get() != null
                && ApprovalRules.open(selected.get().decision()), selected, detail);
        denyCommand = new Command(this::deny, openSelected.and(canChange));
        revokeCommand = new Command(this::revoke, openSelected.and(canChange));
        submitCommand = new Command(this::submit, hasSelection.and(submitBlocked.isEmpty()).and(canChange));
        receiptsCommand = new Command(() -> receiptsNavigator.showDecision(selected.get().decision().id()),
                hasSelection);
        view.addListener((obs, old, now) -> {
            DecisionRow shown = selected.get();
            if (shown != null && !ApprovalRules.inView(now, shown.decision(), me.get())) {
                selected.set(null);
            }
            placeholder.set(loaded ? emptyText(now) : placeholder.get());
            showRows();
        });
        selected.addListener((obs, old, now) -> {
            showRows();
            showDetail();
        });
        operator.thresholdProperty().addListener((obs, old, now) -> showDetail());
    }

    /** Approving, denying, revoking and submitting: the sentence to show while the server does not offer them. */
    public FeatureGate changes() {
        return changes;
    }

    // ---- lifecycle ----

    @Override
    public void activate() {
        active = true;
        FeatureGate.check(tasks, api, changes);
        refresh();
        if (ticker == null) {
            ticker = scheduler.every(TICK, this::tick);
        }
    }

    @Override
    public void deactivate() {
        active = false;
        if (ticker != null) {
            ticker.cancel();
            ticker = null;
        }
        query.stop();
    }

    /** Watches the queue for the badge and arrivals while the console is open (from the first read on). */
    public void startWatching() {
        watch.start();
    }

    public void stopWatching() {
        watch.stop();
    }

    /**
     * Forgets everything read (another workspace or connection, or another operator) and watches
     * again: what awaits review there now is the new baseline, not news.
     */
    public void restartWatching() {
        boolean watching = watch.started();
        watch.stop();
        query.stop();
        byId.clear();
        grants.clear();
        contracts.clear();
        rows.clear();
        select(null);
        seen = null;
        watchedAs = null;
        me.set(null);
        toReview.set(0);
        loaded = false;
        placeholder.set("Reading decisions…");
        updateCounts();
        if (watching) {
            watch.start();
        }
        if (active) {
            refresh();
        }
    }

    // ---- reading ----

    /** Reads the queue, grants and contracts now, with the status line and errors of the screen. */
    public void refresh() {
        query.run("Reading decisions", "Reading decisions…", p -> read(true), s -> {
            absorb(s);
            query.status("Updated " + format(CLOCK, clock.millis()));
        }, failure -> placeholder.set("The decisions could not be read."));
    }

    private void readInBackground() {
        boolean withBudgets = active;
        watchQuery.run("Checking decisions", "", p -> read(withBudgets), this::absorb, failure -> { });
    }

    private Snapshot read(boolean withBudgets) {
        HeadlessApi port = api.get();
        boolean setup = port.capabilities().offers(Capabilities.Feature.GOVERNANCE_SETUP);
        String principal = setup ? port.identity().principal() : null;
        List<Governance.Decision> decisions = port.decisions(null).decisions();
        return withBudgets && setup
                ? new Snapshot(principal, decisions, port.grants().grants(), port.contracts().contracts())
                : new Snapshot(principal, decisions, null, null);
    }

    /** Takes a read: the badge and arrivals always, the rows and detail as they now are. */
    void absorb(Snapshot s) {
        if (!Objects.equals(s.me(), watchedAs)) {
            seen = null;
            watchedAs = s.me();
        }
        me.set(s.me());
        whoAmI.set(s.me() == null ? "You act as the API key of this connection; this server does not say whose."
                : OperatorProfile.isOperator(s.me()) ? "You act as " + s.me()
                : "You act as " + s.me() + " (the API key of this connection)");
        long now = clock.millis();
        Set<String> present = new HashSet<>();
        for (Governance.Decision d : s.decisions()) {
            present.add(d.id());
            DecisionRow row = byId.get(d.id());
            if (row == null) {
                byId.put(d.id(), new DecisionRow(d, now));
            } else if (!row.decision().equals(d)) {
                row.update(d, now);
            }
        }
        byId.keySet().retainAll(present);
        if (s.grants() != null) {
            grants.clear();
            s.grants().forEach(g -> grants.put(g.id(), g));
        }
        if (s.contracts() != null) {
            contracts.clear();
            s.contracts().forEach(c -> contracts.put(c.id(), c));
        }
        announce(s.decisions().stream().filter(d -> ApprovalRules.awaitsReviewBy(d, s.me())).toList());
        loaded = true;
        placeholder.set(emptyText(view.get()));
        showRows();
        if (pendingSelection != null && byId.containsKey(pendingSelection)) {
            String id = pendingSelection;
            pendingSelection = null;
            show(id);
        } else if (selected.get() != null && !byId.containsKey(selected.get().id())) {
            select(null);
        }
        showDetail();
    }

    /** Counts what awaits my review and announces what newly does (never on the first read: that is the baseline). */
    private void announce(List<Governance.Decision> awaiting) {
        toReview.set(awaiting.size());
        Set<String> ids = awaiting.stream().map(Governance.Decision::id).collect(Collectors.toSet());
        if (seen == null) {
            seen = new HashSet<>(ids);
            return;
        }
        List<Governance.Decision> fresh = awaiting.stream().filter(d -> !seen.contains(d.id()))
                .sorted((a, b) -> Long.compare(a.createdAt(), b.createdAt())).toList();
        seen.addAll(ids);
        if (fresh.isEmpty()) {
            return;
        }
        if (fresh.size() == 1) {
            Governance.Decision d = fresh.get(0);
            Map<String, Object> action = ApprovalRules.action(d);
            String money = ApprovalRules.money(ApprovalRules.amount(action), ApprovalRules.text(action, "currency"));
            String what = ApprovalRules.text(action, "action") + (money.isEmpty() ? "" : " · " + money);
            arrival.set(new Arrival(++arrivals, "A decision awaits your approval",
                    d.proposer() + " proposes " + what + (d.expiresAt() == null ? ""
                            : " · expires " + ApprovalRules.expiresIn(d.expiresAt(), clock.millis())), d.id()));
        } else {
            arrival.set(new Arrival(++arrivals, fresh.size() + " decisions await your approval",
                    "Newest: " + ApprovalRules.text(ApprovalRules.action(fresh.get(fresh.size() - 1)), "action")
                            + " from " + fresh.get(fresh.size() - 1).proposer(), null));
        }
    }

    /** The clock moved: ages and countdowns follow; a decision whose expiry passed is read again once. */
    private void tick() {
        long now = clock.millis();
        boolean expired = false;
        for (DecisionRow row : byId.values()) {
            row.tick(now);
            Governance.Decision d = row.decision();
            if (ApprovalRules.open(d) && d.expiresAt() != null && d.expiresAt() <= now && expiryRead.add(d.id())) {
                expired = true;
            }
        }
        updateSelectionState();
        if (expired && !watchQuery.isRunning() && !query.isRunning()) {
            readInBackground();
        }
    }

    // ---- the queue ----

    /**
     * The rows of the shown view, most urgent first, each row object kept while it stays listed.
     * The selected row stays listed until another is selected or the view changes, so the result
     * of acting on it (e.g. approved, no longer to review) stays in sight.
     */
    private void showRows() {
        String principal = me.get();
        DecisionRow shown = selected.get();
        List<DecisionRow> wanted = byId.values().stream()
                .filter(r -> r == shown || ApprovalRules.inView(view.get(), r.decision(), principal))
                .sorted(ApprovalRules.URGENCY).toList();
        if (!rows.equals(wanted)) {
            rows.removeIf(r -> !wanted.contains(r));
            for (int i = 0; i < wanted.size(); i++) {
                DecisionRow want = wanted.get(i);
                if (i < rows.size() && rows.get(i) == want) {
                    continue;
                }
                rows.remove(want);
                rows.add(i, want);
            }
        }
        updateCounts();
    }

    private void updateCounts() {
        String principal = me.get();
        for (QueueView v : QueueView.values()) {
            long n = byId.values().stream().filter(r -> ApprovalRules.inView(v, r.decision(), principal)).count();
            tabTitles.get(v).set(n == 0 ? v.label() : v.label() + " (" + n + ")");
        }
    }

    /** What an empty view says. */
    static String emptyText(QueueView v) {
        return switch (v) {
            case TO_REVIEW -> "Nothing awaits your approval.";
            case MINE -> "You have proposed no decisions.";
            case HISTORY -> "No decision has been released, denied, revoked or expired yet.";
            case ALL -> "No decisions yet. Agents propose them through the API; \"Propose decision\" on the Overview"
                    + " drafts one.";
        };
    }

    /**
     * The row the table selected; null only clears the selection when the selected row is no
     * longer listed (the table reports null while its rows change).
     */
    public void select(DecisionRow row) {
        if (row == null && selected.get() != null && rows.contains(selected.get())) {
            return;
        }
        selected.set(row);
    }

    /**
     * Shows the decision with this id: in the view that lists it, read first when not known yet;
     * null shows what awaits review.
     */
    public void show(String decisionId) {
        if (decisionId == null) {
            view.set(QueueView.TO_REVIEW);
            return;
        }
        DecisionRow row = byId.get(decisionId);
        if (row == null) {
            pendingSelection = decisionId;
            if (active) {
                refresh();
            }
            return;
        }
        if (!ApprovalRules.inView(view.get(), row.decision(), me.get())) {
            for (QueueView v : QueueView.values()) {
                if (ApprovalRules.inView(v, row.decision(), me.get())) {
                    view.set(v);
                    break;
                }
            }
        }
        selected.set(row);
    }

    // ---- the detail ----

    private void showDetail() {
        DecisionRow row = selected.get();
        Detail next = row == null ? null : detailOf(row);
        if (!Objects.equals(next, detail.get())) {
            detail.set(next);
        }
        updateSelectionState();
    }

    /** What depends on the selection and the clock: the countdown and whether Approve and Submit may run. */
    private void updateSelectionState() {
        DecisionRow row = selected.get();
        if (row == null) {
            selectedExpiresIn.set("");
            approveBlocked.set("Select a decision.");
            submitBlocked.set("Select a decision.");
            approveHint.set("");
            return;
        }
        Governance.Decision d = row.decision();
        long now = clock.millis();
        selectedExpiresIn.set(d.expiresAt() == null ? "no expiry" : ApprovalRules.open(d)
                ? ApprovalRules.expiresIn(d.expiresAt(), now) : "");
        approveBlocked.set(ApprovalRules.approveBlocked(d, me.get(), now));
        submitBlocked.set(ApprovalRules.submitBlocked(d, me.get()));
        boolean typed = ApprovalRules.needsTypedAmount(row.amount(), operator.threshold());
        approveHint.set(!approveBlocked.get().isEmpty() ? approveBlocked.get()
                : "Approve asks for your reason" + (typed ? " and, as the amount is above your threshold of "
                + Formats.money(operator.threshold()) + ", for the amount typed exactly" : "") + "; it names the digest"
                + " shown above.");
    }

    private Detail detailOf(DecisionRow row) {
        Governance.Decision d = row.decision();
        String money = row.moneyProperty().get();
        String heading = row.actionProperty().get() + (money.isEmpty() ? "" : " · " + money);
        String expires = d.expiresAt() == null ? "no expiry" : format(TIME, d.expiresAt());
        List<EvidenceRow> evidence = d.evidence() == null ? List.of() : d.evidence().stream()
                .map(e -> new EvidenceRow(ApprovalRules.tier(ApprovalRules.evidenceTier(e, d.trustTier())),
                        ApprovalRules.evidenceText(e))).toList();
        List<ApprovalRow> approvals = d.approvals() == null ? List.of() : d.approvals().stream()
                .map(a -> new ApprovalRow(a.approver(), format(SECONDS, a.at()), a.reason())).toList();
        List<HistoryRow> history = d.history() == null ? List.of() : d.history().stream()
                .map(h -> new HistoryRow(format(SECONDS, h.at()), h.actor(), ApprovalRules.transition(h),
                        h.reason() == null ? "" : h.reason())).toList();
        String business = d.businessId() == null ? "" : d.businessId();
        return new Detail(d.id(), heading, ApprovalRules.stateLabel(d.state()), d.proposer(),
                ApprovalRules.aiNotice(d.proposer()), d.proposedAction() == null ? "{}" : ApiJson.pretty(d.proposedAction()),
                d.actionDigest() == null ? "" : d.actionDigest(), expires, ApprovalRules.approvalCount(d), business,
                grantBudget(d, row), contractBudget(d, row), evidence, approvals, history);
    }

    private Budget grantBudget(Governance.Decision d, DecisionRow row) {
        if (d.grantId() == null) {
            return new Budget("No grant", "", "", "The decision names no AuthorityGrant: enforce will deny it.");
        }
        Governance.Grant g = grants.get(d.grantId());
        if (g == null) {
            return new Budget("Grant " + d.grantId(), "", "", grants.isEmpty() ? "Not read yet."
                    : "This grant is not in the workspace's grants.");
        }
        String detail = g.id() + " · actions " + String.join(", ", g.actions() == null ? List.of()
                : g.actions()) + " · " + validity(g.validFrom(), g.validTo()) + " · " + g.status();
        String problem = !"active".equals(g.status()) ? "The grant is " + g.status().replace('_', ' ') + "."
                : g.actions() != null && !g.actions().contains(ApprovalRules.text(row.action(), "action"))
                ? "The grant does not cover this action." : budgetProblem(g.amountLimit(), g.remaining(), row);
        return new Budget("Grant for " + g.grantee(), detail, left(g.remaining(), g.amountLimit()), problem);
    }

    private Budget contractBudget(Governance.Decision d, DecisionRow row) {
        if (d.contractId() == null) {
            return new Budget("No contract", "", "", "The decision names no ContextContract: enforce will deny it.");
        }
        Governance.Contract c = contracts.get(d.contractId());
        if (c == null) {
            return new Budget("Contract " + d.contractId(), "", "", contracts.isEmpty() ? "Not read yet."
                    : "This contract is not in the workspace's contracts.");
        }
        List<String> parts = new ArrayList<>();
        parts.add(c.id());
        parts.add(c.businessId() + " / " + c.surface());
        if (c.perActionLimit() != null) {
            parts.add("per action up to " + ApprovalRules.money(c.perActionLimit().amount(),
                    c.perActionLimit().currency()));
        }
        if (c.minTrustTier() != null) {
            parts.add("trust tier " + c.minTrustTier() + " or higher");
        }
        if (c.requiredCompliancePacks() != null && !c.requiredCompliancePacks().isEmpty()) {
            parts.add("packs " + String.join(", ", c.requiredCompliancePacks()));
        }
        parts.add(validity(c.validFrom(), c.validTo()));
        parts.add(c.status());
        BigDecimal amount = row.amount();
        String problem = !"active".equals(c.status()) ? "The contract is " + c.status().replace('_', ' ') + "."
                : c.perActionLimit() != null && amount != null && !row.currency().equals(c.perActionLimit().currency())
                ? "The action is in " + row.currency() + "; the contract's limits are in "
                + c.perActionLimit().currency() + "."
                : c.perActionLimit() != null && amount != null && amount.compareTo(c.perActionLimit().amount()) > 0
                ? "The amount is above the contract's per-action limit."
                : budgetProblem(c.cumulativeLimit(), c.remaining(), row);
        String name = c.name() == null || c.name().isBlank() ? c.id() : c.name();
        return new Budget("Contract " + name, String.join(" · ", parts), left(c.remaining(), c.cumulativeLimit()),
                problem);
    }

    /** Less left than this action spends, or another currency; "" when the budget covers it. */
    private static String budgetProblem(Governance.Money limit, BigDecimal remaining, DecisionRow row) {
        if (limit == null || row.amount() == null) {
            return "";
        }
        if (!limit.currency().equals(row.currency())) {
            return "The action is in " + row.currency() + "; this budget is in " + limit.currency() + ".";
        }
        return remaining != null && remaining.compareTo(row.amount()) < 0
                ? "Only " + ApprovalRules.money(remaining, limit.currency()) + " left: less than this action." : "";
    }

    private static String left(BigDecimal remaining, Governance.Money limit) {
        if (limit == null) {
            return "no amount limit";
        }
        return ApprovalRules.money(remaining == null ? limit.amount() : remaining, limit.currency()) + " left of "
                + ApprovalRules.money(limit.amount(), limit.currency());
    }

    private String validity(Long from, Long to) {
        if (from == null && to == null) {
            return "no validity window";
        }
        return (from == null ? "until " : "valid from " + format(TIME, from) + (to == null ? "" : " until "))
                + (to == null ? "" : format(TIME, to));
    }

    // ---- actions ----

    /**
     * Approve: asks for the reason and, above the operator's threshold, for the amount typed
     * exactly; then sends the digest shown in the detail, the one the operator saw.
     */
    private void approve() {
        DecisionRow row = selected.get();
        Governance.Decision d = row.decision();
        String digest = d.actionDigest();
        String what = row.actionProperty().get() + (row.moneyProperty().get().isEmpty() ? ""
                : " " + row.moneyProperty().get());
        Optional<String> reason = reason("Approve " + what + "?", "Why do you approve this decision? Your reason is"
                + " recorded with your approval.");
        if (reason.isEmpty()) {
            return;
        }
        if (ApprovalRules.needsTypedAmount(row.amount(), operator.threshold())) {
            String phrase = ApprovalRules.amountPhrase(row.amount());
            if (!dialogs.confirmTyped("Approve " + phrase + " " + row.currency() + "?",
                    d.proposer() + " proposes " + row.actionProperty().get() + " for " + phrase + " "
                            + row.currency() + ". This is above your approval threshold of "
                            + Formats.money(operator.threshold()) + ", so type the amount exactly as shown to approve.",
                    phrase, "Approve")) {
                query.status("Not approved: the amount was not confirmed.");
                return;
            }
        }
        Governance.ApproveRequest request = new Governance.ApproveRequest(reason.get(), digest);
        act("Approving " + what, "Approving…", port -> port.approveDecision(d.id(), request), "Approved");
    }

    private void deny() {
        DecisionRow row = selected.get();
        reason("Deny " + row.actionProperty().get() + "?", "Why do you deny this decision? It cannot be approved"
                + " afterwards; the reason is recorded.").ifPresent(r -> act("Denying " + row.actionProperty().get(),
                "Denying…", port -> port.denyDecision(row.id(), new Governance.ReasonRequest(r)), "Denied"));
    }

    private void revoke() {
        DecisionRow row = selected.get();
        reason("Revoke " + row.actionProperty().get() + "?", "Why do you revoke this decision? Nothing can be"
                + " released under it afterwards; the reason is recorded.").ifPresent(r -> act("Revoking "
                + row.actionProperty().get(), "Revoking…",
                port -> port.revokeDecision(row.id(), new Governance.ReasonRequest(r)), "Revoked"));
    }

    private void submit() {
        DecisionRow row = selected.get();
        if (!dialogs.confirm("Submit " + row.actionProperty().get() + " for approval?", "The draft becomes pending"
                + " approval: another person can then approve or deny it.", "Submit")) {
            return;
        }
        act("Submitting " + row.actionProperty().get(), "Submitting…", port -> port.submitDecision(row.id()),
                "Submitted");
    }

    /** Asks for a reason; empty when cancelled or when it is not one (the problem is then shown). */
    private Optional<String> reason(String title, String message) {
        Optional<String> typed = dialogs.askText(title, message, "");
        if (typed.isEmpty()) {
            query.status("Cancelled");
            return Optional.empty();
        }
        String problem = ApprovalRules.reasonProblem(typed.get());
        if (!problem.isEmpty()) {
            query.fail(problem);
            return Optional.empty();
        }
        return Optional.of(typed.get().strip());
    }

    /** Sends one transition; its answer replaces the decision, and a refusal is said plainly. */
    private void act(String title, String status, Function<HeadlessApi, Governance.Decision> call, String done) {
        query.run(title, status, p -> call.apply(api.get()), updated -> {
            DecisionRow row = byId.get(updated.id());
            if (row != null) {
                row.update(updated, clock.millis());
            }
            showRows();
            showDetail();
            query.status(done + " at " + format(CLOCK, clock.millis()) + " · the decision is now "
                    + ApprovalRules.stateLabel(updated.state()));
            readInBackground();
        }, failure -> {
            query.fail(refusal(failure));
            readInBackground();
        });
    }

    /** A refusal of the server as a sentence: 403 not allowed, 409 a conflict with the decision's state. */
    static String refusal(Throwable failure) {
        String text = ErrorText.describe(failure);
        if (failure instanceof ApiException e && e.status() == 403) {
            return "Refused by the server (403, not allowed): " + text;
        }
        if (failure instanceof ApiException e && e.status() == 409) {
            return "Refused by the server (409, conflict): " + text + " The decision was read again.";
        }
        return text;
    }

    private String format(DateTimeFormatter f, long millis) {
        return f.format(Instant.ofEpochMilli(millis).atZone(zone));
    }

    // ---- what the View binds ----

    /** The screen's reads and actions: running, status line, Cancel, errors and refusals. */
    public QueryLifecycle query() {
        return query;
    }

    public ObservableList<DecisionRow> rows() {
        return rows;
    }

    public ObjectProperty<QueueView> viewProperty() {
        return view;
    }

    public List<QueueView> views() {
        return List.of(QueueView.values());
    }

    /** A view's tab title with its count: "To review (3)". */
    public ReadOnlyStringProperty tabTitle(QueueView v) {
        return tabTitles.get(v).getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DecisionRow> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The selected decision's detail; null when none is selected. */
    public ReadOnlyObjectProperty<Detail> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** The selected decision's countdown: "in 2 h 5 min", "expired", "no expiry", "" once closed. */
    public ReadOnlyStringProperty selectedExpiresInProperty() {
        return selectedExpiresIn.getReadOnlyProperty();
    }

    /** Why Approve is disabled for the selected decision; empty when it is not. */
    public ReadOnlyStringProperty approveBlockedProperty() {
        return approveBlocked.getReadOnlyProperty();
    }

    /** The line by the Approve button: why it is disabled, or what approving will ask. */
    public ReadOnlyStringProperty approveHintProperty() {
        return approveHint.getReadOnlyProperty();
    }

    /** Why Submit is disabled; empty when it is not. */
    public ReadOnlyStringProperty submitBlockedProperty() {
        return submitBlocked.getReadOnlyProperty();
    }

    /** The principal the workspace records for me (from the port); null until read. */
    public ReadOnlyStringProperty meProperty() {
        return me.getReadOnlyProperty();
    }

    /** "You act as operator:ana". */
    public ReadOnlyStringProperty whoAmIProperty() {
        return whoAmI.getReadOnlyProperty();
    }

    /** What an empty list says. */
    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    /** How many decisions await my review: the sidebar badge. */
    public ReadOnlyIntegerProperty toReviewCountProperty() {
        return toReview.getReadOnlyProperty();
    }

    /** The latest decisions that newly await my review, for a desktop notification; null before any. */
    public ReadOnlyObjectProperty<Arrival> arrivalProperty() {
        return arrival.getReadOnlyProperty();
    }

    public Command refreshCommand() {
        return refreshCommand;
    }

    public Command approveCommand() {
        return approveCommand;
    }

    public Command denyCommand() {
        return denyCommand;
    }

    public Command revokeCommand() {
        return revokeCommand;
    }

    public Command submitCommand() {
        return submitCommand;
    }

    /** Opens the Receipts screen on the selected decision's receipts. */
    public Command receiptsCommand() {
        return receiptsCommand;
    }

    /** Where {@link #receiptsCommand()} goes: set once by the composition root. */
    public void onShowReceipts(DecisionNavigator navigator) {
        this.receiptsNavigator = navigator;
    }
}
