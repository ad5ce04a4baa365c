package com.headlessanalytics.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Trackables;
import com.headlessanalytics.console.hardware.print.PrintChoice;
import com.headlessanalytics.console.ui.labels.LabelsView;
import com.headlessanalytics.console.ui.labels.LabelsViewModel;
import com.headlessanalytics.console.ui.trackables.TrackablesView;
import com.headlessanalytics.console.ui.trackables.TrackablesViewModel;
import com.headlessanalytics.console.hardware.labels.LabelJob;
import com.headlessanalytics.console.hardware.labels.LabelTemplate;
import com.headlessanalytics.console.hardware.print.LabelPrinter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import javafx.scene.Node;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Trackables and Labels over a real engine with data, light and dark, for a person to look at
 * (target/screenshots/labels-*.png): a QR trackable selected with its symbol, payload and scans;
 * seven labels on an Avery 5160 sheet from position 4, previewed.
 */
class LabelsScreenshotTest extends EngineScreenTest {

    /** A printer list without a print system: the screenshots show the choice, nothing is printed. */
    static final class ListedPrinters implements LabelPrinter {
        @Override
        public List<String> printers() {
            return List.of("PDF");
        }

        @Override
        public Optional<String> defaultPrinter() {
            return Optional.of("PDF");
        }

        @Override
        public List<String> papers(String printer) {
            return List.of("A4", "Letter");
        }

        @Override
        public Optional<String> paperFor(String printer, LabelTemplate template) {
            return Optional.of("Letter");
        }

        @Override
        public Printed print(LabelJob job, PrintChoice choice, IntConsumer pageDone, BooleanSupplier cancelled) {
            throw new UnsupportedOperationException("the screenshot test prints nothing");
        }
    }

    /** Seven QR trackables, a barcode and an agent in the engine; the first QR one scanned five times at a station. */
    List<Trackables.Trackable> fill() {
        HeadlessApi api = engine.defaultWorkspace();
        String[] names = {"Riesling 0.75 l, batch 12", "Pinot noir 0.75 l", "Gift box", "Shelf B4", "Pallet 17",
            "Tasting flyer", "Cellar door"};
        List<Trackables.Trackable> made = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            made.add(api.createTrackable(new Trackables.NewTrackable("qr_code", names[i],
                    i % 3 == 2 ? null : "https://shop.example.com/p/" + (100 + i), null, false)));
        }
        made.add(api.createTrackable(new Trackables.NewTrackable("barcode", "Crate 12", null, "crate.scanned",
                false)));
        made.add(api.createTrackable(new Trackables.NewTrackable("ai_agent", "Pricing agent", null, "agent.run",
                false)));
        for (int i = 0; i < 5; i++) {
            api.ingest(List.of(Trackables.scanEvent(made.get(0), Trackables.CHANNEL_SCAN, Map.of("type", "station",
                    "id", "dock-1"), "scan_" + i, 1_764_600_000_000L + i * 3_600_000L)));
        }
        return made;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void rendersTrackablesAndLabelsWithData(boolean dark) throws Exception {
        String theme = dark ? "dark" : "light";
        List<Trackables.Trackable> made = fill();
        TrackablesViewModel trackables = ScreenRobot.onFx(() -> new TrackablesViewModel(engine::defaultWorkspace,
                tasks, dialogs, text -> { }, query -> { }, ZoneOffset.UTC, picked -> { }));
        try (ScreenRobot robot = ScreenRobot.show(() -> new TrackablesView(trackables), dark)) {
            robot.read(() -> {
                trackables.activate();
                return null;
            });
            robot.waitUntil(() -> trackables.rows().size() == 9, () -> "rows " + trackables.rows());
            robot.read(() -> {
                trackables.selectedProperty().set(trackables.rows().stream()
                        .filter(r -> r.code().equals(made.get(0).code())).findFirst().orElseThrow());
                return null;
            });
            robot.waitUntil(() -> trackables.events().size() == 5, () -> "events " + trackables.events());
            Node symbol = robot.find("#trackables-symbol");
            assertThat(robot.read(symbol::isVisible)).isTrue();
            robot.screenshot("labels-trackables-" + theme);
        }

        LabelsViewModel labels = ScreenRobot.onFx(() -> new LabelsViewModel(engine::defaultWorkspace, tasks, dialogs,
                new ListedPrinters(), PrintChoice.none(), choice -> { }));
        try (ScreenRobot robot = ScreenRobot.show(() -> new LabelsView(labels), dark)) {
            robot.read(() -> {
                labels.activate();
                return null;
            });
            robot.waitUntil(() -> labels.available().size() == 9 && labels.printerProperty().get() != null,
                    () -> "available " + labels.available());
            robot.read(() -> {
                labels.show(made.subList(0, 7));
                labels.startPositionProperty().set(4);
                return null;
            });
            robot.waitUntil(() -> labels.drawingProperty().get() != null, () -> "no preview");
            robot.screenshot("labels-labels-" + theme);
        }
    }
}
