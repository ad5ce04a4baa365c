package com.headlessanalytics.console.app.cli;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.Trackables;
import com.headlessanalytics.console.hardware.labels.LabelItem;
import com.headlessanalytics.console.hardware.labels.LabelJob;
import com.headlessanalytics.console.hardware.labels.LabelTemplate;
import com.headlessanalytics.console.hardware.labels.LabelTemplates;
import com.headlessanalytics.console.hardware.print.LabelPrinter;
import com.headlessanalytics.console.hardware.print.LabelPrinting;
import com.headlessanalytics.console.hardware.print.PrintChoice;
import com.headlessanalytics.console.hardware.print.PrintMargins;
import com.headlessanalytics.console.symbols.ErrorCorrection;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code labels print}: prints trackables' labels through JavaFX printing, as the Labels screen
 * does. Starts the JavaFX toolkit for the job (a graphical session is needed; on a server, run it
 * under {@code xvfb-run}) and stops it again, so the command exits when done.
 */
@Command(name = "print", mixinStandardHelpOptions = true,
        description = "Print trackables' labels on a printer (see 'lpstat -p' for names on Linux and macOS).")
final class LabelsPrintCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = "--printer", required = true, paramLabel = "NAME", description = "The printer's name.")
    String printer;

    @Option(names = "--template", defaultValue = "avery-5160", paramLabel = "ID",
            description = "Label stock (default: ${DEFAULT-VALUE}): avery-5160, avery-l7160, dymo-30252, dymo-30334,"
                    + " zebra-2x1-203, zebra-2x1-300.")
    String templateId;

    @Option(names = "--start", defaultValue = "1", paramLabel = "N",
            description = "First position on the first sheet, row by row (default: 1), to finish a partly used sheet.")
    int start;

    @Option(names = "--correction", defaultValue = "M", paramLabel = "M|H",
            description = "QR error correction (default: M; H for labels that get scuffed).")
    String correction;

    @Option(names = "--paper", paramLabel = "NAME",
            description = "The printer's paper (default: the one that matches the template's page).")
    String paper;

    @Option(names = "--margins", defaultValue = "none", paramLabel = "none|minimum",
            description = "none (default: the page is the whole paper) or minimum (the printer's hardware margins).")
    String margins;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Selection selection;

    /** Which trackables: named codes, or all of them. */
    static final class Selection {
        @Option(names = "--code", split = ",", paramLabel = "CODE", description = "Trackable codes (repeat or comma-separate).")
        List<String> codes;

        @Option(names = "--all", description = "Every trackable of the workspace (up to 1000), oldest first.")
        boolean all;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LabelTemplate template = LabelTemplates.byId(templateId).orElseThrow(() -> new ParameterException(
                spec.commandLine(), "Unknown --template " + templateId + "; one of " + String.join(", ",
                LabelTemplates.all().stream().map(LabelTemplate::id).toList())));
        ErrorCorrection ec = switch (correction.toUpperCase(Locale.ROOT)) {
            case "M" -> ErrorCorrection.M;
            case "H" -> ErrorCorrection.H;
            default -> throw new ParameterException(spec.commandLine(), "--correction must be M or H");
        };
        PrintMargins m = switch (margins.toLowerCase(Locale.ROOT)) {
            case "none" -> PrintMargins.NONE;
            case "minimum" -> PrintMargins.HARDWARE_MINIMUM;
            default -> throw new ParameterException(spec.commandLine(), "--margins must be none or minimum");
        };
        if (start < 1 || start > template.perPage()) {
            throw new ParameterException(spec.commandLine(), "--start must be 1 to " + template.perPage() + " for "
                    + template.id());
        }
        List<LabelItem> items = new ArrayList<>();
        try (TargetOptions.Opened opened = target.open()) {
            if (selection.all) {
                List<Trackables.Trackable> all = new ArrayList<>(opened.api().trackables(
                        new Trackables.Query(null, null, null, Trackables.MAX_LIMIT)).trackables());
                java.util.Collections.reverse(all);
                all.forEach(t -> items.add(LabelItem.of(t)));
            } else {
                for (String code : selection.codes) {
                    items.add(LabelItem.of(opened.api().trackable(code.strip())));
                }
            }
        } catch (ApiException e) {
            err.println("error: " + e.getMessage());
            return HaCommand.REJECTED;
        } catch (Exception e) {
            err.println("error: the trackables could not be read: " + e.getMessage());
            return HaCommand.FAILED;
        }
        if (items.isEmpty()) {
            err.println("error: no trackables to print");
            return HaCommand.REJECTED;
        }
        LabelJob job = new LabelJob(template, items, start, ec);
        boolean started;
        try {
            started = startToolkit();
        } catch (RuntimeException e) {
            err.println("error: JavaFX printing needs a graphical session (a desktop, or xvfb-run on a server): "
                    + e.getMessage());
            return HaCommand.FAILED;
        }
        try {
            LabelPrinter.Printed printed = new LabelPrinting().print(job, new PrintChoice(printer, paper, m),
                    page -> err.println("Page " + page + " of " + job.pageCount() + " sent"), () -> false);
            out.println("Printed " + items.size() + (items.size() == 1 ? " label" : " labels") + " on "
                    + printed.pages() + (printed.pages() == 1 ? " page" : " pages") + " of " + template.id() + " to "
                    + printed.printer() + " (" + printed.paper() + (printed.landscape() ? ", landscape" : "")
                    + (printed.dpi() > 0 ? ", " + printed.dpi() + " dpi" : "") + ").");
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return HaCommand.REJECTED;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return HaCommand.FAILED;
        } finally {
            if (started) {
                Platform.exit();
            }
        }
    }

    /** Starts the toolkit unless it runs already (true when this command started it). */
    static boolean startToolkit() {
        CountDownLatch ready = new CountDownLatch(1);
        try {
            Platform.startup(ready::countDown);
        } catch (IllegalStateException alreadyRunning) {
            return false;
        }
        Platform.setImplicitExit(false);
        try {
            if (!ready.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the JavaFX toolkit did not start within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the JavaFX toolkit", e);
        }
        return true;
    }
}
