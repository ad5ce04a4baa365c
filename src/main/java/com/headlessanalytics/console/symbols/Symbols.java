package com.headlessanalytics.console.symbols;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.datamatrix.DataMatrixWriter;
import com.google.zxing.datamatrix.encoder.SymbolShapeHint;
import com.google.zxing.oned.Code128Writer;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.Map;

/** Encodes data into a symbol's module matrix with ZXing, and writes the matrix as SVG. */
public final class Symbols {

    private Symbols() {
    }

    /** The symbol's modules; {@code correction} matters for QR only. Throws IllegalArgumentException when the data cannot be encoded. */
    public static ModuleMatrix encode(String data, Symbology symbology, ErrorCorrection correction) {
        try {
            return switch (symbology) {
                case QR -> qr(data, correction);
                case CODE_128 -> code128(data);
                case DATA_MATRIX -> dataMatrix(data);
            };
        } catch (WriterException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot encode as " + symbology + ": " + e.getMessage(), e);
        }
    }

    private static ModuleMatrix qr(String data, ErrorCorrection correction) throws WriterException {
        ByteMatrix m = Encoder.encode(data, ErrorCorrectionLevel.valueOf(correction.name()),
                Map.of(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name())).getMatrix();
        BitSet bits = new BitSet(m.getWidth() * m.getHeight());
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                bits.set(y * m.getWidth() + x, m.get(x, y) == 1);
            }
        }
        return new ModuleMatrix(Symbology.QR, data, m.getWidth(), m.getHeight(), bits);
    }

    private static ModuleMatrix code128(String data) {
        boolean[] bars = new Code128Writer().encode(data);
        BitSet bits = new BitSet(bars.length);
        for (int x = 0; x < bars.length; x++) {
            bits.set(x, bars[x]);
        }
        return new ModuleMatrix(Symbology.CODE_128, data, bars.length, 1, bits);
    }

    private static ModuleMatrix dataMatrix(String data) {
        BitMatrix m = new DataMatrixWriter().encode(data, BarcodeFormat.DATA_MATRIX, 0, 0,
                Map.of(EncodeHintType.DATA_MATRIX_SHAPE, SymbolShapeHint.FORCE_SQUARE));
        BitSet bits = new BitSet(m.getWidth() * m.getHeight());
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                bits.set(y * m.getWidth() + x, m.get(x, y));
            }
        }
        return new ModuleMatrix(Symbology.DATA_MATRIX, data, m.getWidth(), m.getHeight(), bits);
    }

    /**
     * A standalone SVG of the symbol with its quiet zone, in module units ({@code viewBox}), one
     * path of unit squares merged into horizontal runs; {@code shape-rendering="crispEdges"}.
     * A linear symbol gets a height of a quarter of its width.
     */
    public static String svg(ModuleMatrix matrix) {
        int q = matrix.symbology().quietZone();
        int w = matrix.fullWidth();
        int barHeight = matrix.symbology().linear() ? Math.max(1, w / 4) : 1;
        int h = matrix.symbology().linear() ? barHeight : matrix.fullHeight();
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < matrix.height(); y++) {
            int x = 0;
            while (x < matrix.width()) {
                if (!matrix.dark(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < matrix.width() && matrix.dark(x, y)) {
                    x++;
                }
                int top = matrix.symbology().linear() ? 0 : y + q;
                path.append('M').append(start + q).append(' ').append(top)
                        .append('h').append(x - start).append('v').append(barHeight).append('h').append(start - x)
                        .append('z');
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + w + " " + h + "\" width=\"" + w * 4
                + "\" height=\"" + h * 4 + "\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"" + w + "\" height=\"" + h + "\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }
}
