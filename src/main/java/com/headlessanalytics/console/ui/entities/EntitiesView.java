package com.headlessanalytics.console.ui.entities;

import atlantafx.base.theme.Styles;
import com.headlessanalytics.console.ui.common.Command;
import com.headlessanalytics.console.ui.common.ScreenScaffold;
import com.headlessanalytics.console.ui.common.ViewParts;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;

/**
 * Entities: type and search text over the list (type, id, name, events, last seen) with Load more;
 * the entity in detail on the right: its fields, properties, relationships (double-click or Enter
 * opens the other entity, Back returns) and its events newest first with Load more.
 */
public final class EntitiesView extends ScreenScaffold {
    private final EntitiesViewModel model;

    public EntitiesView(EntitiesViewModel model) {
        super("Entities", model.query());
        this.model = model;
        ComboBox<String> type = new ComboBox<>(model.types());
        type.setId("entities-type");
        type.setEditable(true);
        type.setConverter(new StringConverter<>() {
            @Override
            public String toString(String t) {
                return t == null ? "" : t;
            }

            @Override
            public String fromString(String text) {
                return text == null || text.isBlank() ? null : text.strip();
            }
        });
        type.setPromptText("All types");
        type.getEditor().setStyle("-fx-prompt-text-fill: -color-fg-muted;");
        type.setCellFactory(list -> typeCell());
        type.valueProperty().bindBidirectional(model.typeProperty());
        type.setPrefWidth(180);
        type.setTooltip(new Tooltip("A type: those of the entities read so far, or type one; empty for all"));
        TextField search = new TextField();
        search.setId("entities-search");
        search.setPromptText("Name or id, then Enter");
        search.textProperty().bindBidirectional(model.searchProperty());
        search.setPrefWidth(320);
        search.setOnAction(e -> model.searchCommand().execute());
        Button find = ViewParts.button("Search", Feather.SEARCH, model.searchCommand());
        find.setId("entities-find");
        HBox filters = new HBox(10, type, search, find);
        filters.setAlignment(Pos.CENTER_LEFT);
        controls(filters);

        TableView<EntitiesViewModel.Row> table = ViewParts.table("");
        table.setId("entities-table");
        table.setItems(model.rows());
        table.setPlaceholder(ViewParts.placeholder(model.placeholderProperty()));
        table.getColumns().setAll(List.of(
                ViewParts.column("Type", EntitiesViewModel.Row::type, 85),
                ViewParts.column("Id", EntitiesViewModel.Row::id, 150),
                ViewParts.column("Name", EntitiesViewModel.Row::name, 130),
                ViewParts.number("Events", EntitiesViewModel.Row::events, 78),
                ViewParts.column("Last seen", EntitiesViewModel.Row::lastSeen, 155)));
        table.getColumns().get(0).setMinWidth(80);
        table.getColumns().get(3).setMinWidth(78);
        table.getColumns().get(4).setMinWidth(155);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null) {
                model.selectedProperty().set(row);
            }
        });
        model.selectedProperty().addListener((obs, old, row) -> follow(table));
        model.rows().addListener((ListChangeListener<EntitiesViewModel.Row>) c -> follow(table));
        VBox.setVgrow(table, Priority.ALWAYS);
        Button more = loadMore("Load more", "entities-more", model.loadMoreCommand());
        VBox list = new VBox(6, table, more);
        SplitPane split = new SplitPane(list, detailPane());
        split.setDividerPositions(0.45);
        body(split);
    }

    private static ListCell<String> typeCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item == null ? "All types" : item);
            }
        };
    }

    /** The table shows the model's selection: the entity in detail when it is listed, else nothing. */
    private void follow(TableView<EntitiesViewModel.Row> table) {
        EntitiesViewModel.Row row = model.selectedProperty().get();
        if (row == null || !model.rows().contains(row)) {
            table.getSelectionModel().clearSelection();
        } else if (table.getSelectionModel().getSelectedItem() != row) {
            table.getSelectionModel().select(row);
            table.scrollTo(row);
        }
    }

    private Node detailPane() {
        Label none = new Label("Select an entity to see its properties, its relationships and the events that"
                + " mention it.");
        none.getStyleClass().add(Styles.TEXT_MUTED);
        none.setWrapText(true);
        none.visibleProperty().bind(model.detailShownProperty().not());
        none.managedProperty().bind(none.visibleProperty());
        Button back = ViewParts.button("Back", Feather.ARROW_LEFT, model.backCommand());
        back.setId("entities-back");
        back.textProperty().bind(model.backTextProperty());
        back.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        back.visibleProperty().bind(model.backCommand().executableProperty());
        back.managedProperty().bind(back.visibleProperty());
        Label title = new Label();
        title.setId("entities-detail-title");
        title.textProperty().bind(model.detailTitleProperty());
        title.getStyleClass().add(Styles.TITLE_4);
        title.setWrapText(true);
        Label status = ViewParts.muted(model.detailStatusProperty());
        status.setId("entities-detail-status");
        status.visibleProperty().bind(model.detailStatusProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());
        GridPane fields = ViewParts.detailGrid("entities-detail", model.detail(), false);

        TableView<EntitiesViewModel.PropertyRow> props = ViewParts.table("No properties: an event's entity"
                + " sets them under properties.");
        props.setId("entities-properties");
        props.setItems(model.properties());
        props.getColumns().setAll(List.of(
                ViewParts.column("Property", EntitiesViewModel.PropertyRow::key, 130),
                ViewParts.column("Value", EntitiesViewModel.PropertyRow::value, 260)));

        TableView<EntitiesViewModel.LinkRow> links = ViewParts.table("");
        links.setId("entities-links");
        links.setItems(model.links());
        links.setPlaceholder(ViewParts.placeholder(model.linksStatusProperty()));
        links.getColumns().setAll(List.of(
                ViewParts.column("Relation", EntitiesViewModel.LinkRow::relation, 190),
                ViewParts.column("Type", EntitiesViewModel.LinkRow::type, 75),
                ViewParts.column("Name", EntitiesViewModel.LinkRow::name, 120),
                ViewParts.column("Id", EntitiesViewModel.LinkRow::id, 110),
                ViewParts.number("Events", EntitiesViewModel.LinkRow::count, 78),
                ViewParts.column("Last seen", EntitiesViewModel.LinkRow::lastSeen, 155)));
        links.getColumns().get(0).setMinWidth(150);
        links.getColumns().get(1).setMinWidth(80);
        links.getColumns().get(4).setMinWidth(78);
        links.getColumns().get(5).setMinWidth(155);
        ViewParts.onOpen(links, model::openLink);
        links.setTooltip(new Tooltip("Double-click or press Enter to open the linked entity"));
        Label linksNote = ViewParts.muted(model.linksStatusProperty());
        linksNote.visibleProperty().bind(Bindings.isNotEmpty(model.links())
                .and(model.linksStatusProperty().isNotEmpty()));
        linksNote.managedProperty().bind(linksNote.visibleProperty());

        TableView<EntitiesViewModel.EventRow> events = ViewParts.table("");
        events.setId("entities-events");
        events.setItems(model.events());
        events.setPlaceholder(ViewParts.placeholder(model.eventsStatusProperty()));
        events.getColumns().setAll(List.of(
                ViewParts.column("Time", EntitiesViewModel.EventRow::time, 155),
                ViewParts.column("Event", EntitiesViewModel.EventRow::event, 170),
                ViewParts.column("As", EntitiesViewModel.EventRow::role, 60),
                ViewParts.column("With", EntitiesViewModel.EventRow::with, 200)));
        Button moreEvents = loadMore("Load more events", "entities-more-events", model.loadMoreEventsCommand());

        VBox timeline = new VBox(6, events, moreEvents);
        VBox.setVgrow(events, Priority.ALWAYS);
        VBox linked = new VBox(6, links, linksNote);
        VBox.setVgrow(links, Priority.ALWAYS);
        TabPane tabs = new TabPane(tab("Events, newest first", timeline), tab("Linked entities", linked),
                tab("Properties", props));
        tabs.setId("entities-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        VBox shown = new VBox(10, fields, tabs);
        VBox.setVgrow(shown, Priority.ALWAYS);
        shown.visibleProperty().bind(model.detailShownProperty().and(model.detailStatusProperty().isEmpty()));
        shown.managedProperty().bind(shown.visibleProperty());
        VBox box = new VBox(10, none, back, title, status, shown);
        box.setPadding(new Insets(8, 8, 8, 12));
        return box;
    }

    private static Tab tab(String name, Node content) {
        Tab tab = new Tab(name, content);
        if (content instanceof Region r) {
            r.setPadding(new Insets(8, 0, 0, 0));
        }
        return tab;
    }

    /** A small "Load more" button for a paged table, shown only while there is more to read. */
    private static Button loadMore(String text, String id, Command command) {
        Button more = ViewParts.button(text, Feather.CHEVRONS_DOWN, command);
        more.setId(id);
        more.getStyleClass().add(Styles.SMALL);
        more.visibleProperty().bind(command.executableProperty());
        more.managedProperty().bind(more.visibleProperty());
        return more;
    }
}
