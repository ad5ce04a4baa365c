package com.headlessanalytics.console.hardware.labels;

import com.headlessanalytics.console.hardware.labels.PageDrawing.Box;
import com.headlessanalytics.console.hardware.labels.PageDrawing.Mark;
import com.headlessanalytics.console.hardware.labels.PageDrawing.Text;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A page as a greyscale bitmap at {@code dpi}, drawn with java.awt (works headless): each box
 * filled between its edges rounded to whole pixels, without antialiasing, so modules are crisp and
 * runs that touch leave no seam; text antialiased in a Helvetica-metric font, squeezed to its
 * measured width when the font at hand is wider.
 */
public final class PngRenderer {
    private static final List<String> FAMILIES = List.of("Helvetica", "Arial", "Liberation Sans", "Nimbus Sans");
    private static volatile String family;

    private PngRenderer() {
    }

    public static BufferedImage render(PageDrawing page, int dpi) {
        double s = dpi / 25.4;
        int width = (int) Math.round(page.widthMm() * s);
        int height = (int) Math.round(page.heightMm() * s);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            for (Mark m : page.marks()) {
                if (m instanceof Box b) {
                    int x0 = (int) Math.round(b.xMm() * s);
                    int y0 = (int) Math.round(b.yMm() * s);
                    int x1 = (int) Math.round((b.xMm() + b.widthMm()) * s);
                    int y1 = (int) Math.round((b.yMm() + b.heightMm()) * s);
                    g.fillRect(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
                }
            }
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            for (Mark m : page.marks()) {
                if (m instanceof Text t && !t.text().isBlank()) {
                    drawText(g, t, s);
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void drawText(Graphics2D g, Text t, double s) {
        Font font = new Font(family(), t.bold() ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) (t.sizeMm() * s));
        FontRenderContext frc = g.getFontRenderContext();
        double natural = font.getStringBounds(t.text(), frc).getWidth();
        double allowed = t.widthMm() * s;
        if (natural > allowed && natural > 0) {
            font = font.deriveFont(AffineTransform.getScaleInstance(allowed / natural, 1));
        }
        g.setFont(font);
        g.drawString(t.text(), (float) (t.xMm() * s), (float) (t.yMm() * s));
    }

    private static String family() {
        String f = family;
        if (f == null) {
            Set<String> installed = Set.copyOf(Arrays.asList(
                    GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames()));
            f = FAMILIES.stream().filter(installed::contains).findFirst().orElse(Font.SANS_SERIF);
            family = f;
        }
        return f;
    }
}
