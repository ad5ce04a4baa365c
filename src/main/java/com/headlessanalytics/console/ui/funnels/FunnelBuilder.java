package com.headlessanalytics.console.ui.funnels;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.Checks;
import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Period;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.ui.common.Command;
import com.headlessanalytics.console.ui.common.CsvExport;
import com.headlessanalytics.console.ui.common.DateRange;
import com.headlessanalytics.console.ui.common.ErrorText;
import com.headlessanalytics.console.ui.common.Formats;
import com.headlessanalytics.console.ui.common.QueryLifecycle;
import com.headlessanalytics.console.ui.common.TableExport;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
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
 * The funnel as the builder describes it (steps, mode, window, date range, breakdown), its run
 * ({@code POST /api/funnels/query}, the latest run wins) and the figures of the funnel shown: the
 * steps' counts and conversions, the breakdown, a summary, and their CSV exports.
 */
public final class FunnelBuilder {
    private static final Pattern STEP_FIELD = Pattern.compile("steps\\[(\\d+)]\\..*");

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

    /**
     * One step as the builder edits it, with what can be done to it here (remove, move up, move
     * down); {@code error} names what is wrong with it after a run was refused.
     */
    public static final class StepDraft {
        private final StringProperty event = new SimpleStringProperty("");
        private final StringProperty name = new SimpleStringProperty("");
        private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
        private final Map<String, Object> filter;
        private final Command remove;
        private final Command moveUp;
        private final Command moveDown;

        private StepDraft(FunnelBuilder owner, Funnels.Step step) {
            if (step != null) {
                event.set(step.event() == null ? "" : step.event());
                name.set(step.name() == null ? "" : step.name());
            }
            filter = step == null ? null : step.filter();
            event.addListener(o -> error.set(""));
            ObservableList<StepDraft> steps = owner.steps;
            remove = new Command(() -> owner.removeStep(this), Bindings.size(steps).greaterThan(1));
            moveUp = new Command(() -> owner.moveStep(this, -1), at(steps, () -> steps.indexOf(this) > 0));
            moveDown = new Command(() -> owner.moveStep(this, 1), at(steps, () -> {
                int i = steps.indexOf(this);
                return i >= 0 && i < steps.size() - 1;
            }));
        }

        private static BooleanBinding at(ObservableList<StepDraft> steps, java.util.concurrent.Callable<Boolean> rule) {
            return Bindings.createBooleanBinding(rule, steps);
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

        /** Removes this step; not while it is the only one. */
        public Command remove() {
            return remove;
        }

        /** Moves this step one place up; not the first. */
        public Command moveUp() {
            return moveUp;
        }

        /** Moves this step one place down; not the last. */
        public Command moveDown() {
            return moveDown;
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

        /** How tall the step's bar is against the first step's count {@code first}, 0 to 1. */
        public double barShare(long first) {
            return first == 0 ? 0 : (double) count / first;
        }

        /** The chart's line under a bar: the share of step 1 that reached it. */
        public String chartFromStart() {
            return fromStartText() + " of step 1";
        }

        /**
         * The chart's second line: step 1 "entered the funnel"; step 2 nothing (its share of step 1 is
         * the line above); later steps their share of the step before.
         */
        public String chartFromPrevious() {
            return step == 1 ? "entered the funnel" : step == 2 ? " " : fromPreviousText() + " of step " + (step - 1);
        }

        /** The chart's third line: the median time from the step before; nothing for step 1. */
        public String chartMedian() {
            return step == 1 ? " " : "median " + medianText();
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

        /** The count at step {@code index} (from 0), or nothing when the row has no such step. */
        public String countText(int index) {
            return index < counts.size() ? Formats.count(counts.get(index)) : "";
        }

        public String conversionText() {
            return entered() == 0 ? "—" : Formats.percent((double) converted() / entered());
        }
    }

    /**
     * The funnel whose figures are shown: its query, the business it covered and its steps' labels.
     * Each result shown is a new one (compared by identity), even when it repeats the last.
     */
    public static final class Shown {
        private final Funnels.Query query;
        private final String business;
        private final List<String> labels;

        public Shown(Funnels.Query query, String business, List<String> labels) {
            this.query = query;
            this.business = business;
            this.labels = List.copyOf(labels);
        }

        public Funnels.Query query() {
            return query;
        }

        public String business() {
            return business;
        }

        public List<String> labels() {
            return labels;
        }
    }

    private final Supplier<HeadlessApi> api;
    private final QueryLifecycle query;
    private final CsvExport csv;
    private final Clock clock;
    private final ZoneId zone;

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
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Shown> shown = new ReadOnlyObjectWrapper<>();

    private final Command addStep;
    private final Command run;
    private final Command exportSteps;
    private final Command exportBreakdown;

    FunnelBuilder(Supplier<HeadlessApi> api, QueryLifecycle query, CsvExport csv, Clock clock, ZoneId zone) {
        this.api = api;
        this.query = query;
        this.csv = csv;
        this.clock = clock;
        this.zone = zone;
        steps.addAll(new StepDraft(this, null), new StepDraft(this, null));
        addStep = new Command(this::addStep, Bindings.size(steps).lessThan(Funnels.MAX_STEPS));
        run = new Command(this::run, query.runningProperty().not());
        exportSteps = new Command(() -> csv.export("funnel-steps", stepsTable()));
        exportBreakdown = new Command(() -> csv.export("funnel-breakdown", breakdownTable()));
    }

    /** Adds an empty step at the end, when there is room; returns it (added or not). */
    public StepDraft addStep() {
        StepDraft s = new StepDraft(this, null);
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

    /** True while no step names an event: there is nothing to run yet. */
    boolean isBlank() {
        return steps.stream().allMatch(s -> s.eventProperty().get().isBlank());
    }

    /** The query the builder describes, or null after showing what is wrong with it. */
    Funnels.Query buildQuery() {
        steps.forEach(s -> s.error.set(""));
        query.clearError();
        Period period = effectiveRange().resolve(clock, zone);
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
            Matcher m = STEP_FIELD.matcher(p.field());
            if (m.matches() && Integer.parseInt(m.group(1)) < steps.size()) {
                StepDraft s = steps.get(Integer.parseInt(m.group(1)));
                s.error.set(s.event.get().isBlank() ? "Enter the event of this step" : capitalize(p.message()));
            } else {
                other.add(new FieldError(null, label(p.field()), p.code(), p.message()));
            }
        }
        query.fail(other.isEmpty() ? "Some steps need fixing (see above)." : ErrorText.describe(
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
        query.run("Computing the funnel", "Computing the funnel…", p -> {
            p.update(-1, "Following " + q.steps().size() + " steps per actor");
            return api.get().funnel(q);
        }, result -> show(q, result));
    }

    private void show(Funnels.Query q, Funnels.Result result) {
        results.setAll(result.steps().stream().map(s -> new StepRow(s.step(), label(q, s), s.event(), s.count(),
                s.conversionFromStart(), s.conversionFromPrevious(), s.dropOff(), s.medianTimeToConvertMs())).toList());
        breakdownSteps.setAll(results.stream().map(StepRow::label).toList());
        breakdownRows.setAll(result.breakdown() == null ? List.of() : result.breakdown().stream()
                .map(b -> new BreakdownRow(b.value(), b.steps().stream().map(Funnels.StepResult::count).toList()))
                .toList());
        shown.set(new Shown(q, result.proof() == null ? null : result.proof().businessId(), breakdownSteps));
        StepRow first = results.isEmpty() ? null : results.get(0);
        StepRow last = results.isEmpty() ? null : results.get(results.size() - 1);
        summary.set(first == null ? "" : Formats.count(first.count()) + " actors entered · "
                + Formats.count(last.count()) + " converted (" + Formats.percent(last.fromStart()) + ")"
                + (last.medianMs() == null || results.size() < 2 ? "" : " · median time to convert "
                + Formats.duration(last.medianMs()).replace(' ', '\u00A0')));
        query.status(effectiveRange().label() + " · " + Checks.Wire.name(q.effectiveMode()).replace('_', ' ')
                + " · window " + Formats.duration(q.effectiveWindowMs()));
    }

    private static String label(Funnels.Query q, Funnels.StepResult s) {
        if (s.name() != null && !s.name().isBlank()) {
            return s.name();
        }
        int i = s.step() - 1;
        return i >= 0 && i < q.steps().size() ? q.steps().get(i).label() : s.event();
    }

    private DateRange effectiveRange() {
        return range.get() == null ? DateRange.last7Days() : range.get();
    }

    /** The builder's funnel as saved under {@code name}, or null after showing what is wrong with it. */
    SavedFunnel toSaved(String name) {
        Funnels.Query q = buildQuery();
        if (q == null) {
            return null;
        }
        DateRange r = effectiveRange();
        return new SavedFunnel(name, q.steps(), q.mode(), q.windowMs(), q.breakdown(), r.preset().name(),
                r.from() == null ? null : r.from().toString(), r.to() == null ? null : r.to().toString(),
                clock.millis());
    }

    /** Puts a saved funnel in the builder (it does not run). */
    void load(SavedFunnel f) {
        steps.setAll(f.steps().isEmpty() ? List.of(new StepDraft(this, null))
                : f.steps().stream().map(s -> new StepDraft(this, s)).toList());
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
    }

    /** The steps table as exported. */
    TableExport.Table stepsTable() {
        return new TableExport.Table("funnel steps", List.of("step", "name", "event", "actors",
                "conversion_from_start", "conversion_from_previous", "drop_off", "median_time_to_convert_ms"),
                results.stream().map(r -> List.of(Integer.toString(r.step()), r.label(), r.event(),
                        Long.toString(r.count()), fraction(r.fromStart()), fraction(r.fromPrevious()),
                        Long.toString(r.dropOff()), r.medianMs() == null ? "" : Long.toString(r.medianMs())))
                        .toList());
    }

    /** The breakdown table as exported: a column per step, then the conversion. */
    TableExport.Table breakdownTable() {
        Shown s = shown.get();
        List<String> header = new ArrayList<>();
        header.add(s == null || s.query().breakdown() == null ? "value" : s.query().breakdown());
        for (int i = 0; i < breakdownSteps.size(); i++) {
            header.add("step_" + (i + 1) + "_" + breakdownSteps.get(i));
        }
        header.add("conversion");
        return new TableExport.Table("funnel breakdown", header, breakdownRows.stream().map(b -> {
            List<String> row = new ArrayList<>();
            row.add(b.value());
            b.counts().forEach(c -> row.add(Long.toString(c)));
            row.add(b.entered() == 0 ? "" : fraction((double) b.converted() / b.entered()));
            return (List<String>) row;
        }).toList());
    }

    private static String fraction(double f) {
        return String.format(Locale.ROOT, "%.6f", f);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String capitalize(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    public QueryLifecycle query() {
        return query;
    }

    public ObservableList<StepDraft> steps() {
        return steps;
    }

    /** Adds a step; not beyond {@link Funnels#MAX_STEPS}. */
    public Command addStepCommand() {
        return addStep;
    }

    /** Runs the funnel; not while it runs. */
    public Command runCommand() {
        return run;
    }

    public Command exportSteps() {
        return exportSteps;
    }

    public Command exportBreakdown() {
        return exportBreakdown;
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

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The funnel whose figures are shown; null before the first result. */
    public ReadOnlyObjectProperty<Shown> shownProperty() {
        return shown.getReadOnlyProperty();
    }
}
