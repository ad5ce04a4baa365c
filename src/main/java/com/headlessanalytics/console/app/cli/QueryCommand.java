package com.headlessanalytics.console.app.cli;

import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.server.JsonBody;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.function.ToLongFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code query …}: the analytics operations of the API for headless jobs, against a data folder or a
 * URL, each answer printed as JSON. A query is given as the API's JSON body ({@code --json} inline,
 * or {@code --json-file}), as options, or both: options replace the fields they name.
 */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Run an analytics query (as the API's POST bodies and GET parameters) and print the answer"
                + " as JSON.",
        subcommands = {QueryMetricsCommand.class, QueryDefinitionsCommand.class, QuerySnapshotsCommand.class,
            QueryFunnelCommand.class, QueryFunnelActorsCommand.class, QueryAttributionCommand.class,
            QueryHealthCommand.class, QueryAgentContextCommand.class, QueryUsageCommand.class, QueryAgentCommand.class,
            QueryWorkflowCommand.class})
final class QueryCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Name a query: metrics, definitions, snapshots, funnel,"
                + " funnel-actors, attribution, health, agent-context, usage, agent or workflow");
    }

    /** A query as the API's JSON body, inline or in a file. */
    static final class JsonInput {
        @Option(names = "--json", paramLabel = "JSON",
                description = "The query as the API's JSON request body; options given beside it replace its fields.")
        String inline;

        @Option(names = "--json-file", paramLabel = "FILE", description = "The same, read from a file.")
        Path file;

        /**
         * The JSON read strictly, as serve mode reads a request body; {@code empty} when there is none.
         * A file that cannot be read is a usage error; JSON that does not fit is the API's 400.
         */
        <T> T read(Class<T> type, T empty) {
            if (inline != null && file != null) {
                throw new IllegalArgumentException("Give either --json or --json-file, not both");
            }
            if (inline != null) {
                return parse(inline.getBytes(StandardCharsets.UTF_8), type);
            }
            return file == null ? empty : parse(readFile(file, "--json-file"), type);
        }
    }

    static byte[] readFile(Path file, String option) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(option + ": no such file: " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + ": cannot read " + file + ": " + e.getMessage());
        }
    }

    static <T> T parse(byte[] json, Class<T> type) {
        return JsonBody.read(json, json.length, type);
    }

    /** A duration option: milliseconds, or ISO-8601 such as P14D or PT2H. */
    static Long duration(String value, String option) {
        return millis(value, option, v -> Duration.parse(v).toMillis(),
                "milliseconds or an ISO-8601 duration like P14D or PT2H");
    }

    /**
     * An option in milliseconds, or in the form {@code other} reads; null when not given. What is
     * neither is a usage error that says what was {@code expected}.
     */
    static Long millis(String value, String option, ToLongFunction<String> other, String expected) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException notMillis) {
            try {
                return other.applyAsLong(value);
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new IllegalArgumentException(option + " must be " + expected + ", got '" + value + "'");
            }
        }
    }

    static <T> T or(T option, T fromJson) {
        return option != null ? option : fromJson;
    }

    /** Prints an answer as indented JSON. */
    static void print(CommandSpec spec, Object answer) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        out.println(ApiJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(answer));
        out.flush();
    }
}
