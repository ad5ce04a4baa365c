package com.headlessanalytics.console.hardware.print;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.headlessanalytics.console.hardware.labels.PageDrawing;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Map;

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
        int[] pixels = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(
                img.getWidth(), img.getHeight(), pixels))), Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }
}
