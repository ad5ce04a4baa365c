package com.headlessanalytics.console.symbols;

import java.util.BitSet;

/**
 * A symbol's modules without its quiet zone: {@code dark(x, y)} for x across, y down. A linear
 * symbol (Code 128) has height 1. Drawn as vectors by every renderer, never as a scaled bitmap.
 */
public record ModuleMatrix(Symbology symbology, String data, int width, int height, BitSet darkModules) {

    public boolean dark(int x, int y) {
        return darkModules.get(y * width + x);
    }

    /** Width in modules with the quiet zone both sides. */
    public int fullWidth() {
        return width + 2 * symbology.quietZone();
    }

    /** Height in modules with the quiet zone both sides (a linear symbol has none above and below). */
    public int fullHeight() {
        return symbology.linear() ? height : height + 2 * symbology.quietZone();
    }
}
