package com.headlessanalytics.console.server;

import com.headlessanalytics.console.domain.plan.TrackingPlan;
import com.headlessanalytics.console.api.Entities;
import com.headlessanalytics.console.api.Connectors;
import com.headlessanalytics.console.api.Exports;
import com.headlessanalytics.console.api.WorkflowStatus;
import com.headlessanalytics.console.api.AgentPerformance;
import com.headlessanalytics.console.api.TrackingPlans;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.headlessanalytics.console.api.AgentContext;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Attribution;
import com.headlessanalytics.console.api.BusinessHealth;
import com.headlessanalytics.console.api.EventNames;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.api.Governance;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.IngestResult;
import com.headlessanalytics.console.api.Metrics;
import com.headlessanalytics.console.api.Period;
import com.headlessanalytics.console.api.Proof;
import com.headlessanalytics.console.api.ProofTrails;
import com.headlessanalytics.console.api.Trackables;
import com.headlessanalytics.console.api.RuntimeHealth;
import com.headlessanalytics.console.api.ServeBackend;
import com.headlessanalytics.console.api.Usage;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.EventValidator;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.domain.Ids;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory backend: two keys of two workspaces (plus a second key of the first, for a second
 * principal), a revoked key, events kept in a list. The analytics operations validate their query
 * as the engine does ({@code checks()}), remember the last arguments they got, and answer with small
 * fixed figures; the governance ones run on a {@link FakeGovernance} per workspace, the connector and
 * export ones on a {@link FakeIntegrations}.
 */
final class FakeBackend implements ServeBackend {
    static final String KEY = "ha_test_alpha_0123456789";
    static final String KEY_ID = "key_alpha";
    static final String WORKSPACE = "ws_alpha";
    static final String OTHER_KEY = "ha_test_beta_0123456789";
    static final String OTHER_KEY_ID = "key_beta";
    static final String OTHER_WORKSPACE = "ws_beta";
    static final String REVOKED_KEY = "ha_test_revoked_0123456789";
    /** A second key of the first workspace: another principal, to approve what {@link #KEY} proposes. */
    static final String APPROVER_KEY = "ha_test_approver_0123456789";
    static final String APPROVER_KEY_ID = "key_approver";
    /** The value of a required setting: health must name the setting, never show this. */
    static final String SECRET_VALUE = "sk_live_do_not_leak_42";

    final List<Event> stored = new ArrayList<>();
    final List<UsageRecord> metered = new ArrayList<>();
    final AtomicInteger authCalls = new AtomicInteger();
    final AtomicInteger ingestCalls = new AtomicInteger();
    /** Calls of the analytics operations, and the arguments of the last one. */
    final AtomicInteger analyticsCalls = new AtomicInteger();
    volatile List<Object> lastArguments = List.of();
    final Map<String, Metrics.Definition> definitions = new java.util.concurrent.ConcurrentSkipListMap<>();
    volatile boolean ready = true;
    /** Thrown by every port call when set. */
    volatile RuntimeException failure;
    /** When set, ingest counts down {@code ingestEntered} and then waits for {@code ingestRelease}. */
    volatile CountDownLatch ingestRelease;
    final CountDownLatch ingestEntered = new CountDownLatch(1);
    private final Map<String, FakeGovernance> governance = new java.util.concurrent.ConcurrentHashMap<>();
    /** Calls of the governance and proof-trail operations, and the arguments of the last one. */
    final AtomicInteger governanceCalls = new AtomicInteger();
    private final Map<String, FakeIntegrations> integrations = new java.util.concurrent.ConcurrentHashMap<>();
    /** Calls of the connector and export operations; their arguments are in {@link #lastArguments}. */
    final AtomicInteger integrationCalls = new AtomicInteger();

    @Override
    public Optional<Principal> authenticate(String apiKey) {
        authCalls.incrementAndGet();
        return switch (apiKey) {
            case KEY -> Optional.of(new Principal(WORKSPACE, KEY_ID));
            case OTHER_KEY -> Optional.of(new Principal(OTHER_WORKSPACE, OTHER_KEY_ID));
            case APPROVER_KEY -> Optional.of(new Principal(WORKSPACE, APPROVER_KEY_ID));
            default -> Optional.empty();
        };
    }

    @Override
    public HeadlessApi workspace(Principal principal) {
        return new Port(principal.workspaceId(), principal.keyId());
    }

    /** The connectors and exports of one workspace, made on first use. */
    FakeIntegrations integrations(String workspaceId) {
        return integrations.computeIfAbsent(workspaceId, FakeIntegrations::new);
    }

    /** The governance of one workspace, made on first use. */
    FakeGovernance governance(String workspaceId) {
        return governance.computeIfAbsent(workspaceId, w -> new FakeGovernance());
    }

    @Override
    public void meter(UsageRecord record) {
        synchronized (metered) {
            metered.add(record);
            metered.notifyAll();
        }
    }

    /** The one usage record of the call answered with {@code queryId}; fails if there is none or several. */
    UsageRecord awaitMeter(String queryId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        synchronized (metered) {
            while (true) {
                List<UsageRecord> matching = metered.stream().filter(r -> queryId.equals(r.queryId())).toList();
                if (matching.size() > 1) {
                    throw new AssertionError("metered " + matching.size() + " times: " + queryId);
                }
                if (matching.size() == 1) {
                    return matching.get(0);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("never metered: " + queryId + " in " + metered);
                }
                TimeUnit.NANOSECONDS.timedWait(metered, left);
            }
        }
    }

    int meterCount() {
        synchronized (metered) {
            return metered.size();
        }
    }

    @Override
    public Optional<TrackableLink> trackableLink(String code) {
        return Optional.empty();
    }

    @Override
    public RuntimeHealth health() {
        List<RuntimeHealth.Check> checks = List.of(
                new RuntimeHealth.Check("database", ready ? RuntimeHealth.OK : RuntimeHealth.FAIL, true,
                        ready ? "open" : "cannot open the database", ready ? null : "check the data folder"),
                new RuntimeHealth.Check("usage_metering", RuntimeHealth.OK, true, "recording", null));
        List<RuntimeHealth.Setting> settings =
                List.of(new RuntimeHealth.Setting("HA_SIGNING_KEY", true, SECRET_VALUE != null, "signs proof packets"));
        return RuntimeHealth.of(checks, settings, proof(null));
    }

    private static Proof proof(String workspaceId) {
        long now = System.currentTimeMillis();
        return new Proof(Ids.newId("q", now), workspaceId, null, new Period(null, null), now, Proof.SCHEMA_VERSION);
    }

    private final class Port implements HeadlessApi {
        private final String workspaceId;
        private final String principal;

        Port(String workspaceId, String principal) {
            this.workspaceId = workspaceId;
            this.principal = principal;
        }

        private FakeGovernance gov(Object... arguments) {
            governanceCalls.incrementAndGet();
            lastArguments = java.util.Arrays.asList(arguments);
            failIfAsked();
            return governance(workspaceId);
        }

        @Override
        public Governance.Identity identity() {
            gov();
            return new Governance.Identity(principal, workspaceId, proof(workspaceId));
        }

        @Override
        public Governance.Contract createContract(Governance.NewContract contract) {
            return gov(contract).createContract(principal, contract);
        }

        @Override
        public Governance.Contracts contracts() {
            return new Governance.Contracts(gov().contracts(), proof(workspaceId));
        }

        @Override
        public Governance.Contract revokeContract(String contractId, Governance.ReasonRequest reason) {
            return gov(contractId, reason).revokeContract(principal, contractId, reason);
        }

        @Override
        public Governance.Grant createGrant(Governance.NewGrant grant) {
            return gov(grant).createGrant(principal, grant);
        }

        @Override
        public Governance.Grants grants() {
            return new Governance.Grants(gov().grants(), proof(workspaceId));
        }

        @Override
        public Governance.Grant revokeGrant(String grantId, Governance.ReasonRequest reason) {
            return gov(grantId, reason).revokeGrant(principal, grantId, reason);
        }

        @Override
        public Governance.Decision proposeDecision(Governance.NewDecision decision) {
            return gov(decision).propose(principal, decision);
        }

        @Override
        public Governance.Decisions decisions(String state) {
            return new Governance.Decisions(gov(state).decisions(state), proof(workspaceId));
        }

        @Override
        public Governance.Decision decision(String decisionId) {
            return gov(decisionId).decision(decisionId);
        }

        @Override
        public Governance.Decision submitDecision(String decisionId) {
            return gov(decisionId).submit(principal, decisionId);
        }

        @Override
        public Governance.Decision approveDecision(String decisionId, Governance.ApproveRequest approval) {
            return gov(decisionId, approval).approve(principal, decisionId, approval);
        }

        @Override
        public Governance.Decision denyDecision(String decisionId, Governance.ReasonRequest reason) {
            return gov(decisionId, reason).close(principal, decisionId, reason, "denied");
        }

        @Override
        public Governance.Decision revokeDecision(String decisionId, Governance.ReasonRequest reason) {
            return gov(decisionId, reason).close(principal, decisionId, reason, "revoked");
        }

        @Override
        public Governance.Receipt enforce(Governance.EnforceRequest request) {
            return gov(request).enforce(principal, request);
        }

        @Override
        public Governance.Receipts receipts(String traceId, String decisionObjectId) {
            return gov(traceId, decisionObjectId).receipts(traceId, decisionObjectId, proof(workspaceId));
        }

        @Override
        public Governance.PublicKey publicKey() {
            return gov().publicKey(proof(workspaceId));
        }

        @Override
        public ProofTrails.Preview previewProofTrail(ProofTrails.ExportRequest request) {
            return new ProofTrails.Preview(gov(request).preview(request), proof(workspaceId));
        }

        @Override
        public ProofTrails.ExportResult exportProofTrail(ProofTrails.ExportRequest request) {
            return gov(request).export(principal, request, proof(workspaceId));
        }

        @Override
        public ProofTrails.Trails proofTrails() {
            return new ProofTrails.Trails(gov().trails(), proof(workspaceId));
        }

        @Override
        public byte[] proofPacket(String proofId) {
            return gov(proofId).packet(proofId);
        }

        @Override
        public ProofTrails.PushSettings proofPushSettings() {
            return new ProofTrails.PushSettings(gov().pushEndpoint(), proof(workspaceId));
        }

        @Override
        public ProofTrails.PushSettings saveProofPushSettings(ProofTrails.PushSettings settings) {
            return new ProofTrails.PushSettings(gov(settings).savePushEndpoint(settings.endpoint()),
                    proof(workspaceId));
        }

        @Override
        public Trackables.Trackable createTrackable(Trackables.NewTrackable trackable) {
            throw new UnsupportedOperationException("trackables are not prepared in this test");
        }

        @Override
        public Trackables.TrackableList trackables(Trackables.Query query) {
            throw new UnsupportedOperationException("trackables are not prepared in this test");
        }

        @Override
        public Trackables.Trackable trackable(String code) {
            throw new UnsupportedOperationException("trackables are not prepared in this test");
        }

        @Override
        public Entities.Page entities(Entities.Query query) {
            throw new UnsupportedOperationException("entities are not prepared in this test");
        }

        @Override
        public Entities.Detail entity(String type, String id) {
            throw new UnsupportedOperationException("entities are not prepared in this test");
        }

        @Override
        public EventPage entityEvents(Entities.EventsQuery query) {
            throw new UnsupportedOperationException("entities are not prepared in this test");
        }

        @Override
        public TrackingPlans.Plans trackingPlans() {
            throw new UnsupportedOperationException("trackingPlans is not prepared in this test");
        }

        @Override
        public TrackingPlan saveTrackingPlan(TrackingPlan plan) {
            throw new UnsupportedOperationException("saveTrackingPlan is not prepared in this test");
        }

        @Override
        public void deleteTrackingPlan(String planId) {
            throw new UnsupportedOperationException("deleteTrackingPlan is not prepared in this test");
        }

        @Override
        public TrackingPlans.Report trackingPlanViolations(String planId, Integer limit) {
            throw new UnsupportedOperationException("trackingPlanViolations is not prepared in this test");
        }

        @Override
        public AgentPerformance.Result agentPerformance(AgentPerformance.Query query) {
            throw new UnsupportedOperationException("agentPerformance is not prepared in this test");
        }

        @Override
        public WorkflowStatus.Result workflowStatus(WorkflowStatus.Query query) {
            throw new UnsupportedOperationException("workflowStatus is not prepared in this test");
        }

        private FakeIntegrations integrations(Object... arguments) {
            integrationCalls.incrementAndGet();
            lastArguments = java.util.Arrays.asList(arguments);
            failIfAsked();
            return FakeBackend.this.integrations(workspaceId);
        }

        @Override
        public Connectors.Result connectorIngest(Connectors.Request request) {
            return integrations(request).ingest(request);
        }

        @Override
        public Connectors.Providers connectorProviders() {
            return integrations().providers();
        }

        @Override
        public Exports.Result exportToDestination(Exports.Request request) {
            return integrations(request).export(request);
        }

        @Override
        public Exports.Receipts exportReceipts(Integer limit) {
            return integrations(limit).receipts(limit);
        }

        @Override
        public Exports.Result retryExport(String exportId, Exports.RetryRequest request) {
            return integrations(exportId, request).retry(exportId, request);
        }

        @Override
        public IngestResult ingest(List<Map<String, Object>> events) {
            ingestCalls.incrementAndGet();
            failIfAsked();
            CountDownLatch release = ingestRelease;
            if (release != null) {
                ingestEntered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            long now = System.currentTimeMillis();
            List<Event> valid = new ArrayList<>();
            List<FieldError> errors = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                EventValidator.Outcome outcome = EventValidator.validate(events.size() == 1 ? null : i, events.get(i),
                        encodedSize(events.get(i)), now, "default", Ids.newId("evt", now));
                errors.addAll(outcome.errors());
                valid.add(outcome.event());
            }
            if (!errors.isEmpty()) {
                throw ApiException.invalid("invalid events", errors);
            }
            List<String> ids = new ArrayList<>();
            List<String> duplicates = new ArrayList<>();
            synchronized (stored) {
                for (Event e : valid) {
                    ids.add(e.id());
                    if (stored.stream().anyMatch(s -> s.id().equals(e.id()))) {
                        duplicates.add(e.id());
                    } else {
                        stored.add(e);
                    }
                }
            }
            return new IngestResult(ids.size() - duplicates.size(), duplicates.size(), ids, duplicates,
                    proof(workspaceId));
        }

        @Override
        public EventPage events(EventQuery query) {
            failIfAsked();
            if (!query.problems().isEmpty()) {
                throw ApiException.invalid("invalid query", query.problems());
            }
            List<Event> matching;
            synchronized (stored) {
                matching = stored.stream()
                        .filter(e -> query.event() == null || query.event().equals(e.event()))
                        .sorted(Comparator.comparingLong(Event::timestamp))
                        .toList();
            }
            int start = query.cursor() == null ? 0 : Integer.parseInt(query.cursor());
            int end = Math.min(matching.size(), start + query.effectiveLimit());
            String next = end < matching.size() ? Integer.toString(end) : null;
            return new EventPage(matching.subList(start, end), next, proof(workspaceId));
        }

        @Override
        public EventNames eventNames(String businessId) {
            failIfAsked();
            java.util.Map<String, long[]> byName = new java.util.TreeMap<>();
            synchronized (stored) {
                for (Event e : stored) {
                    if (businessId == null || businessId.equals(e.businessId())) {
                        long[] t = byName.computeIfAbsent(e.event(), k -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE});
                        t[0]++;
                        t[1] = Math.min(t[1], e.timestamp());
                        t[2] = Math.max(t[2], e.timestamp());
                    }
                }
            }
            return new EventNames(byName.entrySet().stream()
                    .map(n -> new EventNames.Name(n.getKey(), n.getValue()[0], n.getValue()[1], n.getValue()[2]))
                    .toList(), proof(workspaceId));
        }

        @Override
        public RuntimeHealth health() {
            return FakeBackend.this.health();
        }

        @Override
        public Metrics.Result metrics(Metrics.Query query) {
            called(query);
            query.checks().throwIfAny("invalid metrics query");
            long events;
            synchronized (stored) {
                events = stored.stream().filter(e -> query.eventName() == null || query.eventName().equals(e.event()))
                        .count();
            }
            return new Metrics.Result(Map.of("events", BigDecimal.valueOf(events)), events, 0, BigDecimal.ZERO, "day",
                    new TreeMap<>(Map.of(0L, events)), null, null, null, proof(workspaceId));
        }

        @Override
        public Metrics.Definitions metricDefinitions() {
            called();
            return new Metrics.Definitions(List.copyOf(definitions.values()), proof(workspaceId));
        }

        @Override
        public Metrics.Definition saveMetricDefinition(Metrics.Definition definition) {
            called(definition);
            definition.checks().throwIfAny("invalid metric definition");
            Metrics.Definition saved = new Metrics.Definition(definition.name(), definition.event(),
                    definition.aggregation(), definition.property(), definition.description(), 42L);
            definitions.put(saved.name(), saved);
            return saved;
        }

        @Override
        public void deleteMetricDefinition(String name) {
            called(name);
            if (definitions.remove(name) == null) {
                throw ApiException.notFound("there is no metric definition named " + name);
            }
        }

        @Override
        public Metrics.Snapshots metricSnapshots(String metric, Integer limit) {
            called(metric, limit);
            return new Metrics.Snapshots(List.of(), proof(workspaceId));
        }

        @Override
        public Funnels.Result funnel(Funnels.Query query) {
            called(query);
            query.checks().throwIfAny("invalid funnel query");
            List<Funnels.StepResult> steps = new ArrayList<>();
            for (int i = 0; i < query.steps().size(); i++) {
                Funnels.Step s = query.steps().get(i);
                steps.add(new Funnels.StepResult(i + 1, s.label(), s.event(), 0, 0, 0, 0, i == 0 ? 0L : null));
            }
            return new Funnels.Result(steps, "ordered", query.effectiveWindowMs(), null, null, proof(workspaceId));
        }

        @Override
        public Funnels.Actors funnelActors(Funnels.ActorsQuery query) {
            called(query);
            query.checks().throwIfAny("invalid funnel drill-down");
            return new Funnels.Actors(List.of(new Funnels.Actor("anon_1", query.step(), 1000, 2000)), 1, null,
                    proof(workspaceId));
        }

        @Override
        public Attribution.Result attribution(Attribution.Query query) {
            called(query);
            query.checks().throwIfAny("invalid attribution query");
            return new Attribution.Result(Map.of("google", 2L), Map.of(), Map.of(), Map.of(), null, null, null, null,
                    null, null, proof(workspaceId));
        }

        @Override
        public BusinessHealth businessHealth(String businessId, BusinessHealth.Query query) {
            called(businessId, query);
            query.checks().throwIfAny("invalid health query");
            if (businessId.startsWith("unknown")) {
                throw ApiException.notFound("there is no business " + businessId);
            }
            List<BusinessHealth.Component> components = List.of(
                    new BusinessHealth.Component("freshness", 50, 100, "1 minute", "fresh"),
                    new BusinessHealth.Component("stability", 50, 80, "1 anomaly", "100 - 20"));
            return new BusinessHealth(businessId, 90, components, BigDecimal.ZERO, 0, 0, 0, 0, 0, null, List.of(),
                    Map.of(), Map.of(), List.of(), List.of(), List.of(), proof(workspaceId));
        }

        @Override
        public AgentContext.Result agentContext(AgentContext.Query query) {
            called(query);
            query.checks().throwIfAny("invalid agent-context query");
            return new AgentContext.Result(query.effectiveMode().name().toLowerCase(java.util.Locale.ROOT), "default",
                    new Period(1L, 2L), null, Map.of("events", 0), null, null, null, null, "Nothing happened.",
                    proof(workspaceId));
        }

        @Override
        public Usage.Report usage(Usage.Query query) {
            called(query);
            query.checks().throwIfAny("invalid usage query");
            return new Usage.Report(List.of(), List.of(), 0,
                    new Usage.Quota(Usage.DEFAULT_MONTHLY_QUOTA, 0, Usage.DEFAULT_MONTHLY_QUOTA, 0, 1), proof(workspaceId));
        }

        private void called(Object... arguments) {
            analyticsCalls.incrementAndGet();
            lastArguments = java.util.Arrays.asList(arguments);
            failIfAsked();
        }

        private void failIfAsked() {
            RuntimeException f = failure;
            if (f != null) {
                throw f;
            }
        }

        private int encodedSize(Map<String, Object> raw) {
            try {
                return ApiJson.mapper().writeValueAsBytes(raw).length;
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
