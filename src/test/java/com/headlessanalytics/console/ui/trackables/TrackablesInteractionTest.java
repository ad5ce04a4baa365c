package com.headlessanalytics.console.ui.trackables;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Trackables;
import com.headlessanalytics.console.hardware.print.DrawingDecoder;
import com.headlessanalytics.console.ui.EngineScreenTest;
import com.headlessanalytics.console.ui.ScreenRobot;
import java.awt.image.BufferedImage;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;

/**
 * Trackables over a real engine in a real window: search, select, the symbol on screen decodes to
 * the payload, the recent scans are the engine's events of that code, Copy, Open in Events, Print
 * labels, and a trackable created through the form is listed and selected.
 */
class TrackablesInteractionTest extends EngineScreenTest {

    @Test
    void searchSelectScanDrillPrintAndCreate() throws Exception {
        HeadlessApi api = engine.defaultWorkspace();
        Trackables.Trackable riesling = api.createTrackable(new Trackables.NewTrackable("qr_code",
                "Riesling 0.75 l, batch 12", "https://shop.example.com/riesling", null, false));
        Trackables.Trackable crate = api.createTrackable(new Trackables.NewTrackable("barcode", "Crate 12", null,
                "crate.scanned", false));
        for (int i = 0; i < 3; i++) {
            api.ingest(List.of(Trackables.scanEvent(riesling, Trackables.CHANNEL_SCAN, Map.of("type", "station",
                    "id", "dock-1"), "scan_" + i, 1_764_600_000_000L + i * 60_000L)));
        }
        api.ingest(List.of(Trackables.scanEvent(crate, Trackables.CHANNEL_SCAN, Map.of("type", "station",
                "id", "dock-1"), "scan_c", 1_764_600_500_000L)));
        List<String> copied = new CopyOnWriteArrayList<>();
        List<List<Trackables.Trackable>> printed = new CopyOnWriteArrayList<>();
        TrackablesViewModel model = ScreenRobot.onFx(() -> new TrackablesViewModel(engine::defaultWorkspace, tasks,
                dialogs, copied::add, drilled::add, ZoneOffset.UTC, printed::add));
        try (ScreenRobot robot = ScreenRobot.show(() -> new TrackablesView(model))) {
            robot.read(() -> {
                model.activate();
                return null;
            });
            robot.waitUntil(() -> model.rows().size() == 2, () -> "rows " + model.rows());
            assertThat(robot.read(() -> model.rows().stream().filter(r -> r.code().equals(riesling.code()))
                    .findFirst().orElseThrow().scans())).isEqualTo(3);
            robot.typeInto("#trackables-search", "ries");
            robot.waitUntil(() -> model.rows().size() == 1, () -> "rows " + model.rows());
            // newest first, Riesling was listed second: that cell shows it until the layout pulse after the search
            TableView<TrackablesViewModel.Row> table = robot.find("#trackables-table");
            robot.waitUntil(() -> drawn(table, model.rows()), () -> "the searched rows are not drawn: " + model.rows());
            robot.clickOn("Riesling 0.75 l, batch 12");
            robot.waitUntil(() -> model.events().size() == 3, () -> "events " + model.events());
            assertThat(robot.read(() -> List.copyOf(model.events()))).allMatch(e -> e.channel().equals("scan"));

            Node symbol = robot.find("#trackables-symbol");
            BufferedImage shot = robot.read(() -> SwingFXUtils.fromFXImage(symbol.snapshot(null, null), null));
            assertThat(DrawingDecoder.decode(shot)).as("the symbol on screen").isEqualTo(riesling.payload());

            robot.clickOn("#trackables-copy");
            robot.waitUntil(() -> copied.size() == 1, () -> "copied " + copied);
            assertThat(copied).containsExactly(riesling.payload());
            robot.clickOn("#trackables-open-events");
            robot.waitUntil(() -> drilled.size() == 1, () -> "drilled " + drilled);
            assertThat(api.events(drilled.get(0)).events()).hasSize(3)
                    .allMatch(e -> riesling.code().equals(e.trackable().get("code")));
            robot.clickOn("#trackables-print");
            robot.waitUntil(() -> printed.size() == 1, () -> "printed " + printed);
            assertThat(printed.get(0)).extracting(Trackables.Trackable::code).containsExactly(riesling.code());

            robot.clickOn("#trackables-new");
            robot.waitUntil(() -> dialogs.forms.size() == 1, () -> "forms " + dialogs.forms);
            TrackableFormViewModel form = (TrackableFormViewModel) dialogs.forms.get(0);
            robot.read(() -> {
                form.nameProperty().set("Tasting flyer");
                form.save();
                return null;
            });
            robot.waitUntil(() -> form.savedProperty().get(), () -> "not saved: " + form.saveErrorProperty().get());
            robot.typeInto("#trackables-search", "");
            robot.waitUntil(() -> model.rows().size() == 3 && model.selectedProperty().get() != null
                    && model.selectedProperty().get().name().equals("Tasting flyer"), () -> "rows " + model.rows());
            assertThat(api.trackables(Trackables.Query.all()).trackables()).hasSize(3);
            robot.screenshot("interaction-trackables");
        }
    }

    /**
     * Whether the table's visible row cells show exactly {@code rows}, each at its index with its
     * name: cells take a new list's items at the next layout pulse, not when the list changes.
     */
    static boolean drawn(TableView<?> table, List<TrackablesViewModel.Row> rows) {
        List<TableRow<?>> shown = table.lookupAll(".table-row-cell").stream().<TableRow<?>>map(n -> (TableRow<?>) n)
                .filter(r -> r.isVisible() && !r.isEmpty()).toList();
        return shown.size() == rows.size() && shown.stream().allMatch(r -> r.getIndex() < rows.size()
                && rows.get(r.getIndex()).equals(r.getItem()) && r.lookupAll(".table-cell").stream()
                .anyMatch(c -> rows.get(r.getIndex()).name().equals(((Labeled) c).getText())));
    }
}
