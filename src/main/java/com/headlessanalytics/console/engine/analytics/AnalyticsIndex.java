package com.headlessanalytics.console.engine.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The in-memory analytics projection of every workspace: rebuilt from the database on start (by
 * one loader), then kept current by the writer after each commit. Rows reach it in storage order;
 * a row the loader already read is skipped when the writer reports it too.
 */
public final class AnalyticsIndex {
    /** One event's analytics facts, as stored. Trust tier 0 = none, 1..5 = T0..T4. */
    public record Row(String workspaceId, long seq, long ts, String event, String actorKey, String businessId,
                      String source, String channel, String campaign, String medium, Long revenueMicros, int flags,
                      int tier) {
    }

    private final Map<String, Columns> workspaces = new ConcurrentHashMap<>();
    private final Map<String, ActorIndex> actorIndexes = new ConcurrentHashMap<>();
    private final CountDownLatch loaded = new CountDownLatch(1);
    private final Object lock = new Object();
    private List<Row> pending = new ArrayList<>();
    private volatile RuntimeException loadFailure;
    /** The highest storage sequence applied; rows at or below it are already here. */
    private long applied;

    /** The loader's rows, in storage order. */
    public void load(Row row) {
        synchronized (lock) {
            apply(row);
        }
    }

    /** The loader is done: rows the writer reported meanwhile are applied, and queries may run. */
    public void loaded() {
        synchronized (lock) {
            for (Row r : pending) {
                apply(r);
            }
            pending = null;
        }
        loaded.countDown();
    }

    /** The loader failed: queries report it instead of answering from a partial projection. */
    public void loadFailed(RuntimeException failure) {
        loadFailure = failure;
        loaded.countDown();
    }

    /** The writer's rows, after their commit, in storage order. */
    public void committed(List<Row> rows) {
        synchronized (lock) {
            if (pending != null) {
                pending.addAll(rows);
                return;
            }
            for (Row r : rows) {
                apply(r);
            }
        }
    }

    private void apply(Row r) {
        if (r.seq() <= applied) {
            return;
        }
        applied = r.seq();
        workspaces.computeIfAbsent(r.workspaceId(), id -> new Columns()).append(r.seq(), r.ts(), r.event(),
                r.actorKey(), r.businessId(), r.source(), r.channel(), r.campaign(), r.medium(), r.revenueMicros(),
                r.flags(), r.tier());
    }

    /**
     * Starts from a snapshot's rows instead of an empty projection: before the loader reads any
     * row, which then reads only rows after {@code applied}.
     */
    public void restore(ProjectionSnapshot.Contents snapshot) {
        synchronized (lock) {
            if (applied != 0 || !workspaces.isEmpty()) {
                throw new IllegalStateException("restore before loading anything");
            }
            workspaces.putAll(snapshot.workspaces());
            applied = snapshot.applied();
        }
    }

    /** The highest storage sequence applied so far. */
    public long applied() {
        synchronized (lock) {
            return applied;
        }
    }

    /**
     * A consistent point to snapshot (every row up to the sequence applied, and no later one), or
     * null while the loader is still reading. Taken under the writer's lock, so it costs one map
     * walk; the rows below it never change, so writing them needs no lock.
     */
    public ProjectionSnapshot.Point point() {
        synchronized (lock) {
            if (pending != null) {
                return null;
            }
            Map<String, Integer> sizes = new java.util.TreeMap<>();
            workspaces.forEach((id, c) -> {
                if (c.size() > 0) {
                    sizes.put(id, c.size());
                }
            });
            return new ProjectionSnapshot.Point(applied, sizes);
        }
    }

    /** A workspace's columns as they are, loaded or not; for the snapshot writer. */
    Columns existing(String workspaceId) {
        return workspaces.get(workspaceId);
    }

    /** Whether the projection is loaded and queries can run at once. */
    public boolean ready() {
        return loaded.getCount() == 0 && loadFailure == null;
    }

    /**
     * The columns of a workspace (empty when it has no events), once the projection is loaded.
     *
     * @throws IllegalStateException when loading failed or did not finish in time
     */
    public Columns columns(String workspaceId, long waitMs) {
        try {
            if (!loaded.await(waitMs, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("The analytics index is still loading; try again shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the analytics index", e);
        }
        if (loadFailure != null) {
            throw new IllegalStateException("The analytics index could not be loaded: " + loadFailure.getMessage(),
                    loadFailure);
        }
        return workspaces.computeIfAbsent(workspaceId, id -> new Columns());
    }

    /**
     * Each actor's rows in event order, for all rows the columns hold now: reused while no row was
     * added, rebuilt otherwise.
     */
    public ActorIndex actorIndex(String workspaceId, Columns c, Cancel cancel) {
        int n = c.size();
        ActorIndex cached = actorIndexes.get(workspaceId);
        if (cached != null && cached.rows() == n) {
            return cached;
        }
        ActorIndex built = ActorIndex.build(c, n, cancel);
        actorIndexes.merge(workspaceId, built, (old, fresh) -> old.rows() >= fresh.rows() ? old : fresh);
        return built;
    }
}
