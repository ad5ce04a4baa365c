package com.headlessanalytics.console.symbols;

/** The symbols we draw: QR for URLs, Code 128 and DataMatrix for the barcode kinds. */
public enum Symbology {
    QR, CODE_128, DATA_MATRIX;

    /** Modules of light margin each side: 4 for QR (ISO/IEC 18004), 10 for Code 128, 1 for DataMatrix. */
    public int quietZone() {
        return switch (this) {
            case QR -> 4;
            case CODE_128 -> 10;
            case DATA_MATRIX -> 1;
        };
    }

    /** Whether the symbol is a row of bars (one module high) to be stretched to the label's height. */
    public boolean linear() {
        return this == CODE_128;
    }
}
