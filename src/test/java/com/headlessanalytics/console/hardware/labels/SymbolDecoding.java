package com.headlessanalytics.console.hardware.labels;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.headlessanalytics.console.symbols.Symbology;
import java.awt.Color;
import java.awt.Graphics2D;
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

    /** A symbol read back: its text and format. */
    public record Read(String text, BarcodeFormat format) {
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
     * Reads the one symbol of {@code format} in the image with ZXing: the local-threshold binarizer
     * first, then the global one (as phone scanners retry), since at a fractional pixels-per-module
     * either one alone occasionally mis-samples a clean symbol.
     */
    public static Read decode(BufferedImage image, BarcodeFormat format) throws NotFoundException {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        LuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(format));
        try {
            Result r = new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints);
            return new Read(r.getText(), r.getBarcodeFormat());
        } catch (NotFoundException e) {
            Result r = new MultiFormatReader().decode(new BinaryBitmap(new GlobalHistogramBinarizer(source)), hints);
            return new Read(r.getText(), r.getBarcodeFormat());
        }
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
