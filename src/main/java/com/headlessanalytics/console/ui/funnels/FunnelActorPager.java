package com.headlessanalytics.console.ui.funnels;

import com.headlessanalytics.console.api.Checks;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.ui.common.Command;
import com.headlessanalytics.console.ui.common.CsvExport;
import com.headlessanalytics.console.ui.common.CsvFiles;
import com.headlessanalytics.console.ui.common.DialogService;
import com.headlessanalytics.console.ui.common.EntityNavigator;
import com.headlessanalytics.console.ui.common.Formats;
import com.headlessanalytics.console.ui.common.Navigator;
import com.headlessanalytics.console.ui.common.QueryLifecycle;
import com.headlessanalytics.console.ui.common.TableExport;
import com.headlessanalytics.console.ui.common.TaskRunner;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CancellationException;
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
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The actors behind one step of the shown funnel ({@code POST /api/funnels/actors}): who reached
 * it, or who reached the step before and not this one, of one breakdown value when picked; read a
 * page at a time, exported as CSV with every page, and opened on the Events screen in the window
 * of their attempt. A newly shown funnel clears the list.
 */
public final class FunnelActorPager {
    static final int ACTOR_PAGE = 100;
    static final int EXPORT_PAGE = 1000;
    static final List<String> HEADER = List.of("actor", "level", "entered_at", "last_step_at");

    public record ActorRow(String actor, int level, long enteredAt, long lastStepAt, String entered, String lastStep) {
    }

    private final Supplier<HeadlessApi> api;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Navigator navigator;
    private final CsvExport csv;
    private final ZoneId zone;
    private final ObservableValue<FunnelBuilder.Shown> shown;
    /** The listing's own lifecycle: its status line is the list's title, its error the list's error. */
    private final QueryLifecycle list;

    private final ObservableList<ActorRow> actors = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper hasMore = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper listed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Integer> selectedStep = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Funnels.Outcome> selectedOutcome = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper();
    private final ObjectProperty<ActorRow> selectedActor = new SimpleObjectProperty<>();
    private final Command loadMore;
    private final Command openEvents;
    private final Command openEntity;
    private final ReadOnlyBooleanWrapper entitiesWired = new ReadOnlyBooleanWrapper();
    private EntityNavigator entities;
    private final Command export;

    private Funnels.ActorsQuery listing;
    private String cursor;

    FunnelActorPager(Supplier<HeadlessApi> api, TaskRunner tasks, DialogService dialogs, Navigator navigator,
                     CsvExport csv, ZoneId zone, ObservableValue<FunnelBuilder.Shown> shown) {
        this.api = api;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.navigator = navigator;
        this.csv = csv;
        this.zone = zone;
        this.shown = shown;
        this.list = new QueryLifecycle(tasks);
        shown.addListener((obs, old, now) -> clear());
        loadMore = new Command(this::loadMore, hasMore.and(list.runningProperty().not()));
        heading.bind(Bindings.when(list.statusProperty().isEmpty()).then("No step picked")
                .otherwise(list.statusProperty()));
        openEvents = new Command(() -> openActorEvents(selectedActor.get()), selectedActor.isNotNull());
        openEntity = new Command(() -> entities.findEntity(selectedActor.get().actor()),
                selectedActor.isNotNull().and(entitiesWired));
        export = new Command(() -> csv.chooseTarget("funnel-actors", "Export funnel actors as CSV")
                .ifPresent(this::exportCsv), listed);
    }

    /**
     * Lists the actors behind one step of the shown funnel: those who reached it, or those who
     * reached the step before and not this one (step 1 has no drop-off); of one breakdown value when given.
     */
    public void show(int step, Funnels.Outcome outcome, String breakdownValue) {
        FunnelBuilder.Shown funnel = shown.getValue();
        if (funnel == null) {
            return;
        }
        Funnels.Outcome o = step == 1 ? Funnels.Outcome.REACHED : outcome;
        listing = new Funnels.ActorsQuery(funnel.query(), step, Checks.Wire.name(o), breakdownValue, ACTOR_PAGE,
                null);
        cursor = null;
        actors.clear();
        hasMore.set(false);
        listed.set(true);
        selectedStep.set(step);
        selectedOutcome.set(o);
        String stepLabel = step - 1 < funnel.labels().size() ? funnel.labels().get(step - 1) : "step " + step;
        String what = (o == Funnels.Outcome.REACHED ? "reached step " : "dropped before step ") + step + " ("
                + stepLabel + ")" + (breakdownValue == null ? "" : " · " + breakdownValue);
        fetch(listing, null, "Listing the actors who " + what + "…", what);
    }

    /** A step picked in the steps table: who reached step 1, who dropped before any later step. */
    public void showStep(int step) {
        show(step, step == 1 ? Funnels.Outcome.REACHED : Funnels.Outcome.DROPPED, null);
    }

    /**
     * A breakdown value picked: the actors of that value at the step (and outcome) picked before,
     * or who dropped before the last step when none was.
     */
    public void showBreakdown(String value) {
        FunnelBuilder.Shown funnel = shown.getValue();
        Integer step = selectedStep.get();
        Funnels.Outcome outcome = selectedOutcome.get();
        show(step != null ? step : funnel == null ? 1 : funnel.labels().size(),
                outcome == null ? Funnels.Outcome.DROPPED : outcome, value);
    }

    /** Reads the next page of the listed actors. */
    public void loadMore() {
        if (listing == null || cursor == null || list.isRunning()) {
            return;
        }
        String title = list.statusProperty().get();
        fetch(listing, cursor, title, null);
    }

    /** @param what what the actors did, for the title once the count is known; null keeps the title */
    private void fetch(Funnels.ActorsQuery base, String from, String title, String what) {
        Funnels.ActorsQuery q = new Funnels.ActorsQuery(base.funnel(), base.step(), base.outcome(),
                base.breakdownValue(), base.limit(), from);
        list.run("Listing funnel actors", title, p -> api.get().funnelActors(q), page -> {
            actors.addAll(page.actors().stream().map(a -> new ActorRow(a.actor(), a.level(), a.enteredAt(),
                    a.lastStepAt(), Formats.time(a.enteredAt(), zone), Formats.time(a.lastStepAt(), zone))).toList());
            cursor = page.nextCursor();
            hasMore.set(cursor != null);
            list.status(what == null ? title : Formats.count(page.total()) + (page.total() == 1 ? " actor " : " actors ")
                    + what);
        }, failure -> list.status(title));
    }

    private void clear() {
        list.stop();
        list.status("");
        list.clearError();
        listing = null;
        cursor = null;
        actors.clear();
        hasMore.set(false);
        listed.set(false);
        selectedStep.set(null);
        selectedOutcome.set(null);
        selectedActor.set(null);
    }

    /** Where Open entity goes: the Entities screen, searched for the actor's id. */
    void onOpenEntity(EntityNavigator navigator) {
        entities = navigator;
        entitiesWired.set(navigator != null);
    }

    /** Opens the actor's events in the window of their counted attempt, from its start. */
    public void openActorEvents(ActorRow actor) {
        FunnelBuilder.Shown funnel = shown.getValue();
        if (funnel == null || actor == null) {
            return;
        }
        long end = actor.enteredAt() + funnel.query().effectiveWindowMs();
        navigator.showEvents(new EventQuery(funnel.business(), null, null, actor.actor(), actor.enteredAt(),
                end < actor.enteredAt() ? Long.MAX_VALUE : end, null, null, null));
    }

    /**
     * Writes every actor of the listed step (not only the pages loaded) to {@code target}, with
     * progress; a cancel leaves no file.
     */
    void exportCsv(Path target) {
        Funnels.ActorsQuery base = listing;
        if (base == null) {
            return;
        }
        tasks.submit("Exporting funnel actors to " + target.getFileName(), p -> CsvFiles.write(target, HEADER,
                out -> {
                    String next = null;
                    long written = 0;
                    do {
                        if (p.cancelled()) {
                            throw new CancellationException("Export cancelled");
                        }
                        Funnels.Actors page = api.get().funnelActors(new Funnels.ActorsQuery(base.funnel(), base.step(),
                                base.outcome(), base.breakdownValue(), EXPORT_PAGE, next));
                        for (Funnels.Actor a : page.actors()) {
                            out.row(List.of(a.actor(), Integer.toString(a.level()), TableExport.iso(a.enteredAt()),
                                    TableExport.iso(a.lastStepAt())));
                        }
                        written += page.actors().size();
                        p.update(page.total() == 0 ? 1 : (double) written / page.total(),
                                Formats.count(written) + " of " + Formats.count(page.total()) + " actors");
                        next = page.nextCursor();
                    } while (next != null);
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

    public ObservableList<ActorRow> actors() {
        return actors;
    }

    /** What the list shows: "3 actors dropped before step 2 (…)", or what it is reading; empty when no step is picked. */
    public ReadOnlyStringProperty titleProperty() {
        return list.statusProperty();
    }

    /** The list's heading: its title, or "No step picked" while it has none. */
    public ReadOnlyStringProperty headingProperty() {
        return heading.getReadOnlyProperty();
    }

    /** Whether the chart's bar ({@code REACHED}) or drop-off ({@code DROPPED}) of a step is the one listed. */
    public boolean picked(int step, Funnels.Outcome outcome) {
        Integer selected = selectedStep.get();
        return selected != null && selected == step && selectedOutcome.get() == outcome;
    }

    public ReadOnlyStringProperty errorProperty() {
        return list.errorProperty();
    }

    /** True while a page is read. */
    public ReadOnlyBooleanProperty loadingProperty() {
        return list.runningProperty();
    }

    public ReadOnlyBooleanProperty hasMoreProperty() {
        return hasMore.getReadOnlyProperty();
    }

    /** The step whose actors are listed, or null. */
    public ReadOnlyObjectProperty<Integer> selectedStepProperty() {
        return selectedStep.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Funnels.Outcome> selectedOutcomeProperty() {
        return selectedOutcome.getReadOnlyProperty();
    }

    /** The actor selected in the list, for "Open events". */
    public ObjectProperty<ActorRow> selectedActorProperty() {
        return selectedActor;
    }

    /** Reads the next page; only while there is one and none is being read. */
    public Command loadMoreCommand() {
        return loadMore;
    }

    /** Opens the selected actor's events; only while one is selected. */
    public Command openEventsCommand() {
        return openEvents;
    }

    /** Opens the Entities screen searched for the selected actor's id (the match, when there is one). */
    public Command openEntityCommand() {
        return openEntity;
    }

    /** Exports every actor of the listed step; only while a step is listed. */
    public Command exportCommand() {
        return export;
    }
}
