package com.headlessanalytics.console.ui.common;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;

/**
 * CSV export for ViewModels: asks through the {@link DialogService} where to save (suggesting
 * "prefix-yyyyMMdd-HHmm.csv" in the one remembered folder), then writes through the task runner.
 */
public final class CsvExport {
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Clock clock;
    private final ZoneId zone;

    public CsvExport(TaskRunner tasks, DialogService dialogs, Clock clock, ZoneId zone) {
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.clock = clock;
        this.zone = zone;
    }

    /** Asks for a file and writes {@code table} there; does nothing when the user cancels. */
    public void export(String filePrefix, TableExport.Table table) {
        chooseTarget(filePrefix, "Export " + table.name() + " as CSV")
                .ifPresent(target -> TableExport.write(tasks, dialogs, table, target));
    }

    /** Asks for a CSV file to write, for exports that stream their rows themselves. */
    public Optional<Path> chooseTarget(String filePrefix, String title) {
        return dialogs.chooseSaveFile(title, suggestedName(filePrefix), DialogService.FileType.CSV);
    }

    /** e.g. "attribution-credit-20261127-1015.csv". */
    public String suggestedName(String filePrefix) {
        return TableExport.fileName(filePrefix, clock.instant(), zone);
    }
}
