package com.headlessanalytics.console.domain.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.domain.EventLimits;
import com.headlessanalytics.console.domain.EventValidator;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo generator: deterministic, valid, marked, realistic in mix and shape, and streaming. */
class DemoGeneratorTest {
    /** 2026-03-01T12:00:00Z, a Sunday. */
    private static final long NOW = Instant.parse("2026-03-01T12:00:00Z").toEpochMilli();
    private static final int EVENTS = 40_000;
    private static final long SEED = 42;

    private static DemoGenerator generator;
    private static Stats stats;

    @BeforeAll
    static void generateOnce() {
        generator = DemoGenerator.builder(NOW).events(EVENTS).seed(SEED).build();
        stats = new Stats(generator);
    }

    @Test
    void theSameSeedParametersAndEndGiveTheSameBytes() {
        DemoGenerator again = DemoGenerator.builder(NOW + 5_000).events(5_000).seed(7).end(NOW).build();
        DemoGenerator first = DemoGenerator.builder(NOW).events(5_000).seed(7).build();
        Iterator<Map<String, Object>> a = first.iterator();
        Iterator<Map<String, Object>> b = again.iterator();
        Iterator<Map<String, Object>> c = first.iterator();
        int n = 0;
        while (a.hasNext()) {
            String json = json(a.next());
            assertThat(json(b.next())).isEqualTo(json);
            assertThat(json(c.next())).isEqualTo(json);
            n++;
        }
        assertThat(n).isEqualTo(5_000);
        assertThat(b.hasNext()).isFalse();
        assertThat(first.stream().map(DemoGeneratorTest::json).toList())
                .isEqualTo(again.stream().map(DemoGeneratorTest::json).toList());
    }

    @Test
    void differentSeedsGiveDifferentData() {
        List<String> one = DemoGenerator.builder(NOW).events(2_000).seed(1).build().stream()
                .map(e -> e.get("event") + "@" + e.get("timestamp") + "/" + e.get("actor")).toList();
        List<String> two = DemoGenerator.builder(NOW).events(2_000).seed(2).build().stream()
                .map(e -> e.get("event") + "@" + e.get("timestamp") + "/" + e.get("actor")).toList();
        int same = 0;
        for (int i = 0; i < one.size(); i++) {
            same += one.get(i).equals(two.get(i)) ? 1 : 0;
        }
        assertThat(same).isLessThan(20);
        assertThat(new HashSet<>(one)).doesNotContainAnyElementsOf(two);
    }

    @Test
    void everyEventPassesTheValidatorAndCarriesBothDemoMarks() {
        assertThat(stats.count).isEqualTo(EVENTS);
        assertThat(stats.invalid).isEmpty();
        assertThat(stats.largestBytes).isLessThan(EventLimits.MAX_EVENT_BYTES / 16);
        assertThat(stats.unmarked).isZero();
        assertThat(stats.businesses).containsExactly("default");
    }

    @Test
    void idsAreUniqueAndDerivedFromSeedAndPosition() {
        assertThat(stats.ids).hasSize(EVENTS);
        assertThat(stats.ids).contains(DemoGenerator.eventId(SEED, 0), DemoGenerator.eventId(SEED, EVENTS - 1));
        assertThat(DemoGenerator.eventId(SEED, 7)).isEqualTo("demo-42-0000000007");
        assertThat(stats.idsInOrder).isTrue();
    }

    @Test
    void timestampsStayInTheRangeInOrderAndNeverAfterNow() {
        assertThat(generator.to()).isEqualTo(NOW);
        assertThat(generator.from()).isEqualTo(NOW - 28 * Timeline.DAY);
        assertThat(stats.earliest).isGreaterThanOrEqualTo(generator.from());
        assertThat(stats.latest).isLessThanOrEqualTo(NOW);
        assertThat(stats.timeOrdered).isTrue();
        assertThat(stats.perDay).hasSize(29);

        long from = Instant.parse("2025-06-01T00:00:00Z").toEpochMilli();
        long to = Instant.parse("2025-06-03T00:00:00Z").toEpochMilli();
        DemoGenerator range = DemoGenerator.builder(NOW).events(3_000).seed(3).range(from, to).build();
        assertThat(range.stream().mapToLong(e -> (Long) e.get("timestamp")))
                .allMatch(t -> t >= from && t <= to);
    }

    @Test
    void theFunnelNarrowsFromSessionsToViewsToOrders() {
        Map<String, Integer> names = stats.names;
        assertThat(stats.customerSessions).isGreaterThan(stats.sessionsWithProductView);
        assertThat(stats.sessionsWithProductView).isGreaterThan(names.get("cart.item_added"));
        assertThat(names.get("page.product_viewed")).isGreaterThan(names.get("cart.item_added"));
        assertThat(names.get("cart.item_added")).isGreaterThan(names.get("order.created"));
        assertThat(names.get("checkout.started")).isGreaterThan(names.get("order.created"));
        double conversion = (double) names.get("order.created") / stats.customerSessions;
        assertThat(conversion).isBetween(0.015, 0.06);
        assertThat(names.get("payment.succeeded")).isBetween(names.get("order.created") * 9 / 10, names.get("order.created"));
        assertThat(names).containsKeys("qr.bottle_scanned", "page.viewed", "payment.failed", "lead.created",
                "lead.qualified", "agent.run_started", "agent.run_completed", "decision.proposed", "budget.changed");
        assertThat(names.get("lead.created")).isGreaterThan(names.get("lead.qualified"));
    }

    @Test
    void ordersCarryRevenueAsDecimalStringsAndPaymentsInMinorUnits() {
        assertThat(stats.ordersWithoutRevenue).isZero();
        assertThat(stats.paymentsWithoutMinorUnits).isZero();
        assertThat(stats.revenueCents).isGreaterThan(0);
        assertThat(stats.revenueCents / stats.names.get("order.created")).isBetween(1_500L, 12_000L);
    }

    @Test
    void touchpointsSpanChannelsAndCampaignsWithinTheirDates() {
        assertThat(stats.channels.keySet()).containsExactlyInAnyOrder("direct", "organic", "search", "paid_social",
                "email", "referral", "qr");
        assertThat(stats.campaigns.keySet()).contains("spring-launch", "flash-sale", "weekly-newsletter",
                "cart-recovery", "retargeting", "brand-search", "bottle-qr");
        Timeline t = generator.timeline();
        assertThat(stats.springLaunchTimes).allMatch(t.springLaunch::runs);
        assertThat(stats.flashSaleTimes).isNotEmpty().allMatch(t.flashSale::runs);
        assertThat(stats.qrScansWellFormed).isTrue();
        assertThat(stats.touchpointsAfterFirstEventOfSession).isZero();
    }

    @Test
    void agentRunsAndDecisionsAreThereWithTheirTrustTiers() {
        assertThat(stats.names.get("agent.run_started")).isEqualTo(stats.names.get("agent.run_completed"));
        assertThat(stats.agentEventsWithoutAgentActor).isZero();
        assertThat(stats.tiers).containsKeys("T1", "T2", "T3", "T4");
        assertThat(stats.highTierWithoutDecision).isZero();
        assertThat(stats.decisionIds.size()).isBetween(3, stats.names.get("agent.run_started"));
        assertThat(stats.t4WithoutProof).isGreaterThan(0).isLessThan(stats.tiers.get("T4"));
    }

    @Test
    void agentRunsCarrySpendAndWorkflowRunsFollowTheConventions() {
        Map<String, String> stateOfRun = new HashMap<>();
        Map<String, String> workflowOfRun = new HashMap<>();
        Map<String, Integer> states = new TreeMap<>();
        long completions = 0;
        long badSpend = 0;
        long badWorkflowEvents = 0;
        for (Map<String, Object> e : generator) {
            String name = (String) e.get("event");
            Map<?, ?> p = (Map<?, ?>) e.get("properties");
            if (name.equals("agent.run_completed")) {
                completions++;
                if (!(p.get("costUsd") instanceof String cost && cost.matches("\\d+\\.\\d{6}")
                        && p.get("inputTokens") instanceof Long in && in > 0
                        && p.get("outputTokens") instanceof Long out && out > 0)) {
                    badSpend++;
                }
            }
            if (!name.startsWith("workflow.")) {
                continue;
            }
            String run = (String) p.get("runId");
            String workflow = (String) p.get("workflowId");
            boolean wellFormed = run != null && run.equals(e.get("traceId")) && workflow != null
                    && (name.equals("workflow.run_started") ? workflowOfRun.put(run, workflow) == null
                    : workflow.equals(workflowOfRun.get(run)) && "running".equals(stateOfRun.get(run)));
            switch (name) {
                case "workflow.run_started" -> stateOfRun.put(run, "running");
                case "workflow.step_completed" -> wellFormed &= p.get("step") instanceof String;
                case "workflow.run_completed" -> stateOfRun.put(run, "completed");
                case "workflow.run_failed" -> {
                    wellFormed &= p.get("error") instanceof String;
                    stateOfRun.put(run, "failed");
                }
                case "workflow.run_cancelled" -> stateOfRun.put(run, "cancelled");
                default -> wellFormed = false;
            }
            badWorkflowEvents += wellFormed ? 0 : 1;
        }
        stateOfRun.values().forEach(state -> states.merge(state, 1, Integer::sum));
        assertThat(completions).isEqualTo((long) stats.names.get("agent.run_completed"));
        assertThat(badSpend).isZero();
        assertThat(badWorkflowEvents).isZero();
        assertThat(new HashSet<>(workflowOfRun.values())).containsExactlyInAnyOrder("order_fulfillment",
                "lead_nurture");
        assertThat(states).containsOnlyKeys("running", "completed", "failed", "cancelled");
        assertThat(states.get("completed")).isGreaterThan(states.get("failed") + states.get("cancelled")
                + states.get("running"));
    }

    @Test
    void weekendsAreQuieterAndEveningsBusierThanNights() {
        assertThat(stats.weekendPerDay()).isLessThan(0.85 * stats.weekdayPerDay());
        assertThat(stats.byUtcHour[20]).isGreaterThan(3 * stats.byUtcHour[3]);
    }

    @Test
    void activityIsLongTailedAcrossActors() {
        List<Integer> sessions = new ArrayList<>(stats.sessionsPerActor.values());
        sessions.sort(Collections.reverseOrder());
        long total = sessions.stream().mapToLong(Integer::longValue).sum();
        long top = sessions.subList(0, sessions.size() / 100).stream().mapToLong(Integer::longValue).sum();
        long once = sessions.stream().filter(s -> s == 1).count();
        assertThat((double) top / total).isGreaterThan(0.05);
        assertThat((double) once / sessions.size()).isGreaterThan(0.4);
        assertThat(sessions.get(0)).isGreaterThan(10);
    }

    @Test
    void sessionsTakeMinutesAndFunnelsCanTakeDays() {
        List<Long> gaps = new ArrayList<>(stats.inSessionGaps);
        Collections.sort(gaps);
        assertThat(gaps.get(gaps.size() / 2)).isBetween(10_000L, 5 * 60_000L);
        assertThat(stats.ordersDaysAfterFirstView).isGreaterThan(0);
        assertThat(stats.sessionsAcrossActors).isZero();
    }

    @Test
    void trafficSpikesStandOutFromTheHourlyMedian() {
        List<Integer> hourly = new ArrayList<>(stats.perHour.values());
        Collections.sort(hourly);
        assertThat(hourly.get(hourly.size() - 1)).isGreaterThan(3 * hourly.get(hourly.size() / 2));
        assertThat(generator.timeline().spikes).hasSize(3);
    }

    @Test
    void streamingTwoHundredThousandEventsKeepsMemoryFlat() {
        DemoRun run = (DemoRun) DemoGenerator.builder(NOW).events(200_000).seed(5).build().iterator();
        for (int i = 0; i < 20_000; i++) {
            run.next();
        }
        long before = usedHeapAfterGc();
        long n = 20_000;
        while (run.hasNext()) {
            run.next();
            n++;
        }
        long after = usedHeapAfterGc();
        assertThat(n).isEqualTo(200_000);
        assertThat(after - before).isLessThan(32L << 20);
        assertThat(run.maxPending()).isLessThan(1_000);

        DemoRun huge = (DemoRun) DemoGenerator.builder(NOW).events(10_000_000).seed(5).build().iterator();
        huge.next();
        assertThat(huge.maxPending()).isLessThan(100);
    }

    @Test
    void batchesCountsAndParameters() {
        List<Integer> sizes = new ArrayList<>();
        DemoGenerator.builder(NOW).events(2_500).build().forEachBatch(1_000, b -> sizes.add(b.size()));
        assertThat(sizes).containsExactly(1_000, 1_000, 500);
        assertThat(DemoGenerator.builder(NOW).events(0).build().iterator().hasNext()).isFalse();
        assertThat(DemoGenerator.builder(NOW).events(1).build().stream().count()).isEqualTo(1);
        assertThat(DemoGenerator.builder(NOW).events(50).businessId("shop.eu").build().stream())
                .allMatch(e -> e.get("businessId").equals("shop.eu"));
        assertThat(DemoGenerator.builder(NOW).events(10).days(3).build().from()).isEqualTo(NOW - 3 * Timeline.DAY);

        assertThatThrownBy(() -> DemoGenerator.builder(NOW).end(NOW + 1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after now");
        assertThatThrownBy(() -> DemoGenerator.builder(NOW).range(NOW, NOW - 1).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DemoGenerator.builder(NOW).days(0).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DemoGenerator.builder(NOW).events(-1).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DemoGenerator.builder(NOW).businessId("a b").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void demoMarksAreRecognised() {
        Map<String, Object> event = generator.iterator().next();
        assertThat(DemoGenerator.isDemo(event)).isTrue();
        assertThat(event.get("context")).isEqualTo(Map.of("dataset", "headless-demo", "seed", SEED));
        assertThat(DemoGenerator.isDemo(Map.of("event", "order.created", "properties", Map.of("demo", true)))).isFalse();
        assertThat(DemoGenerator.isDemo(EventValidator.validate(null, event, 0, NOW, "default", "x").event())).isTrue();
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    static String json(Map<String, Object> event) {
        try {
            return ApiJson.mapper().writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Everything the tests look at, gathered in one streaming pass. */
    private static final class Stats {
        long count;
        final List<String> invalid = new ArrayList<>();
        int largestBytes;
        long unmarked;
        final Set<Object> businesses = new HashSet<>();
        final Set<String> ids = new HashSet<>();
        boolean idsInOrder = true;
        boolean timeOrdered = true;
        long earliest = Long.MAX_VALUE;
        long latest = Long.MIN_VALUE;
        final Map<String, Integer> names = new TreeMap<>();
        final Map<String, Integer> tiers = new TreeMap<>();
        final Map<String, Integer> channels = new TreeMap<>();
        final Map<String, Integer> campaigns = new TreeMap<>();
        final List<Long> springLaunchTimes = new ArrayList<>();
        final List<Long> flashSaleTimes = new ArrayList<>();
        boolean qrScansWellFormed = true;
        long touchpointsAfterFirstEventOfSession;
        final Set<String> customerTraces = new HashSet<>();
        final Set<String> viewTraces = new HashSet<>();
        long customerSessions;
        long sessionsWithProductView;
        long ordersWithoutRevenue;
        long paymentsWithoutMinorUnits;
        long revenueCents;
        long agentEventsWithoutAgentActor;
        long highTierWithoutDecision;
        long t4WithoutProof;
        final Set<String> decisionIds = new HashSet<>();
        final Map<Long, Integer> perDay = new TreeMap<>();
        final Map<Long, Integer> perHour = new TreeMap<>();
        final long[] byUtcHour = new long[24];
        final Map<String, Integer> sessionsPerActor = new HashMap<>();
        final Map<String, String> actorOfTrace = new HashMap<>();
        final Map<String, Long> lastInTrace = new HashMap<>();
        final List<Long> inSessionGaps = new ArrayList<>();
        final Map<String, Long> firstView = new HashMap<>();
        long ordersDaysAfterFirstView;
        long sessionsAcrossActors;

        Stats(DemoGenerator g) {
            long previous = Long.MIN_VALUE;
            for (Map<String, Object> e : g) {
                String json = json(e);
                largestBytes = Math.max(largestBytes, json.length());
                EventValidator.Outcome outcome = EventValidator.validate((int) count, e, json.length(), NOW, "default", "x");
                if (!outcome.valid()) {
                    invalid.add(json + " " + outcome.errors());
                }
                String id = (String) e.get("id");
                idsInOrder &= id.equals(DemoGenerator.eventId(SEED, count));
                ids.add(id);
                count++;
                unmarked += DemoGenerator.isDemo(e) ? 0 : 1;
                businesses.add(e.get("businessId"));
                long ts = (Long) e.get("timestamp");
                timeOrdered &= ts >= previous;
                previous = ts;
                earliest = Math.min(earliest, ts);
                latest = Math.max(latest, ts);
                ZonedDateTime utc = Instant.ofEpochMilli(ts).atZone(ZoneOffset.UTC);
                perDay.merge(utc.toLocalDate().toEpochDay(), 1, Integer::sum);
                perHour.merge(ts / Timeline.HOUR, 1, Integer::sum);
                byUtcHour[utc.getHour()]++;
                String name = (String) e.get("event");
                names.merge(name, 1, Integer::sum);
                String tier = (String) e.get("trustTier");
                tiers.merge(tier, 1, Integer::sum);
                if ((tier.equals("T3") || tier.equals("T4")) && e.get("decisionId") == null) {
                    highTierWithoutDecision++;
                }
                if (tier.equals("T4") && e.get("proofId") == null) {
                    t4WithoutProof++;
                }
                if (e.get("decisionId") instanceof String d) {
                    decisionIds.add(d);
                }
                touchpoints(e, ts);
                session(e, name, ts);
                money(e, name);
                if ((name.startsWith("agent.") || name.startsWith("decision.proposed"))
                        && !(e.get("actor") instanceof Map<?, ?> a && "ai_agent".equals(a.get("type")))) {
                    agentEventsWithoutAgentActor++;
                }
            }
            customerSessions = customerTraces.size();
            sessionsWithProductView = viewTraces.size();
        }

        private void touchpoints(Map<String, Object> e, long ts) {
            Map<?, ?> touch = e.get("attribution") instanceof Map<?, ?> a ? a : (Map<?, ?>) e.get("source");
            String name = (String) e.get("event");
            if (name.equals("qr.bottle_scanned")) {
                qrScansWellFormed &= e.get("source") instanceof Map<?, ?> s && "qr".equals(s.get("channel"))
                        && e.get("trackable") instanceof Map<?, ?> t && "qr_code".equals(t.get("kind"))
                        && t.get("code") instanceof String;
            }
            if (touch == null) {
                return;
            }
            if (lastInTrace.containsKey((String) e.get("traceId"))) {
                touchpointsAfterFirstEventOfSession++;
            }
            channels.merge((String) touch.get("channel"), 1, Integer::sum);
            if (touch.get("campaign") instanceof String c) {
                campaigns.merge(c, 1, Integer::sum);
                if (c.equals("spring-launch")) {
                    springLaunchTimes.add(ts);
                } else if (c.equals("flash-sale")) {
                    flashSaleTimes.add(ts);
                }
            }
        }

        private void session(Map<String, Object> e, String name, long ts) {
            String trace = (String) e.get("traceId");
            if (!(e.get("actor") instanceof Map<?, ?> actor) || !"customer".equals(actor.get("type"))
                    || !trace.startsWith("tr_")) {
                return;
            }
            String actorId = (String) actor.get("id");
            if (customerTraces.add(trace)) {
                sessionsPerActor.merge(actorId, 1, Integer::sum);
                actorOfTrace.put(trace, actorId);
            } else if (!actorId.equals(actorOfTrace.get(trace))) {
                sessionsAcrossActors++;
            }
            Long last = lastInTrace.put(trace, ts);
            if (last != null) {
                inSessionGaps.add(ts - last);
            }
            if (name.equals("page.product_viewed")) {
                viewTraces.add(trace);
                firstView.putIfAbsent(actorId, ts);
            }
            if (name.equals("order.created") && firstView.containsKey(actorId)
                    && ts - firstView.get(actorId) > Timeline.DAY) {
                ordersDaysAfterFirstView++;
            }
        }

        private void money(Map<String, Object> e, String name) {
            Map<?, ?> p = (Map<?, ?>) e.get("properties");
            if (name.equals("order.created")) {
                if (!(e.get("outcome") instanceof Map<?, ?> o) || !(o.get("revenue") instanceof String revenue)
                        || !revenue.matches("\\d+\\.\\d{2}") || !revenue.equals(p.get("amount"))
                        || !"USD".equals(p.get("currency"))) {
                    ordersWithoutRevenue++;
                    return;
                }
                revenueCents += Long.parseLong(revenue.replace(".", ""));
            }
            if (name.startsWith("payment.") && (!(p.get("amountMinor") instanceof Long) || p.containsKey("amount"))) {
                paymentsWithoutMinorUnits++;
            }
        }

        double weekendPerDay() {
            return perDay(true);
        }

        double weekdayPerDay() {
            return perDay(false);
        }

        /** Average events per full UTC day, weekends or weekdays (the partial first and last days left out). */
        private double perDay(boolean weekend) {
            List<Long> days = new ArrayList<>(perDay.keySet());
            long sum = 0;
            int n = 0;
            for (Long day : days.subList(1, days.size() - 1)) {
                DayOfWeek dow = java.time.LocalDate.ofEpochDay(day).getDayOfWeek();
                if ((dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY) == weekend) {
                    sum += perDay.get(day);
                    n++;
                }
            }
            return (double) sum / n;
        }
    }
}
