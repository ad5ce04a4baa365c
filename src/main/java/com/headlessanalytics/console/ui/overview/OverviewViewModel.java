package com.headlessanalytics.console.ui.overview;

import com.headlessanalytics.console.api.BusinessHealth;
import com.headlessanalytics.console.api.Checks;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.NextAction;
import com.headlessanalytics.console.api.Period;
import com.headlessanalytics.console.api.RuntimeHealth;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.HealthBand;
import com.headlessanalytics.console.domain.HealthEventClass;
import com.headlessanalytics.console.ui.common.Activatable;
import com.headlessanalytics.console.ui.common.Command;
import com.headlessanalytics.console.ui.common.DateRange;
import com.headlessanalytics.console.ui.common.DecisionNavigator;
import com.headlessanalytics.console.ui.common.DialogService;
import com.headlessanalytics.console.ui.common.ErrorText;
import com.headlessanalytics.console.ui.common.Navigator;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
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
 * The Overview: one business's health over a date range (score and its components, revenue, scans,
 * leads, orders, pending approvals), the runtime's readiness, alerts, next actions and the newest
 * events; refreshed every 30 seconds while shown. The latest read wins: Refresh or a new range
 * replaces a read still running, whose answer is then dropped, and a read for another business
 * first clears the figures, so one business's figures are never shown as another's. The figures
 * are published as one snapshot per refresh, and each tile's {@link Face} only when it changed, so
 * a tile redraws at most once per refresh. Every count drills down to the events it was counted from.
 */
public final class OverviewViewModel implements Activatable {
    static final Duration REFRESH = Duration.ofSeconds(30);
    static final String DEFAULT_BUSINESS = "default";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("MMM d, HH:mm:ss", Locale.ENGLISH);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ENGLISH);

    /** The numbers on the tiles. */
    public enum Figure { HEALTH_SCORE, REVENUE, SCANS, LEADS, ORDERS, PENDING_APPROVALS }

    /** What a tile says when the business's health score has nothing to measure. */
    public static final String NO_DATA = "no data";
    /** What the pending-approvals tile says until governance is set up. */
    public static final String GOVERNANCE_NOT_SET_UP = "governance not set up";
    /** What a tile says while the first figures of a business are read. */
    public static final String READING = "reading…";
    /** The one choice a figure offers when none of its events occurred in the period. */
    public static final String NO_EVENTS_OF_KIND = "No events of this kind in the period";

    /**
     * One refresh's figures; equal snapshots are never published twice. {@code healthScore} is null
     * when there is no data to score, {@code pendingApprovals} null until governance is set up.
     */
    public record Figures(Integer healthScore, BigDecimal revenue, long scans, long leads, long orders,
                          Long pendingApprovals, long totalEvents) {
        /** The figure's value as a tile shows it; 0 when it has none (see {@link #missing}). */
        public double value(Figure figure) {
            return switch (figure) {
                case HEALTH_SCORE -> healthScore == null ? 0 : healthScore;
                case REVENUE -> revenue.doubleValue();
                case SCANS -> scans;
                case LEADS -> leads;
                case ORDERS -> orders;
                case PENDING_APPROVALS -> pendingApprovals == null ? 0 : pendingApprovals;
            };
        }

        /**
         * What a tile says instead of a number when the figure has none ("no data", "governance not
         * set up"); null when it has a value.
         */
        public String missing(Figure figure) {
            return figure == Figure.HEALTH_SCORE && healthScore == null ? NO_DATA
                    : figure == Figure.PENDING_APPROVALS && pendingApprovals == null ? GOVERNANCE_NOT_SET_UP : null;
        }

        /** The score's band as a state name: good, fair, poor or no-data ({@link HealthBand#id()}). */
        public String healthState() {
            return HealthBand.of(healthScore).id();
        }

        /** The score's band in words: good, fair, poor or no data. */
        public String healthLabel() {
            return HealthBand.of(healthScore).label();
        }
    }

    /**
     * A health-score component as listed: {@code score} null when it had nothing to measure,
     * {@code scoreText} "72 / 100" or "no data", {@code state} its band ({@link HealthBand#id()}:
     * good from 75, fair from 50, poor, or no-data).
     */
    public record Component(String name, int weight, Integer score, String scoreText, String value, String explanation,
                            String state) {
        /**
         * The line under the bar: the measured value, then how the score follows from it (for a
         * component with no data, why: the score column already says "no data").
         */
        public String detail() {
            String why = score == null && explanation.startsWith("no data: ")
                    ? explanation.substring("no data: ".length()) : explanation;
            return value.isEmpty() ? why : value + (why.isEmpty() ? "" : " — " + why);
        }

        /** How full the component's bar is, 0 to 1: empty when it had nothing to measure. */
        public double bar() {
            return score == null ? 0 : score / 100.0;
        }
    }

    /**
     * What a tile shows, decided here so the View only copies it onto the tile: the value and
     * whether it shows (a gauge without a value shows no needle and no "/ 100"), the line of text and
     * whether it shows, the description (runtime tile), the tooltip, and the state the tile is
     * coloured by: the score's band ({@link HealthBand#id()}: good, fair, poor, no-data), the
     * runtime's status (ok, degraded, fail), or empty for the plain counts.
     */
    public record Face(double value, boolean valueVisible, String text, boolean textVisible, String description,
                       String tooltip, String state) {
    }

    /**
     * A next action; {@code decision} says which DecisionObject a consequential one needs, else
     * empty; {@code source} is the action as the API gave it.
     */
    public record Action(String title, String reason, String priority, boolean consequential, String decision,
                         NextAction source) {
        /** The priority tag's text: the priority, or a dash when the action has none. */
        public String priorityText() {
            return priority.isEmpty() ? "—" : priority;
        }

        /** Whether "Propose decision" is offered: for a consequential action that names the decision's action. */
        public boolean proposable() {
            return consequential && source != null && source.decision() != null && source.decision().action() != null
                    && !source.decision().action().isBlank();
        }
    }

    /** An alert: severity critical, warning or info. */
    public record Alert(String severity, String message, String time) {
    }

    /** One of the newest events. */
    public record EventRow(String time, String event, String actor, String trustTier, Event source) {
    }

    /**
     * Where a figure drills down to: the events it was counted from, labelled with their count when
     * known; a choice without a query only says why there is nothing to open.
     */
    public record Drill(String label, EventQuery query) {
        /** Whether choosing it opens events. */
        public boolean canOpen() {
            return query != null;
        }

        /** The choice as the menu offers it: "Open order.created (40)", or just the label when it opens nothing. */
        public String menuText() {
            return canOpen() ? "Open " + label : label;
        }
    }

    /** Readiness of the runtime: status ok, degraded or fail, in one sentence. */
    public record Runtime(String status, String summary) {
    }

    private final Supplier<HeadlessApi> api;
    private final Clock clock;
    private final ZoneId zone;
    private final Navigator navigator;
    private final DialogService dialogs;
    private final DecisionNavigator decisions;
    private final TaskRunner tasks;
    private final QueryLifecycle query;
    private final QueryLifecycle readiness;
    private final Polling polling;
    private final Command refreshCommand = new Command(this::refresh);

    private final StringProperty business = new SimpleStringProperty(DEFAULT_BUSINESS);
    private final ObjectProperty<DateRange> range = new SimpleObjectProperty<>(DateRange.last7Days());
    private final ReadOnlyObjectWrapper<Figures> figures = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Runtime> runtime = new ReadOnlyObjectWrapper<>();
    private final Map<Figure, ReadOnlyObjectWrapper<Face>> faces = new EnumMap<>(Figure.class);
    private final ReadOnlyObjectWrapper<Face> runtimeFace = new ReadOnlyObjectWrapper<>(runtimeFace(null));
    private final ObservableList<Component> components = FXCollections.observableArrayList();
    private final ObservableList<Action> actions = FXCollections.observableArrayList();
    private final ObservableList<Alert> alerts = FXCollections.observableArrayList();
    private final ObservableList<EventRow> recentEvents = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper period = new ReadOnlyStringWrapper("");

    /** What the shown figures were read for; a failed refresh of the same keeps them, of another clears them. */
    private record Key(String business, DateRange range) {
    }

    private Key shownKey;
    private Period shownPeriod;
    private Map<String, Long> shownCounts = Map.of();
    private String shownBusiness;
    private String lastUpdated = "";

    /**
     * @param navigator opens the Events screen on a figure's events
     * @param dialogs   shows the "Propose decision" form
     * @param decisions opens Approvals: from the pending-approvals tile, and on a proposed draft
     */
    public OverviewViewModel(Supplier<HeadlessApi> api, TaskRunner tasks, Scheduler scheduler, Clock clock, ZoneId zone,
                             Navigator navigator, DialogService dialogs, DecisionNavigator decisions) {
        this.api = api;
        this.tasks = tasks;
        this.clock = clock;
        this.zone = zone;
        this.navigator = navigator;
        this.dialogs = dialogs;
        this.decisions = decisions;
        this.query = new QueryLifecycle(tasks);
        this.readiness = new QueryLifecycle(tasks);
        this.polling = new Polling(scheduler, REFRESH, query, this::refresh);
        for (Figure f : Figure.values()) {
            faces.put(f, new ReadOnlyObjectWrapper<>(face(f, null, false)));
        }
        range.addListener((obs, old, now) -> {
            if (polling.started() && now != null) {
                refresh();
            }
        });
        figures.addListener((obs, old, now) -> publishFaces());
        query.runningProperty().addListener((obs, old, now) -> publishFaces());
        runtime.addListener((obs, old, now) -> runtimeFace.set(runtimeFace(now)));
    }

    @Override
    public void activate() {
        polling.start();
    }

    @Override
    public void deactivate() {
        polling.stop();
        readiness.stop();
    }

    /**
     * Reads business health and runtime readiness now, replacing a read still running (its answer
     * is dropped). A read for another business than the one shown clears the figures first. The
     * timer's reads (every 30 seconds while shown) skip a tick while a read runs.
     */
    public void refresh() {
        String id = business.get() == null ? "" : business.get().strip();
        Checks checks = new Checks().id("businessId", id.isEmpty() ? null : id);
        if (id.isEmpty() || !checks.ok()) {
            query.stop();
            query.fail(id.isEmpty() ? "Enter a business ID (the workspace's default business is \"default\")."
                    : "The business ID " + checks.errors().get(0).message() + ".");
            return;
        }
        DateRange r = range.get();
        Key key = new Key(id, r);
        if (shownKey != null && !shownKey.business().equals(id)) {
            clear();
        }
        Period p = effectivePeriod(r, clock, zone);
        BusinessHealth.Query asked = new BusinessHealth.Query(BusinessHealth.DEFAULT_LIMIT, p.from(), p.to());
        String title = "Reading the health of " + id;
        query.run(title, polling.status(title + "…"),
                progress -> api.get().businessHealth(id, asked), health -> show(key, health, p), failure -> {
                    if (!key.equals(shownKey)) {
                        clear();
                    }
                    query.status(shownKey == null ? "" : lastUpdated + " — the last refresh failed");
                });
        readiness.run("Checking runtime health", "", progress -> api.get().health(),
                health -> runtime.set(runtimeOf(health)),
                failure -> runtime.set(new Runtime(RuntimeHealth.FAIL, "Not answering: " + ErrorText.describe(failure))));
    }

    private void show(Key key, BusinessHealth h, Period asked) {
        shownKey = key;
        shownBusiness = h.businessId() == null ? key.business() : h.businessId();
        shownPeriod = h.proof() != null && h.proof().period() != null && h.proof().period().from() != null
                ? h.proof().period() : asked;
        shownCounts = h.metrics() == null ? Map.of() : Map.copyOf(h.metrics());
        figures.set(new Figures(h.healthScore(), h.revenue() == null ? BigDecimal.ZERO : h.revenue(), h.scans(),
                h.leads(), h.orders(), h.governanceNotSetUp() ? null : h.pendingApprovals(), h.totalEvents()));
        replaceIfDifferent(components, h.components() == null ? List.of() : h.components().stream()
                .map(OverviewViewModel::component).toList());
        replaceIfDifferent(actions, h.nextActions() == null ? List.of() : h.nextActions().stream()
                .map(OverviewViewModel::action).toList());
        replaceIfDifferent(alerts, h.alerts() == null ? List.of() : h.alerts().stream()
                .map(a -> new Alert(nullToEmpty(a.severity()), nullToEmpty(a.message()),
                        a.at() == null ? "" : format(TIME, a.at()))).toList());
        replaceIfDifferent(recentEvents, h.recentEvents() == null ? List.of() : h.recentEvents().stream()
                .map(e -> new EventRow(format(SECONDS, e.timestamp()), e.event(),
                        e.actorKey() == null ? "" : e.actorKey(), e.trustTier() == null ? "" : e.trustTier().name(), e))
                .toList());
        period.set(describe(shownPeriod) + (h.lastEventAt() == null ? " · no events yet"
                : " · newest event " + format(TIME, h.lastEventAt())));
        lastUpdated = "Updated " + format(CLOCK, clock.millis());
        query.status(lastUpdated);
    }

    private void clear() {
        shownKey = null;
        shownBusiness = null;
        shownPeriod = null;
        shownCounts = Map.of();
        figures.set(null);
        components.clear();
        actions.clear();
        alerts.clear();
        recentEvents.clear();
        period.set("");
    }

    private static <T> void replaceIfDifferent(ObservableList<T> list, List<T> rows) {
        if (!list.equals(rows)) {
            list.setAll(rows);
        }
    }

    private void publishFaces() {
        Figures now = figures.get();
        boolean reading = query.isRunning();
        faces.forEach((figure, face) -> {
            Face next = face(figure, now, reading);
            if (!next.equals(face.get())) {
                face.set(next);
            }
        });
    }

    /**
     * A figure's tile: its value, or in its place "no data", "governance not set up" or, while the
     * first figures are read, "reading…"; the score's tile coloured by its band.
     */
    static Face face(Figure figure, Figures now, boolean reading) {
        String missing = now == null ? null : now.missing(figure);
        boolean shown = now != null && missing == null;
        String text = missing != null ? missing
                : figure == Figure.PENDING_APPROVALS ? "decisions awaiting a person; click to review"
                : now == null ? (reading ? READING : NO_DATA)
                : "click for the events";
        boolean textVisible = figure != Figure.HEALTH_SCORE || !shown;
        String state = figure != Figure.HEALTH_SCORE ? "" : now == null ? HealthBand.NO_DATA.id() : now.healthState();
        return new Face(shown ? now.value(figure) : 0, shown, text, textVisible, "", tooltip(figure, now), state);
    }

    private static String tooltip(Figure figure, Figures now) {
        if (now == null) {
            return "";
        }
        if (now.missing(figure) != null) {
            return figure == Figure.HEALTH_SCORE ? "No data: none of the score's components had anything to measure in"
                    + " the period; the components below say why"
                    : "Governance (DecisionObjects and their approvals) is not set up for this workspace yet";
        }
        return switch (figure) {
            case HEALTH_SCORE -> String.format(Locale.ENGLISH, "%d of 100 (%s) over %,d events; click to open them",
                    now.healthScore(), now.healthLabel(), now.totalEvents());
            case REVENUE -> "Revenue of order.* and payment.* events: " + now.revenue().toPlainString();
            case PENDING_APPROVALS -> "DecisionObjects waiting for approval; click to open Approvals";
            default -> "Click to open these events";
        };
    }

    /** The runtime tile: "Checking…" until the first answer, then the one-sentence readiness and the status. */
    static Face runtimeFace(Runtime r) {
        return r == null ? new Face(0, false, "GET /api/health", true, "Checking…", "", "")
                : new Face(0, false, "status: " + r.status(), true, r.summary(), "Runtime health: " + r.summary()
                        + ". The Runtime health screen lists every check.", r.status());
    }

    private static Component component(BusinessHealth.Component c) {
        Integer score = c.hasData() ? c.score() : null;
        return new Component(label(c.name()), c.weight(), score, score == null ? NO_DATA : score + " / 100",
                nullToEmpty(c.value()), nullToEmpty(c.explanation()), HealthBand.of(score).id());
    }

    private static Action action(NextAction a) {
        String decision = "";
        if (a.consequential()) {
            NextAction.RequiredDecision d = a.decision();
            decision = d == null ? "Needs an approved DecisionObject before anyone carries it out"
                    : "Needs a DecisionObject" + (d.action() == null ? "" : " for " + d.action())
                    + (d.surface() == null ? "" : " on " + d.surface())
                    + (d.requiredState() == null ? "" : ", " + d.requiredState().replace('_', ' '))
                    + (d.minTrustTier() == null ? "" : ", trust tier " + d.minTrustTier() + " or higher");
        }
        return new Action(nullToEmpty(a.title()), nullToEmpty(a.reason()), nullToEmpty(a.priority()),
                a.consequential(), decision, a);
    }

    /**
     * "Propose decision" for a consequential next action: a draft DecisionObject form, pre-filled
     * from the action; the draft created opens in Approvals, where it can be submitted.
     */
    public void propose(Action action) {
        if (!action.proposable()) {
            return;
        }
        String shown = shownBusiness == null ? business.get().strip() : shownBusiness;
        dialogs.showForm(new ProposeDecisionViewModel(api, tasks, dialogs, clock, zone, shown, action.source(),
                decisions::showDecision));
    }

    static Runtime runtimeOf(RuntimeHealth h) {
        List<RuntimeHealth.Check> failing = h.checks().stream().filter(RuntimeHealth.Check::failed).toList();
        long warnings = h.checks().stream().filter(c -> RuntimeHealth.WARN.equals(c.status())).count();
        String summary = !failing.isEmpty()
                ? "Not ready: " + String.join(", ", failing.stream().map(c -> label(c.name()).toLowerCase(Locale.ROOT))
                        .toList())
                : warnings > 0 ? "Ready, " + warnings + " warning" + (warnings == 1 ? "" : "s")
                : "Ready";
        return new Runtime(h.status(), summary);
    }

    /**
     * The events a figure was counted from, as exact Events-screen queries over the shown business
     * and period: one per event name of the figure's class ({@link HealthEventClass}, the engine's
     * own rule) seen in the period, most frequent first.
     * Scans also count events of other names that carry a trackable; those cannot be selected by
     * name. Pending approvals are decisions, not events: none.
     */
    public List<Drill> drills(Figure figure) {
        if (shownPeriod == null || figure == Figure.PENDING_APPROVALS) {
            return List.of();
        }
        return switch (figure) {
            case HEALTH_SCORE -> List.of(new Drill(String.format(Locale.ENGLISH, "All %,d events of %s in the period",
                    figures.get() == null ? 0 : figures.get().totalEvents(), shownBusiness), query(null)));
            case ORDERS -> byName(HealthEventClass.ORDERS::matches);
            case LEADS -> byName(HealthEventClass.LEADS::matches);
            case SCANS -> byName(HealthEventClass.SCANS::matches);
            case REVENUE -> byName(HealthEventClass.REVENUE::matches);
            case PENDING_APPROVALS -> List.of();
        };
    }

    private List<Drill> byName(Predicate<String> member) {
        List<Drill> drills = new ArrayList<>();
        shownCounts.entrySet().stream().filter(e -> member.test(e.getKey()))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> drills.add(named(e.getKey())));
        return drills;
    }

    private Drill named(String event) {
        Long count = shownCounts.get(event);
        return new Drill(count == null ? event : String.format(Locale.ENGLISH, "%s (%,d)", event, count), query(event));
    }

    private EventQuery query(String event) {
        return new EventQuery(shownBusiness, event, null, null, shownPeriod.from(), shownPeriod.to(), null, null,
                EventQuery.Order.DESC);
    }

    /** What activating a tile does, for screen readers: its events, or for pending approvals the Approvals screen. */
    public String openText(Figure figure) {
        return figure == Figure.PENDING_APPROVALS ? "open Approvals" : "open its events";
    }

    /**
     * Opens a figure's events: at once when one query selects them all (and then returns no
     * choices); otherwise returns the choices to offer: one per event name, or, when the period had
     * none, a single one without a query saying so. Pending approvals open the Approvals screen.
     */
    public List<Drill> open(Figure figure) {
        if (figure == Figure.PENDING_APPROVALS) {
            decisions.showDecision(null);
            return List.of();
        }
        List<Drill> drills = drills(figure);
        if (drills.size() == 1) {
            drillDown(drills.get(0));
            return List.of();
        }
        return drills.isEmpty() ? List.of(new Drill(NO_EVENTS_OF_KIND, null)) : drills;
    }

    /** Opens the Events screen on the drill's query; a choice without a query opens nothing. */
    public void drillDown(Drill drill) {
        if (drill.query() != null) {
            navigator.showEvents(drill.query());
        }
    }

    /** Opens the Events screen on exactly this event: its name, trace, actor and millisecond. */
    public void showEvent(EventRow row) {
        Event e = row.source();
        navigator.showEvents(new EventQuery(e.businessId(), e.event(), e.traceId(), null, e.timestamp(), e.timestamp(),
                null, null, EventQuery.Order.DESC));
    }

    /**
     * The range's bounds as an analytics query takes them: an open start is the epoch and an open end
     * is now, because the API reads a missing bound as "the last 7 days".
     */
    static Period effectivePeriod(DateRange range, Clock clock, ZoneId zone) {
        Period p = range.resolve(clock, zone);
        return new Period(p.from() == null ? 0L : p.from(), p.to() == null ? clock.millis() : p.to());
    }

    private String describe(Period p) {
        if (p.from() != null && p.from() == 0L) {
            return "All time until " + format(TIME, p.to());
        }
        return format(TIME, p.from()) + " – " + format(TIME, p.to());
    }

    private String format(DateTimeFormatter f, long millis) {
        return f.format(Instant.ofEpochMilli(millis).atZone(zone));
    }

    /** "activity_trend" reads as "Activity trend". */
    static String label(String name) {
        if (name == null || name.isEmpty()) {
            return "";
        }
        String words = name.replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    public StringProperty businessProperty() {
        return business;
    }

    public ObjectProperty<DateRange> rangeProperty() {
        return range;
    }

    /** The latest figures; null before the first answer or after one for another business failed. */
    public ReadOnlyObjectProperty<Figures> figuresProperty() {
        return figures.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Runtime> runtimeProperty() {
        return runtime.getReadOnlyProperty();
    }

    public ObservableList<Component> components() {
        return components;
    }

    public ObservableList<Action> actions() {
        return actions;
    }

    public ObservableList<Alert> alerts() {
        return alerts;
    }

    public ObservableList<EventRow> recentEvents() {
        return recentEvents;
    }

    /** The period the figures cover, and when the newest event was. */
    public ReadOnlyStringProperty periodProperty() {
        return period.getReadOnlyProperty();
    }

    /** A figure's tile as it should look now. */
    public ReadOnlyObjectProperty<Face> faceProperty(Figure figure) {
        return faces.get(figure).getReadOnlyProperty();
    }

    /** The runtime tile as it should look now. */
    public ReadOnlyObjectProperty<Face> runtimeFaceProperty() {
        return runtimeFace.getReadOnlyProperty();
    }

    /**
     * The business-health read: running, Cancel, the status line ("Reading the health of …",
     * "Updated hh:mm:ss", "… — the last refresh failed") and the error.
     */
    public QueryLifecycle query() {
        return query;
    }

    /** Refresh: reads again now; always possible (a read still running is replaced). */
    public Command refreshCommand() {
        return refreshCommand;
    }
}
