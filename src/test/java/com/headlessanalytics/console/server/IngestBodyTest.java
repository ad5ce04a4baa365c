package com.headlessanalytics.console.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.headlessanalytics.console.api.ApiException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IngestBodyTest {

    @Test
    void utf8CheckAgreesWithTheJdkStrictDecoder() {
        Random random = new Random(42);
        byte[] alphabet = {'a', '{', (byte) 0x7f, (byte) 0x80, (byte) 0x9f, (byte) 0xa0, (byte) 0xbf, (byte) 0xc0,
            (byte) 0xc2, (byte) 0xdf, (byte) 0xe0, (byte) 0xed, (byte) 0xef, (byte) 0xf0, (byte) 0xf4, (byte) 0xf5,
            (byte) 0xff, (byte) 0x8f, (byte) 0x90};
        for (int run = 0; run < 100_000; run++) {
            byte[] b = new byte[random.nextInt(7)];
            for (int i = 0; i < b.length; i++) {
                b[i] = alphabet[random.nextInt(alphabet.length)];
            }
            assertThat(IngestBody.firstInvalidUtf8(b, b.length) < 0).as("%s", java.util.HexFormat.of().formatHex(b))
                    .isEqualTo(jdkAccepts(b));
        }
    }

    @Test
    void utf8CheckAcceptsEveryCodePointAndRefusesNul() {
        StringBuilder all = new StringBuilder();
        for (int cp = 1; cp <= Character.MAX_CODE_POINT; cp += cp < 0x800 ? 1 : 97) {
            if (cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE) {
                all.appendCodePoint(cp);
            }
        }
        byte[] valid = all.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(IngestBody.firstInvalidUtf8(valid, valid.length)).isEqualTo(-1);
        assertThat(IngestBody.firstInvalidUtf8(new byte[] {'{', 0, '}'}, 3)).isEqualTo(1);
        assertThat(IngestBody.firstInvalidUtf8(new byte[] {'{', '}', 0}, 2)).as("only the first n bytes").isEqualTo(-1);
    }

    @Test
    void singleEnvelopeAndBatchShapes() {
        assertThat(parse("{\"event\":\"a\"}")).containsExactly(Map.of("event", "a"));
        assertThat(parse("{\"events\":[{\"event\":\"a\"},{\"event\":\"b\"}]}")).hasSize(2);
        assertThat(parse("{\"events\":[],\"event\":\"x\"}"))
                .as("an object with more keys than events is one envelope").hasSize(1);
        assertThat(parse("{\"events\":[]}")).isEmpty();
    }

    @Test
    void numbersStayExact() {
        Map<String, Object> event = parse("{\"event\":\"a\",\"properties\":{\"amount\":0.1}}").get(0);
        assertThat(((Map<?, ?>) event.get("properties")).get("amount")).isEqualTo(new java.math.BigDecimal("0.1"));
    }

    @Test
    void contentTypeRules() {
        IngestBody.checkContentType(List.of("application/json"));
        IngestBody.checkContentType(List.of("application/json; charset=UTF-8"));
        for (List<String> bad : List.of(List.<String>of(), List.of("application/json", "application/json"),
                List.of("text/json"), List.of("application/json; charset=latin1"))) {
            assertThatThrownBy(() -> IngestBody.checkContentType(bad)).isInstanceOfSatisfying(ApiException.Client.class,
                    e -> assertThat(e.status()).isEqualTo(415));
        }
    }

    private static boolean jdkAccepts(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b));
            for (byte x : b) {
                if (x == 0) {
                    return false;
                }
            }
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static List<Map<String, Object>> parse(String json) {
        byte[] padded = java.util.Arrays.copyOf(json.getBytes(StandardCharsets.UTF_8), json.length() * 3 + 8);
        return IngestBody.parse(padded, json.getBytes(StandardCharsets.UTF_8).length);
    }
}
