package com.headlessanalytics.console.app.cli;

import com.headlessanalytics.console.api.Exports;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code exports …}: the receipts of destination exports, and retrying a failed one. */
@Command(name = "exports", mixinStandardHelpOptions = true,
        description = "Receipts of destination exports (see `export`), and retrying a failed export.",
        subcommands = {ExportsCommand.ListReceipts.class, ExportsCommand.Retry.class})
final class ExportsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Name an exports command: list or retry");
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The receipts, newest first: a table, or JSON with --json.")
    static final class ListReceipts extends ApiQueryCommand {
        @Option(names = "--limit", paramLabel = "N", description = "At most N receipts (1-1000, default 100).")
        Integer limit;

        @Option(names = "--json", description = "Print the API's JSON answer instead of a table.")
        boolean json;

        @Override
        Request request() {
            return api -> api.exportReceipts(limit);
        }

        @Override
        void print(Object answer) throws Exception {
            if (json) {
                super.print(answer);
                return;
            }
            Exports.Receipts receipts = (Exports.Receipts) answer;
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-28s  %-9s  %-9s  %9s  %-24s  %s%n", "EXPORT", "DEST", "STATUS", "EVENTS", "STARTED",
                    "LOCATION / ERROR");
            for (Exports.Receipt r : receipts.receipts()) {
                out.printf("%-28s  %-9s  %-9s  %9d  %-24s  %s%n", r.exportId(), r.destination(), r.status(), r.count(),
                        Instant.ofEpochMilli(r.startedAt()), r.error() != null ? r.error() : r.location());
            }
            out.println(receipts.receipts().size() + (receipts.receipts().size() == 1 ? " receipt" : " receipts"));
            out.flush();
        }
    }

    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = {"Deliver a failed export's staged files again (same bytes, same sha256) as a new export.",
                "Secrets are never stored: give them again with --config-secret."})
    static final class Retry implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        TargetOptions target;

        @Mixin
        ExportConfigOptions config;

        @Parameters(paramLabel = "EXPORT_ID")
        String exportId;

        @Option(names = "--json", description = "Print the API's JSON answer instead of the receipt's text.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Exports.RetryRequest request = new Exports.RetryRequest(config.config());
            return ExportCommand.deliver(spec, json, () -> {
                try (TargetOptions.Opened opened = target.open()) {
                    return opened.api().retryExport(exportId, request);
                }
            });
        }
    }
}
