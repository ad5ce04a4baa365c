package com.headlessanalytics.console.server;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** One token bucket per key (an API key id or a remote address). Thread-safe. */
final class RateLimiter {
    /** Above this many buckets, full (idle) ones are dropped before a new one is added. */
    private static final int MAX_BUCKETS = 10_000;
    private static final double NANOS_PER_SECOND = 1e9;

    private final double tokensPerNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(double perSecond, int burst, LongSupplier nanoClock) {
        this.tokensPerNano = perSecond / NANOS_PER_SECOND;
        this.burst = burst;
        this.nanoClock = nanoClock;
    }

    /** Takes a token of {@code key}: 0 when granted, else the nanoseconds until one is available. */
    long acquire(String key) {
        long now = nanoClock.getAsLong();
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            if (buckets.size() >= MAX_BUCKETS) {
                buckets.values().removeIf(b -> b.isFull(now));
            }
            bucket = buckets.computeIfAbsent(key, k -> new Bucket(now));
        }
        return bucket.take(now, true);
    }

    /** Like {@link #acquire} but takes nothing: 0 when {@code key} has a token now. */
    long waitNanos(String key) {
        Bucket bucket = buckets.get(key);
        return bucket == null ? 0 : bucket.take(nanoClock.getAsLong(), false);
    }

    /** A {@code Retry-After} value: whole seconds, at least 1. */
    static long retryAfterSeconds(long waitNanos) {
        return Math.max(1, (long) Math.ceil(waitNanos / NANOS_PER_SECOND));
    }

    private final class Bucket {
        private double tokens = burst;
        private long last;

        Bucket(long now) {
            last = now;
        }

        synchronized long take(long now, boolean consume) {
            refill(now);
            if (tokens >= 1) {
                if (consume) {
                    tokens -= 1;
                }
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / tokensPerNano);
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            tokens = Math.min(burst, tokens + Math.max(0, now - last) * tokensPerNano);
            last = Math.max(last, now);
        }
    }
}
