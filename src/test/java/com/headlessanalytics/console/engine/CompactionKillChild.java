package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.api.HeadlessApi;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Run in a child JVM by {@link CompactionWhileOpenTest}: opens the data folder with a rule that
 * compacts from the first commit and never finds the file live enough, so that a compaction step
 * follows every write; then ingests one-event batches, printing each id and whether the writer is
 * compacting once its ingest has returned, until it is killed.
 */
public final class CompactionKillChild {
    public static void main(String[] args) throws Exception {
        Engine engine = Engine.open(Path.of(args[0]));
        HeadlessApi api = engine.defaultWorkspace();
        Database db = ((EngineApi) api).database();
        db.compactionRule(new Database.CompactionRule(0, 101, 101, 64 << 10, 0, Long.MAX_VALUE));
        for (int i = 1; ; i++) {
            api.ingest(List.of(Map.of("id", "e-" + i, "event", "order.created", "timestamp", 1_700_000_000_000L + i)));
            System.out.println("STORED e-" + i + " " + db.compacting());
            System.out.flush();
        }
    }
}
