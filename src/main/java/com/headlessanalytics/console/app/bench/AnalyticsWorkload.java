package com.headlessanalytics.console.app.bench;

import com.headlessanalytics.console.api.Attribution;
import com.headlessanalytics.console.api.BusinessHealth;
import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Metrics;
import java.util.List;
import java.util.function.Function;

/**
 * The queries {@code bench analytics} times: what the console's dashboards and funnel screens ask,
 * on demo-generator data. Each runs on the engine through the port and on the DuckDB reference in
 * SQL, and both answers come out as comparable lines ({@link AnalyticsAnswers}).
 */
final class AnalyticsWorkload {
    /** A visit from a bottle scan to an order: the demo shop's whole funnel. */
    static final List<String> FIVE_STEPS = List.of("qr.bottle_scanned", "page.product_viewed", "cart.item_added",
            "checkout.started", "order.created");
    /** Product page to order, the funnel most screens open with. */
    static final List<String> THREE_STEPS = List.of("page.product_viewed", "cart.item_added", "order.created");
    static final String CONVERSION = "order.created";

    private AnalyticsWorkload() {
    }

    /** Funnels have their own targets; metrics, attribution and health are dashboard queries. */
    enum Kind { FUNNEL, DASHBOARD }

    @FunctionalInterface
    interface ReferenceRun {
        List<String> run(DuckDbReference db) throws Exception;
    }

    record Query(String label, Kind kind, Function<HeadlessApi, List<String>> engine, ReferenceRun reference) {
    }

    /**
     * The queries over all the data, and business health over the 7 days ending at
     * {@code healthTo} (inclusive), as the dashboard shows it.
     */
    static List<Query> queries(String businessId, long healthTo) {
        BusinessHealth.Query health = new BusinessHealth.Query(BusinessHealth.DEFAULT_LIMIT,
                healthTo - BusinessHealth.DEFAULT_PERIOD_MS + 1, healthTo);
        return List.of(
                funnel("funnel ordered, 3 steps", THREE_STEPS, Funnels.Mode.ORDERED),
                funnel("funnel ordered, 5 steps", FIVE_STEPS, Funnels.Mode.ORDERED),
                funnel("funnel strict, 5 steps", FIVE_STEPS, Funnels.Mode.STRICT),
                funnel("funnel any_order, 5 steps", FIVE_STEPS, Funnels.Mode.ANY_ORDER),
                attribution("attribution first_touch", Attribution.Model.FIRST_TOUCH),
                attribution("attribution time_decay", Attribution.Model.TIME_DECAY),
                new Query("metrics by day, grouped by channel", Kind.DASHBOARD,
                        api -> AnalyticsAnswers.metrics(api.metrics(METRICS)), db -> db.metrics(METRICS)),
                new Query("business health, 7 days", Kind.DASHBOARD,
                        api -> AnalyticsAnswers.health(api.businessHealth(businessId, health)),
                        db -> db.health(businessId, health)));
    }

    private static final Metrics.Query METRICS = new Metrics.Query(null, null, null, null, "day", "channel", null, null);

    private static Query funnel(String label, List<String> events, Funnels.Mode mode) {
        Funnels.Query q = new Funnels.Query(events.stream().map(Funnels.Step::of).toList(), null, null, null,
                mode.name().toLowerCase(java.util.Locale.ROOT), null, null);
        return new Query(label, Kind.FUNNEL, api -> AnalyticsAnswers.funnel(api.funnel(q)), db -> db.funnel(q));
    }

    private static Query attribution(String label, Attribution.Model model) {
        Attribution.Query q = new Attribution.Query(null, null, null, CONVERSION,
                model.name().toLowerCase(java.util.Locale.ROOT), null, null);
        return new Query(label, Kind.DASHBOARD, api -> AnalyticsAnswers.attribution(api.attribution(q)),
                db -> db.attribution(q));
    }
}
