package com.headlessanalytics.console.ui.attribution;

import atlantafx.base.theme.Styles;
import com.headlessanalytics.console.api.Attribution;
import com.headlessanalytics.console.ui.common.DateRangeBar;
import com.headlessanalytics.console.ui.common.Formats;
import com.headlessanalytics.console.ui.common.ScreenScaffold;
import com.headlessanalytics.console.ui.common.SuggestingField;
import com.headlessanalytics.console.ui.common.ViewParts;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
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
 * The Attribution screen: the query on top, the totals (the conversions open their events), the
 * credit as a bar chart and a table, and the touchpoint counts per field in tabs.
 */
public final class AttributionView extends ScreenScaffold {
    private final AttributionViewModel model;
    private final CategoryAxis keys = new CategoryAxis();
    private final NumberAxis values = new NumberAxis();
    private final BarChart<Number, String> chart = new BarChart<>(values, keys);

    public AttributionView(AttributionViewModel model) {
        super("Attribution", model.query());
        this.model = model;
        TextField event = SuggestingField.queryField("Conversion event, e.g. order.created", 230,
                model.conversionEventProperty(), model::suggestions, model.runCommand());
        event.setId("attribution-event");
        HBox.setHgrow(event, Priority.SOMETIMES);
        ComboBox<Attribution.Model> attributionModel = new ComboBox<>();
        attributionModel.setId("attribution-model");
        attributionModel.getItems().setAll(Attribution.Model.values());
        attributionModel.setConverter(ViewParts.converter(AttributionViewModel::modelName));
        attributionModel.valueProperty().bindBidirectional(model.modelProperty());
        attributionModel.setTooltip(new Tooltip("How one conversion's credit is split among its touchpoints"));
        ComboBox<Attribution.Field> field = new ComboBox<>();
        field.setId("attribution-group-by");
        field.getItems().setAll(Attribution.Field.values());
        field.setConverter(ViewParts.converter(f -> "By " + f.name().toLowerCase(java.util.Locale.ROOT)));
        field.valueProperty().bindBidirectional(model.groupByProperty());
        field.setMinWidth(Region.USE_PREF_SIZE);
        attributionModel.setMinWidth(150);
        Spinner<Integer> lookback = new Spinner<>(0, 366, 30);
        lookback.setId("attribution-lookback");
        lookback.setEditable(true);
        lookback.setPrefWidth(95);
        lookback.setMinWidth(Region.USE_PREF_SIZE);
        lookback.getValueFactory().valueProperty().bindBidirectional(model.lookbackDaysProperty());
        lookback.setTooltip(new Tooltip("Touchpoints count when at most this many days before the conversion"));
        Label days = new Label("days lookback");
        days.setMinWidth(Region.USE_PREF_SIZE);
        Button apply = ViewParts.button("Apply", Feather.SEARCH, model.runCommand());
        apply.setId("attribution-apply");
        apply.setDefaultButton(true);
        HBox filters = new HBox(8, event, new DateRangeBar(model.rangeProperty()), attributionModel, field, lookback,
                days, apply);
        filters.setAlignment(Pos.CENTER_LEFT);

        Node conversions = ViewParts.stat("Conversions", model.conversionsProperty());
        conversions.setId("attribution-conversions");
        conversions.setCursor(Cursor.HAND);
        Tooltip.install(conversions, new Tooltip("Click to see the conversion events of the period"));
        conversions.setOnMouseClicked(e -> model.showConversions());
        Label hint = new Label("Click Conversions to see those events. Touchpoint tables count the events of the"
                + " period that carry each value.");
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        hint.setWrapText(true);
        HBox.setHgrow(hint, Priority.ALWAYS);
        HBox totals = new HBox(10, conversions, ViewParts.stat("Revenue", model.revenueProperty()),
                ViewParts.stat("Events with a source", model.touchpointsProperty()), hint);
        totals.setAlignment(Pos.CENTER_LEFT);

        controls(filters);
        summary(totals);
        SplitPane split = new SplitPane(creditPane(), touchpointTabs());
        split.setDividerPositions(0.6);
        body(split);
    }

    private Node creditPane() {
        Label title = new Label();
        title.textProperty().bind(model.creditTitleProperty());
        title.getStyleClass().add(Styles.TEXT_BOLD);
        title.setWrapText(true);
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setMinHeight(160);
        chart.setCategoryGap(5);
        chart.setBarGap(0);
        chart.setVerticalZeroLineVisible(false);
        values.setLabel("Credited conversions");
        keys.setTickLabelGap(4);
        values.setMinorTickVisible(false);
        values.setForceZeroInRange(true);
        model.chartCredit().addListener((ListChangeListener<AttributionViewModel.CreditRow>) c -> redraw());
        redraw();
        TableView<AttributionViewModel.CreditRow> table = ViewParts.table("No conversions credited: choose a"
                + " conversion event that happened in the period.");
        table.setId("attribution-credit");
        table.setItems(model.credit());
        table.getColumns().setAll(List.of(
                ViewParts.column("Value", AttributionViewModel.CreditRow::key, 180),
                ViewParts.number("Conversions", AttributionViewModel.CreditRow::conversionsText, 100),
                ViewParts.number("Revenue", AttributionViewModel.CreditRow::revenueText, 110),
                ViewParts.number("Share", AttributionViewModel.CreditRow::shareText, 80)));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button export = ViewParts.exportButton(model.exportCommand(AttributionViewModel.Table.CREDIT));
        export.setId("attribution-export-credit");
        HBox bar = new HBox(8, title, grow, export);
        bar.setAlignment(Pos.CENTER_LEFT);
        SplitPane split = new SplitPane(chart, table);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.58);
        VBox.setVgrow(split, Priority.ALWAYS);
        VBox pane = new VBox(6, bar, split);
        pane.setPadding(new Insets(0, 8, 0, 0));
        return pane;
    }

    private void redraw() {
        List<AttributionViewModel.CreditRow> rows = model.chartCredit();
        XYChart.Series<Number, String> series = new XYChart.Series<>();
        List<String> categories = new ArrayList<>();
        for (int i = rows.size() - 1; i >= 0; i--) {
            AttributionViewModel.CreditRow r = rows.get(i);
            categories.add(r.key());
            XYChart.Data<Number, String> bar = new XYChart.Data<>(r.conversions().doubleValue(), r.key());
            bar.nodeProperty().addListener((obs, old, node) -> {
                if (node != null) {
                    node.setStyle("-fx-bar-fill: -color-accent-emphasis;");
                    Tooltip.install(node, new Tooltip(r.key() + ": " + r.conversionsText() + " conversions, "
                            + r.revenueText() + " revenue (" + r.shareText() + ")"));
                }
            });
            series.getData().add(bar);
        }
        chart.getData().clear();
        keys.getCategories().setAll(categories);
        values.setTickLabelFormatter(ViewParts.converter(n -> Formats.decimal(
                java.math.BigDecimal.valueOf(n.doubleValue()))));
        chart.getData().add(series);
    }

    private Node touchpointTabs() {
        TabPane tabs = new TabPane(
                countTab("Source", model.bySource(), AttributionViewModel.Table.SOURCE),
                countTab("Campaign", model.byCampaign(), AttributionViewModel.Table.CAMPAIGN),
                countTab("Channel", model.byChannel(), AttributionViewModel.Table.CHANNEL),
                countTab("Medium", model.byMedium(), AttributionViewModel.Table.MEDIUM));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Label title = new Label("Touchpoints in the period");
        title.getStyleClass().add(Styles.TEXT_BOLD);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        VBox pane = new VBox(6, title, tabs);
        pane.setPadding(new Insets(4, 0, 0, 8));
        return pane;
    }

    private Tab countTab(String name, ObservableList<AttributionViewModel.CountRow> rows,
                         AttributionViewModel.Table which) {
        TableView<AttributionViewModel.CountRow> table = ViewParts.table("No event of the period carries a "
                + name.toLowerCase(java.util.Locale.ROOT) + ".");
        table.setId("attribution-" + which.name().toLowerCase(java.util.Locale.ROOT));
        table.setItems(rows);
        table.getColumns().setAll(List.of(
                ViewParts.column(name, AttributionViewModel.CountRow::key, 160),
                ViewParts.number("Events", AttributionViewModel.CountRow::countText, 90),
                ViewParts.number("Share", AttributionViewModel.CountRow::shareText, 80)));
        ViewParts.onOpen(table, row -> model.showTouchpoints(which, row.key()));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(8, grow, ViewParts.exportButton(model.exportCommand(which)));
        bar.setPadding(new Insets(8, 0, 6, 0));
        VBox.setVgrow(table, Priority.ALWAYS);
        return new Tab(name, new VBox(bar, table));
    }
}
