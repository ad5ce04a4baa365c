package com.headlessanalytics.console.ui.metrics;

import atlantafx.base.theme.Styles;
import com.headlessanalytics.console.api.Metrics;
import com.headlessanalytics.console.ui.common.DateRangeBar;
import com.headlessanalytics.console.ui.common.Formats;
import com.headlessanalytics.console.ui.common.ScreenScaffold;
import com.headlessanalytics.console.ui.common.SuggestingField;
import com.headlessanalytics.console.ui.common.ViewParts;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * The Metrics screen: the query on top, totals, the series as a line chart (one line per group),
 * and tabs with the series, groups, metric definitions and snapshots. Clicking a point, or
 * double-clicking the chart or a row, opens the events behind it.
 */
public final class MetricsView extends ScreenScaffold {
    private final MetricsViewModel model;
    private final NumberAxis x = new NumberAxis();
    private final NumberAxis y = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(x, y);

    public MetricsView(MetricsViewModel model) {
        super("Metrics", model.query());
        this.model = model;
        Button snapshot = ViewParts.button("Save snapshot", Feather.CAMERA, model.snapshotCommand());
        snapshot.setId("metrics-snapshot");
        snapshot.setTooltip(new Tooltip("Compute the metrics and store each value with this period, for the history"));
        headerActions(snapshot);

        TextField event = SuggestingField.queryField("Event name (empty: every event)", 240, model.eventNameProperty(),
                model::suggestions, model.runCommand());
        event.setId("metrics-event");
        HBox.setHgrow(event, Priority.SOMETIMES);
        ComboBox<Metrics.Interval> interval = new ComboBox<>();
        interval.setId("metrics-interval");
        interval.getItems().setAll(Metrics.Interval.values());
        interval.setConverter(ViewParts.converter(i -> switch (i) {
            case HOUR -> "By hour";
            case DAY -> "By day";
            case WEEK -> "By week";
            case MONTH -> "By month";
        }));
        interval.valueProperty().bindBidirectional(model.intervalProperty());
        interval.setTooltip(new Tooltip("Bucket size of the series; buckets start at UTC boundaries, weeks on Monday"));
        ComboBox<MetricsViewModel.GroupBy> groupBy = new ComboBox<>();
        groupBy.setId("metrics-group-by");
        groupBy.getItems().setAll(MetricsViewModel.GroupBy.values());
        groupBy.valueProperty().bindBidirectional(model.groupByProperty());
        Button apply = ViewParts.button("Apply", Feather.SEARCH, model.runCommand());
        apply.setId("metrics-apply");
        apply.setDefaultButton(true);
        HBox filters = new HBox(8, event, new DateRangeBar(model.rangeProperty()), interval, groupBy, apply);
        filters.setAlignment(Pos.CENTER_LEFT);

        Node events = ViewParts.stat("Events", model.totalEventsProperty());
        events.setId("metrics-total-events");
        Node actors = ViewParts.stat("Unique actors", model.uniqueActorsProperty());
        actors.setId("metrics-unique-actors");
        HBox totals = new HBox(10, events, actors, ViewParts.stat("Revenue", model.revenueProperty()));
        Label hint = new Label("Click a point, or double-click the chart or a row, to see its events.");
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        hint.setWrapText(true);
        Label note = new Label();
        note.textProperty().bind(model.chartNoteProperty());
        note.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        note.setWrapText(true);
        VBox notes = new VBox(2, hint, note);
        notes.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(notes, Priority.ALWAYS);
        totals.getChildren().add(notes);
        totals.setAlignment(Pos.CENTER_LEFT);
        controls(filters);
        summary(totals);

        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setVerticalZeroLineVisible(false);
        chart.setMinHeight(180);
        x.setMinorTickVisible(false);
        x.setAutoRanging(false);
        y.setForceZeroInRange(true);
        y.setMinorTickVisible(false);
        y.setTickLabelFormatter(ViewParts.converter(n -> n.doubleValue() == Math.rint(n.doubleValue())
                ? Formats.count(n.longValue()) : ""));
        chart.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                double value = x.getValueForDisplay(x.sceneToLocal(e.getSceneX(), e.getSceneY()).getX()).doubleValue();
                model.drillBucket((int) Math.round(value));
            }
        });
        model.lines().addListener((ListChangeListener<MetricsViewModel.Line>) c -> redraw());

        TabPane tabs = new TabPane(seriesTab(), groupsTab(), definitionsTab(), snapshotsTab());
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        SplitPane split = new SplitPane(chart, tabs);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.5);
        body(split);
        redraw();
    }

    private void redraw() {
        List<MetricsViewModel.Bucket> buckets = List.copyOf(model.buckets());
        int n = buckets.size();
        x.setLowerBound(-0.5);
        x.setUpperBound(Math.max(0.5, n - 0.5));
        x.setTickUnit(model.axisLabelEvery());
        x.setTickLabelFormatter(ViewParts.converter(v -> model.axisLabel(v.doubleValue())));
        boolean symbols = model.pointsClickable();
        chart.setCreateSymbols(symbols);
        chart.setLegendVisible(model.groupedProperty().get());
        chart.getData().clear();
        for (MetricsViewModel.Line line : model.lines()) {
            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            series.setName(line.name());
            for (int i = 0; i < line.counts().size() && i < n; i++) {
                XYChart.Data<Number, Number> point = new XYChart.Data<>(i, line.counts().get(i));
                if (symbols) {
                    int index = i;
                    String tip = model.pointTip(line, i);
                    point.nodeProperty().addListener((obs, old, node) -> clickable(node, tip,
                            () -> model.drillPoint(line, index)));
                }
                series.getData().add(point);
            }
            chart.getData().add(series);
        }
    }

    private static void clickable(Node node, String tip, Runnable action) {
        if (node == null) {
            return;
        }
        Tooltip.install(node, new Tooltip(tip));
        node.setCursor(Cursor.HAND);
        node.setOnMouseClicked(e -> {
            e.consume();
            action.run();
        });
    }

    private Tab seriesTab() {
        TableView<MetricsViewModel.Bucket> table = ViewParts.table("No buckets: run a query.");
        table.setId("metrics-buckets");
        table.setItems(model.buckets());
        table.getColumns().setAll(List.of(
                ViewParts.column("Bucket (UTC)", MetricsViewModel.Bucket::label, 200),
                ViewParts.number("Events", b -> Formats.count(b.count()), 120)));
        ViewParts.onOpen(table, b -> model.drillBucket(model.buckets().indexOf(b)));
        return tab("Series", table, MetricsViewModel.Table.BUCKETS);
    }

    private Tab groupsTab() {
        TableView<MetricsViewModel.GroupRow> table = ViewParts.table("Choose a grouping to split the events by"
                + " event name, source, campaign, channel or medium.");
        table.setId("metrics-groups");
        table.setItems(model.groups());
        table.getColumns().setAll(List.of(
                ViewParts.column("Group", MetricsViewModel.GroupRow::key, 240),
                ViewParts.number("Events", MetricsViewModel.GroupRow::countText, 110),
                ViewParts.number("Unique actors", MetricsViewModel.GroupRow::actorsText, 120),
                ViewParts.number("Share", MetricsViewModel.GroupRow::shareText, 90)));
        ViewParts.onOpen(table, g -> model.drillGroup(g.key()));
        return tab("Groups", table, MetricsViewModel.Table.GROUPS);
    }

    private Tab definitionsTab() {
        TableView<MetricsViewModel.DefinitionRow> table = ViewParts.table("No metric definitions yet. \"New metric\""
                + " defines a count, a sum of a property or unique actors over one event.");
        table.setId("metrics-definitions");
        table.setItems(model.definitions());
        model.selectedDefinitionProperty().bind(table.getSelectionModel().selectedItemProperty());
        table.getColumns().setAll(List.of(
                ViewParts.column("Name", MetricsViewModel.DefinitionRow::name, 170),
                ViewParts.column("Event", MetricsViewModel.DefinitionRow::event, 160),
                ViewParts.column("Aggregation", MetricsViewModel.DefinitionRow::aggregation, 170),
                ViewParts.number("Value in range", MetricsViewModel.DefinitionRow::valueText, 120),
                ViewParts.column("Description", MetricsViewModel.DefinitionRow::description, 220)));
        ViewParts.onOpen(table, model::editDefinition);
        Button add = ViewParts.button("New metric", Feather.PLUS, model.newDefinitionCommand());
        add.setId("metrics-new-definition");
        add.getStyleClass().add(Styles.SMALL);
        Button edit = ViewParts.button("Edit", Feather.EDIT_2, model.editDefinitionCommand());
        edit.setId("metrics-edit-definition");
        edit.getStyleClass().add(Styles.SMALL);
        Button delete = ViewParts.button("Delete", Feather.TRASH_2, model.deleteDefinitionCommand());
        delete.setId("metrics-delete-definition");
        delete.getStyleClass().addAll(Styles.SMALL, Styles.DANGER);
        Label unavailable = ViewParts.notice(model.definitionChanges().unavailableProperty());
        unavailable.setId("metrics-definitions-unavailable");
        return tab("Definitions", table, MetricsViewModel.Table.DEFINITIONS, add, edit, delete, unavailable);
    }

    private Tab snapshotsTab() {
        TableView<MetricsViewModel.SnapshotRow> table = ViewParts.table("No snapshots yet. \"Save snapshot\" stores"
                + " the current values with their period.");
        table.setId("metrics-snapshots");
        table.setItems(model.snapshots());
        table.getColumns().setAll(List.of(
                ViewParts.column("Saved", MetricsViewModel.SnapshotRow::computedAt, 150),
                ViewParts.column("Metric", MetricsViewModel.SnapshotRow::metric, 170),
                ViewParts.number("Value", MetricsViewModel.SnapshotRow::valueText, 120),
                ViewParts.column("Period", MetricsViewModel.SnapshotRow::period, 300)));
        return tab("Snapshots", table, MetricsViewModel.Table.SNAPSHOTS);
    }

    private Tab tab(String name, TableView<?> table, MetricsViewModel.Table which, Node... actions) {
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(8);
        bar.getChildren().addAll(actions);
        Button export = ViewParts.exportButton(model.exportCommand(which));
        export.setId("metrics-export-" + which.name().toLowerCase(java.util.Locale.ROOT));
        bar.getChildren().addAll(grow, export);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 0, 6, 0));
        VBox.setVgrow(table, Priority.ALWAYS);
        Tab tab = new Tab(name, new VBox(bar, table));
        return tab;
    }
}
