package com.headlessanalytics.console.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RateLimiter limiter = new RateLimiter(2, 3, now::get);

    @Test
    void grantsTheBurstThenRefillsAtTheRate() {
        assertThat(limiter.acquire("k")).isZero();
        assertThat(limiter.acquire("k")).isZero();
        assertThat(limiter.acquire("k")).isZero();
        assertThat(limiter.acquire("k")).isEqualTo(500_000_000L);

        now.addAndGet(250_000_000L);
        assertThat(limiter.acquire("k")).isEqualTo(250_000_000L);
        now.addAndGet(250_000_000L);
        assertThat(limiter.acquire("k")).isZero();
        assertThat(limiter.acquire("k")).isPositive();
    }

    @Test
    void refillNeverExceedsTheBurst() {
        limiter.acquire("k");
        now.addAndGet(3_600_000_000_000L);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("k")).isZero();
        }
        assertThat(limiter.acquire("k")).isPositive();
    }

    @Test
    void keysAreIndependentAndWaitNanosTakesNothing() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("a");
        }
        assertThat(limiter.waitNanos("a")).isPositive();
        assertThat(limiter.waitNanos("b")).isZero();
        assertThat(limiter.waitNanos("b")).isZero();
        assertThat(limiter.acquire("b")).isZero();
    }

    @Test
    void retryAfterIsWholeSecondsAtLeastOne() {
        assertThat(RateLimiter.retryAfterSeconds(1)).isEqualTo(1);
        assertThat(RateLimiter.retryAfterSeconds(1_000_000_000L)).isEqualTo(1);
        assertThat(RateLimiter.retryAfterSeconds(1_000_000_001L)).isEqualTo(2);
    }
}
