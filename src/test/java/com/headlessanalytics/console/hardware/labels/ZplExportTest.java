package com.headlessanalytics.console.hardware.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.headlessanalytics.console.hardware.labels.PageDrawing.Box;
import com.headlessanalytics.console.symbols.ErrorCorrection;
import com.headlessanalytics.console.symbols.ModuleMatrix;
import com.headlessanalytics.console.symbols.Symbology;
import com.headlessanalytics.console.symbols.Symbols;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The ZPL export parsed back: each label's symbol command, data and position in dots against the vector drawing. */
class ZplExportTest {
    @TempDir
    Path dir;

    /** One field: the command that draws it (BQ, BC, BX or A0), its origin in dots, parameters, and data (^FH undone). */
    record Field(String kind, int x, int y, String params, String by, String data) {
    }

    /** One ^XA…^XZ label. */
    record Label(int width, int length, List<Field> fields) {
        Field symbol() {
            return fields.stream().filter(f -> !f.kind().equals("A0")).findFirst().orElseThrow();
        }

        List<String> texts() {
            return fields.stream().filter(f -> f.kind().equals("A0")).map(Field::data).toList();
        }
    }

    /** A small ZPL reader for what we emit: ^XA ^PW ^LL ^FO ^FT ^BY ^BQ ^BC ^BX ^A0 ^FH ^FD ^FS ^XZ. */
    static List<Label> parse(String zpl) {
        List<Label> labels = new ArrayList<>();
        int i = 0;
        Map<String, String> state = new HashMap<>();
        List<Field> fields = null;
        while ((i = zpl.indexOf('^', i)) >= 0) {
            String cmd = zpl.substring(i + 1, Math.min(zpl.length(), i + 3));
            int next = zpl.indexOf('^', i + 1);
            String arg = zpl.substring(i + 3, next < 0 ? zpl.length() : next).strip();
            switch (cmd) {
                case "XA" -> {
                    fields = new ArrayList<>();
                    state.clear();
                }
                case "PW", "LL", "BY", "FH" -> state.put(cmd, arg);
                case "FO", "FT" -> state.put("at", arg);
                case "BQ", "BC", "BX", "A0" -> {
                    state.put("kind", cmd);
                    state.put("params", arg);
                }
                case "FD" -> {
                    String data = state.containsKey("FH") ? unhex(arg, state.get("FH").isEmpty() ? '_' : state.get("FH").charAt(0)) : arg;
                    String[] at = state.get("at").split(",");
                    fields.add(new Field(state.get("kind"), Integer.parseInt(at[0]), Integer.parseInt(at[1]),
                            state.get("params"), state.get("BY"), data));
                    state.remove("FH");
                }
                case "XZ" -> labels.add(new Label(Integer.parseInt(state.get("PW")), Integer.parseInt(state.get("LL")),
                        fields));
                default -> {
                }
            }
            i += 1;
        }
        return labels;
    }

    private static String unhex(String data, char indicator) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        for (int k = 0; k < bytes.length; k++) {
            if (bytes[k] == indicator && k + 2 < bytes.length + 0 && k + 2 <= bytes.length - 1) {
                out.write(Integer.parseInt(new String(bytes, k + 1, 2, StandardCharsets.US_ASCII), 16));
                k += 2;
            } else {
                out.write(bytes[k]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (LabelTemplate t : List.of(LabelTemplates.ZEBRA_203, LabelTemplates.ZEBRA_300)) {
            for (ErrorCorrection ec : List.of(ErrorCorrection.M, ErrorCorrection.H)) {
                out.add(Arguments.of(t, ec));
            }
        }
        return out;
    }

    static List<LabelItem> items() {
        return List.of(
                new LabelItem("7KQ95Q28", "Pallet ^1 ~ north_dock", "https://ha.example.com/t/7KQ95Q28?x=a^b~c_d",
                        Symbology.QR),
                new LabelItem("7KQ15838", "Crate 2", "https://shop.example.com/launch?utm_source=label&ha_code=7KQ15838",
                        Symbology.QR),
                new LabelItem("7K229651", "Bin 3", "7K229651", Symbology.CODE_128),
                new LabelItem("7K134623", "Tray 4 — Überschrift", "https://ha.example.com/t/7K134623",
                        Symbology.DATA_MATRIX));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void eachLabelsSymbolDataAndPositionReadBack(LabelTemplate t, ErrorCorrection ec) throws Exception {
        LabelJob job = new LabelJob(t, items(), 1, ec);
        Path file = LabelExport.write(job, LabelFormat.ZPL, dir.resolve("labels"), 0).get(0);
        assertThat(file.getFileName().toString()).isEqualTo("labels.zpl");
        String zpl = Files.readString(file, StandardCharsets.UTF_8);
        List<Label> labels = parse(zpl);
        assertThat(labels).hasSize(items().size());
        double mmPerDot = 25.4 / t.dpi();
        for (int n = 0; n < labels.size(); n++) {
            Label label = labels.get(n);
            LabelItem item = items().get(n);
            assertThat(label.width() * mmPerDot).isCloseTo(50.8, within(0.5));
            assertThat(label.length() * mmPerDot).isCloseTo(25.4, within(0.5));
            Field symbol = label.symbol();
            List<Box> boxes = LabelDrawing.page(job, n).marks().stream()
                    .filter(Box.class::isInstance).map(Box.class::cast).toList();
            double left = boxes.stream().mapToDouble(Box::xMm).min().orElseThrow();
            double top = boxes.stream().mapToDouble(Box::yMm).min().orElseThrow();
            assertThat(symbol.x() * mmPerDot).as("symbol x").isCloseTo(left, within(0.5));
            assertThat(symbol.y() * mmPerDot).as("symbol y").isCloseTo(top, within(0.5));
            switch (item.symbology()) {
                case QR -> {
                    assertThat(symbol.kind()).isEqualTo("BQ");
                    String[] p = symbol.params().split(",");
                    assertThat(p[0]).isEqualTo("N");
                    assertThat(p[1]).isEqualTo("2");
                    int mag = Integer.parseInt(p[2]);
                    assertThat(mag).isGreaterThanOrEqualTo(2);
                    assertThat(mag * mmPerDot).as("module").isCloseTo(boxes.get(0).heightMm(), within(1e-6));
                    assertThat(symbol.data()).isEqualTo(ec.name() + "A," + item.payload());
                }
                case CODE_128 -> {
                    assertThat(symbol.kind()).isEqualTo("BC");
                    assertThat(symbol.params()).startsWith("N,").endsWith(",N,N,N,A");
                    assertThat(Integer.parseInt(symbol.by().split(",")[0]) * mmPerDot)
                            .isCloseTo(boxes.stream().mapToDouble(Box::widthMm).min().orElseThrow(), within(1e-6));
                    assertThat(symbol.data()).isEqualTo(item.payload());
                }
                case DATA_MATRIX -> {
                    assertThat(symbol.kind()).isEqualTo("BX");
                    assertThat(symbol.params()).startsWith("N,").endsWith(",200");
                    assertThat(symbol.data()).isEqualTo(item.payload());
                }
            }
            assertThat(label.texts()).contains(item.code());
            assertThat(String.join(" ", label.texts())).contains(item.name().substring(0, 5));
            assertDecodesWhereTheZplPutsIt(label, symbol, item, ec, t);
        }
        assertThat(zpl).contains("^FH_^FD" + ec.name() + "A,https://ha.example.com/t/7KQ95Q28?x=a_5Eb_7Ec_5Fd^FS");
        assertThat(zpl.split("\\^XA").length - 1).isEqualTo(items().size());
    }

    /** Draws the field as a printer would (the data's symbol, module by module, at the field's module size in dots), checks it fits the label from ^FO, and reads it back. */
    private static void assertDecodesWhereTheZplPutsIt(Label label, Field f, LabelItem item, ErrorCorrection ec,
                                                       LabelTemplate t) throws Exception {
        String data = f.kind().equals("BQ") ? f.data().substring(f.data().indexOf(',') + 1) : f.data();
        ModuleMatrix m = Symbols.encode(data, item.symbology(), ec);
        int module = switch (f.kind()) {
            case "BQ" -> Integer.parseInt(f.params().split(",")[2]);
            case "BX" -> Integer.parseInt(f.params().split(",")[1]);
            default -> Integer.parseInt(f.by().split(",")[0]);
        };
        int rowHeight = f.kind().equals("BC") ? Integer.parseInt(f.params().split(",")[1]) : module;
        int margin = 8 * module;
        BufferedImage image = new BufferedImage(m.width() * module + 2 * margin, m.height() * rowHeight + 2 * margin,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        for (int y = 0; y < m.height(); y++) {
            for (int x = 0; x < m.width(); x++) {
                if (m.dark(x, y)) {
                    g.fillRect(margin + x * module, margin + y * rowHeight, module, rowHeight);
                }
            }
        }
        g.dispose();
        assertThat(f.x() + m.width() * module).as("symbol inside ^PW").isLessThanOrEqualTo(label.width());
        assertThat(f.y() + m.height() * rowHeight).as("symbol inside ^LL").isLessThanOrEqualTo(label.length());
        assertThat(SymbolDecoding.decode(image, SymbolDecoding.format(item.symbology())).text()).isEqualTo(item.payload());
    }
}
