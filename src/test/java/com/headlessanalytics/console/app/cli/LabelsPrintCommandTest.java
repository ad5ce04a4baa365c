package com.headlessanalytics.console.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.Trackables;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.hardware.labels.LabelItem;
import com.headlessanalytics.console.hardware.labels.LabelJob;
import com.headlessanalytics.console.hardware.labels.LabelTemplates;
import com.headlessanalytics.console.hardware.print.PrintedPages;
import com.headlessanalytics.console.symbols.ErrorCorrection;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.print.Printer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code labels print} on a real data folder: every trackable on an A4 L7160 sheet from position
 * 20 goes to the CUPS PDF queue and each symbol of the PDF decodes to its payload; an unknown
 * printer, code or template is refused with its reason. The toolkit is started first, as the other
 * UI tests share it, so the command leaves it running.
 */
class LabelsPrintCommandTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void toolkit() {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyRunning) {
            // another UI test started the toolkit
        }
        Platform.setImplicitExit(false);
    }

    static CliTest.Run print(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "labels";
        all[1] = "print";
        System.arraycopy(args, 0, all, 2, args.length);
        return CliTest.run(all);
    }

    private List<Trackables.Trackable> fill(Path data, int n) {
        List<Trackables.Trackable> made = new ArrayList<>();
        try (Engine engine = Engine.open(data)) {
            for (int i = 1; i <= n; i++) {
                made.add(engine.defaultWorkspace().createTrackable(new Trackables.NewTrackable("qr_code",
                        "Jar " + i, "https://shop.example.com/jar/" + i, null, false)));
            }
        }
        return made;
    }

    @Test
    void printsEveryTrackableFromAStartPositionAndTheSymbolsDecode() throws Exception {
        Assumptions.assumeTrue(Printer.getDefaultPrinter() != null,
                "no default printer: start CUPS with the PDF queue (cups cups-pdf cups-bsd) to run the print test");
        Assumptions.assumeTrue(PrintedPages.onPath("pdftoppm"), "pdftoppm (poppler-utils) is not installed");
        Path data = dir.resolve("data");
        List<Trackables.Trackable> made = fill(data, 4);
        String printer = Printer.getDefaultPrinter().getName();
        Map<Path, Long> before = PrintedPages.snapshot();
        CliTest.Run run = print("--data-dir", data.toString(), "--printer", printer, "--template", "avery-l7160",
                "--start", "20", "--all");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().strip()).startsWith("Printed 4 labels on 2 pages of avery-l7160 to " + printer + " (A4");
        assertThat(run.err()).contains("Page 1 of 2 sent", "Page 2 of 2 sent");

        LabelJob job = new LabelJob(LabelTemplates.AVERY_L7160, made.stream().map(LabelItem::of).toList(), 20,
                ErrorCorrection.M);
        Path pdf = PrintedPages.awaitNewPdf(before, 90_000);
        List<BufferedImage> pages = PrintedPages.rasterise(pdf, 300, Files.createDirectories(dir.resolve("pages")));
        assertThat(pages).hasSize(2);
        double px = 300 / 25.4;
        for (LabelJob.Placement p : job.placements()) {
            PrintedPages.Decoded decoded = PrintedPages.decode(pages.get(p.page()), (int) ((p.xMm() - 1) * px),
                    (int) ((p.yMm() - 1) * px), (int) ((job.template().labelWidthMm() + 2) * px),
                    (int) ((job.template().labelHeightMm() + 2) * px));
            assertThat(decoded).as("label %s", p.item().code()).isNotNull();
            assertThat(decoded.text()).isEqualTo(p.item().payload());
        }
    }

    @Test
    void refusesWhatItCannotPrintWithTheReason() {
        Path data = dir.resolve("data");
        Trackables.Trackable jar = fill(data, 1).get(0);
        CliTest.Run noPrinter = print("--data-dir", data.toString(), "--printer", "No such printer", "--template",
                "avery-5160", "--code", jar.code());
        assertThat(noPrinter.exit()).isEqualTo(HaCommand.REJECTED);
        assertThat(noPrinter.err()).contains("no printer named \"No such printer\"");

        CliTest.Run unknownCode = print("--data-dir", data.toString(), "--printer", "PDF", "--template",
                "avery-5160", "--code", "ZZZZZZZZ");
        assertThat(unknownCode.exit()).isEqualTo(HaCommand.REJECTED);

        CliTest.Run badTemplate = print("--data-dir", data.toString(), "--printer", "PDF", "--template", "a5",
                "--all");
        assertThat(badTemplate.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(badTemplate.err()).contains("unknown template 'a5'");

        CliTest.Run badStart = print("--data-dir", data.toString(), "--printer", "PDF", "--template", "avery-5160",
                "--start", "31", "--all");
        assertThat(badStart.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(print("--data-dir", data.toString(), "--printer", "PDF", "--template", "avery-5160").exit())
                .as("no --code or --all").isEqualTo(CommandLine.ExitCode.USAGE);
    }
}
