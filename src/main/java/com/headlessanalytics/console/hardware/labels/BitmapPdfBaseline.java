package com.headlessanalytics.console.hardware.labels;

import com.headlessanalytics.console.hardware.labels.PageDrawing.Text;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * The naive way to put symbols in a PDF, for {@code bench labels} to compare against: the same
 * layout and text as {@link PdfRenderer}, but each symbol (with its quiet zone) as its own
 * lossless bitmap image at {@code dpi}, as exporters that scale a barcode bitmap do. Not used
 * for any export.
 */
public final class BitmapPdfBaseline {
    private static final float PT = (float) (72 / 25.4);

    private BitmapPdfBaseline() {
    }

    public static void write(LabelJob job, int dpi, OutputStream out) throws IOException {
        LabelTemplate t = job.template();
        try (PDDocument doc = new PDDocument()) {
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            float height = (float) t.pageHeightMm() * PT;
            for (int page = 0; page < job.pageCount(); page++) {
                PDPage pdf = new PDPage(new PDRectangle((float) t.pageWidthMm() * PT, height));
                doc.addPage(pdf);
                try (PDPageContentStream cs = new PDPageContentStream(doc, pdf, PDPageContentStream.AppendMode.OVERWRITE,
                        true)) {
                    for (LabelJob.Placement p : job.placements(page)) {
                        LabelDrawing.Label label = LabelDrawing.label(t, p.item(), job.correction(), p.xMm(), p.yMm());
                        int q = label.matrix().symbology().quietZone();
                        boolean linear = label.matrix().symbology().linear();
                        double x = label.symbolXMm() - q * label.moduleMm();
                        double y = linear ? label.symbolYMm() : label.symbolYMm() - q * label.moduleMm();
                        double w = label.matrix().fullWidth() * label.moduleMm();
                        double h = linear ? label.barHeightMm() : label.matrix().fullHeight() * label.moduleMm();
                        PDImageXObject image = LosslessFactory.createFromImage(doc, bitmap(label, dpi));
                        cs.drawImage(image, (float) x * PT, height - (float) (y + h) * PT, (float) w * PT, (float) h * PT);
                        for (Text text : label.texts()) {
                            cs.beginText();
                            cs.setFont(text.bold() ? bold : regular, (float) text.sizeMm() * PT);
                            cs.newLineAtOffset((float) text.xMm() * PT, height - (float) text.yMm() * PT);
                            cs.showText(TextMetrics.pdfSafe(text.text()));
                            cs.endText();
                        }
                    }
                }
            }
            doc.save(out);
        }
    }

    /** The symbol with its quiet zone as a black-and-white bitmap, whole pixels per module at {@code dpi}. */
    private static BufferedImage bitmap(LabelDrawing.Label label, int dpi) {
        int px = Math.max(1, (int) Math.round(label.moduleMm() * dpi / 25.4));
        int q = label.matrix().symbology().quietZone();
        boolean linear = label.matrix().symbology().linear();
        int rows = linear ? Math.max(1, (int) Math.round(label.barHeightMm() * dpi / 25.4)) : label.matrix().fullHeight() * px;
        BufferedImage image = new BufferedImage(label.matrix().fullWidth() * px, rows, BufferedImage.TYPE_BYTE_BINARY);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int mx = x / px - q;
                int my = linear ? 0 : y / px - q;
                boolean dark = mx >= 0 && my >= 0 && mx < label.matrix().width() && my < label.matrix().height()
                        && label.matrix().dark(mx, my);
                raster.setSample(x, y, 0, dark ? 0 : 1);
            }
        }
        return image;
    }
}
