package com.headlessanalytics.console.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Mapping never throws, whatever JSON a record holds: every provider and record type answers an
 * envelope or errors, and a mapped record always has its event id and {@code source.connector}.
 */
class MappingPropertyTest {
    private static final ConnectorRegistry REGISTRY = ConnectorRegistry.standard();

    @Property(tries = 200)
    void mappingAnyJsonNeverThrows(@ForAll("records") Object record) {
        for (ProviderMapping p : REGISTRY.all()) {
            List<String> types = new ArrayList<>(p.typeNames());
            types.add(null);
            for (String type : types) {
                MappedRecord m = p.map(type, record);
                assertThat(m.errors()).isNotNull();
                if (m.valid()) {
                    assertThat(m.eventId()).startsWith(p.id() + ":");
                    assertThat(m.envelope()).containsKey("event");
                    assertThat(((Map<?, ?>) m.envelope().get("source")).get("connector")).isEqualTo(p.id());
                } else {
                    assertThat(m.envelope()).isNull();
                    assertThat(m.errors()).allSatisfy(n -> assertThat(n.code()).isNotBlank());
                }
            }
        }
    }

    /** Keys the mapping files read (so paths resolve and transforms run) mixed with arbitrary ones. */
    @Provide
    Arbitrary<Object> records() {
        Arbitrary<String> keys = Arbitraries.oneOf(
                Arbitraries.of("id", "Id", "object", "status", "amount", "currency", "total_price", "created",
                        "created_at", "processed_at", "line_items", "customer", "email", "landing_site", "properties",
                        "event", "timestamp", "actor", "source", "outcome", "revenue", "attributes", "type", "0",
                        "metrics", "segments", "date_start", "field_data", "AmazonOrderId", "OrderTotal", "Amount",
                        "action", "fired_at", "data", "dimensions", "jobNumber", "appointmentNumber", "epcList",
                        "tagInventoryEvent", "n", "v", "t", "bn", "nodes", "batteryState", "view_count", "trustTier",
                        "dealstage", "lifecyclestage", "conversionDateTime", "clickView", "gclid", "transactions"),
                Arbitraries.strings().ofMaxLength(8));
        Arbitrary<Object> leaves = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(30).map(s -> (Object) s),
                Arbitraries.of("charge", "refund", "invoice", "payment_intent", "succeeded", "failed", "Lead",
                        "Opportunity", "ObjectEvent", "Closed Won", "usd", "JPY", "KWD", "2024-05-01T10:15:00Z",
                        "2024-05-01", "1714558500", "12,50", "NaN", "-1", "1e999", "/p?utm_source=x&utm_campaign=%zz",
                        "\ud800", "T9", "").map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(new BigDecimal("1E+400"), new BigDecimal("-0.000000000000000000001"),
                        new BigDecimal("149.00"), new BigDecimal("1714558500.5")).map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
        return Arbitraries.recursive(() -> leaves,
                inner -> Arbitraries.oneOf(
                        Arbitraries.maps(keys, inner).ofMaxSize(6).map(m -> (Object) m),
                        inner.list().ofMaxSize(4).map(l -> (Object) l)),
                0, 5)
                .flatMap(v -> Arbitraries.oneOf(Arbitraries.just(v),
                        Arbitraries.maps(keys, Arbitraries.just(v)).ofMinSize(1).ofMaxSize(3).map(m -> (Object) m)));
    }
}
