package com.headlessanalytics.console.ui.settings;

import atlantafx.base.theme.Styles;
import com.headlessanalytics.console.ui.common.Command;
import com.headlessanalytics.console.ui.common.ScreenScaffold;
import com.headlessanalytics.console.ui.common.StationSettingsView;
import com.headlessanalytics.console.ui.common.ViewParts;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** Settings: the workspace, the operator and approvals, serve mode with its keys and a curl example, and appearance. */
public final class SettingsView extends ScreenScaffold {

    public SettingsView(SettingsViewModel model) {
        super("Settings", model.query());
        VBox content = new VBox(16, workspaceSection(model), operatorSection(model.operator()), serveSection(model),
                keysSection(model), appearanceSection(model));
        if (model.station() != null) {
            content.getChildren().add(content.getChildren().size() - 1, card("Scanner station",
                    new StationSettingsView(model.station())));
        }
        content.setPadding(new Insets(0, 8, 16, 0));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setId("settings-scroll");
        scroll.getStyleClass().add(Styles.FLAT);
        body(scroll);
    }

    private static Node workspaceSection(SettingsViewModel model) {
        Label current = new Label();
        current.textProperty().bind(model.workspaceProperty());
        current.setWrapText(true);
        Button change = button("settings-switch-workspace", "", Feather.LAYERS, model.commands().switchWorkspace());
        change.textProperty().bind(model.switchWorkspaceText());
        Label hint = muted("The demo workspace holds four weeks of seeded sample activity (QR scans, product"
                + " views, orders, leads, campaigns, agent runs) in a folder of its own; it never mixes with yours.");
        return card("Workspace", new VBox(10, current, hint, change));
    }

    private static Node operatorSection(OperatorViewModel model) {
        TextField name = field("settings-operator-name", model.nameProperty().get(), 200);
        name.textProperty().bindBidirectional(model.nameProperty());
        name.setOnAction(e -> model.saveCommand().execute());
        TextField threshold = field("settings-approval-threshold", model.thresholdProperty().get(), 120);
        threshold.textProperty().bindBidirectional(model.thresholdProperty());
        threshold.setOnAction(e -> model.saveCommand().execute());
        Label principal = new Label();
        principal.textProperty().bind(javafx.beans.binding.Bindings.concat("Principal: ", model.principalProperty()));
        principal.getStyleClass().add(Styles.TEXT_MUTED);
        Label nameError = ViewParts.error(model.nameErrorProperty());
        Label thresholdError = ViewParts.error(model.thresholdErrorProperty());
        GridPane form = new GridPane();
        form.setHgap(12);
        form.setVgap(8);
        form.addRow(0, new Label("Your name"), name, principal);
        form.add(nameError, 1, 1, 2, 1);
        form.addRow(2, new Label("Type the amount to approve above"), threshold);
        form.add(thresholdError, 1, 3, 2, 1);
        Button save = button("settings-operator-save", "Save", Feather.CHECK, model.saveCommand());
        save.getStyleClass().add(Styles.ACCENT);
        Button reset = button("settings-operator-reset", "Undo changes", null, model.resetCommand());
        Label actingAs = new Label();
        actingAs.setId("settings-operator-acting-as");
        actingAs.textProperty().bind(model.actingAsProperty());
        actingAs.setWrapText(true);
        HBox buttons = new HBox(8, save, reset);
        Label hint = muted("Decisions record who proposed and who approved them. Nobody approves their own"
                + " proposal, and approving an amount above the threshold asks you to type it exactly.");
        return card("Operator and approvals", new VBox(10, hint, form, buttons, actingAs));
    }

    private static Node serveSection(SettingsViewModel model) {
        SettingsViewModel.Commands c = model.commands();
        SettingsViewModel.Serve serve = model.serve();
        TextField host = field("settings-host", serve.host().get(), 180);
        host.textProperty().bindBidirectional(serve.host());
        TextField port = field("settings-port", serve.port().get(), 90);
        port.textProperty().bindBidirectional(serve.port());
        host.disableProperty().bind(serve.serving());
        port.disableProperty().bind(serve.serving());
        Label portError = new Label();
        portError.textProperty().bind(serve.portError());
        portError.getStyleClass().add(Styles.DANGER);
        Button start = button("settings-start", "Start serving", Feather.PLAY, c.start());
        start.getStyleClass().add(Styles.ACCENT);
        Button stop = button("settings-stop", "Stop", Feather.SQUARE, c.stop());
        Label status = new Label();
        status.setId("settings-serve-status");
        status.textProperty().bind(serve.status());
        status.setWrapText(true);
        GridPane form = new GridPane();
        form.setHgap(12);
        form.setVgap(8);
        form.addRow(0, new Label("Bind address"), host, new Label("Port"), port, portError);
        HBox buttons = new HBox(8, start, stop, status);
        buttons.setAlignment(Pos.CENTER_LEFT);
        Label hint = muted("The local API server answers on the API's own paths (/api/ingest, /api/events,"
                + " /api/metrics/query, /api/funnels/query, /api/attribution/query, /api/usage, /api/health …) for"
                + " SDKs, agents, scanners and scripts. Keep 127.0.0.1 unless other machines must reach it.");

        TextArea curl = new TextArea();
        curl.setEditable(false);
        curl.setPrefRowCount(4);
        curl.getStyleClass().add("mono");
        curl.textProperty().bind(serve.curl());
        Button copyCurl = button("settings-copy-curl", "Copy curl example", Feather.COPY, c.copyCurl());
        return card("Serve mode", new VBox(10, hint, form, buttons, curl, copyCurl));
    }

    private static Node keysSection(SettingsViewModel model) {
        SettingsViewModel.Commands c = model.commands();
        SettingsViewModel.Keys keys = model.keys();
        TableView<SettingsViewModel.KeyRow> table = ViewParts.table(
                "No API keys yet. Create one for each program that calls this workspace.");
        table.setId("settings-keys");
        table.setItems(keys.rows());
        table.getColumns().setAll(List.of(ViewParts.column("Name", SettingsViewModel.KeyRow::name, 200),
                ViewParts.column("Starts with", SettingsViewModel.KeyRow::startsWith, 140),
                ViewParts.column("Created", SettingsViewModel.KeyRow::created, 160),
                ViewParts.column("State", SettingsViewModel.KeyRow::state, 90)));
        table.setPrefHeight(170);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) ->
                keys.selected().set(row));
        TextField name = field("settings-key-name", "", 240);
        name.setPromptText("Name, e.g. Warehouse scanner");
        name.textProperty().bindBidirectional(keys.newName());
        name.setOnAction(e -> c.createKey().execute());
        Button create = button("settings-create-key", "Create key", Feather.PLUS_CIRCLE, c.createKey());
        Button revoke = button("settings-revoke-key", "Revoke", Feather.X_CIRCLE, c.revokeKey());
        revoke.getStyleClass().add(Styles.DANGER);
        HBox actions = new HBox(8, name, create, revoke);
        actions.setAlignment(Pos.CENTER_LEFT);

        Label secretTitle = new Label("Copy the new key now: it is shown only once, and only its hash is stored.");
        secretTitle.getStyleClass().add(Styles.TEXT_BOLD);
        TextField secret = field("settings-new-secret", "", -1);
        secret.setEditable(false);
        secret.getStyleClass().add("mono");
        secret.textProperty().bind(keys.newSecret());
        HBox.setHgrow(secret, Priority.ALWAYS);
        Button copy = button("settings-copy-secret", "Copy", Feather.COPY, c.copySecret());
        Button done = button("settings-dismiss-secret", "Done", null, c.dismissSecret());
        VBox banner = new VBox(6, secretTitle, new HBox(8, secret, copy, done));
        banner.setId("settings-secret-banner");
        banner.getStyleClass().add("secret-banner");
        banner.setPadding(new Insets(10));
        banner.visibleProperty().bind(c.copySecret().executableProperty());
        banner.managedProperty().bind(banner.visibleProperty());
        return card("API keys", new VBox(10, banner, actions, table));
    }

    private static Node appearanceSection(SettingsViewModel model) {
        ToggleGroup group = new ToggleGroup();
        HBox choices = new HBox();
        SettingsViewModel.Appearance[] all = SettingsViewModel.Appearance.values();
        for (int i = 0; i < all.length; i++) {
            SettingsViewModel.Appearance a = all[i];
            ToggleButton b = new ToggleButton(SettingsViewModel.label(a));
            b.setToggleGroup(group);
            b.setUserData(a);
            b.setSelected(model.appearanceProperty().get() == a);
            b.getStyleClass().add(i == 0 ? Styles.LEFT_PILL : i == all.length - 1 ? Styles.RIGHT_PILL
                    : Styles.CENTER_PILL);
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
        VBox card = new VBox(10, title, content);
        card.getStyleClass().add("health-card");
        card.setPadding(new Insets(14, 16, 16, 16));
        return card;
    }

    private static Label muted(String text) {
        Label hint = new Label(text);
        hint.setWrapText(true);
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        return hint;
    }

    private static TextField field(String id, String text, double width) {
        TextField f = new TextField(text);
        f.setId(id);
        if (width > 0) {
            f.setPrefWidth(width);
        }
        return f;
    }

    private static Button button(String id, String text, Feather icon, Command command) {
        Button b = ViewParts.button(text, icon, command);
        b.setId(id);
        return b;
    }
}
