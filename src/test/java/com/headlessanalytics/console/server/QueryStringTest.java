package com.headlessanalytics.console.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.headlessanalytics.console.api.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryStringTest {

    @Test
    void decodesPercentEscapesAndPlusAsUtf8() {
        assertThat(QueryString.decode("order.created")).isEqualTo("order.created");
        assertThat(QueryString.decode("a+b%20c")).isEqualTo("a b c");
        assertThat(QueryString.decode("caf%C3%A9")).isEqualTo("café");
        String rawUtf8AsLatin1 = new String("café".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertThat(QueryString.decode(rawUtf8AsLatin1)).isEqualTo("café");
    }

    @Test
    void malformedEscapesAndUtf8AreNull() {
        assertThat(QueryString.decode("%")).isNull();
        assertThat(QueryString.decode("%4")).isNull();
        assertThat(QueryString.decode("%zz")).isNull();
        assertThat(QueryString.decode("%C3%28")).isNull();
        assertThat(QueryString.decode("%ED%A0%80")).isNull();
    }

    @Test
    void parsesKnownParametersOnce() {
        assertThat(QueryString.parse("event=a&limit=5&&", Set.of("event", "limit")))
                .containsExactly(java.util.Map.entry("event", "a"), java.util.Map.entry("limit", "5"));
        assertThat(QueryString.parse(null, Set.of())).isEmpty();
        assertThat(QueryString.parse("event", Set.of("event"))).containsEntry("event", "");
    }

    @Test
    void refusesUnknownAndRepeatedParametersNamingEach() {
        assertThatThrownBy(() -> QueryString.parse("event=a&x%01y=1&event=b", Set.of("event")))
                .isInstanceOfSatisfying(ApiException.Client.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.details()).extracting(d -> d.field()).containsExactly("x?y", "event");
                });
    }
}
