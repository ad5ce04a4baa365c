package com.headlessanalytics.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class EventValidatorTest {
    static final long NOW = 1_800_000_000_000L;

    static EventValidator.Outcome check(Map<String, Object> raw) {
        return EventValidator.validate(3, raw, 100, NOW, "default", "evt_generated");
    }

    static Map<String, Object> envelope(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void fillsDefaultsForAMinimalEvent() {
        Event e = check(envelope("event", "order.created")).event();
        assertThat(e.id()).isEqualTo("evt_generated");
        assertThat(e.businessId()).isEqualTo("default");
        assertThat(e.timestamp()).isEqualTo(NOW);
        assertThat(e.receivedAt()).isEqualTo(NOW);
    }

    @Test
    void acceptsAnyNameOf1To200CharactersWithoutControlCharacters() {
        for (String name : List.of("signup", "qr.bottle_scanned", "agent.run-completed.v2", "A.B9", "a..b", ".a", "a.",
                "a b", "Order Completed", "a/b", "é.x", "commande.créée", "注文.作成", "x", "n".repeat(200),
                "😀".repeat(200), " padded ", "tab\u00a0nbsp")) {
            assertThat(check(envelope("event", name)).valid()).as(name).isTrue();
            assertThat(check(envelope("event", name)).event().event()).isEqualTo(name);
        }
    }

    @Test
    void refusesEmptyBlankTooLongAndControlCharacterNamesWithTheirReason() {
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("", "must be 1-200 characters");
        refused.put(" ", "must not be blank");
        refused.put("n".repeat(201), "is longer than 200 characters");
        refused.put("😀".repeat(201), "is longer than 200 characters");
        for (char c : new char[] {0, '\t', '\n', '\r', 0x1f, 0x7f, 0x80, 0x85, 0x9f}) {
            refused.put("order" + c + "created", "must not contain control characters");
        }
        refused.forEach((name, message) -> assertThat(check(envelope("event", name)).errors()).as(name)
                .extracting(FieldError::index, FieldError::field, FieldError::code, FieldError::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3, "event", "invalid_value", message)));
        assertThat(EventValidator.eventNameProblem("Order Completed")).isNull();
    }

    @Test
    void timestampRules() {
        assertThat(check(envelope("event", "a.b", "timestamp", NOW + 24 * 3600_000L)).valid()).isTrue();
        assertThat(check(envelope("event", "a.b", "timestamp", NOW + 24 * 3600_000L + 1)).errors())
                .extracting(FieldError::message).containsExactly("is more than 24 hours in the future");
        assertThat(check(envelope("event", "a.b", "timestamp", new BigDecimal("1.7E12"))).event().timestamp())
                .isEqualTo(1_700_000_000_000L);
        assertThat(check(envelope("event", "a.b", "timestamp", new BigDecimal("1.5"))).valid()).isFalse();
        assertThat(check(envelope("event", "a.b", "timestamp", -5)).valid()).isFalse();
        assertThat(check(envelope("event", "a.b", "timestamp", true)).errors())
                .extracting(FieldError::code).containsExactly("invalid_type");
    }

    @Test
    void namesIndexFieldAndCodeOfEveryProblem() {
        Map<String, Object> raw = envelope("trustTier", "T5", "actor", 4, "properties", List.of(), "colour", "red");
        assertThat(check(raw).errors()).extracting(e -> e.index() + " " + e.field() + " " + e.code())
                .containsExactlyInAnyOrder("3 event required", "3 trustTier invalid_value", "3 actor invalid_type",
                        "3 properties invalid_type", "3 colour unknown_field");
    }

    @Test
    void findsUnpairedSurrogatesAnywhereWithTheirPath() {
        Map<String, Object> raw = envelope("event", "a.b", "properties",
                Map.of("list", List.of("ok", "bad\uD800")));
        assertThat(check(raw).errors()).extracting(FieldError::field, FieldError::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("properties.list[1]", "invalid_unicode"));
        assertThat(check(envelope("event", "a.b", "actor", "😀 fine")).valid()).isTrue();
    }

    @Test
    void refusesNestingThatCouldNotBeReadBack() {
        Object deep = 1;
        for (int i = 0; i < EventLimits.MAX_EVENT_DEPTH; i++) {
            deep = Map.of("a", deep);
        }
        assertThat(check(envelope("event", "a.b", "properties", deep)).errors())
                .extracting(FieldError::field).containsExactly("properties");
        Object shallower = ((Map<?, ?>) deep).get("a");
        assertThat(check(envelope("event", "a.b", "properties", shallower)).valid()).isTrue();
    }

    @Test
    void sizeOverTheLimitIsTooLarge() {
        var outcome = EventValidator.validate(0, envelope("event", "a.b"), EventLimits.MAX_EVENT_BYTES + 1, NOW,
                "default", "x");
        assertThat(outcome.errors()).singleElement().satisfies(e -> assertThat(e.isTooLarge()).isTrue());
    }

    @Property(tries = 300)
    void neverThrowsAndIsValidExactlyWhenNoErrors(@ForAll("envelopes") Map<String, Object> raw) {
        EventValidator.Outcome outcome = check(raw);
        assertThat(outcome.valid()).isEqualTo(outcome.event() != null);
        outcome.errors().forEach(e -> assertThat(e.index()).isEqualTo(3));
    }

    @Provide
    Arbitrary<Map<String, Object>> envelopes() {
        Arbitrary<String> keys = Arbitraries.of("event", "id", "actor", "timestamp", "trustTier", "properties",
                "source", "traceId", "businessId", "bogus");
        Arbitrary<Object> values = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.of("order.created", "T2", "x.y").map(s -> (Object) s),
                Arbitraries.just(Map.of("id", "a")),
                Arbitraries.just(List.of(1, 2)),
                Arbitraries.just(true));
        return Arbitraries.maps(keys, values).ofMaxSize(8);
    }
}
