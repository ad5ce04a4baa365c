package com.headlessanalytics.console.ui.trackables;

import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Trackables;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.trackable.TrackableKind;
import com.headlessanalytics.console.hardware.labels.LabelItem;
import com.headlessanalytics.console.hardware.labels.PageDrawing;
import com.headlessanalytics.console.hardware.print.SymbolDrawing;
import com.headlessanalytics.console.symbols.ErrorCorrection;
import com.headlessanalytics.console.symbols.Symbols;
import com.headlessanalytics.console.symbols.Symbology;
import com.headlessanalytics.console.ui.common.Activatable;
import com.headlessanalytics.console.ui.common.Command;
import com.headlessanalytics.console.ui.common.DialogService;
import com.headlessanalytics.console.ui.common.Formats;
import com.headlessanalytics.console.ui.common.Navigator;
import com.headlessanalytics.console.ui.common.QueryLifecycle;
import com.headlessanalytics.console.ui.common.TaskRunner;
import com.headlessanalytics.console.ui.common.TextClipboard;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
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
 * Trackables: the workspace's trackables (newest {@value Trackables#MAX_LIMIT}) with their scans,
 * searched as the user types over code, name, kind and payload; the selected one in detail with
 * its symbol (vector boxes from the module matrix), its payload to copy and its recent events;
 * New trackable through a form; Print labels hands the selection to the Labels screen.
 */
public final class TrackablesViewModel implements Activatable {
    /** The events the detail pane lists. */
    static final int RECENT_EVENTS = 20;
    /** Module size of the detail pane's symbol, in mm of the drawing (the View scales it to fit). */
    static final double PREVIEW_MODULE_MM = 1.0;

    /** A trackable as listed. */
    public record Row(String code, String name, String kind, String payload, long scans, String lastScan,
                      Trackables.Trackable trackable) {
    }

    /** One of the selected trackable's events. */
    public record EventRow(String time, String event, String channel, String actor) {
    }

    /** One line of the detail pane. */
    public record Field(String name, String value) {
    }

    private final Supplier<HeadlessApi> api;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final TextClipboard clipboard;
    private final Navigator navigator;
    private final ZoneId zone;
    private final Consumer<List<Trackables.Trackable>> printLabels;
    private final QueryLifecycle query;
    private final QueryLifecycle eventsQuery;
    private final List<Row> all = new ArrayList<>();
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<Row> selection = FXCollections.observableArrayList();
    private final ObjectProperty<Row> selected = new SimpleObjectProperty<>();
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<TrackableKind> kind = new SimpleObjectProperty<>();
    private final ObservableList<Field> detail = FXCollections.observableArrayList();
    private final ObservableList<EventRow> events = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<PageDrawing> symbol = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper detailTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper payload = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper eventsStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper("Reading trackables…");
    private final Command refreshCommand;
    private final Command newCommand;
    private final Command copyPayloadCommand;
    private final Command printCommand;
    private final Command showEventsCommand;

    /**
     * @param printLabels opens the Labels screen with these trackables picked
     */
    public TrackablesViewModel(Supplier<HeadlessApi> api, TaskRunner tasks, DialogService dialogs,
                               TextClipboard clipboard, Navigator navigator, ZoneId zone,
                               Consumer<List<Trackables.Trackable>> printLabels) {
        this.api = api;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.clipboard = clipboard;
        this.navigator = navigator;
        this.zone = zone;
        this.printLabels = printLabels;
        this.query = new QueryLifecycle(tasks);
        this.eventsQuery = new QueryLifecycle(tasks);
        refreshCommand = new Command(this::refresh, query.runningProperty().not());
        newCommand = new Command(this::newTrackable);
        copyPayloadCommand = new Command(this::copyPayload, selected.isNotNull());
        printCommand = new Command(this::printLabels, Bindings.isNotEmpty(selection).or(selected.isNotNull()));
        showEventsCommand = new Command(this::showEvents, selected.isNotNull());
        search.addListener(o -> filter());
        kind.addListener(o -> filter());
        selected.addListener((obs, old, row) -> showDetail(row));
    }

    @Override
    public void activate() {
        refresh();
    }

    @Override
    public void deactivate() {
        query.stop();
        eventsQuery.stop();
    }

    /** Reads the trackables again; the selection stays on the same code when it is still there. */
    public void refresh() {
        query.run("Reading trackables", "Reading trackables…", p -> api.get().trackables(
                new Trackables.Query(null, null, null, Trackables.MAX_LIMIT)).trackables(), this::show);
    }

    private void show(List<Trackables.Trackable> list) {
        String keep = selected.get() == null ? null : selected.get().code();
        all.clear();
        list.forEach(t -> all.add(row(t)));
        placeholder.set("No trackables yet. New trackable makes one: a QR code, barcode, tag, device or agent"
                + " whose scans are counted.");
        filter();
        selected.set(keep == null ? null : all.stream().filter(r -> r.code().equals(keep)).findFirst()
                .orElse(null));
        long scans = all.stream().mapToLong(Row::scans).sum();
        query.status(all.size() + (all.size() == 1 ? " trackable" : " trackables") + " · " + Formats.count(scans)
                + (scans == 1 ? " scan" : " scans"));
    }

    Row row(Trackables.Trackable t) {
        return new Row(t.code(), t.name(), kindText(t.kind()), t.payload(), t.scans(),
                t.lastScanAt() == null ? "never" : Formats.time(t.lastScanAt(), zone), t);
    }

    static String kindText(String wire) {
        try {
            return TrackableFormViewModel.kindLabel(TrackableKind.valueOf(wire.toUpperCase(Locale.ROOT)));
        } catch (RuntimeException e) {
            return wire;
        }
    }

    /** Shows the rows whose code, name, kind or payload contain every word searched, of the kind chosen. */
    private void filter() {
        String[] words = search.get() == null ? new String[0] : search.get().strip().toLowerCase(Locale.ROOT)
                .split("\\s+");
        TrackableKind k = kind.get();
        List<Row> shown = all.stream().filter(r -> k == null || r.trackable().kind().equalsIgnoreCase(k.name()))
                .filter(r -> {
                    String text = (r.code() + " " + r.name() + " " + r.kind() + " " + r.trackable().kind() + " "
                            + r.payload()).toLowerCase(Locale.ROOT);
                    for (String w : words) {
                        if (!w.isEmpty() && !text.contains(w)) {
                            return false;
                        }
                    }
                    return true;
                }).toList();
        rows.setAll(shown);
        summary.set(shown.size() == all.size() ? "" : shown.size() + " of " + all.size() + " shown");
    }

    private void showDetail(Row row) {
        events.clear();
        eventsQuery.stop();
        if (row == null) {
            detailTitle.set("");
            payload.set("");
            symbol.set(null);
            detail.clear();
            eventsStatus.set("");
            return;
        }
        Trackables.Trackable t = row.trackable();
        detailTitle.set(t.name());
        payload.set(t.payload());
        LabelItem item = LabelItem.of(t);
        try {
            symbol.set(SymbolDrawing.of(Symbols.encode(t.payload(), item.symbology(), ErrorCorrection.DEFAULT),
                    PREVIEW_MODULE_MM));
        } catch (IllegalArgumentException e) {
            symbol.set(null);
        }
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("Code", t.code()));
        String symbolName = item.symbology() == Symbology.QR ? "QR symbol" : "Code 128 barcode";
        fields.add(new Field("Kind", row.kind() + " · " + symbolName));
        fields.add(new Field("Target", t.targetUrl() == null ? "none: the symbol carries the tracking link"
                : t.targetUrl()));
        fields.add(new Field("Tracking link", t.trackingUrl() == null ? "" : t.trackingUrl()));
        fields.add(new Field("Event on scan", t.eventName()));
        fields.add(new Field("Scans", Formats.count(t.scans()) + " · last " + row.lastScan()));
        fields.add(new Field("Created", Formats.time(t.createdAt(), zone) + (t.createdBy() == null ? ""
                : " by " + t.createdBy())));
        detail.setAll(fields);
        eventsStatus.set("Reading its events…");
        String code = t.code();
        eventsQuery.run("Reading a trackable's events", "", p -> recentEvents(t), list -> {
            if (selected.get() != null && selected.get().code().equals(code)) {
                events.setAll(list);
                eventsStatus.set(list.isEmpty() ? "No scans recorded yet." : "");
            }
        }, failure -> eventsStatus.set("Its events could not be read."));
    }

    /** The query of the trackable's events: every event that carries its code, newest first. */
    static EventQuery eventsOf(Trackables.Trackable t) {
        return new EventQuery(t.businessId(), null, null, null, null, null, null, null, EventQuery.Order.DESC)
                .withTrackable(t.code());
    }

    private List<EventRow> recentEvents(Trackables.Trackable t) {
        List<EventRow> out = new ArrayList<>();
        for (Event e : api.get().events(eventsOf(t).withLimit(RECENT_EVENTS)).events()) {
            Object channel = e.source() == null ? null : e.source().get("channel");
            out.add(new EventRow(Formats.time(e.timestamp(), zone), e.event(), channel == null ? ""
                    : channel.toString(), e.actorKey() == null ? "" : e.actorKey()));
        }
        return out;
    }

    /** Opens the form for a new trackable; once stored the list is read again and shows it selected. */
    public TrackableFormViewModel newTrackable() {
        TrackableFormViewModel form = new TrackableFormViewModel(api, tasks, stored -> {
            dialogs.notify("Created trackable " + stored.code() + " · " + stored.name());
            selected.set(row(stored));
            refresh();
        });
        dialogs.showForm(form);
        return form;
    }

    private void copyPayload() {
        clipboard.copy(selected.get().payload());
        dialogs.notify("Copied the payload of " + selected.get().code());
    }

    /** Hands the selected rows (or the one in detail) to the Labels screen. */
    private void printLabels() {
        List<Trackables.Trackable> picked = selection.isEmpty() ? List.of(selected.get().trackable())
                : selection.stream().map(Row::trackable).toList();
        printLabels.accept(picked);
    }

    /** Opens the Events screen on the selected trackable's events. */
    private void showEvents() {
        navigator.showEvents(eventsOf(selected.get().trackable()));
    }

    public QueryLifecycle query() {
        return query;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    /** The rows selected in the list (the View keeps it), for Print labels. */
    public ObservableList<Row> selection() {
        return selection;
    }

    public ObjectProperty<Row> selectedProperty() {
        return selected;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<TrackableKind> kindProperty() {
        return kind;
    }

    public ObservableList<Field> detail() {
        return detail;
    }

    public ObservableList<EventRow> events() {
        return events;
    }

    public ReadOnlyObjectProperty<PageDrawing> symbolProperty() {
        return symbol.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailTitleProperty() {
        return detailTitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty payloadProperty() {
        return payload.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty eventsStatusProperty() {
        return eventsStatus.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    public Command refreshCommand() {
        return refreshCommand;
    }

    public Command newCommand() {
        return newCommand;
    }

    public Command copyPayloadCommand() {
        return copyPayloadCommand;
    }

    public Command printCommand() {
        return printCommand;
    }

    public Command showEventsCommand() {
        return showEventsCommand;
    }
}
