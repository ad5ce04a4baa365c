package com.headlessanalytics.console.ui.labels;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Trackables;
import com.headlessanalytics.console.hardware.labels.LabelJob;
import com.headlessanalytics.console.hardware.print.LabelPrinting;
import com.headlessanalytics.console.hardware.print.PrintChoice;
import com.headlessanalytics.console.hardware.print.PrintMargins;
import com.headlessanalytics.console.hardware.print.PrintedPages;
import com.headlessanalytics.console.ui.EngineScreenTest;
import com.headlessanalytics.console.ui.ScreenRobot;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.animation.AnimationTimer;
import javafx.print.Printer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Labels over a real engine in a real window, printing to the CUPS PDF queue: search and Add all
 * shown, a start position clicked on the sheet grid, paging the preview, the printer minimum
 * margins chosen (and remembered), Print; then every symbol of the PDF decodes to its payload in
 * the label the template puts it in. The printing part skips, saying why, without a default
 * printer or pdftoppm.
 */
class LabelsInteractionTest extends EngineScreenTest {

    @Test
    void picksAStartPositionAndPrintsWhatThePreviewShows() throws Exception {
        HeadlessApi api = engine.defaultWorkspace();
        for (int i = 1; i <= 5; i++) {
            api.createTrackable(new Trackables.NewTrackable("qr_code", "Bottle " + i,
                    "https://shop.example.com/b/" + i, null, false));
        }
        api.createTrackable(new Trackables.NewTrackable("barcode", "Crate", null, null, false));
        ScreenRobot.startToolkit();
        List<PrintChoice> remembered = new CopyOnWriteArrayList<>();
        LabelsViewModel model = ScreenRobot.onFx(() -> new LabelsViewModel(engine::defaultWorkspace, tasks, dialogs,
                new LabelPrinting(), PrintChoice.none(), remembered::add));
        try (ScreenRobot robot = ScreenRobot.show(() -> new LabelsView(model))) {
            robot.read(() -> {
                model.activate();
                return null;
            });
            robot.waitUntil(() -> model.available().size() == 6, () -> "available " + model.available());
            robot.typeInto("#labels-search", "bottle");
            robot.waitUntil(() -> model.available().size() == 5, () -> "available " + model.available());
            robot.clickOn("#labels-add-all");
            robot.waitUntil(() -> model.picked().size() == 5, () -> "picked " + model.picked());
            robot.clickOn("#labels-position-27");
            robot.waitUntil(() -> model.pageTextProperty().get().equals("Page 1 of 2")
                    && model.drawingProperty().get() != null, () -> model.pageTextProperty().get());
            assertThat(model.startPositionProperty().get()).isEqualTo(27);
            robot.clickOn("#labels-page-next");
            robot.waitUntil(() -> model.pageTextProperty().get().equals("Page 2 of 2"),
                    () -> model.pageTextProperty().get());
            robot.screenshot("interaction-labels");

            Assumptions.assumeTrue(Printer.getDefaultPrinter() != null,
                    "no default printer: start CUPS with the PDF queue (cups cups-pdf cups-bsd) to print");
            Assumptions.assumeTrue(PrintedPages.onPath("pdftoppm"), "pdftoppm (poppler-utils) is not installed");
            String printer = Printer.getDefaultPrinter().getName();
            robot.waitUntil(() -> printer.equals(model.printerProperty().get()) && !model.papers().isEmpty(),
                    () -> "printer " + model.printerProperty().get());
            robot.choose("#labels-margins", PrintMargins.HARDWARE_MINIMUM.label());
            robot.waitUntil(() -> !remembered.isEmpty(), () -> "nothing remembered");
            assertThat(remembered.get(remembered.size() - 1))
                    .isEqualTo(new PrintChoice(printer, null, PrintMargins.HARDWARE_MINIMUM));

            Map<Path, Long> before = PrintedPages.snapshot();
            LabelJob job = robot.read(() -> model.job().orElseThrow());
            long[] gap = {0, 0};
            AnimationTimer pulses = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    if (gap[1] != 0) {
                        gap[0] = Math.max(gap[0], now - gap[1]);
                    }
                    gap[1] = now;
                }
            };
            robot.read(() -> {
                pulses.start();
                return null;
            });
            long started = System.nanoTime();
            robot.clickOn("#labels-print");
            robot.waitUntil(() -> dialogs.notices.stream().anyMatch(n -> n.startsWith("Printed"))
                    || !dialogs.errors.isEmpty(), () -> "notices " + dialogs.notices);
            long took = System.nanoTime() - started;
            robot.read(() -> {
                pulses.stop();
                return null;
            });
            System.out.printf("labels print: 2 pages handed to %s in %d ms; longest FX pulse gap meanwhile %d ms%n",
                    printer, took / 1_000_000, gap[0] / 1_000_000);
            assertThat(dialogs.errors).isEmpty();
            assertThat(dialogs.notices).anyMatch(n -> n.startsWith("Printed 5 labels on 2 pages to " + printer));
            Path pdf = PrintedPages.awaitNewPdf(before, 90_000);
            Path work = Files.createDirectories(dir.resolve("pages"));
            List<BufferedImage> pages = PrintedPages.rasterise(pdf, 300, work);
            assertThat(pages).hasSize(2);
            double px = 300 / 25.4;
            for (LabelJob.Placement p : job.placements()) {
                PrintedPages.Decoded decoded = PrintedPages.decode(pages.get(p.page()), (int) ((p.xMm() - 1) * px),
                        (int) ((p.yMm() - 1) * px), (int) ((job.template().labelWidthMm() + 2) * px),
                        (int) ((job.template().labelHeightMm() + 2) * px));
                assertThat(decoded).as("label %s at page %d slot %d", p.item().code(), p.page() + 1, p.slot() + 1)
                        .isNotNull();
                assertThat(decoded.text()).isEqualTo(p.item().payload());
            }
        }
    }
}
