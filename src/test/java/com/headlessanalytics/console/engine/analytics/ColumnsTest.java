package com.headlessanalytics.console.engine.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compact columns give back every value appended, whichever encoding a chunk widened to
 * (sequence gaps, also past an unsigned int; timestamps years apart; more than 65,535 event names;
 * actor keys long and non-ASCII); and so does a snapshot of them.
 */
class ColumnsTest {
    @TempDir
    Path dir;

    @Test
    void everyValueComesBackWhateverTheChunkWidenedToAndAfterASnapshot() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        AnalyticsIndex index = new AnalyticsIndex();
        List<AnalyticsIndex.Row> rows = new ArrayList<>();
        long seq = 0;
        int n = 3 * Columns.CHUNK + 1234;
        for (int r = 0; r < n; r++) {
            int chunk = r / Columns.CHUNK;
            seq += switch (chunk) {
                case 0 -> 1;
                case 1 -> 1 + random.nextInt(3);
                default -> r % 50_000 == 7 ? 5_000_000_000L : 1 + random.nextInt(2);
            };
            long ts = chunk == 2 ? random.nextLong(0, 4_000_000_000_000L) : 1_700_000_000_000L + r * 1000L;
            String name = chunk >= 1 && r % 2 == 0 ? "name." + r : "page.viewed";
            String business = chunk == 3 ? "b" + r : "default";
            String actor = r % 4 == 0 ? null : r % 97 == 0 ? "ä" + "x".repeat(300 + r % 50) : "actor-" + (r / 3);
            String source = r % 5 == 0 ? null : "s" + (chunk == 3 ? r : r % 7);
            Long revenue = r % 11 == 0 ? (long) r * 1_000_000 : null;
            rows.add(new AnalyticsIndex.Row("ws", seq, ts, name, actor, business, source, null, "c" + (r % 3), null,
                    revenue, r % 8, r % 6));
        }
        rows.forEach(index::load);
        index.loaded();
        Columns c = index.columns("ws", 0);
        check(c, rows);
        Path file = dir.resolve("s.snapshot");
        ProjectionSnapshot.write(file, "id", index, index.point(), null);
        ProjectionSnapshot.Contents read = ProjectionSnapshot.read(file);
        assertThat(read.applied()).isEqualTo(seq);
        assertThat(read.rows()).isEqualTo(n);
        check(read.workspaces().get("ws"), rows);
        assertThat(Files.exists(dir.resolve("s.snapshot.tmp"))).isFalse();
    }

    private static void check(Columns c, List<AnalyticsIndex.Row> rows) {
        assertThat(c.size()).isEqualTo(rows.size());
        int revenueRows = 0;
        for (int r = 0; r < rows.size(); r++) {
            AnalyticsIndex.Row x = rows.get(r);
            assertThat(c.seq(r)).as("seq %d", r).isEqualTo(x.seq());
            assertThat(c.ts(r)).as("ts %d", r).isEqualTo(x.ts());
            assertThat(c.names.value(c.name(r))).isEqualTo(x.event());
            assertThat(c.businesses.value(c.business(r))).isEqualTo(x.businessId());
            assertThat(c.actor(r) < 0 ? null : c.actors.value(c.actor(r))).as("actor %d", r).isEqualTo(x.actorKey());
            if (x.actorKey() != null) {
                assertThat(c.actors.id(x.actorKey())).isEqualTo(c.actor(r));
            }
            int s = c.touch(r, 0);
            assertThat(s < 0 ? null : c.touchValues.value(s)).isEqualTo(x.source());
            assertThat(c.touchValues.value(c.touch(r, 2))).isEqualTo(x.campaign());
            assertThat(c.touch(r, 1)).isEqualTo(-1);
            assertThat(c.flags(r)).isEqualTo(x.flags() & 7);
            assertThat(c.tier(r)).isEqualTo(x.tier());
            assertThat(c.revenueOf(r)).isEqualTo(x.revenueMicros() == null ? 0 : x.revenueMicros());
            revenueRows += x.revenueMicros() == null ? 0 : 1;
        }
        assertThat(c.revenueCount()).isEqualTo(revenueRows);
        assertThat(c.actors.id("nobody")).isEqualTo(-1);
        assertThat(c.names.size()).isGreaterThan(65_536);
        assertThat(c.businesses.size()).isGreaterThan(1_000);
    }
}
