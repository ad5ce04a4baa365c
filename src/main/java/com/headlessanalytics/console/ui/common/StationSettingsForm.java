package com.headlessanalytics.console.ui.common;

import com.headlessanalytics.console.hardware.scan.ScanThresholds;
import com.headlessanalytics.console.hardware.scan.StationSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The scanner station's settings as a form, shared by the Scanner station screen and Settings:
 * the texts as typed, the problem with them, and Save, which checks them, makes them the
 * {@linkplain #settingsProperty() current settings} and keeps them (console-settings.json).
 */
public final class StationSettingsForm {
    private final StringProperty stationName = new SimpleStringProperty();
    private final StringProperty minLength = new SimpleStringProperty();
    private final StringProperty maxAverageGap = new SimpleStringProperty();
    private final StringProperty maxGap = new SimpleStringProperty();
    private final BooleanProperty enterEnds = new SimpleBooleanProperty();
    private final BooleanProperty tabEnds = new SimpleBooleanProperty();
    private final BooleanProperty sound = new SimpleBooleanProperty();
    private final StringProperty serialPort = new SimpleStringProperty();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<StationSettings> settings = new ReadOnlyObjectWrapper<>();
    private final Consumer<StationSettings> keep;
    private final Command save = new Command(this::check);

    public StationSettingsForm(StationSettings initial, Consumer<StationSettings> keep) {
        this.keep = keep;
        settings.set(initial);
        ScanThresholds t = initial.thresholds();
        stationName.set(initial.stationName());
        minLength.set(String.valueOf(t.minLength()));
        maxAverageGap.set(String.valueOf(t.maxAverageGapMs()));
        maxGap.set(String.valueOf(t.maxGapMs()));
        enterEnds.set(t.enterEnds());
        tabEnds.set(t.tabEnds());
        sound.set(initial.sound());
        serialPort.set(initial.serialPort() == null ? "" : initial.serialPort());
    }

    private void check() {
        int min;
        int avg;
        int max;
        try {
            min = Integer.parseInt(minLength.get().strip());
            avg = Integer.parseInt(maxAverageGap.get().strip());
            max = Integer.parseInt(maxGap.get().strip());
        } catch (NumberFormatException | NullPointerException e) {
            problem.set("The length and gaps must be whole numbers");
            return;
        }
        List<String> problems = new ArrayList<>(ScanThresholds.problems(min, avg, max, enterEnds.get(), tabEnds.get()));
        String name = stationName.get() == null ? "" : stationName.get().strip();
        if (name.isEmpty() || name.length() > StationSettings.MAX_NAME) {
            problems.add(0, "the station name must be 1-" + StationSettings.MAX_NAME + " characters");
        }
        if (!problems.isEmpty()) {
            String text = String.join("; ", problems);
            problem.set(Character.toUpperCase(text.charAt(0)) + text.substring(1));
            return;
        }
        problem.set("");
        String port = serialPort.get() == null ? "" : serialPort.get().strip();
        StationSettings now = new StationSettings(name, new ScanThresholds(min, avg, max, enterEnds.get(),
                tabEnds.get()), sound.get(), port);
        settings.set(now);
        keep.accept(now);
    }

    /** The settings in use: the saved ones, replaced on each successful Save. */
    public ReadOnlyObjectProperty<StationSettings> settingsProperty() {
        return settings.getReadOnlyProperty();
    }

    public StationSettings settings() {
        return settings.get();
    }

    public StringProperty stationName() {
        return stationName;
    }

    public StringProperty minLength() {
        return minLength;
    }

    public StringProperty maxAverageGap() {
        return maxAverageGap;
    }

    public StringProperty maxGap() {
        return maxGap;
    }

    public BooleanProperty enterEnds() {
        return enterEnds;
    }

    public BooleanProperty tabEnds() {
        return tabEnds;
    }

    public BooleanProperty sound() {
        return sound;
    }

    public StringProperty serialPort() {
        return serialPort;
    }

    /** What is wrong with the values typed; empty when they were saved. */
    public ReadOnlyStringProperty problem() {
        return problem.getReadOnlyProperty();
    }

    public Command save() {
        return save;
    }
}
