package com.headlessanalytics.console.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Run in a child JVM by {@link KillDuringSnapshotWriteTest}: ingests a batch and saves the
 * analytics snapshot, forever; each save prints "HOLDING n" once its bytes are written and holds
 * the file open 400 ms before forcing and renaming it.
 */
public final class SnapshotWriteChild {
    public static void main(String[] args) {
        Engine engine = Engine.open(Path.of(args[0]));
        AnalyticsProjectionTest.ask(engine.defaultWorkspace());
        System.out.println("READY");
        System.out.flush();
        List<List<Map<String, Object>>> batches = AnalyticsSnapshotTest.batches(20_000, 77);
        for (int n = 0; ; n++) {
            engine.defaultWorkspace().ingest(batches.get(n % batches.size()));
            int save = n;
            boolean[] told = {false};
            engine.analyticsLoader().writeSnapshot(() -> {
                if (!told[0]) {
                    told[0] = true;
                    System.out.println("HOLDING " + save);
                    System.out.flush();
                }
                try {
                    Thread.sleep(400);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }
}
