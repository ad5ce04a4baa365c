package com.headlessanalytics.console.ui.common;

import java.time.LocalDate;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/**
 * Picks a {@link DateRange}: a preset drop-down, and two day pickers shown only for a custom range.
 * Edits the given property; follows it when someone else changes it.
 */
public final class DateRangeBar extends HBox {
    private final ObjectProperty<DateRange> range;
    private final ComboBox<DateRange.Preset> preset = new ComboBox<>();
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private boolean syncing;

    public DateRangeBar(ObjectProperty<DateRange> range) {
        super(6);
        this.range = range;
        setAlignment(Pos.CENTER_LEFT);
        preset.getItems().setAll(DateRange.Preset.values());
        preset.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        preset.setTooltip(new Tooltip("The period to query; custom ranges are whole days in this computer's time zone"));
        from.setPromptText("From");
        to.setPromptText("To");
        from.setPrefWidth(125);
        to.setPrefWidth(125);
        Label dash = new Label("–");
        for (var node : new javafx.scene.Node[] {from, dash, to}) {
            node.visibleProperty().bind(preset.valueProperty().isEqualTo(DateRange.Preset.CUSTOM));
            node.managedProperty().bind(node.visibleProperty());
        }
        getChildren().addAll(preset, from, dash, to);
        show(range.get());
        range.addListener((obs, old, value) -> show(value));
        preset.valueProperty().addListener((obs, old, value) -> edited());
        from.valueProperty().addListener((obs, old, value) -> {
            if (!syncing && value != null && to.getValue() != null && value.isAfter(to.getValue())) {
                to.setValue(value);
            }
            edited();
        });
        to.valueProperty().addListener((obs, old, value) -> {
            if (!syncing && value != null && from.getValue() != null && value.isBefore(from.getValue())) {
                from.setValue(value);
            }
            edited();
        });
    }

    private void show(DateRange value) {
        if (syncing) {
            return;
        }
        syncing = true;
        try {
            DateRange r = value == null ? DateRange.last7Days() : value;
            preset.setValue(r.preset());
            if (r.preset() == DateRange.Preset.CUSTOM) {
                from.setValue(r.from());
                to.setValue(r.to());
            }
        } finally {
            syncing = false;
        }
    }

    private void edited() {
        if (syncing || preset.getValue() == null) {
            return;
        }
        syncing = true;
        try {
            if (preset.getValue() != DateRange.Preset.CUSTOM) {
                range.set(DateRange.of(preset.getValue()));
                return;
            }
            if (from.getValue() == null && to.getValue() == null) {
                LocalDate today = LocalDate.now();
                from.setValue(today.minusDays(6));
                to.setValue(today);
            }
            LocalDate start = from.getValue();
            LocalDate end = to.getValue();
            if (start != null && end != null && start.isAfter(end)) {
                return;
            }
            range.set(DateRange.custom(start, end));
        } finally {
            syncing = false;
        }
    }
}
