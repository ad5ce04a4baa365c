package com.headlessanalytics.console.app.cli;

import com.headlessanalytics.console.api.Metrics;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code query metrics}: {@code POST /api/metrics/query}. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Counts, unique actors, revenue, a zero-filled series, groups and stored metric definitions.")
final class QueryMetricsCommand extends ApiQueryCommand.WithJson {
    @Option(names = "--event", paramLabel = "NAME", description = "Only events with this name.")
    String event;

    @Mixin
    PeriodOptions period;

    @Mixin
    BusinessOption business;

    @Option(names = "--interval", paramLabel = "hour|day|week|month", description = "Series buckets (default: day).")
    String interval;

    @Option(names = "--group-by", paramLabel = "event|source|campaign|channel|medium", description = "Group the events.")
    String groupBy;

    @Option(names = "--metric", paramLabel = "NAME",
            description = "A stored definition to compute (repeatable; default: all of them).")
    List<String> metrics;

    @Option(names = "--persist-snapshots", description = "Store each value as a snapshot.")
    Boolean persistSnapshots;

    @Override
    Request request() {
        Metrics.Query base = json.read(Metrics.Query.class,
                new Metrics.Query(null, null, null, null, null, null, null, null));
        Metrics.Query query = new Metrics.Query(QueryCommand.or(event, base.eventName()),
                QueryCommand.or(period.from(), base.from()),
                QueryCommand.or(period.to(), base.to()),
                QueryCommand.or(business.id, base.businessId()), QueryCommand.or(interval, base.interval()),
                QueryCommand.or(groupBy, base.groupBy()), QueryCommand.or(persistSnapshots, base.persistSnapshots()),
                QueryCommand.or(metrics, base.metrics()));
        return api -> api.metrics(query);
    }
}
