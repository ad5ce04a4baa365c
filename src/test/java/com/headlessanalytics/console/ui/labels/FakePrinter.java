package com.headlessanalytics.console.ui.labels;

import com.headlessanalytics.console.hardware.labels.LabelJob;
import com.headlessanalytics.console.hardware.labels.LabelTemplate;
import com.headlessanalytics.console.hardware.print.LabelPrinter;
import com.headlessanalytics.console.hardware.print.PrintChoice;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/** Printers for the ViewModel tests: two named printers, Letter and A4, and the jobs handed over. */
final class FakePrinter implements LabelPrinter {
    record Sent(LabelJob job, PrintChoice choice) {
    }

    final List<Sent> sent = new ArrayList<>();
    IOException refusal;

    @Override
    public List<String> printers() {
        return List.of("Office", "PDF");
    }

    @Override
    public Optional<String> defaultPrinter() {
        return Optional.of("PDF");
    }

    @Override
    public List<String> papers(String printer) {
        return List.of("A4", "Letter");
    }

    @Override
    public Optional<String> paperFor(String printer, LabelTemplate template) {
        return Optional.of(template.pageWidthMm() > 212 ? "Letter" : "A4");
    }

    @Override
    public Printed print(LabelJob job, PrintChoice choice, IntConsumer pageDone, BooleanSupplier cancelled)
            throws IOException {
        if (refusal != null) {
            throw refusal;
        }
        sent.add(new Sent(job, choice));
        for (int p = 1; p <= job.pageCount(); p++) {
            pageDone.accept(p);
        }
        return new Printed(choice.printer(), choice.paper() == null ? "Letter" : choice.paper(), false,
                job.pageCount(), 600, 0, 0);
    }
}
