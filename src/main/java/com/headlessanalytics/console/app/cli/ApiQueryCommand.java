package com.headlessanalytics.console.app.cli;

import com.headlessanalytics.console.api.HeadlessApi;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every {@code query …} subcommand does: build the request from its options (a wrong option is
 * a usage error before anything is opened), open the target ({@code --data-dir} or {@code --url}),
 * ask the API once, print the answer as JSON and exit 0. API errors reach
 * {@link HaCommand}'s handler, which turns them into the exit codes.
 */
abstract class ApiQueryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    /** One call of the API, built from the options before the target is opened. */
    @FunctionalInterface
    interface Request {
        Object ask(HeadlessApi api) throws Exception;
    }

    /** The call this command makes, from its options (and {@code --json} where it takes one). */
    abstract Request request() throws Exception;

    @Override
    public final Integer call() throws Exception {
        Request request = request();
        try (TargetOptions.Opened opened = open()) {
            Object answer = request.ask(opened.api());
            print(answer);
            return exitCode(answer);
        }
    }

    /** Opens the target; a command may open it acting as someone else. */
    TargetOptions.Opened open() {
        return target.open();
    }

    /** The exit code of a printed answer: 0, unless the command says otherwise. */
    int exitCode(Object answer) {
        return 0;
    }

    /** Prints the answer as indented JSON; a command may print it otherwise. */
    void print(Object answer) throws Exception {
        QueryCommand.print(spec, answer);
    }

    /** A query command that also takes the request as the API's JSON body ({@code --json}, {@code --json-file}). */
    abstract static class WithJson extends ApiQueryCommand {
        @Mixin
        QueryCommand.JsonInput json;
    }
}
