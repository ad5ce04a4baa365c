package com.headlessanalytics.console.app.cli;

import static com.headlessanalytics.console.app.cli.CliTest.run;
import static com.headlessanalytics.console.app.cli.GovernanceCommandTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Trackables;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.hardware.labels.LabelItem;
import com.headlessanalytics.console.hardware.labels.LabelJob;
import com.headlessanalytics.console.hardware.labels.LabelTemplates;
import com.headlessanalytics.console.hardware.labels.SymbolDecoding;
import com.headlessanalytics.console.server.LocalApiServer;
import com.headlessanalytics.console.server.ServeConfig;
import com.headlessanalytics.console.symbols.ErrorCorrection;
import com.headlessanalytics.console.symbols.Symbology;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code labels export} end to end: trackables created through the port in a data folder, exported, decoded. */
class LabelsCommandTest {
    @TempDir
    Path dir;

    String data() {
        return dir.resolve("data").toString();
    }

    /** Creates {@code n} QR trackables and one barcode through the port; answers them oldest first. */
    private List<Trackables.Trackable> create(int n) {
        List<Trackables.Trackable> out = new ArrayList<>();
        try (Engine engine = Engine.open(dir.resolve("data"))) {
            HeadlessApi api = engine.defaultWorkspace();
            for (int i = 0; i < n; i++) {
                out.add(api.createTrackable(new Trackables.NewTrackable("qr_code", "Crate " + i,
                        "https://shop.example.com/spring?utm_source=label&n=" + i, null, false)));
            }
            out.add(api.createTrackable(new Trackables.NewTrackable("barcode", "Bin", null, null, false)));
        }
        return out;
    }

    @Test
    void allTrackablesExportToAPdfWhoseSymbolsDecode() throws Exception {
        List<Trackables.Trackable> made = create(32);
        Path out = dir.resolve("out/sheet.pdf");
        JsonNode answer = json(run("labels", "export", "--template", "avery-5160", "--format", "pdf", "--out",
                out.toString(), "--all", "--start", "3", "--ec", "H", "--data-dir", data()));
        assertThat(answer.get("labels").asInt()).isEqualTo(33);
        assertThat(answer.get("pages").asInt()).isEqualTo(2);
        assertThat(answer.get("files").get(0).asText()).isEqualTo(out.toAbsolutePath().toString());
        LabelJob expected = new LabelJob(LabelTemplates.AVERY_5160, made.stream().map(LabelItem::of).toList(), 3,
                ErrorCorrection.H);
        List<String> failures = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(out.toFile())) {
            assertThat(doc.getNumberOfPages()).isEqualTo(2);
            for (int page = 0; page < 2; page++) {
                BufferedImage image = new PDFRenderer(doc).renderImageWithDPI(page, 300, ImageType.GRAY);
                failures.addAll(SymbolDecoding.failures(expected, page, image, 300));
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void chosenCodesExportAsPngsAndZpl() throws Exception {
        List<Trackables.Trackable> made = create(2);
        Trackables.Trackable bin = made.get(2);
        Trackables.Trackable crate = made.get(0);
        JsonNode png = json(run("labels", "export", "--template", "dymo-30334", "--format", "png", "--out",
                dir.resolve("roll").toString(), "--code", bin.code(), "--code", crate.code().toLowerCase(), "--dpi",
                "300", "--barcode", "datamatrix", "--data-dir", data()));
        assertThat(png.get("files")).hasSize(2);
        assertThat(png.get("files").get(1).asText()).endsWith("roll-2.png");
        LabelJob expected = new LabelJob(LabelTemplates.DYMO_30334, List.of(
                new LabelItem(bin.code(), bin.name(), bin.payload(), Symbology.DATA_MATRIX), LabelItem.of(crate)), 1,
                ErrorCorrection.M);
        for (int page = 0; page < 2; page++) {
            BufferedImage image = ImageIO.read(Path.of(png.get("files").get(page).asText()).toFile());
            assertThat(SymbolDecoding.failures(expected, page, image, 300)).isEmpty();
        }
        JsonNode zpl = json(run("labels", "export", "--template", "zebra-2x1-203", "--format", "zpl", "--out",
                dir.resolve("z.zpl").toString(), "--kind", "qr_code", "--data-dir", data()));
        assertThat(zpl.get("labels").asInt()).isEqualTo(2);
        String text = Files.readString(dir.resolve("z.zpl"));
        assertThat(text).contains("^FDMA," + crate.payload() + "^FS").contains("^FD" + crate.code() + "^FS");
    }

    @Test
    void againstAServerTheTrackablesAreReadOverHttp() throws Exception {
        List<Trackables.Trackable> made = create(3);
        try (Engine engine = Engine.open(dir.resolve("data"))) {
            String key = engine.keys().create(engine.defaultWorkspaceId(), "labels").secret();
            LocalApiServer server = LocalApiServer.start(engine, new ServeConfig("127.0.0.1", 0, 1000, 1000, 5));
            try {
                Path out = dir.resolve("remote.svg");
                JsonNode answer = json(run("labels", "export", "--template", "avery-l7160", "--format", "svg", "--out",
                        out.toString(), "--all", "--url", server.baseUrl(), "--api-key", key));
                assertThat(answer.get("labels").asInt()).isEqualTo(4);
                String svg = Files.readString(out);
                for (Trackables.Trackable t : made) {
                    assertThat(svg).contains(">" + t.code() + "</text>");
                }
                CliTest.Run unknown = run("labels", "export", "--template", "avery-l7160", "--format", "svg", "--out",
                        dir.resolve("none.svg").toString(), "--code", "ZZZZZZZZ", "--url", server.baseUrl(),
                        "--api-key", key);
                assertThat(unknown.exit()).as(unknown.err()).isEqualTo(HaCommand.REJECTED);
                assertThat(Files.exists(dir.resolve("none.svg"))).isFalse();
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void badRequestsAreClearAndWriteNothing() throws Exception {
        create(1);
        CliTest.Run unknown = run("labels", "export", "--template", "avery-5160", "--format", "pdf", "--out",
                dir.resolve("x.pdf").toString(), "--code", "ZZZZZZZZ", "--data-dir", data());
        assertThat(unknown.exit()).as(unknown.err()).isEqualTo(HaCommand.REJECTED);
        CliTest.Run zplOnSheet = run("labels", "export", "--template", "avery-5160", "--format", "zpl", "--out",
                dir.resolve("x.zpl").toString(), "--all", "--data-dir", data());
        assertThat(zplOnSheet.exit()).isEqualTo(2);
        assertThat(zplOnSheet.err()).contains("ZPL needs a Zebra template");
        assertThat(Files.exists(dir.resolve("x.pdf"))).isFalse();
        assertThat(Files.exists(dir.resolve("x.zpl"))).isFalse();
    }

    @Test
    void usageErrorsNeedNoData() {
        CliTest.Run none = run("labels", "export", "--template", "avery-5160", "--format", "pdf", "--out",
                dir.resolve("x.pdf").toString(), "--data-dir", data());
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("--code").contains("--all");
        CliTest.Run template = run("labels", "export", "--template", "avery-9999", "--format", "pdf", "--out",
                dir.resolve("x.pdf").toString(), "--all", "--data-dir", data());
        assertThat(template.exit()).isEqualTo(2);
        assertThat(template.err()).contains("unknown template").contains("avery-l7160");
        CliTest.Run start = run("labels", "export", "--template", "avery-l7160", "--format", "svg", "--out",
                dir.resolve("x.svg").toString(), "--all", "--start", "22", "--data-dir", data());
        assertThat(start.err()).contains("--start must be 1 to 21");
        CliTest.Run ec = run("labels", "export", "--template", "avery-l7160", "--format", "svg", "--out",
                dir.resolve("x.svg").toString(), "--all", "--ec", "Q", "--data-dir", data());
        assertThat(ec.err()).contains("--ec must be M or H");
        CliTest.Run bare = run("labels");
        assertThat(bare.exit()).isEqualTo(2);
        assertThat(bare.err()).contains("export");
        assertThat(Files.exists(dir.resolve("data"))).as("nothing opened").isFalse();
    }
}
