package com.headlessanalytics.console.ui.common;

import java.util.List;
import java.util.function.BiFunction;
import javafx.beans.property.StringProperty;
import javafx.geometry.Side;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;

/** Shows a drop-down of suggestions under a text field while it is typed in; choosing one fills the field. */
public final class SuggestingField {
    private SuggestingField() {
    }

    /**
     * @param suggestions the suggestions for a text, at most the given number
     * @param chosen      runs after a suggestion was put in the field (may be null)
     */
    public static void attach(TextField field, BiFunction<String, Integer, List<String>> suggestions, Runnable chosen) {
        ContextMenu menu = new ContextMenu();
        field.textProperty().addListener((obs, old, text) -> {
            if (!field.isFocused()) {
                return;
            }
            List<String> names = suggestions.apply(text, 10);
            if (names.isEmpty()) {
                menu.hide();
                return;
            }
            menu.getItems().setAll(names.stream().map(name -> {
                MenuItem item = new MenuItem(name);
                item.setMnemonicParsing(false);
                item.setOnAction(e -> {
                    field.setText(name);
                    field.positionCaret(name.length());
                    menu.hide();
                    if (chosen != null) {
                        chosen.run();
                    }
                });
                return item;
            }).toList());
            if (!menu.isShowing()) {
                menu.show(field, Side.BOTTOM, 0, 0);
            }
        });
        field.focusedProperty().addListener((obs, old, focused) -> {
            if (!focused) {
                menu.hide();
            }
        });
    }

    /**
     * A query's text field: bound to {@code text}, suggesting while typed; Enter, or choosing a
     * suggestion, runs {@code run}.
     */
    public static TextField queryField(String prompt, double width, StringProperty text,
                                       BiFunction<String, Integer, List<String>> suggestions, Command run) {
        TextField field = new TextField();
        field.setPromptText(prompt);
        field.setPrefWidth(width);
        field.textProperty().bindBidirectional(text);
        field.setOnAction(e -> run.execute());
        attach(field, suggestions, run::execute);
        return field;
    }
}
