package com.headlessanalytics.console.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DSSE v1: the protocol's test vector, signing and verifying, and reading both base64 alphabets. */
class DsseTest {
    private static final String TYPE = "http://example.com/HelloWorld";

    /** protocol.md's test vector: PAE("http://example.com/HelloWorld", "hello world"). */
    @Test
    void paeIsTheProtocolsTestVector() {
        byte[] pae = Dsse.pae(TYPE, "hello world".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(pae, StandardCharsets.UTF_8))
                .isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
    }

    @Test
    void paeCountsBytesNotCharacters() {
        byte[] pae = Dsse.pae("t", "é".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(pae, StandardCharsets.UTF_8)).isEqualTo("DSSEv1 1 t 2 é");
        assertThat(Dsse.pae("", new byte[0])).isEqualTo("DSSEv1 0  0 ".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aSignedEnvelopeVerifiesAndAnyChangeToTypeOrPayloadBreaksIt() {
        KeyPair key = Ed25519.generate();
        Dsse.Envelope env = Dsse.sign(TYPE, "hello world".getBytes(StandardCharsets.UTF_8), key);
        assertThat(env.payload()).isEqualTo(Base64.getEncoder().encodeToString("hello world".getBytes()));
        assertThat(env.signatures()).singleElement().satisfies(s ->
                assertThat(s.keyid()).isEqualTo(Ed25519.fingerprint(key.getPublic())));
        Dsse.Signature sig = env.signatures().get(0);
        assertThat(Dsse.verifies(env, sig, key.getPublic())).isTrue();
        assertThat(Dsse.verifies(new Dsse.Envelope("http://example.com/Other", env.payload(), env.signatures()), sig,
                key.getPublic())).as("the type is signed").isFalse();
        assertThat(Dsse.verifies(new Dsse.Envelope(TYPE, Base64.getEncoder().encodeToString("hello World".getBytes()),
                env.signatures()), sig, key.getPublic())).isFalse();
        assertThat(Dsse.verifies(env, sig, Ed25519.generate().getPublic())).as("another key").isFalse();
        byte[] raw = Dsse.decodeBase64(sig.sig());
        byte[] pae = Dsse.pae(TYPE, "hello world".getBytes(StandardCharsets.UTF_8));
        assertThat(Ed25519.verify(key.getPublic(), pae, raw)).as("the signature is over the PAE bytes").isTrue();
    }

    @Test
    void anEnvelopeRoundTripsThroughItsCanonicalBytes() {
        KeyPair key = Ed25519.generate();
        Dsse.Envelope env = Dsse.sign(TYPE, "{\"a\":1}".getBytes(StandardCharsets.UTF_8), key);
        byte[] bytes = env.toBytes();
        assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("{\"payload\":\"")
                .contains("\"payloadType\":\"" + TYPE + "\",\"signatures\":[{\"keyid\":\"");
        assertThat(Dsse.parse(bytes)).isEqualTo(env);
    }

    @Test
    void readsStandardAndUrlSafeBase64WithOrWithoutPadding() {
        byte[] bytes = {(byte) 0xfb, (byte) 0xff, 0x01, 0x02};
        assertThat(Dsse.decodeBase64(Base64.getEncoder().encodeToString(bytes))).isEqualTo(bytes);
        assertThat(Dsse.decodeBase64(Base64.getUrlEncoder().encodeToString(bytes))).isEqualTo(bytes);
        assertThat(Dsse.decodeBase64(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes))).isEqualTo(bytes);
        assertThat(Dsse.decodeBase64(Base64.getEncoder().withoutPadding().encodeToString(bytes))).isEqualTo(bytes);
        KeyPair key = Ed25519.generate();
        Dsse.Envelope env = Dsse.sign(TYPE, bytes, key);
        Dsse.Signature s = env.signatures().get(0);
        Dsse.Envelope urlSafe = new Dsse.Envelope(TYPE, Base64.getUrlEncoder().encodeToString(bytes),
                List.of(new Dsse.Signature(s.keyid(), Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(Dsse.decodeBase64(s.sig())))));
        assertThat(Dsse.verifies(urlSafe, urlSafe.signatures().get(0), key.getPublic())).isTrue();
    }

    @Test
    void flagsBase64WithStrayBitsAsNotCanonical() {
        assertThat(Dsse.isCanonicalBase64("aGk=")).isTrue();
        assertThat(Dsse.isCanonicalBase64("aGl=")).as("decodes to the same bytes as aGk=").isFalse();
        assertThat(Dsse.decodeBase64("aGl=")).isEqualTo(Dsse.decodeBase64("aGk="));
        assertThat(Dsse.isCanonicalBase64("aGk")).isTrue();
        assertThat(Dsse.isCanonicalBase64("a-_b")).isTrue();
        assertThat(Dsse.isCanonicalBase64("not base64!")).isFalse();
    }

    @Test
    void refusesWhatIsNotAnEnvelope() {
        assertThatThrownBy(() -> Dsse.parse("[]".getBytes())).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> Dsse.parse("{\"payload\":\"\",\"signatures\":[]}".getBytes()))
                .hasMessageContaining("payloadType");
        assertThatThrownBy(() -> Dsse.parse("{\"payloadType\":\"t\",\"payload\":\"\",\"signatures\":[]}".getBytes()))
                .hasMessageContaining("no signatures");
        assertThatThrownBy(() -> Dsse.parse(("{\"payloadType\":\"t\",\"payload\":\"\",\"signatures\":[{\"keyid\":1,"
                + "\"sig\":\"\"}]}").getBytes())).hasMessageContaining("keyid");
        assertThatThrownBy(() -> Dsse.parse("{\"payloadType\":".getBytes())).hasMessageContaining("not JSON");
    }
}
