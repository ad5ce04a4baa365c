package com.headlessanalytics.console.domain.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * One pass over a demo dataset. Sessions are generated in order of their start time, each placed
 * where the traffic curve says the share of events generated so far should have happened; their
 * events wait in a small queue until no later session can start before them, so the output is in
 * (timestamp, generation) order. Memory is one byte per actor plus the sessions still open.
 */
final class DemoRun implements Iterator<Map<String, Object>> {
    // Per-actor state, one byte each.
    private static final int CARTED = 1;
    private static final int CUSTOMER = 2;
    private static final int LEAD = 4;
    private static final int QUALIFIED = 8;

    private static final String CURRENCY = "USD";
    private static final String[] SKUS = {"olive-oil-500ml", "olive-oil-1l", "chili-oil-250ml", "balsamic-250ml",
        "gift-box", "tasting-set", "herb-salt-200g", "lemon-oil-250ml", "refill-pouch-1l", "pesto-jar",
        "bread-dipping-kit", "olive-oil-3l-tin"};
    /** Names, by SKU. */
    private static final String[] PRODUCT_NAMES = {"Olive oil 500 ml", "Olive oil 1 l", "Chili oil 250 ml",
        "Balsamic vinegar 250 ml", "Gift box", "Tasting set", "Herb salt 200 g", "Lemon oil 250 ml",
        "Refill pouch 1 l", "Pesto jar", "Bread dipping kit", "Olive oil 3 l tin"};
    /** Categories, by SKU. */
    private static final String[] CATEGORIES = {"oils", "oils", "oils", "vinegars", "gifts", "gifts", "pantry",
        "oils", "refills", "pantry", "gifts", "oils"};
    /** Prices in cents, by SKU. */
    private static final long[] PRICES = {1850, 3200, 1290, 1450, 4990, 3900, 890, 1390, 2790, 990, 2450, 7400};
    private static final String[] LANDING_PATHS = {"/", "/collections/olive-oils", "/journal/harvest-notes",
        "/collections/gifts", "/pages/our-grove"};
    private static final String[] CHANNELS = {"direct", "organic", "search", "paid_social", "email", "referral", "qr"};
    private static final String[][] AGENTS = {
        {"agent_lead_scorer", "Lead scorer", "score new leads"},
        {"agent_inventory", "Inventory forecaster", "forecast stock for the next 14 days"},
        {"agent_campaign_optimizer", "Campaign optimizer", "rebalance ad budgets"},
        {"agent_support_triage", "Support triage", "triage support tickets"}};
    private static final double[] AGENT_WEIGHTS = {0.35, 0.20, 0.25, 0.20};
    private static final String[] OPERATORS = {"ops_ana", "ops_ben", "ops_chloe"};
    private static final String[] OPERATOR_NAMES = {"Ana Sousa", "Ben Carter", "Chloe Martin"};
    /** Where bottles are scanned: id, name, city, country, kind. */
    private static final String[][] LOCATIONS = {
        {"loc_lisbon_shop", "Lisbon shop", "Lisbon", "PT", "shop"},
        {"loc_porto_market", "Porto market stall", "Porto", "PT", "market"},
        {"loc_madrid_deli", "Madrid deli", "Madrid", "ES", "partner"},
        {"loc_berlin_store", "Berlin concept store", "Berlin", "DE", "partner"},
        {"loc_grove", "The grove farm shop", "Évora", "PT", "shop"}};
    private static final String[] FIRST_NAMES = {"Ada", "Bruno", "Carla", "Diego", "Elena", "Farah", "Gustav",
        "Hana", "Ines", "Jonas", "Keiko", "Luca", "Maya", "Nuno", "Olga", "Pedro", "Quinn", "Rosa", "Sami", "Tara",
        "Umar", "Vera", "Wen", "Yara", "Zoe"};
    private static final String[] LAST_NAMES = {"Almeida", "Becker", "Costa", "Dubois", "Evans", "Ferreira",
        "Garcia", "Hansen", "Ito", "Jensen", "Kowalski", "Lopes", "Moreau", "Novak", "Oliveira", "Pereira",
        "Rossi", "Silva", "Tanaka", "Weber"};
    private static final String[] WORKFLOW_NAMES = {"Order fulfillment", "Lead nurture"};
    /** Workflows: id, their steps in order, the errors a failed run reports, why a run is cancelled. */
    private static final String[][][] WORKFLOWS = {
        {{"order_fulfillment"}, {"reserve_stock", "pick", "pack", "ship"},
            {"carrier rejected the address", "out of stock: olive-oil-3l-tin", "label printer offline"},
            {"customer cancelled the order"}},
        {{"lead_nurture"}, {"send_welcome", "send_recipes", "score_engagement"},
            {"mail provider bounced the message", "lead has no email address"},
            {"lead unsubscribed"}}};
    private static final double[] WORKFLOW_WEIGHTS = {0.6, 0.4};
    /** Per workflow: the chance a run fails, is cancelled, or is left running; it completes otherwise. */
    private static final double[][] WORKFLOW_ENDS = {{0.06, 0.04, 0.03}, {0.05, 0.10, 0.05}};
    private static final String[] PAYMENT_METHODS = {"card", "card", "card", "paypal", "apple_pay"};

    // Salts that keep the derived id sequences of one seed apart.
    private static final long ACTOR_SALT = 0xAC70L;
    private static final long SESSION_SALT = 0x5E55L;
    private static final long ORDER_SALT = 0x0DE2L;
    private static final long RUN_SALT = 0x2C1AL;
    private static final long DECISION_SALT = 0xDEC1L;
    private static final long PROOF_SALT = 0x9200FL;
    private static final long LEAD_SALT = 0x1EADL;
    private static final long WORKFLOW_SALT = 0xF10EL;
    // Salts of names and places: hashed from ids, never drawn, so every other field stays as it was.
    private static final long NAME_SALT = 0x4A3EL;
    private static final long LOCATION_SALT = 0x10CAL;
    private static final long CATALOG_SALT = 0xCA7AL;
    /** One product view in this many carries the product's catalog entry (name, price, category). */
    private static final int CATALOG_EVERY = 10;

    private record Pending(long time, long order, Map<String, Object> event) {
    }

    private final long total;
    private final long seed;
    private final long to;
    private final String businessId;
    private final Timeline timeline;
    private final SplittableRandom random;
    /** Draws for workflow runs and agent spend, apart from {@link #random}. */
    private final SplittableRandom flows;
    private final PriorityQueue<Pending> pending = new PriorityQueue<>(
            Comparator.comparingLong(Pending::time).thenComparingLong(Pending::order));
    private final byte[] actorState;
    private final double zipfShift;
    private final double[] productWeights;

    private long scheduled;
    private long emitted;
    private long nextStart;
    private long sessions;
    private long orders;
    private long runs;
    private long workflowRuns;
    private long decisions;
    private long leads;
    private int maxPending;

    DemoRun(DemoGenerator generator) {
        total = generator.events();
        seed = generator.seed();
        to = generator.to();
        businessId = generator.businessId();
        timeline = generator.timeline();
        random = new SplittableRandom(mix64(seed ^ 0x5EEDL));
        flows = new SplittableRandom(mix64(seed ^ 0xF10E5L));
        // One actor per three events, drawn Zipf-like: a few regulars, a long tail of one-time visitors.
        int actors = (int) Math.max(20, Math.min(5_000_000, total / 3));
        actorState = new byte[actors];
        zipfShift = Math.max(1, actors / 60.0);
        productWeights = new double[SKUS.length];
        double sum = 0;
        for (int i = 0; i < SKUS.length; i++) {
            sum += 1.0 / (i + 1);
            productWeights[i] = sum;
        }
        nextStart = timeline.timeAt(0);
    }

    @Override
    public boolean hasNext() {
        return emitted < total;
    }

    @Override
    public Map<String, Object> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        while (scheduled < total && (pending.isEmpty() || pending.peek().time() > nextStart)) {
            long start = nextStart;
            if (random.nextDouble() < 0.03) {
                agentRun(start);
            } else if (flows.nextDouble() < 0.01) {
                workflowRun(start);
            } else {
                customerSession(start);
            }
            nextStart = Math.max(start, timeline.timeAt((double) scheduled / total));
            maxPending = Math.max(maxPending, pending.size());
        }
        Map<String, Object> event = pending.poll().event();
        event.put("id", DemoGenerator.eventId(seed, emitted++));
        return event;
    }

    /** The most events that waited in the queue at once (for tests of bounded memory). */
    int maxPending() {
        return maxPending;
    }

    // ---- customer sessions ----

    /** One visit: a landing touchpoint, product views, maybe a cart, a checkout, an order, a lead. */
    private void customerSession(long start) {
        sessions++;
        int actor = actor();
        int state = actorState[actor];
        String[] touch = touch(start, state);
        Session s = new Session(start, actor, "tr_" + key(SESSION_SALT, sessions), touch);
        boolean flash = timeline.flashSale.runs(start);
        boolean recovering = (state & CARTED) != 0 && random.nextDouble() < ("cart-recovery".equals(touch[3]) ? 0.6 : 0.15);
        String sku = product();
        List<String> cart = new ArrayList<>();
        if (touch[0].equals("qr")) {
            scan(s, sku);
            if (random.nextDouble() < 0.45) {
                maybeLead(s);
                return;
            }
        } else if (recovering) {
            page(s, "/cart");
            cart.add(product());
            checkout(s, cart, flash, 0.7);
            return;
        } else if (random.nextDouble() < 0.4) {
            page(s, LANDING_PATHS[random.nextInt(LANDING_PATHS.length)]);
            if (random.nextDouble() < 0.4) {
                maybeLead(s);
                return;
            }
        }
        List<String> viewed = new ArrayList<>();
        viewed.add(sku);
        while (viewed.size() < 6 && random.nextDouble() < 0.45) {
            viewed.add(product());
        }
        for (String v : viewed) {
            productView(s, v);
        }
        double cartChance = 0.09 * (flash ? 1.6 : 1) * ("email".equals(touch[0]) ? 1.3 : 1);
        if (random.nextDouble() < cartChance) {
            cart.add(viewed.get(random.nextInt(viewed.size())));
            String second = viewed.get(random.nextInt(viewed.size()));
            if (random.nextDouble() < 0.3 && !cart.contains(second)) {
                cart.add(second);
            }
            for (String item : cart) {
                Map<String, Object> e = s.event("cart.item_added", gap());
                e.put("object", ref("product", item));
                s.schedule(e, "T1", props("sku", item, "quantity", 1, "price", money(price(item))));
            }
            actorState[actor] |= CARTED;
            if (random.nextDouble() < (flash ? 0.6 : 0.5)) {
                checkout(s, cart, flash, 0.65);
                return;
            }
        }
        maybeLead(s);
    }

    private void scan(Session s, String sku) {
        Map<String, Object> e = s.event("qr.bottle_scanned", 0);
        e.put("object", ref("product", sku));
        Map<String, Object> trackable = new LinkedHashMap<>();
        trackable.put("kind", "qr_code");
        int lot = 2501 + random.nextInt(6);
        trackable.put("code", "qr-" + sku + "-l" + lot);
        e.put("trackable", trackable);
        Map<String, Object> location = location(sku);
        if (location != null) {
            e.put("entity", location);
        }
        s.schedule(e, "T1", props("sku", sku, "lot", "L" + lot));
    }

    private void page(Session s, String path) {
        s.schedule(s.event("page.viewed", 0), "T1", props("path", path));
    }

    private void productView(Session s, String sku) {
        Map<String, Object> e = s.event("page.product_viewed", s.started ? gap() : 0);
        e.put("object", ref("product", sku));
        if (Long.remainderUnsigned(mix64(seed ^ CATALOG_SALT ^ mix64(sessions * SKUS.length + index(sku))),
                CATALOG_EVERY) == 0) {
            Map<String, Object> entity = ref("product", sku);
            entity.put("name", PRODUCT_NAMES[index(sku)]);
            entity.put("properties", props("price", money(price(sku)), "category", CATEGORIES[index(sku)]));
            e.put("entity", entity);
        }
        s.schedule(e, "T1", props("sku", sku, "price", money(price(sku))));
    }

    /** Checkout, then an order and its payment with the given chance; an open cart stays open otherwise. */
    private void checkout(Session s, List<String> cart, boolean flash, double orderChance) {
        s.schedule(s.event("checkout.started", gap()), "T1", props("items", cart.size()));
        if (random.nextDouble() >= orderChance) {
            return;
        }
        orders++;
        String orderId = "ord_" + key(ORDER_SALT, orders);
        List<Map<String, Object>> items = new ArrayList<>();
        long subtotal = 0;
        for (String sku : cart) {
            int quantity = random.nextDouble() < 0.2 ? 2 : 1;
            subtotal += price(sku) * quantity;
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("sku", sku);
            item.put("quantity", quantity);
            item.put("price", money(price(sku)));
            items.add(item);
        }
        long discount = flash ? subtotal / 5 : 0;
        long shipping = subtotal - discount < 5000 ? 490 : 0;
        long amount = subtotal - discount + shipping;
        Map<String, Object> order = s.event("order.created", gap());
        named(order, s.actor);
        order.put("object", ref("order", orderId));
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("revenue", money(amount));
        outcome.put("currency", CURRENCY);
        order.put("outcome", outcome);
        Map<String, Object> p = props("orderId", orderId, "amount", money(amount), "currency", CURRENCY);
        p.put("items", items);
        if (discount > 0) {
            p.put("discount", money(discount));
        }
        if (shipping > 0) {
            p.put("shipping", money(shipping));
        }
        s.schedule(order, "T2", p);
        actorState[s.actor] = (byte) ((actorState[s.actor] | CUSTOMER) & ~CARTED);
        // Payments carry integer minor units, so health revenue counts each sale once (from the order).
        String method = PAYMENT_METHODS[random.nextInt(PAYMENT_METHODS.length)];
        if (random.nextDouble() < 0.04) {
            Map<String, Object> failed = props("orderId", orderId, "amountMinor", amount, "currency", CURRENCY);
            failed.put("method", method);
            failed.put("reason", "card_declined");
            s.schedule(s.event("payment.failed", 2_000 + random.nextInt(18_000)), "T2", failed);
            if (random.nextDouble() >= 0.7) {
                return;
            }
            s.t += Timeline.MINUTE + random.nextInt(5 * 60_000);
        }
        Map<String, Object> paid = props("orderId", orderId, "amountMinor", amount, "currency", CURRENCY);
        paid.put("method", method);
        paid.put("provider", "stripe");
        s.schedule(s.event("payment.succeeded", 2_000 + random.nextInt(18_000)), "T2", paid);
    }

    private void maybeLead(Session s) {
        if ((actorState[s.actor] & LEAD) != 0 || random.nextDouble() >= 0.035) {
            return;
        }
        leads++;
        Map<String, Object> p = props("leadId", "lead_" + key(LEAD_SALT, leads),
                "form", random.nextDouble() < 0.8 ? "newsletter" : "wholesale_inquiry");
        Map<String, Object> lead = s.event("lead.created", gap());
        named(lead, s.actor);
        s.schedule(lead, "T1", p);
        actorState[s.actor] |= LEAD;
    }

    /** Where a visit came from: {channel, source, medium, campaign or null}. */
    private String[] touch(long t, int state) {
        Timeline.Spike spike = timeline.spikeAt(t);
        if (spike != null && random.nextDouble() < 0.7) {
            return new String[] {spike.channel(), spike.source(), spike.channel(), null};
        }
        if ((state & CARTED) != 0 && random.nextDouble() < 0.25) {
            return new String[] {"email", "klaviyo", "email", "cart-recovery"};
        }
        boolean spring = timeline.springLaunch.runs(t);
        boolean flash = timeline.flashSale.runs(t);
        boolean newsletter = Timeline.newsletterMorning(t);
        double[] w = {0.22, 0.20, 0.14, 0.14, 0.10, 0.08, 0.12};
        if ((state & CUSTOMER) != 0) {
            w[6] += 0.25;
        }
        if (spring) {
            w[3] += 0.08;
            w[4] += 0.04;
        }
        if (flash) {
            w[3] += 0.10;
            w[4] += 0.10;
        }
        if (newsletter) {
            w[4] += 0.60;
        }
        String channel = CHANNELS[pick(w)];
        return switch (channel) {
            case "direct" -> new String[] {"direct", "(direct)", "(none)", null};
            case "organic" -> new String[] {"organic", oneOf(0.7, "google", 0.5, "bing", "duckduckgo"), "organic", null};
            case "search" -> new String[] {"search", random.nextDouble() < 0.8 ? "google" : "bing", "cpc",
                flash && random.nextDouble() < 0.5 ? "flash-sale" : "brand-search"};
            case "paid_social" -> new String[] {"paid_social", oneOf(0.5, "instagram", 0.6, "facebook", "tiktok"),
                "paid_social", flash && random.nextDouble() < 0.6 ? "flash-sale"
                : spring && random.nextDouble() < 0.6 ? "spring-launch" : "retargeting"};
            case "email" -> new String[] {"email", "klaviyo", "email", newsletter ? "weekly-newsletter"
                : flash && random.nextDouble() < 0.6 ? "flash-sale"
                : spring && random.nextDouble() < 0.5 ? "spring-launch" : "weekly-newsletter"};
            case "referral" -> new String[] {"referral", oneOf(0.5, "foodblog.example", 0.5, "recipes.example",
                "giftguide.example"), "referral", null};
            default -> new String[] {"qr", "bottle_label", "packaging", "bottle-qr"};
        };
    }

    // ---- agents and decisions ----

    /** An AI agent run; the lead scorer qualifies leads, the campaign optimizer sometimes proposes a decision. */
    private void agentRun(long start) {
        runs++;
        String[] agent = AGENTS[pick(AGENT_WEIGHTS)];
        String runId = "run_" + key(RUN_SALT, runs);
        Session s = new Session(start, -1, runId, null);
        Map<String, Object> started = s.event("agent.run_started", 0, agentActor(agent));
        s.schedule(started, "T1", props("runId", runId, "agent", agent[0], "task", agent[2]));
        if (agent[0].equals("agent_lead_scorer")) {
            for (int attempt = 0; attempt < 8; attempt++) {
                int actor = actor();
                if ((actorState[actor] & (LEAD | QUALIFIED)) == LEAD) {
                    Map<String, Object> e = s.event("lead.qualified", gap(), customer(actor));
                    s.schedule(e, "T2", props("score", 60 + random.nextInt(36), "qualifiedBy", agent[0]));
                    actorState[actor] |= QUALIFIED;
                    break;
                }
            }
        }
        if (agent[0].equals("agent_campaign_optimizer") && random.nextDouble() < 0.3) {
            decision(s, agent);
        }
        s.t = Math.max(s.t, start + 4_000 + random.nextInt(176_000));
        long duration = s.t - start;
        Map<String, Object> completed = s.event("agent.run_completed", 0, agentActor(agent));
        long inputTokens = 800 + flows.nextLong(11_200);
        long outputTokens = 100 + flows.nextLong(1_900);
        s.schedule(completed, "T1", props("runId", runId, "agent", agent[0],
                "status", random.nextDouble() < 0.95 ? "succeeded" : "failed", "durationMs", duration,
                "costUsd", usd(inputTokens * 3 + outputTokens * 15), "inputTokens", inputTokens,
                "outputTokens", outputTokens));
    }

    /**
     * A workflow run: run_started, a step_completed per step minutes apart, then run_completed, or
     * run_failed with an error or run_cancelled with a reason after some steps, or nothing more (left
     * running). Steps that would fall after the range's end are not emitted: the run is still running.
     */
    private void workflowRun(long start) {
        workflowRuns++;
        int w = pickFlow(WORKFLOW_WEIGHTS);
        String[][] workflow = WORKFLOWS[w];
        String workflowId = workflow[0][0];
        String runId = "wfr_" + key(WORKFLOW_SALT, workflowRuns);
        Session s = new Session(start, -1, runId, null);
        Map<String, Object> engine = ref("workflow", workflowId);
        engine.put("name", WORKFLOW_NAMES[w]);
        double u = flows.nextDouble();
        double[] ends = WORKFLOW_ENDS[w];
        String end = u < ends[0] ? "failed" : u < ends[0] + ends[1] ? "cancelled"
                : u < ends[0] + ends[1] + ends[2] ? "running" : "completed";
        String[] steps = workflow[1];
        int done = end.equals("completed") ? steps.length : flows.nextInt(steps.length);
        s.schedule(s.event("workflow.run_started", 0, engine), "T1", props("workflowId", workflowId, "runId", runId));
        for (int i = 0; i < done; i++) {
            s.t += Timeline.MINUTE + flows.nextLong(20 * Timeline.MINUTE);
            if (s.t > to) {
                return;
            }
            s.schedule(s.event("workflow.step_completed", 0, engine), "T1", props("workflowId", workflowId,
                    "runId", runId, "step", steps[i]));
        }
        if (end.equals("running")) {
            return;
        }
        s.t += Timeline.MINUTE + flows.nextLong(10 * Timeline.MINUTE);
        if (s.t > to) {
            return;
        }
        Map<String, Object> last = switch (end) {
            case "failed" -> props("workflowId", workflowId, "runId", runId, "step", steps[done],
                    "error", workflow[2][flows.nextInt(workflow[2].length)]);
            case "cancelled" -> props("workflowId", workflowId, "runId", runId,
                    "reason", workflow[3][flows.nextInt(workflow[3].length)]);
            default -> props("workflowId", workflowId, "runId", runId, "durationMs", s.t - start);
        };
        s.schedule(s.event("workflow.run_" + end, 0, engine), "T1", last);
    }

    /** A proposed budget decision (T3), a person's approval or denial (T3), and on approval its execution (T4). */
    private void decision(Session s, String[] agent) {
        decisions++;
        String decisionId = "dec_" + key(DECISION_SALT, decisions);
        String campaign = timeline.flashSale.runs(s.t) ? "flash-sale"
                : timeline.springLaunch.runs(s.t) ? "spring-launch" : "retargeting";
        String action = random.nextDouble() < 0.7 ? "increase_budget" : "pause_ad_set";
        String amount = money((5 + random.nextInt(41)) * 1000L);
        Map<String, Object> proposed = s.event("decision.proposed", gap(), agentActor(agent));
        proposed.put("decisionId", decisionId);
        s.schedule(proposed, "T3", props("action", action, "campaign", campaign, "amount", amount, "currency", CURRENCY));

        long runTime = s.t;
        s.t += 10 * Timeline.MINUTE + random.nextLong(170 * Timeline.MINUTE);
        boolean approved = random.nextDouble() < 0.75;
        Map<String, Object> operator = new LinkedHashMap<>();
        operator.put("type", "user");
        int who = random.nextInt(OPERATORS.length);
        operator.put("id", OPERATORS[who]);
        operator.put("name", OPERATOR_NAMES[who]);
        Map<String, Object> review = s.event(approved ? "decision.approved" : "decision.denied", 0, operator);
        review.put("decisionId", decisionId);
        s.schedule(review, "T3", props("action", action, "reason", approved ? "within the monthly budget"
                : "wait for the weekend figures"));
        if (approved) {
            Map<String, Object> executed = s.event("budget.changed", 60_000 + random.nextInt(240_000), agentActor(agent));
            executed.put("decisionId", decisionId);
            // Most executions carry their proof; the rest are the missing proof an audit should find.
            if (random.nextDouble() < 0.85) {
                executed.put("proofId", "prf_" + key(PROOF_SALT, decisions));
            }
            s.schedule(executed, "T4", props("action", action, "campaign", campaign, "amount", amount, "currency", CURRENCY));
        }
        s.t = runTime;
    }

    // ---- building events ----

    /** The events of one visit or run: a trace, a running clock, and the touchpoint on its first event. */
    private final class Session {
        final int actor;
        final String traceId;
        final String[] touch;
        long t;
        boolean started;

        Session(long start, int actor, String traceId, String[] touch) {
            this.t = start;
            this.actor = actor;
            this.traceId = traceId;
            this.touch = touch;
        }

        Map<String, Object> event(String name, long gapMillis) {
            return event(name, gapMillis, customer(actor));
        }

        Map<String, Object> event(String name, long gapMillis, Map<String, Object> actorRef) {
            t += gapMillis;
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", null);
            e.put("event", name);
            e.put("businessId", businessId);
            e.put("timestamp", Math.min(t, to));
            e.put("actor", actorRef);
            e.put("traceId", traceId);
            if (!started && touch != null) {
                e.put(touch[0].equals("qr") ? "source" : "attribution", touchpoint(touch));
            }
            started = true;
            return e;
        }

        void schedule(Map<String, Object> e, String trustTier, Map<String, Object> properties) {
            e.put("trustTier", trustTier);
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("dataset", DemoGenerator.DATASET);
            context.put("seed", seed);
            e.put("context", context);
            properties.put("demo", Boolean.TRUE);
            e.put("properties", properties);
            pending.add(new Pending((Long) e.get("timestamp"), scheduled++, e));
        }
    }

    private static Map<String, Object> touchpoint(String[] touch) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channel", touch[0]);
        m.put("source", touch[1]);
        m.put("medium", touch[2]);
        if (touch[3] != null) {
            m.put("campaign", touch[3]);
        }
        return m;
    }

    private Map<String, Object> customer(int actor) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "customer");
        m.put("id", "cust_" + key(ACTOR_SALT, actor));
        return m;
    }

    /** Names the event's customer: visitors are anonymous until they order or leave their details. */
    @SuppressWarnings("unchecked")
    private void named(Map<String, Object> event, int actor) {
        long h = mix64(seed ^ NAME_SALT ^ mix64(actor));
        ((Map<String, Object>) event.get("actor")).put("name", FIRST_NAMES[(int) Long.remainderUnsigned(h,
                FIRST_NAMES.length)] + " " + LAST_NAMES[(int) Long.remainderUnsigned(h >>> 32, LAST_NAMES.length)]);
    }

    /**
     * The shop where this session's bottle was scanned, as an entity that stocks the product, for one
     * scan in three; null for the others (scanned at home). Derived from the session number, so no draw changes.
     */
    private Map<String, Object> location(String sku) {
        long h = mix64(seed ^ LOCATION_SALT ^ mix64(sessions));
        if (Long.remainderUnsigned(h, 3) != 0) {
            return null;
        }
        String[] place = LOCATIONS[(int) Long.remainderUnsigned(h >>> 8, LOCATIONS.length)];
        Map<String, Object> m = ref("location", place[0]);
        m.put("name", place[1]);
        m.put("properties", props("city", place[2], "country", place[3], "kind", place[4]));
        Map<String, Object> stocks = ref("product", sku);
        stocks.put("relation", "stocks");
        m.put("relationships", List.of(stocks));
        return m;
    }

    private static Map<String, Object> agentActor(String[] agent) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "ai_agent");
        m.put("id", agent[0]);
        m.put("name", agent[1]);
        return m;
    }

    private static Map<String, Object> ref(String type, String id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("id", id);
        return m;
    }

    /** An insertion-ordered property map from key, value pairs. */
    private static Map<String, Object> props(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    // ---- random choices ----

    /** An actor index, Zipf-like: index r is drawn with weight about 1 / (r + shift). */
    private int actor() {
        double u = random.nextDouble();
        int n = actorState.length;
        int rank = (int) (zipfShift * Math.pow((n + zipfShift) / zipfShift, u) - zipfShift);
        return Math.min(n - 1, Math.max(0, rank));
    }

    /** A product, popular ones first (weights 1, 1/2, 1/3, …). */
    private String product() {
        double u = random.nextDouble() * productWeights[productWeights.length - 1];
        for (int i = 0; i < productWeights.length; i++) {
            if (u < productWeights[i]) {
                return SKUS[i];
            }
        }
        return SKUS[SKUS.length - 1];
    }

    private static long price(String sku) {
        return PRICES[index(sku)];
    }

    private static int index(String sku) {
        for (int i = 0; i < SKUS.length; i++) {
            if (SKUS[i].equals(sku)) {
                return i;
            }
        }
        throw new IllegalArgumentException(sku);
    }

    /** Time between two steps of a visit: 8 s plus an exponential with a 50 s mean, at most 10 minutes. */
    private long gap() {
        return 8_000 + Math.min(592_000, (long) (-Math.log(1 - random.nextDouble()) * 50_000));
    }

    private int pick(double[] weights) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        double u = random.nextDouble() * sum;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private int pickFlow(double[] weights) {
        double u = flows.nextDouble();
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** Millionths of a dollar as a decimal string: 12345 → "0.012345". */
    static String usd(long micros) {
        String fraction = Long.toString(1_000_000 + micros % 1_000_000).substring(1);
        return micros / 1_000_000 + "." + fraction;
    }

    /** a with chance pa, else b with chance pb, else c. */
    private String oneOf(double pa, String a, double pb, String b, String c) {
        return random.nextDouble() < pa ? a : random.nextDouble() < pb ? b : c;
    }

    /** Cents as a decimal string: 4990 → "49.90". */
    static String money(long cents) {
        return cents / 100 + "." + (cents % 100 < 10 ? "0" : "") + cents % 100;
    }

    /** A short id, distinct for every n under one seed and salt (both steps are bijections of n). */
    private String key(long salt, long n) {
        return Long.toUnsignedString(mix64(n * 0x9E3779B97F4A7C15L + mix64(seed ^ salt)), 36);
    }

    /** The SplitMix64 finaliser: a bijection of 64-bit values that scatters their bits. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
