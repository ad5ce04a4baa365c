package com.headlessanalytics.console.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code query snapshots}: {@code GET /api/metrics/snapshots}. */
@Command(name = "snapshots", mixinStandardHelpOptions = true,
        description = "Persisted metric snapshots, newest first.")
final class QuerySnapshotsCommand extends ApiQueryCommand {
    @Option(names = "--metric", paramLabel = "NAME", description = "Only the snapshots of this metric.")
    String metric;

    @Option(names = "--limit", paramLabel = "N", description = "How many at most (1-1000, default 100).")
    Integer limit;

    @Override
    Request request() {
        return api -> api.metricSnapshots(metric, limit);
    }
}
