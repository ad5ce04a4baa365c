package com.headlessanalytics.console.hardware.scan;

import com.headlessanalytics.console.domain.trackable.TrackableCodes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a scanner sent, read (docs/labels-and-scanners.md, "Scanner set-up"): an AIM symbology
 * identifier ({@code ]cm}, ISO/IEC 15424) is taken off; GS1 element strings (GS as the FNC1
 * separator, or the bracketed {@code (01)…(21)…} form) are split into application identifiers;
 * then the trackable code is found with {@link TrackableCodes#fromScan}, in the GS1 serial
 * (21), GIAI (8004) or product URL (8200) when there is one. A keyboard-layout mismatch (a scanner
 * sending US keys to a German layout) is repaired when the repaired text names a code, and
 * reported either way.
 */
public final class ScanText {
    /** ASCII 29, GS: FNC1 as a GS1 field separator. */
    public static final char GS = '\u001d';

    /** A read scan: {@code code} null when the text names no trackable code. */
    public record Parsed(String raw, String aim, String symbology, String data, Map<String, String> gs1, String code,
                         List<String> alternatives, String warning) {
        /** Whether the text named a code. */
        public boolean hasCode() {
            return code != null;
        }
    }

    private static final Map<String, String> AIM = Map.ofEntries(
            Map.entry("]Q1", "QR Code"), Map.entry("]Q3", "GS1 QR Code"), Map.entry("]Q0", "QR Code (Model 1)"),
            Map.entry("]C0", "Code 128"), Map.entry("]C1", "GS1-128"), Map.entry("]d1", "Data Matrix"),
            Map.entry("]d2", "GS1 DataMatrix"), Map.entry("]E0", "EAN-13 / UPC-A"), Map.entry("]E4", "EAN-8"),
            Map.entry("]e0", "GS1 DataBar"), Map.entry("]J1", "GS1 DotCode"), Map.entry("]A0", "Code 39"),
            Map.entry("]I0", "Interleaved 2 of 5"), Map.entry("]L2", "PDF417"), Map.entry("]z0", "Aztec"));
    private static final List<String> GS1_AIM = List.of("]Q3", "]C1", "]d2", "]e0", "]J1");

    /** Fixed lengths of the GS1 application identifiers read here; others are variable (up to their max). */
    private static final Map<String, Integer> FIXED = Map.of("00", 18, "01", 14, "02", 14, "11", 6, "12", 6,
            "13", 6, "15", 6, "17", 6, "20", 2, "414", 13);
    private static final Map<String, Integer> VARIABLE = Map.of("10", 20, "21", 20, "22", 20, "30", 8, "37", 8,
            "240", 30, "250", 30, "400", 30, "8004", 30, "8200", 70);

    private ScanText() {
    }

    public static Parsed parse(String raw) {
        String text = raw == null ? "" : strip(raw);
        String aim = null;
        String data = text;
        if (text.length() >= 3 && text.charAt(0) == ']') {
            aim = text.substring(0, 3);
            data = text.substring(3);
        }
        String symbology = aim == null ? null : AIM.getOrDefault(aim, "AIM " + aim);
        Map<String, String> gs1 = Map.of();
        if ((aim != null && GS1_AIM.contains(aim)) || data.indexOf(GS) >= 0 || data.startsWith("(")) {
            gs1 = gs1(data);
        }
        if (!gs1.isEmpty() && aim == null) {
            symbology = "GS1";
        }
        String code = codeOf(data, gs1);
        String warning = null;
        List<String> alternatives = new ArrayList<>();
        String repaired = KeyboardLayouts.usOnGerman(data);
        if (repaired != null) {
            String fixed = codeOf(repaired, gs1);
            if (fixed != null) {
                code = fixed;
                data = repaired;
                warning = "The scanner's keyboard layout differs from this computer's (it types US keys on a German"
                        + " layout: \":\" came as \"Ö\", \"/\" as \"-\"); the text was repaired. Set the scanner to"
                        + " the computer's layout.";
            } else {
                warning = "This looks like a URL typed with the wrong keyboard layout (\"" + abbreviate(data)
                        + "\"); set the scanner to the computer's keyboard layout and scan again.";
            }
        } else if (code != null) {
            String swapped = KeyboardLayouts.swapYz(code);
            if (!swapped.equals(code)) {
                alternatives.add(swapped);
            }
        }
        return new Parsed(raw, aim, symbology, data, gs1, code, List.copyOf(alternatives), warning);
    }

    /** The code in the GS1 fields that may carry one, else in the whole text. */
    private static String codeOf(String data, Map<String, String> gs1) {
        for (String ai : List.of("21", "8004", "8200")) {
            String value = gs1.get(ai);
            String code = value == null ? null : TrackableCodes.fromScan(value);
            if (code != null) {
                return code;
            }
        }
        return gs1.isEmpty() ? TrackableCodes.fromScan(data) : null;
    }

    /**
     * GS1 element strings: {@code (AI)value} pairs, or AIs run together with GS after each
     * variable-length value. Empty when the text does not read as GS1 throughout.
     */
    static Map<String, String> gs1(String data) {
        Map<String, String> out = new LinkedHashMap<>();
        if (data.startsWith("(")) {
            int i = 0;
            while (i < data.length()) {
                int close = data.indexOf(')', i);
                if (data.charAt(i) != '(' || close < 0) {
                    return Map.of();
                }
                String ai = data.substring(i + 1, close);
                int next = data.indexOf('(', close);
                String value = data.substring(close + 1, next < 0 ? data.length() : next);
                if (!known(ai)) {
                    return Map.of();
                }
                out.put(ai, value);
                i = next < 0 ? data.length() : next;
            }
            return out;
        }
        int i = data.startsWith(String.valueOf(GS)) ? 1 : 0;
        while (i < data.length()) {
            String ai = null;
            for (int len = 2; len <= 4 && i + len <= data.length(); len++) {
                if (known(data.substring(i, i + len))) {
                    ai = data.substring(i, i + len);
                    break;
                }
            }
            if (ai == null) {
                return Map.of();
            }
            i += ai.length();
            Integer fixed = FIXED.get(ai);
            int end;
            if (fixed != null) {
                end = i + fixed;
                if (end > data.length()) {
                    return Map.of();
                }
            } else {
                int gs = data.indexOf(GS, i);
                end = gs < 0 ? data.length() : gs;
                if (end - i > VARIABLE.get(ai)) {
                    return Map.of();
                }
            }
            out.put(ai, data.substring(i, end));
            i = end < data.length() && data.charAt(end) == GS ? end + 1 : end;
        }
        return out;
    }

    private static boolean known(String ai) {
        return FIXED.containsKey(ai) || VARIABLE.containsKey(ai);
    }

    /** The text without the terminator and surrounding blanks (GS kept). */
    private static String strip(String raw) {
        int start = 0;
        int end = raw.length();
        while (end > start && (raw.charAt(end - 1) == '\r' || raw.charAt(end - 1) == '\n' || raw.charAt(end - 1) == '\t'
                || raw.charAt(end - 1) == ' ')) {
            end--;
        }
        while (start < end && raw.charAt(start) == ' ') {
            start++;
        }
        return raw.substring(start, end);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
