package com.headlessanalytics.console.app.cli;

import picocli.CommandLine.Option;

/** {@code --from} and {@code --to}, inclusive, as ms since epoch or ISO-8601 instants. */
final class PeriodOptions {
    @Option(names = "--from", paramLabel = "TIME", description = "From this time: ms since epoch or ISO-8601, inclusive.")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Up to this time: ms since epoch or ISO-8601, inclusive.")
    String to;

    Long from() {
        return EventsCommand.time(from, "--from");
    }

    Long to() {
        return EventsCommand.time(to, "--to");
    }

    /** A report's period, defaulting to the 7 days that end now (health, agent context). */
    static final class Report {
        @Option(names = "--from", paramLabel = "TIME",
                description = "Period start: ms since epoch or ISO-8601 (default: 7 days before its end).")
        String from;

        @Option(names = "--to", paramLabel = "TIME", description = "Period end: ms since epoch or ISO-8601 (default: now).")
        String to;

        Long from() {
            return EventsCommand.time(from, "--from");
        }

        Long to() {
            return EventsCommand.time(to, "--to");
        }
    }
}
