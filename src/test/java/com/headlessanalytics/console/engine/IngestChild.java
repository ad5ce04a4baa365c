package com.headlessanalytics.console.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Run in a child JVM by {@link KillDuringIngestTest}: ingests batches forever, printing "ACK n" after each. */
public final class IngestChild {
    public static final int BATCH = 250;

    public static void main(String[] args) {
        Engine engine = Engine.open(Path.of(args[0]));
        var api = engine.defaultWorkspace();
        System.out.println("READY");
        System.out.flush();
        for (int batch = 0; ; batch++) {
            List<Map<String, Object>> events = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                events.add(Map.of("id", "b" + batch + "-" + i, "event", "sensor.read",
                        "properties", Map.of("batch", batch, "payload", "x".repeat(200))));
            }
            api.ingest(events);
            System.out.println("ACK " + batch);
            System.out.flush();
        }
    }
}
