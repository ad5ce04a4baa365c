package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.domain.plan.PlanChecker;
import com.headlessanalytics.console.domain.plan.PlanValidator;
import com.headlessanalytics.console.domain.plan.PlanViolation;
import com.headlessanalytics.console.domain.plan.TrackingPlan;
import com.headlessanalytics.console.api.WorkflowStatus;
import com.headlessanalytics.console.api.Connectors;
import com.headlessanalytics.console.api.Exports;
import com.headlessanalytics.console.api.AgentPerformance;
import com.headlessanalytics.console.api.TrackingPlans;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.headlessanalytics.console.api.AgentContext;
import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.Attribution;
import com.headlessanalytics.console.api.BusinessHealth;
import com.headlessanalytics.console.api.Checks;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.EventNames;
import com.headlessanalytics.console.api.Entities;
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
import com.headlessanalytics.console.api.Usage;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.EventLimits;
import com.headlessanalytics.console.domain.EventValidator;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.domain.Ids;
import com.headlessanalytics.console.proof.Ed25519;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The API port of one workspace on the embedded engine. */
final class EngineApi implements HeadlessApi {
    /** The most plan violations noted on (or, in block mode, reported for) one event. */
    static final int MAX_WARNINGS_PER_EVENT = 50;
    /** The most violations a refused (block mode) batch names in its details. */
    static final int MAX_BLOCKED_DETAILS = 1000;
    static final int DEFAULT_VIOLATIONS_LIMIT = 500;
    static final int MAX_VIOLATIONS_LIMIT = 10_000;
    private final String workspaceId;
    private final String defaultBusinessId;
    private final EventStore store;
    private final Readiness readiness;
    private final EngineAnalytics analytics;
    private final EngineInsights insights;
    private final EngineAgents agents;
    private final EngineWorkflows workflows;
    private final UsageMeter usage;
    private final EngineGovernance governance;
    private final EngineProofTrails proofTrails;
    private final WorkspaceKeys keys;
    private final EngineTrackables trackables;
    private final EnginePlans plans;
    private final EngineConnectors connectors;
    private final EngineExports exports;
    private final String principal;
    private final Clock clock;

    private final GraphProjection graph;

    EngineApi(String workspaceId, String defaultBusinessId, String principal, EventStore store, Readiness readiness,
              EngineAnalytics analytics, UsageMeter usage, EngineGovernance governance, EngineProofTrails proofTrails,
              WorkspaceKeys keys, EngineTrackables trackables, EnginePlans plans, EngineExports exports, GraphProjection graph,
              Clock clock) {
        this.workspaceId = workspaceId;
        this.plans = plans;
        this.trackables = trackables;
        this.principal = principal;
        this.governance = governance;
        this.proofTrails = proofTrails;
        this.keys = keys;
        this.defaultBusinessId = defaultBusinessId;
        this.store = store;
        this.readiness = readiness;
        this.analytics = analytics;
        this.insights = new EngineInsights(analytics.database(), analytics, store);
        this.agents = new EngineAgents(analytics.database(), analytics, store);
        this.workflows = new EngineWorkflows(store);
        this.graph = graph;
        this.usage = usage;
        this.clock = clock;
        this.connectors = new EngineConnectors(this, com.headlessanalytics.console.connectors.ConnectorRegistry.standard());
        this.exports = exports;
    }

    @Override
    public IngestResult ingest(List<Map<String, Object>> raw) {
        if (raw == null || raw.isEmpty()) {
            throw ApiException.invalid("No events to ingest", List.of(
                    new FieldError(null, "events", "required", "must hold at least one event")));
        }
        if (raw.size() > EventLimits.MAX_BATCH_EVENTS) {
            throw ApiException.tooLarge("Too many events in one batch", List.of(new FieldError(null, "events",
                    FieldError.TOO_LARGE, raw.size() + " events; the limit is " + EventLimits.MAX_BATCH_EVENTS)));
        }
        long now = clock.millis();
        Validated valid = validate(raw, now, true);
        List<Event> events = valid.events();
        List<String> envelopes = valid.envelopes();
        Persisted persisted = persist(events, envelopes);
        EventStore.Stored stored = persisted.stored();
        List<List<PlanViolation>> noted = persisted.noted();
        List<String> ids = events.stream().map(Event::id).toList();
        long from = events.stream().mapToLong(Event::timestamp).min().orElse(now);
        long to = events.stream().mapToLong(Event::timestamp).max().orElse(now);
        String business = events.stream().map(Event::businessId).distinct().count() == 1
                ? events.get(0).businessId() : null;
        return new IngestResult(stored.accepted(), stored.duplicateIds().size(), ids, stored.duplicateIds(),
                proof(business, new Period(from, to), now), noted == null ? null : warnings(events, stored, noted));
    }

    /** A batch that passed validation: the events and the JSON each is stored as. */
    record Validated(List<Event> events, List<String> envelopes) {
    }

    /**
     * Validates a batch as ingest does: each event (ids generated where missing, stamped {@code now})
     * and its stored size, plus the whole batch's size when {@code batchLimit}; throws the 400 (413)
     * naming every problem, so nothing of an invalid batch is stored.
     */
    Validated validate(List<Map<String, Object>> raw, long now, boolean batchLimit) {
        List<Event> events = new ArrayList<>(raw.size());
        List<String> envelopes = new ArrayList<>(raw.size());
        List<FieldError> errors = new ArrayList<>();
        long totalBytes = 0;
        int invalid = 0;
        for (int i = 0; i < raw.size(); i++) {
            Map<String, Object> envelope = raw.get(i);
            if (envelope == null) {
                errors.add(new FieldError(i, null, "invalid_type", "must be an object"));
                invalid++;
                continue;
            }
            EventValidator.Outcome outcome = EventValidator.validate(i, envelope, 0, now, defaultBusinessId,
                    Ids.newId("evt", now));
            if (outcome.valid()) {
                String json = EventStore.toJson(outcome.event());
                int bytes = utf8Length(json);
                totalBytes += bytes;
                FieldError tooLarge = EventValidator.sizeError(i, bytes);
                if (tooLarge == null) {
                    events.add(outcome.event());
                    envelopes.add(json);
                } else {
                    errors.add(tooLarge);
                    invalid++;
                }
            } else {
                int bytes = encodedSize(envelope);
                totalBytes += bytes;
                FieldError tooLarge = EventValidator.sizeError(i, bytes);
                if (tooLarge != null) {
                    errors.add(tooLarge);
                }
                errors.addAll(outcome.errors());
                invalid++;
            }
        }
        if (batchLimit && totalBytes > EventLimits.MAX_BATCH_BYTES) {
            errors.add(0, new FieldError(null, "events", FieldError.TOO_LARGE, "the batch is " + totalBytes
                    + " bytes; the limit is " + EventLimits.MAX_BATCH_BYTES + " bytes"));
        }
        if (!errors.isEmpty()) {
            String message = invalid == 0 ? "The batch is too large; nothing was stored"
                    : invalid + " of " + raw.size() + (raw.size() == 1 ? " event is" : " events are")
                    + " invalid; nothing was stored";
            boolean tooLarge = errors.stream().anyMatch(FieldError::isTooLarge);
            throw tooLarge ? ApiException.tooLarge(message, errors) : ApiException.invalid(message, errors);
        }
        return new Validated(events, envelopes);
    }

    Database database() {
        return store.database();
    }

    /**
     * As {@link #persist}, written in time order in one transaction ({@link EventStore#storeBulk}):
     * the path of bulk imports ({@link BulkImport}) and connector ingest, whose batches come from files.
     */
    Persisted persistInTimeOrder(List<Event> events, List<String> envelopes) {
        EnginePlans.Active active = guarded(() -> plans.active(workspaceId));
        List<List<PlanViolation>> noted = active.isEmpty() ? null : checkPlans(active, events, envelopes);
        EventStore.Stored stored = guarded(() -> store.storeBulk(workspaceId, events, envelopes));
        return new Persisted(stored, noted);
    }

    /** What {@link #persist} stored, and each event's plan warnings (null when none has any). */
    record Persisted(EventStore.Stored stored, List<List<PlanViolation>> noted) {
    }

    /**
     * The store path of ingest, shared with connector ingest: the active tracking plans over the
     * validated batch (block mode refuses it, warn mode notes warnings on the events and their
     * envelopes, replaced in place), then one transaction.
     */
    Persisted persist(List<Event> events, List<String> envelopes) {
        EnginePlans.Active active = guarded(() -> plans.active(workspaceId));
        List<List<PlanViolation>> noted = active.isEmpty() ? null : checkPlans(active, events, envelopes);
        EventStore.Stored stored = guarded(() -> store.store(workspaceId, events, envelopes));
        return new Persisted(stored, noted);
    }

    /** The active tracking plans of the workspace. */
    EnginePlans.Active activePlans() {
        return guarded(() -> plans.active(workspaceId));
    }

    /** Which of these events' ids are stored already. */
    java.util.Set<String> storedIds(List<Event> events) {
        return guarded(() -> store.storedIds(workspaceId, events));
    }

    String defaultBusinessId() {
        return defaultBusinessId;
    }

    long now() {
        return clock.millis();
    }

    Proof proofFor(String businessId, Period period, long now) {
        return proof(businessId, period, now);
    }

    /**
     * Runs the active plans over the batch: any violation of a plan in block mode refuses the whole
     * batch (400 naming each); violations of plans in warn mode are noted on their events (and in
     * their envelopes, replaced in place). Gives each event's warnings, or null when none has any.
     */
    private static List<List<PlanViolation>> checkPlans(EnginePlans.Active active, List<Event> events,
                                                        List<String> envelopes) {
        if (active.block() != null) {
            List<FieldError> blocked = new ArrayList<>();
            int refused = 0;
            for (int i = 0; i < events.size(); i++) {
                List<PlanViolation> found = active.block().check(events.get(i));
                refused += found.isEmpty() ? 0 : 1;
                for (PlanViolation v : found.subList(0, Math.min(found.size(), MAX_WARNINGS_PER_EVENT))) {
                    if (blocked.size() < MAX_BLOCKED_DETAILS) {
                        blocked.add(new FieldError(i, v.field(), v.code(), v.message()));
                    }
                }
            }
            if (!blocked.isEmpty()) {
                throw ApiException.invalid(refused + " of " + events.size() + (events.size() == 1 ? " event breaks"
                        : " events break") + " a tracking plan in block mode; nothing was stored", blocked);
            }
        }
        if (active.warn() == null) {
            return null;
        }
        List<List<PlanViolation>> noted = null;
        for (int i = 0; i < events.size(); i++) {
            List<PlanViolation> found = active.warn().check(events.get(i));
            if (!found.isEmpty()) {
                if (noted == null) {
                    noted = new ArrayList<>(java.util.Collections.nCopies(events.size(), List.<PlanViolation>of()));
                }
                List<PlanViolation> kept = found.subList(0, Math.min(found.size(), MAX_WARNINGS_PER_EVENT));
                Event warned = events.get(i).withWarnings(kept);
                events.set(i, warned);
                envelopes.set(i, EventStore.toJson(warned));
                noted.set(i, kept);
            }
        }
        return noted;
    }

    /** The warnings of the events this ingest stored; a duplicate (already stored, or repeated) has none. */
    private static List<IngestResult.Warning> warnings(List<Event> events, EventStore.Stored stored,
                                                       List<List<PlanViolation>> noted) {
        Map<String, Integer> duplicates = new java.util.HashMap<>();
        for (String id : stored.duplicateIds()) {
            duplicates.merge(id, 1, Integer::sum);
        }
        Map<String, Integer> occurrences = new java.util.HashMap<>();
        for (Event e : events) {
            occurrences.merge(e.id(), 1, Integer::sum);
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<IngestResult.Warning> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            String id = events.get(i).id();
            boolean storedHere = seen.add(id) && duplicates.getOrDefault(id, 0) < occurrences.get(id);
            if (storedHere) {
                for (PlanViolation v : noted.get(i)) {
                    out.add(new IngestResult.Warning(i, v.planId(), v.field(), v.code(), v.message()));
                }
            }
        }
        return out.isEmpty() ? null : out;
    }

    @Override
    public EventPage events(EventQuery query) {
        EventQuery q = query == null ? EventQuery.all() : query;
        List<FieldError> problems = q.problems();
        if (!problems.isEmpty()) {
            throw ApiException.invalid("Invalid event query", problems);
        }
        long now = clock.millis();
        EventStore.Page page = guarded(() -> store.query(workspaceId, q));
        return new EventPage(page.events(), page.nextCursor(), proof(q.businessId(), new Period(q.from(), q.to()), now));
    }

    @Override
    public EventNames eventNames(String businessId) {
        if (businessId != null && (businessId.isEmpty() || businessId.length() > EventLimits.MAX_ID_LENGTH)) {
            throw ApiException.invalid("Invalid businessId", List.of(new FieldError(null, "businessId",
                    "invalid_value", "must be 1-" + EventLimits.MAX_ID_LENGTH + " characters")));
        }
        long now = clock.millis();
        List<EventNames.Name> names = guarded(() -> store.names(workspaceId, businessId));
        return new EventNames(names, proof(businessId, new Period(null, null), now));
    }

    @Override
    public RuntimeHealth health() {
        long now = clock.millis();
        return readiness.check(proof(null, new Period(null, null), now));
    }

    private Proof proof(String businessId, Period period, long now) {
        return new Proof(Ids.newId("q", now), workspaceId, businessId, period, now, Proof.SCHEMA_VERSION);
    }

    /** Bytes of the string in UTF-8, without encoding it. */
    static int utf8Length(String s) {
        int bytes = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes++;
                } else if (Character.isHighSurrogate(c)) {
                    bytes += 2;
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }

    private static int encodedSize(Map<String, Object> envelope) {
        try {
            return ApiJson.mapper().writeValueAsBytes(envelope).length;
        } catch (JsonProcessingException e) {
            throw ApiException.invalid("An event cannot be written as JSON", List.of());
        }
    }

    private static <T> T guarded(Supplier<T> work) {
        try {
            return work.get();
        } catch (EngineException e) {
            throw new ApiException.Server(500, ErrorCodes.INTERNAL, e.getMessage(), e);
        }
    }

    @Override
    public Metrics.Result metrics(Metrics.Query query) {
        Metrics.Query q = query == null ? new Metrics.Query(null, null, null, null, null, null, null, null) : query;
        q.checks().throwIfAny("Invalid metrics query");
        long now = clock.millis();
        String business = businessOf(q.businessId());
        return guarded(() -> analytics.metrics(workspaceId, business, q, proof(business, new Period(q.from(), q.to()),
                now), now));
    }

    @Override
    public Metrics.Definitions metricDefinitions() {
        long now = clock.millis();
        return new Metrics.Definitions(guarded(() -> analytics.definitions(workspaceId)),
                proof(null, new Period(null, null), now));
    }

    @Override
    public Metrics.Definition saveMetricDefinition(Metrics.Definition definition) {
        if (definition == null) {
            throw ApiException.invalid("No metric definition", List.of(new FieldError(null, null, "required",
                    "a definition with name, event and aggregation is required")));
        }
        definition.checks().throwIfAny("Invalid metric definition");
        long now = clock.millis();
        return guarded(() -> analytics.saveDefinition(workspaceId, definition, now));
    }

    @Override
    public void deleteMetricDefinition(String name) {
        if (name == null || name.isBlank() || name.length() > 128) {
            throw ApiException.invalid("Invalid metric name", List.of(new FieldError(null, "name", "invalid_value",
                    "must be 1-128 characters")));
        }
        guarded(() -> {
            analytics.deleteDefinition(workspaceId, name);
            return null;
        });
    }

    @Override
    public Metrics.Snapshots metricSnapshots(String metric, Integer limit) {
        Checks checks = new Checks().range("limit", limit == null ? null : (long) limit, 1, 1000);
        if (metric != null && (metric.isBlank() || metric.length() > 128)) {
            checks.add("metric", "invalid_value", "must be 1-128 characters");
        }
        checks.throwIfAny("Invalid snapshots query");
        long now = clock.millis();
        return new Metrics.Snapshots(guarded(() -> analytics.snapshots(workspaceId, metric, limit == null ? 100
                : limit)), proof(null, new Period(null, null), now));
    }

    @Override
    public Funnels.Result funnel(Funnels.Query query) {
        if (query == null) {
            throw ApiException.invalid("No funnel", List.of(new FieldError(null, "steps", "required",
                    "must hold 1 to " + Funnels.MAX_STEPS + " steps")));
        }
        query.checks().throwIfAny("Invalid funnel query");
        long now = clock.millis();
        String business = businessOf(query.businessId());
        return guarded(() -> analytics.funnel(workspaceId, business, query, proof(business,
                new Period(query.from(), query.to()), now)));
    }

    @Override
    public Funnels.Actors funnelActors(Funnels.ActorsQuery query) {
        if (query == null) {
            throw ApiException.invalid("No query", List.of(new FieldError(null, "funnel", "required", "is required")));
        }
        query.checks().throwIfAny("Invalid funnel actors query");
        long now = clock.millis();
        String business = businessOf(query.funnel().businessId());
        return guarded(() -> analytics.funnelActors(workspaceId, business, query, proof(business,
                new Period(query.funnel().from(), query.funnel().to()), now)));
    }

    @Override
    public Attribution.Result attribution(Attribution.Query query) {
        Attribution.Query q = query == null ? Attribution.Query.counts(null, null) : query;
        q.checks().throwIfAny("Invalid attribution query");
        long now = clock.millis();
        String business = businessOf(q.businessId());
        return guarded(() -> analytics.attribution(workspaceId, business, q, proof(business,
                new Period(q.from(), q.to()), now)));
    }

    @Override
    public BusinessHealth businessHealth(String businessId, BusinessHealth.Query query) {
        BusinessHealth.Query q = query == null ? BusinessHealth.Query.defaults() : query;
        Checks checks = q.checks();
        if (businessId == null) {
            checks.add("id", "required", "the business id is required");
        }
        checks.id("id", businessId).throwIfAny("Invalid business health query");
        long now = clock.millis();
        if (!guarded(() -> insights.businessExists(workspaceId, businessId))) {
            throw ApiException.notFound("No business '" + businessId + "' in this workspace");
        }
        Period p = EngineInsights.period(q.from(), q.to(), now);
        return guarded(() -> insights.health(workspaceId, businessId, q, now, proof(businessId, p, now)));
    }

    @Override
    public AgentContext.Result agentContext(AgentContext.Query query) {
        AgentContext.Query q = query == null ? AgentContext.Query.of(AgentContext.Mode.SUMMARY) : query;
        q.checks().throwIfAny("Invalid agent-context query");
        long now = clock.millis();
        String business = businessOf(q.businessId());
        Period p = EngineInsights.period(q.from(), q.to(), now);
        return guarded(() -> insights.context(workspaceId, business, q, now, proof(business, p, now)));
    }

    @Override
    public Usage.Report usage(Usage.Query query) {
        Usage.Query q = query == null ? Usage.Query.defaults() : query;
        q.checks().throwIfAny("Invalid usage query");
        long now = clock.millis();
        return guarded(() -> usage.report(workspaceId, q, now, proof(null, new Period(q.from(), q.to()), now)));
    }

    private String businessOf(String businessId) {
        return businessId == null ? defaultBusinessId : businessId;
    }

    // ---- Governance: the caller is {@link #principal} ----

    @Override
    public Governance.Identity identity() {
        long now = clock.millis();
        return new Governance.Identity(principal, workspaceId, proof(null, new Period(null, null), now));
    }

    @Override
    public Governance.Contract createContract(Governance.NewContract contract) {
        return guarded(() -> governance.createContract(workspaceId, principal, contract));
    }

    @Override
    public Governance.Contracts contracts() {
        long now = clock.millis();
        return new Governance.Contracts(guarded(() -> governance.contracts(workspaceId)),
                proof(null, new Period(null, null), now));
    }

    @Override
    public Governance.Contract revokeContract(String contractId, Governance.ReasonRequest reason) {
        return guarded(() -> governance.revokeContract(workspaceId, principal, contractId, reason));
    }

    @Override
    public Governance.Grant createGrant(Governance.NewGrant grant) {
        return guarded(() -> governance.createGrant(workspaceId, principal, grant));
    }

    @Override
    public Governance.Grants grants() {
        long now = clock.millis();
        return new Governance.Grants(guarded(() -> governance.grants(workspaceId)),
                proof(null, new Period(null, null), now));
    }

    @Override
    public Governance.Grant revokeGrant(String grantId, Governance.ReasonRequest reason) {
        return guarded(() -> governance.revokeGrant(workspaceId, principal, grantId, reason));
    }

    @Override
    public Governance.Decision proposeDecision(Governance.NewDecision decision) {
        return guarded(() -> governance.propose(workspaceId, defaultBusinessId, principal, decision));
    }

    @Override
    public Governance.Decisions decisions(String state) {
        long now = clock.millis();
        return new Governance.Decisions(guarded(() -> governance.decisions(workspaceId, state)),
                proof(null, new Period(null, null), now));
    }

    @Override
    public Governance.Decision decision(String decisionId) {
        return guarded(() -> governance.decision(workspaceId, decisionId));
    }

    @Override
    public Governance.Decision submitDecision(String decisionId) {
        return guarded(() -> governance.submit(workspaceId, principal, decisionId));
    }

    @Override
    public Governance.Decision approveDecision(String decisionId, Governance.ApproveRequest approval) {
        return guarded(() -> governance.approve(workspaceId, principal, decisionId, approval));
    }

    @Override
    public Governance.Decision denyDecision(String decisionId, Governance.ReasonRequest reason) {
        return guarded(() -> governance.deny(workspaceId, principal, decisionId, reason));
    }

    @Override
    public Governance.Decision revokeDecision(String decisionId, Governance.ReasonRequest reason) {
        return guarded(() -> governance.revoke(workspaceId, principal, decisionId, reason));
    }

    @Override
    public Governance.Receipt enforce(Governance.EnforceRequest request) {
        return governance.enforce(workspaceId, principal, request);
    }

    @Override
    public Governance.Receipts receipts(String traceId, String decisionObjectId) {
        long now = clock.millis();
        return guarded(() -> new Governance.Receipts(governance.receipts(workspaceId, traceId, decisionObjectId),
                governance.chainStatus(workspaceId), proof(null, new Period(null, null), now)));
    }

    @Override
    public Governance.PublicKey publicKey() {
        long now = clock.millis();
        java.security.KeyPair pair = guarded(() -> keys.keyPair(workspaceId));
        String fingerprint = Ed25519.fingerprint(pair.getPublic());
        return new Governance.PublicKey("Ed25519", fingerprint, "SHA256:" + fingerprint,
                Ed25519.publicPem(pair.getPublic()), keys.createdAt(workspaceId), proof(null, new Period(null, null), now));
    }

    // ---- Proof trails ----

    @Override
    public ProofTrails.Preview previewProofTrail(ProofTrails.ExportRequest request) {
        long now = clock.millis();
        return new ProofTrails.Preview(guarded(() -> proofTrails.preview(workspaceId, request)),
                proof(null, new Period(request == null ? null : request.from(), request == null ? null : request.to()),
                        now));
    }

    @Override
    public ProofTrails.ExportResult exportProofTrail(ProofTrails.ExportRequest request) {
        return guarded(() -> proofTrails.export(workspaceId, principal, request));
    }

    @Override
    public ProofTrails.Trails proofTrails() {
        long now = clock.millis();
        return new ProofTrails.Trails(guarded(() -> proofTrails.trails(workspaceId)),
                proof(null, new Period(null, null), now));
    }

    @Override
    public byte[] proofPacket(String proofId) {
        return guarded(() -> proofTrails.packet(workspaceId, proofId));
    }

    @Override
    public ProofTrails.PushSettings proofPushSettings() {
        long now = clock.millis();
        return new ProofTrails.PushSettings(guarded(() -> proofTrails.pushEndpoint(workspaceId)),
                proof(null, new Period(null, null), now));
    }

    @Override
    public ProofTrails.PushSettings saveProofPushSettings(ProofTrails.PushSettings settings) {
        long now = clock.millis();
        String endpoint = settings == null ? null : settings.endpoint();
        return new ProofTrails.PushSettings(guarded(() -> proofTrails.savePushEndpoint(workspaceId, endpoint)),
                proof(null, new Period(null, null), now));
    }

    // ---- Trackables (PRODUCT.md §6) ----

    @Override
    public Trackables.Trackable createTrackable(Trackables.NewTrackable trackable) {
        if (trackable == null) {
            throw ApiException.invalid("No trackable", List.of(new FieldError(null, null, "required",
                    "a trackable with kind and name is required")));
        }
        EngineTrackables.checks(trackable).throwIfAny("Invalid trackable");
        long now = clock.millis();
        String business = businessOf(trackable.businessId());
        return guarded(() -> trackables.create(workspaceId, business, principal, trackable, now,
                proof(business, new Period(null, null), now)));
    }

    @Override
    public Trackables.TrackableList trackables(Trackables.Query query) {
        Trackables.Query q = query == null ? Trackables.Query.all() : query;
        EngineTrackables.checks(q).throwIfAny("Invalid trackables query");
        long now = clock.millis();
        return new Trackables.TrackableList(guarded(() -> trackables.list(workspaceId, q)),
                proof(null, new Period(null, null), now));
    }

    @Override
    public Trackables.Trackable trackable(String code) {
        String canonical = Trackables.lookupCode(code);
        Trackables.Trackable found = guarded(() -> trackables.find(workspaceId, canonical));
        if (found == null) {
            throw ApiException.notFound("No trackable with code '" + canonical + "' in this workspace");
        }
        long now = clock.millis();
        return new Trackables.Trackable(found.code(), found.kind(), found.name(), found.targetUrl(),
                found.eventName(), found.businessId(), found.payload(), found.trackingUrl(), found.createdAt(),
                found.createdBy(), found.scans(), found.lastScanAt(), null, proof(found.businessId(),
                new Period(null, null), now));
    }

    // ---- Tracking plans (docs/api.md, Tracking plans) ----

    @Override
    public TrackingPlans.Plans trackingPlans() {
        long now = clock.millis();
        return new TrackingPlans.Plans(guarded(() -> plans.list(workspaceId)), proof(null, new Period(null, null), now));
    }

    @Override
    public TrackingPlan saveTrackingPlan(TrackingPlan plan) {
        List<FieldError> problems = PlanValidator.problems(plan);
        if (!problems.isEmpty()) {
            throw ApiException.invalid("Invalid tracking plan", problems);
        }
        long now = clock.millis();
        return guarded(() -> plans.save(workspaceId, plan, now));
    }

    @Override
    public void deleteTrackingPlan(String planId) {
        checkPlanId(planId);
        if (!guarded(() -> plans.delete(workspaceId, planId))) {
            throw ApiException.notFound("No tracking plan '" + planId + "' in this workspace");
        }
    }

    @Override
    public TrackingPlans.Report trackingPlanViolations(String planId, Integer limit) {
        checkPlanId(planId);
        new Checks().range("limit", limit == null ? null : (long) limit, 1, MAX_VIOLATIONS_LIMIT)
                .throwIfAny("Invalid violations query");
        TrackingPlan plan = guarded(() -> plans.find(workspaceId, planId));
        if (plan == null) {
            throw ApiException.notFound("No tracking plan '" + planId + "' in this workspace");
        }
        long now = clock.millis();
        int wanted = limit == null ? DEFAULT_VIOLATIONS_LIMIT : limit;
        PlanChecker checker = PlanChecker.of(List.of(plan));
        List<TrackingPlans.Breach> breaches = new ArrayList<>();
        EventQuery q = EventQuery.all().withOrder(EventQuery.Order.DESC)
                .withLimit(Math.min(wanted, EventLimits.MAX_EVENTS_PAGE));
        int checked = 0;
        while (checked < wanted) {
            EventQuery page = q.withLimit(Math.min(wanted - checked, EventLimits.MAX_EVENTS_PAGE));
            EventStore.Page read = guarded(() -> store.query(workspaceId, page));
            for (Event e : read.events()) {
                List<PlanViolation> found = checker.check(e);
                if (!found.isEmpty()) {
                    breaches.add(new TrackingPlans.Breach(e, found));
                }
            }
            checked += read.events().size();
            if (read.nextCursor() == null) {
                break;
            }
            q = q.withCursor(read.nextCursor());
        }
        return new TrackingPlans.Report(planId, checked, breaches, proof(null, new Period(null, null), now));
    }

    private static void checkPlanId(String planId) {
        String problem = PlanValidator.idProblem(planId);
        if (problem != null) {
            throw ApiException.invalid("Invalid tracking plan id", List.of(new FieldError(null, "id",
                    planId == null ? "required" : "invalid_value", problem)));
        }
    }

    @Override
    public AgentPerformance.Result agentPerformance(AgentPerformance.Query query) {
        if (query == null) {
            throw ApiException.invalid("No query", List.of(new FieldError(null, "agentId", "required",
                    "is required")));
        }
        query.checks().throwIfAny("Invalid agent performance query");
        long now = clock.millis();
        return guarded(() -> agents.performance(workspaceId, query, now, proof(query.businessId(),
                new Period(query.from(), query.to()), now)));
    }

    @Override
    public WorkflowStatus.Result workflowStatus(WorkflowStatus.Query query) {
        if (query == null) {
            throw ApiException.invalid("No query", List.of(new FieldError(null, "workflowId", "required",
                    "is required")));
        }
        query.checks().throwIfAny("Invalid workflow status query");
        long now = clock.millis();
        return guarded(() -> workflows.status(workspaceId, query, proof(query.businessId(),
                new Period(query.from(), query.to()), now)));
    }

    // ---- Connectors and destination exports ----

    @Override
    public Connectors.Result connectorIngest(Connectors.Request request) {
        return connectors.ingest(request);
    }

    /** Connector ingest in its two halves, for {@link BulkImport}. */
    EngineConnectors connectors() {
        return connectors;
    }

    @Override
    public Connectors.Providers connectorProviders() {
        return connectors.providers();
    }

    @Override
    public Exports.Result exportToDestination(Exports.Request request) {
        return exports.export(workspaceId, request);
    }

    @Override
    public Exports.Receipts exportReceipts(Integer limit) {
        return exports.receipts(workspaceId, limit);
    }

    @Override
    public Exports.Result retryExport(String exportId, Exports.RetryRequest request) {
        return exports.retry(workspaceId, exportId, request);
    }

    // ---- The operating graph ----

    @Override
    public Entities.Page entities(Entities.Query query) {
        Entities.Query q = query == null ? Entities.Query.all() : query;
        List<FieldError> problems = q.problems();
        if (!problems.isEmpty()) {
            throw ApiException.invalid("Invalid entity query", problems);
        }
        long now = clock.millis();
        Entities.Page page = graph.list(workspaceId, q);
        return new Entities.Page(page.entities(), page.nextCursor(), proof(null, new Period(null, null), now));
    }

    @Override
    public Entities.Detail entity(String type, String id) {
        Entities.checkKey(type, id);
        long now = clock.millis();
        GraphProjection.View view = graph.view(workspaceId, type, id, Entities.DETAIL_RELATIONSHIPS,
                Entities.DETAIL_EVENTS);
        if (view == null) {
            throw notFound(type, id);
        }
        List<long[]> recent = view.recent().size() > Entities.DETAIL_EVENTS
                ? view.recent().subList(0, Entities.DETAIL_EVENTS) : view.recent();
        return new Entities.Detail(view.entity(), view.relationships(), view.relationshipCount(),
                guarded(() -> store.bySeq(recent)), proof(null, new Period(null, null), now));
    }

    @Override
    public EventPage entityEvents(Entities.EventsQuery query) {
        query.check();
        int limit = query.effectiveLimit();
        long[] before = query.cursor() == null ? null : EventStore.decodeCursor(query.cursor(), true);
        long now = clock.millis();
        List<long[]> found = graph.timeline(workspaceId, query.type(), query.id(), before, limit);
        if (found == null) {
            throw notFound(query.type(), query.id());
        }
        String next = null;
        if (found.size() > limit) {
            found = found.subList(0, limit);
            long[] last = found.get(limit - 1);
            next = EventStore.encodeCursor(last[0], last[1], true);
        }
        List<long[]> page = found;
        return new EventPage(guarded(() -> store.bySeq(page)), next, proof(null, new Period(null, null), now));
    }

    private static ApiException notFound(String type, String id) {
        return ApiException.notFound("No entity of type '" + type + "' with id '" + id + "' in this workspace");
    }
}
