package com.headlessanalytics.console.domain.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** PlanValidator's field errors and PlanChecker's violations. */
class PlanRulesTest {

    static TrackingPlan checkout(PlanMode mode) {
        Map<String, PropertySpec> props = new LinkedHashMap<>();
        props.put("sku", new PropertySpec("string", null));
        props.put("qty", new PropertySpec("integer", null));
        props.put("currency", new PropertySpec("string", List.of("EUR", "USD")));
        props.put("tier", new PropertySpec(null, List.of(1, new BigDecimal("2.5"), true)));
        return new TrackingPlan("checkout", "Checkout", mode, "^[a-z]+(\\.[a-z_]+)+$", false,
                List.of(new EventSpec("order.completed", "an order paid", List.of("sku", "qty"), props),
                        new EventSpec("cart.viewed", null, null, null)), null);
    }

    static Event event(String name, Map<String, Object> properties) {
        return new Event("e1", name, "default", 1L, 1L, null, null, null, null, null, null, null, null, null, null,
                null, null, null, properties);
    }

    static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    void aGoodPlanHasNoProblems() {
        assertThat(PlanValidator.problems(checkout(PlanMode.WARN))).isEmpty();
        assertThat(PlanValidator.problems(new TrackingPlan("a", null, PlanMode.OFF, null, null, null, null))).isEmpty();
    }

    @Test
    void namesEveryProblemAtItsField() {
        Map<String, PropertySpec> props = new LinkedHashMap<>();
        props.put("amount", new PropertySpec("money", null));
        props.put("kind", new PropertySpec("string", java.util.Arrays.asList("a", 3, Map.of("x", 1), null)));
        TrackingPlan bad = new TrackingPlan("bad id!", "n".repeat(201), null, "([a-z", null,
                List.of(new EventSpec("", null, List.of("x", "x", ""), props), new EventSpec("a.b", null, null, null),
                        new EventSpec("a.b", null, null, null)), null);
        List<FieldError> errors = PlanValidator.problems(bad);
        assertThat(fields(errors)).containsExactlyInAnyOrder("id", "name", "mode", "namingRule", "events[0].name",
                "events[0].required[1]", "events[0].required[2]", "events[0].properties.amount.type",
                "events[0].properties.kind.allowed[1]", "events[0].properties.kind.allowed[2]",
                "events[0].properties.kind.allowed[3]", "events[2].name");
        assertThat(errors).filteredOn(e -> "namingRule".equals(e.field())).first()
                .satisfies(e -> assertThat(e.message()).startsWith("is not a valid regular expression"));
        assertThat(errors).filteredOn(e -> "events[2].name".equals(e.field())).first()
                .satisfies(e -> assertThat(e.message()).isEqualTo("'a.b' is planned twice"));
    }

    @Test
    void idsAreLettersDigitsAndPunctuationUpTo64() {
        assertThat(PlanValidator.idProblem("web-2.checkout_v1")).isNull();
        assertThat(PlanValidator.idProblem("x".repeat(64))).isNull();
        for (String bad : new String[] {"", "x".repeat(65), "a b", "a/b", "é", "a\n"}) {
            assertThat(PlanValidator.idProblem(bad)).as(bad).isNotNull();
        }
    }

    @Test
    void capsEventsPropertiesAndRuleLength() {
        List<EventSpec> many = new ArrayList<>();
        for (int i = 0; i <= PlanValidator.MAX_EVENTS; i++) {
            many.add(new EventSpec("e" + i, null, null, null));
        }
        assertThat(PlanValidator.problems(new TrackingPlan("p", null, PlanMode.WARN, null, null, many, null)))
                .extracting(FieldError::field, FieldError::code).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("events", "too_large"));
        Map<String, PropertySpec> props = new HashMap<>();
        for (int i = 0; i <= PlanValidator.MAX_PROPERTIES; i++) {
            props.put("p" + i, new PropertySpec("string", null));
        }
        assertThat(fields(PlanValidator.problems(new TrackingPlan("p", null, PlanMode.WARN, "a".repeat(501), null,
                List.of(new EventSpec("e", null, null, props)), null))))
                .containsExactlyInAnyOrder("namingRule", "events[0].properties");
    }

    @Test
    void aConformingEventBreaksNothing() {
        Map<String, Object> p = new HashMap<>();
        p.put("sku", "A-1");
        p.put("qty", 2L);
        p.put("currency", "EUR");
        p.put("tier", new BigDecimal("2.50"));
        assertThat(PlanChecker.check(List.of(checkout(PlanMode.WARN)), event("order.completed", p))).isEmpty();
        assertThat(PlanChecker.check(List.of(checkout(PlanMode.WARN)), event("cart.viewed", null))).isEmpty();
    }

    @Test
    void eachCodeWithItsFieldAndAMessageNamingThePlan() {
        Map<String, Object> p = new HashMap<>();
        p.put("qty", new BigDecimal("1.5"));
        p.put("currency", "GBP");
        p.put("tier", 3);
        List<PlanViolation> v = PlanChecker.check(List.of(checkout(PlanMode.BLOCK)), event("order.completed", p));
        assertThat(v).extracting(PlanViolation::code, PlanViolation::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple("missing_property", "properties.sku"),
                org.assertj.core.groups.Tuple.tuple("wrong_type", "properties.qty"),
                org.assertj.core.groups.Tuple.tuple("not_allowed", "properties.currency"),
                org.assertj.core.groups.Tuple.tuple("not_allowed", "properties.tier"));
        assertThat(v).allSatisfy(x -> {
            assertThat(x.planId()).isEqualTo("checkout");
            assertThat(x.message()).contains("plan 'checkout' (Checkout)");
        });
        assertThat(v.get(1).message()).isEqualTo("properties.qty of 'order.completed' must be an integer"
                + " (plan 'checkout' (Checkout)), got a number.");
        assertThat(v.get(2).message()).contains("allows only 'EUR', 'USD'");

        List<PlanViolation> named = PlanChecker.check(List.of(checkout(PlanMode.WARN)), event("Order Done", null));
        assertThat(named).extracting(PlanViolation::code, PlanViolation::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple("naming_rule", "event"),
                org.assertj.core.groups.Tuple.tuple("unplanned_event", "event"));
    }

    @Test
    void unplannedEventsPassWhenAllowedAndNestedPathsAreRead() {
        TrackingPlan open = new TrackingPlan("open", null, PlanMode.WARN, null, null, List.of(new EventSpec("a.b",
                null, List.of("address.city"), Map.of("address.city", new PropertySpec("string", null)))), null);
        assertThat(PlanChecker.check(List.of(open), event("other", null))).isEmpty();
        assertThat(PlanChecker.check(List.of(open), event("a.b", Map.of("address", Map.of("city", "Oslo")))))
                .isEmpty();
        assertThat(PlanChecker.check(List.of(open), event("a.b", Map.of("address", Map.of("city", 7)))))
                .extracting(PlanViolation::code).containsExactly("wrong_type");
    }

    @Test
    void aRunawayNamingRuleCountsAsNotMatchingAndReturnsQuickly() {
        TrackingPlan evil = new TrackingPlan("evil", null, PlanMode.WARN, "(a+)+b", null, null, null);
        long start = System.nanoTime();
        assertThat(PlanChecker.check(List.of(evil), event("a".repeat(60), null)))
                .extracting(PlanViolation::code).containsExactly("naming_rule");
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    /** Any event built to a plan passes it; dropping one required property gives exactly that violation. */
    @Property(tries = 200)
    void builtToThePlanPassesAndADroppedRequiredPropertyIsNamed(@ForAll("plans") TrackingPlan plan,
                                                                @ForAll("seeds") int seed) {
        PlanChecker checker = PlanChecker.of(List.of(plan));
        for (EventSpec spec : plan.events()) {
            Map<String, Object> props = new HashMap<>();
            spec.properties().forEach((name, ps) -> props.put(name, sample(ps, seed)));
            assertThat(checker.check(event(spec.name(), props))).isEmpty();
            if (!spec.required().isEmpty()) {
                String dropped = spec.required().get(Math.floorMod(seed, spec.required().size()));
                props.remove(dropped);
                assertThat(checker.check(event(spec.name(), props))).extracting(PlanViolation::code,
                        PlanViolation::field).containsExactly(org.assertj.core.groups.Tuple.tuple("missing_property",
                        "properties." + dropped));
            }
        }
    }

    private static Object sample(PropertySpec ps, int seed) {
        if (ps.allowed() != null) {
            return ps.allowed().get(Math.floorMod(seed, ps.allowed().size()));
        }
        return switch (ps.type()) {
            case "string" -> "s" + seed;
            case "number" -> new BigDecimal(seed).movePointLeft(2);
            case "integer" -> (long) seed;
            case "boolean" -> seed % 2 == 0;
            case "object" -> Map.of("k", seed);
            default -> List.of(seed);
        };
    }

    @Provide
    Arbitrary<Integer> seeds() {
        return Arbitraries.integers();
    }

    @Provide
    Arbitrary<TrackingPlan> plans() {
        Arbitrary<PropertySpec> spec = Arbitraries.oneOf(
                Arbitraries.of(PlanValidator.TYPES).map(t -> new PropertySpec(t, null)),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(5).list().ofMinSize(1).ofMaxSize(4)
                        .map(l -> new PropertySpec("string", new ArrayList<Object>(l))),
                Arbitraries.integers().list().ofMinSize(1).ofMaxSize(3)
                        .map(l -> new PropertySpec(null, new ArrayList<Object>(l))));
        Arbitrary<EventSpec> event = Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6),
                spec).ofMaxSize(6).flatMap(props -> Arbitraries.subsetOf(props.keySet())
                .map(req -> new EventSpec(null, null, List.copyOf(req), props)));
        return event.list().ofMinSize(1).ofMaxSize(4).map(list -> {
            List<EventSpec> named = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                EventSpec e = list.get(i);
                named.add(new EventSpec("event." + i, null, e.required(), e.properties()));
            }
            return new TrackingPlan("p", null, PlanMode.WARN, "^event\\.[0-9]+$", false, named, null);
        }).filter(p -> PlanValidator.problems(p).isEmpty());
    }
}
