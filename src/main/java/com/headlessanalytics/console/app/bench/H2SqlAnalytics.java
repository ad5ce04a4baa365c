package com.headlessanalytics.console.app.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The road not taken, measured: analytics as plain SQL on the engine's own H2 file, to compare with
 * the in-memory projection (docs/performance.md). Runs on a closed data folder. The funnel here is
 * the classic SQL one (each actor's first step-1 event, then the first later step-2 event, …), a
 * cheaper rule than the engine's every-attempt semantics, so its time is a lower bound for SQL.
 */
public final class H2SqlAnalytics {
    private static final String[] FUNNEL = {"qr.bottle_scanned", "page.product_viewed", "order.created"};
    private static final long WINDOW_MS = 14L * 24 * 60 * 60 * 1000;
    /** A query still running after this is reported as not finishing. */
    private static final int TIMEOUT_S = 120;

    private H2SqlAnalytics() {
    }

    /** Times each query over {@code rounds} runs after one warm-up and prints the medians. */
    public static void run(Path dataFolder, int rounds, PrintStream out) throws SQLException {
        String url = "jdbc:h2:file:" + dataFolder.toAbsolutePath().resolve("headless") + ";ACCESS_MODE_DATA=r"
                + ";CACHE_SIZE=262144";
        try (Connection c = DriverManager.getConnection(url, "ha", "")) {
            long events = scalar(c, "SELECT COUNT(*) FROM event");
            out.printf(Locale.ROOT, "plain SQL on H2 over %,d events (median of %d after a warm-up)%n", events,
                    rounds);
            time(out, "count by day and channel (GROUP BY)", rounds, () -> scalar(c,
                    "SELECT COUNT(*) FROM (SELECT ts / 86400000 AS d, touch_channel, COUNT(*) FROM event"
                            + " WHERE business_id = 'default' GROUP BY d, touch_channel)"));
            time(out, "unique actors (COUNT DISTINCT)", rounds, () -> scalar(c,
                    "SELECT COUNT(DISTINCT actor_key) FROM event WHERE business_id = 'default'"));
            time(out, "touchpoints by source (GROUP BY)", rounds, () -> scalar(c,
                    "SELECT COUNT(*) FROM (SELECT touch_source, COUNT(*) FROM event WHERE business_id = 'default'"
                            + " AND touch_source IS NOT NULL GROUP BY touch_source)"));
            time(out, "3-step funnel, first attempt (joins)", rounds, () -> funnel(c));
        }
    }

    private static long funnel(Connection c) throws SQLException {
        String sql = "WITH s1 AS (SELECT actor_key, MIN(ts) AS t1 FROM event WHERE event = ? AND business_id ="
                + " 'default' AND actor_key IS NOT NULL GROUP BY actor_key),"
                + " s2 AS (SELECT s1.actor_key, s1.t1, MIN(e.ts) AS t2 FROM s1 JOIN event e ON e.actor_key ="
                + " s1.actor_key AND e.event = ? AND e.ts > s1.t1 AND e.ts <= s1.t1 + ? GROUP BY s1.actor_key, s1.t1),"
                + " s3 AS (SELECT s2.actor_key FROM s2 JOIN event e ON e.actor_key = s2.actor_key AND e.event = ?"
                + " AND e.ts > s2.t2 AND e.ts <= s2.t1 + ? GROUP BY s2.actor_key)"
                + " SELECT (SELECT COUNT(*) FROM s1) + (SELECT COUNT(*) FROM s2) + (SELECT COUNT(*) FROM s3)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setQueryTimeout(TIMEOUT_S);
            ps.setString(1, FUNNEL[0]);
            ps.setString(2, FUNNEL[1]);
            ps.setLong(3, WINDOW_MS);
            ps.setString(4, FUNNEL[2]);
            ps.setLong(5, WINDOW_MS);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private interface Query {
        long run() throws SQLException;
    }

    private static void time(PrintStream out, String name, int rounds, Query q) throws SQLException {
        try {
            q.run();
        } catch (SQLException e) {
            if (e.getErrorCode() != org.h2.api.ErrorCode.STATEMENT_WAS_CANCELED) {
                throw e;
            }
            out.printf(Locale.ROOT, "  %-40s did not finish in %d s%n", name, TIMEOUT_S);
            return;
        }
        List<Long> ms = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            q.run();
            ms.add((System.nanoTime() - start) / 1_000_000);
        }
        long[] sorted = ms.stream().mapToLong(Long::longValue).sorted().toArray();
        out.printf(Locale.ROOT, "  %-40s %,10d ms   rounds %s%n", name, sorted[sorted.length / 2],
                Arrays.toString(ms.toArray()));
    }

    private static long scalar(Connection c, String sql) throws SQLException {
        try (var st = c.createStatement()) {
            st.setQueryTimeout(TIMEOUT_S);
            ResultSet rs = st.executeQuery(sql);
            rs.next();
            return rs.getLong(1);
        }
    }
}
