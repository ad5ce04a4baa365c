package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.Attribution;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.api.Funnels;
import com.headlessanalytics.console.api.Metrics;
import com.headlessanalytics.console.api.Proof;
import com.headlessanalytics.console.engine.analytics.ActorIndex;
import com.headlessanalytics.console.engine.analytics.AnalyticsIndex;
import com.headlessanalytics.console.engine.analytics.Cancel;
import com.headlessanalytics.console.engine.analytics.Columns;
import com.headlessanalytics.console.engine.analytics.Dictionary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics, funnels and attribution of one engine, one class per section: {@link EngineMetrics},
 * {@link EngineMetricStore} (definitions and snapshots), {@link EngineFunnels} and
 * {@link EngineAttribution}. They answer from the in-memory projection, with the database only for
 * what the projection does not hold (stored definitions and snapshots, envelope paths used by step
 * filters, breakdowns and property sums: {@link EnvelopePaths}). This class holds what they and
 * {@link EngineInsights} share: the projection of a workspace, its actor index, and name lookups.
 */
final class EngineAnalytics {
    /** How long a query waits for the projection to finish loading after start. */
    static final long LOAD_WAIT_MS = 120_000;
    /** Name ids never equal this: a name nothing was stored under matches no row. */
    private static final int NO_SUCH_NAME = -3;

    private final Database db;
    private final AnalyticsIndex index;
    private final EngineMetricStore store;
    private final EngineMetrics metrics;
    private final EngineFunnels funnels;
    private final EngineAttribution attribution;

    EngineAnalytics(Database db, AnalyticsIndex index) {
        this.db = db;
        this.index = index;
        this.store = new EngineMetricStore(db);
        this.metrics = new EngineMetrics(this, store);
        this.funnels = new EngineFunnels(this);
        this.attribution = new EngineAttribution(this);
    }

    Database database() {
        return db;
    }

    Columns columns(String workspaceId) {
        try {
            return index.columns(workspaceId, LOAD_WAIT_MS);
        } catch (IllegalStateException e) {
            throw new ApiException.Server(503, ErrorCodes.NOT_READY, e.getMessage(), e);
        }
    }

    ActorIndex actors(String workspaceId, Columns c) {
        return index.actorIndex(workspaceId, c, Cancel.THREAD);
    }

    /** The id of an event name in the projection, or an id no row has when nothing was stored under it. */
    static int nameOrNone(Columns c, String name) {
        int id = c.names.id(name);
        return id < 0 ? NO_SUCH_NAME : id;
    }

    // ---- metrics ------------------------------------------------------------------------------

    Metrics.Result metrics(String ws, String business, Metrics.Query q, Proof proof, long now) {
        return metrics.metrics(ws, business, q, proof, now);
    }

    // ---- metric definitions and snapshots -----------------------------------------------------

    List<Metrics.Definition> definitions(String ws) {
        return store.definitions(ws);
    }

    Metrics.Definition saveDefinition(String ws, Metrics.Definition d, long now) {
        return store.saveDefinition(ws, d, now);
    }

    void deleteDefinition(String ws, String name) {
        store.deleteDefinition(ws, name);
    }

    List<Metrics.Snapshot> snapshots(String ws, String metric, int limit) {
        return store.snapshots(ws, metric, limit);
    }

    // ---- funnels ------------------------------------------------------------------------------

    Funnels.Result funnel(String ws, String business, Funnels.Query q, Proof proof) {
        return funnels.funnel(ws, business, q, proof);
    }

    Funnels.Actors funnelActors(String ws, String business, Funnels.ActorsQuery q, Proof proof) {
        return funnels.funnelActors(ws, business, q, proof);
    }

    // ---- attribution --------------------------------------------------------------------------

    Attribution.Result attribution(String ws, String business, Attribution.Query q, Proof proof) {
        return attribution.attribution(ws, business, q, proof);
    }

    /** Value → count for the values present, largest first, ties by value. */
    static Map<String, Long> countMap(Columns c, long[] counts) {
        return largest(c.touchValues, counts, counts.length);
    }

    /** Value → count of the {@code limit} largest counts above 0, largest first, ties by value. */
    static Map<String, Long> largest(Dictionary values, long[] counts, int limit) {
        List<Integer> ids = new ArrayList<>();
        for (int v = 0; v < counts.length; v++) {
            if (counts[v] > 0) {
                ids.add(v);
            }
        }
        ids.sort((x, y) -> counts[y] != counts[x] ? Long.compare(counts[y], counts[x])
                : values.value(x).compareTo(values.value(y)));
        Map<String, Long> out = new LinkedHashMap<>();
        for (int v : ids.subList(0, Math.min(limit, ids.size()))) {
            out.put(values.value(v), counts[v]);
        }
        return out;
    }

    /** Recent events of a business up to a time, newest first, for the health summary. */
    static EventQuery recent(String business, long to, int limit) {
        return new EventQuery(business, null, null, null, null, to, limit, null, EventQuery.Order.DESC);
    }
}
