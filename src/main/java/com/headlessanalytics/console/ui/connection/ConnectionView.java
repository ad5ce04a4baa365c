package com.headlessanalytics.console.ui.connection;

import atlantafx.base.theme.Styles;
import com.headlessanalytics.console.ui.common.Command;
import com.headlessanalytics.console.ui.common.ConnectionProfile;
import com.headlessanalytics.console.ui.common.ScreenScaffold;
import com.headlessanalytics.console.ui.common.ViewParts;
import java.util.Locale;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Connection: the saved profiles on the left, the selected one's form on the right. */
public final class ConnectionView extends ScreenScaffold {

    public ConnectionView(ConnectionViewModel model) {
        super("Connection", model.query());
        ScrollPane scroll = new ScrollPane(form(model));
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(Styles.FLAT);
        BorderPane.setMargin(scroll, new Insets(0, 0, 0, 16));
        BorderPane content = new BorderPane(scroll);
        content.setLeft(profileList(model));
        body(content);
    }

    private static VBox profileList(ConnectionViewModel model) {
        ListView<ConnectionProfile> list = new ListView<>(model.profiles());
        list.setId("connection-profiles");
        list.setPrefWidth(260);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ConnectionProfile item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : model.listText(item));
                setGraphic(empty || item == null ? null
                        : new FontIcon(item.kind().remote() ? Feather.GLOBE : Feather.HARD_DRIVE));
            }
        });
        model.activeIdProperty().addListener((obs, old, id) -> list.refresh());
        model.selectedProperty().addListener((obs, old, p) -> {
            if (p != null && !p.equals(list.getSelectionModel().getSelectedItem())) {
                list.getSelectionModel().select(p);
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, p) -> model.select(p));
        VBox.setVgrow(list, Priority.ALWAYS);
        ConnectionViewModel.Commands c = model.commands();
        Button add = button("connection-add", "Add", Feather.PLUS, c.add());
        Button duplicate = button("connection-duplicate", "Duplicate", Feather.COPY, c.duplicate());
        Button delete = button("connection-delete", "Delete", Feather.TRASH_2, c.delete());
        delete.getStyleClass().add(Styles.DANGER);
        return new VBox(8, list, new HBox(8, add, duplicate, delete));
    }

    private static VBox form(ConnectionViewModel model) {
        ToggleGroup kinds = new ToggleGroup();
        HBox kindBox = new HBox(16);
        for (ConnectionProfile.Kind k : model.kinds()) {
            RadioButton b = new RadioButton(k.label());
            b.setId("connection-kind-" + k.name().toLowerCase(Locale.ROOT));
            b.setUserData(k);
            b.setToggleGroup(kinds);
            kindBox.getChildren().add(b);
        }
        Runnable showKind = () -> kinds.getToggles().stream().filter(t -> t.getUserData() == model.fields().kind().get())
                .findFirst().ifPresent(kinds::selectToggle);
        showKind.run();
        model.fields().kind().addListener((obs, old, k) -> showKind.run());
        kinds.selectedToggleProperty().addListener((obs, old, t) -> {
            if (t != null) {
                model.fields().kind().set((ConnectionProfile.Kind) t.getUserData());
            }
        });

        ConnectionViewModel.Commands c = model.commands();
        TextField name = field("connection-name", new TextField(), model.fields().name());
        TextField folder = field("connection-folder", new TextField(), model.fields().dataFolder());
        HBox.setHgrow(folder, Priority.ALWAYS);
        Button choose = button("connection-choose-folder", "Choose…", Feather.FOLDER, c.chooseFolder());
        TextField url = field("connection-url", new TextField(), model.fields().url());
        url.setPromptText("https://analytics.example.com");
        PasswordField secret = field("connection-secret", new PasswordField(), model.fields().secret());
        TextField workspace = field("connection-workspace", new TextField(), model.fields().workspaceId());

        ConnectionViewModel.Form shown = model.form();
        Label secretLabel = new Label();
        secretLabel.textProperty().bind(shown.secretLabel());
        Label where = new Label(model.secretsLocation());
        where.setWrapText(true);
        where.getStyleClass().add(Styles.TEXT_MUTED);

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(10);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(labels, fields);
        grid.addRow(0, new Label("Name"), name);
        grid.addRow(1, new Label("Kind"), kindBox);
        Label folderLabel = new Label("Data folder");
        HBox folderRow = new HBox(8, folder, choose);
        grid.addRow(2, folderLabel, folderRow);
        Label urlLabel = new Label("URL");
        grid.addRow(3, urlLabel, url);
        grid.addRow(4, secretLabel, secret);
        Label workspaceLabel = new Label("Workspace ID");
        grid.addRow(5, workspaceLabel, workspace);
        grid.add(where, 1, 6);
        showWhen(shown.showsDataFolder(), folderLabel, folderRow);
        showWhen(shown.showsRemote(), urlLabel, url, secretLabel, secret, where);
        showWhen(shown.showsWorkspaceId(), workspaceLabel, workspace);

        Button test = button("connection-test", "Test connection", Feather.ZAP, c.test());
        Button save = button("connection-save", "Save", Feather.SAVE, c.save());
        Button use = button("connection-use", "Use this connection", Feather.CHECK, c.use());
        use.getStyleClass().add(Styles.ACCENT);
        HBox buttons = new HBox(8, test, save, use);
        buttons.setAlignment(Pos.CENTER_LEFT);

        Label result = new Label();
        result.setId("connection-result");
        result.setWrapText(true);
        result.getStyleClass().add(Styles.SUCCESS);
        result.textProperty().bind(model.resultTextProperty());
        VBox form = new VBox(16, grid, buttons, result);
        form.setPadding(new Insets(0, 8, 16, 0));
        return form;
    }

    private static Button button(String id, String text, Feather icon, Command command) {
        Button b = ViewParts.button(text, icon, command);
        b.setId(id);
        return b;
    }

    private static <F extends TextField> F field(String id, F field, StringProperty value) {
        field.setId(id);
        field.textProperty().bindBidirectional(value);
        return field;
    }

    private static void showWhen(ObservableBooleanValue condition, Node... nodes) {
        for (Node n : nodes) {
            n.visibleProperty().bind(condition);
            n.managedProperty().bind(condition);
        }
    }
}
