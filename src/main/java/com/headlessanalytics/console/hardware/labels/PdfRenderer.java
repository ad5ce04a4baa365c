package com.headlessanalytics.console.hardware.labels;

import com.headlessanalytics.console.hardware.labels.PageDrawing.Box;
import com.headlessanalytics.console.hardware.labels.PageDrawing.Mark;
import com.headlessanalytics.console.hardware.labels.PageDrawing.Text;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Pages as a PDF with Apache PDFBox: each page the template's size, its modules one path of
 * rectangles filled once, its text in Helvetica and Helvetica-Bold (standard fonts, not embedded;
 * characters they cannot encode print as '?').
 */
public final class PdfRenderer {
    private static final float PT = (float) (72 / 25.4);

    private PdfRenderer() {
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
                    boolean any = false;
                    for (Mark m : page.marks()) {
                        if (m instanceof Box b) {
                            cs.addRect((float) b.xMm() * PT, height - (float) (b.yMm() + b.heightMm()) * PT,
                                    (float) b.widthMm() * PT, (float) b.heightMm() * PT);
                            any = true;
                        }
                    }
                    if (any) {
                        cs.fill();
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
