package com.headlessanalytics.console.ui.events;

import atlantafx.base.theme.Styles;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.Property;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.StringProperty;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The "Send test event" dialog: one field per envelope part, each with its problem in red below
 * it as the user types. Send stays disabled while anything is invalid; the dialog closes once the
 * event is stored and stays open with the API's answer when sending fails.
 */
public final class TestEventView extends Dialog<Void> {
    static final ButtonType SEND = new ButtonType("Send", ButtonBar.ButtonData.OK_DONE);
    private static final double LABEL_WIDTH = 90;

    public TestEventView(TestEventViewModel model, Window owner) {
        initOwner(owner);
        setTitle("Send test event");
        setHeaderText("Send a test event to this workspace");
        setResizable(true);
        if (owner != null && owner.getScene() != null) {
            getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
        }

        TextField event = text(new TextField(), model.eventNameProperty(), "e.g. order.created");
        TextField actor = text(new TextField(), model.actorIdProperty(), "Optional, e.g. cust_42");
        TextField trace = text(new TextField(), model.traceIdProperty(), "Optional");
        ComboBox<?> tier = choice(model.tiers(), model::tierLabel, model.trustTierProperty());
        tier.setPromptText("None");
        TextField business = text(new TextField(), model.businessProperty(), "Optional; the workspace's default business");
        TextArea properties = text(new TextArea(), model.propertiesJsonProperty(), "A JSON object, or empty");
        properties.getStyleClass().add("mono");
        properties.setPrefRowCount(6);
        properties.setMinHeight(Region.USE_PREF_SIZE);
        properties.setWrapText(true);

        VBox form = new VBox(8,
                row("Event name", event, model.eventErrorProperty()),
                row("Actor id", actor, model.actorErrorProperty()),
                row("Trace ID", trace, model.traceErrorProperty()),
                row("Trust tier", tier, model.trustTierErrorProperty()),
                row("Business", business, model.businessErrorProperty()),
                row("Properties", properties, model.propertiesErrorProperty()));

        Label formError = error(model.formErrorProperty());
        Label sendError = error(model.sendErrorProperty());
        Label sending = new Label("Sending…");
        sending.getStyleClass().add(Styles.TEXT_MUTED);
        sending.visibleProperty().bind(model.sendingProperty());
        sending.managedProperty().bind(sending.visibleProperty());
        VBox content = new VBox(12, form, formError, sendError, sending);
        content.setPadding(new Insets(8, 4, 0, 4));
        content.setPrefWidth(560);
        getDialogPane().setContent(content);
        content.needsLayoutProperty().addListener((obs, was, needs) -> {
            if (!needs) {
                growToFit();
            }
        });

        getDialogPane().getButtonTypes().setAll(SEND, ButtonType.CANCEL);
        Button send = (Button) getDialogPane().lookupButton(SEND);
        send.disableProperty().bind(model.sendCommand().executableProperty().not());
        send.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            model.sendCommand().execute();
        });
        model.sentProperty().addListener((obs, was, sent) -> {
            if (sent) {
                close();
            }
        });
        setOnShown(e -> event.requestFocus());
    }

    /** Makes the window taller when problems shown under the fields need the room; it never shrinks by itself. */
    private void growToFit() {
        if (!isShowing() || getDialogPane().getScene() == null) {
            return;
        }
        double needed = getDialogPane().prefHeight(getDialogPane().getWidth());
        double shown = getDialogPane().getScene().getHeight();
        if (shown > 0 && needed > shown + 0.5) {
            setHeight(getHeight() + needed - shown);
        }
    }

    private static <T extends TextInputControl> T text(T control, StringProperty property, String prompt) {
        control.setPromptText(prompt);
        control.textProperty().bindBidirectional(property);
        return control;
    }

    /** A label, and below the field its problem, which wraps and pushes the next row down. */
    private static HBox row(String name, Node field, ReadOnlyStringProperty problem) {
        Label label = new Label(name);
        label.setLabelFor(field);
        label.setMinWidth(LABEL_WIDTH);
        label.setPrefWidth(LABEL_WIDTH);
        label.setAlignment(Pos.CENTER_RIGHT);
        label.setPadding(new Insets(7, 0, 0, 0));
        if (field instanceof Region r) {
            r.setMaxWidth(field instanceof ComboBox ? 260 : Double.MAX_VALUE);
        }
        VBox fieldAndProblem = new VBox(4, field, error(problem));
        HBox.setHgrow(fieldAndProblem, Priority.ALWAYS);
        HBox row = new HBox(12, label, fieldAndProblem);
        row.setAlignment(Pos.TOP_LEFT);
        return row;
    }

    private static Label error(ReadOnlyStringProperty problem) {
        Label label = new Label();
        label.textProperty().bind(problem);
        label.getStyleClass().add(Styles.DANGER);
        label.setWrapText(true);
        label.setMaxWidth(Double.MAX_VALUE);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.visibleProperty().bind(problem.isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    /** A drop-down of {@code choices} shown through {@code label} (null included), bound to {@code value}. */
    private static <T> ComboBox<T> choice(List<T> choices, Function<T, String> label, Property<T> value) {
        ComboBox<T> box = new ComboBox<>();
        box.getItems().setAll(choices);
        box.setCellFactory(list -> new LabelCell<>(label));
        box.setButtonCell(new LabelCell<>(label));
        box.valueProperty().bindBidirectional(value);
        return box;
    }

    /** A choice as its label; the empty choice too. */
    private static final class LabelCell<T> extends ListCell<T> {
        private final Function<T, String> label;

        LabelCell(Function<T, String> label) {
            this.label = label;
        }

        @Override
        protected void updateItem(T item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : label.apply(item));
        }
    }
}
