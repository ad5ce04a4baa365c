package com.headlessanalytics.console.ui.connection;

import atlantafx.base.theme.Styles;
import com.headlessanalytics.console.ui.common.ConnectionProfile;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
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
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Connection: the saved profiles on the left, the selected one's form on the right. */
public final class ConnectionView extends BorderPane {

    public ConnectionView(ConnectionViewModel model) {
        getStyleClass().add("screen");
        Label title = new Label("Connection");
        title.getStyleClass().add(Styles.TITLE_2);
        setTop(title);
        BorderPane.setMargin(title, new Insets(0, 0, 16, 0));
        setLeft(profileList(model));
        ScrollPane scroll = new ScrollPane(form(model));
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(Styles.FLAT);
        setCenter(scroll);
        BorderPane.setMargin(scroll, new Insets(0, 0, 0, 16));
    }

    private static VBox profileList(ConnectionViewModel model) {
        ListView<ConnectionProfile> list = new ListView<>(model.profiles());
        list.setPrefWidth(260);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ConnectionProfile item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                boolean active = item.id().equals(model.activeIdProperty().get());
                setText(item.name() + (active ? "  (in use)" : "") + "\n" + String.valueOf(item.target()));
                setGraphic(new FontIcon(item.kind().remote() ? Feather.GLOBE : Feather.HARD_DRIVE));
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
        Button add = new Button("Add", new FontIcon(Feather.PLUS));
        add.setOnAction(e -> model.add());
        Button duplicate = new Button("Duplicate", new FontIcon(Feather.COPY));
        duplicate.disableProperty().bind(model.selectedProperty().isNull());
        duplicate.setOnAction(e -> model.duplicate());
        Button delete = new Button("Delete", new FontIcon(Feather.TRASH_2));
        delete.getStyleClass().add(Styles.DANGER);
        delete.disableProperty().bind(model.selectedProperty().isNull());
        delete.setOnAction(e -> model.delete());
        return new VBox(8, list, new HBox(8, add, duplicate, delete));
    }

    private static VBox form(ConnectionViewModel model) {
        TextField name = new TextField();
        name.textProperty().bindBidirectional(model.nameProperty());

        ToggleGroup kinds = new ToggleGroup();
        HBox kindBox = new HBox(16);
        for (ConnectionProfile.Kind k : ConnectionProfile.Kind.values()) {
            RadioButton b = new RadioButton(k.label());
            b.setUserData(k);
            b.setToggleGroup(kinds);
            kindBox.getChildren().add(b);
        }
        Runnable showKind = () -> kinds.getToggles().stream().filter(t -> t.getUserData() == model.kindProperty().get())
                .findFirst().ifPresent(kinds::selectToggle);
        showKind.run();
        model.kindProperty().addListener((obs, old, k) -> showKind.run());
        kinds.selectedToggleProperty().addListener((obs, old, t) -> {
            if (t != null) {
                model.kindProperty().set((ConnectionProfile.Kind) t.getUserData());
            }
        });

        TextField folder = new TextField();
        folder.textProperty().bindBidirectional(model.dataFolderProperty());
        HBox.setHgrow(folder, Priority.ALWAYS);
        Button choose = new Button("Choose…", new FontIcon(Feather.FOLDER));
        choose.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Choose the data folder");
            File current = new File(model.dataFolderProperty().get());
            if (current.isDirectory()) {
                chooser.setInitialDirectory(current);
            }
            File picked = chooser.showDialog(getWindowOf(choose));
            if (picked != null) {
                model.dataFolderProperty().set(picked.getAbsolutePath());
            }
        });
        TextField url = new TextField();
        url.setPromptText("https://analytics.example.com");
        url.textProperty().bindBidirectional(model.urlProperty());
        PasswordField secret = new PasswordField();
        secret.textProperty().bindBidirectional(model.secretProperty());
        TextField workspace = new TextField();
        workspace.textProperty().bindBidirectional(model.workspaceIdProperty());

        BooleanBinding embedded = model.kindProperty().isEqualTo(ConnectionProfile.Kind.EMBEDDED);
        BooleanBinding jwt = model.kindProperty().isEqualTo(ConnectionProfile.Kind.REMOTE_JWT);
        Label secretLabel = new Label();
        secretLabel.textProperty().bind(Bindings.when(jwt).then("JWT").otherwise("API key"));
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
        showWhen(embedded, folderLabel, folderRow);
        showWhen(embedded.not(), urlLabel, url, secretLabel, secret, where);
        showWhen(jwt, workspaceLabel, workspace);

        Button test = new Button("Test connection", new FontIcon(Feather.ZAP));
        test.setOnAction(e -> model.test());
        Button save = new Button("Save", new FontIcon(Feather.SAVE));
        save.setOnAction(e -> model.save());
        Button use = new Button("Use this connection", new FontIcon(Feather.CHECK));
        use.getStyleClass().add(Styles.ACCENT);
        use.setOnAction(e -> model.use());
        for (Button b : new Button[] {test, save, use}) {
            b.disableProperty().bind(model.workingProperty().or(model.selectedProperty().isNull()));
        }
        HBox buttons = new HBox(8, test, save, use);
        buttons.setAlignment(Pos.CENTER_LEFT);

        Label result = new Label();
        result.setWrapText(true);
        result.textProperty().bind(model.resultTextProperty());
        model.resultProperty().addListener((obs, old, r) -> {
            result.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
            if (r == ConnectionViewModel.Result.SUCCESS) {
                result.getStyleClass().add(Styles.SUCCESS);
            } else if (r == ConnectionViewModel.Result.FAILURE) {
                result.getStyleClass().add(Styles.DANGER);
            }
        });
        VBox form = new VBox(16, grid, buttons, result);
        form.setPadding(new Insets(0, 8, 16, 0));
        return form;
    }

    private static Window getWindowOf(Button b) {
        return b.getScene() == null ? null : b.getScene().getWindow();
    }

    private static void showWhen(BooleanBinding condition, Node... nodes) {
        for (Node n : nodes) {
            n.visibleProperty().bind(condition);
            n.managedProperty().bind(condition);
        }
    }
}
