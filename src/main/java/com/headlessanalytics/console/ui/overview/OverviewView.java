package com.headlessanalytics.console.ui.overview;

import atlantafx.base.theme.Styles;
import com.headlessanalytics.console.ui.common.DateRangeBar;
import com.headlessanalytics.console.ui.common.ScreenScaffold;
import com.headlessanalytics.console.ui.common.ViewParts;
import com.headlessanalytics.console.ui.overview.OverviewViewModel.Figure;
import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
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
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
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
 * newest events. Each tile copies its ViewModel {@link OverviewViewModel.Face} (which changes at
 * most once per refresh) and takes its colours from the theme; a face's state picks the colour.
 */
public final class OverviewView extends ScreenScaffold {
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
        super("Overview", model.query());
        this.model = model;
        getStyleClass().add("overview");
        getStylesheets().add(OverviewView.class.getResource("overview.css").toExternalForm());

        TextField business = new TextField();
        business.setId("overview-business");
        business.setPromptText("Business ID");
        business.setPrefColumnCount(9);
        business.setTooltip(new Tooltip("The business to show; Enter applies it. \"default\" is the workspace's"
                + " default business."));
        business.textProperty().bindBidirectional(model.businessProperty());
        business.setOnAction(e -> model.refreshCommand().execute());
        Label businessLabel = new Label("Business");
        businessLabel.setLabelFor(business);
        businessLabel.setMinWidth(Region.USE_PREF_SIZE);
        DateRangeBar range = new DateRangeBar(model.rangeProperty());
        Button refresh = ViewParts.button("Refresh", Feather.REFRESH_CW, model.refreshCommand());
        refresh.setId("overview-refresh");
        refresh.setTooltip(new Tooltip("Read the figures again now (they refresh every 30 seconds on their own)"));
        HBox businessBox = new HBox(8, businessLabel, business);
        businessBox.setAlignment(Pos.CENTER_LEFT);
        headerActions(businessBox, range, refresh);

        Label period = new Label();
        period.setId("overview-period");
        period.textProperty().bind(model.periodProperty());
        period.getStyleClass().add(Styles.TEXT_MUTED);
        summary(period);

        tiles.put(Figure.HEALTH_SCORE, TileBuilder.create().skinType(Tile.SkinType.GAUGE2).title("Health score")
                .unit(" / 100").minValue(0).maxValue(100).decimals(0).tickLabelDecimals(0).textVisible(false).text("")
                .textSize(Tile.TextSize.BIGGER).animated(false).prefSize(240, 2 * TILE_HEIGHT + 12).build());
        tiles.put(Figure.REVENUE, number("Revenue", "#,##0.00"));
        tiles.put(Figure.ORDERS, number("Orders", "#,##0"));
        tiles.put(Figure.LEADS, number("Leads", "#,##0"));
        tiles.put(Figure.SCANS, number("Scans", "#,##0"));
        tiles.put(Figure.PENDING_APPROVALS, number("Pending approvals", "#,##0"));
        runtimeTile = TileBuilder.create().skinType(Tile.SkinType.TEXT).title("Runtime").description("")
                .descriptionAlignment(Pos.CENTER_LEFT).text("").textVisible(true).animated(false)
                .prefSize(240, TILE_HEIGHT).textSize(Tile.TextSize.BIGGER).build();
        runtimeTile.setId("tile-runtime");
        tiles.forEach((figure, tile) -> {
            tile.setId("tile-" + figure.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            makeDrillable(figure, tile);
        });

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
        componentRows.setId("overview-components");
        VBox actionsCard = card("Next actions", "Consequential actions need an approved decision first.", actionRows);
        actionRows.setId("overview-actions");
        VBox alertsCard = card("Alerts", null, alertRows);
        alertRows.setId("overview-alerts");
        VBox right = new VBox(12, actionsCard, alertsCard);
        HBox.setHgrow(componentsCard, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        componentsCard.setPrefWidth(420);
        right.setPrefWidth(420);
        HBox middle = new HBox(12, componentsCard, right);

        TableView<OverviewViewModel.EventRow> recent = recentEvents();
        VBox recentCard = card("Recent events", "Double-click an event to open it in Events.", recent);

        VBox content = new VBox(12, grid, middle, recentCard);
        content.setPadding(new Insets(0, 6, 12, 0));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(Styles.FLAT);
        body(scroll);

        new ThemeColors(this, p -> {
            palette = p;
            allTiles().forEach(this::paint);
            tiles.forEach((figure, tile) -> show(tile, model.faceProperty(figure).get()));
            showRuntime(model.runtimeFaceProperty().get());
        });
        tiles.forEach((figure, tile) -> {
            model.faceProperty(figure).addListener((obs, old, face) -> show(tile, face));
            show(tile, model.faceProperty(figure).get());
        });
        model.runtimeFaceProperty().addListener((obs, old, face) -> showRuntime(face));
        showRuntime(model.runtimeFaceProperty().get());
        rows(componentRows, model.components(), "No score yet.", OverviewView::component);
        rows(actionRows, model.actions(), "Nothing to do right now.", this::action);
        rows(alertRows, model.alerts(), "No alerts.", OverviewView::alert);
    }

    private static Tile number(String title, String pattern) {
        DecimalFormat format = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(NUMBERS));
        return TileBuilder.create().skinType(Tile.SkinType.NUMBER).prefSize(240, TILE_HEIGHT).title(title).text("")
                .textVisible(true).textSize(Tile.TextSize.BIGGER)
                .decimals(pattern.contains(".") ? 2 : 0).customDecimalFormatEnabled(true).customDecimalFormat(format)
                .animated(false).locale(NUMBERS).build();
    }

    private List<Tile> allTiles() {
        return java.util.stream.Stream.concat(tiles.values().stream(), java.util.stream.Stream.of(runtimeTile)).toList();
    }

    /**
     * Copies a figure's face onto its tile. A face with a state (the score's) colours the gauge's bar
     * and value by it; a gauge without a value shows no needle and no "/ 100".
     */
    private void show(Tile tile, OverviewViewModel.Face face) {
        tile.setValue(face.value());
        tile.setValueVisible(face.valueVisible());
        tile.setText(face.text());
        tile.setTextVisible(face.textVisible());
        tile.setTooltipText(face.tooltip());
        if (palette != null && !face.state().isEmpty()) {
            Color state = stateColor(face.state());
            tile.setBarColor(state);
            tile.setValueColor(state);
            tile.setNeedleColor(face.valueVisible() ? palette.foreground() : Color.TRANSPARENT);
            tile.setUnitColor(face.valueVisible() ? palette.muted() : Color.TRANSPARENT);
        }
    }

    /** Copies the runtime's face onto its tile, the status line coloured by the status. */
    private void showRuntime(OverviewViewModel.Face face) {
        runtimeTile.setDescription(face.description());
        runtimeTile.setText(face.text());
        runtimeTile.setTooltipText(face.tooltip());
        if (palette != null) {
            runtimeTile.setTextColor(stateColor(face.state()));
        }
    }

    /**
     * A click (or Enter) on a tile opens its events (pending approvals: the Approvals screen); when
     * the ViewModel offers choices, a menu picks one.
     */
    private void makeDrillable(Figure figure, Tile tile) {
        tile.setCursor(Cursor.HAND);
        tile.setFocusTraversable(true);
        tile.setAccessibleText(tile.getTitle() + ": " + model.openText(figure));
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
        List<OverviewViewModel.Drill> choices = model.open(figure);
        if (choices.isEmpty()) {
            return;
        }
        ContextMenu menu = new ContextMenu();
        menu.setId("overview-drill-menu");
        for (OverviewViewModel.Drill d : choices) {
            MenuItem item = new MenuItem(d.menuText());
            item.setMnemonicParsing(false);
            item.setDisable(!d.canOpen());
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

    /** A state's colour: good or ok success, fair or degraded warning, poor or fail danger; else muted. */
    private Color stateColor(String state) {
        return switch (state) {
            case "good", "ok" -> palette.success();
            case "fair", "degraded" -> palette.warning();
            case "poor", "fail" -> palette.danger();
            default -> palette.muted();
        };
    }

    /** Fills {@code box} with a node per item, or a muted line when there are none, now and on every change. */
    private static <T> void rows(VBox box, ObservableList<T> items, String empty, Function<T, Node> row) {
        Runnable show = () -> box.getChildren().setAll(items.isEmpty() ? List.of(muted(empty))
                : items.stream().map(row).toList());
        items.addListener((ListChangeListener<T>) c -> show.run());
        show.run();
    }

    private static Node component(OverviewViewModel.Component c) {
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
        ProgressBar bar = new ProgressBar(c.bar());
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.getStyleClass().addAll(Styles.SMALL, "score-bar", c.state());
        bar.setAccessibleText(c.name() + " " + c.scoreText());
        Label explanation = new Label(c.detail());
        explanation.setWrapText(true);
        explanation.getStyleClass().add(Styles.TEXT_MUTED);
        return new VBox(4, line, bar, explanation);
    }

    private Node action(OverviewViewModel.Action a) {
        Label priority = new Label(a.priorityText());
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
        if (a.proposable()) {
            Button propose = new Button("Propose decision…", new FontIcon(Feather.EDIT_3));
            propose.getStyleClass().add(Styles.SMALL);
            propose.setAccessibleText("Propose a decision for " + a.title());
            propose.setTooltip(new Tooltip("Draft the DecisionObject this action needs; it opens in Approvals to be"
                    + " submitted"));
            propose.setOnAction(e -> model.propose(a));
            box.getChildren().add(propose);
        }
        return box;
    }

    /** An alert: its severity (critical, warning, else info) picks the icon and its colour. */
    private static Node alert(OverviewViewModel.Alert a) {
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
        return row;
    }

    private TableView<OverviewViewModel.EventRow> recentEvents() {
        TableView<OverviewViewModel.EventRow> table = ViewParts.table("No events in this period.");
        table.setItems(model.recentEvents());
        table.getColumns().setAll(List.of(
                ViewParts.column("Time", OverviewViewModel.EventRow::time, 130),
                ViewParts.column("Event", OverviewViewModel.EventRow::event, 200),
                ViewParts.column("Actor", OverviewViewModel.EventRow::actor, 160),
                ViewParts.column("Tier", OverviewViewModel.EventRow::trustTier, 60)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setPrefHeight(300);
        table.setMinHeight(200);
        ViewParts.onOpen(table, model::showEvent);
        return table;
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
