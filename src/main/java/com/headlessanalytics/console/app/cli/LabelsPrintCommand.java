package com.headlessanalytics.console.app.cli;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.hardware.labels.LabelJob;
import com.headlessanalytics.console.hardware.labels.LabelTemplate;
import com.headlessanalytics.console.hardware.print.LabelPrinter;
import com.headlessanalytics.console.hardware.print.LabelPrinting;
import com.headlessanalytics.console.hardware.print.PrintChoice;
import com.headlessanalytics.console.hardware.print.PrintMargins;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
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

    @Mixin
    LabelsCommand.Selection selection;

    @Option(names = "--paper", paramLabel = "NAME",
            description = "The printer's paper (default: the one that matches the template's page).")
    String paper;

    @Option(names = "--margins", defaultValue = "none", paramLabel = "none|minimum",
            description = "none (default: the page is the whole paper) or minimum (the printer's hardware margins).")
    String margins;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PrintMargins m = switch (margins.toLowerCase(Locale.ROOT)) {
            case "none" -> PrintMargins.NONE;
            case "minimum" -> PrintMargins.HARDWARE_MINIMUM;
            default -> throw new ParameterException(spec.commandLine(), "--margins must be none or minimum");
        };
        try {
            selection.check();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        LabelJob job;
        try (TargetOptions.Opened opened = target.open()) {
            job = selection.job(opened.api());
        } catch (ApiException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return HaCommand.REJECTED;
        } catch (Exception e) {
            err.println("error: the trackables could not be read: " + e.getMessage());
            return HaCommand.FAILED;
        }
        LabelTemplate template = job.template();
        int labels = job.items().size();
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
            out.println("Printed " + labels + (labels == 1 ? " label" : " labels") + " on "
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
