package com.headlessanalytics.console.ui.settings;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Settings: serve mode with its keys and a curl example, and appearance. */
public final class SettingsView extends BorderPane {

    public SettingsView(SettingsViewModel model) {
        getStyleClass().add("screen");
        Label title = new Label("Settings");
        title.getStyleClass().add(Styles.TITLE_2);
        setTop(title);
        BorderPane.setMargin(title, new Insets(0, 0, 16, 0));
        VBox body = new VBox(16, workspaceSection(model), serveSection(model), keysSection(model),
                appearanceSection(model));
        body.setPadding(new Insets(0, 8, 16, 0));
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(Styles.FLAT);
        setCenter(scroll);
    }

    private static Node workspaceSection(SettingsViewModel model) {
        Label current = new Label();
        current.textProperty().bind(model.workspaceProperty());
        current.setWrapText(true);
        Button change = new Button();
        change.textProperty().bind(javafx.beans.binding.Bindings.when(model.demoProperty())
                .then("Back to my workspace").otherwise("Open the demo workspace"));
        change.setGraphic(new FontIcon(Feather.LAYERS));
        change.disableProperty().bind(model.workingProperty());
        change.setOnAction(e -> model.switchWorkspace());
        Label hint = new Label("The demo workspace holds four weeks of seeded sample activity (QR scans, product"
                + " views, orders, leads, campaigns, agent runs) in a folder of its own; it never mixes with yours.");
        hint.setWrapText(true);
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        return card("Workspace", new VBox(10, current, hint, change));
    }

    private static Node serveSection(SettingsViewModel model) {
        TextField host = new TextField();
        host.textProperty().bindBidirectional(model.hostProperty());
        host.setPrefWidth(180);
        TextField port = new TextField();
        port.textProperty().bindBidirectional(model.portProperty());
        port.setPrefWidth(90);
        host.disableProperty().bind(model.runningProperty());
        port.disableProperty().bind(model.runningProperty());
        Label portError = new Label();
        portError.textProperty().bind(model.portErrorProperty());
        portError.getStyleClass().add(Styles.DANGER);
        Button start = new Button("Start serving", new FontIcon(Feather.PLAY));
        start.getStyleClass().add(Styles.ACCENT);
        start.disableProperty().bind(model.canStartBinding().not());
        start.setOnAction(e -> model.start());
        Button stop = new Button("Stop", new FontIcon(Feather.SQUARE));
        stop.disableProperty().bind(model.runningProperty().not().or(model.workingProperty()));
        stop.setOnAction(e -> model.stop());
        Label status = new Label();
        status.textProperty().bind(model.statusProperty());
        status.setWrapText(true);
        GridPane form = new GridPane();
        form.setHgap(12);
        form.setVgap(8);
        form.addRow(0, new Label("Bind address"), host, new Label("Port"), port, portError);
        HBox buttons = new HBox(8, start, stop, status);
        buttons.setAlignment(Pos.CENTER_LEFT);
        Label hint = new Label("The local API server answers on the API's own paths (/api/ingest, /api/events,"
                + " /api/metrics/query, /api/funnels/query, /api/attribution/query, /api/usage, /api/health …) for SDKs, agents, scanners and scripts. Keep 127.0.0.1 unless other machines"
                + " must reach it.");
        hint.setWrapText(true);
        hint.getStyleClass().add(Styles.TEXT_MUTED);

        TextArea curl = new TextArea();
        curl.setEditable(false);
        curl.setPrefRowCount(4);
        curl.getStyleClass().add("mono");
        curl.textProperty().bind(model.curlProperty());
        Button copyCurl = new Button("Copy curl example", new FontIcon(Feather.COPY));
        copyCurl.setOnAction(e -> copy(model.curlProperty().get()));
        return card("Serve mode", new VBox(10, hint, form, buttons, curl, copyCurl));
    }

    private static Node keysSection(SettingsViewModel model) {
        TableView<SettingsViewModel.KeyRow> table = new TableView<>(model.keys());
        table.getColumns().setAll(java.util.List.of(column("Name", SettingsViewModel.KeyRow::name, 200),
                column("Starts with", SettingsViewModel.KeyRow::startsWith, 140),
                column("Created", SettingsViewModel.KeyRow::created, 160),
                column("State", r -> r.active() ? "active" : "revoked", 90)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        table.setPrefHeight(170);
        table.setPlaceholder(new Label("No API keys yet. Create one for each program that calls this workspace."));
        TextField name = new TextField();
        name.setPromptText("Name, e.g. Warehouse scanner");
        name.textProperty().bindBidirectional(model.newKeyNameProperty());
        name.setPrefWidth(240);
        Button create = new Button("Create key", new FontIcon(Feather.PLUS_CIRCLE));
        create.disableProperty().bind(model.availableProperty().not());
        create.setOnAction(e -> model.createKey());
        name.setOnAction(e -> model.createKey());
        Button revoke = new Button("Revoke", new FontIcon(Feather.X_CIRCLE));
        revoke.getStyleClass().add(Styles.DANGER);
        revoke.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        revoke.setOnAction(e -> model.revoke(table.getSelectionModel().getSelectedItem()));
        HBox actions = new HBox(8, name, create, revoke);
        actions.setAlignment(Pos.CENTER_LEFT);

        Label secretTitle = new Label("Copy the new key now: it is shown only once, and only its hash is stored.");
        secretTitle.getStyleClass().add(Styles.TEXT_BOLD);
        TextField secret = new TextField();
        secret.setEditable(false);
        secret.getStyleClass().add("mono");
        secret.textProperty().bind(model.newSecretProperty());
        HBox.setHgrow(secret, Priority.ALWAYS);
        Button copy = new Button("Copy", new FontIcon(Feather.COPY));
        copy.setOnAction(e -> copy(model.newSecretProperty().get()));
        Button done = new Button("Done");
        done.setOnAction(e -> model.dismissSecret());
        VBox banner = new VBox(6, secretTitle, new HBox(8, secret, copy, done));
        banner.getStyleClass().add("secret-banner");
        banner.setPadding(new Insets(10));
        banner.visibleProperty().bind(model.newSecretProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        return card("API keys", new VBox(10, banner, actions, table));
    }

    private static Node appearanceSection(SettingsViewModel model) {
        ToggleGroup group = new ToggleGroup();
        HBox choices = new HBox();
        for (SettingsViewModel.Appearance a : SettingsViewModel.Appearance.values()) {
            ToggleButton b = new ToggleButton(switch (a) {
                case SYSTEM -> "Follow the system";
                case LIGHT -> "Light";
                case DARK -> "Dark";
            });
            b.setToggleGroup(group);
            b.setUserData(a);
            b.setSelected(model.appearanceProperty().get() == a);
            b.getStyleClass().add(a == SettingsViewModel.Appearance.SYSTEM ? Styles.LEFT_PILL
                    : a == SettingsViewModel.Appearance.DARK ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
            b.setOnAction(e -> {
                model.appearanceProperty().set(a);
                b.setSelected(true);
            });
            choices.getChildren().add(b);
        }
        model.appearanceProperty().addListener((obs, old, a) -> group.getToggles().forEach(t ->
                t.setSelected(t.getUserData() == a)));
        return card("Appearance", choices);
    }

    private static Node card(String heading, Node content) {
        Label title = new Label(heading);
        title.getStyleClass().add(Styles.TITLE_4);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        VBox card = new VBox(10, new HBox(title, grow), content);
        card.getStyleClass().add("health-card");
        card.setPadding(new Insets(14, 16, 16, 16));
        return card;
    }

    private static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    private static TableColumn<SettingsViewModel.KeyRow, String> column(String name,
            Function<SettingsViewModel.KeyRow, String> value, double width) {
        TableColumn<SettingsViewModel.KeyRow, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
