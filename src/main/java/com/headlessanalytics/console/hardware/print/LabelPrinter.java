package com.headlessanalytics.console.hardware.print;

import com.headlessanalytics.console.hardware.labels.LabelJob;
import com.headlessanalytics.console.hardware.labels.LabelTemplate;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * The printers a label job can go to, and printing it: what the Labels screen and
 * {@code labels print} use ({@link LabelPrinting} through JavaFX; tests may stand in). Every
 * method may block on the print system, so call it off the FX thread.
 */
public interface LabelPrinter {

    /** What a printed job went to: printer, paper, orientation, resolution and where the page's corner landed. */
    record Printed(String printer, String paper, boolean landscape, int pages, int dpi, double offsetXMm,
                   double offsetYMm) {
    }

    /** The printers' names, as the system lists them. */
    List<String> printers();

    /** The system's default printer, if it has one. */
    Optional<String> defaultPrinter();

    /** The papers {@code printer} takes, by name. */
    List<String> papers(String printer);

    /** The paper of {@code printer} that {@link PaperMatch} picks for the template's page. */
    Optional<String> paperFor(String printer, LabelTemplate template);

    /**
     * Prints the job page by page as {@code choice} says; {@code pageDone} hears each page number
     * (1-based) as it is handed over. Stops between pages when {@code cancelled}. Throws
     * IllegalArgumentException for an unknown printer or paper, IOException when the print system
     * refuses the job.
     */
    Printed print(LabelJob job, PrintChoice choice, IntConsumer pageDone, BooleanSupplier cancelled)
            throws IOException;
}
