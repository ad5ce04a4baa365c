package com.headlessanalytics.console.hardware.print;

import com.headlessanalytics.console.hardware.labels.LabelDrawing;
import com.headlessanalytics.console.hardware.labels.LabelJob;
import com.headlessanalytics.console.hardware.labels.LabelTemplate;
import com.headlessanalytics.console.hardware.labels.PageDrawing;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import javafx.print.PageLayout;
import javafx.print.PageOrientation;
import javafx.print.Paper;
import javafx.print.PrintResolution;
import javafx.print.Printer;
import javafx.print.PrinterJob;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.shape.Rectangle;

/**
 * Label jobs through JavaFX {@link PrinterJob}: each page is the {@link PageNodes} node at
 * {@link PageNodes#POINTS_PER_MM}, so a millimetre of the template is a millimetre on paper
 * whatever the printer's resolution (the node is vector; the driver rasterises it at its own
 * dots). JavaFX places a node at the corner of the printable area, so the page is shifted back
 * by the layout's left and top margins: the labels land where the sheet's die-cuts are, and only
 * what lies outside the printable area is clipped. Needs the JavaFX toolkit started.
 */
public final class LabelPrinting implements LabelPrinter {
    private static final double MM_PER_POINT = 25.4 / 72;

    @Override
    public List<String> printers() {
        return Printer.getAllPrinters().stream().map(Printer::getName).sorted().toList();
    }

    @Override
    public Optional<String> defaultPrinter() {
        return Optional.ofNullable(Printer.getDefaultPrinter()).map(Printer::getName);
    }

    @Override
    public List<String> papers(String printer) {
        return printer(printer).getPrinterAttributes().getSupportedPapers().stream().map(Paper::getName).sorted()
                .toList();
    }

    @Override
    public Optional<String> paperFor(String printer, LabelTemplate template) {
        return match(printer(printer), template).map(m -> m.paper().name());
    }

    private static Optional<PaperMatch.Match> match(Printer printer, LabelTemplate template) {
        List<PaperMatch.Paper> papers = printer.getPrinterAttributes().getSupportedPapers().stream()
                .sorted(Comparator.comparing(Paper::getName))
                .map(p -> new PaperMatch.Paper(p.getName(), p.getWidth() * MM_PER_POINT, p.getHeight() * MM_PER_POINT))
                .toList();
        return PaperMatch.best(papers, template.pageWidthMm(), template.pageHeightMm());
    }

    /** The printer named {@code name}; IllegalArgumentException naming the printers there are when there is none. */
    public static Printer printer(String name) {
        if (name == null || name.isBlank()) {
            Printer fallback = Printer.getDefaultPrinter();
            if (fallback == null) {
                throw new IllegalArgumentException("no printer chosen and the system has no default printer");
            }
            return fallback;
        }
        return Printer.getAllPrinters().stream().filter(p -> p.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no printer named \"" + name + "\"; printers: "
                        + String.join(", ", Printer.getAllPrinters().stream().map(Printer::getName).sorted()
                        .toList())));
    }

    /** The page layout a job of {@code template} prints with under {@code choice}. */
    public static PageLayout layout(Printer printer, LabelTemplate template, PrintChoice choice) {
        Paper paper;
        boolean landscape;
        if (choice.paper() == null) {
            PaperMatch.Match m = match(printer, template).orElseThrow(() -> new IllegalArgumentException(
                    "printer \"" + printer.getName() + "\" lists no paper"));
            paper = paper(printer, m.paper().name());
            landscape = m.landscape();
        } else {
            paper = paper(printer, choice.paper());
            landscape = PaperMatch.orientation(new PaperMatch.Paper(paper.getName(), paper.getWidth() * MM_PER_POINT,
                    paper.getHeight() * MM_PER_POINT), template.pageWidthMm(), template.pageHeightMm());
        }
        PageOrientation orientation = landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT;
        return choice.margins() == PrintMargins.NONE ? printer.createPageLayout(paper, orientation, 0, 0, 0, 0)
                : printer.createPageLayout(paper, orientation, Printer.MarginType.HARDWARE_MINIMUM);
    }

    private static Paper paper(Printer printer, String name) {
        return printer.getPrinterAttributes().getSupportedPapers().stream().filter(p -> p.getName().equals(name))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("printer \"" + printer.getName()
                        + "\" has no paper \"" + name + "\""));
    }

    /**
     * The node printed for one page under {@code layout}: the page at points scale, moved back by
     * the printable area's offset and clipped to that area, so its bounds are exactly the area.
     */
    public static Node printNode(PageDrawing page, PageLayout layout) {
        Group drawing = PageNodes.node(page, PageNodes.POINTS_PER_MM);
        drawing.setTranslateX(-layout.getLeftMargin());
        drawing.setTranslateY(-layout.getTopMargin());
        Group area = new Group(drawing);
        area.setClip(new Rectangle(0, 0, layout.getPrintableWidth(), layout.getPrintableHeight()));
        return area;
    }

    @Override
    public Printed print(LabelJob job, PrintChoice choice, IntConsumer pageDone, BooleanSupplier cancelled)
            throws IOException {
        if (job.items().isEmpty()) {
            throw new IllegalArgumentException("nothing to print: the job has no labels");
        }
        return print(job.template(), job.pageCount(), page -> LabelDrawing.page(job, page), choice, pageDone,
                cancelled);
    }

    /** Prints {@code pageCount} pages of {@code template}, page {@code i} (0-based) drawn by {@code pages}. */
    public Printed print(LabelTemplate template, int pageCount, IntFunction<PageDrawing> pages, PrintChoice choice,
                         IntConsumer pageDone, BooleanSupplier cancelled) throws IOException {
        Printer printer = printer(choice.printer());
        PageLayout layout = layout(printer, template, choice);
        PrinterJob printerJob = PrinterJob.createPrinterJob(printer);
        if (printerJob == null) {
            throw new IOException("printer \"" + printer.getName() + "\" would not start a job");
        }
        printerJob.getJobSettings().setJobName("Labels " + template.id());
        printerJob.getJobSettings().setPageLayout(layout);
        PrintResolution resolution = printerJob.getJobSettings().getPrintResolution();
        for (int page = 0; page < pageCount; page++) {
            if (cancelled.getAsBoolean()) {
                printerJob.cancelJob();
                throw new IOException("printing cancelled after " + page + " of " + pageCount + " pages");
            }
            if (!printerJob.printPage(layout, printNode(pages.apply(page), layout))) {
                printerJob.cancelJob();
                throw new IOException("printer \"" + printer.getName() + "\" refused page " + (page + 1) + ": "
                        + printerJob.getJobStatus());
            }
            pageDone.accept(page + 1);
        }
        if (!printerJob.endJob()) {
            throw new IOException("printer \"" + printer.getName() + "\" did not finish the job: "
                    + printerJob.getJobStatus());
        }
        return new Printed(printer.getName(), layout.getPaper().getName(),
                layout.getPageOrientation() == PageOrientation.LANDSCAPE, pageCount,
                resolution == null ? 0 : resolution.getFeedResolution(),
                layout.getLeftMargin() * MM_PER_POINT, layout.getTopMargin() * MM_PER_POINT);
    }
}
