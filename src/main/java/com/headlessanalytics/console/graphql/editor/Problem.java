package com.headlessanalytics.console.graphql.editor;

/**
 * Something wrong in a document, where it is: a syntax error, a validation error against the
 * schema, or an error a server answered with.
 *
 * @param line   1-based, or 0 when the problem has no place
 * @param column 1-based, or 0 when the problem has no place
 * @param offset the character offset of line and column in the document, or -1 when it has no place
 */
public record Problem(Kind kind, String message, int line, int column, int offset) {

    public enum Kind {
        SYNTAX, VALIDATION, SERVER
    }

    /** Whether the problem points at a place in the document. */
    public boolean located() {
        return offset >= 0;
    }

    /** "3:12 message", or the message alone when it has no place. */
    public String describe() {
        return located() ? line + ":" + column + "  " + message : message;
    }

    /**
     * The offset of a 1-based line and column in {@code text} (columns count characters; a column
     * past the line's end stays at its end), or -1 when the line is not in the text.
     */
    public static int offsetOf(String text, int line, int column) {
        if (line < 1 || column < 1) {
            return -1;
        }
        int start = 0;
        for (int l = 1; l < line; l++) {
            int next = nextLineStart(text, start);
            if (next < 0) {
                return -1;
            }
            start = next;
        }
        int end = start;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        return Math.min(start + column - 1, end);
    }

    private static int nextLineStart(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                return i + 1;
            }
            if (c == '\r') {
                return i + 1 < text.length() && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
            }
        }
        return -1;
    }
}
