package com.headlessanalytics.console.hardware.print;

import com.headlessanalytics.console.hardware.labels.PageDrawing;
import com.headlessanalytics.console.hardware.labels.SymbolDecoding;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/** Paints a drawing's boxes into pixels (no toolkit) and decodes the symbol in it with ZXing. */
public final class DrawingDecoder {
    private DrawingDecoder() {
    }

    public static BufferedImage paint(PageDrawing d, double pxPerMm) {
        BufferedImage img = new BufferedImage((int) Math.ceil(d.widthMm() * pxPerMm) + 20,
                (int) Math.ceil(d.heightMm() * pxPerMm) + 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.translate(10, 10);
        for (PageDrawing.Mark m : d.marks()) {
            if (m instanceof PageDrawing.Box b) {
                g.fill(new Rectangle2D.Double(b.xMm() * pxPerMm, b.yMm() * pxPerMm, b.widthMm() * pxPerMm,
                        b.heightMm() * pxPerMm));
            }
        }
        g.dispose();
        return img;
    }

    /** The text of the one symbol in the image; throws when none decodes. */
    public static String decode(BufferedImage img) throws Exception {
        return SymbolDecoding.decode(img).text();
    }
}
