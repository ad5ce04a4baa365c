package com.headlessanalytics.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HealthRulesDomainTest {

    @Test
    void bandsStartAt75And50AndNoScoreIsNoData() {
        assertThat(HealthBand.of(100)).isEqualTo(HealthBand.GOOD);
        assertThat(HealthBand.of(75)).isEqualTo(HealthBand.GOOD);
        assertThat(HealthBand.of(74)).isEqualTo(HealthBand.FAIR);
        assertThat(HealthBand.of(50)).isEqualTo(HealthBand.FAIR);
        assertThat(HealthBand.of(49)).isEqualTo(HealthBand.POOR);
        assertThat(HealthBand.of(0)).isEqualTo(HealthBand.POOR);
        assertThat(HealthBand.of(null)).isEqualTo(HealthBand.NO_DATA);
        assertThat(HealthBand.NO_DATA.label()).isEqualTo("no data");
        assertThat(HealthBand.NO_DATA.id()).isEqualTo("no-data");
        assertThat(HealthBand.FAIR.id()).isEqualTo("fair");
    }

    @Test
    void eventClassesMatchByNameAndScansAlsoByTrackable() {
        assertThat(HealthEventClass.ORDERS.matches("order.created")).isTrue();
        assertThat(HealthEventClass.ORDERS.matches("order.cancelled")).isFalse();
        assertThat(HealthEventClass.LEADS.matches("lead.qualified")).isTrue();
        assertThat(HealthEventClass.LEADS.matches("leads.created")).isFalse();
        assertThat(HealthEventClass.SCANS.matches("shelf.scanned")).isTrue();
        assertThat(HealthEventClass.SCANS.matches("scan.completed")).isTrue();
        assertThat(HealthEventClass.SCANS.matches("qr.opened")).isTrue();
        assertThat(HealthEventClass.SCANS.matches("page.viewed")).isFalse();
        assertThat(HealthEventClass.SCANS.counts("page.viewed", true)).isTrue();
        assertThat(HealthEventClass.LEADS.counts("page.viewed", true)).isFalse();
        assertThat(HealthEventClass.REVENUE.matches("order.refunded")).isTrue();
        assertThat(HealthEventClass.REVENUE.matches("payment.succeeded")).isTrue();
        assertThat(HealthEventClass.REVENUE.matches("refund.approved")).isFalse();
        assertThat(HealthEventClass.REVENUE.matches(null)).isFalse();
    }
}
