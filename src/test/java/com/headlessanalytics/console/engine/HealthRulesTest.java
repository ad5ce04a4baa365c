package com.headlessanalytics.console.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.headlessanalytics.console.api.AgentContext;
import com.headlessanalytics.console.api.BusinessHealth;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.NextAction;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every alert and next-action rule of business health (docs/analytics.md), each triggered by a
 * constructed dataset ingested into a real embedded engine, with its exact text; and each not
 * triggered by the same dataset just below its threshold. Also the "no data" rules of the score.
 * The period is the week [T0, END]; the previous period the week before it.
 */
class HealthRulesTest {
    static final long MIN = 60_000L;
    static final long HOUR = 60 * MIN;
    static final long DAY = 24 * HOUR;
    /** Monday 2 November 2026, 00:00 UTC. */
    static final long T0 = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli();
    static final long END = T0 + 7 * DAY - 1;

    @TempDir
    Path dir;
    Engine engine;
    HeadlessApi api;
    final List<Map<String, Object>> events = new ArrayList<>();

    @BeforeEach
    void open() {
        engine = Engine.open(dir);
        api = engine.defaultWorkspace();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    static Map<String, Object> ev(String name, long ts, Object... fields) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event", name);
        e.put("timestamp", ts);
        for (int i = 0; i < fields.length; i += 2) {
            e.put((String) fields[i], fields[i + 1]);
        }
        return e;
    }

    /** {@code n} page views spread evenly over [from, last], the last at {@code last}. */
    void views(int n, long from, long last) {
        for (int i = 0; i < n; i++) {
            events.add(ev("page.viewed", last - (long) i * ((last - from) / Math.max(1, n)), "actor",
                    Map.of("id", "v" + i)));
        }
    }

    /** Ten page views in each period, the newest 30 minutes before the end: nothing to say. */
    void steady() {
        views(10, T0 - 7 * DAY, T0 - DAY);
        views(10, T0, END - 30 * MIN);
    }

    void order(long ts, String amount, Object... fields) {
        Map<String, Object> e = ev("order.created", ts, "properties", Map.of("amount", amount));
        for (int i = 0; i < fields.length; i += 2) {
            e.put((String) fields[i], fields[i + 1]);
        }
        events.add(e);
    }

    BusinessHealth health() {
        if (!events.isEmpty()) {
            api.ingest(events);
        }
        return api.businessHealth("default", new BusinessHealth.Query(5, T0, END));
    }

    static List<String> codes(BusinessHealth h) {
        return h.alerts().stream().map(BusinessHealth.Alert::code).toList();
    }

    static List<String> actions(BusinessHealth h) {
        return h.nextActions().stream().map(NextAction::id).toList();
    }

    // ---- a quiet business ---------------------------------------------------------------------

    @Test
    void aSteadyFreshBusinessRaisesNothing() {
        steady();
        BusinessHealth h = health();
        assertThat(h.alerts()).isEmpty();
        assertThat(h.nextActions()).isEmpty();
    }

    // ---- no_events / connect_source -------------------------------------------------------------

    @Test
    void noEventsRaisesNoEventsAndConnectSource() {
        BusinessHealth h = health();
        assertThat(h.alerts()).containsExactly(new BusinessHealth.Alert("critical", "no_events",
                "No events have been recorded for this business.", null));
        assertThat(h.nextActions()).containsExactly(new NextAction("connect_source", "Connect a source",
                "Nothing has been recorded yet: send events from a site, app, scanner or connector.", "high", false,
                null));
    }

    @Test
    void oneEventBeforeThePeriodIsNotNoEvents() {
        events.add(ev("page.viewed", T0 - DAY));
        BusinessHealth h = health();
        assertThat(codes(h)).doesNotContain("no_events");
        assertThat(actions(h)).doesNotContain("connect_source");
    }

    // ---- stale_data / check_pipeline -------------------------------------------------------------

    @Test
    void noEventForMoreThan24HoursIsStaleData() {
        views(10, T0 - 7 * DAY, T0 - DAY);
        views(10, T0, END - 24 * HOUR - MIN);
        BusinessHealth h = health();
        assertThat(h.alerts()).containsExactly(new BusinessHealth.Alert("warning", "stale_data",
                "No events for 24 h.", END - 24 * HOUR - MIN));
        assertThat(h.nextActions()).containsExactly(new NextAction("check_pipeline",
                "Check the pipeline feeding this business", "The newest event is 24 h old.", "high", false, null));
    }

    @Test
    void anEventExactly24HoursBeforeTheEndIsNotStale() {
        views(10, T0 - 7 * DAY, T0 - DAY);
        views(10, T0, END - 24 * HOUR);
        BusinessHealth h = health();
        assertThat(h.alerts()).isEmpty();
        assertThat(h.nextActions()).isEmpty();
    }

    @Test
    void noEventForMoreThan72HoursIsCritical() {
        views(10, T0 - 7 * DAY, T0 - DAY);
        views(10, T0, END - 72 * HOUR - MIN);
        assertThat(health().alerts()).containsExactly(new BusinessHealth.Alert("critical", "stale_data",
                "No events for 3 days.", END - 72 * HOUR - MIN));
    }

    @Test
    void exactly72HoursIsStillAWarning() {
        views(10, T0 - 7 * DAY, T0 - DAY);
        views(10, T0, END - 72 * HOUR);
        assertThat(health().alerts()).containsExactly(new BusinessHealth.Alert("warning", "stale_data",
                "No events for 3 days.", END - 72 * HOUR));
    }

    // ---- activity_drop / investigate_drop --------------------------------------------------------

    @Test
    void activityBelow80PercentOfThePreviousPeriodIsActivityDrop() {
        views(10, T0 - 7 * DAY, T0 - DAY);
        views(7, T0, END - 30 * MIN);
        BusinessHealth h = health();
        assertThat(h.alerts()).containsExactly(new BusinessHealth.Alert("warning", "activity_drop",
                "Events fell 30% against the previous period (7 vs 10).", null));
        assertThat(h.nextActions()).containsExactly(new NextAction("investigate_drop",
                "Investigate the fall in activity", "Find the sources and events that fell; see what_changed.",
                "medium", false, null));
    }

    @Test
    void activityAtExactly80PercentIsNotADrop() {
        views(10, T0 - 7 * DAY, T0 - DAY);
        views(8, T0, END - 30 * MIN);
        BusinessHealth h = health();
        assertThat(h.alerts()).isEmpty();
        assertThat(h.nextActions()).isEmpty();
    }

    // ---- revenue_drop, reallocate_budget, scale_source ------------------------------------------

    /** One order in each period, amounts given, among steady page views; the current one with {@code fields}. */
    void orders(String previous, String current, Object... fields) {
        steady();
        order(T0 - 3 * DAY, previous);
        order(T0 + 3 * DAY, current, fields);
    }

    @Test
    void revenueBelow80PercentIsRevenueDropWithoutAnActionWhenNoSourceIsKnown() {
        orders("100", "79.99");
        BusinessHealth h = health();
        assertThat(h.alerts()).containsExactly(new BusinessHealth.Alert("warning", "revenue_drop",
                "Revenue fell from 100.00 to 79.99.", null));
        assertThat(h.nextActions()).isEmpty();
    }

    @Test
    void revenueAtExactly80PercentIsNotADrop() {
        orders("100", "80", "source", Map.of("source", "google"));
        BusinessHealth h = health();
        assertThat(h.alerts()).isEmpty();
        assertThat(h.nextActions()).as("neither reallocate_budget nor scale_source").isEmpty();
    }

    @Test
    void aRevenueDropWithASourceProposesReallocatingBudgetTowardTheTopSource() {
        orders("100", "79.99", "source", Map.of("source", "google"));
        events.add(ev("page.viewed", T0 + DAY, "source", Map.of("source", "bing")));
        events.add(ev("page.viewed", T0 + DAY, "source", Map.of("source", "google")));
        BusinessHealth h = health();
        assertThat(codes(h)).containsExactly("revenue_drop");
        assertThat(h.nextActions()).containsExactly(new NextAction("reallocate_budget", "Shift budget toward google",
                "Revenue fell; google brings the most touchpoints this period.", "high", true,
                new NextAction.RequiredDecision("budget.reallocate", "ads", "approved", "T3")));
    }

    @Test
    void revenueGrowthWithASourceProposesScalingItAndTiesGoToTheFirstName() {
        orders("100", "100.01", "source", Map.of("source", "google"));
        events.add(ev("page.viewed", T0 + DAY, "source", Map.of("source", "bing")));
        BusinessHealth h = health();
        assertThat(h.alerts()).isEmpty();
        assertThat(h.nextActions()).containsExactly(new NextAction("scale_source", "Scale spend on bing",
                "Revenue grew to 100.01; bing brings the most touchpoints this period.", "medium", true,
                new NextAction.RequiredDecision("campaign.scale", "ads", "approved", "T3")));
    }

    @Test
    void equalRevenueOrGrowthWithoutASourceOrWithoutPreviousRevenueProposesNoScaling() {
        orders("100", "100", "source", Map.of("source", "google"));
        assertThat(health().nextActions()).isEmpty();
    }

    @Test
    void revenueGrowthWithoutASourceProposesNoScaling() {
        orders("100", "150");
        assertThat(health().nextActions()).isEmpty();
    }

    @Test
    void revenueWithoutPreviousRevenueProposesNoScaling() {
        steady();
        order(T0 + 3 * DAY, "150", "source", Map.of("source", "google"));
        assertThat(health().nextActions()).isEmpty();
    }

    // ---- missing_proof / attach_proof -----------------------------------------------------------

    @Test
    void authorityBoundEventsWithoutProofAreMissingProof() {
        steady();
        events.add(ev("refund.approved", T0 + DAY, "trustTier", "T3"));
        events.add(ev("decision.proposed", T0 + DAY, "decisionId", "d1"));
        events.add(ev("shipment.released", T0 + DAY, "trustTier", "T4", "proofId", "p1"));
        BusinessHealth h = health();
        assertThat(h.alerts()).containsExactly(new BusinessHealth.Alert("warning", "missing_proof",
                "2 authority-bound or decision events have no proof attached.", null));
        assertThat(h.nextActions()).containsExactly(new NextAction("attach_proof",
                "Export a proof trail for the events without proof",
                "2 T3/T4 or decision events have neither a proofId nor a receipt; see missing_proof.", "medium", false, null));
    }

    @Test
    void provenT3EventsAndUnprovenT2EventsAreNotMissingProof() {
        steady();
        events.add(ev("refund.approved", T0 + DAY, "trustTier", "T3", "proofId", "p1"));
        events.add(ev("note.added", T0 + DAY, "trustTier", "T2"));
        BusinessHealth h = health();
        assertThat(h.alerts()).isEmpty();
        assertThat(h.nextActions()).isEmpty();
    }

    // ---- anomaly / look_into_… ------------------------------------------------------------------

    /**
     * One scan in every hour of the period, and {@code extra} more in the hour from T0 + 3 days 12:00.
     * With 5 more, the median is 1 and the MAD 0, so the mean absolute deviation 5 / 168 × 1.2533
     * replaces it: score 0.6745 × 5 / 0.0373 = 90.4, a warning (|score| ≥ 7).
     */
    void hourlyScansWithASpike(int extra) {
        for (int hour = 0; hour < 7 * 24; hour++) {
            events.add(ev("qr.scanned", T0 + hour * HOUR + 10 * MIN));
        }
        for (int i = 0; i < extra; i++) {
            events.add(ev("qr.scanned", T0 + 3 * DAY + 12 * HOUR + i * 1000));
        }
    }

    @Test
    void aSpikeOfFiveOrMoreFarFromTheMedianIsAnAnomaly() {
        hourlyScansWithASpike(5);
        BusinessHealth h = health();
        long at = T0 + 3 * DAY + 12 * HOUR;
        String what = "Spike in qr.scanned: 6 in the hour from 2026-11-05 12:00 UTC (median 1.0, score 90.4)";
        assertThat(h.alerts()).containsExactly(new BusinessHealth.Alert("warning", "anomaly", what + ".", at));
        assertThat(h.nextActions()).containsExactly(new NextAction("look_into_qr.scanned_" + at,
                "Look into the spike in qr.scanned", what + ".", "low", false, null));
    }

    @Test
    void aSpikeOfFourIsNotAnAnomaly() {
        hourlyScansWithASpike(4);
        BusinessHealth h = health();
        assertThat(h.alerts()).isEmpty();
        assertThat(h.nextActions()).isEmpty();
    }

    @Test
    void anAnomalyWithAScoreUnder7IsInfo() {
        // hourly counts alternate 2 and 4 (median 3, MAD 1); one hour holds 10: score 0.6745 × 7 = 4.7
        for (int hour = 0; hour < 7 * 24; hour++) {
            int n = hour == 81 ? 10 : hour % 2 == 0 ? 2 : 4;
            for (int i = 0; i < n; i++) {
                events.add(ev("qr.scanned", T0 + hour * HOUR + i * MIN));
            }
        }
        BusinessHealth h = health();
        assertThat(h.alerts()).extracting(BusinessHealth.Alert::severity, BusinessHealth.Alert::message)
                .containsExactly(tuple("info",
                        "Spike in qr.scanned: 10 in the hour from 2026-11-05 09:00 UTC (median 3.0, score 4.7)."));
    }

    // ---- the score: components without data ---------------------------------------------------

    static Map<String, Object> byName(BusinessHealth h) {
        Map<String, Object> out = new LinkedHashMap<>();
        h.components().forEach(c -> out.put(c.name(), c.hasData() ? c.score() : c.explanation()));
        return out;
    }

    @Test
    void anEmptyBusinessHasNoScoreAndEveryComponentSaysWhy() {
        BusinessHealth h = health();
        assertThat(h.healthScore()).isNull();
        assertThat(byName(h)).containsExactly(
                Map.entry("freshness", "no data: no event up to the period's end; 100 when the newest is under 1 h"
                        + " old, falling to 0 at 72 h"),
                Map.entry("activity trend", "no data: no events in the previous period to compare with"),
                Map.entry("revenue trend", "no data: no revenue in either period"),
                Map.entry("proof coverage", "no data: no T3/T4 or decision events in the period, so nothing needs"
                        + " proof"),
                Map.entry("stability", "no data: no events in the period to look for anomalies in"));
        assertThat(h.governance()).isEqualTo(BusinessHealth.GOVERNANCE_NOT_SET_UP);
    }

    /** The worked example of docs/analytics.md, "Business health". */
    @Test
    void theScoreIsTheMeanOfTheComponentsThatHaveData() {
        views(4, T0 - 7 * DAY, T0 - DAY);
        views(2, T0, T0 + 2 * DAY);
        order(END - 2 * HOUR, "50");
        BusinessHealth h = health();
        assertThat(h.components()).extracting(BusinessHealth.Component::name, BusinessHealth.Component::score,
                        BusinessHealth.Component::value)
                .containsExactly(
                        tuple("freshness", 99, "newest event 2 h before the period's end"),
                        tuple("activity trend", 75, "3 events vs 4 in the previous period"),
                        tuple("revenue trend", null, "50.00 vs 0.00 in the previous period"),
                        tuple("proof coverage", null, "0 of 0 T3/T4 or decision events carry a proofId or have a receipt"),
                        tuple("stability", 100, "0 anomalous hourly counts"));
        assertThat(byName(h)).containsEntry("revenue trend",
                "no data: no revenue in the previous period to compare with");
        assertThat(h.healthScore()).as("(99 + 75 + 100) / 3 = 91.3").isEqualTo(91);
        assertThat(codes(h)).containsExactly("activity_drop");
    }

    @Test
    void agentContextNamesTheScoresBandOrSaysThereIsNoData() {
        AgentContext.Query q = new AgentContext.Query("summary", null, 10, T0, END);
        assertThat(api.agentContext(q).text()).contains("Health score: no data (nothing to measure).");
        steady();
        api.ingest(events);
        assertThat(api.agentContext(q).text()).contains("Health score 100 of 100 (good).");
    }

    @Test
    void aPeriodUnder10HoursHasNoStability() {
        events.add(ev("page.viewed", T0 + HOUR));
        api.ingest(events);
        BusinessHealth h = api.businessHealth("default", new BusinessHealth.Query(5, T0, T0 + 9 * HOUR - 1));
        assertThat(byName(h)).containsEntry("stability", "no data: anomalies are looked for in 10 or more hourly"
                + " counts");
    }
}
