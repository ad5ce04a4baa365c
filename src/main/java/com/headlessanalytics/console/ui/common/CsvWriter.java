package com.headlessanalytics.console.ui.common;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.List;

/**
 * Writes CSV rows as RFC 4180 describes them: fields separated by commas, rows ended by CRLF, a
 * field quoted when it holds a comma, a double quote, CR or LF, and inner double quotes doubled.
 * Fields that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) get a
 * leading apostrophe first, so an exported value can never execute in Excel or LibreOffice.
 */
public final class CsvWriter {
    private final Writer out;

    public CsvWriter(Writer out) {
        this.out = out;
    }

    /** One row; a null field is written empty. */
    public void row(List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            writeField(fields.get(i));
        }
        out.write("\r\n");
    }

    private void writeField(String value) throws IOException {
        if (value == null || value.isEmpty()) {
            return;
        }
        boolean formula = startsFormula(value.charAt(0));
        if (!needsQuotes(value)) {
            if (formula) {
                out.write('\'');
            }
            out.write(value);
            return;
        }
        out.write('"');
        if (formula) {
            out.write('\'');
        }
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == '"') {
                out.write(value, start, i + 1 - start);
                out.write('"');
                start = i + 1;
            }
        }
        out.write(value, start, value.length() - start);
        out.write('"');
    }

    /** One field exactly as {@link #row} writes it. */
    public static String field(String value) {
        StringWriter s = new StringWriter();
        try {
            new CsvWriter(s).writeField(value);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return s.toString();
    }

    private static boolean startsFormula(char first) {
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    private static boolean needsQuotes(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }
}
