package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.api.HeadlessApi;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Run in a child JVM by {@link BackgroundCompactionTest}: opens the data folder with a rule that
 * starts H2's background writer at the first commit, ingests a first event, raises H2's write delay to 5 s, so that a commit left to H2
 * would surely not be stored yet, and then ingests one-event batches, printing each id once its ingest
 * has returned, until it is killed.
 */
public final class BackgroundWriterKillChild {
    public static void main(String[] args) throws Exception {
        Engine engine = Engine.open(Path.of(args[0]));
        HeadlessApi api = engine.defaultWorkspace();
        Database db = ((EngineApi) api).database();
        db.compactionRule(new Database.CompactionRule(0, 101, 101, 60_000, 0));
        api.ingest(List.of(Map.of("id", "e-0", "event", "order.created", "timestamp", 1_700_000_000_000L)));
        if (!db.storesEachCommit()) {
            throw new IllegalStateException("the background writer did not start with the first write");
        }
        db.read(c -> c.createStatement().execute("SET WRITE_DELAY 5000"));
        for (int i = 1; ; i++) {
            api.ingest(List.of(Map.of("id", "e-" + i, "event", "order.created", "timestamp", 1_700_000_000_000L + i)));
            System.out.println("STORED e-" + i);
            System.out.flush();
            Thread.sleep(2);
        }
    }
}
