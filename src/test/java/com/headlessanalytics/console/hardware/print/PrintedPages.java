package com.headlessanalytics.console.hardware.print;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.NotFoundException;
import com.headlessanalytics.console.hardware.labels.SymbolDecoding;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * What the print tests read back: the CUPS PDF queue's new file once its size is stable, its
 * pages rasterised by {@code pdftoppm}, and the QR symbols in a region decoded with ZXing.
 */
public final class PrintedPages {
    public static final Path OUT = Path.of(System.getProperty("user.home"), "PDF");

    private PrintedPages() {
    }

    /** Whether a program is on the PATH. */
    public static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    /** The PDFs in the queue's folder now, with their modification times. */
    public static Map<Path, Long> snapshot() throws IOException {
        Map<Path, Long> seen = new HashMap<>();
        if (Files.isDirectory(OUT)) {
            try (Stream<Path> files = Files.list(OUT)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".pdf")).toList()) {
                    seen.put(f, Files.getLastModifiedTime(f).toMillis());
                }
            }
        }
        return seen;
    }

    /** The PDF that appeared (or changed) since {@code before}, once its size held for a second. */
    public static Path awaitNewPdf(Map<Path, Long> before, long timeoutMs) throws Exception {
        long end = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < end) {
            Map<Path, Long> now = snapshot();
            Path fresh = now.entrySet().stream()
                    .filter(e -> !e.getValue().equals(before.get(e.getKey())))
                    .max(Comparator.comparingLong(Map.Entry::getValue)).map(Map.Entry::getKey).orElse(null);
            if (fresh != null) {
                long size = -1;
                int stable = 0;
                while (System.currentTimeMillis() < end && stable < 4) {
                    Thread.sleep(250);
                    long s = Files.size(fresh);
                    stable = s > 0 && s == size ? stable + 1 : 0;
                    size = s;
                }
                if (stable >= 4) {
                    return fresh;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no new PDF in " + OUT + " within " + timeoutMs + " ms");
    }

    /** Every page of the PDF at {@code dpi}, through pdftoppm. */
    public static List<BufferedImage> rasterise(Path pdf, int dpi, Path work) throws Exception {
        Path prefix = work.resolve("page");
        Process p = new ProcessBuilder("pdftoppm", "-r", String.valueOf(dpi), "-png", pdf.toString(),
                prefix.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("pdftoppm failed: " + output);
        }
        List<BufferedImage> pages = new ArrayList<>();
        try (Stream<Path> files = Files.list(work)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("page")).sorted().toList()) {
                pages.add(ImageIO.read(f.toFile()));
            }
        }
        return pages;
    }

    /** A decoded symbol: its text and centre in pixels of the whole page. */
    public record Decoded(String text, double centreX, double centreY) {
    }

    /** Decodes the one QR symbol inside the region ({@link SymbolDecoding#decode}), or null when none decodes. */
    public static Decoded decode(BufferedImage page, int x, int y, int w, int h) {
        int cx = Math.max(0, x);
        int cy = Math.max(0, y);
        BufferedImage region = page.getSubimage(cx, cy, Math.min(w, page.getWidth() - cx),
                Math.min(h, page.getHeight() - cy));
        try {
            SymbolDecoding.Read r = SymbolDecoding.decode(region, BarcodeFormat.QR_CODE);
            return new Decoded(r.text(), cx + r.centreX(), cy + r.centreY());
        } catch (NotFoundException e) {
            return null;
        }
    }
}
