package com.headlessanalytics.console.hardware.labels;

import org.apache.fontbox.afm.FontMetrics;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.font.encoding.GlyphList;
import org.apache.pdfbox.pdmodel.font.encoding.WinAnsiEncoding;

/**
 * Text widths in Helvetica's metrics (the PDF's standard font; Arial, Liberation Sans and Nimbus
 * Sans share them), so the layout knows how wide a line is in every renderer. A character
 * Helvetica cannot encode counts one em (wider than any it can), and the PDF prints it as '?'.
 */
public final class TextMetrics {
    /** Ascent and descent bounds of a line, in ems (Helvetica's accented capitals reach 0.93). */
    public static final double ASCENT_EM = 0.95;
    public static final double DESCENT_EM = 0.25;

    private static final char FIRST = 0x20;
    private static final char LAST = 0x24F;
    private static final char[] EXTRA = {'\u2013', '\u2014', '\u2018', '\u2019', '\u201A', '\u201C', '\u201D',
        '\u201E', '\u2020', '\u2021', '\u2022', '\u2026', '\u2030', '\u2039', '\u203A', '\u20AC', '\u2122'};
    private static final short[] REGULAR = new short[LAST + 1];
    private static final short[] BOLD = new short[LAST + 1];
    private static final short[] REGULAR_EXTRA = new short[EXTRA.length];
    private static final short[] BOLD_EXTRA = new short[EXTRA.length];
    private static final short UNKNOWN = -1;

    static {
        FontMetrics regular = Standard14Fonts.getAFM(Standard14Fonts.FontName.HELVETICA.getName());
        FontMetrics bold = Standard14Fonts.getAFM(Standard14Fonts.FontName.HELVETICA_BOLD.getName());
        for (char c = 0; c <= LAST; c++) {
            REGULAR[c] = c < FIRST ? UNKNOWN : width(regular, c);
            BOLD[c] = c < FIRST ? UNKNOWN : width(bold, c);
        }
        for (int i = 0; i < EXTRA.length; i++) {
            REGULAR_EXTRA[i] = width(regular, EXTRA[i]);
            BOLD_EXTRA[i] = width(bold, EXTRA[i]);
        }
    }

    private TextMetrics() {
    }

    /** The AFM width of {@code c} when WinAnsi (the standard fonts' encoding in our PDFs) has it. */
    private static short width(FontMetrics font, char c) {
        String name = GlyphList.getAdobeGlyphList().codePointToName(c);
        float width = WinAnsiEncoding.INSTANCE.contains(name) ? font.getCharacterWidth(name) : 0;
        return width > 0 ? (short) Math.round(width) : UNKNOWN;
    }

    private static int units(char c, boolean bold) {
        short w = UNKNOWN;
        if (c <= LAST) {
            w = bold ? BOLD[c] : REGULAR[c];
        } else {
            for (int i = 0; i < EXTRA.length; i++) {
                if (EXTRA[i] == c) {
                    w = bold ? BOLD_EXTRA[i] : REGULAR_EXTRA[i];
                }
            }
        }
        return w == UNKNOWN ? 1000 : w;
    }

    /** Whether Helvetica (WinAnsi) can print {@code c}. */
    public static boolean encodable(char c) {
        if (c <= LAST) {
            return REGULAR[c] != UNKNOWN;
        }
        for (char e : EXTRA) {
            if (e == c) {
                return true;
            }
        }
        return false;
    }

    /** The text with every character Helvetica cannot print replaced by '?' (what the PDF shows). */
    public static String pdfSafe(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                out.append('?');
            } else {
                out.append(encodable(c) ? c : '?');
            }
        }
        return out.toString();
    }

    /** Width of {@code text} at em height {@code sizeMm}. */
    public static double widthMm(String text, double sizeMm, boolean bold) {
        long total = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLowSurrogate(c)) {
                continue;
            }
            total += units(c, bold);
        }
        return total * sizeMm / 1000.0;
    }
}
