package com.headlessanalytics.console.ui.usage;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import com.headlessanalytics.console.ui.common.Command;
import com.headlessanalytics.console.ui.common.DateRangeBar;
import com.headlessanalytics.console.ui.common.ScreenScaffold;
import com.headlessanalytics.console.ui.common.ViewParts;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Usage: the month's quota, totals per endpoint beside a chart of calls per endpoint, and the newest
 * metered calls; each table exports to CSV.
 */
public final class UsageView extends ScreenScaffold {
    private final UsageViewModel model;
    private final StackedBarChart<Number, String> chart;

    public UsageView(UsageViewModel model) {
        super("Usage", model.query());
        this.model = model;
        getStylesheets().add(UsageView.class.getResource("usage.css").toExternalForm());
        Label totalsFor = new Label("Totals for");
        totalsFor.setMinWidth(Region.USE_PREF_SIZE);
        DateRangeBar range = new DateRangeBar(model.rangeProperty());
        ComboBox<Integer> limit = new ComboBox<>();
        limit.setId("usage-limit");
        limit.getItems().setAll(model.limits());
        limit.setConverter(ViewParts.converter(UsageViewModel::limitLabel));
        limit.setValue(model.limitProperty().get());
        limit.valueProperty().addListener((obs, old, n) -> {
            if (n != null) {
                model.limitProperty().set(n);
            }
        });
        limit.setTooltip(new Tooltip("How many of the newest calls the table lists"));
        Button refresh = ViewParts.button("Refresh", Feather.REFRESH_CW, model.refreshCommand());
        refresh.setId("usage-refresh");
        MenuItem exportCalls = menuItem("Calls table…", model.exportCallsCommand());
        exportCalls.setId("usage-export-calls");
        MenuItem exportTotals = menuItem("Totals by endpoint…", model.exportTotalsCommand());
        exportTotals.setId("usage-export-totals");
        MenuButton export = new MenuButton("Export CSV", new FontIcon(Feather.DOWNLOAD), exportCalls, exportTotals);
        export.setId("usage-export");
        export.disableProperty().bind(model.canExportProperty().not());
        for (Region r : new Region[] {export, limit}) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        headerActions(totalsFor, range, limit, refresh, export);

        Label summary = new Label();
        summary.setId("usage-summary");
        summary.textProperty().bind(model.summaryProperty());
        summary.getStyleClass().add(Styles.TEXT_MUTED);

        Label quotaTitle = new Label("Monthly quota");
        quotaTitle.getStyleClass().add(Styles.TITLE_4);
        ProgressBar quota = new ProgressBar();
        quota.setId("usage-quota-bar");
        quota.progressProperty().bind(model.quotaUsedProperty());
        quota.setMaxWidth(Double.MAX_VALUE);
        quota.setAccessibleText("Share of the monthly quota used");
        quota.getStyleClass().add("quota-bar");
        HBox.setHgrow(quota, Priority.ALWAYS);
        model.quotaLevelProperty().addListener((obs, old, level) -> quotaStyle(quota));
        quotaStyle(quota);
        Label quotaText = new Label();
        quotaText.setId("usage-quota");
        quotaText.textProperty().bind(model.quotaTextProperty());
        quotaText.setMinWidth(Region.USE_PREF_SIZE);
        HBox quotaLine = new HBox(12, quotaTitle, quota, quotaText);
        quotaLine.setAlignment(Pos.CENTER_LEFT);
        quotaLine.getStyleClass().add("health-card");
        quotaLine.setPadding(new Insets(10, 14, 10, 14));
        quotaLine.visibleProperty().bind(model.loadedProperty());
        quotaLine.managedProperty().bind(quotaLine.visibleProperty());
        summary(summary, quotaLine);

        TableView<UsageViewModel.TotalRow> totals = totalsTable();
        NumberAxis calls = new NumberAxis();
        calls.setLabel("Calls");
        calls.setForceZeroInRange(true);
        CategoryAxis endpoints = new CategoryAxis();
        chart = new StackedBarChart<>(calls, endpoints);
        chart.setTitle("Calls per endpoint");
        chart.getStyleClass().add("usage-chart");
        chart.setAnimated(false);
        chart.setLegendVisible(true);
        chart.setMinHeight(220);
        chart.setCategoryGap(8);
        chart.visibleProperty().bind(model.chartShownProperty());
        StackPane chartBox = new StackPane(chart);
        SplitPane upper = new SplitPane(titled("Totals by endpoint", totals), chartBox);
        upper.setDividerPositions(0.68);

        TableView<UsageViewModel.CallRow> callsTable = callsTable();
        SplitPane split = new SplitPane(upper, titled("Newest calls", callsTable));
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        body(split);

        model.chart().addListener((ListChangeListener<UsageViewModel.ChartBar>) c -> showChart());
        showChart();
    }

    private static VBox titled(String title, Region content) {
        Label heading = new Label(title);
        heading.getStyleClass().add(Styles.TITLE_4);
        VBox.setVgrow(content, Priority.ALWAYS);
        VBox box = new VBox(6, heading, content);
        box.setPadding(new Insets(8, 8, 4, 0));
        return box;
    }

    /** Calls per endpoint, successful and failed stacked, the busiest endpoints only. */
    private void showChart() {
        XYChart.Series<Number, String> ok = new XYChart.Series<>();
        ok.setName("Succeeded");
        XYChart.Series<Number, String> failed = new XYChart.Series<>();
        failed.setName("Errors (4xx, 5xx)");
        List<UsageViewModel.ChartBar> busiest = List.copyOf(model.chart());
        for (int i = busiest.size() - 1; i >= 0; i--) {
            UsageViewModel.ChartBar t = busiest.get(i);
            ok.getData().add(new XYChart.Data<>(t.succeeded(), t.endpoint()));
            failed.getData().add(new XYChart.Data<>(t.errors(), t.endpoint()));
        }
        ((CategoryAxis) chart.getYAxis()).getCategories().setAll(busiest.reversed().stream()
                .map(UsageViewModel.ChartBar::endpoint).toList());
        chart.getData().setAll(List.of(ok, failed));
    }

    private TableView<UsageViewModel.TotalRow> totalsTable() {
        TableView<UsageViewModel.TotalRow> table = new TableView<>(model.totals());
        table.setId("usage-totals");
        table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        table.getColumns().setAll(List.of(
                text("Endpoint", UsageViewModel.TotalRow::endpoint, 165),
                number("Calls", UsageViewModel.TotalRow::calls, 56),
                number("Errors", UsageViewModel.TotalRow::errors, 68),
                headed(text("Latency", UsageViewModel.TotalRow::latency, 105), "Average / maximum latency"),
                text("Bytes in / out", UsageViewModel.TotalRow::bytes, 120),
                text("Statuses", UsageViewModel.TotalRow::statuses, 130)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setPlaceholder(placeholder());
        return table;
    }

    private TableView<UsageViewModel.CallRow> callsTable() {
        TableView<UsageViewModel.CallRow> table = new TableView<>(model.calls());
        table.setId("usage-calls");
        table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        TableColumn<UsageViewModel.CallRow, Number> status = number("Status", r -> (long) r.status(), 60);
        status.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Number value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty || value == null ? null : value.toString());
                getStyleClass().remove(Styles.DANGER);
                if (!empty && value != null && UsageViewModel.CallRow.failed(value.intValue())) {
                    getStyleClass().add(Styles.DANGER);
                }
            }
        });
        table.getColumns().setAll(List.of(
                text("Time", UsageViewModel.CallRow::time, 130),
                text("Method", UsageViewModel.CallRow::method, 62),
                text("Endpoint", UsageViewModel.CallRow::endpoint, 170),
                status,
                right(text("Latency", UsageViewModel.CallRow::latency, 80)),
                text("Bytes", UsageViewModel.CallRow::bytes, 150),
                text("Key", UsageViewModel.CallRow::keyId, 220)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setPlaceholder(placeholder());
        return table;
    }

    private Label placeholder() {
        Label empty = new Label();
        empty.textProperty().bind(model.placeholderProperty());
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        empty.setWrapText(true);
        empty.setMaxWidth(520);
        return empty;
    }

    /** The quota bar turns amber from the warning level and red once the quota is used up. */
    private void quotaStyle(ProgressBar quota) {
        quota.getStyleClass().removeAll(Styles.WARNING, Styles.DANGER);
        switch (model.quotaLevelProperty().get()) {
            case WARNING -> quota.getStyleClass().add(Styles.WARNING);
            case USED_UP -> quota.getStyleClass().add(Styles.DANGER);
            default -> { }
        }
    }

    private static MenuItem menuItem(String text, Command command) {
        MenuItem item = new MenuItem(text);
        item.setOnAction(e -> command.execute());
        item.disableProperty().bind(command.executableProperty().not());
        return item;
    }

    private static <T> TableColumn<T, String> text(String name, Function<T, String> value, double width) {
        TableColumn<T, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /** A short header that says more in its tooltip. */
    private static <T, V> TableColumn<T, V> headed(TableColumn<T, V> column, String tooltip) {
        Label header = new Label(column.getText());
        header.setTooltip(new Tooltip(tooltip));
        column.setText(null);
        column.setGraphic(header);
        return column;
    }

    private static <T> TableColumn<T, String> right(TableColumn<T, String> column) {
        column.setStyle("-fx-alignment: CENTER-RIGHT;");
        return column;
    }

    private static <T> TableColumn<T, Number> number(String name, Function<T, Long> value, double width) {
        TableColumn<T, Number> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Number n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty || n == null ? null : String.format(Locale.ENGLISH, "%,d", n.longValue()));
            }
        });
        c.setPrefWidth(width);
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        return c;
    }
}
