package com.headlessanalytics.console.app.cli;

import com.headlessanalytics.console.api.BusinessHealth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code query health BUSINESS_ID}: {@code GET /api/businesses/{id}/health}. */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "A business's health score with its components explained, revenue, scans, leads, orders,"
                + " recent events, alerts and next actions.")
final class QueryHealthCommand extends ApiQueryCommand {
    @Parameters(index = "0", paramLabel = "BUSINESS_ID", description = "The business, e.g. default.")
    String businessId;

    @Option(names = "--limit", paramLabel = "N", description = "Recent events listed (1-1000, default 20).")
    Integer limit;

    @Mixin
    PeriodOptions.Report period;

    @Override
    Request request() {
        BusinessHealth.Query query = new BusinessHealth.Query(limit, period.from(), period.to());
        return api -> api.businessHealth(businessId, query);
    }
}
