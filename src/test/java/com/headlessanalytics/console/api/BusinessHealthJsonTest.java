package com.headlessanalytics.console.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** "No data" on the wire: written as explicit nulls with a status, and older answers still read. */
class BusinessHealthJsonTest {

    @Test
    void aScoreWithoutDataIsWrittenAsNullWithItsStatusAndGovernance() throws Exception {
        BusinessHealth h = new BusinessHealth("default", null, List.of(
                BusinessHealth.Component.noData("proof coverage", 20, "0 of 0", "no data: nothing needs proof"),
                new BusinessHealth.Component("freshness", 20, 100, "newest event 5 min before", "100 under 1 h")),
                BigDecimal.ZERO, 0, 0, 0, 0, 0, null, List.of(), Map.of(), Map.of(), List.of(), List.of(), List.of(),
                null, BusinessHealth.GOVERNANCE_NOT_SET_UP);
        String json = ApiJson.mapper().writeValueAsString(h);
        assertThat(json).contains("\"healthScore\":null")
                .contains("{\"name\":\"proof coverage\",\"weight\":20,\"score\":null,\"status\":\"no_data\","
                        + "\"value\":\"0 of 0\",\"explanation\":\"no data: nothing needs proof\"}")
                .contains("\"score\":100,\"status\":\"scored\"")
                .contains("\"governance\":\"not_set_up\"")
                .doesNotContain("hasData").doesNotContain("governanceNotSetUp");
        assertThat(ApiJson.mapper().readValue(json, BusinessHealth.class)).isEqualTo(h);
    }

    @Test
    void anAnswerFromBeforeNoDataReadsAsScoredWithGovernanceUnknown() throws Exception {
        BusinessHealth h = ApiJson.mapper().readValue("""
                {"businessId":"b","healthScore":77,"components":[{"name":"freshness","weight":20,"score":100,
                 "value":"1 min","explanation":"fresh"}],"revenue":"0","scans":0,"leads":0,"orders":0,
                 "pendingApprovals":3,"totalEvents":0}""", BusinessHealth.class);
        assertThat(h.healthScore()).isEqualTo(77);
        assertThat(h.components()).singleElement().satisfies(c -> {
            assertThat(c.hasData()).isTrue();
            assertThat(c.score()).isEqualTo(100);
        });
        assertThat(h.governanceNotSetUp()).isFalse();
        assertThat(h.pendingApprovals()).isEqualTo(3);
    }
}
