package com.headlessanalytics.console.app.cli;

import com.headlessanalytics.console.api.Attribution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code query attribution}: {@code POST /api/attribution/query}. */
@Command(name = "attribution", mixinStandardHelpOptions = true,
        description = "Touchpoint counts by source, campaign, channel and medium; with --conversion-event the"
                + " credit of each value under a model.")
final class QueryAttributionCommand extends ApiQueryCommand.WithJson {
    @Option(names = "--conversion-event", paramLabel = "NAME", description = "The event that is a conversion.")
    String conversionEvent;

    @Option(names = "--model", paramLabel = "MODEL",
            description = "first_touch (default), last_touch, linear, position_based or time_decay.")
    String model;

    @Option(names = "--group-by", paramLabel = "FIELD", description = "source (default), campaign, channel or medium.")
    String groupBy;

    @Option(names = "--lookback", paramLabel = "DURATION",
            description = "How far before a conversion touchpoints count: ms or ISO-8601 such as P30D (default).")
    String lookback;

    @Mixin
    PeriodOptions period;

    @Mixin
    BusinessOption business;

    @Override
    Request request() {
        Attribution.Query base = json.read(Attribution.Query.class, Attribution.Query.counts(null, null));
        Attribution.Query query = new Attribution.Query(
                QueryCommand.or(period.from(), base.from()),
                QueryCommand.or(period.to(), base.to()),
                QueryCommand.or(business.id, base.businessId()), QueryCommand.or(conversionEvent, base.conversionEvent()),
                QueryCommand.or(model, base.model()), QueryCommand.or(groupBy, base.groupBy()),
                QueryCommand.or(QueryCommand.duration(lookback, "--lookback"), base.lookbackMs()));
        return api -> api.attribution(query);
    }
}
