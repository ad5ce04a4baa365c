package com.headlessanalytics.console.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Proof;
import com.headlessanalytics.console.api.TrackingPlans;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.domain.plan.TrackingPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tracking-plan routes (docs/api.md, Tracking plans): {@code GET /api/tracking-plans},
 * {@code PUT|DELETE /api/tracking-plans/{id}} and {@code GET /api/tracking-plans/{id}/violations}.
 * Only parsing happens here; every rule of a plan is the port's.
 */
final class PlanRoutes {
    private static final Set<String> NONE = Set.of();
    private static final Set<String> LIMIT = Set.of("limit");

    private PlanRoutes() {
    }

    /** An answer: its status, its JSON body and the proof whose query id names it. */
    record Answer(int status, Object body, Proof proof) {
    }

    /** {@code DELETE /api/tracking-plans/{id}}: what was deleted. */
    record Deleted(String deleted, Proof proof) {
    }

    static boolean handles(Route route) {
        return route == Route.TRACKING_PLANS || route == Route.TRACKING_PLAN || route == Route.TRACKING_PLAN_VIOLATIONS;
    }

    static Answer answer(HeadlessApi port, Route route, AnalyticsRoutes.Request request) {
        return switch (route) {
            case TRACKING_PLANS -> {
                request.params(NONE);
                TrackingPlans.Plans plans = port.trackingPlans();
                yield new Answer(200, plans, plans.proof());
            }
            case TRACKING_PLAN -> {
                request.params(NONE);
                String id = request.pathParam("id");
                if (request.method().equals("DELETE")) {
                    port.deleteTrackingPlan(id);
                    Proof proof = request.proof();
                    yield new Answer(200, new Deleted(id, proof), proof);
                }
                TrackingPlan body = request.body(TrackingPlan.class);
                if (body.id() != null && !body.id().equals(id)) {
                    throw ApiException.invalid("The plan's id differs from the path's", List.of(new FieldError(null,
                            "id", "invalid_value", "must equal the id in the path ('" + id + "') or be left out")));
                }
                TrackingPlan saved = port.saveTrackingPlan(new TrackingPlan(id, body.name(), body.mode(),
                        body.namingRule(), body.allowUnplanned(), body.events(), null));
                Proof proof = request.proof();
                ObjectNode answer = ApiJson.mapper().valueToTree(saved);
                answer.set("proof", ApiJson.mapper().valueToTree(proof));
                yield new Answer(200, answer, proof);
            }
            case TRACKING_PLAN_VIOLATIONS -> {
                Map<String, String> p = request.params(LIMIT);
                List<FieldError> errors = new ArrayList<>();
                Integer limit = QueryString.intValue(p, "limit", errors);
                if (!errors.isEmpty()) {
                    throw ApiException.invalid("invalid query parameter '" + errors.get(0).field() + "'", errors);
                }
                TrackingPlans.Report report = port.trackingPlanViolations(request.pathParam("id"), limit);
                yield new Answer(200, report, report.proof());
            }
            default -> throw new IllegalArgumentException("not a tracking plan route: " + route);
        };
    }
}
