package com.headlessanalytics.console.hardware.labels;

import com.headlessanalytics.console.hardware.labels.PageDrawing.Box;
import com.headlessanalytics.console.hardware.labels.PageDrawing.Mark;
import com.headlessanalytics.console.hardware.labels.PageDrawing.Text;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.util.Matrix;

/**
 * Pages as a PDF with Apache PDFBox: each page the template's size, its modules one path of
 * rectangles (in whole hundredths of a point, runs of the same span in successive rows merged)
 * filled once, its text in Helvetica and Helvetica-Bold (standard fonts, not embedded;
 * characters they cannot encode print as '?').
 */
public final class PdfRenderer {
    private static final float PT = (float) (72 / 25.4);
    /** Module edges are written in 1/100 pt (0.0035 mm), whole numbers, each edge rounded once so runs that touch share it. */
    private static final int GRID = 100;

    private PdfRenderer() {
    }

    private static long grid(double mm) {
        return Math.round(mm * 72 / 25.4 * GRID);
    }

    /**
     * The page's boxes as {x0, y0, x1, y1} on the grid (y up), boxes of the same span stacked one
     * on another merged into one: fewer, taller rectangles cover exactly the same area.
     */
    static List<long[]> stacked(PageDrawing page) {
        List<long[]> rects = new ArrayList<>();
        for (Mark m : page.marks()) {
            if (m instanceof Box b) {
                rects.add(new long[] {grid(b.xMm()), grid(page.heightMm() - b.yMm() - b.heightMm()),
                    grid(b.xMm() + b.widthMm()), grid(page.heightMm() - b.yMm())});
            }
        }
        rects.sort(Comparator.<long[]>comparingLong(r -> r[0]).thenComparingLong(r -> r[2]).thenComparingLong(r -> r[1]));
        List<long[]> out = new ArrayList<>(rects.size());
        for (long[] r : rects) {
            long[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last[0] == r[0] && last[2] == r[2] && last[3] == r[1]) {
                last[3] = r[3];
            } else {
                out.add(r);
            }
        }
        return out;
    }

    public static void write(List<PageDrawing> pages, OutputStream out) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            for (PageDrawing page : pages) {
                float height = (float) page.heightMm() * PT;
                PDPage pdf = new PDPage(new PDRectangle((float) page.widthMm() * PT, height));
                doc.addPage(pdf);
                try (PDPageContentStream cs = new PDPageContentStream(doc, pdf, PDPageContentStream.AppendMode.OVERWRITE,
                        true)) {
                    if (page.marks().stream().anyMatch(Box.class::isInstance)) {
                        cs.saveGraphicsState();
                        cs.transform(Matrix.getScaleInstance(1f / GRID, 1f / GRID));
                        for (long[] r : stacked(page)) {
                            cs.addRect(r[0], r[1], r[2] - r[0], r[3] - r[1]);
                        }
                        cs.fill();
                        cs.restoreGraphicsState();
                    }
                    for (Mark m : page.marks()) {
                        if (m instanceof Text t && !t.text().isEmpty()) {
                            cs.beginText();
                            cs.setFont(t.bold() ? bold : regular, (float) t.sizeMm() * PT);
                            cs.newLineAtOffset((float) t.xMm() * PT, height - (float) t.yMm() * PT);
                            cs.showText(TextMetrics.pdfSafe(t.text()));
                            cs.endText();
                        }
                    }
                }
            }
            doc.save(out);
        }
    }
}
