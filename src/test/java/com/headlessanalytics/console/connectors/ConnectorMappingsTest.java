package com.headlessanalytics.console.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Connectors;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every provider's fixture (a record shaped like the provider's own webhook or export) mapped to its
 * exact canonical envelope; the rules of docs/connectors.md: ids, unmapped fields, recognition,
 * transforms and the errors of bad values.
 */
class ConnectorMappingsTest {
    private static final ConnectorRegistry REGISTRY = ConnectorRegistry.standard();

    static List<String> providers() {
        return REGISTRY.ids();
    }

    static List<Object> fixture(String provider) {
        return read("fixtures/" + provider + ".json");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> read(String resource) {
        try (InputStream in = ConnectorMappingsTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return ApiJson.mapper().readValue(in, List.class);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static MappedRecord map(String provider, Object record) {
        return REGISTRY.provider(provider).map(null, record);
    }

    @ParameterizedTest
    @MethodSource("providers")
    void everyFixtureRecordMapsToItsExactEnvelope(String provider) {
        List<Object> records = fixture(provider);
        List<Object> expected = read("expected/" + provider + ".json");
        assertThat(records).hasSameSizeAs(expected).isNotEmpty();
        for (int i = 0; i < records.size(); i++) {
            MappedRecord m = map(provider, records.get(i));
            assertThat(m.errors()).as(provider + "[" + i + "]").isEmpty();
            assertThat(ApiJson.write(m.envelope())).as(provider + "[" + i + "]").isEqualTo(ApiJson.write(expected.get(i)));
            assertThat(((Map<?, ?>) m.envelope().get("source")).get("connector")).isEqualTo(provider);
        }
    }

    @ParameterizedTest
    @MethodSource("providers")
    void everyProviderHasADocumentedFixtureForEachRecordType(String provider) {
        ProviderMapping p = REGISTRY.provider(provider);
        assertThat(p.docs()).startsWith("https://");
        List<String> seen = fixture(provider).stream().map(r -> map(provider, r).recordType()).distinct().toList();
        assertThat(seen).containsExactlyInAnyOrderElementsOf(p.typeNames());
    }

    @ParameterizedTest(name = "{0}[{1}] {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            shopify    | 0 | order             | order.created            | shopify:order:820982911946154508                  | 149.00  | USD | 1714572902000 | 115310627314723954
            shopify    | 1 | order             | order.created            | shopify:order:order_1                             | 149     | USD | -             | -
            shopify    | 2 | refund            | order.refunded           | shopify:refund:509562969                          | -69.50  | USD | 1714741200000 | 548380009
            shopify    | 3 | customer          | customer.created         | shopify:customer:207119551                        | -       | -   | 1713614400000 | 207119551
            stripe     | 0 | charge            | payment.succeeded        | stripe:charge:ch_3MmlLrLkdIwHu7ix0snN0B15         | 149.00  | USD | 1714558500000 | cus_NffrFeUfNV2Hib
            stripe     | 1 | charge            | payment.failed           | stripe:charge:ch_3MmlLrLkdIwHu7ix1fail0001        | -       | -   | 1714558600000 | cus_NffrFeUfNV2Hib
            stripe     | 2 | charge            | payment.succeeded        | stripe:charge:ch_3MmlLrLkdIwHu7ix2jpy00001        | 5000    | JPY | 1714558700000 | cus_NffrFeUfNV2Hib
            stripe     | 3 | payment_intent    | payment_intent.succeeded | stripe:payment_intent:pi_3MtwBwLkdIwHu7ix28a3tqPa | -       | -   | 1714558800000 | cus_NffrFeUfNV2Hib
            stripe     | 4 | invoice           | invoice.paid             | stripe:invoice:in_1MtHbELkdIwHu7ixl4OzzPMv        | -       | -   | 1714558920000 | cus_NeZwdNtLEOXuvB
            stripe     | 5 | refund            | payment.refunded         | stripe:refund:re_1Nispe2eZvKYlo2Cd31jOCgZ         | -69.50  | USD | 1714731300000 | -
            salesforce | 0 | lead              | lead.created             | salesforce:lead:00Q5e00000ABCdeEAF                | -       | -   | 1714660200000 | 00Q5e00000ABCdeEAF
            salesforce | 1 | opportunity       | opportunity.won          | salesforce:opportunity:0065e00000GhIjkAAF         | -       | -   | 1716223500000 | 0015e00000LmNopAAF
            hubspot    | 0 | contact           | lead.created             | hubspot:contact:512                               | -       | -   | 1714809600000 | 512
            hubspot    | 1 | deal              | deal.won                 | hubspot:deal:9001                                 | -       | -   | 1717070400000 | 910901
            google_ads | 0 | conversion        | ad.conversion            | google_ads:conversion:1001                        | -       | -   | 1714573200000 | -
            google_ads | 1 | click             | ad.clicked               | google_ads:click:Cj0KCQjw-ai0BhBRARIsAJ3ZsO7      | -       | -   | 1714521600000 | -
            google_ads | 2 | campaign_cost     | ad.cost                  | google_ads:campaign_cost:111:2024-05-01           | -       | -   | 1714521600000 | -
            meta_ads   | 0 | insights          | ad.cost                  | meta_ads:insights:120210000000000003:2024-05-02   | -       | -   | 1714608000000 | -
            meta_ads   | 1 | lead              | lead.created             | meta_ads:lead:1053394985947563                    | -       | -   | 1714675512000 | 1053394985947563
            amazon     | 0 | order             | order.created            | amazon:order:902-3159896-1390916                  | 25.99   | USD | 1714933800000 | x7kq2jzv8y@marketplace.amazon.com
            amazon     | 1 | order             | order.canceled           | amazon:order:902-1845936-5435065                  | -       | -   | 1714935600000 | -
            klaviyo    | 0 | email_event       | email.opened             | klaviyo:email_event:3ZVcbFYcBxv                   | -       | -   | 1714900000000 | 01HWX6ZQ5S
            klaviyo    | 1 | email_event       | email.clicked            | klaviyo:email_event:4ABCdEf7gHi                   | -       | -   | 1714900500000 | 01HWX6ZQ5S
            mailchimp  | 0 | campaign_activity | email.clicked            | -                                                 | -       | -   | 1714993320000 | 62eeb292278cc15f5817cb78f7790b08
            mailchimp  | 1 | list_event        | email.unsubscribed       | -                                                 | -       | -   | 1714998600000 | 8a25ff1d98
            youtube    | 0 | video_day         | video.daily_stats        | youtube:video_day:dQw4w9WgXcQ:2024-05-06          | -       | -   | 1714953600000 | -
            tiktok     | 0 | ads_report        | ad.cost                  | -                                                 | -       | -   | 1714953600000 | -
            tiktok     | 1 | video             | video.stats_reported     | tiktok:video:7365432109876543210                  | -       | -   | 1714991400000 | -
            field_ops  | 0 | work_order        | work_order.completed     | field_ops:work_order:61234567                     | -       | -   | 1715096400000 | 4400123
            field_ops  | 1 | visit             | visit.completed          | field_ops:visit:71230001                          | -       | -   | 1715094300000 | 4400123
            qr         | 0 | scan              | qr.scanned               | qr:scan:scn_01HX2Q8J4K                            | -       | -   | 1715104931000 | v_9f8e7d6c
            rfid       | 0 | object_event      | rfid.tag_read            | -                                                 | -       | -   | 1715146200000 | -
            rfid       | 1 | tag_read          | rfid.tag_read            | rfid:tag_read:impinj-14-1f-e2:E28011700000020E1A2B3C4D:2024-05-08T05:31:02.123456Z | - | - | 1715146262123 | impinj-14-1f-e2
            sensor     | 0 | reading           | sensor.reading           | sensor:reading:urn:dev:ow:10e2073a01080063::temperature:1715160000 | - | - | 1715160000000 | urn:dev:ow:10e2073a01080063:
            sensor     | 1 | reading           | sensor.reading           | sensor:reading:urn:dev:ow:10e2073a01080063::door:1715160030.5 | - | - | 1715160030500 | urn:dev:ow:10e2073a01080063:
            robotics   | 0 | task              | robot.task_assigned      | robotics:task:AMR-0042:pick-2024-05-08-0017:0     | -       | -   | 1715162400000 | AMR-0042
            robotics   | 1 | state             | robot.state_reported     | robotics:state:AMR-0042:912                       | -       | -   | 1715162670000 | AMR-0042
            generic    | 0 | event             | subscription.renewed     | generic:event:evt-2024-05-08-0001                 | 29.90   | EUR | 1715162400000 | c_123
            generic    | 1 | event             | Order Completed          | generic:event:ajs-next-1715162500-1               | -       | -   | 1715162500000 | 97980cfea0067
            """)
    void keyFieldsOfEachFixtureRecord(String provider, int index, String type, String event, String eventId,
                                      String revenue, String currency, Long timestamp, String actor) {
        MappedRecord m = map(provider, fixture(provider).get(index));
        assertThat(m.errors()).isEmpty();
        assertThat(m.recordType()).isEqualTo(type);
        Map<String, Object> e = m.envelope();
        assertThat(e.get("event")).isEqualTo(event);
        if (eventId != null) {
            assertThat(m.eventId()).isEqualTo(eventId);
        } else {
            assertThat(m.eventId()).matches(provider + ":" + type + ":sha256:[0-9a-f]{32}");
        }
        assertThat(e.get("id")).isEqualTo(m.eventId());
        Map<?, ?> outcome = (Map<?, ?>) e.get("outcome");
        if (revenue == null) {
            assertThat(outcome == null ? null : outcome.get("revenue")).isNull();
        } else {
            assertThat(outcome.get("revenue")).isInstanceOf(String.class).isEqualTo(revenue);
            assertThat(new BigDecimal((String) outcome.get("revenue"))).isEqualByComparingTo(revenue);
            assertThat(outcome.get("currency")).isEqualTo(currency);
        }
        assertThat(e.get("timestamp")).isEqualTo(timestamp);
        Object a = e.get("actor");
        assertThat(a instanceof Map<?, ?> am ? am.get("id") : a).isEqualTo(actor);
        assertThat(((Map<?, ?>) e.get("source")).get("connector")).isEqualTo(provider);
    }

    @Test
    void theReferenceExampleBecomesAnOrderWithExactRevenue() {
        MappedRecord m = REGISTRY.provider("shopify").map(null,
                Map.of("id", "order_1", "total_price", 149, "currency", "USD"));
        assertThat(m.errors()).isEmpty();
        assertThat(m.eventId()).isEqualTo("shopify:order:order_1");
        assertThat(m.envelope()).containsEntry("event", "order.created")
                .containsEntry("outcome", Map.of("revenue", "149", "currency", "USD"));
    }

    @Test
    void unmappedFieldsAreKeptUnderPropertiesWithoutOverwritingMappedOnes() {
        ProviderMapping p = ConnectorRegistry.parse("t.json", """
                {"id":"t","title":"T","category":"test","docs":"https://example.com/t","recordTypes":[
                  {"type":"thing","description":"a thing","id":"id","event":"thing.seen","fields":{
                    "properties.colour":"paint.colour","properties.size":"dims.size"}}]}""");
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", "a1");
        record.put("paint", Map.of("colour", "red"));
        record.put("dims", Map.of("size", 3));
        record.put("colour", "blue");
        record.put("amount", "12.00");
        record.put("total", 99);
        record.put("nested", Map.of("k", List.of(1, 2)));
        record.put("gone", null);
        MappedRecord m = p.map(null, record);
        assertThat(m.errors()).isEmpty();
        assertThat(ApiJson.write(m.envelope().get("properties"))).isEqualTo(
                "{\"colour\":\"red\",\"size\":3,\"raw_colour\":\"blue\",\"raw_amount\":\"12.00\",\"raw_total\":99,"
                        + "\"nested\":{\"k\":[1,2]}}");
        assertThat(m.recordField("properties.nested.k")).isEqualTo("nested.k");
        assertThat(m.recordField("properties.raw_amount")).isEqualTo("amount");
        assertThat(m.recordField("properties.colour")).isEqualTo("paint.colour");
    }

    @Test
    void aRecordWithoutAnIdGetsAWarningAndAStableContentId() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("total_price", "10.00");
        a.put("currency", "EUR");
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("currency", "EUR");
        b.put("total_price", "10.00");
        MappedRecord first = map("shopify", a);
        MappedRecord second = map("shopify", b);
        assertThat(first.eventId()).matches("shopify:order:content:[0-9a-f]{32}").isEqualTo(second.eventId());
        assertThat(first.recordId()).isNull();
        assertThat(first.warnings()).extracting(Connectors.Note::field, Connectors.Note::code)
                .contains(org.assertj.core.groups.Tuple.tuple("id", "missing_id"));
        assertThat(map("shopify", Map.of("total_price", "10.01", "currency", "EUR")).eventId()).isNotEqualTo(first.eventId());
    }

    @Test
    void idsOutsideThePlainAlphabetOrTooLongAreHashed() {
        assertThat(EventIds.eventId("p", "t", "a.b_c:d@e/f-9")).isEqualTo("p:t:a.b_c:d@e/f-9");
        assertThat(EventIds.eventId("p", "t", "has space")).matches("p:t:sha256:[0-9a-f]{32}");
        assertThat(EventIds.eventId("p", "t", "é")).matches("p:t:sha256:[0-9a-f]{32}");
        assertThat(EventIds.eventId("p", "t", "x".repeat(252))).hasSize(256);
        assertThat(EventIds.eventId("p", "t", "x".repeat(253))).matches("p:t:sha256:[0-9a-f]{32}");
        assertThat(EventIds.eventId("p", "t", "has space")).isEqualTo(EventIds.eventId("p", "t", "has space"));
    }

    @Test
    void recordsOfTheWrongShapeAreRefusedWithoutThrowing() {
        for (Object bad : java.util.Arrays.asList("a string", List.of(1, 2), null, 42, true)) {
            MappedRecord m = map("shopify", bad);
            assertThat(m.valid()).isFalse();
            assertThat(m.errors()).singleElement().satisfies(n -> {
                assertThat(n.code()).isEqualTo("invalid_type");
                assertThat(n.field()).isNull();
                assertThat(n.message()).startsWith("a record must be a JSON object, got ");
            });
        }
    }

    @Test
    void tooDeepAndTooLargeRecordsAreRefused() {
        Object deep = "leaf";
        for (int i = 0; i < ProviderMapping.MAX_RECORD_DEPTH; i++) {
            deep = Map.of("k", deep);
        }
        assertThat(map("generic", Map.of("event", "x", "d", deep)).errors()).extracting(Connectors.Note::code)
                .containsExactly("invalid_value");
        Object ok = "leaf";
        for (int i = 0; i < ProviderMapping.MAX_RECORD_DEPTH - 1; i++) {
            ok = Map.of("k", ok);
        }
        assertThat(map("generic", Map.of("event", "x", "d", ok)).errors()).isEmpty();
        Object veryDeep = "leaf";
        for (int i = 0; i < 100_000; i++) {
            veryDeep = List.of(veryDeep);
        }
        assertThat(map("generic", Map.of("event", "x", "d", veryDeep)).errors()).extracting(Connectors.Note::code)
                .containsExactly("invalid_value");
        String big = "x".repeat(Connectors.MAX_RECORD_BYTES);
        assertThat(map("shopify", Map.of("id", "o", "total_price", "1", "note", big)).errors())
                .extracting(Connectors.Note::code).containsExactly("too_large");
        assertThat(map("shopify", Map.of("id", "o", "total_price", "1", "note", "x".repeat(60_000))).errors()).isEmpty();
    }

    @Test
    void badValuesAreErrorsNamingTheRecordField() {
        MappedRecord amount = map("shopify", Map.of("id", "o1", "total_price", "12,50", "currency", "USD"));
        assertThat(amount.errors()).singleElement().satisfies(n -> {
            assertThat(n.field()).isEqualTo("total_price");
            assertThat(n.code()).isEqualTo("invalid_amount");
            assertThat(n.message()).contains("\"12,50\"");
        });
        assertThat(amount.envelope()).isNull();
        MappedRecord time = map("shopify", Map.of("id", "o1", "total_price", "1", "created_at", "yesterday"));
        assertThat(time.errors()).extracting(Connectors.Note::field, Connectors.Note::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("created_at", "invalid_timestamp"));
        MappedRecord currency = map("shopify", Map.of("id", "o1", "total_price", "1", "currency", "dollars"));
        assertThat(currency.errors()).extracting(Connectors.Note::code).containsExactly("invalid_currency");
        MappedRecord cents = map("stripe", Map.of("object", "charge", "id", "ch_1", "amount", "12.5", "currency", "usd",
                "status", "succeeded"));
        assertThat(cents.errors()).extracting(Connectors.Note::field, Connectors.Note::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("amount", "invalid_amount"));
        MappedRecord noEvent = map("generic", Map.of("id", "g1"));
        assertThat(noEvent.errors()).extracting(Connectors.Note::field, Connectors.Note::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("event", "required"));
    }

    @Test
    void recordsAreRecognisedByTheirFieldsOrReadAsTheNamedType() {
        assertThat(map("stripe", Map.of("object", "refund", "id", "re_1")).recordType()).isEqualTo("refund");
        MappedRecord unknown = map("stripe", Map.of("object", "payout", "id", "po_1"));
        assertThat(unknown.errors()).singleElement().satisfies(n -> {
            assertThat(n.code()).isEqualTo("unrecognised_record");
            assertThat(n.message()).contains("charge, payment_intent, invoice, refund");
        });
        MappedRecord named = REGISTRY.provider("shopify").map("customer", Map.of("id", 5, "total_price", "1"));
        assertThat(named.recordType()).isEqualTo("customer");
        assertThat(named.eventId()).isEqualTo("shopify:customer:5");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            2024-05-01T10:15:00Z            | 1714558500000
            2024-05-01T10:15:00.250Z        | 1714558500250
            2024-05-01T12:15:00+02:00       | 1714558500000
            2024-05-01T10:15:00.000+0000    | 1714558500000
            2024-05-01 06:15:00-04:00       | 1714558500000
            2024-05-01 10:15:00             | 1714558500000
            2024-05-01T10:15                | 1714558500000
            2024-05-01                      | 1714521600000
            1714558500                      | 1714558500000
            1714558500250                   | 1714558500250
            """)
    void timesAreReadFromIsoTextDatesAndEpochNumbers(String text, long millis) throws Exception {
        assertThat(Transform.parse("time").apply(text, null)).isEqualTo(millis);
        if (!text.contains("-")) {
            assertThat(Transform.parse("time").apply(new BigDecimal(text), null)).isEqualTo(millis);
        }
    }

    @Test
    void amountsStayExactDecimals() throws Exception {
        assertThat(Transform.parse("minor").apply(14900L, "usd")).isEqualTo("149.00");
        assertThat(Transform.parse("minor").apply(5000, "JPY")).isEqualTo("5000");
        assertThat(Transform.parse("minor").apply(1234, "KWD")).isEqualTo("1.234");
        assertThat(Transform.parse("minor").apply("99", null)).isEqualTo("0.99");
        assertThat(Transform.parse("micros").apply("48250000", null)).isEqualTo("48.250000");
        assertThat(Transform.parse("decimal").apply(new BigDecimal("0.1"), null)).isEqualTo("0.1");
        assertThat(Transform.parse("decimal").apply(0.1d, null)).isEqualTo("0.1");
        assertThat(Transform.parse("decimal").apply("1e3", null)).isEqualTo("1000");
        assertThat(Transform.parse("negate").apply("69.50", null)).isEqualTo("-69.50");
        assertThat(Transform.parse("query:utm_campaign").apply("/p?utm_campaign=spring%20launch&x=1", null))
                .isEqualTo("spring launch");
        assertThat(Transform.parse("query:utm_campaign").apply("/p?x=1", null)).isNull();
    }

    @Test
    void theProviderListDescribesEveryProviderAndRecordType() {
        List<Connectors.Provider> all = REGISTRY.describe();
        assertThat(all).extracting(Connectors.Provider::id).containsExactly("shopify", "stripe", "salesforce",
                "hubspot", "google_ads", "meta_ads", "amazon", "klaviyo", "mailchimp", "youtube", "tiktok", "field_ops",
                "qr", "rfid", "sensor", "robotics", "generic");
        Connectors.Provider stripe = all.get(1);
        assertThat(stripe.recordTypes()).extracting(Connectors.RecordType::type)
                .containsExactly("charge", "payment_intent", "invoice", "refund");
        assertThat(stripe.recordTypes().get(0).event())
                .isEqualTo("payment.succeeded | payment.failed | payment.pending | payment.updated");
        List<String> blank = new ArrayList<>();
        for (Connectors.Provider p : all) {
            p.recordTypes().forEach(t -> {
                if (t.description().isBlank() || t.event().isBlank()) {
                    blank.add(p.id() + "." + t.type());
                }
            });
        }
        assertThat(blank).isEmpty();
    }
}
