package com.headlessanalytics.console.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A recommended next step. A consequential one (it spends money, changes what customers see,
 * or acts for someone) names the DecisionObject it would need before anyone may carry it out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NextAction(String id, String title, String reason, String priority, boolean consequential,
                         RequiredDecision decision) {

    /** The DecisionObject a consequential action needs: its action, surface and minimum trust tier. */
    public record RequiredDecision(String action, String surface, String requiredState, String minTrustTier) {
    }
}
