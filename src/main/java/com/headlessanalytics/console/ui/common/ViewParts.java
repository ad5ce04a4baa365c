package com.headlessanalytics.console.ui.common;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Nodes the analytics screens build alike: tables, number columns, stat cards, errors, CSV export buttons. */
public final class ViewParts {
    private ViewParts() {
    }

    public static <R> TableView<R> table(String placeholder) {
        TableView<R> table = new TableView<>();
        table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label empty = new Label(placeholder);
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        empty.setWrapText(true);
        empty.setPadding(new Insets(12));
        table.setPlaceholder(empty);
        return table;
    }

    /** A text column. */
    public static <R> TableColumn<R, String> column(String title, Function<R, String> value, double width) {
        TableColumn<R, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        c.setMinWidth(Math.min(60, width));
        c.setSortable(false);
        return c;
    }

    /** A right-aligned column for numbers. */
    public static <R> TableColumn<R, String> number(String title, Function<R, String> value, double width) {
        TableColumn<R, String> c = column(title, value, width);
        c.setCellFactory(col -> {
            TableCell<R, String> cell = new TableCell<>() {
                @Override
                protected void updateItem(String item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty ? null : item);
                }
            };
            cell.setAlignment(Pos.CENTER_RIGHT);
            return cell;
        });
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        return c;
    }

    /** Double-clicking a row (or Enter on it) runs the action with the row's item. */
    public static <R> void onOpen(TableView<R> table, Consumer<R> action) {
        table.setRowFactory(t -> {
            TableRow<R> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    action.accept(row.getItem());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            R selected = table.getSelectionModel().getSelectedItem();
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && selected != null) {
                action.accept(selected);
            }
        });
    }

    /** A small card: a muted caption over a large value. */
    public static Node stat(String caption, ObservableStringValue value) {
        Label c = new Label(caption);
        c.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        Label v = new Label();
        v.textProperty().bind(value);
        v.getStyleClass().add(Styles.TITLE_3);
        VBox card = new VBox(2, c, v);
        card.getStyleClass().add("health-card");
        card.setPadding(new Insets(8, 14, 8, 14));
        card.setMinWidth(Region.USE_PREF_SIZE);
        return card;
    }

    /** A muted, wrapping label bound to {@code text}: a status or a hint. */
    public static Label muted(ObservableStringValue text) {
        Label label = new Label();
        label.textProperty().bind(text);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        label.setWrapText(true);
        return label;
    }

    /** A table's placeholder bound to {@code text}: muted, wrapping, at most 520 px wide, padded. */
    public static Label placeholder(ObservableStringValue text) {
        Label empty = muted(text);
        empty.setMaxWidth(520);
        empty.setPadding(new Insets(12));
        return empty;
    }

    /** A red, wrapping label shown only while the text is not empty. */
    public static Label error(ObservableStringValue text) {
        Label error = new Label();
        error.textProperty().bind(text);
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        error.visibleProperty().bind(error.textProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        return error;
    }

    /** A calm, wrapping notice with an info icon, shown only while the text is not empty: what the server does not offer. */
    public static Label notice(ObservableStringValue text) {
        Label notice = new Label();
        notice.textProperty().bind(text);
        notice.setGraphic(new FontIcon(Feather.INFO));
        notice.getStyleClass().addAll(Styles.TEXT_MUTED, "notice");
        notice.setWrapText(true);
        notice.visibleProperty().bind(notice.textProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        return notice;
    }

    /** Shows choices (of a combo box, or axis values) through {@code text}; never parses. */
    public static <T> StringConverter<T> converter(Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : text.apply(value);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }

    /** Binds a button to a command: the command runs on action, and the button is disabled while it cannot. */
    public static <B extends ButtonBase> B bind(B button, Command command) {
        button.setOnAction(e -> command.execute());
        button.disableProperty().bind(command.executableProperty().not());
        return button;
    }

    /** A button that runs {@code command}. */
    public static Button button(String text, Feather icon, Command command) {
        Button b = icon == null ? new Button(text) : new Button(text, new FontIcon(icon));
        b.setMinWidth(Region.USE_PREF_SIZE);
        return bind(b, command);
    }

    /** "Export CSV" for a table: the command asks where to save through the DialogService. */
    public static Button exportButton(Command export) {
        Button b = button("Export CSV", Feather.DOWNLOAD, export);
        b.getStyleClass().add(Styles.SMALL);
        b.setTooltip(new Tooltip("Write this table to a CSV file"));
        return b;
    }

    /**
     * A form line: the caption in bold at {@code captionWidth} (wider only if its text needs it), the
     * field filling the rest, and each non-null problem in red under the field.
     */
    public static Node formRow(String caption, double captionWidth, Node field, ObservableStringValue... errors) {
        Label label = new Label(caption);
        label.setMinWidth(Math.max(captionWidth, label.prefWidth(-1)));
        label.setPrefWidth(captionWidth);
        label.getStyleClass().add(Styles.TEXT_BOLD);
        HBox.setHgrow(field, Priority.ALWAYS);
        if (field instanceof Region r) {
            r.setMaxWidth(Double.MAX_VALUE);
        }
        HBox line = new HBox(10, label, field);
        line.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(3, line);
        for (ObservableStringValue error : errors) {
            if (error != null) {
                box.getChildren().add(formProblem(error, captionWidth));
            }
        }
        return box;
    }

    /** A problem in red, indented under the fields of {@link #formRow} lines. */
    public static Label formProblem(ObservableStringValue error, double captionWidth) {
        Label problem = error(error);
        problem.setPadding(new Insets(0, 0, 0, captionWidth + 10));
        return problem;
    }

    /**
     * Makes {@code type} the form dialog's save button (with {@code id} when not null): enabled while {@code canSave}, pressing it runs
     * {@code save} and keeps the dialog open; the dialog closes once {@code saved} turns true.
     */
    public static Button saveButton(Dialog<?> dialog, ButtonType type, String id, ObservableBooleanValue canSave,
                                    Runnable save, ObservableBooleanValue saved) {
        Button button = (Button) dialog.getDialogPane().lookupButton(type);
        if (id != null) {
            button.setId(id);
        }
        button.disableProperty().bind(Bindings.not(canSave));
        button.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            save.run();
        });
        saved.addListener((obs, old, done) -> {
            if (done) {
                dialog.close();
            }
        });
        return button;
    }

    /**
     * A two-column grid of captions and values kept in step with {@code fields}; values wrap, and
     * in {@code mono} type for identifiers and digests.
     */
    public static GridPane detailGrid(String id, ObservableList<DetailField> fields, boolean mono) {
        GridPane grid = new GridPane();
        grid.setId(id);
        grid.setHgap(12);
        grid.setVgap(6);
        fields.addListener((ListChangeListener<DetailField>) c -> {
            grid.getChildren().clear();
            int row = 0;
            for (DetailField f : fields) {
                Label name = new Label(f.name());
                name.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
                name.setMinWidth(Region.USE_PREF_SIZE);
                Label value = new Label(f.value());
                value.setWrapText(true);
                if (mono) {
                    value.getStyleClass().add("mono");
                }
                GridPane.setHgrow(value, Priority.ALWAYS);
                GridPane.setValignment(name, VPos.TOP);
                grid.addRow(row++, name, value);
            }
        });
        return grid;
    }
}
