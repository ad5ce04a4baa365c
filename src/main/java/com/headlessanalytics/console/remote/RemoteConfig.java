package com.headlessanalytics.console.remote;

import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * Where and how the remote client talks to a HeadlessAnalytics-compatible API.
 *
 * @param baseUrl        http or https URL of the API root, stored without a trailing slash
 *                       (e.g. {@code http://127.0.0.1:8080}); a path prefix is kept
 * @param credentials    how to authenticate
 * @param connectTimeout time allowed to open a connection
 * @param readTimeout    time allowed between bytes of the answer (and of the request body)
 * @param maxAttempts    tries per call, the first included
 * @param initialBackoff wait before the first retry; it doubles per retry, capped at
 *                       {@link #MAX_BACKOFF}, with jitter
 */
public record RemoteConfig(String baseUrl, Credentials credentials, Duration connectTimeout, Duration readTimeout,
                           int maxAttempts, Duration initialBackoff) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_ATTEMPTS = 4;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    public RemoteConfig {
        baseUrl = normalize(baseUrl);
        Objects.requireNonNull(credentials, "credentials");
        connectTimeout = positive(connectTimeout, DEFAULT_CONNECT_TIMEOUT, "connectTimeout");
        readTimeout = positive(readTimeout, DEFAULT_READ_TIMEOUT, "readTimeout");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        initialBackoff = initialBackoff == null ? DEFAULT_INITIAL_BACKOFF : initialBackoff;
        if (initialBackoff.isNegative()) {
            throw new IllegalArgumentException("initialBackoff must not be negative");
        }
    }

    /** The defaults: 5 s to connect, 30 s to read, 4 attempts, 200 ms first backoff. */
    public static RemoteConfig of(String baseUrl, Credentials credentials) {
        return new RemoteConfig(baseUrl, credentials, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT,
                DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF);
    }

    public RemoteConfig withTimeouts(Duration connect, Duration read) {
        return new RemoteConfig(baseUrl, credentials, connect, read, maxAttempts, initialBackoff);
    }

    public RemoteConfig withRetries(int attempts, Duration firstBackoff) {
        return new RemoteConfig(baseUrl, credentials, connectTimeout, readTimeout, attempts, firstBackoff);
    }

    HttpUrl httpUrl() {
        return HttpUrl.get(baseUrl + "/");
    }

    private static String normalize(String baseUrl) {
        HttpUrl url = baseUrl == null ? null : HttpUrl.parse(baseUrl.strip());
        if (url == null) {
            String shown = baseUrl == null || baseUrl.contains("@") ? "" : ", got '" + baseUrl + "'";
            throw new IllegalArgumentException("baseUrl must be an http or https URL" + shown);
        }
        if (!url.username().isEmpty() || !url.password().isEmpty()) {
            throw new IllegalArgumentException("baseUrl must not carry a user or password; use the credentials");
        }
        if (url.query() != null || url.fragment() != null) {
            throw new IllegalArgumentException("baseUrl must not have a query or a fragment");
        }
        String text = url.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        Duration d = value == null ? fallback : value;
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return d;
    }
}
