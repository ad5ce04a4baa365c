package com.headlessanalytics.console.hardware.labels;

/**
 * One label stock, in millimetres from the page's top-left corner: the page, a grid of
 * {@code columns × rows} labels whose first top-left corner is at ({@code left}, {@code top}) and
 * whose corners are {@code pitchX}/{@code pitchY} apart, and the label's size. A roll (Dymo) or
 * thermal (Zebra) stock has one label per page; {@code dpi} is the thermal printer's resolution.
 */
public record LabelTemplate(String id, String name, Stock stock, double pageWidthMm, double pageHeightMm,
                            int columns, int rows, double leftMm, double topMm, double pitchXMm, double pitchYMm,
                            double labelWidthMm, double labelHeightMm, int dpi) {

    /** Sheets go to any printer; roll labels to a label printer; ZPL straight to a Zebra. */
    public enum Stock { SHEET, ROLL, ZPL }

    public int perPage() {
        return columns * rows;
    }

    /** The top-left corner of position {@code slot} (0-based, row by row) on a page. */
    public double slotXMm(int slot) {
        return leftMm + (slot % columns) * pitchXMm;
    }

    public double slotYMm(int slot) {
        return topMm + (slot / columns) * pitchYMm;
    }
}
