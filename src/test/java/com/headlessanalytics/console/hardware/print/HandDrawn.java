package com.headlessanalytics.console.hardware.print;

import com.headlessanalytics.console.hardware.labels.LabelJob;
import com.headlessanalytics.console.hardware.labels.PageDrawing;
import com.headlessanalytics.console.symbols.ModuleMatrix;
import com.headlessanalytics.console.symbols.Symbols;
import java.util.ArrayList;
import java.util.List;

/**
 * A page drawn by hand for the print tests, independent of the label layout: each label's QR
 * symbol (quiet zone included) at {@link #INSET_MM} from the label's corner with modules of
 * {@link #MODULE_MM}, and its code beside it.
 */
final class HandDrawn {
    static final double INSET_MM = 1.0;
    static final double MODULE_MM = 0.6;

    private HandDrawn() {
    }

    static PageDrawing page(LabelJob job, int page) {
        List<PageDrawing.Mark> marks = new ArrayList<>();
        for (LabelJob.Placement p : job.placements(page)) {
            ModuleMatrix m = Symbols.encode(p.item().payload(), p.item().symbology(), job.correction());
            double x0 = p.xMm() + INSET_MM + m.symbology().quietZone() * MODULE_MM;
            double y0 = p.yMm() + INSET_MM + m.symbology().quietZone() * MODULE_MM;
            for (int y = 0; y < m.height(); y++) {
                for (int x = 0; x < m.width(); x++) {
                    if (m.dark(x, y)) {
                        marks.add(new PageDrawing.Box(x0 + x * MODULE_MM, y0 + y * MODULE_MM, MODULE_MM, MODULE_MM));
                    }
                }
            }
            marks.add(new PageDrawing.Text(p.xMm() + INSET_MM + m.fullWidth() * MODULE_MM + 1, p.yMm() + 8, 3.5, true,
                    p.item().code()));
        }
        return new PageDrawing(job.template().pageWidthMm(), job.template().pageHeightMm(), marks);
    }

    /** Where the symbol's centre is on the page, in mm. */
    static double[] symbolCentre(LabelJob job, LabelJob.Placement p) {
        ModuleMatrix m = Symbols.encode(p.item().payload(), p.item().symbology(), job.correction());
        double half = m.fullWidth() * MODULE_MM / 2;
        return new double[] {p.xMm() + INSET_MM + half, p.yMm() + INSET_MM + half};
    }
}
