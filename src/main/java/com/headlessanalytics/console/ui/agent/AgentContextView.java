package com.headlessanalytics.console.ui.agent;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import com.headlessanalytics.console.api.AgentContext;
import com.headlessanalytics.console.ui.common.DateRangeBar;
import com.headlessanalytics.console.ui.common.ScreenScaffold;
import com.headlessanalytics.console.ui.common.ViewParts;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * Agent context: the request (mode, business, limit, date range) on top, Run and Cancel with
 * progress; the answer as text for a person beside a tab per part of the answer (each table with
 * its CSV export) and the JSON an agent reads, which Copy JSON puts on the clipboard.
 */
public final class AgentContextView extends ScreenScaffold {
    private final AgentContextViewModel model;
    private final TabPane tabs = new TabPane();
    private final Tab jsonTab;

    public AgentContextView(AgentContextViewModel model) {
        super("Agent context", model.query());
        this.model = model;
        if (lookup("#screen-cancel") instanceof Button cancel) {
            cancel.setCancelButton(true);
        }
        Label subtitle = new Label("What an AI agent is told about a business: the same answer as JSON and as text.");
        subtitle.getStyleClass().add(Styles.TEXT_MUTED);

        ComboBox<AgentContext.Mode> mode = new ComboBox<>();
        mode.setId("agent-mode");
        mode.getItems().setAll(AgentContext.Mode.values());
        mode.setConverter(ViewParts.converter(AgentContextViewModel::title));
        mode.valueProperty().bindBidirectional(model.modeProperty());
        TextField business = new TextField();
        business.setId("agent-business");
        business.setPromptText("Business ID");
        business.setPrefColumnCount(9);
        business.textProperty().bindBidirectional(model.businessProperty());
        Spinner<Integer> limit = new Spinner<>(1, model.maxLimit(), model.limitProperty().get(), 10);
        limit.setId("agent-limit");
        limit.setEditable(true);
        limit.setPrefWidth(95);
        limit.setTooltip(new Tooltip("How many items each list of the answer holds at most (1–1000)"));
        limit.valueProperty().addListener((obs, old, n) -> {
            if (n != null) {
                model.limitProperty().set(n);
            }
        });
        DateRangeBar range = new DateRangeBar(model.rangeProperty());
        Button run = ViewParts.button("Run", Feather.PLAY, model.runCommand());
        run.setId("agent-run");
        run.setDefaultButton(true);
        run.getStyleClass().add(Styles.ACCENT);
        HBox request = new HBox(8, label("Mode", mode), mode, label("Business", business), business,
                label("Limit", limit), limit, range, run);
        request.setAlignment(Pos.CENTER_LEFT);
        mode.setMinWidth(Region.USE_PREF_SIZE);

        Label describe = new Label();
        describe.setId("agent-mode-description");
        describe.textProperty().bind(model.modeDescriptionProperty());
        describe.getStyleClass().add(Styles.TEXT_MUTED);
        controls(subtitle, request, describe);

        Label heading = new Label();
        heading.textProperty().bind(model.headingTextProperty());
        heading.getStyleClass().add(Styles.TITLE_4);
        heading.setId("agent-heading");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button copy = ViewParts.button("Copy JSON", Feather.COPY, model.copyJsonCommand());
        copy.setId("agent-copy-json");
        copy.setTooltip(new Tooltip("Put the answer, as the JSON an agent reads, on the clipboard"));
        HBox answerHeader = new HBox(10, heading, grow, copy);
        answerHeader.setAlignment(Pos.CENTER_LEFT);

        TextArea text = new TextArea();
        text.setId("agent-text");
        text.setEditable(false);
        text.setWrapText(true);
        text.textProperty().bind(model.textProperty());
        text.setPromptText("The answer, in sentences, appears here.");
        Label textTitle = new Label("For a person");
        textTitle.getStyleClass().add(Styles.TEXT_BOLD);
        VBox.setVgrow(text, Priority.ALWAYS);
        VBox textBox = new VBox(6, textTitle, text);
        textBox.setPadding(new Insets(0, 10, 0, 0));

        TextArea json = new TextArea();
        json.setEditable(false);
        json.getStyleClass().add("mono");
        json.textProperty().bind(model.jsonProperty());
        json.setPromptText("The JSON answer appears here.");
        jsonTab = new Tab("JSON", json);
        tabs.setId("agent-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().setAll(jsonTab);
        VBox tabBox = new VBox(tabs);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        tabBox.setPadding(new Insets(0, 0, 0, 10));

        SplitPane split = new SplitPane(textBox, tabBox);
        split.setDividerPositions(0.34);
        VBox.setVgrow(split, Priority.ALWAYS);
        VBox center = new VBox(10, answerHeader, split);
        body(center);

        model.grids().addListener((ListChangeListener<AgentContextViewModel.Grid>) c -> showGrids());
        showGrids();
    }

    private static Label label(String text, javafx.scene.Node target) {
        Label l = new Label(text);
        l.setLabelFor(target);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    /** One tab per part of the answer, then the JSON; the first part is selected. */
    private void showGrids() {
        List<Tab> all = new ArrayList<>();
        for (AgentContextViewModel.Grid grid : model.grids()) {
            all.add(new Tab(grid.tabTitle(), gridPane(grid)));
        }
        all.add(jsonTab);
        tabs.getTabs().setAll(all);
        tabs.getSelectionModel().select(0);
    }

    private VBox gridPane(AgentContextViewModel.Grid grid) {
        TableView<AgentContextViewModel.Row> table = new TableView<>();
        table.setId("agent-" + grid.key());
        table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        for (int i = 0; i < grid.columns().size(); i++) {
            int index = i;
            TableColumn<AgentContextViewModel.Row, String> c = new TableColumn<>(grid.columns().get(i));
            c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().cells().get(index)));
            int widest = grid.columns().get(i).length();
            for (AgentContextViewModel.Row r : grid.rows().subList(0, Math.min(200, grid.rows().size()))) {
                widest = Math.max(widest, r.cells().get(i).length());
            }
            c.setPrefWidth(Math.min(360, 24 + 7.5 * widest));
            if (grid.numeric(i)) {
                c.setStyle("-fx-alignment: CENTER-RIGHT;");
            }
            table.getColumns().add(c);
        }
        table.getItems().setAll(grid.rows());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        Label empty = new Label(grid.emptyText());
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(empty);
        table.setRowFactory(t -> {
            TableRow<AgentContextViewModel.Row> row = new TableRow<>() {
                @Override
                protected void updateItem(AgentContextViewModel.Row item, boolean empty) {
                    super.updateItem(item, empty);
                    setStyle(!empty && item != null && item.highlighted() ? "-fx-font-weight: bold;" : "");
                }
            };
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    model.drillDown(row.getItem());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            AgentContextViewModel.Row selected = table.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && selected != null) {
                model.drillDown(selected);
                e.consume();
            }
        });
        Label hint = new Label(grid.hint());
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button export = ViewParts.exportButton(model.exportCommand(grid));
        export.setId("agent-export-" + grid.key());
        export.getStyleClass().add(Styles.FLAT);
        HBox bar = new HBox(8, hint, grow, export);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox box = new VBox(6, bar, table);
        box.setPadding(new Insets(6, 0, 0, 0));
        return box;
    }
}
