package com.headlessanalytics.console.ui.common;

import javafx.beans.property.StringProperty;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** The scanner station's settings form, as the Scanner station screen and Settings show it. */
public final class StationSettingsView extends VBox {

    public StationSettingsView(StationSettingsForm form) {
        super(10);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        int row = 0;
        grid.addRow(row++, new Label("Station name"), field("scanner-station-name", form.stationName()));
        grid.addRow(row++, new Label("Minimum length"), field("scanner-min-length", form.minLength()));
        grid.addRow(row++, new Label("Average gap (ms)"), field("scanner-average-gap", form.maxAverageGap()));
        grid.addRow(row++, new Label("Longest gap (ms)"), field("scanner-max-gap", form.maxGap()));
        grid.add(check("scanner-enter-ends", "Enter ends a scan", form.enterEnds()), 1, row++);
        grid.add(check("scanner-tab-ends", "Tab ends a scan", form.tabEnds()), 1, row++);
        grid.add(check("scanner-sound", "Sound on each scan", form.sound()), 1, row++);
        grid.addRow(row, new Label("Serial port"), field("scanner-serial-port", form.serialPort()));
        grid.getChildren().forEach(n -> {
            if (n instanceof Label label) {
                label.setMinWidth(Region.USE_PREF_SIZE);
            }
        });
        Button save = ViewParts.button("Save", Feather.SAVE, form.save());
        save.setId("scanner-save-settings");
        Label problem = ViewParts.error(form.problem());
        problem.setId("scanner-settings-problem");
        problem.setMaxWidth(320);
        getChildren().addAll(grid, save, problem);
    }

    private static CheckBox check(String id, String text, javafx.beans.property.BooleanProperty value) {
        CheckBox box = new CheckBox(text);
        box.setId(id);
        box.selectedProperty().bindBidirectional(value);
        return box;
    }

    private static TextField field(String id, StringProperty value) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(value);
        f.setPrefColumnCount(12);
        return f;
    }
}
