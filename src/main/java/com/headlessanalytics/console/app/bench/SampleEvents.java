package com.headlessanalytics.console.app.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Seeded event envelopes shaped like real traffic (scans, views, orders, leads), for benchmarks. */
final class SampleEvents {
    private static final String[] NAMES = {"qr.bottle_scanned", "page.product_viewed", "page.viewed",
        "cart.item_added", "order.created", "lead.created", "agent.run_completed", "sensor.reading"};
    private static final String[] CHANNELS = {"qr", "email", "paid_social", "organic", "referral", "direct"};
    private static final String[] CAMPAIGNS = {"spring-launch", "summer-sale", "retargeting", "newsletter-42"};

    private final SplittableRandom random;
    private final long start;
    private long counter;

    SampleEvents(long seed, long start) {
        this.random = new SplittableRandom(seed);
        this.start = start;
    }

    List<Map<String, Object>> next(int n) {
        List<Map<String, Object>> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long k = counter++;
            String name = NAMES[random.nextInt(NAMES.length)];
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", "bench-" + k);
            e.put("event", name);
            e.put("timestamp", start + k * 37);
            e.put("actor", Map.of("type", "customer", "id", "cust_" + random.nextInt(50_000)));
            e.put("object", Map.of("type", "product", "id", "sku-" + random.nextInt(400)));
            e.put("traceId", "tr_" + Long.toHexString(random.nextLong()));
            e.put("source", Map.of("channel", CHANNELS[random.nextInt(CHANNELS.length)],
                    "campaign", CAMPAIGNS[random.nextInt(CAMPAIGNS.length)]));
            e.put("trustTier", "T1");
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("sku", "sku-" + random.nextInt(400));
            if (name.equals("order.created")) {
                props.put("amount", (random.nextInt(20_000) + 500) / 100.0 + "");
                props.put("currency", "USD");
            }
            e.put("properties", props);
            batch.add(e);
        }
        return batch;
    }
}
