package com.headlessanalytics.console.app.bench;

import com.headlessanalytics.console.api.Attribution;
import com.headlessanalytics.console.api.BusinessHealth;
import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.api.Metrics;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reference for {@code bench analytics}: the same events in an in-memory DuckDB, and each
 * benchmark query written in SQL by the rules of docs/analytics.md. DuckDB is a bench-only
 * dependency (test scope in the pom, never shipped); it is reached through plain JDBC by its URL,
 * so nothing here needs its classes at compile time.
 *
 * <p>What the SQL covers: funnels without step filters or breakdown, on distinct step events;
 * attribution counts and credit under every model; metrics with any interval and grouping, without
 * stored definitions; the figures and documented component scores of business health. Anything
 * else is refused with an {@link IllegalArgumentException}.
 */
final class DuckDbReference implements AutoCloseable {
    static final String DRIVER = "org.duckdb.DuckDBDriver";
    private static final String ACTOR_EVENTS = "actor IS NOT NULL";
    /** 2^40: {@code level × LEVEL_WEIGHT − position} ranks attempts by level, then by earliest start. */
    private static final long LEVEL_WEIGHT = 1L << 40;
    /** Health lists the counts of the 20 most frequent event names, as anomalies watch them. */
    private static final int TOP_NAMES = 20;

    private final Connection connection;
    private final String defaultBusiness;

    private DuckDbReference(Connection connection, String defaultBusiness) {
        this.connection = connection;
        this.defaultBusiness = defaultBusiness;
    }

    /** Whether the DuckDB JDBC driver is on the classpath. */
    static boolean available() {
        try {
            Class.forName(DRIVER);
            return true;
        } catch (ClassNotFoundException absent) {
            return false;
        }
    }

    /**
     * An empty in-memory database with the event table.
     *
     * @param threads DuckDB worker threads, or null for DuckDB's default (one per core)
     */
    static DuckDbReference open(String defaultBusiness, Integer threads) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = c.createStatement()) {
            if (threads != null) {
                s.execute("SET threads = " + threads);
            }
            s.execute(ReferenceRow.TABLE);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return new DuckDbReference(c, defaultBusiness);
    }

    /**
     * Loads a CSV file written by {@link ReferenceRow#writeCsv} into the table {@code ev}, in time
     * order, with each actor identity replaced by a number (equal identities, equal numbers; the
     * per-actor sorts, partitions and joins run about three times faster on numbers than on
     * strings) and {@code pos}, each event's place in the (timestamp, storage sequence) order.
     */
    void load(Path csv) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("COPY ev_csv FROM " + lit(csv.toAbsolutePath().toString())
                    + " (FORMAT csv, HEADER false, DELIMITER ',', QUOTE '\"', ESCAPE '\"', AUTO_DETECT false)");
            s.execute("CREATE TABLE ev AS SELECT * EXCLUDE (actor), CASE WHEN actor IS NOT NULL"
                    + " THEN dense_rank() OVER (ORDER BY actor) END AS actor, row_number() OVER (ORDER BY ts, seq) AS pos"
                    + " FROM ev_csv ORDER BY pos");
            s.execute("DROP TABLE ev_csv");
        }
    }

    String version() throws SQLException {
        return single("SELECT version()").toString();
    }

    String threads() throws SQLException {
        return single("SELECT current_setting('threads')").toString();
    }

    long rows() throws SQLException {
        return ((Number) single("SELECT count(*) FROM ev")).longValue();
    }

    /** Memory DuckDB holds (native, outside the Java heap), in bytes. */
    long memoryBytes() throws SQLException {
        Object v = single("SELECT sum(memory_usage_bytes) FROM duckdb_memory()");
        return v == null ? 0 : ((Number) v).longValue();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    // ---- funnels

    List<String> funnel(Funnels.Query q) throws SQLException {
        List<String> events = new ArrayList<>();
        for (Funnels.Step step : q.steps()) {
            if (step.filter() != null && !step.filter().isEmpty()) {
                throw new IllegalArgumentException("the DuckDB reference does not filter steps");
            }
            events.add(step.event());
        }
        if (new HashSet<>(events).size() != events.size()) {
            throw new IllegalArgumentException("the DuckDB reference needs distinct step events");
        }
        if (q.breakdown() != null) {
            throw new IllegalArgumentException("the DuckDB reference has no funnel breakdown");
        }
        String sql = switch (q.effectiveMode()) {
            case ORDERED -> orderedFunnel(q, events);
            case STRICT -> strictFunnel(q, events);
            case ANY_ORDER -> anyOrderFunnel(q, events);
        };
        int n = events.size();
        long[] counts = new long[n];
        Long[] medians = new Long[n];
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            for (int k = 0; k < n; k++) {
                counts[k] = rs.getLong("c" + (k + 1));
                if (k > 0) {
                    Object m = rs.getObject("m" + (k + 1));
                    medians[k] = m == null ? null : ((Number) m).longValue();
                }
            }
        }
        return AnalyticsAnswers.funnel(events, counts, medians);
    }

    /**
     * The actors' step events keyed by their place in the (timestamp, storage sequence) order, and
     * the step-1 events of the period as attempts ({@code a1}); {@code s<k>} holds the events of step k.
     */
    private String stepEvents(Funnels.Query q, List<String> events) {
        StringBuilder sql = new StringBuilder("WITH e AS (SELECT actor, ts, name, pos AS k FROM ev WHERE " + business(q.businessId()) + " AND " + ACTOR_EVENTS + " AND name IN ("
                + list(events) + ")),\n");
        for (int k = 2; k <= events.size(); k++) {
            sql.append('s').append(k).append(" AS (SELECT actor, k, ts FROM e WHERE name = ")
                    .append(lit(events.get(k - 1))).append("),\n");
        }
        return sql.append("a1 AS (SELECT actor, k AS k1, ts AS t1 FROM e WHERE name = ").append(lit(events.get(0)))
                .append(period(q.from(), q.to())).append(")").toString();
    }

    /**
     * Ordered: from each step-1 event, an as-of join finds the first later event of step 2, from
     * that one the first later event of step 3, and so on: exactly the events the attempt takes.
     */
    private String orderedFunnel(Funnels.Query q, List<String> events) {
        int n = events.size();
        StringBuilder sql = new StringBuilder(stepEvents(q, events));
        for (int k = 2; k <= n; k++) {
            sql.append(",\na").append(k).append(" AS (SELECT a.*, b.k AS k").append(k).append(", b.ts AS t").append(k)
                    .append(" FROM a").append(k - 1).append(" a ASOF LEFT JOIN s").append(k)
                    .append(" b ON a.actor = b.actor AND b.k > a.k").append(k - 1).append(")");
        }
        sql.append(",\nlv AS (SELECT *, ").append(levelByTimes(n, q.effectiveWindowMs())).append(" AS level FROM a")
                .append(n).append("),\n");
        return sql.append(counted(n)).append(stepFigures(n)).toString();
    }

    /** Strict: the step events must be the actor's next events, so the attempt reads them with LEAD. */
    private String strictFunnel(Funnels.Query q, List<String> events) {
        int n = events.size();
        long window = q.effectiveWindowMs();
        StringBuilder sql = new StringBuilder("WITH s AS (SELECT actor, ts, pos, name");
        for (int k = 2; k <= n; k++) {
            sql.append(", lead(name, ").append(k - 1).append(") OVER w AS e").append(k).append(", lead(ts, ")
                    .append(k - 1).append(") OVER w AS t").append(k);
        }
        sql.append(" FROM ev WHERE ").append(business(q.businessId())).append(" AND ").append(ACTOR_EVENTS)
                .append(" WINDOW w AS (PARTITION BY actor ORDER BY pos)),\n");
        sql.append("lv AS (SELECT *, ts AS t1, pos AS k1, ").append(n == 1 ? "1" : "CASE");
        for (int k = 2; k <= n; k++) {
            sql.append(" WHEN e").append(k).append(" IS DISTINCT FROM ").append(lit(events.get(k - 1))).append(" OR t")
                    .append(k).append(" > ts + ").append(window).append(" THEN ").append(k - 1);
        }
        sql.append(n == 1 ? "" : " ELSE " + n + " END").append(" AS level FROM s WHERE name = ").append(lit(events.get(0)))
                .append(period(q.from(), q.to())).append("),\n");
        return sql.append(counted(n)).append(stepFigures(n)).toString();
    }

    /**
     * Any order, with distinct step events: step k is reached when the first event of each of
     * steps 2…k after the step-1 event (one as-of join per step) is within the window; its time is
     * the latest of them.
     */
    private String anyOrderFunnel(Funnels.Query q, List<String> events) {
        int n = events.size();
        long window = q.effectiveWindowMs();
        StringBuilder sql = new StringBuilder(stepEvents(q, events));
        for (int k = 2; k <= n; k++) {
            sql.append(",\nu").append(k).append(" AS (SELECT a.*, b.ts AS u").append(k).append(" FROM ")
                    .append(k == 2 ? "a1" : "u" + (k - 1)).append(" a ASOF LEFT JOIN s").append(k)
                    .append(" b ON a.actor = b.actor AND b.k > a.k1)");
        }
        sql.append(",\nlv AS (SELECT actor, k1, t1");
        for (int k = 2; k <= n; k++) {
            sql.append(", greatest(");
            for (int j = 2; j <= k; j++) {
                sql.append(j > 2 ? ", " : "").append('u').append(j);
            }
            sql.append(") AS t").append(k);
        }
        sql.append(n == 1 ? ", 1" : ", CASE");
        for (int k = 2; k <= n; k++) {
            sql.append(" WHEN u").append(k).append(" IS NULL OR u").append(k).append(" > t1 + ").append(window)
                    .append(" THEN ").append(k - 1);
        }
        sql.append(n == 1 ? "" : " ELSE " + n + " END").append(" AS level FROM ").append(n == 1 ? "a1" : "u" + n).append("),\n");
        return sql.append(counted(n)).append(stepFigures(n)).toString();
    }

    /** The level of an attempt whose step times are t1…tn (null when not taken), non-decreasing. */
    private static String levelByTimes(int n, long window) {
        if (n == 1) {
            return "1";
        }
        StringBuilder s = new StringBuilder("CASE");
        for (int k = 2; k <= n; k++) {
            s.append(" WHEN t").append(k).append(" IS NULL OR t").append(k).append(" > t1 + ").append(window)
                    .append(" THEN ").append(k - 1);
        }
        return s.append(" ELSE ").append(n).append(" END").toString();
    }

    /**
     * Each actor's counted attempt: the highest level, and of the attempts at that level the one
     * that started first; with the time from its step 1 to each step k ({@code d<k>}).
     */
    private static String counted(int n) {
        StringBuilder s = new StringBuilder("counted AS (SELECT actor, max(level) AS level");
        for (int k = 2; k <= n; k++) {
            s.append(", arg_max(t").append(k).append(" - t1, level * ").append(LEVEL_WEIGHT).append(" - k1) AS d")
                    .append(k);
        }
        return s.append(" FROM lv GROUP BY actor)\n").toString();
    }

    /** Per step: actors whose counted attempt reached it, and the lower median of its time from step 1. */
    private static String stepFigures(int n) {
        StringBuilder s = new StringBuilder("SELECT count(*) AS c1");
        for (int k = 2; k <= n; k++) {
            s.append(", count(*) FILTER (WHERE level >= ").append(k).append(") AS c").append(k)
                    .append(", quantile_disc(d").append(k).append(", 0.5) FILTER (WHERE level >= ").append(k)
                    .append(") AS m").append(k);
        }
        return s.append(" FROM counted").toString();
    }

    // ---- attribution

    List<String> attribution(Attribution.Query q) throws SQLException {
        List<String> lines = new ArrayList<>();
        String where = business(q.businessId()) + period(q.from(), q.to());
        for (String field : List.of("source", "campaign", "channel", "medium")) {
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT " + field
                    + ", count(*) AS n FROM ev WHERE " + where + " AND " + field + " IS NOT NULL GROUP BY " + field
                    + " ORDER BY n DESC, " + field)) {
                while (rs.next()) {
                    lines.add(AnalyticsAnswers.touchpoints(capitalised(field), rs.getString(1), rs.getLong(2)));
                }
            }
        }
        if (q.conversionEvent() == null) {
            return lines;
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*),"
                + " coalesce(sum(revenue), 0) FROM ev WHERE " + where + " AND name = " + lit(q.conversionEvent()))) {
            rs.next();
            lines.add(AnalyticsAnswers.conversions(rs.getLong(1), cents(rs.getBigDecimal(2))));
        }
        record Credit(String key, BigDecimal conversions, BigDecimal revenue) {
        }
        List<Credit> credits = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(creditSql(q))) {
            while (rs.next()) {
                credits.add(new Credit(rs.getString(1), BigDecimal.valueOf(rs.getDouble(2)),
                        BigDecimal.valueOf(rs.getDouble(3))));
            }
        }
        credits.sort(Comparator.comparing((Credit c) -> c.conversions().setScale(4, java.math.RoundingMode.HALF_EVEN))
                .reversed().thenComparing(Credit::key));
        for (Credit c : credits) {
            lines.add(AnalyticsAnswers.credit(c.key(), c.conversions(), c.revenue()));
        }
        return lines;
    }

    /**
     * Conversions joined to the same actor's earlier touchpoints within the lookback; each pair
     * gets its share of the conversion under the model; conversions without any go to (direct).
     */
    private String creditSql(Attribution.Query q) {
        String field = q.effectiveGroupBy().name().toLowerCase(Locale.ROOT);
        String b = business(q.businessId());
        long lookback = q.effectiveLookbackMs();
        String share = switch (q.effectiveModel()) {
            case FIRST_TOUCH -> "CASE WHEN i = 1 THEN 1.0 ELSE 0.0 END";
            case LAST_TOUCH -> "CASE WHEN i = n THEN 1.0 ELSE 0.0 END";
            case LINEAR -> "1.0 / n";
            case POSITION_BASED -> "CASE WHEN n = 1 THEN 1.0 WHEN n = 2 THEN 0.5 WHEN i = 1 OR i = n THEN 0.4"
                    + " ELSE 0.2 / (n - 2) END";
            case TIME_DECAY -> "w / sum(w) OVER (PARTITION BY c)";
        };
        return "WITH conv AS (SELECT pos AS c, ts AS cts, actor, coalesce(revenue, 0) AS rev FROM ev WHERE " + b
                + " AND name = " + lit(q.conversionEvent()) + period(q.from(), q.to()) + "),\n"
                + "tp AS (SELECT actor, ts, pos, " + field + " AS k FROM ev WHERE " + b + " AND " + ACTOR_EVENTS
                + " AND " + field + " IS NOT NULL),\n"
                + "pairs AS (SELECT c.c, c.rev, t.k,"
                + " pow(2.0, -(c.cts - t.ts) / " + Attribution.HALF_LIFE_MS + ".0) AS w,"
                + " row_number() OVER (PARTITION BY c.c ORDER BY t.pos) AS i,"
                + " count(*) OVER (PARTITION BY c.c) AS n"
                + " FROM conv c JOIN tp t ON t.actor = c.actor AND t.ts >= c.cts - " + lookback + " AND t.pos < c.c),\n"
                + "shares AS (SELECT c, rev, k, " + share + " AS share FROM pairs),\n"
                + "credited AS (SELECT k, share, CAST(rev AS DOUBLE) * share AS r FROM shares WHERE share > 0"
                + " UNION ALL SELECT " + lit(Attribution.DIRECT) + ", 1.0, CAST(rev AS DOUBLE) FROM conv"
                + " WHERE c NOT IN (SELECT c FROM pairs))\n"
                + "SELECT k, sum(share), sum(r) FROM credited GROUP BY k";
    }

    // ---- metrics

    List<String> metrics(Metrics.Query q) throws SQLException {
        if (q.metrics() != null && !q.metrics().isEmpty()) {
            throw new IllegalArgumentException("the DuckDB reference has no stored metric definitions");
        }
        String unit = q.effectiveInterval().name().toLowerCase(Locale.ROOT);
        Metrics.Grouping grouping = q.grouping();
        String group = grouping == null ? null : grouping == Metrics.Grouping.EVENT ? "name"
                : "coalesce(" + grouping.name().toLowerCase(Locale.ROOT) + ", " + lit(Funnels.NONE) + ")";
        String where = business(q.businessId()) + period(q.from(), q.to())
                + (q.eventName() == null ? "" : " AND name = " + lit(q.eventName()));
        String sets = group == null ? "(), (b)" : "(), (b), (g), (g, b)";
        String rows = "FROM (SELECT " + (group == null ? "NULL" : group) + " AS g, epoch_ms(date_trunc('" + unit
                + "', epoch_ms(ts))) AS b, actor, revenue, ts FROM ev WHERE " + where + ")";
        String counts = "SELECT " + (group == null ? "1" : "GROUPING(g)") + " AS gg, GROUPING(b) AS gb, "
                + (group == null ? "NULL AS g" : "g") + ", b, count(*) AS n, coalesce(sum(revenue), 0) AS r,"
                + " min(ts) AS lo, max(ts) AS hi " + rows + " GROUP BY GROUPING SETS (" + sets + ")";
        String actorsSql = group == null ? "SELECT 1 AS gg, NULL AS g, count(DISTINCT actor) AS a " + rows
                : "SELECT GROUPING(g) AS gg, g, count(DISTINCT actor) AS a " + rows + " GROUP BY GROUPING SETS ((), (g))";
        long total = 0;
        long actors = 0;
        BigDecimal revenue = BigDecimal.ZERO;
        Long first = null;
        Long last = null;
        TreeMap<Long, Long> series = new TreeMap<>();
        record Group(String key, long count, long actors) {
        }
        Map<String, Long> groupCounts = new LinkedHashMap<>();
        Map<String, Long> groupActors = new java.util.HashMap<>();
        Map<String, TreeMap<Long, Long>> groupSeries = new LinkedHashMap<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(counts)) {
            while (rs.next()) {
                boolean allGroups = rs.getInt("gg") == 1;
                boolean allBuckets = rs.getInt("gb") == 1;
                if (allGroups && allBuckets) {
                    total = rs.getLong("n");
                    revenue = rs.getBigDecimal("r");
                    first = total == 0 ? null : rs.getLong("lo");
                    last = total == 0 ? null : rs.getLong("hi");
                } else if (allGroups) {
                    series.put(rs.getLong("b"), rs.getLong("n"));
                } else if (allBuckets) {
                    groupCounts.put(rs.getString("g"), rs.getLong("n"));
                } else {
                    groupSeries.computeIfAbsent(rs.getString("g"), k -> new TreeMap<>()).put(rs.getLong("b"),
                            rs.getLong("n"));
                }
            }
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(actorsSql)) {
            while (rs.next()) {
                if (rs.getInt("gg") == 1) {
                    actors = rs.getLong("a");
                } else {
                    groupActors.put(rs.getString("g"), rs.getLong("a"));
                }
            }
        }
        List<Group> groups = new ArrayList<>();
        groupCounts.forEach((k, n) -> groups.add(new Group(k, n, groupActors.getOrDefault(k, 0L))));
        List<Long> buckets = buckets(unit, q.from() != null ? q.from() : first, q.to() != null ? q.to() : last);
        if (buckets.size() > Metrics.MAX_BUCKETS) {
            throw new IllegalArgumentException("more than " + Metrics.MAX_BUCKETS + " buckets");
        }
        List<String> lines = new ArrayList<>();
        revenue = cents(revenue);
        lines.add(AnalyticsAnswers.totals(total, actors, revenue));
        lines.add(AnalyticsAnswers.metric("events", BigDecimal.valueOf(total)));
        lines.add(AnalyticsAnswers.metric("revenue", revenue));
        lines.add(AnalyticsAnswers.metric("uniqueActors", BigDecimal.valueOf(actors)));
        for (long b : buckets) {
            lines.add(AnalyticsAnswers.bucket(null, b, series.getOrDefault(b, 0L)));
        }
        if (group == null) {
            return lines;
        }
        groups.sort(Comparator.comparingLong(Group::count).reversed().thenComparing(Group::key));
        List<Group> listed = groups.subList(0, Math.min(groups.size(), Metrics.MAX_GROUPS));
        for (Group g : listed) {
            lines.add(AnalyticsAnswers.group(g.key(), g.count(), g.actors()));
            TreeMap<Long, Long> own = groupSeries.getOrDefault(g.key(), new TreeMap<>());
            for (long b : buckets) {
                lines.add(AnalyticsAnswers.bucket(g.key(), b, own.getOrDefault(b, 0L)));
            }
        }
        if (groups.size() > Metrics.MAX_GROUPS) {
            List<String> keys = listed.stream().map(Group::key).toList();
            long otherCount = groups.subList(Metrics.MAX_GROUPS, groups.size()).stream().mapToLong(Group::count).sum();
            long otherActors = ((Number) single("SELECT count(DISTINCT actor) FROM (SELECT " + group
                    + " AS g, actor FROM ev WHERE " + where + ") WHERE g NOT IN (" + list(keys) + ")")).longValue();
            lines.add(AnalyticsAnswers.group(Funnels.OTHER, otherCount, otherActors));
            for (long b : buckets) {
                long n = 0;
                for (Group g : groups.subList(Metrics.MAX_GROUPS, groups.size())) {
                    n += groupSeries.getOrDefault(g.key(), new TreeMap<>()).getOrDefault(b, 0L);
                }
                lines.add(AnalyticsAnswers.bucket(Funnels.OTHER, b, n));
            }
        }
        return lines;
    }

    /** The bucket starts from the bucket holding {@code from} to the one holding {@code to}, zero-filled. */
    private List<Long> buckets(String unit, Long from, Long to) throws SQLException {
        List<Long> starts = new ArrayList<>();
        if (from == null || to == null || from > to) {
            return starts;
        }
        String lo = "date_trunc('" + unit + "', epoch_ms(" + from + "))";
        String hi = "date_trunc('" + unit + "', epoch_ms(" + to + "))";
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT epoch_ms(r) FROM"
                + " range(" + lo + ", " + hi + " + INTERVAL 1 " + unit + ", INTERVAL 1 " + unit + ") t(r) ORDER BY r")) {
            while (rs.next()) {
                starts.add(rs.getLong(1));
            }
        }
        return starts;
    }

    // ---- business health

    /** What health is computed from: the period's figures, the previous period's, and the anomalies. */
    record HealthFacts(long total, long previousTotal, BigDecimal revenue, BigDecimal previousRevenue, long orders,
                       long leads, long scans, long authorityBound, long authorityBoundWithProof, Long lastEventAt,
                       long anomalies) {
    }

    List<String> health(String businessId, BusinessHealth.Query q) throws SQLException {
        if (q.from() == null || q.to() == null) {
            throw new IllegalArgumentException("the DuckDB reference needs an explicit health period");
        }
        long from = q.from();
        long to = q.to();
        int limit = q.limit() == null ? BusinessHealth.DEFAULT_LIMIT : q.limit();
        String b = business(businessId);
        HealthFacts f = healthFacts(b, from, to);
        List<String> lines = new ArrayList<>();
        lines.addAll(scoreLines(f, from, to));
        lines.add(AnalyticsAnswers.healthFigures(cents(f.revenue()), f.scans(),
                f.leads(), f.orders(), 0, f.total(), f.lastEventAt()));
        String inPeriod = b + period(from, to);
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM (SELECT name,"
                + " count(*) AS n FROM ev WHERE " + inPeriod + " GROUP BY name ORDER BY n DESC, name LIMIT "
                + TOP_NAMES + ") ORDER BY name")) {
            while (rs.next()) {
                lines.add(AnalyticsAnswers.eventCount(rs.getString(1), rs.getLong(2)));
            }
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT source, count(*) AS n"
                + " FROM ev WHERE " + inPeriod + " AND source IS NOT NULL GROUP BY source ORDER BY n DESC, source")) {
            while (rs.next()) {
                lines.add(AnalyticsAnswers.touchpoints("Source", rs.getString(1), rs.getLong(2)));
            }
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT regexp_extract(name,"
                + " '^(.+)\\.run_(started|completed|failed)$', 1) AS wf,"
                + " count(*) FILTER (WHERE ends_with(name, '.run_started')),"
                + " count(*) FILTER (WHERE ends_with(name, '.run_completed')),"
                + " count(*) FILTER (WHERE ends_with(name, '.run_failed'))"
                + " FROM ev WHERE " + inPeriod + " AND regexp_matches(name, '^.+\\.run_(started|completed|failed)$')"
                + " GROUP BY wf ORDER BY wf")) {
            while (rs.next()) {
                lines.add(AnalyticsAnswers.workflow(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
            }
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM ev WHERE " + b
                + " AND ts <= " + to + " ORDER BY pos DESC LIMIT " + limit)) {
            while (rs.next()) {
                lines.add(AnalyticsAnswers.recent(rs.getString(1)));
            }
        }
        return lines;
    }

    /**
     * The health score and its components from the facts, by the table of docs/analytics.md: a
     * component with nothing to measure has no score (null) and the score is the mean of the others.
     */
    static List<String> scoreLines(HealthFacts f, long from, long to) {
        long hour = 3_600_000L;
        Integer freshness = null;
        if (f.lastEventAt() != null) {
            long age = to - f.lastEventAt();
            freshness = age < hour ? 100 : age >= 72 * hour ? 0 : (int) Math.round(100.0 * (72 * hour - age) / (71 * hour));
        }
        Integer activity = trend(f.total(), f.previousTotal());
        Integer revenue = trend(micros(f.revenue()), micros(f.previousRevenue()));
        Integer proof = f.authorityBound() == 0 ? null
                : (int) Math.round(100.0 * f.authorityBoundWithProof() / f.authorityBound());
        long width = to - from + 1 <= BusinessHealth.DEFAULT_PERIOD_MS ? hour : 24 * hour;
        Integer stability = f.total() == 0 || Math.floorDiv(to, width) - Math.floorDiv(from, width) + 1 < 10 ? null
                : (int) Math.max(0, 100 - 25 * f.anomalies());
        List<Integer> scored = java.util.stream.Stream.of(freshness, activity, revenue, proof, stability)
                .filter(java.util.Objects::nonNull).toList();
        String score = scored.isEmpty() ? "no data"
                : String.valueOf(Math.round(scored.stream().mapToInt(Integer::intValue).sum() / (double) scored.size()));
        return List.of("score " + score, AnalyticsAnswers.component("freshness", freshness),
                AnalyticsAnswers.component("activity trend", activity), AnalyticsAnswers.component("revenue trend", revenue),
                AnalyticsAnswers.component("proof coverage", proof), AnalyticsAnswers.component("stability", stability));
    }

    /** This period ÷ the previous one × 100, within 0…100; no score when the previous one is not positive. */
    private static Integer trend(long current, long previous) {
        return previous <= 0 ? null : (int) Math.round(Math.min(100.0, Math.max(0, 100.0 * current / previous)));
    }

    private static long micros(BigDecimal amount) {
        return amount.movePointRight(6).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
    }

    /**
     * The period's figures against the previous period of the same length, in one scan; and the
     * anomalies: per name of the 20 most frequent in the period, the hourly (daily beyond 7 days)
     * counts, zero-filled, scored 0.6745 × (x − median) / MAD, |score| ≥ 3.5 and at least 5 events from the median.
     */
    HealthFacts healthFacts(String business, long from, long to) throws SQLException {
        long length = to - from + 1;
        long previousFrom = from - length;
        String revenueEvents = "(starts_with(name, 'order.') OR starts_with(name, 'payment.'))";
        String bound = "(tier IN ('T3', 'T4') OR decision_id IS NOT NULL)";
        String sql = "SELECT count(*) FILTER (WHERE ts >= " + from + ") AS total,"
                + " count(*) FILTER (WHERE ts < " + from + ") AS previous_total,"
                + " coalesce(sum(revenue) FILTER (WHERE ts >= " + from + " AND " + revenueEvents + "), 0) AS revenue,"
                + " coalesce(sum(revenue) FILTER (WHERE ts < " + from + " AND " + revenueEvents + "), 0) AS previous_revenue,"
                + " count(*) FILTER (WHERE ts >= " + from + " AND name = 'order.created') AS orders,"
                + " count(*) FILTER (WHERE ts >= " + from + " AND starts_with(name, 'lead.')) AS leads,"
                + " count(*) FILTER (WHERE ts >= " + from + " AND (ends_with(name, '.scanned') OR starts_with(name,"
                + " 'scan.') OR starts_with(name, 'qr.') OR trackable)) AS scans,"
                + " count(*) FILTER (WHERE ts >= " + from + " AND " + bound + ") AS bound,"
                + " count(*) FILTER (WHERE ts >= " + from + " AND " + bound + " AND proof_id IS NOT NULL) AS proven,"
                + " (SELECT max(ts) FROM ev WHERE " + business + " AND ts <= " + to + ") AS last_event_at"
                + " FROM ev WHERE " + business + " AND ts >= " + previousFrom + " AND ts <= " + to;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            Object last = rs.getObject("last_event_at");
            return new HealthFacts(rs.getLong("total"), rs.getLong("previous_total"), rs.getBigDecimal("revenue"),
                    rs.getBigDecimal("previous_revenue"), rs.getLong("orders"), rs.getLong("leads"), rs.getLong("scans"),
                    rs.getLong("bound"), rs.getLong("proven"), last == null ? null : ((Number) last).longValue(),
                    anomalies(business, from, to));
        }
    }

    private long anomalies(String business, long from, long to) throws SQLException {
        long width = to - from + 1 <= BusinessHealth.DEFAULT_PERIOD_MS ? 3_600_000L : 86_400_000L;
        long first = Math.floorDiv(from, width);
        long last = Math.floorDiv(to, width);
        if (last - first + 1 < 10) {
            return 0;
        }
        String inPeriod = business + period(from, to);
        String sql = "WITH top AS (SELECT name FROM ev WHERE " + inPeriod + " GROUP BY name"
                + " ORDER BY count(*) DESC, name LIMIT " + TOP_NAMES + "),\n"
                + "buckets AS (SELECT range AS b FROM range(" + first + ", " + (last + 1) + ")),\n"
                + "counts AS (SELECT name, ts // " + width + " AS b, count(*) AS x FROM ev WHERE " + inPeriod
                + " AND name IN (SELECT name FROM top) GROUP BY ALL),\n"
                + "series AS (SELECT t.name, k.b, coalesce(c.x, 0) AS x FROM top t CROSS JOIN buckets k"
                + " LEFT JOIN counts c ON c.name = t.name AND c.b = k.b),\n"
                + "centre AS (SELECT name, median(x::DOUBLE) AS m FROM series GROUP BY name),\n"
                + "dev AS (SELECT s.name, s.x, c.m, abs(s.x - c.m) AS d FROM series s JOIN centre c USING (name)),\n"
                + "spread AS (SELECT name, CASE WHEN median(d) > 0 THEN median(d)"
                + " ELSE 1.2533::DOUBLE * sum(d) / count(*) END AS scale FROM dev GROUP BY name)\n"
                + "SELECT count(*) FROM dev JOIN spread USING (name)"
                + " WHERE scale > 0 AND abs(0.6745::DOUBLE * (x - m) / scale) >= 3.5 AND abs(x - m) >= 5";
        return ((Number) single(sql)).longValue();
    }

    // ---- helpers

    /** Revenue totals are answered to 2 decimals, half even (docs/analytics.md). */
    private static BigDecimal cents(BigDecimal total) {
        return total.setScale(2, java.math.RoundingMode.HALF_EVEN);
    }

    private Object single(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getObject(1);
        }
    }

    Connection connection() {
        return connection;
    }

    String business(String businessId) {
        return "business = " + lit(businessId == null ? defaultBusiness : businessId);
    }

    static String period(Long from, Long to) {
        return (from == null ? "" : " AND ts >= " + from) + (to == null ? "" : " AND ts <= " + to);
    }

    static String lit(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String list(List<String> values) {
        return String.join(", ", values.stream().map(DuckDbReference::lit).toList());
    }

    private static String capitalised(String field) {
        return Character.toUpperCase(field.charAt(0)) + field.substring(1);
    }
}
