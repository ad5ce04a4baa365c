package com.headlessanalytics.console.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.IngestResult;
import com.headlessanalytics.console.api.TrackingPlans;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.domain.plan.PlanMode;
import com.headlessanalytics.console.domain.plan.TrackingPlan;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The tracking-plan operations over HTTP: paths, verbs and bodies, answers read into the records,
 * a PUT (the whole plan, idempotent) sent again after a 500, a DELETE never sent again once the
 * server may have acted, and ingest warnings read.
 */
@Timeout(20)
class RemoteApiPlansTest extends ScriptedServerTest {
    private static final String PLAN = """
            {"id":"checkout","name":"Checkout","mode":"block","events":[{"name":"order.completed",
             "required":["sku"]}],"updatedAt":7,"proof":%s}""".formatted(PROOF);

    private static final String ERROR_500 = "{\"error\":{\"code\":\"internal_error\",\"message\":\"boom\","
            + "\"details\":[]},\"proof\":" + PROOF + "}";

    @Test
    void saveIsAPutOfTheWholePlanSentAgainAfterA500() throws Exception {
        server.enqueue(json(500, ERROR_500));
        server.enqueue(json(200, PLAN));
        TrackingPlan saved = api.saveTrackingPlan(new TrackingPlan("checkout", "Checkout", PlanMode.BLOCK, null, null,
                null, null));
        assertThat(attempts.get()).isEqualTo(2);
        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("PUT");
        assertThat(r.getTarget()).isEqualTo("/api/tracking-plans/checkout");
        assertThat(r.getBody().utf8()).isEqualTo("{\"id\":\"checkout\",\"name\":\"Checkout\",\"mode\":\"block\"}");
        assertThat(saved.mode()).isEqualTo(PlanMode.BLOCK);
        assertThat(saved.events().get(0).required()).containsExactly("sku");
        assertThat(saved.updatedAt()).isEqualTo(7L);
    }

    @Test
    void deleteIsNotSentAgainOnceTheServerMayHaveActed() throws Exception {
        server.enqueue(json(500, ERROR_500));
        assertThatThrownBy(() -> api.deleteTrackingPlan("checkout")).isInstanceOf(ApiException.Server.class);
        assertThat(attempts.get()).isEqualTo(1);
        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("DELETE");
        assertThat(r.getTarget()).isEqualTo("/api/tracking-plans/checkout");
    }

    @Test
    void listsReportsAndTypedErrors() throws Exception {
        server.enqueue(json(200, "{\"plans\":[" + PLAN + "],\"proof\":" + PROOF + "}"));
        TrackingPlans.Plans plans = api.trackingPlans();
        assertThat(plans.plans()).extracting(TrackingPlan::id).containsExactly("checkout");
        assertThat(server.takeRequest().getTarget()).isEqualTo("/api/tracking-plans");

        server.enqueue(json(200, """
                {"planId":"checkout","checked":2,"breaches":[{"event":{"id":"e1","event":"order.completed",
                 "businessId":"default","timestamp":5,"receivedAt":5},"violations":[{"planId":"checkout",
                 "field":"properties.sku","code":"missing_property","message":"m"}]}],"proof":%s}""".formatted(PROOF)));
        TrackingPlans.Report report = api.trackingPlanViolations("checkout", 20);
        assertThat(server.takeRequest().getTarget()).isEqualTo("/api/tracking-plans/checkout/violations?limit=20");
        assertThat(report.breaches().get(0).violations().get(0).code()).isEqualTo("missing_property");

        server.enqueue(json(400, "{\"error\":{\"code\":\"invalid_input\",\"message\":\"Invalid tracking plan\","
                + "\"details\":[{\"field\":\"namingRule\",\"code\":\"invalid_value\",\"message\":\"bad\"}]},"
                + "\"proof\":" + PROOF + "}"));
        assertThatThrownBy(() -> api.saveTrackingPlan(new TrackingPlan("x", null, PlanMode.WARN, "(", null, null,
                null))).isInstanceOfSatisfying(ApiException.Client.class, e -> assertThat(e.details())
                .extracting(FieldError::field).containsExactly("namingRule"));
        assertThatThrownBy(() -> api.deleteTrackingPlan("..")).isInstanceOf(ApiException.Client.class);
    }

    @Test
    void ingestWarningsAreRead() {
        server.enqueue(json(200, "{\"accepted\":1,\"duplicates\":0,\"ids\":[\"e1\"],\"duplicateIds\":[],"
                + "\"warnings\":[{\"index\":0,\"planId\":\"checkout\",\"field\":\"properties.sku\","
                + "\"code\":\"missing_property\",\"message\":\"m\"}],\"proof\":" + PROOF + "}"));
        IngestResult r = api.ingest(List.of(Map.of("event", "order.completed", "id", "e1")));
        assertThat(r.warnings()).extracting(IngestResult.Warning::index, IngestResult.Warning::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, "missing_property"));
    }
}
