package com.headlessanalytics.console.ui.overview;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import com.headlessanalytics.console.api.RuntimeHealth;
import com.headlessanalytics.console.ui.common.DateRangeBar;
import com.headlessanalytics.console.ui.overview.OverviewViewModel.Figure;
import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Side;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Overview: TilesFX tiles for the health score and the business's counts (each a drill-down to
 * its events), the runtime's readiness, the score's components, next actions, alerts and the
 * newest events. Tiles take their colours from the theme and are updated only for figures that
 * changed, at most once per refresh.
 */
public final class OverviewView extends BorderPane {
    private static final double TILE_HEIGHT = 150;
    private static final Locale NUMBERS = Locale.ENGLISH;

    private final OverviewViewModel model;
    private final Map<Figure, Tile> tiles = new EnumMap<>(Figure.class);
    private final Tile runtimeTile;
    private final VBox componentRows = new VBox(10);
    private final VBox actionRows = new VBox(10);
    private final VBox alertRows = new VBox(8);
    private ThemeColors.Palette palette;

    public OverviewView(OverviewViewModel model) {
        this.model = model;
        getStyleClass().addAll("screen", "overview");
        getStylesheets().add(OverviewView.class.getResource("overview.css").toExternalForm());

        Label title = new Label("Overview");
        title.getStyleClass().add(Styles.TITLE_2);
        TextField business = new TextField();
        business.setPromptText("Business ID");
        business.setPrefColumnCount(9);
        business.setTooltip(new Tooltip("The business to show; Enter applies it. \"default\" is the workspace's"
                + " default business."));
        business.textProperty().bindBidirectional(model.businessProperty());
        business.setOnAction(e -> model.refresh());
        Label businessLabel = new Label("Business");
        businessLabel.setLabelFor(business);
        DateRangeBar range = new DateRangeBar(model.rangeProperty());
        Label updated = new Label();
        updated.textProperty().bind(model.updatedProperty());
        updated.getStyleClass().add(Styles.TEXT_MUTED);
        updated.setMinWidth(Region.USE_PREF_SIZE);
        Button refresh = new Button("Refresh", new FontIcon(Feather.REFRESH_CW));
        refresh.setMinWidth(Region.USE_PREF_SIZE);
        refresh.setTooltip(new Tooltip("Read the figures again now (they refresh every 30 seconds on their own)"));
        refresh.disableProperty().bind(model.refreshingProperty());
        refresh.setOnAction(e -> model.refresh());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox header = new HBox(10, title, grow, businessLabel, business, range, updated, refresh);
        header.setAlignment(Pos.CENTER_LEFT);

        Label period = new Label();
        period.textProperty().bind(model.periodProperty());
        period.getStyleClass().add(Styles.TEXT_MUTED);
        Label error = new Label();
        error.textProperty().bind(model.errorProperty());
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        VBox top = new VBox(6, header, period, error);
        top.setPadding(new Insets(0, 0, 14, 0));
        setTop(top);

        tiles.put(Figure.HEALTH_SCORE, TileBuilder.create().skinType(Tile.SkinType.GAUGE2).title("Health score")
                .unit(" / 100").minValue(0).maxValue(100).decimals(0).tickLabelDecimals(0).textVisible(false).text("")
                .textSize(Tile.TextSize.BIGGER).animated(false).prefSize(240, 2 * TILE_HEIGHT + 12).build());
        tiles.put(Figure.REVENUE, number("Revenue", "order and payment events", "#,##0.00"));
        tiles.put(Figure.ORDERS, number("Orders", "order.created", "#,##0"));
        tiles.put(Figure.LEADS, number("Leads", "lead.* events", "#,##0"));
        tiles.put(Figure.SCANS, number("Scans", "scans, QR and trackable events", "#,##0"));
        tiles.put(Figure.PENDING_APPROVALS, number("Pending approvals", "decisions awaiting a person", "#,##0"));
        runtimeTile = TileBuilder.create().skinType(Tile.SkinType.TEXT).title("Runtime").description("Checking…")
                .descriptionAlignment(Pos.CENTER_LEFT).text("GET /api/health").textVisible(true).animated(false)
                .prefSize(240, TILE_HEIGHT).textSize(Tile.TextSize.BIGGER).build();
        tiles.forEach(this::makeDrillable);

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(12);
        for (int c = 0; c < 4; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(25);
            cc.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(cc);
        }
        grid.add(tiles.get(Figure.HEALTH_SCORE), 0, 0, 1, 2);
        grid.add(tiles.get(Figure.REVENUE), 1, 0);
        grid.add(tiles.get(Figure.ORDERS), 2, 0);
        grid.add(tiles.get(Figure.LEADS), 3, 0);
        grid.add(tiles.get(Figure.SCANS), 1, 1);
        grid.add(tiles.get(Figure.PENDING_APPROVALS), 2, 1);
        grid.add(runtimeTile, 3, 1);
        for (Tile t : allTiles()) {
            t.setMinSize(150, t.getPrefHeight());
            t.setMaxSize(Double.MAX_VALUE, t.getPrefHeight());
            GridPane.setHgrow(t, Priority.ALWAYS);
            GridPane.setFillWidth(t, true);
        }

        VBox componentsCard = card("Health score components", "Each component scores 0–100; the score is their"
                + " weighted mean over the components that have data.", componentRows);
        VBox actionsCard = card("Next actions", "Consequential actions need an approved decision first.", actionRows);
        VBox alertsCard = card("Alerts", null, alertRows);
        VBox right = new VBox(12, actionsCard, alertsCard);
        HBox.setHgrow(componentsCard, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        componentsCard.setPrefWidth(420);
        right.setPrefWidth(420);
        HBox middle = new HBox(12, componentsCard, right);

        TableView<OverviewViewModel.EventRow> recent = recentEvents();
        VBox recentCard = card("Recent events", "Double-click an event to open it in Events.", recent);

        VBox body = new VBox(12, grid, middle, recentCard);
        body.setPadding(new Insets(0, 6, 12, 0));
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(Styles.FLAT);
        setCenter(scroll);

        new ThemeColors(this, p -> {
            palette = p;
            allTiles().forEach(this::paint);
            paintScore();
            paintRuntime();
        });
        model.figuresProperty().addListener((obs, old, now) -> showFigures(old, now));
        model.runtimeProperty().addListener((obs, old, now) -> paintRuntime());
        model.components().addListener((ListChangeListener<OverviewViewModel.Component>) c -> showComponents());
        model.actions().addListener((ListChangeListener<OverviewViewModel.Action>) c -> showActions());
        model.alerts().addListener((ListChangeListener<OverviewViewModel.Alert>) c -> showAlerts());
        showFigures(null, model.figuresProperty().get());
        showComponents();
        showActions();
        showAlerts();
    }

    private static Tile number(String title, String text, String pattern) {
        DecimalFormat format = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(NUMBERS));
        return TileBuilder.create().skinType(Tile.SkinType.NUMBER).prefSize(240, TILE_HEIGHT).title(title).text(text)
                .textVisible(true).textSize(Tile.TextSize.BIGGER)
                .decimals(pattern.contains(".") ? 2 : 0).customDecimalFormatEnabled(true).customDecimalFormat(format)
                .animated(false).locale(NUMBERS).build();
    }

    private List<Tile> allTiles() {
        return java.util.stream.Stream.concat(tiles.values().stream(), java.util.stream.Stream.of(runtimeTile)).toList();
    }

    /** Updates only the tiles whose figure changed. */
    private void showFigures(OverviewViewModel.Figures old, OverviewViewModel.Figures now) {
        Set<Figure> changed = OverviewViewModel.changed(old, now);
        for (Figure f : changed) {
            Tile t = tiles.get(f);
            String missing = now == null ? null : now.missing(f);
            t.setValue(now == null ? 0 : now.value(f));
            t.setValueVisible(now != null && missing == null);
            String hint = missing != null ? missing : f == Figure.PENDING_APPROVALS ? "decisions awaiting a person"
                    : now == null ? OverviewViewModel.NO_DATA : "click for the events";
            t.setText(hint);
            if (f == Figure.HEALTH_SCORE) {
                t.setTextVisible(missing != null);
            }
            t.setTooltipText(tooltip(f, now));
        }
        if (changed.contains(Figure.HEALTH_SCORE)) {
            paintScore();
        }
    }

    private String tooltip(Figure f, OverviewViewModel.Figures now) {
        if (now == null) {
            return "";
        }
        if (now.missing(f) != null) {
            return f == Figure.HEALTH_SCORE ? "No data: none of the score's components had anything to measure in the"
                    + " period; the components below say why"
                    : "Governance (DecisionObjects and their approvals) is not set up for this workspace yet";
        }
        return switch (f) {
            case HEALTH_SCORE -> String.format(NUMBERS, "%d of 100 (%s) over %,d events; click to open them",
                    now.healthScore(), now.healthLabel(), now.totalEvents());
            case REVENUE -> "Revenue of order.* and payment.* events: " + now.revenue().toPlainString();
            case PENDING_APPROVALS -> "DecisionObjects waiting for approval; these are not events";
            default -> "Click to open these events";
        };
    }

    /** A click (or Enter) on a tile opens its events; with several event names, a menu picks one. */
    private void makeDrillable(Figure figure, Tile tile) {
        if (figure == Figure.PENDING_APPROVALS) {
            return;
        }
        tile.setCursor(Cursor.HAND);
        tile.setFocusTraversable(true);
        tile.setAccessibleText(tile.getTitle() + ": open its events");
        tile.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                drill(figure, tile);
            }
        });
        tile.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
                drill(figure, tile);
                e.consume();
            }
        });
    }

    private void drill(Figure figure, Tile tile) {
        List<OverviewViewModel.Drill> drills = model.drills(figure);
        if (drills.size() == 1) {
            model.drillDown(drills.get(0));
            return;
        }
        ContextMenu menu = new ContextMenu();
        if (drills.isEmpty()) {
            MenuItem none = new MenuItem("No events of this kind in the period");
            none.setDisable(true);
            menu.getItems().add(none);
        }
        for (OverviewViewModel.Drill d : drills) {
            MenuItem item = new MenuItem("Open " + d.label());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> model.drillDown(d));
            menu.getItems().add(item);
        }
        menu.show(tile, Side.BOTTOM, 0, -tile.getHeight() / 3);
    }

    private void paint(Tile t) {
        if (palette == null) {
            return;
        }
        t.setBackgroundColor(palette.background());
        t.setBorderColor(palette.border());
        t.setBorderWidth(1);
        t.setTitleColor(palette.muted());
        t.setTextColor(palette.muted());
        t.setUnitColor(palette.muted());
        t.setValueColor(palette.foreground());
        t.setDescriptionColor(palette.foreground());
        t.setForegroundColor(palette.foreground());
        t.setNeedleColor(palette.foreground());
        t.setBarBackgroundColor(palette.track());
        t.setBarColor(palette.accent());
    }

    /**
     * The gauge's colour follows the score's band (the ViewModel's state: good, fair, poor); without
     * a score the gauge shows no needle and no "/ 100", only "no data".
     */
    private void paintScore() {
        if (palette == null) {
            return;
        }
        Tile gauge = tiles.get(Figure.HEALTH_SCORE);
        OverviewViewModel.Figures f = model.figuresProperty().get();
        Color state = stateColor(f == null ? "" : f.healthState());
        gauge.setBarColor(state);
        gauge.setValueColor(state);
        boolean noScore = f == null || f.healthScore() == null;
        gauge.setNeedleColor(noScore ? Color.TRANSPARENT : palette.foreground());
        gauge.setUnitColor(noScore ? Color.TRANSPARENT : palette.muted());
    }

    /** A band's colour: good success, fair warning, poor danger; no data muted. */
    private Color stateColor(String state) {
        return switch (state) {
            case "good" -> palette.success();
            case "fair" -> palette.warning();
            case "poor" -> palette.danger();
            default -> palette.muted();
        };
    }

    private void paintRuntime() {
        OverviewViewModel.Runtime r = model.runtimeProperty().get();
        runtimeTile.setDescription(r == null ? "Checking…" : r.summary());
        runtimeTile.setText(r == null ? "GET /api/health" : "status: " + r.status());
        runtimeTile.setTooltipText(r == null ? "" : "Runtime health: " + r.summary() + ". The Runtime health screen"
                + " lists every check.");
        if (palette != null && r != null) {
            runtimeTile.setTextColor(RuntimeHealth.OK.equals(r.status()) ? palette.success()
                    : RuntimeHealth.FAIL.equals(r.status()) ? palette.danger() : palette.warning());
        }
    }

    private void showComponents() {
        if (model.components().isEmpty()) {
            componentRows.getChildren().setAll(muted("No score yet."));
            return;
        }
        componentRows.getChildren().setAll(model.components().stream().map(c -> {
            Label name = new Label(c.name());
            name.getStyleClass().add(Styles.TEXT_BOLD);
            Label weight = new Label("weight " + c.weight());
            weight.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            Region grow = new Region();
            HBox.setHgrow(grow, Priority.ALWAYS);
            Label score = new Label(c.scoreText());
            score.getStyleClass().addAll(Styles.TEXT_BOLD, "score-" + c.state());
            HBox line = new HBox(8, name, weight, grow, score);
            line.setAlignment(Pos.BASELINE_LEFT);
            ProgressBar bar = new ProgressBar(c.score() == null ? 0 : c.score() / 100.0);
            bar.setMaxWidth(Double.MAX_VALUE);
            bar.getStyleClass().addAll(Styles.SMALL, "score-bar", c.state());
            bar.setAccessibleText(c.name() + " " + c.scoreText());
            Label explanation = new Label(c.value().isEmpty() ? c.explanation()
                    : c.value() + (c.explanation().isEmpty() ? "" : " — " + c.explanation()));
            explanation.setWrapText(true);
            explanation.getStyleClass().add(Styles.TEXT_MUTED);
            return (Node) new VBox(4, line, bar, explanation);
        }).toList());
    }

    private void showActions() {
        if (model.actions().isEmpty()) {
            actionRows.getChildren().setAll(muted("Nothing to do right now."));
            return;
        }
        actionRows.getChildren().setAll(model.actions().stream().map(a -> {
            Label priority = new Label(a.priority().isEmpty() ? "—" : a.priority());
            priority.getStyleClass().addAll("tag", "priority-" + a.priority());
            Label title = new Label(a.title());
            title.getStyleClass().add(Styles.TEXT_BOLD);
            title.setWrapText(true);
            HBox line = new HBox(8, priority, title);
            line.setAlignment(Pos.CENTER_LEFT);
            VBox box = new VBox(3, line);
            if (!a.reason().isEmpty()) {
                Label reason = new Label(a.reason());
                reason.setWrapText(true);
                reason.getStyleClass().add(Styles.TEXT_MUTED);
                box.getChildren().add(reason);
            }
            if (a.consequential()) {
                Label decision = new Label(a.decision(), new FontIcon(Feather.LOCK));
                decision.setWrapText(true);
                decision.getStyleClass().add("consequential");
                box.getChildren().add(decision);
            }
            return (Node) box;
        }).toList());
    }

    private void showAlerts() {
        if (model.alerts().isEmpty()) {
            alertRows.getChildren().setAll(muted("No alerts."));
            return;
        }
        alertRows.getChildren().setAll(model.alerts().stream().map(a -> {
            boolean critical = "critical".equals(a.severity());
            boolean warning = "warning".equals(a.severity());
            FontIcon icon = new FontIcon(critical ? Feather.X_OCTAGON : warning ? Feather.ALERT_TRIANGLE : Feather.INFO);
            icon.getStyleClass().add(critical ? Styles.DANGER : warning ? Styles.WARNING : Styles.ACCENT);
            Label message = new Label(a.message());
            message.setWrapText(true);
            HBox.setHgrow(message, Priority.ALWAYS);
            message.setMaxWidth(Double.MAX_VALUE);
            Label time = new Label(a.time());
            time.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            time.setMinWidth(Region.USE_PREF_SIZE);
            HBox row = new HBox(8, icon, message, time);
            row.setAlignment(Pos.TOP_LEFT);
            return (Node) row;
        }).toList());
    }

    private TableView<OverviewViewModel.EventRow> recentEvents() {
        TableView<OverviewViewModel.EventRow> table = new TableView<>(model.recentEvents());
        table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        table.getColumns().setAll(List.of(
                column("Time", OverviewViewModel.EventRow::time, 130),
                column("Event", OverviewViewModel.EventRow::event, 200),
                column("Actor", OverviewViewModel.EventRow::actor, 160),
                column("Tier", OverviewViewModel.EventRow::trustTier, 60)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setPrefHeight(300);
        table.setMinHeight(200);
        Label empty = new Label("No events in this period.");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(empty);
        table.setRowFactory(t -> {
            TableRow<OverviewViewModel.EventRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    model.showEvent(row.getItem());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            OverviewViewModel.EventRow selected = table.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && selected != null) {
                model.showEvent(selected);
            }
        });
        return table;
    }

    private static <T> TableColumn<T, String> column(String name, Function<T, String> value, double width) {
        TableColumn<T, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    private static VBox card(String title, String hint, Node content) {
        Label heading = new Label(title);
        heading.getStyleClass().add(Styles.TITLE_4);
        VBox card = new VBox(8, heading);
        if (hint != null) {
            Label h = new Label(hint);
            h.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            h.setWrapText(true);
            card.getChildren().add(h);
        }
        card.getChildren().add(content);
        VBox.setVgrow(content, Priority.ALWAYS);
        card.getStyleClass().add("overview-card");
        card.setPadding(new Insets(12, 14, 14, 14));
        return card;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        return l;
    }
}
