package com.headlessanalytics.console.api;

import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.plan.PlanViolation;
import com.headlessanalytics.console.domain.plan.TrackingPlan;
import java.util.List;

/** Tracking plans (docs/api.md, Tracking plans): the stored plans, and which recent events break one. */
public final class TrackingPlans {
    private TrackingPlans() {
    }

    /** {@code GET /api/tracking-plans}: every plan of the workspace, by id. */
    public record Plans(List<TrackingPlan> plans, Proof proof) {
    }

    /**
     * {@code GET /api/tracking-plans/{id}/violations?limit=}: the plan checked against the
     * {@code checked} most recent events (newest first), and those that break it, with why.
     */
    public record Report(String planId, int checked, List<Breach> breaches, Proof proof) {
    }

    /** One recent event and the ways it breaks the plan. */
    public record Breach(Event event, List<PlanViolation> violations) {
    }
}
