package com.headlessanalytics.console.hardware.labels;

import com.headlessanalytics.console.hardware.labels.PageDrawing.Box;
import com.headlessanalytics.console.hardware.labels.PageDrawing.Mark;
import com.headlessanalytics.console.hardware.labels.PageDrawing.Text;

/**
 * A page as SVG in millimetres: {@code width="215.9mm"} and a {@code viewBox} in mm, the modules
 * as one black path ({@code shape-rendering="crispEdges"}), each line of text with its
 * Helvetica-metric width as {@code textLength} so it stays inside its label in any sans font.
 */
public final class SvgRenderer {
    static final String FONTS = "Helvetica, Arial, 'Liberation Sans', 'Nimbus Sans', sans-serif";

    private SvgRenderer() {
    }

    public static String render(PageDrawing page) {
        String w = num(page.widthMm());
        String h = num(page.heightMm());
        StringBuilder out = new StringBuilder(64 * page.marks().size() + 512);
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(w)
                .append("mm\" height=\"").append(h).append("mm\" viewBox=\"0 0 ").append(w).append(' ').append(h)
                .append("\">\n<rect width=\"").append(w).append("\" height=\"").append(h).append("\" fill=\"#fff\"/>\n")
                .append("<path fill=\"#000\" shape-rendering=\"crispEdges\" d=\"");
        for (Mark m : page.marks()) {
            if (m instanceof Box b) {
                out.append('M').append(num(b.xMm())).append(' ').append(num(b.yMm()))
                        .append('h').append(num(b.widthMm())).append('v').append(num(b.heightMm()))
                        .append('h').append(num(-b.widthMm())).append('z');
            }
        }
        out.append("\"/>\n<g fill=\"#000\" font-family=\"").append(FONTS).append("\">\n");
        for (Mark m : page.marks()) {
            if (m instanceof Text t && !t.text().isEmpty()) {
                out.append("<text x=\"").append(num(t.xMm())).append("\" y=\"").append(num(t.yMm()))
                        .append("\" font-size=\"").append(num(t.sizeMm())).append('"')
                        .append(t.bold() ? " font-weight=\"bold\"" : "")
                        .append(" textLength=\"").append(num(t.widthMm()))
                        .append("\" lengthAdjust=\"spacingAndGlyphs\">").append(escape(t.text())).append("</text>\n");
            }
        }
        return out.append("</g>\n</svg>\n").toString();
    }

    /** Millimetres to 0.001 mm, without trailing zeros. */
    static String num(double v) {
        long micro = Math.round(v * 1000);
        StringBuilder s = new StringBuilder();
        if (micro < 0) {
            s.append('-');
            micro = -micro;
        }
        s.append(micro / 1000);
        long frac = micro % 1000;
        if (frac != 0) {
            String f = String.valueOf(1000 + frac).substring(1).replaceAll("0+$", "");
            s.append('.').append(f);
        }
        return s.toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\uFFFE', '\uFFFF' -> out.append('?');
                default -> {
                    boolean lone = Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1)))
                            && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1)));
                    out.append(lone || c < 0x20 ? '?' : c);
                }
            }
        }
        return out.toString();
    }
}
