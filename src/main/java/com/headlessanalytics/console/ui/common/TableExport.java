package com.headlessanalytics.console.ui.common;

import com.headlessanalytics.console.ui.common.CsvFiles;
import com.headlessanalytics.console.ui.common.DialogService;
import com.headlessanalytics.console.ui.common.TaskRunner;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Writes a table the screen already holds to a CSV file through the task runner (the analytics
 * screens share it): a notice when written, the reason when not; a failed write leaves no file.
 */
public final class TableExport {
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm", Locale.ROOT);

    private TableExport() {
    }

    /** A table as exported: a name for messages and files, its header and its rows (raw values). */
    public record Table(String name, List<String> header, List<List<String>> rows) {
        public Table {
            header = List.copyOf(header);
            rows = List.copyOf(rows);
        }
    }

    public static void write(TaskRunner tasks, DialogService dialogs, Table table, Path target) {
        tasks.submit("Exporting " + table.name() + " to " + target.getFileName(), p -> {
            CsvFiles.write(target, table.header(), table.rows());
            return table.rows().size();
        }, count -> dialogs.notify(String.format(Locale.ENGLISH, "Exported %,d row%s of %s to %s", count,
                count == 1 ? "" : "s", table.name(), target)), failure -> dialogs.showError("The " + table.name()
                + " could not be exported to " + target, failure));
    }

    /** e.g. "metrics-groups-20261127-1015.csv": the prefix, then the local time. */
    public static String fileName(String prefix, Instant now, ZoneId zone) {
        return prefix + "-" + FILE_TIME.format(now.atZone(zone)) + ".csv";
    }

    /** An instant as exports write it: ISO-8601 UTC, empty for none. */
    public static String iso(Long millis) {
        return millis == null ? "" : Instant.ofEpochMilli(millis).toString();
    }
}
