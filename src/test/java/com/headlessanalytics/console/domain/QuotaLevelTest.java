package com.headlessanalytics.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotaLevelTest {
    @Test
    void underNinetyPercentIsOk() {
        assertThat(QuotaLevel.of(0, 1000)).isEqualTo(QuotaLevel.OK);
        assertThat(QuotaLevel.of(899, 1000)).isEqualTo(QuotaLevel.OK);
    }

    @Test
    void fromNinetyPercentItWarns() {
        assertThat(QuotaLevel.of(900, 1000)).isEqualTo(QuotaLevel.WARNING);
        assertThat(QuotaLevel.of(999, 1000)).isEqualTo(QuotaLevel.WARNING);
    }

    @Test
    void atOrOverTheLimitItIsUsedUp() {
        assertThat(QuotaLevel.of(1000, 1000)).isEqualTo(QuotaLevel.USED_UP);
        assertThat(QuotaLevel.of(1500, 1000)).isEqualTo(QuotaLevel.USED_UP);
        assertThat(QuotaLevel.of(0, 0)).as("no quota to use").isEqualTo(QuotaLevel.USED_UP);
    }

    @Test
    void theUsedShareIsClippedToOne() {
        assertThat(QuotaLevel.usedShare(250, 1000)).isEqualTo(0.25);
        assertThat(QuotaLevel.usedShare(1500, 1000)).isEqualTo(1.0);
        assertThat(QuotaLevel.usedShare(5, 0)).isEqualTo(1.0);
    }
}
