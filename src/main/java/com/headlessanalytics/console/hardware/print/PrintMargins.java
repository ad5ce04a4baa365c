package com.headlessanalytics.console.hardware.print;

/**
 * The margins a label job asks for. Label sheets are die-cut to the paper's edge, so the page is
 * placed at the paper's corner either way; the margin only decides what the printer may clip.
 */
public enum PrintMargins {
    /** The whole paper is the printable area; what a printer cannot reach is clipped by it. */
    NONE("None (whole sheet)"),
    /** The printer's hardware minimum: labels outside the printable area are cut off here, visibly. */
    HARDWARE_MINIMUM("Printer minimum");

    private final String label;

    PrintMargins(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
