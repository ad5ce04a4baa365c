package com.headlessanalytics.console.ui.shell;

import atlantafx.base.theme.Styles;
import com.headlessanalytics.console.ui.common.ViewParts;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The window frame: sidebar of areas, the selected screen, and the status bar. */
public final class ShellView extends BorderPane {
    private static final Map<Area, Ikon> ICONS = new EnumMap<>(Map.ofEntries(
            Map.entry(Area.OVERVIEW, Feather.HOME), Map.entry(Area.CONNECTION, Feather.GLOBE),
            Map.entry(Area.EVENTS, Feather.LIST),
            Map.entry(Area.METRICS, Feather.BAR_CHART_2), Map.entry(Area.FUNNELS, Feather.FILTER),
            Map.entry(Area.ATTRIBUTION, Feather.GIT_MERGE), Map.entry(Area.AGENT_CONTEXT, Feather.CPU),
            Map.entry(Area.APPROVALS, Feather.CHECK_SQUARE), Map.entry(Area.GRANTS, Feather.KEY),
            Map.entry(Area.RECEIPTS, Feather.FILE_TEXT), Map.entry(Area.PROOF_TRAILS, Feather.SHIELD),
            Map.entry(Area.ENTITIES, Feather.SHARE_2),
            Map.entry(Area.TRACKABLES, Feather.TAG), Map.entry(Area.LABELS, Feather.PRINTER),
            Map.entry(Area.TRACKING_PLANS, Feather.CLIPBOARD),
            Map.entry(Area.CONNECTORS, Feather.UPLOAD), Map.entry(Area.EXPORTS, Feather.SHARE),
            Map.entry(Area.SCANNER, Feather.CROSSHAIR), Map.entry(Area.GRAPHQL, Feather.CODE),
            Map.entry(Area.USAGE, Feather.PIE_CHART), Map.entry(Area.RUNTIME_HEALTH, Feather.ACTIVITY),
            Map.entry(Area.SETTINGS, Feather.SETTINGS)));

    private final ShellViewModel model;
    private final Map<Area, Supplier<Node>> factories;
    private final Map<Area, Node> built = new EnumMap<>(Area.class);
    private final Map<Area, ToggleButton> buttons = new EnumMap<>(Area.class);
    private final StackPane content = new StackPane();

    public ShellView(ShellViewModel model, Map<Area, Supplier<Node>> factories) {
        this.model = model;
        this.factories = new EnumMap<>(factories);
        getStyleClass().add("shell");
        setLeft(sidebar());
        content.getStyleClass().add("shell-content");
        content.getChildren().setAll(waiting());
        setCenter(content);
        setBottom(statusBar());
        model.selectedProperty().addListener((obs, old, area) -> show(area));
        model.desktopNoticeProperty().addListener((obs, old, notice) -> {
            if (notice != null) {
                notifyDesktop(notice);
            }
        });
        if (model.selectedProperty().get() != null) {
            show(model.selectedProperty().get());
        }
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                installShortcuts();
            }
        });
    }

    private Node sidebar() {
        Label name = new Label("HeadlessAnalytics");
        name.getStyleClass().addAll(Styles.TITLE_4, "brand");
        Label subtitle = new Label("Operator Console");
        subtitle.getStyleClass().add(Styles.TEXT_MUTED);
        VBox header = new VBox(2, name, subtitle);
        header.getStyleClass().add("sidebar-header");

        VBox items = new VBox(2);
        ToggleGroup group = new ToggleGroup();
        for (Area area : Area.values()) {
            ToggleButton b = new ToggleButton(area.title(), new FontIcon(ICONS.get(area)));
            b.setId("sidebar-" + area.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            b.setToggleGroup(group);
            b.getStyleClass().add("sidebar-item");
            b.setMaxWidth(Double.MAX_VALUE);
            b.setAlignment(Pos.CENTER_LEFT);
            b.setMnemonicParsing(false);
            b.setTooltip(new Tooltip(model.tooltip(area)));
            ViewParts.bind(b, model.open(area));
            // clicking the open area again must not unselect its entry
            b.setOnAction(e -> {
                model.open(area).execute();
                b.setSelected(model.selectedProperty().get() == area);
            });
            b.setAccessibleText(area.title());
            buttons.put(area, b);
            Label badge = new Label();
            badge.setId("sidebar-badge-" + area.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            badge.textProperty().bind(model.badgeProperty(area));
            badge.getStyleClass().add("sidebar-badge");
            badge.visibleProperty().bind(badge.textProperty().isNotEmpty());
            badge.setMouseTransparent(true);
            StackPane.setAlignment(badge, Pos.CENTER_RIGHT);
            StackPane.setMargin(badge, new Insets(0, 8, 0, 0));
            model.badgeProperty(area).addListener((obs, old, count) -> b.setAccessibleText(count.isEmpty()
                    ? area.title() : area.title() + ", " + count));
            items.getChildren().add(new StackPane(b, badge));
        }
        ScrollPane scroll = new ScrollPane(items);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("sidebar-items");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox sidebar = new VBox(12, header, scroll);
        sidebar.getStyleClass().add("sidebar");
        sidebar.setPrefWidth(230);
        sidebar.setMinWidth(200);
        return sidebar;
    }

    private Node statusBar() {
        Label connection = new Label();
        connection.setGraphic(new FontIcon(Feather.DATABASE));
        connection.setId("status-connection");
        connection.textProperty().bind(model.connectionProperty());
        Label serve = new Label();
        serve.setGraphic(new FontIcon(Feather.SERVER));
        serve.setId("status-serve");
        serve.textProperty().bind(model.serveStateProperty());
        Label notice = new Label();
        notice.textProperty().bind(model.noticeProperty());
        notice.getStyleClass().add(Styles.TEXT_MUTED);
        notice.setId("status-notice");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        Label taskTitle = new Label();
        taskTitle.textProperty().bind(model.taskTitleProperty());
        ProgressBar progress = new ProgressBar();
        progress.setPrefWidth(140);
        progress.progressProperty().bind(model.taskProgressProperty());
        HBox work = new HBox(8, taskTitle, progress);
        work.setAlignment(Pos.CENTER_RIGHT);
        work.visibleProperty().bind(model.busyProperty());
        work.managedProperty().bind(work.visibleProperty());

        HBox bar = new HBox(12, connection, new Separator(Orientation.VERTICAL), serve, spacer, notice, work);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 12, 4, 12));
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    /** Shown until the first area opens: what the console is connecting to, and that it is busy. */
    private Node waiting() {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setMaxSize(36, 36);
        Label text = new Label();
        text.textProperty().bind(model.connectionProperty());
        text.getStyleClass().add(Styles.TEXT_MUTED);
        VBox box = new VBox(12, spinner, text);
        box.setAlignment(Pos.CENTER);
        return box;
    }

    private void show(Area area) {
        if (area == null) {
            return;
        }
        Node view = built.computeIfAbsent(area, a -> factories.get(a).get());
        content.getChildren().setAll(view);
        ToggleButton b = buttons.get(area);
        if (b != null) {
            b.setSelected(true);
        }
    }

    /**
     * Pops the notification up in the corner of the screen the window is on (ControlsFX); a click
     * opens what it announces.
     */
    private void notifyDesktop(ShellViewModel.DesktopNotice notice) {
        if (getScene() == null || getScene().getWindow() == null || !getScene().getWindow().isShowing()) {
            return;
        }
        Window window = getScene().getWindow();
        Screen screen = Screen.getScreensForRectangle(window.getX(), window.getY(), Math.max(1, window.getWidth()),
                Math.max(1, window.getHeight())).stream().findFirst().orElse(Screen.getPrimary());
        Notifications.create().title(notice.title()).text(notice.text()).owner(screen)
                .graphic(new FontIcon(Feather.BELL)).position(Pos.BOTTOM_RIGHT).hideAfter(Duration.seconds(12))
                .onAction(e -> notice.open().run()).show();
    }

    private void installShortcuts() {
        for (Area area : Area.values()) {
            int key = model.shortcut(area);
            if (key > 0) {
                getScene().getAccelerators().put(new KeyCodeCombination(KeyCode.getKeyCode(String.valueOf(key)),
                        KeyCombination.SHORTCUT_DOWN), () -> model.open(area).execute());
            }
        }
    }
}
