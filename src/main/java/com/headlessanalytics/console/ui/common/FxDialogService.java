package com.headlessanalytics.console.ui.common;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Dialogs as JavaFX dialogs over the main window; notices go to the status bar. One folder is
 * remembered for every file chooser, so each export and import starts where the last one ended.
 */
public final class FxDialogService implements DialogService {
    private final Window owner;
    private final Consumer<String> notices;
    private final Map<Class<?>, BiFunction<Object, Window, Dialog<?>>> forms = new LinkedHashMap<>();
    private Path folder;

    public FxDialogService(Window owner, Consumer<String> notices) {
        this.owner = owner;
        this.notices = notices;
    }

    /** Registers the View that shows forms of {@code type}. */
    public <M> void registerForm(Class<M> type, BiFunction<M, Window, Dialog<?>> view) {
        forms.put(type, (model, window) -> view.apply(type.cast(model), window));
    }

    @Override
    public void showError(String title, Throwable error) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        prepare(alert, title);
        alert.setContentText(ErrorText.describe(error));
        TextArea details = new TextArea(ErrorText.details(error));
        details.setEditable(false);
        details.getStyleClass().add("mono");
        details.setPrefRowCount(14);
        alert.getDialogPane().setExpandableContent(details);
        alert.showAndWait();
    }

    @Override
    public void showInformation(String title, String message) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, message, ButtonType.OK);
        prepare(alert, title);
        alert.showAndWait();
    }

    @Override
    public boolean confirm(String title, String message, String confirmLabel) {
        ButtonType yes = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, message, yes, ButtonType.CANCEL);
        prepare(alert, title);
        return alert.showAndWait().filter(yes::equals).isPresent();
    }

    @Override
    public boolean confirmTyped(String title, String message, String phrase, String confirmLabel) {
        ButtonType yes = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
        Dialog<ButtonType> dialog = new Dialog<>();
        prepare(dialog, title);
        Label text = new Label(message);
        text.setWrapText(true);
        Label ask = new Label("Type " + phrase + " to confirm:");
        TextField typed = new TextField();
        typed.setPromptText(phrase);
        dialog.getDialogPane().setContent(new VBox(10, text, ask, typed));
        dialog.getDialogPane().getButtonTypes().setAll(yes, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(yes).disableProperty()
                .bind(typed.textProperty().isNotEqualTo(phrase));
        dialog.setOnShown(e -> typed.requestFocus());
        return dialog.showAndWait().filter(yes::equals).isPresent() && phrase.equals(typed.getText());
    }

    @Override
    public Optional<String> askText(String title, String message, String initial) {
        TextInputDialog dialog = new TextInputDialog(initial == null ? "" : initial);
        prepare(dialog, title);
        Label text = new Label(message);
        text.setWrapText(true);
        dialog.getEditor().setPrefColumnCount(36);
        dialog.getDialogPane().setContent(new VBox(10, text, dialog.getEditor()));
        dialog.setOnShown(e -> dialog.getEditor().requestFocus());
        return dialog.showAndWait();
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, String suggestedName, FileType type) {
        FileChooser chooser = chooser(title, type);
        chooser.setInitialFileName(suggestedName);
        return remember(chooser.showSaveDialog(owner));
    }

    @Override
    public Optional<Path> chooseOpenFile(String title, FileType... types) {
        return remember(chooser(title, types).showOpenDialog(owner));
    }

    @Override
    public Optional<Path> chooseFolder(String title, Path initial) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        Path start = initial != null && Files.isDirectory(initial) ? initial : folder;
        if (start != null && Files.isDirectory(start)) {
            chooser.setInitialDirectory(start.toFile());
        }
        return Optional.ofNullable(chooser.showDialog(owner)).map(File::toPath);
    }

    @Override
    public void showForm(Object formModel) {
        Objects.requireNonNull(formModel, "formModel");
        BiFunction<Object, Window, Dialog<?>> view = forms.entrySet().stream()
                .filter(e -> e.getKey().isInstance(formModel)).map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new IllegalStateException("No form registered for "
                        + formModel.getClass().getName()));
        view.apply(formModel, owner).show();
    }

    @Override
    public void notify(String message) {
        notices.accept(message);
    }

    private void prepare(Dialog<?> dialog, String title) {
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        if (owner != null && owner.getScene() != null) {
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
    }

    private FileChooser chooser(String title, FileType... types) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        for (FileType type : types) {
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(type.description(), type.patterns()));
        }
        if (folder != null && Files.isDirectory(folder)) {
            chooser.setInitialDirectory(folder.toFile());
        }
        return chooser;
    }

    private Optional<Path> remember(File chosen) {
        if (chosen == null) {
            return Optional.empty();
        }
        folder = chosen.toPath().toAbsolutePath().getParent();
        return Optional.of(chosen.toPath());
    }
}
