package com.headlessanalytics.console.analytics;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.Attribution;
import com.headlessanalytics.console.api.Checks;
import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.api.Metrics;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.FieldError;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A deliberately naive second implementation of docs/analytics.md for metrics, funnels and
 * attribution: brute force, written from the doc alone, sharing no code with the engine.
 * It answers from the stored events it is given, in the order the engine stored them (for equal
 * timestamps, the earlier in the list was stored first). Answers carry no proof.
 */
public final class NaiveAnalytics {
    static final String NONE = "(none)";
    static final String OTHER = "(other)";
    static final String DIRECT = "(direct)";
    private static final long DAY_MS = 24L * 60 * 60 * 1000;
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final MathContext EXACT = MathContext.DECIMAL128;

    private final List<Event> stored;
    private final String defaultBusinessId;

    /**
     * @param stored            every stored event of the workspace (or at least of the businesses
     *                          queried), in storage order for equal timestamps
     * @param defaultBusinessId the business a query without {@code businessId} reads
     */
    public NaiveAnalytics(List<Event> stored, String defaultBusinessId) {
        this.stored = List.copyOf(stored);
        this.defaultBusinessId = defaultBusinessId;
    }

    // ---------------------------------------------------------------- common rules

    /** The business's events ordered by timestamp, ties by storage order (the list is stable-sorted). */
    List<Event> eventsOf(String businessId) {
        String business = businessId == null ? defaultBusinessId : businessId;
        List<Event> out = new ArrayList<>();
        for (Event e : stored) {
            if (business.equals(e.businessId())) {
                out.add(e);
            }
        }
        out.sort(Comparator.comparingLong(Event::timestamp));
        return out;
    }

    static boolean inPeriod(long ts, Long from, Long to) {
        return (from == null || ts >= from) && (to == null || ts <= to);
    }

    /** {@code actor} when a string; else {@code actor.id}; else {@code traceId}; else null. */
    static String actor(Event e) {
        if (e.actor() instanceof String s) {
            return s;
        }
        if (e.actor() instanceof Map<?, ?> m && text(m.get("id")) != null) {
            return text(m.get("id"));
        }
        return e.traceId();
    }

    /** A field's value as text: a non-empty string, a number or a boolean; else null. */
    static String text(Object v) {
        if (v instanceof String s) {
            return s.isEmpty() ? null : s;
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        return null;
    }

    /** The value at a dotted path of the envelope, or null. */
    static Object path(Event e, String dotted) {
        String[] parts = dotted.split("\\.");
        Object at = switch (parts[0]) {
            case "id" -> e.id();
            case "event" -> e.event();
            case "businessId" -> e.businessId();
            case "timestamp" -> e.timestamp();
            case "receivedAt" -> e.receivedAt();
            case "actor" -> e.actor();
            case "object" -> e.object();
            case "entity" -> e.entity();
            case "traceId" -> e.traceId();
            case "source" -> e.source();
            case "attribution" -> e.attribution();
            case "context" -> e.context();
            case "trackable" -> e.trackable();
            case "decisionId" -> e.decisionId();
            case "proofId" -> e.proofId();
            case "outcome" -> e.outcome();
            case "trustTier" -> e.trustTier() == null ? null : e.trustTier().name();
            case "complianceMapping" -> e.complianceMapping();
            case "properties" -> e.properties();
            default -> null;
        };
        for (int i = 1; i < parts.length; i++) {
            if (!(at instanceof Map<?, ?> m)) {
                return null;
            }
            at = m.get(parts[i]);
        }
        return at;
    }

    /** The first of the paths that holds a value (the doc's {@code ??}), as text when it counts. */
    private static String firstPresent(Event e, String... paths) {
        for (String p : paths) {
            Object v = path(e, p);
            if (v != null) {
                return text(v);
            }
        }
        return null;
    }

    /** A touchpoint field of an event by the doc's fallback chains; null when absent. */
    static String touchpoint(Event e, Attribution.Field field) {
        return switch (field) {
            case SOURCE -> firstPresent(e, "attribution.source", "source.source", "source.platform", "source.channel");
            case CHANNEL -> firstPresent(e, "attribution.channel", "source.channel");
            case CAMPAIGN -> firstPresent(e, "attribution.campaign", "source.campaign");
            case MEDIUM -> firstPresent(e, "attribution.medium", "source.medium");
        };
    }

    /** The revenue of an event, or null: a JSON number or a decimal string at the first present path. */
    static BigDecimal revenue(Event e) {
        for (String p : new String[] {"outcome.revenue", "properties.revenue", "properties.amount", "properties.total"}) {
            Object v = path(e, p);
            if (v != null) {
                return decimal(v, true);
            }
        }
        return null;
    }

    static BigDecimal decimal(Object v, boolean stringsToo) {
        if (v instanceof Number n && !(v instanceof Double || v instanceof Float)) {
            return new BigDecimal(n.toString());
        }
        if (v instanceof Double || v instanceof Float) {
            return BigDecimal.valueOf(((Number) v).doubleValue());
        }
        if (stringsToo && v instanceof String s && DECIMAL.matcher(s).matches()) {
            return new BigDecimal(s);
        }
        return null;
    }

    private static BigDecimal sumRevenue(List<Event> events) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Event e : events) {
            BigDecimal r = revenue(e);
            if (r != null) {
                sum = sum.add(r);
            }
        }
        return sum;
    }

    /** A revenue total as answered: rounded to 2 decimals, half even. */
    static BigDecimal cents(BigDecimal total) {
        return total.setScale(2, RoundingMode.HALF_EVEN);
    }

    private static long distinctActors(List<Event> events) {
        Set<String> actors = new HashSet<>();
        for (Event e : events) {
            if (actor(e) != null) {
                actors.add(actor(e));
            }
        }
        return actors.size();
    }

    // ---------------------------------------------------------------- metrics

    /** The metrics answer; {@code definitions} are the stored definitions (may be empty). */
    public Metrics.Result metrics(Metrics.Query q, List<Metrics.Definition> definitions) {
        List<Event> business = eventsOf(q.businessId());
        List<Event> matching = new ArrayList<>();
        for (Event e : business) {
            if (inPeriod(e.timestamp(), q.from(), q.to()) && (q.eventName() == null || q.eventName().equals(e.event()))) {
                matching.add(e);
            }
        }
        Metrics.Interval interval = q.effectiveInterval();
        List<Long> buckets = buckets(matching, q.from(), q.to(), interval);

        Map<String, BigDecimal> values = new LinkedHashMap<>();
        values.put("events", BigDecimal.valueOf(matching.size()));
        values.put("uniqueActors", BigDecimal.valueOf(distinctActors(matching)));
        values.put("revenue", cents(sumRevenue(matching)));
        for (Metrics.Definition d : definitions) {
            if (q.metrics() == null || q.metrics().contains(d.name())) {
                values.put(d.name(), definitionValue(d, business, q.from(), q.to()));
            }
        }

        List<Metrics.Group> groups = null;
        Metrics.Grouping grouping = q.grouping();
        if (grouping != null) {
            Map<String, List<Event>> byKey = new TreeMap<>();
            for (Event e : matching) {
                String key = grouping == Metrics.Grouping.EVENT ? e.event()
                        : touchpoint(e, Attribution.Field.valueOf(grouping.name()));
                byKey.computeIfAbsent(key == null ? NONE : key, k -> new ArrayList<>()).add(e);
            }
            List<Map.Entry<String, List<Event>>> sorted = new ArrayList<>(byKey.entrySet());
            sorted.sort(Comparator.comparing((Map.Entry<String, List<Event>> en) -> -en.getValue().size())
                    .thenComparing(Map.Entry::getKey));
            groups = new ArrayList<>();
            List<Event> rest = new ArrayList<>();
            for (int i = 0; i < sorted.size(); i++) {
                if (i < Metrics.MAX_GROUPS) {
                    List<Event> g = sorted.get(i).getValue();
                    groups.add(new Metrics.Group(sorted.get(i).getKey(), g.size(), distinctActors(g),
                            series(g, buckets, interval)));
                } else {
                    rest.addAll(sorted.get(i).getValue());
                }
            }
            if (!rest.isEmpty()) {
                groups.add(new Metrics.Group(OTHER, rest.size(), distinctActors(rest), series(rest, buckets, interval)));
            }
        }
        return new Metrics.Result(values, matching.size(), distinctActors(matching), cents(sumRevenue(matching)),
                Checks.Wire.name(interval), series(matching, buckets, interval),
                grouping == null ? null : Checks.Wire.name(grouping), groups, null, null);
    }

    private static BigDecimal definitionValue(Metrics.Definition d, List<Event> business, Long from, Long to) {
        List<Event> of = new ArrayList<>();
        for (Event e : business) {
            if (inPeriod(e.timestamp(), from, to) && d.event().equals(e.event())) {
                of.add(e);
            }
        }
        return switch (d.effectiveAggregation()) {
            case COUNT -> BigDecimal.valueOf(of.size());
            case UNIQUE_ACTORS -> BigDecimal.valueOf(distinctActors(of));
            case SUM -> {
                BigDecimal sum = BigDecimal.ZERO;
                for (Event e : of) {
                    BigDecimal v = "revenue".equals(d.property()) ? revenue(e) : decimal(path(e, d.property()), true);
                    if (v != null) {
                        sum = sum.add(v);
                    }
                }
                yield "revenue".equals(d.property()) ? cents(sum) : sum;
            }
        };
    }

    static long bucketStart(long ts, Metrics.Interval interval) {
        ZonedDateTime t = Instant.ofEpochMilli(ts).atZone(ZoneOffset.UTC);
        ZonedDateTime day = t.truncatedTo(ChronoUnit.DAYS);
        ZonedDateTime start = switch (interval) {
            case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
            case DAY -> day;
            case WEEK -> day.minusDays(day.getDayOfWeek().getValue() - 1);
            case MONTH -> day.withDayOfMonth(1);
        };
        return start.toInstant().toEpochMilli();
    }

    static long nextBucket(long start, Metrics.Interval interval) {
        ZonedDateTime t = Instant.ofEpochMilli(start).atZone(ZoneOffset.UTC);
        ZonedDateTime next = switch (interval) {
            case HOUR -> t.plusHours(1);
            case DAY -> t.plusDays(1);
            case WEEK -> t.plusWeeks(1);
            case MONTH -> t.plusMonths(1);
        };
        return next.toInstant().toEpochMilli();
    }

    /**
     * Every bucket from the one holding {@code from} (or the first event) to the one holding
     * {@code to} (or the last event); none when an open end has no event to take it from.
     */
    static List<Long> buckets(List<Event> matching, Long from, Long to, Metrics.Interval interval) {
        Long first = from != null ? Long.valueOf(from) : matching.isEmpty() ? null : matching.get(0).timestamp();
        Long last = to != null ? Long.valueOf(to) : matching.isEmpty() ? null : matching.get(matching.size() - 1).timestamp();
        List<Long> out = new ArrayList<>();
        if (first == null || last == null) {
            return out;
        }
        long end = bucketStart(last, interval);
        for (long b = bucketStart(first, interval); b <= end; b = nextBucket(b, interval)) {
            out.add(b);
            if (out.size() > Metrics.MAX_BUCKETS) {
                throw ApiException.invalid("Too many buckets", List.of(new FieldError(null, "interval",
                        "invalid_value", "more than " + Metrics.MAX_BUCKETS + " buckets; pick a longer interval")));
            }
        }
        return out;
    }

    static TreeMap<Long, Long> series(List<Event> events, List<Long> buckets, Metrics.Interval interval) {
        TreeMap<Long, Long> out = new TreeMap<>();
        for (long b : buckets) {
            long n = 0;
            for (Event e : events) {
                if (bucketStart(e.timestamp(), interval) == b) {
                    n++;
                }
            }
            out.put(b, n);
        }
        return out;
    }

    // ---------------------------------------------------------------- funnels

    /** One actor's counted attempt: level, the step-1 event, and the time each step 1…level was reached. */
    record Counted(String actor, int level, Event start, long[] stepTimes) {
        long enteredAt() {
            return stepTimes[0];
        }

        long lastStepAt() {
            return stepTimes[level - 1];
        }
    }

    static boolean matches(Event e, Funnels.Step step) {
        if (!step.event().equals(e.event())) {
            return false;
        }
        if (step.filter() != null) {
            for (Map.Entry<String, Object> f : step.filter().entrySet()) {
                if (!sameValue(path(e, f.getKey()), f.getValue())) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean sameValue(Object actual, Object wanted) {
        if (actual instanceof Number a && wanted instanceof Number w) {
            return decimal(a, false).compareTo(decimal(w, false)) == 0;
        }
        if (actual instanceof String || actual instanceof Boolean) {
            return actual.equals(wanted);
        }
        return false;
    }

    /** Every actor with a level ≥ 1 and their counted attempt, by actor identity. */
    TreeMap<String, Counted> countedAttempts(Funnels.Query q) {
        Map<String, List<Event>> byActor = new TreeMap<>();
        for (Event e : eventsOf(q.businessId())) {
            String a = actor(e);
            if (a != null) {
                byActor.computeIfAbsent(a, k -> new ArrayList<>()).add(e);
            }
        }
        TreeMap<String, Counted> out = new TreeMap<>();
        for (Map.Entry<String, List<Event>> en : byActor.entrySet()) {
            Counted best = null;
            List<Event> evs = en.getValue();
            for (int i = 0; i < evs.size(); i++) {
                Event first = evs.get(i);
                if (!matches(first, q.steps().get(0)) || !inPeriod(first.timestamp(), q.from(), q.to())) {
                    continue;
                }
                long[] times = q.effectiveMode() == Funnels.Mode.ANY_ORDER ? anyOrder(evs, i, q) : sequence(evs, i, q);
                if (best == null || times.length > best.level()) {
                    best = new Counted(en.getKey(), times.length, first, times);
                }
            }
            if (best != null) {
                out.put(en.getKey(), best);
            }
        }
        return out;
    }

    /**
     * Ordered and strict: enumerates every chain of events (indices rising; strict: adjacent) that
     * matches steps 1…k within the window, starting at the step-1 event {@code i}. The level is the
     * longest chain; step k is reached at the earliest event any chain can take for step k.
     */
    private static long[] sequence(List<Event> evs, int i, Funnels.Query q) {
        List<int[]> chains = new ArrayList<>();
        extend(evs, q, q.effectiveMode() == Funnels.Mode.STRICT, evs.get(i).timestamp() + q.effectiveWindowMs(),
                new int[] {i}, chains);
        int level = 0;
        for (int[] c : chains) {
            level = Math.max(level, c.length);
        }
        long[] times = new long[level];
        for (int k = 0; k < level; k++) {
            int earliest = Integer.MAX_VALUE;
            for (int[] c : chains) {
                if (c.length > k) {
                    earliest = Math.min(earliest, c[k]);
                }
            }
            times[k] = evs.get(earliest).timestamp();
        }
        return times;
    }

    private static void extend(List<Event> evs, Funnels.Query q, boolean strict, long deadline, int[] chain,
                               List<int[]> out) {
        out.add(chain);
        if (chain.length == q.steps().size()) {
            return;
        }
        Funnels.Step next = q.steps().get(chain.length);
        int last = chain[chain.length - 1];
        int end = strict ? Math.min(last + 2, evs.size()) : evs.size();
        for (int j = last + 1; j < end; j++) {
            Event e = evs.get(j);
            if (e.timestamp() <= deadline && matches(e, next)) {
                int[] longer = java.util.Arrays.copyOf(chain, chain.length + 1);
                longer[chain.length] = j;
                extend(evs, q, strict, deadline, longer, out);
            }
        }
    }

    /**
     * Any order: for each k, tries every assignment of distinct later in-window events to steps
     * 2…k; step k is reached when one exists, at the smallest possible latest time among them.
     */
    private static long[] anyOrder(List<Event> evs, int i, Funnels.Query q) {
        long deadline = evs.get(i).timestamp() + q.effectiveWindowMs();
        List<Integer> candidates = new ArrayList<>();
        for (int j = i + 1; j < evs.size(); j++) {
            if (evs.get(j).timestamp() <= deadline) {
                candidates.add(j);
            }
        }
        List<Long> times = new ArrayList<>();
        times.add(evs.get(i).timestamp());
        for (int k = 2; k <= q.steps().size(); k++) {
            long best = assign(evs, q.steps().subList(1, k), candidates, new HashSet<>(), Long.MIN_VALUE);
            if (best == Long.MAX_VALUE) {
                break;
            }
            times.add(best);
        }
        return times.stream().mapToLong(Long::longValue).toArray();
    }

    /** The smallest latest time over all assignments of distinct candidates to {@code steps}; MAX_VALUE when none. */
    private static long assign(List<Event> evs, List<Funnels.Step> steps, List<Integer> candidates, Set<Integer> used,
                               long latest) {
        if (steps.isEmpty()) {
            return latest;
        }
        long best = Long.MAX_VALUE;
        for (int j : candidates) {
            if (!used.contains(j) && matches(evs.get(j), steps.get(0))) {
                used.add(j);
                best = Math.min(best, assign(evs, steps.subList(1, steps.size()), candidates, used,
                        Math.max(latest, evs.get(j).timestamp())));
                used.remove(j);
            }
        }
        return best;
    }

    /** The breakdown value of an actor: on the step-1 event of the counted attempt. */
    static String breakdownValue(Event start, String breakdown) {
        String v = switch (breakdown) {
            case "source" -> touchpoint(start, Attribution.Field.SOURCE);
            case "campaign" -> touchpoint(start, Attribution.Field.CAMPAIGN);
            case "channel" -> touchpoint(start, Attribution.Field.CHANNEL);
            case "medium" -> touchpoint(start, Attribution.Field.MEDIUM);
            default -> text(path(start, breakdown));
        };
        return v == null ? NONE : v;
    }

    static List<Funnels.StepResult> stepResults(List<Funnels.Step> steps, List<Counted> actors) {
        List<Funnels.StepResult> out = new ArrayList<>();
        long count1 = 0;
        long previous = 0;
        for (int k = 1; k <= steps.size(); k++) {
            List<Long> durations = new ArrayList<>();
            for (Counted c : actors) {
                if (c.level() >= k) {
                    durations.add(c.stepTimes()[k - 1] - c.enteredAt());
                }
            }
            long count = durations.size();
            if (k == 1) {
                count1 = count;
                previous = count;
            }
            durations.sort(null);
            Long median = durations.isEmpty() ? null : durations.get((durations.size() - 1) / 2);
            double fromStart = count1 == 0 ? 0 : (double) count / count1;
            double fromPrevious = previous == 0 ? 0 : (double) count / previous;
            Funnels.Step s = steps.get(k - 1);
            out.add(new Funnels.StepResult(k, s.label(), s.event(), count, fromStart, fromPrevious,
                    k == 1 ? 0 : previous - count, median));
            previous = count;
        }
        return out;
    }

    public Funnels.Result funnel(Funnels.Query q) {
        List<Counted> all = new ArrayList<>(countedAttempts(q).values());
        List<Funnels.Breakdown> breakdown = null;
        if (q.breakdown() != null) {
            Map<String, List<Counted>> byValue = new TreeMap<>();
            for (Counted c : all) {
                byValue.computeIfAbsent(breakdownValue(c.start(), q.breakdown()), k -> new ArrayList<>()).add(c);
            }
            List<Map.Entry<String, List<Counted>>> sorted = new ArrayList<>(byValue.entrySet());
            sorted.sort(Comparator.comparing((Map.Entry<String, List<Counted>> en) -> -en.getValue().size())
                    .thenComparing(Map.Entry::getKey));
            breakdown = new ArrayList<>();
            List<Counted> rest = new ArrayList<>();
            for (int i = 0; i < sorted.size(); i++) {
                if (i < Funnels.MAX_BREAKDOWN_VALUES) {
                    breakdown.add(new Funnels.Breakdown(sorted.get(i).getKey(),
                            stepResults(q.steps(), sorted.get(i).getValue())));
                } else {
                    rest.addAll(sorted.get(i).getValue());
                }
            }
            if (!rest.isEmpty()) {
                breakdown.add(new Funnels.Breakdown(OTHER, stepResults(q.steps(), rest)));
            }
        }
        return new Funnels.Result(stepResults(q.steps(), all), Checks.Wire.name(q.effectiveMode()),
                q.effectiveWindowMs(), q.breakdown(), breakdown, null);
    }

    /** Every actor of the drill-down, sorted by identity, on one page (limit and cursor are not applied). */
    public Funnels.Actors funnelActors(Funnels.ActorsQuery aq) {
        Funnels.Query q = aq.funnel();
        List<Funnels.Actor> out = new ArrayList<>();
        for (Counted c : countedAttempts(q).values()) {
            if (aq.breakdownValue() != null && q.breakdown() != null
                    && !aq.breakdownValue().equals(breakdownValue(c.start(), q.breakdown()))) {
                continue;
            }
            boolean wanted = aq.effectiveOutcome() == Funnels.Outcome.REACHED ? c.level() >= aq.step()
                    : c.level() == aq.step() - 1;
            if (wanted) {
                out.add(new Funnels.Actor(c.actor(), c.level(), c.enteredAt(), c.lastStepAt()));
            }
        }
        return new Funnels.Actors(out, out.size(), null, null);
    }

    // ---------------------------------------------------------------- attribution

    public Attribution.Result attribution(Attribution.Query q) {
        List<Event> business = eventsOf(q.businessId());
        List<Event> inPeriod = new ArrayList<>();
        for (Event e : business) {
            if (inPeriod(e.timestamp(), q.from(), q.to())) {
                inPeriod.add(e);
            }
        }
        Map<String, Long> bySource = touchpointCounts(inPeriod, Attribution.Field.SOURCE);
        Map<String, Long> byCampaign = touchpointCounts(inPeriod, Attribution.Field.CAMPAIGN);
        Map<String, Long> byChannel = touchpointCounts(inPeriod, Attribution.Field.CHANNEL);
        Map<String, Long> byMedium = touchpointCounts(inPeriod, Attribution.Field.MEDIUM);
        if (q.conversionEvent() == null) {
            return new Attribution.Result(bySource, byCampaign, byChannel, byMedium, null, null, null, null, null,
                    null, null);
        }
        Attribution.Field field = q.effectiveGroupBy();
        Attribution.Model model = q.effectiveModel();
        Map<String, BigDecimal> credit = new TreeMap<>();
        Map<String, BigDecimal> creditRevenue = new TreeMap<>();
        long conversions = 0;
        BigDecimal totalRevenue = BigDecimal.ZERO;
        for (int c = 0; c < business.size(); c++) {
            Event conversion = business.get(c);
            String actor = actor(conversion);
            if (!q.conversionEvent().equals(conversion.event())
                    || !inPeriod(conversion.timestamp(), q.from(), q.to())) {
                continue;
            }
            conversions++;
            BigDecimal revenue = Objects.requireNonNullElse(revenue(conversion), BigDecimal.ZERO);
            totalRevenue = totalRevenue.add(revenue);
            List<Event> touchpoints = new ArrayList<>();
            for (int t = 0; t < c; t++) {
                Event e = business.get(t);
                if (actor != null && actor.equals(actor(e)) && touchpoint(e, field) != null
                        && conversion.timestamp() - e.timestamp() <= q.effectiveLookbackMs()) {
                    touchpoints.add(e);
                }
            }
            if (touchpoints.isEmpty()) {
                credit.merge(DIRECT, BigDecimal.ONE, BigDecimal::add);
                creditRevenue.merge(DIRECT, revenue, BigDecimal::add);
                continue;
            }
            BigDecimal[] shares = shares(model, touchpoints, conversion.timestamp());
            for (int t = 0; t < touchpoints.size(); t++) {
                if (shares[t].signum() == 0) {
                    continue;
                }
                String key = touchpoint(touchpoints.get(t), field);
                credit.merge(key, shares[t], BigDecimal::add);
                creditRevenue.merge(key, revenue.multiply(shares[t], EXACT), BigDecimal::add);
            }
        }
        List<Attribution.Credit> list = new ArrayList<>();
        for (String key : credit.keySet()) {
            list.add(new Attribution.Credit(key, credit.get(key).setScale(4, RoundingMode.HALF_EVEN),
                    creditRevenue.get(key).setScale(2, RoundingMode.HALF_EVEN)));
        }
        list.sort(Comparator.comparing(Attribution.Credit::conversions).reversed()
                .thenComparing(Attribution.Credit::key));
        return new Attribution.Result(bySource, byCampaign, byChannel, byMedium, q.conversionEvent(),
                Checks.Wire.name(model), Checks.Wire.name(field), conversions, cents(totalRevenue), list, null);
    }

    static Map<String, Long> touchpointCounts(List<Event> events, Attribution.Field field) {
        Map<String, Long> counts = new TreeMap<>();
        for (Event e : events) {
            String v = touchpoint(e, field);
            if (v != null) {
                counts.merge(v, 1L, Long::sum);
            }
        }
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Comparator.comparing((Map.Entry<String, Long> en) -> -en.getValue()).thenComparing(Map.Entry::getKey));
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map.Entry<String, Long> en : sorted) {
            out.put(en.getKey(), en.getValue());
        }
        return out;
    }

    /** Each touchpoint's share of one conversion under the model; touchpoints are in order, oldest first. */
    static BigDecimal[] shares(Attribution.Model model, List<Event> touchpoints, long conversionTime) {
        int n = touchpoints.size();
        BigDecimal[] s = new BigDecimal[n];
        java.util.Arrays.fill(s, BigDecimal.ZERO);
        switch (model) {
            case FIRST_TOUCH -> s[0] = BigDecimal.ONE;
            case LAST_TOUCH -> s[n - 1] = BigDecimal.ONE;
            case LINEAR -> java.util.Arrays.fill(s, BigDecimal.ONE.divide(BigDecimal.valueOf(n), EXACT));
            case POSITION_BASED -> {
                if (n == 1) {
                    s[0] = BigDecimal.ONE;
                } else if (n == 2) {
                    s[0] = new BigDecimal("0.5");
                    s[1] = new BigDecimal("0.5");
                } else {
                    BigDecimal middle = new BigDecimal("0.2").divide(BigDecimal.valueOf(n - 2), EXACT);
                    java.util.Arrays.fill(s, middle);
                    s[0] = new BigDecimal("0.4");
                    s[n - 1] = new BigDecimal("0.4");
                }
            }
            case TIME_DECAY -> {
                double[] w = new double[n];
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    double dt = conversionTime - touchpoints.get(i).timestamp();
                    w[i] = Math.pow(2, -dt / (7.0 * DAY_MS));
                    sum += w[i];
                }
                for (int i = 0; i < n; i++) {
                    s[i] = new BigDecimal(w[i] / sum);
                }
            }
        }
        return s;
    }
}
