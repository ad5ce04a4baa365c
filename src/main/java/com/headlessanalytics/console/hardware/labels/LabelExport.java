package com.headlessanalytics.console.hardware.labels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Writes a job as PNG, SVG, PDF or ZPL files; each file is written atomically. */
public final class LabelExport {

    private LabelExport() {
    }

    /**
     * Writes the job to {@code target} (PNG and SVG: one file per page, {@code name-2.png} from the
     * second page on; PNG at {@code dpi}); answers the files written.
     */
    public static List<Path> write(LabelJob job, LabelFormat format, Path target, int dpi) throws IOException {
        throw new UnsupportedOperationException("label export: being built (issue 10)");
    }
}
