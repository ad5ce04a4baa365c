package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.api.HeadlessApi;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Run in a child JVM by {@link CompactionWhileOpenTest}: opens the data folder with a rule that
 * compacts from the first commit, never finds the file live enough and never pauses, so that a
 * compaction step follows the writes (every 5 ms at most); no chunk is old enough for H2 to rewrite
 * (45 s), so each step finds nothing. Then ingests one-event batches, printing each id, whether the
 * writer is compacting and the steps that rewrote something, once its ingest has returned, until
 * it is killed.
 */
public final class CompactionKillChild {
    public static void main(String[] args) throws Exception {
        Engine engine = Engine.open(Path.of(args[0]));
        HeadlessApi api = engine.defaultWorkspace();
        Database db = ((EngineApi) api).database();
        db.compactionRule(new Database.CompactionRule(0, 101, 101, 16 << 20, 5, Long.MAX_VALUE));
        for (int i = 1; ; i++) {
            api.ingest(List.of(Map.of("id", "e-" + i, "event", "order.created", "timestamp", 1_700_000_000_000L + i)));
            System.out.println("STORED e-" + i + " " + db.compacting() + " " + db.compactionSteps());
            System.out.flush();
        }
    }
}
