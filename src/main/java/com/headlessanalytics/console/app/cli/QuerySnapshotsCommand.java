package com.headlessanalytics.console.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code query snapshots}: {@code GET /api/metrics/snapshots}. */
@Command(name = "snapshots", mixinStandardHelpOptions = true,
        description = "Persisted metric snapshots, newest first.")
final class QuerySnapshotsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = "--metric", paramLabel = "NAME", description = "Only the snapshots of this metric.")
    String metric;

    @Option(names = "--limit", paramLabel = "N", description = "How many at most (1-1000, default 100).")
    Integer limit;

    @Override
    public Integer call() throws Exception {
        try (TargetOptions.Opened opened = target.open()) {
            QueryCommand.print(spec, opened.api().metricSnapshots(metric, limit));
        }
        return 0;
    }
}
