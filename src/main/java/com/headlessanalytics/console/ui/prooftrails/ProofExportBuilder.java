package com.headlessanalytics.console.ui.prooftrails;

import com.headlessanalytics.console.api.Capabilities;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Period;
import com.headlessanalytics.console.api.ProofTrails;
import com.headlessanalytics.console.domain.EventLimits;
import com.headlessanalytics.console.ui.common.FeatureGate;
import com.headlessanalytics.console.ui.common.Command;
import com.headlessanalytics.console.ui.common.DateRange;
import com.headlessanalytics.console.ui.common.ErrorText;
import com.headlessanalytics.console.ui.common.Formats;
import com.headlessanalytics.console.ui.common.QueryLifecycle;
import com.headlessanalytics.console.ui.common.TaskRunner;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The new-export part of Proof trails: what goes in the packet (everything in a time window, chosen
 * receipts, chosen decisions, or one trace), its title, a preview of the counts
 * ({@code POST /api/proof-event-trails/preview}, nothing written), and the export itself, pushed to
 * SovereignProof when asked, with the push outcome said plainly.
 */
public final class ProofExportBuilder {
    static final int MAX_TITLE = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d, HH:mm", Locale.ENGLISH);

    /** What an export selects. */
    public enum Scope {
        WINDOW("Everything in a time window"), RECEIPTS("Chosen receipts"), DECISIONS("Chosen decisions"),
        TRACE("One trace");

        private final String label;

        Scope(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A receipt or decision that can be put in the packet; {@code chosen} is ticked in the list. */
    public record Choice(String id, String label, BooleanProperty chosen) {
    }

    private final Supplier<HeadlessApi> api;
    private final TaskRunner tasks;
    private final Clock clock;
    private final ZoneId zone;
    private final Consumer<ProofTrails.ExportResult> exported;
    private final QueryLifecycle choicesQuery;
    private final QueryLifecycle previewQuery;
    private final StringProperty title = new SimpleStringProperty("");
    private final ObjectProperty<Scope> scope = new SimpleObjectProperty<>(Scope.WINDOW);
    private final ObjectProperty<DateRange> range = new SimpleObjectProperty<>(DateRange.of(
            DateRange.Preset.LAST_30_DAYS));
    private final StringProperty traceId = new SimpleStringProperty("");
    private final BooleanProperty push = new SimpleBooleanProperty();
    private final ObservableList<Choice> receipts = FXCollections.observableArrayList();
    private final ObservableList<Choice> decisions = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper titleError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper selectionProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper previewText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper exportText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper pushText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper exportError = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper selectionOk = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper exporting = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper choicesShown = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper choicesPlaceholder = new ReadOnlyStringWrapper("");
    private final Command previewCommand;
    /** Whether the server previews an export's counts (a reference-only server does not). */
    private final FeatureGate previewGate = new FeatureGate(Capabilities.Feature.PROOF_PREVIEW);
    private final Command exportCommand;
    private final Command chooseAllCommand;
    private final Command chooseNoneCommand;
    private boolean receiptsRead;
    private boolean decisionsRead;
    private boolean active;

    /** @param exported runs on the FX thread with each export's answer */
    public ProofExportBuilder(Supplier<HeadlessApi> api, TaskRunner tasks, Clock clock, ZoneId zone,
                              Consumer<ProofTrails.ExportResult> exported) {
        this.api = api;
        this.tasks = tasks;
        this.clock = clock;
        this.zone = zone;
        this.exported = exported;
        this.choicesQuery = new QueryLifecycle(tasks);
        this.previewQuery = new QueryLifecycle(tasks, "Cancelled: no counts");
        previewCommand = new Command(this::preview, selectionOk.and(exporting.not()).and(previewGate.offeredProperty()));
        exportCommand = new Command(this::export, selectionOk.and(titleError.isEmpty()).and(exporting.not()));
        choicesShown.bind(scope.isEqualTo(Scope.RECEIPTS).or(scope.isEqualTo(Scope.DECISIONS)));
        chooseAllCommand = new Command(() -> choose(true), choicesShown);
        chooseNoneCommand = new Command(() -> choose(false), choicesShown);
        for (Observable input : List.of(scope, range, traceId)) {
            input.addListener(o -> changed());
        }
        title.addListener(o -> titleError.set(titleProblem(title.get())));
        scope.addListener((obs, old, s) -> readChoices());
        changed();
    }

    /** The screen is shown: the choices of the scope are read afresh. */
    void activate() {
        active = true;
        receiptsRead = false;
        decisionsRead = false;
        readChoices();
    }

    void deactivate() {
        active = false;
        choicesQuery.stop();
        previewQuery.stop();
    }

    /** What goes in the packet changed: the counts shown are no longer this selection's. */
    private void changed() {
        titleError.set(titleProblem(title.get()));
        String problem = selectionProblem();
        selectionProblem.set(problem == null ? "" : problem);
        selectionOk.set(problem == null);
        previewQuery.stop();
        previewText.set("");
    }

    static String titleProblem(String title) {
        if (title == null || title.isBlank()) {
            return "Give the packet a title, e.g. \"Q3 ads spend for the SOC 2 audit\"";
        }
        if (title.strip().length() > MAX_TITLE) {
            return "The title must be at most " + MAX_TITLE + " characters";
        }
        return "";
    }

    private String selectionProblem() {
        return switch (scope.get()) {
            case WINDOW -> range.get() == null ? "Choose a time window" : null;
            case RECEIPTS -> chosen(receipts).isEmpty() ? "Tick at least one receipt" : null;
            case DECISIONS -> chosen(decisions).isEmpty() ? "Tick at least one decision" : null;
            case TRACE -> {
                String t = traceId.get() == null ? "" : traceId.get().strip();
                yield t.isEmpty() ? "Type the trace ID" : t.length() > EventLimits.MAX_ID_LENGTH
                        ? "The trace ID must be at most " + EventLimits.MAX_ID_LENGTH + " characters" : null;
            }
        };
    }

    private static List<String> chosen(List<Choice> choices) {
        return choices.stream().filter(c -> c.chosen().get()).map(Choice::id).toList();
    }

    /** The export request the fields describe. */
    public ProofTrails.ExportRequest request() {
        String t = title.get() == null ? null : title.get().strip();
        Boolean pushIt = push.get() ? Boolean.TRUE : null;
        return switch (scope.get()) {
            case WINDOW -> {
                Period p = range.get().resolve(clock, zone);
                yield new ProofTrails.ExportRequest(t, null, null, null, p.from(), p.to(), null, pushIt);
            }
            case RECEIPTS -> new ProofTrails.ExportRequest(t, chosen(receipts), null, null, null, null, null, pushIt);
            case DECISIONS -> new ProofTrails.ExportRequest(t, null, chosen(decisions), null, null, null, null,
                    pushIt);
            case TRACE -> new ProofTrails.ExportRequest(t, null, null, traceId.get().strip(), null, null, null, pushIt);
        };
    }

    /** Reads the receipts or decisions to choose from, once per showing of the screen. */
    private void readChoices() {
        if (!active) {
            return;
        }
        if (scope.get() == Scope.RECEIPTS && !receiptsRead) {
            choicesPlaceholder.set("Reading receipts…");
            choicesQuery.run("Reading receipts to choose from", "Reading receipts…",
                    p -> api.get().receipts(null, null).receipts(), list -> {
                        receiptsRead = true;
                        receipts.setAll(list.stream().sorted(Comparator.comparingLong(Governance.Receipt::seq)
                                .reversed()).map(this::choice).toList());
                        choicesPlaceholder.set("No receipts yet: nothing has been enforced in this workspace.");
                        changed();
                    });
        } else if (scope.get() == Scope.DECISIONS && !decisionsRead) {
            choicesPlaceholder.set("Reading decisions…");
            choicesQuery.run("Reading decisions to choose from", "Reading decisions…",
                    p -> api.get().decisions(null).decisions(), list -> {
                        decisionsRead = true;
                        decisions.setAll(list.stream().map(this::choice).toList());
                        choicesPlaceholder.set("No decisions yet: nothing has been proposed in this workspace.");
                        changed();
                    });
        }
    }

    private Choice choice(Governance.Receipt r) {
        return watched(new Choice(r.id(), TIME.format(Instant.ofEpochMilli(r.at()).atZone(zone)) + " · "
                + r.outcome() + " · " + (r.decisionObjectId() == null ? "no decision" : r.decisionObjectId())
                + " · seq " + r.seq(), new SimpleBooleanProperty()));
    }

    private Choice choice(Governance.Decision d) {
        return watched(new Choice(d.id(), d.id() + " · " + action(d) + " · " + d.state().replace('_', ' ')
                + " · by " + d.proposer(), new SimpleBooleanProperty()));
    }

    private Choice watched(Choice c) {
        c.chosen().addListener(o -> changed());
        return c;
    }

    /** "ads.budget.increase 500.00 EUR" from a decision's proposed action. */
    static String action(Governance.Decision d) {
        if (d.proposedAction() == null) {
            return "no action";
        }
        Object read = ApiJson.read(ApiJson.write(d.proposedAction()));
        if (!(read instanceof Map<?, ?> action)) {
            return "no action";
        }
        StringBuilder s = new StringBuilder(String.valueOf(action.get("action")));
        Object amount = action.get("amount");
        if (amount != null) {
            try {
                s.append(' ').append(Formats.money(new BigDecimal(amount.toString())));
            } catch (NumberFormatException e) {
                s.append(' ').append(amount);
            }
            if (action.get("currency") != null) {
                s.append(' ').append(action.get("currency"));
            }
        }
        return s.toString();
    }

    private void choose(boolean all) {
        List<Choice> list = scope.get() == Scope.RECEIPTS ? receipts : decisions;
        list.forEach(c -> c.chosen().set(all));
    }

    /** Asks what the export would hold; the counts show until the selection changes. */
    private void preview() {
        ProofTrails.ExportRequest request = request();
        previewQuery.run("Counting what the packet would hold", "Counting…",
                p -> api.get().previewProofTrail(request).counts(), counts -> {
                    previewText.set("The packet would hold " + counts(counts) + ".");
                    previewQuery.status("");
                });
    }

    /** "120 events, 14 decision records, 3 receipts and 0 evidence items". */
    static String counts(ProofTrails.Counts c) {
        return plural(c.events(), "event") + ", " + plural(c.decisions(), "decision record") + ", "
                + plural(c.receipts(), "receipt") + " and " + plural(c.evidence(), "evidence item");
    }

    static String plural(long n, String noun) {
        return String.format(Locale.ENGLISH, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }

    /** Writes the packet (and pushes it when asked); says where it went and what the push did. */
    private void export() {
        ProofTrails.ExportRequest request = request();
        exporting.set(true);
        exportError.set("");
        exportText.set("");
        pushText.set("");
        tasks.submit("Exporting proof trail " + request.title(), p -> api.get().exportProofTrail(request), result -> {
            exporting.set(false);
            ProofTrails.Trail t = result.trail();
            exportText.set("Exported \"" + request.title() + "\" as " + result.proofId()
                    + (t == null ? "" : ": " + counts(t.counts()) + " · Merkle root " + t.merkleRoot()));
            pushText.set(pushOutcome(result.push(), Boolean.TRUE.equals(request.pushToSovereignProof())));
            exported.accept(result);
        }, failure -> {
            exporting.set(false);
            exportError.set("The packet was not exported: " + ErrorText.describe(failure));
        });
    }

    /**
     * The push outcome, plainly: not asked, not configured, delivered (where, HTTP status, tries) or
     * failed (after how many tries, why).
     */
    static String pushOutcome(ProofTrails.Push push, boolean asked) {
        if (push == null) {
            return asked ? "Pushing was asked, but the answer says nothing about it." : "Not pushed to SovereignProof"
                    + " (not asked).";
        }
        String tries = plural(push.attempts(), "attempt");
        String why = push.message() == null || push.message().isBlank() ? ""
                : ": " + push.message().strip().replaceAll("\\.+$", "");
        return switch (push.status() == null ? "" : push.status()) {
            case "not_configured" -> "Not pushed: no SovereignProof endpoint is configured. Set one under Exported ›"
                    + " Push to SovereignProof.";
            case "delivered" -> "Pushed to SovereignProof at " + push.endpoint()
                    + (push.httpStatus() == null ? "" : " (HTTP " + push.httpStatus() + ")") + " after " + tries + ".";
            case "failed" -> "The push to " + push.endpoint() + " failed after " + tries
                    + (push.httpStatus() == null ? "" : " (last answer HTTP " + push.httpStatus() + ")") + why
                    + ". The packet is kept here.";
            default -> "Push: " + push.status() + why;
        };
    }

    public StringProperty titleProperty() {
        return title;
    }

    public ObjectProperty<Scope> scopeProperty() {
        return scope;
    }

    public List<Scope> scopes() {
        return List.of(Scope.values());
    }

    /** The time window, for {@link Scope#WINDOW}. */
    public ObjectProperty<DateRange> rangeProperty() {
        return range;
    }

    /** The trace, for {@link Scope#TRACE}. */
    public StringProperty traceIdProperty() {
        return traceId;
    }

    /** Push the packet to SovereignProof after writing it. */
    public BooleanProperty pushProperty() {
        return push;
    }

    /** The receipts to tick, newest first. */
    public ObservableList<Choice> receipts() {
        return receipts;
    }

    /** The decisions to tick, newest first. */
    public ObservableList<Choice> decisions() {
        return decisions;
    }

    /** Whether the scope is chosen by ticking receipts or decisions. */
    public ReadOnlyBooleanProperty choicesShownProperty() {
        return choicesShown.getReadOnlyProperty();
    }

    /** What the list of choices says while empty. */
    public ReadOnlyStringProperty choicesPlaceholderProperty() {
        return choicesPlaceholder.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleErrorProperty() {
        return titleError.getReadOnlyProperty();
    }

    /** What is missing from the selection, empty when it can be previewed and exported. */
    public ReadOnlyStringProperty selectionProblemProperty() {
        return selectionProblem.getReadOnlyProperty();
    }

    /** "The packet would hold …", empty until previewed (and again once the selection changes). */
    public ReadOnlyStringProperty previewTextProperty() {
        return previewText.getReadOnlyProperty();
    }

    /** What the last export wrote. */
    public ReadOnlyStringProperty exportTextProperty() {
        return exportText.getReadOnlyProperty();
    }

    /** What the last export's push did. */
    public ReadOnlyStringProperty pushTextProperty() {
        return pushText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty exportErrorProperty() {
        return exportError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty exportingProperty() {
        return exporting.getReadOnlyProperty();
    }

    /** The preview's read: running, status, error. */
    public QueryLifecycle previewQuery() {
        return previewQuery;
    }

    /** The reading of receipts or decisions to choose from. */
    public QueryLifecycle choicesQuery() {
        return choicesQuery;
    }

    /** Preview counts: once the selection is complete. */
    /** Previewing counts: the sentence to show while the server does not offer it. */
    public FeatureGate previewGate() {
        return previewGate;
    }

    public Command previewCommand() {
        return previewCommand;
    }

    /** Export: once the selection is complete and the packet has a title. */
    public Command exportCommand() {
        return exportCommand;
    }

    public Command chooseAllCommand() {
        return chooseAllCommand;
    }

    public Command chooseNoneCommand() {
        return chooseNoneCommand;
    }

    /** True when the selection is complete. */
    public ReadOnlyBooleanProperty selectionOkProperty() {
        return selectionOk.getReadOnlyProperty();
    }
}
