package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.api.ApiException;
import com.headlessanalytics.console.api.Entities;
import com.headlessanalytics.console.api.ErrorCodes;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.domain.FieldError;
import com.headlessanalytics.console.domain.graph.EntityKey;
import com.headlessanalytics.console.domain.graph.GraphFacts;
import com.headlessanalytics.console.domain.graph.GraphRules;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operating graph (docs/graph.md), held in memory and kept by a thread of its own: built from
 * the stored events on the first read, then fed each commit's events, in commit order, by the
 * writer thread. A read waits until the graph holds every event committed before it. Nothing of it is written to H2 (random-key tables there cost ingest 0.06–0.18 of
 * its rate: docs/graph.md), so it is derived from the events alone and nothing is lost on a crash.
 * Every merge is order-independent: counts add, first and last seen take the minimum and maximum,
 * and the name and each property keep the value with the latest (timestamp, seq).
 */
final class GraphProjection implements EventStore.AfterCommit {
    private static final Logger LOG = LoggerFactory.getLogger(GraphProjection.class);
    private static final int PAGE = 20_000;
    static final long LOAD_WAIT_MS = 120_000;

    /** A value with the (timestamp, seq) of the mention it came from. */
    record Stamped(Object value, long ts, long seq) {
        boolean laterThan(Stamped other) {
            return other == null || ts > other.ts || (ts == other.ts && seq > other.seq);
        }
    }

    /** A relationship and its totals. */
    static final class Edge {
        final Node from;
        final String relation;
        final Node to;
        long count;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;

        Edge(Node from, String relation, Node to) {
            this.from = from;
            this.relation = relation;
            this.to = to;
        }

        /** Equal when from the same entity, to the same entity, with the same name. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Edge e && e.from == from && e.to == to && e.relation.equals(relation);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(to) * 31 + relation.hashCode();
        }
    }

    /** The events that name an entity, as (timestamp, seq) pairs in one array, sorted when read. */
    static final class Timeline {
        private long[] pairs = new long[2];
        private int size;
        private boolean sorted = true;

        void add(long t, long s) {
            if (2 * size == pairs.length) {
                pairs = Arrays.copyOf(pairs, pairs.length * 2);
            }
            if (size > 0 && (t < pairs[2 * size - 2] || (t == pairs[2 * size - 2] && s < pairs[2 * size - 1]))) {
                sorted = false;
            }
            pairs[2 * size] = t;
            pairs[2 * size + 1] = s;
            size++;
        }

        /** Up to {@code limit} + 1 events before (ts, seq) (all when null), newest first, as {ts, seq} pairs. */
        List<long[]> newestBefore(long[] before, int limit) {
            if (!sorted) {
                long[][] all = new long[size][];
                for (int i = 0; i < size; i++) {
                    all[i] = new long[] {pairs[2 * i], pairs[2 * i + 1]};
                }
                Arrays.sort(all, Comparator.<long[]>comparingLong(p -> p[0]).thenComparingLong(p -> p[1]));
                for (int i = 0; i < size; i++) {
                    pairs[2 * i] = all[i][0];
                    pairs[2 * i + 1] = all[i][1];
                }
                sorted = true;
            }
            List<long[]> out = new ArrayList<>();
            for (int i = size - 1; i >= 0 && out.size() <= limit; i--) {
                long t = pairs[2 * i];
                long s = pairs[2 * i + 1];
                if (before == null || t < before[0] || (t == before[0] && s < before[1])) {
                    out.add(new long[] {t, s});
                }
            }
            return out;
        }
    }

    /** An entity; its relationship lists are made when it gets its first. */
    static final class Node {
        /** Up to this many outgoing relationships are found by a scan, more through a map. */
        private static final int SCANNED = 16;
        final EntityKey key;
        Stamped name;
        Map<String, Stamped> properties;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long count;
        final Timeline timeline = new Timeline();
        List<Edge> out;
        Map<Edge, Edge> outIndex;
        List<Edge> in;

        Node(EntityKey key) {
            this.key = key;
        }

        /** The relationship to {@code to} named {@code relation}, made when new. */
        Edge edgeTo(String relation, Node to) {
            if (out == null) {
                out = new ArrayList<>(2);
            }
            Edge probe = new Edge(this, relation, to);
            Edge found = null;
            if (outIndex != null) {
                found = outIndex.get(probe);
            } else {
                for (Edge e : out) {
                    if (e.to == to && e.relation.equals(relation)) {
                        found = e;
                        break;
                    }
                }
            }
            if (found != null) {
                return found;
            }
            out.add(probe);
            if (outIndex != null) {
                outIndex.put(probe, probe);
            } else if (out.size() > SCANNED) {
                outIndex = new HashMap<>();
                out.forEach(e -> outIndex.put(e, e));
            }
            if (to.in == null) {
                to.in = new ArrayList<>(2);
            }
            to.in.add(probe);
            return probe;
        }

        Entities.Entity entity() {
            Map<String, Object> values = new LinkedHashMap<>();
            if (properties != null) {
                properties.forEach((k, v) -> values.put(k, v.value()));
            }
            return new Entities.Entity(key.type(), key.id(), name == null ? null : (String) name.value(), values,
                    first, last, count);
        }
    }

    /** One workspace's graph; readers take the read lock, the writer thread the write lock. */
    static final class Graph {
        final ReadWriteLock lock = new ReentrantReadWriteLock();
        final NavigableMap<EntityKey, Node> nodes = new TreeMap<>();
        /** One copy of each type and relation name (there are few), not one per entity. */
        private final Map<String, String> names = new HashMap<>();

        private String shared(String name) {
            return names.size() < 10_000 ? names.computeIfAbsent(name, k -> k) : name;
        }

        void apply(long seq, Event event) {
            GraphFacts facts = GraphRules.of(event);
            if (facts.isEmpty()) {
                return;
            }
            long ts = event.timestamp();
            for (GraphFacts.Mention m : facts.mentions()) {
                Node n = nodes.get(m.key());
                if (n == null) {
                    EntityKey key = new EntityKey(shared(m.key().type()), m.key().id());
                    n = new Node(key);
                    nodes.put(key, n);
                }
                n.first = Math.min(n.first, ts);
                n.last = Math.max(n.last, ts);
                n.count++;
                n.timeline.add(ts, seq);
                if (m.name() != null) {
                    Stamped candidate = new Stamped(m.name(), ts, seq);
                    if (candidate.laterThan(n.name)) {
                        n.name = candidate;
                    }
                }
                if (m.properties() != null) {
                    if (n.properties == null) {
                        n.properties = new TreeMap<>();
                    }
                    for (Map.Entry<String, Object> p : m.properties().entrySet()) {
                        Stamped candidate = new Stamped(p.getValue(), ts, seq);
                        if (candidate.laterThan(n.properties.get(p.getKey()))) {
                            n.properties.put(p.getKey(), candidate);
                        }
                    }
                }
            }
            for (GraphFacts.Edge e : facts.edges()) {
                Edge edge = nodes.get(e.from()).edgeTo(shared(e.relation()), nodes.get(e.to()));
                edge.count++;
                edge.first = Math.min(edge.first, ts);
                edge.last = Math.max(edge.last, ts);
            }
        }
    }

    private record Commit(String workspaceId, List<IngestProjection.Stored> stored) {
    }

    /** Commits a live graph may have waiting before the writer thread waits for it. */
    private static final int MAX_WAITING = 64;

    private final Database db;
    private final boolean enabled;
    private final Map<String, Graph> graphs = new ConcurrentHashMap<>();
    private final CountDownLatch loaded = new CountDownLatch(1);
    /** Guards the queue and the two sequence marks below. */
    private final Object lock = new Object();
    private final ArrayDeque<Commit> waiting = new ArrayDeque<>();
    private boolean live;
    /** The newest seq committed, and the newest the graph holds. */
    private long committedSeq;
    private long appliedSeq;
    private volatile boolean closing;
    private volatile String loadError;
    private volatile Thread worker;

    /** {@code enabled} false keeps no graph at all: the baseline of {@code bench graph}. */
    GraphProjection(Database db, boolean enabled) {
        this.db = db;
        this.enabled = enabled;
    }

    /**
     * For the baseline engine only, marks the graph built (and empty). Otherwise nothing happens
     * until the first read: a console that never asks about entities never builds the graph.
     */
    void start() {
        if (!enabled) {
            loaded.countDown();
        }
    }

    /**
     * On the first read: notes the newest stored event and starts the graph's thread, which builds
     * the graph from the events stored up to it, then applies each commit as it comes.
     */
    private void ensureStarted() {
        synchronized (lock) {
            if (!enabled || worker != null || closing) {
                return;
            }
            long last = db.read(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT COALESCE(MAX(seq), 0) FROM event")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            committedSeq = Math.max(committedSeq, last);
            worker = Thread.ofPlatform().name("ha-graph").daemon().start(() -> run(last));
        }
    }

    /** Stops the build at the next page, or the thread after the commit it is applying, and waits. */
    void close() {
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
        }
        if (worker != null) {
            try {
                worker.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** On the writer thread, in commit order: hands the events to the graph's thread. */
    @Override
    public void committed(String workspaceId, List<IngestProjection.Stored> stored) {
        if (!enabled || stored.isEmpty()) {
            return;
        }
        synchronized (lock) {
            if (worker == null) {
                return;
            }
            while (live && waiting.size() >= MAX_WAITING && !closing && loadError == null) {
                try {
                    lock.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            waiting.add(new Commit(workspaceId, List.copyOf(stored)));
            committedSeq = Math.max(committedSeq, stored.get(stored.size() - 1).seq());
            lock.notifyAll();
        }
    }

    private void apply(String workspaceId, List<IngestProjection.Stored> stored) {
        Graph g = graphs.computeIfAbsent(workspaceId, k -> new Graph());
        g.lock.writeLock().lock();
        try {
            for (IngestProjection.Stored s : stored) {
                g.apply(s.seq(), s.event());
            }
        } finally {
            g.lock.writeLock().unlock();
        }
    }

    private void run(long last) {
        long started = System.nanoTime();
        try {
            load(last);
            if (closing) {
                return;
            }
            synchronized (lock) {
                appliedSeq = Math.max(appliedSeq, last);
                live = true;
                lock.notifyAll();
            }
            loaded.countDown();
            LOG.info("Operating graph built from {} stored events in {} ms", last,
                    (System.nanoTime() - started) / 1_000_000);
            while (!closing) {
                Commit next;
                synchronized (lock) {
                    while (waiting.isEmpty() && !closing) {
                        lock.wait();
                    }
                    next = waiting.poll();
                }
                if (next != null) {
                    apply(next.workspaceId(), next.stored().stream().filter(e -> e.seq() > last).toList());
                    synchronized (lock) {
                        appliedSeq = Math.max(appliedSeq, next.stored().get(next.stored().size() - 1).seq());
                        lock.notifyAll();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            loadError = e.getMessage();
            LOG.error("Keeping the operating graph failed; it is built again on the next open", e);
        } finally {
            loaded.countDown();
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }

    /** Reads the events stored before the engine opened, in pages by seq. */
    private void load(long last) {
        long after = 0;
        while (after < last && !closing) {
            long from = after;
            Map<String, List<IngestProjection.Stored>> page = db.read(c -> {
                Map<String, List<IngestProjection.Stored>> out = new LinkedHashMap<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT seq, workspace_id, envelope FROM event"
                        + " WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT " + PAGE)) {
                    ps.setLong(1, from);
                    ps.setLong(2, last);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(
                                    new IngestProjection.Stored(rs.getLong(1), EventStore.fromJson(rs.getString(3))));
                        }
                    }
                }
                return out;
            });
            if (page.isEmpty()) {
                break;
            }
            for (Map.Entry<String, List<IngestProjection.Stored>> w : page.entrySet()) {
                apply(w.getKey(), w.getValue());
                after = Math.max(after, w.getValue().get(w.getValue().size() - 1).seq());
            }
        }
    }

    /**
     * The workspace's graph once it holds every event committed before this call; 503
     * {@code not_ready} after a long wait or a failed build.
     */
    private Graph graph(String workspaceId) {
        ensureStarted();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOAD_WAIT_MS);
        try {
            synchronized (lock) {
                long target = committedSeq;
                while (enabled && appliedSeq < target && loadError == null && !closing) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new ApiException.Server(503, ErrorCodes.NOT_READY, "The operating graph is still being"
                                + " built from the stored events; try again shortly", null);
                    }
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException.Server(503, ErrorCodes.NOT_READY, "Interrupted while the graph was being built", e);
        }
        if (loadError != null) {
            throw new ApiException.Server(503, ErrorCodes.NOT_READY,
                    "The operating graph could not be built: " + loadError, null);
        }
        return graphs.computeIfAbsent(workspaceId, k -> new Graph());
    }

    /** True once the stored events are in the graph (for tests and readiness). */
    boolean loaded() {
        return loaded.getCount() == 0;
    }

    // ---- Reads ----

    /** One page by (type, id) after the cursor; {@code q} matches name or id case-insensitively. */
    Entities.Page list(String workspaceId, Entities.Query q) {
        EntityKey after = q.cursor() == null ? null : decodeCursor(q.cursor());
        String text = q.q() == null || q.q().isBlank() ? null : q.q().strip().toLowerCase(Locale.ROOT);
        int limit = q.effectiveLimit();
        Graph g = graph(workspaceId);
        List<Entities.Entity> found = new ArrayList<>();
        boolean more = false;
        g.lock.readLock().lock();
        try {
            NavigableMap<EntityKey, Node> range = g.nodes;
            if (q.type() != null) {
                range = range.subMap(new EntityKey(q.type(), ""), true, new EntityKey(q.type() + "\0", ""), false);
            }
            if (after != null) {
                range = range.tailMap(after, false);
            }
            for (Node n : range.values()) {
                if (text != null && !matches(n, text)) {
                    continue;
                }
                if (found.size() == limit) {
                    more = true;
                    break;
                }
                found.add(n.entity());
            }
        } finally {
            g.lock.readLock().unlock();
        }
        Entities.Entity last = found.isEmpty() ? null : found.get(found.size() - 1);
        return new Entities.Page(found, more ? encodeCursor(last.type(), last.id()) : null, null);
    }

    private static boolean matches(Node n, String text) {
        return n.key.id().toLowerCase(Locale.ROOT).contains(text)
                || (n.name != null && ((String) n.name.value()).toLowerCase(Locale.ROOT).contains(text));
    }

    /** What the detail of an entity shows, read under one lock; null when there is no such entity. */
    record View(Entities.Entity entity, List<Entities.Relationship> relationships, long relationshipCount,
                List<long[]> recent) {
    }

    View view(String workspaceId, String type, String id, int relationships, int events) {
        Graph g = graph(workspaceId);
        g.lock.writeLock().lock();
        try {
            Node n = g.nodes.get(new EntityKey(type, id));
            if (n == null) {
                return null;
            }
            List<Edge> out = n.out == null ? List.of() : n.out;
            List<Edge> in = n.in == null ? List.of() : n.in;
            List<Entities.Relationship> related = new ArrayList<>(latest(out, relationships).stream()
                    .map(e -> relationship(Entities.Relationship.OUT, e, e.to)).toList());
            related.addAll(latest(in, relationships).stream()
                    .map(e -> relationship(Entities.Relationship.IN, e, e.from)).toList());
            related.sort(Comparator.comparingLong(Entities.Relationship::lastSeen).reversed()
                    .thenComparing(Entities.Relationship::direction).thenComparing(Entities.Relationship::relation)
                    .thenComparing(Entities.Relationship::type).thenComparing(Entities.Relationship::id));
            return new View(n.entity(), related, out.size() + in.size(), n.timeline.newestBefore(null, events));
        } finally {
            g.lock.writeLock().unlock();
        }
    }

    /** Up to {@code limit} + 1 of the events naming the entity, newest first, before the cursor; null when unknown. */
    List<long[]> timeline(String workspaceId, String type, String id, long[] before, int limit) {
        Graph g = graph(workspaceId);
        g.lock.writeLock().lock();
        try {
            Node n = g.nodes.get(new EntityKey(type, id));
            return n == null ? null : n.timeline.newestBefore(before, limit);
        } finally {
            g.lock.writeLock().unlock();
        }
    }

    private static List<Edge> latest(java.util.Collection<Edge> edges, int limit) {
        PriorityQueue<Edge> heap = new PriorityQueue<>(Comparator.comparingLong((Edge e) -> e.last));
        for (Edge e : edges) {
            heap.add(e);
            if (heap.size() > limit) {
                heap.poll();
            }
        }
        return new ArrayList<>(heap);
    }

    private static Entities.Relationship relationship(String direction, Edge e, Node other) {
        return new Entities.Relationship(direction, e.relation, other.key.type(), other.key.id(),
                other.name == null ? null : (String) other.name.value(), e.count, e.first, e.last);
    }

    static String encodeCursor(String type, String id) {
        String raw = "e1\n" + type + "\n" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static EntityKey decodeCursor(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", 3);
            if (parts.length == 3 && parts[0].equals("e1")) {
                return new EntityKey(parts[1], parts[2]);
            }
        } catch (IllegalArgumentException malformed) {
            // reported below
        }
        throw ApiException.invalid("Invalid cursor", List.of(new FieldError(null, "cursor", "invalid_value",
                "is not a cursor this server issued; pass nextCursor back unchanged")));
    }
}
