package com.headlessanalytics.console.hardware.labels;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.Binarizer;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.ResultPoint;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.headlessanalytics.console.symbols.Symbology;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Decodes what we export with ZXing: crops each label of a rendered page by the template's geometry. */
public final class SymbolDecoding {

    private SymbolDecoding() {
    }

    /** A symbol read back: its text, format and centre in pixels of the image decoded (NaN without points). */
    public record Read(String text, BarcodeFormat format, double centreX, double centreY) {
    }

    public static BarcodeFormat format(Symbology s) {
        return switch (s) {
            case QR -> BarcodeFormat.QR_CODE;
            case CODE_128 -> BarcodeFormat.CODE_128;
            case DATA_MATRIX -> BarcodeFormat.DATA_MATRIX;
        };
    }

    /**
     * The label at ({@code xMm}, {@code yMm}) cut out of a page rendered at {@code dpi}, with a white
     * margin: all of it for a linear symbol, its left square (label height × label height, where a
     * 2D symbol sits) otherwise, since ZXing's DataMatrix detector searches outward from the
     * image's centre, as a scanner aimed at the symbol would.
     */
    public static BufferedImage crop(BufferedImage page, LabelTemplate t, double xMm, double yMm, double dpi, boolean whole) {
        double s = dpi / 25.4;
        int x0 = (int) Math.floor(xMm * s);
        int y0 = (int) Math.floor(yMm * s);
        double width = whole ? t.labelWidthMm() : Math.min(t.labelWidthMm(), t.labelHeightMm());
        int x1 = Math.min(page.getWidth(), (int) Math.ceil((xMm + width) * s));
        int y1 = Math.min(page.getHeight(), (int) Math.ceil((yMm + t.labelHeightMm()) * s));
        int margin = 20;
        BufferedImage out = new BufferedImage(x1 - x0 + 2 * margin, y1 - y0 + 2 * margin, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(page.getSubimage(x0, y0, x1 - x0, y1 - y0), margin, margin, null);
        g.dispose();
        return out;
    }

    /**
     * Reads the one symbol in the image with ZXing, of one of {@code formats} (any when none are
     * named): the local-threshold binarizer first, then the global one, each on the image and on a
     * half-size copy, as phone scanners retry. At a fractional pixels-per-module either binarizer
     * alone, and ZXing's finder search at one scale, occasionally miss a clean symbol.
     */
    public static Read decode(BufferedImage image, BarcodeFormat... formats) throws NotFoundException {
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        if (formats.length > 0) {
            hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(formats));
        }
        for (int scale : new int[] {1, 2}) {
            BufferedImage img = scale == 1 ? image : half(image);
            int[] pixels = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
            LuminanceSource source = new RGBLuminanceSource(img.getWidth(), img.getHeight(), pixels);
            for (Binarizer binarizer : List.of(new HybridBinarizer(source), new GlobalHistogramBinarizer(source))) {
                try {
                    Result r = new MultiFormatReader().decode(new BinaryBitmap(binarizer), hints);
                    return new Read(r.getText(), r.getBarcodeFormat(), centre(r, true) * scale,
                            centre(r, false) * scale);
                } catch (NotFoundException e) {
                    // the next binarizer or scale may find it
                }
            }
        }
        throw NotFoundException.getNotFoundInstance();
    }

    /** The symbol's centre: midway between a QR's bottom-left and top-right finders, else the points' mean. */
    private static double centre(Result r, boolean x) {
        ResultPoint[] pts = r.getResultPoints();
        if (pts == null || pts.length == 0) {
            return Double.NaN;
        }
        if (r.getBarcodeFormat() == BarcodeFormat.QR_CODE && pts.length >= 3) {
            return x ? (pts[0].getX() + pts[2].getX()) / 2 : (pts[0].getY() + pts[2].getY()) / 2;
        }
        double sum = 0;
        for (ResultPoint p : pts) {
            sum += x ? p.getX() : p.getY();
        }
        return sum / pts.length;
    }

    private static BufferedImage half(BufferedImage img) {
        BufferedImage out = new BufferedImage(Math.max(1, img.getWidth() / 2), Math.max(1, img.getHeight() / 2),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, out.getWidth(), out.getHeight(), null);
        g.dispose();
        return out;
    }

    /** Decodes every label of {@code page} (0-based) of the job from that page rendered at {@code dpi}. */
    public static List<String> failures(LabelJob job, int page, BufferedImage image, double dpi) {
        List<String> failures = new ArrayList<>();
        for (LabelJob.Placement p : job.placements(page)) {
            BufferedImage label = crop(image, job.template(), p.xMm(), p.yMm(), dpi, p.item().symbology().linear());
            try {
                Read read = decode(label, format(p.item().symbology()));
                if (!read.text().equals(p.item().payload())) {
                    failures.add(p.item().code() + " read as " + read.text());
                }
            } catch (NotFoundException e) {
                failures.add(p.item().code() + " (" + p.item().symbology() + ", page " + (page + 1) + " slot "
                        + (p.slot() + 1) + ") not found");
            }
        }
        return failures;
    }

    public static boolean installed(String tool) {
        try {
            Process p = new ProcessBuilder("sh", "-c", "command -v " + tool).redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs a command, failing with its output when it does not exit 0 within a minute. */
    public static void run(Path dir, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "cmd", ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " timed out");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + Files.readString(log));
        }
    }
}
