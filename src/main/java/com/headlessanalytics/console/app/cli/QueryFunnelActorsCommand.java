package com.headlessanalytics.console.app.cli;

import com.headlessanalytics.console.api.Funnels;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code query funnel-actors}: {@code POST /api/funnels/actors}, who is behind one step's number. */
@Command(name = "funnel-actors", mixinStandardHelpOptions = true,
        description = "The actors who reached, or dropped at, one step of a funnel, a page at a time.")
final class QueryFunnelActorsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    /** {@code {"funnel":{…},"step":N,"outcome","breakdownValue","limit","cursor"}}. */
    @Mixin
    QueryCommand.JsonInput json;

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
    public Integer call() throws Exception {
        Funnels.ActorsQuery base = json.read(Funnels.ActorsQuery.class,
                new Funnels.ActorsQuery(null, 0, null, null, null, null));
        Funnels.ActorsQuery query = new Funnels.ActorsQuery(
                funnel.apply(base.funnel() == null ? QueryFunnelCommand.EMPTY : base.funnel()),
                step != null ? step : base.step(), QueryCommand.or(outcome, base.outcome()),
                QueryCommand.or(breakdownValue, base.breakdownValue()), QueryCommand.or(limit, base.limit()),
                QueryCommand.or(cursor, base.cursor()));
        try (TargetOptions.Opened opened = target.open()) {
            QueryCommand.print(spec, opened.api().funnelActors(query));
        }
        return 0;
    }
}
