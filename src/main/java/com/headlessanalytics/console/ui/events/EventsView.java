package com.headlessanalytics.console.ui.events;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import com.headlessanalytics.console.ui.common.EntityLink;
import com.headlessanalytics.console.ui.common.ScreenScaffold;
import com.headlessanalytics.console.ui.common.SuggestingField;
import com.headlessanalytics.console.ui.common.ViewParts;
import java.util.List;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Events screen: filters on top, the event table, and the selected envelope beside it. The
 * table is virtualised; rows near its end ask the model for the next page. The header sends a test
 * event and exports the filtered events to CSV (the ViewModel asks where).
 */
public final class EventsView extends ScreenScaffold {

    public EventsView(EventsViewModel model) {
        super("Events", model.query());
        ToggleSwitch live = new ToggleSwitch("Live");
        live.setId("events-live");
        live.selectedProperty().bindBidirectional(model.liveProperty());
        live.setMinWidth(Region.USE_PREF_SIZE);
        Button sendTest = ViewParts.button("Send test event", Feather.SEND, model.sendTestEventCommand());
        sendTest.setId("events-send-test");
        sendTest.setTooltip(new Tooltip("Send one event to this workspace to check the pipeline"));
        Button export = ViewParts.button("Export CSV", Feather.DOWNLOAD, model.exportCommand());
        export.setId("events-export");
        export.setTooltip(new Tooltip("Write every event matching the filters to a CSV file, newest first"));
        Button cancelExport = ViewParts.button("Cancel export", Feather.X, model.cancelExportCommand());
        cancelExport.getStyleClass().add(Styles.FLAT);
        cancelExport.visibleProperty().bind(model.exportingProperty());
        cancelExport.managedProperty().bind(cancelExport.visibleProperty());
        headerActions(live, sendTest, export, cancelExport);

        TextField event = field("events-event", "Event name, e.g. order.created", model.eventFilterProperty(), 200);
        HBox.setHgrow(event, Priority.ALWAYS);
        SuggestingField.attach(event, model::suggestions, model::apply);
        TextField trace = field("events-trace", "Trace ID", model.traceFilterProperty(), 120);
        TextField actor = field("events-actor", "Actor", model.actorFilterProperty(), 110);
        TextField business = field("events-business", "Business", model.businessFilterProperty(), 100);
        DatePicker from = new DatePicker();
        from.setPromptText("From");
        from.setPrefWidth(125);
        from.valueProperty().bindBidirectional(model.fromDateProperty());
        DatePicker to = new DatePicker();
        to.setPromptText("To");
        to.setPrefWidth(125);
        to.valueProperty().bindBidirectional(model.toDateProperty());
        Button apply = ViewParts.button("Apply", Feather.SEARCH, model.applyCommand());
        apply.setId("events-apply");
        apply.setDefaultButton(true);
        Button clear = ViewParts.button("Clear", null, model.clearCommand());
        clear.getStyleClass().add(Styles.FLAT);
        for (TextField f : new TextField[] {event, trace, actor, business}) {
            f.setOnAction(e -> model.applyCommand().execute());
        }
        HBox filters = new HBox(8, event, trace, actor, business, from, to, apply, clear);
        filters.setAlignment(Pos.CENTER_LEFT);
        controls(filters);

        Label exact = new Label();
        exact.textProperty().bind(model.exactRangeProperty());
        exact.getStyleClass().add(Styles.ACCENT);
        exact.visibleProperty().bind(model.exactRangeShownProperty());
        exact.managedProperty().bind(exact.visibleProperty());
        summary(exact);

        TableView<EventsViewModel.Row> table = ViewParts.table(
                "No events yet. Send some to serve mode, ingest a file, or load the demo workspace.");
        table.setId("events-table");
        table.setItems(model.rows());
        table.getColumns().setAll(List.of(
                ViewParts.column("Time", EventsViewModel.Row::time, 125),
                ViewParts.column("Event", EventsViewModel.Row::name, 165),
                ViewParts.column("Actor", EventsViewModel.Row::actor, 90),
                ViewParts.column("Business", EventsViewModel.Row::business, 85),
                ViewParts.column("Channel", EventsViewModel.Row::channel, 85),
                ViewParts.column("Tier", EventsViewModel.Row::tier, 50),
                ViewParts.column("Trace", EventsViewModel.Row::trace, 80),
                ViewParts.column("Plan", EventsViewModel.Row::plan, 45)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> model.selectedProperty().set(row));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(EventsViewModel.Row item, boolean empty) {
                super.updateItem(item, empty);
                if (!empty) {
                    model.rowShown(getIndex());
                }
            }
        });

        TextArea detail = new TextArea();
        detail.setId("events-envelope");
        detail.setEditable(false);
        detail.getStyleClass().add("mono");
        detail.textProperty().bind(model.detailProperty());
        detail.setPromptText("Select an event to see its envelope.");
        Button copy = ViewParts.button("Copy JSON", Feather.COPY, model.copyEnvelopeCommand());
        copy.setId("events-copy-json");
        copy.getStyleClass().add(Styles.FLAT);
        copy.setTooltip(new Tooltip("Copy the envelope to the clipboard"));
        MenuButton entity = new MenuButton("Entity", new FontIcon(Feather.SHARE_2));
        entity.setId("events-open-entity");
        entity.getStyleClass().add(Styles.FLAT);
        entity.setMinWidth(Region.USE_PREF_SIZE);
        entity.setTooltip(new Tooltip("Open the Entities screen on this event's actor, object or entity"
                + " (those with a type and an id)"));
        entity.disableProperty().bind(model.canOpenEntityProperty().not());
        model.entityLinks().addListener((ListChangeListener<EntityLink>) c -> entity.getItems().setAll(
                model.entityLinks().stream().map(link -> {
                    MenuItem item = new MenuItem("Open " + link.label());
                    item.setOnAction(e -> model.openEntity(link));
                    return item;
                }).toList()));
        Label detailTitle = new Label("Envelope");
        detailTitle.getStyleClass().add(Styles.TITLE_4);
        detailTitle.setMinWidth(Region.USE_PREF_SIZE);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox detailHeader = new HBox(8, detailTitle, grow, entity, copy);
        detailHeader.setAlignment(Pos.CENTER_LEFT);
        VBox.setVgrow(detail, Priority.ALWAYS);
        Label warnings = new Label();
        warnings.setId("events-warnings");
        warnings.textProperty().bind(model.warningsProperty());
        warnings.getStyleClass().add(Styles.WARNING);
        warnings.setWrapText(true);
        warnings.visibleProperty().bind(model.warningsProperty().isNotEmpty());
        warnings.managedProperty().bind(warnings.visibleProperty());
        VBox detailPane = new VBox(8, detailHeader, warnings, detail);
        detailPane.setPadding(new Insets(0, 0, 0, 12));

        SplitPane split = new SplitPane(table, detailPane);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.72);
        body(split);
    }

    private static TextField field(String id, String prompt, StringProperty property, double width) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefWidth(width);
        f.textProperty().bindBidirectional(property);
        return f;
    }
}
