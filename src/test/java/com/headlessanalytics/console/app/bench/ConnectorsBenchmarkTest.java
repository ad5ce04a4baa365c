package com.headlessanalytics.console.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench connectors} end to end on a few records: both ways store them all and are timed; no timing is asserted. */
class ConnectorsBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void storesTheRecordsBothWaysAndPrintsTheRatio() throws Exception {
        StringWriter text = new StringWriter();
        ConnectorsBenchmark.Figures figures = new ConnectorsBenchmark(new ConnectorsBenchmark.Settings(300, 100, 100, 2),
                new PrintWriter(text)).run(dir);
        assertThat(figures.connectorPerSecond()).isPositive();
        assertThat(figures.plainPerSecond()).isPositive();
        assertThat(text.toString())
                .contains("300 Shopify order records per run in chunks of 100")
                .contains("dry run mapped 300 records")
                .containsPattern("round 2: connector [0-9,]+ +plain [0-9,]+ events/s")
                .containsPattern("connector ingest of the Shopify records +[0-9,]+ events/s \\(median\\) +[0-9.]+ of baseline");
    }

    @Test
    void theOrdersAreShapedLikeShopifyWebhooksAndRepeatable() {
        var orders = ShopifyOrders.generate(3, 9);
        assertThat(orders).isEqualTo(ShopifyOrders.generate(3, 9));
        assertThat(orders.get(0)).containsKeys("id", "total_price", "currency", "created_at", "customer", "line_items",
                "landing_site");
        assertThat((String) orders.get(0).get("landing_site")).contains("utm_source=", "utm_campaign=");
        assertThat((String) orders.get(0).get("created_at")).isEqualTo("2025-12-31T19:00:00-05:00");
        assertThat(new java.math.BigDecimal((String) orders.get(1).get("total_price"))).isPositive();
    }
}
