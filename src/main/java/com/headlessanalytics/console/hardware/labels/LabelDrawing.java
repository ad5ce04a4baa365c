package com.headlessanalytics.console.hardware.labels;

import com.headlessanalytics.console.hardware.labels.PageDrawing.Box;
import com.headlessanalytics.console.hardware.labels.PageDrawing.Mark;
import com.headlessanalytics.console.hardware.labels.PageDrawing.Text;
import com.headlessanalytics.console.symbols.ErrorCorrection;
import com.headlessanalytics.console.symbols.ModuleMatrix;
import com.headlessanalytics.console.symbols.Symbology;
import com.headlessanalytics.console.symbols.Symbols;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays out a job's labels: each label's symbol (with its quiet zone) and its code and name beside it.
 *
 * <p>A QR or DataMatrix symbol sits at the label's left, as large as the label's height allows
 * (less {@link #EDGE_MM} each side), its quiet zone inside that square; the code (bold) and the
 * name (wrapped, then cut with an ellipsis) are to its right. Code 128 bars span the label's
 * width with their 10-module quiet zones, the name above and the code under them. On a template
 * with a {@code dpi} (Zebra) modules, bars and the symbol's corner fall on the printer's dot grid.
 * Every mark lies inside its label.
 */
public final class LabelDrawing {
    /** Kept clear inside each label edge, beyond the symbol's own quiet zone. */
    public static final double EDGE_MM = 0.75;
    /** The smallest 2D module we print on a sheet or roll (about 2 dots at 203 dpi). */
    public static final double MIN_MODULE_MM = 0.25;
    /** The narrowest Code 128 bar we print on a sheet or roll (7.5 mil). */
    public static final double MIN_BAR_MM = 0.19;
    /** The fewest printer dots per module on a Zebra. */
    public static final int MIN_MODULE_DOTS = 2;
    private static final double MAX_BAR_MM = 0.5;
    private static final double TEXT_GAP_MM = 1.0;
    /** Text keeps at least this far from a symbol, even when its quiet zone is narrower (DataMatrix's is 1 module). */
    private static final double MIN_SYMBOL_TEXT_GAP_MM = 2.0;
    private static final double MIN_TEXT_WIDTH_MM = 18;
    private static final double LINE = TextMetrics.ASCENT_EM + TextMetrics.DESCENT_EM;
    private static final String ELLIPSIS = "\u2026";

    private LabelDrawing() {
    }

    /**
     * One label laid out: the symbol's modules start at ({@code symbolXMm}, {@code symbolYMm})
     * (inside the quiet zone), each {@code moduleMm} wide and (2D) high; Code 128 bars are
     * {@code barHeightMm} high. {@code moduleDots} is the module in printer dots on a dpi template, else 0.
     */
    record Label(LabelItem item, ModuleMatrix matrix, double symbolXMm, double symbolYMm, double moduleMm,
                 double barHeightMm, int moduleDots, List<Box> boxes, List<Text> texts) {
    }

    /** Page {@code page} (0-based) of the job. */
    public static PageDrawing page(LabelJob job, int page) {
        if (page < 0 || page >= Math.max(1, job.pageCount())) {
            throw new IllegalArgumentException("the job has no page " + (page + 1));
        }
        LabelTemplate t = job.template();
        List<Mark> marks = new ArrayList<>();
        for (LabelJob.Placement p : job.placements(page)) {
            Label label = label(t, p.item(), job.correction(), p.xMm(), p.yMm());
            marks.addAll(label.boxes());
            marks.addAll(label.texts());
        }
        return new PageDrawing(t.pageWidthMm(), t.pageHeightMm(), List.copyOf(marks));
    }

    /** Lays out one label whose top-left corner is at ({@code x}, {@code y}) on the page. */
    static Label label(LabelTemplate t, LabelItem item, ErrorCorrection correction, double x, double y) {
        ModuleMatrix matrix;
        try {
            matrix = Symbols.encode(item.payload(), item.symbology(), correction);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(item.code() + ": " + e.getMessage(), e);
        }
        return item.symbology().linear() ? linear(t, item, matrix, x, y) : square(t, item, matrix, x, y);
    }

    private static Label square(LabelTemplate t, LabelItem item, ModuleMatrix m, double x, double y) {
        double w = t.labelWidthMm();
        double h = t.labelHeightMm();
        int q = m.symbology().quietZone();
        int full = Math.max(m.fullWidth(), m.fullHeight());
        double side = Math.min(h - 2 * EDGE_MM, w - 2 * EDGE_MM - MIN_TEXT_WIDTH_MM);
        double module = side / full;
        int dots = 0;
        if (t.dpi() > 0) {
            dots = (int) Math.floor(module * t.dpi() / 25.4);
            if (dots < MIN_MODULE_DOTS) {
                throw tooLong(item, t, m);
            }
            module = dots * 25.4 / t.dpi();
        } else if (module < MIN_MODULE_MM) {
            throw tooLong(item, t, m);
        }
        side = full * module;
        double left = x + EDGE_MM;
        double top = y + (h - side) / 2;
        double symbolX = left + q * module;
        double symbolY = top + q * module;
        if (dots > 0) {
            symbolX = ceilToDot(symbolX, t.dpi());
            symbolY = roundToDot(symbolY, t.dpi());
        }
        List<Box> boxes = runs(m, symbolX, symbolY, module, module);

        double textX = symbolX + m.width() * module + Math.max(q * module, MIN_SYMBOL_TEXT_GAP_MM);
        double textRight = x + w - EDGE_MM - TEXT_GAP_MM;
        double textWidth = textRight - textX;
        double codeSize = fit(item.code(), Math.min(h * 0.18, 5.0), true, textWidth);
        double nameSize = Math.min(codeSize * 0.8, 3.5);
        double nameRoom = h - 2 * EDGE_MM - codeSize * LINE - nameSize * 0.3;
        int maxLines = (int) Math.max(0, Math.min(3, Math.floor(nameRoom / (nameSize * LINE))));
        List<String> nameLines = wrap(clean(item.name()), nameSize, false, textWidth, maxLines);
        double block = codeSize * LINE + (nameLines.isEmpty() ? 0 : nameSize * 0.3 + nameLines.size() * nameSize * LINE);
        double lineTop = y + (h - block) / 2;
        List<Text> texts = new ArrayList<>();
        texts.add(new Text(textX, lineTop + TextMetrics.ASCENT_EM * codeSize, codeSize, true, clean(item.code())));
        lineTop += codeSize * LINE + nameSize * 0.3;
        for (String line : nameLines) {
            texts.add(new Text(textX, lineTop + TextMetrics.ASCENT_EM * nameSize, nameSize, false, line));
            lineTop += nameSize * LINE;
        }
        return new Label(item, m, symbolX, symbolY, module, module, dots, boxes, texts);
    }

    private static Label linear(LabelTemplate t, LabelItem item, ModuleMatrix m, double x, double y) {
        double w = t.labelWidthMm();
        double h = t.labelHeightMm();
        int q = m.symbology().quietZone();
        double module = Math.min(MAX_BAR_MM, (w - 2 * EDGE_MM) / m.fullWidth());
        int dots = 0;
        if (t.dpi() > 0) {
            dots = (int) Math.floor(module * t.dpi() / 25.4);
            if (dots < 1) {
                throw tooLong(item, t, m);
            }
            module = dots * 25.4 / t.dpi();
        } else if (module < MIN_BAR_MM) {
            throw tooLong(item, t, m);
        }
        double symbolWidth = m.width() * module;
        double barsX = x + (w - m.fullWidth() * module) / 2 + q * module;
        double codeSize = fit(item.code(), Math.min(h * 0.14, 4.0), true, symbolWidth);
        double nameSize = Math.min(h * 0.11, 3.0);
        String name = clean(item.name());
        List<String> nameLines = wrap(name, nameSize, false, w - 2 * EDGE_MM - 2 * TEXT_GAP_MM, 1);
        double nameHeight = nameLines.isEmpty() ? 0 : nameSize * LINE + 0.5;
        double barsY = y + EDGE_MM + nameHeight;
        double barHeight = h - 2 * EDGE_MM - nameHeight - codeSize * LINE - 0.5;
        if (dots > 0) {
            barsX = ceilToDot(barsX, t.dpi());
            barsY = ceilToDot(barsY, t.dpi());
            barHeight = Math.floor(barHeight * t.dpi() / 25.4) * 25.4 / t.dpi();
        }
        List<Box> boxes = runs(m, barsX, barsY, module, barHeight);
        List<Text> texts = new ArrayList<>();
        for (String line : nameLines) {
            double lw = TextMetrics.widthMm(line, nameSize, false);
            texts.add(new Text(x + (w - lw) / 2, y + EDGE_MM + TextMetrics.ASCENT_EM * nameSize, nameSize, false, line));
        }
        String code = clean(item.code());
        double cw = TextMetrics.widthMm(code, codeSize, true);
        texts.add(new Text(barsX + (symbolWidth - cw) / 2, barsY + barHeight + 0.5 + TextMetrics.ASCENT_EM * codeSize,
                codeSize, true, code));
        return new Label(item, m, barsX, barsY, module, barHeight, dots, boxes, texts);
    }

    /** One box per horizontal run of dark modules (a linear symbol's run is a bar {@code rowHeight} high). */
    private static List<Box> runs(ModuleMatrix m, double x0, double y0, double module, double rowHeight) {
        List<Box> boxes = new ArrayList<>();
        for (int row = 0; row < m.height(); row++) {
            int col = 0;
            while (col < m.width()) {
                if (!m.dark(col, row)) {
                    col++;
                    continue;
                }
                int start = col;
                while (col < m.width() && m.dark(col, row)) {
                    col++;
                }
                boxes.add(new Box(x0 + start * module, y0 + row * module, (col - start) * module, rowHeight));
            }
        }
        return boxes;
    }

    private static IllegalArgumentException tooLong(LabelItem item, LabelTemplate t, ModuleMatrix m) {
        return new IllegalArgumentException("the payload of " + item.code() + " (" + item.payload().length()
                + " characters, " + m.width() + " modules) is too long to print legibly on " + t.name()
                + "; shorten its target URL or use a larger label");
    }

    private static double ceilToDot(double mm, int dpi) {
        return Math.ceil(mm * dpi / 25.4 - 1e-9) * 25.4 / dpi;
    }

    private static double roundToDot(double mm, int dpi) {
        return Math.round(mm * dpi / 25.4) * 25.4 / dpi;
    }

    /** The em size, at most {@code size}, at which {@code text} fits {@code width}. */
    private static double fit(String text, double size, boolean bold, double width) {
        double w = TextMetrics.widthMm(clean(text), size, bold);
        return w <= width ? size : size * width / w;
    }

    /** Control characters and runs of white space become one space; the result is trimmed. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        return text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    }

    /**
     * Greedy word wrap to {@code maxLines} lines of at most {@code width}; a word too long for a
     * line is broken; when the text does not fit, the last line ends with an ellipsis.
     */
    static List<String> wrap(String text, double size, boolean bold, double width, int maxLines) {
        List<String> lines = new ArrayList<>();
        if (text.isEmpty() || maxLines <= 0) {
            return lines;
        }
        String rest = text;
        while (!rest.isEmpty() && lines.size() < maxLines) {
            if (TextMetrics.widthMm(rest, size, bold) <= width) {
                lines.add(rest);
                rest = "";
                break;
            }
            int cut = longestPrefix(rest, size, bold, width);
            int space = rest.lastIndexOf(' ', cut);
            int end = space > 0 ? space : Math.max(1, cut);
            lines.add(rest.substring(0, end).stripTrailing());
            rest = rest.substring(end).stripLeading();
        }
        if (!rest.isEmpty()) {
            String last = lines.remove(lines.size() - 1);
            String joined = (last + " " + rest);
            int keep = longestPrefix(joined, size, bold, width - TextMetrics.widthMm(ELLIPSIS, size, bold));
            String cut = joined.substring(0, keep).stripTrailing();
            lines.add(cut + ELLIPSIS);
        }
        return lines;
    }

    /** The number of leading characters of {@code text} that fit {@code width}. */
    private static int longestPrefix(String text, double size, boolean bold, double width) {
        int n = 0;
        while (n < text.length() && TextMetrics.widthMm(text.substring(0, n + 1), size, bold) <= width) {
            n++;
        }
        if (n > 0 && n < text.length() && Character.isHighSurrogate(text.charAt(n - 1))) {
            n--;
        }
        return n;
    }
}
