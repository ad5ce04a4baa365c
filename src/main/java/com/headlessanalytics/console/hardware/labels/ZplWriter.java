package com.headlessanalytics.console.hardware.labels;

import com.headlessanalytics.console.hardware.labels.PageDrawing.Text;
import com.headlessanalytics.console.symbols.ErrorCorrection;

/**
 * A job as ZPL II for a Zebra template: one {@code ^XA…^XZ} per label at the template's dpi, laid
 * out like {@link LabelDrawing} (same symbol corner and module size, in dots). QR is
 * {@code ^BQN,2,<module dots>} with {@code ^FD<EC>A,<payload>}, Code 128 {@code ^BY<bar dots>^BC}
 * (automatic subsets), DataMatrix {@code ^BX} (ECC 200); the code and name are {@code ^A0} text
 * placed by their baseline with {@code ^FT}. Text is UTF-8 ({@code ^CI28}); a field holding
 * {@code ^} or {@code ~} is written hex-escaped under {@code ^FH}.
 */
public final class ZplWriter {

    private ZplWriter() {
    }

    public static String write(LabelJob job) {
        LabelTemplate t = job.template();
        if (t.stock() != LabelTemplate.Stock.ZPL || t.dpi() <= 0) {
            throw new IllegalArgumentException("ZPL needs a Zebra template (" + zebraIds() + "); " + t.id()
                    + " is a " + t.stock().name().toLowerCase(java.util.Locale.ROOT) + " stock");
        }
        StringBuilder out = new StringBuilder();
        for (LabelJob.Placement p : job.placements()) {
            LabelDrawing.Label label = LabelDrawing.label(t, p.item(), job.correction(), p.xMm(), p.yMm());
            label(out, t, label, job.correction());
        }
        return out.toString();
    }

    private static String zebraIds() {
        return String.join(", ", LabelTemplates.all().stream()
                .filter(x -> x.stock() == LabelTemplate.Stock.ZPL).map(LabelTemplate::id).toList());
    }

    private static void label(StringBuilder out, LabelTemplate t, LabelDrawing.Label label, ErrorCorrection ec) {
        int dpi = t.dpi();
        out.append("^XA\n^CI28\n^PW").append(dots(t.labelWidthMm(), dpi)).append("\n^LL")
                .append(dots(t.labelHeightMm(), dpi)).append("\n^LH0,0\n");
        out.append("^FO").append(dots(label.symbolXMm(), dpi)).append(',').append(dots(label.symbolYMm(), dpi));
        String data = label.item().payload();
        switch (label.matrix().symbology()) {
            case QR -> {
                out.append("^BQN,2,").append(label.moduleDots());
                field(out, qrLevel(ec) + "A," + data);
            }
            case CODE_128 -> {
                out.append("^BY").append(label.moduleDots()).append(",3,").append(dots(label.barHeightMm(), dpi))
                        .append("^BCN,").append(dots(label.barHeightMm(), dpi)).append(",N,N,N,A");
                field(out, data);
            }
            case DATA_MATRIX -> {
                out.append("^BXN,").append(label.moduleDots()).append(",200");
                field(out, data);
            }
        }
        for (Text text : label.texts()) {
            int size = Math.max(10, dots(text.sizeMm(), dpi));
            out.append("^FT").append(dots(text.xMm(), dpi)).append(',').append(dots(text.yMm(), dpi))
                    .append("^A0N,").append(size).append(',').append(size);
            field(out, text.text());
        }
        out.append("^XZ\n");
    }

    private static char qrLevel(ErrorCorrection ec) {
        return switch (ec) {
            case L -> 'L';
            case M -> 'M';
            case Q -> 'Q';
            case H -> 'H';
        };
    }

    /** {@code ^FD…^FS}, under {@code ^FH} with {@code ^}, {@code ~} and {@code _} as {@code _5E}, {@code _7E}, {@code _5F} when needed. */
    private static void field(StringBuilder out, String data) {
        if (data.indexOf('^') < 0 && data.indexOf('~') < 0) {
            out.append("^FD").append(data).append("^FS\n");
            return;
        }
        out.append("^FH_^FD");
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            switch (c) {
                case '^' -> out.append("_5E");
                case '~' -> out.append("_7E");
                case '_' -> out.append("_5F");
                default -> out.append(c);
            }
        }
        out.append("^FS\n");
    }

    static int dots(double mm, int dpi) {
        return (int) Math.round(mm * dpi / 25.4);
    }
}
