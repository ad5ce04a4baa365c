package com.headlessanalytics.console.symbols;

/** QR error-correction levels: M (about 15% recoverable) by default, H (about 30%) for rough surfaces. */
public enum ErrorCorrection {
    L, M, Q, H;

    public static final ErrorCorrection DEFAULT = M;
}
