package com.headlessanalytics.console.exports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The secret-key rule of docs/exports-delivery.md: which keys are secrets, and that redacted configs hold none. */
class SecretsTest {

    @Test
    void theRuleMatchesTheBriefsMarkersInAnyCaseAndTheTwoExactKeys() {
        for (String key : List.of("secretAccessKey", "SECRET", "clientSecret", "password", "dbPassword", "token",
                "refresh_token", "credentials", "credentialJson", "Authorization", "proxy-authorization", "apiKey",
                "API_KEY", "x-api-key", "X-Api-Key", "accessKeyId", "ACCESSKEYID", "sessionToken")) {
            assertThat(Secrets.isSecret(key)).as(key).isTrue();
        }
        for (String key : List.of("bucket", "prefix", "region", "endpoint", "url", "headers", "batchSize",
                "timeoutMs", "pathStyle", "trustCertificate", "X-Team", "accessKey", "keyId", "dataset", "table")) {
            assertThat(Secrets.isSecret(key)).as(key).isFalse();
        }
        assertThat(Secrets.isSecret(null)).isFalse();
    }

    @Test
    void redactRemovesSecretsAtEveryDepthAndKeepsTheRestInOrder() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer sk_live_Hd83kQ");
        headers.put("X-Api-Key", "k-Hd83kQ-77");
        headers.put("X-Team", "ops");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("url", "https://hooks.example.com/in");
        config.put("headers", headers);
        config.put("accessKeyId", "AKIAHd83kQ");
        config.put("secretAccessKey", "s3-Hd83kQ-secret");
        config.put("sessionToken", "sess-Hd83kQ");
        config.put("nested", List.of(Map.of("password", "pw-Hd83kQ", "name", "a"), "plain"));
        config.put("batchSize", 100);

        Map<String, Object> redacted = Secrets.redact(config);

        assertThat(redacted).containsOnlyKeys("url", "headers", "nested", "batchSize");
        assertThat(List.copyOf(redacted.keySet())).containsExactly("url", "headers", "nested", "batchSize");
        assertThat(redacted.get("headers")).isEqualTo(Map.of("X-Team", "ops"));
        assertThat(redacted.get("nested")).isEqualTo(List.of(Map.of("name", "a"), "plain"));
        assertThat(redacted.toString()).doesNotContain("Hd83kQ");
        assertThat(config).containsKey("secretAccessKey");
        assertThat(Secrets.redact(null)).isNull();
    }

    @Test
    void valuesFindsEverySecretAndScrubReplacesThemInMessages() {
        Map<String, Object> config = Map.of("headers", Map.of("Authorization", "Bearer tok-Wq19zz"),
                "secretAccessKey", "sec-Wq19zz", "bucket", "b-1");
        List<String> values = Secrets.values(config);
        assertThat(values).contains("Bearer tok-Wq19zz", "tok-Wq19zz", "sec-Wq19zz").doesNotContain("b-1");

        String message = "the server said: bad token tok-Wq19zz for key sec-Wq19zz in bucket b-1";
        assertThat(Secrets.scrub(message, values))
                .isEqualTo("the server said: bad token [redacted] for key [redacted] in bucket b-1");
        assertThat(Secrets.scrub(null, values)).isNull();
        assertThat(Secrets.scrub("abc", List.of("abc"))).as("too short to be a secret worth scrubbing").isEqualTo("abc");
    }
}
