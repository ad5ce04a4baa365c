package com.headlessanalytics.console.app.cli;

import com.headlessanalytics.console.api.BusinessHealth;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code query health BUSINESS_ID}: {@code GET /api/businesses/{id}/health}. */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "A business's health score with its components explained, revenue, scans, leads, orders,"
                + " recent events, alerts and next actions.")
final class QueryHealthCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Parameters(index = "0", paramLabel = "BUSINESS_ID", description = "The business, e.g. default.")
    String businessId;

    @Option(names = "--limit", paramLabel = "N", description = "Recent events listed (1-1000, default 20).")
    Integer limit;

    @Option(names = "--from", paramLabel = "TIME",
            description = "Period start: ms since epoch or ISO-8601 (default: 7 days before its end).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Period end: ms since epoch or ISO-8601 (default: now).")
    String to;

    @Override
    public Integer call() throws Exception {
        BusinessHealth.Query query = new BusinessHealth.Query(limit, EventsCommand.time(from, "--from"),
                EventsCommand.time(to, "--to"));
        try (TargetOptions.Opened opened = target.open()) {
            QueryCommand.print(spec, opened.api().businessHealth(businessId, query));
        }
        return 0;
    }
}
