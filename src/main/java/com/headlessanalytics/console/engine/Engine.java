package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.Period;
import com.headlessanalytics.console.api.Proof;
import com.headlessanalytics.console.api.RuntimeHealth;
import com.headlessanalytics.console.api.ServeBackend;
import com.headlessanalytics.console.domain.Ids;
import com.headlessanalytics.console.domain.trackable.TrackableCodes;
import com.headlessanalytics.console.engine.analytics.AnalyticsIndex;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLContext;

/**
 * The embedded engine: the whole API on an H2 file in one data folder. Opening it migrates the
 * schema and creates the first workspace (with its default business) when there is none.
 */
public final class Engine implements ServeBackend, AutoCloseable {
    public static final String DEFAULT_BUSINESS_ID = "default";
    /** The principal of {@link #defaultWorkspace()} and {@link #workspace(String)}: the local operator. */
    public static final String LOCAL_OPERATOR = "operator:" + System.getProperty("user.name", "local");

    private final Database db;
    private final Clock clock;
    private final KeyBlockIndex keyBlocks;
    private final EventStore events;
    private final ApiKeys keys;
    private final UsageMeter usage;
    private final Readiness readiness;
    private final AnalyticsIndex analyticsIndex;
    private final AnalyticsLoader analyticsLoader;
    private final EntityBackfill graphBackfill;
    private final EngineAnalytics analytics;
    private final WorkspaceKeys workspaceKeys;
    private final EngineGovernance governance;
    private final EngineProofTrails proofTrails;
    private final EngineTrackables trackables;
    private final EnginePlans plans;
    private final EngineExports exports;
    private final Map<String, EngineApi> workspaces = new ConcurrentHashMap<>();
    private final String defaultWorkspaceId;

    private Engine(Database db, Clock clock, SSLContext proofPushTls, RandomGenerator codes) {
        this.db = db;
        this.clock = clock;
        this.keyBlocks = new KeyBlockIndex();
        this.analyticsIndex = new AnalyticsIndex();
        this.analyticsLoader = new AnalyticsLoader(db, analyticsIndex);
        EntityGraph graph = new EntityGraph();
        this.events = new EventStore(db, keyBlocks, List.of(new EventNameStats(), new TrackableScanStats(), graph),
                analyticsLoader);
        this.graphBackfill = new EntityBackfill(db, graph);
        this.analytics = new EngineAnalytics(db, analyticsIndex);
        this.keys = new ApiKeys(db, clock);
        this.usage = new UsageMeter(db);
        this.readiness = new Readiness(db, keys, usage, analyticsLoader);
        this.workspaceKeys = new WorkspaceKeys(db.folder());
        this.governance = new EngineGovernance(db, events, workspaceKeys, clock);
        this.proofTrails = new EngineProofTrails(db, workspaceKeys, clock, proofPushTls);
        this.trackables = new EngineTrackables(db, codes);
        this.plans = new EnginePlans(db);
        this.exports = new EngineExports(db, events, clock, proofPushTls);
        exports.recoverInterrupted();
        this.defaultWorkspaceId = ensureDefaultWorkspace();
        trackables.backfillIfNeeded();
        analyticsLoader.start();
        graphBackfill.start();
    }

    /** Opens (creating if needed) the engine in this data folder. */
    public static Engine open(Path dataFolder) {
        return open(dataFolder, Clock.systemUTC());
    }

    public static Engine open(Path dataFolder, Clock clock) {
        return new Engine(Database.open(dataFolder), clock, null, new SecureRandom());
    }

    /** For tests only: as {@link #open(Path, Clock)}, with trackable codes drawn from {@code codes}. */
    static Engine open(Path dataFolder, Clock clock, RandomGenerator codes) {
        return new Engine(Database.open(dataFolder), clock, null, codes);
    }

    /**
     * For tests only: as {@link #open(Path, Clock)}, with proof packets pushed over {@code proofPushTls}
     * (one that trusts a test certificate) instead of the JDK's default trust store.
     */
    static Engine open(Path dataFolder, Clock clock, SSLContext proofPushTls) {
        return new Engine(Database.open(dataFolder), clock, proofPushTls, new SecureRandom());
    }

    /** For tests: true once the events stored before the operating graph existed are in it. */
    boolean graphComplete() {
        return graphBackfill.done();
    }

    public Path dataFolder() {
        return db.folder();
    }

    public String defaultWorkspaceId() {
        return defaultWorkspaceId;
    }

    /** The port of the first workspace, acting as the local operator. */
    public HeadlessApi defaultWorkspace() {
        return workspace(defaultWorkspaceId, LOCAL_OPERATOR);
    }

    /** The port of the first workspace, acting as {@code principal} (an operator profile, e.g. "operator:ana"). */
    public HeadlessApi defaultWorkspace(String principal) {
        return workspace(defaultWorkspaceId, principal);
    }

    /** The port of a workspace, acting as the local operator. */
    public HeadlessApi workspace(String workspaceId) {
        return workspace(workspaceId, LOCAL_OPERATOR);
    }

    /** The port of a workspace, acting as {@code principal}: the proposer and approver it records. */
    public HeadlessApi workspace(String workspaceId, String principal) {
        return workspaces.computeIfAbsent(workspaceId + "\n" + principal, k -> new EngineApi(workspaceId,
                defaultBusinessOf(workspaceId), principal, events, readiness, analytics, usage, governance,
                proofTrails, workspaceKeys, trackables, plans, exports, clock));
    }

    @Override
    public HeadlessApi workspace(Principal principal) {
        return workspace(principal.workspaceId(), principal.keyId() != null ? principal.keyId()
                : "workspace:" + principal.workspaceId());
    }

    /**
     * The public base URL of the tracking links ({@code <url>/t/<code>}) of trackables created from
     * now on; by default {@value EngineTrackables#DEFAULT_PUBLIC_URL}, serve mode's default address.
     * Serve mode's {@code --public-url} sets it. Links already created keep theirs.
     *
     * @throws IllegalArgumentException unless an absolute http(s) URL without query or fragment
     */
    public void setPublicUrl(String url) {
        trackables.publicUrl(url);
    }

    public String publicUrl() {
        return trackables.publicUrl();
    }

    /** Why {@code url} cannot be the public URL ({@link #setPublicUrl}), or null when it can. */
    public static String publicUrlProblem(String url) {
        return EngineTrackables.publicUrlProblem(url);
    }

    @Override
    public Optional<TrackableLink> trackableLink(String code) {
        String canonical = code == null || code.chars().anyMatch(Character::isISOControl) ? null
                : TrackableCodes.normalize(code);
        if (canonical == null) {
            return Optional.empty();
        }
        EngineTrackables.Located found = trackables.locate(canonical);
        return found == null ? Optional.empty() : Optional.of(new TrackableLink(found.workspaceId(), found.trackable()));
    }

    /** The signing keys of the workspaces. */
    public WorkspaceKeys workspaceKeys() {
        return workspaceKeys;
    }

    /** The analytics loader, for the engine's own tests (snapshot writes). */
    AnalyticsLoader analyticsLoader() {
        return analyticsLoader;
    }

    KeyBlockIndex keyBlocks() {
        return keyBlocks;
    }

    /** Governance, for the engine's own tests (its fault-injection seam). */
    EngineGovernance governance() {
        return governance;
    }

    public ApiKeys keys() {
        return keys;
    }

    @Override
    public Optional<Principal> authenticate(String apiKey) {
        return keys.authenticate(apiKey);
    }

    @Override
    public void meter(UsageRecord record) {
        usage.record(record);
    }

    @Override
    public RuntimeHealth health() {
        long now = clock.millis();
        return readiness.check(new Proof(Ids.newId("q", now), null, null, new Period(null, null), now,
                Proof.SCHEMA_VERSION));
    }

    /**
     * Saves the analytics snapshot (when the projection has rows the last one lacks) and pending
     * usage records, then closes the database; queued writes finish first.
     */
    @Override
    public void close() {
        graphBackfill.close();
        analyticsLoader.close();
        usage.close();
        db.close();
    }

    private String defaultBusinessOf(String workspaceId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT default_business_id FROM workspace WHERE id = ?")) {
                ps.setString(1, workspaceId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalArgumentException("No workspace " + workspaceId);
                    }
                    return rs.getString(1);
                }
            }
        });
    }

    private String ensureDefaultWorkspace() {
        return db.write(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT id FROM workspace ORDER BY created_at, id LIMIT 1")) {
                if (rs.next()) {
                    return rs.getString(1);
                }
            }
            long now = clock.millis();
            String id = Ids.newId("ws", now);
            try (PreparedStatement ws = c.prepareStatement(
                    "INSERT INTO workspace (id, name, default_business_id, created_at) VALUES (?, ?, ?, ?)");
                 PreparedStatement business = c.prepareStatement(
                    "INSERT INTO business (workspace_id, id, name, kind, created_at) VALUES (?, ?, ?, ?, ?)")) {
                ws.setString(1, id);
                ws.setString(2, "My workspace");
                ws.setString(3, DEFAULT_BUSINESS_ID);
                ws.setLong(4, now);
                ws.executeUpdate();
                business.setString(1, id);
                business.setString(2, DEFAULT_BUSINESS_ID);
                business.setString(3, "Default business");
                business.setString(4, "company");
                business.setLong(5, now);
                business.executeUpdate();
            }
            return id;
        });
    }
}
