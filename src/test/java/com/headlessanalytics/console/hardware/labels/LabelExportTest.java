package com.headlessanalytics.console.hardware.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.headlessanalytics.console.symbols.ErrorCorrection;
import com.headlessanalytics.console.symbols.Symbology;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every exported symbol decodes back to its payload (ZXing) from PNG, SVG (rsvg-convert) and PDF (PDFBox, pdftoppm). */
class LabelExportTest {
    @TempDir
    Path dir;

    static Stream<Arguments> templatesAndLevels() {
        List<Arguments> out = new ArrayList<>();
        for (LabelTemplate t : LabelTemplates.all()) {
            for (ErrorCorrection ec : List.of(ErrorCorrection.M, ErrorCorrection.H)) {
                out.add(Arguments.of(t, ec));
            }
        }
        return out.stream();
    }

    /** QR, Code 128 and DataMatrix in turn, with realistic payloads; a sheet job starts at position 2 and runs onto a second page. */
    static LabelJob job(LabelTemplate t, ErrorCorrection ec) {
        int count = t.perPage() > 1 ? t.perPage() : 3;
        List<LabelItem> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String code = "7K" + String.format("%06d", i * 7919 % 1000000).replace('0', 'Q');
            Symbology s = Symbology.values()[i % 3];
            String payload = switch (s) {
                case QR -> "https://shop.example.com/launch/spring-campaign?utm_source=label&ha_code=" + code;
                case CODE_128 -> code;
                case DATA_MATRIX -> "https://ha.example.com/t/" + code;
            };
            items.add(new LabelItem(code, "Trackable number " + i + " — ünïcode & <markup>", payload, s));
        }
        return new LabelJob(t, items, t.perPage() > 1 ? 2 : 1, ec);
    }

    private static int dpiFor(LabelTemplate t) {
        return t.dpi() > 0 ? t.dpi() : 300;
    }

    @ParameterizedTest
    @MethodSource("templatesAndLevels")
    void pngExportDecodes(LabelTemplate t, ErrorCorrection ec) throws IOException {
        LabelJob job = job(t, ec);
        int dpi = dpiFor(t);
        List<Path> files = LabelExport.write(job, LabelFormat.PNG, dir.resolve("labels.png"), dpi);
        assertThat(files).hasSize(job.pageCount());
        List<String> failures = new ArrayList<>();
        for (int page = 0; page < files.size(); page++) {
            BufferedImage image = ImageIO.read(files.get(page).toFile());
            assertThat(image.getWidth()).isEqualTo((int) Math.round(t.pageWidthMm() / 25.4 * dpi));
            assertThat(image.getHeight()).isEqualTo((int) Math.round(t.pageHeightMm() / 25.4 * dpi));
            failures.addAll(SymbolDecoding.failures(job, page, image, dpi));
        }
        assertThat(failures).as(t.id() + " " + ec).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("templatesAndLevels")
    void svgExportRenderedByRsvgDecodes(LabelTemplate t, ErrorCorrection ec) throws Exception {
        Assumptions.assumeTrue(SymbolDecoding.installed("rsvg-convert"),
                "rsvg-convert (librsvg2-bin) is not installed; .ci/run installs it");
        LabelJob job = job(t, ec);
        List<Path> files = LabelExport.write(job, LabelFormat.SVG, dir.resolve("labels.svg"), 0);
        int dpi = dpiFor(t);
        List<String> failures = new ArrayList<>();
        for (int page = 0; page < files.size(); page++) {
            Path png = dir.resolve("rsvg-" + page + ".png");
            SymbolDecoding.run(dir, "rsvg-convert", "-d", String.valueOf(dpi), "-p", String.valueOf(dpi), "-o",
                    png.toString(), files.get(page).toString());
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat((double) image.getWidth()).isCloseTo(t.pageWidthMm() / 25.4 * dpi, within(1.0));
            failures.addAll(SymbolDecoding.failures(job, page, image, dpi));
        }
        assertThat(failures).as(t.id() + " " + ec).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("templatesAndLevels")
    void pdfExportRasterisedByPdfBoxDecodes(LabelTemplate t, ErrorCorrection ec) throws IOException {
        LabelJob job = job(t, ec);
        Path pdf = LabelExport.write(job, LabelFormat.PDF, dir.resolve("labels.pdf"), 0).get(0);
        List<String> failures = new ArrayList<>();
        for (int dpi : List.of(200, 300)) {
            try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
                assertThat(doc.getNumberOfPages()).isEqualTo(job.pageCount());
                PDFRenderer renderer = new PDFRenderer(doc);
                for (int page = 0; page < doc.getNumberOfPages(); page++) {
                    BufferedImage image = renderer.renderImageWithDPI(page, dpi, ImageType.GRAY);
                    failures.addAll(SymbolDecoding.failures(job, page, image, dpi).stream()
                            .map(f -> dpi + " dpi: " + f).toList());
                }
            }
        }
        assertThat(failures).as(t.id() + " " + ec).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("templatesAndLevels")
    void pdfExportRasterisedByPdftoppmDecodes(LabelTemplate t, ErrorCorrection ec) throws Exception {
        Assumptions.assumeTrue(SymbolDecoding.installed("pdftoppm"),
                "pdftoppm (poppler-utils) is not installed; .ci/run installs it");
        LabelJob job = job(t, ec);
        Path pdf = LabelExport.write(job, LabelFormat.PDF, dir.resolve("labels.pdf"), 0).get(0);
        SymbolDecoding.run(dir, "pdftoppm", "-r", "300", "-gray", "-png", pdf.toString(), dir.resolve("ppm").toString());
        List<String> failures = new ArrayList<>();
        for (int page = 0; page < job.pageCount(); page++) {
            Path png = findPage(page + 1, job.pageCount());
            failures.addAll(SymbolDecoding.failures(job, page, ImageIO.read(png.toFile()), 300));
        }
        assertThat(failures).as(t.id() + " " + ec).isEmpty();
    }

    /** pdftoppm numbers pages with as many digits as the last page needs. */
    private Path findPage(int page, int pages) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("ppm-0*" + page + "\\.png")).findFirst()
                    .orElseThrow(() -> new AssertionError("pdftoppm wrote no page " + page + " of " + pages));
        }
    }

    @Test
    void pdfPagesAreTheTemplateSizeWithOneFillPerPageAndStandardFonts() throws IOException {
        LabelJob job = job(LabelTemplates.AVERY_5160, ErrorCorrection.M);
        Path pdf = LabelExport.write(job, LabelFormat.PDF, dir.resolve("sheet"), 0).get(0);
        assertThat(pdf.getFileName().toString()).isEqualTo("sheet.pdf");
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertThat(doc.getNumberOfPages()).isEqualTo(2);
            for (PDPage page : doc.getPages()) {
                assertThat((double) page.getMediaBox().getWidth()).isCloseTo(8.5 * 72, within(0.01));
                assertThat((double) page.getMediaBox().getHeight()).isCloseTo(11 * 72, within(0.01));
                long fills = new PDFStreamParser(page).parse().stream()
                        .filter(o -> o instanceof Operator op && op.getName().equals("f")).count();
                assertThat(fills).isEqualTo(1);
                assertThat(page.getResources().getFontNames()).hasSize(2);
                assertThat(page.getResources().getXObjectNames()).as("no bitmaps").isEmpty();
            }
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains(job.items().get(0).code()).contains(job.items().get(29).code());
        }
    }

    @Test
    void charactersHelveticaCannotPrintBecomeQuestionMarksInThePdfOnly() throws IOException {
        LabelItem item = new LabelItem("7KQ95Q28", "\u6771\u4eac \u00c5se \ud83d\ude00", "https://ha.example.com/t/7KQ95Q28",
                Symbology.QR);
        LabelJob job = new LabelJob(LabelTemplates.DYMO_30252, List.of(item), 1, ErrorCorrection.M);
        Path pdf = LabelExport.write(job, LabelFormat.PDF, dir.resolve("cjk.pdf"), 0).get(0);
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertThat(new PDFTextStripper().getText(doc)).contains("?? \u00c5se ?");
        }
        String svg = Files.readString(LabelExport.write(job, LabelFormat.SVG, dir.resolve("cjk.svg"), 0).get(0));
        assertThat(svg).contains("\u6771\u4eac \u00c5se \ud83d\ude00");
    }

    @Test
    void svgPagesAreInMillimetresWithCrispSymbolsAndEscapedText() throws IOException {
        LabelJob job = job(LabelTemplates.AVERY_L7160, ErrorCorrection.M);
        List<Path> files = LabelExport.write(job, LabelFormat.SVG, dir.resolve("a4.svg"), 0);
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("a4.svg", "a4-2.svg");
        String svg = Files.readString(files.get(0));
        assertThat(svg).contains("width=\"210mm\" height=\"297mm\" viewBox=\"0 0 210 297\"")
                .contains("shape-rendering=\"crispEdges\"")
                .contains("&amp; &lt;markup&gt;").doesNotContain("<markup>");
        assertThat(svg.split("<path").length - 1).isEqualTo(1);
    }

    @Test
    void multiPagePngsAreNumberedFromTheSecondPageAndNoTemporaryIsLeft() throws IOException {
        LabelJob job = new LabelJob(LabelTemplates.DYMO_30334, job(LabelTemplates.DYMO_30334, ErrorCorrection.M).items(),
                1, ErrorCorrection.M);
        Path target = dir.resolve("out/roll.png");
        Files.createDirectories(target.getParent());
        Files.writeString(target, "old");
        List<Path> files = LabelExport.write(job, LabelFormat.PNG, target, 150);
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("roll.png", "roll-2.png", "roll-3.png");
        try (Stream<Path> left = Files.list(target.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("roll.png", "roll-2.png",
                    "roll-3.png");
        }
        assertThat(ImageIO.read(target.toFile()).getWidth()).isEqualTo((int) Math.round(57 / 25.4 * 150));
    }

    @Test
    void exportedFilesGetTheModeOfAnyNewFileNotTheOwnerOnlyModeOfATemporary() throws IOException {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"),
                "POSIX file modes only");
        Path ordinary = Files.createFile(dir.resolve("ordinary.txt"));
        Path pdf = LabelExport.write(job(LabelTemplates.AVERY_5160, ErrorCorrection.M), LabelFormat.PDF,
                dir.resolve("shared.pdf"), 0).get(0);
        assertThat(Files.getPosixFilePermissions(pdf)).isEqualTo(Files.getPosixFilePermissions(ordinary));
    }

    @Test
    void badRequestsAreClearErrorsAndWriteNothing() throws IOException {
        LabelJob sheet = job(LabelTemplates.AVERY_5160, ErrorCorrection.M);
        assertThatThrownBy(() -> LabelExport.write(sheet, LabelFormat.ZPL, dir.resolve("x.zpl"), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ZPL needs a Zebra template")
                .hasMessageContaining("zebra-2x1-203");
        assertThatThrownBy(() -> LabelExport.write(sheet, LabelFormat.PNG, dir.resolve("x.png"), 5000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("72 to 600");
        LabelJob empty = new LabelJob(LabelTemplates.AVERY_5160, List.of(), 1, ErrorCorrection.M);
        assertThatThrownBy(() -> LabelExport.write(empty, LabelFormat.PDF, dir.resolve("x.pdf"), 0))
                .hasMessageContaining("no labels");
        List<LabelItem> items = new ArrayList<>(sheet.items());
        items.add(new LabelItem("TOOBIG00", "Too big", "x".repeat(3000), Symbology.QR));
        LabelJob bad = new LabelJob(LabelTemplates.AVERY_5160, items, 1, ErrorCorrection.H);
        for (LabelFormat f : List.of(LabelFormat.PDF, LabelFormat.SVG, LabelFormat.PNG)) {
            assertThatThrownBy(() -> LabelExport.write(bad, f, dir.resolve("bad." + f.extension()), 150))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TOOBIG00");
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
        assertThatThrownBy(() -> LabelExport.format("docx")).hasMessageContaining("pdf, png, svg or zpl");
    }
}
