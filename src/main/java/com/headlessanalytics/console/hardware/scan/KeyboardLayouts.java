package com.headlessanalytics.console.hardware.scan;

import java.text.Normalizer;
import java.util.Map;

/**
 * Keyboard-layout mismatches between a wedge scanner and the computer. A scanner set to US that
 * types into a German (QWERTZ) layout sends US key positions, which the computer reads as German
 * characters: {@code :} arrives as {@code Ö}, {@code /} as {@code -}, {@code ?} as {@code _},
 * {@code -} as {@code ß}, {@code y} and {@code z} swap, and {@code =} is the dead acute key
 * (so {@code =A} arrives as {@code Á}).
 */
public final class KeyboardLayouts {
    private static final Map<Character, Character> GERMAN_TO_US = Map.ofEntries(
            Map.entry('Ö', ':'), Map.entry('ö', ';'), Map.entry('-', '/'), Map.entry('_', '?'), Map.entry('ß', '-'),
            Map.entry('?', '_'), Map.entry('y', 'z'), Map.entry('z', 'y'), Map.entry('Y', 'Z'), Map.entry('Z', 'Y'),
            Map.entry('ü', '['), Map.entry('Ü', '{'), Map.entry('+', ']'), Map.entry('*', '}'), Map.entry('ä', '\''),
            Map.entry('Ä', '"'), Map.entry('"', '@'), Map.entry('&', '^'), Map.entry('/', '&'), Map.entry('(', '*'),
            Map.entry(')', '('), Map.entry('=', ')'), Map.entry(':', '>'), Map.entry(';', '<'), Map.entry('#', '\\'),
            Map.entry('´', '='), Map.entry('`', '+'));

    private KeyboardLayouts() {
    }

    /**
     * The text a US-set scanner meant, when {@code text} shows the German-layout signature (a URL
     * scheme followed by {@code Ö--}); null otherwise.
     */
    public static String usOnGerman(String text) {
        if (text == null || !(text.startsWith("httpsÖ--") || text.startsWith("httpÖ--")
                || text.startsWith("HTTPSÖ--") || text.startsWith("HTTPÖ--"))) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            String d = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
            if (d.length() == 2 && d.charAt(1) == '\u0301') {
                out.append('=').append(GERMAN_TO_US.getOrDefault(d.charAt(0), d.charAt(0)));
            } else {
                out.append(GERMAN_TO_US.getOrDefault(c, c));
            }
        }
        return out.toString();
    }

    /** The code with Y and Z swapped: what a QWERTZ/QWERTY mismatch makes of a bare code. */
    public static String swapYz(String code) {
        StringBuilder out = new StringBuilder(code.length());
        for (char c : code.toCharArray()) {
            out.append(c == 'Y' ? 'Z' : c == 'Z' ? 'Y' : c);
        }
        return out.toString();
    }
}
