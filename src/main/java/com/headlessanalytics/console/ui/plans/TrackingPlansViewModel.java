package com.headlessanalytics.console.ui.plans;

import com.headlessanalytics.console.api.Capabilities;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.TrackingPlans;
import com.headlessanalytics.console.domain.plan.EventSpec;
import com.headlessanalytics.console.domain.plan.PlanViolation;
import com.headlessanalytics.console.domain.plan.TrackingPlan;
import com.headlessanalytics.console.ui.common.Activatable;
import com.headlessanalytics.console.ui.common.Command;
import com.headlessanalytics.console.ui.common.DetailField;
import com.headlessanalytics.console.ui.common.DialogService;
import com.headlessanalytics.console.ui.common.ErrorText;
import com.headlessanalytics.console.ui.common.Formats;
import com.headlessanalytics.console.ui.common.QueryLifecycle;
import com.headlessanalytics.console.ui.common.TaskRunner;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Tracking plans: the workspace's plans; the selected one in detail (mode, naming rule, planned
 * events) with the recent events that break it and why, read again after every save; New plan and
 * Edit open the plan form, Delete asks first. When the server offers no plan changes, editing is
 * off and the feature's sentence says why.
 */
public final class TrackingPlansViewModel implements Activatable {
    /** The most recent events checked against the selected plan. */
    static final int CHECKED_EVENTS = 500;

    /** A plan as listed. */
    public record Row(String id, String name, String mode, int events, String updated, TrackingPlan plan) {
    }

    /** A planned event of the selected plan. */
    public record PlannedRow(String event, String required, String properties) {
    }

    /** One way a recent event breaks the selected plan. */
    public record BreachRow(String time, String event, String field, String why, String eventId) {
    }

    private record Loaded(List<TrackingPlan> plans, boolean editable) {
    }

    private final Supplier<HeadlessApi> api;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final ZoneId zone;
    private final QueryLifecycle query;
    private final QueryLifecycle breachesQuery;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObjectProperty<Row> selected = new SimpleObjectProperty<>();
    private final ObservableList<DetailField> detail = FXCollections.observableArrayList();
    private final ObservableList<PlannedRow> planned = FXCollections.observableArrayList();
    private final ObservableList<BreachRow> breaches = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper detailTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper breachesStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper("Reading tracking plans…");
    private final ReadOnlyBooleanWrapper editable = new ReadOnlyBooleanWrapper(false);
    private final Command refreshCommand;
    private final Command newCommand;
    private final Command editCommand;
    private final Command deleteCommand;

    public TrackingPlansViewModel(Supplier<HeadlessApi> api, TaskRunner tasks, DialogService dialogs, ZoneId zone) {
        this.api = api;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.zone = zone;
        this.query = new QueryLifecycle(tasks);
        this.breachesQuery = new QueryLifecycle(tasks);
        refreshCommand = new Command(this::refresh, query.runningProperty().not());
        newCommand = new Command(this::newPlan, editable);
        editCommand = new Command(this::editPlan, editable.and(selected.isNotNull()));
        deleteCommand = new Command(this::deletePlan, editable.and(selected.isNotNull()));
        selected.addListener((obs, old, row) -> showDetail(row));
    }

    @Override
    public void activate() {
        refresh();
    }

    @Override
    public void deactivate() {
        query.stop();
        breachesQuery.stop();
    }

    /** Reads the plans (and whether the server lets them change); the selection stays on the same id. */
    public void refresh() {
        refresh(selected.get() == null ? null : selected.get().id());
    }

    private void refresh(String keep) {
        query.run("Reading tracking plans", "Reading tracking plans…", p -> {
            HeadlessApi port = api.get();
            boolean canChange = port.capabilities().offers(Capabilities.Feature.TRACKING_PLAN_CHANGES);
            return new Loaded(port.trackingPlans().plans(), canChange);
        }, loaded -> show(loaded, keep));
    }

    private void show(Loaded loaded, String keep) {
        editable.set(loaded.editable());
        notice.set(loaded.editable() ? "" : Capabilities.Feature.TRACKING_PLAN_CHANGES.unavailable());
        List<Row> list = loaded.plans().stream().map(this::row).toList();
        rows.setAll(list);
        placeholder.set(loaded.editable() ? "No tracking plans yet. New plan describes the events you expect;"
                + " in warn or block mode every ingest is checked against it." : "No tracking plans.");
        Row again = keep == null ? null : list.stream().filter(r -> r.id().equals(keep)).findFirst().orElse(null);
        if (again == null && selected.get() == null && !list.isEmpty()) {
            again = list.get(0);
        }
        selected.set(again);
        query.status(list.size() + (list.size() == 1 ? " plan" : " plans"));
    }

    Row row(TrackingPlan p) {
        return new Row(p.id(), p.name() == null ? "" : p.name(), p.mode() == null ? "" : p.mode().wire(),
                p.events() == null ? 0 : p.events().size(),
                p.updatedAt() == null ? "" : Formats.time(p.updatedAt(), zone), p);
    }

    private void showDetail(Row row) {
        breaches.clear();
        breachesQuery.stop();
        if (row == null) {
            detailTitle.set("");
            detail.clear();
            planned.clear();
            breachesStatus.set("");
            return;
        }
        TrackingPlan p = row.plan();
        detailTitle.set(row.name().isEmpty() ? p.id() : row.name() + " (" + p.id() + ")");
        List<DetailField> fields = new ArrayList<>();
        fields.add(new DetailField("Mode", PlanFormViewModel.modeLabel(p.mode())));
        fields.add(new DetailField("Naming rule", p.namingRule() == null ? "none" : p.namingRule()));
        fields.add(new DetailField("Unplanned events", Boolean.FALSE.equals(p.allowUnplanned())
                ? "refused: only planned events pass" : "allowed"));
        fields.add(new DetailField("Updated", row.updated()));
        detail.setAll(fields);
        planned.setAll((p.events() == null ? List.<EventSpec>of() : p.events()).stream().map(e -> {
            PlanFormViewModel.EventLine line = PlanFormViewModel.line(e);
            return new PlannedRow(line.name(), line.required(), line.properties());
        }).toList());
        readBreaches(p.id());
    }

    private void readBreaches(String planId) {
        breachesStatus.set("Checking recent events…");
        breachesQuery.run("Checking recent events against a plan", "", p -> api.get()
                .trackingPlanViolations(planId, CHECKED_EVENTS), report -> {
                    if (selected.get() != null && selected.get().id().equals(planId)) {
                        breaches.setAll(breachRows(report));
                        breachesStatus.set(report.breaches().isEmpty() ? "None of the " + report.checked()
                                + " most recent events breaks this plan." : "");
                        summary.set(report.breaches().size() + " of the " + report.checked()
                                + " most recent events break it");
                    }
                }, failure -> breachesStatus.set("Recent events could not be checked: "
                        + ErrorText.describe(failure)));
    }

    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");

    List<BreachRow> breachRows(TrackingPlans.Report report) {
        List<BreachRow> out = new ArrayList<>();
        for (TrackingPlans.Breach b : report.breaches()) {
            for (PlanViolation v : b.violations()) {
                out.add(new BreachRow(Formats.time(b.event().timestamp(), zone), b.event().event(), v.field(),
                        v.message(), b.event().id()));
            }
        }
        return out;
    }

    /** Opens the form for a new plan; once saved the list shows it selected. */
    public PlanFormViewModel newPlan() {
        return openForm(null);
    }

    /** Opens the form on the selected plan. */
    public PlanFormViewModel editPlan() {
        return openForm(selected.get().plan());
    }

    private PlanFormViewModel openForm(TrackingPlan plan) {
        PlanFormViewModel form = new PlanFormViewModel(api, tasks, plan, stored -> {
            dialogs.notify("Saved tracking plan " + stored.id());
            refresh(stored.id());
            if (selected.get() != null && selected.get().id().equals(stored.id())) {
                selected.set(row(stored));
            }
        });
        dialogs.showForm(form);
        return form;
    }

    /** Deletes the selected plan after the user confirms; events already stored keep their warnings. */
    private void deletePlan() {
        Row row = selected.get();
        if (!dialogs.confirm("Delete tracking plan", "Delete the tracking plan '" + row.id() + "'? Ingest stops"
                + " checking it; events stored with its warnings keep them.", "Delete")) {
            return;
        }
        tasks.submit("Deleting a tracking plan", p -> {
            api.get().deleteTrackingPlan(row.id());
            return row.id();
        }, id -> {
            dialogs.notify("Deleted tracking plan " + id);
            selected.set(null);
            refresh(null);
        }, failure -> query.fail(failure));
    }

    public QueryLifecycle query() {
        return query;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ObjectProperty<Row> selectedProperty() {
        return selected;
    }

    public ObservableList<DetailField> detail() {
        return detail;
    }

    public ObservableList<PlannedRow> planned() {
        return planned;
    }

    public ObservableList<BreachRow> breaches() {
        return breaches;
    }

    public ReadOnlyStringProperty detailTitleProperty() {
        return detailTitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty breachesStatusProperty() {
        return breachesStatus.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty breachesSummaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Empty, or the sentence saying why plans cannot be changed on this server. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty editableProperty() {
        return editable.getReadOnlyProperty();
    }

    public Command refreshCommand() {
        return refreshCommand;
    }

    public Command newCommand() {
        return newCommand;
    }

    public Command editCommand() {
        return editCommand;
    }

    public Command deleteCommand() {
        return deleteCommand;
    }
}
