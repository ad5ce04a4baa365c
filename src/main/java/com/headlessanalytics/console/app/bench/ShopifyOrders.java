package com.headlessanalytics.console.app.bench;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.headlessanalytics.console.api.ApiJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Order records shaped like Shopify's {@code orders/create} webhook payload (the fields the
 * documentation's example carries that matter to a mapping: ids, prices as decimal strings,
 * currency, timestamps with offsets, customer, line items, landing site with UTM parameters),
 * generated from a seed so every run sends the same records.
 */
public final class ShopifyOrders {
    private static final String[] SOURCES = {"google", "facebook", "newsletter", "tiktok", "bing"};
    private static final String[] MEDIUMS = {"cpc", "social", "email", "paid_social", "cpc"};
    private static final String[] CAMPAIGNS = {"black_friday", "spring_sale", "retargeting", "launch", "brand"};
    private static final String[] PRODUCTS = {"Aeropress Go", "Burr Grinder", "Pour-over Kettle", "Filter Papers 100",
        "Ceramic Dripper", "Espresso Cups (2)", "Cold Brew Jar", "Bean Subscription"};
    private static final BigDecimal[] PRICES = {new BigDecimal("39.95"), new BigDecimal("149.00"),
        new BigDecimal("69.50"), new BigDecimal("7.99"), new BigDecimal("24.00"), new BigDecimal("18.00"),
        new BigDecimal("29.90"), new BigDecimal("32.00")};
    private static final DateTimeFormatter SHOPIFY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    private static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    /** Two seconds apart: 10M orders end in August 2026, in the past, as ingest requires. */
    private static final long SPACING_MILLIS = 2_000;

    private ShopifyOrders() {
    }

    /** {@code count} orders from {@code seed}: ids 820982911946154508 + i, one every 2 seconds from 2026-01-01. */
    public static List<Map<String, Object>> generate(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Map<String, Object>> orders = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            orders.add(order(i, random));
        }
        return orders;
    }

    /** The orders of {@link #generate} written to {@code file} one at a time, one compact JSON object a line (NDJSON). */
    public static void write(Path file, int count, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        ObjectWriter json = ApiJson.mapper().writer();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < count; i++) {
                w.write(json.writeValueAsString(order(i, random)));
                w.write('\n');
            }
        }
    }

    static Map<String, Object> order(int i, SplittableRandom random) {
        long id = 820_982_911_946_154_508L + i;
        long customerId = 115_310_627_314_723_954L + random.nextInt(20_000);
        Instant created = Instant.ofEpochMilli(START + i * SPACING_MILLIS);
        String createdAt = SHOPIFY_TIME.format(created.atOffset(ZoneOffset.ofHours(-5)));
        List<Map<String, Object>> items = new ArrayList<>();
        BigDecimal subtotal = BigDecimal.ZERO;
        int lines = 1 + random.nextInt(3);
        for (int l = 0; l < lines; l++) {
            int p = random.nextInt(PRODUCTS.length);
            int quantity = 1 + random.nextInt(3);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", 866_550_311_766_439_020L + i * 4L + l);
            item.put("product_id", 632_910_392L + p);
            item.put("variant_id", 808_950_810L + p);
            item.put("sku", "SKU-" + (1000 + p));
            item.put("title", PRODUCTS[p]);
            item.put("quantity", quantity);
            item.put("price", PRICES[p].toPlainString());
            item.put("requires_shipping", true);
            items.add(item);
            subtotal = subtotal.add(PRICES[p].multiply(BigDecimal.valueOf(quantity)));
        }
        BigDecimal tax = subtotal.multiply(new BigDecimal("0.08")).setScale(2, RoundingMode.HALF_EVEN);
        int c = random.nextInt(SOURCES.length);
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("id", customerId);
        customer.put("email", "customer" + (customerId % 100_000) + "@example.com");
        customer.put("first_name", "Customer");
        customer.put("last_name", Long.toString(customerId % 100_000));
        customer.put("orders_count", 1 + random.nextInt(12));
        customer.put("verified_email", true);
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", id);
        order.put("admin_graphql_api_id", "gid://shopify/Order/" + id);
        order.put("name", "#" + (1001 + i));
        order.put("order_number", 1001 + i);
        order.put("email", customer.get("email"));
        order.put("created_at", createdAt);
        order.put("updated_at", createdAt);
        order.put("processed_at", createdAt);
        order.put("currency", "USD");
        order.put("presentment_currency", "USD");
        order.put("subtotal_price", subtotal.toPlainString());
        order.put("total_tax", tax.toPlainString());
        order.put("total_price", subtotal.add(tax).toPlainString());
        order.put("financial_status", "paid");
        order.put("fulfillment_status", null);
        order.put("source_name", "web");
        order.put("landing_site", "/products/aeropress-go?utm_source=" + SOURCES[c] + "&utm_medium=" + MEDIUMS[c]
                + "&utm_campaign=" + CAMPAIGNS[c]);
        order.put("referring_site", "https://www." + SOURCES[c] + ".com/");
        order.put("customer", customer);
        order.put("line_items", items);
        order.put("tags", "");
        return order;
    }
}
