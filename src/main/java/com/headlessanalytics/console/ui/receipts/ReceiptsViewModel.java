package com.headlessanalytics.console.ui.receipts;

import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Checks;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.domain.EventLimits;
import com.headlessanalytics.console.ui.common.Activatable;
import com.headlessanalytics.console.ui.common.Command;
import com.headlessanalytics.console.ui.common.CsvExport;
import com.headlessanalytics.console.ui.common.DetailField;
import com.headlessanalytics.console.ui.common.DialogService;
import com.headlessanalytics.console.ui.common.QueryLifecycle;
import com.headlessanalytics.console.ui.common.TableExport;
import com.headlessanalytics.console.ui.common.TaskRunner;
import com.headlessanalytics.console.ui.common.TextClipboard;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Receipts: the EnforcementReceipts of the workspace ({@code GET /api/governance/receipts}), newest
 * first, filtered by traceId and/or decision; the selected one with every check and its place in
 * the hash chain; and the chain's status (intact with its head and record count, or broken at its
 * first problem) as a banner. Copy JSON puts a receipt on the clipboard; Export CSV writes the list.
 */
public final class ReceiptsViewModel implements Activatable {
    static final List<String> CSV_HEADER = List.of("time", "outcome", "receipt_id", "decision_id", "actor",
            "action_digest", "seq", "grant_id", "contract_id", "trace_id", "checks_failed", "record_hash");
    /** How many hex digits of a hash the table shows. */
    static final int SHORT_HASH = 12;
    /** The API answers at most the newest this many receipts. */
    static final int LIST_CAP = 1000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ENGLISH);

    /** How the chain banner looks: not read yet, intact, or broken. */
    public enum ChainState { UNKNOWN, INTACT, BROKEN }

    /** A receipt as listed. */
    public record ReceiptRow(String time, Governance.Outcome outcome, String outcomeText, String decision,
                             String actor, String digest, long seq, Governance.Receipt receipt) {
    }

    /** One check of the selected receipt. */
    public record CheckRow(String name, boolean passed, String result, String detail) {
    }


    private final Supplier<HeadlessApi> api;
    private final DialogService dialogs;
    private final TextClipboard clipboard;
    private final ZoneId zone;
    private final QueryLifecycle query;
    private final CsvExport csv;
    private final StringProperty traceFilter = new SimpleStringProperty("");
    private final StringProperty decisionFilter = new SimpleStringProperty("");
    private final ObservableList<ReceiptRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<ReceiptRow> selected = new SimpleObjectProperty<>();
    private final ObservableList<CheckRow> checks = FXCollections.observableArrayList();
    private final ObservableList<DetailField> facts = FXCollections.observableArrayList();
    private final ObservableList<DetailField> chainPlace = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper selectedTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper checksSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ChainState> chainState = new ReadOnlyObjectWrapper<>(ChainState.UNKNOWN);
    private final ReadOnlyStringWrapper chainText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper("Reading receipts…");
    private final ReadOnlyStringWrapper filtersShown = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper();
    private final Command applyCommand;
    private final Command clearCommand;
    private final Command copyJsonCommand;
    private final Command exportCommand;

    public ReceiptsViewModel(Supplier<HeadlessApi> api, TaskRunner tasks, DialogService dialogs, Clock clock,
                             ZoneId zone, TextClipboard clipboard) {
        this.api = api;
        this.dialogs = dialogs;
        this.clipboard = clipboard;
        this.zone = zone;
        this.query = new QueryLifecycle(tasks);
        this.csv = new CsvExport(tasks, dialogs, clock, zone);
        applyCommand = new Command(this::refresh);
        clearCommand = new Command(this::clearFilters, traceFilter.isNotEmpty().or(decisionFilter.isNotEmpty())
                .or(filtersShown.isNotEmpty()));
        copyJsonCommand = new Command(this::copyJson, selected.isNotNull());
        exportCommand = new Command(this::export, Bindings.isNotEmpty(rows));
        selected.addListener((obs, old, row) -> showSelected(row));
    }

    @Override
    public void activate() {
        refresh();
    }

    @Override
    public void deactivate() {
        query.stop();
    }

    /**
     * Reads the receipts matching the filters typed (a blank filter is none); a filter the API would
     * refuse is explained and nothing is sent. The selection stays on the same receipt when it is
     * still listed.
     */
    public void refresh() {
        String trace = blankToNull(traceFilter.get());
        String decision = blankToNull(decisionFilter.get());
        List<String> problems = new ArrayList<>();
        for (String[] f : new String[][] {{"The trace ID", trace}, {"The decision ID", decision}}) {
            if (f[1] != null && f[1].length() > EventLimits.MAX_ID_LENGTH) {
                problems.add(f[0] + " must be at most " + EventLimits.MAX_ID_LENGTH + " characters");
            }
        }
        if (!problems.isEmpty()) {
            query.fail(String.join("\n", problems));
            return;
        }
        query.run("Reading receipts", "Reading receipts…", p -> api.get().receipts(trace, decision),
                answer -> show(answer, trace, decision));
    }

    /** Shows the receipts of one decision (e.g. opened from elsewhere): the trace filter is cleared. */
    public void showDecision(String decisionId) {
        traceFilter.set("");
        decisionFilter.set(decisionId == null ? "" : decisionId);
        refresh();
    }

    private void clearFilters() {
        traceFilter.set("");
        decisionFilter.set("");
        refresh();
    }

    private void show(Governance.Receipts answer, String trace, String decision) {
        String keep = selected.get() == null ? null : selected.get().receipt().id();
        List<Governance.Receipt> newestFirst = answer.receipts().stream()
                .sorted(Comparator.comparingLong(Governance.Receipt::seq).reversed()).toList();
        rows.setAll(newestFirst.stream().map(this::row).toList());
        loaded.set(true);
        selected.set(keep == null ? null : rows.stream().filter(r -> keep.equals(r.receipt().id())).findFirst()
                .orElse(null));
        showSelected(selected.get());
        showChain(answer.chain());
        List<String> filters = new ArrayList<>();
        if (trace != null) {
            filters.add("trace " + trace);
        }
        if (decision != null) {
            filters.add("decision " + decision);
        }
        filtersShown.set(String.join(" and ", filters));
        summary.set(summary(newestFirst, filtersShown.get()));
        placeholder.set(filters.isEmpty() ? "No receipts yet. A receipt is written each time an action is enforced"
                + " (POST /api/governance/enforce): allow, deny or escrow, with every check."
                : "No receipts for " + filtersShown.get() + ".");
        query.status("");
    }

    ReceiptRow row(Governance.Receipt r) {
        Governance.Outcome outcome = r.outcome() == null ? null
                : Checks.Wire.parse(Governance.Outcome.class, r.outcome().toLowerCase(Locale.ROOT));
        return new ReceiptRow(TIME.format(Instant.ofEpochMilli(r.at()).atZone(zone)), outcome,
                outcome == null ? String.valueOf(r.outcome()) : outcome.name().toLowerCase(Locale.ROOT),
                nullToEmpty(r.decisionObjectId()), nullToEmpty(r.actor()), shortHash(r.actionDigest()), r.seq(), r);
    }

    /**
     * "12 receipts · 8 allow, 3 deny, 1 escrow", with the filters when there are any, and saying so
     * when the list is the API's newest {@value #LIST_CAP}.
     */
    static String summary(List<Governance.Receipt> receipts, String filters) {
        long allow = receipts.stream().filter(r -> "allow".equalsIgnoreCase(r.outcome())).count();
        long deny = receipts.stream().filter(r -> "deny".equalsIgnoreCase(r.outcome())).count();
        long escrow = receipts.stream().filter(r -> "escrow".equalsIgnoreCase(r.outcome())).count();
        String head = String.format(Locale.ENGLISH, "%,d receipt%s", receipts.size(), receipts.size() == 1 ? "" : "s")
                + (filters.isEmpty() ? "" : " for " + filters)
                + (receipts.size() >= LIST_CAP ? " (the newest " + String.format(Locale.ENGLISH, "%,d", LIST_CAP)
                + "; filter by trace or decision for older ones)" : "");
        return receipts.isEmpty() ? head : head + String.format(Locale.ENGLISH, " · %,d allow, %,d deny, %,d escrow",
                allow, deny, escrow);
    }

    private void showChain(Governance.ChainStatus chain) {
        if (chain == null) {
            chainState.set(ChainState.UNKNOWN);
            chainText.set("The API did not say whether the chain verifies.");
        } else if (chain.intact()) {
            chainState.set(ChainState.INTACT);
            chainText.set(chainIntactText(chain));
        } else {
            chainState.set(ChainState.BROKEN);
            chainText.set("The hash chain is broken: " + (chain.problem() == null ? "no reason given"
                    : chain.problem()) + ". Records after the problem cannot be trusted; export nothing from this"
                    + " workspace before it is understood.");
        }
    }

    /** "Hash chain intact: 42 records, every one signed and linked · head 3fa9c1d2e4b5…". */
    static String chainIntactText(Governance.ChainStatus chain) {
        if (chain.records() == 0) {
            return "Hash chain intact: no governance records yet.";
        }
        return String.format(Locale.ENGLISH, "Hash chain intact: %,d record%s, every one signed and linked to the one"
                + " before · head %s", chain.records(), chain.records() == 1 ? "" : "s", shortHash(chain.head()));
    }

    private void showSelected(ReceiptRow row) {
        if (row == null) {
            selectedTitle.set("");
            checksSummary.set("");
            checks.clear();
            facts.clear();
            chainPlace.clear();
            return;
        }
        Governance.Receipt r = row.receipt();
        selectedTitle.set("Receipt " + r.id() + " · " + row.outcomeText());
        List<Governance.Check> all = r.checks() == null ? List.of() : r.checks();
        checks.setAll(all.stream().map(c -> new CheckRow(nullToEmpty(c.name()), c.passed(),
                c.passed() ? "passed" : "failed", nullToEmpty(c.detail()))).toList());
        long failed = all.stream().filter(c -> !c.passed()).count();
        checksSummary.set(all.isEmpty() ? "No checks recorded"
                : failed == 0 ? "All " + all.size() + " checks passed"
                : failed + " of " + all.size() + " check" + (all.size() == 1 ? "" : "s") + " failed");
        List<DetailField> f = new ArrayList<>();
        f.add(new DetailField("Outcome", row.outcomeText()));
        f.add(new DetailField("Time", row.time()));
        f.add(new DetailField("Decision", nullToEmpty(r.decisionObjectId())));
        f.add(new DetailField("Actor", nullToEmpty(r.actor())));
        f.add(new DetailField("Action digest", nullToEmpty(r.actionDigest())));
        f.add(new DetailField("Grant", nullToEmpty(r.grantId())));
        f.add(new DetailField("Contract", nullToEmpty(r.contractId())));
        f.add(new DetailField("Trace", nullToEmpty(r.traceId())));
        if (r.attestation() != null) {
            f.add(new DetailField("Attestation", nullToEmpty(r.attestation().provider())
                    + (r.attestation().keyId() == null ? "" : " · key " + r.attestation().keyId())));
        }
        facts.setAll(f);
        chainPlace.setAll(List.of(new DetailField("Seq", Long.toString(r.seq())),
                new DetailField("Previous hash", nullToEmpty(r.prevHash())),
                new DetailField("Record hash", nullToEmpty(r.recordHash())),
                new DetailField("Signed by key", nullToEmpty(r.keyId())),
                new DetailField("Signature", nullToEmpty(r.signature()))));
    }

    /** Copies the selected receipt as the API gives it, indented. */
    private void copyJson() {
        ReceiptRow row = selected.get();
        clipboard.copy(ApiJson.pretty(row.receipt()));
        dialogs.notify("Copied receipt " + row.receipt().id() + " as JSON");
    }

    private void export() {
        csv.export("receipts", table());
    }

    /** The listed receipts as exported: raw values, times ISO-8601 UTC, full hashes. */
    public TableExport.Table table() {
        return new TableExport.Table("receipts", CSV_HEADER, rows.stream().map(row -> {
            Governance.Receipt r = row.receipt();
            long failed = r.checks() == null ? 0 : r.checks().stream().filter(c -> !c.passed()).count();
            return List.of(Instant.ofEpochMilli(r.at()).toString(), nullToEmpty(r.outcome()), nullToEmpty(r.id()),
                    nullToEmpty(r.decisionObjectId()), nullToEmpty(r.actor()), nullToEmpty(r.actionDigest()),
                    Long.toString(r.seq()), nullToEmpty(r.grantId()), nullToEmpty(r.contractId()),
                    nullToEmpty(r.traceId()), Long.toString(failed), nullToEmpty(r.recordHash()));
        }).toList());
    }

    /** The first {@value #SHORT_HASH} hex digits and an ellipsis; "" for none. */
    static String shortHash(String hash) {
        if (hash == null) {
            return "";
        }
        return hash.length() <= SHORT_HASH ? hash : hash.substring(0, SHORT_HASH) + "…";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    public QueryLifecycle query() {
        return query;
    }

    /** Only receipts of this trace; blank for all. */
    public StringProperty traceFilterProperty() {
        return traceFilter;
    }

    /** Only receipts of this decision; blank for all. */
    public StringProperty decisionFilterProperty() {
        return decisionFilter;
    }

    /** The receipts read, newest (highest seq) first. */
    public ObservableList<ReceiptRow> rows() {
        return rows;
    }

    /** The receipt shown in detail; the View sets it from the table. */
    public ObjectProperty<ReceiptRow> selectedProperty() {
        return selected;
    }

    /** Every check of the selected receipt, in the order enforce ran them. */
    public ObservableList<CheckRow> checks() {
        return checks;
    }

    /** The selected receipt's facts: outcome, time, decision, actor, digest, grant, contract, trace. */
    public ObservableList<DetailField> facts() {
        return facts;
    }

    /** The selected receipt's place in the chain: seq, previous and own hash, key, signature. */
    public ObservableList<DetailField> chainPlace() {
        return chainPlace;
    }

    public ReadOnlyStringProperty selectedTitleProperty() {
        return selectedTitle.getReadOnlyProperty();
    }

    /** "All 9 checks passed", "2 of 9 checks failed". */
    public ReadOnlyStringProperty checksSummaryProperty() {
        return checksSummary.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ChainState> chainStateProperty() {
        return chainState.getReadOnlyProperty();
    }

    /** The chain banner's sentence. */
    public ReadOnlyStringProperty chainTextProperty() {
        return chainText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** What the empty table says. */
    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    /** The filters of the list shown ("trace t-1 and decision dec_…"), empty for none. */
    public ReadOnlyStringProperty filtersShownProperty() {
        return filtersShown.getReadOnlyProperty();
    }

    /** Apply (Enter in a filter field): reads with the filters typed. */
    public Command applyCommand() {
        return applyCommand;
    }

    /** Clear: both filters, and reads again. */
    public Command clearCommand() {
        return clearCommand;
    }

    /** Copy JSON of the selected receipt. */
    public Command copyJsonCommand() {
        return copyJsonCommand;
    }

    /** Export CSV of the listed receipts. */
    public Command exportCommand() {
        return exportCommand;
    }
}
