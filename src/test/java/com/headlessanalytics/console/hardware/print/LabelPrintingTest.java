package com.headlessanalytics.console.hardware.print;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.hardware.labels.LabelDrawing;
import com.headlessanalytics.console.hardware.labels.LabelItem;
import com.headlessanalytics.console.hardware.labels.LabelJob;
import com.headlessanalytics.console.hardware.labels.LabelTemplates;
import com.headlessanalytics.console.hardware.labels.PageDrawing;
import com.headlessanalytics.console.symbols.ErrorCorrection;
import com.headlessanalytics.console.symbols.Symbology;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.print.Printer;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A real print: a two-page Avery 5160 job (starting at position 28 of a partly used sheet) goes
 * through JavaFX's PrinterJob to the CUPS PDF queue; the PDF is rasterised at 300 dpi and every
 * symbol must decode to its payload, its centre within 2 mm of where the page puts it. Skips,
 * saying why, without a default printer (CUPS with the PDF queue, see docs/labels-and-scanners.md)
 * or pdftoppm.
 */
class LabelPrintingTest {
    static final int DPI = 300;
    @TempDir
    Path dir;

    @BeforeAll
    static void startToolkit() {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyRunning) {
            // another UI test started the toolkit
        }
        Platform.setImplicitExit(false);
    }

    static List<LabelItem> items(int n) {
        List<LabelItem> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String code = "7K3M9Q" + (char) ('A' + i) + "2";
            items.add(new LabelItem(code, "Bottle " + i, "https://shop.example.com/p/" + i + "?ha_code=" + code,
                    Symbology.QR));
        }
        return items;
    }

    @Test
    void aJobPrintedToTheCupsPdfQueueDecodesToItsPayloadsWhereTheTemplatePutsThem() throws Exception {
        Assumptions.assumeTrue(Printer.getDefaultPrinter() != null,
                "no default printer: start CUPS with the PDF queue (cups cups-pdf cups-bsd) to run the print test");
        Assumptions.assumeTrue(PrintedPages.onPath("pdftoppm"), "pdftoppm (poppler-utils) is not installed");
        LabelJob job = new LabelJob(LabelTemplates.AVERY_5160, items(7), 28, ErrorCorrection.M);
        assertThat(job.pageCount()).isEqualTo(2);

        Stage stage = WaitForAsyncUtils.asyncFx(() -> {
            Stage s = new Stage();
            s.setScene(new Scene(new StackPane(PageNodes.node(LabelDrawing.page(job, 0), 2.0)), 640, 820));
            s.show();
            return s;
        }).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        Map<Path, Long> before = PrintedPages.snapshot();
        List<Integer> done = new ArrayList<>();
        LabelPrinter.Printed printed;
        try {
            printed = new LabelPrinting().print(job, PrintChoice.none(), done::add, () -> false);
        } finally {
            WaitForAsyncUtils.asyncFx(stage::close).get(10, TimeUnit.SECONDS);
        }
        assertThat(done).containsExactly(1, 2);
        assertThat(printed.printer()).isEqualTo(Printer.getDefaultPrinter().getName());
        assertThat(printed.landscape()).isFalse();

        Path pdf = PrintedPages.awaitNewPdf(before, 90_000);
        List<BufferedImage> pages = PrintedPages.rasterise(pdf, DPI, dir);
        assertThat(pages).as("pages of %s", pdf).hasSize(2);
        assertThat(pages.get(0).getWidth()).as("US Letter at 300 dpi").isBetween(2540, 2560);
        double px = DPI / 25.4;
        for (LabelJob.Placement p : job.placements()) {
            BufferedImage page = pages.get(p.page());
            PrintedPages.Decoded decoded = PrintedPages.decode(page, (int) ((p.xMm() - 1) * px),
                    (int) ((p.yMm() - 1) * px), (int) ((job.template().labelWidthMm() + 2) * px),
                    (int) ((job.template().labelHeightMm() + 2) * px));
            assertThat(decoded).as("the symbol of %s on page %d, slot %d", p.item().code(), p.page() + 1, p.slot() + 1)
                    .isNotNull();
            assertThat(decoded.text()).isEqualTo(p.item().payload());
            double[] centre = symbolCentre(LabelDrawing.page(job, p.page()), job, p);
            assertThat(decoded.centreX() / px).as("centre x of %s (mm)", p.item().code())
                    .isCloseTo(centre[0], org.assertj.core.data.Offset.offset(2.0));
            assertThat(decoded.centreY() / px).as("centre y of %s (mm)", p.item().code())
                    .isCloseTo(centre[1], org.assertj.core.data.Offset.offset(2.0));
        }
        javax.imageio.ImageIO.write(pages.get(0), "png", Path.of("target", "print-page-1.png").toFile());
    }

    /** The centre of the boxes the drawing puts inside the placement's label: its symbol's centre, in mm. */
    static double[] symbolCentre(PageDrawing page, LabelJob job, LabelJob.Placement p) {
        double x0 = Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        for (PageDrawing.Mark m : page.marks()) {
            if (m instanceof PageDrawing.Box b && b.xMm() >= p.xMm() && b.yMm() >= p.yMm()
                    && b.xMm() + b.widthMm() <= p.xMm() + job.template().labelWidthMm() + 1e-6
                    && b.yMm() + b.heightMm() <= p.yMm() + job.template().labelHeightMm() + 1e-6) {
                x0 = Math.min(x0, b.xMm());
                y0 = Math.min(y0, b.yMm());
                x1 = Math.max(x1, b.xMm() + b.widthMm());
                y1 = Math.max(y1, b.yMm() + b.heightMm());
            }
        }
        return new double[] {(x0 + x1) / 2, (y0 + y1) / 2};
    }
}
