package com.headlessanalytics.console.server;

/**
 * Settings of serve mode: the address to bind (port 0 binds any free port), the per-API-key
 * token bucket (requests per second and burst) and how long {@link LocalApiServer#stop()} lets
 * in-flight requests finish. {@code referenceOnly} switches off every extension path: only the
 * API reference's paths (and the public {@code /t/{code}} link) are served (docs/api.md, Reference-only servers).
 */
public record ServeConfig(String host, int port, int rateLimitPerSecond, int rateLimitBurst, int drainSeconds,
                          boolean referenceOnly) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_RATE_PER_SECOND = 100;
    public static final int DEFAULT_BURST = 200;
    public static final int DEFAULT_DRAIN_SECONDS = 10;

    /** Every path served, extension paths included. */
    public ServeConfig(String host, int port, int rateLimitPerSecond, int rateLimitBurst, int drainSeconds) {
        this(host, port, rateLimitPerSecond, rateLimitBurst, drainSeconds, false);
    }

    public ServeConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is required");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        if (rateLimitPerSecond < 1 || rateLimitBurst < 1) {
            throw new IllegalArgumentException("rate limit and burst must be at least 1");
        }
        if (drainSeconds < 0) {
            throw new IllegalArgumentException("drainSeconds must not be negative");
        }
    }

    /** 127.0.0.1:8080, 100 requests/s per key with a burst of 200, 10 s drain. */
    public static ServeConfig defaults() {
        return new ServeConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_RATE_PER_SECOND, DEFAULT_BURST,
                DEFAULT_DRAIN_SECONDS);
    }

    public ServeConfig withHost(String newHost) {
        return new ServeConfig(newHost, port, rateLimitPerSecond, rateLimitBurst, drainSeconds, referenceOnly);
    }

    public ServeConfig withPort(int newPort) {
        return new ServeConfig(host, newPort, rateLimitPerSecond, rateLimitBurst, drainSeconds, referenceOnly);
    }

    public ServeConfig withRateLimit(int perSecond, int burst) {
        return new ServeConfig(host, port, perSecond, burst, drainSeconds, referenceOnly);
    }

    public ServeConfig withDrainSeconds(int seconds) {
        return new ServeConfig(host, port, rateLimitPerSecond, rateLimitBurst, seconds, referenceOnly);
    }

    public ServeConfig withReferenceOnly(boolean only) {
        return new ServeConfig(host, port, rateLimitPerSecond, rateLimitBurst, drainSeconds, only);
    }
}
