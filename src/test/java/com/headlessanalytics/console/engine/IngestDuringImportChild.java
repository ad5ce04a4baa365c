package com.headlessanalytics.console.engine;

import com.headlessanalytics.console.api.HeadlessApi;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Run in a child JVM by {@link BackgroundCompactionTest}: opens the data folder, opens a bulk import
 * (which turns H2's background writer on; here with a 5 s delay, so that H2 alone would surely not have
 * stored the last commits) and then ingests one-event batches through the ordinary path, printing each
 * id once its ingest has returned, until it is killed.
 */
public final class IngestDuringImportChild {
    public static void main(String[] args) throws Exception {
        Engine engine = Engine.open(Path.of(args[0]));
        HeadlessApi api = engine.defaultWorkspace();
        BulkImport.open(api).orElseThrow();
        // a longer delay than the import's, so that a commit left to H2 would surely be lost
        ((EngineApi) api).database().read(c -> c.createStatement().execute("SET WRITE_DELAY 5000"));
        for (int i = 1; ; i++) {
            api.ingest(List.of(Map.of("id", "e-" + i, "event", "order.created", "timestamp", 1_700_000_000_000L + i)));
            System.out.println("STORED e-" + i);
            System.out.flush();
            Thread.sleep(2);
        }
    }
}
