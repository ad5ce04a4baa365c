package com.headlessanalytics.console.app.cli;

import com.headlessanalytics.console.api.Funnels;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code query funnel}: {@code POST /api/funnels/query}. */
@Command(name = "funnel", mixinStandardHelpOptions = true,
        description = "Per step: count, conversion from the start and from the previous step, drop-off and median"
                + " time to convert (docs/analytics.md).")
final class QueryFunnelCommand extends ApiQueryCommand.WithJson {
    @Mixin
    FunnelOptions funnel;

    /** The options that shape a funnel, for {@code funnel} and {@code funnel-actors}. */
    static final class FunnelOptions {
        @Option(names = "--step", paramLabel = "EVENT",
                description = "An event name per step, in order (repeat it; replaces the steps of --json).")
        List<String> steps;

        @Option(names = "--mode", paramLabel = "ordered|strict|any_order", description = "Default: ordered.")
        String mode;

        @Option(names = "--window", paramLabel = "DURATION",
                description = "Conversion window: ms or ISO-8601 such as P7D (default: 14 days).")
        String window;

        @Option(names = "--from", paramLabel = "TIME",
                description = "Step-1 events from this time: ms since epoch or ISO-8601, inclusive.")
        String from;

        @Option(names = "--to", paramLabel = "TIME",
                description = "Step-1 events up to this time: ms since epoch or ISO-8601, inclusive.")
        String to;

        @Mixin
        BusinessOption business;

        @Option(names = "--breakdown", paramLabel = "FIELD",
                description = "source, campaign, channel, medium or a dotted path such as properties.plan.")
        String breakdown;

        /** {@code base} with the fields these options name replaced. */
        Funnels.Query apply(Funnels.Query base) {
            List<Funnels.Step> stepList = steps == null ? base.steps() : steps.stream().map(Funnels.Step::of).toList();
            return new Funnels.Query(stepList, QueryCommand.or(EventsCommand.time(from, "--from"), base.from()),
                    QueryCommand.or(EventsCommand.time(to, "--to"), base.to()),
                    QueryCommand.or(QueryCommand.duration(window, "--window"), base.windowMs()),
                    QueryCommand.or(mode, base.mode()), QueryCommand.or(business.id, base.businessId()),
                    QueryCommand.or(breakdown, base.breakdown()));
        }
    }

    static final Funnels.Query EMPTY = new Funnels.Query(null, null, null, null, null, null, null);

    @Override
    Request request() {
        Funnels.Query query = funnel.apply(json.read(Funnels.Query.class, EMPTY));
        return api -> api.funnel(query);
    }
}
