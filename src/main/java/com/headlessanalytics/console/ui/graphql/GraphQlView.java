package com.headlessanalytics.console.ui.graphql;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import com.headlessanalytics.console.graphql.editor.Completions;
import com.headlessanalytics.console.graphql.editor.Problem;
import com.headlessanalytics.console.graphql.editor.Suggestion;
import com.headlessanalytics.console.ui.common.Command;
import com.headlessanalytics.console.ui.common.ScreenScaffold;
import com.headlessanalytics.console.ui.common.ViewParts;
import javafx.beans.binding.Bindings;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * GraphQL: saved queries and history on the left; the document (completion on Ctrl+Space, Run on
 * Ctrl+Enter) with its problems, the operation name and the variables in the middle; the answer
 * as a tree and as JSON, with its errors, on the right. Clicking a problem or error puts the caret
 * where it is.
 */
public final class GraphQlView extends ScreenScaffold {
    static final KeyCombination RUN = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination COMPLETE = new KeyCodeCombination(KeyCode.SPACE, KeyCombination.CONTROL_DOWN);

    private final GraphQlViewModel model;
    private final TextArea editor = new TextArea();
    private final Popup popup = new Popup();
    private final ListView<Suggestion> suggestions = new ListView<>();
    private final Label suggestionNote = new Label();

    public GraphQlView(GraphQlViewModel model) {
        super("GraphQL", model.query());
        this.model = model;
        Button run = ViewParts.button("Run", Feather.PLAY, model.runCommand());
        run.setId("graphql-run");
        run.getStyleClass().add(Styles.ACCENT);
        run.setTooltip(new Tooltip("Send the query (Ctrl+Enter)"));
        Button save = ViewParts.button("Save…", Feather.BOOKMARK, model.saveCommand());
        save.setId("graphql-save");
        save.setTooltip(new Tooltip("Keep the query, its variables and operation under a name"));
        Button curl = ViewParts.button("Copy as curl", Feather.TERMINAL, model.copyCurlCommand());
        curl.setId("graphql-curl");
        curl.setTooltip(new Tooltip("Copy the request as a curl command; the API key stays a shell variable"));
        headerActions(run, save, curl);

        SplitPane split = new SplitPane(sidePane(), editorPane(), resultPane());
        split.setDividerPositions(0.19, 0.58);
        SplitPane.setResizableWithParent(split.getItems().get(0), false);
        body(split);
    }

    // ---- the editor ----

    private Node editorPane() {
        editor.setId("graphql-editor");
        editor.getStyleClass().add("mono");
        editor.setWrapText(false);
        editor.setPromptText("query { events(limit: 10) { event timestamp } }");
        editor.textProperty().bindBidirectional(model.documentProperty());
        editor.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (COMPLETE.match(e)) {
                e.consume();
                showCompletions();
            } else if (RUN.match(e)) {
                e.consume();
                model.runCommand().execute();
            }
        });
        VBox.setVgrow(editor, Priority.ALWAYS);
        model.caretMoveProperty().addListener((obs, old, move) -> {
            if (move != null) {
                editor.requestFocus();
                editor.deselect();
                editor.positionCaret(Math.min(move.offset(), editor.getLength()));
            }
        });
        completionPopup();
        editor.textProperty().addListener((obs, old, now) -> {
            if (popup.isShowing()) {
                Platform.runLater(this::refreshCompletions);
            }
        });

        Label heading = new Label("Query");
        heading.getStyleClass().add(Styles.TEXT_BOLD);
        heading.setMinWidth(Region.USE_PREF_SIZE);
        Label keys = new Label("Ctrl+Space completes · Ctrl+Enter runs");
        keys.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        keys.setMinWidth(0);
        HBox top = new HBox(10, heading, keys);
        top.setAlignment(Pos.BASELINE_LEFT);
        Label schema = new Label();
        schema.setId("graphql-schema-status");
        schema.textProperty().bind(model.schemaStatusProperty());
        schema.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        schema.setMinWidth(0);
        schema.setWrapText(true);
        Tooltip schemaTip = new Tooltip();
        schemaTip.textProperty().bind(model.schemaStatusProperty());
        schema.setTooltip(schemaTip);

        ListView<Problem> problems = problemList("graphql-problems", model.problems(),
                "No problems: the query parses and fits the schema.");
        problems.setPrefHeight(84);
        model.problems().addListener((javafx.collections.ListChangeListener<Problem>) c ->
                editor.pseudoClassStateChanged(Styles.STATE_DANGER, !model.problems().isEmpty()));
        problems.setMinHeight(60);

        TextField operation = new TextField();
        operation.setId("graphql-operation");
        operation.setPromptText("only when the document has several operations");
        operation.textProperty().bindBidirectional(model.operationNameProperty());
        Node operationRow = ViewParts.formRow("Operation", 80, operation);
        Label variablesHeading = new Label("Variables (JSON)");
        variablesHeading.getStyleClass().add(Styles.TEXT_BOLD);
        TextArea variables = new TextArea();
        variables.setId("graphql-variables");
        variables.getStyleClass().add("mono");
        variables.setPromptText("{\"limit\": 100}");
        variables.setPrefRowCount(4);
        variables.setPrefHeight(96);
        variables.textProperty().bindBidirectional(model.variablesProperty());
        variables.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (RUN.match(e)) {
                e.consume();
                model.runCommand().execute();
            }
        });
        model.variablesErrorProperty().addListener((obs, old, now) -> variables.pseudoClassStateChanged(
                Styles.STATE_DANGER, !now.isEmpty()));
        Label variablesError = ViewParts.error(model.variablesErrorProperty());
        variablesError.setId("graphql-variables-error");

        VBox box = new VBox(6, top, editor, schema, problems, operationRow, variablesHeading, variables, variablesError);
        box.setPadding(new Insets(0, 8, 0, 8));
        return box;
    }

    /**
     * The completion list: a popup under the caret while the editor keeps the focus; Up and Down
     * choose, Enter or Tab inserts, Escape closes, typing narrows it.
     */
    private void completionPopup() {
        suggestions.setId("graphql-completions");
        suggestions.getStyleClass().add(Styles.DENSE);
        suggestions.setPrefSize(460, 220);
        suggestions.setCellFactory(v -> new ListCell<>() {
            private final Label name = new Label();
            private final Label type = new Label();
            private final HBox line = new HBox(10, name, type);

            {
                name.getStyleClass().add(Styles.TEXT_BOLD);
                type.getStyleClass().add(Styles.TEXT_MUTED);
                line.setAlignment(Pos.BASELINE_LEFT);
            }

            @Override
            protected void updateItem(Suggestion item, boolean isEmpty) {
                super.updateItem(item, isEmpty);
                if (isEmpty || item == null) {
                    setGraphic(null);
                    return;
                }
                name.setText(item.label());
                type.setText(item.type());
                setGraphic(line);
            }
        });
        suggestions.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                acceptSelected();
            }
        });
        suggestions.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.TAB) {
                acceptSelected();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                popup.hide();
                e.consume();
            }
        });
        suggestionNote.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        suggestionNote.setWrapText(true);
        suggestionNote.setMaxWidth(460);
        suggestions.getSelectionModel().selectedItemProperty().addListener((obs, old, s) ->
                suggestionNote.setText(s == null ? "" : s.description()));
        VBox box = new VBox(4, suggestions, suggestionNote);
        box.setPadding(new Insets(6));
        box.getStyleClass().add("completion-popup");
        box.setStyle("-fx-background-color: -color-bg-default; -fx-border-color: -color-border-default;"
                + " -fx-effect: dropshadow(gaussian, rgba(0,0,0,0.25), 10, 0, 0, 3);");
        popup.getContent().add(box);
        popup.setAutoHide(true);
        popup.setOnHidden(e -> model.dismissCompletions());
        editor.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (!popup.isShowing()) {
                return;
            }
            switch (e.getCode()) {
                case DOWN -> {
                    suggestions.getSelectionModel().selectNext();
                    suggestions.scrollTo(suggestions.getSelectionModel().getSelectedIndex());
                    e.consume();
                }
                case UP -> {
                    suggestions.getSelectionModel().selectPrevious();
                    suggestions.scrollTo(suggestions.getSelectionModel().getSelectedIndex());
                    e.consume();
                }
                case ENTER, TAB -> {
                    if (!e.isShortcutDown()) {
                        acceptSelected();
                        e.consume();
                    }
                }
                case ESCAPE -> {
                    popup.hide();
                    e.consume();
                }
                default -> {
                }
            }
        });
    }

    /** Lists the completions at the caret under it. */
    private void showCompletions() {
        Completions found = model.complete(editor.getCaretPosition());
        if (found.isEmpty()) {
            popup.hide();
            return;
        }
        suggestions.getItems().setAll(found.suggestions());
        suggestions.getSelectionModel().selectFirst();
        Point2D at = caretOnScreen();
        if (at == null) {
            Bounds b = editor.localToScreen(editor.getBoundsInLocal());
            at = new Point2D(b.getMinX() + 20, b.getMinY() + 20);
        }
        popup.show(editor, at.getX(), at.getY() + 4);
    }

    /** Narrows the list to what the word at the caret now starts with; closes it when nothing is left. */
    private void refreshCompletions() {
        if (!popup.isShowing()) {
            return;
        }
        Completions found = model.complete(editor.getCaretPosition());
        if (found.isEmpty()) {
            popup.hide();
        } else {
            suggestions.getItems().setAll(found.suggestions());
            suggestions.getSelectionModel().selectFirst();
        }
    }

    private void acceptSelected() {
        model.accept(suggestions.getSelectionModel().getSelectedItem());
        popup.hide();
    }

    /** Where the caret is on the screen (its input method position), or null when the skin cannot tell. */
    private Point2D caretOnScreen() {
        if (editor.getInputMethodRequests() == null) {
            return null;
        }
        return editor.getInputMethodRequests().getTextLocation(0);
    }

    private ListView<Problem> problemList(String id, ObservableList<Problem> items, String empty) {
        ListView<Problem> list = new ListView<>(items);
        list.setId(id);
        list.getStyleClass().add(Styles.DENSE);
        Label placeholder = new Label(empty);
        placeholder.getStyleClass().add(Styles.TEXT_MUTED);
        placeholder.setWrapText(true);
        list.setPlaceholder(placeholder);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Problem item, boolean isEmpty) {
                super.updateItem(item, isEmpty);
                setText(isEmpty || item == null ? null : item.describe());
                setGraphic(isEmpty || item == null ? null : new FontIcon(Feather.ALERT_CIRCLE));
                getStyleClass().remove(Styles.DANGER);
                if (!isEmpty && item != null) {
                    getStyleClass().add(Styles.DANGER);
                }
            }
        });
        list.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                model.goTo(list.getSelectionModel().getSelectedItem());
            }
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                model.goTo(list.getSelectionModel().getSelectedItem());
            }
        });
        return list;
    }

    // ---- the answer ----

    private Node resultPane() {
        Label heading = new Label("Answer");
        heading.getStyleClass().add(Styles.TEXT_BOLD);
        Label summary = new Label();
        summary.setId("graphql-summary");
        summary.textProperty().bind(model.resultSummaryProperty());
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        HBox top = new HBox(8, heading, summary);
        top.setAlignment(Pos.BASELINE_LEFT);

        ListView<Problem> errors = problemList("graphql-errors", model.resultErrors(), "");
        errors.setPrefHeight(72);
        errors.visibleProperty().bind(Bindings.isNotEmpty(model.resultErrors()));
        errors.managedProperty().bind(errors.visibleProperty());

        TreeView<ResultNode> tree = new TreeView<>();
        tree.setId("graphql-tree");
        tree.setShowRoot(false);
        tree.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        tree.setCellFactory(v -> new TreeCell<>() {
            private final Label key = new Label();
            private final Label value = new Label();
            private final HBox line = new HBox(6, key, value);

            {
                key.getStyleClass().add(Styles.TEXT_BOLD);
                value.getStyleClass().add("mono");
                line.setAlignment(Pos.BASELINE_LEFT);
            }

            @Override
            protected void updateItem(ResultNode item, boolean isEmpty) {
                super.updateItem(item, isEmpty);
                if (isEmpty || item == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                key.setText(item.key());
                value.setText(item.value());
                value.getStyleClass().removeAll(Styles.TEXT_MUTED, Styles.SUCCESS, Styles.ACCENT);
                value.getStyleClass().add(switch (item.kind()) {
                    case OBJECT, LIST, NULL -> Styles.TEXT_MUTED;
                    case STRING -> Styles.SUCCESS;
                    case NUMBER, BOOLEAN -> Styles.ACCENT;
                });
                setText(null);
                setGraphic(line);
            }
        });
        model.resultTreeProperty().addListener((obs, old, now) -> tree.setRoot(now == null ? null : expanded(now)));
        Label emptyTree = new Label("Run the query (Ctrl+Enter) to see its answer here.");
        emptyTree.setId("graphql-empty");
        emptyTree.getStyleClass().add(Styles.TEXT_MUTED);
        emptyTree.setWrapText(true);
        emptyTree.setPadding(new Insets(12));
        emptyTree.visibleProperty().bind(model.resultTreeProperty().isNull());
        StackPane treeBox = new StackPane(tree, emptyTree);
        StackPane.setAlignment(emptyTree, Pos.TOP_LEFT);

        TextArea json = new TextArea();
        json.setId("graphql-json");
        json.setEditable(false);
        json.getStyleClass().add("mono");
        json.textProperty().bind(model.resultJsonProperty());
        json.setPromptText("Run the query (Ctrl+Enter) to see its answer here.");

        Tab treeTab = new Tab("Tree", treeBox);
        Tab jsonTab = new Tab("JSON", json);
        TabPane tabs = new TabPane(treeTab, jsonTab);
        tabs.setId("graphql-result-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        VBox box = new VBox(6, top, errors, tabs);
        box.setPadding(new Insets(0, 0, 0, 8));
        return box;
    }

    /** The answer's tree with data and each root field open. */
    private static TreeItem<ResultNode> expanded(ResultNode root) {
        NodeItem item = new NodeItem(root);
        item.setExpanded(true);
        for (TreeItem<ResultNode> top : item.getChildren()) {
            top.setExpanded(true);
            if (top.getValue().key().equals("data")) {
                top.getChildren().forEach(field -> field.setExpanded(true));
            }
        }
        return item;
    }

    /** A tree item that makes its children when first asked, so a long answer opens at once. */
    private static final class NodeItem extends TreeItem<ResultNode> {
        private boolean made;

        NodeItem(ResultNode node) {
            super(node);
        }

        @Override
        public boolean isLeaf() {
            return getValue().children().isEmpty();
        }

        @Override
        public ObservableList<TreeItem<ResultNode>> getChildren() {
            if (!made) {
                made = true;
                super.getChildren().setAll(getValue().children().stream()
                        .map(child -> (TreeItem<ResultNode>) new NodeItem(child)).toList());
            }
            return super.getChildren();
        }
    }

    // ---- saved queries and history ----

    private Node sidePane() {
        Label savedHeading = new Label("Saved");
        savedHeading.getStyleClass().add(Styles.TEXT_BOLD);
        ListView<SavedQuery> saved = new ListView<>(model.saved());
        saved.setId("graphql-saved");
        saved.getStyleClass().add(Styles.DENSE);
        saved.setPlaceholder(placeholder("No saved queries yet. Save… keeps the query under a name."));
        saved.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(SavedQuery item, boolean isEmpty) {
                super.updateItem(item, isEmpty);
                setText(isEmpty || item == null ? null : item.name());
            }
        });
        saved.setPrefHeight(180);
        opens(saved, model::open);
        Command rename = new Command(() -> model.rename(saved.getSelectionModel().getSelectedItem()),
                saved.getSelectionModel().selectedItemProperty().isNotNull());
        Command delete = new Command(() -> model.delete(saved.getSelectionModel().getSelectedItem()),
                saved.getSelectionModel().selectedItemProperty().isNotNull());
        saved.setOnKeyReleased(e -> {
            if (e.getCode() == KeyCode.DELETE) {
                delete.execute();
            } else if (e.getCode() == KeyCode.F2) {
                rename.execute();
            }
        });
        MenuItem openItem = new MenuItem("Open");
        openItem.setOnAction(e -> model.open(saved.getSelectionModel().getSelectedItem()));
        MenuItem renameItem = new MenuItem("Rename…");
        renameItem.setOnAction(e -> rename.execute());
        MenuItem deleteItem = new MenuItem("Delete…");
        deleteItem.setOnAction(e -> delete.execute());
        saved.setContextMenu(new ContextMenu(openItem, renameItem, deleteItem));
        Button renameButton = ViewParts.button("Rename…", null, rename);
        renameButton.setId("graphql-rename");
        renameButton.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        Button deleteButton = ViewParts.button("Delete…", null, delete);
        deleteButton.setId("graphql-delete");
        deleteButton.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        HBox savedActions = new HBox(4, renameButton, deleteButton);

        Label historyHeading = new Label("History");
        historyHeading.getStyleClass().add(Styles.TEXT_BOLD);
        ListView<GraphQlRun> history = new ListView<>(model.history());
        history.setId("graphql-history");
        history.setPlaceholder(placeholder("Runs appear here, newest first; the last "
                + GraphQlStore.HISTORY_LIMIT + " are kept."));
        history.setCellFactory(v -> new ListCell<>() {
            private final Label title = new Label();
            private final Label when = new Label();
            private final VBox box = new VBox(1, title, when);

            {
                when.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
                title.setMinWidth(0);
                when.setMinWidth(0);
            }

            @Override
            protected void updateItem(GraphQlRun item, boolean isEmpty) {
                super.updateItem(item, isEmpty);
                if (isEmpty || item == null) {
                    setGraphic(null);
                    return;
                }
                title.setText(item.title());
                when.setText(model.describe(item));
                setGraphic(box);
            }
        });
        opens(history, model::open);
        VBox.setVgrow(history, Priority.ALWAYS);
        VBox box = new VBox(6, savedHeading, saved, savedActions, historyHeading, history);
        box.setPadding(new Insets(0, 8, 0, 0));
        box.setMinWidth(180);
        return box;
    }

    private static Label placeholder(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        label.setWrapText(true);
        label.setPadding(new Insets(8));
        return label;
    }

    /** Double-click or Enter opens the selected item in the editor. */
    private static <T> void opens(ListView<T> list, java.util.function.Consumer<T> open) {
        list.setOnMouseClicked(e -> {
            T item = list.getSelectionModel().getSelectedItem();
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && item != null) {
                open.accept(item);
            }
        });
        list.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            T item = list.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && item != null) {
                open.accept(item);
            }
        });
    }
}
