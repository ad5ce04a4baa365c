package com.headlessanalytics.console.hardware.labels;

import java.util.List;

/**
 * One page of labels as vector marks in millimetres from the top-left corner, white background:
 * what every renderer (SVG, PDF, PNG, the JavaFX preview and print) draws, so they all agree.
 */
public record PageDrawing(double widthMm, double heightMm, List<Mark> marks) {

    public sealed interface Mark permits Box, Text {
    }

    /** A filled black rectangle: a run of dark modules, or a bar. */
    public record Box(double xMm, double yMm, double widthMm, double heightMm) implements Mark {
    }

    /** A line of text, its baseline's left end at ({@code xMm}, {@code yMm}); {@code sizeMm} is the font's em height. */
    public record Text(double xMm, double yMm, double sizeMm, boolean bold, String text) implements Mark {

        /** The line's width in Helvetica's metrics ({@link TextMetrics}); renderers fit the text to it. */
        public double widthMm() {
            return TextMetrics.widthMm(text, sizeMm, bold);
        }

        /** The top of the line's box (ascent above the baseline). */
        public double topMm() {
            return yMm - TextMetrics.ASCENT_EM * sizeMm;
        }

        /** The bottom of the line's box (descent below the baseline). */
        public double bottomMm() {
            return yMm + TextMetrics.DESCENT_EM * sizeMm;
        }
    }
}
