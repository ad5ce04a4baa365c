package com.headlessanalytics.console.ui.funnels;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.Checks;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Period;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.ui.common.Activatable;
import com.headlessanalytics.console.ui.common.CsvFiles;
import com.headlessanalytics.console.ui.common.DateRange;
import com.headlessanalytics.console.ui.common.DialogService;
import com.headlessanalytics.console.ui.common.ErrorText;
import com.headlessanalytics.console.ui.common.EventNameSuggestions;
import com.headlessanalytics.console.ui.common.Formats;
import com.headlessanalytics.console.ui.common.Navigator;
import com.headlessanalytics.console.ui.common.TableExport;
import com.headlessanalytics.console.ui.common.TaskRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
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
 * The Funnels screen: a step builder, {@code POST /api/funnels/query} with its mode, window, date
 * range and breakdown, the steps' counts and conversions, and the actors behind a step
 * ({@code POST /api/funnels/actors}, paged) whose events open on the Events screen. Funnels are
 * saved by name in a {@link SavedFunnelStore}.
 */
public final class FunnelsViewModel implements Activatable {
    static final int ACTOR_PAGE = 100;
    static final int EXPORT_PAGE = 1000;

    public enum WindowUnit {
        MINUTES("minutes", 60_000L), HOURS("hours", 3_600_000L), DAYS("days", 86_400_000L);

        private final String label;
        private final long ms;

        WindowUnit(String label, long ms) {
            this.label = label;
            this.ms = ms;
        }

        public long ms() {
            return ms;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public enum Breakdown {
        NONE("No breakdown", null), SOURCE("Source", "source"), CAMPAIGN("Campaign", "campaign"),
        CHANNEL("Channel", "channel"), MEDIUM("Medium", "medium"), PATH("Custom path…", null);

        private final String label;
        private final String wire;

        Breakdown(String label, String wire) {
            this.label = label;
            this.wire = wire;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public enum Table { STEPS, BREAKDOWN, ACTORS }

    /** One step as the builder edits it; {@code error} names what is wrong with it after a run was refused. */
    public static final class StepDraft {
        private final StringProperty event = new SimpleStringProperty("");
        private final StringProperty name = new SimpleStringProperty("");
        private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
        private Map<String, Object> filter;

        StepDraft(Funnels.Step step) {
            if (step != null) {
                event.set(step.event() == null ? "" : step.event());
                name.set(step.name() == null ? "" : step.name());
                filter = step.filter();
            }
            event.addListener(o -> error.set(""));
        }

        Funnels.Step toStep() {
            return new Funnels.Step(blankToNull(name.get()), blankToNull(event.get()), filter);
        }

        public StringProperty eventProperty() {
            return event;
        }

        public StringProperty nameProperty() {
            return name;
        }

        public ReadOnlyStringProperty errorProperty() {
            return error.getReadOnlyProperty();
        }
    }

    /** One step's figures. */
    public record StepRow(int step, String label, String event, long count, double fromStart, double fromPrevious,
                          long dropOff, Long medianMs) {
        public String countText() {
            return Formats.count(count);
        }

        public String fromStartText() {
            return Formats.percent(fromStart);
        }

        public String fromPreviousText() {
            return step == 1 ? "—" : Formats.percent(fromPrevious);
        }

        public String dropOffText() {
            return step == 1 ? "—" : Formats.count(dropOff);
        }

        /** The drop-off as a share of the previous step's count. */
        public String dropOffShareText() {
            long previous = count + dropOff;
            return step == 1 || previous == 0 ? "" : Formats.percent((double) dropOff / previous);
        }

        public String medianText() {
            return step == 1 ? "—" : Formats.duration(medianMs);
        }
    }

    /** The steps of the actors with one breakdown value. */
    public record BreakdownRow(String value, List<Long> counts) {
        public long entered() {
            return counts.isEmpty() ? 0 : counts.get(0);
        }

        public long converted() {
            return counts.isEmpty() ? 0 : counts.get(counts.size() - 1);
        }

        public String conversionText() {
            return entered() == 0 ? "—" : Formats.percent((double) converted() / entered());
        }
    }

    public record ActorRow(String actor, int level, long enteredAt, long lastStepAt, String entered, String lastStep) {
    }

    private final Supplier<HeadlessApi> api;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Navigator navigator;
    private final SavedFunnelStore store;
    private final Clock clock;
    private final ZoneId zone;
    private final EventNameSuggestions names = new EventNameSuggestions();

    private final ObservableList<StepDraft> steps = FXCollections.observableArrayList();
    private final ObjectProperty<Funnels.Mode> mode = new SimpleObjectProperty<>(Funnels.Mode.ORDERED);
    private final ObjectProperty<Integer> windowValue = new SimpleObjectProperty<>(14);
    private final ObjectProperty<WindowUnit> windowUnit = new SimpleObjectProperty<>(WindowUnit.DAYS);
    private final ObjectProperty<DateRange> range = new SimpleObjectProperty<>(DateRange.last7Days());
    private final ObjectProperty<Breakdown> breakdown = new SimpleObjectProperty<>(Breakdown.NONE);
    private final StringProperty breakdownPath = new SimpleStringProperty("");

    private final ObservableList<StepRow> results = FXCollections.observableArrayList();
    private final ObservableList<BreakdownRow> breakdownRows = FXCollections.observableArrayList();
    private final ObservableList<String> breakdownSteps = FXCollections.observableArrayList();
    private final ObservableList<ActorRow> actors = FXCollections.observableArrayList();
    private final ObservableList<SavedFunnel> saved = FXCollections.observableArrayList();
    private final StringProperty savedName = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper actorsTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper actorsError = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper actorsLoading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper hasMoreActors = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Integer> selectedStep = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Funnels.Outcome> selectedOutcome = new ReadOnlyObjectWrapper<>();

    private Funnels.Query current;
    private TaskRunner.Handle handle;
    private Funnels.Query shownQuery;
    private String shownBusiness;
    private Funnels.ActorsQuery actorsQuery;
    private String actorsCursor;
    private String actorsWhat = "";

    public FunnelsViewModel(Supplier<HeadlessApi> api, TaskRunner tasks, DialogService dialogs, Navigator navigator,
                            SavedFunnelStore store, Clock clock, ZoneId zone) {
        this.api = api;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.navigator = navigator;
        this.store = store;
        this.clock = clock;
        this.zone = zone;
        steps.addAll(new StepDraft(null), new StepDraft(null));
    }

    @Override
    public void activate() {
        names.load(api, tasks, failure -> error.set(ErrorText.describe(failure)));
        loadSaved();
        if (steps.stream().allMatch(s -> s.eventProperty().get().isBlank())) {
            status.set("Add the steps' events and run the funnel.");
        } else {
            run();
        }
    }

    @Override
    public void deactivate() {
        cancel();
    }

    public StepDraft addStep() {
        StepDraft s = new StepDraft(null);
        if (steps.size() < Funnels.MAX_STEPS) {
            steps.add(s);
        }
        return s;
    }

    public void removeStep(StepDraft s) {
        if (steps.size() > 1) {
            steps.remove(s);
        }
    }

    /** Moves the step by {@code delta} places (−1 up, +1 down), when there is room. */
    public void moveStep(StepDraft s, int delta) {
        int i = steps.indexOf(s);
        int j = i + delta;
        if (i < 0 || j < 0 || j >= steps.size()) {
            return;
        }
        steps.remove(i);
        steps.add(j, s);
    }

    /** The query the builder describes, or null after showing what is wrong with it. */
    Funnels.Query buildQuery() {
        steps.forEach(s -> s.error.set(""));
        error.set("");
        Period period = (range.get() == null ? DateRange.last7Days() : range.get()).resolve(clock, zone);
        Integer value = windowValue.get();
        WindowUnit unit = windowUnit.get() == null ? WindowUnit.DAYS : windowUnit.get();
        String by = breakdown.get() == Breakdown.PATH ? blankToNull(breakdownPath.get())
                : breakdown.get() == null ? null : breakdown.get().wire;
        Funnels.Query q = new Funnels.Query(steps.stream().map(StepDraft::toStep).toList(), period.from(),
                period.to(), value == null ? null : value * unit.ms(), Checks.Wire.name(mode.get()), null, by);
        List<FieldError> problems = new ArrayList<>(q.checks().errors());
        if (value == null) {
            problems.add(new FieldError(null, "windowMs", "required", "the window needs a length"));
        }
        if (breakdown.get() == Breakdown.PATH && by == null) {
            problems.add(new FieldError(null, "breakdown", "required",
                    "enter a dotted path such as properties.plan, or choose no breakdown"));
        }
        if (problems.isEmpty()) {
            return q;
        }
        List<FieldError> other = new ArrayList<>();
        for (FieldError p : problems) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("steps\\[(\\d+)]\\..*").matcher(p.field());
            if (m.matches() && Integer.parseInt(m.group(1)) < steps.size()) {
                StepDraft s = steps.get(Integer.parseInt(m.group(1)));
                s.error.set(s.event.get().isBlank() ? "Enter the event of this step" : capitalize(p.message()));
            } else {
                other.add(new FieldError(null, label(p.field()), p.code(), p.message()));
            }
        }
        error.set(other.isEmpty() ? "Some steps need fixing (see above)." : ErrorText.describe(
                ApiException.invalid("The funnel cannot run:", other)));
        return null;
    }

    private static String label(String field) {
        return switch (field) {
            case "windowMs" -> "Window";
            case "breakdown" -> "Breakdown";
            case "from" -> "Date range";
            default -> field;
        };
    }

    /** Computes the funnel; a newer run replaces an older one. */
    public void run() {
        Funnels.Query q = buildQuery();
        if (q == null) {
            return;
        }
        if (handle != null) {
            handle.cancel();
        }
        current = q;
        running.set(true);
        status.set("Computing the funnel…");
        handle = tasks.submit("Computing the funnel", p -> {
            p.update(-1, "Following " + q.steps().size() + " steps per actor");
            return api.get().funnel(q);
        }, result -> {
            if (q != current) {
                return;
            }
            finished();
            show(q, result);
        }, failure -> {
            if (q != current) {
                return;
            }
            finished();
            status.set("");
            error.set(ErrorText.describe(failure));
        });
    }

    /** Stops waiting for the running funnel; the figures shown stay. */
    public void cancel() {
        if (current == null) {
            return;
        }
        if (handle != null) {
            handle.cancel();
        }
        finished();
        status.set("Cancelled");
    }

    private void finished() {
        current = null;
        handle = null;
        running.set(false);
    }

    private void show(Funnels.Query q, Funnels.Result result) {
        shownQuery = q;
        shownBusiness = result.proof() == null ? null : result.proof().businessId();
        results.setAll(result.steps().stream().map(s -> new StepRow(s.step(), label(q, s), s.event(), s.count(),
                s.conversionFromStart(), s.conversionFromPrevious(), s.dropOff(), s.medianTimeToConvertMs())).toList());
        breakdownSteps.setAll(results.stream().map(StepRow::label).toList());
        breakdownRows.setAll(result.breakdown() == null ? List.of() : result.breakdown().stream()
                .map(b -> new BreakdownRow(b.value(), b.steps().stream().map(Funnels.StepResult::count).toList()))
                .toList());
        clearActors();
        StepRow first = results.isEmpty() ? null : results.get(0);
        StepRow last = results.isEmpty() ? null : results.get(results.size() - 1);
        summary.set(first == null ? "" : Formats.count(first.count()) + " actors entered · "
                + Formats.count(last.count()) + " converted (" + Formats.percent(last.fromStart()) + ")"
                + (last.medianMs() == null || results.size() < 2 ? "" : " · median time to convert "
                + Formats.duration(last.medianMs()).replace(' ', '\u00A0')));
        status.set(range.get().label() + " · " + Checks.Wire.name(q.effectiveMode()).replace('_', ' ')
                + " · window " + Formats.duration(q.effectiveWindowMs()));
    }

    private static String label(Funnels.Query q, Funnels.StepResult s) {
        if (s.name() != null && !s.name().isBlank()) {
            return s.name();
        }
        int i = s.step() - 1;
        return i >= 0 && i < q.steps().size() ? q.steps().get(i).label() : s.event();
    }

    /**
     * Lists the actors behind one step of the shown funnel: those who reached it, or those who
     * reached the step before and not this one; of one breakdown value when given.
     */
    public void showActors(int step, Funnels.Outcome outcome, String breakdownValue) {
        if (shownQuery == null) {
            return;
        }
        Funnels.Outcome o = step == 1 ? Funnels.Outcome.REACHED : outcome;
        Funnels.ActorsQuery q = new Funnels.ActorsQuery(shownQuery, step, Checks.Wire.name(o), breakdownValue,
                ACTOR_PAGE, null);
        actorsQuery = q;
        actorsCursor = null;
        actors.clear();
        actorsError.set("");
        selectedStep.set(step);
        selectedOutcome.set(o);
        String stepLabel = step - 1 < results.size() ? results.get(step - 1).label() : "step " + step;
        String what = (o == Funnels.Outcome.REACHED ? "reached step " : "dropped before step ") + step + " ("
                + stepLabel + ")" + (breakdownValue == null ? "" : " · " + breakdownValue);
        actorsWhat = what;
        actorsTitle.set("Listing the actors who " + what + "…");
        fetchActors(q, null);
    }

    /** Reads the next page of the listed actors. */
    public void loadMoreActors() {
        if (actorsQuery == null || actorsCursor == null || actorsLoading.get()) {
            return;
        }
        fetchActors(actorsQuery, actorsCursor);
    }

    private void fetchActors(Funnels.ActorsQuery base, String cursor) {
        Funnels.ActorsQuery q = new Funnels.ActorsQuery(base.funnel(), base.step(), base.outcome(),
                base.breakdownValue(), base.limit(), cursor);
        actorsLoading.set(true);
        tasks.submit("Listing funnel actors", p -> api.get().funnelActors(q), page -> {
            if (base != actorsQuery) {
                return;
            }
            actorsLoading.set(false);
            actors.addAll(page.actors().stream().map(a -> new ActorRow(a.actor(), a.level(), a.enteredAt(),
                    a.lastStepAt(), Formats.time(a.enteredAt(), zone), Formats.time(a.lastStepAt(), zone))).toList());
            actorsCursor = page.nextCursor();
            hasMoreActors.set(actorsCursor != null);
            actorsTitle.set(Formats.count(page.total()) + (page.total() == 1 ? " actor " : " actors ") + actorsWhat);
        }, failure -> {
            if (base != actorsQuery) {
                return;
            }
            actorsLoading.set(false);
            actorsError.set(ErrorText.describe(failure));
        });
    }

    private void clearActors() {
        actorsQuery = null;
        actorsCursor = null;
        actors.clear();
        actorsTitle.set("");
        actorsError.set("");
        hasMoreActors.set(false);
        actorsLoading.set(false);
        selectedStep.set(null);
        selectedOutcome.set(null);
    }

    /** Opens the actor's events in the window of their counted attempt, from its start. */
    public void openActorEvents(ActorRow actor) {
        if (shownQuery == null) {
            return;
        }
        long end = actor.enteredAt() + shownQuery.effectiveWindowMs();
        navigator.showEvents(new EventQuery(shownBusiness, null, null, actor.actor(), actor.enteredAt(),
                end < actor.enteredAt() ? Long.MAX_VALUE : end, null, null, null));
    }

    public void loadSaved() {
        tasks.submit("Reading saved funnels", p -> store.list(), saved::setAll,
                failure -> error.set("The saved funnels could not be read: " + ErrorText.describe(failure)));
    }

    /** Saves the builder's funnel under the name, asking before replacing another of that name. */
    public void saveAs(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 100) {
            error.set("Give the funnel a name of 1-100 characters to save it.");
            return;
        }
        Funnels.Query q = buildQuery();
        if (q == null) {
            return;
        }
        if (saved.stream().anyMatch(f -> f.name().equals(n)) && !dialogs.confirm("Replace the funnel " + n + "?",
                "A saved funnel is already called \"" + n + "\". Saving replaces it.", "Replace")) {
            return;
        }
        DateRange r = range.get() == null ? DateRange.last7Days() : range.get();
        SavedFunnel f = new SavedFunnel(n, q.steps(), q.mode(), q.windowMs(), q.breakdown(), r.preset().name(),
                r.from() == null ? null : r.from().toString(), r.to() == null ? null : r.to().toString(),
                clock.millis());
        tasks.submit("Saving funnel " + n, p -> {
            store.save(f);
            return store.list();
        }, list -> {
            saved.setAll(list);
            savedName.set(n);
            dialogs.notify("Saved funnel " + n);
        }, failure -> dialogs.showError("The funnel " + n + " could not be saved", failure));
    }

    /** Puts a saved funnel in the builder and runs it. */
    public void open(SavedFunnel f) {
        if (f == null) {
            return;
        }
        steps.setAll(f.steps().isEmpty() ? List.of(new StepDraft(null))
                : f.steps().stream().map(StepDraft::new).toList());
        Funnels.Mode m = f.mode() == null ? null : Checks.Wire.parse(Funnels.Mode.class, f.mode());
        mode.set(m == null ? Funnels.Mode.ORDERED : m);
        long window = f.windowMs() == null || f.windowMs() <= 0 ? Funnels.DEFAULT_WINDOW_MS : f.windowMs();
        WindowUnit unit = window % WindowUnit.DAYS.ms() == 0 ? WindowUnit.DAYS
                : window % WindowUnit.HOURS.ms() == 0 ? WindowUnit.HOURS : WindowUnit.MINUTES;
        windowUnit.set(unit);
        windowValue.set((int) Math.max(1, Math.min(Integer.MAX_VALUE, window / unit.ms())));
        Breakdown b = Breakdown.NONE;
        breakdownPath.set("");
        if (f.breakdown() != null) {
            b = Breakdown.PATH;
            for (Breakdown candidate : Breakdown.values()) {
                if (f.breakdown().equals(candidate.wire)) {
                    b = candidate;
                }
            }
            if (b == Breakdown.PATH) {
                breakdownPath.set(f.breakdown());
            }
        }
        breakdown.set(b);
        range.set(f.dateRange());
        savedName.set(f.name());
        run();
    }

    /** Forgets a saved funnel after asking; the builder keeps its steps. */
    public void deleteSaved(SavedFunnel f) {
        if (f == null || !dialogs.confirm("Delete the funnel " + f.name() + "?",
                "The saved funnel \"" + f.name() + "\" is removed from this computer.", "Delete")) {
            return;
        }
        tasks.submit("Deleting funnel " + f.name(), p -> {
            store.delete(f.name());
            return store.list();
        }, list -> {
            saved.setAll(list);
            if (f.name().equals(savedName.get())) {
                savedName.set("");
            }
            dialogs.notify("Deleted funnel " + f.name());
        }, failure -> dialogs.showError("The funnel " + f.name() + " could not be deleted", failure));
    }

    public List<String> suggestions(String text, int max) {
        return names.suggest(text, max);
    }

    /** The steps or breakdown table as exported (the actors export reads every page itself). */
    public TableExport.Table table(Table table) {
        return switch (table) {
            case STEPS -> new TableExport.Table("funnel steps", List.of("step", "name", "event", "actors",
                    "conversion_from_start", "conversion_from_previous", "drop_off", "median_time_to_convert_ms"),
                    results.stream().map(r -> List.of(Integer.toString(r.step()), r.label(), r.event(),
                            Long.toString(r.count()), fraction(r.fromStart()), fraction(r.fromPrevious()),
                            Long.toString(r.dropOff()), r.medianMs() == null ? "" : Long.toString(r.medianMs())))
                            .toList());
            case BREAKDOWN -> {
                List<String> header = new ArrayList<>();
                header.add(shownQuery == null || shownQuery.breakdown() == null ? "value" : shownQuery.breakdown());
                for (int i = 0; i < breakdownSteps.size(); i++) {
                    header.add("step_" + (i + 1) + "_" + breakdownSteps.get(i));
                }
                header.add("conversion");
                yield new TableExport.Table("funnel breakdown", header, breakdownRows.stream().map(b -> {
                    List<String> row = new ArrayList<>();
                    row.add(b.value());
                    b.counts().forEach(c -> row.add(Long.toString(c)));
                    row.add(b.entered() == 0 ? "" : fraction((double) b.converted() / b.entered()));
                    return (List<String>) row;
                }).toList());
            }
            case ACTORS -> new TableExport.Table("funnel actors", ACTOR_HEADER, actors.stream()
                    .map(FunnelsViewModel::actorRow).toList());
        };
    }

    private static final List<String> ACTOR_HEADER = List.of("actor", "level", "entered_at", "last_step_at");

    private static List<String> actorRow(ActorRow a) {
        return List.of(a.actor(), Integer.toString(a.level()), TableExport.iso(a.enteredAt()),
                TableExport.iso(a.lastStepAt()));
    }

    private static String fraction(double f) {
        return String.format(Locale.ROOT, "%.6f", f);
    }

    public String suggestedFileName(Table table) {
        return TableExport.fileName("funnel-" + table.name().toLowerCase(Locale.ROOT), clock.instant(), zone);
    }

    /**
     * Writes the table; for the actors every page of the listed step is read (not only the loaded
     * ones), with progress, and a cancel leaves no file.
     */
    public void exportCsv(Table table, Path target) {
        if (table != Table.ACTORS || actorsQuery == null) {
            TableExport.write(tasks, dialogs, table(table), target);
            return;
        }
        Funnels.ActorsQuery base = actorsQuery;
        tasks.submit("Exporting funnel actors to " + target.getFileName(), p -> CsvFiles.write(target, ACTOR_HEADER,
                csv -> {
                    String cursor = null;
                    long written = 0;
                    do {
                        if (p.cancelled()) {
                            throw new CancellationException("Export cancelled");
                        }
                        Funnels.Actors page = api.get().funnelActors(new Funnels.ActorsQuery(base.funnel(), base.step(),
                                base.outcome(), base.breakdownValue(), EXPORT_PAGE, cursor));
                        for (Funnels.Actor a : page.actors()) {
                            csv.row(List.of(a.actor(), Integer.toString(a.level()), TableExport.iso(a.enteredAt()),
                                    TableExport.iso(a.lastStepAt())));
                        }
                        written += page.actors().size();
                        p.update(page.total() == 0 ? 1 : (double) written / page.total(),
                                Formats.count(written) + " of " + Formats.count(page.total()) + " actors");
                        cursor = page.nextCursor();
                    } while (cursor != null);
                    return written;
                }), count -> dialogs.notify("Exported " + Formats.count(count) + " actors to " + target),
                failure -> {
                    if (failure instanceof CancellationException) {
                        dialogs.notify("Export cancelled; no file was written.");
                    } else {
                        dialogs.showError("The actors could not be exported to " + target, failure);
                    }
                });
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String capitalize(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    public ObservableList<StepDraft> steps() {
        return steps;
    }

    public ObjectProperty<Funnels.Mode> modeProperty() {
        return mode;
    }

    public ObjectProperty<Integer> windowValueProperty() {
        return windowValue;
    }

    public ObjectProperty<WindowUnit> windowUnitProperty() {
        return windowUnit;
    }

    public ObjectProperty<DateRange> rangeProperty() {
        return range;
    }

    public ObjectProperty<Breakdown> breakdownProperty() {
        return breakdown;
    }

    public StringProperty breakdownPathProperty() {
        return breakdownPath;
    }

    public ObservableList<StepRow> results() {
        return results;
    }

    public ObservableList<BreakdownRow> breakdownRows() {
        return breakdownRows;
    }

    /** The step labels the breakdown rows' counts belong to. */
    public ObservableList<String> breakdownSteps() {
        return breakdownSteps;
    }

    public ObservableList<ActorRow> actors() {
        return actors;
    }

    public ObservableList<SavedFunnel> saved() {
        return saved;
    }

    /** The name the shown funnel was opened or saved under; empty for a new one. */
    public StringProperty savedNameProperty() {
        return savedName;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty actorsTitleProperty() {
        return actorsTitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty actorsErrorProperty() {
        return actorsError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty actorsLoadingProperty() {
        return actorsLoading.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasMoreActorsProperty() {
        return hasMoreActors.getReadOnlyProperty();
    }

    /** The step whose actors are listed, or null. */
    public ReadOnlyObjectProperty<Integer> selectedStepProperty() {
        return selectedStep.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Funnels.Outcome> selectedOutcomeProperty() {
        return selectedOutcome.getReadOnlyProperty();
    }
}
