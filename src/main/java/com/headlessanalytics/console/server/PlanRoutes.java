package com.headlessanalytics.console.server;

import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Proof;

/**
 * The tracking-plan routes (docs/api.md, Tracking plans): {@code GET /api/tracking-plans},
 * {@code PUT|DELETE /api/tracking-plans/{id}} and {@code GET /api/tracking-plans/{id}/violations}.
 */
final class PlanRoutes {
    private PlanRoutes() {
    }

    /** An answer: its status, its JSON body and the proof whose query id names it. */
    record Answer(int status, Object body, Proof proof) {
    }

    static boolean handles(Route route) {
        return route == Route.TRACKING_PLANS || route == Route.TRACKING_PLAN || route == Route.TRACKING_PLAN_VIOLATIONS;
    }

    static Answer answer(HeadlessApi port, Route route, AnalyticsRoutes.Request request) {
        throw new UnsupportedOperationException("tracking plan routes: issue 11, being built");
    }
}
