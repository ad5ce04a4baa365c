package com.headlessanalytics.console.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * How much the CLI logs. Ordinary commands print only their output, and warnings and errors on
 * standard error; {@code --verbose} adds the INFO lines (the analytics index loading, the server
 * starting and stopping). {@code serve} is a server: it keeps its INFO lines, as in the console
 * window, whose level {@code logback.xml} sets.
 */
final class CliLogging {
    /** The logger our own code logs under; libraries log at WARN (logback.xml). */
    private static final String OURS = "com.headlessanalytics";

    private CliLogging() {
    }

    /** Sets our loggers to INFO when {@code verbose}, else to WARN; returns the level to restore. */
    static Level apply(boolean verbose) {
        if (!(LoggerFactory.getLogger(OURS) instanceof Logger ours)) {
            return null;
        }
        Level before = ours.getLevel();
        ours.setLevel(verbose ? Level.INFO : Level.WARN);
        return before;
    }

    /** Puts back what {@link #apply} changed (in-process runs, as in the tests). */
    static void restore(Level before) {
        if (LoggerFactory.getLogger(OURS) instanceof Logger ours) {
            ours.setLevel(before);
        }
    }
}
