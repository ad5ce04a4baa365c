package com.headlessanalytics.console.app.cli;

import com.headlessanalytics.console.api.Funnels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code query funnel-actors}: {@code POST /api/funnels/actors}, who is behind one step's number. */
@Command(name = "funnel-actors", mixinStandardHelpOptions = true,
        description = "The actors who reached, or dropped at, one step of a funnel, a page at a time.")
final class QueryFunnelActorsCommand extends ApiQueryCommand.WithJson {
    /** With {@code --json}: {@code {"funnel":{…},"step":N,"outcome","breakdownValue","limit","cursor"}}. */
    @Mixin
    QueryFunnelCommand.FunnelOptions funnel;

    @Option(names = "--at-step", paramLabel = "N", description = "The step, from 1.")
    Integer step;

    @Option(names = "--outcome", paramLabel = "reached|dropped",
            description = "Who reached the step, or who reached the one before and not it (default: dropped).")
    String outcome;

    @Option(names = "--breakdown-value", paramLabel = "VALUE", description = "Only actors with this breakdown value.")
    String breakdownValue;

    @Option(names = "--limit", paramLabel = "N", description = "Actors per page (1-1000, default 100).")
    Integer limit;

    @Option(names = "--cursor", paramLabel = "CURSOR", description = "Continue after this nextCursor.")
    String cursor;

    @Override
    Request request() {
        Funnels.ActorsQuery base = json.read(Funnels.ActorsQuery.class,
                new Funnels.ActorsQuery(null, 0, null, null, null, null));
        Funnels.ActorsQuery query = new Funnels.ActorsQuery(
                funnel.apply(base.funnel() == null ? QueryFunnelCommand.EMPTY : base.funnel()),
                step != null ? step : base.step(), QueryCommand.or(outcome, base.outcome()),
                QueryCommand.or(breakdownValue, base.breakdownValue()), QueryCommand.or(limit, base.limit()),
                QueryCommand.or(cursor, base.cursor()));
        return api -> api.funnelActors(query);
    }
}
