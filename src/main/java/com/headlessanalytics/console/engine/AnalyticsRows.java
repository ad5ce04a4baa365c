package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.engine.analytics.AnalyticsIndex;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** For benchmarks: a closed data folder's events as the analytics loader reads them, read only. */
public final class AnalyticsRows {
    private AnalyticsRows() {
    }

    /** Every event of the closed folder's database, in storage order. */
    public static List<AnalyticsIndex.Row> read(Path dataFolder) throws SQLException {
        String url = "jdbc:h2:file:" + dataFolder.toAbsolutePath().resolve(Database.FILE_NAME) + ";ACCESS_MODE_DATA=r";
        List<AnalyticsIndex.Row> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "ha", "")) {
            while (true) {
                List<AnalyticsIndex.Row> page = AnalyticsLoader.page(c, rows.isEmpty() ? 0 : rows.getLast().seq());
                if (page.isEmpty()) {
                    return rows;
                }
                rows.addAll(page);
            }
        }
    }
}
