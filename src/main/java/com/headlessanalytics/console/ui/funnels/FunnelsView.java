package com.headlessanalytics.console.ui.funnels;

import atlantafx.base.theme.Styles;
import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.ui.common.Command;
import com.headlessanalytics.console.ui.common.DateRangeBar;
import com.headlessanalytics.console.ui.common.ScreenScaffold;
import com.headlessanalytics.console.ui.common.SuggestingField;
import com.headlessanalytics.console.ui.common.ViewParts;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Funnels screen: the builder on the left (steps, mode, window, range, breakdown, saved
 * funnels), the funnel chart on the right, and below it the steps and breakdown tables beside the
 * actors of the step picked in the chart. What can be done when is the ViewModel's: every button
 * is bound to one of its commands.
 */
public final class FunnelsView extends ScreenScaffold {
    private final FunnelsViewModel model;
    private final FunnelBuilder builder;
    private final FunnelActorPager pager;
    private final VBox stepRows = new VBox(6);
    private final FunnelChart chart;

    public FunnelsView(FunnelsViewModel model) {
        super("Funnels", model.query());
        this.model = model;
        this.builder = model.builder();
        this.pager = model.pager();
        chart = new FunnelChart((step, outcome) -> pager.show(step, outcome, null));
        InvalidationListener redraw = o -> chart.show(List.copyOf(builder.results()), pager::picked);
        builder.results().addListener(redraw);
        pager.selectedStepProperty().addListener(redraw);
        pager.selectedOutcomeProperty().addListener(redraw);
        redraw.invalidated(null);

        SplitPane split = new SplitPane(builder(), results());
        split.setDividerPositions(0.31);
        SplitPane.setResizableWithParent(split.getItems().get(0), false);
        body(split);
    }

    private Node builder() {
        Label stepsTitle = new Label("Steps");
        stepsTitle.getStyleClass().add(Styles.TITLE_4);
        builder.steps().addListener((ListChangeListener<FunnelBuilder.StepDraft>) c -> rebuildSteps());
        rebuildSteps();
        Button add = small("Add step", Feather.PLUS, builder.addStepCommand());
        add.getStyleClass().add(Styles.FLAT);
        add.setId("funnel-add-step");

        ComboBox<Funnels.Mode> mode = new ComboBox<>();
        mode.getItems().setAll(Funnels.Mode.values());
        mode.setConverter(ViewParts.converter(m -> switch (m) {
            case ORDERED -> "Ordered";
            case STRICT -> "Strict order";
            case ANY_ORDER -> "Any order";
        }));
        mode.setTooltip(new Tooltip("Ordered: steps in order, other events may come between.\n"
                + "Strict order: steps in order with no other event of the actor between.\n"
                + "Any order: after step 1, steps 2…k in any order."));
        mode.valueProperty().bindBidirectional(builder.modeProperty());
        mode.setMaxWidth(Double.MAX_VALUE);
        Spinner<Integer> window = new Spinner<>(1, 100_000, 14);
        window.setEditable(true);
        window.setPrefWidth(100);
        window.getValueFactory().valueProperty().bindBidirectional(builder.windowValueProperty());
        ComboBox<FunnelBuilder.WindowUnit> unit = new ComboBox<>();
        unit.getItems().setAll(FunnelBuilder.WindowUnit.values());
        unit.valueProperty().bindBidirectional(builder.windowUnitProperty());
        HBox windowRow = new HBox(6, window, unit);
        windowRow.setAlignment(Pos.CENTER_LEFT);
        ComboBox<FunnelBuilder.Breakdown> breakdown = new ComboBox<>();
        breakdown.getItems().setAll(FunnelBuilder.Breakdown.values());
        breakdown.valueProperty().bindBidirectional(builder.breakdownProperty());
        TextField path = new TextField();
        path.setPromptText("e.g. properties.plan");
        path.textProperty().bindBidirectional(builder.breakdownPathProperty());
        path.visibleProperty().bind(builder.breakdownProperty().isEqualTo(FunnelBuilder.Breakdown.PATH));
        path.managedProperty().bind(path.visibleProperty());
        HBox.setHgrow(path, Priority.ALWAYS);
        HBox breakdownRow = new HBox(6, breakdown, path);

        Button run = ViewParts.button("Run funnel", Feather.PLAY, builder.runCommand());
        run.getStyleClass().add(Styles.ACCENT);
        run.setDefaultButton(true);
        run.setId("funnel-run");

        FunnelLibrary library = model.library();
        ComboBox<SavedFunnel> saved = new ComboBox<>(library.saved());
        saved.setId("funnel-saved");
        saved.setPromptText("Saved funnels");
        saved.setMaxWidth(Double.MAX_VALUE);
        saved.valueProperty().bindBidirectional(library.selectedProperty());
        HBox.setHgrow(saved, Priority.ALWAYS);
        HBox savedRow = new HBox(6, saved, small("Open", Feather.FOLDER, library.openCommand()),
                small("Delete", Feather.TRASH_2, library.deleteCommand()));
        savedRow.setAlignment(Pos.CENTER_LEFT);
        Button save = small("Save", Feather.SAVE, library.saveCommand());
        save.setTooltip(new Tooltip("Save under the name this funnel was opened or saved with"));
        Button saveAs = small("Save as…", Feather.SAVE, library.saveAsCommand());
        saveAs.setId("funnel-save-as");
        Label savedName = new Label();
        savedName.textProperty().bind(library.savedNameProperty());
        savedName.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        HBox saveRow = new HBox(6, save, saveAs, savedName);
        saveRow.setAlignment(Pos.CENTER_LEFT);

        VBox box = new VBox(8, stepsTitle, stepRows, add,
                caption("Mode"), mode, caption("Conversion window (from step 1)"), windowRow,
                caption("Date range (when step 1 happened)"),
                new DateRangeBar(builder.rangeProperty()),
                caption("Breakdown (read on step 1)"), breakdownRow, run,
                caption("Saved funnels"), savedRow, saveRow);
        box.setPadding(new Insets(0, 12, 12, 0));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(Styles.FLAT);
        scroll.setMinWidth(300);
        scroll.setPrefWidth(320);
        return scroll;
    }

    private void rebuildSteps() {
        List<Node> rows = new ArrayList<>();
        List<FunnelBuilder.StepDraft> steps = builder.steps();
        for (int i = 0; i < steps.size(); i++) {
            FunnelBuilder.StepDraft s = steps.get(i);
            Label number = new Label((i + 1) + ".");
            number.getStyleClass().add(Styles.TEXT_BOLD);
            number.setMinWidth(22);
            TextField event = new TextField();
            event.setId("funnel-step-" + (i + 1));
            event.setPromptText("Event, e.g. order.created");
            event.textProperty().bindBidirectional(s.eventProperty());
            SuggestingField.attach(event, model::suggestions, null);
            HBox.setHgrow(event, Priority.ALWAYS);
            HBox line = new HBox(2, number, event, icon(Feather.ARROW_UP, "Move up", s.moveUp()),
                    icon(Feather.ARROW_DOWN, "Move down", s.moveDown()),
                    icon(Feather.X, "Remove this step", s.remove()));
            line.setAlignment(Pos.CENTER_LEFT);
            TextField name = new TextField();
            name.setPromptText("Name (optional)");
            name.textProperty().bindBidirectional(s.nameProperty());
            name.getStyleClass().add(Styles.SMALL);
            VBox.setMargin(name, new Insets(0, 0, 0, 26));
            Label error = ViewParts.error(s.errorProperty());
            VBox.setMargin(error, new Insets(0, 0, 0, 26));
            rows.add(new VBox(3, line, name, error));
        }
        stepRows.getChildren().setAll(rows);
    }

    private Node results() {
        Label summary = new Label();
        summary.setId("funnel-summary");
        summary.textProperty().bind(builder.summaryProperty());
        summary.getStyleClass().add(Styles.TITLE_4);
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        Label hint = new Label("Click a bar for who reached the step, or a drop-off for who left before it.");
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        VBox.setVgrow(chart, Priority.ALWAYS);
        VBox top = new VBox(6, summary, hint, chart);
        top.setPadding(new Insets(0, 0, 8, 12));

        Tab actors = new Tab("Actors", actorsPane());
        Tab steps = stepsTab();
        TabPane tabs = new TabPane(actors, steps, breakdownTab());
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        pager.selectedStepProperty().addListener((obs, old, step) -> {
            if (step != null) {
                tabs.getSelectionModel().select(actors);
            }
        });
        VBox.setVgrow(tabs, Priority.ALWAYS);
        VBox bottom = new VBox(tabs);
        bottom.setPadding(new Insets(0, 0, 0, 12));
        SplitPane right = new SplitPane(top, bottom);
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.55);
        return right;
    }

    private Tab stepsTab() {
        TableView<FunnelBuilder.StepRow> table = ViewParts.table("Run a funnel to see its steps.");
        table.setId("funnel-steps");
        table.setItems(builder.results());
        table.getColumns().setAll(List.of(
                ViewParts.column("Step", r -> r.step() + ". " + r.label(), 150),
                ViewParts.number("Actors", FunnelBuilder.StepRow::countText, 80),
                ViewParts.number("Of step 1", FunnelBuilder.StepRow::fromStartText, 80),
                ViewParts.number("Of previous", FunnelBuilder.StepRow::fromPreviousText, 90),
                ViewParts.number("Dropped", FunnelBuilder.StepRow::dropOffText, 80),
                ViewParts.number("Median time", FunnelBuilder.StepRow::medianText, 100)));
        ViewParts.onOpen(table, r -> pager.showStep(r.step()));
        Tab tab = tab("Steps", table, builder.exportSteps());
        tab.setId("funnel-steps-tab");
        return tab;
    }

    private Tab breakdownTab() {
        TableView<FunnelBuilder.BreakdownRow> table = ViewParts.table("Choose a breakdown to split the funnel by"
                + " source, campaign, channel, medium or any property of step 1.");
        table.setItems(builder.breakdownRows());
        builder.breakdownSteps().addListener((ListChangeListener<String>) c -> breakdownColumns(table));
        breakdownColumns(table);
        ViewParts.onOpen(table, r -> pager.showBreakdown(r.value()));
        return tab("Breakdown", table, builder.exportBreakdown());
    }

    private void breakdownColumns(TableView<FunnelBuilder.BreakdownRow> table) {
        List<TableColumn<FunnelBuilder.BreakdownRow, ?>> columns = new ArrayList<>();
        columns.add(ViewParts.column("Value", FunnelBuilder.BreakdownRow::value, 140));
        List<String> steps = List.copyOf(builder.breakdownSteps());
        for (int i = 0; i < steps.size(); i++) {
            int index = i;
            columns.add(ViewParts.number((i + 1) + ". " + steps.get(i),
                    r -> r.countText(index), 90));
        }
        columns.add(ViewParts.number("Conversion", FunnelBuilder.BreakdownRow::conversionText, 90));
        table.getColumns().setAll(columns);
    }

    private Node actorsPane() {
        Label title = new Label();
        title.setId("funnel-actors-title");
        title.textProperty().bind(pager.headingProperty());
        title.getStyleClass().add(Styles.TEXT_BOLD);
        title.setMinWidth(0);
        TableView<FunnelActorPager.ActorRow> table = ViewParts.table("Click a bar or a drop-off in the chart to list"
                + " its actors; double-click an actor to open their events.");
        table.setId("funnel-actors");
        table.setItems(pager.actors());
        table.getColumns().setAll(List.of(
                ViewParts.column("Actor", FunnelActorPager.ActorRow::actor, 200),
                ViewParts.number("Steps", a -> Integer.toString(a.level()), 70),
                ViewParts.column("Entered (step 1)", FunnelActorPager.ActorRow::entered, 170),
                ViewParts.column("Last step taken", FunnelActorPager.ActorRow::lastStep, 170)));
        ViewParts.onOpen(table, pager::openActorEvents);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, a) ->
                pager.selectedActorProperty().set(a));
        VBox.setVgrow(table, Priority.ALWAYS);
        Button more = small("Load more actors", Feather.CHEVRONS_DOWN, pager.loadMoreCommand());
        more.visibleProperty().bind(pager.hasMoreProperty());
        more.managedProperty().bind(more.visibleProperty());
        Button events = small("Open events", Feather.LIST, pager.openEventsCommand());
        events.setTooltip(new Tooltip("Show the selected actor's events in the window of their attempt"));
        Button entity = small("Open entity", Feather.SHARE_2, pager.openEntityCommand());
        entity.setId("funnel-open-entity");
        entity.setTooltip(new Tooltip("Search the Entities screen for the selected actor's id"));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button export = ViewParts.exportButton(pager.exportCommand());
        export.setId("funnel-export-actors");
        HBox heading = new HBox(8, title, grow, events, entity, export);
        heading.setAlignment(Pos.CENTER_LEFT);
        HBox footer = new HBox(more);
        footer.setAlignment(Pos.CENTER);
        footer.managedProperty().bind(more.visibleProperty());
        footer.visibleProperty().bind(more.visibleProperty());
        VBox pane = new VBox(6, heading, ViewParts.error(pager.errorProperty()), table, footer);
        pane.setPadding(new Insets(8, 0, 0, 0));
        return pane;
    }

    private static Tab tab(String name, TableView<?> table, Command export) {
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(8, grow, ViewParts.exportButton(export));
        bar.setPadding(new Insets(8, 0, 6, 0));
        VBox.setVgrow(table, Priority.ALWAYS);
        return new Tab(name, new VBox(bar, table));
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        VBox.setMargin(l, new Insets(6, 0, 0, 0));
        return l;
    }

    private static Button small(String text, Feather icon, Command command) {
        Button b = ViewParts.button(text, icon, command);
        b.getStyleClass().add(Styles.SMALL);
        return b;
    }

    private static Button icon(Feather icon, String tip, Command command) {
        FontIcon graphic = new FontIcon(icon);
        graphic.setIconSize(14);
        Button b = ViewParts.bind(new Button(null, graphic), command);
        b.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
        b.setMinSize(26, 26);
        b.setPrefSize(26, 26);
        b.setTooltip(new Tooltip(tip));
        return b;
    }
}
