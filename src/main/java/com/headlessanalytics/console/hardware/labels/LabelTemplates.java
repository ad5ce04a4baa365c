package com.headlessanalytics.console.hardware.labels;

import java.util.List;
import java.util.Optional;

/**
 * The stocks we print on (docs/labels-and-scanners.md). Sheet geometry from gLabels' template
 * data (Avery 5160) and the published L7160 layout; Dymo labels in their landscape reading
 * orientation; Zebra 2 × 1 in at 203 and 300 dpi.
 */
public final class LabelTemplates {
    private static final double INCH = 25.4;

    public static final LabelTemplate AVERY_5160 = new LabelTemplate("avery-5160", "Avery 5160 (US Letter, 30-up)",
            LabelTemplate.Stock.SHEET, 8.5 * INCH, 11 * INCH, 3, 10, 0.15625 * INCH, 0.5 * INCH, 2.78125 * INCH,
            1 * INCH, 2.625 * INCH, 1 * INCH, 0);
    public static final LabelTemplate AVERY_L7160 = new LabelTemplate("avery-l7160", "Avery L7160 (A4, 21-up)",
            LabelTemplate.Stock.SHEET, 210, 297, 3, 7, 7.2, 15.15, 66.0, 38.1, 63.5, 38.1, 0);
    public static final LabelTemplate DYMO_30252 = new LabelTemplate("dymo-30252", "Dymo 30252 (89 × 28 mm)",
            LabelTemplate.Stock.ROLL, 89, 28, 1, 1, 0, 0, 89, 28, 89, 28, 0);
    public static final LabelTemplate DYMO_30334 = new LabelTemplate("dymo-30334", "Dymo 30334 (57 × 32 mm)",
            LabelTemplate.Stock.ROLL, 57, 32, 1, 1, 0, 0, 57, 32, 57, 32, 0);
    public static final LabelTemplate ZEBRA_203 = new LabelTemplate("zebra-2x1-203", "Zebra 2 × 1 in, 203 dpi (ZPL)",
            LabelTemplate.Stock.ZPL, 2 * INCH, 1 * INCH, 1, 1, 0, 0, 2 * INCH, 1 * INCH, 2 * INCH, 1 * INCH, 203);
    public static final LabelTemplate ZEBRA_300 = new LabelTemplate("zebra-2x1-300", "Zebra 2 × 1 in, 300 dpi (ZPL)",
            LabelTemplate.Stock.ZPL, 2 * INCH, 1 * INCH, 1, 1, 0, 0, 2 * INCH, 1 * INCH, 2 * INCH, 1 * INCH, 300);

    private static final List<LabelTemplate> ALL = List.of(AVERY_5160, AVERY_L7160, DYMO_30252, DYMO_30334, ZEBRA_203,
            ZEBRA_300);

    private LabelTemplates() {
    }

    public static List<LabelTemplate> all() {
        return ALL;
    }

    public static Optional<LabelTemplate> byId(String id) {
        return ALL.stream().filter(t -> t.id().equalsIgnoreCase(id)).findFirst();
    }
}
