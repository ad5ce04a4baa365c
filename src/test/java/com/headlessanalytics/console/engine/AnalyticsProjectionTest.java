package com.headlessanalytics.console.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.Attribution;
import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Metrics;
import com.headlessanalytics.console.domain.demo.DemoGenerator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-memory analytics projection gives the same answers whichever way its rows arrived: kept
 * current at ingest, rebuilt from the database on open, or backfilled for rows stored before the
 * analytics columns existed.
 */
class AnalyticsProjectionTest {
    @TempDir
    Path dir;

    record Answers(Metrics.Result metrics, Funnels.Result funnel, Attribution.Result attribution) {
        /** The answers without their proof envelopes, which differ per query. */
        List<Object> comparable() {
            Metrics.Result m = metrics;
            Funnels.Result f = funnel;
            Attribution.Result a = attribution;
            return List.of(m.metrics(), m.series(), m.groups(), f.steps(), f.breakdown(), a.bySource(),
                    a.byCampaign(), a.byChannel(), a.byMedium(), a.credit(), a.conversions(), a.revenue());
        }
    }

    static Answers ask(HeadlessApi api) {
        Metrics.Result metrics = api.metrics(new Metrics.Query(null, null, null, null, "day", "channel", null, null));
        Funnels.Result funnel = api.funnel(new Funnels.Query(List.of(Funnels.Step.of("qr.bottle_scanned"),
                Funnels.Step.of("page.product_viewed"), Funnels.Step.of("order.created")), null, null, null, null,
                null, "campaign"));
        Attribution.Result attribution = api.attribution(new Attribution.Query(null, null, null, "order.created",
                "time_decay", "source", null));
        return new Answers(metrics, funnel, attribution);
    }

    private static int fill(Engine engine) {
        List<Map<String, Object>> all = new ArrayList<>();
        DemoGenerator.builder(System.currentTimeMillis()).events(8_000).seed(7).build().forEachBatch(1000, batch -> {
            engine.defaultWorkspace().ingest(batch);
            all.addAll(batch);
        });
        return all.size();
    }

    @Test
    void queriesRunningDuringIngestNeverFailAndEndWithTheSameAnswers() throws Exception {
        List<List<Map<String, Object>>> batches = new ArrayList<>();
        DemoGenerator.builder(System.currentTimeMillis()).events(6_000).seed(11).build()
                .forEachBatch(200, batches::add);
        try (Engine engine = Engine.open(dir)) {
            HeadlessApi api = engine.defaultWorkspace();
            java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.atomic.AtomicLong lastTotal = new java.util.concurrent.atomic.AtomicLong();
            int[] asked = {0};
            Thread reader = Thread.ofPlatform().start(() -> {
                try {
                    while (!done.get()) {
                        Answers a = ask(api);
                        long total = a.metrics().totalEvents();
                        assertThat(total).isGreaterThanOrEqualTo(lastTotal.get());
                        lastTotal.set(total);
                        assertThat(a.metrics().series().values().stream().mapToLong(Long::longValue).sum())
                                .isEqualTo(total);
                        asked[0]++;
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            for (List<Map<String, Object>> batch : batches) {
                api.ingest(batch);
            }
            done.set(true);
            reader.join();
            assertThat(failure.get()).isNull();
            assertThat(asked[0]).isPositive();
            Answers settled = ask(api);
            assertThat(settled.metrics().totalEvents()).isEqualTo(6_000);
            try (Engine other = Engine.open(dir.resolve("copy"))) {
                for (List<Map<String, Object>> batch : batches) {
                    other.defaultWorkspace().ingest(batch);
                }
                assertThat(ask(other.defaultWorkspace()).comparable()).isEqualTo(settled.comparable());
            }
        }
    }

    @Test
    void answersAreTheSameAfterReopeningAndAfterABackfill() throws Exception {
        Answers live;
        int stored;
        try (Engine engine = Engine.open(dir)) {
            stored = fill(engine);
            live = ask(engine.defaultWorkspace());
        }
        assertThat(stored).isGreaterThan(1000);
        assertThat(live.metrics().totalEvents()).isEqualTo(stored);
        assertThat(live.funnel().steps().get(0).count()).isPositive();
        assertThat(live.attribution().credit()).isNotEmpty();

        try (Engine reopened = Engine.open(dir)) {
            assertThat(ask(reopened.defaultWorkspace()).comparable()).isEqualTo(live.comparable());
        }

        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve(Database.FILE_NAME);
        try (Connection c = DriverManager.getConnection(url, "ha", ""); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE event SET touch_source = NULL, touch_channel = NULL, touch_campaign = NULL,"
                    + " touch_medium = NULL, revenue = NULL, flags = NULL");
            s.executeUpdate("INSERT INTO engine_job (name, created_at) VALUES ('backfill_analytics_columns', 0)");
        }
        try (Engine backfilled = Engine.open(dir)) {
            assertThat(ask(backfilled.defaultWorkspace()).comparable()).isEqualTo(live.comparable());
        }
    }
}
