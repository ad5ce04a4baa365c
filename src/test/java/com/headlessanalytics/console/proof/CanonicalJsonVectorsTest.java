package com.headlessanalytics.console.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * RFC 8785 (JCS) through {@link CanonicalJson}: the RFC's own examples (§3.2.2 and the Appendix B
 * number table), the input/output pairs of cyberphone/json-canonicalization's testdata, and its
 * deterministic ES6 number sequence, whose SHA-256 after 1,000 and 100,000 lines that project
 * publishes.
 */
class CanonicalJsonVectorsTest {
    @ParameterizedTest
    @ValueSource(strings = {"arrays", "french", "structures", "unicode", "values", "weird"})
    void theTestdataInputsCanonicalizeToTheirOutputs(String name) throws IOException {
        String input = new String(resource("input/" + name + ".json"), StandardCharsets.UTF_8);
        byte[] output = resource("output/" + name + ".json");
        assertThat(CanonicalJson.canonicalize(input).getBytes(StandardCharsets.UTF_8)).isEqualTo(output);
        assertThat(CanonicalJson.canonicalize(new String(output, StandardCharsets.UTF_8)))
                .as("canonical form is a fixed point").isEqualTo(new String(output, StandardCharsets.UTF_8));
    }

    /** RFC 8785 §3.2.2: the example of how values are serialized. */
    @Test
    void theRfcsSerializationExample() {
        String input = "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n"
                + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
                + "  \"literals\": [null, true, false]\n}";
        assertThat(CanonicalJson.canonicalize(input)).isEqualTo("{\"literals\":[null,true,false],\"numbers\":"
                + "[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    /** RFC 8785 §3.2.3: properties sorted by their UTF-16 code units. */
    @Test
    void theRfcsSortingExample() {
        String input = "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With"
                + " Dagesh\",\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\","
                + "\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";
        List<String> keys = new ArrayList<>();
        com.fasterxml.jackson.databind.JsonNode node = ChainRecord.parse(CanonicalJson.canonicalize(input));
        node.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33");
    }

    /** RFC 8785 Appendix B: IEEE-754 bits and their canonical text. */
    @Test
    void theRfcsNumberTable() {
        Map<String, String> table = new java.util.LinkedHashMap<>();
        table.put("0000000000000000", "0");
        table.put("8000000000000000", "0");
        table.put("0000000000000001", "5e-324");
        table.put("8000000000000001", "-5e-324");
        table.put("7fefffffffffffff", "1.7976931348623157e+308");
        table.put("ffefffffffffffff", "-1.7976931348623157e+308");
        table.put("4340000000000000", "9007199254740992");
        table.put("c340000000000000", "-9007199254740992");
        table.put("4430000000000000", "295147905179352830000");
        table.put("44b52d02c7e14af5", "9.999999999999997e+22");
        table.put("44b52d02c7e14af6", "1e+23");
        table.put("44b52d02c7e14af7", "1.0000000000000001e+23");
        table.put("444b1ae4d6e2ef4e", "999999999999999700000");
        table.put("444b1ae4d6e2ef4f", "999999999999999900000");
        table.put("444b1ae4d6e2ef50", "1e+21");
        table.put("3eb0c6f7a0b5ed8c", "9.999999999999997e-7");
        table.put("3eb0c6f7a0b5ed8d", "0.000001");
        table.put("41b3de4355555553", "333333333.3333332");
        table.put("41b3de4355555554", "333333333.33333325");
        table.put("41b3de4355555555", "333333333.3333333");
        table.put("41b3de4355555556", "333333333.3333334");
        table.put("41b3de4355555557", "333333333.33333343");
        table.put("becbf647612f3696", "-0.0000033333333333333333");
        table.put("43143ff3c1cb0959", "1424953923781206.2");
        table.forEach((bits, expected) -> assertThat(canonicalNumber(Double.longBitsToDouble(
                Long.parseUnsignedLong(bits, 16)))).as(bits).isEqualTo(expected));
    }

    @Test
    void nanAndInfinityAreNotJson() {
        assertThatThrownBy(() -> CanonicalJson.canonicalize("[NaN]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.canonicalize("[Infinity]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.canonicalize("[1e400]")).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The ES6 number test file of cyberphone/json-canonicalization (testdata/README.md): lines
     * "hex-bits,canonical text", generated from fixed values, a serial run, then SHA-256 blocks;
     * the SHA-256 of the first 1,000 and 100,000 lines is published there.
     */
    @Test
    void theEs6NumberSequenceHasThePublishedHashes() throws IOException {
        MessageDigest digest = Hashes.sha256();
        Es6Numbers numbers = new Es6Numbers(new String(resource("es6-static-values.txt"), StandardCharsets.US_ASCII)
                .lines().map(h -> Long.parseUnsignedLong(h.substring(2), 16)).toList());
        for (int line = 1; line <= 100_000; line++) {
            double d = numbers.next();
            digest.update((Long.toHexString(Double.doubleToRawLongBits(d)) + "," + canonicalNumber(d) + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            if (line == 1000) {
                assertThat(Hashes.hex(((MessageDigest) clone(digest)).digest()))
                        .isEqualTo("be18b62b6f69cdab33a7e0dae0d9cfa869fda80ddc712221570f9f40a5878687");
            }
        }
        assertThat(Hashes.hex(digest.digest()))
                .isEqualTo("22776e6d4b49fa294a0d0f349268e5c28808fe7e0cb2bcbe28f63894e494d4c7");
    }

    /** The generator of numgen.go: the static values, 2000 serial values, then SHA-256 blocks. */
    private static final class Es6Numbers {
        private final List<Long> statics;
        private int index;
        private byte[] block = new byte[32];
        private ByteBuffer data = ByteBuffer.allocate(0);

        Es6Numbers(List<Long> statics) {
            this.statics = statics;
        }

        double next() {
            double f = 0;
            if (index < statics.size()) {
                f = Double.longBitsToDouble(statics.get(index));
            } else if (index < statics.size() + 2000) {
                f = Double.longBitsToDouble(0x0010000000000000L + (index - statics.size()));
            } else {
                while (f == 0 || Double.isNaN(f) || Double.isInfinite(f)) {
                    if (!data.hasRemaining()) {
                        block = Hashes.sha256(block);
                        data = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
                    }
                    f = Double.longBitsToDouble(data.getLong());
                }
            }
            index++;
            return f;
        }
    }

    /** The canonical text of a number, through CanonicalJson (a JSON text that parses to exactly d). */
    static String canonicalNumber(double d) {
        String canonical = CanonicalJson.canonicalize("[" + Double.toString(d) + "]");
        return canonical.substring(1, canonical.length() - 1);
    }

    private static Object clone(MessageDigest d) {
        try {
            return d.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = CanonicalJsonVectorsTest.class.getResourceAsStream("/rfc8785/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
