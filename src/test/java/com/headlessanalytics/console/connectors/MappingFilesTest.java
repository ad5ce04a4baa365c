package com.headlessanalytics.console.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A broken mapping file fails the load at once, naming the file, the place in it and the rule. */
class MappingFilesTest {
    private static final String HEAD = "{\"id\":\"t\",\"title\":\"T\",\"category\":\"test\",\"docs\":\"https://example.com/t\",";

    private static String typed(String fields) {
        return HEAD + "\"recordTypes\":[{\"type\":\"thing\",\"description\":\"a thing\",\"id\":\"id\",\"event\":\"thing.seen\","
                + "\"fields\":{" + fields + "}}]}";
    }

    @Test
    void theShippedFilesLoad() {
        assertThat(ConnectorRegistry.standard().ids()).hasSize(17);
    }

    @Test
    void aWellFormedFileCompiles() {
        ProviderMapping p = ConnectorRegistry.parse("t.json", typed("\"properties.colour\":\"colour\""));
        assertThat(p.typeNames()).containsExactly("thing");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            "properties.colour":{"from":"c","transform":"decimel"}          | recordTypes[0].fields.properties.colour.transform: 'decimel' is not a transform
            "colour":"c"                                                     | recordTypes[0].fields.colour: 'colour' is not an envelope field
            "event":"c"                                                      | recordTypes[0].fields.event: 'event' is not an envelope field
            "outcome.revenue":"price"                                        | revenue must end with an amount transform
            "properties.amount":{"from":"a","transform":"decimal"}           | the revenue rule reads properties.amount
            "timestamp":"created_at"                                         | recordTypes[0].fields.timestamp: must read the record and end with a time transform
            "timestamp.x":{"from":"t","transform":"time"}                    | timestamp is a single value
            "trustTier":{"value":"T9"}                                       | recordTypes[0].fields.trustTier: must be one of T0, T1, T2, T3, T4
            "properties.x":{"from":"a","value":"b"}                          | needs exactly one of from (record paths) and value
            "properties.x":{"from":"a..b"}                                   | 'a..b' is not a record path
            "properties.x":{"from":"a","colour":"red"}                       | recordTypes[0].fields.properties.x.colour: unknown key
            "properties.x":{"from":"a","currencyFrom":"c"}                   | currencyFrom: is only read by the minor transform
            "source.connector":"c"                                           | source.connector is set to the provider id
            "properties.x":{"from":"a","required":"yes"}                     | required: must be true or false
            """)
    void aBrokenFieldFailsTheLoad(String fields, String expected) {
        assertThatThrownBy(() -> ConnectorRegistry.parse("t.json", typed(fields)))
                .isInstanceOf(MappingException.class)
                .hasMessageStartingWith("connector mapping t.json: ")
                .hasMessageContaining(expected);
    }

    @Test
    void brokenFilesFailTheLoad() {
        assertThatThrownBy(() -> ConnectorRegistry.parse("t.json", "{\"id\":"))
                .isInstanceOf(MappingException.class).hasMessageContaining("t.json: not valid JSON");
        assertThatThrownBy(() -> ConnectorRegistry.parse("u.json", typed("")))
                .hasMessageContaining("id: is 't' but the file is u.json");
        assertThatThrownBy(() -> ConnectorRegistry.parse("t.json", typed("").replace("https://example.com/t", "http://x")))
                .hasMessageContaining("docs: must be the https:// link");
        assertThatThrownBy(() -> ConnectorRegistry.parse("t.json", typed("").replace("\"thing.seen\"", "\"\"")))
                .hasMessageContaining("recordTypes[0].event: is not an event name");
        assertThatThrownBy(() -> ConnectorRegistry.parse("t.json", typed("").replace("\"type\":\"thing\"", "\"type\":\"Thing!\"")))
                .hasMessageContaining("recordTypes[0].type: 'Thing!' must be lower-case");
        assertThatThrownBy(() -> ConnectorRegistry.parse("t.json", typed("").replace("\"title\":\"T\",", "")))
                .hasMessageContaining("title: is required text");
        assertThatThrownBy(() -> ConnectorRegistry.parse("t.json", HEAD + "\"recordTypes\":[]}"))
                .hasMessageContaining("recordTypes: must be a non-empty array");
        String twoTypes = HEAD + "\"recordTypes\":[{\"type\":\"a\",\"description\":\"d\",\"event\":\"a.b\",\"fields\":{}},"
                + "{\"type\":\"b\",\"description\":\"d\",\"event\":\"a.b\",\"fields\":{}}]}";
        assertThatThrownBy(() -> ConnectorRegistry.parse("t.json", twoTypes))
                .hasMessageContaining("recordTypes[0].match: matches every record");
        assertThatThrownBy(() -> ConnectorRegistry.parse("t.json", twoTypes.replace("\"type\":\"b\"", "\"type\":\"a\"")
                .replace("\"fields\":{}},", "\"match\":{\"present\":[\"x\"]},\"fields\":{}},")))
                .hasMessageContaining("'a' is defined twice");
        assertThatThrownBy(() -> ConnectorRegistry.parse("t.json", typed("").replace("\"event\":\"thing.seen\"",
                "\"event\":{\"from\":\"s\",\"map\":{\"ok\":\"\"}}")))
                .hasMessageContaining("recordTypes[0].event.map.ok: is not an event name");
        assertThatThrownBy(() -> ConnectorRegistry.parse("t.json", "{\"id\":\"t\",\"id\":\"u\"}"))
                .hasMessageContaining("not valid JSON").hasMessageContaining("Duplicate field 'id'");
    }
}
