package com.headlessanalytics.console.hardware.labels;

import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.imageio.ImageIO;

/**
 * Writes a job as PNG, SVG, PDF or ZPL files. Every page is laid out before anything is written,
 * so a label that cannot be drawn fails the export with nothing written; each file goes to a
 * temporary file beside it and is then moved into place, so a reader never sees half a file.
 */
public final class LabelExport {
    public static final int MIN_DPI = 72;
    public static final int MAX_DPI = 600;

    private LabelExport() {
    }

    /** Something that writes one file's bytes. */
    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes the job to {@code target} (PNG and SVG: one file per page, {@code name-2.png} from the
     * second page on; PNG at {@code dpi}); answers the files written. A target without an extension
     * gets the format's. ZPL needs a Zebra template; an empty job or a dpi outside 72–600 (PNG) is an
     * IllegalArgumentException.
     */
    public static List<Path> write(LabelJob job, LabelFormat format, Path target, int dpi) throws IOException {
        if (job.items().isEmpty()) {
            throw new IllegalArgumentException("no labels to export");
        }
        if (format == LabelFormat.PNG && (dpi < MIN_DPI || dpi > MAX_DPI)) {
            throw new IllegalArgumentException("the PNG resolution must be " + MIN_DPI + " to " + MAX_DPI + " dpi, not " + dpi);
        }
        Path file = withExtension(target.toAbsolutePath(), format);
        if (format == LabelFormat.ZPL) {
            byte[] zpl = ZplWriter.write(job).getBytes(StandardCharsets.UTF_8);
            return commit(List.of(file), List.of(out -> out.write(zpl)));
        }
        List<PageDrawing> pages = pages(job);
        List<Path> files = new ArrayList<>();
        List<Content> contents = new ArrayList<>();
        switch (format) {
            case PDF -> {
                files.add(file);
                contents.add(out -> PdfRenderer.write(pages, out));
            }
            case SVG, PNG -> {
                for (int i = 0; i < pages.size(); i++) {
                    PageDrawing page = pages.get(i);
                    files.add(pageFile(file, i));
                    contents.add(format == LabelFormat.SVG
                            ? out -> out.write(SvgRenderer.render(page).getBytes(StandardCharsets.UTF_8))
                            : out -> png(PngRenderer.render(page, dpi), out));
                }
            }
            default -> throw new IllegalStateException(format.name());
        }
        return commit(files, contents);
    }

    /** Every page of the job, laid out. */
    public static List<PageDrawing> pages(LabelJob job) {
        List<PageDrawing> pages = new ArrayList<>(job.pageCount());
        for (int i = 0; i < job.pageCount(); i++) {
            pages.add(LabelDrawing.page(job, i));
        }
        return pages;
    }

    /** The PDF of the job in memory (for printing and previews). */
    public static byte[] pdf(LabelJob job) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PdfRenderer.write(pages(job), out);
        return out.toByteArray();
    }

    /** Page {@code index}'s file: the target for the first page, {@code name-2.ext}, {@code name-3.ext}… after. */
    static Path pageFile(Path file, int index) {
        if (index == 0) {
            return file;
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling(name.substring(0, dot) + "-" + (index + 1) + name.substring(dot));
    }

    static Path withExtension(Path target, LabelFormat format) {
        String name = target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && dot < name.length() - 1 ? target : target.resolveSibling(name + "." + format.extension());
    }

    private static void png(BufferedImage image, OutputStream out) throws IOException {
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer in this Java runtime");
        }
    }

    /**
     * Writes every file to a temporary sibling, then moves them all into place; on failure removes
     * the temporaries. The temporaries are created as ordinary files (the user's umask, not the
     * owner-only mode of {@code createTempFile}): labels are shared with whoever prints them.
     */
    private static List<Path> commit(List<Path> files, List<Content> contents) throws IOException {
        List<Path> temps = new ArrayList<>();
        try {
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                Path dir = file.getParent();
                Files.createDirectories(dir);
                Path temp = dir.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp,
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
                    temps.add(temp);
                    contents.get(i).writeTo(out);
                }
            }
            for (int i = 0; i < files.size(); i++) {
                move(temps.get(i), files.get(i));
            }
            return List.copyOf(files);
        } finally {
            for (Path temp : temps) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The format named by {@code text} (pdf, png, svg, zpl; any case). */
    public static LabelFormat format(String text) {
        try {
            return LabelFormat.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown label format '" + text + "'; use pdf, png, svg or zpl", e);
        }
    }
}
