package com.headlessanalytics.console.app.bench;

import com.headlessanalytics.console.domain.trackable.TrackableCodes;
import com.headlessanalytics.console.domain.trackable.TrackableKind;
import com.headlessanalytics.console.hardware.labels.BitmapPdfBaseline;
import com.headlessanalytics.console.hardware.labels.LabelExport;
import com.headlessanalytics.console.hardware.labels.LabelFormat;
import com.headlessanalytics.console.hardware.labels.LabelItem;
import com.headlessanalytics.console.hardware.labels.LabelJob;
import com.headlessanalytics.console.hardware.labels.LabelTemplates;
import com.headlessanalytics.console.symbols.ErrorCorrection;
import com.headlessanalytics.console.symbols.Symbology;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * {@code bench labels}: {@code labels} QR labels (realistic campaign URLs with the code added) on
 * Avery 5160 exported to PDF, side by side with two baselines on the same labels: the same PDF
 * with each symbol as an embedded bitmap at 300 dpi (what a naive exporter does), and SVG. Each
 * run writes the files through {@link LabelExport} (layout, encoding, writing, atomic move) or
 * the baseline, interleaved; the median of {@code rounds} runs after {@code warmUp} untimed ones, and the
 * file sizes.
 */
public final class LabelsBenchmark {
    private static final int BITMAP_DPI = 300;
    private final int labels;
    private final int rounds;
    private final int warmUp;
    private final PrintWriter out;

    public LabelsBenchmark(int labels, int rounds, int warmUp, PrintWriter out) {
        if (labels < 1 || rounds < 1 || warmUp < 0) {
            throw new IllegalArgumentException("--labels and --rounds must be at least 1, --warmup at least 0");
        }
        this.labels = labels;
        this.rounds = rounds;
        this.warmUp = warmUp;
        this.out = out;
    }

    /** One way of exporting: time and bytes per run. */
    private record Way(String tag, String name, List<Long> nanos, List<Long> bytes) {
        Way(String tag, String name) {
            this(tag, name, new ArrayList<>(), new ArrayList<>());
        }

        double medianMs() {
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            return sorted.length % 2 == 1 ? sorted[sorted.length / 2] / 1e6
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2e6;
        }

        long lastBytes() {
            return bytes.get(bytes.size() - 1);
        }
    }

    @FunctionalInterface
    private interface Run {
        List<Path> write(Path dir) throws IOException;
    }

    public void run(Path scratch) throws IOException {
        LabelJob job = job();
        out.printf("bench labels: %,d QR labels on %s (%d pages), error correction %s, median of %d runs after %d"
                + " warm-up, Java %s, %d cores%n", labels, job.template().name(), job.pageCount(), job.correction(), rounds,
                warmUp, Runtime.version(), Runtime.getRuntime().availableProcessors());
        out.flush();
        Way vector = new Way("vector-pdf", "PDF, vector modules (LabelExport)");
        Way bitmap = new Way("bitmap-pdf", "PDF, one " + BITMAP_DPI + " dpi bitmap per symbol (naive baseline)");
        Way svg = new Way("svg", "SVG pages (LabelExport)");
        List<Way> ways = List.of(vector, bitmap, svg);
        List<Run> runs = List.of(
                dir -> LabelExport.write(job, LabelFormat.PDF, dir.resolve("labels.pdf"), 0),
                dir -> {
                    Path file = dir.resolve("bitmap.pdf");
                    try (OutputStream o = new java.io.BufferedOutputStream(Files.newOutputStream(file))) {
                        BitmapPdfBaseline.write(job, BITMAP_DPI, o);
                    }
                    return List.of(file);
                },
                dir -> LabelExport.write(job, LabelFormat.SVG, dir.resolve("labels.svg"), 0));
        for (int round = -warmUp; round < rounds; round++) {
            for (int i = 0; i < ways.size(); i++) {
                Path dir = Files.createDirectories(scratch.resolve("round" + round + "-" + i));
                long start = System.nanoTime();
                List<Path> files = runs.get(i).write(dir);
                long took = System.nanoTime() - start;
                long size = 0;
                for (Path f : files) {
                    size += Files.size(f);
                }
                if (round >= 0) {
                    ways.get(i).nanos().add(took);
                    ways.get(i).bytes().add(size);
                }
                IngestBenchmark.delete(dir);
            }
        }
        out.printf("%-58s %12s %14s %12s%n", "way", "median ms", "size bytes", "per label");
        for (Way w : ways) {
            out.printf("%-58s %12.1f %,14d %10.2f KB%n", w.name(), w.medianMs(), w.lastBytes(),
                    w.lastBytes() / 1024.0 / labels);
        }
        out.printf("runs (ms): %s%n", ways.stream().map(w -> w.tag() + " " + Arrays.toString(w.nanos().stream().mapToLong(n -> Math.round(n / 1e6)).toArray())).toList());
        out.printf("ratio vector PDF / bitmap PDF: time %.2f, size %.2f%n", vector.medianMs() / bitmap.medianMs(),
                (double) vector.lastBytes() / bitmap.lastBytes());
        out.printf("ratio vector PDF / SVG: time %.2f, size %.2f%n", vector.medianMs() / svg.medianMs(),
                (double) vector.lastBytes() / svg.lastBytes());
        out.flush();
    }

    /** QR trackables with campaign target URLs, as the API makes them, on Avery 5160 from position 1. */
    private LabelJob job() {
        Random random = new Random(42);
        List<LabelItem> items = new ArrayList<>(labels);
        for (int i = 0; i < labels; i++) {
            String code = TrackableCodes.newCode(random);
            String target = "https://shop.example.com/spring-sale/item-" + (1000 + i) + "?utm_source=label&utm_medium=print";
            String payload = TrackableCodes.payload(TrackableKind.QR_CODE, code, target, null);
            items.add(new LabelItem(code, "Crate " + (i + 1) + ", aisle " + (i % 40 + 1), payload, Symbology.QR));
        }
        return new LabelJob(LabelTemplates.AVERY_5160, items, 1, ErrorCorrection.DEFAULT);
    }
}
