package com.headlessanalytics.console.hardware.scan;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * Frames a serial scanner's byte stream into scans: each ends at CR, LF or CR LF (an empty line
 * between is no scan). A line longer than {@link #MAX_LINE} bytes is cut there, so a stream that
 * never sends a terminator cannot grow without bound. Not thread-safe: one reader feeds it.
 */
public final class LineFramer {
    public static final int MAX_LINE = 4096;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final Charset charset;

    public LineFramer(Charset charset) {
        this.charset = charset;
    }

    /** The lines completed by these bytes, in order. */
    public List<String> feed(byte[] bytes, int length) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (b == '\r' || b == '\n') {
                flush(lines);
            } else {
                line.write(b);
                if (line.size() >= MAX_LINE) {
                    flush(lines);
                }
            }
        }
        return lines;
    }

    private void flush(List<String> lines) {
        if (line.size() > 0) {
            lines.add(line.toString(charset));
            line.reset();
        }
    }
}
