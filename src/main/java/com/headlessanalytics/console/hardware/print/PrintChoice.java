package com.headlessanalytics.console.hardware.print;

/**
 * What a label job prints on, remembered between runs: the printer's name, the paper's name
 * (null: the paper that matches the template's page) and the margins.
 */
public record PrintChoice(String printer, String paper, PrintMargins margins) {

    public PrintChoice {
        margins = margins == null ? PrintMargins.NONE : margins;
    }

    public static PrintChoice none() {
        return new PrintChoice(null, null, PrintMargins.NONE);
    }

    public PrintChoice withPrinter(String name) {
        return new PrintChoice(name, paper, margins);
    }

    public PrintChoice withPaper(String name) {
        return new PrintChoice(printer, name, margins);
    }

    public PrintChoice withMargins(PrintMargins m) {
        return new PrintChoice(printer, paper, m);
    }
}
