package com.headlessanalytics.console.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.analytics.AnalyticsPropertyTest;
import com.headlessanalytics.console.api.Entities;
import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.HeadlessApi;
import com.headlessanalytics.console.api.IngestResult;
import com.headlessanalytics.console.domain.Event;
import com.headlessanalytics.console.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The engine's operating graph against {@link NaiveGraph} on random events: names and properties
 * given by several mentions at tied and distinct times, string actors, objects without ids,
 * explicit relationships, repeated mentions in one event, stored in a random order over random
 * batches. One engine serves the class; each try uses entity types and a business of its own.
 */
class EntityGraphPropertyTest {
    private static final long BASE = 1_767_225_600_000L;
    private static Path dir;
    private static Engine engine;
    private static HeadlessApi api;
    private static final AtomicInteger RUN = new AtomicInteger();

    @BeforeContainer
    static void openEngine() throws IOException {
        dir = Files.createTempDirectory("ha-graph-property");
        engine = Engine.open(dir);
        api = engine.defaultWorkspace();
    }

    @AfterContainer
    static void closeEngine() throws IOException {
        engine.close();
        AnalyticsPropertyTest.delete(dir);
    }

    /** Ties are common (six ticks); the naive rebuild replays the events in the order they were stored. */
    @Property(tries = 40)
    void anyStorageOrderGivesTheNaiveRebuildOfThatOrder(@ForAll long seed) {
        Random random = new Random(seed);
        int run = RUN.incrementAndGet();
        List<Map<String, Object>> events = events(random, run, true);
        List<Map<String, Object>> stored = new ArrayList<>(events);
        Collections.shuffle(stored, random);
        ingest(stored, random);
        assertThat(engineGraph(run)).isEqualTo(naive(NaiveGraph.of(stored), run));
    }

    /** With distinct timestamps the order of storing cannot matter: any permutation gives the in-order graph. */
    @Property(tries = 30)
    void withDistinctTimesEveryPermutationGivesTheSameGraph(@ForAll long seed) {
        Random random = new Random(seed);
        int run = RUN.incrementAndGet();
        List<Map<String, Object>> inOrder = events(random, run, false);
        List<Map<String, Object>> stored = new ArrayList<>(inOrder);
        Collections.shuffle(stored, random);
        ingest(stored, random);
        assertThat(engineGraph(run)).isEqualTo(naive(NaiveGraph.of(inOrder), run));
    }

    private static void ingest(List<Map<String, Object>> stored, Random random) {
        int at = 0;
        while (at < stored.size()) {
            int n = Math.min(stored.size() - at, 1 + random.nextInt(12));
            IngestResult result = api.ingest(stored.subList(at, at + n));
            assertThat(result.accepted()).isEqualTo(n);
            at += n;
        }
    }

    /** Events in time order: {@code ties} puts them on six ticks, else each on a second of its own. */
    private static List<Map<String, Object>> events(Random random, int run, boolean ties) {
        int count = 1 + random.nextInt(40);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", "g" + run + "-" + i);
            e.put("event", List.of("viewed", "bought", "scanned").get(random.nextInt(3)));
            e.put("businessId", "b" + run);
            e.put("timestamp", BASE + (ties ? random.nextInt(6) * 1000L : i * 1000L));
            switch (random.nextInt(5)) {
                case 0 -> e.put("actor", "anon-" + random.nextInt(3));
                case 1 -> e.put("actor", Map.of("type", "customer-" + run, "name", "nameless"));
                case 2, 3 -> e.put("actor", mention(random, "customer-" + run));
                default -> { }
            }
            if (random.nextBoolean()) {
                e.put("object", mention(random, random.nextBoolean() ? "product-" + run : "customer-" + run));
            }
            if (random.nextInt(3) > 0) {
                Map<String, Object> entity = mention(random, random.nextBoolean() ? "product-" + run : "location-" + run);
                if (random.nextBoolean()) {
                    Map<String, Object> properties = new TreeMap<>();
                    for (String key : List.of("price", "color", "size")) {
                        if (random.nextBoolean()) {
                            properties.put(key, random.nextBoolean() ? random.nextInt(4) : "v" + random.nextInt(3));
                        }
                    }
                    entity.put("properties", properties);
                }
                List<Map<String, Object>> relationships = new ArrayList<>();
                for (int r = random.nextInt(3); r > 0; r--) {
                    Map<String, Object> target = mention(random, random.nextBoolean() ? "product-" + run
                            : "customer-" + run);
                    if (random.nextBoolean()) {
                        target.put("relation", random.nextBoolean() ? "stocks" : "viewed");
                    }
                    if (!(target.get("type").equals(entity.get("type")) && target.get("id").equals(entity.get("id")))) {
                        relationships.add(target);
                    }
                }
                if (!relationships.isEmpty()) {
                    entity.put("relationships", relationships);
                }
                e.put("entity", entity);
            }
            out.add(e);
        }
        return out;
    }

    /** A type and one of three ids, with one of two names half the time. */
    private static Map<String, Object> mention(Random random, String type) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("id", "i" + random.nextInt(3));
        if (random.nextBoolean()) {
            m.put("name", random.nextBoolean() ? "Ana" : "Bo");
        }
        return m;
    }

    /** The naive graph's entities of this try, with their outgoing relationships. */
    private static Map<String, Object> naive(NaiveGraph g, int run) {
        Map<String, Object> out = new TreeMap<>();
        g.nodes.forEach((key, n) -> {
            if (mine(key, run)) {
                Map<String, List<Object>> links = new TreeMap<>();
                g.links.forEach((l, link) -> {
                    if (l.startsWith(key + " -")) {
                        links.put(l.substring(key.length() + 1), List.of(link.count(), link.firstSeen(), link.lastSeen()));
                    }
                });
                out.put(key, List.of(String.valueOf(n.name()), n.properties().toString(), n.firstSeen(), n.lastSeen(),
                        n.eventCount(), n.eventIds().stream().sorted().toList(), links));
            }
        });
        return out;
    }

    /** The same view read through the port. */
    private static Map<String, Object> engineGraph(int run) {
        Map<String, Object> out = new TreeMap<>();
        for (String type : List.of("customer-" + run, "product-" + run, "location-" + run, "business")) {
            Entities.Query q = new Entities.Query(type, null, 2, null);
            Entities.Page page;
            do {
                page = api.entities(q);
                for (Entities.Entity e : page.entities()) {
                    String key = e.type() + "/" + e.id();
                    if (!mine(key, run)) {
                        continue;
                    }
                    Map<String, List<Object>> links = new TreeMap<>();
                    for (Entities.Relationship r : api.entity(e.type(), e.id()).relationships()) {
                        if (r.direction().equals(Entities.Relationship.OUT)) {
                            links.put("-" + r.relation() + "-> " + r.type() + "/" + r.id(),
                                    List.of(r.count(), r.firstSeen(), r.lastSeen()));
                        }
                    }
                    out.put(key, List.of(String.valueOf(e.name()), new TreeMap<>(e.properties()).toString(),
                            e.firstSeen(), e.lastSeen(), e.eventCount(), eventIds(e), links));
                }
                q = q.withCursor(page.nextCursor());
            } while (page.nextCursor() != null);
        }
        return out;
    }

    private static List<String> eventIds(Entities.Entity e) {
        List<String> ids = new ArrayList<>();
        Entities.EventsQuery q = new Entities.EventsQuery(e.type(), e.id(), 3, null);
        EventPage page;
        do {
            page = api.entityEvents(q);
            page.events().stream().map(Event::id).forEach(ids::add);
            q = q.withCursor(page.nextCursor());
        } while (page.nextCursor() != null);
        assertThat(ids).as("one mention per event, newest first").doesNotHaveDuplicates();
        return ids.stream().sorted().toList();
    }

    private static boolean mine(String key, int run) {
        return key.equals("business/b" + run) || key.matches("[a-z]+-" + run + "/.*");
    }
}
