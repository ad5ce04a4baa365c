package com.headlessanalytics.console.hardware.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.headlessanalytics.console.hardware.labels.PageDrawing.Box;
import com.headlessanalytics.console.hardware.labels.PageDrawing.Mark;
import com.headlessanalytics.console.hardware.labels.PageDrawing.Text;
import com.headlessanalytics.console.symbols.ErrorCorrection;
import com.headlessanalytics.console.symbols.Symbology;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Label layout: every mark inside its label, the templates' geometry against the published stock data. */
class LabelDrawingTest {
    private static final double IN = 25.4;
    private static final double TOLERANCE = 0.5;

    static List<LabelTemplate> templates() {
        return LabelTemplates.all();
    }

    static List<LabelItem> mixedItems(int n) {
        List<LabelItem> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String code = "C0DE" + String.format("%04d", i);
            Symbology s = Symbology.values()[i % 3];
            String payload = s == Symbology.CODE_128 ? code : "https://shop.example.com/products/item-" + i + "?ha_code=" + code;
            String name = switch (i % 4) {
                case 0 -> "Pallet " + i;
                case 1 -> "A very long trackable name that cannot possibly fit on one small label line " + i;
                case 2 -> "\u00dcberschrift \u0132ssel \u2013 \u00e5ngstr\u00f6m \u6771\u4eac " + i;
                default -> "Supercalifragilisticexpialidociousandevenlongerwithoutanyspaces" + i;
            };
            out.add(new LabelItem(code, name, payload, s));
        }
        return out;
    }

    /** A label rectangle from the published stock data, independently of LabelTemplate's fields. */
    record Rect(double x, double y, double w, double h) {
        boolean contains(double x0, double y0, double x1, double y1) {
            double eps = 1e-6;
            return x0 >= x - eps && y0 >= y - eps && x1 <= x + w + eps && y1 <= y + h + eps;
        }
    }

    static Rect published(LabelTemplate t, int slot) {
        return switch (t.id()) {
            case "avery-5160" -> new Rect((0.15625 + slot % 3 * 2.78125) * IN, (0.5 + slot / 3) * IN, 2.625 * IN, 1 * IN);
            case "avery-l7160" -> new Rect(7.2 + slot % 3 * (63.5 + 2.5), 15.15 + slot / 3 * 38.1, 63.5, 38.1);
            case "dymo-30252" -> new Rect(0, 0, 89, 28);
            case "dymo-30334" -> new Rect(0, 0, 57, 32);
            case "zebra-2x1-203", "zebra-2x1-300" -> new Rect(0, 0, 2 * IN, 1 * IN);
            default -> throw new AssertionError("no published geometry for " + t.id());
        };
    }

    @ParameterizedTest
    @MethodSource("templates")
    void everyMarkLiesInsideItsLabel(LabelTemplate t) {
        for (ErrorCorrection ec : List.of(ErrorCorrection.M, ErrorCorrection.H)) {
            LabelJob job = new LabelJob(t, mixedItems(t.perPage() + 2), 1, ec);
            for (int page = 0; page < job.pageCount(); page++) {
                for (LabelJob.Placement p : job.placements(page)) {
                    Rect r = published(t, p.slot());
                    LabelDrawing.Label label = LabelDrawing.label(t, p.item(), ec, p.xMm(), p.yMm());
                    for (Box b : label.boxes()) {
                        assertThat(r.contains(b.xMm(), b.yMm(), b.xMm() + b.widthMm(), b.yMm() + b.heightMm()))
                                .as("%s %s box %s in %s", t.id(), p.item().code(), b, r).isTrue();
                    }
                    for (Text x : label.texts()) {
                        assertThat(r.contains(x.xMm(), x.topMm(), x.xMm() + x.widthMm(), x.bottomMm()))
                                .as("%s %s text %s in %s", t.id(), p.item().code(), x, r).isTrue();
                    }
                    assertQuietZoneClear(label, r);
                }
                PageDrawing drawing = LabelDrawing.page(job, page);
                assertThat(drawing.marks()).isNotEmpty();
                assertThat(drawing.widthMm()).isEqualTo(t.pageWidthMm());
                assertThat(drawing.heightMm()).isEqualTo(t.pageHeightMm());
            }
        }
    }

    /** The quiet zone around the symbol lies inside the label and holds no text. */
    private static void assertQuietZoneClear(LabelDrawing.Label label, Rect r) {
        int q = label.matrix().symbology().quietZone();
        double mod = label.moduleMm();
        boolean linear = label.matrix().symbology().linear();
        double x0 = label.symbolXMm() - q * mod;
        double x1 = label.symbolXMm() + (label.matrix().width() + q) * mod;
        double y0 = linear ? label.symbolYMm() : label.symbolYMm() - q * mod;
        double y1 = linear ? label.symbolYMm() + label.barHeightMm() : label.symbolYMm() + (label.matrix().height() + q) * mod;
        assertThat(r.contains(x0, y0, x1, y1)).as("quiet zone inside the label").isTrue();
        for (Text t : label.texts()) {
            boolean overlaps = t.xMm() < x1 - 1e-6 && t.xMm() + t.widthMm() > x0 + 1e-6
                    && t.topMm() < y1 - 1e-6 && t.bottomMm() > y0 + 1e-6;
            assertThat(overlaps).as("text %s clear of the symbol and its quiet zone", t).isFalse();
        }
    }

    @Test
    void avery5160HasThirtyLabelsWhereGlabelsPutsThem() {
        LabelTemplate t = LabelTemplates.AVERY_5160;
        assertThat(t.perPage()).isEqualTo(30);
        assertThat(t.pageWidthMm()).isCloseTo(215.9, within(0.01));
        assertThat(t.pageHeightMm()).isCloseTo(279.4, within(0.01));
        for (int slot = 0; slot < 30; slot++) {
            assertCorner(t, slot);
        }
        assertThat(t.slotXMm(29) + t.labelWidthMm()).isCloseTo(8.34375 * IN, within(TOLERANCE));
        assertThat(t.slotYMm(29) + t.labelHeightMm()).isCloseTo(10.5 * IN, within(TOLERANCE));
    }

    @Test
    void l7160HasTwentyOneLabelsFillingTheA4Sheet() {
        LabelTemplate t = LabelTemplates.AVERY_L7160;
        assertThat(t.perPage()).isEqualTo(21);
        assertThat(t.pageWidthMm()).isEqualTo(210);
        assertThat(t.pageHeightMm()).isEqualTo(297);
        for (int slot = 0; slot < 21; slot++) {
            assertCorner(t, slot);
        }
        assertThat(t.slotYMm(20) + t.labelHeightMm()).isCloseTo(297 - 15.15, within(TOLERANCE));
        assertThat(t.slotXMm(20) + t.labelWidthMm()).isCloseTo(210 - 7.2, within(TOLERANCE));
    }

    @ParameterizedTest
    @EnumSource(names = {"M", "H"})
    void singleLabelStocksAreOnePagePerLabel(ErrorCorrection ec) {
        for (LabelTemplate t : List.of(LabelTemplates.DYMO_30252, LabelTemplates.DYMO_30334, LabelTemplates.ZEBRA_203,
                LabelTemplates.ZEBRA_300)) {
            LabelJob job = new LabelJob(t, mixedItems(3), 1, ec);
            assertThat(job.pageCount()).isEqualTo(3);
            assertCorner(t, 0);
            for (int page = 0; page < 3; page++) {
                PageDrawing d = LabelDrawing.page(job, page);
                assertThat(d.widthMm()).isCloseTo(published(t, 0).w(), within(TOLERANCE));
                assertThat(d.heightMm()).isCloseTo(published(t, 0).h(), within(TOLERANCE));
            }
        }
    }

    @Test
    void aPartlyUsedSheetStartsAtTheChosenPositionAndLaterPagesAtTheFirst() {
        LabelTemplate t = LabelTemplates.AVERY_5160;
        LabelJob job = new LabelJob(t, mixedItems(35), 28, ErrorCorrection.M);
        assertThat(job.pageCount()).isEqualTo(3);
        assertThat(job.placements(0)).extracting(LabelJob.Placement::slot).containsExactly(27, 28, 29);
        assertThat(job.placements(1)).hasSize(30);
        assertThat(job.placements(2)).extracting(LabelJob.Placement::slot).containsExactly(0, 1);
        for (LabelJob.Placement p : job.placements()) {
            Rect r = published(t, p.slot());
            assertThat(p.xMm()).isCloseTo(r.x(), within(TOLERANCE));
            assertThat(p.yMm()).isCloseTo(r.y(), within(TOLERANCE));
        }
        PageDrawing page0 = LabelDrawing.page(job, 0);
        double minY = page0.marks().stream().mapToDouble(LabelDrawingTest::top).min().orElseThrow();
        assertThat(minY).as("nothing above the 10th row on a sheet whose first 27 labels are used")
                .isGreaterThanOrEqualTo(published(t, 27).y());
        assertThatThrownBy(() -> LabelDrawing.page(job, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LabelJob(t, mixedItems(1), 31, ErrorCorrection.M)).hasMessageContaining("1 to 30");
    }

    @Test
    void qrModulesAreMergedIntoRunsAndFollowTheMatrix() {
        LabelItem item = new LabelItem("ABCD1234", "Box", "https://example.com/?ha_code=ABCD1234", Symbology.QR);
        LabelDrawing.Label label = LabelDrawing.label(LabelTemplates.AVERY_5160, item, ErrorCorrection.M, 0, 0);
        int dark = label.matrix().darkModules().cardinality();
        double area = label.boxes().stream().mapToDouble(b -> b.widthMm() * b.heightMm()).sum();
        assertThat(area).isCloseTo(dark * label.moduleMm() * label.moduleMm(), within(1e-6));
        assertThat(label.boxes().size()).isLessThan(dark);
        assertThat(label.boxes()).allSatisfy(b -> assertThat(b.heightMm()).isCloseTo(label.moduleMm(), within(1e-9)));
        double side = label.matrix().fullWidth() * label.moduleMm();
        assertThat(side).as("the symbol fills the label's height less the edges")
                .isCloseTo(IN - 2 * LabelDrawing.EDGE_MM, within(1e-6));
    }

    @Test
    void code128BarsSpanTheLabelWithTheirQuietZonesAndTheCodeUnder() {
        LabelItem item = new LabelItem("7K229651", "Bin 3", "7K229651", Symbology.CODE_128);
        LabelDrawing.Label label = LabelDrawing.label(LabelTemplates.AVERY_5160, item, ErrorCorrection.M, 0, 0);
        assertThat(label.barHeightMm()).isGreaterThan(12);
        double barsBottom = label.symbolYMm() + label.barHeightMm();
        Text code = label.texts().stream().filter(Text::bold).findFirst().orElseThrow();
        assertThat(code.text()).isEqualTo("7K229651");
        assertThat(code.topMm()).isGreaterThanOrEqualTo(barsBottom);
        assertThat(label.moduleMm()).isBetween(LabelDrawing.MIN_BAR_MM, 0.5);
    }

    @ParameterizedTest
    @EnumSource(names = {"M", "H"})
    void zebraModulesAndCornersSitOnThePrinterDotGrid(ErrorCorrection ec) {
        for (LabelTemplate t : List.of(LabelTemplates.ZEBRA_203, LabelTemplates.ZEBRA_300)) {
            for (LabelItem item : mixedItems(3)) {
                LabelDrawing.Label label = LabelDrawing.label(t, item, ec, 0, 0);
                double dot = IN / t.dpi();
                assertThat(label.moduleDots()).isGreaterThanOrEqualTo(item.symbology().linear() ? 1 : 2);
                assertThat(label.moduleMm()).isCloseTo(label.moduleDots() * dot, within(1e-9));
                assertThat(label.symbolXMm() / dot).isCloseTo(Math.rint(label.symbolXMm() / dot), within(1e-6));
                assertThat(label.symbolYMm() / dot).isCloseTo(Math.rint(label.symbolYMm() / dot), within(1e-6));
            }
        }
    }

    @Test
    void longNamesWrapAndEndWithAnEllipsis() {
        LabelItem item = new LabelItem("ABCD1234", "word ".repeat(200), "https://example.com/?ha_code=ABCD1234",
                Symbology.QR);
        List<Text> texts = LabelDrawing.label(LabelTemplates.AVERY_5160, item, ErrorCorrection.M, 0, 0).texts();
        assertThat(texts.get(0).text()).isEqualTo("ABCD1234");
        assertThat(texts.get(0).bold()).isTrue();
        assertThat(texts.size()).isBetween(2, 4);
        assertThat(texts.get(texts.size() - 1).text()).endsWith("\u2026");
        assertThat(texts.subList(1, texts.size())).allSatisfy(t -> assertThat(t.text()).startsWith("word"));
        LabelItem controls = new LabelItem("ABCD1234", "tab\there\nnew\u0000line", "x", Symbology.QR);
        assertThat(LabelDrawing.label(LabelTemplates.AVERY_5160, controls, ErrorCorrection.M, 0, 0).texts().get(1).text())
                .isEqualTo("tab here new line");
    }

    @Test
    void aPayloadTooLongForTheLabelIsAClearError() {
        String big = "https://example.com/?q=" + "x".repeat(400);
        LabelItem item = new LabelItem("ABCD1234", "Big", big, Symbology.QR);
        LabelJob job = new LabelJob(LabelTemplates.ZEBRA_203, List.of(item), 1, ErrorCorrection.H);
        assertThatThrownBy(() -> LabelDrawing.page(job, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ABCD1234").hasMessageContaining("too long");
        LabelItem huge = new LabelItem("ABCD1234", "Big", "x".repeat(5000), Symbology.QR);
        LabelJob impossible = new LabelJob(LabelTemplates.AVERY_5160, List.of(huge), 1, ErrorCorrection.M);
        assertThatThrownBy(() -> LabelDrawing.page(impossible, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ABCD1234").hasMessageContaining("cannot encode");
    }

    @Test
    void textIsMeasuredInHelveticaMetrics() {
        assertThat(TextMetrics.widthMm("Hello", 10, false)).isCloseTo(22.78, within(1e-9));
        assertThat(TextMetrics.widthMm("Hello", 10, true)).isCloseTo(24.45, within(1e-9));
        assertThat(TextMetrics.widthMm("\u6771", 10, false)).as("unknown glyphs count one em").isEqualTo(10);
        assertThat(TextMetrics.pdfSafe("Caf\u00e9 \u6771\u4eac \u2026 \ud83d\ude00")).isEqualTo("Caf\u00e9 ?? \u2026 ?");
    }

    @Test
    void anEmptyJobIsOneEmptyPage() {
        LabelJob job = new LabelJob(LabelTemplates.AVERY_L7160, List.of(), 1, ErrorCorrection.M);
        assertThat(job.pageCount()).isZero();
        assertThat(LabelDrawing.page(job, 0).marks()).isEmpty();
    }

    private static void assertCorner(LabelTemplate t, int slot) {
        Rect r = published(t, slot);
        assertThat(t.slotXMm(slot)).as("%s slot %d x", t.id(), slot).isCloseTo(r.x(), within(TOLERANCE));
        assertThat(t.slotYMm(slot)).as("%s slot %d y", t.id(), slot).isCloseTo(r.y(), within(TOLERANCE));
        assertThat(t.labelWidthMm()).isCloseTo(r.w(), within(TOLERANCE));
        assertThat(t.labelHeightMm()).isCloseTo(r.h(), within(TOLERANCE));
    }

    private static double top(Mark m) {
        return m instanceof Box b ? b.yMm() : ((Text) m).topMm();
    }
}
