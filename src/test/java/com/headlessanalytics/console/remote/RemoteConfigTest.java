package com.headlessanalytics.console.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RemoteConfigTest {
    private static final Credentials KEY = new Credentials.ApiKey("ha_live_SECRET");

    @Test
    void defaultsAndTrailingSlashes() {
        RemoteConfig config = RemoteConfig.of("http://127.0.0.1:8080/", KEY);

        assertThat(config.baseUrl()).isEqualTo("http://127.0.0.1:8080");
        assertThat(RemoteConfig.of("http://127.0.0.1:8080", KEY)).isEqualTo(config);
        assertThat(RemoteConfig.of("https://ha.example/v1/", KEY).baseUrl()).isEqualTo("https://ha.example/v1");
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.maxAttempts()).isEqualTo(4);
        assertThat(config.initialBackoff()).isEqualTo(Duration.ofMillis(200));
        assertThat(new RemoteConfig("http://h", KEY, null, null, 1, null).readTimeout())
                .isEqualTo(Duration.ofSeconds(30));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://h/", "127.0.0.1:8080", "not a url", "", "http://h/?x=1", "http://h/#top"})
    void baseUrlMustBeAPlainHttpOrHttpsUrl(String url) {
        assertThatThrownBy(() -> RemoteConfig.of(url, KEY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("baseUrl");
    }

    @Test
    void baseUrlMustNotCarryAPassword() {
        assertThatThrownBy(() -> RemoteConfig.of("https://me:hunter2@ha.example", KEY))
                .isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("hunter2");
    }

    @Test
    void limitsAreChecked() {
        assertThatThrownBy(() -> new RemoteConfig("http://h", KEY, null, null, 0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RemoteConfig("http://h", KEY, Duration.ZERO, null, 1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> new RemoteConfig("http://h", null, null, null, 1, null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void credentialsNeverShowTheirSecret() {
        Credentials.EnterpriseJwt jwt = new Credentials.EnterpriseJwt("eyJ.SECRETJWT.sig", "ws_7");

        assertThat(KEY.toString()).doesNotContain("SECRET").contains("redacted");
        assertThat(jwt.toString()).doesNotContain("SECRETJWT").contains("ws_7");
        assertThat(RemoteConfig.of("http://h", jwt).toString()).doesNotContain("SECRETJWT");
    }

    @Test
    void credentialsMustFitInAHeaderAndSayNothingOfTheValue() {
        assertThatThrownBy(() -> new Credentials.ApiKey("")).hasMessageContaining("missing");
        assertThatThrownBy(() -> new Credentials.ApiKey("abc\r\nX-Evil: 1"))
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("Evil");
        assertThatThrownBy(() -> new Credentials.EnterpriseJwt("tok", " "))
                .hasMessageContaining("workspace id");
        assertThatThrownBy(() -> new Credentials.EnterpriseJwt(null, "ws")).hasMessageContaining("JWT");
    }
}
