package com.headlessanalytics.console.ui.funnels;

import atlantafx.base.theme.Styles;
import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.ui.common.DateRangeBar;
import com.headlessanalytics.console.ui.common.Formats;
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
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Funnels screen: the builder on the left (steps, mode, window, range, breakdown, saved
 * funnels), the funnel chart on the right, and below it the steps and breakdown tables beside the
 * actors of the step picked in the chart.
 */
public final class FunnelsView extends BorderPane {
    private final FunnelsViewModel model;
    private final VBox stepRows = new VBox(6);
    private final FunnelChart chart;

    public FunnelsView(FunnelsViewModel model) {
        this.model = model;
        getStyleClass().add("screen");
        Label title = new Label("Funnels");
        title.getStyleClass().add(Styles.TITLE_2);
        Label status = new Label();
        status.textProperty().bind(model.statusProperty());
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.setMinWidth(0);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox header = new HBox(12, title, grow, status);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(0, 0, 12, 0));
        setTop(header);

        chart = new FunnelChart((step, outcome) -> model.showActors(step, outcome, null));
        InvalidationListener redraw = o -> chart.show(List.copyOf(model.results()), model.selectedStepProperty().get(),
                model.selectedOutcomeProperty().get());
        model.results().addListener(redraw);
        model.selectedStepProperty().addListener(redraw);
        model.selectedOutcomeProperty().addListener(redraw);
        redraw.invalidated(null);

        SplitPane split = new SplitPane(builder(), results());
        split.setDividerPositions(0.31);
        SplitPane.setResizableWithParent(split.getItems().get(0), false);
        setCenter(split);
    }

    private Node builder() {
        Label stepsTitle = new Label("Steps");
        stepsTitle.getStyleClass().add(Styles.TITLE_4);
        model.steps().addListener((ListChangeListener<FunnelsViewModel.StepDraft>) c -> rebuildSteps());
        rebuildSteps();
        Button add = new Button("Add step", new FontIcon(Feather.PLUS));
        add.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        add.disableProperty().bind(javafx.beans.binding.Bindings.size(model.steps()).greaterThanOrEqualTo(
                Funnels.MAX_STEPS));
        add.setOnAction(e -> model.addStep());

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
        mode.valueProperty().bindBidirectional(model.modeProperty());
        mode.setMaxWidth(Double.MAX_VALUE);
        Spinner<Integer> window = new Spinner<>(1, 100_000, 14);
        window.setEditable(true);
        window.setPrefWidth(100);
        window.getValueFactory().valueProperty().bindBidirectional(model.windowValueProperty());
        ComboBox<FunnelsViewModel.WindowUnit> unit = new ComboBox<>();
        unit.getItems().setAll(FunnelsViewModel.WindowUnit.values());
        unit.valueProperty().bindBidirectional(model.windowUnitProperty());
        HBox windowRow = new HBox(6, window, unit);
        windowRow.setAlignment(Pos.CENTER_LEFT);
        ComboBox<FunnelsViewModel.Breakdown> breakdown = new ComboBox<>();
        breakdown.getItems().setAll(FunnelsViewModel.Breakdown.values());
        breakdown.valueProperty().bindBidirectional(model.breakdownProperty());
        TextField path = new TextField();
        path.setPromptText("e.g. properties.plan");
        path.textProperty().bindBidirectional(model.breakdownPathProperty());
        path.visibleProperty().bind(model.breakdownProperty().isEqualTo(FunnelsViewModel.Breakdown.PATH));
        path.managedProperty().bind(path.visibleProperty());
        HBox.setHgrow(path, Priority.ALWAYS);
        HBox breakdownRow = new HBox(6, breakdown, path);

        Button run = new Button("Run funnel", new FontIcon(Feather.PLAY));
        run.getStyleClass().add(Styles.ACCENT);
        run.setDefaultButton(true);
        run.disableProperty().bind(model.runningProperty());
        run.setOnAction(e -> model.run());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(18, 18);
        progress.visibleProperty().bind(model.runningProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        Button cancel = new Button("Cancel", new FontIcon(Feather.X));
        cancel.getStyleClass().add(Styles.FLAT);
        cancel.visibleProperty().bind(model.runningProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> model.cancel());
        HBox runRow = new HBox(8, run, progress, cancel);
        runRow.setAlignment(Pos.CENTER_LEFT);

        ComboBox<SavedFunnel> saved = new ComboBox<>(model.saved());
        saved.setPromptText("Saved funnels");
        saved.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(saved, Priority.ALWAYS);
        Button open = small("Open", Feather.FOLDER);
        open.disableProperty().bind(saved.valueProperty().isNull());
        open.setOnAction(e -> model.open(saved.getValue()));
        Button delete = small("Delete", Feather.TRASH_2);
        delete.disableProperty().bind(saved.valueProperty().isNull());
        delete.setOnAction(e -> model.deleteSaved(saved.getValue()));
        Button saveAs = small("Save as…", Feather.SAVE);
        saveAs.setOnAction(e -> {
            TextInputDialog ask = new TextInputDialog(model.savedNameProperty().get());
            ask.initOwner(getScene().getWindow());
            ask.setTitle("Save funnel");
            ask.setHeaderText("Save this funnel's steps, mode, window, range and breakdown");
            ask.setContentText("Name");
            ask.showAndWait().ifPresent(model::saveAs);
        });
        HBox savedRow = new HBox(6, saved, open, delete);
        savedRow.setAlignment(Pos.CENTER_LEFT);

        VBox box = new VBox(8, stepsTitle, stepRows, add,
                caption("Mode"), mode, caption("Conversion window (from step 1)"), windowRow,
                caption("Date range (when step 1 happened)"), new DateRangeBar(model.rangeProperty()),
                caption("Breakdown (read on step 1)"), breakdownRow, ViewParts.error(model.errorProperty()), runRow,
                caption("Saved funnels"), savedRow, saveAs);
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
        List<FunnelsViewModel.StepDraft> steps = model.steps();
        for (int i = 0; i < steps.size(); i++) {
            FunnelsViewModel.StepDraft s = steps.get(i);
            Label number = new Label((i + 1) + ".");
            number.getStyleClass().add(Styles.TEXT_BOLD);
            number.setMinWidth(22);
            TextField event = new TextField();
            event.setPromptText("Event, e.g. order.created");
            event.textProperty().bindBidirectional(s.eventProperty());
            SuggestingField.attach(event, model::suggestions, null);
            HBox.setHgrow(event, Priority.ALWAYS);
            Button up = icon(Feather.ARROW_UP, "Move up");
            up.setDisable(i == 0);
            up.setOnAction(e -> model.moveStep(s, -1));
            Button down = icon(Feather.ARROW_DOWN, "Move down");
            down.setDisable(i == steps.size() - 1);
            down.setOnAction(e -> model.moveStep(s, 1));
            Button remove = icon(Feather.X, "Remove this step");
            remove.setDisable(steps.size() == 1);
            remove.setOnAction(e -> model.removeStep(s));
            HBox line = new HBox(2, number, event, up, down, remove);
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
        summary.textProperty().bind(model.summaryProperty());
        summary.getStyleClass().add(Styles.TITLE_4);
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        Label hint = new Label("Click a bar for who reached the step, or a drop-off for who left before it.");
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        VBox.setVgrow(chart, Priority.ALWAYS);
        VBox top = new VBox(6, summary, hint, chart);
        top.setPadding(new Insets(0, 0, 8, 12));

        Tab actors = new Tab("Actors", actorsPane());
        TabPane tabs = new TabPane(actors, stepsTab(), breakdownTab());
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        model.selectedStepProperty().addListener((obs, old, step) -> {
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
        TableView<FunnelsViewModel.StepRow> table = ViewParts.table("Run a funnel to see its steps.");
        table.setItems(model.results());
        table.getColumns().setAll(List.of(
                ViewParts.column("Step", r -> r.step() + ". " + r.label(), 150),
                ViewParts.number("Actors", FunnelsViewModel.StepRow::countText, 80),
                ViewParts.number("Of step 1", FunnelsViewModel.StepRow::fromStartText, 80),
                ViewParts.number("Of previous", FunnelsViewModel.StepRow::fromPreviousText, 90),
                ViewParts.number("Dropped", FunnelsViewModel.StepRow::dropOffText, 80),
                ViewParts.number("Median time", FunnelsViewModel.StepRow::medianText, 100)));
        ViewParts.onOpen(table, r -> model.showActors(r.step(), r.step() == 1 ? Funnels.Outcome.REACHED
                : Funnels.Outcome.DROPPED, null));
        return tab("Steps", table, FunnelsViewModel.Table.STEPS);
    }

    private Tab breakdownTab() {
        TableView<FunnelsViewModel.BreakdownRow> table = ViewParts.table("Choose a breakdown to split the funnel by"
                + " source, campaign, channel, medium or any property of step 1.");
        table.setItems(model.breakdownRows());
        model.breakdownSteps().addListener((ListChangeListener<String>) c -> breakdownColumns(table));
        breakdownColumns(table);
        return tab("Breakdown", table, FunnelsViewModel.Table.BREAKDOWN);
    }

    private void breakdownColumns(TableView<FunnelsViewModel.BreakdownRow> table) {
        List<TableColumn<FunnelsViewModel.BreakdownRow, ?>> columns = new ArrayList<>();
        columns.add(ViewParts.column("Value", FunnelsViewModel.BreakdownRow::value, 140));
        List<String> steps = List.copyOf(model.breakdownSteps());
        for (int i = 0; i < steps.size(); i++) {
            int index = i;
            TableColumn<FunnelsViewModel.BreakdownRow, String> c = ViewParts.number((i + 1) + ". " + steps.get(i),
                    r -> index < r.counts().size() ? Formats.count(
                            r.counts().get(index)) : "", 90);
            columns.add(c);
        }
        columns.add(ViewParts.number("Conversion", FunnelsViewModel.BreakdownRow::conversionText, 90));
        table.getColumns().setAll(columns);
        ViewParts.onOpen(table, r -> {
            Integer step = model.selectedStepProperty().get();
            Funnels.Outcome outcome = model.selectedOutcomeProperty().get();
            model.showActors(step == null ? steps.size() : step, outcome == null ? Funnels.Outcome.DROPPED : outcome,
                    r.value());
        });
    }

    private Node actorsPane() {
        Label title = new Label();
        title.textProperty().bind(javafx.beans.binding.Bindings.when(model.actorsTitleProperty().isEmpty())
                .then("No step picked").otherwise(model.actorsTitleProperty()));
        title.getStyleClass().add(Styles.TEXT_BOLD);
        title.setMinWidth(0);
        TableView<FunnelsViewModel.ActorRow> table = ViewParts.table("Click a bar or a drop-off in the chart to list"
                + " its actors; double-click an actor to open their events.");
        table.setItems(model.actors());
        table.getColumns().setAll(List.of(
                ViewParts.column("Actor", FunnelsViewModel.ActorRow::actor, 200),
                ViewParts.number("Steps", a -> Integer.toString(a.level()), 70),
                ViewParts.column("Entered (step 1)", FunnelsViewModel.ActorRow::entered, 170),
                ViewParts.column("Last step taken", FunnelsViewModel.ActorRow::lastStep, 170)));
        ViewParts.onOpen(table, model::openActorEvents);
        VBox.setVgrow(table, Priority.ALWAYS);
        Button more = small("Load more actors", Feather.CHEVRONS_DOWN);
        more.visibleProperty().bind(model.hasMoreActorsProperty());
        more.managedProperty().bind(more.visibleProperty());
        more.disableProperty().bind(model.actorsLoadingProperty());
        more.setOnAction(e -> model.loadMoreActors());
        Button events = small("Open events", Feather.LIST);
        events.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        events.setTooltip(new Tooltip("Show the selected actor's events in the window of their attempt"));
        events.setOnAction(e -> model.openActorEvents(table.getSelectionModel().getSelectedItem()));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox heading = new HBox(8, title, grow, events, ViewParts.exportButton(this,
                () -> model.suggestedFileName(FunnelsViewModel.Table.ACTORS),
                p -> model.exportCsv(FunnelsViewModel.Table.ACTORS, p)));
        heading.setAlignment(Pos.CENTER_LEFT);
        HBox footer = new HBox(more);
        footer.setAlignment(Pos.CENTER);
        footer.managedProperty().bind(more.visibleProperty());
        footer.visibleProperty().bind(more.visibleProperty());
        VBox pane = new VBox(6, heading, ViewParts.error(model.actorsErrorProperty()), table, footer);
        pane.setPadding(new Insets(8, 0, 0, 0));
        return pane;
    }

    private Tab tab(String name, TableView<?> table, FunnelsViewModel.Table which) {
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(8, grow, ViewParts.exportButton(this, () -> model.suggestedFileName(which),
                path -> model.exportCsv(which, path)));
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

    private static Button small(String text, Feather icon) {
        Button b = new Button(text, new FontIcon(icon));
        b.getStyleClass().add(Styles.SMALL);
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    private static Button icon(Feather icon, String tip) {
        FontIcon graphic = new FontIcon(icon);
        graphic.setIconSize(14);
        Button b = new Button(null, graphic);
        b.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
        b.setMinSize(26, 26);
        b.setPrefSize(26, 26);
        b.setTooltip(new Tooltip(tip));
        return b;
    }
}
