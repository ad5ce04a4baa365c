package com.headlessanalytics.console.app.cli;

import ch.qos.logback.classic.Level;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.engine.EngineException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/** The command line: {@code ha-console <command>}. Exit codes are listed in the help footer. */
@Command(name = "ha-console", mixinStandardHelpOptions = true, versionProvider = HaCommand.Version.class,
        description = "HeadlessAnalytics Operator Console. Without a command it opens the console window.",
        subcommands = {ServeCommand.class, KeysCommand.class, IngestCommand.class, EventsCommand.class,
            QueryCommand.class, GovernanceCommand.class, ProofCommand.class, TrackablesCommand.class,
            EntitiesCommand.class, PlansCommand.class, LabelsCommand.class, DemoCommand.class, BenchCommand.class,
            VerifyCommand.class,
            ConnectorsCommand.class, ExportCommand.class, ExportsCommand.class,
            CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  done", "  1  input rejected (invalid events, a 4xx answer)",
            "  2  wrong command-line usage", "  3  server, store or network failure"})
public final class HaCommand {
    public static final int REJECTED = 1;
    public static final int FAILED = 3;

    /** Read from the parse result, since it may be given on any level ({@code --verbose keys list}). */
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Also print the INFO log lines on standard error (serve always does).")
    boolean verbose;

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new HaCommand());
        cl.setExecutionStrategy(HaCommand::runQuietUnlessVerbose);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            PrintWriter err = line.getErr();
            if (e instanceof ApiException api) {
                err.println("error: " + api.getMessage() + (api.status() > 0 ? " (HTTP " + api.status() + ")" : ""));
                for (FieldError d : api.details()) {
                    err.println("  " + describe(d));
                }
                err.flush();
                return api instanceof ApiException.Client ? REJECTED : FAILED;
            }
            if (e instanceof UncheckedIOException io) {
                err.println("error: " + io.getMessage());
                err.flush();
                return FAILED;
            }
            if (e instanceof EngineException || e instanceof IllegalArgumentException) {
                err.println("error: " + e.getMessage());
                err.flush();
                return e instanceof EngineException ? FAILED : CommandLine.ExitCode.USAGE;
            }
            throw e;
        });
        return cl;
    }

    /** Runs the chosen command with INFO logging only for {@code serve} or with {@code --verbose}. */
    private static int runQuietUnlessVerbose(ParseResult parsed) {
        boolean verbose = false;
        String command = null;
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            verbose |= p.hasMatchedOption("--verbose");
            command = p.commandSpec().name();
        }
        Level before = CliLogging.apply(verbose || "serve".equals(command));
        try {
            return new CommandLine.RunLast().execute(parsed);
        } finally {
            CliLogging.restore(before);
        }
    }

    static String describe(FieldError d) {
        StringBuilder s = new StringBuilder();
        if (d.index() != null) {
            s.append('[').append(d.index()).append("] ");
        }
        if (d.field() != null) {
            s.append(d.field()).append(": ");
        }
        return s.append(d.message()).toString();
    }

    /** The version from the jar manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = HaCommand.class.getPackage().getImplementationVersion();
            return new String[] {"ha-console " + (v == null ? "development build" : v)};
        }
    }
}
