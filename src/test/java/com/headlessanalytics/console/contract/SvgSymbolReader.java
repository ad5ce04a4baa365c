package com.headlessanalytics.console.contract;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.NotFoundException;
import com.headlessanalytics.console.hardware.labels.SymbolDecoding;
import java.awt.image.BufferedImage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the symbol of an API {@code qrSvg} back: parses the SVG's viewBox and its path of module
 * runs ({@code M x y h w v h h -w z}), paints them into pixels and decodes them with ZXing. A
 * test of what the API answers, not of the symbols layer's own encoder.
 */
final class SvgSymbolReader {
    private static final int PIXELS_PER_MODULE = 4;
    private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
    private static final Pattern PATH = Pattern.compile("<path[^>]* d=\"([^\"]*)\"");
    private static final Pattern RUN = Pattern.compile("M(-?\\d+) (-?\\d+)h(-?\\d+)v(-?\\d+)h(-?\\d+)z");

    private SvgSymbolReader() {
    }

    /** The text the SVG's symbol encodes; fails when it decodes to nothing. */
    static String decode(String svg) {
        Matcher box = VIEW_BOX.matcher(svg);
        Matcher path = PATH.matcher(svg);
        if (!box.find() || !path.find()) {
            throw new AssertionError("not a symbol SVG: " + svg.substring(0, Math.min(200, svg.length())));
        }
        int w = Integer.parseInt(box.group(1)) * PIXELS_PER_MODULE;
        int h = Integer.parseInt(box.group(2)) * PIXELS_PER_MODULE;
        int[] pixels = new int[w * h];
        java.util.Arrays.fill(pixels, 0xFFFFFFFF);
        Matcher run = RUN.matcher(path.group(1));
        int end = 0;
        while (run.find()) {
            if (run.start() != end) {
                throw new AssertionError("unexpected path data at " + end + ": " + path.group(1));
            }
            end = run.end();
            int x = Integer.parseInt(run.group(1)) * PIXELS_PER_MODULE;
            int y = Integer.parseInt(run.group(2)) * PIXELS_PER_MODULE;
            int runWidth = Integer.parseInt(run.group(3)) * PIXELS_PER_MODULE;
            int runHeight = Integer.parseInt(run.group(4)) * PIXELS_PER_MODULE;
            for (int py = y; py < y + runHeight; py++) {
                for (int px = x; px < x + runWidth; px++) {
                    pixels[py * w + px] = 0xFF000000;
                }
            }
        }
        if (end != path.group(1).length()) {
            throw new AssertionError("unexpected path data at " + end + ": " + path.group(1));
        }
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, w, h, pixels, 0, w);
        try {
            return SymbolDecoding.decode(image, BarcodeFormat.QR_CODE, BarcodeFormat.CODE_128).text();
        } catch (NotFoundException e) {
            throw new AssertionError("the SVG's symbol does not decode", e);
        }
    }
}
