package com.headlessanalytics.console.hardware.print;

import com.headlessanalytics.console.hardware.labels.PageDrawing;
import com.headlessanalytics.console.symbols.ModuleMatrix;
import java.util.ArrayList;
import java.util.List;

/**
 * One symbol alone as a page of vector boxes, quiet zone included, for on-screen previews: each
 * horizontal run of dark modules is one box; a linear symbol's bars are a quarter of its width
 * high, as in {@code Symbols.svg}.
 */
public final class SymbolDrawing {
    private SymbolDrawing() {
    }

    public static PageDrawing of(ModuleMatrix m, double moduleMm) {
        int q = m.symbology().quietZone();
        boolean linear = m.symbology().linear();
        int barHeight = linear ? Math.max(1, m.fullWidth() / 4) : 1;
        List<PageDrawing.Mark> marks = new ArrayList<>();
        for (int y = 0; y < m.height(); y++) {
            int x = 0;
            while (x < m.width()) {
                if (!m.dark(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < m.width() && m.dark(x, y)) {
                    x++;
                }
                double top = linear ? 0 : (y + q) * moduleMm;
                marks.add(new PageDrawing.Box((start + q) * moduleMm, top, (x - start) * moduleMm,
                        barHeight * moduleMm));
            }
        }
        double height = linear ? barHeight * moduleMm : m.fullHeight() * moduleMm;
        return new PageDrawing(m.fullWidth() * moduleMm, height, marks);
    }
}
