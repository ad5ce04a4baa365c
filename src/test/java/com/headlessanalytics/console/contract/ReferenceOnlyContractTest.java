package com.headlessanalytics.console.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.headlessanalytics.console.api.AgentPerformance;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.Entities;
import com.headlessanalytics.console.api.Attribution;
import com.headlessanalytics.console.api.Capabilities.Feature;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.Exports;
import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Metrics;
import com.headlessanalytics.console.api.NewApiKey;
import com.headlessanalytics.console.api.ProofTrails;
import com.headlessanalytics.console.api.WorkflowStatus;
import com.headlessanalytics.console.domain.plan.PlanMode;
import com.headlessanalytics.console.domain.plan.TrackingPlan;
import com.headlessanalytics.console.engine.Engine;
import com.headlessanalytics.console.remote.Credentials;
import com.headlessanalytics.console.remote.RemoteApi;
import com.headlessanalytics.console.remote.RemoteConfig;
import com.headlessanalytics.console.server.LocalApiServer;
import com.headlessanalytics.console.server.ServeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract a third time: the remote client against serve mode with every extension path
 * switched off ({@code serve --reference-only}), so every read of ours goes through GraphQL and
 * the features with no reference form are not offered (docs/api.md, Reference-only servers).
 */
class ReferenceOnlyContractTest extends HeadlessApiContract {
    @TempDir
    Path dir;
    private Engine engine;
    private LocalApiServer server;
    private RemoteApi remote;
    private NewApiKey key;
    private final AtomicInteger requests = new AtomicInteger();
    private final OkHttpClient counting = new OkHttpClient.Builder().addInterceptor(chain -> {
        requests.incrementAndGet();
        return chain.proceed(chain.request());
    }).build();

    @BeforeEach
    void open() throws Exception {
        engine = Engine.open(dir);
        key = engine.keys().create(engine.defaultWorkspaceId(), "contract");
        connect();
    }

    private void connect() throws Exception {
        server = LocalApiServer.start(engine, new ServeConfig("127.0.0.1", 0, 1000, 1000, 5).withReferenceOnly(true));
        remote = new RemoteApi(RemoteConfig.of(server.baseUrl(), new Credentials.ApiKey(key.secret()))
                .withRetries(3, Duration.ofMillis(50)), counting);
    }

    @AfterEach
    void close() throws Exception {
        remote.close();
        server.stop();
        engine.close();
    }

    @Override
    HeadlessApi api() {
        return remote;
    }

    @Override
    String workspaceId() {
        return engine.defaultWorkspaceId();
    }

    @Override
    boolean metersCalls() {
        return true;
    }

    @Override
    boolean readsThroughGraphQl() {
        return true;
    }

    @Override
    void defineMetric(Metrics.Definition definition) {
        engine.workspace(engine.defaultWorkspaceId(), key.info().id()).saveMetricDefinition(definition);
    }

    @Override
    void definePlan(TrackingPlan plan) {
        engine.workspace(engine.defaultWorkspaceId(), key.info().id()).saveTrackingPlan(plan);
    }

    @Override
    void restart() throws Exception {
        close();
        engine = Engine.open(dir);
        connect();
    }

    @Test
    void offersNoneOfTheExtensionFeatures() {
        assertThat(remote.capabilities().offered()).isEmpty();
    }

    @Test
    void eachFeatureNotOfferedFailsWithItsSentenceWithoutARequest() {
        remote.capabilities();
        int before = requests.get();
        Map<Feature, List<Consumer<HeadlessApi>>> calls = new LinkedHashMap<>();
        calls.put(Feature.METRIC_DEFINITION_CHANGES, List.of(
                a -> a.saveMetricDefinition(new Metrics.Definition("orders", "order.created", null, null, null, null)),
                a -> a.deleteMetricDefinition("orders")));
        calls.put(Feature.GOVERNANCE_CHANGES, List.of(
                a -> a.proposeDecision(new Governance.NewDecision(null, null, null, null, null, null, null, null,
                        null, null)),
                a -> a.submitDecision("dec_1"),
                a -> a.approveDecision("dec_1", new Governance.ApproveRequest("ok", null)),
                a -> a.denyDecision("dec_1", new Governance.ReasonRequest("no")),
                a -> a.revokeDecision("dec_1", new Governance.ReasonRequest("no")),
                a -> a.createGrant(new Governance.NewGrant("alice", List.of("refund"), null, null, null, null)),
                a -> a.revokeGrant("grt_1", new Governance.ReasonRequest("no")),
                a -> a.revokeContract("ctr_1", new Governance.ReasonRequest("no"))));
        calls.put(Feature.GOVERNANCE_SETUP, List.of(HeadlessApi::identity, HeadlessApi::grants,
                HeadlessApi::contracts, HeadlessApi::publicKey));
        calls.put(Feature.PROOF_PREVIEW, List.of(a -> a.previewProofTrail(
                new ProofTrails.ExportRequest(null, null, null, null, null, null, null, null))));
        calls.put(Feature.PROOF_PACKETS, List.of(a -> a.proofPacket("proof_1")));
        calls.put(Feature.PROOF_SETTINGS, List.of(HeadlessApi::proofPushSettings,
                a -> a.saveProofPushSettings(new ProofTrails.PushSettings(null, null))));
        calls.put(Feature.TRACKING_PLAN_CHANGES, List.of(
                a -> a.saveTrackingPlan(new TrackingPlan("plan_1", "p", PlanMode.WARN, null, null, List.of(), null)),
                a -> a.deleteTrackingPlan("plan_1")));
        calls.put(Feature.CONNECTOR_PROVIDERS, List.of(HeadlessApi::connectorProviders));
        calls.put(Feature.EXPORT_RECEIPTS, List.of(a -> a.exportReceipts(null),
                a -> a.retryExport("exp_1", new Exports.RetryRequest(null))));
        calls.put(Feature.ENTITIES, List.of(a -> a.entities(Entities.Query.all()), a -> a.entity("customer", "c1"),
                a -> a.entityEvents(new Entities.EventsQuery("customer", "c1", null, null))));
        assertThat(calls.keySet()).containsExactlyInAnyOrderElementsOf(EnumSet.allOf(Feature.class));

        calls.forEach((feature, list) -> list.forEach(call -> {
            ApiException.Client e = catchThrowableOfType(ApiException.Client.class, () -> call.accept(remote));
            assertThat(e.code()).as(feature.name()).isEqualTo(ErrorCodes.NOT_OFFERED);
            assertThat(e.status()).isEqualTo(501);
            assertThat(e.getMessage()).isEqualTo(feature.unavailable()).doesNotContain("Exception", "http");
        }));
        assertThat(requests.get()).as("nothing was sent").isEqualTo(before);
    }

    /** Every GraphQL document of the client, run through the live /api/graphql with harmless arguments. */
    @Test
    void everyReadOfOursAnswersThroughGraphQl() {
        api().ingest(List.of(event("agent.run_started", "r1", T0), event("workflow.run_started", "w1", T0)));
        List<String> failed = new ArrayList<>();
        Map<String, Runnable> reads = new LinkedHashMap<>();
        reads.put("events", () -> remote.events(EventQuery.all()));
        reads.put("eventNames", () -> remote.eventNames(null));
        reads.put("metricDefinitions", remote::metricDefinitions);
        reads.put("metricSnapshots", () -> remote.metricSnapshots(null, 5));
        reads.put("funnel", () -> remote.funnel(Funnels.Query.of("a", "b")));
        reads.put("funnelActors", () -> remote.funnelActors(new Funnels.ActorsQuery(Funnels.Query.of("a", "b"), 2,
                null, null, null, null)));
        reads.put("attribution", () -> remote.attribution(new Attribution.Query(null, null, null, null, null, null,
                null)));
        reads.put("businessHealth", () -> remote.businessHealth("default", null));
        reads.put("decisions", () -> remote.decisions(null));
        reads.put("receipts", () -> remote.receipts(null, null));
        reads.put("proofTrails", remote::proofTrails);
        reads.put("trackingPlans", remote::trackingPlans);
        reads.put("agentPerformance", () -> remote.agentPerformance(new AgentPerformance.Query("bot", null, null,
                null)));
        reads.put("workflowStatus", () -> remote.workflowStatus(new WorkflowStatus.Query("wf", null, null, null,
                null)));
        reads.forEach((name, read) -> {
            try {
                read.run();
            } catch (RuntimeException e) {
                failed.add(name + ": " + e);
            }
        });
        assertThat(failed).isEmpty();
        for (Runnable unknown : List.<Runnable>of(() -> remote.decision("dec_unknown"),
                () -> remote.trackingPlanViolations("plan_unknown", null), () -> remote.trackable("ZZZZZZZZ"))) {
            assertThat(catchThrowableOfType(ApiException.Client.class, unknown::run).status()).isEqualTo(404);
        }
    }
}
