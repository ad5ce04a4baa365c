package com.headlessanalytics.console.app.cli;

import picocli.CommandLine.Option;

/** {@code --business-id} of the analytics queries: the business asked about, by default the workspace's. */
final class BusinessOption {
    @Option(names = "--business-id", paramLabel = "ID", description = "The business (default: the workspace's).")
    String id;
}
