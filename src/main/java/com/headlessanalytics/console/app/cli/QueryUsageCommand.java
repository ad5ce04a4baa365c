package com.headlessanalytics.console.app.cli;

import com.headlessanalytics.console.api.Usage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code query usage}: {@code GET /api/usage}, the metering of the calls serve mode answered. */
@Command(name = "usage", mixinStandardHelpOptions = true,
        description = "The API calls served for the workspace: the newest records, totals per endpoint and the"
                + " monthly quota. Calls of the embedded engine itself are not metered.")
final class QueryUsageCommand extends ApiQueryCommand {
    @Option(names = "--limit", paramLabel = "N", description = "Newest records listed (1-10000, default 100).")
    Integer limit;

    @Option(names = "--from", paramLabel = "TIME", description = "Totals from this time: ms since epoch or ISO-8601.")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Totals up to this time: ms since epoch or ISO-8601.")
    String to;

    @Override
    Request request() {
        Usage.Query query = new Usage.Query(limit, EventsCommand.time(from, "--from"), EventsCommand.time(to, "--to"));
        return api -> api.usage(query);
    }
}
