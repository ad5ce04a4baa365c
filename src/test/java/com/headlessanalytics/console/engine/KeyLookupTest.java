package com.headlessanalytics.console.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.headlessanalytics.console.api.EventPage;
import com.headlessanalytics.console.api.EventQuery;
import com.headlessanalytics.console.domain.Event;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * traceId and actor lookups go through Bloom-filter blocks; their answers must equal a plain
 * filter over all events, across written blocks, the open block, a reopen, paging and time ranges.
 */
class KeyLookupTest {
    @TempDir
    Path dir;

    record Ingested(String id, long ts, String trace, String actor) {
    }

    @Test
    void answersEqualAPlainFilterAcrossBlocksReopenAndPaging() {
        Random random = new Random(7);
        List<Ingested> all = new ArrayList<>();
        int total = KeyBlockIndex.BLOCK_EVENTS * 2 + 1500;
        try (Engine engine = Engine.open(dir)) {
            ingest(engine, random, all, total);
            assertThat(engine.keyBlocks().writtenBlocks(engine.defaultWorkspaceId())).isEqualTo(2);
        }
        try (Engine engine = Engine.open(dir)) {
            ingest(engine, random, all, 700);
            var api = engine.defaultWorkspace();
            for (int probe = 0; probe < 40; probe++) {
                Ingested pick = all.get(random.nextInt(all.size()));
                boolean byTrace = probe % 2 == 0;
                Long from = probe % 3 == 0 ? pick.ts() - 50_000 : null;
                Long to = probe % 5 == 0 ? pick.ts() + 50_000 : null;
                EventQuery.Order order = probe % 4 < 2 ? EventQuery.Order.ASC : EventQuery.Order.DESC;
                Comparator<Ingested> byTime = Comparator.comparingLong(Ingested::ts)
                        .thenComparingInt(all::indexOf);
                List<String> expected = all.stream()
                        .filter(i -> byTrace ? pick.trace().equals(i.trace()) : pick.actor().equals(i.actor()))
                        .filter(i -> (from == null || i.ts() >= from) && (to == null || i.ts() <= to))
                        .sorted(order == EventQuery.Order.ASC ? byTime : byTime.reversed())
                        .map(Ingested::id).toList();
                EventQuery q = new EventQuery(null, null, byTrace ? pick.trace() : null, byTrace ? null : pick.actor(),
                        from, to, 3, null, order);
                List<String> got = new ArrayList<>();
                EventPage page;
                do {
                    page = api.events(q);
                    page.events().stream().map(Event::id).forEach(got::add);
                    q = q.withCursor(page.nextCursor());
                } while (page.nextCursor() != null);
                assertThat(got).as("probe %d", probe).containsExactlyElementsOf(expected);
            }
        }
    }

    private static void ingest(Engine engine, Random random, List<Ingested> all, int n) {
        for (int done = 0; done < n; done += 1000) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = done; i < Math.min(n, done + 1000); i++) {
                String id = "e" + all.size();
                long ts = 1_700_000_000_000L + random.nextInt(10_000_000);
                String trace = "tr" + random.nextInt(3000);
                String actor = "ac" + random.nextInt(500);
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("id", id);
                e.put("event", "x.y");
                e.put("timestamp", ts);
                e.put("traceId", trace);
                e.put("actor", random.nextBoolean() ? actor : Map.of("id", actor));
                batch.add(e);
                all.add(new Ingested(id, ts, trace, actor));
            }
            engine.defaultWorkspace().ingest(batch);
        }
    }
}
