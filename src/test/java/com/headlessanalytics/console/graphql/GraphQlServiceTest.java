package com.headlessanalytics.console.graphql;

import static com.headlessanalytics.console.graphql.GraphQlTesting.allFields;
import static com.headlessanalytics.console.graphql.GraphQlTesting.wire;
import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.AgentPerformance;
import com.headlessanalytics.console.api.Attribution;
import com.headlessanalytics.console.api.BusinessHealth;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.api.GraphQl;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Metrics;
import com.headlessanalytics.console.api.WorkflowStatus;
import com.headlessanalytics.console.domain.demo.DemoGenerator;
import com.headlessanalytics.console.engine.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GraphQlService} over the embedded engine's port on a real H2 file with demo data: every
 * root field answers what the port answers for the same arguments, field for field.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GraphQlServiceTest {
    static final int EVENTS = 1_500;

    @TempDir
    static Path dir;
    Engine engine;
    HeadlessApi engineApi;
    final Ports.Counting counting = new Ports.Counting();
    HeadlessApi port;
    final GraphQlService service = new GraphQlService();
    long from;
    long to;

    @BeforeAll
    void seed() {
        engine = Engine.open(dir);
        engineApi = engine.defaultWorkspace();
        long now = System.currentTimeMillis();
        DemoGenerator demo = DemoGenerator.builder(now).events(EVENTS).seed(11).days(14).build();
        demo.forEachBatch(500, engineApi::ingest);
        from = demo.from();
        to = demo.to();
        port = Ports.withFixtures(engineApi, counting);
    }

    @AfterAll
    void close() {
        engine.close();
    }

    private GraphQl.Response run(String query, Map<String, Object> variables) {
        return service.execute(port, new GraphQl.Request(query, variables, null));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> data(String query, Map<String, Object> variables) {
        GraphQl.Response r = run(query, variables);
        assertThat(r.body()).as("%s", r.body()).doesNotContainKey("errors");
        assertThat(r.status()).isEqualTo(200);
        return (Map<String, Object>) r.body().get("data");
    }

    private Map<String, Object> data(String query) {
        return data(query, Map.of());
    }

    /** The REST answer's members named by the selection's top-level fields. */
    private static Object restPart(Object answer, Map<String, Object> graph) {
        Map<?, ?> all = (Map<?, ?>) wire(answer);
        Map<String, Object> part = new LinkedHashMap<>();
        for (String key : graph.keySet()) {
            if (all.containsKey(key)) {
                part.put(key, all.get(key));
            }
        }
        return part;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theReferenceQueriesAnswerAsWritten() {
        Map<String, Object> first = data("query Ops($limit:Int){ events(limit:$limit){ event timestamp } "
                + "businessHealth { healthScore revenue nextActions } attribution { bySource byCampaign } }",
                Map.of("limit", 100));
        EventPage page = engineApi.events(EventQuery.all().withLimit(100));
        List<Map<String, Object>> expected = new ArrayList<>();
        page.events().forEach(e -> expected.add(Map.of("event", e.event(), "timestamp", e.timestamp())));
        assertThat(wire(first.get("events"))).isEqualTo(wire(expected));
        assertThat(((List<?>) first.get("events"))).hasSize(100);
        BusinessHealth health = engineApi.businessHealth("default", BusinessHealth.Query.defaults());
        assertThat(wire(first.get("businessHealth")))
                .isEqualTo(restPart(health, (Map<String, Object>) first.get("businessHealth")));
        assertThat((Map<String, Object>) first.get("businessHealth")).containsOnlyKeys("healthScore", "revenue",
                "nextActions");
        Attribution.Result attribution = engineApi.attribution(Attribution.Query.counts(null, null));
        assertThat(wire(first.get("attribution"))).isEqualTo(
                wire(Map.of("bySource", attribution.bySource(), "byCampaign", attribution.byCampaign())));
        assertThat(attribution.bySource()).isNotEmpty();

        Map<String, Object> second = data("query Ops($limit:Int){ events(limit:$limit){ event timestamp } "
                + "businessHealth { healthScore revenue nextActions } metrics { metrics totalEvents } }",
                Map.of("limit", 100));
        Metrics.Result metrics = engineApi.metrics(new Metrics.Query(null, null, null, null, null, null, null, null));
        assertThat(wire(second.get("metrics"))).isEqualTo(restPart(metrics, (Map<String, Object>) second.get("metrics")));
        assertThat((Map<String, Object>) second.get("metrics")).containsOnlyKeys("metrics", "totalEvents");
        assertThat(metrics.totalEvents()).isEqualTo(EVENTS);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyRootFieldAnswersWhatThePortAnswers() {
        Map<String, Object> d = data("{ events(limit: 50, order: desc) " + allFields("Event") + " }");
        assertThat(wire(d.get("events"))).isEqualTo(
                wire(engineApi.events(EventQuery.all().withLimit(50).withOrder(EventQuery.Order.DESC)).events()));

        d = data("query($from: Long, $to: Long) { metrics(from: $from, to: $to, groupBy: \"channel\", interval: \"day\") "
                + allFields("Metrics", "eventNames", "storedSnapshots") + " }", Map.of("from", from, "to", to));
        Map<?, ?> metrics = (Map<?, ?>) d.get("metrics");
        assertThat(wire(metrics)).isEqualTo(restPart(engineApi.metrics(
                new Metrics.Query(null, from, to, null, "day", "channel", null, null)), (Map<String, Object>) metrics));
        assertThat((List<?>) metrics.get("groups")).isNotEmpty();

        d = data("{ metrics { eventNames { event count firstSeen lastSeen } storedSnapshots { id metric value } } }");
        assertThat(wire(((Map<?, ?>) d.get("metrics")).get("eventNames")))
                .isEqualTo(wire(engineApi.eventNames(null).names()));

        String steps = "[{name: \"Scan\", event: \"qr.bottle_scanned\"}, {name: \"Product View\", "
                + "event: \"page.product_viewed\"}, {name: \"Order\", event: \"order.created\"}]";
        d = data("{ funnel(steps: " + steps + ", breakdown: \"channel\") " + allFields("Funnel") + " }");
        Funnels.Query funnelQuery = new Funnels.Query(List.of(new Funnels.Step("Scan", "qr.bottle_scanned", null),
                new Funnels.Step("Product View", "page.product_viewed", null),
                new Funnels.Step("Order", "order.created", null)), null, null, null, null, null, "channel");
        Funnels.Result funnel = engineApi.funnel(funnelQuery);
        assertThat(wire(d.get("funnel"))).isEqualTo(wire(funnel));
        assertThat(funnel.steps().get(0).count()).isPositive();

        d = data("{ funnel(steps: " + steps + ") { actors(step: 2, outcome: \"dropped\", limit: 5) "
                + allFields("FunnelActors") + " } }");
        assertThat(wire(((Map<?, ?>) d.get("funnel")).get("actors"))).isEqualTo(wire(engineApi.funnelActors(
                new Funnels.ActorsQuery(new Funnels.Query(funnelQuery.steps(), null, null, null, null, null, null), 2,
                        "dropped", null, 5, null))));

        d = data("{ attribution(conversionEvent: \"order.created\", model: \"linear\", groupBy: \"campaign\") "
                + allFields("Attribution") + " }");
        assertThat(wire(d.get("attribution"))).isEqualTo(wire(engineApi.attribution(
                new Attribution.Query(null, null, null, "order.created", "linear", "campaign", null))));

        d = data("{ businessHealth(limit: 5) " + allFields("BusinessHealth") + " }");
        assertThat(wire(d.get("businessHealth"))).isEqualTo(
                wire(engineApi.businessHealth("default", new BusinessHealth.Query(5, null, null))));

        d = data("{ agentPerformance(agentId: \"agent-7\", from: 5) " + allFields("AgentPerformance") + " }");
        assertThat(wire(d.get("agentPerformance")))
                .isEqualTo(wire(Ports.agent(new AgentPerformance.Query("agent-7", null, 5L, null))));
        assertThat(counting.of("agentPerformance")).isPositive();

        d = data("{ workflowStatus(workflowId: \"checkout\", limit: 2) " + allFields("WorkflowStatus") + " }");
        assertThat(wire(d.get("workflowStatus")))
                .isEqualTo(wire(Ports.workflow(new WorkflowStatus.Query("checkout", null, null, null, 2))));

        d = data("{ trackingPlans " + allFields("TrackingPlan", "violations") + " }");
        assertThat(wire(d.get("trackingPlans"))).isEqualTo(wire(List.of(Ports.PLAN, Ports.OTHER_PLAN)));
        d = data("{ trackingPlans(id: \"checkout\") { id violations(limit: 10) " + allFields("PlanReport") + " } }");
        Map<?, ?> plan = (Map<?, ?>) ((List<?>) d.get("trackingPlans")).get(0);
        assertThat(plan.get("id")).isEqualTo("checkout");
        assertThat(wire(plan.get("violations"))).isEqualTo(wire(Ports.report("checkout")));

        d = data("{ metricDefinitions " + allFields("MetricDefinition") + " }");
        assertThat(wire(d.get("metricDefinitions"))).isEqualTo(wire(engineApi.metricDefinitions().definitions()));

        d = data("{ decisionObjects " + allFields("DecisionObject") + " }");
        assertThat(wire(d.get("decisionObjects"))).isEqualTo(wire(engineApi.decisions(null).decisions()));
        d = data("{ enforcementReceipts " + allFields("EnforcementReceipts") + " }");
        assertThat(wire(d.get("enforcementReceipts"))).isEqualTo(wire(engineApi.receipts(null, null)));
        d = data("{ proofTrails " + allFields("ProofTrail") + " }");
        assertThat(wire(d.get("proofTrails"))).isEqualTo(wire(engineApi.proofTrails().trails()));
    }

    @Test
    void metricsRunsOnlyWhenAFieldOfItsAnswerIsSelected() {
        int before = counting.of("metrics");
        data("{ metrics(businessId: \"default\") { eventNames { event } storedSnapshots { id } } }");
        assertThat(counting.of("metrics")).isEqualTo(before);
        data("{ metrics { totalEvents uniqueActors revenue } }");
        assertThat(counting.of("metrics")).isEqualTo(before + 1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void eventPagesWalkEveryEventOnceThroughTheCursorsExtension() {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, Object> vars = new LinkedHashMap<>();
            vars.put("cursor", cursor);
            GraphQl.Response r = run("query($cursor: String) { page: events(limit: 400, cursor: $cursor) { id } }", vars);
            assertThat(r.status()).isEqualTo(200);
            ((List<Map<String, Object>>) ((Map<String, Object>) r.body().get("data")).get("page"))
                    .forEach(e -> ids.add((String) e.get("id")));
            Map<String, Object> extensions = (Map<String, Object>) r.body().get("extensions");
            assertThat(extensions).containsKey("proof");
            Map<String, Object> cursors = (Map<String, Object>) extensions.get("cursors");
            cursor = cursors == null ? null : (String) cursors.get("page");
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo((EVENTS + 399) / 400);
        Set<String> unique = new HashSet<>(ids);
        assertThat(ids).hasSize(EVENTS);
        assertThat(unique).hasSize(EVENTS);
        List<String> rest = new ArrayList<>();
        EventQuery q = EventQuery.all().withLimit(1000);
        EventPage page;
        do {
            page = engineApi.events(q);
            page.events().forEach(e -> rest.add(e.id()));
            q = q.withCursor(page.nextCursor());
        } while (page.nextCursor() != null);
        assertThat(ids).isEqualTo(rest);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPortErrorIsAFieldErrorWithItsCodeStatusAndDetailsAndTheOtherFieldsKeepTheirData() {
        GraphQl.Response r = run("{ events(limit: 2) { id } bad: events(limit: 5000) { id } "
                + "businessHealth(businessId: \"nobody-here\") { healthScore } }", Map.of());
        assertThat(r.status()).isEqualTo(200);
        Map<String, Object> data = (Map<String, Object>) r.body().get("data");
        assertThat((List<?>) data.get("events")).hasSize(2);
        assertThat(data).containsEntry("bad", null).containsEntry("businessHealth", null);
        List<Map<String, Object>> errors = (List<Map<String, Object>>) r.body().get("errors");
        assertThat(errors).hasSize(2);
        Map<String, Object> limit = errors.stream().filter(e -> e.get("path").equals(List.of("bad"))).findFirst()
                .orElseThrow();
        assertThat((List<?>) limit.get("locations")).isNotEmpty();
        Map<String, Object> ext = (Map<String, Object>) limit.get("extensions");
        assertThat(ext).containsEntry("code", "invalid_input").containsEntry("status", 400);
        assertThat((List<Map<String, Object>>) ext.get("details")).first()
                .satisfies(d -> assertThat(d).containsEntry("field", "limit"));
        Map<String, Object> missing = errors.stream().filter(e -> e.get("path").equals(List.of("businessHealth")))
                .findFirst().orElseThrow();
        assertThat((Map<String, Object>) missing.get("extensions")).containsEntry("code", "not_found")
                .containsEntry("status", 404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void documentsThatDoNotParseOrValidateAre400WithoutData() {
        for (String query : List.of("{ events { id }", "{ events { nope } }", "{ agentPerformance { events } }",
                "query($l: Int) { events(limit: $l) { id } }", "mutation { events { id } }", "")) {
            Map<String, Object> vars = query.contains("$l") ? Map.of("l", "ten") : Map.of();
            GraphQl.Response r = run(query, vars);
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.body()).as(query).doesNotContainKey("data").containsKey("errors");
            Map<String, Object> error = ((List<Map<String, Object>>) r.body().get("errors")).get(0);
            assertThat((String) error.get("message")).as(query).isNotBlank();
            assertThat((Map<String, Object>) error.get("extensions")).containsEntry("status", 400);
            assertThat((Map<String, Object>) r.body().get("extensions")).containsKey("proof");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theStandardIntrospectionQueryAnswers() {
        Map<String, Object> d = data(graphql.introspection.IntrospectionQuery.INTROSPECTION_QUERY);
        Map<String, Object> schema = (Map<String, Object>) d.get("__schema");
        assertThat((List<Map<String, Object>>) schema.get("types")).extracting(t -> t.get("name"))
                .contains("Query", "Event", "JSON", "Long", "BigDecimal", "AgentPerformance");
        assertThat(GraphQlService.schemaSdl()).contains("type Query");
    }
}
