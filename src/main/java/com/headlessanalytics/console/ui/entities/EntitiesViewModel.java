package com.headlessanalytics.console.ui.entities;

import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Entities;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.ui.common.Activatable;
import com.headlessanalytics.console.ui.common.Command;
import com.headlessanalytics.console.ui.common.DetailField;
import com.headlessanalytics.console.ui.common.EntityLink;
import com.headlessanalytics.console.ui.common.EntityNavigator;
import com.headlessanalytics.console.ui.common.ErrorText;
import com.headlessanalytics.console.ui.common.Formats;
import com.headlessanalytics.console.ui.common.QueryLifecycle;
import com.headlessanalytics.console.ui.common.TaskRunner;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Entities of the operating graph: searched by type and by text over name and id, paged with the
 * API's cursor; the entity in detail (its fields, properties, the events that mention it newest
 * first and paged, and its relationships); a relationship opens the entity at its other end, and
 * Back returns to the one before. Other screens open it on an entity or on a search
 * ({@link EntityNavigator}).
 */
public final class EntitiesViewModel implements Activatable, EntityNavigator {
    /** Entities read per page. */
    static final int PAGE = Entities.DEFAULT_LIMIT;
    /** Events of the timeline read per page. */
    static final int EVENTS_PAGE = Entities.DETAIL_EVENTS;
    static final String EMPTY = "No entities yet: events with an entity, or with an actor or object that has a type"
            + " and an id, create them.";
    static final String NO_MATCH = "No entity matches this search. Clear the text or choose All types.";

    /** An entity as listed. */
    public record Row(String type, String id, String name, String events, String lastSeen, Entities.Entity entity) {
    }

    /** One property of the entity in detail: its key, and its value as compact JSON. */
    public record PropertyRow(String key, String value) {
    }

    /** One event of the timeline: when, its name, the entity's role in it, and who or what else it names. */
    public record EventRow(String time, String event, String role, String with, Event source) {
    }

    /**
     * A relationship of the entity in detail, with the entity at its other end; {@code relation}
     * shows its direction ("→ stocks" from this entity, "← stocks" to it).
     */
    public record LinkRow(String relation, String type, String id, String name, String count, String lastSeen) {
    }

    /** An entity's key. */
    private record Key(String type, String id) {
    }

    /** An entity read for the detail pane, with the first page of its events. */
    private record Read(Entities.Detail detail, EventPage events) {
    }

    private final Supplier<HeadlessApi> api;
    private final ZoneId zone;
    private final QueryLifecycle query;
    private final QueryLifecycle detailQuery;
    private final QueryLifecycle eventsQuery;
    private final TreeSet<String> typesSeen = new TreeSet<>();
    private final ObservableList<String> types = FXCollections.observableArrayList();
    private final ObjectProperty<String> type = new SimpleObjectProperty<>();
    private final StringProperty search = new SimpleStringProperty("");
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObjectProperty<Row> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper("Reading entities…");
    private final ReadOnlyStringWrapper detailTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detailStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper eventsStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper linksStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper backText = new ReadOnlyStringWrapper("Back");
    private final ObservableList<DetailField> detail = FXCollections.observableArrayList();
    private final ObservableList<PropertyRow> properties = FXCollections.observableArrayList();
    private final ObservableList<EventRow> events = FXCollections.observableArrayList();
    private final ObservableList<LinkRow> links = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper moreEntities = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper moreEvents = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper hasHistory = new ReadOnlyBooleanWrapper();
    private final Deque<Key> history = new ArrayDeque<>();
    private final BooleanBinding detailShown = Bindings.isNotEmpty(detailTitle);
    private final Command searchCommand;
    private final Command loadMoreCommand;
    private final Command loadMoreEventsCommand;
    private final Command backCommand;
    private Entities.Query shownQuery;
    private String nextCursor;
    private String eventsCursor;
    private Key shown;
    /** After the next list is read: the entity to select, or any single match when {@link #pickSingle}. */
    private Key pick;
    private boolean pickSingle;
    private boolean active;
    /** Set while the filters are changed together, so they cause one read. */
    private boolean settingFilters;

    public EntitiesViewModel(Supplier<HeadlessApi> api, TaskRunner tasks, ZoneId zone) {
        this.api = api;
        this.zone = zone;
        this.query = new QueryLifecycle(tasks);
        this.detailQuery = new QueryLifecycle(tasks);
        this.eventsQuery = new QueryLifecycle(tasks);
        types.add(null);
        searchCommand = new Command(this::search);
        loadMoreCommand = new Command(this::loadMore, moreEntities.and(query.runningProperty().not()));
        loadMoreEventsCommand = new Command(this::loadMoreEvents,
                moreEvents.and(eventsQuery.runningProperty().not()).and(detailQuery.runningProperty().not()));
        backCommand = new Command(this::back, hasHistory);
        type.addListener((obs, old, now) -> {
            if (!settingFilters) {
                search();
            }
        });
        selected.addListener((obs, old, row) -> {
            if (row != null && !keyOf(row.entity()).equals(shown)) {
                history.clear();
                open(keyOf(row.entity()));
            }
        });
    }

    @Override
    public void activate() {
        active = true;
        search();
        if (shown != null && detail.isEmpty() && !detailQuery.isRunning()) {
            open(shown);
        }
    }

    @Override
    public void deactivate() {
        active = false;
        query.stop();
        detailQuery.stop();
        eventsQuery.stop();
    }

    /** Shows this entity, and lists the entities of its type whose name or id hold its id. */
    @Override
    public void showEntity(String entityType, String id) {
        history.clear();
        pick = new Key(entityType, id);
        pickSingle = false;
        remember(entityType);
        filters(entityType, id);
        open(pick);
    }

    /** Lists the entities whose name or id hold {@code text} and shows the one match, if there is exactly one. */
    @Override
    public void findEntity(String text) {
        pick = null;
        pickSingle = true;
        filters(null, text);
    }

    /** Sets both filters with one read, done now while shown, else when the screen is shown. */
    private void filters(String entityType, String text) {
        settingFilters = true;
        search.set(text == null ? "" : text);
        type.set(entityType);
        settingFilters = false;
        search();
    }

    /** Reads the first page of entities of the chosen type that match the search text. */
    public void search() {
        if (!active) {
            return;
        }
        String q = search.get() == null ? "" : search.get().strip();
        Entities.Query request = new Entities.Query(type.get(), q.isEmpty() ? null : q, PAGE, null);
        placeholder.set("Reading entities…");
        query.run("Reading entities", "Reading entities…", p -> api.get().entities(request), page -> {
            shownQuery = request;
            rows.clear();
            append(page);
            placeholder.set(request.type() == null && request.q() == null ? EMPTY : NO_MATCH);
            pickAfterSearch();
        }, failure -> {
            rows.clear();
            moreEntities.set(false);
            placeholder.set(ErrorText.notOffered(failure) ? ErrorText.describe(failure)
                    : "Entities could not be read.");
        });
    }

    /** Reads the next page of the entities shown. */
    private void loadMore() {
        Entities.Query request = shownQuery.withCursor(nextCursor);
        query.run("Reading more entities", "Reading more entities…", p -> api.get().entities(request),
                this::append);
    }

    private void append(Entities.Page page) {
        for (Entities.Entity e : page.entities()) {
            remember(e.type());
            rows.add(new Row(e.type(), e.id(), e.name() == null ? "" : e.name(), Formats.count(e.eventCount()),
                    Formats.time(e.lastSeen(), zone), e));
        }
        nextCursor = page.nextCursor();
        moreEntities.set(nextCursor != null);
        query.status(Formats.count(rows.size()) + (rows.size() == 1 ? " entity" : " entities")
                + (nextCursor == null ? "" : " shown · more to load"));
        follow();
    }

    private void pickAfterSearch() {
        Row match = null;
        if (pick != null) {
            match = rows.stream().filter(r -> keyOf(r.entity()).equals(pick)).findFirst().orElse(null);
        } else if (pickSingle && rows.size() == 1) {
            match = rows.get(0);
        }
        pick = null;
        pickSingle = false;
        if (match != null) {
            selected.set(match);
        }
    }

    /** Opens the entity at the other end of a relationship; Back returns to the one shown now. */
    public void openLink(LinkRow link) {
        if (link == null) {
            return;
        }
        if (shown != null) {
            history.push(shown);
        }
        remember(link.type());
        open(new Key(link.type(), link.id()));
    }

    private void back() {
        if (!history.isEmpty()) {
            open(history.pop());
        }
    }

    /** Reads the entity and the first page of its events, and shows them. */
    private void open(Key key) {
        shown = key;
        hasHistory.set(!history.isEmpty());
        backText.set(history.isEmpty() ? "Back" : "Back to " + history.peek().type() + " " + history.peek().id());
        follow();
        eventsQuery.stop();
        clearDetail();
        detailTitle.set(key.type() + " " + key.id());
        detailStatus.set("Reading " + key.type() + " " + key.id() + "…");
        detailQuery.run("Reading an entity", "", p -> new Read(api.get().entity(key.type(), key.id()),
                api.get().entityEvents(new Entities.EventsQuery(key.type(), key.id(), EVENTS_PAGE, null))),
                read -> {
                    showDetail(read.detail());
                    showEvents(read.events());
                }, failure -> detailStatus.set(ErrorText.describe(failure)));
    }

    private void clearDetail() {
        detail.clear();
        properties.clear();
        events.clear();
        links.clear();
        moreEvents.set(false);
        eventsCursor = null;
        linksStatus.set("");
        eventsStatus.set("");
    }

    private void showDetail(Entities.Detail d) {
        Entities.Entity e = d.entity();
        detailStatus.set("");
        detailTitle.set(e.name() == null ? e.type() + " " + e.id() : e.name());
        List<DetailField> fields = new ArrayList<>();
        fields.add(new DetailField("Type", e.type()));
        fields.add(new DetailField("Id", e.id()));
        fields.add(new DetailField("First seen", Formats.time(e.firstSeen(), zone)));
        fields.add(new DetailField("Last seen", Formats.time(e.lastSeen(), zone)));
        fields.add(new DetailField("Events", Formats.count(e.eventCount())));
        fields.add(new DetailField("Relationships", Formats.count(d.relationshipCount())));
        detail.setAll(fields);
        Map<String, Object> props = e.properties() == null ? Map.of() : new TreeMap<>(e.properties());
        properties.setAll(props.entrySet().stream().map(p -> new PropertyRow(p.getKey(), ApiJson.write(p.getValue())))
                .toList());
        links.setAll(d.relationships().stream().map(r -> {
            remember(r.type());
            return new LinkRow((Entities.Relationship.OUT.equals(r.direction()) ? "→ " : "← ") + r.relation(),
                    r.type(), r.id(), r.name() == null ? "" : r.name(), Formats.count(r.count()),
                    Formats.time(r.lastSeen(), zone));
        }).toList());
        linksStatus.set(d.relationships().isEmpty() ? "No relationships: events that name it with another entity"
                + " link them." : d.relationshipCount() > d.relationships().size() ? "The "
                + d.relationships().size() + " seen last of " + Formats.count(d.relationshipCount()) + "." : "");
    }

    private void loadMoreEvents() {
        Key key = shown;
        String cursor = eventsCursor;
        eventsQuery.run("Reading an entity's events", "", p -> api.get().entityEvents(
                new Entities.EventsQuery(key.type(), key.id(), EVENTS_PAGE, cursor)), page -> {
                    if (key.equals(shown)) {
                        showEvents(page);
                    }
                }, failure -> eventsStatus.set("Its events could not be read: " + ErrorText.describe(failure)));
    }

    private void showEvents(EventPage page) {
        for (Event e : page.events()) {
            events.add(new EventRow(Formats.time(e.timestamp(), zone), e.event(), roleOf(e), others(e), e));
        }
        eventsCursor = page.nextCursor();
        moreEvents.set(eventsCursor != null);
        if (events.isEmpty()) {
            eventsStatus.set("No events mention it.");
        }
    }

    /** How the event names the entity shown: actor, object, entity, or related (a relationship's other end). */
    private String roleOf(Event e) {
        for (EntityLink link : EntityLink.of(e)) {
            remember(link.type());
            if (shown != null && link.type().equals(shown.type()) && link.id().equals(shown.id())) {
                return link.role();
            }
        }
        return shown != null && "business".equals(shown.type()) ? "business" : "related";
    }

    /** What else the event names besides the entity shown: entities by name (else type and id), a string actor. */
    private String others(Event e) {
        List<String> names = new ArrayList<>();
        if (e.actor() instanceof String actor) {
            names.add(actor);
        }
        for (EntityLink link : EntityLink.of(e)) {
            if (shown == null || !link.type().equals(shown.type()) || !link.id().equals(shown.id())) {
                String text = link.name() != null ? link.name() : link.type() + " " + link.id();
                if (!names.contains(text)) {
                    names.add(text);
                }
            }
        }
        return String.join(", ", names);
    }

    /** Adds a type to the type filter's choices, in order after All. */
    private void remember(String t) {
        if (t != null && typesSeen.add(t)) {
            types.add(typesSeen.headSet(t).size() + 1, t);
        }
    }

    /** Selects the listed row of the entity shown, or none when it is not listed. */
    private void follow() {
        Row row = shown == null ? null : rows.stream().filter(r -> keyOf(r.entity()).equals(shown)).findFirst()
                .orElse(null);
        if (selected.get() != row) {
            selected.set(row);
        }
    }

    private static Key keyOf(Entities.Entity e) {
        return new Key(e.type(), e.id());
    }

    public QueryLifecycle query() {
        return query;
    }

    public ObservableList<String> types() {
        return types;
    }

    /** The type filter: null for all types. */
    public ObjectProperty<String> typeProperty() {
        return type;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ObjectProperty<Row> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    /** The entity in detail: its name, else its type and id; empty when none is. */
    public ReadOnlyStringProperty detailTitleProperty() {
        return detailTitle.getReadOnlyProperty();
    }

    /** While the detail is read, or why it could not be; empty once shown. */
    public ReadOnlyStringProperty detailStatusProperty() {
        return detailStatus.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty eventsStatusProperty() {
        return eventsStatus.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty linksStatusProperty() {
        return linksStatus.getReadOnlyProperty();
    }

    /** Back's text: the entity it returns to. */
    public ReadOnlyStringProperty backTextProperty() {
        return backText.getReadOnlyProperty();
    }

    public ObservableList<DetailField> detail() {
        return detail;
    }

    public ObservableList<PropertyRow> properties() {
        return properties;
    }

    public ObservableList<EventRow> events() {
        return events;
    }

    public ObservableList<LinkRow> links() {
        return links;
    }

    public Command searchCommand() {
        return searchCommand;
    }

    public Command loadMoreCommand() {
        return loadMoreCommand;
    }

    public Command loadMoreEventsCommand() {
        return loadMoreEventsCommand;
    }

    public Command backCommand() {
        return backCommand;
    }

    /** Whether the detail pane has an entity (or one being read). */
    public BooleanBinding detailShownProperty() {
        return detailShown;
    }
}
